"""The sentence segmenter: abbreviation traps, quotations, lists, and the Golden Rules score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis import sentences as segmenter
from lint.analysis.sentences import segment, segment_spans, sentence_spans

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a full stop, one space and a capital, read without the regex
        ("The committee approved. The plan", ["The committee approved.", "The plan"]),
        ("It rained. The end", ["It rained.", "The end"]),
        ("Talk to Mr. Lee today.", ["Talk to Mr. Lee today."]),
        ("Acme Co. Staff agreed.", ["Acme Co. Staff agreed."]),
        ("Acme Co. The staff agreed.", ["Acme Co.", "The staff agreed."]),
        ("Tom J. Smith came.", ["Tom J. Smith came."]),
        ("1. First item", ["1. First item"]),
        ("Its hometown.Next line. Fine", ["Its hometown.Next line.", "Fine"]),
        ("(Publication. The", ["(Publication.", "The"]),
        # the end of a span: only punctuation and closers left
        ('He said "no."', ['He said "no."']),
        ("Really?!", ["Really?!"]),
        ("Done.) Next.", ["Done.)", "Next."]),
        ("It was late. . .", ["It was late. . ."]),
        ("Late.\u201d", ["Late.\u201d"]),
        ("A. B.", ["A. B."]),
    ],
)
def test_boundaries_the_fast_paths_decide(text: str, expected: list[str]) -> None:
    assert segment(text) == expected


def _reference_spans(text: str) -> list[tuple[int, int]]:
    """The segmenter as first written: the candidate regex scanned over the whole span, each
    full stop's word looked at. The fast paths of `sentence_spans` must agree with it."""
    lo, hi = 0, len(text)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo >= hi:
        return []
    splits = segmenter._list_splits(text, lo, hi) if text[lo] in segmenter._LIST_FIRST else []
    spans: list[tuple[int, int]] = []
    start = lo
    for match in segmenter._CANDIDATE.finditer(text, lo, hi):
        p = match.start()
        if p < start:
            continue
        while splits and splits[0] <= p:
            split = splits.pop(0)
            if split > start:
                spans.append((start, split - 1))
                start = split
        first = match["next"]
        if first is None:
            break
        if first.islower():
            continue
        punct = match["punct"]
        end: int | None = match.end()
        if punct == ".":
            space = text.rfind(" ", start, p)
            word_start = space + 1 if space >= 0 else start
            word = text[word_start:p]
            if "\n" in word or "\t" in word:
                cut = max(word.rfind("\n"), word.rfind("\t")) + 1
                word, word_start = word[cut:], word_start + cut
            if word[:1] in segmenter._OPENERS:
                stripped = word.lstrip(segmenter._OPENERS)
                word_start += len(word) - len(stripped)
                word = stripped
            if (
                len(word) <= 4
                and segmenter._MARKER_WORD.fullmatch(word)
                and not text[start:word_start].strip(segmenter._BULLETS)
            ):
                continue
            if (
                word
                and segmenter._is_abbreviation(word)
                and not segmenter._abbreviation_boundary(text, lo, match, word, word_start, start)
            ):
                continue
        elif ("." in punct or "…" in punct) and (
            end := segmenter._ellipsis_boundary(text, match)
        ) is None:
            continue
        spans.append((start, end))
        start = match.end("gap") if end == match.end() else end + 1
        while start < hi and text[start].isspace():
            start += 1
    for split in splits:
        if split > start:
            spans.append((start, split - 1))
            start = split
    if start < hi:
        spans.append((start, hi))
    return spans


_WORDS = st.sampled_from(
    "The He I A It Mr Dr St Inc Co U.S J R a.m p.m No Jan e.g etc vs approx Messrs Sept Blvd word "
    "words yesterday "
    "committee 1 2 12 a b i ii iv x • ( “ \" ' ) ” ] [".split()
)
_PUNCTUATION = st.sampled_from(["", "", ".", ". ", "!", "?", "...", ". . .", "?!", ".”", ".)", ":"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_WORDS, _PUNCTUATION, st.sampled_from([" ", " ", "  ", "\n", "\t", ""]))))
def test_fast_paths_agree_with_the_reference_segmenter(parts: list[tuple[str, str, str]]) -> None:
    text = "".join(word + punctuation + space for word, punctuation, space in parts)
    assert sentence_spans(text) == _reference_spans(text)


def test_spans_of_many_blocks_match_one_block_at_a_time() -> None:
    text = "Intro here. Then more.\n\n- Item one. Item two\n\nMr. Lee left. He came back."
    spans = [(0, 22, 0), (26, 45, 1), (47, len(text), 2)]
    together = segment_spans(text, spans)
    for (lo, hi, block), found in zip(spans, together, strict=True):
        assert [(s.start, s.end) for s in found] == sentence_spans(text, lo, hi)
        assert all(s.block == block and s.text == text[s.start : s.end] for s in found)
