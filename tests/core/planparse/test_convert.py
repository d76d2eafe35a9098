"""convert: from_json inverts to_json; to_plan_data gives the reviewed layout; from_plan_data reads it back."""

import dataclasses
import datetime as dt
import doctest
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innocity.core.orgdata import read_registry
from innocity.core.plandata import read_plan_data, read_plan_data_mapping
from innocity.core.planparse import (
    Baseline,
    Flag,
    Note,
    ParsedPlan,
    ParsedTask,
    PlacedTarget,
    Section,
    Target,
    UnitRef,
    convert,
    diff_plans,
    from_json,
    from_plan_data,
    parse_text,
    to_json,
    to_plan_data,
)
from innocity.core.planparse.convert import section_heading, split_heading, unit_groups
from innocity.core.planparse.model import COMPARATORS, FLAG_MESSAGES, ROLES

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = Path(__file__).resolve().parent / "documents"
REGISTRY = ROOT / "innocity" / "orgs" / "data" / "xinxiang-organisations.yaml"
REVIEWED = ROOT / "innocity" / "plans" / "data" / "xinxiang-2022-2024.yaml"
# The reference plans live in ../shared beside the repository (CI lays it out the same way).
REFERENCE_PLANS = ROOT.parent / "shared" / "reference" / "plans"
REGISTRY_RECORDS = read_registry(REGISTRY.read_text(encoding="utf-8"), REGISTRY.name)
KNOWN = {o.short for o in REGISTRY_RECORDS.organisations}.__contains__
REVIEWED_META = {"issuer": "新乡市人民政府办公室", "document_number": None, "issued": "2022-11-18",
                 "source": "samples/xinxiang-innovative-city-plan-2022-2024.txt"}


