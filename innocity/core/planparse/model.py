"""What the parser returns: frozen records of a plan read from a document.

The records mirror the reviewed plan data (docs/formats/plan-data.md) so that an importer can
store them and a person can correct them: a plan has goals, tasks (with responsible units and
quantified targets), other sections with their text, targets stated elsewhere, and flags that
tell a reviewer where to look.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("lead", "responsible", "cooperating")
COMPARATORS = (">", ">=", "=", "<=", "<", "~", "range")

# Flag kinds, each with the sentence a reviewer reads (Chinese first, English after).
FLAG_MESSAGES = {
    "unresolved_unit": "责任单位未能在组织名录中找到 / unit not found in the organisation registry",
    "fuzzy_unit": "责任单位按近似名称匹配, 请核对 / unit matched by a similar name, please check",
    "target_without_number": "目标没有数值 / a target without a number",
    "ambiguous_deadline": "同一句中有多个时限, 取最晚者 / several deadlines in one sentence, the latest was taken",
    "title_uncertain": "任务标题后没有句号, 标题可能过长 / no 。 after the task title, the title may be too long",
    "task_without_units": "任务没有责任单位 / a task without responsible units",
    "duplicate_task": "同一章节中任务编号重复 / the same task number twice in one section",
    "no_tasks": "未识别出任何任务 / no task was recognised",
}


@dataclass(frozen=True)
class Baseline:
    """The value a target starts from ("从目前700亿…提升到900亿"); `period` is a period code or None."""

    value: float
    unit: str
    period: str | None


@dataclass(frozen=True)
class Target:
    """A quantified target as the document states it.

    `text` is the exact phrase from the document; `value` is the number as written (1.3 for
    "1.3万家") and `unit` the unit as written, multiplier included. A range ("1—2个") has
    comparator "range", `value` the low and `value_max` the high end.
    """

    text: str
    indicator: str
    comparator: str
    value: float
    unit: str
    deadline: int | None
    recurring: str | None
    aspiration: bool
    value_max: float | None = None
    baseline: Baseline | None = None

    @property
    def approximate(self) -> bool:
        return self.comparator == "~"


@dataclass(frozen=True)
class UnitRef:
    """One responsible unit of a task. A group reference (各县〔市、区〕政府) gives one UnitRef per
    member, all with the same `name`. `org` is the registry key or None when unresolved;
    `method` says how it was resolved (exact, group, prefix, suffix, fuzzy); `note` is the index
    of the responsibility note that names it."""

    name: str
    role: str
    org: str | None
    method: str | None = None
    note: int = 0


@dataclass(frozen=True)
class Note:
    """A responsibility note as written ("(责任单位:…)") and the task text it covers: the
    sentences after the previous note."""

    text: str
    covers: str


@dataclass(frozen=True)
class ParsedTask:
    """A task, identified by its section path plus number (numbers may restart per section)."""

    section_path: tuple[str, ...]
    number: str
    title: str
    text: str
    units: tuple[UnitRef, ...]
    targets: tuple[Target, ...]
    notes: tuple[Note, ...] = ()
    line: int | None = None

    @property
    def key(self) -> tuple[tuple[str, ...], str]:
        return self.section_path, self.number


@dataclass(frozen=True)
class Section:
    """A heading of the document (or a numbered paragraph that is not a task) with its text.

    `kind` is goals, tasks, safeguards or text; `path` lists the headings above it."""

    path: tuple[str, ...]
    heading: str
    number: str
    title: str
    text: str
    kind: str
    line: int | None = None


@dataclass(frozen=True)
class PlacedTarget:
    """A target stated outside the goals and the tasks (e.g. in 保障措施), with where it stands."""

    section_path: tuple[str, ...]
    target: Target


@dataclass(frozen=True)
class Flag:
    """Something a reviewer should look at: `kind` (see FLAG_MESSAGES), the text it concerns,
    and where it is (section path and task number)."""

    kind: str
    text: str
    section_path: tuple[str, ...] = ()
    task: str | None = None

    @property
    def message(self) -> str:
        return FLAG_MESSAGES.get(self.kind, self.kind)


@dataclass(frozen=True)
class ParsedPlan:
    title: str | None
    period: tuple[int, int] | None
    preamble: str
    sections: tuple[Section, ...]
    goals: tuple[Target, ...]
    tasks: tuple[ParsedTask, ...]
    other_targets: tuple[PlacedTarget, ...] = ()
    flags: tuple[Flag, ...] = field(default=())
