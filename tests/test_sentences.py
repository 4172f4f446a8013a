"""The sentence segmenter: abbreviation traps, quotations, lists, and the Golden Rules score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.sentences import segment, sentence_spans

GOLDEN_RULES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "sbd-golden-rules.json"
GOLDEN_RULES_PASSED = 48  # of 48; measured on the English Golden Rules


@pytest.mark.parametrize(
    "text",
    [
        "Gov. Gavin Newsom spoke to reporters in Sacramento.",
        "Dr. Ana Ribeiro and Mr. Tom Hale met Sen. Paul Reyes on Friday.",
        "The U.S. Department of Energy confirmed the figures.",
        "The meeting started at 9 a.m. and ended at 5 p.m. on Tuesday.",
        "Acme Inc. Chief Executive Helen Marsh resigned.",
        "The office is at No. 5 Main St. near the station.",
        "St. Michael's Church reopened after repairs.",
        "Bring tools, e.g. hammers and saws, to the workshop.",
        "Tools, i.e. the ones we own, stay here.",
        "Apples, pears, plums, etc. are sold at the market.",
        "J. R. R. Tolkien wrote the book in Oxford.",
        "Prices rose 2.5 percent in the year to March.",
        "She waited... and then she left the room.",
        'He asked "why?" and nobody answered.',
        "Turn to p. 55 for the full table.",
        "The vote took place on Jan. 12 in the council chamber.",
    ],
)
def test_abbreviations_initials_and_decimals_do_not_end_sentences(text: str) -> None:
    assert segment(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She moved to the U.S. in 2001. Dr. Phil Homan agreed.",
            ["She moved to the U.S. in 2001.", "Dr. Phil Homan agreed."],
        ),
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        (
            "He works at Acme Inc. The firm is small.",
            ["He works at Acme Inc.", "The firm is small."],
        ),
        ('She said, "This is great." She left.', ['She said, "This is great."', "She left."]),
        ("“Why?” He shrugged.", ["“Why?”", "He shrugged."]),
        ('"We won!" he said. "Now we rest."', ['"We won!" he said.', '"Now we rest."']),
        ("It was late.... She left.", ["It was late....", "She left."]),
        ("It cost $5. The end", ["It cost $5.", "The end"]),
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("The talks ended at 6 P.M. Mr. Lee left.", ["The talks ended at 6 P.M.", "Mr. Lee left."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert segment(text) == expected


def test_spans_are_offsets_into_the_given_range() -> None:
    text = "Intro.\n\nFirst one. Second one.\n"
    start = text.index("First")
    spans = sentence_spans(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert segment("") == []
    assert segment(" \n\t ") == []


@pytest.mark.skipif(not GOLDEN_RULES.exists(), reason="the shared evaluation data is absent")
def test_golden_rules_score_is_pinned() -> None:
    cases = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))
    passed = sum(1 for case in cases if segment(case["text"]) == case["sentences"])
    assert len(cases) == 48
    assert passed >= GOLDEN_RULES_PASSED


_PROSE_ALPHABET = st.sampled_from(list("abcXYZ .!?…\"'“”()[]\n\t0123456789,;:-•⁃"))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.text(alphabet=_PROSE_ALPHABET, max_size=200)))
def test_sentences_lie_inside_the_text_ordered_and_disjoint(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
