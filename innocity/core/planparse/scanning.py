"""Scanning Chinese policy text: width folding, bracket pairs, splitting outside brackets.

Every function keeps positions: folding maps one character to one character, and masking
replaces characters by MASK, so that a match found in a folded or masked copy slices the
original text at the same place. Bracket pairs are found with one regex pass over the bracket
characters only, so that a 5 MB document stays fast.

>>> fold_width("（一）１．３％")
'(一)1.3%'
>>> text = "市科技局、各县〔市、区〕政府,高新区"
>>> [text[a:b] for a, b in split_spans(text, 0, len(text), re.compile("[、,]"), bracket_pairs(text))]
['市科技局', '各县〔市、区〕政府', '高新区']
"""

from __future__ import annotations

import bisect
import re

MASK = "\x00"

# Full-width ASCII (！ to ～) and the ideographic space fold to their ASCII forms.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD[0x00A0] = 0x20

# Openers and the closers they accept. Full-width round brackets fold to ASCII first.
PAIRS = {"(": ")", "〔": "〕", "[": "]", "【": "】", "《": "》", "“": "”", "‘": "’", "「": "」", "『": "』", "{": "}"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_BRACKET = re.compile("[" + re.escape("".join(PAIRS) + "".join(_CLOSERS)) + "]")
# An opener further than this from its closer is taken as a typo, not a pair: a stray "(" must
# not swallow the rest of a document.
MAX_PAIR_LENGTH = 600


_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000\u00a0]")


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to ASCII, one character for one."""
    return text.translate(_FOLD) if _FULL_WIDTH.search(text) else text


def bracket_pairs(folded: str) -> list[tuple[int, int, str]]:
    """Outermost bracket pairs as (start, end, opener), in order; `end` is one past the closer.

    Unmatched brackets are ignored, and so is an opener whose closer is more than
    MAX_PAIR_LENGTH away; pairs nested in another pair are not listed.
    """
    stack: list[tuple[str, int]] = []
    open_count = dict.fromkeys(PAIRS, 0)  # openers of each kind on the stack: a closer without one is skipped
    pairs: list[tuple[int, int, str]] = []
    for match in _BRACKET.finditer(folded):
        char, pos = match.group(), match.start()
        while stack and pos - stack[0][1] > MAX_PAIR_LENGTH:
            open_count[stack.pop(0)[0]] -= 1
        if char in PAIRS:
            stack.append((char, pos))
            open_count[char] += 1
            continue
        opener = _CLOSERS[char]
        if not open_count[opener]:
            continue
        # Pop to the matching opener; openers left open inside it were strays.
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == opener:
                pairs.append((stack[depth][1], pos + 1, opener))
                for stray, _ in stack[depth:]:
                    open_count[stray] -= 1
                del stack[depth:]
                break
    pairs.sort()
    outer: list[tuple[int, int, str]] = []
    for pair in pairs:
        if outer and pair[0] < outer[-1][1]:
            continue
        outer.append(pair)
    return outer


def mask_pairs(folded: str, pairs: list[tuple[int, int, str]], openers: str) -> str:
    """Replace the inside of the pairs opened by one of `openers` with MASK (brackets stay)."""
    chunks = []
    last = 0
    for start, end, opener in pairs:
        if opener in openers:
            chunks.append(folded[last:start + 1])
            chunks.append(MASK * (end - start - 2))
            last = end - 1
    chunks.append(folded[last:])
    return "".join(chunks)


def split_spans(folded: str, start: int, end: int, separators: re.Pattern[str],
                pairs: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """[start, end) cut at each separator match outside `pairs`, as (a, b) spans without the
    separators; `pairs` are sorted, non-overlapping and in `folded` positions."""
    spans = []
    a = start
    starts = [p[0] for p in pairs]
    for match in separators.finditer(folded, start, end):
        pos = match.start()
        index = bisect.bisect_right(starts, pos) - 1
        if index >= 0 and pairs[index][0] < pos < pairs[index][1]:
            continue
        spans.append((a, pos))
        a = match.end()
    spans.append((a, end))
    return spans
