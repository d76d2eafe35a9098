"""How a quantified target reads: `> 3.1%`, `≥ 1.3万家 (每年)`, `≈ 900亿`, `1—2个`.

>>> from decimal import Decimal
>>> describe(">=", Decimal("1.300000"), None, "万家")
'≥ 1.3万家'
>>> describe("range", Decimal("1"), Decimal("2"), "个")
'1—2个'
"""

from __future__ import annotations

from decimal import Decimal

SYMBOLS = {">": ">", ">=": "≥", "=": "", "<=": "≤", "<": "<", "~": "≈"}


def format_number(value: Decimal | float | int | None) -> str:
    """A stored number as a person writes it: no trailing zeros, no exponent."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    text = format(number, "f")
    return text


def describe(comparator: str, value, value_max, unit: str) -> str:
    if comparator == "range":
        return f"{format_number(value)}—{format_number(value_max)}{unit}"
    symbol = SYMBOLS.get(comparator, comparator)
    return f"{symbol} {format_number(value)}{unit}".strip()
