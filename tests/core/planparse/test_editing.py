"""editing: corrections of the working document, each refusal, and the flags still open."""

import copy
import doctest
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innocity.core.datafile import DataFileError
from innocity.core.orgdata import read_registry
from innocity.core.plandata import read_plan_data_mapping
from innocity.core.planparse import editing, from_json, parse_text, to_json, to_plan_data
from innocity.core.planparse.editing import (
    current_flags,
    delete_target,
    find_task,
    set_meta,
    set_task_title,
    set_unit_org,
    update_target,
)
from innocity.core.planparse.scanning import fold_width

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = Path(__file__).resolve().parent / "documents"
REGISTRY = ROOT / "innocity" / "orgs" / "data" / "xinxiang-organisations.yaml"
KNOWN = {o.short for o in read_registry(REGISTRY.read_text(encoding="utf-8"), REGISTRY.name).organisations}.__contains__
META = {"issuer": "", "document_number": None, "issued": None, "source": "plan.txt"}

TARGET_FORM = {"indicator": "加氢站", "comparator": ">=", "value": "12", "value_max": "", "unit": "个",
               "deadline": "2025", "recurring": "", "aspiration": ""}


@pytest.fixture(scope="module")
def xinxiang_json(xinxiang):
    return json.dumps({**to_json(xinxiang), "meta": META}, ensure_ascii=False)


@pytest.fixture
def doc(xinxiang_json):
    """A fresh working document of the Xinxiang parse, as the importer stores it."""
    return json.loads(xinxiang_json)


@pytest.fixture
def groups_doc(directory):
    """groups-and-names.txt: a fuzzy match (市工业信息化局 → 市工信局), an unknown unit (市气象局), groups."""
    return to_json(parse_text((DOCUMENTS / "groups-and-names.txt").read_text(encoding="utf-8"), directory))


def refused(function, doc, *args):
    """Call an edit that must be refused; check that it changed nothing and return its problems."""
    before = copy.deepcopy(doc)
    problems = function(doc, *args)
    assert problems, "the edit was not refused"
    assert doc == before
    return problems


# --- set_meta ----------------------------------------------------------------------------


def test_set_meta_puts_each_field_where_the_document_keeps_it(doc):
    fields = {"title": " 新乡市创新型城市建设方案 ", "issuer": "新乡市人民政府办公室", "document_number": "新政办〔2022〕88号",
              "issued": "2022-11-18", "period_start": "2022", "period_end": "２０２５"}
    assert set_meta(doc, fields) == []
    assert doc["title"] == "新乡市创新型城市建设方案"
    assert doc["period"] == {"start": 2022, "end": 2025}
    assert doc["meta"] == {"issuer": "新乡市人民政府办公室", "document_number": "新政办〔2022〕88号",
                           "issued": "2022-11-18", "source": "plan.txt"}
    assert from_json(doc).period == (2022, 2025)


def test_set_meta_leaves_absent_fields_and_empties_optional_ones(doc):
    assert set_meta(doc, {"issued": "2022-11-18", "document_number": "x"}) == []
    assert set_meta(doc, {"issued": "", "document_number": " ", "period_end": "2026年"}) == []
    assert doc["title"] == "新乡市创新型城市建设三年行动工作方案(2022—2024年)"
    assert doc["period"] == {"start": 2022, "end": 2026}
    assert doc["meta"]["issued"] is None and doc["meta"]["document_number"] is None


def test_set_meta_gives_a_document_without_meta_or_period_its_own():
    doc = to_json(parse_text("一、主要任务\n1.建设平台。建成9个加氢站。(责任单位:市工信局)"))
    assert doc["period"] is None and "meta" not in doc
    assert refused(set_meta, doc, {"period_end": "2025"}) == ["请填写实施期起始年 / the first year of the period is required"]
    assert set_meta(doc, {"title": "某方案", "issuer": "某市", "period_start": "2023", "period_end": "2025"}) == []
    assert doc["meta"] == {"issuer": "某市"} and doc["period"] == {"start": 2023, "end": 2025}


