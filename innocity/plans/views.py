"""Pages of the plan: overview, task, organisations and their 责任清单, Excel downloads.

Views only parse, check permission (innocity.orgs.permissions.guard), call selectors and render.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import escape_uri_path

from innocity.orgs import permissions
from innocity.orgs.models import Organisation
from innocity.plans import breakdown, exporting, selectors
from innocity.plans.models import Plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _load_plan(plan_id: int) -> Plan:
    return selectors.plan_get(plan_id)


def _load_task(plan_id: int, task_id: int):
    return selectors.task_get(plan_id, task_id)


def _load_organisation(code: str) -> Organisation:
    return selectors.organisation_get(code)


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


@permissions.guard(permissions.can_view_plans)
def plan_list(request):
    plans = list(selectors.plans_visible(request.user))
    can_import = permissions.can_import_plans(request.user)
    if len(plans) == 1 and not can_import:
        return redirect("plans:detail", plans[0].pk)
    return render(request, "plans/plan_list.html", {"plans": plans, "can_import": can_import})


@permissions.guard(permissions.can_view_plan, load=_load_plan)
def plan_detail(request, plan, plan_id):
    organisation = None
    code = request.GET.get("org")
    if code:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None or not permissions.can_view_organisation(request.user, organisation):
            raise Http404
    overview = selectors.plan_overview(plan, organisation)
    context = {
        "plan": plan,
        "overview": overview,
        "can_edit": permissions.can_edit_plan(request.user, plan),
        "organisations": selectors.organisations_with_task_counts(request.user, plan).filter(task_count__gt=0),
    }
    if request.htmx:
        return render(request, "plans/_plan_sections.html", context)
    return render(request, "plans/plan_detail.html", context)


@permissions.guard(permissions.can_view_plan, load=_load_plan)
def plan_breakdown_xlsx(request, plan, plan_id):
    content = breakdown.plan_workbook(plan)
    return _xlsx_response(content, f"{plan.title}-任务分解表.xlsx")


@permissions.guard(permissions.can_edit_plan, load=_load_plan)
def plan_export_yaml(request, plan, plan_id):
    """The plan as a plan-data file, to keep a corrected plan as a reviewed data file."""
    response = HttpResponse(exporting.plan_yaml(plan), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(plan.title)}.yaml"
    return response


@permissions.guard(permissions.can_view_task, load=_load_task)
def task_detail(request, task, plan_id, task_id):
    return render(request, "plans/task_detail.html", {"task": selectors.task_detail(task), "plan": task.plan})


@permissions.guard(permissions.can_view_organisations)
def organisation_list(request):
    plan = selectors.current_plan(request.user)
    organisations = selectors.organisations_with_task_counts(request.user, plan)
    return render(request, "plans/organisation_list.html", {"organisations": organisations, "plan": plan})


def _plan_for(request) -> Plan | None:
    """The plan named by ?plan=, else the user's current plan."""
    plan_id = request.GET.get("plan")
    if plan_id:
        if not plan_id.isdigit():
            raise Http404
        plan = selectors.plan_get(int(plan_id))
        permissions.authorize(request.user, permissions.can_view_plan, plan)
        return plan
    return selectors.current_plan(request.user)


@permissions.guard(permissions.can_view_organisation, load=_load_organisation)
def organisation_detail(request, organisation, code):
    plan = _plan_for(request) if organisation.is_government else None
    tasks = selectors.responsibility_list(organisation, plan) if plan else []
    context = {
        "organisation": organisation,
        "plan": plan,
        "tasks": tasks,
        "target_count": sum(len(task.targets.all()) for task in tasks),
        "can_download": plan is not None and permissions.can_download_responsibility_list(request.user, organisation),
    }
    return render(request, "plans/organisation_detail.html", context)


@permissions.guard(permissions.can_download_responsibility_list, load=_load_organisation)
def organisation_breakdown_xlsx(request, organisation, code):
    plan = _plan_for(request)
    if plan is None:
        raise Http404
    content = breakdown.organisation_workbook(plan, organisation)
    return _xlsx_response(content, f"{organisation.short_name}-责任清单.xlsx")
