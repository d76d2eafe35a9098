"""Quantified targets in a block of plan text (a task's text, a goals section, a safeguard).

A block is read paragraph by paragraph, sentence by sentence (。！？；) and clause by clause
(，：). Each quantity in a clause (see numbers.py) becomes a target unless it is one of the
numbers plans write that are no targets: award and subsidy amounts (给予…奖励), eligibility
thresholds (年销售收入首次达到2000万元的, 5000万元以上的企业), fund sizes (25亿规模), counts in
names (“5150”引才计划, 中电科22所, 5G, 10条暖心举措), scope counts (五个方面), ordinals (第102次),
rates (每家最高500万元). A quantity without a comparator word counts only after a verb of making
(建成9个加氢站); a bare percentage never does (100%加计扣除).

Comparators (domain.md): 突破/超过 >, 达到/达 ≥, …以上/不少于/至少 ≥, 不超过/以内 ≤, 左右 ~;
1—2个 is a range. 力争/争取 mark an aspiration; 年均/年增长 recur yearly in their own phrase,
每年 in the rest of its sentence. A deadline stated in a clause holds for the rest of the
sentence, one opening a sentence ("到2027年，") for the rest of the block; otherwise the default
(the plan's end year). "从目前700亿…提升到900亿" is a target with a baseline.

A target's `text` is the phrase from its subject or verb to its number and qualifier, and the
counted noun when the number comes first; leading time words and 力争/争取 are left out.

>>> [t.text for t in extract_targets(["到2024年底,在孵企业超过1000家,建成9个加氢站。"], TargetContext(2024))[0]]
['在孵企业超过1000家', '建成9个加氢站']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from innocity.core.planparse.deadlines import TimeWord, find_time_words
from innocity.core.planparse.indicators import baseline_indicator, derive_indicator
from innocity.core.planparse.model import Baseline, Target
from innocity.core.planparse.numbering import numbering_of
from innocity.core.planparse.numbers import Quantity, find_quantities
from innocity.core.planparse.scanning import bracket_pairs, fold_width, mask_pairs, split_spans

_SENTENCE_END = re.compile(r"[。!?;]")
_CLAUSE_SEPARATOR = re.compile(r"[,:]")
_PREFIX_COMPARATORS = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "达到": ">=", "提升到": ">=", "提高到": ">=",
    "增长到": ">=", "增加到": ">=", "提升至": ">=", "提高至": ">=", "增至": ">=", "达至": ">=",
    "突破": ">", "超过": ">", "高于": ">", "多于": ">", "大于": ">",
    "不超过": "<=", "不高于": "<=", "不大于": "<=", "控制在": "<=", "低于": "<", "少于": "<", "小于": "<",
    "稳定在": "~", "保持在": "~", "大约": "~",
}
_PREFIX_COMPARATOR = re.compile("|".join(sorted(_PREFIX_COMPARATORS, key=len, reverse=True)))
# One-character comparators count only right before the number (超晶格 is no comparator).
_ADJACENT_COMPARATORS = {"超": ">", "达": ">=", "约": "~", "近": "~"}
_SUFFIX_COMPARATOR = re.compile(r"\s*(及以上|以上|及以下|以下|以内|之内|左右|上下|多|余)")
_SUFFIX_COMPARATORS = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
                       "左右": "~", "上下": "~", "多": ">", "余": ">"}
_CHANGE_BEFORE = re.compile(r"(?:年均增长|每年增长|年增长|同比增长|增长|提升|提高|增加|扩大|下降|降低|减少)\s*$")
# Verbs after which a bare count is a target (建成9个加氢站, 培育20家…企业).
_TARGET_VERBS = re.compile(
    "建成|建设|新建|培育|打造|引育|引进|新增|转化|举办|建立|组建|创建|争创|创成|布局|遴选|推介|实施|形成|孵化|"
    "认定|完成|吸引|支持|招引|发布|制定|制修订|推广|带动|达|建|育|集聚|引入|签约|落地|开工|投用"
)
_SUBSIDY = re.compile("奖励|补助|补贴|扶持|资助|奖补|贴息|给予|补偿|资金支持")
_ASPIRATION = re.compile("力争|争取|努力")
_YEARLY_ADVERB = re.compile("每年")
_YEARLY_LOCAL = re.compile("年均|年增长|每年增长")
_QUALITATIVE = re.compile(
    r"全覆盖|翻一番|翻两番|翻番|清零|零的突破|位居(?:全国|全省|全市|中部)?前列|走在(?:全国|全省)前列|实现倍增"
)
_QUALITATIVE_DONE = re.compile(_QUALITATIVE.pattern.join(("(?:", ")、")))
_BASE_FROM = re.compile(r"(?:从|由)\s*(?:目前|现在|当前|现有|(?P<year>(?:19|20)\d{2})\s*年(?:底|末)?(?:的)?)?\s*$")
_CHANGE_TO = re.compile(r"(?:提升|提高|增长|增加|扩大|达到|上升|下降|降低|减少)(?:到|至)|增至|降至|减至")
_TARGET_SEPARATOR = re.compile("、|以及|和|及|与")
_LEADING_TRIM = re.compile(r"(?:[\s、,:\x00]|并且|并|同时|其中|力争|争取|努力|以及)+")
_PERSON_HEAD = re.compile(r"[^\x00,;。(]{0,10}?(?:人才|人员|毕业生|专家|农民工|劳动力|人口|游客|企业|户)")
_SCOPE_NOUN = re.compile(r"(?:个)?(?:方面|领域|环节|维度|方向|板块|层面|阶段|类别|大类)")
_POLICY_PACKAGE = re.compile(r"[^\x00,。;]{0,4}(?:措施|举措|政策|意见|规定|办法)")
_RATE_BEFORE = re.compile(r"每(?!年|季|月|半年)[^\x00\d,]{0,2}$")
_CAP_BEFORE = re.compile(r"(?:最高|最低|最多)\s*$")
_ATTRIBUTE_AFTER = re.compile(r"(?:及以上|以上|及以下|以下)?的")
_THRESHOLD_AFTER = re.compile(r"(?:及以上|以上|及以下|以下)[^\x00,;。]")
_NOW_WORDS = re.compile("目前|现在|当前|现有")
_LOOKBACK = 40


@dataclass(frozen=True)
class TargetContext:
    """What extraction needs to know beyond the text: the default deadline (the plan's end year),
    the plan's start year (the period of 目前), the task's title (its topic names 集群营收), and how to find
    the organisation an indicator starts with."""

    default_deadline: int | None
    plan_start: int | None = None
    task_title: str | None = None
    owner_of: Callable[[str], str | None] | None = None


@dataclass
class _Carry:
    deadline: int | None = None
    yearly: bool = False
    aspiration: bool = False
    indicator: str | None = None


@dataclass(frozen=True)
class _Scan:
    """One paragraph in its views: as written, folded, with quotes and names masked (`quoted`),
    with parentheses masked too (`main`), and its deadline words."""

    text: str
    folded: str
    pairs: list[tuple[int, int, str]]
    quoted: str
    main: str
    times: list[TimeWord]
    pair_starts: list[int]
    time_starts: list[int]

    def times_in(self, a: int, b: int) -> list[TimeWord]:
        return self.times[bisect.bisect_left(self.time_starts, a):bisect.bisect_left(self.time_starts, b)]


def extract_targets(paragraphs: Iterable[str], context: TargetContext) -> tuple[list[Target], list[tuple[str, str]]]:
    """Targets of a block, and flags as (kind, text): ambiguous deadlines and targets written
    without a number."""
    targets: list[Target] = []
    flags: list[tuple[str, str]] = []
    block = _Carry()
    for paragraph in paragraphs:
        scan = _scan(paragraph)
        # A numbered sub-point's label ("（２）") is not part of its first sentence.
        numbering = numbering_of(paragraph)
        for sa, sb in split_spans(scan.folded, numbering.end if numbering else 0, len(scan.folded), _SENTENCE_END,
                                  scan.pairs):
            sentence = _Carry()
            clauses = split_spans(scan.folded, sa, sb, _CLAUSE_SEPARATOR, scan.pairs)
            for a, b in clauses:
                targets += _clause(scan, a, b, scan.main, context, sentence, block, flags)
                for index in range(bisect.bisect_left(scan.pair_starts, a), len(scan.pairs)):
                    ps, pe, opener = scan.pairs[index]
                    if ps >= b:
                        break
                    if opener == "(" and pe <= b and _CHANGE_TO.search(scan.quoted, ps, pe):
                        targets += _clause(scan, ps + 1, pe - 1, scan.quoted, context, sentence, block, flags)
    return targets, flags


def _scan(paragraph: str) -> _Scan:
    folded = fold_width(paragraph)
    pairs = bracket_pairs(folded)
    quoted = mask_pairs(folded, pairs, "“‘「『《〔")
    main = mask_pairs(quoted, pairs, "(")
    times = find_time_words(mask_pairs(folded, pairs, "《〔"))
    return _Scan(paragraph, folded, pairs, quoted, main, times, [p[0] for p in pairs], [t.start for t in times])


def _clause(scan: _Scan, a: int, b: int, view: str, context: TargetContext, sentence: _Carry, block: _Carry,
            flags: list[tuple[str, str]]) -> list[Target]:
    times = [t for t in scan.times_in(a, b) if view[t.start] != "\x00"]
    clause = view[a:b]
    # Where 每年 and 力争 first stand in the clause: they hold for the targets after them.
    yearly = _YEARLY_ADVERB.search(clause)
    aspiring = _ASPIRATION.search(clause)
    markers = (a + yearly.start() if yearly else None, a + aspiring.start() if aspiring else None)
    time_starts = [t.start for t in times]
    quantities = find_quantities(view, a, b)
    excluded_clause = bool(_SUBSIDY.search(clause)) or _is_condition(clause)
    baselines = _baselines(view, quantities)
    starting = {id(base) for base in baselines.values()}
    # (quantity, comparator, end with its qualifier, baseline)
    picked: list[tuple[Quantity, str, int, Quantity | None]] = []
    previous_end = a
    for index, q in enumerate(quantities):
        suffix = _SUFFIX_COMPARATOR.match(view, q.end, b)
        q_end = suffix.end() if suffix else q.end
        comparator = _comparator(view, q, suffix, previous_end)
        if (not excluded_clause and id(q) not in starting
                and _is_target(view, a, b, q, q_end, comparator, previous_end)):
            picked.append((q, comparator, q_end, baselines.get(index)))
        previous_end = q_end
    if not picked:
        _carry_over(scan, a, b, clause, times, sentence, block, flags)
        return []
    targets = []
    for index, (q, comparator, q_end, baseline_q) in enumerate(picked):
        start = a if index == 0 else _boundary(view, picked[index - 1][2], q.start)[1]
        end = b if index == len(picked) - 1 else _boundary(view, q_end, picked[index + 1][0].start)[0]
        targets.append(_target(scan, view, a, start, end, q, comparator, q_end, times, baseline_q, context,
                               sentence, block, flags, markers, time_starts))
        sentence.indicator = targets[-1].indicator
    return targets


def _carry_over(scan: _Scan, a: int, b: int, clause: str, times: list[TimeWord], sentence: _Carry,
                block: _Carry, flags: list[tuple[str, str]]) -> None:
    """A clause without targets passes on its deadline, 每年 and 力争 to the clauses after it."""
    kept, last = [], a
    for t in times:
        kept.append(scan.quoted[last:t.start])
        last = t.end
    rest = "".join(kept) + scan.quoted[last:b]
    # "力争到“十四五”末," and "到2027年," open what follows; "争取更多政策落地" does not.
    only_time_words = len(_LEADING_TRIM.sub("", rest).strip(" \x00")) <= 2
    if times:
        sentence.deadline = max(t.year for t in times)
        if only_time_words:
            block.deadline = sentence.deadline
    if _YEARLY_ADVERB.search(clause):
        sentence.yearly = True
    if only_time_words and _ASPIRATION.search(clause):
        sentence.aspiration = True
    qualitative = _QUALITATIVE.search(clause)
    if qualitative:
        flags.append(("target_without_number", scan.text[a:b].strip()))


def _comparator(view: str, q: Quantity, suffix: re.Match[str] | None, region_start: int) -> str:
    if q.value_max is not None:
        return "range"
    if suffix:
        return _SUFFIX_COMPARATORS[suffix.group(1)]
    region_start = max(region_start, q.start - _LOOKBACK)
    words = list(_PREFIX_COMPARATOR.finditer(view, region_start, q.start))
    before = view[region_start:q.start].rstrip()
    if before and before[-1] in _ADJACENT_COMPARATORS and not (words and words[-1].end() == region_start + len(before)):
        return _ADJACENT_COMPARATORS[before[-1]]
    if words:
        return _PREFIX_COMPARATORS[words[-1].group()]
    return "="


def _is_target(view: str, a: int, b: int, q: Quantity, q_end: int, comparator: str, region_start: int) -> bool:
    before = view[max(a, q.start - 6):q.start]
    after = view[q_end:min(b, q_end + 8)]
    right_after = view[q.end:min(b, q.end + 8)]
    if before.rstrip().endswith("第") or _RATE_BEFORE.search(before) or _CAP_BEFORE.search(before):
        return False
    if right_after.startswith("级") or _ATTRIBUTE_AFTER.match(right_after) or _SCOPE_NOUN.match(after):
        return False
    if q.is_money and (after.startswith("规模") or _THRESHOLD_AFTER.match(right_after)):
        return False
    if q.unit.endswith("条") and _POLICY_PACKAGE.match(after):
        return False
    if comparator != "=":
        return True
    if _CHANGE_BEFORE.search(view, max(region_start, q.start - 8), q.start):
        return True
    if q.is_percent or (q.chinese and q.value == 1):
        return False
    return bool(_TARGET_VERBS.search(view, max(a, q.start - _LOOKBACK), q.start))


def _is_condition(clause: str) -> bool:
    """"…年销售收入首次达到2000万元的" and "对…的" clauses state who qualifies, not a target."""
    stripped = clause.strip(" \x00")
    return stripped.endswith("的") or (stripped.startswith("对") and "的" in stripped)


def _baselines(view: str, quantities: list[Quantity]) -> dict[int, Quantity]:
    """Baselines by the index of the quantity they start: 从目前700亿…提升到900亿."""
    found = {}
    for index in range(len(quantities) - 1):
        first, second = quantities[index], quantities[index + 1]
        if _BASE_FROM.search(view, max(0, first.start - 12), first.start) and _CHANGE_TO.search(
                view, first.end, second.start):
            found[index + 1] = first
    return found


def _boundary(view: str, left_end: int, right_start: int) -> tuple[int, int]:
    """Where one target's phrase ends and the next one's starts, between two quantities."""
    separators = list(_TARGET_SEPARATOR.finditer(view, left_end, right_start))
    if not separators:
        return left_end, left_end
    return separators[-1].start(), separators[-1].end()


def _target(scan: _Scan, view: str, a: int, start: int, end: int, q: Quantity, comparator: str, q_end: int,
            times: list[TimeWord], baseline_q: Quantity | None, context: TargetContext, sentence: _Carry,
            block: _Carry, flags: list[tuple[str, str]], markers: tuple[int | None, int | None],
            time_starts: list[int]) -> Target:
    own_times = times[:bisect.bisect_left(time_starts, q.start)]
    if own_times:
        start = max(start, own_times[-1].end) if own_times[-1].end <= q.start else start
    # "…无研发活动实现清零、1亿元以上…覆盖率达到70%": the part before 、 is a target of its own, without a number.
    done = max(_QUALITATIVE_DONE.finditer(view, start, q.start), key=lambda m: m.end(), default=None)
    if done:
        flags.append(("target_without_number", scan.text[start:done.end() - 1].strip()))
        start = done.end()
    trimmed = _LEADING_TRIM.match(view, start, q.start)
    if trimmed:
        start = trimmed.end()
    text_end = _phrase_end(view, q, q_end, end)
    text = scan.text[start:text_end].strip()
    # Deadline: the clause's own time words, else what the sentence or block carries, else the plan's.
    years = sorted({t.year for t in own_times})
    if years:
        deadline = years[-1]
        sentence.deadline = deadline
        if len(years) > 1:
            flags.append(("ambiguous_deadline", text))
    else:
        deadline = sentence.deadline or block.deadline or context.default_deadline
    yearly_at, aspiration_at = markers
    if yearly_at is not None and yearly_at < q.start:
        sentence.yearly = True
    yearly = sentence.yearly or bool(_YEARLY_LOCAL.search(view, start, text_end))
    aspiration = sentence.aspiration or (aspiration_at is not None and aspiration_at < q.start)
    previous = sentence.indicator
    owner = (lambda: context.owner_of(previous)) if (context.owner_of and previous) else None
    if baseline_q is not None:
        base_from = _BASE_FROM.search(view, max(a, baseline_q.start - 12), baseline_q.start)
        change = _CHANGE_TO.search(view, baseline_q.end, q.start)
        indicator = baseline_indicator(scan.text[start:base_from.start()], scan.text[baseline_q.end:change.start()],
                                       owner() if owner else None)
        baseline = Baseline(baseline_q.value, _unit(baseline_q), _baseline_period(base_from, context))
    else:
        head = scan.text[start:q.start]
        tail = scan.text[q_end:text_end] if text_end > q_end else ""
        indicator = derive_indicator(head, tail, unit=_unit(q), task_title=context.task_title, owner=owner)
        if not indicator and previous:
            indicator = previous  # "…引进高层次人才1.2万人,十五五末达到2万人": the subject is left out
        baseline = None
    return Target(
        text=text,
        indicator=indicator or text,
        comparator=comparator,
        value=q.value,
        unit=_unit(q),
        deadline=deadline,
        recurring="yearly" if yearly else None,
        aspiration=aspiration,
        value_max=q.value_max,
        baseline=baseline,
    )


def _phrase_end(view: str, q: Quantity, q_end: int, end: int) -> int:
    """A target phrase ends at its number and qualifier, or after the counted noun when the number
    comes first (建成9个加氢站); a parenthesis after it is not part of it."""
    tail = view[q_end:end]
    paren = tail.find("(")
    if paren >= 0:
        tail = tail[:paren]
    if not tail.strip(" \x00"):
        return q_end
    if q.bare_multiplier:
        # 30万青年人才创新创业任务: what 30万 counts ends with its head noun.
        head = _PERSON_HEAD.match(tail)
        if head:
            return q_end + head.end()
    return q_end + len(tail.rstrip(" \x00"))


def _unit(q: Quantity) -> str:
    return fold_width(q.unit)


def _baseline_period(base_from: re.Match[str], context: TargetContext) -> str | None:
    if base_from["year"]:
        return base_from["year"]
    if _NOW_WORDS.search(base_from.group()) and context.plan_start:
        return str(context.plan_start)
    return None
