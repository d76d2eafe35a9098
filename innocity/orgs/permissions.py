"""The one place that decides who may do what.

Every page and API endpoint asks here, as a function of (user, object). Views are wrapped with
`guard(check, load=…)`, which loads the object (404 when missing), asks the check, and refuses
with 403 (or sends an anonymous visitor to the login page). A test walks every URL with every
role and checks that each view carries a guard.

Who sees what:
- government roles (admin, plan office, unit reporter, unit reviewer, leadership viewer) see the
  published plans and the government's organisations and their 责任清单;
- the plan office and admins also see draft plans, edit plans and the registry (Django admin);
  admins alone manage users and read the security log;
- leadership viewers, the plan office and admins see every organisation, enterprises included;
- an enterprise user sees only the own enterprise; a bank user the own bank and the enterprises
  that have consented to it and not revoked the consent.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from innocity.orgs.models import GOVERNMENT_TYPES, Organisation, OrganisationType, Role

GOVERNMENT_ROLES = frozenset({Role.ADMIN, Role.PLAN_OFFICE, Role.REPORTER, Role.REVIEWER, Role.LEADER})
PLAN_EDITORS = frozenset({Role.ADMIN, Role.PLAN_OFFICE})
# Roles that oversee the whole city, enterprises included.
CITY_WIDE_ROLES = frozenset({Role.ADMIN, Role.PLAN_OFFICE, Role.LEADER})


def _roles(user) -> frozenset[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    return user.roles


def has_role(user, *roles: str) -> bool:
    return bool(_roles(user) & set(roles))


def is_government_user(user) -> bool:
    return bool(_roles(user) & GOVERNMENT_ROLES)


def is_signed_in(user) -> bool:
    """Any active user: the home page adapts itself to the role."""
    return bool(user is not None and user.is_authenticated and user.is_active)


# Plans ---------------------------------------------------------------------------------------


def can_view_plans(user) -> bool:
    return is_government_user(user)


def can_view_plan(user, plan) -> bool:
    if plan.is_published:
        return is_government_user(user)
    return can_edit_plan(user, plan)


def can_edit_plan(user, plan=None) -> bool:
    return bool(_roles(user) & PLAN_EDITORS)


def can_import_plans(user) -> bool:
    """Uploading and importing plan documents is the plan office's work."""
    return can_edit_plan(user)


def can_manage_import(user, plan_import) -> bool:
    return can_edit_plan(user)


def can_view_task(user, task) -> bool:
    return can_view_plan(user, task.plan)


# Organisations -------------------------------------------------------------------------------


def can_view_organisations(user) -> bool:
    return is_government_user(user)


def can_view_organisation(user, org: Organisation) -> bool:
    roles = _roles(user)
    if roles & CITY_WIDE_ROLES:
        return True
    if roles & GOVERNMENT_ROLES and org.type in GOVERNMENT_TYPES:
        return True
    if user.is_authenticated and org.pk == user.organisation_id and roles & {Role.ENTERPRISE, Role.BANK}:
        return True
    if Role.BANK in roles and org.type == OrganisationType.ENTERPRISE:
        return org.consents_given.filter(bank_id=user.organisation_id, revoked_at__isnull=True).exists()
    return False


def visible_organisations(user, organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The same rule as `can_view_organisation`, as a query (a test checks they agree)."""
    roles = _roles(user)
    if roles & CITY_WIDE_ROLES:
        return organisations
    rule = Q(pk__in=[])
    if roles & GOVERNMENT_ROLES:
        rule |= Q(type__in=GOVERNMENT_TYPES)
    if roles & {Role.ENTERPRISE, Role.BANK} and user.organisation_id:
        rule |= Q(pk=user.organisation_id)
    if Role.BANK in roles and user.organisation_id:
        rule |= Q(
            type=OrganisationType.ENTERPRISE,
            consents_given__bank_id=user.organisation_id,
            consents_given__revoked_at__isnull=True,
        )
    return organisations.filter(rule).distinct()


def can_download_responsibility_list(user, org: Organisation) -> bool:
    """A 责任清单 exists for government units only."""
    return org.type in GOVERNMENT_TYPES and can_view_organisation(user, org)


# Administration ------------------------------------------------------------------------------


def can_use_admin(user) -> bool:
    return bool(_roles(user) & PLAN_EDITORS)


def can_administer_model(user, model) -> bool:
    """Admins manage everything in the admin; the plan office manages plans and the registry."""
    roles = _roles(user)
    if Role.ADMIN in roles:
        return True
    if Role.PLAN_OFFICE in roles:
        return model._meta.app_label == "plans" or model._meta.model_name in {"organisation", "organisationgroup"}
    return False


def can_view_security_log(user) -> bool:
    return has_role(user, Role.ADMIN)


# Enforcement ---------------------------------------------------------------------------------


def authorize(user, check: Callable[..., bool], *objects) -> None:
    """Raise PermissionDenied unless `check(user, *objects)` allows."""
    if not check(user, *objects):
        raise PermissionDenied


def guard(check: Callable[..., bool], load: Callable[..., object] | None = None):
    """Wrap a view: load its object from the URL arguments (if `load`), then ask `check`.

    The loaded object is passed to the view as its second argument. The wrapper records the
    check on the view (`permission_check`), so a test can find views without one.
    """

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not is_signed_in(request.user):
                return redirect_to_login(request.get_full_path())
            if load is None:
                authorize(request.user, check)
                return view(request, *args, **kwargs)
            obj = load(**kwargs)
            authorize(request.user, check, obj)
            return view(request, obj, *args, **kwargs)

        guarded.permission_check = check
        return guarded

    return decorate
