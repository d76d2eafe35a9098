"""Period codes, one scheme everywhere (the DHIS2 convention).

`2024` a year, `2024S1`/`2024S2` half-years, `2024Q3` a quarter, `202405` a month. A period knows
its first and last day, its year, and its neighbours; periods of the same kind order naturally.

>>> p = parse_period("2024S2")
>>> p.start, p.end
(datetime.date(2024, 7, 1), datetime.date(2024, 12, 31))
>>> str(p.next())
'2025S1'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# kind -> months per period
_MONTHS = {"year": 12, "half": 6, "quarter": 3, "month": 1}
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:(?P<half>S[12])|(?P<quarter>Q[1-4])|(?P<month>0[1-9]|1[0-2]))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A period: `index` counts periods of its kind within the year, from 1."""

    kind: str
    year: int
    index: int = 1

    @property
    def months(self) -> int:
        return _MONTHS[self.kind]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        month = self.index * self.months
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def shift(self, steps: int) -> Period:
        """The period `steps` later (negative: earlier), of the same kind."""
        per_year = 12 // self.months
        ordinal = self.year * per_year + (self.index - 1) + steps
        return Period(self.kind, ordinal // per_year, ordinal % per_year + 1)

    def next(self) -> Period:
        return self.shift(1)

    def previous(self) -> Period:
        return self.shift(-1)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        if self.kind == "year":
            return f"{self.year}"
        if self.kind == "half":
            return f"{self.year}S{self.index}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.index}"
        return f"{self.year}{self.index:02d}"


def parse_period(code: str) -> Period:
    """Parse a period code; a ValueError (in Chinese) says what a valid code looks like."""
    match = _PATTERN.match(str(code).strip())
    if not match:
        raise ValueError(f"期间代码 {code!r} 无效: 应为 2024、2024S1、2024Q3 或 202405 的形式")
    year = int(match["year"])
    if match["half"]:
        return Period("half", year, int(match["half"][1]))
    if match["quarter"]:
        return Period("quarter", year, int(match["quarter"][1]))
    if match["month"]:
        return Period("month", year, int(match["month"]))
    return Period("year", year)


def period_of(day: dt.date, kind: str) -> Period:
    """The period of a kind that contains a day."""
    months = _MONTHS[kind]
    return Period(kind, day.year, (day.month - 1) // months + 1)
