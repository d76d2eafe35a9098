"""The coin as a whole: spec options end to end, re-runs, tables from Python data, analysis, uncertainty."""

from __future__ import annotations

import math

import numpy as np
import pytest
from typer.testing import CliRunner

from innocity.commands.index import index_app
from innocity.core.composite import CompositeInputError, build, load_spec, load_tables, spec_from_dict
from innocity.core.composite import analysis as an
from innocity.core.composite import uncertainty as ua
from innocity.core.composite.coin import example_tables, spec_example
from innocity.core.composite.tables import tables_from_records

from .helpers import META, REFERENCE, SAMPLE, read_result, write_csv

DATA = {"uCode": ["A", "B", "C", "D"], "Region": ["n", "n", "s", "s"], "Size": [1.0, 2.0, 4.0, 5.0],
        "a": [1.0, 2.0, None, 4.0], "b": [10.0, 20.0, 30.0, 50.0], "c": [3.0, 1.0, 2.0, 4.0]}
META_FULL = [*META, {"iCode": "Region", "Type": "Group"}, {"iCode": "Size", "Type": "Denominator"}]


def tables():
    return tables_from_records(DATA, META_FULL)


def spec(steps, **extra):
    return spec_from_dict({"steps": steps, **extra})


def test_pipeline_by_hand_on_a_small_index():
    coin = build(tables(), spec([{"impute": {"method": "mean"}}, {"normalise": {"method": "minmax", "range": [0, 1]}},
                                 {"aggregate": {}}]))
    imputed = coin.datasets["Imputed"]
    assert imputed.column("a").tolist() == [1.0, 2.0, 7 / 3, 4.0]
    norm = coin.datasets["Normalised"]
    assert norm.column("c").tolist() == pytest.approx([1 / 3, 1.0, 2 / 3, 0.0])  # Direction −1
    agg = coin.datasets["Aggregated"]
    p = (norm.column("a") + norm.column("b")) / 2
    assert agg.column("P").tolist() == pytest.approx(p.tolist())
    assert agg.column("Index").tolist() == pytest.approx(((p + norm.column("c")) / 2).tolist())
    assert agg.codes == ("a", "b", "c", "P", "Q", "Index")
    ranks = coin.results.ranks("Index")
    assert sorted(ranks.tolist()) == [1.0, 2.0, 3.0, 4.0]
    assert coin.results.levels[2].codes == ("P", "Q")


def test_denominate_group_impute_screen_and_log():
    data = dict(DATA, a=[1.0, None, None, 4.0], b=[10.0, None, 30.0, 50.0])
    coin = build(tables_from_records(data, META_FULL), spec([
        {"denominate": {"by": {"b": "Size"}, "scale": {"b": 10}}},
        {"screen": {"min_availability": 0.5}},
        {"impute": {"method": "group_median", "group": "Region"}},
        {"normalise": {}}, {"aggregate": {}}]))
    den = coin.datasets["Denominated"]
    assert den.column("b").tolist()[0] == 100.0 and den.column("b").tolist()[2] == 75.0
    assert coin.datasets["Screened"].units.tolist() == ["A", "C", "D"]  # B has 1 of 3 values
    imputed = coin.datasets["Imputed"]
    assert imputed.column("a").tolist() == [1.0, 4.0, 4.0]  # C takes the median of its group s
    assert [e.step for e in coin.log] == ["denominate", "screen", "impute", "normalise", "aggregate"]
    assert "剔除 1" in coin.log[1].message and "B" in coin.log[1].message


def test_panel_build_picks_the_latest_period_and_imputes_from_earlier_ones():
    data = {"uCode": ["A", "B", "A", "B"], "Time": [2022, 2022, 2023, 2023], "a": [1.0, 2.0, None, 3.0],
            "b": [1.0, 2.0, 3.0, 4.0], "c": [1.0, 2.0, 3.0, None]}
    coin = build(tables_from_records(data, META), spec([{"impute": {"method": "locf"}}, {"normalise": {}},
                                                         {"aggregate": {}}]))
    imputed = coin.datasets["Imputed"]
    assert imputed.column("a").tolist() == [1.0, 3.0] and imputed.column("c").tolist() == [3.0, 2.0]
    earlier = build(tables_from_records(data, META), spec([{"normalise": {}}, {"aggregate": {}}], time=2022))
    assert earlier.datasets["Raw"].column("a").tolist() == [1.0, 2.0]


