"""Uncertainty and sensitivity analysis: Monte Carlo over the choices the spec marks uncertain.

Following COINr's `get_sensitivity()` (Saisana, Saltelli & Tarantola 2005): every uncertain choice is one
input factor u ∈ [0, 1) —

- `weights: {level, noise}`: the weights of the codes of that level are multiplied by 1 + noise·r with r
  uniform in [−1, 1] (COINr's `get_noisy_weights`); one set of r per run is drawn from the seed and the
  factor picks one of these sets;
- `<step>: {alternatives: [...]}`: one of a step's alternative parameter sets (e.g. normalisation methods,
  aggregation methods, optionally for one aggregation `level`), each equally likely;
- `parameter: {step, name, alternatives | range}`: one parameter's alternatives, or a value uniform in a
  range.

The factors are sampled with SALib's Sobol'/Saltelli design (N·(d + 2) runs for d factors, without
second-order terms), so that first-order and total Sobol indices of the output "mean absolute rank change
of the target versus the nominal ranks" (COINr's choice) can be estimated with SALib. Every run rebuilds
the coin from the first step its changes touch; the data sets before that are reused.

For every unit the result keeps its nominal rank and the median, mean and 5–95 % range of its ranks over
all runs.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from innocity.core.composite.coin import Coin, build, level_number
from innocity.core.composite.errors import CompositeInputError, ProblemList
from innocity.core.composite.numeric import rank_min

INTEGER_PARAMETERS = ("winmax", "max_time")


@dataclass(frozen=True)
class UncertaintyResult:
    """Ranks of every unit over the runs, rank statistics and Sobol indices per factor."""

    target: str
    units: np.ndarray
    nominal_scores: np.ndarray
    nominal_ranks: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    factors: tuple[str, ...]
    samples: np.ndarray
    output: np.ndarray
    first_order: np.ndarray
    total: np.ndarray
    first_order_conf: np.ndarray
    total_conf: np.ndarray
    failed_runs: int
    base_samples: int

    @property
    def runs(self) -> int:
        return self.ranks.shape[1]

    def rank_statistics(self) -> dict[str, np.ndarray]:
        """Per unit: nominal rank, median, mean, 5 % and 95 % quantiles of the ranks over the runs."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return {
                "Nominal": self.nominal_ranks,
                "Median": np.nanmedian(self.ranks, axis=1),
                "Mean": np.nanmean(self.ranks, axis=1),
                "Q5": np.nanquantile(self.ranks, 0.05, axis=1),
                "Q95": np.nanquantile(self.ranks, 0.95, axis=1),
            }


@dataclass(frozen=True)
class _Factor:
    name: str
    kind: str
    spec: dict[str, Any]


def _changes_for(coin: Coin, factor: _Factor, u: float, noise_sets: dict[str, np.ndarray],
                 changes: dict[str, Any], multipliers: dict[int, np.ndarray]) -> None:
    """Turn one factor's sample value into spec changes or weight multipliers (accumulated in place)."""
    f = factor.spec
    if factor.kind == "weights":
        level = level_number(f["level"], coin.spec, coin.framework)
        table = noise_sets[factor.name]
        row = min(int(u * len(table)), len(table) - 1)
        multipliers[level] = multipliers.get(level, 1.0) * (1.0 + f["noise"] * table[row])  # type: ignore[assignment]
        return
    if factor.kind == "step":
        options = f["alternatives"]
        choice = dict(options[min(int(u * len(options)), len(options) - 1)])
    else:
        if "alternatives" in f:
            options = f["alternatives"]
            value = options[min(int(u * len(options)), len(options) - 1)]
        else:
            low, high = f["range"]
            value = low + u * (high - low)
            if f["param"] in INTEGER_PARAMETERS:
                value = round(value)
        choice = {f["param"]: value}
    step = f["step"]
    if step == "aggregate" and f.get("level") is not None:
        choice = {"levels": {f["level"]: choice}}
    from innocity.core.composite.spec import deep_merge

    changes[step] = deep_merge(changes.get(step, {}), choice)


def _factors(coin: Coin) -> list[_Factor]:
    u = coin.spec.uncertainty
    found = ProblemList()
    if not u or not u.get("factors"):
        found.add(coin.spec.source, coin.spec.line_of("uncertainty"), "uncertainty",
                  "spec 中没有 uncertainty.factors：请说明哪些选择是不确定的 (no uncertain factors in the spec)")
        found.raise_if_any()
    factors = []
    for i, f in enumerate(u["factors"]):  # type: ignore[index]
        if f["kind"] == "weights":
            level = level_number(f["level"], coin.spec, coin.framework)
            if level is None or level >= coin.framework.levels:
                found.add(coin.spec.source, coin.spec.line_of("uncertainty", "factors", i), "level",
                          f"层级 {f['level']} 不存在或没有上级，无法扰动其权重 (no weights to perturb on this level)")
        elif f.get("level") is not None:
            level = level_number(f["level"], coin.spec, coin.framework)
            if level is None or level < 2:
                found.add(coin.spec.source, coin.spec.line_of("uncertainty", "factors", i), "level",
                          f"层级 {f['level']} 不是汇总层级 (not an aggregation level)")
        if f["kind"] != "weights" and coin.spec.step(f["step"]) is None:
            found.add(coin.spec.source, coin.spec.line_of("uncertainty", "factors", i), "step",
                      f"spec 中没有步骤 {f['step']} (the spec has no such step)")
        factors.append(_Factor(f["name"], f["kind"], f))
    found.raise_if_any()
    return factors


