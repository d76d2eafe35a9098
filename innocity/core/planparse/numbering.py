"""Heading and item numbers at the start of a line, in full- or half-width forms.

Styles, from the usual outermost to the usual innermost: 第一章 (chapter), 一、 (cn),
(一)/（一） (paren_cn), 1. / 1． / 1、 (arabic), (1)/（1） (paren_arabic), 1) (arabic_paren),
① (circled). A document may use them in another order; the outline follows the order in which
a document introduces them.

>>> numbering_of("（十二）支持高端科技人才创新创业。").number
'（十二）'
>>> numbering_of("13．培育高新技术企业").number
'13'
>>> numbering_of("1.3万家企业") is None
True
>>> numbering_of("十四五、十五五期间") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from innocity.core.planparse.scanning import fold_width

# A Chinese ordinal from 1 to 99, strictly formed, so that 十四五 (a plan period) is no number.
CN_ORDINAL = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"

_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^\s*第\s*({CN_ORDINAL}|\d{{1,2}})\s*[章部篇节](?:分)?\s*")),
    ("cn", re.compile(rf"^\s*({CN_ORDINAL})\s*[、.](?!\d)\s*")),
    ("paren_cn", re.compile(rf"^\s*\(\s*({CN_ORDINAL})\s*\)\s*[、.]?\s*")),
    ("arabic", re.compile(r"^\s*(\d{1,3})\s*(?:、|\.(?!\d))\s*")),
    ("paren_arabic", re.compile(r"^\s*\(\s*(\d{1,3})\s*\)\s*")),
    ("arabic_paren", re.compile(r"^\s*(\d{1,3})\s*\)\s*")),
    ("circled", re.compile(r"^\s*([\u2460-\u2473])\s*")),
)


@dataclass(frozen=True)
class Numbering:
    """The number at the start of a line. `label` is the number as written with its brackets or
    separator; `number` is how a task or section is numbered (1, (一), 一, ①); `end` is where the
    text after the number starts."""

    style: str
    label: str
    number: str
    end: int


def numbering_of(line: str) -> Numbering | None:
    """The numbering a line starts with, or None."""
    folded = fold_width(line)
    for style, pattern in _STYLES:
        match = pattern.match(folded)
        if match:
            label = line[:match.end()].strip()
            number = match.group(1) if style == "arabic" else label.rstrip("、.． ")
            return Numbering(style, label, number.strip(), match.end())
    return None

