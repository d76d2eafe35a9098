"""The parse of samples/ equals the reviewed plan data, field by field (issue: "Measured, not assumed")."""

import pytest

from innocity.core.planparse import to_json


def heading(section: dict) -> str:
    """A reviewed section's heading as the document writes it: 三、主要任务, (一)发挥…"""
    number = section["number"]
    return f"{number}、{section['title']}" if not number.startswith(("(", "（")) else number + section["title"]


def reviewed_tasks(reviewed: dict) -> list[tuple[tuple[str, ...], dict]]:
    found = []

    def walk(sections, path):
        for section in sections:
            here = (*path, heading(section))
            found.extend((here, task) for task in section.get("tasks", []))
            walk(section.get("sections", []), here)

    walk(reviewed["sections"], ())
    return found


def reviewed_sections(reviewed: dict) -> list[tuple[tuple[str, ...], dict]]:
    found = []

    def walk(sections, path):
        for section in sections:
            found.append((path, section))
            walk(section.get("sections", []), (*path, heading(section)))

    walk(reviewed["sections"], ())
    return found


def target_fields(target: dict) -> dict:
    """The fields the reviewed data and the parser's JSON share for a target."""
    fields = {key: target.get(key) for key in ("text", "indicator", "comparator", "unit", "deadline", "recurring",
                                                "aspiration")}
    fields["value"] = float(target["value"])
    baseline = target.get("baseline")
    fields["baseline"] = None if baseline is None else (float(baseline["value"]), baseline["unit"],
                                                         str(baseline["period"]))
    return fields


def test_title_period_and_preamble(xinxiang, reviewed):
    assert xinxiang.title == reviewed["title"]
    assert xinxiang.period == (reviewed["period"]["start"], reviewed["period"]["end"])
    assert xinxiang.preamble == reviewed["preamble"]


def test_the_21_tasks_with_section_path_number_and_title(xinxiang, reviewed):
    expected = [(path, task["number"], task["title"]) for path, task in reviewed_tasks(reviewed)]
    parsed = [(task.section_path, task.number, task.title) for task in xinxiang.tasks]
    assert len(expected) == 21
    assert parsed == expected


def test_task_texts_leave_out_title_and_note(xinxiang, reviewed):
    for (_, expected), task in zip(reviewed_tasks(reviewed), xinxiang.tasks, strict=True):
        assert task.text == expected["text"], task.number


def test_units_name_role_and_org(xinxiang, reviewed):
    for (_, expected), task in zip(reviewed_tasks(reviewed), xinxiang.tasks, strict=True):
        want = [(unit["name"], unit["role"], org) for unit in expected["units"] for org in unit["orgs"]]
        got = [(unit.name, unit.role, unit.org) for unit in task.units]
        assert got == want, task.number


def test_task_targets(xinxiang, reviewed):
    for (_, expected), task in zip(reviewed_tasks(reviewed), xinxiang.tasks, strict=True):
        got = [target_fields(t) for t in to_json_targets(task.targets)]
        assert got == [target_fields(t) for t in expected["targets"]], task.number


def test_the_13_goals(xinxiang, reviewed):
    goals = next(s for s in reviewed["sections"] if s.get("kind") == "goals")["goals"]
    assert len(goals) == 13
    assert [target_fields(t) for t in to_json_targets(xinxiang.goals)] == [target_fields(t) for t in goals]


def test_the_safeguard_target_and_nothing_else_outside_goals_and_tasks(xinxiang, reviewed):
    expected = [((*path, heading(section)), target_fields(t))
                for path, section in reviewed_sections(reviewed) for t in section.get("targets", [])]
    got = [(placed.section_path, target_fields(to_json_targets([placed.target])[0]))
           for placed in xinxiang.other_targets]
    assert len(expected) == 1
    assert got == expected


def test_section_titles_kinds_and_texts(xinxiang, reviewed):
    parsed = {(section.path, section.heading): section for section in xinxiang.sections}
    for path, section in reviewed_sections(reviewed):
        found = parsed[(path, heading(section))]
        assert found.text == section.get("text", ""), heading(section)
        if section.get("kind") in ("goals", "tasks", "safeguards"):
            assert found.kind == section["kind"]


def test_news_preface_adds_nothing(xinxiang):
    """Lines 2–5 of the sample repeat tasks 15 and 17: no task, no target comes from them twice."""
    texts = [t.text for t in xinxiang.goals] + [t.text for task in xinxiang.tasks for t in task.targets]
    texts += [placed.target.text for placed in xinxiang.other_targets]
    assert texts.count("建成9个加氢站") == 1
    assert [task.title for task in xinxiang.tasks].count("前瞻布局氢能产业") == 1


def test_flags_point_at_what_a_reviewer_must_check(xinxiang):
    flags = {(flag.kind, flag.task, flag.text) for flag in xinxiang.flags}
    assert ("ambiguous_deadline", "7", "留新30万青年人才") in flags
    assert ("target_without_number", "13", "推动规上工业企业研发活动全覆盖") in flags
    assert not [flag for flag in xinxiang.flags if flag.kind in ("unresolved_unit", "fuzzy_unit")]


@pytest.mark.parametrize("number, text", [("1", "(责任单位:市科技局、市委编办、市资源规划局,卫滨区、红旗区、牧野区人民政府,高新区管委会)")])
def test_notes_keep_their_text_and_what_they_cover(xinxiang, number, text):
    task = next(task for task in xinxiang.tasks if task.number == number)
    assert [note.text for note in task.notes] == [text]
    assert task.notes[0].covers == task.text


def to_json_targets(targets) -> list[dict]:
    return to_json_plan_targets(targets)


def to_json_plan_targets(targets) -> list[dict]:
    from innocity.core.planparse.api import target_json

    return [target_json(target) for target in targets]


def test_json_has_the_issue_layout(xinxiang):
    data = to_json(xinxiang)
    assert {"title", "goals", "tasks"} <= set(data)
    task = data["tasks"][0]
    assert task["section_path"] == ["三、主要任务", "(一)发挥自创区创新引擎作用,擦亮高新区高质量发展底色"]
    assert {"section_path", "number", "title", "text", "units", "targets"} <= set(task)
    assert set(task["units"][0]) >= {"name", "role", "org"}
    assert set(data["goals"][0]) >= {"text", "indicator", "comparator", "value", "unit", "deadline", "recurring",
                                     "aspiration"}
    assert data["goals"][1]["value"] == 3 and isinstance(data["goals"][1]["value"], int)
