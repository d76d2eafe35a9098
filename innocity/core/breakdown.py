"""How a task reads in a 任务分解表: its lead units and its deadline, by the plan offices' conventions.

>>> lead_units([("市科技局", "responsible"), ("市委编办", "responsible")])
['市科技局']
>>> deadline_label([2024, 2025], recurring=False, plan_end=2024)
'2024年底、2025年底(十四五末)'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Named five-year-plan ends, so that a reader recognises the plan's own wording.
_NAMED_YEARS = {2025: "十四五末", 2030: "十五五末"}


def lead_units(units: Sequence[tuple[str, str]]) -> list[str]:
    """The units marked lead; when a document names no lead, the first-named unit leads (the
    convention 排在第一位的为牵头单位)."""
    leads = list(dict.fromkeys(name for name, role in units if role == "lead"))
    if leads:
        return leads
    return [units[0][0]] if units else []


def deadline_label(deadlines: Iterable[int | None], *, recurring: bool, plan_end: int) -> str:
    """完成时限 of a task: its targets' deadlines (the plan's end year when none is given),
    with 每年 first when a target recurs yearly."""
    years = sorted({year or plan_end for year in deadlines} or {plan_end})
    parts = [f"{year}年底" + (f"({_NAMED_YEARS[year]})" if year in _NAMED_YEARS and year != plan_end else "")
             for year in years]
    return "、".join((["每年"] if recurring else []) + parts)
