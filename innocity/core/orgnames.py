"""Organisation names as documents write them, resolved against a registry.

Chinese government documents name the same unit in several forms: a full name
(新乡市发展和改革委员会), the usual short form (市发改委), other short forms (市发展改革委),
with different brackets (各县〔市、区〕政府 / 各县(市、区)政府 / 各县（市、区）政府), and as named
groups that stand for several units (驻新高校、科研院所). This module turns such a written name
into registry keys: by exact name, then alias, then group, then with a government suffix
(人民政府, 管委会) removed, then by fuzzy match; a name that matches nothing stays unresolved,
so that the caller can flag it instead of losing it.

>>> d = OrgDirectory([OrgEntry("fgw", ("新乡市发展和改革委员会", "市发改委", "市发展改革委"))])
>>> d.resolve("市发展改革委").keys
('fgw',)
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

# Brackets a document may use around 市、区 and similar insertions; all become ASCII ().
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")", "［": "(", "］": ")"})
_SPACE = re.compile(r"\s+")
# Suffixes that name a unit's government or committee rather than a different unit:
# 牧野区人民政府 is the unit 牧野区, 高新区管委会 is the unit 高新区.
GOVERNMENT_SUFFIXES = ("人民政府", "管理委员会", "管委会", "政府")
FUZZY_CUTOFF = 0.8
# The tier a name starts with: 省发展改革委 is never the city's 市发改委, however alike they read.
TIERS = ("国家", "省", "市", "县", "区")


def normalise_name(name: str) -> str:
    """Fold the forms of one name together: full-width to half-width, one kind of bracket,
    no spaces, no trailing 等.

    >>> normalise_name(" 各县〔市、区〕政府 ")
    '各县(市、区)政府'
    >>> normalise_name("市科技局等")
    '市科技局'
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name).translate(_BRACKETS))
    # Again: removing a space can bring a combining mark next to the letter it composes with.
    return unicodedata.normalize("NFKC", text).rstrip("等")


def _same_tier(a: str, b: str) -> bool:
    """False when both names start with a government tier and the tiers differ."""
    tier_a = next((t for t in TIERS if a.startswith(t)), None)
    tier_b = next((t for t in TIERS if b.startswith(t)), None)
    return tier_a is None or tier_b is None or tier_a == tier_b


@dataclass(frozen=True)
class OrgEntry:
    """One organisation: its key and every name it goes by (full, short, aliases)."""

    key: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class GroupEntry:
    """A named group that expands to several organisations (by key)."""

    key: str
    names: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    """What a written name resolved to. `keys` is empty when nothing matched; `method` says how
    the match was made (exact, group, suffix, prefix, fuzzy), so that a reviewer can check the
    uncertain ones."""

    written: str
    keys: tuple[str, ...]
    method: str | None
    score: float = 1.0

    @property
    def resolved(self) -> bool:
        return bool(self.keys)

    @property
    def is_group(self) -> bool:
        return self.method == "group"


@dataclass
class OrgDirectory:
    """A registry of organisation names for resolving written names.

    `prefixes` maps a locality prefix to the short form documents use for it, e.g.
    {"新乡市": "市"}, so that 新乡市财政局 finds 市财政局.
    """

    orgs: Iterable[OrgEntry]
    groups: Iterable[GroupEntry] = ()
    prefixes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.orgs = tuple(self.orgs)
        self.groups = tuple(self.groups)
        self._by_name: dict[str, str] = {}
        for org in self.orgs:
            for name in org.names:
                self._by_name.setdefault(normalise_name(name), org.key)
        self._groups: dict[str, GroupEntry] = {}
        for group in self.groups:
            for name in group.names:
                self._groups.setdefault(normalise_name(name), group)
        self._all_names = list(self._by_name)

    def resolve(self, written: str) -> Resolution:
        """Resolve one written name (see the module docstring for the order of attempts)."""
        name = normalise_name(written)
        if not name:
            return Resolution(written, (), None, 0.0)
        found = self._exact(name)
        if found:
            return Resolution(written, *found)
        for old, new in self.prefixes.items():
            if name.startswith(old):
                found = self._exact(new + name.removeprefix(old))
                if found:
                    return Resolution(written, found[0], "prefix")
        for suffix in GOVERNMENT_SUFFIXES:
            stem = name.removesuffix(suffix)
            if stem != name and stem:
                found = self._exact(stem)
                if found:
                    return Resolution(written, found[0], "suffix")
        for candidate in difflib.get_close_matches(name, self._all_names, n=5, cutoff=FUZZY_CUTOFF):
            if _same_tier(name, candidate):
                score = difflib.SequenceMatcher(None, name, candidate).ratio()
                return Resolution(written, (self._by_name[candidate],), "fuzzy", round(score, 3))
        return Resolution(written, (), None, 0.0)

    def _exact(self, name: str) -> tuple[tuple[str, ...], str] | None:
        if name in self._by_name:
            return (self._by_name[name],), "exact"
        group = self._groups.get(name)
        if group is not None:
            return group.members, "group"
        return None


def directory_from_registry(registry: dict, prefixes: dict[str, str] | None = None) -> OrgDirectory:
    """Build a directory from the registry's data layout (innocity/orgs/data/*.yaml, parsed):
    {"organisations": [{code, name, short, aliases}], "groups": [{code, name, aliases, members}]}.

    Keys are the organisations' short names (the form plans write), so that a resolution reads
    as a plan office would write it; groups expand to their members' short names.
    """
    short_by_code = {o["code"]: o.get("short") or o["name"] for o in registry.get("organisations", [])}
    orgs = [
        OrgEntry(short_by_code[o["code"]], (o["name"], o.get("short") or o["name"], *o.get("aliases", [])))
        for o in registry.get("organisations", [])
    ]
    groups = [
        GroupEntry(g["code"], (g["name"], *g.get("aliases", [])), tuple(short_by_code[m] for m in g["members"]))
        for g in registry.get("groups", [])
    ]
    return OrgDirectory(orgs, groups, prefixes or {})
