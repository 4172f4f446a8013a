"""Markdown regions that prose rules skip: fenced and indented code, inline code, HTML comments.

Computed for every document (plain-text corpora use fences too); indented code blocks count only
in Markdown files, where four leading spaces mean code rather than stray indentation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lint.document import Document, Line

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

_FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_FENCE_AFTER_NEWLINE = re.compile(r"\n[ ]{0,3}(?:```|~~~)")
# A run of backticks not preceded by one (the lookbehind comes after the first backtick, so
# that the scan jumps from backtick to backtick instead of trying every character).
_INLINE_CODE = re.compile(r"(?P<ticks>`(?<!``)`*)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")


@dataclass(frozen=True)
class MarkdownRegions:
    """Sorted, non-overlapping (start, end) offsets of code and comments, and code lines."""

    is_markdown: bool
    code_blocks: list[tuple[int, int]] = field(default_factory=list)
    inline_code: list[tuple[int, int]] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)
    code_lines: frozenset[int] = frozenset()  # 1-based numbers of lines inside code blocks

    @cached_property
    def skipped(self) -> list[tuple[int, int]]:
        return sorted([*self.code_blocks, *self.inline_code, *self.comments])

    def contains(self, offset: int) -> bool:
        """Whether `offset` falls inside code or a comment."""
        spans = self._starts
        index = bisect_right(spans[0], offset) - 1
        return index >= 0 and offset < spans[1][index]

    @cached_property
    def _starts(self) -> tuple[list[int], list[int]]:
        merged = _merge(self.skipped)
        return [s for s, _ in merged], [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.skipped)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _html_comments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each closed `<!-- … -->`, in one linear pass (a lazy regex is quadratic
    on many unclosed openers)."""
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            return
        yield start, end + 3
        position = end + 3


def may_hold_a_fence(text: str) -> bool:
    """Whether `text` holds "```" or "~~~". A one-character search comes first: it costs a
    fraction of a longer one (especially of a run of backticks, whose search stops at spaces)."""
    return ("`" in text and "```" in text) or ("~" in text and "~~~" in text)


def is_markdown_path(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _indented_code_lines(doc: Document) -> list[Line]:
    """Lines of indented code blocks: non-blank lines indented by four spaces or a tab, that
    follow a blank line or another such line (blank lines in between continue a block)."""
    found: list[Line] = []
    lines = doc.lines
    previous_code = 0  # the number of the last line found
    for line in lines:
        text = line.text
        if text.startswith(("    ", "\t")) and not text.isspace():
            number = line.number
            if number == 1 or previous_code == number - 1 or not lines[number - 2].text.strip():
                found.append(line)
                previous_code = number
    return found


def _fences(text: str) -> Iterator[re.Match[str]]:
    """What `_FENCE.finditer(text)` finds, jumping from one "\n" followed by a fence to the next
    instead of trying `^` at every character."""
    first = _FENCE.match(text)
    if first is not None:
        yield first
    for candidate in _FENCE_AFTER_NEWLINE.finditer(text):
        match = _FENCE.match(text, candidate.start() + 1)
        if match is not None:
            yield match


def _outside(spans: list[tuple[int, int]], blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that do not start inside one of `blocks` (sorted and disjoint)."""
    if not blocks:
        return spans
    block_starts = [start for start, _ in blocks]
    kept = []
    for span in spans:
        index = bisect_right(block_starts, span[0]) - 1
        if index < 0 or span[0] >= blocks[index][1]:
            kept.append(span)
    return kept


def markdown_regions(doc: Document) -> MarkdownRegions:
    """Use as `doc.analysis(markdown_regions)` so that it is computed once per document."""
    text = doc.text
    is_markdown = is_markdown_path(doc.path)
    blocks: list[tuple[int, int]] = []
    code_lines: set[int] = set()
    if may_hold_a_fence(text):
        open_fence: re.Match[str] | None = None
        for match in _fences(text):
            fence = match["fence"]
            if open_fence is None:
                open_fence = match
            elif (
                fence[0] == open_fence["fence"][0]
                and len(fence) >= len(open_fence["fence"])
                and match.group(0).strip() == fence
            ):
                blocks.append((open_fence.start(), match.end()))
                open_fence = None
        if open_fence is not None:
            blocks.append((open_fence.start(), len(text)))
    if is_markdown:
        indented = _indented_code_lines(doc)
        if blocks:
            blocks.extend((line.start, line.end) for line in indented)
        else:  # indented lines only: each its own block, in order
            blocks = [(line.start, line.end) for line in indented]
            code_lines.update(line.number for line in indented)
    if blocks and not code_lines:
        blocks = _merge(blocks)
        line_starts = doc.line_starts
        for start, end in blocks:
            first = bisect_right(line_starts, start)
            last = bisect_right(line_starts, max(start, end - 1))
            code_lines.update(range(first, last + 1))
    inline: list[tuple[int, int]] = []
    if "`" in text:
        inline = _outside(
            [m.span() for m in _INLINE_CODE.finditer(text) if "\n\n" not in m.group(0)], blocks
        )
    comments = _outside(list(_html_comments(text)), blocks) if "<" in text else []
    return MarkdownRegions(is_markdown, blocks, inline, comments, frozenset(code_lines))
