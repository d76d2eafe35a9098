import pytest

from innocity.core.datafile import DataFileError
from innocity.core.orgdata import read_registry
from tests.conftest import REGISTRY_FILE


def problems_of(text: str) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        read_registry(text, "orgs.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_xinxiang_registry_holds_every_unit_the_plan_names():
    registry = read_registry(REGISTRY_FILE.read_text("utf-8"), REGISTRY_FILE.name)
    shorts = {o.short for o in registry.organisations}
    departments = {"市科技局", "市发改委", "市工信局", "市财政局", "市教育局", "市人社局", "市金融局", "市商务局", "市资源规划局",
                   "市委编办", "市委人才办", "市市场监管局", "市农业农村局", "市水利局", "市卫健委", "市大数据局", "市应急局",
                   "市城管局", "市生态环境局", "市林业局", "市通管办"}
    assert departments <= shorts
    assert {"高新区", "经开区", "平原示范区", "新乡国资集团", "新乡投资集团", "农灌所", "中电科22所"} <= shorts
    groups = {g.code: g for g in registry.groups}
    assert len(groups["counties"].members) == 12
    assert len(groups["universities"].members) == 8


def test_every_problem_is_reported_with_its_line():
    text = """organisations:
  - {code: a, type: department, name: 甲局, short: 甲}
  - {code: a, type: ministry, name: 乙局, short: 乙}
  - {code: c, type: county, name: 丙县, short: 甲, parent: nowhere}
groups:
  - {code: g, name: 各单位, members: [a, zz]}
"""
    problems = problems_of(text)
    assert "orgs.yaml:3: 组织类型 'ministry' 无效, 应为 government, department, county, zone, university, state_group, enterprise, bank 之一" in problems
    assert any(p.startswith("orgs.yaml:4:") and "上级 nowhere 不存在" in p for p in problems)
    assert any(p.startswith("orgs.yaml:4:") and "名称 甲 同时属于 a 和 c" in p for p in problems)
    assert any(p.startswith("orgs.yaml:6:") and "成员 zz 不存在" in p for p in problems)


def test_a_duplicate_code_is_refused():
    text = """organisations:
  - {code: a, type: department, name: 甲局}
  - {code: a, type: department, name: 乙局}
"""
    assert any("组织代码 a 重复" in p for p in problems_of(text))


def test_a_parent_cycle_is_refused():
    text = """organisations:
  - {code: a, type: department, name: 甲局, parent: b}
  - {code: b, type: department, name: 乙局, parent: a}
"""
    assert any("上级关系形成循环" in p for p in problems_of(text))


def test_yaml_syntax_errors_name_the_line():
    problems = problems_of("organisations:\n  - {code: a, type: department\n  - x\n")
    assert problems[0].startswith("orgs.yaml:") and "YAML 格式错误" in problems[0]
