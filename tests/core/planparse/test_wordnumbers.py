"""Word list numbers: counters per list and level, restarts, formats."""

from hypothesis import given
from hypothesis import strategies as st

from innocity.core.planparse.numbering import numbering_of
from innocity.core.planparse.wordnumbers import ListCounter, ListLevel, WordNumbering, chinese_number

OUTLINE = WordNumbering(
    levels={"1": {0: ListLevel(1, "chineseCounting", "%1、"), 1: ListLevel(1, "chineseCounting", "（%2）"),
                  2: ListLevel(1, "decimal", "%3.")}},
    lists={"5": ("1", {}), "6": ("1", {2: 1})})


@given(st.lists(st.integers(0, 2), min_size=1, max_size=60))
def test_each_level_counts_from_one_after_its_parent_advances(levels):
    counter = ListCounter(OUTLINE)
    expected = {0: 0, 1: 0, 2: 0}
    for level in levels:
        expected[level] += 1
        for deeper in range(level + 1, 3):
            expected[deeper] = 0
        label = counter.label("5", level)
        found = numbering_of(label + "正文")
        # The importer reads the written-out label as the number of the same style and value.
        assert found is not None and found.label == label
        assert label == ("{}、", "（{}）", "{}.")[level].format(
            chinese_number(expected[level]) if level < 2 else expected[level])


@given(st.integers(1, 99))
def test_chinese_counting_reads_back_as_an_outline_number(n):
    assert numbering_of(f"{chinese_number(n)}、主要任务").number == chinese_number(n)


def test_a_restart_override_applies_once_at_the_first_use_of_its_list():
    counter = ListCounter(OUTLINE)
    assert [counter.label("5", 2) for _ in range(3)] == ["1.", "2.", "3."]
    assert [counter.label("6", 2) for _ in range(2)] == ["1.", "2."]
    assert counter.label("5", 2) == "3."  # the same definition: the lists share one count
    assert counter.label("99", 0) is None and counter.label("5", 7) is None
