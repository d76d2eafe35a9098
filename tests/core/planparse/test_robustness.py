"""Any input ends in a ParsedPlan or a DocumentError, never another exception (hypothesis)."""

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innocity.core.planparse import DocumentError, ParsedPlan, parse_file, parse_text, to_json

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = (ROOT / "samples" / "xinxiang-innovative-city-plan-2022-2024.txt").read_text(encoding="utf-8")

# The characters plans are made of, so that generated text reaches headings, notes and targets.
PLAN_WORDS = [
    "一、", "二、", "(一)", "（二）", "1.", "2．", "3、", "(1)", "（2）", "①", "第一章", "\n", "\n", "。", "，", ",", "、", "；",
    ":", "：", "(", ")", "（", "）", "〔", "〕", "“", "”", "《", "》", "——", "—", "-", "%", "％", "1.3", "20", "１００", "2024年",
    "到2024年底", "十四五末", "十五五", "十一", "两", "千", "万", "亿", "个", "家", "项", "场", "人", "元", "万家", "亿元", "达到",
    "突破", "超过", "以上", "不少于", "至少", "不超过", "以内", "左右", "力争", "争取", "每年", "年均", "年增长", "从目前", "提升到",
    "责任单位:", "牵头单位：", "配合单位:", "按职责分工负责", "负责", "牵头", "配合", "市科技局", "各县〔市、区〕政府", "驻新高校、科研院所",
    "等", "的", "建成", "培育", "加氢站", "企业", "集群营收", "给予", "奖励", "规模", "第", "每家", "最高", "5G", "发展目标",
    "主要任务", "保障措施", "工作方案(2022—2024年)", "本方案自印发之日起施行", "\u3000", " ",
]
plan_text = st.lists(st.sampled_from(PLAN_WORDS), max_size=300).map("".join)


def check_plan(plan: ParsedPlan, text: str) -> None:
    assert isinstance(plan, ParsedPlan)
    to_json(plan)  # serialisable
    for target in [*plan.goals, *(t for task in plan.tasks for t in task.targets), *(p.target for p in plan.other_targets)]:
        assert target.text and target.text in text
        assert target.comparator in (">", ">=", "=", "<=", "<", "~", "range")
    for task in plan.tasks:
        assert task.title in text
        assert all(unit.name and unit.role in ("lead", "responsible", "cooperating") for unit in task.units)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_any_text_parses(text):
    check_plan(parse_text(text), text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_text)
def test_plan_like_text_parses_and_targets_are_phrases_of_it(text):
    check_plan(parse_text(text), text)


@settings(max_examples=50, deadline=None)
@given(plan_text, st.integers(0, len(SAMPLE)), st.integers(0, len(SAMPLE)))
def test_the_sample_with_noise_parses(noise, cut, start):
    text = SAMPLE[:cut] + noise + SAMPLE[start:]
    check_plan(parse_text(text), text)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.doc", "x", "x.md", None]))
def test_any_bytes_end_in_a_plan_or_a_document_error(data, filename):
    try:
        plan = parse_file(data, filename)
    except DocumentError as error:
        assert str(error)
    else:
        assert isinstance(plan, ParsedPlan)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_bytes_that_start_like_a_known_format(data, magic):
    try:
        parse_file(magic + data, "x.bin")
    except DocumentError as error:
        assert str(error)


def test_an_empty_file_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="文件为空"):
        parse_file(path)


def test_a_5_mb_file_parses_in_seconds(tmp_path):
    path = tmp_path / "big.txt"
    copies = 5 * 1024 * 1024 // len(SAMPLE.encode()) + 1
    path.write_text("\n".join([SAMPLE] * copies), encoding="utf-8")
    assert path.stat().st_size > 5 * 1024 * 1024
    started = time.perf_counter()
    plan = parse_file(path)
    assert time.perf_counter() - started < 15
    assert len(plan.tasks) == 21 * copies


def test_a_5_mb_line_without_breaks_parses():
    text = "加快推进建设(" * 300_000 + "，建成9个加氢站" * 50_000
    started = time.perf_counter()
    plan = parse_text(text)
    assert time.perf_counter() - started < 15
    assert plan.tasks == ()


@pytest.mark.parametrize("piece, copies", [
    ("一", 500_000), ("(提升到5%)，", 40_000), ("到2024年底，", 40_000), ("1—2—3个", 40_000), ("“", 300_000),
    ("(", 300_000), ("建成9个加氢站、", 40_000),
])
def test_long_runs_stay_linear(piece, copies):
    """Inputs that would make a careless scanner quadratic (a run of numerals, many clauses with
    brackets or deadlines in one paragraph, stray openers)."""
    started = time.perf_counter()
    plan = parse_text(piece * copies)
    assert time.perf_counter() - started < 6
    assert isinstance(plan, ParsedPlan)
