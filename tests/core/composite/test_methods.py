"""Every method against small cases computed by hand (definitions as in COINr's documentation)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from innocity.core.composite.aggregate import LevelAggregation, aggregate_level
from innocity.core.composite.denominate import denominate, divisor_matrix
from innocity.core.composite.impute import impute_group, impute_mean, impute_median, impute_panel
from innocity.core.composite.normalise import NormaliseParams, normalise, normalise_block
from innocity.core.composite.numeric import nan_kurt, nan_skew, rank_min
from innocity.core.composite.screen import screen_units
from innocity.core.composite.treat import TreatParams, log_ct, log_ct_orig, treat, winsorise
from innocity.core.composite.weights import ahp_weights, check_reciprocal, entropy_weights, pca_weights

NAN = np.nan


def col(*values):
    return np.array(values, dtype=float)[:, None]


# --- normalisation -------------------------------------------------------------------------------


def norm(values, method, direction=1.0, **kw):
    params = NormaliseParams(method=method, **{k: v for k, v in kw.items() if k in ("range", "mean_sd", "cap_max", "trunc")})
    targets = np.array([kw["target"]]) if "target" in kw else None
    goalposts = np.array(kw["goalposts"], dtype=float)[:, None] if "goalposts" in kw else None
    return normalise(col(*values), np.array([direction]), [params], targets, goalposts)[:, 0].tolist()


def test_minmax_to_a_range_and_direction():
    assert norm([2, 4, 6, NAN], "minmax", range=(0.0, 10.0)) == pytest.approx([0, 5, 10, NAN], nan_ok=True)
    assert norm([2, 4, 6], "minmax", -1.0, range=(1.0, 3.0)) == [3.0, 2.0, 1.0]


def test_zscore_uses_the_sample_standard_deviation():
    # mean 4, sample sd 2 → z = −1, 0, 1 → ×10 + 100
    assert norm([2, 4, 6], "zscore", mean_sd=(100.0, 10.0)) == pytest.approx([90, 100, 110])


def test_rank_prank_borda_with_ties_taking_the_minimum_rank():
    values = [10, 20, 20, 40, NAN]
    assert norm(values, "rank") == pytest.approx([1, 2, 2, 4, NAN], nan_ok=True)
    assert norm(values, "borda") == pytest.approx([0, 1, 1, 3, NAN], nan_ok=True)
    assert norm(values, "prank") == pytest.approx([0, 1 / 3, 1 / 3, 1, NAN], nan_ok=True)
    assert norm(values, "rank", -1.0) == pytest.approx([4, 2, 2, 1, NAN], nan_ok=True)


def test_distance_to_max_and_fraction_of_max():
    assert norm([2, 4, 10], "dist2max") == pytest.approx([0, 0.25, 1])
    assert norm([2, 4, 10], "fracmax") == pytest.approx([0.2, 0.4, 1])


def test_distance_to_target_with_and_without_cap():
    # (x − min)/(t − min) with min 2, target 6
    assert norm([2, 4, 8], "dist2targ", target=6.0) == pytest.approx([0, 0.5, 1.5])
    assert norm([2, 4, 8], "dist2targ", target=6.0, cap_max=True) == pytest.approx([0, 0.5, 1])
    # Direction −1: x and target turned around: (max − x)/(max − t) with max 8, target 4
    assert norm([2, 6, 8], "dist2targ", -1.0, target=4.0) == pytest.approx([1.5, 0.5, 0])


def test_goalposts_truncate_scale_and_flip_for_negative_direction():
    assert norm([0, 5, 12], "goalposts", goalposts=[[2.0], [10.0], [100.0]]) == pytest.approx([0, 37.5, 100])
    untruncated = norm([0, 5, 12], "goalposts", goalposts=[[2.0], [10.0], [1.0]], trunc=False)
    assert untruncated == pytest.approx([-0.25, 0.375, 1.25])
    # lower is better: (upper − x)/(upper − lower)
    assert norm([2, 4, 10], "goalposts", -1.0, goalposts=[[2.0], [10.0], [1.0]]) == pytest.approx([1, 0.75, 0])


def test_none_keeps_values_times_direction_and_constant_column_gives_nan():
    assert norm([1, 2], "none", -1.0) == [-1.0, -2.0]
    assert all(math.isnan(v) for v in norm([3, 3, 3], "minmax"))


def test_per_indicator_methods_in_one_matrix():
    x = np.array([[1.0, 10.0], [3.0, 30.0], [2.0, 20.0]])
    out = normalise(x, np.array([1.0, 1.0]), [NormaliseParams("minmax"), NormaliseParams("rank")])
    assert out.tolist() == [[0.0, 1.0], [100.0, 3.0], [50.0, 2.0]]
    assert normalise_block(x, NormaliseParams("fracmax")).tolist() == [[1 / 3, 1 / 3], [1.0, 1.0], [2 / 3, 2 / 3]]


# --- imputation ----------------------------------------------------------------------------------


def test_mean_and_median_imputation():
    x = np.array([[1.0, NAN], [2.0, 4.0], [NAN, 5.0], [9.0, 30.0]])
    assert impute_mean(x).tolist() == [[1.0, 13.0], [2.0, 4.0], [4.0, 5.0], [9.0, 30.0]]
    assert impute_median(x).tolist() == [[1.0, 5.0], [2.0, 4.0], [2.0, 5.0], [9.0, 30.0]]


def test_group_mean_and_median_and_units_without_group():
    x = col(1, 2, NAN, 10, 20, 60, NAN, NAN)
    groups = np.array(["a", "a", "a", "b", "b", "b", "b", ""], dtype=object)
    assert impute_group(x, groups, "mean")[:, 0].tolist()[:7] == [1, 2, 1.5, 10, 20, 60, 30]
    assert impute_group(x, groups, "median")[:, 0].tolist()[:7] == [1, 2, 1.5, 10, 20, 60, 20]
    assert math.isnan(impute_group(x, groups, "mean")[7, 0])  # no group: left missing, as COINr


def test_panel_locf_with_max_time_constant_and_linear():
    units = np.array(["A"] * 5 + ["B"] * 3, dtype=object)
    times = np.array([2019, 2020, 2021, 2022, 2023, 2021, 2022, 2023], dtype=float)
    x = col(NAN, 1, NAN, NAN, 7, NAN, 3, NAN)
    assert impute_panel(x, units, times, "locf")[:, 0].tolist() == pytest.approx([NAN, 1, 1, 1, 7, NAN, 3, 3], nan_ok=True)
    assert impute_panel(x, units, times, "locf", max_time=1)[:, 0].tolist() == pytest.approx(
        [NAN, 1, 1, NAN, 7, NAN, 3, 3], nan_ok=True)
    assert impute_panel(x, units, times, "constant")[:, 0].tolist() == [1, 1, 1, 1, 7, 3, 3, 3]
    # linear in time between 2020 (1) and 2023 (7): 3 and 5; nearest value outside the observed range
    assert impute_panel(x, units, times, "linear")[:, 0].tolist() == [1, 1, 3, 5, 7, 3, 3, 3]


def test_panel_imputation_ignores_row_order_and_uses_time_spacing():
    units = np.array(["A", "A", "A"], dtype=object)
    times = np.array([2024.0, 2020.0, 2021.0])
    x = col(10, 2, NAN)
    assert impute_panel(x, units, times, "linear")[:, 0].tolist() == [10, 2, 4]


# --- screening, denomination ---------------------------------------------------------------------


def test_screening_rules_and_forcing():
    x = np.array([[1.0, 2, 3, 4], [NAN, NAN, 1, 2], [0, 0, 0, 5], [NAN, 0, 0, 0]])
    units = np.array(["A", "B", "C", "D"], dtype=object)
    s = screen_units(x, units, min_availability=0.75)
    # D has exactly 75 %: kept (a unit is dropped only below the threshold, as COINr)
    assert s.included.tolist() == [True, False, True, True]
    assert s.availability.tolist() == [1.0, 0.5, 1.0, 0.75]
    # non-zero shares of the present values: 1, 1, 1/4, 0
    assert s.nonzero_share.tolist() == [1.0, 1.0, 0.25, 0.0]
    assert screen_units(x, units, min_nonzero=0.3, rule="zeros").included.tolist() == [True, True, False, False]
    both = screen_units(x, units, min_availability=0.75, min_nonzero=0.3, rule="na_or_zeros")
    assert both.included.tolist() == [True, False, False, False]
    forced = screen_units(x, units, 0.75, force_include=["B"], force_exclude=["A"])
    assert forced.included.tolist() == [False, True, True, True]


def test_denomination_with_scale_and_zero_denominator():
    x = np.array([[10.0, 5.0], [20.0, 6.0], [30.0, 7.0]])
    gdp = np.array([2.0, 0.0, 4.0])
    out, n_bad = denominate(x, divisor_matrix(3, [gdp, None], [1000.0, 1.0]))
    assert out[:, 0].tolist()[0] == 5000.0 and math.isnan(out[1, 0]) and out[2, 0] == 7500.0
    assert out[:, 1].tolist() == [5.0, 6.0, 7.0] and n_bad == 1


# --- treatment -----------------------------------------------------------------------------------


def test_skew_and_kurtosis_are_coinr_definitions():
    x = np.array([1.0, 2, 3, 4, 10, NAN])
    n, d = 5, np.array([1.0, 2, 3, 4, 10]) - 4.0
    m2, m3 = (d**2).mean(), (d**3).mean()
    g1 = math.sqrt(n * (n - 1)) / (n - 2) * m3 / m2**1.5
    r = n * (d**4).sum() / (d**2).sum() ** 2
    g2 = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    assert float(nan_skew(x)) == pytest.approx(g1, rel=1e-12)
    assert float(nan_kurt(x)) == pytest.approx(g2, rel=1e-12)


def test_winsorisation_replaces_the_extreme_by_the_next_value_and_counts_ties():
    x = np.r_[np.arange(1.0, 31), 100, 100, 500]
    out, n_win, mask = winsorise(x, winmax=5)
    # 500 → 100 (1 point; skew 2.44, kurtosis 5.34: still fails), then the three 100s → 30 (3 points)
    assert out[-3:].tolist() == [30.0, 30.0, 30.0] and n_win == 3 and mask.sum() == 3
    assert abs(float(nan_skew(out))) < 2
    # with winmax 1 it stops after the first point
    out1, n1, _ = winsorise(x, winmax=1)
    assert out1[-3:].tolist() == [100.0, 100.0, 100.0] and n1 == 1


def test_winsorisation_of_low_outliers_when_skew_is_negative():
    x = -np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100])
    out, n_win, _ = winsorise(x, winmax=5)
    assert n_win == 1 and out.min() == -10.0


def test_log_fallback_applies_to_the_original_values():
    # Too many outliers for winmax = 1: winsorising one point is not enough, so log_CT of the original.
    x = np.r_[np.ones(20), 2, 3, 400, 900, 1000]
    out, logs, _ = treat(x[:, None], ("x",), [TreatParams(winmax=1)])
    assert logs[0].pass1 is False and logs[0].fallback == "log_ct"
    assert out[:, 0].tolist() == pytest.approx(log_ct(x).tolist())
    assert log_ct(np.array([2.0, 12.0])).tolist() == pytest.approx([math.log(0.1), math.log(10.1)])
    assert log_ct_orig(np.array([2.0, 12.0])).tolist() == pytest.approx([0.0, math.log(11.0)])
    combined, _logs2, _ = treat(x[:, None], ("x",), [TreatParams(winmax=1, combine=True)])
    assert combined[:, 0].max() == pytest.approx(math.log(900 - 1 + 0.01 * 899))


def test_passing_indicator_and_too_few_points_are_left_alone():
    x = np.array([[1.0, 1.0], [2.0, NAN], [3.0, NAN], [4.0, 100.0]])
    out, logs, mask = treat(x, ("a", "b"), [TreatParams()] * 2)
    assert np.array_equal(out, x, equal_nan=True) and not mask.any()
    assert logs[0].pass0 is True and logs[1].pass0 is None


# --- weights -------------------------------------------------------------------------------------


def test_pca_weights_are_first_component_loadings():
    x = np.array([[1.0, 2.0, 1.0], [2.0, 4.1, 0.0], [3.0, 5.9, 1.0], [4.0, 8.0, 0.0]])
    corr = np.corrcoef(x, rowvar=False)
    _values, vectors = np.linalg.eigh(corr)
    expected = vectors[:, -1] * np.sign(vectors[:, -1].sum())
    assert pca_weights(x) == pytest.approx(expected)
    assert pca_weights(np.vstack([x, [NAN, 1, 1]])) == pytest.approx(expected)  # incomplete rows left out


def test_entropy_weights_by_hand():
    x = np.array([[1.0, 2.0], [1.0, 2.0], [2.0, 4.0]])
    # both columns have shares (1/4, 1/4, 1/2): same entropy → equal weights
    assert entropy_weights(x).tolist() == pytest.approx([0.5, 0.5])
    y = np.array([[1.0, 1.0], [1.0, 0.0], [1.0, 0.0]])
    # column 1 uniform → entropy 1 → weight 0; column 2 all in one unit → entropy 0 → weight 1
    assert entropy_weights(y).tolist() == pytest.approx([0.0, 1.0])


def test_ahp_weights_and_consistency_ratio():
    consistent = np.array([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    r = ahp_weights(consistent)
    assert r.weights.tolist() == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert r.lambda_max == pytest.approx(3.0) and r.cr == pytest.approx(0.0, abs=1e-12)
    inconsistent = np.array([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    r2 = ahp_weights(inconsistent)
    ci = (r2.lambda_max - 3) / 2
    assert r2.cr == pytest.approx(ci / 0.58) and r2.cr > 0.1
    assert check_reciprocal(np.array([[1, 2], [3, 1]])) != []


# --- aggregation ---------------------------------------------------------------------------------


def agg(x, method, weights=(1.0, 1.0), **kw):
    return aggregate_level(np.array(x, dtype=float), np.array([0, 0]), 1, np.array(weights),
                           LevelAggregation(method, **kw))[:, 0].tolist()


def test_weighted_means_by_hand():
    x = [[1.0, 4.0], [2.0, 8.0]]
    assert agg(x, "arithmetic", (1, 3)) == pytest.approx([3.25, 6.5])
    assert agg(x, "geometric", (1, 1)) == pytest.approx([2.0, 4.0])
    assert agg(x, "geometric", (1, 3)) == pytest.approx([4 ** 0.75, 2 ** 0.25 * 8 ** 0.75])
    assert agg(x, "harmonic", (1, 1)) == pytest.approx([1.6, 3.2])
    assert agg(x, "generalised", (1, 1), p=2.0) == pytest.approx([math.sqrt(8.5), math.sqrt(34)])
    assert agg(x, "generalised", (1, 1), p=-1.0) == pytest.approx(agg(x, "harmonic", (1, 1)))


def test_weights_rescaled_over_present_children_and_min_share():
    x = [[NAN, 4.0], [2.0, 8.0], [NAN, NAN]]
    assert agg(x, "arithmetic", (3, 1)) == pytest.approx([4.0, 3.5, NAN], nan_ok=True)
    assert agg(x, "arithmetic", (3, 1), min_share=0.6) == pytest.approx([NAN, 3.5, NAN], nan_ok=True)
    assert agg(x, "arithmetic", (3, 1), min_share=0.5) == pytest.approx([4.0, 3.5, NAN], nan_ok=True)


def test_geometric_mean_refuses_zero():
    from innocity.core.composite.aggregate import AggregationDomainError

    with pytest.raises(AggregationDomainError) as caught:
        agg([[0.0, 1.0]], "geometric")
    assert caught.value.rows.tolist() == [0] and caught.value.cols.tolist() == [0]


def test_rank_min_descending():
    assert rank_min(np.array([5.0, 9.0, 5.0, NAN]), descending=True).tolist() == pytest.approx([2, 1, 2, NAN], nan_ok=True)


def test_rank_min_of_a_matrix_large_enough_for_parallel_blocks_equals_r_ranks():
    from scipy.stats import rankdata

    from innocity.core.composite.parallel import MIN_CELLS

    rng = np.random.default_rng(7)
    x = np.round(rng.random((MIN_CELLS // 20 + 1, 20)), 3)  # rounded: many ties
    x[rng.random(x.shape) < 0.05] = NAN
    expected = np.column_stack([rankdata(-x[:, j], method="min", nan_policy="omit") for j in range(20)])
    assert np.array_equal(rank_min(x, descending=True), expected, equal_nan=True)


def test_a_constant_column_gets_no_entropy_weight_despite_rounding():
    # Found by the property test: a constant column's entropy came out a hair above 1.
    x = np.array([[2900.0, 3277.13245655]] + [[3277.13245655, 3277.13245655]] * 6)
    weights = entropy_weights(x)
    assert weights.tolist() == [1.0, 0.0]
