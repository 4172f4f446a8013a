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
    from lint.document import Document

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

_FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")


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


def is_markdown_path(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_regions(doc: Document) -> MarkdownRegions:
    """Use as `doc.analysis(markdown_regions)` so that it is computed once per document."""
    text = doc.text
    is_markdown = is_markdown_path(doc.path)
    blocks: list[tuple[int, int]] = []
    code_lines: set[int] = set()
    if "```" in text or "~~~" in text:
        open_fence: re.Match[str] | None = None
        for match in _FENCE.finditer(text):
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
        previous_blank = True
        in_indented = False
        for line in doc.lines:
            indented = line.text.startswith(("    ", "\t")) and not line.is_blank
            if indented and (previous_blank or in_indented):
                in_indented = True
                blocks.append((line.start, line.end))
            elif not line.is_blank:
                in_indented = False
            previous_blank = line.is_blank
    blocks = _merge(blocks)
    for start, end in blocks:
        first = doc.location(start).row
        last = doc.location(max(start, end - 1)).row
        code_lines.update(range(first, last + 1))

    def outside_blocks(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [s for s in spans if not any(b0 <= s[0] < b1 for b0, b1 in blocks)]

    inline = []
    if "`" in text:
        inline = outside_blocks(
            [m.span() for m in _INLINE_CODE.finditer(text) if "\n\n" not in m.group(0)]
        )
    comments = outside_blocks(list(_html_comments(text))) if "<!--" in text else []
    return MarkdownRegions(is_markdown, blocks, inline, comments, frozenset(code_lines))
