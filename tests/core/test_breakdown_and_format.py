from decimal import Decimal

import pytest

from innocity.core.breakdown import deadline_label, lead_units
from innocity.core.targetfmt import describe, format_number


@pytest.mark.parametrize(
    ("units", "leads"),
    [
        ([("市科技局", "responsible"), ("市委编办", "responsible")], ["市科技局"]),
        ([("省科技厅", "lead"), ("省教育厅", "responsible"), ("省财政厅", "lead")], ["省科技厅", "省财政厅"]),
        ([], []),
    ],
)
def test_lead_units_follow_the_convention(units, leads):
    assert lead_units(units) == leads


@pytest.mark.parametrize(
    ("deadlines", "recurring", "label"),
    [
        ([], False, "2024年底"),
        ([None, 2024], False, "2024年底"),
        ([2025], False, "2025年底(十四五末)"),
        ([2024, 2030], False, "2024年底、2030年底(十五五末)"),
        ([2024], True, "每年、2024年底"),
    ],
)
def test_deadline_labels(deadlines, recurring, label):
    assert deadline_label(deadlines, recurring=recurring, plan_end=2024) == label


@pytest.mark.parametrize(
    ("comparator", "value", "value_max", "unit", "text"),
    [
        (">", "3.100000", None, "%", "> 3.1%"),
        (">=", "1.300000", None, "万家", "≥ 1.3万家"),
        ("~", "900.000000", None, "亿", "≈ 900亿"),
        ("=", "9", None, "个", "9个"),
        ("<=", "0.5", None, "吨", "≤ 0.5吨"),
        ("range", "1", "2", "个", "1—2个"),
    ],
)
def test_target_descriptions(comparator, value, value_max, unit, text):
    assert describe(comparator, Decimal(value), Decimal(value_max) if value_max else None, unit) == text


def test_numbers_lose_trailing_zeros_but_never_become_exponents():
    assert format_number(Decimal("1000.000000")) == "1000"
    assert format_number(Decimal("6000")) == "6000"
    assert format_number(None) == ""
