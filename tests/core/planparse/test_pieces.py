"""The small pieces: numbering, numerals and quantities, deadlines, notes and lists, indicators.
Their doctests run here too, so that the examples in the docstrings stay true."""

import doctest

import pytest

from innocity.core import planparse
from innocity.core.planparse import (
    api,
    breakdown,
    deadlines,
    diff,
    indicators,
    numbering,
    numbers,
    reading,
    scanning,
    targets,
    units,
)
from innocity.core.planparse.deadlines import find_time_words
from innocity.core.planparse.numbering import numbering_of
from innocity.core.planparse.numbers import chinese_number, find_quantities
from innocity.core.planparse.units import find_notes, split_unit_list


@pytest.mark.parametrize("module", [planparse, api, breakdown, deadlines, diff, indicators, numbering, numbers,
                                    reading, scanning, targets, units])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("line, style, number", [
    ("一、指导思想", "cn", "一"), ("十二、附则", "cn", "十二"), ("(一)发挥", "paren_cn", "(一)"),
    ("（二十九）加强", "paren_cn", "（二十九）"), ("1.加快", "arabic", "1"), ("１．加快", "arabic", "1"),
    ("12、推进", "arabic", "12"), ("(1)建设", "paren_arabic", "(1)"), ("（３）建设", "paren_arabic", "（３）"),
    ("1)建设", "arabic_paren", "1)"), ("②推进", "circled", "②"), ("第三章 任务", "chapter", "第三章"),
])
def test_numbering_forms(line, style, number):
    found = numbering_of(line)
    assert (found.style, found.number) == (style, number)


@pytest.mark.parametrize("line", ["1.3万家企业", "2024年底", "十四五期间", "一是加强", "5G基站", "（2022—2024年）"])
def test_lines_that_are_not_numbered(line):
    assert numbering_of(line) is None


@pytest.mark.parametrize("text, value", [("十一", 11), ("两", 2), ("二十", 20), ("一百零五", 105), ("三千", 3000),
                                         ("两万", 20000), ("一亿", 10**8), ("十四五", None), ("百百", None)])
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_quantities_keep_the_unit_as_written():
    found = [(q.value, q.value_max, q.unit) for q in find_quantities("3.1%、700亿、1.3万家、2-3个、十一家、12EFLOPS、两场、5G、22所电波")]
    assert found == [(3.1, None, "%"), (700, None, "亿"), (1.3, None, "万家"), (2, 3, "个"), (11, None, "家"),
                     (12, None, "EFLOPS"), (2, None, "场")]


def test_deadline_words():
    found = [(t.year, t.text) for t in find_time_words("到2024年底,十四五末,十五五期间,2022年10月,从2020年起,2025年前")]
    assert found == [(2024, "到2024年底"), (2025, "十四五末"), (2030, "十五五期间"), (2025, "2025年前")]


def test_note_forms():
    assert [n.assignments for n in find_notes("甲。(牵头单位:市科技局,责任单位:市财政局;配合单位:市教育局)")] == [
        (("市科技局", "lead"), ("市财政局", "responsible"), ("市教育局", "cooperating"))]
    assert find_notes("甲。（市科技局、市财政局按职责分工负责）")[0].assignments == (
        ("市科技局", "responsible"), ("市财政局", "responsible"))
    assert find_notes("发挥基金(25亿规模)作用") == ()
    assert find_notes("由(企业负责)组织") == ()


def test_lists_keep_brackets_and_groups_and_drop_etc():
    assert split_unit_list("各县〔市、区〕政府、省海洋局等、有关区、市政府、 新乡国资集团") == [
        "各县〔市、区〕政府", "省海洋局", "有关区、市政府", "新乡国资集团"]


@pytest.mark.parametrize("state", ["(修订稿)", "（征求意见稿）", "(试行)"])
def test_a_titles_document_state_stays_part_of_the_title(state):
    from innocity.core.planparse import parse_text

    plan = parse_text(f"某市科技创新行动方案{state}\n(2023—2025年)\n一、主要任务\n1.建设平台。建成2个平台。(责任单位:市科技局)")
    assert plan.title == f"某市科技创新行动方案{state}(2023—2025年)"
    assert plan.period == (2023, 2025)
