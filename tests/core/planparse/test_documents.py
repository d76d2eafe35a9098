"""Test documents of our own (documents/), one per group of variants the issue lists."""

from pathlib import Path

import pytest

from innocity.core.planparse import parse_text

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def parse(name, directory=None):
    return parse_text((DOCUMENTS / name).read_text(encoding="utf-8"), directory)


def summary(target):
    return (target.text, target.indicator, target.comparator, target.value, target.value_max, target.unit,
            target.deadline, target.recurring, target.aspiration)


@pytest.fixture(scope="module")
def fullwidth():
    return parse("fullwidth-notes-restart.txt")


def test_full_width_title_period_and_restarting_numbers(fullwidth):
    assert fullwidth.title == "山东省某产业创新行动计划（２０２３—２０２５年）"
    assert fullwidth.period == (2023, 2025)
    assert [(task.section_path[-1], task.number, task.title) for task in fullwidth.tasks] == [
        ("（一）强化创新主体", "1", "培育科技企业"),
        ("（一）强化创新主体", "2", "壮大领军企业"),
        ("（二）建设创新平台", "1", "建设实验室"),
        ("（二）建设创新平台", "2", "举办对接活动"),
        ("（二）建设创新平台", "3", "推进成果转化"),
        ("１．完善金融服务", "（１）", "发展科技信贷"),
        ("１．完善金融服务", "（２）", "降低融资成本"),
    ]
    assert fullwidth.tasks[5].section_path == ("二、重点任务", "（三）优化创新生态", "１．完善金融服务")


def test_each_note_form_gives_its_roles(fullwidth):
    roles = [[(unit.name, unit.role, unit.note) for unit in task.units] for task in fullwidth.tasks]
    assert roles[0] == [("省科技厅", "lead", 0), ("省财政厅", "cooperating", 0), ("省工业和信息化厅", "cooperating", 0)]
    assert roles[1] == [("省工业和信息化厅", "lead", 0), ("省发展改革委", "responsible", 0), ("省国资委", "responsible", 0),
                        ("省科技厅", "lead", 1)]
    assert roles[2] == [("省科技厅", "responsible", 0), ("省教育厅", "responsible", 0)]
    assert roles[3] == [("省科技厅", "responsible", 0)]
    assert roles[4] == [("省科技厅", "lead", 0), ("省教育厅", "cooperating", 0), ("省人力资源社会保障厅", "cooperating", 0)]
    assert roles[6] == [("省财政厅", "cooperating", 0), ("省地方金融监管局", "lead", 0)]


def test_several_notes_cover_the_sentences_before_each(fullwidth):
    task = fullwidth.tasks[1]
    assert [note.covers for note in task.notes] == ["支持龙头企业牵头组建创新联合体。", "支持企业设立研发机构，新建企业研发中心２００家以上。"]
    assert task.text == "支持龙头企业牵头组建创新联合体。支持企业设立研发机构，新建企业研发中心２００家以上。"


def test_sub_points_belong_to_the_task_with_text(fullwidth):
    task = fullwidth.tasks[4]
    assert task.text == "加快科技成果转化。\n（１）建设概念验证中心，建成概念验证中心２０个。\n（２）培育技术经理人５００名。"
    assert [(t.text, t.indicator, t.value) for t in task.targets] == [
        ("建成概念验证中心２０个", "概念验证中心", 20), ("培育技术经理人５００名", "技术经理人", 500)]


def test_full_width_targets_chinese_numerals_and_ranges(fullwidth):
    assert [summary(t) for t in fullwidth.goals] == [
        ("培育高新技术企业达到５０００家", "高新技术企业", ">=", 5000, None, "家", 2025, None, False),
        ("建成省级以上创新平台３００个左右", "省级以上创新平台", "~", 300, None, "个", 2025, None, False),
    ]
    targets = [summary(t) for task in fullwidth.tasks for t in task.targets]
    assert ("争创１—２个国家重点实验室", "国家重点实验室", "range", 1, 2, "个", 2025, None, False) in targets
    assert ("布局十一家省实验室", "省实验室", "=", 11, None, "家", 2025, None, False) in targets
    assert ("每年举办两场以上成果对接会", "成果对接会", ">=", 2, None, "场", 2025, "yearly", False) in targets
    assert ("科技贷款余额年均增长１５％以上", "科技贷款余额年均增长率", ">=", 15, None, "%", 2025, "yearly", False) in targets
    assert ("企业平均融资成本控制在５％以内", "企业平均融资成本", "<=", 5, None, "%", 2025, None, False) in targets


def test_safeguards_without_notes_are_sections_not_tasks(fullwidth):
    safeguards = [s for s in fullwidth.sections if s.kind == "safeguards"]
    assert [s.heading for s in safeguards] == ["三、保障措施", "（一）加强组织领导", "（二）强化宣传"]
    assert [(p.section_path, p.target.text) for p in fullwidth.other_targets] == [
        (("三、保障措施", "（一）加强组织领导"), "每年开展评估不少于２次")]
    assert not any("施行" in task.text for task in fullwidth.tasks)


