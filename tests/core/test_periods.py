import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innocity.core.periods import Period, parse_period, period_of


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024S1", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("2024S2", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
        ("2024Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2024Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        ("202402", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("202302", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("202412", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
    ],
)
def test_period_bounds(code, start, end):
    period = parse_period(code)
    assert (period.start, period.end) == (start, end)
    assert str(period) == code


@pytest.mark.parametrize(("code", "after"), [("2024S2", "2025S1"), ("2024Q4", "2025Q1"), ("202412", "202501"),
                                             ("2024", "2025"), ("2024S1", "2024S2")])
def test_next_period_rolls_over_the_year(code, after):
    assert str(parse_period(code).next()) == after
    assert str(parse_period(after).previous()) == code


@pytest.mark.parametrize("bad", ["24", "2024S3", "2024Q5", "202413", "202400", "2024H1", "", "二〇二四"])
def test_invalid_codes_are_refused_in_chinese(bad):
    with pytest.raises(ValueError, match="期间代码"):
        parse_period(bad)


kinds = st.sampled_from(["year", "half", "quarter", "month"])
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


@given(days, kinds)
def test_the_period_of_a_day_contains_it_and_round_trips(day, kind):
    period = period_of(day, kind)
    assert period.contains(day)
    assert parse_period(str(period)) == period
    assert period.next().start == period.end + dt.timedelta(days=1)


@given(days, kinds, st.integers(-200, 200))
def test_shifting_is_additive(day, kind, steps):
    period = period_of(day, kind)
    assert period.shift(steps).shift(-steps) == period
    assert (period.shift(steps) > period) == (steps > 0) or steps == 0


def test_periods_of_one_kind_sort_in_time():
    codes = ["2025S1", "2024S2", "2024S1"]
    assert [str(p) for p in sorted(map(parse_period, codes))] == ["2024S1", "2024S2", "2025S1"]
    assert Period("year", 2024).months == 12
