"""The quotation analysis's fast paths give the answers of the plain definitions they replace.

Each fast path (a `str.find` scan instead of a regex, a clause read instead of its paragraph) is
checked against a direct statement of what it must compute, on the edges where they could part.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.quote_attribution import (
    AttributionKind,
    more_words_than,
    sentence_boundaries,
    words_in,
)
from lint.analysis.quote_lexicon import ABBREVIATIONS, DEFAULT_LEXICON, QuoteLexicon, _cue_at
from lint.analysis.quote_marks import block_quote_spans, find_marks
from lint.analysis.quotes import _line_end_leads, _marks_inside
from lint.document import Document

# -- marks -------------------------------------------------------------------------------------
_ANY_MARK = re.compile(r"[\"'“”„«»‹›「」『』‚‘’]")


def _marks_by_definition(text: str) -> list[tuple[int, str]]:
    """Every mark character but `'`/`’` with a word character on both sides."""
    return [
        (m.start(), m.group())
        for m in _ANY_MARK.finditer(text)
        if not (
            m.group() in "'’"
            and re.match(r"\w", text[m.start() - 1 : m.start()])
            and re.match(r"\w", text[m.end() : m.end() + 1])
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Tis", [(0, "'")]),  # first character: nothing before it
        ("goin'", [(4, "'")]),  # last character: nothing after it
        ("don’t snake_’case x’_y", []),  # between letters or underscores: an apostrophe
        ("l’été 1’2", []),  # accented letters and digits are word characters
        ("‘a’ “b” «c» „d“", [(0, "‘"), (2, "’"), (4, "“"), (6, "”"), (8, "«"), (10, "»")]),
    ],
)
def test_marks_skip_only_apostrophes_inside_words(text: str, expected: list) -> None:
    found = find_marks(text)
    assert found[: len(expected)] == expected
    assert found == _marks_by_definition(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab_1é '’\"“”‘«»„\n", max_size=40))
def test_marks_match_their_definition(text: str) -> None:
    assert find_marks(text) == _marks_by_definition(text)


# -- block quotes ------------------------------------------------------------------------------
_BLOCK_QUOTE_LINE = re.compile(r"^[ ]{0,3}>.*$", re.MULTILINE)


def _block_quotes_by_definition(text: str) -> list[tuple[int, int]]:
    """Lines whose first character after at most three spaces is `>`, adjacent ones joined."""
    spans: list[tuple[int, int]] = []
    for match in _BLOCK_QUOTE_LINE.finditer(text):
        start, end = match.span()
        if spans and text[spans[-1][1] : start] in ("\n", "\r\n"):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("> a\n> b\nc", [(0, 7)]),
        ("   > three spaces", [(0, 17)]),
        ("    > four spaces is code", []),
        ("a > b\n>> c", [(6, 10)]),  # `>` inside a line does not start a block quote
        ("> a\r\n> b\r\n", [(0, 9)]),  # CRLF lines join; the span keeps the last `\r`
        ("> a\n\n> b", [(0, 3), (5, 8)]),  # a blank line separates two block quotes
    ],
)
def test_block_quotes_are_lines_starting_with_a_marker(text: str, expected: list) -> None:
    assert block_quote_spans(text) == expected == _block_quotes_by_definition(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" >a\n\r\t", max_size=40))
def test_block_quotes_match_their_definition(text: str) -> None:
    assert block_quote_spans(text) == _block_quotes_by_definition(text)


# -- cues in a clause --------------------------------------------------------------------------
_EXTENDED = QuoteLexicon.extended(speech_verbs=("say so", "opine"))
_PIECES = [
    "said", "Said", "says", "told", "unsaid", "2said", "-said", "said-", "’said", "say", "so",
    "according", "to", "according to", "in the words of", "d’après", "opined", "she", "the",
]  # fmt: skip
_GLUE = [" ", "  ", ", ", ". ", "\n", "-", "’", "“", "”", "—", "_", "1", ""]


def _cues_inside(lexicon: QuoteLexicon, text: str, start: int, end: int, limit: int):
    lowered = text[:limit].lower()
    found = lexicon.find_cues_inside(text, start, end, lowered, 0, limit)
    return [(m.start(), m.end(), m.group("after")) for m in found]


def _cues_by_paragraph_scan(lexicon: QuoteLexicon, text: str, start: int, end: int, limit: int):
    """What a scan of the whole of text[:limit] finds inside text[start:end]."""
    return [
        (m.start(), m.end(), m.group("after"))
        for m in lexicon.find_cues(text, 0, limit)
        if m.start() >= start and m.end() <= end
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The mayor unsaid it", 12, 19),  # the clause starts inside a word
        ("He said so then", 0, 7),  # the clause ends before a phrase's second word
        ("She saidx no", 0, 8),  # the clause ends inside a word
        ("according to the report", 0, 11),  # a subject-after cue cut by the clause's end
        ("It was, according to her, fine", 8, 25),
    ],
)
@pytest.mark.parametrize("lexicon", [DEFAULT_LEXICON, _EXTENDED], ids=["default", "extended"])
def test_a_clause_has_the_cues_its_paragraph_scan_finds_there(
    lexicon: QuoteLexicon, text: str, start: int, end: int
) -> None:
    assert _cues_inside(lexicon, text, start, end, len(text)) == _cues_by_paragraph_scan(
        lexicon, text, start, end, len(text)
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GLUE)), max_size=10),
    st.data(),
)
def test_cues_in_any_clause_match_the_paragraph_scan(pieces: list, data: st.DataObject) -> None:
    text = "".join(word + glue for word, glue in pieces)
    limit = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, limit))
    end = data.draw(st.integers(start, limit))
    for lexicon in (DEFAULT_LEXICON, _EXTENDED):
        assert _cues_inside(lexicon, text, start, end, limit) == _cues_by_paragraph_scan(
            lexicon, text, start, end, limit
        )


# -- anonymity phrases -------------------------------------------------------------------------
def _anonymous(text: str) -> list[bool]:
    doc = Document("doc.txt", text)
    return [q.attribution.anonymous for q in doc.quotes.quotations if q.attribution]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the phrase in the quotation's sentence, in another case, or over a line break
        ("“It will close,” said Ana Ruiz, who asked NOT to be named.", [True]),
        ("“It will close,” said Ana Ruiz, who asked not to be\nnamed.", [True]),
        # the phrase in another sentence: only that sentence's quotation is anonymous
        (
            "“It will close,” said Ana Ruiz. Ben Ode asked not to be named. "
            "“It won’t,” said Ben Ode, who spoke on condition of anonymity.",
            [False, True],
        ),
        # a key word alone (`authorities`) is no anonymity phrase
        ("“It will close,” said Ana Ruiz of the port authorities.", [False]),
        # lowercasing İ changes the text's length: the sentence is still read
        ("İzmir. “It will close,” said Ana Ruiz, who asked not to be named.", [True]),
    ],
)
def test_anonymity_phrases_are_read_in_the_quotations_sentence(
    text: str, expected: list[bool]
) -> None:
    assert _anonymous(text) == expected


# -- sentence boundaries -----------------------------------------------------------------------
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*\s+|\n[^\S\n]*\n|\n(?=[ \t]*[-*•#>])")


def _boundaries_by_definition(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """Every `_BOUNDARY` match not followed by a lowercase letter nor ending an abbreviation or
    an initial (the whole word before the full stop is read)."""
    found = []
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group()[0] != "\n":
            if text[match.end() : match.end() + 1].islower():
                continue
            if match.group()[0] == ".":
                word = re.search(r"[\w.]*\Z", text[: match.start()]).group().lower()
                word = word[word.rfind("_") + 1 :]
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        stop = match.start() + len(match.group().rstrip())
        found.append((match.start(), match.end(), stop))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Ruiz met J. Ode at 9 a.m. on Monday. Then she left!  “Yes.” Next…\nNew line.",
        "She saw the U.S. team. He saw the u.s. one... And the Superintendent. Gone.",
        "Ends in approx. Then ends in approxi. Then x. Y",  # an abbreviation's length is bounded
        "A list:\n- one\n- two\n\nA new paragraph?! Yes.",
        "x\n. Y and x. Y",  # the word before a full stop ends at a line break
    ],
)
def test_sentence_boundaries_match_their_definition(text: str) -> None:
    assert sentence_boundaries(text, 0, len(text)) == _boundaries_by_definition(text, 0, len(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aB1_ .!?…\n-”)", max_size=40), st.data())
def test_sentence_boundaries_in_any_region_match_their_definition(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert sentence_boundaries(text, start, end) == _boundaries_by_definition(text, start, end)


# -- leads of unmarked speech ------------------------------------------------------------------
_LINE_END_LEAD = re.compile(r"[:,][ \t]*\r?$", re.MULTILINE)


@pytest.mark.parametrize(
    "text",
    [
        "She said:\nWe are done.",
        "She said,\r\nWe are done.",
        "She said: \t\nWe are done.",  # blanks after the colon
        "She said:\rWe are done.",  # a lone carriage return ends no line
        "She said:",  # the text's last character
        "One, two, three:\n\n",
    ],
)
def test_leads_are_a_colon_or_comma_ending_a_line(text: str) -> None:
    expected = [m.span() for m in _LINE_END_LEAD.finditer(text)]
    assert [m.span() for m in _line_end_leads(text)] == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="a:, \t\r\n", max_size=30))
def test_leads_match_their_definition(text: str) -> None:
    expected = [m.span() for m in _LINE_END_LEAD.finditer(text)]
    assert [m.span() for m in _line_end_leads(text)] == expected


@pytest.mark.parametrize("ending", ["\n", "\r\n", " \n", "\t\r\n"])
def test_unmarked_speech_is_found_whatever_ends_the_lead_line(ending: str) -> None:
    text = f"At the meeting the headteacher said:{ending}We cannot keep the gates open.\n"
    speech = Document("doc.txt", text).quotes.unmarked_speech
    assert [text[s.words[0] : s.words[1]] for s in speech] == ["We cannot keep the gates open."]


# -- counting words ----------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab1_-’' .,", max_size=30), st.integers(0, 12))
def test_more_words_than_agrees_with_counting_them(text: str, count: int) -> None:
    assert more_words_than(text, 0, len(text), count) == (words_in(text, 0, len(text)) > count)


# -- records built without their __init__ ------------------------------------------------------
def test_records_built_without_init_hold_every_field_and_stay_frozen() -> None:
    text = (
        "“The ferry is late again,” said Ana Ruiz. “It always is.”\n\n"
        "At the meeting the headteacher said:\nWe cannot keep the gates open.\n"
    )
    analysis = Document("doc.txt", text).quotes
    quotation = analysis.quotations[1]
    assert quotation.attribution is not None
    assert quotation.attribution.kind is AttributionKind.INTERRUPTING  # carried from the first
    records = [
        *analysis.quotations,
        analysis.quotations[0].attribution,
        quotation.attribution,
        *analysis.unmarked_speech,
    ]
    assert len(records) == 5
    for record in records:
        assert set(vars(record)) == {f.name for f in dataclasses.fields(record)}
        assert record == dataclasses.replace(record)  # the same as one built by __init__
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.start = 0  # type: ignore[misc]


# -- cues of a region --------------------------------------------------------------------------
def _cues_by_definition(lexicon: QuoteLexicon, text: str) -> list[tuple[int, int, str | None]]:
    """Each whole word (a run of word characters, apostrophes and hyphens starting with a
    letter) that is a cue's first word, read with the phrase that may follow it."""
    single, multi = lexicon._cue_index
    lowered = text.lower()
    found = []
    for word in re.finditer(r"[^\W\d_][\w’'-]*", lowered):
        start, end = word.span()
        if re.match(r"[\w’'-]", lowered[start - 1 : start]) or word.group() not in (
            lexicon._first_words
        ):
            continue
        cue = _cue_at(text, start, end, len(text), word.group(), single, multi.get(word.group()))
        if cue is not None:
            found.append((cue.start(), cue.end(), cue.group("after")))
    return found


