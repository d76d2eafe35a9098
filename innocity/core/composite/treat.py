"""Outlier treatment: winsorisation by the skewness/kurtosis rule, with a log transform as fallback.

COINr's `Treat()` with its defaults, per indicator:
1. The indicator passes when |skew| < `skew_thresh` or kurtosis < `kurt_thresh` (skew G1, excess
   kurtosis G2, see `numeric`). A passing indicator is left alone.
2. Otherwise it is winsorised: while it fails and fewer than `winmax` points have been changed, every
   value equal to the maximum (skew ≥ 0) or the minimum (skew < 0) is replaced by the next value inside.
   The count of changed points is the number of points now at that end that were moved (COINr's `nwin`).
3. If it still fails, the fallback (by default `log_ct`, log(x − min + 0.01·(max − min))) is applied to
   the *original* values (or to the winsorised ones with `combine: true`).

Only indicators that fail the check are looped over; the checks of all indicators are one vectorised
computation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from innocity.core.composite.numeric import nan_kurt, nan_skew

FALLBACKS = ("log_ct", "log_ct_orig", "none")


@dataclass(frozen=True)
class TreatmentLog:
    """What happened to one indicator (the columns of COINr's `Dets_Table`)."""

    code: str
    skew0: float
    kurt0: float
    pass0: bool | None
    n_winsorised: int = 0
    skew1: float = float("nan")
    kurt1: float = float("nan")
    pass1: bool | None = None
    fallback: str | None = None
    skew2: float = float("nan")
    kurt2: float = float("nan")
    pass2: bool | None = None


def passes(skew: np.ndarray, kurt: np.ndarray, skew_thresh: float, kurt_thresh: float) -> np.ndarray:
    """COINr's `check_SkewKurt`: |skew| < skew_thresh or kurt < kurt_thresh (False where undefined).

    >>> passes(np.array([2.5, 1.0]), np.array([4.0, 9.0]), 2.0, 3.5).tolist()
    [False, True]
    """
    with np.errstate(invalid="ignore"):
        return (np.abs(skew) < skew_thresh) | (kurt < kurt_thresh)


def winsorise(x: np.ndarray, winmax: int | None = 5, skew_thresh: float = 2.0, kurt_thresh: float = 3.5,
              force_win: bool = False) -> tuple[np.ndarray, int, np.ndarray]:
    """Winsorise one column (NaN ignored) until it passes or `winmax` points were changed.

    Returns the treated column, the number of winsorised points and a mask of them.

    >>> x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])
    >>> out, n, mask = winsorise(x, winmax=2)
    >>> out[-2:].tolist(), n
    ([30.0, 30.0], 1)
    """
    x = x.astype(float).copy()
    present = ~np.isnan(x)
    changed_high = np.zeros(len(x), dtype=bool)
    changed_low = np.zeros(len(x), dtype=bool)
    n_win = 0
    ok = bool(passes(nan_skew(x), nan_kurt(x), skew_thresh, kurt_thresh))
    limit = np.inf if winmax is None else winmax
    # COINr loops `while ((!passing | force_win) & below_winmax)`; with force_win and no limit it would
    # never end, so the loop also stops when nothing is left to move.
    while (not ok or force_win) and n_win < limit:
        if nan_skew(x) >= 0:
            top = present & (x == np.nanmax(x))
            rest = x[present & ~top]
            if rest.size == 0:
                break
            x[top] = rest.max()
            changed_high = top
        else:
            bottom = present & (x == np.nanmin(x))
            rest = x[present & ~bottom]
            if rest.size == 0:
                break
            x[bottom] = rest.min()
            changed_low = bottom
        n_win = int(changed_high.sum() + changed_low.sum())
        ok = bool(passes(nan_skew(x), nan_kurt(x), skew_thresh, kurt_thresh))
    return x, n_win, changed_high | changed_low


def log_ct(x: np.ndarray) -> np.ndarray:
    """COINr's `log_CT`: log(x − min + 0.01·(max − min)).

    >>> log_ct(np.array([0.0, 100.0])).round(4).tolist()
    [0.0, 4.6151]
    """
    lo, hi = np.nanmin(x), np.nanmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))


def log_ct_orig(x: np.ndarray) -> np.ndarray:
    """COINr's `log_CT_orig`: log(x − min + 1).

    >>> log_ct_orig(np.array([1.0, 2.0])).round(4).tolist()
    [0.0, 0.6931]
    """
    return np.log(x - np.nanmin(x) + 1.0)


@dataclass(frozen=True)
class TreatParams:
    """Parameters of the treatment of one indicator (see the module docstring)."""

    method: str = "winsorise"
    winmax: int | None = 5
    skew_thresh: float = 2.0
    kurt_thresh: float = 3.5
    force_win: bool = False
    fallback: str = "log_ct"
    combine: bool = False


def treat(values: np.ndarray, codes: tuple[str, ...],
          params: list[TreatParams]) -> tuple[np.ndarray, list[TreatmentLog], np.ndarray]:
    """Treat every column; returns the treated matrix, a log per indicator and a mask of changed cells.

    >>> x = np.column_stack([np.r_[np.arange(1.0, 11), 30, 100], np.arange(12.0)])
    >>> out, log, mask = treat(x, ("a", "b"), [TreatParams(winmax=5)] * 2)
    >>> log[0].n_winsorised, log[0].pass1, log[1].pass0
    (1, True, True)
    """
    out = values.copy()
    changed = np.zeros(values.shape, dtype=bool)
    skew0 = nan_skew(values)
    kurt0 = nan_kurt(values)
    logs: list[TreatmentLog] = []
    for j, (code, p) in enumerate(zip(codes, params, strict=True)):
        undefined = np.isnan(skew0[j]) or np.isnan(kurt0[j])
        ok0 = None if undefined else bool(passes(skew0[j], kurt0[j], p.skew_thresh, p.kurt_thresh))
        entry = TreatmentLog(code, float(skew0[j]), float(kurt0[j]), ok0)
        # COINr returns the column untreated when the check is undefined (too few points, no spread).
        if p.method == "none" or ok0 is None or (ok0 and not p.force_win):
            logs.append(entry)
            continue
        x = values[:, j]
        x1, n_win, mask = winsorise(x, p.winmax, p.skew_thresh, p.kurt_thresh, p.force_win)
        s1, k1 = float(nan_skew(x1)), float(nan_kurt(x1))
        ok1 = bool(passes(s1, k1, p.skew_thresh, p.kurt_thresh))
        entry = TreatmentLog(code, entry.skew0, entry.kurt0, ok0, n_win, s1, k1, ok1)
        result = x1
        if not ok1 and p.fallback != "none":
            base = x1 if p.combine else x
            x2 = log_ct(base) if p.fallback == "log_ct" else log_ct_orig(base)
            s2, k2 = float(nan_skew(x2)), float(nan_kurt(x2))
            entry = TreatmentLog(code, entry.skew0, entry.kurt0, ok0, n_win, s1, k1, ok1, p.fallback, s2, k2,
                                 bool(passes(s2, k2, p.skew_thresh, p.kurt_thresh)))
            result = x2
            mask = ~np.isnan(x)
        out[:, j] = result
        changed[:, j] = mask
        logs.append(entry)
    return out, logs, changed
