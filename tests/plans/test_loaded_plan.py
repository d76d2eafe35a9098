"""The Xinxiang plan as `make run` loads it into the database."""

from decimal import Decimal

import pytest

from innocity.orgs.models import Organisation
from innocity.plans.models import Responsibility, Target

pytestmark = pytest.mark.django_db


def test_21_tasks_13_goals_and_every_unit_in_the_registry(plan):
    assert plan.tasks.count() == 21
    assert plan.targets.filter(is_goal=True).count() == 13
    assert plan.is_published and (plan.period_start, plan.period_end) == (2022, 2024)
    assert not Responsibility.objects.filter(task__plan=plan, organisation__isnull=True).exists()
    # 21 tasks name 306 (task, unit) pairs once the group references are expanded
    assert Responsibility.objects.filter(task__plan=plan).count() == 306


def test_sections_nest_as_in_the_document(plan):
    top = list(plan.sections.filter(parent=None).values_list("number", "title"))
    assert top == [("一", "指导思想"), ("二", "发展目标"), ("三", "主要任务"), ("四", "保障措施")]
    tasks_section = plan.sections.get(parent=None, number="三")
    assert list(tasks_section.children.values_list("number", flat=True)) == ["(一)", "(二)", "(三)", "(四)", "(五)"]
    assert plan.tasks.get(number="13").section.number == "(三)"


def test_the_county_group_reaches_every_county(plan):
    task = plan.tasks.get(number="2")
    counties = task.responsibilities.filter(written_as="各县〔市、区〕政府")
    assert counties.count() == 12
    assert set(counties.values_list("organisation__type", flat=True)) == {"county"}


def test_the_safeguard_target_is_neither_a_goal_nor_a_task_target(plan):
    target = Target.objects.get(plan=plan, indicator="市级科技专项资金年增长率")
    assert (target.is_goal, target.task, target.section.number) == (False, None, "(三)")
    assert (target.comparator, target.value, target.recurring) == (">=", Decimal(10), "yearly")


def test_the_plan_office_leads_most_tasks(plan):
    kjj = Organisation.objects.get(code="kjj")
    assert kjj.responsibilities.filter(task__plan=plan).count() == 16


def test_loading_records_history_with_its_source(plan):
    record = plan.history.earliest("history_date")
    assert record.history_change_reason == "loaded from xinxiang-2022-2024.yaml"
