"""The API: plans with all their parts, organisations by permission, tokens."""

import pytest

from innocity.orgs.models import Consent
from innocity.orgs.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def test_the_plan_list_and_detail_with_a_session(client_as, plan):
    client = client_as("leader")
    (summary,) = client.get("/api/plans").json()
    assert (summary["task_count"], summary["goal_count"], summary["period_end"]) == (21, 13, 2024)
    detail = client.get(f"/api/plans/{plan.pk}").json()
    assert len(detail["goals"]) == 13
    assert detail["goals"][2]["recurring"] == "yearly" and detail["goals"][2]["aspiration"] is True
    tasks_section = next(s for s in detail["sections"] if s["number"] == "三")
    first = tasks_section["sections"][0]["tasks"][0]
    assert first["number"] == "1" and len(first["responsibilities"]) == 7
    assert first["targets"][1]["baseline_value"] == "700.000000" or float(first["targets"][1]["baseline_value"]) == 700
    safeguards = next(s for s in detail["sections"] if s["number"] == "四")
    assert safeguards["sections"][2]["targets"][0]["indicator"] == "市级科技专项资金年增长率"


def test_a_bearer_token_works_until_revoked(client, users, plan):
    token, record = api_token_create(users["plan_office"], "test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/plans", **headers).status_code == 200
    record.refresh_from_db()
    assert record.last_used_at is not None
    api_token_revoke(record)
    assert client.get("/api/plans", **headers).status_code == 401
    assert client.get("/api/plans", HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


def test_the_token_of_an_enterprise_user_gets_no_plan(client, users):
    token, _ = api_token_create(users["enterprise"], "test")
    assert client.get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403


def codes(client) -> set[str]:
    return {o["code"] for o in client.get("/api/organisations").json()}


def test_organisations_are_filtered_by_the_permission_module(client_as):
    assert codes(client_as("enterprise")) == {"demo-enterprise"}
    assert codes(client_as("bank")) == {"demo-bank", "demo-enterprise"}
    reporter = codes(client_as("reporter"))
    assert "kjj" in reporter and "demo-enterprise" not in reporter and len(reporter) == 48
    assert {"demo-enterprise", "demo-enterprise-2", "demo-bank"} <= codes(client_as("leader"))


def test_a_revoked_consent_hides_the_enterprise_from_the_bank(client_as):
    Consent.objects.filter(bank__code="demo-bank").update(revoked_at="2026-01-01T00:00:00Z")
    assert codes(client_as("bank")) == {"demo-bank"}


def test_the_county_group_is_listed_with_each_county(client_as):
    data = client_as("plan_office").get("/api/organisations?type=county").json()
    assert len(data) == 12 and all("counties" in o["groups"] for o in data)
