"""The reviewed Xinxiang plan data against its document: counts, verbatim texts, expansions."""

from collections import Counter
from decimal import Decimal

import pytest

from innocity.core.orgdata import read_registry
from innocity.core.plandata import read_plan_data
from tests.conftest import PLAN_FILE, REGISTRY_FILE, SAMPLE

REGISTRY = read_registry(REGISTRY_FILE.read_text("utf-8"), REGISTRY_FILE.name)
PLAN = read_plan_data(PLAN_FILE.read_text("utf-8"), PLAN_FILE.name,
                      {o.short for o in REGISTRY.organisations}.__contains__)
DOCUMENT = SAMPLE.read_text("utf-8")
# The document proper starts at its title; lines before it are a news preface.
BODY = DOCUMENT[DOCUMENT.index("新乡市创新型城市建设三年行动工作方案\n(2022—2024年)"):]


def test_the_plan_has_21_tasks_numbered_in_order():
    assert [t.number for t in PLAN.tasks] == [str(n) for n in range(1, 22)]
    assert PLAN.issued.isoformat() == "2022-11-18"
    assert (PLAN.period_start, PLAN.period_end) == (2022, 2024)


def test_the_13_goals_match_the_domain_table():
    expected = [(">", "3.1", "%"), (">", "3", "%"), (">=", "1.3", "万家"), (">", "20", "个"), (">", "1000", "家"),
                (">=", "20", "%"), (">", "400", "个"), (">=", "6.8", "件"), (">", "1000", "家"), (">", "800", "家"),
                (">=", "39", "%"), (">=", "56", "%"), (">=", "22", "%")]
    assert [(g.comparator, g.value, g.unit) for g in PLAN.goals] == [(c, Decimal(v), u) for c, v, u in expected]
    assert all(g.deadline == 2024 for g in PLAN.goals)
    recurring = [g.indicator for g in PLAN.goals if g.recurring == "yearly"]
    assert recurring == ["年均新增注册企业", "技术合同交易额年增长率"]


def test_every_text_is_copied_verbatim_from_the_document():
    for task in PLAN.tasks:
        assert f"{task.number}.{task.title}。{task.text}" in BODY, task.number
    for _, section in PLAN.all_sections():
        if section.text:
            assert section.text in BODY, section.title
    all_targets = PLAN.goals + [t for task in PLAN.tasks for t in task.targets]
    all_targets += [t for _, s in PLAN.all_sections() if s.kind == "safeguards" for t in s.targets]
    for target in all_targets:
        assert target.text in BODY, target.text


def test_each_unit_name_is_written_in_its_tasks_note():
    for task in PLAN.tasks:
        start = BODY.index(f"{task.number}.{task.title}。")
        note = BODY[start:BODY.index("\n", start)].rsplit("(责任单位:", 1)[1]
        for unit in task.units:
            assert unit.name in note, (task.number, unit.name)


def test_group_references_expand_to_every_member():
    counties = next(g for g in REGISTRY.groups if g.code == "counties")
    short = {o.code: o.short for o in REGISTRY.organisations}
    for task in PLAN.tasks:
        for unit in task.units:
            if unit.name == "各县〔市、区〕政府":
                assert unit.orgs == tuple(short[m] for m in counties.members)
    per_task = {t.number: [o for u in t.units for o in u.orgs] for t in PLAN.tasks}
    assert per_task["1"] == ["市科技局", "市委编办", "市资源规划局", "卫滨区", "红旗区", "牧野区", "高新区"]
    assert len(per_task["4"]) == 6 + 12 + 3 + 8
    assert per_task["16"] == ["市农业农村局", "农灌所", "市工信局", "市科技局", "市水利局", "辉县市"]


@pytest.mark.parametrize(
    ("phrase", "comparator", "value", "unit", "deadline", "recurring"),
    [
        ("每年至少举办驻新高校院所科技成果专场发布会4场", ">=", "4", "场", 2024, "yearly"),
        ("转化不少于100项科技成果", ">=", "100", "项", 2024, "yearly"),
        ("培育超过1000人规模的专业化、市场化技术经纪人队伍", ">", "1000", "人", 2024, None),
        ("建成9个加氢站", "=", "9", "个", 2025, None),
        ("实现5G基站数量突破6000个", ">", "6000", "个", 2024, None),
        ("实现上云企业数量突破8000家", ">", "8000", "家", 2024, None),
        ("预算安排市级科技专项资金每年增长10%以上", ">=", "10", "%", 2024, "yearly"),
        ("从目前700亿营收预期提升到900亿左右", "~", "900", "亿", 2024, None),
    ],
)
def test_the_task_and_safeguard_targets_the_issue_names(phrase, comparator, value, unit, deadline, recurring):
    targets = [t for _, s in PLAN.all_sections() for t in s.targets] + [t for task in PLAN.tasks for t in task.targets]
    (target,) = [t for t in targets if t.text == phrase]
    assert (target.comparator, target.value, target.unit, target.deadline, target.recurring) == (
        comparator, Decimal(value), unit, deadline, recurring)


def test_the_baseline_and_no_award_amounts():
    targets = [t for task in PLAN.tasks for t in task.targets]
    (with_baseline,) = [t for t in targets if t.baseline]
    assert (with_baseline.baseline.value, with_baseline.baseline.period) == (Decimal(700), "2022")
    assert not [t for t in targets if t.unit == "万元"], "the listing awards (100万元, 200万元) are not targets"
    assert Counter(len(t.targets) for t in PLAN.tasks)[0] == 11