@pytest.mark.parametrize("fields, problem", [
    ({"title": "  "}, "方案标题不能为空 / the plan title is required"),
    ({"title": "方" * 301}, "方案标题不能超过 300 字 / the plan title is longer than 300 characters"),
    ({"issuer": "办" * 201}, "印发机关不能超过 200 字 / the issuer is longer than 200 characters"),
    ({"document_number": "号" * 101}, "文号不能超过 100 字 / the document number is longer than 100 characters"),
    ({"issued": "2022/11/18"}, "印发日期 2022/11/18 应为 YYYY-MM-DD (如 2022-11-18) / the issue date must be YYYY-MM-DD"),
    ({"issued": "2022-02-30"}, "印发日期 2022-02-30 应为 YYYY-MM-DD (如 2022-11-18) / the issue date must be YYYY-MM-DD"),
    ({"issued": "20221118"}, "印发日期 20221118 应为 YYYY-MM-DD (如 2022-11-18) / the issue date must be YYYY-MM-DD"),
    ({"period_start": "1900"}, "实施期起始年 1900 应为 1949—2100 之间的年份 / the first year must be a year from 1949 to 2100"),
    ({"period_end": "明年"}, "实施期结束年 明年 应为 1949—2100 之间的年份 / the last year must be a year from 1949 to 2100"),
    ({"period_start": "2025", "period_end": "2023"}, "实施期起始年 2025 晚于结束年 2023 / the period starts after it ends"),
    ({"period_start": ""}, "请填写实施期起始年 / the first year of the period is required"),
])
def test_set_meta_refuses(doc, fields, problem):
    assert refused(set_meta, doc, fields) == [problem]


def test_set_meta_reports_every_problem_at_once(doc):
    problems = refused(set_meta, doc, {"title": "", "issued": "昨天", "period_start": "2030", "period_end": "2024",
                                       "issuer": "新乡市人民政府办公室"})
    assert [p.split(" ")[0] for p in problems] == ["方案标题不能为空", "印发日期", "实施期起始年"]


# --- tasks and units ---------------------------------------------------------------------


def test_find_task_by_section_path_and_number(doc):
    path = ["三、主要任务", "(四)聚焦先进制造业体系,推动优势产业集群发展"]
    assert find_task(doc, path, "17") == 16
    assert find_task(doc, tuple(path), "17") == 16
    assert find_task(doc, path, "1") is None


def test_set_task_title(doc):
    assert set_task_title(doc, 16, " 布局氢能产业 ") == []
    assert doc["tasks"][16]["title"] == "布局氢能产业"
    assert from_json(doc).tasks[16].title == "布局氢能产业"


@pytest.mark.parametrize("index, title, problem", [
    (0, "", "任务标题不能为空 / the task title is required"),
    (0, "题" * 301, "任务标题不能超过 300 字 / the task title is longer than 300 characters"),
    (-1, "标题", "没有序号为 -1 的任务 / no task at index -1"),
    (21, "标题", "没有序号为 21 的任务 / no task at index 21"),
    ("0", "标题", "没有序号为 0 的任务 / no task at index 0"),
    (True, "标题", "没有序号为 True 的任务 / no task at index True"),
])
def test_set_task_title_refuses(doc, index, title, problem):
    assert refused(set_task_title, doc, index, title) == [problem]


def units_of(doc, index):
    return [(u["name"], u["org"], u["method"]) for u in doc["tasks"][index]["units"]]


def test_set_unit_org_confirms_a_fuzzy_match_and_resolves_an_unknown_name(groups_doc):
    assert current_flags(groups_doc) == groups_doc["flags"]
    assert [f["kind"] for f in groups_doc["flags"]] == ["unresolved_unit", "fuzzy_unit"]
    assert set_unit_org(groups_doc, 0, "市工业信息化局", "市工信局", KNOWN) == []
    assert set_unit_org(groups_doc, 0, "市气象局", "市生态环境局", KNOWN) == []
    assert units_of(groups_doc, 0)[2:4] == [("市工业信息化局", "市工信局", "manual"), ("市气象局", "市生态环境局", "manual")]
    assert current_flags(groups_doc) == []


