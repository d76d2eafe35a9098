"""`innocity orgs load FILE`: load or update the organisation registry from a data file."""

from __future__ import annotations

from pathlib import Path

import typer

from innocity.cli import console, django_setup, exit_with_problems

orgs_app = typer.Typer(help="组织名录 / the organisation registry", no_args_is_help=True)


@orgs_app.command("load")
def load(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True)) -> None:
    """Create or update organisations and groups from a registry file (nothing is deleted)."""
    django_setup()
    from innocity.core.datafile import DataFileError
    from innocity.core.orgdata import read_registry
    from innocity.orgs.services import registry_load

    try:
        result = registry_load(read_registry(file.read_text("utf-8"), file.name), source=file.name)
    except DataFileError as exc:
        exit_with_problems(exc.problems)
    console.print(f"新增 {result.created}, 更新 {result.updated}, 未变 {result.unchanged}; 组 {result.groups}")
