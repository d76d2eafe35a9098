"""Reads that the pages and the API share. Each returns what one screen needs in a few queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from innocity.orgs import permissions
from innocity.orgs.models import Organisation
from innocity.plans.models import Plan, PlanStatus, Responsibility, Section, Target, Task


def plans_visible(user) -> QuerySet[Plan]:
    plans = Plan.objects.annotate(
        task_count=Count("tasks", distinct=True),
        goal_count=Count("targets", filter=Q(targets__is_goal=True), distinct=True),
    )
    if permissions.can_edit_plan(user):
        return plans
    return plans.filter(status=PlanStatus.PUBLISHED)


def current_plan(user) -> Plan | None:
    """The plan a user works on by default: the newest published one."""
    return plans_visible(user).filter(status=PlanStatus.PUBLISHED).first()


def plan_get(plan_id: int) -> Plan:
    return get_object_or_404(Plan, pk=plan_id)


def task_get(plan_id: int, task_id: int) -> Task:
    return get_object_or_404(Task.objects.select_related("plan", "section__parent"), pk=task_id, plan_id=plan_id)


def organisation_get(code: str) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("parent"), code=code)


def _tasks_with_details() -> QuerySet[Task]:
    return Task.objects.select_related("section", "section__parent").prefetch_related(
        Prefetch("responsibilities", queryset=Responsibility.objects.select_related("organisation")),
        Prefetch("targets", queryset=Target.objects.order_by("position")),
    )


@dataclass
class SectionNode:
    section: Section
    children: list[SectionNode] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    @property
    def task_count(self) -> int:
        return len(self.tasks) + sum(child.task_count for child in self.children)


@dataclass
class PlanOverview:
    plan: Plan
    goals: list[Target]
    sections: list[SectionNode]
    task_count: int
    organisation: Organisation | None


def plan_overview(plan: Plan, organisation: Organisation | None = None) -> PlanOverview:
    """Goals, and the section tree with its tasks; with an organisation, only its tasks."""
    tasks = _tasks_with_details().filter(plan=plan)
    if organisation is not None:
        tasks = tasks.filter(responsibilities__organisation=organisation)
    sections = list(plan.sections.order_by("position"))
    nodes = {s.pk: SectionNode(s) for s in sections}
    roots = []
    for section in sections:
        (nodes[section.parent_id].children if section.parent_id else roots).append(nodes[section.pk])
    task_list = list(tasks)
    for task in task_list:
        nodes[task.section_id].tasks.append(task)
    goals = []
    for target in plan.targets.filter(task__isnull=True).order_by("position"):
        (goals if target.is_goal else nodes[target.section_id].targets).append(target)
    return PlanOverview(plan, goals, roots, len(task_list), organisation)


def plan_tasks(plan: Plan) -> list[Task]:
    """All tasks of a plan in document order, with units and targets."""
    return list(_tasks_with_details().filter(plan=plan))


def task_detail(task: Task) -> Task:
    return _tasks_with_details().get(pk=task.pk)


def responsibility_list(organisation: Organisation, plan: Plan) -> list[Task]:
    """The tasks of a plan that an organisation leads or shares, with all their units and targets."""
    return list(_tasks_with_details().filter(plan=plan, responsibilities__organisation=organisation).distinct())


def organisations_with_task_counts(user, plan: Plan | None) -> QuerySet[Organisation]:
    orgs = permissions.visible_organisations(user, Organisation.objects.select_related("parent"))
    if plan is None:
        return orgs
    return orgs.annotate(
        task_count=Count("responsibilities", filter=Q(responsibilities__task__plan=plan), distinct=True)
    )
