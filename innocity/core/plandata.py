"""A plan as a reviewed data file: validation into plain records.

The layout is documented in docs/formats/plan-data.md; innocity/plans/data/xinxiang-2022-2024.yaml
is the Xinxiang plan in it. `read_plan_data` checks the whole file and raises one DataFileError
that lists every problem with its line (an unknown organisation, a comparator that does not
exist, a value that is not a number, a task number twice in a section …), so that a loader can
refuse the file without writing anything.

`read_plan_data_mapping` checks the same layout given as plain dicts and lists (a corrected
document import, a stored plan exported again). Such data has no lines, so each problem names its
place in the reason instead ("任务 三/(一)/1 目标 2: value 应为数字 …"). With `draft=True` it accepts
what a draft may still lack: units not yet resolved to an organisation (`orgs: []`), tasks
without units, and the importer's `method` key on units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from innocity.core.datafile import DataFileError, LinedDict, Problem, line_of, load_yaml
from innocity.core.periods import parse_period

COMPARATORS = (">", ">=", "=", "<=", "<", "~", "range")
ROLES = ("lead", "responsible", "cooperating")
SECTION_KINDS = ("text", "goals", "tasks", "safeguards")
RECURRENCES = (None, "yearly")


@dataclass(frozen=True)
class BaselineData:
    value: Decimal
    unit: str
    period: str


@dataclass(frozen=True)
class TargetData:
    text: str
    indicator: str
    comparator: str
    value: Decimal
    unit: str
    deadline: int | None
    recurring: str | None
    aspiration: bool
    value_max: Decimal | None = None
    baseline: BaselineData | None = None
    line: int | None = None

    @property
    def approximate(self) -> bool:
        return self.comparator == "~"


@dataclass(frozen=True)
class UnitData:
    name: str
    role: str
    orgs: tuple[str, ...]
    line: int | None = None


@dataclass(frozen=True)
class TaskData:
    number: str
    title: str
    text: str
    units: tuple[UnitData, ...]
    targets: tuple[TargetData, ...]
    line: int | None = None


@dataclass(frozen=True)
class SectionData:
    number: str
    title: str
    text: str
    kind: str
    sections: tuple[SectionData, ...]
    tasks: tuple[TaskData, ...]
    targets: tuple[TargetData, ...]
    line: int | None = None

    def walk(self, path: tuple[SectionData, ...] = ()) -> Iterator[tuple[tuple[SectionData, ...], SectionData]]:
        """Every section below and including this one, with its path of ancestors."""
        yield path, self
        for child in self.sections:
            yield from child.walk((*path, self))


@dataclass(frozen=True)
class PlanData:
    title: str
    issuer: str
    document_number: str | None
    issued: dt.date | None
    period_start: int
    period_end: int
    preamble: str
    source: str | None
    sections: tuple[SectionData, ...]

    def all_sections(self) -> Iterator[tuple[tuple[SectionData, ...], SectionData]]:
        for section in self.sections:
            yield from section.walk()

    @property
    def tasks(self) -> list[TaskData]:
        return [task for _, section in self.all_sections() for task in section.tasks]

    @property
    def goals(self) -> list[TargetData]:
        return [t for _, s in self.all_sections() if s.kind == "goals" for t in s.targets]


class _Reader:
    """Walks the parsed YAML (or plain mapping), collecting problems instead of stopping at the first."""

    def __init__(self, filename: str, org_exists: Callable[[str], bool], draft: bool = False):
        self.filename = filename
        self.org_exists = org_exists
        self.draft = draft
        self.problems: list[Problem] = []
        # Where the reader is: (kind, label) pairs, kind in section / task / unit / target.
        self.where: list[tuple[str, str]] = []

    def problem(self, node, key: str | None, reason: str) -> None:
        line = line_of(node, key)
        # Without a line (plain dicts), the reason names the place so that a person can find it.
        if line is None and self.where:
            reason = f"{self.location()}: {reason}"
        self.problems.append(Problem(self.filename, line, reason))

    @contextmanager
    def at(self, kind: str, label: str):
        self.where.append((kind, label))
        try:
            yield
        finally:
            self.where.pop()

    def location(self) -> str:
        """"任务 三/(一)/1 目标 2", "章节 二 目标 3", "任务 三/(一)/1 责任单位 市科技局"."""
        path = "/".join(label for kind, label in self.where if kind in ("section", "task"))
        text = f"{'任务' if any(kind == 'task' for kind, _ in self.where) else '章节'} {path}"
        for kind, label in self.where:
            if kind == "unit":
                text += f" 责任单位 {label}"
            elif kind == "target":
                text += f" 目标 {label}"
        return text

    def text(self, node, key: str, required: bool = True) -> str:
        value = node.get(key) if isinstance(node, Mapping) else None
        if value is None:
            if required:
                self.problem(node, key, f"缺少字段 {key}")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(node, key, f"字段 {key} 应为文本")
            return ""
        return str(value).strip()

    def number(self, node, key: str, required: bool = True) -> Decimal | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node, key, f"缺少数值 {key}")
            return None
        if isinstance(value, bool):
            self.problem(node, key, f"{key} 应为数字, 而不是 {value!r}")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem(node, key, f"{key} 应为数字, 而不是 {value!r}")
            return None
        if not number.is_finite():
            self.problem(node, key, f"{key} 应为有限的数字")
            return None
        return number

    def year(self, node, key: str) -> int | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1949 <= value <= 2100:
            self.problem(node, key, f"{key} 应为年份 (如 2024), 而不是 {value!r}")
            return None
        return value

    def unknown_keys(self, node, allowed: set[str]) -> None:
        extra = set(node) - allowed
        if extra:
            self.problem(node, None, f"未知字段: {', '.join(sorted(map(str, extra)))}")

    def items(self, node, key: str) -> list:
        value = node.get(key) if isinstance(node, Mapping) else None
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(node, key, f"{key} 应为列表")
            return []
        good = [item for item in value if isinstance(item, Mapping)]
        if len(good) < len(value):
            self.problem(value, None, f"{key} 的每一项应为映射")
        return good

    def target(self, node) -> TargetData | None:
        allowed = {"text", "indicator", "comparator", "value", "value_max", "unit", "deadline",
                   "recurring", "aspiration", "baseline"}
        self.unknown_keys(node, allowed)
        before = len(self.problems)
        text, indicator = self.text(node, "text"), self.text(node, "indicator")
        comparator = node.get("comparator")
        if comparator not in COMPARATORS:
            self.problem(node, "comparator", f"比较符 {comparator!r} 无效, 应为 {' '.join(COMPARATORS)} 之一")
        value = self.number(node, "value")
        value_max = self.number(node, "value_max", required=comparator == "range")
        if value_max is not None and comparator != "range":
            self.problem(node, "value_max", "只有区间目标 (comparator: range) 才有 value_max")
        unit = self.text(node, "unit", required=False)
        deadline = self.year(node, "deadline")
        recurring = node.get("recurring")
        if recurring not in RECURRENCES:
            self.problem(node, "recurring", f"recurring 应为 yearly 或 null, 而不是 {recurring!r}")
        aspiration = node.get("aspiration", False)
        if not isinstance(aspiration, bool):
            self.problem(node, "aspiration", "aspiration 应为 true 或 false")
        baseline = self.baseline(node.get("baseline"), node)
        if len(self.problems) > before:
            return None
        return TargetData(text, indicator, comparator, value, unit, deadline, recurring, aspiration,
                          value_max, baseline, line_of(node))

    def baseline(self, node, parent) -> BaselineData | None:
        if node is None:
            return None
        if not isinstance(node, Mapping):
            self.problem(parent, "baseline", "baseline 应为 {value, unit, period}")
            return None
        value = self.number(node, "value")
        period = self.text(node, "period")
        if period:
            try:
                parse_period(period)
            except ValueError as exc:
                self.problem(node, "period", str(exc))
        return BaselineData(value, self.text(node, "unit", required=False), period) if value is not None else None

    def unit(self, node) -> UnitData | None:
        # A draft keeps how the importer resolved a unit; the loader does not need it.
        self.unknown_keys(node, {"name", "role", "orgs", "method"} if self.draft else {"name", "role", "orgs"})
        name = self.text(node, "name")
        role = node.get("role")
        if role not in ROLES:
            self.problem(node, "role", f"职责 {role!r} 无效, 应为 lead / responsible / cooperating")
        orgs = node.get("orgs")
        # A draft may keep a unit the registry does not know yet (orgs: []), to be resolved later.
        if not isinstance(orgs, list) or not (orgs or self.draft) or not all(isinstance(o, str) for o in orgs):
            self.problem(node, "orgs", "orgs 应为组织名称列表")
            return None
        for org in orgs:
            if not self.org_exists(org):
                self.problem(node, "orgs", f"未知组织 {org}: 不在组织名录中")
        return UnitData(name, role, tuple(orgs), line_of(node))

    # The *_at readers read one item with its place in `where`.
    def section_at(self, node) -> SectionData:
        with self.at("section", _label(node, "number") or _label(node, "title") or "?"):
            return self.section(node)

    def task_at(self, node) -> TaskData:
        with self.at("task", _label(node, "number") or "?"):
            return self.task(node)

    def unit_at(self, node) -> UnitData | None:
        with self.at("unit", _label(node, "name") or "?"):
            return self.unit(node)

    def targets(self, node, key: str) -> tuple[TargetData, ...]:
        found = []
        for position, item in enumerate(self.items(node, key), start=1):
            with self.at("target", str(position)):
                target = self.target(item)
            if target:
                found.append(target)
        return tuple(found)

    def task(self, node) -> TaskData:
        self.unknown_keys(node, {"number", "title", "text", "units", "targets"})
        units = tuple(u for u in (self.unit_at(n) for n in self.items(node, "units")) if u)
        if not units and not self.draft:
            self.problem(node, "units", "任务没有责任单位")
        seen: set[str] = set()
        for unit in units:
            for org in unit.orgs:
                if org in seen:
                    self.problem(node, "units", f"责任单位 {org} 在同一任务中出现两次")
                seen.add(org)
        targets = self.targets(node, "targets")
        return TaskData(self.text(node, "number"), self.text(node, "title"), self.text(node, "text", False),
                        units, targets, line_of(node))

    def section(self, node) -> SectionData:
        self.unknown_keys(node, {"number", "title", "text", "kind", "sections", "tasks", "goals", "targets"})
        kind = node.get("kind", "text")
        if kind not in SECTION_KINDS:
            self.problem(node, "kind", f"章节类型 {kind!r} 无效, 应为 {', '.join(SECTION_KINDS)} 之一")
        tasks = tuple(self.task_at(n) for n in self.items(node, "tasks"))
        numbers = [t.number for t in tasks]
        for number in {n for n in numbers if numbers.count(n) > 1}:
            self.problem(node, "tasks", f"同一章节中任务编号 {number} 重复")
        key = "goals" if kind == "goals" else "targets"
        if kind != "goals" and "goals" in node:
            self.problem(node, "goals", "只有 kind: goals 的章节才有 goals")
        targets = self.targets(node, key)
        children = tuple(self.section_at(n) for n in self.items(node, "sections"))
        return SectionData(self.text(node, "number"), self.text(node, "title"), self.text(node, "text", False),
                           kind, children, tasks, targets, line_of(node))

    def plan(self, node) -> PlanData | None:
        self.unknown_keys(node, {"title", "issuer", "document_number", "issued", "period", "source",
                                 "preamble", "sections"})
        issued = None
        raw_issued = node.get("issued")
        if raw_issued is not None:
            try:
                issued = dt.date.fromisoformat(str(raw_issued))
            except ValueError:
                self.problem(node, "issued", f"印发日期 {raw_issued!r} 应为 YYYY-MM-DD")
        period = node.get("period")
        start = end = None
        if isinstance(period, Mapping):
            start, end = self.year(period, "start"), self.year(period, "end")
            if start is None or end is None or start > end:
                self.problem(node, "period", "period 应为 {start: 起始年, end: 结束年}, 且起始不晚于结束")
        else:
            self.problem(node, "period", "缺少 period: {start, end}")
        sections = tuple(self.section_at(n) for n in self.items(node, "sections"))
        if not sections:
            self.problem(node, "sections", "方案没有章节")
        title = self.text(node, "title")
        if self.problems:
            return None
        return PlanData(title, self.text(node, "issuer"), self.text(node, "document_number", False) or None,
                        issued, start, end, self.text(node, "preamble", False),
                        self.text(node, "source", False) or None, sections)


def _label(node, key: str) -> str:
    value = node.get(key) if isinstance(node, Mapping) else None
    return "" if value is None else str(value).strip()


def read_plan_data(text: str, filename: str, org_exists: Callable[[str], bool]) -> PlanData:
    """Validate a plan data file's text. `org_exists(name)` says whether the registry knows a unit.

    Raises DataFileError with every problem (file, line, reason in Chinese).
    """
    data = load_yaml(text, filename)
    if not isinstance(data, LinedDict):
        raise DataFileError([Problem(filename, 1, "文件应为一个方案映射 (title, period, sections …)")])
    return read_plan_data_mapping(data, filename, org_exists)


def read_plan_data_mapping(data: Mapping, source: str, org_exists: Callable[[str], bool],
                           draft: bool = False) -> PlanData:
    """Validate plan data given as a mapping (as `read_plan_data` does for a file's text).

    `source` names the input in problems. `draft=True` accepts units with `orgs: []`, tasks
    without units and a unit's `method` key. Raises DataFileError with every problem; a problem
    of plain data (no line) names its place in its reason.
    """
    if not isinstance(data, Mapping):
        raise DataFileError([Problem(source, None, "应为一个方案映射 (title, period, sections …)")])
    reader = _Reader(source, org_exists, draft)
    plan = reader.plan(data)
    if reader.problems or plan is None:
        raise DataFileError(reader.problems)
    return plan
