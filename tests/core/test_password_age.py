"""When a password must be changed: set by an administrator, or older than the maximum age."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from innocity.core.password_age import EXPIRED, INITIAL, REMINDER_DAYS, password_status

NOW = dt.datetime(2026, 11, 26, 9, 30)


def test_a_password_set_by_an_administrator_is_due_at_once():
    status = password_status(NOW, NOW, max_age_days=90, set_by_admin=True)
    assert status.due == INITIAL
    assert status.days_left == 90


def test_a_password_of_exactly_the_maximum_age_has_expired():
    assert password_status(NOW - dt.timedelta(days=90), NOW, max_age_days=90, set_by_admin=False).due == EXPIRED
    day_before = password_status(NOW - dt.timedelta(days=89), NOW, max_age_days=90, set_by_admin=False)
    assert (day_before.due, day_before.days_left, day_before.remind) == (None, 1, True)


def test_reminders_start_two_weeks_before_the_end():
    fresh = password_status(NOW - dt.timedelta(days=90 - REMINDER_DAYS - 1), NOW, max_age_days=90,
                            set_by_admin=False)
    near = password_status(NOW - dt.timedelta(days=90 - REMINDER_DAYS), NOW, max_age_days=90, set_by_admin=False)
    assert (fresh.remind, fresh.days_left) == (False, REMINDER_DAYS + 1)
    assert (near.remind, near.days_left) == (True, REMINDER_DAYS)


def test_no_maximum_age_and_no_recorded_date_never_expire():
    assert password_status(dt.datetime(2000, 1, 1), NOW, max_age_days=0, set_by_admin=False).due is None
    undated = password_status(None, NOW, max_age_days=90, set_by_admin=False)
    assert (undated.due, undated.days_left, undated.remind) == (None, None, False)
    assert password_status(None, NOW, max_age_days=90, set_by_admin=True).due == INITIAL


@given(age=st.integers(0, 2000), max_age=st.integers(1, 400))
def test_due_exactly_when_the_age_reaches_the_maximum(age, max_age):
    status = password_status(NOW - dt.timedelta(days=age, hours=3), NOW, max_age_days=max_age, set_by_admin=False)
    assert (status.due == EXPIRED) == (age >= max_age)
    assert status.days_left == max(0, max_age - age)
    assert not (status.remind and status.due)
