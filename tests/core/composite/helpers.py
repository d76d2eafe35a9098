"""Small builders shared by the composite tests."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# The COINr reference results live in ../shared beside the repository (CI lays it out the same way).
REFERENCE = ROOT.parent / "shared" / "reference" / "composite"
SAMPLE = ROOT / "samples" / "composite"

META = [
    {"iCode": "a", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "P", "Direction": 1},
    {"iCode": "b", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "P", "Direction": 1},
    {"iCode": "c", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "Q", "Direction": -1},
    {"iCode": "P", "Level": 2, "Type": "Aggregate", "Weight": 1, "Parent": "Index"},
    {"iCode": "Q", "Level": 2, "Type": "Aggregate", "Weight": 1, "Parent": "Index"},
    {"iCode": "Index", "Level": 3, "Type": "Aggregate", "Weight": 1},
]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def read_result(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return {r["uCode"]: r for r in csv.DictReader(fh)}
