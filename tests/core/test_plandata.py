import copy
import dataclasses
from decimal import Decimal

import pytest
import yaml

from innocity.core.datafile import DataFileError
from innocity.core.plandata import read_plan_data, read_plan_data_mapping

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


# --- plain mappings (read_plan_data_mapping) -------------------------------------------------


def plain_good() -> dict:
    """GOOD as plain dicts and lists, without line numbers (as an importer builds it)."""
    return copy.deepcopy(yaml.safe_load(GOOD))


def without_lines(record):
    if dataclasses.is_dataclass(record):
        values = {f.name: without_lines(getattr(record, f.name)) for f in dataclasses.fields(record)}
        if "line" in values:
            values["line"] = None
        return type(record)(**values)
    if isinstance(record, tuple):
        return tuple(without_lines(item) for item in record)
    return record


def mapping_problems(data, draft: bool = False) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        read_plan_data_mapping(data, "导入", KNOWN, draft=draft)
    assert all(p.line is None for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


def test_a_mapping_reads_as_the_file_does():
    from_file = read_plan_data(GOOD, "plan.yaml", KNOWN)
    from_mapping = read_plan_data_mapping(plain_good(), "导入", KNOWN)
    assert from_mapping == without_lines(from_file)
    assert from_file.tasks[0].line == 18 and from_mapping.tasks[0].line is None


def test_problems_of_a_mapping_name_their_place():
    data = plain_good()
    data["sections"][0]["goals"][0]["value"] = "八百"
    task = data["sections"][1]["sections"][0]["tasks"][0]
    task["units"][1]["orgs"] = ["市信息局"]
    task["units"][0]["role"] = "boss"
    task["targets"][0]["baseline"] = {"value": 1, "unit": "场", "period": "2024X"}
    assert mapping_problems(data) == [
        "导入: 章节 一 目标 1: value 应为数字, 而不是 '八百'",
        "导入: 任务 二/(一)/1 责任单位 市科技局: 职责 'boss' 无效, 应为 lead / responsible / cooperating",
        "导入: 任务 二/(一)/1 责任单位 市工信局: 未知组织 市信息局: 不在组织名录中",
        "导入: 任务 二/(一)/1 目标 1: 期间代码 '2024X' 无效: 应为 2024、2024S1、2024Q3 或 202405 的形式",
    ]


def test_plan_and_section_problems_of_a_mapping():
    data = plain_good()
    del data["period"]
    tasks = data["sections"][1]["sections"][0]["tasks"]
    tasks.append({**copy.deepcopy(tasks[0]), "title": "又一件事"})
    data["sections"][1]["sections"][0]["kind"] = "chapter"
    assert mapping_problems(data) == [
        "导入: 缺少 period: {start, end}",
        "导入: 章节 二/(一): 章节类型 'chapter' 无效, 应为 text, goals, tasks, safeguards 之一",
        "导入: 章节 二/(一): 同一章节中任务编号 1 重复",
    ]
    assert mapping_problems(["title"]) == ["导入: 应为一个方案映射 (title, period, sections …)"]


def test_a_draft_may_leave_units_unresolved_and_tasks_without_units():
    data = plain_good()
    task = data["sections"][1]["sections"][0]["tasks"][0]
    task["units"][1] = {"name": "市气象局", "role": "cooperating", "orgs": [], "method": None}
    assert mapping_problems(data) == [
        "导入: 任务 二/(一)/1 责任单位 市气象局: 未知字段: method",
        "导入: 任务 二/(一)/1 责任单位 市气象局: orgs 应为组织名称列表",
    ]
    plan = read_plan_data_mapping(data, "导入", KNOWN, draft=True)
    assert [(u.name, u.orgs) for u in plan.tasks[0].units] == [("市科技局", ("市科技局",)), ("市气象局", ())]
    task["units"] = []
    assert mapping_problems(data) == ["导入: 任务 二/(一)/1: 任务没有责任单位"]
    assert read_plan_data_mapping(data, "导入", KNOWN, draft=True).tasks[0].units == ()


def test_a_draft_is_otherwise_validated_as_before():
    data = plain_good()
    task = data["sections"][1]["sections"][0]["tasks"][0]
    task["units"][1]["orgs"] = ["市科技局"]
    task["units"].append({"name": "市某局", "role": "cooperating", "orgs": ["市某局"], "method": "manual"})
    task["targets"][0]["comparator"] = "between"
    task["units"][0]["orgs"] = "市科技局"
    assert mapping_problems(data, draft=True) == [
        "导入: 任务 二/(一)/1 责任单位 市科技局: orgs 应为组织名称列表",
        "导入: 任务 二/(一)/1 责任单位 市某局: 未知组织 市某局: 不在组织名录中",
        "导入: 任务 二/(一)/1 目标 1: 比较符 'between' 无效, 应为 > >= = <= < ~ range 之一",
        "导入: 任务 二/(一)/1 目标 1: 只有区间目标 (comparator: range) 才有 value_max",
    ]
    task["units"][0]["orgs"] = ["市科技局"]
    task["units"].pop()
    task["targets"][0]["comparator"] = "range"
    assert mapping_problems(data, draft=True) == ["导入: 任务 二/(一)/1: 责任单位 市科技局 在同一任务中出现两次"]


def test_a_file_keeps_its_lines_and_messages_without_a_place():
    text = GOOD.replace("orgs: [市工信局]", "orgs: []")
    assert problems_of(text) == ["plan.yaml:23: orgs 应为组织名称列表"]
