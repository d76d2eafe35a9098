"""The `innocity` command line.

Groups live in innocity/commands/ (one module per group). Commands that need the database call
`django_setup()` themselves, so that pure commands (`innocity index …`, `innocity plan parse`)
start fast and work without any database.
"""

import os

import typer
from rich.console import Console

# Messages are never wrapped: operators pipe them into logs, and tests read them whole.
console = Console(soft_wrap=True)

app = typer.Typer(
    help="innocity: 创新型城市建设行动方案平台 / the innovation action plan platform",
    no_args_is_help=True,
    add_completion=False,
)


def django_setup() -> None:
    """Configure Django for commands that use the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocity.platform.settings")
    import django

    django.setup()


def _register_groups() -> None:
    from innocity.commands import register

    register(app)


def main() -> None:
    _register_groups()
    app()
