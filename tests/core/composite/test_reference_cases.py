"""The two COINr 1.1.14 reference cases, through the real command, equal to 1e-9 in every unit and column."""

from __future__ import annotations

import csv
import math
import subprocess
import sys

import pytest

from innocity.core.composite import build, load_spec, load_tables

from .helpers import REFERENCE, ROOT, read_result

CASES = ["case1_mean_minmax_amean", "case2_full_example"]


@pytest.mark.parametrize("case", CASES)
def test_command_output_equals_coinr(case, tmp_path):
    out = tmp_path / "results.csv"
    completed = subprocess.run(
        [sys.executable, "-m", "innocity.commands.index", "build", "--data", str(REFERENCE / "iData.csv"),
         "--meta", str(REFERENCE / "iMeta.csv"), "--spec", str(REFERENCE / f"{case}.spec.yaml"), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    ours = read_result(out)
    expected = read_result(REFERENCE / f"{case}.expected.csv")
    assert set(ours) == set(expected)
    columns = [c for c in next(iter(expected.values())) if c != "uCode"]
    assert len(columns) == 60
    worst = 0.0
    for unit, row in expected.items():
        for column in columns:
            assert ours[unit][column] != "", (unit, column)
            worst = max(worst, abs(float(ours[unit][column]) - float(row[column])))
    assert worst < 1e-9
    # The written columns are the layout of COINr's aggregated data set: uCode, indicators, aggregates.
    with out.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[0] == "uCode" and header[-1] == "Index" and set(header[1:]) == set(columns)


def test_compare_tool_accepts_the_command_output(tmp_path):
    tool = ROOT.parent / "shared" / "tools" / "compare-composite"
    for case in CASES:
        out = tmp_path / f"{case}.csv"
        subprocess.run([sys.executable, "-m", "innocity.commands.index", "build", "--data", str(REFERENCE / "iData.csv"),
                        "--meta", str(REFERENCE / "iMeta.csv"), "--spec", str(REFERENCE / f"{case}.spec.yaml"),
                        "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
        done = subprocess.run([sys.executable, str(tool), str(out), str(REFERENCE / f"{case}.expected.csv")],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout


def test_case2_treatment_log_matches_coinr():
    """Skewness, kurtosis, pass/fail and the number of winsorised points per indicator, as COINr logged them."""
    coin = build(load_tables(REFERENCE / "iData.csv", REFERENCE / "iMeta.csv"),
                 load_spec(REFERENCE / "case2_full_example.spec.yaml"))
    ours = {e.code: e for e in coin.treatment}
    with (REFERENCE / "case2_full_example.treatment.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 49
    for row in rows:
        entry = ours[row["iCode"]]
        assert entry.pass0 is (row["check_SkewKurt0.Pass"] == "TRUE")
        assert math.isclose(entry.skew0, float(row["check_SkewKurt0.Skew"]), abs_tol=1e-9)
        assert math.isclose(entry.kurt0, float(row["check_SkewKurt0.Kurt"]), abs_tol=1e-9)
        if row["winsorise.nwin"]:
            assert entry.n_winsorised == int(row["winsorise.nwin"])
            assert entry.pass1 is (row["check_SkewKurt1.Pass"] == "TRUE")
            assert math.isclose(entry.skew1, float(row["check_SkewKurt1.Skew"]), abs_tol=1e-9)
            assert math.isclose(entry.kurt1, float(row["check_SkewKurt1.Kurt"]), abs_tol=1e-9)
        else:
            assert entry.n_winsorised == 0


def test_case2_keeps_every_unit_and_data_sets_in_order():
    coin = build(load_tables(REFERENCE / "iData.csv", REFERENCE / "iMeta.csv"),
                 load_spec(REFERENCE / "case2_full_example.spec.yaml"))
    assert list(coin.datasets) == ["Raw", "Denominated", "Imputed", "Screened", "Treated", "Normalised", "Aggregated"]
    assert coin.screening is not None and coin.screening.included.all()
    assert len(coin.datasets["Aggregated"].units) == 51
    # Denomination divides by the denominator: Goods / GDP for Austria.
    raw, den = coin.datasets["Raw"], coin.datasets["Denominated"]
    i = list(raw.units).index("AUT")
    assert den.column("Goods")[i] == pytest.approx(raw.column("Goods")[i] / 390.79999114746801, rel=1e-15)
