"""The permission module: the function and the query say the same for every user and unit."""

import pytest

from innocity.orgs import permissions
from innocity.orgs.models import Consent, Organisation

pytestmark = pytest.mark.django_db


def test_can_view_organisation_agrees_with_visible_organisations(users):
    Consent.objects.create(enterprise=Organisation.objects.get(code="demo-enterprise-2"),
                           bank=Organisation.objects.get(code="demo-bank"),
                           granted_at="2025-01-01T00:00:00Z", revoked_at="2025-06-01T00:00:00Z")
    orgs = list(Organisation.objects.all())
    for user in users.values():
        visible = set(permissions.visible_organisations(user, Organisation.objects.all()).values_list("pk", flat=True))
        assert visible == {o.pk for o in orgs if permissions.can_view_organisation(user, o)}, user.username


def test_an_inactive_user_may_do_nothing(users, plan):
    user = users["admin"]
    user.is_active = False
    assert not permissions.can_view_plan(user, plan)
    assert not permissions.can_use_admin(user)
    assert not permissions.can_view_organisation(user, Organisation.objects.get(code="kjj"))


def test_draft_plans_are_for_the_plan_office_only(users, plan):
    plan.status = "draft"
    assert permissions.can_view_plan(users["plan_office"], plan)
    assert not permissions.can_view_plan(users["leader"], plan)
    assert not permissions.can_view_plan(users["reporter"], plan)


def test_the_plan_office_administers_plans_and_the_registry_but_not_users(users):
    from innocity.orgs.models import User
    from innocity.plans.models import Task

    office = users["plan_office"]
    assert permissions.can_administer_model(office, Task)
    assert permissions.can_administer_model(office, Organisation)
    assert not permissions.can_administer_model(office, User)
    assert permissions.can_administer_model(users["admin"], User)
