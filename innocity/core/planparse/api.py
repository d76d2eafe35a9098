"""parse_text / parse_file / to_json: a plan document to its structure, and that to JSON.

>>> plan = parse_text("二、发展目标\\n到2024年底,在孵企业超过1000家。\\n三、主要任务\\n"
...                   "1.建设加氢站。十四五末建成9个加氢站。(责任单位:市工信局)")
>>> [(t.indicator, t.comparator, t.value, t.deadline) for t in plan.goals]
[('在孵企业', '>', 1000.0, 2024)]
>>> task = plan.tasks[0]
>>> task.title, task.text, [(u.name, u.role) for u in task.units], task.targets[0].deadline
('建设加氢站', '十四五末建成9个加氢站。', [('市工信局', 'responsible')], 2025)
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from innocity.core.orgnames import OrgDirectory
from innocity.core.planparse.model import (
    Flag,
    Note,
    ParsedPlan,
    ParsedTask,
    PlacedTarget,
    Section,
    Target,
)
from innocity.core.planparse.reading import DocumentError, read_document
from innocity.core.planparse.structure import Block, read_outline
from innocity.core.planparse.targets import TargetContext, extract_targets
from innocity.core.planparse.units import FoundNote, UnitResolver, find_notes

# Without a registry, an indicator's owner is a place at its start: 高新区 in 高新区整体经济规模.
_PLACE_OWNER = re.compile(r"^[\u4e00-\u9fff]{1,6}?[区县市](?!级)")


def parse_text(text: str, directory: OrgDirectory | None = None, plan_end_year: int | None = None) -> ParsedPlan:
    """Parse a plan's text. `directory` resolves unit names (None: no resolution);
    `plan_end_year` is the default deadline when the title states no period."""
    outline = read_outline(text)
    period = outline.period
    resolver = UnitResolver(directory)
    context = TargetContext(
        default_deadline=period[1] if period else plan_end_year,
        plan_start=period[0] if period else None,
        owner_of=lambda indicator: _owner(resolver, indicator),
    )
    goals: list[Target] = []
    tasks: list[ParsedTask] = []
    sections: list[Section] = []
    others: list[PlacedTarget] = []
    flags: list[Flag] = []

    found, raw_flags = extract_targets(outline.preamble, context)
    others += [PlacedTarget((), target) for target in found]
    flags += [Flag(kind, text) for kind, text in raw_flags]
    for block in outline.blocks:
        if block.kind == "task":
            task, task_flags = _task(block, resolver, context)
            tasks.append(task)
            flags += task_flags
            continue
        sections.append(Section(block.path, block.heading, block.number, block.title, "\n".join(block.paragraphs),
                                block.zone, block.line))
        found, raw_flags = extract_targets(block.paragraphs, context)
        where = (*block.path, block.heading)
        if block.zone == "goals":
            goals += found
        else:
            others += [PlacedTarget(where, target) for target in found]
        flags += [Flag(kind, text, where) for kind, text in raw_flags]
    if outline.closing:
        sections.append(Section((), "", "", "", "\n".join(outline.closing), "closing"))
    flags += _duplicate_tasks(tasks)
    if not tasks:
        flags.append(Flag("no_tasks", ""))
    # A news preface or notice may repeat a target of the plan; keep each target once.
    stated = {t.text for t in goals} | {t.text for task in tasks for t in task.targets}
    others = [placed for placed in others if placed.target.text not in stated]
    return ParsedPlan(outline.title, period, "\n".join(outline.preamble), tuple(sections), tuple(goals),
                      tuple(tasks), tuple(others), tuple(flags))


def parse_file(source: str | Path | bytes, filename: str | None = None, directory: OrgDirectory | None = None,
               plan_end_year: int | None = None) -> ParsedPlan:
    """Parse a document given as a path or as bytes (then `filename` tells its type).

    Raises DocumentError, with the reason in Chinese, when the document cannot be read."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"无法打开文件 {path}: {exc.strerror} / cannot open the file") from exc
    return parse_text(read_document(data, filename), directory, plan_end_year)


