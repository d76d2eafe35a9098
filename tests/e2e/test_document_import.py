"""The plan office imports a revised plan document in the browser: sees the changes and the flags,
gives an unknown unit its organisation, imports a draft and publishes it."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import SAMPLE

REVISED = (SAMPLE.read_text("utf-8")
           .replace("新乡市创新型城市建设三年行动工作方案\n(2022—2024年)", "新乡市创新型城市建设三年行动工作方案(修订稿)\n(2022—2024年)")
           .replace("十四五末建成9个加氢站", "十四五末建成12个加氢站")
           # The unit renamed in a revision: the reviewer tells the platform which unit it is.
           .replace("(责任单位:市农业农村局、各县〔市、区〕政府)", "(责任单位:市乡村振兴局、各县〔市、区〕政府)"))


@pytest.fixture
def base_url(own_server):
    return own_server


def test_import_review_correct_and_publish(watched, tmp_path):
    page = watched.page
    document = tmp_path / "修订稿.txt"
    document.write_text(REVISED, encoding="utf-8")
    watched.login("office")
    watched.goto("/plans/")
    page.get_by_role("link", name="导入方案文件").click()
    page.set_input_files("#id_document", str(document))
    page.get_by_role("button", name="读取文件").click()
    expect(page).to_have_url(re.compile(r"/plans/import/\d+/$"))
    expect(page.locator(".review-flags")).to_contain_text("责任单位未能在组织名录中找到")
    expect(page.locator("body")).to_contain_text("市乡村振兴局 · 不在组织名录中")
    watched.shot("1-review")

    hydrogen = page.locator(".import-task", has_text="17. 前瞻布局氢能产业")
    hydrogen.locator("summary", has_text="更正").click()
    hydrogen.get_by_label("数值").fill("十二座")
    hydrogen.get_by_role("button", name="保存").click()
    expect(page.locator("#review .alert-danger")).to_contain_text("数")
    hydrogen = page.locator(".import-task", has_text="17. 前瞻布局氢能产业")
    hydrogen.locator("summary", has_text="更正").click()
    hydrogen.get_by_label("数值").fill("12")
    hydrogen.get_by_role("button", name="保存").click()
    expect(page.locator("#review .alert-danger")).to_have_count(0)
    expect(page.locator(".import-task", has_text="17. 前瞻布局氢能产业")).to_contain_text("12个")

    task = page.locator(".import-task", has_text="18. 推进科技赋能乡村振兴战略")
    task.get_by_label("市乡村振兴局 对应的单位").select_option("市农业农村局")
    task.get_by_role("button", name="确认").click()
    expect(task).to_contain_text("市乡村振兴局 → 市农业农村局")
    expect(page.locator(".review-flags")).not_to_contain_text("责任单位未能在组织名录中找到")
    watched.shot("2-corrected")

    page.get_by_role("button", name="导入为草稿方案").click()
    expect(page.get_by_role("heading", name=re.compile("修订稿"))).to_be_visible()
    expect(page.locator("body")).to_contain_text("已导入为草稿方案")
    watched.shot("3-draft")
    page.get_by_role("button", name="发布").click()
    expect(page.locator("body")).to_contain_text("方案已发布")
    expect(page.get_by_role("button", name="发布")).to_have_count(0)
    watched.shot("4-published")