def test_set_unit_org_marks_a_unit_unresolved(doc):
    assert set_unit_org(doc, 0, "市委编办", None, KNOWN) == []
    assert units_of(doc, 0)[1] == ("市委编办", None, None)
    assert set_unit_org(doc, 0, "红旗区", "", KNOWN) == []
    assert units_of(doc, 0)[4] == ("红旗区", None, None)
    task = ["三、主要任务", "(一)发挥自创区创新引擎作用,擦亮高新区高质量发展底色"]
    assert [(f["kind"], f["text"], f["task"]) for f in current_flags(doc)][:2] == [
        ("unresolved_unit", "市委编办", "1"), ("unresolved_unit", "红旗区", "1")]
    assert current_flags(doc)[0]["section_path"] == task
    assert current_flags(doc)[0]["message"] == "责任单位未能在组织名录中找到 / unit not found in the organisation registry"
    # The draft keeps the unit by its name, with no organisation.
    data = to_plan_data(from_json(doc), doc["meta"])
    assert data["sections"][2]["sections"][0]["tasks"][0]["units"][1] == {"name": "市委编办", "role": "responsible",
                                                                           "orgs": []}
    assert set_unit_org(doc, 0, "市委编办", "市委编办", KNOWN) == []
    assert units_of(doc, 0)[1] == ("市委编办", "市委编办", "manual")


def test_set_unit_org_refuses_a_group_reference(doc, groups_doc):
    assert refused(set_unit_org, doc, 1, "各县〔市、区〕政府", "卫辉市", KNOWN) == [
        "任务 2 的“各县〔市、区〕政府”是集合称谓, 代表 12 个单位, 不能改为单个组织 / "
        "各县〔市、区〕政府 is a group reference standing for several organisations"]
    assert refused(set_unit_org, groups_doc, 0, "驻新高校、科研院所", None, KNOWN)[0].startswith(
        "任务 1 的“驻新高校、科研院所”是集合称谓, 代表 8 个单位")


def test_set_unit_org_refuses_an_organisation_twice_in_a_task(doc, groups_doc):
    assert refused(set_unit_org, doc, 0, "市委编办", "市科技局", KNOWN) == [
        "任务 1 中 市科技局 将对应 “市科技局”(责任)、“市委编办”(责任), 一个单位在同一任务中只能出现一次 / "
        "市科技局 would stand for more than one unit of this task"]
    # 新乡市科技局 already stands for 市科技局 in task 1 of groups-and-names.
    assert "一个单位在同一任务中只能出现一次" in refused(set_unit_org, groups_doc, 0, "市气象局", "市科技局", KNOWN)[0]


def test_set_unit_org_refuses_a_name_with_two_roles_for_one_organisation(directory):
    doc = to_json(parse_text("一、主要任务\n1.建设平台。建设平台。(牵头单位:市气象站)建成9个加氢站。(配合单位:市气象站)",
                             directory))
    assert [(u["name"], u["role"], u["org"]) for u in doc["tasks"][0]["units"]] == [
        ("市气象站", "lead", None), ("市气象站", "cooperating", None)]
    assert refused(set_unit_org, doc, 0, "市气象站", "市生态环境局", KNOWN) == [
        "任务 1 中 市生态环境局 将对应 “市气象站”(牵头)、“市气象站”(配合), 一个单位在同一任务中只能出现一次 / "
        "市生态环境局 would stand for more than one unit of this task"]


@pytest.mark.parametrize("index, name, org, problem", [
    (0, "市气象局", "市科技局", "任务 1 没有写作“市气象局”的责任单位 / the task has no unit written 市气象局"),
    (0, "市委编办", "市不存在局", "组织名录中没有“市不存在局” / 市不存在局 is not in the organisation registry"),
    (-1, "市委编办", None, "没有序号为 -1 的任务 / no task at index -1"),
    (99, "市委编办", None, "没有序号为 99 的任务 / no task at index 99"),
])
def test_set_unit_org_refuses(doc, index, name, org, problem):
    assert refused(set_unit_org, doc, index, name, org, KNOWN) == [problem]


# --- targets -----------------------------------------------------------------------------


