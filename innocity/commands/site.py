"""`innocity setup` and `innocity serve`: prepare the database and serve the platform.

`serve` runs `setup` and then replaces itself with gunicorn (a production server; static files
are served by the app through whitenoise). On an empty database, setup loads the organisation
registry and the Xinxiang plan, and in the demo database also the demo accounts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import typer

from innocity.cli import console, django_setup

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_REGISTRY = PACKAGE_DIR / "orgs" / "data" / "xinxiang-organisations.yaml"
DEFAULT_PLAN = PACKAGE_DIR / "plans" / "data" / "xinxiang-2022-2024.yaml"


def _static_fingerprint() -> str:
    """A digest of every static source file's path, size and time: collectstatic (which hashes
    and compresses every file) runs only when this changes, so a second start is quick."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _collect_static() -> None:
    from django.conf import settings
    from django.core.management import call_command

    marker = Path(settings.STATIC_ROOT) / ".innocity-fingerprint"
    fingerprint = _static_fingerprint()
    if marker.exists() and marker.read_text() == fingerprint:
        return
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)
    marker.write_text(fingerprint)


def prepare_database() -> list[str]:
    """Migrate, then load the registry, the plan and (demo database only) the demo accounts
    into an empty database. Returns what it loaded, for the start-up message."""
    from django.conf import settings
    from django.core.management import call_command

    from innocity.core.orgdata import read_registry
    from innocity.orgs.demo import demo_load
    from innocity.orgs.models import Organisation, User
    from innocity.orgs.services import registry_load
    from innocity.plans.models import Plan
    from innocity.plans.services import plan_data_read, plan_load

    call_command("migrate", interactive=False, verbosity=0)
    loaded = []
    if not Organisation.objects.exists():
        registry_load(read_registry(DEFAULT_REGISTRY.read_text("utf-8"), DEFAULT_REGISTRY.name),
                      source=DEFAULT_REGISTRY.name)
        loaded.append("organisations")
    if not Plan.objects.exists():
        plan_load(plan_data_read(DEFAULT_PLAN.read_text("utf-8"), DEFAULT_PLAN.name), source=DEFAULT_PLAN.name)
        loaded.append("plan")
    if settings.DEMO_MODE and not User.objects.exists():
        demo_load()
        loaded.append("demo accounts")
    return loaded


def setup() -> None:
    """Prepare the database and static files (idempotent): 初始化数据库与静态文件。"""
    django_setup()
    loaded = prepare_database()
    _collect_static()
    console.print("数据库已就绪 / database ready" + (f": 已载入 loaded {', '.join(loaded)}" if loaded else ""))


def _print_banner(host: str, port: int) -> None:
    from django.conf import settings

    from innocity.orgs.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    console.print(f"\n[bold]innocity[/bold] 正在启动 / starting at [bold cyan]http://{host}:{port}/[/bold cyan]")
    database = settings.DATABASES["default"]
    console.print(f"数据库 / database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
    if settings.DEMO_MODE:
        console.print(f"演示账号 / demo logins (密码 password: [bold]{DEMO_PASSWORD}[/bold]):")
        for account in DEMO_ACCOUNTS:
            console.print(f"  {account.username:<11} {account.full_name}")
    console.print()


def serve(
    host: str = typer.Option("127.0.0.1", help="监听地址 / address to bind"),
    port: int = typer.Option(8000, help="端口 / port"),
    workers: int = typer.Option(0, help="工作进程数, 0 = 自动 / worker processes, 0 = automatic"),
) -> None:
    """Set up and serve the platform with gunicorn: 启动平台。"""
    setup()
    _print_banner(host, port)
    sys.stdout.flush()
    count = workers or int(os.environ.get("INNOCITY_WORKERS", "0")) or min(4, 2 * (os.cpu_count() or 1) + 1)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    os.execv(gunicorn, [
        gunicorn, "innocity.platform.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(count),
        "--access-logfile", "-", "--error-logfile", "-", "--timeout", "120",
    ])
