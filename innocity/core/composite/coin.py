"""The coin: the whole index as one object — input tables, spec, every data set, results and log.

`build(tables, spec)` runs the spec's steps in order, each on the data set the previous one produced,
and keeps each result under its COINr name (Raw, Denominated, Imputed, Screened, Treated, Normalised,
Aggregated). A variation is a re-run with something changed: `coin.rebuild({"normalise": {...}})` reuses
the data sets of the steps before the first change.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from innocity.core.composite import aggregate as agg
from innocity.core.composite import weights as wts
from innocity.core.composite.denominate import denominate, divisor_matrix
from innocity.core.composite.errors import ProblemList
from innocity.core.composite.impute import impute_group, impute_mean, impute_median, impute_panel
from innocity.core.composite.normalise import NormaliseParams, normalise
from innocity.core.composite.numeric import rank_min
from innocity.core.composite.screen import ScreenSummary, screen_units
from innocity.core.composite.spec import Spec, resolve_path
from innocity.core.composite.tables import Framework, Tables, parse_number
from innocity.core.composite.treat import TreatmentLog, TreatParams, treat

DATASET_OF_STEP = {
    "denominate": "Denominated", "impute": "Imputed", "screen": "Screened", "treat": "Treated",
    "normalise": "Normalised", "aggregate": "Aggregated",
}
PANEL_IMPUTATION = ("locf", "constant", "linear")


@dataclass(frozen=True)
class Dataset:
    """One named data set: unit codes (rows), column codes and a float matrix (NaN for missing).

    >>> d = Dataset("Raw", np.array(["A", "B"], dtype=object), ("x",), np.array([[1.0], [2.0]]))
    >>> d.column("x").tolist(), d.row("B")
    ([1.0, 2.0], {'x': 2.0})
    """

    name: str
    units: np.ndarray
    codes: tuple[str, ...]
    values: np.ndarray

    def column(self, code: str) -> np.ndarray:
        return self.values[:, self.codes.index(code)]

    def row(self, unit: str) -> dict[str, float]:
        i = int(np.flatnonzero(self.units == unit)[0])
        return {c: float(v) for c, v in zip(self.codes, self.values[i], strict=True)}

    def select(self, codes: tuple[str, ...]) -> np.ndarray:
        index = {c: i for i, c in enumerate(self.codes)}
        return self.values[:, [index[c] for c in codes]]


@dataclass(frozen=True)
class LevelResult:
    """Scores and ranks (1 = best, ties share the best rank) of every unit for the codes of one level."""

    level: int
    name: str
    codes: tuple[str, ...]
    scores: np.ndarray
    ranks: np.ndarray


@dataclass(frozen=True)
class Results:
    """Scores and ranks at every level, from the final data set."""

    units: np.ndarray
    levels: Mapping[int, LevelResult]

    def scores(self, code: str) -> np.ndarray:
        for lr in self.levels.values():
            if code in lr.codes:
                return lr.scores[:, lr.codes.index(code)]
        raise KeyError(code)

    def ranks(self, code: str) -> np.ndarray:
        for lr in self.levels.values():
            if code in lr.codes:
                return lr.ranks[:, lr.codes.index(code)]
        raise KeyError(code)


@dataclass(frozen=True)
class LogEntry:
    """What a step did, in words (Chinese, English after)."""

    step: str
    message: str


@dataclass
class _State:
    """The data between steps; `panel_*` hold every period until panel imputation has run."""

    units: np.ndarray
    values: np.ndarray
    rows: np.ndarray
    panel_values: np.ndarray | None = None


class _StageCache:
    """Results of step prefixes, kept for re-runs (what-if and uncertainty); bounded in bytes."""

    def __init__(self, max_bytes: int = 1 << 30):
        self.items: OrderedDict[str, tuple[Any, ...]] = OrderedDict()
        self.max_bytes = max_bytes
        self.size = 0

    def get(self, key: str) -> tuple[Any, ...] | None:
        item = self.items.get(key)
        if item is not None:
            self.items.move_to_end(key)
        return item

    def put(self, key: str, item: tuple[Any, ...], nbytes: int) -> None:
        if key in self.items or nbytes > self.max_bytes:
            return
        self.items[key] = (*item, nbytes)
        self.size += nbytes
        while self.size > self.max_bytes and self.items:
            _, old = self.items.popitem(last=False)
            self.size -= old[-1]


@dataclass
class Coin:
    """A built index. See the module docstring; `results` are computed on first use."""

    tables: Tables
    spec: Spec
    datasets: dict[str, Dataset]
    log: list[LogEntry]
    treatment: list[TreatmentLog] = field(default_factory=list)
    screening: ScreenSummary | None = None
    weights: dict[int, np.ndarray] = field(default_factory=dict)
    ahp: dict[str, wts.AhpResult] = field(default_factory=dict)
    cache: _StageCache = field(default_factory=_StageCache, repr=False)

    @property
    def framework(self) -> Framework:
        return self.tables.framework

    @property
    def final(self) -> Dataset:
        return list(self.datasets.values())[-1]

    def level_name(self, level: int) -> str:
        if self.spec.levels and level <= len(self.spec.levels):
            return self.spec.levels[level - 1]
        return f"Level {level}"

    @cached_property
    def results(self) -> Results:
        final = self.final
        levels = {}
        for level in range(1, self.framework.levels + 1):
            codes = tuple(c for c in self.framework.codes_at(level) if c in final.codes)
            if not codes:
                continue
            scores = final.select(codes)
            levels[level] = LevelResult(level, self.level_name(level), codes, scores,
                                        rank_min(scores, descending=True))
        return Results(final.units, levels)

    def rebuild(self, changes: Mapping[str, Any], weight_multipliers: Mapping[int, np.ndarray] | None = None) -> Coin:
        """A new coin with the spec changed (see `Spec.with_changes`); unchanged leading steps are reused.

        >>> coin = build(example_tables(), spec_example())
        >>> other = coin.rebuild({"aggregate": {"method": "geometric"}})
        >>> round(float(other.results.scores("Index")[0]), 6) != round(float(coin.results.scores("Index")[0]), 6)
        True
        """
        return build(self.tables, self.spec.with_changes(changes), cache=self.cache,
                     weight_multipliers=weight_multipliers)


def _nbytes(*arrays: Any) -> int:
    return sum(a.nbytes for a in arrays if isinstance(a, np.ndarray))


def build(tables: Tables, spec: Spec, cache: _StageCache | None = None,
          weight_multipliers: Mapping[int, np.ndarray] | None = None) -> Coin:
    """Run the spec on the tables and return the coin.

    Raises `CompositeInputError` when the spec does not fit the tables (unknown codes, a group column
    that does not exist, a missing target, a zero in a geometric mean …), naming the spec line or the
    table cell.

    >>> coin = build(example_tables(), spec_example())
    >>> list(coin.datasets)
    ['Raw', 'Imputed', 'Normalised', 'Aggregated']
    >>> coin.results.ranks("Index").tolist()
    [1.0, 3.0, 2.0]
    """
    _check_against_tables(spec, tables)
    cache = cache if cache is not None else _StageCache()
    framework = tables.framework
    state = _select_period(tables, spec)
    datasets = {"Raw": Dataset("Raw", state.units, framework.indicators, state.values)}
    log: list[LogEntry] = []
    coin = Coin(tables, spec, datasets, log, cache=cache)
    prefix = [json.dumps({"time": spec.time}, default=str)]
    for step in spec.steps:
        prefix.append(step.key())
        if step.kind == "aggregate":
            _run_aggregate(coin, step, state, weight_multipliers)
            continue
        key = "\n".join(prefix)
        hit = cache.get(key)
        if hit is not None:
            state, entries, extra = hit[0], hit[1], hit[2]
        else:
            state, entries, extra = _STEP_RUNNERS[step.kind](tables, spec, step, state)
            cache.put(key, (state, entries, extra), _nbytes(state.values, state.panel_values))
        log.extend(entries)
        if step.kind == "treat":
            coin.treatment = extra
        if step.kind == "screen":
            coin.screening = extra
        name = DATASET_OF_STEP[step.kind]
        datasets[name] = Dataset(name, state.units, framework.indicators, state.values)
    return coin


def _select_period(tables: Tables, spec: Spec) -> _State:
    """The rows of the period to build (the latest unless `time` is set); the whole panel is kept aside."""
    if tables.times is None:
        return _State(tables.units, tables.values, np.arange(len(tables.units)))
    period = spec.time if spec.time is not None else float(np.nanmax(tables.times))
    rows = np.flatnonzero(tables.times == period)
    return _State(tables.units[rows], tables.values[rows], rows,
                  panel_values=tables.values if tables.is_panel else None)


def _check_against_tables(spec: Spec, tables: Tables) -> None:
    """Every code, group and level the spec names must exist in the tables."""
    found = ProblemList()
    fw = tables.framework
    src = spec.source
    if spec.levels is not None and len(spec.levels) != fw.levels:
        found.add(src, spec.line_of("levels"), "levels",
                  f"levels 有 {len(spec.levels)} 个名称，iMeta 有 {fw.levels} 层 (names do not match the levels)")
    if spec.time is not None and (tables.times is None or not np.any(tables.times == spec.time)):
        found.add(src, spec.line_of("time"), "time", f"iData 中没有时间 {spec.time:g} (no rows for this Time)")
    indicators = set(fw.indicators)
    for i, step in enumerate(spec.steps):
        p = step.params
        path = ("steps", i, step.kind)
        if step.kind == "denominate":
            for code, denom in (p["by"] or {}).items():
                if code not in indicators:
                    found.add(src, spec.line_of(*path, "by", code), f"by.{code}",
                              f"指标 {code} 不存在 (unknown indicator)")
                if denom not in tables.denominators:
                    found.add(src, spec.line_of(*path, "by", code), f"by.{code}",
                              f"分母 {denom} 不是 iData 中的分母列 (unknown denominator column)")
            if isinstance(p["scale"], Mapping):
                for code in p["scale"]:
                    if code not in indicators:
                        found.add(src, spec.line_of(*path, "scale", code), f"scale.{code}",
                                  f"指标 {code} 不存在 (unknown indicator)")
        elif step.kind == "impute":
            if p["method"] in ("group_mean", "group_median") and p["group"] not in tables.groups:
                found.add(src, spec.line_of(*path, "group"), "group",
                          f"分组列 {p['group']} 不在 iData 中或未在 iMeta 中声明为 Group (group column not found)")
            if p["method"] in PANEL_IMPUTATION and not tables.is_panel:
                found.add(src, spec.line_of(*path, "method"), "method",
                          f"{p['method']} 是面板插补，需要 iData 有多个时间 Time "
                          "(panel imputation needs several periods)")
        elif step.kind == "screen":
            known = set(tables.units.tolist())
            for key in ("force_include", "force_exclude"):
                for unit in p[key]:
                    if unit not in known:
                        found.add(src, spec.line_of(*path, key), key, f"单位 {unit} 不存在 (unknown unit)")
        elif step.kind in ("treat", "normalise"):
            for code in p["indicators"]:
                if code not in indicators:
                    found.add(src, spec.line_of(*path, "indicators", code), f"indicators.{code}",
                              f"指标 {code} 不存在 (unknown indicator)")
            if step.kind == "normalise":
                _check_normalise_parameters(spec, tables, p, path, found)
        elif step.kind == "aggregate":
            _check_aggregate_levels(spec, fw, p, path, found)
    found.raise_if_any()


def _check_normalise_parameters(spec: Spec, tables: Tables, p: Mapping[str, Any], path: tuple[Any, ...],
                                found: ProblemList) -> None:
    fw = tables.framework
    for code in fw.indicators:
        q = p["indicators"].get(code, p)
        row = fw.rows[code]
        if q["method"] == "dist2targ" and q["target"] is None and math.isnan(row.target):
            found.add(fw.source, row.row, "Target",
                      f"{code} 用距目标值法标准化，但没有目标值 (dist2targ needs a Target in iMeta or the spec)")
        if q["method"] == "goalposts" and q["goalposts"] is None:
            for column in ("goalpost_lower", "goalpost_upper"):
                value = parse_number(row.extra.get(column))
                if value is None or math.isnan(value):
                    found.add(fw.source, row.row, column,
                              f"{code} 用门槛值法标准化，但 iMeta 的 {column} 不是数字 (goalposts need {column})")


def level_number(key: str, spec: Spec, fw: Framework) -> int | None:
    """A level given as a number or a name from the spec's `levels`."""
    if spec.levels and key in spec.levels:
        return spec.levels.index(key) + 1
    number = parse_number(key)
    if number is not None and not math.isnan(number) and number == int(number) and 1 <= number <= fw.levels:
        return int(number)
    return None


