"""Analysis of a built coin: indicator statistics, correlations, Cronbach's alpha, strengths and weaknesses.

The definitions follow COINr (`get_stats`, `get_corr`, `get_cronbach`, `get_str_weak`); every function
works on whole matrices.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from innocity.core.composite.coin import Coin
from innocity.core.composite.numeric import nan_kurt, nan_skew, rank_min


def indicator_statistics(coin: Coin, dataset: str = "Raw", t_skew: float = 2.0, t_kurt: float = 3.5,
                         t_avail: float = 0.65, t_zero: float = 0.5, t_unique: float = 0.5) -> list[dict[str, Any]]:
    """One row per column of a data set: min, max, mean, median, sd, skew, kurtosis, counts and flags.

    Flags as COINr's `get_stats`: availability below `t_avail` → "LOW"; share of non-zero values below
    `t_zero` → "LOW"; share of unique values below `t_unique` → "LOW"; |skew| > `t_skew` and
    kurtosis > `t_kurt` → "OUT" (possible outliers).

    >>> from innocity.core.composite.coin import build, example_tables, spec_example
    >>> stats = indicator_statistics(build(example_tables(), spec_example()), "Raw")
    >>> stats[0]["code"], stats[0]["n_avail"], stats[0]["mean"]
    ('x1', 2, 1.5)
    """
    d = coin.datasets[dataset]
    x = d.values
    n = x.shape[0]
    present = ~np.isnan(x)
    n_avail = present.sum(axis=0)
    n_nonzero = (present & (x != 0)).sum(axis=0)
    ordered = np.sort(x, axis=0)
    changes = (ordered[1:] != ordered[:-1]) & ~np.isnan(ordered[1:])
    n_unique = np.where(n_avail > 0, 1 + changes.sum(axis=0), 0)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        columns = {
            "min": np.nanmin(x, axis=0), "max": np.nanmax(x, axis=0), "mean": np.nanmean(x, axis=0),
            "median": np.nanmedian(x, axis=0), "std": np.nanstd(x, axis=0, ddof=1),
            "skew": nan_skew(x), "kurt": nan_kurt(x),
        }
        frac_avail = n_avail / n
        frac_nonzero = n_nonzero / n_avail
        frac_unique = n_unique / n_avail
    rows = []
    for j, code in enumerate(d.codes):
        row: dict[str, Any] = {"code": code}
        row.update({k: float(v[j]) for k, v in columns.items()})
        row.update({
            "n_avail": int(n_avail[j]), "n_nonzero": int(n_nonzero[j]), "n_unique": int(n_unique[j]),
            "frac_avail": float(frac_avail[j]), "frac_nonzero": float(frac_nonzero[j]),
            "frac_unique": float(frac_unique[j]),
            "flag_avail": "ok" if frac_avail[j] >= t_avail else "LOW",
            "flag_nonzero": "ok" if n_nonzero[j] / n >= t_zero else "LOW",
            "flag_unique": "ok" if n_unique[j] / n >= t_unique else "LOW",
            "flag_skew_kurt": "OUT" if abs(columns["skew"][j]) > t_skew and columns["kurt"][j] > t_kurt else "ok",
        })
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Correlation:
    """A correlation matrix with its row and column codes."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    matrix: np.ndarray

    def value(self, a: str, b: str) -> float:
        return float(self.matrix[self.rows.index(a), self.columns.index(b)])


