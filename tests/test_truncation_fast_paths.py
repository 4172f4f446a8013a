"""TRN fast paths: each cheap test that skips a regular expression must agree with it, on the
edges where it decides."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.truncation import (
    _ELISION,
    _MARKUP,
    _PROSE_WORD,
    _TRAILER_SENTENCE,
    _TRAILING_DECORATION,
    _ascii_word_count,
    _count_words,
    _ends_with_elision,
    _is_trailer_sentence,
    _strip_decoration,
)
from tests.conftest import findings_for

# Pieces that reach the edges: markup, joiners, case folding, closers, footnotes, escapes.
PIECES = [
    "word", "Don't", "don’t", "U.S.", "e-mail", "snake_case", "__init__", "a_b", "...", "…",
    " ", "  ", "\t", "\n", "\u00a0", "\u3000", "—", "-", "'", "’", ".", ",", "*", "**", "_",
    "~", "`", "#", ">", "|", "<b>", "</b>", "<a href='x y'>", "[link](https://x.io/a_b)",
    "https://example.com/a-b", "www.example.org", "http", "](", "<", "Café", "Müller",
    "日本語", "ſtory", "ıt", "İstanbul", "\u212aelvin", "CLICK", "click here to read more",
    "Read more", "READ MORE »", "Continue reading", "continued", "(continued)", "(cont’d)",
    "(cont'd)", "(more)", "[…]", "[...]", "( … )", "More →", "full story >>", "”", "\"", ")",
    ":", "[1]", "[^note]", "¹²", "ⁱ", "\x1b[31m", "\x1b[0m", "(", "Reporting by", "(Photos:",
    "Additional reporting by", "contributed reporting", "CONTRIBUTED to this report",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def slow_word_count(text: str) -> int:
    return len(_PROSE_WORD.findall(_MARKUP.sub(" ", text)))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_word_count_matches_the_regular_expressions(text: str) -> None:
    assert _count_words(text) == slow_word_count(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_ascii_word_count_is_exact_for_ascii_and_a_lower_bound_otherwise(text: str) -> None:
    if text.isascii():
        assert _ascii_word_count(text) == slow_word_count(text)
    else:
        assert _ascii_word_count(text) <= slow_word_count(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_decoration_is_stripped_as_the_regular_expression_says(text: str) -> None:
    match = _TRAILING_DECORATION.search(text, max(0, len(text) - 40))
    assert _strip_decoration(text) == (text[: match.start()] if match else text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_elision_fast_path_misses_no_marker(text: str) -> None:
    found = _ends_with_elision(text)
    if _ELISION.search(text, max(0, len(text) - 120)) is None:
        assert found is None
    elif found is not None:
        assert found.group(0) == _ELISION.search(text, max(0, len(text) - 120)).group(0)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_trailer_fast_path_matches_the_regular_expression(text: str) -> None:
    assert _is_trailer_sentence(text) == (_TRAILER_SENTENCE.match(text) is not None)


@pytest.mark.parametrize(
    "ending",
    ["Read the full ſtory", "CONTINUE READING »", "He left (cont’d)", "More →", "It went on…"],
)
def test_elided_endings_outside_ascii_are_reported(ending: str) -> None:
    text = "The council approved the budget on Tuesday after a long debate. " + ending + "\n"
    assert [f.code for f in findings_for(text, "TRN002")] == ["TRN002"]


@pytest.mark.parametrize(
    ("start", "reported"),
    [
        (", and the vote went ahead.", True),
        ("…the company said on Monday.", True),
        ("“and after the vote, it adjourned.", True),
        ("  and after the vote, it adjourned.", True),
        ("“After the vote, it adjourned.", False),
        ("After the vote, it adjourned.", False),
    ],
)
def test_document_start_is_read_after_spaces_and_opening_marks(start: str, reported: bool) -> None:
    text = start + " The council met again in March and approved the plan.\n"
    assert bool(findings_for(text, "TRN003")) is reported


def test_words_inside_links_tags_and_urls_do_not_count() -> None:
    words = " ".join(["word"] * 40)
    padding = " [one two three four five six](https://example.com/a-b-c-d-e-f) <a b c d e f>"
    findings = findings_for(words + padding + " https://x.io/g/h/i/j/k\n", "TRN005")
    assert [f.message for f in findings] == ["Document has 46 words of prose (minimum 50)"]


def test_underscores_split_words_as_markup() -> None:
    text = " ".join(["snake_case_name"] * 17) + "\n"  # 17 words, 51 once "_" is markup
    assert findings_for(text, "TRN005") == []