def _task(block: Block, resolver: UnitResolver, context: TargetContext) -> tuple[ParsedTask, list[Flag]]:
    """A task block: notes out of its text into units, then its targets."""
    notes: list[Note] = []
    found_notes: list[tuple[int, FoundNote]] = []
    paragraphs: list[str] = []
    covered: list[str] = []
    for paragraph in block.paragraphs:
        kept: list[str] = []
        last = 0
        for note in find_notes(paragraph, resolver.group_names):
            kept.append(paragraph[last:note.start])
            covered.append(paragraph[last:note.start])
            notes.append(Note(note.text, "\n".join(part.strip() for part in covered if part.strip())))
            found_notes.append((len(notes) - 1, note))
            covered = []
            last = note.end
        kept.append(paragraph[last:])
        covered.append(paragraph[last:])
        clean = "".join(kept).strip()
        if clean:
            paragraphs.append(clean)
    units = resolver.unit_refs(found_notes)
    # A title without its 。 ran into the text; its targets are the task's too.
    scanned = [block.title, *paragraphs] if block.title_uncertain else paragraphs
    targets, raw_flags = extract_targets(scanned, replace(context, task_title=block.title))
    task = ParsedTask(block.path, block.number, block.title, "\n".join(paragraphs), tuple(units), tuple(targets),
                      tuple(notes), block.line)
    where = dict(section_path=block.path, task=block.number)
    flags = [Flag(kind, text, **where) for kind, text in raw_flags]
    if not units:
        flags.append(Flag("task_without_units", block.title, **where))
    if block.title_uncertain:
        flags.append(Flag("title_uncertain", block.title, **where))
    if resolver.directory is not None:
        for name in dict.fromkeys(u.name for u in units if u.org is None):
            flags.append(Flag("unresolved_unit", name, **where))
        for unit in units:
            if unit.method == "fuzzy":
                flags.append(Flag("fuzzy_unit", f"{unit.name} → {unit.org}", **where))
    return task, flags


def _owner(resolver: UnitResolver, indicator: str) -> str | None:
    found = resolver.owner_prefix(indicator)
    if found:
        return found
    place = _PLACE_OWNER.match(indicator)
    return place.group() if place else None


def _duplicate_tasks(tasks: list[ParsedTask]) -> list[Flag]:
    seen: set[tuple[tuple[str, ...], str]] = set()
    flags = []
    for task in tasks:
        if task.key in seen:
            flags.append(Flag("duplicate_task", task.title, task.section_path, task.number))
        seen.add(task.key)
    return flags


# --- JSON ---------------------------------------------------------------------------------


def to_json(plan: ParsedPlan) -> dict:
    """The plan in the importer's JSON layout (docs/formats/plan-parse.md)."""
    return {
        "title": plan.title,
        "period": {"start": plan.period[0], "end": plan.period[1]} if plan.period else None,
        "preamble": plan.preamble,
        "goals": [target_json(t) for t in plan.goals],
        "tasks": [task_json(task) for task in plan.tasks],
        "other_targets": [{"section_path": list(p.section_path), **target_json(p.target)} for p in plan.other_targets],
        "sections": [
            {"path": list(s.path), "heading": s.heading, "number": s.number, "title": s.title, "text": s.text,
             "kind": s.kind, "line": s.line}
            for s in plan.sections
        ],
        "flags": [
            {"kind": f.kind, "message": f.message, "text": f.text, "section_path": list(f.section_path), "task": f.task}
            for f in plan.flags
        ],
    }


def task_json(task: ParsedTask) -> dict:
    return {
        "section_path": list(task.section_path),
        "number": task.number,
        "title": task.title,
        "text": task.text,
        "units": [{"name": u.name, "role": u.role, "org": u.org, "method": u.method, "note": u.note}
                  for u in task.units],
        "targets": [target_json(t) for t in task.targets],
        "notes": [{"text": n.text, "covers": n.covers} for n in task.notes],
        "line": task.line,
    }


def target_json(target: Target) -> dict:
    return {
        "text": target.text,
        "indicator": target.indicator,
        "comparator": target.comparator,
        "value": _number(target.value),
        "unit": target.unit,
        "deadline": target.deadline,
        "recurring": target.recurring,
        "aspiration": target.aspiration,
        "value_max": _number(target.value_max),
        "approximate": target.approximate,
        "baseline": (
            {"value": _number(target.baseline.value), "unit": target.baseline.unit, "period": target.baseline.period}
            if target.baseline else None
        ),
    }


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
