"""An administrator gives a unit's staff member an account; at the first login the new user must
choose an own password before seeing anything else."""

import re

from playwright.sync_api import expect


def submit_change(page, old, new):
    page.fill("#id_old_password", old)
    page.fill("#id_new_password1", new)
    page.fill("#id_new_password2", new)
    page.get_by_role("button", name="修改密码").click()


def test_a_new_account_changes_its_initial_password_at_the_first_login(watched):
    page = watched.page
    watched.login("admin")
    watched.goto("/admin/orgs/user/add/")
    page.fill("#id_username", "wangwu")
    page.fill("#id_full_name", "王五")
    page.select_option("#id_organisation", label="市工信局")
    page.fill("#id_password1", "Chushi#2024")
    page.fill("#id_password2", "Chushi#2024")
    page.select_option("select[name='role_grants-0-role']", "reporter")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("成功添加了 用户“王五”")
    # The administrator logs out (on the server: clearing the browser's cookies could race with a late
    # request that sets the session cookie again); the new user logs in.
    page.locator("#logout-form button").click()
    page.wait_for_load_state()

    watched.login("wangwu", "Chushi#2024")
    expect(page).to_have_url(re.compile(r"/accounts/password/\?next="))
    expect(page.get_by_role("heading", name="修改密码")).to_be_visible()
    expect(page.locator(".alert-warning")).to_contain_text("您的密码由管理员设置")
    watched.shot("1-forced")

    # A new password like the old one is refused, with the reason beside the field.
    submit_change(page, "Chushi#2024", "Chushi#2024")
    expect(page.locator(".invalid-feedback")).to_contain_text("新密码不能与当前密码相同")
    watched.shot("2-refused")

    submit_change(page, "Chushi#2024", "Gongxin#2025")
    expect(page.locator(".alert-success")).to_contain_text("密码已修改")
    expect(page.get_by_role("heading", name="欢迎，王五")).to_be_visible()
    expect(page.locator("body")).to_contain_text("市工信局")
    expect(page.get_by_role("link", name="方案", exact=True)).to_be_visible()
    watched.shot("3-home")
