"""The two input tables in COINr's layout — `iMeta` (the framework) and `iData` (the values) — checked.

`iMeta` has one row per code: `Level`, `iCode`, `iName`, `Direction`, `Weight`, `Parent`, `Type`
(Indicator / Aggregate / Group / Denominator / Other) and optionally `Unit`, `Target`, `Denominator`
and parameter columns (e.g. `goalpost_lower`). `iData` has `uCode`, optionally `uName` and `Time`,
group columns, denominator columns and one column per indicator.

Every problem is collected with its table, row and column, and raised together as one
`CompositeInputError`; nothing is returned until both tables are clean.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from innocity.core.composite.errors import ProblemList

# Cells read as "missing" (COINr reads NA; spreadsheets write the others).
NA_TOKENS = frozenset({"", "NA", "N/A", "#N/A", "NaN", "nan", "NAN", "null", "NULL", "None"})
TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
SPECIAL_DATA_COLUMNS = ("uCode", "uName", "Time")
REQUIRED_META_COLUMNS = ("iCode", "Type")


def cell_text(value: Any) -> str:
    """A cell as stripped text; None and NaN become "".

    >>> cell_text(None), cell_text(" a "), cell_text(float("nan"))
    ('', 'a', '')
    """
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value).strip()


def parse_number(value: Any) -> float | None:
    """A cell as a float: NaN for a missing cell, None when it is not a number.

    >>> parse_number("1.5"), parse_number(""), parse_number("abc")
    (1.5, nan, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return number if not math.isinf(number) else None
    text = cell_text(value)
    if text in NA_TOKENS:
        return math.nan
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_numeric_column(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """A column of cells as floats (NaN where missing) and a mask of the cells that are not numbers.

    Strings are converted by numpy in one call; only when that fails are cells looked at one by one,
    to name each bad cell.

    >>> floats, bad = parse_numeric_column(["1", "", "x", 2.5])
    >>> float(floats[0]), bool(bad[2]), bool(bad.any())
    (1.0, True, True)
    """
    arr = np.asarray(values)
    if arr.dtype.kind in "fiu":
        floats = arr.astype(float)
        bad = np.isinf(floats)
        floats[bad] = np.nan
        return floats, bad
    obj = np.asarray(values, dtype=object)
    text = np.array([""] * len(obj), dtype=object) if len(obj) == 0 else obj
    missing = np.fromiter((cell_text(v) in NA_TOKENS for v in text), dtype=bool, count=len(obj))
    floats = np.full(len(obj), np.nan)
    bad = np.zeros(len(obj), dtype=bool)
    present = ~missing
    try:
        converted = np.asarray([v if not isinstance(v, str) else v.strip() for v in obj[present]], dtype=float)
        if np.all(np.isfinite(converted)) and not any(isinstance(v, bool) for v in obj[present]):
            floats[present] = converted
            return floats, bad
    except (ValueError, TypeError):
        pass
    # Slow path, only for input that has bad cells: find every one of them.
    for i in np.flatnonzero(present):
        number = parse_number(obj[i])
        if number is None:
            bad[i] = True
        else:
            floats[i] = number
    return floats, bad


def text_column(values: Any) -> np.ndarray:
    """A column of cells as an object array of stripped strings ("" for missing).

    Arrays of strings (as the CSV reader gives them, already stripped) are taken as they are.

    >>> text_column([" a", None]).tolist()
    ['a', '']
    """
    if isinstance(values, np.ndarray) and values.dtype.kind == "U":
        return values.astype(object)
    if isinstance(values, np.ndarray) and values.dtype.kind == "O" and set(map(type, values.tolist())) <= {str}:
        return values  # already text (e.g. from the CSV reader, which strips the cells)
    return np.array([cell_text(v) for v in values], dtype=object)


@dataclass(frozen=True)
class MetaRow:
    """One row of iMeta (only Indicator and Aggregate rows take part in the framework)."""

    code: str
    type: str
    level: int | None
    name: str = ""
    direction: int = 1
    weight: float = 1.0
    parent: str | None = None
    unit: str = ""
    target: float = math.nan
    denominator: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    row: int = 0


@dataclass(frozen=True)
class Framework:
    """The hierarchy of indicators and aggregates from iMeta.

    `codes_at(1)` are the indicators in iMeta order; `codes_at(L)` for L ≥ 2 are the aggregates of level
    L in the order COINr writes them (sorted by code). `parent_index(L)` gives, for each code of level L,
    the position of its parent among `codes_at(L + 1)`.

    >>> fw = framework_from_records([
    ...     {"iCode": "a", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "P", "Direction": 1},
    ...     {"iCode": "b", "Level": 1, "Type": "Indicator", "Weight": 2, "Parent": "P", "Direction": -1},
    ...     {"iCode": "P", "Level": 2, "Type": "Aggregate", "Weight": 1}])
    >>> fw.codes_at(1), fw.codes_at(2), fw.parent_index(1).tolist()
    (('a', 'b'), ('P',), [0, 0])
    """

    rows: Mapping[str, MetaRow]
    levels: int
    level_codes: tuple[tuple[str, ...], ...]
    groups: tuple[str, ...] = ()
    denominators: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    source: str = "iMeta"

    @property
    def indicators(self) -> tuple[str, ...]:
        return self.level_codes[0]

    def codes_at(self, level: int) -> tuple[str, ...]:
        return self.level_codes[level - 1]

    def parent_index(self, level: int) -> np.ndarray:
        upper = {code: i for i, code in enumerate(self.codes_at(level + 1))}
        return np.array([upper[self.rows[c].parent] for c in self.codes_at(level)], dtype=np.intp)

    def children(self, code: str) -> tuple[str, ...]:
        level = self.rows[code].level or 1
        if level <= 1:
            return ()
        return tuple(c for c in self.codes_at(level - 1) if self.rows[c].parent == code)

    def level_of(self, code: str) -> int:
        level = self.rows[code].level
        return int(level) if level is not None else 0

    def directions(self) -> np.ndarray:
        return np.array([self.rows[c].direction for c in self.indicators], dtype=float)

    def weights(self, level: int) -> np.ndarray:
        return np.array([self.rows[c].weight for c in self.codes_at(level)], dtype=float)

    def all_codes(self) -> tuple[str, ...]:
        return tuple(c for codes in self.level_codes for c in codes)


@dataclass(frozen=True)
class Tables:
    """iData and iMeta, checked: the engine's input.

    `values` is a units × indicators float matrix (NaN for missing) whose columns are
    `framework.indicators`. For panel data (a `Time` column with several values) every row is one
    (unit, time) pair.
    """

    units: np.ndarray
    values: np.ndarray
    framework: Framework
    names: np.ndarray | None = None
    times: np.ndarray | None = None
    groups: Mapping[str, np.ndarray] = field(default_factory=dict)
    denominators: Mapping[str, np.ndarray] = field(default_factory=dict)
    source: str = "iData"

    @property
    def is_panel(self) -> bool:
        return self.times is not None and len(np.unique(self.times)) > 1


def sort_codes(codes: Sequence[str]) -> list[str]:
    """Codes in the order COINr puts aggregates (R sorts factor levels case-insensitively).

    >>> sort_codes(["b", "A", "a"])
    ['A', 'a', 'b']
    """
    return sorted(codes, key=lambda c: (c.casefold(), c))


def _records(table: Any) -> list[dict[str, Any]]:
    """Row dicts from either a list of row dicts or a mapping of columns."""
    if isinstance(table, Mapping):
        columns = list(table)
        length = max((len(table[c]) for c in columns), default=0)
        return [{c: table[c][i] for c in columns} for i in range(length)]
    return [dict(r) for r in table]


def _meta_int(text: str) -> int | None:
    number = parse_number(text)
    if number is None or math.isnan(number) or number != int(number):
        return None
    return int(number)


def framework_from_records(meta: Any, source: str = "iMeta", first_row: int = 2) -> Framework:
    """Check iMeta (row dicts or a mapping of columns) and build the framework.

    Raises `CompositeInputError` naming every bad row and column: an indicator without a parent, a
    parent that does not exist, a cycle in the hierarchy, a weight or level that is not a number, a
    code twice, an unknown type.

    >>> framework_from_records([{"iCode": "x", "Type": "Indicator", "Level": 1, "Weight": "abc"}])
    Traceback (most recent call last):
    ...
    innocity.core.composite.errors.CompositeInputError: 输入有 1 个问题 (input has 1 problems):
      - iMeta 第 2 行，列 Weight：权重不是数字 (weight is not a number): 'abc'
    """
    records = _records(meta)
    found = ProblemList()
    columns = set().union(*(r.keys() for r in records)) if records else set()
    for required in REQUIRED_META_COLUMNS:
        if required not in columns:
            found.add(source, None, required, f"缺少必需的列 (missing required column) {required}")
    found.raise_if_any()

    known = {"Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type", "Unit", "Target", "Denominator"}
    rows: dict[str, MetaRow] = {}
    groups: list[str] = []
    denominators: list[str] = []
    others: list[str] = []
    for offset, record in enumerate(records):
        row = first_row + offset
        code = cell_text(record.get("iCode"))
        kind = cell_text(record.get("Type"))
        if not code:
            found.add(source, row, "iCode", "代码为空 (empty code)")
            continue
        if code in rows or code in groups or code in denominators or code in others:
            found.add(source, row, "iCode", f"代码重复 (code appears twice): {code}")
            continue
        if kind not in TYPES:
            found.add(source, row, "Type", f"类型无效，应为 {'/'.join(TYPES)} (invalid type): '{kind}'")
            continue
        if kind == "Group":
            groups.append(code)
            continue
        if kind == "Denominator":
            denominators.append(code)
            continue
        if kind == "Other":
            others.append(code)
            continue
        level_text = cell_text(record.get("Level"))
        level = _meta_int(level_text)
        if level is None or level < 1:
            found.add(source, row, "Level", f"层级应为正整数 (level must be a positive integer): '{level_text}'")
        elif kind == "Indicator" and level != 1:
            found.add(source, row, "Level", f"指标的层级应为 1 (an indicator must be on level 1): {level}")
        elif kind == "Aggregate" and level < 2:
            found.add(source, row, "Level",
                      f"汇总指标的层级应不小于 2 (an aggregate must be on level 2 or above): {level}")
        weight_text = cell_text(record.get("Weight"))
        weight = parse_number(record.get("Weight")) if weight_text else 1.0
        if "Weight" in columns and not weight_text:
            found.add(source, row, "Weight", "权重缺失 (weight is missing)")
            weight = math.nan
        elif weight is None or math.isnan(weight):
            found.add(source, row, "Weight", f"权重不是数字 (weight is not a number): '{weight_text}'")
            weight = math.nan
        direction_text = cell_text(record.get("Direction"))
        direction = 1
        if direction_text:
            number = parse_number(direction_text)
            if number not in (1.0, -1.0):
                found.add(source, row, "Direction", f"方向应为 1 或 -1 (direction must be 1 or -1): '{direction_text}'")
            else:
                direction = int(number)  # type: ignore[arg-type]
        elif kind == "Indicator" and "Direction" in columns:
            found.add(source, row, "Direction", "方向缺失，应为 1 或 -1 (direction is missing)")
        target_text = cell_text(record.get("Target"))
        target = parse_number(target_text) if target_text else math.nan
        if target is None:
            found.add(source, row, "Target", f"目标值不是数字 (target is not a number): '{target_text}'")
            target = math.nan
        parent = cell_text(record.get("Parent")) or None
        denominator = cell_text(record.get("Denominator")) or None
        extra = {k: v for k, v in record.items() if k not in known}
        rows[code] = MetaRow(
            code=code, type=kind, level=level, name=cell_text(record.get("iName")), direction=direction,
            weight=float(weight), parent=parent, unit=cell_text(record.get("Unit")), target=float(target),
            denominator=denominator, extra=extra, row=row,
        )
    found.raise_if_any()
    if not any(r.type == "Indicator" for r in rows.values()):
        found.add(source, None, "Type", "没有任何指标 (no row of Type Indicator)")
        found.raise_if_any()

    levels = max(r.level or 1 for r in rows.values())
    _check_hierarchy(rows, levels, found, source)
    for r in rows.values():
        if r.denominator is not None and r.denominator not in denominators:
            found.add(source, r.row, "Denominator",
                      f"分母 {r.denominator} 不是 iMeta 中类型为 Denominator 的代码 (unknown denominator)")
    found.raise_if_any()

    level_codes = [tuple(c for c, r in rows.items() if r.level == 1)]
    for level in range(2, levels + 1):
        level_codes.append(tuple(sort_codes([c for c, r in rows.items() if r.level == level])))
    return Framework(rows=rows, levels=levels, level_codes=tuple(level_codes), groups=tuple(groups),
                     denominators=tuple(denominators), others=tuple(others), source=source)


def _check_hierarchy(rows: dict[str, MetaRow], levels: int, found: ProblemList, source: str) -> None:
    """Parents exist and sit one level up; no cycles; every aggregate has children."""
    in_cycle: set[str] = set()
    for code, row in rows.items():
        seen = [code]
        current = row.parent
        while current is not None and current in rows:
            if current in seen:
                cycle = [*seen[seen.index(current):], current]
                if not in_cycle.intersection(cycle):
                    found.add(source, row.row, "Parent",
                              f"层级结构中有循环 (cycle in the hierarchy): {' → '.join(cycle)}")
                in_cycle.update(cycle)
                break
            seen.append(current)
            current = rows[current].parent
    for code, r in rows.items():
        if code in in_cycle:
            continue
        if r.parent is None:
            if r.type == "Indicator" or (r.level or 0) < levels:
                found.add(source, r.row, "Parent", f"{code} 没有上级 (has no parent)")
            continue
        parent = rows.get(r.parent)
        if parent is None:
            found.add(source, r.row, "Parent", f"上级 {r.parent} 在 iMeta 中不存在 (parent not found)")
        elif parent.type != "Aggregate":
            found.add(source, r.row, "Parent", f"上级 {r.parent} 不是汇总指标 (parent is not an Aggregate)")
        elif r.level is not None and parent.level is not None and parent.level != r.level + 1:
            found.add(source, r.row, "Parent",
                      f"上级 {r.parent} 的层级 {parent.level} 应为 {r.level + 1} (parent must be one level up)")
    has_children = {r.parent for r in rows.values()}
    for code, r in rows.items():
        if r.type == "Aggregate" and code not in has_children and code not in in_cycle:
            found.add(source, r.row, "iCode", f"汇总指标 {code} 没有下级 (aggregate has no children)")


def tables_from_columns(
    columns: Mapping[str, Any], framework: Framework, source: str = "iData", first_row: int = 2,
    row_numbers: np.ndarray | None = None, values: np.ndarray | None = None,
) -> Tables:
    """Check iData given as columns (name → sequence or array) against the framework.

    `values`, if given, is the indicators' float matrix already parsed (columns = framework.indicators);
    the indicator columns are then not needed in `columns`.

    >>> fw = framework_from_records([
    ...     {"iCode": "a", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "P"},
    ...     {"iCode": "P", "Level": 2, "Type": "Aggregate", "Weight": 1}])
    >>> t = tables_from_columns({"uCode": ["X", "Y"], "a": [1.0, None]}, fw)
    >>> t.values.ravel().tolist()
    [1.0, nan]
    """
    found = ProblemList()
    n = len(next(iter(columns.values()))) if columns else 0
    if values is not None:
        n = values.shape[0]

    def row_of(i: int) -> int:
        return int(row_numbers[i]) if row_numbers is not None else first_row + i

    if "uCode" not in columns:
        found.add(source, None, "uCode", "缺少单位代码列 uCode (missing column uCode)")
    for code in framework.indicators:
        if code not in columns and values is None:
            found.add(source, None, code, f"缺少指标列 (indicator column missing): {code}")
    needed_denoms = {framework.rows[c].denominator for c in framework.indicators} - {None}
    for code in sorted(needed_denoms):
        if code not in columns:
            found.add(source, None, code, f"缺少分母列 (denominator column missing): {code}")
    found.raise_if_any()

    units = text_column(columns["uCode"])
    for i in np.flatnonzero(units == ""):
        found.add(source, row_of(i), "uCode", "单位代码为空 (empty unit code)")

    times = None
    if "Time" in columns:
        times, bad = parse_numeric_column(columns["Time"])
        for i in np.flatnonzero(bad | np.isnan(times)):
            found.add(source, row_of(i), "Time",
                      f"时间应为数字 (Time must be a number): '{cell_text(columns['Time'][i])}'")
    _check_duplicate_units(units, times, found, source, row_of)

    if values is not None:
        values = np.asfortranarray(values, dtype=float)
        if np.isinf(values).any():
            for i, j in np.argwhere(np.isinf(values))[:100]:
                found.add(source, row_of(int(i)), framework.indicators[j], "不是有限数字 (not a finite number)")
    else:
        values = np.empty((n, len(framework.indicators)), order="F")  # column-major: steps work column-wise
        for j, code in enumerate(framework.indicators):
            column = columns[code]
            if isinstance(column, np.ndarray) and column.dtype.kind == "f":
                values[:, j] = column  # already numbers: checked for ±inf below, all at once
                continue
            floats, bad = parse_numeric_column(column)
            for i in np.flatnonzero(bad):
                found.add(source, row_of(i), code, f"不是数字 (not a number): '{cell_text(column[i])}'")
            values[:, j] = floats
        if np.isinf(values).any():
            for i, j in np.argwhere(np.isinf(values))[:100]:
                found.add(source, row_of(int(i)), framework.indicators[j], "不是有限数字 (not a finite number)")
    denominators = {}
    for code in framework.denominators:
        if code in columns:
            floats, bad = parse_numeric_column(columns[code])
            for i in np.flatnonzero(bad):
                found.add(source, row_of(i), code,
                          f"分母不是数字 (denominator is not a number): '{cell_text(columns[code][i])}'")
            denominators[code] = floats
    groups = {code: text_column(columns[code]) for code in framework.groups if code in columns}
    names = text_column(columns["uName"]) if "uName" in columns else None
    found.raise_if_any()
    return Tables(units=units, values=values, framework=framework, names=names, times=times,
                  groups=groups, denominators=denominators, source=source)


def _check_duplicate_units(units: np.ndarray, times: np.ndarray | None, found: ProblemList, source: str,
                           row_of: Any) -> None:
    """A unit code twice (in the same period, for panel data) is an error; name the later rows."""
    if times is None and len(set(units.tolist())) == len(units):
        return  # the usual case, found with one hash set
    _, unit_ids = np.unique(units.astype(str), return_inverse=True)
    keys = unit_ids.astype(np.int64)
    if times is not None:
        _, time_ids = np.unique(np.nan_to_num(times, nan=-np.inf), return_inverse=True)
        keys = keys * (int(time_ids.max(initial=0)) + 1) + time_ids
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    later = np.flatnonzero(first[inverse] != np.arange(len(keys)))
    for i in later:
        when = "" if times is None else f"（时间 {times[i]:g}）"
        found.add(source, row_of(i), "uCode", f"单位代码重复{when} (unit code appears twice): {units[i]}")


def tables_from_records(data: Any, meta: Any, data_source: str = "iData", meta_source: str = "iMeta") -> Tables:
    """Tables from Python data — e.g. what the web app reads from its database.

    `data` and `meta` are each either a list of row dicts or a mapping of column name → values.

    >>> t = tables_from_records(
    ...     {"uCode": ["A", "B"], "x": [1, 2]},
    ...     [{"iCode": "x", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "I", "Direction": 1},
    ...      {"iCode": "I", "Level": 2, "Type": "Aggregate", "Weight": 1}])
    >>> t.units.tolist(), t.framework.levels
    (['A', 'B'], 2)
    """
    framework = framework_from_records(meta, source=meta_source)
    if isinstance(data, Mapping):
        columns = {k: list(v) if not isinstance(v, np.ndarray) else v for k, v in data.items()}
    else:
        records = _records(data)
        names = list(dict.fromkeys(k for r in records for k in r))
        columns = {k: [r.get(k) for r in records] for k in names}
    return tables_from_columns(columns, framework, source=data_source)
