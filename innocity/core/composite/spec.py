"""The spec: which steps to run, with which methods and parameters, and what is uncertain.

A spec is YAML (see docs/formats/composite-spec.md) or a dict with the same shape:

    levels: [Indicator, Pillar, Sub-index, Index]
    steps:
      - denominate: {}
      - impute: {method: group_mean, group: EurAsia_group}
      - screen: {min_availability: 0.9}
      - treat: {method: winsorise, winmax: 5, skew_thresh: 2, kurt_thresh: 3.5}
      - normalise: {method: minmax, range: [0, 100]}
      - aggregate: {method: arithmetic}
    uncertainty:
      factors:
        - weights: {level: Pillar, noise: 0.25}

Parsing fills in every default and checks every value; problems name the spec file, the line and the
key. References to codes (indicators, groups, parents) are checked against the tables when building.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from innocity.core.composite.errors import ProblemList

STEP_KINDS = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")
IMPUTE_METHODS = ("mean", "median", "group_mean", "group_median", "locf", "constant", "linear", "none")
SCREEN_RULES = ("na", "zeros", "na_or_zeros")
TREAT_METHODS = ("winsorise", "none")
FALLBACKS = ("log_ct", "log_ct_orig", "none")
NORMALISE_METHODS = ("minmax", "zscore", "rank", "prank", "borda", "dist2max", "dist2targ", "fracmax",
                     "goalposts", "none")
AGGREGATE_METHODS = ("arithmetic", "geometric", "harmonic", "generalised")
WEIGHT_METHODS = ("given", "equal", "pca", "entropy", "ahp")
ALIASES = {"winsorize": "winsorise", "normalize": "normalise", "genmean": "generalised",
           "generalized": "generalised", "amean": "arithmetic", "gmean": "geometric", "hmean": "harmonic",
           "min-max": "minmax", "z-score": "zscore", "percentile_rank": "prank", "latest": "locf"}

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Step:
    """One step of the pipeline: its kind and its checked parameters (defaults filled in)."""

    kind: str
    params: Mapping[str, Any]
    line: int | None = None

    def key(self) -> str:
        """A stable text form of the step, used to tell whether a re-run can reuse a data set."""
        return json.dumps({self.kind: self.params}, sort_keys=True, default=str)


@dataclass(frozen=True)
class Spec:
    """A checked spec. Build a variation with `with_changes` (the original is left as it is).

    >>> spec = spec_from_dict({"steps": [{"normalise": {"method": "minmax"}}, {"aggregate": {}}]})
    >>> spec.step("normalise").params["range"]
    [0.0, 100.0]
    >>> spec.with_changes({"normalise": {"method": "zscore"}}).step("normalise").params["method"]
    'zscore'
    """

    steps: tuple[Step, ...]
    levels: tuple[str, ...] | None = None
    time: float | None = None
    uncertainty: Mapping[str, Any] | None = None
    base_dir: str | None = None
    source: str = "spec"
    lines: Mapping[Path_, int] = field(default_factory=dict, compare=False, repr=False)
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def step(self, kind: str) -> Step | None:
        return next((s for s in self.steps if s.kind == kind), None)

    def index(self, kind: str) -> int | None:
        return next((i for i, s in enumerate(self.steps) if s.kind == kind), None)

    def line_of(self, *path: Any) -> int | None:
        """The spec file's line for a key path (or the nearest enclosing one)."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None

    def with_changes(self, changes: Mapping[str, Any]) -> Spec:
        """A new spec with step parameters changed: `{"normalise": {"method": "zscore"}}` merges into the
        normalise step; `{"treat": None}` removes a step; a step not yet in the spec is inserted in the
        usual order. `{"time": 2020}` and `{"levels": [...]}` change those settings.
        """
        raw = copy.deepcopy(dict(self.raw))
        steps = raw.setdefault("steps", [])
        for kind, change in changes.items():
            if kind in ("time", "levels", "uncertainty"):
                raw[kind] = change
                continue
            position = next((i for i, s in enumerate(steps) if kind in s), None)
            if change is None:
                if position is not None:
                    steps.pop(position)
                continue
            if position is None:
                order = STEP_KINDS.index(kind) if kind in STEP_KINDS else len(STEP_KINDS)
                position = next((i for i, s in enumerate(steps)
                                 if STEP_KINDS.index(next(iter(s))) > order), len(steps))
                steps.insert(position, {kind: {}})
            steps[position] = {kind: deep_merge(steps[position][kind] or {}, change)}
        return spec_from_dict(raw, source=self.source, base_dir=self.base_dir)


