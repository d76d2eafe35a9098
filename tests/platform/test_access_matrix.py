"""Every page and endpoint, with every role and anonymous: allowed or refused.

`ALLOW` is a real page (200, or 302 where the page redirects on purpose), `LOGIN` sends an
anonymous visitor to the login page, `DENY` is 403, `ADMIN_LOGIN` is Django admin's own refusal
(its login page), `UNAUTH` is the API's 401. A test also checks that every URL pattern of the
project appears here, so a new page cannot be added without deciding who may see it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ["anonymous", "admin", "plan_office", "reporter", "reviewer", "leader", "enterprise", "bank"]
GOV = {"admin", "plan_office", "reporter", "reviewer", "leader"}
CITY_WIDE = {"admin", "plan_office", "leader"}


def expect(allowed: set[str], *, anonymous="LOGIN", denied="DENY") -> dict[str, str]:
    return {role: anonymous if role == "anonymous" else ("ALLOW" if role in allowed else denied) for role in ROLES}


EDITORS = {"admin", "plan_office"}


def cases(plan_id: int, task_id: int, import_id: int = 1) -> list[tuple[str, str, dict[str, str]]]:
    everyone = set(ROLES) - {"anonymous"}
    return [
        ("plans:export", f"/plans/{plan_id}/export.yaml", expect(EDITORS)),
        ("plans:import_upload", "/plans/import/", expect(EDITORS)),
        ("plans:import_review", f"/plans/import/{import_id}/", expect(EDITORS)),
        ("home", "/", expect(everyone)),
        ("plans:list", "/plans/", expect(GOV)),
        ("plans:detail", f"/plans/{plan_id}/", expect(GOV)),
        ("plans:detail", f"/plans/{plan_id}/?org=gxj", expect(GOV)),
        ("plans:breakdown", f"/plans/{plan_id}/breakdown.xlsx", expect(GOV)),
        ("plans:task", f"/plans/{plan_id}/tasks/{task_id}/", expect(GOV)),
        ("plans:organisations", "/orgs/", expect(GOV)),
        ("plans:organisation", "/orgs/kjj/", expect(GOV)),
        ("plans:organisation", "/orgs/demo-enterprise/", expect(CITY_WIDE | {"enterprise", "bank"})),
        ("plans:organisation", "/orgs/demo-enterprise-2/", expect(CITY_WIDE)),
        ("plans:organisation", "/orgs/demo-bank/", expect(CITY_WIDE | {"bank"})),
        ("plans:organisation_xlsx", "/orgs/gxj/responsibilities.xlsx", expect(GOV)),
        ("plans:organisation_xlsx", "/orgs/demo-enterprise/responsibilities.xlsx", expect(set())),
        ("audit:log", "/audit/", expect({"admin"})),
        ("admin:index", "/admin/", expect({"admin", "plan_office"}, anonymous="ADMIN_LOGIN", denied="ADMIN_LOGIN")),
        ("admin:orgs_user_changelist", "/admin/orgs/user/",
         expect({"admin"}, denied="ADMIN_LOGIN") | {"plan_office": "DENY"}),
        ("admin:plans_task_changelist", "/admin/plans/task/",
         expect({"admin", "plan_office"}, denied="ADMIN_LOGIN")),
        ("admin:orgs_organisation_changelist", "/admin/orgs/organisation/",
         expect({"admin", "plan_office"}, denied="ADMIN_LOGIN")),
        # ninja's root answers 404 to everyone; it only anchors the API's paths.
        ("api:api-root", "/api/", {role: "404" for role in ROLES}),
        ("api:openapi-view", "/api/docs", expect(GOV)),
        ("api:openapi-json", "/api/openapi.json", expect(GOV)),
        ("api:plan_list", "/api/plans", expect(GOV, anonymous="UNAUTH")),
        ("api:plan_detail", f"/api/plans/{plan_id}", expect(GOV, anonymous="UNAUTH")),
        ("api:organisation_list", "/api/organisations", expect(everyone, anonymous="UNAUTH")),
        ("healthz", "/healthz", expect(everyone, anonymous="ALLOW")),
        # The icon is public: a permanent redirect to the static file, for everyone.
        ("favicon", "/favicon.ico", {role: "301" for role in ROLES}),
        ("login", "/accounts/login/", expect(everyone, anonymous="ALLOW")),
        ("password_change", "/accounts/password/", expect(everyone)),
    ]


def outcome(response) -> str:
    location = response.get("Location", "")
    if response.status_code == 200:
        return "ALLOW"
    if response.status_code == 302 and "/admin/login/" in location:
        return "ADMIN_LOGIN"
    if response.status_code == 302 and location.startswith("/accounts/login/"):
        return "LOGIN"
    if response.status_code == 302:
        return "ALLOW"  # a page that redirects on purpose (the plan list to its only plan)
    return {403: "DENY", 401: "UNAUTH"}.get(response.status_code, str(response.status_code))


@pytest.fixture
def plan_import(users):
    from innocity.core.planparse import parse_text, to_json
    from innocity.plans.models import PlanImport

    document = to_json(parse_text("示例方案(2024—2025年)\n一、主要任务\n1.建设平台。建成2个平台。(责任单位:市科技局)"))
    return PlanImport.objects.create(filename="a.txt", content=b"x", sha256="0" * 64, document=document,
                                     created_by=users["plan_office"])


@pytest.mark.django_db
def test_every_url_with_every_role(client, users, plan, plan_import):
    task_id = plan.tasks.get(number="1").pk
    table = cases(plan.pk, task_id, plan_import.pk)
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        for _name, url, expected in table:
            got = outcome(client.get(url))
            if got != expected[role]:
                wrong.append(f"{role:<11} {url:<45} expected {expected[role]}, got {got}")
    assert not wrong, "\n".join(wrong)


def _named_patterns(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_project_url_is_in_the_matrix():
    covered = {name for name, _, _ in cases(1, 1)}
    # Django admin's generated pages share its site-wide check, tested above for four pages;
    # logout and language are POST-only and tested in test_security, the others below.
    project = {n for n in _named_patterns(get_resolver()) if not n.startswith("admin:")}
    missing = project - covered - {"logout", "set_language"} - {name for name, _ in POSTS}
    assert not missing, f"URLs without a row in the access matrix: {sorted(missing)}"


# POST-only actions: who may (anything but 403 and the login page) and who may not.
POSTS = [
    ("plans:publish", "/plans/{plan}/publish"),
    ("plans:delete", "/plans/{plan}/delete"),
    ("plans:import_edit", "/plans/import/{imp}/edit"),
    ("plans:import_commit", "/plans/import/{imp}/commit"),
    ("plans:import_discard", "/plans/import/{imp}/discard"),
]


@pytest.mark.django_db
def test_every_action_with_every_role(client, users, plan, plan_import):
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        for _name, pattern in POSTS:
            url = pattern.format(plan=plan.pk, imp=plan_import.pk)
            # An unknown edit action changes nothing: the check is what answers.
            response = client.post(url, {"action": "none"})
            got = outcome(response)
            if role in EDITORS:
                allowed = got not in {"DENY", "LOGIN"}
            else:
                allowed = got == ("LOGIN" if role == "anonymous" else "DENY")
            if not allowed:
                wrong.append(f"{role:<11} POST {url:<30} got {got}")
    assert not wrong, "\n".join(wrong)
    plan.refresh_from_db()
    assert plan.is_published, "deleting a published plan is refused even for the plan office"
