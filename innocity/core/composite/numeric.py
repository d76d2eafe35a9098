"""Column-wise statistics over a units × columns matrix with NaN for missing values.

These are the definitions COINr uses (its `skew()`, `kurt()` and R's `rank(ties.method = "min")`), written
once over whole matrices so that every step can use them without a loop over units.
"""

from __future__ import annotations

import numpy as np

from innocity.core.composite.parallel import map_columns


def _as_matrix(values: np.ndarray) -> tuple[np.ndarray, bool]:
    arr = np.asarray(values, dtype=float)
    return (arr[:, None], True) if arr.ndim == 1 else (arr, False)


def _deviations(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column: the number of present values, and each value's deviation from their mean (0 where
    missing), the common start of the skewness and the kurtosis."""
    present = ~np.isnan(x)
    n = present.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(present, x, 0.0).sum(axis=0) / n
        return n, np.where(present, x - mean, 0.0)


def nan_skew(values: np.ndarray) -> np.ndarray:
    """Adjusted Fisher–Pearson skewness G1 of each column, ignoring NaN (NaN if fewer than 3 values).

    G1 = √(n(n−1))/(n−2) · m3/m2^1.5, as e1071 type 2, Excel's SKEW and COINr's `skew()`.

    >>> round(float(nan_skew(np.array([1.0, 2.0, 3.0, 10.0]))), 6)
    1.763633
    """
    x, flat = _as_matrix(values)
    n, d = _deviations(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = (d * d).sum(axis=0)
        s3 = (d * d * d).sum(axis=0)
        g = np.sqrt(n) * s3 / s2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    g = np.where(n >= 3, g, np.nan)
    return g[0] if flat else g


def nan_kurt(values: np.ndarray) -> np.ndarray:
    """Excess kurtosis G2 of each column, ignoring NaN (NaN if fewer than 4 values).

    G2 = ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)) with r = n·Σd⁴/(Σd²)², as e1071 type 2 and COINr's `kurt()`.

    >>> round(float(nan_kurt(np.array([1.0, 2.0, 3.0, 10.0]))), 6)
    3.228
    """
    x, flat = _as_matrix(values)
    n, d = _deviations(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        d2 = d * d
        s2 = d2.sum(axis=0)
        s4 = (d2 * d2).sum(axis=0)
        r = n * s4 / (s2 * s2)
        k = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    k = np.where(n >= 4, k, np.nan)
    return k[0] if flat else k


def rank_min(values: np.ndarray, descending: bool = False) -> np.ndarray:
    """Ranks of each column with ties taking the minimum rank; NaN stays NaN (R: ties "min", na "keep").

    With `descending=True` the highest value has rank 1 (how scores are ranked).

    >>> rank_min(np.array([3.0, 1.0, 3.0, np.nan])).tolist()
    [2.0, 1.0, 2.0, nan]
    >>> rank_min(np.array([3.0, 1.0, 3.0]), descending=True).tolist()
    [1.0, 3.0, 1.0]
    """
    x, flat = _as_matrix(values)
    # Columns are ranked independently: large matrices are split into column blocks ranked in parallel
    # (numpy's sort releases the GIL).
    ranks = map_columns(lambda block: _rank_block(-block if descending else block), x)
    return ranks[:, 0] if flat else ranks


def _rank_block(x: np.ndarray) -> np.ndarray:
    # Work on rows of the transpose: sorting contiguous memory is several times faster.
    keyed = np.ascontiguousarray(x.T)
    order = np.argsort(keyed, axis=1)
    ordered = np.take_along_axis(keyed, order, axis=1)
    starts = np.ones(ordered.shape, dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    position = np.arange(ordered.shape[1], dtype=float)
    first = np.maximum.accumulate(np.where(starts, position, 0.0), axis=1) + 1.0
    first[np.isnan(ordered)] = np.nan
    ranks = np.empty_like(first)
    np.put_along_axis(ranks, order, first, axis=1)
    return ranks.T


def nan_quantile_type7(values: np.ndarray, q: float, axis: int = 1) -> np.ndarray:
    """Quantile with linear interpolation between order statistics (R's default type 7), ignoring NaN.

    >>> float(nan_quantile_type7(np.array([[1.0, 2.0, 3.0, 4.0]]), 0.05)[0])
    1.15
    """
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.nanquantile(values, q, axis=axis)
