"""Sub-commands of the `innocity` command line, one module per group.

Each module defines a `typer.Typer` for its group (or plain command functions); `register`
mounts them on the root app. Modules import heavy libraries (Django, numpy) inside their
commands, not at import time, so that `innocity --help` and the pure commands start fast.
"""

import importlib

import typer

# (module, attribute, group name): a group's module owns its commands.
GROUPS: list[tuple[str, str, str]] = [
    ("orgs", "orgs_app", "orgs"),
    ("accounts", "user_app", "user"),
    ("accounts", "token_app", "token"),
    ("plan", "plan_app", "plan"),
    ("index", "index_app", "index"),
]
# (module, function, command name): commands at the top level.
COMMANDS: list[tuple[str, str, str]] = [
    ("site", "setup", "setup"),
    ("site", "serve", "serve"),
]


def register(app: typer.Typer, requested: str | None = None) -> None:
    """Mount the commands and groups; with `requested` (the first word of the command line) naming
    a group, only that group, so `innocity index build` does not import every other group. The
    top-level commands are always mounted (they are light, and a typer app with one command
    would take that command for the whole program)."""
    wanted = requested if requested in {name for *_, name in GROUPS} else None
    for module, attribute, name in COMMANDS:
        app.command(name)(getattr(importlib.import_module(f"innocity.commands.{module}"), attribute))
    for module, attribute, name in GROUPS:
        if wanted in (None, name):
            sub = getattr(importlib.import_module(f"innocity.commands.{module}"), attribute)
            app.add_typer(sub, name=name)
