"""The `innocity` command line.

Groups live in innocity/commands/ (one module per group). Commands that need the database call
`django_setup()` themselves, so that pure commands (`innocity index …`, `innocity plan parse`)
start fast and work without any database.
"""

import os
import sys

import typer


class _Console:
    """rich's Console, created on first use (importing rich costs start-up time that the pure,
    performance-measured commands do not spend). Messages are never wrapped: operators pipe them
    into logs, and tests read them whole."""

    _console = None

    def __getattr__(self, name):
        if self._console is None:
            from rich.console import Console

            type(self)._console = Console(soft_wrap=True)
        return getattr(self._console, name)


console = _Console()

app = typer.Typer(
    help="innocity: 创新型城市建设行动方案平台 / the innovation action plan platform",
    no_args_is_help=True,
    add_completion=False,
)


def exit_with_problems(problems, what: str = "未载入", english: str = "nothing loaded") -> None:
    """Print every problem of a refused input (file, line, reason) and exit with status 2."""
    console.print(f"[red]{what}, 发现 {len(problems)} 个问题 / {english}:[/red]")
    for problem in problems:
        console.print(f"  {problem}", markup=False)
    raise typer.Exit(2)


def django_setup() -> None:
    """Configure Django for commands that use the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocity.platform.settings")
    import django

    django.setup()


def main() -> None:
    from innocity.commands import register

    register(app, sys.argv[1] if len(sys.argv) > 1 else None)
    app()
