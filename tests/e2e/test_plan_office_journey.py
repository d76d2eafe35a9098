"""The plan office's day: log in, read the plan, filter by a unit, open a task, download a unit's
责任清单 and check its rows."""

import re

from openpyxl import load_workbook
from playwright.sync_api import expect


def test_the_plan_office_reads_the_plan_and_downloads_a_responsibility_list(watched, tmp_path):
    page = watched.page
    watched.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.get_by_role("heading", name="登录您的账户")).to_be_visible()
    watched.shot("1-login")

    watched.login("office")
    expect(page.get_by_role("heading", name="欢迎，市科技局规划办")).to_be_visible()
    watched.shot("2-home")

    page.get_by_role("link", name="方案", exact=True).click()
    # The plan office sees the list of plans, with the importer's entry.
    expect(page.get_by_role("link", name="导入方案文件")).to_be_visible()
    page.get_by_role("link", name=re.compile("新乡市创新型城市建设三年行动工作方案")).click()
    expect(page.get_by_role("heading", name="新乡市创新型城市建设三年行动工作方案(2022—2024年)")).to_be_visible()
    goals = page.locator("#goals tbody tr")
    expect(goals).to_have_count(13)
    expect(goals.first).to_contain_text("科技财政支出占公共财政支出比重")
    expect(goals.first).to_contain_text("> 3.1%")
    watched.shot("3-plan")

    page.select_option("#org-filter", "gxj")
    expect(page.locator("#plan-sections")).to_contain_text("市工信局 的任务共 14 项")
    expect(page).to_have_url(re.compile(r"\?org=gxj$"))
    expect(page.locator("#plan-sections")).not_to_contain_text("重塑科技企业评价和激励模式")
    watched.shot("4-plan-filtered")

    page.get_by_role("link", name="前瞻布局氢能产业").click()
    expect(page.get_by_role("heading", name="17. 前瞻布局氢能产业")).to_be_visible()
    expect(page.locator("body")).to_contain_text("建成9个加氢站")
    expect(page.locator("body")).to_contain_text("市城管局")
    watched.shot("5-task")

    page.get_by_role("link", name="责任单位", exact=True).click()
    page.get_by_role("link", name=re.compile("^市工信局")).click()
    expect(page.get_by_role("heading", name="新乡市工业和信息化局")).to_be_visible()
    expect(page.locator("body")).to_contain_text("14 项任务")
    watched.shot("6-responsibility-list")

    with page.expect_download() as info:
        page.get_by_role("link", name="下载责任清单（Excel）").click()
    download = info.value
    assert download.suggested_filename == "市工信局-责任清单.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[1] == ("序号", "任务", "具体内容", "牵头单位", "责任单位", "量化目标", "完成时限")
    assert len(rows) == 2 + 14
    assert [r[1] for r in rows[2:5]] == ["4.推动重大创新载体建设", "5.打造高博会常态化创新平台", "7.加强创新人才团队引育"]
    assert rows[-1][5] == "实现5G基站数量突破6000个\n实现上云企业数量突破8000家"


def test_a_reporter_sees_the_own_units_tasks_and_can_switch_to_english(watched):
    page = watched.page
    watched.login("reporter")
    expect(page.locator("body")).to_contain_text("市工信局 的任务")
    expect(page.get_by_role("link", name="21. 推进科技赋能数字经济")).to_be_visible()
    watched.shot("1-home")
    page.select_option("select[name=language]", "en")
    expect(page.get_by_role("heading", name="Welcome, 市工信局填报员")).to_be_visible()
    expect(page.get_by_role("link", name="Plan", exact=True)).to_be_visible()
    watched.shot("2-english")
    page.select_option("select[name=language]", "zh-hans")
    expect(page.get_by_role("heading", name="欢迎，市工信局填报员")).to_be_visible()


def test_an_enterprise_user_sees_only_the_own_enterprise(watched):
    page = watched.page
    watched.login("enterprise")
    expect(page.locator("body")).to_contain_text("新乡市示例科技有限公司(示例数据)")
    expect(page.get_by_role("link", name="方案", exact=True)).to_have_count(0)
    watched.shot("home")
    response = watched.goto("/plans/")
    assert response.status == 403
    expect(page.locator("body")).to_contain_text("403")
    watched.errors.remove("Failed to load resource: the server responded with a status of 403 (Forbidden)")


def test_the_api_documentation_renders_from_this_server(watched):
    page = watched.page
    watched.login("leader")
    watched.goto("/api/docs")
    expect(page.locator(".swagger-ui")).to_be_visible()
    expect(page.locator("body")).to_contain_text("/api/plans")
    watched.shot("docs")
