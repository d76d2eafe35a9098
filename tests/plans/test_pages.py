"""What a user sees on the plan pages and in the Excel downloads."""

import io

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

pytestmark = pytest.mark.django_db


def test_the_plan_overview_shows_goals_sections_and_tasks(client_as, plan):
    page = client_as("leader").get(f"/plans/{plan.pk}/").content.decode()
    assert "新乡市创新型城市建设三年行动工作方案(2022—2024年)" in page
    assert page.count('class="nowrap target-phrase"') >= 13
    assert "科技财政支出占公共财政支出比重" in page and "&gt; 3.1%" in page
    assert "加快推进高新区“一区多园”建设" in page and "推进科技赋能数字经济" in page
    assert "各县(市、区)政府" in page or "各县〔市、区〕政府" in page


def test_filtering_by_a_unit_keeps_only_its_tasks(client_as, plan):
    client = client_as("plan_office")
    page = client.get(f"/plans/{plan.pk}/?org=rcb").content.decode()
    assert "市委人才办 的任务共 1 项" in page
    assert "加强创新人才团队引育" in page and "加快推进高新区" not in page
    partial = client.get(f"/plans/{plan.pk}/?org=rcb", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "加强创新人才团队引育" in partial


def test_an_unknown_filter_unit_is_not_found(client_as, plan):
    assert client_as("plan_office").get(f"/plans/{plan.pk}/?org=nowhere").status_code == 404


def test_the_task_page_shows_text_units_and_targets(client_as, plan):
    task = plan.tasks.get(number="3")
    page = client_as("reviewer").get(f"/plans/{plan.pk}/tasks/{task.pk}/").content.decode()
    assert "每年至少举办驻新高校院所科技成果专场发布会4场" in page
    assert "河南师范大学" in page and "农灌所" in page and "驻新高校、科研院所" in page
    assert "≥ 4场" in page and "≥ 100项" in page


def test_the_responsibility_list_of_a_unit(client_as):
    page = client_as("reporter").get("/orgs/gxj/").content.decode()
    assert "新乡市工业和信息化局" in page
    assert "14 项任务" in page and "11 项量化目标" in page
    assert "前瞻布局氢能产业" in page and "9个" in page


def _rows(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_a_units_excel_is_the_task_breakdown_layout(client_as, plan):
    response = client_as("reporter").get(f"/orgs/gxj/responsibilities.xlsx?plan={plan.pk}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response.content)
    assert rows[0][0] == "新乡市创新型城市建设三年行动工作方案(2022—2024年)责任清单(市工信局)"
    assert rows[1] == ["序号", "任务", "具体内容", "牵头单位", "责任单位", "量化目标", "完成时限"]
    body = rows[2:]
    assert len(body) == 14
    first = body[0]
    assert first[:2] == [1, "4.推动重大创新载体建设"]
    assert first[3] == "市发改委"
    assert first[4].startswith("市发改委、市工信局、市财政局") and "各县〔市、区〕政府" in first[4]
    assert first[5] == "培育超过1000人规模的专业化、市场化技术经纪人队伍\n建立5个以上省级科技成果转移转化示范区"
    assert first[6] == "2024年底"
    hydrogen = next(r for r in body if r[1] == "17.前瞻布局氢能产业")
    assert (hydrogen[5], hydrogen[6]) == ("建成9个加氢站", "2025年底(十四五末)")
    # Excel readers other than openpyxl read it too.
    assert CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()[1][0] == "序号"


def test_the_whole_plans_breakdown_has_every_task(client_as, plan):
    rows = _rows(client_as("plan_office").get(f"/plans/{plan.pk}/breakdown.xlsx").content)
    assert [r[1].split(".")[0] for r in rows[2:]] == [str(n) for n in range(1, 22)]
    three = rows[2 + 2]
    assert three[6] == "每年、2024年底"