def _check_aggregate_levels(spec: Spec, fw: Framework, p: Mapping[str, Any], path: tuple[Any, ...],
                            found: ProblemList) -> None:
    for key, level_params in p["levels"].items():
        level = level_number(key, spec, fw)
        if level is None or level < 2:
            found.add(spec.source, spec.line_of(*path, "levels", key), f"levels.{key}",
                      f"层级 {key} 不存在或不是汇总层级（应为 2 到 {fw.levels} 或其名称）(unknown aggregation level)")
        _check_weights_against(spec, fw, level_params.get("weights"), (*path, "levels", key, "weights"), found)
    _check_weights_against(spec, fw, p.get("weights"), (*path, "weights"), found)


def _check_weights_against(spec: Spec, fw: Framework, w: Mapping[str, Any] | None, path: tuple[Any, ...],
                           found: ProblemList) -> None:
    if not w:
        return
    codes = set(fw.all_codes())
    if w.get("file"):
        try:
            read_weights(spec, w["file"], fw)
        except Exception as exc:  # a CompositeInputError with the file's own problems
            found.extend(getattr(exc, "problems", []))
    for code in (w.get("values") or {}):
        if code not in codes:
            found.add(spec.source, spec.line_of(*path, "values", code), code, f"代码 {code} 不存在 (unknown code)")
    for parent, m in (w.get("matrices") or {}).items():
        where = spec.line_of(*path, "matrices", parent)
        if parent not in codes or fw.level_of(parent) < 2:
            found.add(spec.source, where, parent, f"{parent} 不是汇总指标 (not an aggregate)")
            continue
        children = fw.children(parent)
        order = m["order"] or list(children)
        if sorted(order) != sorted(children):
            found.add(spec.source, where, f"{parent}.order",
                      f"order 应正好列出 {parent} 的下级：{', '.join(children)} (order must list the children)")
            continue
        matrix = np.array(m["matrix"], dtype=float) if all(len(r) == len(order) for r in m["matrix"]) else None
        if matrix is None or matrix.shape != (len(order), len(order)):
            found.add(spec.source, where, f"{parent}.matrix",
                      f"矩阵应为 {len(order)}×{len(order)} (matrix must be square, one row per child)")
            continue
        for reason in wts.check_reciprocal(matrix):
            found.add(spec.source, where, f"{parent}.matrix", reason)
        if not wts.check_reciprocal(matrix):
            result = wts.ahp_weights(matrix)
            if result.cr > w.get("max_cr", 0.1):
                found.add(spec.source, where, f"{parent}.matrix",
                          f"一致性比率 CR={result.cr:.3f} 超过 {w.get('max_cr', 0.1)}，请调整判断 "
                          "(inconsistent judgements)")


