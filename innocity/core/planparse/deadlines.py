"""Time words of targets and plans: deadlines (到2024年底, 十四五末) and a plan's period (2022—2024年).

domain.md: "十四五末" is the end of 2025, "十五五末" the end of 2030, "到2024年底" is 2024.

>>> [(t.year, t.text) for t in find_time_words("力争到“十四五”末,2024年集群营收")]
[(2025, '到“十四五”末'), (2024, '2024年')]
>>> plan_period("新乡市创新型城市建设三年行动工作方案(2022—2024年)")
(2022, 2024)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}

# A year the target is due by. Not a date (2022年10月), not a start (2021年以来, 从2023年起).
_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年(?:底|末|前|内|以前|之前)?(?!\s*\d{1,2}\s*月|度|以来|起|来|代|的)"
_FIVE = r"“?(?P<five>十三五|十四五|十五五|十六五)”?(?:末|期末|期间|时期|时期末|规划期末?)?"
_TIME = re.compile(rf"(?:(?:到|至|截至|截止到|截止|于|在)\s*)?(?:{_YEAR}|{_FIVE})")
_START_WORDS = ("从", "由", "自", "与", "比")
_PERIOD = re.compile(r"[(]\s*((?:19|20)\d{2})\s*(?:—{1,2}|–|-|~|至|到)\s*((?:19|20)\d{2})\s*年?\s*[)]")


@dataclass(frozen=True)
class TimeWord:
    start: int
    end: int
    year: int
    text: str


def find_time_words(folded: str, start: int = 0, end: int | None = None) -> list[TimeWord]:
    """Deadline words in folded[start:end], in order; a year after 从/由/自 is a baseline's, not a
    deadline, and is left out."""
    end = len(folded) if end is None else end
    found = []
    for match in _TIME.finditer(folded, start, end):
        if match["year"] and folded[max(0, match.start() - 1):match.start()] in _START_WORDS:
            continue
        year = int(match["year"]) if match["year"] else FIVE_YEAR_PLANS[match["five"]]
        found.append(TimeWord(match.start(), match.end(), year, folded[match.start():match.end()]))
    return found


def plan_period(folded_title: str) -> tuple[int, int] | None:
    """The (start, end) years a title states in brackets, e.g. (2023—2025年)."""
    match = _PERIOD.search(folded_title)
    if not match:
        return None
    start, end = int(match[1]), int(match[2])
    return (start, end) if start <= end else None
