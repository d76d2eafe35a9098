"""`innocity user …` and `innocity token …`: accounts and API tokens for operators."""

from __future__ import annotations

import typer

from innocity.cli import console, django_setup

user_app = typer.Typer(help="用户账号 / user accounts", no_args_is_help=True)
token_app = typer.Typer(help="API 令牌 / API tokens", no_args_is_help=True)


def _fail(message: str) -> None:
    console.print(f"[red]{message}[/red]")
    raise typer.Exit(2)


@user_app.command("create")
def user_create(
    username: str,
    role: list[str] = typer.Option(..., "--role", help="admin plan_office reporter reviewer leader enterprise bank"),
    org: str = typer.Option(None, "--org", help="组织代码 / organisation code, e.g. kjj"),
    name: str = typer.Option("", "--name", help="姓名 / full name"),
    password: str = typer.Option(..., prompt="密码 / password", hide_input=True, confirmation_prompt=True),
    must_change: bool = typer.Option(
        True, "--must-change/--no-must-change",
        help="首次登录须修改初始密码（默认） / the user changes this initial password at the first login"),
) -> None:
    """Create a user with roles: 创建用户。"""
    django_setup()
    from django.core.exceptions import ValidationError

    from innocity.orgs.models import Organisation, User
    from innocity.orgs.services import user_create as create

    if User.objects.filter(username=username).exists():
        _fail(f"用户 {username} 已存在")
    organisation = None
    if org:
        organisation = Organisation.objects.filter(code=org).first()
        if organisation is None:
            _fail(f"未知组织代码 {org}")
    try:
        user = create(username, password, organisation=organisation, roles=role, full_name=name,
                      must_change_password=must_change)
    except ValidationError as exc:
        _fail("密码不符合规则: " + " ".join(exc.messages))
    except ValueError as exc:
        _fail(str(exc))
    console.print(f"已创建用户 {user.username} ({', '.join(role)})"
                  + ("，首次登录须修改密码 / must change the password at the first login" if must_change else ""))


@user_app.command("list")
def user_list() -> None:
    """List users and their roles: 列出用户。"""
    django_setup()
    from rich.table import Table

    from innocity.orgs.models import User
    from innocity.orgs.passwords import password_state

    # Accounts unused for long, or with a password still to change, are what an administrator reviews
    # (等保: 及时停用多余的、过期的账户). rich aligns columns by display width (Chinese is two wide).
    table = Table("用户名 username", "组织 unit", "最近登录 last login", "密码 password", "角色 roles",
                  box=None, pad_edge=False)
    for user in User.objects.select_related("organisation").prefetch_related("role_grants").order_by("username"):
        roles = ", ".join(g.role for g in user.role_grants.all())
        last = user.last_login.date().isoformat() if user.last_login else "从未登录"
        password = {"initial": "须修改", "expired": "已过期"}.get(password_state(user).due or "", "正常")
        table.add_row(user.username, str(user.organisation or "—"), last, password,
                      roles + ("" if user.is_active else " (停用)"))
    console.print(table)


@user_app.command("unlock")
def user_unlock(username: str) -> None:
    """Lift the lockout after repeated failed logins: 解除登录锁定。"""
    django_setup()
    from axes.utils import reset

    count = reset(username=username)
    console.print(f"已解除 {username} 的锁定 ({count} 条失败记录已清除)" if count else f"{username} 没有被锁定")


@token_app.command("create")
def token_create(username: str, name: str = typer.Option("api", help="用途 / what the token is for")) -> None:
    """Create an API token for a user and print it once: 创建 API 令牌。"""
    django_setup()
    from innocity.orgs.models import User
    from innocity.orgs.services import api_token_create

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        _fail(f"没有启用的用户 {username}")
    token, _record = api_token_create(user, name)
    console.print("令牌只显示这一次, 请妥善保存 / shown only once:")
    print(token)
