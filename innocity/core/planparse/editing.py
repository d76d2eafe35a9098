"""Corrections of a working document: the JSON of `to_json` that the importer keeps while a person
reviews a parse.

Each edit changes the document in place and returns the problems it found, as sentences for the
person (Chinese, then English); when there is a problem nothing is changed. Values come as the
strings of a web form. `current_flags` lists what a reviewer still has to look at after the edits.
The document's `meta` holds what the text does not state reliably: issuer, document_number and
issued (an ISO date), plus the importer's `source`.

>>> from innocity.core.planparse import parse_text, to_json
>>> doc = to_json(parse_text("三、主要任务\\n1.建设平台。建成9个加氢站。(责任单位:市工信局)"))
>>> update_target(doc, "task", 0, 0, {"indicator": "加氢站", "comparator": ">=", "value": "１２",
...                                    "unit": "个", "deadline": "2025"})
[]
>>> target = doc["tasks"][0]["targets"][0]
>>> target["text"], target["comparator"], target["value"], target["deadline"]
('建成9个加氢站', '>=', 12, 2025)
>>> set_task_title(doc, 0, " ")
['任务标题不能为空 / the task title is required']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from innocity.core.planparse.model import COMPARATORS, FLAG_MESSAGES
from innocity.core.planparse.scanning import fold_width

# The lengths the plan store keeps (innocity.plans.models); longer input is refused here, where
# the person can still correct it, rather than at import.
MAX_TITLE = 300
MAX_ISSUER = 200
MAX_DOCUMENT_NUMBER = 100
MAX_INDICATOR = 200
MAX_UNIT = 30
# The plan store keeps 20 digits with 6 after the point.
MAX_VALUE = Decimal(10) ** 14
FIRST_YEAR, LAST_YEAR = 1949, 2100
OWNERS = ("goal", "task", "other")
ROLE_NAMES = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}
TRUE_WORDS = ("on", "true", "1")
FALSE_WORDS = ("", "off", "false", "0")
# Flags recomputed from the units' state by `current_flags`; the others are kept from the parse.
UNIT_FLAGS = ("unresolved_unit", "fuzzy_unit")
# Flags that look at the plan as a whole come after the flags of its parts, as in the parse.
PLAN_FLAGS = ("duplicate_task", "no_tasks")

_NUMBER = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


# --- metadata ------------------------------------------------------------------------------


def set_meta(doc: dict, fields: Mapping[str, str]) -> list[str]:
    """Set the plan's title, issuer, document_number, issued (YYYY-MM-DD or empty) and period
    (period_start, period_end). A field absent from `fields` stays as it is."""
    problems: list[str] = []
    changes: dict[str, object] = {}
    meta_changes: dict[str, object] = {}
    if "title" in fields:
        title = _clean(fields["title"])
        if not title:
            problems.append("方案标题不能为空 / the plan title is required")
        elif len(title) > MAX_TITLE:
            problems.append(f"方案标题不能超过 {MAX_TITLE} 字 / the plan title is longer than {MAX_TITLE} characters")
        changes["title"] = title
    if "issuer" in fields:
        issuer = _clean(fields["issuer"])
        if len(issuer) > MAX_ISSUER:
            problems.append(f"印发机关不能超过 {MAX_ISSUER} 字 / the issuer is longer than {MAX_ISSUER} characters")
        meta_changes["issuer"] = issuer
    if "document_number" in fields:
        number = _clean(fields["document_number"])
        if len(number) > MAX_DOCUMENT_NUMBER:
            problems.append(f"文号不能超过 {MAX_DOCUMENT_NUMBER} 字 / the document number is longer than "
                            f"{MAX_DOCUMENT_NUMBER} characters")
        meta_changes["document_number"] = number or None
    if "issued" in fields:
        issued, problem = _date(fields["issued"])
        problems += problem
        meta_changes["issued"] = issued
    if "period_start" in fields or "period_end" in fields:
        period, problem = _period(doc, fields)
        problems += problem
        changes["period"] = period
    if problems:
        return problems
    doc.update(changes)
    meta = doc.get("meta")
    doc["meta"] = {**(meta if isinstance(meta, dict) else {}), **meta_changes}
    return []


def _date(raw: str) -> tuple[str | None, list[str]]:
    text = _folded(raw)
    if not text:
        return None, []
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text).isoformat(), []
    except ValueError:
        return None, [f"印发日期 {text} 应为 YYYY-MM-DD (如 2022-11-18) / the issue date must be YYYY-MM-DD"]


def _period(doc: dict, fields: Mapping[str, str]) -> tuple[dict | None, list[str]]:
    current = doc.get("period") or {}
    start, start_problems = _year(fields.get("period_start", current.get("start")), "实施期起始年", "first year")
    end, end_problems = _year(fields.get("period_end", current.get("end")), "实施期结束年", "last year")
    problems = start_problems + end_problems
    if start is None and not start_problems:
        problems.append("请填写实施期起始年 / the first year of the period is required")
    if end is None and not end_problems:
        problems.append("请填写实施期结束年 / the last year of the period is required")
    if start is not None and end is not None and start > end:
        problems.append(f"实施期起始年 {start} 晚于结束年 {end} / the period starts after it ends")
    return {"start": start, "end": end}, problems


def _year(raw, what: str, english: str) -> tuple[int | None, list[str]]:
    """A year from a form ("2024", "２０２４", "2024年"), or None when empty."""
    typed = _folded(raw)
    text = typed.removesuffix("年")
    if not text:
        return None, []
    if _YEAR.match(text) and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text), []
    return None, [f"{what} {typed} 应为 {FIRST_YEAR}—{LAST_YEAR} 之间的年份 / the {english} must be a year "
                  f"from {FIRST_YEAR} to {LAST_YEAR}"]


# --- tasks and units -----------------------------------------------------------------------


def find_task(doc: Mapping, section_path, number: str) -> int | None:
    """The index of the task with this section path and number, or None."""
    path = list(section_path)
    return next((i for i, task in enumerate(doc.get("tasks", []))
                 if list(task["section_path"]) == path and task["number"] == number), None)


def set_task_title(doc: dict, task_index: int, title: str) -> list[str]:
    task, problems = _task_at(doc, task_index)
    if problems:
        return problems
    title = _clean(title)
    if not title:
        return ["任务标题不能为空 / the task title is required"]
    if len(title) > MAX_TITLE:
        return [f"任务标题不能超过 {MAX_TITLE} 字 / the task title is longer than {MAX_TITLE} characters"]
    task["title"] = title
    return []


def set_unit_org(doc: dict, task_index: int, name: str, org: str | None,
                 org_exists: Callable[[str], bool]) -> list[str]:
    """Give the unit written `name` in the task the registry organisation `org` (a short name),
    or mark it unresolved with None or "". A group reference is not changed here: it stands for
    several organisations. An organisation may stand for one unit of a task only."""
    task, problems = _task_at(doc, task_index)
    if problems:
        return problems
    refs = [unit for unit in task["units"] if unit["name"] == name]
    where = f"任务 {task['number']}"
    if not refs:
        return [f"{where} 没有写作“{name}”的责任单位 / the task has no unit written {name}"]
    if _is_group(refs):
        return [f"{where} 的“{name}”是集合称谓, 代表 {len(refs)} 个单位, 不能改为单个组织 / "
                f"{name} is a group reference standing for several organisations"]
    org = (org or "").strip() or None
    if org is not None and not org_exists(org):
        return [f"组织名录中没有“{org}” / {org} is not in the organisation registry"]
    holders = _holders(task["units"], name, org)
    if len(holders) > 1:
        # The plan data allows an organisation once per task (docs/formats/plan-data.md).
        written = "、".join(f"“{unit_name}”({ROLE_NAMES.get(role, role)})" for unit_name, role in holders)
        return [f"{where} 中 {org} 将对应 {written}, 一个单位在同一任务中只能出现一次 / "
                f"{org} would stand for more than one unit of this task"]
    for unit in refs:
        unit["org"] = org
        unit["method"] = "manual" if org is not None else None
    return []


def _holders(units: list[dict], name: str, org: str | None) -> list[tuple[str, str]]:
    """The units (name, role) that would stand for `org` once the units written `name` have it."""
    if org is None:
        return []
    holders = [(unit["name"], unit["role"]) for unit in units if unit["name"] == name or unit["org"] == org]
    return list(dict.fromkeys(holders))


def _is_group(refs: list[dict]) -> bool:
    """Whether the units written with one name stand for a group (各县〔市、区〕政府 → 12 counties)."""
    return any(unit.get("method") == "group" for unit in refs) or len({unit["org"] for unit in refs}) > 1


def _task_at(doc: Mapping, index) -> tuple[dict, list[str]]:
    tasks = doc.get("tasks", [])
    if not _valid_index(index, tasks):
        return {}, [f"没有序号为 {index} 的任务 / no task at index {index}"]
    return tasks[index], []


def _valid_index(index, items: list) -> bool:
    # A form's missing index arrives as -1: never read it as Python's "last item".
    return isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(items)


# --- targets -------------------------------------------------------------------------------


def update_target(doc: dict, owner: str, owner_index: int, target_index: int, fields: Mapping[str, str]) -> list[str]:
    """Correct a target's indicator, comparator, value, value_max, unit, deadline, recurring and
    aspiration from a form. `owner` is "goal" (doc["goals"]), "task" (the targets of task
    `owner_index`) or "other" (doc["other_targets"]); goals and other targets are one list each,
    so their `owner_index` is 0. The phrase as written (`text`) and the baseline stay."""
    target, problems = _target_at(doc, owner, owner_index, target_index)
    if problems:
        return problems
    values, problems = target_fields(fields)
    if problems:
        return problems
    target.update(values)
    return []


def delete_target(doc: dict, owner: str, owner_index: int, target_index: int) -> list[str]:
    """Remove a mis-detected target (a subsidy amount, a threshold …)."""
    _, problems = _target_at(doc, owner, owner_index, target_index)
    if problems:
        return problems
    del _targets_of(doc, owner, owner_index)[target_index]
    return []


def target_fields(fields: Mapping[str, str]) -> tuple[dict, list[str]]:
    """A target's editable fields from a form, validated, in the JSON's form; and the problems."""
    problems: list[str] = []
    indicator = _clean(fields.get("indicator", ""))
    if not indicator:
        problems.append("指标名称不能为空 / the indicator is required")
    elif len(indicator) > MAX_INDICATOR:
        problems.append(f"指标名称不能超过 {MAX_INDICATOR} 字 / the indicator is longer than {MAX_INDICATOR} "
                        "characters")
    comparator = _clean(fields.get("comparator", ""))
    if comparator not in COMPARATORS:
        problems.append(f"比较符 {comparator} 无效, 应为 {' '.join(COMPARATORS)} 之一 / unknown comparator")
    value, problem = _number(fields.get("value", ""), "目标值", "value")
    problems += problem
    value_max = None
    # value_max belongs to a range only; a form may still carry it after the comparator changed.
    if comparator == "range":
        value_max, problem = _number(fields.get("value_max", ""), "区间上限", "upper value")
        problems += problem
        if value is not None and value_max is not None and value_max < value:
            problems.append(f"区间上限 {value_max} 小于目标值 {value} / the upper value is below the value")
    unit = _clean(fields.get("unit", ""))
    if len(unit) > MAX_UNIT:
        problems.append(f"单位不能超过 {MAX_UNIT} 字 / the unit is longer than {MAX_UNIT} characters")
    deadline, problem = _year(fields.get("deadline", ""), "完成年", "deadline")
    problems += problem
    recurring = _clean(fields.get("recurring", ""))
    if recurring not in ("", "yearly"):
        problems.append(f"recurring 应为 yearly 或空, 而不是 {recurring} / recurring must be yearly or empty")
    aspiration = _clean(fields.get("aspiration", "")).lower()
    if aspiration not in TRUE_WORDS + FALSE_WORDS:
        problems.append(f"力争 (aspiration) 应为勾选或不勾选, 而不是 {aspiration} / aspiration must be on or off")
    if problems:
        return {}, problems
    return {
        "indicator": indicator, "comparator": comparator, "value": _json_number(value),
        "value_max": _json_number(value_max), "approximate": comparator == "~", "unit": unit,
        "deadline": deadline, "recurring": recurring or None, "aspiration": aspiration in TRUE_WORDS,
    }, []


def _number(raw, what: str, english: str) -> tuple[Decimal | None, list[str]]:
    """A number as a person types it: full-width digits (１２．５) and 1,000 are read."""
    text = _folded(raw).replace(" ", "")
    if not text:
        return None, [f"请填写{what} / the {english} is required"]
    if not _NUMBER.match(text):
        return None, [f"{what} {text} 应为数字 / the {english} must be a number"]
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:  # the pattern admits only numbers; kept for safety of the conversion
        return None, [f"{what} {text} 应为数字 / the {english} must be a number"]
    if abs(number) >= MAX_VALUE:
        return None, [f"{what} {text} 过大 / the {english} is too large"]
    return number, []


def _json_number(value: Decimal | None) -> int | float | None:
    """As `to_json` writes numbers: integral values as int."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _target_at(doc: Mapping, owner: str, owner_index, target_index) -> tuple[dict, list[str]]:
    if owner not in OWNERS:
        return {}, [f"目标所属 {owner} 无效, 应为 goal / task / other / unknown owner of a target"]
    if owner == "task":
        _, problems = _task_at(doc, owner_index)
        if problems:
            return {}, problems
    elif owner_index != 0:
        return {}, [f"发展目标和其他目标的 owner_index 应为 0, 而不是 {owner_index} / owner_index must be 0"]
    targets = _targets_of(doc, owner, owner_index)
    if not _valid_index(target_index, targets):
        return {}, [f"没有序号为 {target_index} 的目标 / no target at index {target_index}"]
    return targets[target_index], []


