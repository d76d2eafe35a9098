"""Passwords are changed by their owners: at the first login after an administrator set them, when
they are older than the maximum age (90 days by default), and whenever the user wishes."""

import datetime as dt

import pytest
from django.utils import timezone

from innocity.orgs.models import User
from innocity.orgs.services import user_create
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Gongxin#2025"


@pytest.fixture
def new_user(users):
    reporter = users["reporter"]
    return user_create("zhangsan", "Chushi#2024", organisation=reporter.organisation, roles=["reporter"],
                       full_name="张三")


def change(client, old, new, repeat=None, next_url=""):
    return client.post("/accounts/password/", {"old_password": old, "new_password1": new,
                                               "new_password2": repeat or new, "next": next_url})


def test_an_initial_password_leads_to_the_change_page_before_anything_else(client, new_user):
    assert new_user.must_change_password and new_user.password_changed_at is not None
    client.force_login(new_user)
    response = client.get("/plans/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/?next=%2Fplans%2F"
    page = client.get(response["Location"]).content.decode()
    assert "您的密码由管理员设置" in page
    assert 'value="/plans/"' in page


def test_changing_the_initial_password_opens_the_site_and_keeps_the_session(client, new_user):
    client.force_login(new_user)
    before = new_user.password_changed_at
    response = change(client, "Chushi#2024", NEW_PASSWORD, next_url="/plans/")
    assert response.status_code == 302 and response["Location"] == "/plans/"
    new_user.refresh_from_db()
    assert not new_user.must_change_password
    assert new_user.password_changed_at > before
    assert new_user.check_password(NEW_PASSWORD)
    home = client.get("/")
    assert home.status_code == 200
    assert "密码已修改。" in home.content.decode()
    # The change is in the data-change log, without the password hash.
    last = new_user.history.first()
    assert last.history_change_reason == "password changed by the user"
    assert not last.must_change_password


@pytest.mark.parametrize(
    ("old", "new", "repeat", "message"),
    [
        ("Wrong#2024", NEW_PASSWORD, None, "你的旧密码不正确"),
        ("Chushi#2024", "Chushi#2024", None, "新密码不能与当前密码相同。"),
        ("Chushi#2024", "abcdefgh", None, "密码须至少包含大写字母、小写字母、数字、其他字符中的 3 类。"),
        ("Chushi#2024", NEW_PASSWORD, "Gongxin#2026", "输入的两个密码不一致"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(client, new_user, old, new, repeat, message):
    client.force_login(new_user)
    response = change(client, old, new, repeat)
    assert response.status_code == 200
    assert message in response.content.decode()
    new_user.refresh_from_db()
    assert new_user.must_change_password and new_user.check_password("Chushi#2024")


def test_an_old_password_must_be_changed_and_only_logging_out_stays_open(client, users):
    reporter = users["reporter"]
    User.objects.filter(pk=reporter.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=91))
    client.force_login(reporter)
    assert client.get("/").status_code == 302
    assert "超过 90 天" in client.get("/accounts/password/").content.decode()
    api = client.get("/api/plans")
    assert api.status_code == 403 and "须先修改密码" in api.json()["detail"]
    partial = client.get("/plans/", headers={"HX-Request": "true"})
    assert partial.status_code == 204 and partial["HX-Redirect"].startswith("/accounts/password/")
    assert client.get("/static/innocity/app.css").status_code in (200, 404)  # static files are not redirected
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"


def test_a_password_near_its_end_is_announced_on_every_page(client, users):
    leader = users["leader"]
    User.objects.filter(pk=leader.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=80))
    client.force_login(leader)
    page = client.get("/").content.decode()
    assert "您的密码将在 10 天后过期。" in page
    User.objects.filter(pk=leader.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=30))
    assert "天后过期" not in client.get("/").content.decode()


def test_the_maximum_age_comes_from_the_settings(client, users, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    User.objects.filter(pk=users["leader"].pk).update(password_changed_at=timezone.now() - dt.timedelta(days=900))
    client.force_login(users["leader"])
    assert client.get("/").status_code == 200


def test_any_user_may_change_the_password_from_the_menu(client, users):
    client.force_login(users["bank"])
    home = client.get("/").content.decode()
    assert 'href="/accounts/password/"' in home
    assert change(client, DEMO_PASSWORD, NEW_PASSWORD).status_code == 302
    assert User.objects.get(username="bank").check_password(NEW_PASSWORD)


def test_a_password_set_by_an_administrator_must_be_changed(client, users, new_user):
    User.objects.filter(pk=new_user.pk).update(must_change_password=False)
    client.force_login(users["admin"])
    url = f"/admin/orgs/user/{new_user.pk}/password/"
    response = client.post(url, {"password1": "Chongzhi#2025", "password2": "Chongzhi#2025",
                                 "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    new_user.refresh_from_db()
    assert new_user.must_change_password and new_user.check_password("Chongzhi#2025")


def test_a_user_added_in_the_admin_must_change_the_initial_password(client, users):
    client.force_login(users["admin"])
    response = client.post("/admin/orgs/user/add/", {
        "username": "lisi", "full_name": "李四", "organisation": users["reporter"].organisation_id,
        "password1": "Chushi#2024", "password2": "Chushi#2024", "usable_password": "true",
        "role_grants-TOTAL_FORMS": "0", "role_grants-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(username="lisi").must_change_password


def test_the_admin_link_to_change_the_own_password_leads_to_the_one_change_page(client, users):
    client.force_login(users["plan_office"])
    response = client.get("/admin/password_change/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
