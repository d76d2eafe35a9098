"""How fast the document importer's parser is (issue 3: Xinxiang < 50 ms, a 1 MB document < 2 s).

Baseline, run in the same process on the same text: reading the text into lines and one naive
regex pass that finds every number (`\\d+(\\.\\d+)?`) — the least any parser must do. The ratio says
how many such passes the parser costs. The notes cache is cleared before every timed run, so
each run is a cold parse. Exits 1 when a limit is missed.

    .venv/bin/python benchmarks/planparse_speed.py
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from innocity.core.orgnames import directory_from_registry  # noqa: E402
from innocity.core.planparse import parse_text  # noqa: E402
from innocity.core.planparse.units import _find_notes  # noqa: E402

SAMPLE = ROOT / "samples" / "xinxiang-innovative-city-plan-2022-2024.txt"
DOCUMENTS = ROOT / "tests" / "core" / "planparse" / "documents"
REGISTRY = ROOT / "innocity" / "orgs" / "data" / "xinxiang-organisations.yaml"
LIMIT_SAMPLE = 0.050
LIMIT_MEGABYTE = 2.0
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def timed(function, repeat: int) -> float:
    """Median seconds of `repeat` cold runs."""
    times = []
    for _ in range(repeat):
        _find_notes.cache_clear()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def baseline(text: str) -> int:
    return len(text.splitlines()) + sum(1 for _ in _NUMBER.finditer(text))


def megabyte_document() -> str:
    """About 1 MB of varied plan text: the sample and our test documents, one after another."""
    parts = [SAMPLE.read_text(encoding="utf-8")]
    parts += [path.read_text(encoding="utf-8") for path in sorted(DOCUMENTS.glob("*.txt"))]
    text = ""
    while len(text.encode("utf-8")) < 1024 * 1024:
        text += "\n".join(parts) + "\n"
    return text


def main() -> int:
    directory = directory_from_registry(yaml.safe_load(REGISTRY.read_text(encoding="utf-8")), {"新乡市": "市"})
    sample = SAMPLE.read_text(encoding="utf-8")
    big = megabyte_document()
    failed = False
    for name, text, repeat, limit in (("Xinxiang sample", sample, 20, LIMIT_SAMPLE),
                                      (f"{len(big.encode()) / 1024 / 1024:.2f} MB document", big, 3, LIMIT_MEGABYTE)):
        parse = timed(lambda text=text: parse_text(text, directory), repeat)
        base = timed(lambda text=text: baseline(text), repeat)
        tasks = len(parse_text(text, directory).tasks)
        ok = parse < limit
        failed |= not ok
        print(f"planparse {name}: {parse * 1000:.1f} ms for {tasks} tasks (limit {limit * 1000:.0f} ms) — "
              f"{parse / base:.0f}× the baseline of {base * 1000:.2f} ms (split lines + one number regex) "
              f"{'OK' if ok else 'TOO SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