def _targets_of(doc: Mapping, owner: str, owner_index: int) -> list[dict]:
    if owner == "goal":
        return doc["goals"]
    if owner == "other":
        return doc["other_targets"]
    return doc["tasks"][owner_index]["targets"]


# --- flags ---------------------------------------------------------------------------------


def current_flags(doc: Mapping) -> list[dict]:
    """The flags a reviewer still has to look at, in document order.

    Unit flags follow the units as they are now: unresolved_unit for each name without an
    organisation (once per task), fuzzy_unit for a unit still matched by a similar name. The
    other flags of the parse are kept, except title_uncertain once the task's title was changed.
    """
    tasks = doc.get("tasks", [])
    anchors = _anchors(doc)
    kept = [flag for flag in doc.get("flags", []) if flag["kind"] not in UNIT_FLAGS and not _settled(flag, doc)]
    unit_flags = [flag for task in tasks for flag in _unit_flags(task)]
    flags = [_flag(flag["kind"], flag["text"], flag.get("section_path", []), flag.get("task")) for flag in kept]

    def order(item: tuple[int, dict]) -> tuple:
        position, flag = item
        if flag["kind"] in PLAN_FLAGS:
            return (2, 0, position)
        anchor = anchors.get((tuple(flag["section_path"]), flag["task"]))
        # Within a task, the parse lists target flags first and unit flags last.
        return (1, anchor if anchor is not None else -1, flag["kind"] in UNIT_FLAGS, position)

    ordered = sorted(enumerate(flags + unit_flags), key=order)
    return [flag for _, flag in ordered]


