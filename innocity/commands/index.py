"""`innocity index …`: build a composite index, analyse it, run uncertainty and sensitivity analysis.

The engine (innocity.core.composite) is imported inside each command so that the command line starts
fast; no Django is involved. Bad input is reported as a list of problems (file, row, column, reason) and
the command exits with code 2.
"""

from __future__ import annotations

from pathlib import Path

import typer

index_app = typer.Typer(
    help="综合指数：构建、分析、不确定性与敏感性分析 (composite index: build, analyse, uncertainty)",
    no_args_is_help=True,
    add_completion=False,
)

DATA = typer.Option(..., "--data", help="iData 表（CSV 或 xlsx） (the iData table)")
META = typer.Option(..., "--meta", help="iMeta 表（CSV 或 xlsx） (the iMeta table)")
SPEC = typer.Option(..., "--spec", help="spec 文件（YAML） (the spec file)")


def _fail(exc: Exception) -> None:
    problems = getattr(exc, "problems", [])
    typer.echo(f"输入有 {len(problems)} 个问题，未生成结果 (input has {len(problems)} problems, nothing written):",
               err=True)
    for problem in problems:
        typer.echo(f"  - {problem}", err=True)
    raise typer.Exit(code=2)


def _build(data: Path, meta: Path, spec: Path):
    """Read both tables and the spec (all their problems reported together), then build the coin."""
    from innocity.core.composite import CompositeInputError, build, load_spec, load_tables
    from innocity.core.composite.errors import Problem

    problems: list[Problem] = []
    tables = parsed = None
    try:
        tables = load_tables(data, meta)
    except CompositeInputError as exc:
        problems.extend(exc.problems)
    try:
        parsed = load_spec(spec)
    except CompositeInputError as exc:
        problems.extend(exc.problems)
    if problems:
        raise CompositeInputError(problems)
    return build(tables, parsed)


@index_app.command("build")
def build_command(
    data: Path = DATA,
    meta: Path = META,
    spec: Path = SPEC,
    out: Path = typer.Option(..., "--out", help="结果 CSV：uCode、各指标标准化值、各汇总得分 (result CSV)"),
    dataset: str = typer.Option(
        "", "--dataset", help="写出哪个数据集，默认最后一个 (data set to write; default: the last)"),
    log: bool = typer.Option(False, "--log", help="打印每一步的日志 (print what each step did)"),
) -> None:
    """构建综合指数，写出最终数据集（每个筛选后保留的单位一行）。Build the index and write the final data set."""
    from innocity.core.composite import CompositeInputError, write_csv

    try:
        coin = _build(data, meta, spec)
        if dataset and dataset not in coin.datasets:
            typer.echo(f"没有数据集 {dataset}，可选 {', '.join(coin.datasets)} (unknown data set)", err=True)
            raise typer.Exit(code=2)
        chosen = coin.datasets[dataset] if dataset else coin.final
    except CompositeInputError as exc:
        _fail(exc)
        return
    write_csv(out, ("uCode", chosen.units), chosen.codes, chosen.values)
    if log:
        for entry in coin.log:
            typer.echo(f"[{entry.step}] {entry.message}", err=True)
    typer.echo(f"已写出 {chosen.name}：{len(chosen.units)} 个单位 × {len(chosen.codes)} 列 → {out} "
               f"(wrote {len(chosen.units)} units × {len(chosen.codes)} columns)", err=True)


@index_app.command("uncertainty")
def uncertainty_command(
    data: Path = DATA,
    meta: Path = META,
    spec: Path = SPEC,
    out: Path = typer.Option(..., "--out", help="排名统计 CSV (rank statistics CSV)"),
    runs: int = typer.Option(0, "--runs", help="运行次数（默认取 spec 的 uncertainty.runs，或 1000） (number of runs)"),
    seed: int = typer.Option(-1, "--seed", help="随机种子（默认取 spec 的 uncertainty.seed，或 0） (random seed)"),
    target: str = typer.Option("", "--target", help="目标代码，默认最高层 (target code; default: the top level)"),
) -> None:
    """蒙特卡洛不确定性分析与 Sobol 敏感性分析。Monte Carlo uncertainty analysis and Sobol indices."""
    from innocity.core.composite import CompositeInputError
    from innocity.core.composite import uncertainty as ua

    try:
        coin = _build(data, meta, spec)
        result = ua.run(coin, runs=runs or None, seed=None if seed < 0 else seed, target=target or None)
    except CompositeInputError as exc:
        _fail(exc)
        return
    stats = result.rank_statistics()
    import numpy as np

    from innocity.core.composite.io import write_csv

    codes = ("NominalScore", *stats)
    values = np.column_stack([result.nominal_scores, *stats.values()])
    write_csv(out, ("uCode", result.units), codes, values)
    typer.echo(f"目标 {result.target}：{result.runs} 次运行（N={result.base_samples}，{len(result.factors)} 个因素），"
               f"失败 {result.failed_runs} 次 → {out}")
    typer.echo(f"(target {result.target}: {result.runs} runs, {result.failed_runs} failed)")
    typer.echo("Sobol 敏感性指数，输出为排名平均绝对变化 (Sobol indices of the mean absolute rank change):")
    for line in ua.format_indices(result):
        typer.echo("  " + line)


@index_app.command("analyse")
def analyse_command(
    data: Path = DATA,
    meta: Path = META,
    spec: Path = SPEC,
    out: Path = typer.Option(..., "--out", help="指标统计 CSV (indicator statistics CSV)"),
    dataset: str = typer.Option("Raw", "--dataset", help="统计哪个数据集 (data set to describe)"),
) -> None:
    """指标统计与各汇总指标的 Cronbach α。Indicator statistics and Cronbach's alpha of each aggregate."""
    import csv
    import math

    from innocity.core.composite import CompositeInputError
    from innocity.core.composite import analysis as an

    try:
        coin = _build(data, meta, spec)
    except CompositeInputError as exc:
        _fail(exc)
        return
    if dataset not in coin.datasets:
        typer.echo(f"没有数据集 {dataset}，可选 {', '.join(coin.datasets)} (unknown data set)", err=True)
        raise typer.Exit(code=2)
    rows = an.indicator_statistics(coin, dataset)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()})
    typer.echo(f"已写出 {len(rows)} 列的统计 → {out} (wrote statistics of {len(rows)} columns)")
    fw = coin.framework
    typer.echo("Cronbach α（各汇总指标的下级）(of each aggregate's children):")
    for level in range(2, fw.levels + 1):
        for code in fw.codes_at(level):
            alpha = an.cronbach_alpha(coin, parent=code)
            typer.echo(f"  {code}: {'—' if math.isnan(alpha) else f'{alpha:.3f}'}")
    for entry in coin.log:
        typer.echo(f"[{entry.step}] {entry.message}")


if __name__ == "__main__":
    index_app()