def test_update_target_of_a_task_keeps_the_phrase_and_the_baseline(doc):
    fields = {**TARGET_FORM, "indicator": "高新区营业收入", "comparator": "range", "value": "８５０．５",
              "value_max": "1,000", "unit": "亿元", "deadline": "2025年", "aspiration": "on", "recurring": "yearly",
              "owner": "task", "target": "1"}
    assert update_target(doc, "task", 0, 1, fields) == []
    assert doc["tasks"][0]["targets"][1] == {
        "text": "从目前700亿营收预期提升到900亿左右", "indicator": "高新区营业收入", "comparator": "range",
        "value": 850.5, "unit": "亿元", "deadline": 2025, "recurring": "yearly", "aspiration": True, "value_max": 1000,
        "approximate": False, "baseline": {"value": 700, "unit": "亿", "period": "2022"}}


def test_update_target_of_a_goal_and_an_other_target(doc):
    assert update_target(doc, "goal", 0, 2, {**TARGET_FORM, "indicator": "年均新增注册企业", "comparator": "~",
                                             "value": "1.3", "unit": "万家", "deadline": ""}) == []
    goal = doc["goals"][2]
    assert (goal["comparator"], goal["approximate"], goal["value"], goal["deadline"], goal["aspiration"]) == (
        "~", True, 1.3, None, False)
    assert update_target(doc, "other", 0, 0, {**TARGET_FORM, "indicator": "市级科技专项资金年增长率", "value": "12",
                                              "unit": "%", "recurring": "yearly", "value_max": "99"}) == []
    other = doc["other_targets"][0]
    assert (other["value"], other["value_max"], other["recurring"], other["section_path"]) == (
        12, None, "yearly", ["四、保障措施", "(三)加强政策保障"])


@pytest.mark.parametrize("change, problem", [
    ({"indicator": " "}, "指标名称不能为空 / the indicator is required"),
    ({"indicator": "指" * 201}, "指标名称不能超过 200 字 / the indicator is longer than 200 characters"),
    ({"comparator": "≥"}, "比较符 ≥ 无效, 应为 > >= = <= < ~ range 之一 / unknown comparator"),
    ({"value": "十二"}, "目标值 十二 应为数字 / the value must be a number"),
    ({"value": "1.2.3"}, "目标值 1.2.3 应为数字 / the value must be a number"),
    ({"value": ""}, "请填写目标值 / the value is required"),
    ({"value": "1e3"}, "目标值 1e3 应为数字 / the value must be a number"),
    ({"value": "100000000000000"}, "目标值 100000000000000 过大 / the value is too large"),
    ({"comparator": "range"}, "请填写区间上限 / the upper value is required"),
    ({"comparator": "range", "value_max": "10"}, "区间上限 10 小于目标值 12 / the upper value is below the value"),
    ({"unit": "个" * 31}, "单位不能超过 30 字 / the unit is longer than 30 characters"),
    ({"deadline": "25"}, "完成年 25 应为 1949—2100 之间的年份 / the deadline must be a year from 1949 to 2100"),
    ({"deadline": "2200"}, "完成年 2200 应为 1949—2100 之间的年份 / the deadline must be a year from 1949 to 2100"),
    ({"recurring": "monthly"}, "recurring 应为 yearly 或空, 而不是 monthly / recurring must be yearly or empty"),
    ({"aspiration": "maybe"}, "力争 (aspiration) 应为勾选或不勾选, 而不是 maybe / aspiration must be on or off"),
])
def test_update_target_refuses(doc, change, problem):
    assert refused(update_target, doc, "task", 16, 0, {**TARGET_FORM, **change}) == [problem]


@pytest.mark.parametrize("owner, owner_index, target_index, problem", [
    ("plan", 0, 0, "目标所属 plan 无效, 应为 goal / task / other / unknown owner of a target"),
    ("goal", 1, 0, "发展目标和其他目标的 owner_index 应为 0, 而不是 1 / owner_index must be 0"),
    ("goal", 0, 13, "没有序号为 13 的目标 / no target at index 13"),
    ("other", 0, -1, "没有序号为 -1 的目标 / no target at index -1"),
    ("task", 1, 0, "没有序号为 0 的目标 / no target at index 0"),
    ("task", -1, 0, "没有序号为 -1 的任务 / no task at index -1"),
])
def test_update_and_delete_refuse_a_target_that_is_not_there(doc, owner, owner_index, target_index, problem):
    assert refused(update_target, doc, owner, owner_index, target_index, TARGET_FORM) == [problem]
    assert refused(delete_target, doc, owner, owner_index, target_index) == [problem]


