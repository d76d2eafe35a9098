"""Site-wide pages: the home page that fits the role, and a health check for operators."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from innocity.orgs import permissions
from innocity.orgs.models import Organisation, Role
from innocity.plans import selectors as plan_selectors


@permissions.guard(permissions.is_signed_in)
def home(request):
    user = request.user
    context = {"roles": sorted(user.roles)}
    if permissions.is_government_user(user):
        plan = plan_selectors.current_plan(user)
        context["plan"] = plan
        if plan is not None:
            context["overview"] = plan_selectors.plan_overview(plan)
            if user.organisation and user.roles & {Role.REPORTER, Role.REVIEWER}:
                context["own_tasks"] = plan_selectors.responsibility_list(user.organisation, plan)
        return render(request, "platform/home_government.html", context)
    visible = permissions.visible_organisations(user, Organisation.objects.all())
    context["own"] = user.organisation
    context["consenting"] = visible.filter(type="enterprise").exclude(pk=user.organisation_id)
    return render(request, "platform/home_outside.html", context)


@login_not_required
def healthz(request):
    """For monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
