"""BP001 and LNK001 fast paths: each cheap test that skips work must agree with the slow path it
stands for, on the edges where it decides."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.boilerplate import (
    _EMBED_LINE_START,
    _EMBED_LINES,
    _FIRST_WORD_RUN,
    _NON_WORD,
    _PATTERNS,
    _chrome_tokens,
    _may_match_pattern,
    first_word,
    line_shape,
    normalise,
)
from tests.conftest import findings_for

PARAGRAPH = "The bridge reopens on Monday after six months of repairs.\n\n"

# Characters that make the slow paths differ: decoration, emphasis, case folding, digits.
TRICKY = " \t>#-*+•◦▪_~.)(1２'’“”—–…©|/»ſKıİßÉé\u00a0\u2028"
line_text = st.text(
    alphabet=st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8")), max_size=40
)
label_words = st.sampled_from(
    [
        "View this post on Instagram",
        "view on x",
        "VIEW MORE ON THREADS",
        "Watch on YouTube",
        "See the original post on X",
        "Tap to unmute",
        "watch later",
        "Open in TikTok",
        "This video is unavailable",
        "Embedded content",
        "Loading tweet",
        "A post shared by River Trust (@rivertrust)",
        "ſee the post on X",
    ]
)
decoration = st.text(alphabet=st.sampled_from(" \t>#-*+•◦▪_~1.)\u3000"), max_size=6)


def slow_normalise(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().casefold()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_normalisation_matches_the_regular_expression(text: str) -> None:
    assert normalise(text) == slow_normalise(text)


@settings(max_examples=300, deadline=None)
@given(line_text)
def test_normalisation_matches_the_regular_expression(text: str) -> None:
    assert normalise(text) == slow_normalise(text)


@settings(max_examples=300, deadline=None)
@given(line_text)
def test_first_word_is_the_first_run_of_letters_and_digits(text: str) -> None:
    found = _FIRST_WORD_RUN.search(text)
    assert first_word(text) == (found.group() if found else None)


@settings(max_examples=300, deadline=None)
@given(line_text)
def test_line_shape_of_a_line_starting_with_a_letter_matches_the_lead_pattern(text: str) -> None:
    shape = line_shape("Word" + text)
    assert shape.bare.startswith("Word")
    assert not (shape.is_heading or shape.is_list_item or shape.is_ordered)


@settings(max_examples=300, deadline=None)
@given(decoration, label_words, st.sampled_from(["", " ", "_", "**", " …", "\t"]))
def test_every_embed_label_line_passes_the_start_test(lead: str, label: str, tail: str) -> None:
    text = lead + label + tail
    if _EMBED_LINES.fullmatch(line_shape(text).bare):
        assert _EMBED_LINE_START.match(text)


@settings(max_examples=300, deadline=None)
@given(line_text)
def test_lines_failing_the_pattern_prefilter_match_no_family(text: str) -> None:
    bare = line_shape(text).bare
    if not _may_match_pattern(bare):
        assert _PATTERNS.fullmatch(bare) is None


@pytest.mark.parametrize(
    "norm", ["share tweet email", "facebook twitter", "e mail print", "copy link x", "emails share"]
)
def test_share_bar_words_need_a_share_bar_first_word(norm: str) -> None:
    tokens = _chrome_tokens(norm)
    words = re.sub(r"\s+", " ", norm).split(" ")
    assert (tokens is None) == (words[0] == "emails")


@pytest.mark.parametrize(
    "line",
    [
        "1. View on X",
        "> View on Threads",
        "_View on X_",
        "**Watch on YouTube**",
        "- Tap to unmute",
        "ſee the post on X",
    ],
)
def test_embed_labels_behind_decoration_are_reported(line: str) -> None:
    findings = findings_for(PARAGRAPH + line + "\n", "LNK001")
    assert [finding.location.row for finding in findings] == [3]


def test_embed_label_inside_front_matter_is_not_reported() -> None:
    text = "---\ntitle: View on Threads\n---\nView on Threads\n\n" + PARAGRAPH
    assert [finding.location.row for finding in findings_for(text, "LNK001", path="a.md")] == [4]


def test_short_link_needs_its_slash() -> None:
    assert findings_for(PARAGRAPH + "Volunteers cleared litter. t.co\n", "LNK001") == []
    assert len(findings_for(PARAGRAPH + "Volunteers cleared litter. t.co/Ab12\n", "LNK001")) == 1


@pytest.mark.parametrize("cookie", ["cookies", "COOKIES"])
@pytest.mark.parametrize("more", ["", " You can change your settings at any time on this page."])
def test_long_cookie_notice_is_read_past_the_short_line_limits(cookie: str, more: str) -> None:
    banner = (
        f"We use {cookie} to improve your experience on our website, to show you personalised "
        "content and ads, and to analyse our traffic; by continuing you accept our policy." + more
    )
    assert len(banner) > 120 and (len(banner) > 200) == bool(more)
    assert [f.location.row for f in findings_for(PARAGRAPH + banner + "\n", "BP001")] == [3]


def test_share_buttons_run_across_blank_lines_but_not_across_prose() -> None:
    run = PARAGRAPH + "Share\n\nTweet\n\n   \nEmail\n"
    assert [f.location.row for f in findings_for(run, "BP001")] == [3, 5, 8]
    broken = PARAGRAPH + "Share\nThe vote is on Monday and the council meets at noon.\nTweet\n"
    assert findings_for(broken, "BP001") == []


def test_share_buttons_run_is_broken_by_a_long_line() -> None:
    long_line = "The council met for six hours. " * 15
    text = PARAGRAPH + "Share\n" + long_line + "\nTweet\n"
    assert findings_for(text, "BP001") == []


def test_breadcrumb_behind_a_block_quote_marker_is_read() -> None:
    text = PARAGRAPH + "> Home > News > World\n\n" + PARAGRAPH
    assert [f.location.row for f in findings_for(text, "BP001")] == [3]
