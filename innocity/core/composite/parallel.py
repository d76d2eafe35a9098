"""Column blocks in parallel threads: numpy releases the GIL inside its loops over large arrays.

Most steps treat every indicator independently (imputation, normalisation), so a large matrix can be
split into column blocks, one per core, with the results written into one output matrix. Small matrices
are processed in the calling thread: threads only pay off from about a million cells.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

MIN_CELLS = 1_000_000
_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool  # noqa: PLW0603 - one pool for the process, made on first use
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1), thread_name_prefix="composite")
    return _pool


def column_blocks(n_columns: int, n_blocks: int) -> list[slice]:
    """Split column indices into at most `n_blocks` contiguous slices.

    >>> column_blocks(5, 2)
    [slice(0, 2, None), slice(2, 5, None)]
    """
    n_blocks = max(1, min(n_blocks, n_columns))
    edges = np.linspace(0, n_columns, n_blocks + 1).round().astype(int)
    return [slice(int(a), int(b)) for a, b in itertools.pairwise(edges)]


def map_columns(func: Callable[..., np.ndarray], x: np.ndarray, *per_column: Any) -> np.ndarray:
    """`func(x[:, block], *(a[block] for a in per_column))` for column blocks, in parallel for large x.

    Each extra argument is an array with one entry per column (or None). The result has x's shape.

    >>> x = np.arange(6.0).reshape(3, 2)
    >>> map_columns(lambda b, s: b * s, x, np.array([1.0, 10.0])).tolist()
    [[0.0, 10.0], [2.0, 30.0], [4.0, 50.0]]
    """
    n_workers = os.cpu_count() or 1
    if x.size < MIN_CELLS or n_workers < 2 or x.shape[1] < 2:
        return func(x, *per_column)
    blocks = column_blocks(x.shape[1], n_workers)
    out = np.empty(x.shape, order="F")

    def run(block: slice) -> None:
        args = [None if a is None else a[..., block] for a in per_column]
        out[:, block] = func(x[:, block], *args)

    for future in [_executor().submit(run, b) for b in blocks]:
        future.result()
    return out