def read_weights(spec: Spec, name: str, fw: Framework) -> dict[str, float]:
    """A weights file (`iCode,Weight`) named in the spec, relative to the spec's folder."""
    from innocity.core.composite.io import read_weights_file

    return read_weights_file(resolve_path(spec, name), fw)


# --- steps -------------------------------------------------------------------------------------------


def _run_denominate(tables: Tables, spec: Spec, step: Any, state: _State) -> tuple[_State, list[LogEntry], Any]:
    fw = tables.framework
    by = step.params["by"]
    if by is None:
        by = {c: fw.rows[c].denominator for c in fw.indicators if fw.rows[c].denominator}
    scale = step.params["scale"]
    scales = [scale.get(c, 1.0) if isinstance(scale, Mapping) else scale for c in fw.indicators]

    def divisors(rows: np.ndarray | None) -> np.ndarray:
        columns = [None if c not in by else
                   (tables.denominators[by[c]] if rows is None else tables.denominators[by[c]][rows])
                   for c in fw.indicators]
        return divisor_matrix(len(tables.units) if rows is None else len(rows), columns, scales)

    values, n_bad = denominate(state.values, divisors(state.rows))
    panel = None
    if state.panel_values is not None:
        # Panel imputation may follow: denominate every period, not only the one being built.
        panel, _ = denominate(state.panel_values, divisors(None))
    new = _State(state.units, values, state.rows, panel)
    msg = f"按分母调整了 {len(by)} 个指标 (denominated {len(by)} indicators)"
    if n_bad:
        msg += f"；{n_bad} 个值因分母为 0 或缺失而置为缺失 ({n_bad} values set missing: zero or missing denominator)"
    return new, [LogEntry("denominate", msg)], None


