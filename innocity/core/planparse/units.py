"""Responsibility notes: "(责任单位:…)", "(牵头单位:…;配合单位:…)", "(…按职责分工负责)",
"(省科技厅牵头,A、B配合)", and the units they name, with roles, resolved against a registry.

A note covers the sentences before it (back to the previous note). Lists split at 、,，;；
except inside brackets (各县〔市、区〕政府) and inside group names that contain a separator
(驻新高校、科研院所); a trailing 等 is dropped. Resolution is innocity.core.orgnames's: exact,
alias, group, prefix, suffix, fuzzy; an unresolved name is kept with org None.

>>> notes = find_notes("建成9个加氢站。(牵头单位:市工信局;配合单位:市发改委、各县〔市、区〕政府)")
>>> notes[0].assignments
(('市工信局', 'lead'), ('市发改委', 'cooperating'), ('各县〔市、区〕政府', 'cooperating'))
>>> find_notes("(省科技厅牵头,省发展改革委、省工业和信息化厅配合)")[0].assignments
(('省科技厅', 'lead'), ('省发展改革委', 'cooperating'), ('省工业和信息化厅', 'cooperating'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from innocity.core.orgnames import OrgDirectory, Resolution, normalise_name
from innocity.core.planparse.model import UnitRef
from innocity.core.planparse.scanning import bracket_pairs, fold_width, split_spans

LABEL_ROLES = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "主责单位": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "实施单位": "responsible",
    "配合单位": "cooperating", "配合部门": "cooperating", "协同单位": "cooperating",
    "参与单位": "cooperating", "协办单位": "cooperating", "协助单位": "cooperating",
}
_LABEL = re.compile("(" + "|".join(LABEL_ROLES) + r")\s*:")
_LABEL_FIRST = re.compile(r"\s*(?:" + "|".join(LABEL_ROLES) + r")\s*:")
# The verb form: "A牵头", "B、C配合", "D按职责分工负责".
VERB_ROLES = (
    ("按职责分工负责", "responsible"), ("按职责分工", "responsible"), ("分工负责", "responsible"),
    ("按职责负责", "responsible"), ("共同负责", "responsible"), ("负责", "responsible"),
    ("牵头", "lead"), ("配合", "cooperating"), ("协同", "cooperating"), ("参与", "cooperating"),
    ("协助", "cooperating"),
)
_VERB = re.compile("(" + "|".join(word for word, _ in VERB_ROLES) + r")\s*$")
_VERB_ROLE = dict(VERB_ROLES)
_ENDS_WITH_VERB = re.compile("(?:" + "|".join(word for word, _ in VERB_ROLES) + r")[\s。.]*$")
_LIST_SEPARATORS = re.compile("[、,;]")
_CHUNK_SEPARATORS = re.compile("[,;]")
_SENTENCE_END = "。.;!?"
MAX_VERB_NOTE = 200
# Group phrases that contain a separator but name one group; protected from list splitting
# even without a registry.
_BUILT_IN_GROUPS = re.compile(
    r"(?:驻[^、,;()]{1,3}|在[^、,;()]{1,3}|各|有关|相关)?(?:高校|高等院校|高等学校)、(?:科研院所|科研机构|院所)"
    r"|(?:各|有关|相关)?[县区市](?:、[县区市])+(?:人民政府|政府)"
)


@dataclass(frozen=True)
class FoundNote:
    """A responsibility note at [start, end) of the scanned text (brackets included)."""

    start: int
    end: int
    text: str
    assignments: tuple[tuple[str, str], ...]


def find_notes(text: str, group_names: tuple[str, ...] = ()) -> tuple[FoundNote, ...]:
    """The responsibility notes of a paragraph, in order. `group_names` are registry group names
    that contain a list separator and must not be split."""
    return _find_notes(text, group_names)


@lru_cache(maxsize=8192)
def _find_notes(text: str, group_names: tuple[str, ...]) -> tuple[FoundNote, ...]:
    # The outline and the task reader both look at every line; a line is read once.
    folded = fold_width(text)
    notes = []
    for start, end, opener in bracket_pairs(folded):
        if opener not in "([【":
            continue
        inner = folded[start + 1:end - 1]
        if _LABEL_FIRST.match(inner):
            assignments = _labelled(text[start + 1:end - 1], inner, group_names)
        elif _is_verb_note(folded, start, end, inner):
            assignments = _verb_form(text[start + 1:end - 1], inner, group_names)
        else:
            continue
        if assignments:
            notes.append(FoundNote(start, end, text[start:end], tuple(assignments)))
    return tuple(notes)


def _is_verb_note(folded: str, start: int, end: int, inner: str) -> bool:
    """"(…负责)" is a note only where a note stands: after a sentence or at the end of the text,
    short, and without a sentence inside."""
    if len(inner) > MAX_VERB_NOTE or "。" in inner or not _ENDS_WITH_VERB.search(inner):
        return False
    before = folded[:start].rstrip()
    after = folded[end:].lstrip()
    return not before or before[-1] in _SENTENCE_END or before[-1] in ")]】" or not after


def _labelled(raw: str, inner: str, group_names: tuple[str, ...]) -> list[tuple[str, str]]:
    labels = list(_LABEL.finditer(inner))
    assignments = []
    for index, label in enumerate(labels):
        segment_end = labels[index + 1].start() if index + 1 < len(labels) else len(inner)
        role = LABEL_ROLES[label.group(1)]
        assignments += [(name, role) for name in split_unit_list(raw[label.end():segment_end], group_names)]
    return assignments


def _verb_form(raw: str, inner: str, group_names: tuple[str, ...]) -> list[tuple[str, str]]:
    """Chunks end in a role verb; names without a verb of their own take the next verb's role,
    and names after the last verb are responsible."""
    assignments: list[tuple[str, str]] = []
    pending: list[str] = []
    pairs = bracket_pairs(inner)
    for a, b in split_spans(inner, 0, len(inner), _CHUNK_SEPARATORS, pairs):
        chunk = raw[a:b].strip().rstrip("。.")
        verb = _VERB.search(fold_width(chunk))
        if verb:
            names = pending + split_unit_list(chunk[:verb.start()], group_names)
            assignments += [(name, _VERB_ROLE[verb.group(1)]) for name in names]
            pending = []
        else:
            pending += split_unit_list(chunk, group_names)
    assignments += [(name, "responsible") for name in pending]
    return assignments


def split_unit_list(raw: str, group_names: tuple[str, ...] = ()) -> list[str]:
    """Unit names of a list as written, split at 、,，;； outside brackets and group names.

    >>> split_unit_list("市科技局、市委编办,卫滨区、红旗区、牧野区人民政府,驻新高校、科研院所")
    ['市科技局', '市委编办', '卫滨区', '红旗区', '牧野区人民政府', '驻新高校、科研院所']
    """
    folded = fold_width(raw)
    protected = [(a, b, "(") for a, b, _ in bracket_pairs(folded)]
    protected += [(m.start(), m.end(), "") for m in _BUILT_IN_GROUPS.finditer(folded)]
    for name in group_names:
        start = folded.find(name)
        while start >= 0:
            protected.append((start, start + len(name), ""))
            start = folded.find(name, start + len(name))
    names = []
    for a, b in split_spans(folded, 0, len(folded), _LIST_SEPARATORS, _merge(protected)):
        name = clean_unit_name(raw[a:b])
        if name:
            names.append(name)
    return names


def clean_unit_name(name: str) -> str:
    """A written unit name without spaces, a leading 由, or a trailing 等."""
    name = re.sub(r"\s+", "", name).strip("。.:：")
    name = name.removeprefix("由")
    for suffix in ("等单位", "等部门", "等"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return name


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2])
        else:
            merged.append((start, end, kind))
    return merged


class UnitResolver:
    """Resolves written unit names against a directory, remembering each answer.

    With no directory every unit stays unresolved (org None, method None)."""

    def __init__(self, directory: OrgDirectory | None):
        self.directory = directory
        self._cache: dict[str, tuple[tuple[str | None, str | None], ...]] = {}
        self._found: dict[str, Resolution] = {}
        self._names: set[str] | None = None
        groups = directory.groups if directory is not None else ()
        # Folded, so that list splitting can look for them in folded text.
        self.group_names = tuple(
            fold_width(name) for group in groups for name in group.names if _LIST_SEPARATORS.search(fold_width(name))
        )

    def _resolution(self, name: str) -> Resolution:
        if name not in self._found:
            self._found[name] = self.directory.resolve(name)
        return self._found[name]

    def resolve(self, name: str) -> tuple[tuple[str | None, str | None], ...]:
        """(org, method) pairs: one for a unit, one per member for a group, (None, None) if unknown."""
        if name not in self._cache:
            if self.directory is None:
                self._cache[name] = ((None, None),)
            else:
                found = self._resolution(name)
                self._cache[name] = tuple((key, found.method) for key in found.keys) or ((None, None),)
        return self._cache[name]

    def unit_refs(self, notes: list[tuple[int, FoundNote]]) -> list[UnitRef]:
        """UnitRefs of a task's notes (index, note), without repeating one (name, role, org)."""
        refs: list[UnitRef] = []
        seen: set[tuple[str, str, str | None]] = set()
        for index, note in notes:
            for name, role in note.assignments:
                for org, method in self.resolve(name):
                    key = (name, role, org)
                    if key not in seen:
                        seen.add(key)
                        refs.append(UnitRef(name, role, org, method, index))
        return refs

    def owner_prefix(self, text: str) -> str | None:
        """The longest start of `text` that is a registry name or alias of an organisation or group,
        e.g. 驻新高校院所 in 驻新高校院所科技成果专场发布会 (exact names only: no fuzzy guess)."""
        if self.directory is None:
            return None
        if self._names is None:
            entries = (*self.directory.orgs, *self.directory.groups)
            self._names = {normalise_name(name) for entry in entries for name in entry.names}
        for length in range(min(len(text), 12), 1, -1):
            if normalise_name(text[:length]) in self._names:
                return text[:length]
        return None
