"""Spans of a text, and finding them again once the text has changed.

A span is ``[start, end)`` in Unicode characters (code points), as REFI-QDA counts and as
Python indexes a ``str``. A coding keeps its offsets and a W3C text-quote selector (the
words, 32 characters before and after): offsets are what every reader uses, the quote is
what lets a span survive an edit of its text (a contact redacted in an answer, a typing
error corrected in an interview note).

:func:`reanchor` tries, in order:

1. the offsets carried through the edit: the span's characters all lie in parts of the text
   the edit left alone, so the span moves by what was inserted or removed before it;
2. the quoted words searched in the new text, each occurrence scored by how much of its
   prefix and suffix still match, then by how near it is to where the span was;
3. the span's two ends carried through the edit, when only its inside changed (a phone
   number redacted in a coded paragraph) and most of its words are still there.

Otherwise the quoted words are gone and the span is lost (``None``): the caller removes the
coding and says how many were lost.

Pure core: no Django import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Characters of context kept on each side (``Coding.prefix`` and ``suffix`` hold 32).
CONTEXT = 32
#: How much of a span's words must remain for its inside to have been edited rather than
#: replaced (step 3): the similarity ``difflib`` computes, from 0 to 1.
KEEP_RATIO = 0.6

# A word with the spaces after it, or one other character: the units the middle of two texts
# is compared in. Comparing characters would give each letter thousands of candidate matches
# in a long note (``difflib`` is quadratic in them); words keep the comparison fast.
_TOKEN = re.compile(r"\w+\s*|\s+|[^\w\s]\s*")


def validate(text: str, start: int, end: int) -> str | None:
    """What is wrong with ``[start, end)`` as a span of ``text`` (in English), or None."""
    if isinstance(start, bool) or isinstance(end, bool):
        return "offsets must be whole numbers"
    if not isinstance(start, int) or not isinstance(end, int):
        return "offsets must be whole numbers"
    if start < 0:
        return f"start {start} is negative"
    if end <= start:
        return f"end {end} is not after start {start}"
    if end > len(text):
        return f"end {end} is past the end of the text ({len(text)} characters)"
    return None


def selector(text: str, start: int, end: int, context: int = CONTEXT) -> tuple[str, str, str]:
    """The W3C text-quote selector of a span: (exact, prefix, suffix)."""
    return (
        text[start:end],
        text[max(0, start - context) : start],
        text[end : end + context],
    )


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of the old text found unchanged in the new one."""

    old: int
    size: int
    new: int

    def carries(self, position: int) -> bool:
        return self.old <= position < self.old + self.size


def _tokens(text: str) -> tuple[list[str], list[int]]:
    found = _TOKEN.findall(text)
    starts = [0] * len(found)
    at = 0
    for i, token in enumerate(found):
        starts[i] = at
        at += len(token)
    return found, starts


def unchanged_blocks(old: str, new: str) -> list[Block]:
    """The stretches of ``old`` kept in ``new``, in order.

    The common beginning and end are taken first (one edit, the usual case, is then exact
    and costs one pass); what lies between is compared word by word.
    """
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    blocks = [Block(0, head, 0)] if head else []
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    if old_middle and new_middle:
        a, a_starts = _tokens(old_middle)
        b, b_starts = _tokens(new_middle)
        a_starts.append(len(old_middle))
        b_starts.append(len(new_middle))
        matcher = difflib.SequenceMatcher(None, a, b)
        for i, j, n in matcher.get_matching_blocks():
            if n:
                size = a_starts[i + n] - a_starts[i]
                blocks.append(Block(head + a_starts[i], size, head + b_starts[j]))
    if tail:
        blocks.append(Block(len(old) - tail, tail, len(new) - tail))
    return blocks


def _carry(blocks: Sequence[Block], position: int) -> int | None:
    """Where the character at ``position`` of the old text is in the new one."""
    for block in blocks:
        if block.carries(position):
            return block.new + position - block.old
    return None


def carry(old_text: str, new_text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span moved through the edit when the edit left its characters alone; else None.

    For what has offsets and no words to search: the flags of the personal-data pass.
    """
    return carry_through(unchanged_blocks(old_text, new_text), start, end)


def carry_through(blocks: Sequence[Block], start: int, end: int) -> tuple[int, int] | None:
    """:func:`carry` with the blocks of :func:`unchanged_blocks` computed once, for many
    spans of one text."""
    for block in blocks:
        if block.carries(start) and block.carries(end - 1):
            return block.new + start - block.old, block.new + end - block.old
    return None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _occurrences(text: str, exact: str) -> list[int]:
    found = []
    at = text.find(exact)
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def _expected(blocks: Sequence[Block], start: int) -> int:
    """Where the span would start in the new text, from the nearest unchanged stretch."""
    best = start
    distance: int | None = None
    for block in blocks:
        if block.carries(start):
            return block.new + start - block.old
        gap = min(abs(start - block.old), abs(start - (block.old + block.size)))
        if distance is None or gap < distance:
            distance, best = gap, block.new + start - block.old
    return max(best, 0)


def reanchor(
    old_text: str,
    new_text: str,
    start: int,
    end: int,
    exact: str,
    prefix: str,
    suffix: str,
) -> tuple[int, int] | None:
    """Where the span ``[start, end)`` of ``old_text`` is in ``new_text``; None if its words
    are gone (see the module's docstring for the three ways it is found)."""
    if old_text == new_text:
        return (start, end) if validate(new_text, start, end) is None else None
    blocks = unchanged_blocks(old_text, new_text)
    if validate(old_text, start, end) is None:
        carried = carry_through(blocks, start, end)
        if carried is not None and (not exact or new_text[carried[0] : carried[1]] == exact):
            return carried
    if exact:
        expected = _expected(blocks, start)
        best: tuple[int, int, int] | None = None  # (-score, distance, position)
        for at in _occurrences(new_text, exact):
            before = new_text[max(0, at - len(prefix)) : at]
            after = new_text[at + len(exact) : at + len(exact) + len(suffix)]
            score = _common_prefix(before[::-1], prefix[::-1]) + _common_prefix(after, suffix)
            candidate = (-score, abs(at - expected), at)
            if best is None or candidate < best:
                best = candidate
        if best is not None:
            return best[2], best[2] + len(exact)
    if validate(old_text, start, end) is not None:
        return None
    first, last = _carry(blocks, start), _carry(blocks, end - 1)
    if first is None or last is None or last < first:
        return None
    words = exact or old_text[start:end]
    kept = new_text[first : last + 1]
    if difflib.SequenceMatcher(None, words, kept).ratio() < KEEP_RATIO:
        return None
    return first, last + 1


__all__ = [
    "CONTEXT",
    "Block",
    "carry",
    "carry_through",
    "reanchor",
    "selector",
    "unchanged_blocks",
    "validate",
]
