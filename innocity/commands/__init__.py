"""Sub-commands of the `innocity` command line, one module per group.

Each module defines a `typer.Typer` for its group; `register` mounts them on the root app.
Modules import heavy libraries (Django, numpy) inside their commands, not at import time, so that
`innocity --help` and the pure commands start fast.
"""

import importlib

import typer

# (module, attribute, group name): a group's module owns its commands.
GROUPS: list[tuple[str, str, str]] = []


def register(app: typer.Typer) -> None:
    for module, attribute, name in GROUPS:
        sub = getattr(importlib.import_module(f"innocity.commands.{module}"), attribute)
        app.add_typer(sub, name=name)
