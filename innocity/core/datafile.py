"""Reading reviewed data files (YAML) so that every problem can name its file and line.

A data file a person edits must be refused with a message that says where the mistake is. PyYAML
knows each node's line while parsing but forgets it in the plain Python objects it returns; the
loader here keeps it: mappings come back as `LinedDict` and sequences as `LinedList`, each with
the 1-based `line` where it starts and, for mappings, `line_of(key)` for each key.

>>> data = load_yaml("a: 1\\nb:\\n  - x\\n", "f.yaml")
>>> data.line_of("b")
2
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with its place. `reason` is for the user, in Chinese."""

    file: str
    line: int | None
    reason: str
    column: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
        if self.row is not None:
            place += f" 第{self.row}行"
        if self.column:
            place += f" [{self.column}]"
        return f"{place}: {self.reason}"


class DataFileError(ValueError):
    """The input is refused; `problems` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LinedDict(dict):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list):
    line: int = 0


class _LinedLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LinedLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    result = LinedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"重复的键 {key!r} (duplicate key)", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LinedLoader, node: yaml.SequenceNode) -> LinedList:
    result = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LinedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LinedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay strings: the validators decide what a date field means, and report bad ones.
_LinedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, filename: str):
    """Parse YAML text, keeping lines; a syntax error becomes a DataFileError with its line."""
    try:
        return yaml.load(text, Loader=_LinedLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError([Problem(filename, line, f"YAML 格式错误: {exc.problem or exc}")]) from exc
    except yaml.YAMLError as exc:
        raise DataFileError([Problem(filename, None, f"YAML 格式错误: {exc}")]) from exc


def line_of(node, key: str | None = None) -> int | None:
    """The line of a node (or of one of its keys), when the node came from `load_yaml`."""
    if isinstance(node, LinedDict):
        return node.line_of(key) if key is not None else node.line
    return getattr(node, "line", None)