def test_half_width_bold_title_lines_and_notes_on_their_own_line(directory):
    plan = parse("halfwidth-bold-titles.txt", directory)
    assert [(task.section_path[-1], task.number, task.title) for task in plan.tasks] == [
        ("(一)创新平台", "1", "加快建设中试基地"), ("(一)创新平台", "2", "培育创新主体"), ("(二)人才引育", "1", "引进高层次人才")]
    assert plan.tasks[0].text == "建设一批中试基地,建成省级中试基地3个。"
    assert [(u.name, u.org) for u in plan.tasks[0].units] == [("市科技局", "市科技局"), ("市发展改革委", "市发改委")]
    lead = [u.name for u in plan.tasks[1].units if u.role == "lead"]
    cooperating = {u.name for u in plan.tasks[1].units if u.role == "cooperating"}
    assert lead == ["市科技局"] and cooperating == {"各县(市、区)政府", "驻新高校、科研院所"}
    assert len([u for u in plan.tasks[1].units if u.name == "各县(市、区)政府"]) == 12
    assert [summary(t) for t in plan.tasks[2].targets] == [
        ("引进高层次人才1.2万人", "引进高层次人才", "=", 1.2, None, "万人", 2025, None, False),
        ("达到2万人", "引进高层次人才", ">=", 2, None, "万人", 2030, None, False),
    ]
    assert [summary(t) for t in plan.tasks[1].targets][1] == (
        "科技型中小企业达到1000家", "科技型中小企业", ">=", 1000, None, "家", 2024, None, True)


@pytest.fixture(scope="module")
def every_form():
    return parse("targets-every-form.txt")


def test_goal_comparators_and_recurrence(every_form):
    assert [summary(t) for t in every_form.goals] == [
        ("全社会研发投入强度达到2.8%左右", "全社会研发投入强度", "~", 2.8, None, "%", 2026, None, False),
        ("高新技术企业突破1500家", "高新技术企业", ">", 1500, None, "家", 2026, None, False),
        ("技术合同成交额年均增长15%以上", "技术合同成交额年均增长率", ">=", 15, None, "%", 2026, "yearly", False),
        ("科技型中小企业不少于3000家", "科技型中小企业", ">=", 3000, None, "家", 2026, None, False),
        ("每万人发明专利拥有量达12件以上", "每万人发明专利拥有量", ">=", 12, None, "件", 2026, None, False),
    ]


def test_several_targets_in_one_sentence_each_form(every_form):
    assert [summary(t) for t in every_form.tasks[0].targets] == [
        ("新增上市企业至少5家", "新增上市企业", ">=", 5, None, "家", 2026, None, False),
        ("独角兽企业1—2家", "独角兽企业", "range", 1, 2, "家", 2026, None, True),
        ("培育瞪羚企业2-3家", "瞪羚企业", "range", 2, 3, "家", 2026, None, False),
        ("认定专精特新企业十一家", "专精特新企业", "=", 11, None, "家", 2025, None, False),
    ]
    assert [summary(t) for t in every_form.tasks[1].targets] == [
        ("每年举办两场创新大赛", "创新大赛", "=", 2, None, "场", 2026, "yearly", False),
        ("参赛项目不少于200项", "参赛项目", ">=", 200, None, "项", 2026, "yearly", False),
    ]


def test_baselines_clusters_and_deadline_words(every_form):
    targets = every_form.tasks[2].targets
    assert [summary(t) for t in targets] == [
        ("从目前120亿元营收提升到200亿元左右", "营业收入", "~", 200, None, "亿元", 2026, None, False),
        ("集群营收突破300亿元", "数字产业集群营收", ">", 300, None, "亿元", 2026, None, False),
        ("数字经济核心产业占GDP比重达到12%", "数字经济核心产业占GDP比重", ">=", 12, None, "%", 2030, None, False),
        ("建成算力中心3个", "算力中心", "=", 3, None, "个", 2030, None, False),
    ]
    assert (targets[0].baseline.value, targets[0].baseline.unit, targets[0].baseline.period) == (120, "亿元", "2024")
    raised = every_form.tasks[5].targets[0]
    assert (raised.indicator, raised.comparator, raised.value, raised.baseline.value, raised.baseline.period) == (
        "高新区营业收入", ">=", 1000, 800, "2023")


def test_upper_limits(every_form):
    assert [summary(t) for t in every_form.tasks[3].targets] == [
        ("企业融资成本控制在4%以内", "企业融资成本", "<=", 4, None, "%", 2026, None, False),
        ("单位能耗下降不超过3%", "单位能耗降幅", "<=", 3, None, "%", 2026, None, False),
    ]


def test_awards_thresholds_funds_names_ordinals_scopes_are_no_targets(every_form):
    assert every_form.tasks[4].title == "落实奖补"
    assert every_form.tasks[4].targets == ()


def test_groups_short_long_fuzzy_and_unknown_names(directory):
    plan = parse("groups-and-names.txt", directory)
    units = plan.tasks[0].units
    assert [(u.name, u.org, u.method) for u in units[:4]] == [
        ("市发展改革委", "市发改委", "exact"), ("新乡市科技局", "市科技局", "exact"),
        ("市工业信息化局", "市工信局", "fuzzy"), ("市气象局", None, None)]
    assert [u.org for u in units if u.name == "各县(市、区)人民政府"][:3] == ["卫辉市", "辉县市", "长垣市"]
    assert len([u for u in units if u.name == "驻新高校、科研院所"]) == 8
    assert [(u.name, u.org, u.role) for u in plan.tasks[1].units] == [
        ("卫滨区", "卫滨区", "lead"), ("红旗区", "红旗区", "lead"), ("牧野区人民政府", "牧野区", "lead"),
        ("市资源规划局", "市资源规划局", "cooperating")]
    flags = {(flag.kind, flag.text) for flag in plan.flags}
    assert ("unresolved_unit", "市气象局") in flags
    assert ("fuzzy_unit", "市工业信息化局 → 市工信局") in flags


def test_without_a_registry_names_stay_and_nothing_is_flagged():
    plan = parse("groups-and-names.txt")
    assert [u.name for u in plan.tasks[0].units][-2:] == ["各县(市、区)人民政府", "驻新高校、科研院所"]
    assert all(u.org is None for u in plan.tasks[0].units)
    assert not [flag for flag in plan.flags if flag.kind.endswith("_unit")]
