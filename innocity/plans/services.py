"""Every write to plans: one use case per function, each in one transaction."""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from innocity.core.datafile import DataFileError, Problem
from innocity.core.plandata import PlanData, SectionData, TargetData, read_plan_data
from innocity.orgs.models import Organisation
from innocity.orgs.selectors import short_names
from innocity.plans.models import Plan, PlanStatus, Responsibility, Section, Target, Task


def plan_data_read(text: str, filename: str) -> PlanData:
    """Validate a plan data file against the organisation registry in the database."""
    return read_plan_data(text, filename, short_names().__contains__)


def _target(plan: Plan, section: Section, task: Task | None, data: TargetData, position: int) -> Target:
    baseline = data.baseline
    return Target(
        plan=plan, section=section, task=task, is_goal=section.kind == "goals" and task is None,
        position=position, text=data.text, indicator=data.indicator, comparator=data.comparator,
        value=data.value, value_max=data.value_max, unit=data.unit,
        deadline=str(data.deadline) if data.deadline else "", recurring=data.recurring or "",
        aspiration=data.aspiration,
        baseline_value=baseline.value if baseline else None,
        baseline_unit=baseline.unit if baseline else "",
        baseline_period=baseline.period if baseline else "",
    )


@transaction.atomic
def plan_load(data: PlanData, *, source: str, replace: bool = False,
              status: str = PlanStatus.PUBLISHED) -> Plan:
    """Store a validated plan, all or nothing.

    A plan with the same title is refused unless `replace`, which deletes the stored one first.
    """
    existing = Plan.objects.filter(title=data.title).first()
    if existing is not None:
        if not replace:
            raise DataFileError([Problem(source, None, f"已存在同名方案 (编号 {existing.pk}): {data.title}")])
        existing.delete()
    orgs = {o.short_name: o for o in Organisation.objects.all()}
    reason = f"loaded from {source}"
    plan = Plan(
        title=data.title, issuer=data.issuer, document_number=data.document_number or "",
        issued_on=data.issued, period_start=data.period_start, period_end=data.period_end,
        status=status, preamble=data.preamble, source=data.source or source,
    )
    plan._change_reason = reason
    plan.save()

    tasks: list[Task] = []
    task_data = []
    targets: list[tuple[Section, TargetData, int | None]] = []
    section_position = 0

    def store(section_data: SectionData, parent: Section | None) -> None:
        nonlocal section_position
        section_position += 1
        section = Section(
            plan=plan, parent=parent, number=section_data.number, title=section_data.title,
            text=section_data.text, kind=section_data.kind, position=section_position,
        )
        section._change_reason = reason
        section.save()
        targets.extend((section, t, None) for t in section_data.targets)
        for task in section_data.tasks:
            tasks.append(Task(plan=plan, section=section, number=task.number, title=task.title,
                              text=task.text, position=len(tasks) + 1))
            task_data.append(task)
            targets.extend((section, t, len(tasks) - 1) for t in task.targets)
        for child in section_data.sections:
            store(child, section)

    for section_data in data.sections:
        store(section_data, None)
    tasks = bulk_create_with_history(tasks, Task, default_change_reason=reason)

    responsibilities = []
    for task, source_task in zip(tasks, task_data, strict=True):
        for unit in source_task.units:
            # A draft may name a unit the registry does not know: kept by its written name.
            for organisation in [orgs[short] for short in unit.orgs] or [None]:
                responsibilities.append(Responsibility(
                    task=task, organisation=organisation, role=unit.role,
                    written_as=unit.name, position=len(responsibilities) + 1,
                ))
    bulk_create_with_history(responsibilities, Responsibility, default_change_reason=reason)
    bulk_create_with_history(
        [_target(plan, section, tasks[i] if i is not None else None, t, n)
         for n, (section, t, i) in enumerate(targets, start=1)],
        Target, default_change_reason=reason,
    )
    return plan


@transaction.atomic
def plan_publish(plan: Plan) -> Plan:
    """Make a draft the working plan. Refused while a unit is unresolved or a task has no unit:
    every task of a published plan must reach a 责任清单."""
    problems = [
        Problem(plan.title, None, f"任务 {r.task.number} 的责任单位 {r.written_as} 尚未对应到组织名录")
        for r in Responsibility.objects.filter(task__plan=plan, organisation__isnull=True).select_related("task")
    ]
    problems += [
        Problem(plan.title, None, f"任务 {task.number} {task.title} 没有责任单位")
        for task in plan.tasks.filter(responsibilities__isnull=True)
    ]
    if problems:
        raise DataFileError(problems)
    if plan.status != PlanStatus.PUBLISHED:
        plan.status = PlanStatus.PUBLISHED
        plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def plan_delete_draft(plan: Plan) -> None:
    """Delete a draft (e.g. an import that went wrong); published plans are kept."""
    if plan.status != PlanStatus.DRAFT:
        raise DataFileError([Problem(plan.title, None, "只能删除草稿方案 / only drafts can be deleted")])
    plan.delete()
