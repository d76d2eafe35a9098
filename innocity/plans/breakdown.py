"""The plan's 任务分解表 and an organisation's 责任清单 as Excel workbooks."""

from __future__ import annotations

from innocity.core.breakdown import deadline_label, lead_units
from innocity.orgs.models import Organisation
from innocity.plans import selectors
from innocity.plans.models import Plan, Task
from innocity.reports.task_breakdown import BreakdownRow, breakdown_workbook


def task_row(number: int, task: Task, plan: Plan) -> BreakdownRow:
    """One row: units as the document writes them (a group once, not its twelve members)."""
    responsibilities = list(task.responsibilities.all())
    written = list(dict.fromkeys((r.written_as or r.organisation.short_name, r.role) for r in responsibilities))
    targets = list(task.targets.all())
    return BreakdownRow(
        number=number,
        task=f"{task.number}.{task.title}",
        content=task.text,
        lead="、".join(lead_units(written)),
        responsible="、".join(name for name, _ in written),
        targets="\n".join(t.text for t in targets),
        deadline=deadline_label(
            [int(t.deadline) if t.deadline.isdigit() else None for t in targets],
            recurring=any(t.recurring for t in targets),
            plan_end=plan.period_end,
        ),
    )


def plan_workbook(plan: Plan) -> bytes:
    rows = [task_row(n, task, plan) for n, task in enumerate(selectors.plan_tasks(plan), start=1)]
    return breakdown_workbook(f"{plan.title}任务分解表", rows)


def organisation_workbook(plan: Plan, organisation: Organisation) -> bytes:
    tasks = selectors.responsibility_list(organisation, plan)
    rows = [task_row(n, task, plan) for n, task in enumerate(tasks, start=1)]
    return breakdown_workbook(f"{plan.title}责任清单({organisation.short_name})", rows)