def test_update_target_reports_every_problem_at_once(doc):
    problems = refused(update_target, doc, "task", 16, 0, {"comparator": "range", "value": "x", "deadline": "明年"})
    assert [p.split(" ")[0] for p in problems] == ["指标名称不能为空", "目标值", "请填写区间上限", "完成年"]


def test_delete_target(doc):
    assert delete_target(doc, "task", 7, 0) != []   # task 8 has no targets
    assert delete_target(doc, "task", 6, 0) == []
    assert [t["text"] for t in doc["tasks"][6]["targets"]] == ["吸引高校毕业生留新创新创业突破15万人"]
    assert delete_target(doc, "goal", 0, 12) == []
    assert len(doc["goals"]) == 12 and doc["goals"][-1]["text"] == "高新技术产业比重达到56%"
    assert delete_target(doc, "other", 0, 0) == []
    assert doc["other_targets"] == []


# --- the corrected document imports ------------------------------------------------------


def test_a_corrected_document_imports_with_its_corrections(doc):
    assert set_meta(doc, {"issuer": "新乡市人民政府办公室", "issued": "2022-11-18", "document_number": ""}) == []
    assert update_target(doc, "task", 16, 0, TARGET_FORM) == []
    assert set_unit_org(doc, 16, "市城管局", None, KNOWN) == []
    assert delete_target(doc, "task", 6, 0) == []
    plan = read_plan_data_mapping(to_plan_data(from_json(doc), doc["meta"]), "plan.txt", KNOWN, draft=True)
    task = plan.tasks[16]
    assert (plan.issuer, plan.issued.isoformat(), plan.source) == ("新乡市人民政府办公室", "2022-11-18", "plan.txt")
    assert [(t.text, t.comparator, t.value, t.deadline) for t in task.targets] == [
        ("建成9个加氢站", ">=", Decimal(12), 2025)]
    assert [u.orgs for u in task.units if u.name == "市城管局"] == [()]
    assert len(plan.tasks[6].targets) == 1


values = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)
form_values = st.one_of(values.map(str), st.sampled_from(["", "十二", "１２．５", "1,000", "-0", "1e3", " 7 "]))


@settings(max_examples=100, deadline=None)
@given(comparator=st.sampled_from([">", ">=", "=", "<=", "<", "~", "range", "gt", ""]), value=form_values,
       value_max=form_values, deadline=st.sampled_from(["", "2025", "２０２４", "1900", "x"]),
       recurring=st.sampled_from(["", "yearly", "daily"]), aspiration=st.sampled_from(["", "on", "1", "no"]))
def test_an_accepted_target_edit_imports_with_the_value_typed(xinxiang_json, comparator, value, value_max, deadline,
                                                               recurring, aspiration):
    """Every edit either changes nothing, or gives a target the validator takes, with the typed number."""
    doc = json.loads(xinxiang_json)
    work = copy.deepcopy(doc)
    fields = {**TARGET_FORM, "comparator": comparator, "value": value, "value_max": value_max, "deadline": deadline,
              "recurring": recurring, "aspiration": aspiration}
    problems = update_target(work, "task", 16, 0, fields)
    if problems:
        assert work == doc
        return
    plan = read_plan_data_mapping(to_plan_data(from_json(work)), "plan.txt", KNOWN, draft=True)
    (target,) = plan.tasks[16].targets
    typed = Decimal(fold_width(value).strip().replace(",", ""))
    assert (target.comparator, target.value) == (comparator, typed)
    if comparator == "range":
        assert target.value_max == Decimal(fold_width(value_max).strip().replace(",", "")) >= typed


# --- current_flags -----------------------------------------------------------------------


DOCUMENT_NAMES = sorted(path.name for path in DOCUMENTS.glob("*.txt"))