def document_texts() -> list[tuple[str, str]]:
    """The reference plans (without their `# source:` line) and our own test documents."""
    found = []
    for path in sorted(REFERENCE_PLANS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        found.append((path.name, "\n".join(lines[1:]) if lines[0].startswith("# source:") else "\n".join(lines)))
    found += [(path.name, path.read_text(encoding="utf-8")) for path in sorted(DOCUMENTS.glob("*.txt"))]
    return found


DOCUMENT_TEXTS = document_texts()


def test_the_documents_are_there():
    names = [name for name, _ in DOCUMENT_TEXTS]
    assert len([n for n in names if n[:2].isdigit()]) == 5, "the reference plans beside the repository"
    assert len(names) == 9


def without_lines(record):
    """A plan-data record with every `line` set to None (plain dicts have none)."""
    if dataclasses.is_dataclass(record):
        values = {f.name: without_lines(getattr(record, f.name)) for f in dataclasses.fields(record)}
        if "line" in values:
            values["line"] = None
        return type(record)(**values)
    if isinstance(record, tuple):
        return tuple(without_lines(item) for item in record)
    return record


@pytest.fixture(scope="module")
def reviewed_plan():
    return read_plan_data(REVIEWED.read_text(encoding="utf-8"), REVIEWED.name, KNOWN)


# --- from_json ---------------------------------------------------------------------------


def through_json(plan: ParsedPlan) -> ParsedPlan:
    return from_json(json.loads(json.dumps(to_json(plan), ensure_ascii=False)))


def test_from_json_inverts_to_json_for_xinxiang(xinxiang):
    assert through_json(xinxiang) == xinxiang
    assert from_json(to_json(xinxiang)) == xinxiang


@pytest.mark.parametrize("name, text", DOCUMENT_TEXTS, ids=[name for name, _ in DOCUMENT_TEXTS])
@pytest.mark.parametrize("resolve", [True, False], ids=["registry", "no-registry"])
def test_from_json_inverts_to_json_for_every_document(name, text, resolve, directory):
    plan = parse_text(text, directory if resolve else None)
    assert plan.tasks, name
    assert through_json(plan) == plan


def test_from_json_ignores_extra_keys_and_rebuilds_tuples(xinxiang):
    doc = to_json(xinxiang)
    doc["meta"] = {"issuer": "新乡市人民政府办公室", "document_number": None, "issued": "2022-11-18"}
    plan = from_json(doc)
    assert plan == xinxiang
    task = plan.tasks[0]
    assert isinstance(task.section_path, tuple) and isinstance(task.units[0], UnitRef)
    assert plan.period == (2022, 2024)
    with_baseline = task.targets[1]
    assert with_baseline.baseline == Baseline(700.0, "亿", "2022")
    assert isinstance(with_baseline.value, float) and with_baseline.value == 900.0
    assert plan.flags[0] == Flag("ambiguous_deadline", "留新30万青年人才", (
        "三、主要任务", "(二)打造高博会常态化创新平台,营造充满活力的创新生态"), "7")


# Small texts without spaces at their ends (the plan-data validator trims them).
words = st.text(alphabet="一二三四(一)1.、主要任务目标市科技局高新区亿万%个家", max_size=8)
paths = st.lists(words, max_size=3).map(tuple)
finite = st.floats(allow_nan=False, allow_infinity=False)
targets = st.builds(
    Target, text=words, indicator=words, comparator=st.sampled_from(COMPARATORS), value=finite, unit=words,
    deadline=st.none() | st.integers(1949, 2100), recurring=st.sampled_from([None, "yearly"]),
    aspiration=st.booleans(), value_max=st.none() | finite,
    baseline=st.none() | st.builds(Baseline, finite, words, st.none() | words),
)
units = st.builds(UnitRef, words, st.sampled_from(ROLES), st.none() | words,
                  st.sampled_from([None, "exact", "group", "fuzzy", "manual"]), st.integers(0, 3))
tasks = st.builds(ParsedTask, paths, words, words, words, st.lists(units, max_size=4).map(tuple),
                  st.lists(targets, max_size=2).map(tuple), st.lists(st.builds(Note, words, words), max_size=2).map(tuple),
                  st.none() | st.integers(1, 10_000))
sections = st.builds(Section, paths, words, words, words, words,
                     st.sampled_from(["goals", "tasks", "safeguards", "text", "closing"]), st.none() | st.integers(1, 10_000))
years = st.integers(1949, 2100)
plans = st.builds(
    ParsedPlan, title=st.none() | words, period=st.none() | st.tuples(years, years), preamble=words,
    sections=st.lists(sections, max_size=4).map(tuple), goals=st.lists(targets, max_size=3).map(tuple),
    tasks=st.lists(tasks, max_size=4).map(tuple),
    other_targets=st.lists(st.builds(PlacedTarget, paths, targets), max_size=2).map(tuple),
    flags=st.lists(st.builds(Flag, st.sampled_from(list(FLAG_MESSAGES)), words, paths, st.none() | words),
                   max_size=3).map(tuple),
)


@settings(max_examples=100, deadline=None)
@given(plans)
def test_from_json_inverts_to_json_for_generated_plans(plan):
    assert through_json(plan) == plan


# --- to_plan_data: the Xinxiang parse is the reviewed file --------------------------------


def test_the_parse_in_plan_data_layout_reads_as_the_reviewed_file(xinxiang, reviewed_plan):
    """THE KEY TEST: every field of every section, task, unit and target, as the validator reads them."""
    data = to_plan_data(xinxiang)
    parsed = read_plan_data_mapping(data, "working document", KNOWN)
    expected = dataclasses.replace(without_lines(reviewed_plan), issuer="", document_number=None, issued=None,
                                   source=None)
    assert parsed == expected
    # The comparison is not empty: it covers what the reviewed file holds.
    assert len(parsed.tasks) == 21 and len(parsed.goals) == 13
    assert sum(len(unit.orgs) for task in parsed.tasks for unit in task.units) > 200
    assert [t.text for _, s in parsed.all_sections() if s.kind != "goals" for t in s.targets] == [
        "预算安排市级科技专项资金每年增长10%以上"]
    assert [s.kind for s in parsed.sections] == ["text", "goals", "tasks", "safeguards"]


def test_with_the_metadata_the_layout_reads_as_the_reviewed_file_in_every_field(xinxiang, reviewed_plan):
    parsed = read_plan_data_mapping(to_plan_data(xinxiang, REVIEWED_META), "working document", KNOWN)
    assert parsed == without_lines(reviewed_plan)
    assert parsed.issued == dt.date(2022, 11, 18)


def test_the_layout_has_the_reviewed_files_values_as_written(xinxiang, reviewed):
    """Plain dicts equal to the YAML's where they carry the same facts: ints stay ints."""
    data = to_plan_data(xinxiang, REVIEWED_META)
    goals_section = data["sections"][1]
    assert goals_section["goals"] == [{**{"recurring": None, "aspiration": False}, **goal}
                                      for goal in reviewed["sections"][1]["goals"]]
    assert goals_section["goals"][1]["value"] == 3 and isinstance(goals_section["goals"][1]["value"], int)
    assert goals_section["goals"][0]["value"] == 3.1
    task = data["sections"][2]["sections"][0]["tasks"][1]
    assert task["units"][3] == {"name": "各县〔市、区〕政府", "role": "responsible", "orgs": [
        "卫辉市", "辉县市", "长垣市", "新乡县", "获嘉县", "原阳县", "延津县", "封丘县", "红旗区", "卫滨区", "凤泉区", "牧野区"]}
    assert data["sections"][2]["sections"][0]["tasks"][0]["targets"][1]["baseline"] == {
        "value": 700, "unit": "亿", "period": "2022"}
    assert json.loads(json.dumps(data)) == data


def test_the_reviewed_file_as_a_stored_plan_differs_from_the_parse_in_nothing(xinxiang, reviewed):
    stored = from_plan_data(reviewed)
    diff = diff_plans(stored, xinxiang)
    assert diff.empty, diff
    assert [task.key for task in stored.tasks] == [task.key for task in xinxiang.tasks]
    assert stored.goals == xinxiang.goals
    assert stored.other_targets == xinxiang.other_targets
    assert [(s.path, s.heading, s.text) for s in stored.sections] == [
        (s.path, s.heading, s.text) for s in xinxiang.sections]


def test_a_changed_stored_plan_shows_in_the_diff(xinxiang, reviewed):
    changed = json.loads(json.dumps(reviewed))
    task = changed["sections"][2]["sections"][3]["tasks"][3]   # 17 前瞻布局氢能产业
    task["targets"][0]["value"] = 12
    task["units"] = task["units"][:-1]
    diff = diff_plans(from_plan_data(changed), xinxiang)
    (change,) = diff.changed
    assert change.new.number == "17" and change.fields == ("units", "targets")
    assert change.units_added == (("各县〔市、区〕政府", "responsible"),)
    assert [t.value for t in change.targets_removed] == [12.0] and [t.value for t in change.targets_added] == [9.0]


# --- to_plan_data on every document --------------------------------------------------------


@pytest.mark.parametrize("name, text", DOCUMENT_TEXTS, ids=[name for name, _ in DOCUMENT_TEXTS])
def test_every_document_imports_as_a_draft_once_titled(name, text, directory):
    """A title and a period are all a reviewer must add; unresolved units are allowed in a draft."""
    plan = dataclasses.replace(parse_text(text, directory), title="某方案", period=(2023, 2025))
    data = to_plan_data(plan)
    parsed = read_plan_data_mapping(data, name, KNOWN, draft=True)
    assert [(t.number, t.title, t.text) for t in parsed.tasks] == [(t.number, t.title, t.text) for t in plan.tasks]
    assert len(parsed.goals) == len(plan.goals)
    assert sum(len(s.targets) for _, s in parsed.all_sections() if s.kind != "goals") == len(plan.other_targets)
    unresolved = [u for t in parsed.tasks for u in t.units if not u.orgs]
    assert len(unresolved) == len({(t.key, u.name, u.role) for t in plan.tasks for u in t.units if u.org is None})


@pytest.mark.parametrize("name, text", DOCUMENT_TEXTS, ids=[name for name, _ in DOCUMENT_TEXTS])
def test_every_document_comes_back_from_plan_data_unchanged(name, text, directory):
    plan = parse_text(text, directory)
    back = from_plan_data(to_plan_data(plan), like=plan)
    assert diff_plans(back, plan).empty
    assert [t.key for t in back.tasks] == [t.key for t in plan.tasks]


def test_like_takes_the_headings_as_the_document_writes_them():
    """１．完善金融服务 rebuilds as 1.完善金融服务; with `like` the paths are the parse's again."""
    plan = parse_text((DOCUMENTS / "fullwidth-notes-restart.txt").read_text(encoding="utf-8"))
    data = to_plan_data(plan)
    rebuilt = from_plan_data(data)
    assert rebuilt.tasks[5].section_path == ("二、重点任务", "（三）优化创新生态", "1.完善金融服务")
    assert [(old.number, new.number) for old, new in diff_plans(rebuilt, plan).renumbered] == [("（１）", "（１）"),
                                                                                                ("（２）", "（２）")]
    aligned = from_plan_data(data, like=plan)
    assert aligned.tasks[5].section_path == ("二、重点任务", "（三）优化创新生态", "１．完善金融服务")


def test_the_layout_of_a_small_plan():
    plan = parse_text("""某市行动方案(2023—2025年)
一、总体要求
(一)指导思想
坚持创新驱动。
(二)主要目标
到2025年,高新技术企业突破800家。
二、重点任务
(一)企业
1.培育企业。培育科技型中小企业1—2家。(牵头单位:市科技局、各县(市、区)政府;配合单位:市气象局)
三、保障措施
(一)加强领导
经费每年增长10%以上。
本方案自印发之日起施行。""")
    data = to_plan_data(plan, {"issuer": "某市人民政府", "issued": dt.date(2023, 3, 1), "source": "x.docx"})
    assert {k: data[k] for k in ("title", "issuer", "document_number", "issued", "period", "source")} == {
        "title": "某市行动方案(2023—2025年)", "issuer": "某市人民政府", "document_number": None, "issued": "2023-03-01",
        "period": {"start": 2023, "end": 2025}, "source": "x.docx"}
    overview = [(s["number"], s["title"], s["kind"], [(c["number"], c["kind"]) for c in s.get("sections", [])])
                for s in data["sections"]]
    # A part of the same kind as its section is text; a goals part of a text section stays goals;
    # the closing sentence is text.
    assert overview == [("一", "总体要求", "text", [("(一)", "text"), ("(二)", "goals")]),
                        ("二", "重点任务", "tasks", [("(一)", "text")]),
                        ("三", "保障措施", "safeguards", [("(一)", "text")]),
                        ("", "", "text", [])]
    assert [g["text"] for g in data["sections"][0]["sections"][1]["goals"]] == ["高新技术企业突破800家"]
    (task,) = data["sections"][1]["sections"][0]["tasks"]
    # No registry: every unit unresolved, a group kept as one unit.
    assert task["units"] == [{"name": "市科技局", "role": "lead", "orgs": []},
                             {"name": "各县(市、区)政府", "role": "lead", "orgs": []},
                             {"name": "市气象局", "role": "cooperating", "orgs": []}]
    assert task["targets"][0]["comparator"] == "range" and task["targets"][0]["value_max"] == 2
    assert data["sections"][2]["sections"][0]["targets"][0]["recurring"] == "yearly"
    assert "value_max" not in data["sections"][2]["sections"][0]["targets"][0]
    parsed = read_plan_data_mapping(data, "x.docx", KNOWN, draft=True)
    assert parsed.issued == dt.date(2023, 3, 1) and parsed.tasks[0].targets[0].value_max == Decimal(2)


def test_tasks_and_targets_without_a_known_section_get_one():
    heading = ("二、重点任务", "(一)企业")
    target = Target("建成9个加氢站", "加氢站", "=", 9.0, "个", 2025, None, False, baseline=Baseline(3.0, "个", None))
    plan = ParsedPlan(
        title="某方案", period=(2023, 2025), preamble="", sections=(), goals=(target,),
        tasks=(ParsedTask(heading, "1", "建设", "", (UnitRef("市科技局", "lead", "市科技局", "exact"),), ()),
               ParsedTask((), "1", "散列任务", "", (), ())),
        other_targets=(PlacedTarget((), target),),
    )
    data = to_plan_data(plan)
    assert [(s["number"], s["title"], s["kind"]) for s in data["sections"]] == [
        ("", "发展目标", "goals"), ("二", "重点任务", "tasks"), ("", "", "tasks")]
    assert data["sections"][1]["sections"][0]["title"] == "企业"
    assert data["sections"][2]["tasks"][0]["title"] == "散列任务"
    # A baseline without a period (目前, no plan period) keeps an empty period for the validator.
    assert data["sections"][2]["targets"][0]["baseline"] == {"value": 3, "unit": "个", "period": ""}
    parsed = read_plan_data_mapping(data, "x", KNOWN, draft=True)
    assert [t.title for t in parsed.tasks] == ["建设", "散列任务"]
    back = from_plan_data(data)
    assert [t.key for t in back.tasks] == [(heading, "1"), ((), "1")]
    assert back.other_targets == (PlacedTarget((), dataclasses.replace(target, baseline=Baseline(3.0, "个", None))),)


def test_unit_groups_follow_first_appearance_and_drop_repeats():
    refs = [UnitRef("市科技局", "lead", "市科技局", "exact"), UnitRef("各县政府", "responsible", "卫辉市", "group"),
            UnitRef("市气象局", "cooperating", None), UnitRef("各县政府", "responsible", "辉县市", "group"),
            UnitRef("市科技局", "lead", "市科技局", "exact", 1)]
    assert unit_groups(refs) == [{"name": "市科技局", "role": "lead", "orgs": ["市科技局"]},
                                 {"name": "各县政府", "role": "responsible", "orgs": ["卫辉市", "辉县市"]},
                                 {"name": "市气象局", "role": "cooperating", "orgs": []}]


def kept_by_plan_data(plan: ParsedPlan):
    """What the plan-data layout keeps of a plan's tasks and targets, whatever their sections."""

    def target(t: Target) -> Target:
        # value_max belongs to ranges only; a baseline without a period is written "" and read as None.
        baseline = t.baseline and dataclasses.replace(t.baseline, period=t.baseline.period or None)
        return dataclasses.replace(t, value_max=t.value_max if t.comparator == "range" else None, baseline=baseline)

    tasks = Counter((t.number, t.title, t.text, json.dumps(unit_groups(t.units), ensure_ascii=False),
                     tuple(target(x) for x in t.targets)) for t in plan.tasks)
    return (plan.title, plan.period, plan.preamble, tasks, tuple(target(g) for g in plan.goals),
            Counter(target(p.target) for p in plan.other_targets))


@settings(max_examples=100, deadline=None)
@given(plans)
def test_nothing_is_lost_on_the_way_to_plan_data_and_back(plan):
    assert kept_by_plan_data(from_plan_data(to_plan_data(plan))) == kept_by_plan_data(plan)


# --- from_plan_data ------------------------------------------------------------------------


def test_from_plan_data_expands_units_and_keeps_the_sections_flat():
    data = {
        "title": "某方案", "period": {"start": 2023, "end": 2025}, "preamble": "前言",
        "sections": [
            {"number": "一", "title": "发展目标", "kind": "goals", "goals": [
                {"text": "高企突破800家", "indicator": "高企", "comparator": ">", "value": 800, "unit": "家"}]},
            {"number": "二", "title": "主要任务", "kind": "tasks", "sections": [
                {"number": "(一)", "title": "企业", "tasks": [
                    {"number": 1, "title": "培育", "text": "培育企业。", "units": [
                        {"name": "各县政府", "role": "responsible", "orgs": ["卫辉市", "辉县市"]},
                        {"name": "市气象局", "role": "cooperating", "orgs": [], "method": None}],
                     "targets": [{"text": "1—2家", "indicator": "企业", "comparator": "range", "value": 1,
                                  "value_max": 2, "unit": "家", "deadline": 2025, "recurring": "yearly",
                                  "aspiration": True, "baseline": {"value": 0.5, "unit": "家", "period": "2022"}}]}]},
            ]},
            {"number": "三", "title": "保障措施", "kind": "safeguards", "sections": [
                {"number": "(一)", "title": "经费", "text": "经费增长。", "targets": [
                    {"text": "增长10%", "indicator": "经费", "comparator": "=", "value": 10.5, "unit": "%"}]}]},
        ],
    }
    plan = from_plan_data(data)
    assert (plan.title, plan.period, plan.preamble) == ("某方案", (2023, 2025), "前言")
    assert [(s.path, s.heading, s.kind) for s in plan.sections] == [
        ((), "一、发展目标", "goals"), ((), "二、主要任务", "tasks"), (("二、主要任务",), "(一)企业", "text"),
        ((), "三、保障措施", "safeguards"), (("三、保障措施",), "(一)经费", "text")]
    assert plan.goals == (Target("高企突破800家", "高企", ">", 800.0, "家", None, None, False),)
    (task,) = plan.tasks
    assert task.key == (("二、主要任务", "(一)企业"), "1")
    assert task.units == (UnitRef("各县政府", "responsible", "卫辉市"), UnitRef("各县政府", "responsible", "辉县市"),
                          UnitRef("市气象局", "cooperating", None))
    assert task.targets == (Target("1—2家", "企业", "range", 1.0, "家", 2025, "yearly", True, 2.0,
                                   Baseline(0.5, "家", "2022")),)
    assert plan.other_targets == (PlacedTarget(("三、保障措施", "(一)经费"),
                                               Target("增长10%", "经费", "=", 10.5, "%", None, None, False)),)
    assert plan.flags == ()


@pytest.mark.parametrize("number, title, heading", [
    ("一", "指导思想", "一、指导思想"), ("十二", "附则", "十二、附则"), ("(一)", "健全组织领导", "(一)健全组织领导"),
    ("（二）", "强化宣传", "（二）强化宣传"), ("1", "完善服务", "1.完善服务"), ("①", "平台", "①平台"),
    ("第一章", "总则", "第一章 总则"), ("", "发展目标", "发展目标"), ("", "", ""),
])
def test_section_headings_are_rebuilt_from_number_and_title(number, title, heading):
    assert section_heading(number, title) == heading
    assert split_heading(heading) == (number, title)


def test_the_docstring_examples_run():
    result = doctest.testmod(convert)
    assert result.failed == 0 and result.attempted > 0
