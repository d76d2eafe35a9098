"""Weights of the children of each aggregate: given, equal, PCA, entropy, AHP.

Weights are relative: aggregation re-scales them over each unit's non-missing children. The
data-driven methods work on the children's values at the point of aggregation (normalised indicators,
or the scores of the level below) and are computed separately for each parent.

- `pca` (as COINr's `get_PCA`): the loadings of the first principal component of the children's
  correlation matrix (units with a missing value left out). Their sign is arbitrary in PCA; it is chosen
  here so that the loadings sum to a positive number.
- `entropy`: the entropy weight method — p = x / Σx over units (values must not be negative),
  e = −Σ p·ln p / ln n, weight ∝ 1 − e.
- `ahp`: the principal eigenvector of a reciprocal pairwise-comparison matrix (Saaty), with the
  consistency ratio CR = ((λmax − n)/(n − 1)) / RI(n).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Saaty's random consistency index RI for n = 1 … 15.
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)


def equal_weights(n: int) -> np.ndarray:
    """n equal weights.

    >>> equal_weights(3).tolist()
    [1.0, 1.0, 1.0]
    """
    return np.ones(n)


def complete_rows(x: np.ndarray) -> np.ndarray:
    """The rows without a missing value."""
    return x[~np.isnan(x).any(axis=1)]


def pca_weights(x: np.ndarray) -> np.ndarray:
    """Loadings of the first principal component of the columns' correlation matrix.

    >>> rng = np.random.default_rng(0); f = rng.normal(size=200)
    >>> x = np.column_stack([f + 0.1 * rng.normal(size=200), f + 0.1 * rng.normal(size=200)])
    >>> np.round(pca_weights(x), 3).tolist()
    [0.707, 0.707]
    """
    rows = complete_rows(x)
    if rows.shape[1] == 1:
        return np.ones(1)
    corr = np.corrcoef(rows, rowvar=False)
    values, vectors = np.linalg.eigh(corr)
    first = vectors[:, np.argmax(values)]
    return first if first.sum() >= 0 else -first


def entropy_weights(x: np.ndarray) -> np.ndarray:
    """Entropy weights (summing to 1) of the columns of a non-negative matrix.

    A column that varies more carries more information and gets more weight; a constant column gets none
    (if every column is constant, the weights are equal).

    >>> entropy_weights(np.array([[1.0, 5.0], [1.0, 1.0], [1.0, 9.0]])).round(3).tolist()
    [0.0, 1.0]
    """
    rows = complete_rows(x)
    n = rows.shape[0]
    with np.errstate(invalid="ignore", divide="ignore"):
        p = rows / rows.sum(axis=0)
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
        entropy = -plogp.sum(axis=0) / np.log(n)
    # A constant column has entropy 1 exactly, but in floating point it comes out a hair above or below:
    # its weight is set to 0 rather than a tiny positive or negative number.
    constant = (rows == rows[:1]).all(axis=0) if n else np.ones(rows.shape[1], dtype=bool)
    diversity = np.where(constant, 0.0, np.maximum(1.0 - entropy, 0.0))
    if not diversity.sum() > 0:
        return np.full(rows.shape[1], 1.0 / rows.shape[1])  # no column carries information: equal weights
    return diversity / diversity.sum()


@dataclass(frozen=True)
class AhpResult:
    """AHP weights (summing to 1) with λmax, the consistency index and the consistency ratio."""

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float


def ahp_weights(matrix: np.ndarray) -> AhpResult:
    """Weights from a reciprocal pairwise-comparison matrix (a[i, j] = how much i matters more than j).

    >>> r = ahp_weights(np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]))
    >>> r.weights.round(3).tolist(), round(r.cr, 3)
    ([0.637, 0.258, 0.105], 0.033)
    """
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    lambda_max = float(values[k].real)
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    ri = RANDOM_INDEX[n - 1] if n <= len(RANDOM_INDEX) else RANDOM_INDEX[-1]
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(w, lambda_max, ci, cr)


def check_reciprocal(matrix: np.ndarray, tolerance: float = 1e-6) -> list[str]:
    """Reasons why a matrix cannot be an AHP comparison matrix (empty if it can).

    >>> check_reciprocal(np.array([[1.0, 2.0], [0.5, 1.0]]))
    []
    >>> check_reciprocal(np.array([[1.0, 2.0], [2.0, 1.0]]))
    ['矩阵不互反：a[1,2]·a[2,1] 应为 1 (matrix is not reciprocal)']
    """
    a = np.asarray(matrix, dtype=float)
    problems = []
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        return ["矩阵应为方阵 (matrix must be square)"]
    if np.any(~np.isfinite(a)) or np.any(a <= 0):
        return ["矩阵元素应为正数 (entries must be positive numbers)"]
    if np.any(np.abs(np.diag(a) - 1) > tolerance):
        problems.append("对角线元素应为 1 (diagonal entries must be 1)")
    product = a * a.T
    bad = np.argwhere(np.triu(np.abs(product - 1) > tolerance, 1))
    if len(bad):
        i, j = bad[0]
        problems.append(f"矩阵不互反：a[{i + 1},{j + 1}]·a[{j + 1},{i + 1}] 应为 1 (matrix is not reciprocal)")
    return problems