def test_weights_file_equal_pca_entropy_and_ahp(tmp_path):
    base = [{"normalise": {"method": "minmax", "range": [1, 100]}}]
    write_csv(tmp_path / "w.csv", [["iCode", "Weight"], ["a", 3], ["Q", 2]])
    (tmp_path / "spec.yaml").write_text(
        "steps:\n  - normalise: {method: minmax, range: [1, 100]}\n  - aggregate: {weights: w.csv}\n", encoding="utf-8")
    coin = build(tables_from_records(dict(DATA, a=[1.0, 2.0, 3.0, 4.0]), META), load_spec(tmp_path / "spec.yaml"))
    norm = coin.datasets["Normalised"]
    assert coin.datasets["Aggregated"].column("P").tolist() == pytest.approx(
        ((3 * norm.column("a") + norm.column("b")) / 4).tolist())
    assert coin.weights[2].tolist() == [1.0, 2.0]  # P keeps 1, Q has 2
    t = tables_from_records(dict(DATA, a=[1.0, 2.0, 3.0, 4.0]), META)
    equal = build(t, spec([*base, {"aggregate": {"weights": "equal"}}]))
    assert equal.weights[1].tolist() == [1.0, 1.0, 1.0]
    pca = build(t, spec([*base, {"aggregate": {"weights": "pca"}}]))
    assert pca.weights[1][:2] == pytest.approx([1 / math.sqrt(2)] * 2, rel=1e-3)
    ent = build(t, spec([*base, {"aggregate": {"levels": {"2": {"weights": "entropy"}}}}]))
    assert ent.weights[1][:2].sum() == pytest.approx(1.0)
    ahp = build(t, spec([*base, {"aggregate": {"weights": {"method": "ahp", "matrices": {
        "Index": {"order": ["Q", "P"], "matrix": [[1, 3], ["1/3", 1]]}}}}}]))
    assert ahp.weights[2].tolist() == pytest.approx([0.25, 0.75])  # order of codes_at(2): P, Q
    assert ahp.ahp["Index"].cr == pytest.approx(0.0)


def test_inconsistent_ahp_matrix_is_an_input_error():
    bad = spec([{"normalise": {}}, {"aggregate": {"weights": {"method": "ahp", "matrices": {
        "P": {"matrix": [[1, 2], [2, 1]]}}}}}])
    with pytest.raises(CompositeInputError) as caught:
        build(tables(), bad)
    assert any("互反" in p.reason for p in caught.value.problems)


def test_per_level_methods_generalised_mean_and_min_share():
    t = tables_from_records(dict(DATA, a=[1.0, 2.0, None, 4.0]), META)
    coin = build(t, spec([{"normalise": {"method": "minmax", "range": [1, 2]}}, {"aggregate": {
        "method": "arithmetic", "min_share": 0.6, "levels": {"3": {"method": "generalised", "p": 2}}}}]))
    agg = coin.datasets["Aggregated"]
    assert math.isnan(agg.column("P")[2])  # 1 of 2 children present: share 0.5 < 0.6
    p, q = agg.column("P")[0], agg.column("Q")[0]
    assert agg.column("Index")[0] == pytest.approx(math.sqrt((p**2 + q**2) / 2))


def test_dist2targ_and_goalposts_from_imeta_columns():
    meta = [dict(m) for m in META]
    meta[0]["Target"] = 3.0
    meta[1].update({"goalpost_lower": 0, "goalpost_upper": 40, "goalpost_scale": 100})
    t = tables_from_records(dict(DATA, a=[1.0, 2.0, 3.0, 5.0]), meta)
    coin = build(t, spec([{"normalise": {"indicators": {"a": {"method": "dist2targ", "cap_max": True},
                                                        "b": {"method": "goalposts"}}}}, {"aggregate": {}}]))
    norm = coin.datasets["Normalised"]
    assert norm.column("a").tolist() == [0.0, 0.5, 1.0, 1.0]
    assert norm.column("b").tolist() == [25.0, 50.0, 75.0, 100.0]
    with pytest.raises(CompositeInputError) as caught:
        build(t, spec([{"normalise": {"method": "dist2targ"}}, {"aggregate": {}}]))
    assert {(p.row, p.column) for p in caught.value.problems} == {(3, "Target"), (4, "Target")}


def test_rebuild_reuses_earlier_steps_and_leaves_the_original_alone():
    coin = build(example_tables(), spec_example())
    before = coin.datasets["Aggregated"].values.copy()
    other = coin.rebuild({"aggregate": {"method": "geometric"}})
    assert other.datasets["Normalised"] is not None
    assert np.array_equal(other.datasets["Normalised"].values, coin.datasets["Normalised"].values)
    assert not np.allclose(other.datasets["Aggregated"].values, before)
    assert np.array_equal(coin.datasets["Aggregated"].values, before)
    without = coin.rebuild({"impute": None})
    assert "Imputed" not in without.datasets and math.isnan(without.datasets["Aggregated"].column("x1")[2])


