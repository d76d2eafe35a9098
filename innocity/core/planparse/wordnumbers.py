"""Word's automatic list numbers, written out as the reader sees them.

A .docx paragraph numbered by Word (一、 (一) 1. typed by the list, not by the author) holds only its
text; the number lives in the numbering part (`word/numbering.xml`). Without it a plan's sections and
tasks lose their numbers and the outline cannot be found, so the reader computes each number the way
Word shows it: a counter per list and level, lower levels restarting when a higher one advances, each
level's format (一, 1, ①, 甲 …) put into its level text (`%1、`, `（%2）`, `%1.%2`).

Lists that share an abstract definition continue one another's numbers, as in Word, unless a list
restarts them (`startOverride`).

>>> numbering = WordNumbering(
...     levels={"7": {0: ListLevel(1, "chineseCounting", "%1、"), 1: ListLevel(1, "decimal", "%2.")}},
...     lists={"3": ("7", {})})
>>> counter = ListCounter(numbering)
>>> [counter.label("3", lvl) for lvl in (0, 1, 1, 0, 1)]
['一、', '1.', '2.', '二、', '1.']
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


@dataclass(frozen=True)
class ListLevel:
    """One level of a list: its first number, its format (Word's `numFmt`) and its text (`lvlText`)."""

    start: int
    fmt: str
    text: str


@dataclass(frozen=True)
class WordNumbering:
    """The numbering part: levels by abstract definition, and each list's definition and restarts."""

    levels: dict[str, dict[int, ListLevel]]
    lists: dict[str, tuple[str, dict[int, int]]]


def chinese_number(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting).

    >>> [chinese_number(n) for n in (1, 10, 12, 20, 99, 105)]
    ['一', '十', '十二', '二十', '九十九', '一百零五']
    """
    if n < 10:
        return digits[n]
    if n < 20:
        # 十二 in counting, 壹拾贰 in the legal (financial) numerals.
        return ("" if ten == "十" else digits[1]) + ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else chinese_number(rest, digits, ten))
    if 10 <= rest < 20 and ten == "十":
        tail = digits[1] + tail  # 一百一十二, not 一百十二
    return digits[hundreds] + "百" + tail


def _letters(n: int, alphabet: str) -> str:
    """Word's letter numbering: a … z, then aa … zz (the letter repeated)."""
    return alphabet[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (those Chinese documents use, and the common others).

    >>> [format_number(3, f) for f in ("decimal", "chineseCounting", "decimalEnclosedCircle", "ideographTraditional")]
    ['3', '三', '③', '丙']
    >>> format_number(12, "chineseLegalSimplified"), format_number(28, "lowerLetter"), format_number(14, "upperRoman")
    ('壹拾贰', 'bb', 'XIV')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "taiwaneseCounting",
               "taiwaneseCountingThousand"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, _CN_LEGAL, "拾")
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _HEAVENLY_STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _EARTHLY_BRANCHES[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n, "abcdefghijklmnopqrstuvwxyz" if fmt == "lowerLetter" else "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    return str(n)  # decimal, and formats without a Chinese use


@dataclass
class ListCounter:
    """Counts through a document's numbered paragraphs, in order, and gives each its label."""

    numbering: WordNumbering
    _counts: dict[str, dict[int, int]] = field(default_factory=dict)
    _restarted: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label Word shows before a paragraph of list `num_id` at level `ilvl` (None: no label)."""
        found = self.numbering.lists.get(num_id)
        if found is None:
            return None
        abstract, overrides = found
        levels = self.numbering.levels.get(abstract, {})
        if ilvl not in levels:
            return None
        counts = self._counts.setdefault(abstract, {})
        if num_id not in self._restarted and overrides:
            self._restarted.add(num_id)
            for level, start in overrides.items():
                counts[level] = start - 1
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [lvl for lvl in counts if lvl > ilvl]:
            del counts[deeper]
        level = levels[ilvl]
        if level.fmt in ("none", "bullet"):
            return None
        text = level.text
        for lvl in range(ilvl, -1, -1):
            if f"%{lvl + 1}" in text:
                n = counts.get(lvl, levels[lvl].start if lvl in levels else 1)
                fmt = levels[lvl].fmt if lvl in levels else "decimal"
                text = text.replace(f"%{lvl + 1}", format_number(n, fmt))
        return text


def _val(element, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return None if child is None else child.get(W + "val")


def numbering_from_xml(root) -> WordNumbering:
    """Read `word/numbering.xml` (an lxml element) into levels and lists."""
    levels: dict[str, dict[int, ListLevel]] = {}
    for abstract in root.iter(W + "abstractNum"):
        by_level = {}
        for lvl in abstract.iter(W + "lvl"):
            start = _val(lvl, "start")
            by_level[int(lvl.get(W + "ilvl", "0"))] = ListLevel(
                int(start) if start and start.lstrip("-").isdigit() else 1,
                _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
        levels[abstract.get(W + "abstractNumId", "")] = by_level
    lists: dict[str, tuple[str, dict[int, int]]] = {}
    for num in root.iter(W + "num"):
        overrides = {}
        for override in num.iter(W + "lvlOverride"):
            start = _val(override, "startOverride")
            if start and start.isdigit():
                overrides[int(override.get(W + "ilvl", "0"))] = int(start)
        lists[num.get(W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)
    return WordNumbering(levels, lists)


def paragraph_list(paragraph_element, style_numbering: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """The (list id, level) a paragraph element is numbered by: its own `numPr`, else its style's.
    A list id of 0 takes the number away (Word's way of un-numbering a styled paragraph)."""
    ppr = paragraph_element.find(W + "pPr")
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    style = _val(ppr, "pStyle") if ppr is not None else None
    own_id, own_level = _val(num_pr, "numId"), _val(num_pr, "ilvl")
    inherited = style_numbering.get(style or "")
    num_id = own_id or (inherited[0] if inherited else None)
    if not num_id or num_id == "0":
        return None
    if own_level is not None and own_level.isdigit():
        level = int(own_level)
    else:
        level = inherited[1] if inherited else 0
    return num_id, level


def style_numbering_from_xml(styles_root) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (headings tied to a list), following `basedOn`."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles_root.iter(W + "style"):
        style_id = style.get(W + "styleId", "")
        ppr = style.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        if num_pr is not None:
            level = _val(num_pr, "ilvl")
            own[style_id] = (_val(num_pr, "numId"), int(level) if level and level.isdigit() else None)
        parent = _val(style, "basedOn")
        if parent:
            based_on[style_id] = parent
    resolved: dict[str, tuple[str, int]] = {}
    for style_id in set(own) | set(based_on):
        num_id, level, seen, current = None, None, set(), style_id
        while current and current not in seen:
            seen.add(current)
            found_id, found_level = own.get(current, (None, None))
            num_id = num_id or found_id
            level = level if level is not None else found_level
            current = based_on.get(current)
        if num_id:
            resolved[style_id] = (num_id, level or 0)
    return resolved
