"""Normalisation: bring indicators onto a common scale (COINr's `Normalise()` and its `n_*` functions).

Every indicator is first multiplied by its Direction (−1 turns "lower is better" around), then scaled,
column by column over the whole matrix. Methods and their COINr functions:

- `minmax` (`n_minmax`): (x − min)/(max − min)·(u − l) + l, to the `range` [l, u]
- `zscore` (`n_zscore`): (x − mean)/sd·s + m, sample sd, to `mean_sd` [m, s]
- `rank` (`n_rank`): rank, ties take the minimum rank
- `prank` (`n_prank`): (rank − 1)/(n − 1), n the number of present values
- `borda` (`n_borda`): rank − 1
- `dist2max` (`n_dist2max`): 1 − (max − x)/(max − min)
- `dist2targ` (`n_dist2targ` with iMeta parameters): (x − min)/(t − min) with x and the target t
  multiplied by Direction; values beyond the target capped at 1 when `cap_max`
- `fracmax` (`n_fracmax`): x / max
- `goalposts` (`n_goalposts` with iMeta parameters): (x − lower)/(upper − lower), or
  (upper − x)/(upper − lower) for Direction −1, truncated to [0, 1] when `trunc`, times `scale`
- `none`: x · Direction
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from innocity.core.composite.numeric import rank_min
from innocity.core.composite.parallel import map_columns

METHODS = ("minmax", "zscore", "rank", "prank", "borda", "dist2max", "dist2targ", "fracmax", "goalposts", "none")


@dataclass(frozen=True)
class NormaliseParams:
    """Parameters of one normalisation; per-indicator targets and goalposts come separately."""

    method: str = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean_sd: tuple[float, float] = (0.0, 1.0)
    cap_max: bool = False
    trunc: bool = True


def normalise_block(x: np.ndarray, params: NormaliseParams, targets: np.ndarray | None = None,
                    goalposts: np.ndarray | None = None, directions: np.ndarray | None = None,
                    overwrite: bool = False) -> np.ndarray:
    """Normalise columns already multiplied by their directions, all with the same method.

    `targets` (for dist2targ) and `goalposts` (rows lower, upper, scale; for goalposts) hold one value per
    column in the original units; `directions` turns them around like the data. With `overwrite`, `x` may
    be used as the output buffer (it is a temporary of the caller).

    >>> normalise_block(np.array([[1.0], [3.0], [5.0]]), NormaliseParams("minmax", range=(0.0, 10.0))).ravel().tolist()
    [0.0, 5.0, 10.0]
    >>> normalise_block(np.array([[1.0], [2.0], [2.0], [4.0]]), NormaliseParams("prank")).ravel().tolist()
    [0.0, 0.3333333333333333, 0.3333333333333333, 1.0]
    """
    # All-missing or constant columns give NaN, as in COINr; numpy's warnings about them are noise here.
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return _normalise_block(x, params, targets, goalposts, directions, overwrite)


def _normalise_block(x: np.ndarray, params: NormaliseParams, targets: np.ndarray | None,
                     goalposts: np.ndarray | None, directions: np.ndarray | None, overwrite: bool) -> np.ndarray:
    method = params.method
    if method == "minmax":
        lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
        low, high = params.range
        # (x − min)/(max − min)·(u − l) + l, in this order (as COINr), in place to spare memory.
        y = np.subtract(x, lo, out=x if overwrite else None)
        y /= hi - lo
        y *= high - low
        y += low
        return y
    if method == "zscore":
        mean, sd = params.mean_sd
        return (x - np.nanmean(x, axis=0)) / np.nanstd(x, axis=0, ddof=1) * sd + mean
    if method == "rank":
        return rank_min(x)
    if method == "prank":
        n = (~np.isnan(x)).sum(axis=0)
        return (rank_min(x) - 1.0) / (n - 1)
    if method == "borda":
        return rank_min(x) - 1.0
    if method == "dist2max":
        lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
        return 1.0 - (hi - x) / (hi - lo)
    if method == "fracmax":
        return x / np.nanmax(x, axis=0)
    if method == "dist2targ":
        assert targets is not None and directions is not None
        t = targets * directions
        lo = np.nanmin(x, axis=0)
        y = (x - lo) / (t - lo)
        return np.where(y > 1, 1.0, y) if params.cap_max else y
    if method == "goalposts":
        assert goalposts is not None and directions is not None
        lower, upper, scale = goalposts
        lo = np.where(directions < 0, -upper, lower)
        hi = np.where(directions < 0, -lower, upper)
        y = (x - lo) / (hi - lo)
        if params.trunc:
            y = np.clip(y, 0.0, 1.0)
        return y * scale
    if method == "none":
        return x.copy()
    raise ValueError(f"unknown normalisation method {method!r}")


def normalise(values: np.ndarray, directions: np.ndarray, params: list[NormaliseParams],
              targets: np.ndarray | None = None, goalposts: np.ndarray | None = None) -> np.ndarray:
    """Normalise a units × indicators matrix; `params` has one entry per column.

    Columns with the same parameters are normalised together in one block.

    >>> x = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
    >>> normalise(x, np.array([1.0, -1.0]), [NormaliseParams()] * 2).tolist()
    [[0.0, 100.0], [50.0, 50.0], [100.0, 0.0]]
    """
    groups = list(dict.fromkeys(params))
    if len(groups) == 1:
        # One method for all: column blocks in parallel threads (large matrices only).
        def one_block(x: np.ndarray, d: np.ndarray, t: np.ndarray | None, g: np.ndarray | None) -> np.ndarray:
            return normalise_block(x * d, groups[0], targets=t, goalposts=g, directions=d, overwrite=True)

        return map_columns(one_block, values, directions, targets, goalposts)
    signed = values * directions
    out = np.empty_like(signed)
    for p in groups:
        cols = np.array([q == p for q in params])
        out[:, cols] = normalise_block(
            signed[:, cols], p,
            targets=None if targets is None else targets[cols],
            goalposts=None if goalposts is None else goalposts[:, cols],
            directions=directions[cols],
        )
    return out
