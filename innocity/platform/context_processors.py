"""The navigation a user sees, decided by the permission module, and the reminder of a password
that will soon expire."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocity.orgs import permissions


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not permissions.is_signed_in(user):
        return {"nav_items": []}
    items = [("home", _("Home"), reverse("home"))]
    if permissions.can_view_plans(user):
        items.append(("plans", _("Plan"), reverse("plans:list")))
    if permissions.can_view_organisations(user):
        items.append(("orgs", _("Units"), reverse("plans:organisations")))
    if permissions.can_view_security_log(user):
        items.append(("audit", _("Security log"), reverse("audit:log")))
    if permissions.can_use_admin(user):
        items.append(("admin", _("Administration"), reverse("admin:index")))
    if permissions.is_government_user(user):
        items.append(("api", _("API"), reverse("api:openapi-view")))
    section = request.path.strip("/").split("/")[0] or "home"
    aliases = {"plans": "plans", "orgs": "orgs", "audit": "audit", "admin": "admin", "api": "api"}
    # Set by PasswordChangeRequiredMiddleware; the change page states it itself.
    status = getattr(request, "password_status", None)
    remind = status is not None and status.remind and request.path != reverse("password_change")
    return {"nav_items": items, "nav_active": aliases.get(section, "home"),
            "password_days_left": status.days_left if remind else None}
