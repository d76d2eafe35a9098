"""`innocity plan parse FILE [--xlsx OUT] [--orgs FILE | --no-orgs]`: JSON, the 任务分解表, clear errors."""

import json
from pathlib import Path

import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from innocity.commands.plan import plan_app

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "samples" / "xinxiang-innovative-city-plan-2022-2024.txt"
runner = CliRunner()


def test_json_on_stdout_resolves_against_the_xinxiang_registry():
    result = runner.invoke(plan_app, ["parse", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "新乡市创新型城市建设三年行动工作方案(2022—2024年)"
    assert len(data["tasks"]) == 21 and len(data["goals"]) == 13
    assert data["tasks"][1]["units"][3] == {"name": "各县〔市、区〕政府", "role": "responsible", "org": "卫辉市",
                                            "method": "group", "note": 0}
    assert data["other_targets"][0]["section_path"] == ["四、保障措施", "(三)加强政策保障"]


def test_no_orgs_resolves_nothing():
    data = json.loads(runner.invoke(plan_app, ["parse", str(SAMPLE), "--no-orgs"]).stdout)
    assert {unit["org"] for task in data["tasks"] for unit in task["units"]} == {None}


def test_another_registry(tmp_path):
    registry = tmp_path / "orgs.yaml"
    registry.write_text(yaml.safe_dump({"organisations": [{"code": "kj", "name": "某市科学技术局", "short": "市科技局"}]},
                                       allow_unicode=True), encoding="utf-8")
    data = json.loads(runner.invoke(plan_app, ["parse", str(SAMPLE), "--orgs", str(registry)]).stdout)
    units = data["tasks"][0]["units"]
    assert units[0]["org"] == "市科技局" and units[1]["org"] is None
    assert any(flag["kind"] == "unresolved_unit" and flag["text"] == "市委编办" for flag in data["flags"])


def test_xlsx_is_the_task_breakdown(tmp_path):
    out = tmp_path / "breakdown.xlsx"
    result = runner.invoke(plan_app, ["parse", str(SAMPLE), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "新乡市创新型城市建设三年行动工作方案(2022—2024年) 任务分解表"
    assert [cell.value for cell in sheet[2]] == ["序号", "任务", "具体内容", "牵头单位", "责任单位", "量化目标", "完成时限"]
    assert sheet.max_row == 2 + 21
    row = [cell.value for cell in sheet[3]]
    assert row[0] == 1 and row[1] == "1.加快推进高新区“一区多园”建设"
    assert row[3] == "市科技局"
    assert row[4] == "市科技局、市委编办、市资源规划局、卫滨区、红旗区、牧野区人民政府、高新区管委会"
    assert row[5] == "推动高新区整体经济规模提升30%左右\n从目前700亿营收预期提升到900亿左右"
    assert row[6] == "2024年底"
    assert [cell.value for cell in sheet[3 + 16]][6] == "2025年底(十四五末)"
    assert sheet.freeze_panes == "A3"


def test_unreadable_file_exits_2_with_the_reason(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\nnot a pdf at all")
    result = runner.invoke(plan_app, ["parse", str(scan)])
    assert result.exit_code == 2
    assert "无法读取 PDF" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_and_bad_registry_exit_2(tmp_path):
    assert runner.invoke(plan_app, ["parse", str(tmp_path / "missing.txt")]).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations: [{name: no code}]", encoding="utf-8")
    result = runner.invoke(plan_app, ["parse", str(SAMPLE), "--orgs", str(bad)])
    assert result.exit_code == 2
    assert "组织名录" in result.stderr
