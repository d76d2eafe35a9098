"""The outline of a plan: title, period, preamble, sections and tasks.

- The title is the last line before the first heading that names a plan (…方案, …计划,
  …措施 …), with its period in brackets on the same or the next line. What stands before the
  title (a news preface, the 印发通知) is not part of the plan and is left out.
- Headings nest in the order a document introduces their numbering styles (numbering.py), so
  task numbers that restart in every sub-section keep their section path.
- A numbered line with text after its title sentence ("1.加快推进…建设。积极推进…"), or with
  paragraphs but no numbered lines below it, is an item; a numbered line with numbered lines
  below it and no text of its own is a heading. The title of an item is its text up to the
  first 。 (a bold title sentence); unnumbered lines belong to the item or heading above them.
- Items are tasks in the top-level sections that carry responsibility notes ((责任单位:…));
  a document without any note has its tasks in sections named 任务/举措/行动/措施. Items in
  other sections (保障措施, a list of technology directions) are sections with text.
- Sections named …目标 hold the goals; without one, a section named 总体要求 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from innocity.core.planparse.deadlines import plan_period
from innocity.core.planparse.numbering import Numbering, numbering_of
from innocity.core.planparse.scanning import bracket_pairs, fold_width
from innocity.core.planparse.units import find_notes

# A document's state may follow the name, before or after the period: (征求意见稿), (修订稿), (试行) …
_DRAFT_STATE = r"(?:\s*\((?:征求意见稿|修订稿|送审稿|讨论稿|草案|试行|暂行|修订版)\))?"
_PLAN_NAME = re.compile(
    r"^(?!关于印发)(?!《)[^。:;]{3,80}?(?:方案|计划|规划|意见|措施|办法|纲要|细则|政策|举措)" + _DRAFT_STATE
    + r"(?:\s*\(\s*(?:19|20)\d{2}\s*(?:—{1,2}|–|-|~|至|到)\s*(?:19|20)\d{2}\s*年?\s*\))?" + _DRAFT_STATE + "$"
)
_PERIOD_LINE = re.compile(r"^\(\s*(?:19|20)\d{2}\s*(?:—{1,2}|–|-|~|至|到)\s*(?:19|20)\d{2}\s*年?\s*\)$")
_CLOSING = re.compile(
    r"^本(?:方案|计划|政策|措施|意见|办法|细则|通知|规定|行动计划|实施方案|若干措施)\S{0,16}?(?:自|由|施行|有效期|解释)"
)
_GOALS_TITLE = re.compile(r"目标")
_GOALS_FALLBACK = re.compile(r"总体要求|总体思路")
_TASKS_TITLE = re.compile(r"任务|举措|行动|工程|措施|重点工作|政策")
_NOT_TASKS_TITLE = re.compile(r"保障|组织实施|组织领导|目标|要求|思想|原则|背景|形势|意义|基础")
_SAFEGUARDS_TITLE = re.compile(r"保障|组织实施|组织领导")
_TOP_STYLES = ("chapter", "cn")
TITLE_TOO_LONG = 40


@dataclass
class _Node:
    numbering: Numbering
    line: str
    line_no: int
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """A heading or an item of the outline, in document order.

    `kind` is "task" or "section"; `zone` is goals, tasks, safeguards or text; `paragraphs` are
    the text after the title sentence, one per line (an item's numbered sub-points included)."""

    kind: str
    zone: str
    path: tuple[str, ...]
    heading: str
    number: str
    title: str
    paragraphs: tuple[str, ...]
    line: int
    title_uncertain: bool = False


@dataclass(frozen=True)
class Outline:
    title: str | None
    period: tuple[int, int] | None
    preamble: tuple[str, ...]
    blocks: tuple[Block, ...]
    closing: tuple[str, ...] = ()


def read_outline(text: str) -> Outline:
    """The outline of a plan's text (see the module docstring for the rules)."""
    lines = _lines(text)
    first_heading = next((i for i, (_, _, n) in enumerate(lines) if n and n.style in _TOP_STYLES), None)
    if first_heading is None:
        first_heading = next((i for i, (_, _, n) in enumerate(lines) if n), len(lines))
    title, period, body_start = _title(lines, first_heading)
    preamble = tuple(line for _, line, _ in lines[body_start:first_heading])
    roots, closing = _tree(lines[first_heading:])
    blocks = _blocks(roots)
    return Outline(title, period, preamble, tuple(blocks), tuple(closing))


def _lines(text: str) -> list[tuple[int, str, Numbering | None]]:
    """Non-empty lines (number, stripped text, numbering), without a leading `# ` comment block."""
    found = []
    leading = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if leading and line.startswith("#"):
            continue
        if not line:
            continue
        leading = False
        found.append((number, line, numbering_of(line)))
    return found


def _title(lines: list[tuple[int, str, Numbering | None]],
           first_heading: int) -> tuple[str | None, tuple[int, int] | None, int]:
    """(title, period, index where the preamble starts)."""
    for index in range(first_heading - 1, -1, -1):
        line = lines[index][1]
        folded = fold_width(line)
        if not _PLAN_NAME.match(folded) or folded.endswith("通知"):
            continue
        body_start = index + 1
        if body_start < first_heading and _PERIOD_LINE.match(fold_width(lines[body_start][1])):
            line += lines[body_start][1]
            body_start += 1
        return line, plan_period(fold_width(line)), body_start
    period = next((plan_period(fold_width(line)) for _, line, _ in lines[:first_heading]
                   if _PERIOD_LINE.match(fold_width(line))), None)
    return None, period, 0


def _tree(lines: list[tuple[int, str, Numbering | None]]) -> tuple[list[_Node], list[str]]:
    """Nest numbered lines by the order their styles appear; unnumbered lines join the line above."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    closing: list[str] = []
    current: _Node | None = None
    closed = False  # after a closing line (本方案自印发之日起施行), plain lines are closing text too
    for number, line, numbering in lines:
        if numbering is None and (closed or _CLOSING.match(line)):
            closing.append(line)
            closed = True
            continue
        closed = False
        if numbering is None:
            if current is not None:
                current.body.append(line)
            continue
        styles = [node.numbering.style for node in stack]
        if numbering.style in styles:
            del stack[styles.index(numbering.style):]
        node = _Node(numbering, line, number, stack[-1] if stack else None)
        (node.parent.children if node.parent else roots).append(node)
        stack.append(node)
        current = node
    return roots, closing


@dataclass(frozen=True)
class _Head:
    title: str
    heading: str
    inline: str
    uncertain: bool


def _head(node: _Node) -> _Head:
    """Split a numbered line into its title sentence and the text after it."""
    line, start = node.line, node.numbering.end
    rest = line[start:]
    folded = fold_width(rest)
    pairs = bracket_pairs(folded)
    notes = find_notes(rest)
    end = _first_outside(folded, "。", pairs)
    colon = _first_outside(folded, ":", pairs)
    if colon is not None and colon < 30 and (end is None or colon < end):
        end = colon
    if notes and (end is None or notes[0].start < end):
        title_end, inline = notes[0].start, rest[notes[0].start:]
    elif end is None:
        title_end, inline = len(rest), ""
    else:
        title_end, inline = end, rest[end + 1:]
    title = rest[:title_end].strip()
    heading = line[:start + title_end].strip()
    return _Head(title, heading, inline.strip(), len(title) > TITLE_TOO_LONG)


def _first_outside(folded: str, char: str, pairs: list[tuple[int, int, str]]) -> int | None:
    pos = folded.find(char)
    while pos >= 0:
        if not any(a < pos < b for a, b, _ in pairs):
            return pos
        pos = folded.find(char, pos + 1)
    return None


def _blocks(roots: list[_Node]) -> list[Block]:
    heads: dict[int, _Head] = {}

    def head(node: _Node) -> _Head:
        if id(node) not in heads:
            heads[id(node)] = _head(node)
        return heads[id(node)]

    all_nodes = list(_walk(roots))
    has_notes = any(find_notes(node.line) or any(find_notes(line) for line in node.body) for node in all_nodes)
    titles = [head(node).title for node in all_nodes]
    goals_pattern = _GOALS_TITLE if any(_is_goals_title(t) for t in titles) else _GOALS_FALLBACK
    # Tasks live in top-level sections; items at the top level form one section of their own.
    tops = [root for root in roots if root.numbering.style in _TOP_STYLES]
    loose = [root for root in roots if root.numbering.style not in _TOP_STYLES]

    def bears_tasks(top: _Node | None) -> bool:
        nodes = list(_walk([top])) if top is not None else list(_walk(loose))
        if has_notes:
            return any(find_notes(n.line) or any(find_notes(line) for line in n.body) for n in nodes)
        if top is None:
            return True
        title = head(top).title
        return bool(_TASKS_TITLE.search(title)) and not _NOT_TASKS_TITLE.search(title)

    task_tops = {id(top) for top in tops if bears_tasks(top)}
    loose_tasks = bool(loose) and bears_tasks(None)
    blocks: list[Block] = []

    def visit(node: _Node, path: tuple[str, ...], top: _Node | None, in_goals: bool, outer_zone: str) -> None:
        h = head(node)
        goals_here = in_goals or (goals_pattern.search(h.title) is not None and "任务" not in h.title)
        in_task_top = (id(top) in task_tops) if top is not None else loose_tasks
        is_top = node.parent is None and node.numbering.style in _TOP_STYLES
        container = is_top or (bool(node.children) and not h.inline)
        if not container and in_task_top and not goals_here:
            blocks.append(Block("task", "tasks", path, h.heading, node.numbering.number, h.title,
                                tuple(_item_paragraphs(node, h)), node.line_no, h.uncertain))
            return
        zone = "goals" if goals_here else "tasks" if in_task_top else (
            "safeguards" if _SAFEGUARDS_TITLE.search(h.title) or outer_zone == "safeguards" else "text")
        paragraphs = [h.inline, *node.body] if container else _item_paragraphs(node, h)
        blocks.append(Block("section", zone, path, h.heading, node.numbering.number, h.title,
                            tuple(p for p in paragraphs if p), node.line_no))
        if container:
            for child in node.children:
                visit(child, (*path, h.heading), top, goals_here, zone)

    for root in roots:
        visit(root, (), root if root.numbering.style in _TOP_STYLES else None, False, "text")
    return blocks


def _is_goals_title(title: str) -> bool:
    return bool(_GOALS_TITLE.search(title)) and "任务" not in title


def _item_paragraphs(node: _Node, h: _Head) -> list[str]:
    """An item's text: after its title sentence, its own lines, then its numbered sub-points."""
    paragraphs = [h.inline, *node.body]
    for child in _walk(node.children):
        paragraphs += [child.line, *child.body]
    return [p for p in paragraphs if p]


def _walk(nodes: list[_Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)