@pytest.mark.parametrize("name", DOCUMENT_NAMES)
def test_current_flags_of_an_unedited_document_are_the_parse_flags(name, directory):
    doc = to_json(parse_text((DOCUMENTS / name).read_text(encoding="utf-8"), directory))
    assert current_flags(doc) == doc["flags"]


def test_current_flags_of_xinxiang_are_its_parse_flags(doc):
    assert current_flags(doc) == doc["flags"]
    assert len(doc["flags"]) == 3


def test_a_unit_flag_takes_its_tasks_place(doc):
    """A unit made unresolved in task 7 stands after task 7's own flag, before task 13's."""
    assert set_unit_org(doc, 6, "市委人才办", None, KNOWN) == []
    assert [(f["kind"], f["task"]) for f in current_flags(doc)] == [
        ("ambiguous_deadline", "7"), ("unresolved_unit", "7"), ("target_without_number", "13"),
        ("target_without_number", "21")]
    assert set_unit_org(doc, 0, "市科技局", None, KNOWN) == []
    assert [(f["kind"], f["task"]) for f in current_flags(doc)][:2] == [("unresolved_unit", "1"), ("ambiguous_deadline", "7")]


def test_plan_wide_and_preamble_flags_keep_their_places():
    doc = to_json(parse_text("""某方案(2023—2025年)
到2025年,实现全覆盖。
一、主要任务
1.建设平台。建成9个加氢站。
1.建设载体。建成3个孵化器。(责任单位:市工信局)"""))
    kinds = [f["kind"] for f in doc["flags"]]
    assert kinds == ["target_without_number", "task_without_units", "duplicate_task"]
    doc["tasks"][1]["units"][0]["org"] = None
    assert [f["kind"] for f in current_flags(doc)] == ["target_without_number", "task_without_units",
                                                       "unresolved_unit", "duplicate_task"]


def test_a_corrected_uncertain_title_is_no_longer_flagged():
    long_title = "建设创新平台并围绕重点产业链布局建设一批中试基地概念验证中心和产业技术研究院推动科技成果转化"
    doc = to_json(parse_text(f"一、主要任务\n1.{long_title}(责任单位:市科技局)\n2.建设载体。建成3个孵化器。(责任单位:市工信局)"))
    assert [f["kind"] for f in current_flags(doc)] == ["title_uncertain", "unresolved_unit", "unresolved_unit"]
    assert set_task_title(doc, 0, "建设创新平台") == []
    assert [f["kind"] for f in current_flags(doc)] == ["unresolved_unit", "unresolved_unit"]


def test_the_docstring_examples_run():
    result = doctest.testmod(editing)
    assert result.failed == 0 and result.attempted > 0


def test_a_name_with_two_roles_imports_once_marked_unresolved(directory):
    """The limitation the docs name: one organisation twice in a task is refused until unresolved."""
    doc = to_json(parse_text("某市科技创新工作方案(2023—2025年)\n一、主要任务\n1.建设平台。建设平台。(牵头单位:市科技局)"
                             "建成9个加氢站。(配合单位:市科技局、市工信局)", directory))
    assert [(u["name"], u["role"], u["org"]) for u in doc["tasks"][0]["units"]] == [
        ("市科技局", "lead", "市科技局"), ("市科技局", "cooperating", "市科技局"), ("市工信局", "cooperating", "市工信局")]
    with pytest.raises(DataFileError) as caught:
        read_plan_data_mapping(to_plan_data(from_json(doc)), "plan.txt", KNOWN, draft=True)
    assert [p.reason for p in caught.value.problems] == ["任务 一/1: 责任单位 市科技局 在同一任务中出现两次"]
    assert set_unit_org(doc, 0, "市科技局", None, KNOWN) == []
    plan = read_plan_data_mapping(to_plan_data(from_json(doc)), "plan.txt", KNOWN, draft=True)
    assert [(u.name, u.role, u.orgs) for u in plan.tasks[0].units] == [
        ("市科技局", "lead", ()), ("市科技局", "cooperating", ()), ("市工信局", "cooperating", ("市工信局",))]