def test_analysis_statistics_correlations_alpha_strengths():
    coin = build(load_tables(REFERENCE / "iData.csv", REFERENCE / "iMeta.csv"),
                 load_spec(REFERENCE / "case1_mean_minmax_amean.spec.yaml"))
    stats = {s["code"]: s for s in an.indicator_statistics(coin, "Raw")}
    raw = coin.datasets["Raw"].column("LPI")
    assert stats["LPI"]["mean"] == pytest.approx(np.nanmean(raw))
    assert stats["LPI"]["n_avail"] == int((~np.isnan(raw)).sum())
    assert stats["Flights"]["flag_skew_kurt"] == "OUT"
    corr = an.correlations(coin, 1, 2)
    agg = coin.datasets["Aggregated"]
    assert corr.value("LPI", "Physical") == pytest.approx(np.corrcoef(agg.column("LPI"), agg.column("Physical"))[0, 1])
    within = an.correlations(coin, 1, 2, within_parent=True)
    assert math.isnan(within.value("LPI", "Social")) and not math.isnan(within.value("LPI", "Physical"))
    spearman = an.correlations(coin, 2, method="spearman")
    assert spearman.value("Physical", "Physical") == pytest.approx(1.0)
    x = agg.select(coin.framework.children("Physical"))
    k = x.shape[1]
    alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert an.cronbach_alpha(coin, parent="Physical") == pytest.approx(alpha)
    sw = an.strengths_weaknesses(coin, "AUT", n=3)
    ranks = coin.results.levels[1]
    aut = list(agg.units).index("AUT")
    best = sorted(ranks.ranks[aut])[:3]
    assert [s[1] for s in sw.strengths] == best
    assert sw.weaknesses[0][1] == max(ranks.ranks[aut])


def test_uncertainty_rank_statistics_and_sobol_indices():
    s = spec_example().with_changes({"uncertainty": {"factors": [
        {"weights": {"level": 1, "noise": 0.5}},
        {"normalise": {"alternatives": [{"method": "minmax", "range": [1, 100]},
                                        {"method": "zscore", "mean_sd": [100, 10]}]}},
        {"parameter": {"step": "aggregate", "name": "method", "alternatives": ["arithmetic", "harmonic"]}}]}})
    coin = build(example_tables(), s)
    a = ua.run(coin, runs=100, seed=3)
    b = ua.run(coin, runs=100, seed=3)
    assert a.runs == 100 and a.base_samples == 20 and a.ranks.shape == (3, 100)
    assert np.array_equal(a.ranks, b.ranks, equal_nan=True)  # the seed fixes everything
    stats = a.rank_statistics()
    assert np.all(stats["Q5"] <= stats["Median"]) and np.all(stats["Median"] <= stats["Q95"])
    assert np.all((stats["Q5"] >= 1) & (stats["Q95"] <= 3))
    assert stats["Nominal"].tolist() == coin.results.ranks("Index").tolist()
    assert np.all(np.isfinite(a.total)) and a.failed_runs == 0
    # a factor that cannot change anything has no total effect
    s2 = spec_example().with_changes({"uncertainty": {"factors": [
        {"normalise": {"alternatives": [{"method": "minmax", "range": [1, 100]}, {"method": "minmax", "range": [0, 50]}]}},
        {"weights": {"level": 2, "noise": 0.9}}]}})
    c = ua.run(build(example_tables(), s2), runs=64, seed=1)
    assert abs(c.total[0]) < 1e-9
    # runs whose choices do not fit the data (a zero in a harmonic mean) fail; they are counted, not hidden
    s3 = spec_example().with_changes({"uncertainty": {"factors": [
        {"normalise": {"alternatives": [{"method": "minmax", "range": [1, 100]}, {"method": "prank"}]}},
        {"aggregate": {"alternatives": ["arithmetic", "harmonic"]}}]}})
    d = ua.run(build(example_tables(), s3), runs=40, seed=1)
    assert 0 < d.failed_runs < d.runs and np.all(np.isnan(d.first_order))
    assert np.isnan(d.ranks[:, np.isnan(d.scores).all(axis=0)]).all()


def test_uncertainty_needs_factors():
    with pytest.raises(CompositeInputError):
        ua.run(build(example_tables(), spec_example()), runs=10)


def test_sample_builds_and_commands_run(tmp_path):
    runner = CliRunner()
    args = ["--data", str(SAMPLE / "iData.csv"), "--meta", str(SAMPLE / "iMeta.csv"), "--spec", str(SAMPLE / "spec.yaml")]
    out = tmp_path / "r.csv"
    result = runner.invoke(index_app, ["build", *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = read_result(out)
    assert len(rows) == 12 and list(next(iter(rows.values())))[-1] == "Index"
    ranks = tmp_path / "ranks.csv"
    result = runner.invoke(index_app, ["uncertainty", *args, "--out", str(ranks), "--runs", "60", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "Sobol" in result.output and "weights:维度" in result.output
    stats = read_result(ranks)
    assert set(next(iter(stats.values()))) == {"uCode", "NominalScore", "Nominal", "Median", "Mean", "Q5", "Q95"}
    result = runner.invoke(index_app, ["analyse", *args, "--out", str(tmp_path / "s.csv")])
    assert result.exit_code == 0 and "Cronbach" in result.output
