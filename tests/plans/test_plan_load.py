"""Loading plan data: all or nothing, with the place of every problem."""

import pytest

from innocity.core.datafile import DataFileError
from innocity.plans.models import Plan, Responsibility, Target, Task
from innocity.plans.services import plan_data_read, plan_load
from tests.conftest import PLAN_FILE

pytestmark = pytest.mark.django_db
TEXT = PLAN_FILE.read_text("utf-8")


def counts():
    return Plan.objects.count(), Task.objects.count(), Responsibility.objects.count(), Target.objects.count()


def test_an_unknown_unit_refuses_the_whole_file_and_writes_nothing():
    before = counts()
    bad = TEXT.replace("orgs: [市通管办]", "orgs: [市通信局]").replace("orgs: [辉县市]", "orgs: [辉县]")
    with pytest.raises(DataFileError) as caught:
        plan_data_read(bad.replace("title: 新乡市", "title: 另一 新乡市", 1), "bad.yaml")
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2
    assert all(m.startswith("bad.yaml:") for m in messages)
    assert any("未知组织 市通信局" in m for m in messages) and any("未知组织 辉县" in m for m in messages)
    assert counts() == before


def test_the_same_plan_twice_is_refused_unless_replaced(plan):
    data = plan_data_read(TEXT, "again.yaml")
    with pytest.raises(DataFileError, match="已存在同名方案"):
        plan_load(data, source="again.yaml")
    replaced = plan_load(data, source="again.yaml", replace=True)
    assert replaced.pk != plan.pk
    assert Plan.objects.count() == 1 and replaced.tasks.count() == 21


def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    data = plan_data_read(TEXT.replace("title: 新乡市", "title: 副本 新乡市", 1), "copy.yaml")
    before = counts()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("innocity.plans.services.bulk_create_with_history", fail)
    with pytest.raises(RuntimeError):
        plan_load(data, source="copy.yaml")
    assert counts() == before
