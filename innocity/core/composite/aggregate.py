"""Aggregation of one level into the next, for all units at once.

For each parent, a weighted mean of its children over the children a unit has values for; weights are
re-scaled to sum to 1 over those (COINr's `a_amean`, `a_gmean`, `a_hmean`, `a_genmean`):

- `arithmetic`: Σ w·x / Σ w
- `geometric`: exp(Σ w·ln x / Σ w)            (x > 0)
- `harmonic`: Σ w / Σ (w / x)                 (x ≠ 0)
- `generalised` with exponent p: (Σ w·x^p / Σ w)^(1/p)   (p ≠ 0; x > 0 when p < 0)

With `min_share`, a unit whose share of present children is below it gets no value (COINr's
`dat_thresh`). Each level is one matrix product (children × parents weight matrix), so there is no loop
over units or parents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METHODS = ("arithmetic", "geometric", "harmonic", "generalised")


class AggregationDomainError(ValueError):
    """A method met a value it cannot take (e.g. zero in a geometric mean): which units and children."""

    def __init__(self, method: str, rows: np.ndarray, cols: np.ndarray, reason: str):
        self.method, self.rows, self.cols, self.reason = method, rows, cols, reason
        super().__init__(reason)


@dataclass(frozen=True)
class LevelAggregation:
    """How one level is made from the level below."""

    method: str = "arithmetic"
    p: float | None = None
    min_share: float | None = None


def weight_matrix(parent_index: np.ndarray, n_parents: int, weights: np.ndarray) -> np.ndarray:
    """children × parents matrix with each child's weight in its parent's column.

    >>> weight_matrix(np.array([0, 0, 1]), 2, np.array([1.0, 2.0, 3.0])).tolist()
    [[1.0, 0.0], [2.0, 0.0], [0.0, 3.0]]
    """
    w = np.zeros((len(parent_index), n_parents))
    w[np.arange(len(parent_index)), parent_index] = weights
    return w


def aggregate_level(children: np.ndarray, parent_index: np.ndarray, n_parents: int, weights: np.ndarray,
                    how: LevelAggregation = LevelAggregation()) -> np.ndarray:
    """Scores of the parents (units × parents) from the children's values (units × children).

    >>> x = np.array([[10.0, 20.0, 5.0], [np.nan, 30.0, 7.0]])
    >>> aggregate_level(x, np.array([0, 0, 1]), 2, np.array([1.0, 3.0, 1.0])).tolist()
    [[17.5, 5.0], [30.0, 7.0]]
    >>> aggregate_level(x, np.array([0, 0, 1]), 2, np.ones(3), LevelAggregation(min_share=0.75)).tolist()
    [[15.0, 5.0], [nan, 7.0]]
    """
    w = weight_matrix(parent_index, n_parents, weights)
    method = how.method
    missing = np.isnan(children)
    if method == "arithmetic" and how.min_share is None and not missing.any():
        # The common complete-data case: one matrix product, weights summing over all children.
        with np.errstate(invalid="ignore", divide="ignore"):
            return (children @ w) / w.sum(axis=0)
    present = ~missing
    weight_sum = present.astype(float) @ w
    if method in ("geometric", "harmonic") or (method == "generalised" and (how.p or 0) < 0):
        bad = present & (children <= 0) if method != "harmonic" else present & (children == 0)
        if bad.any():
            rows, cols = np.nonzero(bad)
            need = "正数 (positive values)" if method != "harmonic" else "非零值 (non-zero values)"
            raise AggregationDomainError(method, rows, cols, f" {method} 平均（需要{need}）")
    filled = np.where(present, children, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "arithmetic":
            scores = (filled @ w) / weight_sum
        elif method == "geometric":
            logs = np.where(present, np.log(np.where(present, children, 1.0)), 0.0)
            scores = np.exp((logs @ w) / weight_sum)
        elif method == "harmonic":
            inverse = np.where(present, 1.0 / np.where(present, children, 1.0), 0.0)
            scores = weight_sum / (inverse @ w)
        elif method == "generalised":
            p = float(how.p if how.p is not None else 1.0)
            powered = np.where(present, np.where(present, children, 1.0) ** p, 0.0)
            scores = ((powered @ w) / weight_sum) ** (1.0 / p)
        else:
            raise ValueError(f"unknown aggregation method {method!r}")
    if how.min_share is not None:
        membership = weight_matrix(parent_index, n_parents, np.ones(len(parent_index)))
        share = (present.astype(float) @ membership) / membership.sum(axis=0)
        scores = np.where(share < how.min_share, np.nan, scores)
    # No present child at all: no score (0/0 above), whatever the method.
    scores[weight_sum == 0] = np.nan
    return scores