def _run_impute(tables: Tables, spec: Spec, step: Any, state: _State) -> tuple[_State, list[LogEntry], Any]:
    p = step.params
    method = p["method"]
    before = int(np.isnan(state.values).sum())
    if method == "none":
        values = state.values
    elif method == "mean":
        values = impute_mean(state.values)
    elif method == "median":
        values = impute_median(state.values)
    elif method in ("group_mean", "group_median"):
        groups = tables.groups[p["group"]][state.rows]
        values = impute_group(state.values, groups, "mean" if method == "group_mean" else "median")
    else:
        assert state.panel_values is not None and tables.times is not None
        panel = impute_panel(state.panel_values, tables.units, tables.times, method, p["max_time"])
        values = panel[state.rows]
    after = int(np.isnan(values).sum())
    msg = (f"用 {method} 插补了 {before - after} 个缺失值，剩余 {after} 个 "
           f"(imputed {before - after} values by {method}, {after} left)")
    return _State(state.units, values, state.rows), [LogEntry("impute", msg)], None


def _run_screen(tables: Tables, spec: Spec, step: Any, state: _State) -> tuple[_State, list[LogEntry], Any]:
    p = step.params
    summary = screen_units(state.values, state.units, p["min_availability"], p["min_nonzero"], p["rule"],
                           p["force_include"], p["force_exclude"])
    kept = summary.included
    if not kept.any():
        found = ProblemList()
        found.add(spec.source, step.line, "screen", "筛选后没有剩下任何单位 (no unit is left after screening)")
        found.raise_if_any()
    removed = state.units[~kept].tolist()
    msg = f"保留 {int(kept.sum())} 个单位，剔除 {len(removed)} 个 (kept {int(kept.sum())}, removed {len(removed)})"
    if removed:
        msg += "：" + ", ".join(map(str, removed[:20])) + (" …" if len(removed) > 20 else "")
    return _State(state.units[kept], state.values[kept], state.rows[kept]), [LogEntry("screen", msg)], summary


