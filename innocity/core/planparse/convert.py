"""A parse in the importer's other forms: back from its JSON, to and from the plan-data layout.

- `from_json(doc)` is the inverse of `to_json`: the importer keeps a parse as JSON (its working
  document), and turns it back into records to compare and to import.
- `to_plan_data(plan, meta)` writes a parse in the layout of docs/formats/plan-data.md, so that a
  corrected document goes through the same validator (`plandata.read_plan_data_mapping`, with
  `draft=True` for unresolved units) and loader as the reviewed data files.
- `from_plan_data(data)` reads that layout as a ParsedPlan, so that a stored plan (exported to the
  layout) can be compared with a new parse by `diff_plans`.

>>> from innocity.core.planparse import parse_text, to_json
>>> plan = parse_text("三、主要任务\\n1.建设平台。建成9个加氢站。(责任单位:市工信局)")
>>> from_json(to_json(plan)) == plan
True
>>> data = to_plan_data(plan)
>>> section = data["sections"][0]
>>> section["number"], section["title"], section["kind"], section["tasks"][0]["units"]
('三', '主要任务', 'tasks', [{'name': '市工信局', 'role': 'responsible', 'orgs': []}])
>>> from_plan_data(data).tasks[0].key
(('三、主要任务',), '1')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from innocity.core.planparse.model import (
    Baseline,
    Flag,
    Note,
    ParsedPlan,
    ParsedTask,
    PlacedTarget,
    Section,
    Target,
    UnitRef,
)
from innocity.core.planparse.numbering import CN_ORDINAL, numbering_of

# The plan-data kinds; the parser's `closing` (本方案自印发之日起施行) is plain text there.
PLAN_DATA_KINDS = {"goals": "goals", "tasks": "tasks", "safeguards": "safeguards", "text": "text", "closing": "text"}
# A section synthesized to hold goals when the plan has goals but no goals section.
GOALS_TITLE = "发展目标"
_CN_NUMBER = re.compile(f"^{CN_ORDINAL}$")
_DIGITS = re.compile(r"^\d+$")


# --- JSON → records ------------------------------------------------------------------------


def from_json(doc: Mapping) -> ParsedPlan:
    """The plan of a working document (`to_json`'s layout; extra keys such as "meta" are ignored)."""
    period = doc.get("period")
    return ParsedPlan(
        title=doc.get("title"),
        period=(int(period["start"]), int(period["end"])) if period else None,
        preamble=doc.get("preamble", ""),
        sections=tuple(_section_from_json(s) for s in doc.get("sections", [])),
        goals=tuple(target_from_json(t) for t in doc.get("goals", [])),
        tasks=tuple(task_from_json(t) for t in doc.get("tasks", [])),
        other_targets=tuple(PlacedTarget(tuple(t["section_path"]), target_from_json(t))
                            for t in doc.get("other_targets", [])),
        flags=tuple(Flag(f["kind"], f["text"], tuple(f.get("section_path", ())), f.get("task"))
                    for f in doc.get("flags", [])),
    )


def task_from_json(task: Mapping) -> ParsedTask:
    return ParsedTask(
        section_path=tuple(task["section_path"]),
        number=task["number"],
        title=task["title"],
        text=task["text"],
        units=tuple(UnitRef(u["name"], u["role"], u.get("org"), u.get("method"), u.get("note", 0))
                    for u in task.get("units", [])),
        targets=tuple(target_from_json(t) for t in task.get("targets", [])),
        notes=tuple(Note(n["text"], n["covers"]) for n in task.get("notes", [])),
        line=task.get("line"),
    )


def target_from_json(target: Mapping) -> Target:
    """A target of the JSON (`approximate` is derived from the comparator, so it is not read)."""
    baseline = target.get("baseline")
    return Target(
        text=target["text"],
        indicator=target["indicator"],
        comparator=target["comparator"],
        value=float(target["value"]),
        unit=target["unit"],
        deadline=target.get("deadline"),
        recurring=target.get("recurring"),
        aspiration=bool(target.get("aspiration", False)),
        value_max=_float(target.get("value_max")),
        baseline=Baseline(float(baseline["value"]), baseline["unit"], baseline.get("period")) if baseline else None,
    )


def _section_from_json(section: Mapping) -> Section:
    return Section(tuple(section["path"]), section["heading"], section["number"], section["title"], section["text"],
                   section["kind"], section.get("line"))


def _float(value) -> float | None:
    return None if value is None else float(value)


# --- records → plan data -------------------------------------------------------------------


def to_plan_data(plan: ParsedPlan, meta: Mapping | None = None) -> dict:
    """The plan in the plan-data layout, as plain dicts and lists (see the module docstring).

    `meta` gives issuer, document_number, issued (ISO date) and source, which a document's text
    does not state reliably; missing ones are "", None, None, None.
    """
    meta = meta or {}
    outline = _Outline()
    for item in _in_document_order(plan):
        if isinstance(item, Section):
            outline.add_section(item)
        else:
            outline.node_at(item.section_path)["tasks"].append(_task_data(item))
    if plan.goals:
        outline.goals_node()["goals"] = [_target_data(t) for t in plan.goals]
    for placed in plan.other_targets:
        outline.node_at(placed.section_path)["targets"].append(_target_data(placed.target))
    issued = meta.get("issued")
    return {
        "title": plan.title,
        "issuer": meta.get("issuer") or "",
        "document_number": meta.get("document_number") or None,
        "issued": issued.isoformat() if isinstance(issued, dt.date) else issued or None,
        "period": {"start": plan.period[0], "end": plan.period[1]} if plan.period else None,
        "source": meta.get("source") or None,
        "preamble": plan.preamble,
        "sections": outline.finish(),
    }


def _in_document_order(plan: ParsedPlan) -> list[Section | ParsedTask]:
    """Sections and tasks by line, so that a task joins the section heading it stands under even
    when two sections share a heading; items without a line (the closing text) come last."""
    items: list[Section | ParsedTask] = [*plan.sections, *plan.tasks]
    return sorted(items, key=lambda item: (item.line is None, item.line or 0))


class _Outline:
    """The nested sections of the plan-data layout, built from the parse's flat sections.

    A node is the plan-data mapping of a section plus bookkeeping keys (starting with "_") that
    `finish` removes. Nodes are found by their key: the section path plus the heading.
    """

    def __init__(self) -> None:
        self.top: list[dict] = []
        self.nodes: dict[tuple[str, ...], dict] = {}

    def add_section(self, section: Section) -> None:
        parent = self.node_at(section.path) if section.path else None
        kind = PLAN_DATA_KINDS.get(section.kind, "text")
        # The plan-data convention (see the Xinxiang file): a section's kind holds for its parts,
        # so a part of the same kind is written as text.
        if parent is not None and parent["_parse_kind"] == section.kind:
            kind = "text"
        node = self._new(section.number, section.title, kind, section.text, parent)
        node["_parse_kind"] = section.kind
        self.nodes[(*section.path, section.heading)] = node

    def node_at(self, path: tuple[str, ...]) -> dict:
        """The node a task or target with this section path belongs to, synthesized if the parse
        has no such section (tasks before any heading go to one untitled top-level section)."""
        if path in self.nodes:
            return self.nodes[path]
        parent = self.node_at(path[:-1]) if len(path) > 1 else None
        number, title = split_heading(path[-1]) if path else ("", "")
        node = self._new(number, title, "text", "", parent)
        node["_synthesized"] = True
        self.nodes[path] = node
        return node

    def goals_node(self) -> dict:
        """The first section of kind goals, or a new one at the front."""
        for node in self.nodes.values():
            if node["kind"] == "goals":
                return node
        return self._new("", GOALS_TITLE, "goals", "", None, first=True)

    def _new(self, number: str, title: str, kind: str, text: str, parent: dict | None, first: bool = False) -> dict:
        node = {"number": number, "title": title, "kind": kind, "text": text, "goals": [], "targets": [],
                "tasks": [], "sections": [], "_parse_kind": None, "_synthesized": False}
        siblings = parent["sections"] if parent is not None else self.top
        siblings.insert(0 if first else len(siblings), node)
        return node

    def finish(self) -> list[dict]:
        for node in self.top:
            # A synthesized top-level section holding tasks stands for a missing 主要任务.
            if node["_synthesized"] and _has_tasks(node):
                node["kind"] = "tasks"
        return [_clean(node) for node in self.top]


def _has_tasks(node: dict) -> bool:
    return bool(node["tasks"]) or any(_has_tasks(child) for child in node["sections"])


def _clean(node: dict) -> dict:
    """The node without bookkeeping keys and empty lists (goals stay on a goals section)."""
    data = {"number": node["number"], "title": node["title"], "kind": node["kind"], "text": node["text"]}
    if node["kind"] == "goals":
        data["goals"] = node["goals"]
    for key in ("targets", "tasks"):
        if node[key]:
            data[key] = node[key]
    if node["sections"]:
        data["sections"] = [_clean(child) for child in node["sections"]]
    return data


def split_heading(heading: str) -> tuple[str, str]:
    """(number, title) of a heading as the parser writes it: "三、主要任务" → ("三", "主要任务")."""
    numbering = numbering_of(heading)
    if numbering is None:
        return "", heading.strip()
    return numbering.number, heading[numbering.end:].strip()


def _task_data(task: ParsedTask) -> dict:
    return {"number": task.number, "title": task.title, "text": task.text, "units": unit_groups(task.units),
            "targets": [_target_data(t) for t in task.targets]}


def unit_groups(units: tuple[UnitRef, ...] | list[UnitRef]) -> list[dict]:
    """UnitRefs as plan-data units: one per written name and role, in first-appearance order, with
    the organisations it resolved to (an empty list when unresolved)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for unit in units:
        orgs = groups.setdefault((unit.name, unit.role), [])
        if unit.org is not None and unit.org not in orgs:
            orgs.append(unit.org)
    return [{"name": name, "role": role, "orgs": orgs} for (name, role), orgs in groups.items()]


def _target_data(target: Target) -> dict:
    data = {"text": target.text, "indicator": target.indicator, "comparator": target.comparator,
            "value": plain_number(target.value), "unit": target.unit, "deadline": target.deadline,
            "recurring": target.recurring, "aspiration": target.aspiration}
    if target.comparator == "range":
        data["value_max"] = plain_number(target.value_max)
    if target.baseline is not None:
        # plan data needs a period code or ""; a baseline "目前" without a plan period has none.
        data["baseline"] = {"value": plain_number(target.baseline.value), "unit": target.baseline.unit,
                            "period": target.baseline.period or ""}
    return data


def plain_number(value: float | None) -> int | float | None:
    """An integral value as an int (1000.0 → 1000), so that the layout equals a written file."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


# --- plan data → records -------------------------------------------------------------------


def from_plan_data(data: Mapping, like: ParsedPlan | None = None) -> ParsedPlan:
    """A plan in the plan-data layout (e.g. a stored plan exported to it) as a ParsedPlan.

    Plan data keeps a section's number and title, not its heading as written; section paths are
    built from `section_heading(number, title)`. Give the parse it will be compared with as `like`
    to take the headings of its sections instead wherever path, number and title agree (a
    document may write "１．" or "一." where the rebuilt heading says "1." or "一、").
    """
    known = {(s.path, s.number, s.title): s.heading for s in like.sections} if like is not None else {}
    sections: list[Section] = []
    tasks: list[ParsedTask] = []
    goals: list[Target] = []
    others: list[PlacedTarget] = []

    def walk(nodes, path: tuple[str, ...]) -> None:
        for node in nodes:
            number, title = _text(node, "number"), _text(node, "title")
            heading = known.get((path, number, title)) or section_heading(number, title)
            kind = node.get("kind") or "text"
            sections.append(Section(path, heading, number, title, _text(node, "text"), kind))
            # An untitled section (synthesized by to_plan_data) adds no heading to the path.
            here = (*path, heading) if heading else path
            if kind == "goals":
                goals.extend(_target_of(t) for t in node.get("goals") or [])
            others.extend(PlacedTarget(here, _target_of(t)) for t in node.get("targets") or [])
            tasks.extend(_task_of(t, here) for t in node.get("tasks") or [])
            walk(node.get("sections") or [], here)

    walk(data.get("sections") or [], ())
    period = data.get("period")
    return ParsedPlan(
        title=data.get("title"),
        period=(int(period["start"]), int(period["end"])) if period else None,
        preamble=_text(data, "preamble"),
        sections=tuple(sections),
        goals=tuple(goals),
        tasks=tuple(tasks),
        other_targets=tuple(others),
    )


def section_heading(number: str, title: str) -> str:
    """A section's heading rebuilt from its number and title: 一、指导思想, (一)健全组织领导, 1.完善服务."""
    if not number:
        return title
    if _CN_NUMBER.match(number):
        return f"{number}、{title}"
    if _DIGITS.match(number):
        return f"{number}.{title}"
    if number.startswith("第"):
        return f"{number} {title}"
    return number + title


def _task_of(node: Mapping, path: tuple[str, ...]) -> ParsedTask:
    units = []
    for unit in node.get("units") or []:
        method = unit.get("method")
        for org in unit.get("orgs") or [None]:
            units.append(UnitRef(_text(unit, "name"), unit.get("role"), org, method))
    return ParsedTask(path, _text(node, "number"), _text(node, "title"), _text(node, "text"), tuple(units),
                      tuple(_target_of(t) for t in node.get("targets") or []))


def _target_of(node: Mapping) -> Target:
    baseline = node.get("baseline")
    return Target(
        text=_text(node, "text"),
        indicator=_text(node, "indicator"),
        comparator=node.get("comparator"),
        value=float(node["value"]),
        unit=_text(node, "unit"),
        deadline=node.get("deadline"),
        recurring=node.get("recurring"),
        aspiration=bool(node.get("aspiration", False)),
        value_max=_float(node.get("value_max")),
        baseline=Baseline(float(baseline["value"]), _text(baseline, "unit"), _text(baseline, "period") or None)
        if baseline else None,
    )


def _text(node: Mapping, key: str) -> str:
    """A text field as the validator reads it: a number written unquoted (number: 1) as text."""
    value = node.get(key)
    return "" if value is None else str(value).strip()