def _anchors(doc: Mapping) -> dict[tuple[tuple[str, ...], str | None], int]:
    """Each task's and section's place in the document (by line; the first of equal keys wins).
    A preamble flag (no section, no task) has the place before everything."""
    places: list[tuple[float, tuple[tuple[str, ...], str | None]]] = []
    for task in doc.get("tasks", []):
        places.append((_line(task), (tuple(task["section_path"]), task["number"])))
    for section in doc.get("sections", []):
        places.append((_line(section), ((*section["path"], section["heading"]), None)))
    anchors: dict[tuple[tuple[str, ...], str | None], int] = {((), None): -1}
    for rank, (_, key) in enumerate(sorted(places, key=lambda place: place[0])):
        anchors.setdefault(key, rank)
    return anchors


def _line(item: Mapping) -> float:
    line = item.get("line")
    return float("inf") if line is None else line


def _settled(flag: Mapping, doc: Mapping) -> bool:
    """A title_uncertain flag is settled once the reviewer changed the title it names."""
    if flag["kind"] != "title_uncertain":
        return False
    index = find_task(doc, flag.get("section_path", []), flag.get("task"))
    return index is not None and doc["tasks"][index]["title"] != flag["text"]


def _unit_flags(task: Mapping) -> list[dict]:
    path, number = task["section_path"], task["number"]
    unresolved = dict.fromkeys(unit["name"] for unit in task["units"] if unit.get("org") is None)
    flags = [_flag("unresolved_unit", name, path, number) for name in unresolved]
    flags += [_flag("fuzzy_unit", f"{unit['name']} → {unit['org']}", path, number)
              for unit in task["units"] if unit.get("method") == "fuzzy" and unit.get("org") is not None]
    return flags


def _flag(kind: str, text: str, section_path, task: str | None) -> dict:
    return {"kind": kind, "message": FLAG_MESSAGES.get(kind, kind), "text": text,
            "section_path": list(section_path), "task": task}


def _clean(text) -> str:
    """A form's text without the spaces at its ends (texts keep their full-width characters, as
    the document writes them)."""
    return str(text).strip()


def _folded(text) -> str:
    """A number, year or date as typed, full-width digits (２０２４, １２．５) folded to ASCII."""
    return fold_width("" if text is None else str(text)).strip()
