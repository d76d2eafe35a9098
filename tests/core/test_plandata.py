from decimal import Decimal

import pytest

from innocity.core.datafile import DataFileError
from innocity.core.plandata import read_plan_data

KNOWN = {"市科技局", "市工信局"}.__contains__

GOOD = """title: 测试方案(2023—2025年)
issuer: 某市人民政府办公室
issued: 2023-03-01
period: {start: 2023, end: 2025}
sections:
  - number: 一
    title: 发展目标
    kind: goals
    goals:
      - {text: 高企突破800家, indicator: 高企, comparator: '>', value: 800, unit: 家, deadline: 2025}
  - number: 二
    title: 主要任务
    kind: tasks
    sections:
      - number: (一)
        title: 第一组
        tasks:
          - number: '1'
            title: 做一件事
            text: 具体内容
            units:
              - {name: 市科技局, role: lead, orgs: [市科技局]}
              - {name: 市工信局, role: cooperating, orgs: [市工信局]}
            targets:
              - {text: 每年举办1—2场, indicator: 发布会, comparator: range, value: 1, value_max: 2, unit: 场, recurring: yearly}
"""


def test_a_valid_file_reads_into_records():
    plan = read_plan_data(GOOD, "plan.yaml", KNOWN)
    assert plan.period_start == 2023 and plan.period_end == 2025
    assert [g.value for g in plan.goals] == [Decimal("800")]
    (task,) = plan.tasks
    assert [(u.name, u.role) for u in task.units] == [("市科技局", "lead"), ("市工信局", "cooperating")]
    (target,) = task.targets
    assert (target.comparator, target.value, target.value_max, target.recurring) == ("range", 1, 2, "yearly")


def problems_of(text: str) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        read_plan_data(text, "plan.yaml", KNOWN)
    return [str(p) for p in caught.value.problems]


def test_an_unknown_organisation_is_named_with_its_line():
    text = GOOD.replace("orgs: [市工信局]", "orgs: [市信息局]")
    assert problems_of(text) == ["plan.yaml:23: 未知组织 市信息局: 不在组织名录中"]


def test_all_problems_are_reported_together():
    text = (GOOD.replace("comparator: '>'", "comparator: gt")
                .replace("value: 800", "value: 八百")
                .replace("role: lead", "role: boss")
                .replace("deadline: 2025", "deadline: 明年"))
    problems = problems_of(text)
    assert "plan.yaml:10: 比较符 'gt' 无效, 应为 > >= = <= < ~ range 之一" in problems
    assert "plan.yaml:10: value 应为数字, 而不是 '八百'" in problems
    assert "plan.yaml:10: deadline 应为年份 (如 2024), 而不是 '明年'" in problems
    assert "plan.yaml:22: 职责 'boss' 无效, 应为 lead / responsible / cooperating" in problems


def test_a_task_number_twice_in_a_section_is_refused():
    text = GOOD.replace("""            targets:
              - {text: 每年""", """            targets: []
          - number: '1'
            title: 又一件事
            units: [{name: 市科技局, role: lead, orgs: [市科技局]}]
            targets:
              - {text: 每年""")
    assert any("任务编号 1 重复" in p for p in problems_of(text))


def test_a_range_needs_its_upper_value_and_only_a_range_has_one():
    assert any("缺少数值 value_max" in p for p in problems_of(GOOD.replace(", value_max: 2", "")))
    text = GOOD.replace("comparator: '>', value: 800,", "comparator: '>', value: 800, value_max: 900,")
    assert any("只有区间目标" in p for p in problems_of(text))


def test_a_bad_issue_date_and_period_are_refused():
    problems = problems_of(GOOD.replace("issued: 2023-03-01", "issued: 2023-13-01").replace("end: 2025", "end: 2020"))
    assert any("印发日期" in p for p in problems)
    assert any("起始不晚于结束" in p for p in problems)