def deep_merge(base: Mapping[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """`change` merged into `base`, nested dicts merged key by key.

    >>> deep_merge({"a": {"b": 1, "c": 2}}, {"a": {"c": 3}})
    {'a': {'b': 1, 'c': 3}}
    """
    out = dict(base)
    for k, v in change.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), Mapping) and k not in ("values",):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def yaml_lines(text: str) -> dict[Path_, int]:
    """Line numbers (1-based) of every key and list item of a YAML document, by key path."""
    import yaml

    lines: dict[Path_, int] = {}

    def walk(node: Any, path: Path_) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                k = key.value
                lines[(*path, k)] = key.start_mark.line + 1
                walk(value, (*path, k))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return lines


def load_spec(path: str | Path) -> Spec:
    """Read and check a YAML spec; relative file names in it are relative to its folder.

    Raises `CompositeInputError` for a missing file, bad YAML or bad values (with line numbers).
    """
    import yaml

    path = Path(path)
    found = ProblemList()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        found.add(path.name, None, None, f"文件不存在 (file not found): {path}")
        found.raise_if_any()
        raise
    except UnicodeDecodeError:
        found.add(path.name, None, None, "文件不是 UTF-8 编码 (the file is not UTF-8 text)")
        found.raise_if_any()
        raise
    try:
        data = yaml.safe_load(text)
        lines = yaml_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        found.add(path.name, mark.line + 1 if mark else None, None,
                  f"YAML 格式错误 (invalid YAML): {getattr(exc, 'problem', exc)}")
        found.raise_if_any()
        raise
    return spec_from_dict(data if data is not None else {}, source=path.name, base_dir=str(path.parent),
                          lines=lines)


