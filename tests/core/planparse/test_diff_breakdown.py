"""diff_plans (a revised document against the stored parse) and the rows of the 任务分解表."""

from innocity.core.planparse import breakdown_rows, diff_plans, parse_text

OLD = """某市工作方案(2023—2025年)
一、发展目标
到2025年,高新技术企业突破800家。
二、主要任务
(一)企业
1.培育企业。培育科技型中小企业1000家。(责任单位:市科技局)
2.金融支持。开展科技贷款。(牵头单位:市金融局;配合单位:市财政局)
(二)平台
1.建设平台。建成省级平台20个。(责任单位:市科技局、市发改委)
"""

NEW = """某市工作方案(2023—2025年)
一、发展目标
到2025年,高新技术企业突破900家。
二、主要任务
(一)企业
1.培育企业。培育科技型中小企业1200家。(责任单位:市科技局、市工信局)
(二)平台
1.建设平台。建成省级平台20个。(责任单位:市科技局、市发改委)
2.金融支持。开展科技贷款。(牵头单位:市金融局;配合单位:市财政局)
3.引进人才。每年引进人才100名。(责任单位:市委人才办)
"""


def test_diff_names_what_changed():
    diff = diff_plans(parse_text(OLD), parse_text(NEW))
    assert [task.title for task in diff.tasks_added] == ["引进人才"]
    assert diff.tasks_removed == ()
    assert [(old.number, new.number, new.section_path[-1]) for old, new in diff.renumbered] == [("2", "2", "(二)平台")]
    assert len(diff.changed) == 1
    change = diff.changed[0]
    assert change.new.title == "培育企业"
    assert change.fields == ("text", "units", "targets")
    assert change.units_added == (("市工信局", "responsible"),)
    assert [t.value for t in change.targets_added] == [1200] and [t.value for t in change.targets_removed] == [1000]
    assert [t.value for t in diff.goals_added] == [900] and [t.value for t in diff.goals_removed] == [800]
    assert not diff.title_changed and not diff.empty


def test_the_same_document_has_no_diff():
    assert diff_plans(parse_text(OLD), parse_text(OLD)).empty


def test_breakdown_rows_lead_responsible_targets_deadline():
    rows = breakdown_rows(parse_text(NEW))
    assert [row["number"] for row in rows] == [1, 2, 3, 4]
    assert rows[0] == {"number": 1, "task": "1.培育企业", "content": "培育科技型中小企业1200家。", "lead": "市科技局",
                       "responsible": "市科技局、市工信局", "targets": "培育科技型中小企业1200家", "deadline": "2025年底"}
    assert (rows[2]["lead"], rows[2]["responsible"]) == ("市金融局", "市金融局、市财政局")
    assert rows[3]["deadline"] == "每年、2025年底"


def test_breakdown_without_a_period_uses_the_targets_or_nothing():
    rows = breakdown_rows(parse_text("一、主要任务\n1.建设。到2027年建成平台5个。(责任单位:市科技局)\n2.其他。加强协调。(责任单位:市发改委)"))
    assert [row["deadline"] for row in rows] == ["2027年底", ""]
