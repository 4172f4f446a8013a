"""The date analysis's cheap tests (prefilters) decide only what the full reading would.

Each case sits on the edge one prefilter decides: the line or text it lets through must still be
read, and what it rejects must be what the full reading rejects.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.date_lexicon import ENGLISH
from lint.analysis.date_relative import RelativeMatcher
from lint.analysis.dates import DateSettings, SourceKind, analyse_dates
from lint.document import Document

BODY = "\n\nThe council met to discuss the bridge, which was built in 1932 and repaired in 1990.\n"


def analyse(text: str, path: str = "doc.txt", **options: object):
    return analyse_dates(Document(path, text), DateSettings(**options))


def relative(text: str, **options: object) -> list[str]:
    return [" ".join(e.text.split()) for e in analyse(text, **options).relative]


# -- datelines: a title-case first word passes only with an agency, or a comma and a digit --------


@pytest.mark.parametrize(
    ("line", "undated"),
    [
        ("Paris (AFP) — The city banned cars.", "Paris (AFP)"),
        ("Ñandú (EFE) — La reserva abrió sus puertas.", "Ñandú (EFE)"),
        ("LONDON (AP) — Rail workers walked out.", "LONDON (AP)"),
    ],
)
def test_undated_datelines_with_an_agency_or_in_capitals_are_remembered(
    line: str, undated: str
) -> None:
    analysis = analyse(line + "\n")
    assert analysis.publication is None
    assert analysis.undated_datelines == [undated]


@pytest.mark.parametrize(
    "line",
    [
        "Santa Cruz de Tenerife, March 3, 2025 — The port reopened.",  # four spaces in the place
        "ÉCOLE, 3 March 2025 — The school reopened.",
        "Paris, 3 March 2025 — The city banned cars.",
    ],
)
def test_datelines_with_a_date_after_the_place_date_the_document(line: str) -> None:
    found = analyse(line + BODY).publication
    assert found is not None and found.source is SourceKind.DATELINE
    assert found.value.as_date() == date(2025, 3, 3)


def test_a_comma_after_a_long_title_case_phrase_is_no_dateline() -> None:
    analysis = analyse("The board of the harbour trust, 3 March 2025 — notes.\n")
    assert analysis.publication is None
    assert analysis.undated_datelines == []


# -- bylines: read only on lines holding a digit, any script's -----------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By Ana Ruiz | ٣ March ٢٠٢٥",
        "Ana Ruiz · ٣ March ٢٠٢٥ · 4 min read",
        "By Ana Ruiz | 3 March 2025",
    ],
)
def test_bylines_with_digits_of_any_script_are_read(line: str) -> None:
    found = analyse("Village school wins chess title\n\n" + line + BODY).publication
    assert found is not None and found.source is SourceKind.BYLINE
    assert found.value.as_date() == date(2025, 3, 3)


def test_a_byline_without_a_separator_is_read_as_one_segment() -> None:
    found = analyse("Village school wins chess title\n\nBy Ana Ruiz on 3 March 2025" + BODY)
    assert found.publication is not None
    assert found.publication.source is SourceKind.BYLINE


# -- header keys: the first-letter test and keys that do not start with a letter ------------------


def test_a_header_key_that_starts_with_a_symbol_still_opens_a_header() -> None:
    found = analyse("@date: 2024-05-30" + BODY, header_keys=("@date",)).publication
    assert found is not None and found.key == "@date"


@pytest.mark.parametrize(
    "line", ["**Filed** 3 March 2025", "> Date: 2025-03-03", "  DATE 2025-03-03"]
)
def test_header_keys_after_markup_and_in_any_case(line: str) -> None:
    found = analyse(line + BODY).publication
    assert found is not None and found.source is SourceKind.HEADER
    assert found.value.as_date() == date(2025, 3, 3)


# -- front matter keys: case-insensitive, the first spelling wins ---------------------------------


def test_front_matter_keys_match_in_any_case_and_the_first_spelling_wins() -> None:
    text = "---\nDATE: 2024-05-30\nDate: 2024-06-01\n---\n\nBody.\n"
    found = analyse(text, path="post.md").publication
    assert found is not None and found.key == "DATE"
    assert found.value.as_date() == date(2024, 5, 30)
    exact = analyse("---\nDate: 2024-06-01\ndate: 2024-05-30\n---\n\nBody.\n", path="p.md")
    assert exact.publication is not None and exact.publication.key == "date"


def test_front_matter_values_are_located_without_trailing_blanks() -> None:
    text = "---\ntitle: Notes\ndate: 2024-05-30   \t\n---\n\nBody.\n"
    found = analyse(text, path="post.md").publication
    assert found is not None and found.span is not None
    assert text[found.span[0] : found.span[1]] == "2024-05-30"


# -- relative expressions: trigger words found in the text's bytes --------------------------------


def test_a_letter_that_lower_cases_to_two_keeps_later_offsets() -> None:
    # "İ".lower() is two characters: searching a lower-cased copy shifted every later offset
    text = "The İzmir office said the ferry docked yesterday and would sail next week.\n"
    found = analyse(text).relative
    assert [text[e.start : e.end] for e in found] == ["yesterday", "next week"]


def test_extra_phrases_outside_ascii_are_found() -> None:
    text = "Le bureau d’İzmir a fermé naguère, puis l’an dernier encore.\n"
    options = {"extra_relative": ("naguère", "l’an dernier")}
    assert relative(text, **options) == ["naguère", "l’an dernier"]


def test_trigger_words_next_to_non_ascii_letters_are_not_words() -> None:
    assert relative("Le prix «thisé» et «étoday» restent.\n") == []
    assert relative("Il l’a dit «today» à midi.\n") == ["today"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met two\ndays ago.", ["two days ago"]),
        ("They met again  a  few weeks ago.", ["a few weeks ago"]),
        ("They met (two) days ago.", ["days ago"]),
        ("The vote came earlier this year.", ["earlier this year"]),
        ("The vote came, earlier, this year.", ["this year"]),
        ("Figures from 12 days ago.", ["12 days ago"]),
    ],
)
def test_words_before_a_trigger_extend_the_expression(text: str, expected: list[str]) -> None:
    assert relative(text + "\n") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rates rose over past 3 weeks.", ["past 3 weeks"]),
        ("Over the past few weeks.", ["past few weeks"]),
        ("Due next\nmonth.", ["next month"]),
        ("It rains next to the station.", []),
        ("Sales fell last_week.", []),
        ("Sales fell last Wéek.", []),
    ],
)
def test_a_shifter_is_tried_only_before_what_it_can_shift(text: str, expected: list[str]) -> None:
    assert relative(text + "\n") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “next week” twice.", ["next week"]),
        ("They met earlier, this week.", ["this week"]),
        ("The vote came, earlier this year.", ["earlier this year"]),
        ("Rain fell (late Friday) and again on “Monday”.", ["late Friday"]),
    ],
)
def test_words_before_punctuation_do_not_open_an_expression(text: str, expected: list[str]) -> None:
    assert relative(text + "\n") == expected


# -- one pass for every trigger word, or one str.find pass per word: the same occurrences ---------

PIECES = [
    *("next", "Last", "THIS", "past", "coming", "week", "weeks", "Monday", "Tuesday's", "today"),
    *("Yesterday", "tonight", "tomorrow", "ago", "from now", "two", "a", "few", "earlier", "in"),
    *("recent", "days", "on", "said", "the", "Good", "Friday", "May", "3", "2025", "lala", "é"),
    *(" ", " ", "  ", "\n", "\n\n", ",", ".", "“", "”", "(", "'", "’", "-", "_"),
]


def _expressions(matcher: RelativeMatcher, text: str, body_start: int) -> list[tuple]:
    return [(e.start, e.end, e.text, e.kind) for e in matcher.find(text, body_start, body_start)]


@pytest.mark.parametrize("extra", [(), ("lala", "the other day")])
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join), st.integers(0, 30))
def test_the_multi_word_search_finds_what_one_search_per_word_finds(
    extra: tuple[str, ...], text: str, body_start: int
) -> None:
    pytest.importorskip("ahocorasick_rs")
    one_pass = RelativeMatcher(ENGLISH, extra, ())
    per_word = RelativeMatcher(ENGLISH, extra, ())
    per_word.byte_searcher = None
    assert one_pass.byte_searcher is not None
    body_start = min(body_start, len(text))
    assert _expressions(one_pass, text, body_start) == _expressions(per_word, text, body_start)


def test_a_repeated_phrase_is_found_alike_by_both_searches() -> None:
    pytest.importorskip("ahocorasick_rs")
    one_pass = RelativeMatcher(ENGLISH, ("lala",), ())
    per_word = RelativeMatcher(ENGLISH, ("lala",), ())
    per_word.byte_searcher = None
    for matcher in (one_pass, per_word):
        assert [e.text for e in matcher.find("They sang lalala lala today.\n")] == ["lala", "today"]
