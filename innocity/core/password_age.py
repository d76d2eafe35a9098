"""When a user must change the password (等保2.0 level 2: 身份鉴别信息……定期更换).

Two reasons make a change due: the password was set by an administrator (an initial or reset
password, known to someone else), or it is older than the maximum age. A maximum age of 0 turns
the periodic change off. A password without a recorded date is not aged (the upgrade that began
the record dated every existing password to its own day, so that nobody is locked out at once).

>>> import datetime as dt
>>> now = dt.datetime(2026, 6, 30, 12, 0)
>>> password_status(dt.datetime(2026, 1, 1), now, max_age_days=90, set_by_admin=False).due
'expired'
>>> password_status(dt.datetime(2026, 6, 1), now, max_age_days=90, set_by_admin=False).days_left
61
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Within this many days of the maximum age, pages remind the user to change the password.
REMINDER_DAYS = 14

INITIAL = "initial"
EXPIRED = "expired"


@dataclass(frozen=True)
class PasswordStatus:
    """`due` is None, "initial" or "expired"; `days_left` until the password expires (None when
    passwords do not expire); `remind` when the end is near but not yet reached."""

    due: str | None
    days_left: int | None
    remind: bool


def password_status(changed_at: dt.datetime | None, now: dt.datetime, *, max_age_days: int,
                    set_by_admin: bool) -> PasswordStatus:
    """The state of one user's password at `now`.

    >>> now = dt.datetime(2026, 6, 30)
    >>> password_status(now, now, max_age_days=90, set_by_admin=True).due
    'initial'
    >>> password_status(dt.datetime(2026, 4, 10), now, max_age_days=90, set_by_admin=False)
    PasswordStatus(due=None, days_left=9, remind=True)
    >>> password_status(dt.datetime(2020, 1, 1), now, max_age_days=0, set_by_admin=False)
    PasswordStatus(due=None, days_left=None, remind=False)
    """
    days_left = None
    if max_age_days > 0 and changed_at is not None:
        days_left = max_age_days - (now - changed_at).days
    if set_by_admin:
        return PasswordStatus(INITIAL, days_left, False)
    if days_left is not None and days_left <= 0:
        return PasswordStatus(EXPIRED, 0, False)
    return PasswordStatus(None, days_left, days_left is not None and days_left <= REMINDER_DAYS)
