"""Properties of the engine that must hold for any data (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from innocity.core.composite.aggregate import LevelAggregation, aggregate_level
from innocity.core.composite.impute import impute_mean
from innocity.core.composite.normalise import NormaliseParams, normalise
from innocity.core.composite.numeric import rank_min
from innocity.core.composite.weights import ahp_weights, entropy_weights

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False)


def matrix(elements=finite, rows=(3, 30), cols=(1, 6)):
    return st.tuples(st.integers(*rows), st.integers(*cols)).flatmap(
        lambda shape: arrays(np.float64, shape, elements=elements))


def with_missing(x: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y = x.copy()
    y[rng.random(x.shape) < 0.2] = np.nan
    return y


@settings(max_examples=60, deadline=None)
@given(matrix(), st.tuples(finite, finite).filter(lambda r: r[0] < r[1]), st.integers(0, 1000))
def test_minmax_lies_in_the_range_and_hits_both_ends(x, bounds, seed):
    x = with_missing(x, seed)
    low, high = bounds
    out = normalise(x, np.ones(x.shape[1]), [NormaliseParams("minmax", range=(low, high))] * x.shape[1])
    for j in range(x.shape[1]):
        column, original = out[:, j], x[:, j]
        present = original[~np.isnan(original)]
        if present.size == 0 or np.ptp(present) == 0 or not np.isfinite(np.ptp(present)):
            continue
        values = column[~np.isnan(column)]
        tol = 1e-9 * max(1.0, abs(low), abs(high))
        assert values.min() >= low - tol and values.max() <= high + tol
        assert np.isclose(values.min(), low, atol=tol) and np.isclose(values.max(), high, atol=tol)
        assert np.array_equal(np.isnan(column), np.isnan(original))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 40), elements=finite), st.booleans())
def test_ranks_are_a_permutation_when_there_are_no_ties(x, descending):
    x = np.unique(x)
    np.random.default_rng(len(x)).shuffle(x)
    ranks = rank_min(x, descending=descending)
    assert sorted(ranks.tolist()) == list(range(1, len(x) + 1))
    best = np.argmax(x) if descending else np.argmin(x)
    assert ranks[best] == 1


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(2, 40), elements=st.integers(-5, 5).map(float)))
def test_tied_values_share_the_lowest_rank(x):
    ranks = rank_min(x)
    for value in np.unique(x):
        tied = ranks[x == value]
        assert len(set(tied.tolist())) == 1
        assert tied[0] == 1 + np.sum(x < value)


@settings(max_examples=60, deadline=None)
@given(matrix(elements=positive, cols=(2, 6)), arrays(np.float64, 6, elements=positive), st.integers(0, 1000),
       st.sampled_from(["arithmetic", "geometric", "harmonic", "generalised"]))
def test_weights_rescale_over_present_children(x, w, seed, method):
    x = with_missing(x, seed)
    k = x.shape[1]
    w = w[:k]
    how = LevelAggregation(method, p=2.0 if method == "generalised" else None)
    out = aggregate_level(x, np.zeros(k, dtype=int), 1, w, how)[:, 0]
    for i in range(x.shape[0]):
        present = ~np.isnan(x[i])
        if not present.any():
            assert np.isnan(out[i])
            continue
        wi = w[present] / w[present].sum()  # weights re-scaled to sum to 1 over the present children
        xi = x[i, present]
        expected = {"arithmetic": np.sum(wi * xi), "geometric": np.exp(np.sum(wi * np.log(xi))),
                    "harmonic": 1 / np.sum(wi / xi), "generalised": np.sqrt(np.sum(wi * xi**2))}[method]
        assert np.isclose(out[i], expected, rtol=1e-10)
        # a mean lies between the smallest and largest child
        assert xi.min() * (1 - 1e-12) <= out[i] <= xi.max() * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 30), elements=positive), st.integers(1, 6),
       arrays(np.float64, 6, elements=positive), st.sampled_from(["arithmetic", "geometric", "harmonic", "generalised"]))
def test_aggregating_identical_children_returns_the_child(v, k, w, method):
    x = np.repeat(v[:, None], k, axis=1)
    how = LevelAggregation(method, p=0.5 if method == "generalised" else None)
    out = aggregate_level(x, np.zeros(k, dtype=int), 1, w[:k], how)[:, 0]
    assert np.allclose(out, v, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(3, 30), elements=finite, unique=True),
       st.floats(min_value=0.01, max_value=100), finite, st.sampled_from(["rank", "prank", "borda"]))
def test_rank_based_normalisations_are_invariant_under_positive_affine_maps(x, scale, shift, method):
    y = x * scale + shift
    if len(np.unique(y)) != len(y):  # rounding may merge values; the property is about distinct values
        return
    params = [NormaliseParams(method)]
    a = normalise(x[:, None], np.ones(1), params)
    b = normalise(y[:, None], np.ones(1), params)
    assert np.array_equal(a, b)


@settings(max_examples=60, deadline=None)
@given(matrix(), st.integers(0, 1000))
def test_mean_imputation_keeps_present_values_and_the_column_means(x, seed):
    x = with_missing(x, seed)
    out = impute_mean(x)
    present = ~np.isnan(x)
    assert np.array_equal(out[present], x[present])
    for j in range(x.shape[1]):
        if present[:, j].any():
            assert not np.isnan(out[:, j]).any()
            assert np.isclose(out[:, j].mean(), x[present[:, j], j].mean(), rtol=1e-9, atol=1e-6)


@settings(max_examples=60, deadline=None)
@given(matrix(elements=positive, rows=(3, 20), cols=(2, 5)))
def test_entropy_weights_sum_to_one_and_are_non_negative(x):
    w = entropy_weights(x)
    assert np.isclose(w.sum(), 1.0) and np.all(w >= -1e-12)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(2, 8), elements=st.floats(min_value=0.1, max_value=10)))
def test_ahp_of_a_consistent_matrix_recovers_the_weights(v):
    matrix = v[:, None] / v[None, :]
    result = ahp_weights(matrix)
    assert np.allclose(result.weights, v / v.sum(), rtol=1e-8)
    assert abs(result.cr) < 1e-8