def run(coin: Coin, runs: int | None = None, seed: int | None = None, target: str | None = None,
        reuse: bool = True) -> UncertaintyResult:
    """Monte Carlo uncertainty and Sobol sensitivity analysis of `coin` (see the module docstring).

    With `reuse=False` every run rebuilds from the raw data (for comparison only).

    `runs` is the total number of rebuilds (at least d + 2 for d factors); the Saltelli design uses
    N = ⌈runs / (d + 2)⌉ base samples, so N·(d + 2) ≥ runs runs are made.

    >>> from innocity.core.composite.coin import build, example_tables, spec_example
    >>> spec = spec_example().with_changes({"uncertainty": {"factors": [
    ...     {"weights": {"level": 1, "noise": 0.5}}, {"aggregate": {"alternatives": ["arithmetic", "geometric"]}}]}})
    >>> result = run(build(example_tables(), spec), runs=64, seed=1)
    >>> result.ranks.shape, result.factors
    ((3, 64), ('weights:1', 'aggregate'))
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    settings = coin.spec.uncertainty or {}
    runs = runs or settings.get("runs") or 1000
    seed = seed if seed is not None else (settings.get("seed") or 0)
    factors = _factors(coin)
    fw = coin.framework
    target = target or settings.get("target") or fw.codes_at(fw.levels)[0]
    final = coin.final
    if target not in final.codes:
        found = ProblemList()
        found.add(coin.spec.source, coin.spec.line_of("uncertainty", "target"), "target",
                  f"目标 {target} 不在结果中 (target not found)")
        found.raise_if_any()
    d = len(factors)
    base = max(1, -(-runs // (d + 2)))  # ceil: at least `runs` runs
    problem = {"num_vars": d, "names": [f.name for f in factors], "bounds": [[0.0, 1.0]] * d}
    with warnings.catch_warnings():
        # SALib warns when N is not a power of two; the design is still a valid Saltelli design.
        warnings.simplefilter("ignore")
        samples = sobol_sample.sample(problem, base, calc_second_order=False, scramble=True, seed=seed)
    total_runs = samples.shape[0]
    rng = np.random.default_rng(seed)
    noise_sets = {f.name: rng.uniform(-1.0, 1.0, size=(total_runs, len(fw.codes_at(
        level_number(f.spec["level"], coin.spec, fw) or 1)))) for f in factors if f.kind == "weights"}

    nominal_scores = final.column(target)
    nominal_ranks = rank_min(nominal_scores, descending=True)
    scores = np.full((len(final.units), total_runs), np.nan)
    failed = 0
    for r in range(total_runs):
        changes: dict[str, Any] = {}
        multipliers: dict[int, np.ndarray] = {}
        for j, f in enumerate(factors):
            _changes_for(coin, f, float(samples[r, j]), noise_sets, changes, multipliers)
        try:
            variant = build(coin.tables, coin.spec.with_changes(changes), cache=coin.cache if reuse else None,
                            weight_multipliers=multipliers)
        except CompositeInputError:
            failed += 1
            continue
        out = variant.final
        column = out.column(target)
        if len(out.units) == len(final.units) and np.array_equal(out.units, final.units):
            scores[:, r] = column
        else:
            # Screening may keep other units in a variation: match them by code.
            position = {u: i for i, u in enumerate(out.units.tolist())}
            index = np.array([position.get(u, -1) for u in final.units.tolist()])
            scores[:, r] = np.where(index >= 0, column[np.clip(index, 0, None)], np.nan)
    if failed == total_runs:
        found = ProblemList()
        found.add(coin.spec.source, coin.spec.line_of("uncertainty"), "uncertainty",
                  "所有运行都失败了，请检查不确定因素的取值 (every run failed)")
        found.raise_if_any()
    ranks = rank_min(scores, descending=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        output = np.nanmean(np.abs(ranks - nominal_ranks[:, None]), axis=0)
    nan_d = np.full(d, np.nan)
    s1, st, s1c, stc = nan_d, nan_d, nan_d, nan_d
    if failed == 0 and np.nanvar(output) > 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            indices = sobol_analyze.analyze(problem, output, calc_second_order=False, num_resamples=100,
                                            print_to_console=False, seed=seed)
        s1, st = np.asarray(indices["S1"]), np.asarray(indices["ST"])
        s1c, stc = np.asarray(indices["S1_conf"]), np.asarray(indices["ST_conf"])
    elif failed == 0:
        s1, st, s1c, stc = np.zeros(d), np.zeros(d), np.zeros(d), np.zeros(d)
    return UncertaintyResult(
        target=target, units=final.units, nominal_scores=nominal_scores, nominal_ranks=nominal_ranks,
        scores=scores, ranks=ranks, factors=tuple(f.name for f in factors), samples=samples, output=output,
        first_order=s1, total=st, first_order_conf=s1c, total_conf=stc, failed_runs=failed, base_samples=base,
    )


def format_indices(result: UncertaintyResult) -> list[str]:
    """Lines of text with each factor's Sobol indices (for the command line and logs)."""
    lines = [f"{'因素 (factor)':<28}{'一阶 S1':>10}{'±':>8}{'总效应 ST':>12}{'±':>8}"]
    for name, a, ac, b, bc in zip(result.factors, result.first_order, result.first_order_conf, result.total,
                                  result.total_conf, strict=True):
        fmt = (lambda v: "—" if math.isnan(v) else f"{v:.3f}")  # noqa: E731
        lines.append(f"{name:<28}{fmt(a):>10}{fmt(ac):>8}{fmt(b):>12}{fmt(bc):>8}")
    return lines
