"""API: plans with their sections, tasks, responsibilities and targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from innocity.orgs import permissions
from innocity.plans import selectors

router = Router(tags=["plans"])


class PlanSummary(Schema):
    id: int
    title: str
    issuer: str
    document_number: str
    issued_on: dt.date | None
    period_start: int
    period_end: int
    status: str
    task_count: int
    goal_count: int


class TargetOut(Schema):
    id: int
    text: str
    indicator: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    deadline: str
    recurring: str
    aspiration: bool
    approximate: bool
    baseline_value: Decimal | None
    baseline_unit: str
    baseline_period: str


class ResponsibilityOut(Schema):
    organisation: str | None
    organisation_name: str
    role: str
    written_as: str

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        """None while a draft's unit is not in the registry."""
        return obj.organisation.code if obj.organisation_id else None

    @staticmethod
    def resolve_organisation_name(obj) -> str:
        return obj.unit_name


class TaskOut(Schema):
    id: int
    number: str
    title: str
    text: str
    responsibilities: list[ResponsibilityOut]
    targets: list[TargetOut]

    @staticmethod
    def resolve_responsibilities(obj):
        return obj.responsibilities.all()

    @staticmethod
    def resolve_targets(obj):
        return obj.targets.all()


class SectionOut(Schema):
    id: int
    number: str
    title: str
    kind: str
    text: str
    sections: list[SectionOut]
    tasks: list[TaskOut]
    targets: list[TargetOut]


SectionOut.model_rebuild()


class PlanOut(PlanSummary):
    preamble: str
    goals: list[TargetOut]
    sections: list[SectionOut]


def _section(node) -> dict:
    s = node.section
    return {
        "id": s.pk, "number": s.number, "title": s.title, "kind": s.kind, "text": s.text,
        "sections": [_section(child) for child in node.children],
        "tasks": node.tasks, "targets": node.targets,
    }


@router.get("", response=list[PlanSummary], summary="Plans visible to the caller")
def plan_list(request):
    permissions.authorize(request.auth, permissions.can_view_plans)
    return selectors.plans_visible(request.auth)


@router.get("/{plan_id}", response=PlanOut, summary="One plan: goals, sections, tasks, units, targets")
def plan_detail(request, plan_id: int):
    plan = selectors.plan_get(plan_id)
    permissions.authorize(request.auth, permissions.can_view_plan, plan)
    overview = selectors.plan_overview(plan)
    return {
        "id": plan.pk, "title": plan.title, "issuer": plan.issuer, "document_number": plan.document_number,
        "issued_on": plan.issued_on, "period_start": plan.period_start, "period_end": plan.period_end,
        "status": plan.status,
        "task_count": overview.task_count,
        "goal_count": len(overview.goals),
        "preamble": plan.preamble,
        "goals": overview.goals,
        "sections": [_section(node) for node in overview.sections],
    }