class _Checker:
    """Collects spec problems with the line of the offending key."""

    def __init__(self, source: str, lines: Mapping[Path_, int]):
        self.source, self.lines, self.found = source, lines, ProblemList()

    def line(self, path: Path_) -> int | None:
        for cut in range(len(path), -1, -1):
            if tuple(path[:cut]) in self.lines:
                return self.lines[tuple(path[:cut])]
        return None

    def bad(self, path: Path_, reason: str) -> None:
        key = ".".join(str(p) for p in path) or None
        self.found.add(self.source, self.line(path), key, reason)

    def choice(self, value: Any, allowed: tuple[str, ...], path: Path_) -> str:
        text = ALIASES.get(str(value), str(value)) if value is not None else ""
        if text not in allowed:
            self.bad(path, f"取值 '{value}' 无效，可选 {', '.join(allowed)} (invalid value)")
            return allowed[0]
        return text

    def number(self, value: Any, path: Path_, low: float | None = None, high: float | None = None,
               integer: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.bad(path, f"应为数字 (must be a number): {value!r}")
            return math.nan
        if integer and value != int(value):
            self.bad(path, f"应为整数 (must be an integer): {value!r}")
        if (low is not None and value < low) or (high is not None and value > high):
            self.bad(path, f"应在 {low} 到 {high} 之间 (out of range): {value!r}")
        return float(value)

    def flag(self, value: Any, path: Path_) -> bool:
        if not isinstance(value, bool):
            self.bad(path, f"应为 true 或 false (must be true or false): {value!r}")
            return False
        return value

    def pair(self, value: Any, path: Path_) -> list[float]:
        if not isinstance(value, list | tuple) or len(value) != 2:
            self.bad(path, f"应为两个数字的列表，如 [0, 100] (must be a list of two numbers): {value!r}")
            return [math.nan, math.nan]
        return [self.number(v, (*path, i)) for i, v in enumerate(value)]

    def mapping(self, value: Any, path: Path_) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.bad(path, f"应为键值映射 (must be a mapping): {value!r}")
            return {}
        return dict(value)

    def unknown_keys(self, params: Mapping[str, Any], allowed: set[str], path: Path_) -> None:
        for key in params:
            if key not in allowed:
                self.bad((*path, key), f"未知参数 {key}，可用 {', '.join(sorted(allowed))} (unknown option)")


def spec_from_dict(data: Mapping[str, Any], source: str = "spec", base_dir: str | None = None,
                   lines: Mapping[Path_, int] | None = None) -> Spec:
    """Check a spec given as a dict (the YAML's shape) and fill in every default.

    >>> spec_from_dict({"steps": [{"impute": {"method": "mode"}}]})
    Traceback (most recent call last):
    ...
    innocity.core.composite.errors.CompositeInputError: 输入有 1 个问题 (input has 1 problems):
      - spec 列 steps.0.impute.method：取值 'mode' 无效，可选 mean, median, ... (invalid value)
    """
    check = _Checker(source, lines or {})
    if not isinstance(data, Mapping):
        check.bad((), "spec 应为键值映射 (the spec must be a mapping)")
        check.found.raise_if_any()
    check.unknown_keys(data, {"levels", "steps", "time", "uncertainty"}, ())
    levels = data.get("levels")
    if levels is not None and (not isinstance(levels, list) or not all(isinstance(x, str) for x in levels)):
        check.bad(("levels",), "levels 应为层级名称列表 (levels must be a list of names)")
        levels = None
    time = data.get("time")
    if time is not None:
        time = check.number(time, ("time",))
    raw_steps = data.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list) or not raw_steps:
        check.bad(("steps",), "steps 应为非空列表 (steps must be a non-empty list)")
        raw_steps = []
    seen: set[str] = set()
    for i, entry in enumerate(raw_steps):
        path: Path_ = ("steps", i)
        if not isinstance(entry, Mapping) or len(entry) != 1:
            check.bad(path, "每个步骤应为「名称: 参数」 (each step must be `name: {parameters}`)")
            continue
        kind, params = next(iter(entry.items()))
        if kind not in STEP_KINDS:
            check.bad(path, f"未知步骤 {kind}，可选 {', '.join(STEP_KINDS)} (unknown step)")
            continue
        if kind in seen:
            check.bad(path, f"步骤 {kind} 重复 (step appears twice)")
            continue
        seen.add(kind)
        checked = _STEP_CHECKS[kind](check.mapping(params, (*path, kind)), check, (*path, kind))
        steps.append(Step(kind, checked, check.line(path)))
    if steps and "aggregate" in seen and steps[-1].kind != "aggregate":
        check.bad(("steps",), "aggregate 应为最后一步 (aggregate must be the last step)")
    impute = next((s for s in steps if s.kind == "impute"), None)
    if impute is not None and impute.params["method"] in ("locf", "constant", "linear"):
        before = [s.kind for s in steps[: steps.index(impute)]]
        if any(k != "denominate" for k in before):
            check.bad(("steps",), "面板插补之前只能有 denominate 步骤 (panel imputation may only follow denominate)")
    uncertainty = None
    if data.get("uncertainty") is not None:
        uncertainty = _check_uncertainty(check.mapping(data["uncertainty"], ("uncertainty",)), check)
    check.found.raise_if_any()
    return Spec(steps=tuple(steps), levels=tuple(levels) if levels else None, time=time,
                uncertainty=uncertainty, base_dir=base_dir, source=source, lines=dict(lines or {}),
                raw=copy.deepcopy(dict(data)))


