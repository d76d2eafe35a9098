"""The indicator a target measures, named by rule from the target's phrase.

The rule: the subject of the phrase with the verb and comparator words removed —
"撬动全社会研发投入强度突破3%" measures 全社会研发投入强度, "建成9个加氢站" counts 加氢站. Then:
- a change in percent names a rate: "技术合同交易额年增长20%" → 技术合同交易额年增长率,
  "高新区整体经济规模提升30%" → 高新区整体经济规模增幅;
- a share written "A占B" names its 比重;
- a verb the comparator follows is the measured activity: "转化不少于100项科技成果" → 科技成果转化,
  owned by the organisation of the target before it in the sentence when that one names one;
  a verb without comparator qualifies the noun: "留新30万青年人才" → 留新青年人才;
- a condition after the counted noun qualifies it: "11家龙头企业营收达到百亿级" →
  营收达到百亿级的龙头企业;
- a bare 集群 refers to the task's industry: "集群营收" in 做优生物医药产业 → 生物医药产业集群营收.

>>> derive_indicator("撬动全社会研发投入强度突破", "", unit="%")
'全社会研发投入强度'
>>> derive_indicator("技术合同交易额年增长", "", unit="%")
'技术合同交易额年增长率'
>>> derive_indicator("建成", "加氢站", unit="个")
'加氢站'
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TRAILING_COMPARATOR = re.compile(
    r"(?:不少于|不低于|不小于|不超过|不高于|不大于|至少|突破|超过|高于|多于|大于|达到|低于|少于|小于|控制在|"
    r"稳定在|保持在|提升到|提高到|增长到|增加到|提升至|提高至|增至|达至|达|超|约|近)\s*$"
)
_TRAILING_CHANGE = re.compile(r"(年均增长|每年增长|年增长|同比增长|增长|提升|提高|增加|扩大|下降|降低|减少)\s*$")
_YEARLY_CHANGE = ("年均增长", "每年增长", "年增长", "同比增长")
_FALLING = ("下降", "降低", "减少")
# Words that open a phrase without naming what is measured: time and manner adverbs, then the
# generic verbs of making and doing. Verbs that say what is counted (新增, 引育, 吸引, 转化, 留新)
# are not here: they are part of the indicator.
_ALWAYS_LEADING = ("每年", "每季度", "其中", "并且", "并", "同时", "至少", "不少于", "力争", "争取", "努力",
                   "确保", "累计")
_ADVERBS = ("加速", "加快", "大力", "积极", "重点", "进一步", "全力", "持续", "着力", "不断", "稳步", "全面",
            "逐步", "初步", "基本")
GENERIC_VERBS = ("组织实施", "组织开展", "预算安排", "撬动", "建成", "建设", "新建", "培育", "打造", "实现", "推动",
                 "建立", "举办", "实施", "开展", "形成", "布局", "争创", "创建", "遴选", "推介", "完成", "安排",
                 "带动", "引导", "推进", "达成", "促进", "支持", "认定")
_PERSON_UNITS = ("人", "万人", "名", "位", "人次", "万人次")
_TAIL_OPENERS = ("规模的", "规模", "的")
# A measure followed by a comparator after the counted noun is a condition on what is counted.
_CONDITION = re.compile(r"(营收|营业收入|销售收入|主营业务收入|收入|产值|产量|市值)(?=达到|突破|超过|达|超)")
_SHARE_ENDINGS = ("比重", "比例", "占比", "份额", "率")
# Abbreviated measures written out when they stand alone.
_SPELLED_OUT = {"营收": "营业收入"}
_TITLE_VERBS = ("前瞻布局", "做优", "做强", "做大", "做精", "做实", "做深", "壮大", "培育", "发展", "打造", "提升",
                "推动", "推进", "加快", "布局", "优化", "加强", "实施", "建设", "促进", "深化", "强化", "完善", "积极",
                "大力")


# "在新一代信息技术、高端装备等领域建设…": where something is done is not what is counted.
_LOCATIVE = re.compile(r"^(?:在|围绕|聚焦|面向)[^,，。]{1,30}?(?:领域|方面|行业|地区|区域|产业链)(?:内|中|上)?")


def strip_leading(phrase: str) -> str:
    """Drop the adverbs and generic verbs a phrase opens with: 加速培育科技型中小企业 → 科技型中小企业."""
    phrase = _LOCATIVE.sub("", phrase)
    changed = True
    while changed and phrase:
        changed = False
        phrase = phrase.lstrip(" ,，、")
        for word in _ALWAYS_LEADING + GENERIC_VERBS:
            if phrase.startswith(word):
                phrase, changed = phrase[len(word):], True
                break
        else:
            for word in _ADVERBS:
                rest = phrase[len(word):]
                if phrase.startswith(word) and rest.startswith(GENERIC_VERBS + _ADVERBS):
                    phrase, changed = rest, True
                    break
    return phrase


def task_topic(title: str) -> str:
    """What a task is about: its title without the leading verb (做优生物医药产业 → 生物医药产业)."""
    changed = True
    while changed:
        changed = False
        for verb in _TITLE_VERBS:
            if title.startswith(verb) and len(title) > len(verb):
                title, changed = title[len(verb):], True
    return title


def derive_indicator(head: str, tail: str, *, unit: str, task_title: str | None = None,
                     owner: Callable[[], str | None] | None = None) -> str:
    """Name the indicator of a target phrase split around its quantity: `head` is the phrase
    before the number (comparator included), `tail` the words after the number and unit."""
    phrase = head.strip()
    measured_verb = bool(_TRAILING_COMPARATOR.search(phrase))
    phrase = _TRAILING_COMPARATOR.sub("", phrase)
    change = _TRAILING_CHANGE.search(phrase)
    if change:
        phrase = phrase[:change.start()]
    phrase = strip_leading(phrase.strip(" ,，、")).strip(" ,，、")
    if phrase.endswith("等"):
        phrase = ""  # a list of examples (白鹭化纤、科隆集团等) is not what is counted
    noun, condition = _counted_noun(tail, unit)
    if phrase and noun:
        if measured_verb and len(phrase) <= 4 and "的" not in phrase:
            indicator = noun + phrase
            found_owner = owner() if owner else None
            if found_owner and not indicator.startswith(found_owner):
                indicator = found_owner + indicator
        else:
            indicator = phrase + noun
    else:
        indicator = (phrase.rstrip("的") if phrase else noun)
    if condition:
        indicator = f"{condition}的{indicator}"
    indicator = _with_change(indicator, change.group(1) if change else None, unit)
    if _is_percent(unit) and "占" in indicator and not indicator.endswith(_SHARE_ENDINGS):
        indicator += "比重"
    if task_title and indicator.startswith("集群"):
        indicator = task_topic(task_title) + indicator
    return indicator


def baseline_indicator(before_from: str, measure: str, owner: str | None) -> str:
    """The indicator of "从目前700亿营收预期提升到900亿": the subject before 从 when there is one,
    else the measure named after the baseline, spelled out, owned like the target before it."""
    subject = strip_leading(before_from.strip(" ,，、"))
    if subject:
        return subject
    measure = re.sub(r"(预期|预计|有望|将)$", "", measure.strip())
    measure = _SPELLED_OUT.get(measure, measure)
    return (owner or "") + measure


def _counted_noun(tail: str, unit: str) -> tuple[str, str]:
    noun = tail.strip(" ,，、")
    for opener in _TAIL_OPENERS:
        if noun.startswith(opener):
            noun = noun[len(opener):]
            break
    if unit in _PERSON_UNITS:
        noun = noun.removesuffix("队伍")
    condition = _CONDITION.search(noun)
    if condition and condition.start() > 0:
        return noun[:condition.start()], noun[condition.start():]
    return noun, ""


def _with_change(indicator: str, change: str | None, unit: str) -> str:
    if not change or not _is_percent(unit):
        return indicator
    if change in _YEARLY_CHANGE:
        return indicator + ("年均增长率" if change == "年均增长" else "年增长率")
    return indicator + ("降幅" if change in _FALLING else "增幅")


def _is_percent(unit: str) -> bool:
    return unit in ("%", "‰", "个百分点", "百分点")