def _treat_params(q: Mapping[str, Any]) -> TreatParams:
    return TreatParams(method=q["method"], winmax=q["winmax"], skew_thresh=q["skew_thresh"],
                       kurt_thresh=q["kurt_thresh"], force_win=q["force_win"], fallback=q["fallback"],
                       combine=q["combine"])


def _run_treat(tables: Tables, spec: Spec, step: Any, state: _State) -> tuple[_State, list[LogEntry], Any]:
    p = step.params
    fw = tables.framework
    default = _treat_params(p)
    params = []
    for code in fw.indicators:
        q = p["indicators"].get(code)
        params.append(TreatParams(method="none") if q == "none" else (_treat_params(q) if q else default))
    values, logs, _ = treat(state.values, fw.indicators, params)
    n_win = sum(1 for e in logs if e.n_winsorised)
    n_log = sum(1 for e in logs if e.fallback)
    msg = (f"{n_win} 个指标做了缩尾处理，{n_log} 个指标做了对数变换 "
           f"({n_win} indicators winsorised, {n_log} log-transformed)")
    return _State(state.units, values, state.rows), [LogEntry("treat", msg)], logs


def _normalise_params(q: Mapping[str, Any]) -> NormaliseParams:
    return NormaliseParams(method=q["method"], range=tuple(q["range"]), mean_sd=tuple(q["mean_sd"]),
                           cap_max=q["cap_max"], trunc=q["trunc"])


