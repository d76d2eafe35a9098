"""Quantities as plans write them: 1.3万家, 400亿元, 3.1%, 十一家, 两场, 1—2个, 超万亿元.

A quantity is a number (Arabic or Chinese) with a unit as written. The value is the number as
written and the unit keeps its multiplier ("1.3万家" is 1.3 with unit 万家), because that is
how a person reads the target back. Chinese numerals need a unit after them, so that words
such as 一体化 or 千亿级 are no quantities.

>>> [(q.value, q.unit) for q in find_quantities("建成十一家,举办两场,超万亿元,达到1.3万家")]
[(11.0, '家'), (2.0, '场'), (1.0, '万亿元'), (1.3, '万家')]
>>> q = find_quantities("争创1—2个国家级平台")[0]
>>> (q.value, q.value_max, q.unit)
(1.0, 2.0, '个')
>>> chinese_number("二十九"), chinese_number("一百二十"), chinese_number("十四五")
(29, 120, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10**4, "亿": 10**8}

# Units plans count in. Longer forms first, so that 个百分点 wins over 个 and 人次 over 人.
# 所 counts schools only (中电科22所 is a name); 年, 月, 天 are durations, never targets.
CLASSIFIERS = (
    "个百分点", "百分点", "人次", "件次", "家次", "平方公里", "平方千米", "平方米", "公里", "千米",
    "千瓦时", "千瓦", "兆瓦", "吉瓦", "标准箱", "台套", "美元", "亩", "吨", "辆", "台", "套", "个", "家",
    "项", "人", "名", "位", "场", "件", "次", "座", "条", "张", "篇", "部", "处", "户", "间", "支",
    "株", "种", "款", "届", "元", "倍", "例", "块", "份", "栋", "首", "册", "门", "只", "本",
)
_SCHOOL = "所(?=高校|学校|院校|大学|医院|中小学|中学|小学|幼儿园|职业|科研院所|研究院|研究所)"
LATIN_UNITS = r"(?:EFLOPS|EFlops|PFLOPS|PFlops|TFLOPS|TFlops|EB|PB|TB|GW|MW|kW|KW|Gbps|Mbps|km)(?![A-Za-z])"
MULTIPLIER = "(?:万亿|千万|百万|亿|万|千)"
_CLASS = "(?:" + "|".join(CLASSIFIERS) + "|" + _SCHOOL + ")"
_RANGE = r"\s*(?:—{1,2}|–|-|~|～|至|到)\s*"
_ARABIC = r"\d+(?:\.\d+)?"
_CHINESE = "[零〇一二两三四五六七八九十百千万亿]++"

# Arabic numbers take a classifier, %, a Latin unit or a bare multiplier (700亿, 30万).
_ARABIC_QTY = re.compile(
    rf"(?<![\d.A-Za-z])(?P<num>{_ARABIC})(?:{_RANGE}(?P<num2>{_ARABIC}))?\s*"
    rf"(?P<unit>{MULTIPLIER}?{_CLASS}|%|‰|{LATIN_UNITS}|{MULTIPLIER})"
)
# Chinese numbers need a classifier: 千亿级 and 百亿企业 are labels, not quantities.
# Only at the start of a run of numerals: trying every position inside a long run would be quadratic.
_CHINESE_QTY = re.compile(
    rf"(?<![\d.零〇一二两三四五六七八九十百千万亿])(?P<num>{_CHINESE})(?:[至到](?P<num2>{_CHINESE}))?(?P<unit>{_CLASS})"
)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit at [start, end) of the scanned text."""

    start: int
    end: int
    value: float
    unit: str
    value_max: float | None = None
    chinese: bool = False

    @property
    def is_money(self) -> bool:
        return self.unit.endswith("元") or self.unit in ("万", "亿", "万亿", "千万", "百万")

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰", "个百分点", "百分点")

    @property
    def bare_multiplier(self) -> bool:
        """700亿, 30万: a multiplier without a classifier; the noun after it says what is counted."""
        return self.unit in ("万", "亿", "万亿", "千万", "百万", "千")


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral (十一, 两, 一百二十, 三千, 千, 两万), or None when the text is
    not one well-formed number (十四五)."""
    if not text:
        return None
    total = 0
    rest = text
    for big, factor in (("亿", 10**8), ("万", 10**4)):
        if big in rest:
            head, _, rest = rest.partition(big)
            if big in rest:
                return None
            value = _below_10000(head) if head else 1
            if value is None:
                return None
            total += value * factor
    if rest:
        value = _below_10000(rest)
        if value is None:
            return None
        total += value
    return total


def _below_10000(text: str) -> int | None:
    total = 0
    digit: int | None = None
    last_unit = 10**5
    for char in text:
        if char in _DIGITS:
            if digit is not None and digit != 0:
                return None
            digit = _DIGITS[char]
        elif char in _SMALL:
            unit = _SMALL[char]
            if unit >= last_unit:
                return None
            total += (digit if digit is not None else 1) * unit
            digit = None
            last_unit = unit
        else:
            return None
    if digit:
        total += digit
    return total


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in text[start:end] (folded, masked text), in order of position."""
    end = len(text) if end is None else end
    found: list[Quantity] = []
    for match in _ARABIC_QTY.finditer(text, start, end):
        value = float(match["num"])
        high = float(match["num2"]) if match["num2"] else None
        found.append(Quantity(match.start(), match.end(), value, match["unit"], high))
    for match in _CHINESE_QTY.finditer(text, start, end):
        quantity = _chinese_quantity(match)
        if quantity is not None:
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    return found


def _chinese_quantity(match: re.Match[str]) -> Quantity | None:
    numeral, unit = match["num"], match["unit"]
    # A trailing 万/亿 belongs to the unit as written (两万家 is 2 万家), like 1.3万家.
    multiplier = ""
    for big in ("万亿", "亿", "万"):
        if numeral.endswith(big):
            numeral, multiplier = numeral[: -len(big)], big
            break
    value = chinese_number(numeral) if numeral else 1
    if value is None:
        return None
    high = None
    if match["num2"]:
        high = chinese_number(match["num2"].removesuffix(multiplier))
        if high is None:
            return None
    return Quantity(match.start(), match.end(), float(value), multiplier + unit,
                    float(high) if high is not None else None, chinese=True)
