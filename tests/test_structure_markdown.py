"""Markdown regions (lint/analysis/markdown.py): code fences, indented code, inline code and
HTML comments, on the edges the fast scans decide (a fence on the first line or after a
newline, a backtick run's first backtick, indented code after blank lines)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.markdown import markdown_regions
from lint.document import Document


def regions(text: str, path: str = "doc.md"):
    return markdown_regions(Document(path, text))


def spans_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_fence_on_the_first_line_and_after_a_newline() -> None:
    text = "```\ncode one\n```\nProse here.\n   ~~~~\ncode two\n   ~~~~\n"
    found = regions(text, "doc.txt")
    assert spans_text(text, found.code_blocks) == [
        "```\ncode one\n```",
        "   ~~~~\ncode two\n   ~~~~",
    ]
    assert found.code_lines == frozenset({1, 2, 3, 5, 6, 7})


def test_fence_indented_by_four_spaces_is_not_a_fence() -> None:
    text = "Prose.\n    ```\nnot code\n    ```\n"
    assert regions(text, "doc.txt").code_blocks == []


def test_unclosed_fence_runs_to_the_end() -> None:
    text = "Prose.\n\n```python\nx = 1\n"
    found = regions(text, "doc.txt")
    assert spans_text(text, found.code_blocks) == ["```python\nx = 1\n"]
    assert found.code_lines == frozenset({3, 4})


def test_inline_code_starts_at_the_first_backtick_of_a_run() -> None:
    text = "Use ``a ` b`` or `c`, not ```d`` and `e."
    assert spans_text(text, regions(text).inline_code) == ["``a ` b``", "`c`"]


def test_inline_code_does_not_start_inside_a_run() -> None:
    assert regions("x ```` y").inline_code == []
    text = "a ``b` c`"
    assert spans_text(text, regions(text).inline_code) == ["` c`"]


def test_indented_code_needs_a_blank_line_before_it_and_continues_across_blank_lines() -> None:
    text = "Prose line.\n    not code: it continues\n\n    code one\n\n\tcode two\nEnd.\n"
    found = regions(text)
    assert sorted(found.code_lines) == [4, 6]
    assert spans_text(text, found.code_blocks) == ["    code one", "\tcode two"]


def test_indented_code_on_the_first_line_and_blank_indented_lines() -> None:
    text = "    code\n    \n    more code\nProse.\n    after prose\n"
    assert sorted(regions(text).code_lines) == [1, 3]
    assert regions(text, "doc.txt").code_lines == frozenset()


def test_inline_code_and_comments_inside_code_blocks_are_left_out() -> None:
    text = "```\n`x` <!-- c -->\n```\n`y` <!-- d -->\n"
    found = regions(text, "doc.txt")
    assert spans_text(text, found.inline_code) == ["`y`"]
    assert spans_text(text, found.comments) == ["<!-- d -->"]


# The reference definitions the fast scans must agree with.
_FENCE_EVERYWHERE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_INLINE_EVERYWHERE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)")


def _reference_indented(doc: Document) -> list[int]:
    found, previous_blank, in_indented = [], True, False
    for line in doc.lines:
        indented = line.text.startswith(("    ", "\t")) and not line.is_blank
        if indented and (previous_blank or in_indented):
            in_indented = True
            found.append(line.number)
        elif not line.is_blank:
            in_indented = False
        previous_blank = line.is_blank
    return found


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("`~ \t\nab<!->")), max_size=120))
def test_fast_scans_agree_with_their_reference_patterns(text: str) -> None:
    doc = Document("doc.md", text)
    found = markdown_regions(doc)
    fences = [m.span() for m in _FENCE_EVERYWHERE.finditer(text)]
    assert all(any(s <= f[0] < e for s, e in found.code_blocks) for f in fences)
    inline = [
        m.span()
        for m in _INLINE_EVERYWHERE.finditer(text)
        if "\n\n" not in m.group(0) and not any(s <= m.start() < e for s, e in found.code_blocks)
    ]
    assert found.inline_code == inline
    indented = set(_reference_indented(doc))
    assert indented <= found.code_lines
