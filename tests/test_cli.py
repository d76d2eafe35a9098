"""The `innocity` command as an operator uses it, on a fresh embedded database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

INNOCITY = str(Path(sys.executable).with_name("innocity"))


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    environment["INNOCITY_VAR_DIR"] = str(var)
    return environment


def run(env, *args, stdin=None):
    return subprocess.run([INNOCITY, *args], check=False, env=env, capture_output=True, text=True, input=stdin, timeout=300)


def test_setup_loads_an_empty_database_once(env):
    first = run(env, "setup")
    assert first.returncode == 0, first.stderr
    assert "已载入 loaded organisations, plan, demo accounts" in first.stdout
    second = run(env, "setup")
    assert second.returncode == 0 and "已载入" not in second.stdout
    users = run(env, "user", "list")
    assert "office" in users.stdout and "plan_office" in users.stdout


def test_a_bad_registry_file_is_refused_with_its_lines(env, tmp_path):
    bad = tmp_path / "orgs.yaml"
    bad.write_text("organisations:\n  - {code: x1, type: ministry, name: 某部}\n  - {code: BAD, type: bank, name: 某行}\n",
                   encoding="utf-8")
    result = run(env, "orgs", "load", str(bad))
    assert result.returncode == 2
    assert "未载入, 发现 2 个问题" in result.stdout
    assert "orgs.yaml:2: 组织类型 'ministry' 无效" in result.stdout
    assert "orgs.yaml:3: 组织代码 'BAD' 无效" in result.stdout


def test_users_need_a_strong_password_and_tokens_are_shown_once(env):
    weak = run(env, "user", "create", "zhang", "--role", "reporter", "--org", "gxj", stdin="abc123\nabc123\n")
    assert weak.returncode == 2 and "密码不符合规则" in weak.stdout
    made = run(env, "user", "create", "zhang", "--role", "reporter", "--org", "gxj", "--name", "张三",
               stdin="Gongxin#2024\nGongxin#2024\n")
    assert made.returncode == 0, made.stdout + made.stderr
    assert "首次登录须修改密码" in made.stdout
    listed = run(env, "user", "list")
    row = next(line for line in listed.stdout.splitlines() if line.startswith("zhang "))
    assert "从未登录" in row and "须修改" in row and "reporter" in row
    token = run(env, "token", "create", "zhang")
    assert token.returncode == 0 and len(token.stdout.strip().splitlines()[-1]) >= 40
    unknown_org = run(env, "user", "create", "li", "--role", "reporter", "--org", "nowhere",
                      stdin="Gongxin#2024\nGongxin#2024\n")
    assert unknown_org.returncode == 2 and "未知组织代码 nowhere" in unknown_org.stdout


def test_plan_load_refuses_a_bad_file_and_replaces_on_request(env, tmp_path):
    from tests.conftest import PLAN_FILE

    text = PLAN_FILE.read_text("utf-8")
    bad = tmp_path / "plan.yaml"
    bad.write_text(text.replace("comparator: '>', value: 3.1,", "comparator: '>', value: 三点一,"), encoding="utf-8")
    result = run(env, "plan", "load", str(bad))
    assert result.returncode == 2
    assert "plan.yaml:42: value 应为数字, 而不是 '三点一'" in result.stdout
    same = run(env, "plan", "load", str(PLAN_FILE))
    assert same.returncode == 2 and "已存在同名方案" in same.stdout
    replaced = run(env, "plan", "load", str(PLAN_FILE), "--replace")
    assert replaced.returncode == 0 and "21 项任务, 29 个量化目标" in replaced.stdout


def test_plan_import_compares_with_the_stored_plan_and_export_reads_back(env, tmp_path):
    from tests.conftest import SAMPLE

    same = run(env, "plan", "import", str(SAMPLE))
    assert same.returncode == 2
    assert "已存储同名方案" in same.stdout and "均无变化" in same.stdout and "未导入" in same.stdout
    assert "目标没有数值" in same.stdout  # what the parser could not settle is listed for a person

    revised = tmp_path / "revised.txt"
    revised.write_text(SAMPLE.read_text("utf-8").replace("十四五末建成9个加氢站", "十四五末建成12个加氢站"), encoding="utf-8")
    changed = run(env, "plan", "import", str(revised))
    assert changed.returncode == 2 and "+目标 建成12个加氢站" in changed.stdout and "−目标 建成9个加氢站" in changed.stdout
    replaced = run(env, "plan", "import", str(revised), "--replace")
    assert replaced.returncode == 0 and "已导入为草稿方案" in replaced.stdout and "21 项任务" in replaced.stdout

    plan_id = replaced.stdout.split("已导入为草稿方案 (编号 ")[1].split(")")[0]
    exported = tmp_path / "export.yaml"
    result = run(env, "plan", "export", plan_id, "--out", str(exported))
    assert result.returncode == 0
    assert "建成12个加氢站" in exported.read_text("utf-8")
    junk = tmp_path / "scan.pdf"
    junk.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    unreadable = run(env, "plan", "import", str(junk))
    assert unreadable.returncode == 2 and "无法读取 scan.pdf" in unreadable.stdout
