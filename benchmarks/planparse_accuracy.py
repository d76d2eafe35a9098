"""How well the document importer's parser reads plans: precision, recall and F1 for tasks, units
and targets.

1. The Xinxiang document (samples/) against the reviewed plan data
   (innocity/plans/data/xinxiang-2022-2024.yaml): a task counts when section path, number and
   title agree; a unit when (name, role, registry org) agree on a matched task; a target when
   every field agrees (text, indicator, comparator, value, unit, deadline, recurring, aspiration,
   baseline). The issue requires equality: F1 1.00 for all three.
2. The reference plans in ../shared/reference/plans (when that folder exists), scored with the
   shared scorer's `score` (planscore.py). The baseline is the floor this parser reached when it
   was written (mean F1 0.95 for each); falling below it is a regression.

Exits 1 when a requirement is missed.

    .venv/bin/python benchmarks/planparse_accuracy.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from innocity.core.orgnames import directory_from_registry  # noqa: E402
from innocity.core.planparse import parse_text, to_json  # noqa: E402

SAMPLE = ROOT / "samples" / "xinxiang-innovative-city-plan-2022-2024.txt"
REVIEWED = ROOT / "innocity" / "plans" / "data" / "xinxiang-2022-2024.yaml"
REGISTRY = ROOT / "innocity" / "orgs" / "data" / "xinxiang-organisations.yaml"
SHARED = ROOT.parent / "shared"
REFERENCE_FLOOR = 0.95
TARGET_FIELDS = ("text", "indicator", "comparator", "value", "unit", "deadline", "recurring", "aspiration", "baseline")


def prf(true_positive: int, predicted: int, expected: int) -> tuple[float, float, float]:
    precision = true_positive / predicted if predicted else float(expected == 0)
    recall = true_positive / expected if expected else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def heading(section: dict) -> str:
    number = section["number"]
    return number + section["title"] if number.startswith(("(", "（")) else f"{number}、{section['title']}"


def reviewed_parts(data: dict):
    """(tasks with their path, every target with where it stands) of the reviewed file."""
    tasks, targets = [], []

    def walk(sections, path):
        for section in sections:
            here = (*path, heading(section))
            for target in section.get("goals", []) + section.get("targets", []):
                targets.append(("goal" if section.get("kind") == "goals" else here, target))
            for task in section.get("tasks", []):
                tasks.append((here, task))
                targets.extend(((*here, task["number"]), t) for t in task.get("targets", []))
            walk(section.get("sections", []), here)

    walk(data["sections"], ())
    return tasks, targets


def target_key(where, target: dict) -> tuple:
    values = {field: target.get(field) for field in TARGET_FIELDS}
    values["value"] = float(values["value"])
    baseline = values["baseline"]
    values["baseline"] = None if not baseline else (float(baseline["value"]), baseline["unit"], str(baseline["period"]))
    return (where, *values.values())


def xinxiang() -> dict[str, tuple[float, float, float]]:
    directory = directory_from_registry(yaml.safe_load(REGISTRY.read_text(encoding="utf-8")), {"新乡市": "市"})
    parsed = to_json(parse_text(SAMPLE.read_text(encoding="utf-8"), directory))
    tasks, targets = reviewed_parts(yaml.safe_load(REVIEWED.read_text(encoding="utf-8")))
    expected_tasks = {(path, task["number"], task["title"]): task for path, task in tasks}
    got_tasks = {(tuple(task["section_path"]), task["number"], task["title"]): task for task in parsed["tasks"]}
    matched = set(expected_tasks) & set(got_tasks)
    expected_units = {(key, u["name"], u["role"], org) for key, t in expected_tasks.items() for u in t["units"]
                      for org in u["orgs"]}
    got_units = {(key, u["name"], u["role"], u["org"]) for key, t in got_tasks.items() for u in t["units"]}
    expected_targets = {target_key(where, t) for where, t in targets}
    got_targets = {target_key("goal", t) for t in parsed["goals"]}
    got_targets |= {target_key((*task["section_path"], task["number"]), t) for task in parsed["tasks"]
                    for t in task["targets"]}
    got_targets |= {target_key(tuple(t["section_path"]), t) for t in parsed["other_targets"]}
    print(f"planparse Xinxiang reviewed data holds {len(expected_tasks)} tasks, {len(expected_units)} unit "
          f"responsibilities and {len(expected_targets)} targets")
    return {
        "task": prf(len(matched), len(got_tasks), len(expected_tasks)),
        "unit": prf(len(expected_units & got_units), len(got_units), len(expected_units)),
        "target": prf(len(expected_targets & got_targets), len(got_targets), len(expected_targets)),
    }


def reference_plans() -> dict[str, dict] | None:
    tools = SHARED / "tools"
    plans = SHARED / "reference" / "plans"
    if not (tools / "planscore.py").exists():
        return None
    sys.path.insert(0, str(tools))
    from planscore import score

    results = {}
    for expected in sorted(plans.glob("*.expected.json")):
        document = expected.with_name(expected.name.replace(".expected.json", ".txt"))
        lines = document.read_text(encoding="utf-8").split("\n")
        while lines and lines[0].startswith("# "):
            lines.pop(0)
        results[document.name] = score(to_json(parse_text("\n".join(lines))), json.loads(expected.read_text("utf-8")))
    return results


def line(name: str, scores: dict) -> str:
    return "  ".join(f"{kind} P {p:.2f} R {r:.2f} F1 {f:.2f}" for kind, (p, r, f) in
                     ((kind, scores[kind]) for kind in ("task", "unit", "target")))


def main() -> int:
    failed = False
    own = xinxiang()
    ok = all(f1 == 1.0 for _, _, f1 in own.values())
    failed |= not ok
    print(f"planparse Xinxiang vs reviewed data: {line('xinxiang', own)}  {'OK' if ok else 'NOT EQUAL'}")
    reference = reference_plans()
    if reference is None:
        print("planparse reference plans: ../shared/reference/plans not found, skipped")
        return 1 if failed else 0
    for name, scores in reference.items():
        print(f"planparse {name}: {line(name, scores)}")
    means = {kind: sum(s[kind][2] for s in reference.values()) / len(reference) for kind in ("task", "unit", "target")}
    ok = all(value >= REFERENCE_FLOOR for value in means.values())
    failed |= not ok
    print("planparse reference plans mean F1: " + ", ".join(f"{kind} {value:.2f}" for kind, value in means.items())
          + f" (floor {REFERENCE_FLOOR:.2f}) {'OK' if ok else 'BELOW THE FLOOR'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
