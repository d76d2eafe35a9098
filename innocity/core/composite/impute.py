"""Imputation of missing values, column by column over the units × indicators matrix.

Cross-section methods (COINr's `i_mean`, `i_median`, `i_mean_grp`, `i_median_grp`) and, for panel data,
COINr's `impute_panel()`: `locf` (its "latest": the last earlier value, at most `max_time` periods back),
`constant` (last value carried forward, the first value carried back before the first observation) and
`linear` (linear interpolation in time, the nearest value outside the observed range: R's
`approx(rule = 2)`).
"""

from __future__ import annotations

import warnings

import numpy as np

from innocity.core.composite.parallel import map_columns

CROSS_SECTION_METHODS = ("mean", "median", "group_mean", "group_median", "none")
PANEL_METHODS = ("locf", "constant", "linear")


def _fill(values: np.ndarray, replacement: np.ndarray, missing: np.ndarray | None = None) -> np.ndarray:
    """Missing cells take the replacement (broadcast to the matrix); present cells are untouched."""
    out = values.copy(order="K")
    np.copyto(out, np.broadcast_to(replacement, out.shape), where=np.isnan(out) if missing is None else missing)
    return out


def impute_mean(values: np.ndarray) -> np.ndarray:
    """Replace NaN by the column mean of the present values.

    >>> impute_mean(np.array([[1.0, np.nan], [3.0, 4.0], [np.nan, 6.0]])).tolist()
    [[1.0, 5.0], [3.0, 4.0], [2.0, 6.0]]
    """
    return map_columns(_impute_mean_block, values)


def _impute_mean_block(values: np.ndarray) -> np.ndarray:
    missing = np.isnan(values)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = values.sum(axis=0, where=~missing) / (values.shape[0] - missing.sum(axis=0))
    filled = values.copy(order="K")
    np.copyto(filled, np.broadcast_to(means, filled.shape), where=missing)
    return filled


def impute_median(values: np.ndarray) -> np.ndarray:
    """Replace NaN by the column median of the present values.

    >>> impute_median(np.array([[1.0], [2.0], [10.0], [np.nan]])).ravel().tolist()
    [1.0, 2.0, 10.0, 2.0]
    """
    def block(x: np.ndarray) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return _fill(x, np.nanmedian(x, axis=0))

    return map_columns(block, values)


def impute_group(values: np.ndarray, groups: np.ndarray, statistic: str = "mean") -> np.ndarray:
    """Replace NaN by the mean (or median) of the unit's group; units without a group are left as they are.

    Group means come from one matrix product (group membership × values), so there is no loop over units.

    >>> x = np.array([[1.0], [3.0], [np.nan], [10.0], [np.nan]])
    >>> impute_group(x, np.array(["a", "a", "a", "b", "b"])).ravel().tolist()
    [1.0, 3.0, 2.0, 10.0, 10.0]
    """
    groups = np.asarray(groups, dtype=object)
    has_group = groups != ""
    labels, ids = np.unique(groups[has_group].astype(str), return_inverse=True)
    present = ~np.isnan(values[has_group])
    if statistic == "mean":
        member = np.zeros((len(labels), int(has_group.sum())))
        member[ids, np.arange(len(ids))] = 1.0
        sums = member @ np.where(present, values[has_group], 0.0)
        counts = member @ present.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            per_group = sums / counts
    else:
        # A median needs sorting: one nanmedian per group (groups are few; units are not looped over).
        per_group = np.empty((len(labels), values.shape[1]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            for g in range(len(labels)):
                per_group[g] = np.nanmedian(values[has_group][ids == g], axis=0)
    out = values.copy()
    inner = out[has_group]
    out[has_group] = _fill(inner, per_group[ids])
    return out


def impute_panel(values: np.ndarray, units: np.ndarray, times: np.ndarray, method: str = "locf",
                 max_time: int | None = None) -> np.ndarray:
    """Impute each unit's time series: `locf`, `constant` or `linear` (see the module docstring).

    Rows may come in any order; each (unit, time) pair is one row. `max_time` (only for `locf`) limits how
    many periods back a value may come from.

    >>> x = np.array([[1.0], [np.nan], [3.0], [np.nan]])
    >>> u = np.array(["A", "A", "A", "A"]); t = np.array([2020.0, 2021.0, 2022.0, 2023.0])
    >>> impute_panel(x, u, t, "linear").ravel().tolist()
    [1.0, 2.0, 3.0, 3.0]
    >>> impute_panel(x, u, t, "locf").ravel().tolist()
    [1.0, 1.0, 3.0, 3.0]
    """
    n = values.shape[0]
    _, unit_ids = np.unique(np.asarray(units).astype(str), return_inverse=True)
    _, period = np.unique(times, return_inverse=True)
    order = np.lexsort((times, unit_ids))
    x = values[order]
    uid = unit_ids[order][:, None]
    t = times[order][:, None]
    pos = np.broadcast_to(np.arange(n)[:, None], x.shape)
    present = ~np.isnan(x)
    # The last present row at or before each row (−1 if none), and the next at or after (n if none).
    before = np.maximum.accumulate(np.where(present, pos, -1), axis=0)
    after = np.minimum.accumulate(np.where(present, pos, n)[::-1], axis=0)[::-1]
    col = np.broadcast_to(np.arange(x.shape[1]), x.shape)
    ok_before = (before >= 0) & (uid[np.clip(before, 0, n - 1), 0][:, :] == uid)
    ok_after = (after < n) & (uid[np.clip(after, 0, n - 1), 0] == uid)
    prev_val = np.where(ok_before, x[np.clip(before, 0, n - 1), col], np.nan)
    next_val = np.where(ok_after, x[np.clip(after, 0, n - 1), col], np.nan)
    if method == "locf":
        if max_time is not None:
            steps_back = period[order][:, None] - period[order][np.clip(before, 0, n - 1)]
            prev_val = np.where(steps_back <= max_time, prev_val, np.nan)
        filled = prev_val
    elif method == "constant":
        filled = np.where(np.isnan(prev_val), next_val, prev_val)
    elif method == "linear":
        t0 = t[np.clip(before, 0, n - 1), 0]
        t1 = t[np.clip(after, 0, n - 1), 0]
        with np.errstate(invalid="ignore", divide="ignore"):
            inner = prev_val + (next_val - prev_val) * (t - t0) / (t1 - t0)
        filled = np.where(ok_before & ok_after, inner, np.where(np.isnan(prev_val), next_val, prev_val))
    else:
        raise ValueError(f"unknown panel imputation method {method!r}")
    x = np.where(present, x, filled)
    out = np.empty_like(x)
    out[order] = x
    return out
