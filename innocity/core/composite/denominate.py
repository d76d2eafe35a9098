"""Denomination: divide extensive indicators by a size measure (GDP, population, area …).

COINr's `Denominate()`: each indicator named in iMeta's `Denominator` column (or in the spec's `by`) is
divided by that denominator column of iData, itself divided by an optional scale factor:
x / (d / scale).
"""

from __future__ import annotations

import numpy as np


def denominate(values: np.ndarray, divisors: np.ndarray) -> tuple[np.ndarray, int]:
    """Divide each column by its divisor column; a column not denominated has divisor 1 (exact).

    Returns the result and how many cells were set to NaN because the divisor was zero or missing —
    COINr would keep ±Inf there, which no later step can use.

    >>> out, n_bad = denominate(np.array([[10.0, 1.0], [6.0, 2.0]]), np.array([[2.0, 1.0], [0.0, 1.0]]))
    >>> out.tolist(), n_bad
    ([[5.0, 1.0], [nan, 2.0]], 1)
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        result = values / divisors
    bad = ~np.isfinite(result) & ~np.isnan(values)
    result[bad] = np.nan
    return result, int(bad.sum())


def divisor_matrix(n_units: int, columns: list[np.ndarray | None], scales: list[float]) -> np.ndarray:
    """The divisors for `denominate`: per indicator, its denominator column / scale, or ones.

    >>> divisor_matrix(2, [np.array([4.0, 8.0]), None], [2.0, 1.0]).tolist()
    [[2.0, 1.0], [4.0, 1.0]]
    """
    out = np.ones((n_units, len(columns)))
    for j, (column, scale) in enumerate(zip(columns, scales, strict=True)):
        if column is not None:
            out[:, j] = column / scale
    return out
