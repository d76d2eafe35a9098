"""The 等保2.0 level-2 baseline: password rules, lockout, idle expiry, CSRF, headers, logs."""

import datetime as dt

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.mark.parametrize("weak", ["short1A", "abcdefgh", "xinxiang2022", "12345678", "password"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


@pytest.mark.parametrize("strong", ["Xinxiang@2022", "Kj-2024-plan", "huanghe#River9"])
def test_passwords_mixing_three_classes_pass(strong):
    validate_password(strong)


def test_three_classes_message_is_chinese():
    with pytest.raises(ValidationError) as caught:
        validate_password("xinxiangkeji2022")
    assert "密码须至少包含大写字母、小写字母、数字、其他字符中的 3 类。" in caught.value.messages


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client):
    for _ in range(5):
        response = login(client, "reporter", "wrong-Password-1")
        assert response.status_code in (200, 429)
    response = login(client, "reporter", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "账户已锁定" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert AccessFailureLog.objects.filter(username="reporter").count() >= 5
    # Another account is not affected by this one's lockout.
    assert login(Client(), "reviewer", DEMO_PASSWORD).status_code == 302


def test_a_successful_login_is_logged_and_a_failure_shows_a_message(client):
    response = login(client, "office", "not-The-Password1")
    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码" in response.content.decode()
    assert login(client, "office", DEMO_PASSWORD).status_code == 302
    assert AccessLog.objects.filter(username="office").exists()


def test_an_idle_session_expires(client, users):
    client.force_login(users["reporter"])
    assert client.get("/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date - timezone.now() < dt.timedelta(minutes=31)
    session.expire_date = timezone.now() - dt.timedelta(seconds=1)
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_each_request_extends_the_idle_window(client, users, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(users["reporter"])
    client.get("/")
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() + dt.timedelta(minutes=5)
    session.save()
    client.get("/plans/")
    renewed = Session.objects.get(session_key=client.session.session_key).expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < renewed <= dt.timedelta(minutes=30)


def test_posts_without_the_csrf_token_are_refused(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["reporter"])
    assert client.post("/accounts/logout/").status_code == 403
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 403


def test_security_headers_and_content_security_policy(client_as):
    response = client_as("reporter").get("/")
    csp = response["Content-Security-Policy"]
    for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "object-src 'none'"]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cache-Control"] == "no-store"


def test_every_change_to_data_is_logged_with_its_author(client_as, users):
    from innocity.orgs.models import Organisation

    client = client_as("plan_office")
    org = Organisation.objects.get(code="tgb")
    form = {"code": org.code, "type": org.type, "name": org.name, "short_name": org.short_name,
            "aliases": '["市通信管理办公室", "市通信发展管理办", "新乡通管办"]', "parent": org.parent_id,
            "position": org.position}
    response = client.post(f"/admin/orgs/organisation/{org.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = Organisation.history.filter(id=org.pk).latest("history_date")
    assert latest.history_user == users["plan_office"]
    assert "新乡通管办" in latest.aliases
    log = client_as("admin").get("/audit/").content.decode()
    assert "市通管办" in log and "市科技局规划办" in log