def _check_denominate(p: dict[str, Any], check: _Checker, path: Path_) -> dict[str, Any]:
    check.unknown_keys(p, {"by", "scale"}, path)
    by = p.get("by")
    if by is not None:
        by = {str(k): str(v) for k, v in check.mapping(by, (*path, "by")).items()}
    scale = p.get("scale", 1.0)
    if isinstance(scale, Mapping):
        scale = {str(k): check.number(v, (*path, "scale", k)) for k, v in scale.items()}
    else:
        scale = check.number(scale, (*path, "scale"))
    return {"by": by, "scale": scale}


def _check_impute(p: dict[str, Any], check: _Checker, path: Path_) -> dict[str, Any]:
    check.unknown_keys(p, {"method", "group", "max_time"}, path)
    method = check.choice(p.get("method", "mean"), IMPUTE_METHODS, (*path, "method"))
    group = p.get("group")
    if method in ("group_mean", "group_median") and not group:
        check.bad((*path, "group"), f"{method} 需要 group：iData 中分组列的名称 (group column required)")
    max_time = p.get("max_time")
    if max_time is not None:
        max_time = int(check.number(max_time, (*path, "max_time"), low=1, integer=True) or 0)
    return {"method": method, "group": str(group) if group else None, "max_time": max_time}


def _check_screen(p: dict[str, Any], check: _Checker, path: Path_) -> dict[str, Any]:
    check.unknown_keys(p, {"min_availability", "rule", "min_nonzero", "force_include", "force_exclude"}, path)
    out = {
        "min_availability": check.number(p.get("min_availability", 2 / 3), (*path, "min_availability"), 0, 1),
        "rule": check.choice(p.get("rule", "na"), SCREEN_RULES, (*path, "rule")),
        "min_nonzero": check.number(p.get("min_nonzero", 0.05), (*path, "min_nonzero"), 0, 1),
    }
    for key in ("force_include", "force_exclude"):
        value = p.get(key, [])
        if not isinstance(value, list):
            check.bad((*path, key), f"{key} 应为单位代码列表 (must be a list of unit codes)")
            value = []
        out[key] = [str(v) for v in value]
    return out


_TREAT_KEYS = {"method", "winmax", "skew_thresh", "kurt_thresh", "force_win", "fallback", "combine"}


def _check_treat_params(p: dict[str, Any], check: _Checker, path: Path_, defaults: dict[str, Any]) -> dict[str, Any]:
    winmax = p.get("winmax", defaults["winmax"])
    if winmax is not None:
        winmax = int(check.number(winmax, (*path, "winmax"), low=0, integer=True) or 0)
    return {
        "method": check.choice(p.get("method", defaults["method"]), TREAT_METHODS, (*path, "method")),
        "winmax": winmax,
        "skew_thresh": check.number(p.get("skew_thresh", defaults["skew_thresh"]), (*path, "skew_thresh"), low=0),
        "kurt_thresh": check.number(p.get("kurt_thresh", defaults["kurt_thresh"]), (*path, "kurt_thresh")),
        "force_win": check.flag(p.get("force_win", defaults["force_win"]), (*path, "force_win")),
        "fallback": check.choice(p.get("fallback", defaults["fallback"]), FALLBACKS, (*path, "fallback")),
        "combine": check.flag(p.get("combine", defaults["combine"]), (*path, "combine")),
    }


TREAT_DEFAULTS = {"method": "winsorise", "winmax": 5, "skew_thresh": 2.0, "kurt_thresh": 3.5,
                  "force_win": False, "fallback": "log_ct", "combine": False}


def _check_treat(p: dict[str, Any], check: _Checker, path: Path_) -> dict[str, Any]:
    check.unknown_keys(p, _TREAT_KEYS | {"indicators"}, path)
    out = _check_treat_params(p, check, path, TREAT_DEFAULTS)
    indicators = {}
    for code, given in check.mapping(p.get("indicators"), (*path, "indicators")).items():
        if given == "none" or given is None:
            indicators[str(code)] = "none"
            continue
        q = check.mapping(given, (*path, "indicators", code))
        check.unknown_keys(q, _TREAT_KEYS, (*path, "indicators", code))
        indicators[str(code)] = _check_treat_params(q, check, (*path, "indicators", code), out)
    out["indicators"] = indicators
    return out