def pairwise_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson correlation of every column of x with every column of y over the rows where both are present.

    All pairs at once with matrix products (no loop over pairs or rows).

    >>> a = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, np.nan], [4.0, 0.0]])
    >>> pairwise_pearson(a, a).round(3).tolist()
    [[1.0, -0.982], [-0.982, 1.0]]
    """
    mx, my = (~np.isnan(x)).astype(float), (~np.isnan(y)).astype(float)
    x0, y0 = np.nan_to_num(x), np.nan_to_num(y)
    n = mx.T @ my
    sx, sy = x0.T @ my, mx.T @ y0
    sxx, syy = (x0 * x0).T @ my, mx.T @ (y0 * y0)
    sxy = x0.T @ y0
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sy / n
        vx = sxx - sx * sx / n
        vy = syy - sy * sy / n
        r = cov / np.sqrt(vx * vy)
    return np.clip(r, -1.0, 1.0)


def correlations(coin: Coin, level_a: int = 1, level_b: int | None = None, dataset: str | None = None,
                 method: str = "pearson", within_parent: bool = False) -> Correlation:
    """Correlations between the codes of two levels (or within one level) of a data set.

    `method` is "pearson" or "spearman" (Pearson on each column's ranks). With `within_parent`, only
    pairs that share a parent (same level) or where one is the other's ancestor (different levels) are
    kept; the others are NaN — COINr's `get_corr(..., grouping)`.

    >>> from innocity.core.composite.coin import build, example_tables, spec_example
    >>> c = correlations(build(example_tables(), spec_example()), 1, 2)
    >>> c.rows, c.columns
    (('x1', 'x2', 'x3'), ('P1', 'P2'))
    """
    fw = coin.framework
    level_b = level_a if level_b is None else level_b
    d = coin.datasets[dataset] if dataset else coin.final
    rows = tuple(c for c in fw.codes_at(level_a) if c in d.codes)
    cols = tuple(c for c in fw.codes_at(level_b) if c in d.codes)
    x, y = d.select(rows), d.select(cols)
    if method == "spearman":
        x, y = rank_min(x), rank_min(y)
    elif method != "pearson":
        raise ValueError(f"unknown correlation method {method!r}")
    matrix = pairwise_pearson(x, y)
    if within_parent:
        keep = np.zeros(matrix.shape, dtype=bool)
        for i, a in enumerate(rows):
            ancestors_a = _ancestors(coin, a)
            for j, b in enumerate(cols):
                same_parent = level_a == level_b and fw.rows[a].parent == fw.rows[b].parent
                keep[i, j] = same_parent or b in ancestors_a or a in _ancestors(coin, b)
        matrix = np.where(keep, matrix, np.nan)
    return Correlation(rows, cols, matrix)


def _ancestors(coin: Coin, code: str) -> set[str]:
    out = set()
    parent = coin.framework.rows[code].parent
    while parent is not None:
        out.add(parent)
        parent = coin.framework.rows[parent].parent
    return out


def cronbach_alpha(coin: Coin, parent: str | None = None, codes: tuple[str, ...] | None = None,
                   dataset: str | None = None) -> float:
    """Cronbach's alpha of a group of columns: the children of `parent`, or the given `codes`.

    α = k/(k − 1) · (1 − Σ var(xᵢ) / var(Σ xᵢ)), over the units with all values present.

    >>> from innocity.core.composite.coin import build, example_tables, spec_example
    >>> round(cronbach_alpha(build(example_tables(), spec_example()), codes=("x1", "x2", "x3")), 3)
    -3.0
    """
    d = coin.datasets[dataset] if dataset else coin.final
    if codes is None:
        if parent is None:
            raise ValueError("give a parent or codes")
        codes = coin.framework.children(parent)
    x = d.select(tuple(codes))
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return float("nan")
    cov = np.cov(x, rowvar=False)
    return float(k / (k - 1) * (1 - np.trace(cov) / cov.sum()))


@dataclass(frozen=True)
class StrengthsWeaknesses:
    """A unit's best and worst indicators by its rank among all units (1 = best)."""

    unit: str
    strengths: list[tuple[str, float, float]]
    weaknesses: list[tuple[str, float, float]]


def strengths_weaknesses(coin: Coin, unit: str, n: int = 5, level: int = 1,
                         dataset: str | None = None) -> StrengthsWeaknesses:
    """The `n` codes of `level` where the unit ranks best, and the `n` where it ranks worst.

    Ranks come from the normalised values in the final data set, so Direction is already taken into
    account (COINr's `get_str_weak`). Each entry is (code, rank, value); ties keep iMeta order.

    >>> from innocity.core.composite.coin import build, example_tables, spec_example
    >>> sw = strengths_weaknesses(build(example_tables(), spec_example()), "A", n=1)
    >>> sw.strengths[0][:2], sw.weaknesses[0][:2]
    (('x2', 1.0), ('x1', 3.0))
    """
    d = coin.datasets[dataset] if dataset else coin.final
    codes = tuple(c for c in coin.framework.codes_at(level) if c in d.codes)
    values = d.select(codes)
    ranks = rank_min(values, descending=True)
    matches = np.flatnonzero(d.units == unit)
    if not len(matches):
        raise KeyError(unit)
    i = int(matches[0])
    present = np.flatnonzero(~np.isnan(ranks[i]))
    order = present[np.argsort(ranks[i, present], kind="stable")]
    entries = [(codes[j], float(ranks[i, j]), float(values[i, j])) for j in order]
    worst = sorted(entries, key=lambda e: -e[1])
    return StrengthsWeaknesses(unit, entries[:n], worst[:n])