def _run_normalise(tables: Tables, spec: Spec, step: Any, state: _State) -> tuple[_State, list[LogEntry], Any]:
    p = step.params
    fw = tables.framework
    per_code = [p["indicators"].get(c, p) for c in fw.indicators]
    params = [_normalise_params(q) for q in per_code]
    targets = np.array([q["target"] if q["target"] is not None else fw.rows[c].target
                        for c, q in zip(fw.indicators, per_code, strict=True)])
    goalposts = np.full((3, len(fw.indicators)), np.nan)
    for j, (code, q) in enumerate(zip(fw.indicators, per_code, strict=True)):
        if q["method"] != "goalposts":
            continue
        if q["goalposts"] is not None:
            goalposts[:, j] = [q["goalposts"]["lower"], q["goalposts"]["upper"], q["goalposts"]["scale"]]
        else:
            extra = fw.rows[code].extra
            scale = parse_number(extra.get("goalpost_scale"))
            goalposts[:, j] = [parse_number(extra.get("goalpost_lower")), parse_number(extra.get("goalpost_upper")),
                               1.0 if scale is None or math.isnan(scale) else scale]
    values = normalise(state.values, fw.directions(), params, targets, goalposts)
    all_missing = np.isnan(values).all(axis=0)
    constant = [c for c, empty in zip(fw.indicators, all_missing, strict=True) if empty]
    methods = sorted({q["method"] for q in per_code})
    msg = f"用 {', '.join(methods)} 标准化 (normalised by {', '.join(methods)})"
    if constant:
        msg += f"；{', '.join(constant)} 没有可用值或没有差异，结果为缺失 (no spread: results missing)"
    return _State(state.units, values, state.rows), [LogEntry("normalise", msg)], None


_STEP_RUNNERS = {
    "denominate": _run_denominate, "impute": _run_impute, "screen": _run_screen,
    "treat": _run_treat, "normalise": _run_normalise,
}


def level_settings(spec: Spec, fw: Framework, params: Mapping[str, Any], level: int) -> Mapping[str, Any]:
    """The aggregation settings for making `level` (≥ 2): its `levels` entry, else the step's own."""
    for key, settings in params["levels"].items():
        if level_number(key, spec, fw) == level:
            merged = dict(settings)
            if merged.get("weights") is None:
                merged["weights"] = params["weights"]
            return merged
    return params


def _level_weights(coin: Coin, settings: Mapping[str, Any], level: int, children: np.ndarray,
                   nominal: dict[str, float]) -> np.ndarray:
    """Weights of the codes of `level − 1` (the children) for making `level`."""
    fw = coin.framework
    codes = fw.codes_at(level - 1)
    w_spec = settings.get("weights") or {"method": "given"}
    method = w_spec["method"]
    given = dict(nominal)
    if w_spec.get("file"):
        given.update(read_weights(coin.spec, w_spec["file"], fw))
    given.update(w_spec.get("values") or {})
    weights = np.array([given[c] for c in codes], dtype=float)
    if method == "equal":
        return wts.equal_weights(len(codes))
    if method in ("pca", "entropy"):
        parent_index = fw.parent_index(level - 1)
        for g in np.unique(parent_index):
            cols = parent_index == g
            block = children[:, cols]
            if method == "entropy" and np.nanmin(block) < 0:
                found = ProblemList()
                found.add(coin.spec.source, coin.spec.line_of("steps"), "weights",
                          "熵权法要求非负值，请先用 minmax 等方法标准化 (entropy weights need non-negative values)")
                found.raise_if_any()
            weights[cols] = wts.pca_weights(block) if method == "pca" else wts.entropy_weights(block)
        return weights
    if method == "ahp":
        for parent, m in (w_spec.get("matrices") or {}).items():
            if fw.level_of(parent) != level:
                continue
            result = wts.ahp_weights(np.array(m["matrix"], dtype=float))
            coin.ahp[parent] = result
            order = m["order"] or list(fw.children(parent))
            for code, w in zip(order, result.weights, strict=True):
                weights[codes.index(code)] = w
    return weights


