"""A parsed plan as the rows of a 任务分解表 (plain dicts, one per task, in document order).

The workbook itself is innocity.reports.task_breakdown's, which the core may not import; the
keys here are the fields of its BreakdownRow. Lead units and 完成时限 follow the plan offices'
conventions in innocity.core.breakdown.

>>> from innocity.core.planparse import parse_text
>>> plan = parse_text("三、主要任务\\n1.建设加氢站。十四五末建成9个加氢站。(责任单位:市工信局、市发改委)")
>>> rows = breakdown_rows(plan, plan_end_year=2024)
>>> rows[0]["lead"], rows[0]["responsible"], rows[0]["targets"], rows[0]["deadline"]
('市工信局', '市工信局、市发改委', '建成9个加氢站', '2025年底(十四五末)')
"""

from __future__ import annotations

from innocity.core.breakdown import deadline_label, lead_units
from innocity.core.planparse.model import ParsedPlan, ParsedTask


def breakdown_rows(plan: ParsedPlan, plan_end_year: int | None = None) -> list[dict]:
    """One row per task: number (running), task, content, lead, responsible, targets, deadline."""
    plan_end = plan.period[1] if plan.period else plan_end_year
    return [_row(index, task, plan_end) for index, task in enumerate(plan.tasks, start=1)]


def _row(index: int, task: ParsedTask, plan_end: int | None) -> dict:
    named = list(dict.fromkeys((unit.name, unit.role) for unit in task.units))
    names = list(dict.fromkeys(name for name, _ in named))
    return {
        "number": index,
        "task": f"{task.number}.{task.title}" if task.number.isdigit() else f"{task.number}{task.title}",
        "content": task.text,
        "lead": "、".join(lead_units(named)),
        "responsible": "、".join(names),
        "targets": "\n".join(target.text for target in task.targets),
        "deadline": _deadline(task, plan_end),
    }


def _deadline(task: ParsedTask, plan_end: int | None) -> str:
    deadlines = [target.deadline for target in task.targets]
    recurring = any(target.recurring for target in task.targets)
    if plan_end is None:
        known = sorted({year for year in deadlines if year})
        if not known:
            return "每年" if recurring else ""
        plan_end = known[-1]
    return deadline_label(deadlines, recurring=recurring, plan_end=plan_end)
