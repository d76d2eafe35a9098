"""`innocity plan …`: plans as data — load a reviewed plan file; parse a policy document."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from innocity.cli import console, django_setup, exit_with_problems

plan_app = typer.Typer(help="方案 / plans", no_args_is_help=True)


@plan_app.command("load")
def load(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    replace: bool = typer.Option(False, "--replace", help="替换同名方案 / replace the plan of the same title"),
) -> None:
    """Load a reviewed plan data file (all or nothing): 载入方案数据文件。"""
    django_setup()
    from innocity.core.datafile import DataFileError
    from innocity.plans.services import plan_data_read, plan_load

    try:
        plan = plan_load(plan_data_read(file.read_text("utf-8"), file.name), source=file.name, replace=replace)
    except DataFileError as exc:
        exit_with_problems(exc.problems)
    console.print(f"已载入方案 {plan.title}: {plan.tasks.count()} 项任务, {plan.targets.count()} 个量化目标")


# The registry `plan parse` resolves units against unless told otherwise (--orgs, --no-orgs).
DEFAULT_REGISTRY = Path(__file__).resolve().parents[1] / "orgs" / "data" / "xinxiang-organisations.yaml"
# Registry names written with the city's name resolve to the short form the plans write.
REGISTRY_PREFIXES = {"新乡市": "市"}


@plan_app.command("parse")
def parse(
    file: Path = typer.Argument(..., help="方案文件 .txt/.docx/.pdf / the plan document"),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="写出任务分解表 (.xlsx) 而不是 JSON / write the 任务分解表"),
    orgs: Path | None = typer.Option(None, "--orgs", help="组织名录 YAML (默认新乡市) / organisation registry file"),
    no_orgs: bool = typer.Option(False, "--no-orgs", help="不对照组织名录 / resolve no units"),
) -> None:
    """Parse a plan document into goals, tasks, units and targets (JSON on stdout): 解析方案文件。

    Exits 2 with the reason when the document or the registry cannot be read.
    """
    import json
    import sys

    from innocity.core.planparse import DocumentError, parse_file, to_json

    errors = Console(stderr=True, soft_wrap=True)  # a reason on one line, never wrapped
    try:
        directory = None if no_orgs else _directory(orgs or DEFAULT_REGISTRY)
        plan = parse_file(file, directory=directory)
    except DocumentError as exc:
        errors.print(f"无法解析 {file}: {exc}", markup=False)
        raise typer.Exit(2) from None
    if xlsx is None:
        sys.stdout.write(json.dumps(to_json(plan), ensure_ascii=False, indent=1) + "\n")
        return
    from innocity.core.planparse import breakdown_rows
    from innocity.reports.task_breakdown import BreakdownRow, breakdown_workbook

    rows = [BreakdownRow(**row) for row in breakdown_rows(plan)]
    title = f"{plan.title or file.stem} 任务分解表"
    try:
        xlsx.write_bytes(breakdown_workbook(title, rows))
    except OSError as exc:
        errors.print(f"无法写出 {xlsx}: {exc.strerror}", markup=False)
        raise typer.Exit(2) from None
    errors.print(f"已写出任务分解表 {xlsx}: {len(rows)} 项任务 / wrote {len(rows)} tasks", markup=False)


def _directory(path: Path):
    """The organisation directory of a registry file (innocity/orgs/data layout), or DocumentError."""
    import yaml

    from innocity.core.orgnames import directory_from_registry
    from innocity.core.planparse import DocumentError

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return directory_from_registry(data if isinstance(data, dict) else {}, REGISTRY_PREFIXES)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise DocumentError(f"无法读取组织名录 {path}: {exc} / cannot read the organisation registry") from exc


@plan_app.command("import")
def import_document(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    replace: bool = typer.Option(False, "--replace", help="替换同名方案 / replace the stored plan of the same title"),
) -> None:
    """Import a plan document (.txt/.docx/.pdf) as a draft plan: 导入方案文件为草稿。

    Lists what a person should check; when a plan of the same title is stored, prints what
    changed and imports only with --replace."""
    django_setup()
    from innocity.core.datafile import DataFileError
    from innocity.plans import importing

    try:
        plan_import = importing.plan_import_create(user=None, filename=file.name, content=file.read_bytes())
    except importing.DocumentError as exc:
        console.print(f"[red]无法读取 {file.name}: {exc}[/red]", markup=True)
        raise typer.Exit(2) from None
    review = importing.plan_import_review(plan_import)
    for flag in review.flags:
        where = f"任务 {flag['task']}: " if flag.get("task") else ""
        console.print(f"  ⚑ {flag['message']} — {where}{flag['text']}", markup=False)
    if review.stored is not None:
        console.print(f"已存储同名方案 (编号 {review.stored.pk}), 变化如下 / changes against it:", markup=False)
        for line in importing.describe_diff(review.diff):
            console.print(f"  {line}", markup=False)
        if not replace:
            importing.plan_import_discard(plan_import)
            console.print("未导入: 如需替换已存储的方案, 请加 --replace / nothing imported", markup=False)
            raise typer.Exit(2)
    try:
        plan = importing.plan_import_commit(plan_import, replace=replace)
    except DataFileError as exc:
        exit_with_problems(exc.problems, "未导入", "nothing imported")
    console.print(f"已导入为草稿方案 (编号 {plan.pk}): {plan.title}; {plan.tasks.count()} 项任务, "
                  f"{plan.targets.count()} 个量化目标; 待核对 {len(review.flags)} 处", markup=False)


@plan_app.command("export")
def export(
    plan_id: int,
    out: Path = typer.Option(None, "--out", help="写入文件; 缺省输出到屏幕 / file to write (default: stdout)"),
) -> None:
    """Write a stored plan as a plan data file (YAML): 导出方案数据文件。"""
    django_setup()
    from innocity.plans.exporting import plan_yaml
    from innocity.plans.models import Plan

    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        console.print(f"没有编号为 {plan_id} 的方案", markup=False)
        raise typer.Exit(2)
    text = plan_yaml(plan)
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"已写出 {out}", markup=False)
