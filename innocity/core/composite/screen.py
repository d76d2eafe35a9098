"""Screening units by data availability (COINr's `Screen()`).

A unit's availability is the share of its indicator values that are present in the data the step
receives; its non-zero share is the share of non-zero values among the present ones. A unit is dropped
when the chosen rule says its data are too thin, unless it is forced in (or forced out).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

RULES = ("na", "zeros", "na_or_zeros")


@dataclass(frozen=True)
class ScreenSummary:
    """Per unit: missing count, zero count, availability, non-zero share and whether it is kept."""

    n_missing: np.ndarray
    n_zero: np.ndarray
    availability: np.ndarray
    nonzero_share: np.ndarray
    included: np.ndarray


def screen_units(values: np.ndarray, units: np.ndarray, min_availability: float = 2 / 3,
                 min_nonzero: float = 0.05, rule: str = "na", force_include: Iterable[str] = (),
                 force_exclude: Iterable[str] = ()) -> ScreenSummary:
    """Which units to keep: `rule` "na" drops availability < `min_availability`, "zeros" drops non-zero
    share < `min_nonzero`, "na_or_zeros" drops either; forced units override the rule.

    >>> x = np.array([[1.0, 2.0, 3.0], [np.nan, np.nan, 1.0], [0.0, 0.0, 5.0]])
    >>> s = screen_units(x, np.array(["A", "B", "C"]), min_availability=0.5)
    >>> s.included.tolist(), s.availability.round(3).tolist()
    ([True, False, True], [1.0, 0.333, 1.0])
    """
    missing = np.isnan(values)
    n_missing = missing.sum(axis=1)
    n_zero = ((values == 0) & ~missing).sum(axis=1)
    k = values.shape[1]
    availability = 1.0 - n_missing / k
    with np.errstate(invalid="ignore", divide="ignore"):
        nonzero_share = 1.0 - n_zero / (k - n_missing)
    low_data = availability < min_availability
    low_nonzero = nonzero_share < min_nonzero
    if rule == "na":
        included = ~low_data
    elif rule == "zeros":
        included = ~low_nonzero
    elif rule == "na_or_zeros":
        included = ~(low_data | low_nonzero)
    else:
        raise ValueError(f"unknown screening rule {rule!r}")
    units = np.asarray(units).astype(str)
    included = included | np.isin(units, list(force_include))
    included = included & ~np.isin(units, list(force_exclude))
    return ScreenSummary(n_missing, n_zero, availability, nonzero_share, included)