_WORDS = [
    "said", "Said", "told", "he/said", "yes—said", "(said)", "“said”", "said,", "-said",
    "2said", "’said", "according to", "d’après", "laut", "‘tis", "opined", "x", "’",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "\n", "  ", ""]))))
def test_cues_match_their_definition(pieces: list) -> None:
    text = "".join(word + glue for word, glue in pieces)
    lexicon = QuoteLexicon.extended(speech_verbs=("opine", "'tis"))
    found = [(m.start(), m.end(), m.group("after")) for m in lexicon.find_cues(text, 0, len(text))]
    assert found == _cues_by_definition(lexicon, text)


# -- paragraphs of “…” pairs -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "quotations", "unmatched"),
    [
        ("“One” and “two”.\n\n“Three” and “four”.", [(0, 4), (10, 14), (18, 24), (30, 35)], []),
        # a quotation continued from the paragraph before: its first mark is not a new pair
        ("“Open without a close.\n\n“Continued,” she said. “Next.”", [(0, 35), (47, 53)], []),
        # a quotation left open before: reported, then the pairs read as usual
        ("She said “open.\n\nThen “a” and “b”.", [(22, 24), (30, 32)], [(9, "unclosed")]),
    ],
)
def test_paragraphs_of_curly_pairs_pair_after_whatever_came_before(
    text: str, quotations: list, unmatched: list
) -> None:
    analysis = Document("doc.txt", text).quotes
    assert [(q.start, q.close) for q in analysis.quotations] == quotations
    assert [(m.offset, m.problem) for m in analysis.unmatched] == unmatched


# -- marks inside code -------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 60), unique=True),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20))),
)
def test_marks_inside_code_are_the_ones_any_span_holds(offsets: list[int], spans: list) -> None:
    marks = [(offset, '"') for offset in sorted(offsets)]
    spans = sorted((start, start + size) for start, size in spans)
    expected = {o for o in offsets if any(start <= o < end for start, end in spans)}
    assert _marks_inside(marks, spans) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aB1_-’' .,“”—\n\xa0é/(", max_size=40))
def test_words_are_counted_as_the_word_pattern_finds_them(text: str) -> None:
    assert words_in(text, 0, len(text)) == len(re.findall(r"[^\W_][\w’'\-]*", text))