_NORMALISE_KEYS = {"method", "range", "mean_sd", "target", "cap_max", "goalposts", "trunc"}


def _check_normalise_params(p: dict[str, Any], check: _Checker, path: Path_) -> dict[str, Any]:
    method = check.choice(p.get("method", "minmax"), NORMALISE_METHODS, (*path, "method"))
    out: dict[str, Any] = {"method": method}
    out["range"] = check.pair(p.get("range", [0, 100]), (*path, "range"))
    mean_sd = check.pair(p.get("mean_sd", [0, 1]), (*path, "mean_sd"))
    if not math.isnan(mean_sd[1]) and mean_sd[1] <= 0:
        check.bad((*path, "mean_sd"), "标准差应为正数 (the standard deviation must be positive)")
    out["mean_sd"] = mean_sd
    target = p.get("target")
    out["target"] = None if target is None else check.number(target, (*path, "target"))
    out["cap_max"] = check.flag(p.get("cap_max", False), (*path, "cap_max"))
    goalposts = p.get("goalposts")
    if goalposts is not None:
        g = check.mapping(goalposts, (*path, "goalposts"))
        check.unknown_keys(g, {"lower", "upper", "scale"}, (*path, "goalposts"))
        goalposts = {"lower": check.number(g.get("lower"), (*path, "goalposts", "lower")),
                     "upper": check.number(g.get("upper"), (*path, "goalposts", "upper")),
                     "scale": check.number(g.get("scale", 1), (*path, "goalposts", "scale"))}
        if goalposts["lower"] == goalposts["upper"]:
            check.bad((*path, "goalposts"), "上下门槛值不能相等 (lower and upper goalposts must differ)")
    out["goalposts"] = goalposts
    out["trunc"] = check.flag(p.get("trunc", True), (*path, "trunc"))
    return out


def _check_normalise(p: dict[str, Any], check: _Checker, path: Path_) -> dict[str, Any]:
    check.unknown_keys(p, _NORMALISE_KEYS | {"indicators"}, path)
    out = _check_normalise_params(p, check, path)
    indicators = {}
    for code, given in check.mapping(p.get("indicators"), (*path, "indicators")).items():
        q = check.mapping(given, (*path, "indicators", code))
        check.unknown_keys(q, _NORMALISE_KEYS, (*path, "indicators", code))
        indicators[str(code)] = _check_normalise_params(q, check, (*path, "indicators", code))
    out["indicators"] = indicators
    return out


def check_weights(value: Any, check: _Checker, path: Path_) -> dict[str, Any] | None:
    """Weights: a CSV file name, a keyword, a mapping code → weight (`values`), or a full mapping."""
    if value is None:
        return None
    if isinstance(value, str):
        if value.lower().endswith((".csv", ".xlsx")):
            return {"method": "given", "file": value}
        return {"method": check.choice(value, WEIGHT_METHODS, path)}
    w = check.mapping(value, path)
    check.unknown_keys(w, {"method", "file", "values", "matrices", "max_cr", "by_groups"}, path)
    method = check.choice(w.get("method", "given"), WEIGHT_METHODS, (*path, "method"))
    out: dict[str, Any] = {"method": method}
    if w.get("file") is not None:
        out["file"] = str(w["file"])
    if w.get("values") is not None:
        out["values"] = {str(k): check.number(v, (*path, "values", k))
                         for k, v in check.mapping(w["values"], (*path, "values")).items()}
    if method == "ahp":
        matrices = check.mapping(w.get("matrices"), (*path, "matrices"))
        if not matrices:
            check.bad((*path, "matrices"), "ahp 需要 matrices：每个上级指标的两两比较矩阵 (pairwise matrices required)")
        checked = {}
        for parent, given in matrices.items():
            m = check.mapping(given, (*path, "matrices", parent))
            order = m.get("order")
            matrix = m.get("matrix")
            if order is not None and not isinstance(order, list):
                check.bad((*path, "matrices", parent, "order"), "order 应为代码列表 (order must be a list of codes)")
                order = None
            if not isinstance(matrix, list) or not all(isinstance(r, list) for r in matrix):
                check.bad((*path, "matrices", parent, "matrix"),
                          "matrix 应为二维数字列表 (matrix must be a list of lists)")
                continue
            rows = [[_fraction(v, check, (*path, "matrices", parent, "matrix", i, j)) for j, v in enumerate(r)]
                    for i, r in enumerate(matrix)]
            checked[str(parent)] = {"order": [str(c) for c in order] if order else None, "matrix": rows}
        out["matrices"] = checked
        out["max_cr"] = check.number(w.get("max_cr", 0.1), (*path, "max_cr"), low=0)
    return out


