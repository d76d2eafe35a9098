"""The organisation registry as a data file: validation into plain records.

Layout (YAML; see docs/formats/organisations.md):

    organisations:
      - {code: kjj, type: department, name: 新乡市科学技术局, short: 市科技局, aliases: [...], parent: xx-gov}
    groups:
      - {code: counties, name: 各县(市、区)政府, aliases: [...], members: [weihui, ...]}

`read_registry` checks everything a loader relies on and reports every problem with its line:
unknown type, a code twice, a parent or member that does not exist, a parent cycle, and a name
that two organisations share (a document naming it could not be resolved).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from innocity.core.datafile import DataFileError, LinedDict, Problem, line_of, load_yaml
from innocity.core.orgnames import GroupEntry, OrgDirectory, OrgEntry, normalise_name

ORG_TYPES = ("government", "department", "county", "zone", "university", "state_group", "enterprise", "bank")
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class OrgRecord:
    code: str
    type: str
    name: str
    short: str
    aliases: tuple[str, ...]
    parent: str | None
    line: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.short, *self.aliases)


@dataclass(frozen=True)
class GroupRecord:
    code: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    line: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Registry:
    organisations: tuple[OrgRecord, ...]
    groups: tuple[GroupRecord, ...]

    def directory(self, prefixes: dict[str, str] | None = None) -> OrgDirectory:
        """A name directory keyed by short name (the form plans write)."""
        short = {o.code: o.short for o in self.organisations}
        return OrgDirectory(
            [OrgEntry(o.short, o.names) for o in self.organisations],
            [GroupEntry(g.code, g.names, tuple(short[m] for m in g.members)) for g in self.groups],
            prefixes or {},
        )


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _read_org(item, filename: str, problems: list[Problem]) -> OrgRecord | None:
    line = line_of(item)
    if not isinstance(item, dict):
        problems.append(Problem(filename, line, "每个组织应是一个映射 (code, type, name, …)"))
        return None
    before = len(problems)
    code, kind, name = item.get("code"), item.get("type"), item.get("name")
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        problems.append(Problem(filename, line_of(item, "code"), f"组织代码 {code!r} 无效: 需小写字母、数字或连字符"))
    if kind not in ORG_TYPES:
        problems.append(
            Problem(filename, line_of(item, "type"), f"组织类型 {kind!r} 无效, 应为 {', '.join(ORG_TYPES)} 之一")
        )
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(filename, line_of(item, "name"), "缺少组织全称 name"))
    short = item.get("short", name)
    if not isinstance(short, str) or not short.strip():
        problems.append(Problem(filename, line_of(item, "short"), "简称 short 应为非空文本"))
    aliases = item.get("aliases", [])
    if not _strings(aliases) and aliases != []:
        problems.append(Problem(filename, line_of(item, "aliases"), "别名 aliases 应为文本列表"))
    parent = item.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems.append(Problem(filename, line_of(item, "parent"), "上级 parent 应为组织代码"))
    unknown = set(item) - {"code", "type", "name", "short", "aliases", "parent"}
    if unknown:
        problems.append(Problem(filename, line, f"未知字段: {', '.join(sorted(map(str, unknown)))}"))
    if len(problems) > before:
        return None
    return OrgRecord(code, kind, name.strip(), short.strip(), tuple(a.strip() for a in aliases), parent, line)


def _read_group(item, filename: str, problems: list[Problem]) -> GroupRecord | None:
    line = line_of(item)
    if not isinstance(item, dict):
        problems.append(Problem(filename, line, "每个组应是一个映射 (code, name, members)"))
        return None
    code, name, members = item.get("code"), item.get("name"), item.get("members")
    aliases = item.get("aliases", [])
    ok = True
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        problems.append(Problem(filename, line_of(item, "code"), f"组代码 {code!r} 无效"))
        ok = False
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(filename, line_of(item, "name"), "缺少组名称 name"))
        ok = False
    if not _strings(members):
        problems.append(Problem(filename, line_of(item, "members"), "成员 members 应为组织代码列表"))
        ok = False
    if not _strings(aliases) and aliases != []:
        problems.append(Problem(filename, line_of(item, "aliases"), "别名 aliases 应为文本列表"))
        ok = False
    if not ok:
        return None
    return GroupRecord(code, name.strip(), tuple(aliases), tuple(members), line)


def _check_references(orgs: list[OrgRecord], groups: list[GroupRecord], filename: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, OrgRecord] = {}
    for org in orgs:
        if org.code in seen:
            problems.append(Problem(filename, org.line, f"组织代码 {org.code} 重复 (第 {seen[org.code].line} 行已有)"))
        seen[org.code] = org
    for org in orgs:
        if org.parent is not None and org.parent not in seen:
            problems.append(Problem(filename, org.line, f"{org.name} 的上级 {org.parent} 不存在"))
    for org in orgs:  # a parent chain must end
        chain, current = {org.code}, org.parent
        while current in seen:
            if current in chain:
                problems.append(Problem(filename, org.line, f"{org.name} 的上级关系形成循环"))
                break
            chain.add(current)
            current = seen[current].parent
    owners: dict[str, str] = {}
    for record in [*orgs, *groups]:
        for written in dict.fromkeys(normalise_name(n) for n in record.names):
            if written in owners and owners[written] != record.code:
                reason = f"名称 {written} 同时属于 {owners[written]} 和 {record.code}, 无法区分"
                problems.append(Problem(filename, record.line, reason))
            owners.setdefault(written, record.code)
    group_codes: set[str] = set()
    for group in groups:
        if group.code in group_codes or group.code in seen:
            problems.append(Problem(filename, group.line, f"组代码 {group.code} 重复"))
        group_codes.add(group.code)
        for member in group.members:
            if member not in seen:
                problems.append(Problem(filename, group.line, f"组 {group.name} 的成员 {member} 不存在"))
    return problems


def read_registry(text: str, filename: str) -> Registry:
    """Validate a registry file's text; raise DataFileError listing every problem."""
    data = load_yaml(text, filename)
    if not isinstance(data, LinedDict) or not isinstance(data.get("organisations"), list):
        raise DataFileError([Problem(filename, 1, "文件应包含 organisations 列表")])
    problems: list[Problem] = []
    orgs = [o for o in (_read_org(i, filename, problems) for i in data["organisations"]) if o]
    groups = [g for g in (_read_group(i, filename, problems) for i in data.get("groups") or []) if g]
    problems += _check_references(orgs, groups, filename)
    if problems:
        raise DataFileError(problems)
    return Registry(tuple(orgs), tuple(groups))