def _run_aggregate(coin: Coin, step: Any, state: _State, multipliers: Mapping[int, np.ndarray] | None) -> None:
    fw = coin.framework
    spec = coin.spec
    nominal = {c: fw.rows[c].weight for c in fw.all_codes()}
    columns = [state.values]
    current = state.values
    for level in range(2, fw.levels + 1):
        settings = level_settings(spec, fw, step.params, level)
        weights = _level_weights(coin, settings, level, current, nominal)
        if multipliers is not None and (level - 1) in multipliers:
            weights = weights * multipliers[level - 1]
        coin.weights[level - 1] = weights
        how = agg.LevelAggregation(settings["method"], settings["p"], settings["min_share"])
        try:
            current = agg.aggregate_level(current, fw.parent_index(level - 1), len(fw.codes_at(level)), weights, how)
        except agg.AggregationDomainError as exc:
            found = ProblemList()
            codes = fw.codes_at(level - 1)
            for r, c in list(zip(exc.rows, exc.cols, strict=True))[:50]:
                found.add(f"{spec.source}（聚合 aggregate）", step.line, codes[c],
                          f"单位 {state.units[r]} 的值 {current[r, c]:g} 不能做{exc.reason}，请改用其他聚合方法"
                          f"或把数据标准化到正数区间 (value not allowed in the {exc.method} mean)")
            found.raise_if_any()
        columns.append(current)
    codes = fw.indicators + tuple(c for level in range(2, fw.levels + 1) for c in fw.codes_at(level))
    # Column-major, so that each column (what is written and ranked) is contiguous.
    merged = np.empty((len(state.units), len(codes)), order="F")
    start = 0
    for block in columns:
        merged[:, start:start + block.shape[1]] = block
        start += block.shape[1]
    coin.datasets["Aggregated"] = Dataset("Aggregated", state.units, codes, merged)
    methods = sorted({level_settings(spec, fw, step.params, lv)["method"] for lv in range(2, fw.levels + 1)})
    coin.log.append(LogEntry("aggregate", f"用 {', '.join(methods)} 逐层聚合了 {fw.levels - 1} 层 "
                                          f"(aggregated {fw.levels - 1} levels by {', '.join(methods)})"))


# --- a tiny example used by the docstrings --------------------------------------------------------


def example_tables() -> Tables:
    """Three units, three indicators in two pillars, one index (used by examples and tests)."""
    from innocity.core.composite.tables import tables_from_records

    return tables_from_records(
        {"uCode": ["A", "B", "C"], "x1": [1.0, 2.0, None], "x2": [10.0, 30.0, 20.0], "x3": [5.0, 1.0, 3.0]},
        [{"iCode": "x1", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "P1", "Direction": 1},
         {"iCode": "x2", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "P1", "Direction": -1},
         {"iCode": "x3", "Level": 1, "Type": "Indicator", "Weight": 2, "Parent": "P2", "Direction": 1},
         {"iCode": "P1", "Level": 2, "Type": "Aggregate", "Weight": 1, "Parent": "Index"},
         {"iCode": "P2", "Level": 2, "Type": "Aggregate", "Weight": 1, "Parent": "Index"},
         {"iCode": "Index", "Level": 3, "Type": "Aggregate", "Weight": 1}],
    )


def spec_example() -> Spec:
    """Mean imputation, min-max 1–100, arithmetic mean (used by examples and tests)."""
    from innocity.core.composite.spec import spec_from_dict

    return spec_from_dict({"steps": [{"impute": {"method": "mean"}},
                                     {"normalise": {"method": "minmax", "range": [1, 100]}},
                                     {"aggregate": {"method": "arithmetic"}}]})