def _fraction(value: Any, check: _Checker, path: Path_) -> float:
    """A matrix entry: a number or a fraction written as text, e.g. "1/3"."""
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        try:
            return float(top) / float(bottom)
        except (ValueError, ZeroDivisionError):
            check.bad(path, f"不是数字或分数 (not a number or fraction): {value!r}")
            return math.nan
    return check.number(value, path)


_AGG_KEYS = {"method", "p", "min_share", "weights"}


def _check_level_aggregation(p: dict[str, Any], check: _Checker, path: Path_,
                             defaults: dict[str, Any] | None) -> dict[str, Any]:
    base = defaults or {"method": "arithmetic", "p": None, "min_share": None}
    method = check.choice(p.get("method", base["method"]), AGGREGATE_METHODS, (*path, "method"))
    p_value = p.get("p", base["p"] if method == base["method"] else None)
    if method == "generalised":
        if p_value is None:
            check.bad((*path, "p"), "generalised 需要指数 p (the generalised mean needs p)")
        else:
            p_value = check.number(p_value, (*path, "p"))
            if p_value == 0:
                check.bad((*path, "p"), "p 不能为 0，p→0 即几何平均，请用 geometric (p must not be 0)")
    min_share = p.get("min_share", base["min_share"])
    if min_share is not None:
        min_share = check.number(min_share, (*path, "min_share"), 0, 1)
    return {"method": method, "p": p_value, "min_share": min_share}


def _check_aggregate(p: dict[str, Any], check: _Checker, path: Path_) -> dict[str, Any]:
    check.unknown_keys(p, _AGG_KEYS | {"levels"}, path)
    out = _check_level_aggregation(p, check, path, None)
    out["weights"] = check_weights(p.get("weights"), check, (*path, "weights"))
    levels = {}
    for key, given in check.mapping(p.get("levels"), (*path, "levels")).items():
        q = check.mapping(given, (*path, "levels", key))
        check.unknown_keys(q, _AGG_KEYS, (*path, "levels", key))
        level = _check_level_aggregation(q, check, (*path, "levels", key), out)
        level["weights"] = check_weights(q.get("weights"), check, (*path, "levels", key, "weights"))
        levels[str(key)] = level
    out["levels"] = levels
    return out


_STEP_CHECKS = {
    "denominate": _check_denominate,
    "impute": _check_impute,
    "screen": _check_screen,
    "treat": _check_treat,
    "normalise": _check_normalise,
    "aggregate": _check_aggregate,
}


