"""A stored plan back in the plan-data layout (docs/formats/plan-data.md).

Used to compare a stored plan with a revised document, and by `innocity plan export`, so that a
plan corrected in the admin can be kept as a reviewed data file again.
"""

from __future__ import annotations

from decimal import Decimal

import yaml

from innocity.plans import selectors
from innocity.plans.models import Plan, Target, Task


def _number(value: Decimal | None):
    """6 stored decimals back to the number as written: 3.100000 → 3.1, 1000.000000 → 1000."""
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _target(target: Target) -> dict:
    data = {
        "text": target.text, "indicator": target.indicator, "comparator": target.comparator,
        "value": _number(target.value), "unit": target.unit,
        "deadline": int(target.deadline) if target.deadline.isdigit() else None,
        "recurring": target.recurring or None, "aspiration": target.aspiration,
    }
    if target.comparator == "range":
        data["value_max"] = _number(target.value_max)
    if target.baseline_value is not None:
        data["baseline"] = {"value": _number(target.baseline_value), "unit": target.baseline_unit,
                            "period": target.baseline_period}
    return data


def _task(task: Task) -> dict:
    units: dict[tuple[str, str], list[str]] = {}
    for r in task.responsibilities.all():
        orgs = units.setdefault((r.written_as or r.unit_name, r.role), [])
        if r.organisation_id:
            orgs.append(r.organisation.short_name)
    return {
        "number": task.number, "title": task.title, "text": task.text,
        "units": [{"name": name, "role": role, "orgs": orgs} for (name, role), orgs in units.items()],
        "targets": [_target(t) for t in task.targets.all()],
    }


def _section(node: selectors.SectionNode, goals: list[Target]) -> dict:
    section = node.section
    data: dict = {"number": section.number, "title": section.title}
    if section.kind != "text":
        data["kind"] = section.kind
    if section.text:
        data["text"] = section.text
    if section.kind == "goals":
        data["goals"] = [_target(t) for t in goals]
    elif node.targets:
        data["targets"] = [_target(t) for t in node.targets]
    if node.tasks:
        data["tasks"] = [_task(t) for t in node.tasks]
    if node.children:
        data["sections"] = [_section(child, goals) for child in node.children]
    return data


def plan_data_of(plan: Plan) -> dict:
    """The plan as a plan-data mapping (what `read_plan_data_mapping` reads back)."""
    overview = selectors.plan_overview(plan)
    return {
        "title": plan.title,
        "issuer": plan.issuer,
        "document_number": plan.document_number or None,
        "issued": plan.issued_on.isoformat() if plan.issued_on else None,
        "period": {"start": plan.period_start, "end": plan.period_end},
        "source": plan.source or None,
        "preamble": plan.preamble,
        "sections": [_section(node, overview.goals) for node in overview.sections],
    }


class _Dumper(yaml.SafeDumper):
    """Reviewable YAML: long texts as blocks, each unit and target on one line."""

    def ignore_aliases(self, data):
        return True


def _str(dumper, text):
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if len(text) > 60 else None)


def _dict(dumper, mapping):
    one_line = set(mapping) <= {"name", "role", "orgs"} or "indicator" in mapping or set(mapping) == {
        "value", "unit", "period"}
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping.items(), flow_style=one_line)


def _list(dumper, items):
    one_line = bool(items) and all(isinstance(x, str) for x in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=one_line)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _dict)
_Dumper.add_representer(list, _list)


def plan_yaml(plan: Plan) -> str:
    header = f"# {plan.title} — exported by innocity (docs/formats/plan-data.md)\n"
    return header + yaml.dump(plan_data_of(plan), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
