"""Fixtures shared by the database tests.

The test database gets the organisation registry, the Xinxiang plan and the demo accounts once
per session (as `make run` loads them); each test runs in a transaction that is rolled back.
"""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "xinxiang-innovative-city-plan-2022-2024.txt"
PLAN_FILE = REPO / "innocity" / "plans" / "data" / "xinxiang-2022-2024.yaml"
REGISTRY_FILE = REPO / "innocity" / "orgs" / "data" / "xinxiang-organisations.yaml"
DEMO_PASSWORD = "Xinxiang@2022"


def pytest_configure(config):
    from django.conf import settings

    # whitenoise warns about a missing static root; the production server creates it.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from innocity.commands.site import prepare_database
    from innocity.orgs.demo import demo_load

    with django_db_blocker.unblock():
        prepare_database()
        demo_load()  # also when the settings' demo mode is off (the PostgreSQL run)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render without collectstatic (the manifest belongs to the production server)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def plan(db):
    from innocity.plans.models import Plan

    return Plan.objects.get(title__startswith="新乡市创新型城市建设三年行动工作方案")


@pytest.fixture
def users(db):
    """The demo account of each role, by role name."""
    from innocity.orgs.models import User

    names = {"admin": "admin", "plan_office": "office", "reporter": "reporter", "reviewer": "reviewer",
             "leader": "leader", "enterprise": "enterprise", "bank": "bank"}
    return {role: User.objects.get(username=username) for role, username in names.items()}


@pytest.fixture
def client_as(client, users):
    """A test client logged in as the demo account of a role: client_as("reporter")."""

    def login(role):
        client.force_login(users[role])
        return client

    return login