def _check_uncertainty(u: dict[str, Any], check: _Checker) -> dict[str, Any]:
    path: Path_ = ("uncertainty",)
    check.unknown_keys(u, {"target", "runs", "seed", "factors"}, path)
    out: dict[str, Any] = {"target": str(u["target"]) if u.get("target") is not None else None}
    out["runs"] = int(check.number(u["runs"], (*path, "runs"), low=1, integer=True)) if "runs" in u else None
    out["seed"] = int(check.number(u["seed"], (*path, "seed"), integer=True)) if "seed" in u else None
    factors = u.get("factors")
    if not isinstance(factors, list) or not factors:
        check.bad((*path, "factors"), "factors 应为非空列表：哪些选择是不确定的 (factors must be a non-empty list)")
        factors = []
    checked = []
    for i, given in enumerate(factors):
        fpath: Path_ = (*path, "factors", i)
        entry = check.mapping(given, fpath)
        name = entry.pop("name", None)
        if len(entry) != 1:
            check.bad(fpath, "每个因素应为 weights / 步骤名 / parameter 之一 (one kind per factor)")
            continue
        kind, body = next(iter(entry.items()))
        body = check.mapping(body, (*fpath, kind))
        if kind == "weights":
            check.unknown_keys(body, {"level", "noise"}, (*fpath, kind))
            if "level" not in body:
                check.bad((*fpath, kind, "level"), "需要 level：权重被扰动的层级 (level required)")
            factor = {"kind": "weights", "level": str(body.get("level")),
                      "noise": check.number(body.get("noise", 0.25), (*fpath, kind, "noise"), 0, 1)}
            factor["name"] = name or f"weights:{factor['level']}"
        elif kind == "parameter":
            check.unknown_keys(body, {"step", "name", "alternatives", "range", "level"}, (*fpath, kind))
            step = check.choice(body.get("step"), STEP_KINDS, (*fpath, kind, "step"))
            param = str(body.get("name", ""))
            if not param:
                check.bad((*fpath, kind, "name"), "需要 name：参数名 (parameter name required)")
            factor = {"kind": "parameter", "step": step, "param": param,
                      "level": str(body["level"]) if body.get("level") is not None else None}
            if "alternatives" in body:
                alts = body["alternatives"]
                if not isinstance(alts, list) or len(alts) < 2:
                    check.bad((*fpath, kind, "alternatives"),
                              "alternatives 应至少有两个取值 (at least two alternatives)")
                    alts = []
                factor["alternatives"] = alts
            elif "range" in body:
                factor["range"] = check.pair(body["range"], (*fpath, kind, "range"))
            else:
                check.bad((*fpath, kind), "需要 alternatives 或 range (alternatives or range required)")
            factor["name"] = name or f"{step}.{param}"
        elif kind in STEP_KINDS:
            check.unknown_keys(body, {"alternatives", "level"}, (*fpath, kind))
            alts = body.get("alternatives")
            if not isinstance(alts, list) or len(alts) < 2:
                check.bad((*fpath, kind, "alternatives"), "alternatives 应至少有两个方案 (at least two alternatives)")
                alts = []
            options = []
            for j, alt in enumerate(alts):
                option = ({"method": alt} if isinstance(alt, str)
                          else check.mapping(alt, (*fpath, kind, "alternatives", j)))
                # Check each alternative as a full step of its kind would be checked.
                _STEP_CHECKS[kind](dict(option), check, (*fpath, kind, "alternatives", j))
                options.append(option)
            factor = {"kind": "step", "step": kind, "alternatives": options,
                      "level": str(body["level"]) if body.get("level") is not None else None}
            factor["name"] = name or (kind if factor["level"] is None else f"{kind}:{factor['level']}")
        else:
            check.bad((*fpath, kind), f"未知的不确定因素 {kind} (unknown factor)")
            continue
        checked.append(factor)
    out["factors"] = checked
    return out


def resolve_path(spec: Spec, name: str) -> Path:
    """A file named in the spec, relative to the spec's folder."""
    p = Path(name)
    if not p.is_absolute() and spec.base_dir is not None:
        p = Path(spec.base_dir) / p
    return p


def with_base_dir(spec: Spec, base_dir: str | None) -> Spec:
    return replace(spec, base_dir=base_dir)
