"""Pages of the document importer, and publishing or deleting a draft plan.

Upload → review (every flag shown, corrections inline with htmx) → import as a draft → publish.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocity.core.datafile import DataFileError
from innocity.orgs import permissions
from innocity.orgs.models import GOVERNMENT_TYPES, Organisation
from innocity.plans import importing, selectors
from innocity.plans.models import ImportStatus, PlanImport
from innocity.plans.services import plan_delete_draft, plan_publish

ACCEPTED = ".txt,.docx,.pdf"
# The words documents use for each comparator, so a reviewer recognises them.
COMPARATOR_CHOICES = [(">", "> 突破/超过"), (">=", "≥ 达到/以上/不少于"), ("=", "= 数量"), ("<=", "≤ 不超过/以内"),
                      ("<", "< 低于"), ("~", "≈ 左右"), ("range", "— 区间")]


def _load_import(import_id: int) -> PlanImport:
    return get_object_or_404(PlanImport, pk=import_id)


def _load_plan(plan_id: int):
    return selectors.plan_get(plan_id)


@permissions.guard(permissions.can_import_plans)
def upload(request):
    error = None
    if request.method == "POST":
        document = request.FILES.get("document")
        if document is None:
            error = _("Choose a file to upload.")
        elif document.size > importing.MAX_UPLOAD_BYTES:
            error = _("The file is larger than %(mb)d MB.") % {"mb": importing.MAX_UPLOAD_BYTES // 1024 // 1024}
        else:
            try:
                plan_import = importing.plan_import_create(
                    user=request.user, filename=document.name, content=document.read())
            except importing.DocumentError as exc:
                error = str(exc)
            else:
                return redirect("plans:import_review", plan_import.pk)
    recent = PlanImport.objects.select_related("created_by", "plan").defer("content", "document")[:20]
    return render(request, "plans/import_upload.html",
                  {"error": error, "recent": recent, "accepted": ACCEPTED}, status=400 if error else 200)


def _review_context(plan_import: PlanImport, problems=None, edited=None) -> dict:
    review = importing.plan_import_review(plan_import)
    document = plan_import.document
    return {
        "plan_import": plan_import,
        "document": document,
        "meta": document.get("meta") or {},
        "review": review,
        "tasks": importing.review_tasks(document, review.flags),
        "organisations": Organisation.objects.filter(type__in=GOVERNMENT_TYPES).order_by("position"),
        "problems": problems or [],
        "edited": edited,
        "is_open": plan_import.status == ImportStatus.OPEN,
        "comparators": COMPARATOR_CHOICES,
    }


@permissions.guard(permissions.can_manage_import, load=_load_import)
def review(request, plan_import, import_id):
    return render(request, "plans/import_review.html", _review_context(plan_import))


@require_POST
@permissions.guard(permissions.can_manage_import, load=_load_import)
def edit(request, plan_import, import_id):
    action = request.POST.get("action", "")
    problems = importing.plan_import_edit(plan_import, action, request.POST)
    edited = f"{action}:{request.POST.get('task', '')}:{request.POST.get('owner', '')}" \
             f":{request.POST.get('owner_index', '')}:{request.POST.get('target', '')}"
    if not request.htmx:
        for problem in problems:
            messages.error(request, problem)
        return redirect("plans:import_review", plan_import.pk)
    context = _review_context(plan_import, problems, edited)
    return render(request, "plans/_import_review.html", context, status=422 if problems else 200)


@require_POST
@permissions.guard(permissions.can_manage_import, load=_load_import)
def commit(request, plan_import, import_id):
    try:
        plan = importing.plan_import_commit(plan_import, replace=request.POST.get("replace") == "on")
    except DataFileError as exc:
        context = _review_context(plan_import, [str(p.reason) for p in exc.problems])
        return render(request, "plans/import_review.html", context, status=422)
    messages.success(request, _("Imported as a draft plan. Check it, then publish it."))
    return redirect("plans:detail", plan.pk)


@require_POST
@permissions.guard(permissions.can_manage_import, load=_load_import)
def discard(request, plan_import, import_id):
    importing.plan_import_discard(plan_import)
    messages.info(request, _("The import was discarded."))
    return redirect("plans:import_upload")


@require_POST
@permissions.guard(permissions.can_edit_plan, load=_load_plan)
def publish(request, plan, plan_id):
    try:
        plan_publish(plan)
    except DataFileError as exc:
        for problem in exc.problems:
            messages.error(request, problem.reason)
    else:
        messages.success(request, _("The plan is published."))
    return redirect("plans:detail", plan.pk)


@require_POST
@permissions.guard(permissions.can_edit_plan, load=_load_plan)
def delete(request, plan, plan_id):
    try:
        plan_delete_draft(plan)
    except DataFileError as exc:
        messages.error(request, exc.problems[0].reason)
        return redirect("plans:detail", plan.pk)
    messages.info(request, _("The draft plan was deleted."))
    return redirect("plans:list")
