"""The shared date analysis: where the publication date comes from, problems, relative words."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.dates import (
    DateSettings,
    Precision,
    ProblemKind,
    SourceKind,
    analyse_dates,
    date_analysis,
)
from lint.document import Document


def analyse(text: str, path: str = "doc.txt", **metadata: object):
    return analyse_dates(Document(path, text, metadata=dict(metadata)))


def publication(text: str, path: str = "doc.txt", **metadata: object):
    found = analyse(text, path, **metadata).publication
    assert found is not None, text
    return found


BODY = "\n\nThe council met to discuss the bridge, which was built in 1932 and repaired in 1990.\n"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Date: 2025-03-03", date(2025, 3, 3)),
        ("Published: March 3, 2025", date(2025, 3, 3)),
        ("Updated 3 March 2025 10:42 GMT", date(2025, 3, 3)),
        ("date 2024-05-30", date(2024, 5, 30)),
        ("Posted on March 3, 2025 by Ana Ruiz", date(2025, 3, 3)),
        ("**Published:** 12 June 2024", date(2024, 6, 12)),
        ("Last updated: 12/13/2024", date(2024, 12, 13)),
        ("Published on: 4 March 2025 at 08:15", date(2025, 3, 4)),
    ],
)
def test_header_lines_date_the_document(header: str, expected: date) -> None:
    found = publication(header + BODY)
    assert found.source is SourceKind.HEADER
    assert found.value.as_date() == expected


def test_header_span_covers_the_date_as_written() -> None:
    text = "Title\n\nPublished: March 3, 2025" + BODY
    found = publication(text)
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == "March 3, 2025"
    assert found.key == "published"


def test_a_line_that_is_only_a_date_dates_the_document() -> None:
    found = publication("# A quieter marathon\n\nJune 12, 2024" + BODY, path="post.md")
    assert found.value.as_date() == date(2024, 6, 12)


@pytest.mark.parametrize(
    ("line", "expected", "precision"),
    [
        ("NAIROBI, March 3 (Reuters) - The bank held rates.", None, Precision.DAY_WITHOUT_YEAR),
        ("WASHINGTON, March 3, 2025 — The Senate passed a bill.", date(2025, 3, 3), Precision.DAY),
        ("SAN FRANCISCO, Calif., March 3 (AP) — Cable cars ran.", None, Precision.DAY_WITHOUT_YEAR),
        ("Paris, 3 March 2025 — The city banned cars.", date(2025, 3, 3), Precision.DAY),
    ],
)
def test_datelines(line: str, expected: date | None, precision: Precision) -> None:
    found = publication(line + "\n")
    assert found.source is SourceKind.DATELINE
    assert found.precision is precision
    assert found.value.as_date() == expected
    if expected is None:
        assert (found.value.month, found.value.day) == (3, 3)


def test_a_dateline_without_a_date_does_not_date_the_document() -> None:
    analysis = analyse("LONDON (AP) — Rail workers walked out.\n")
    assert analysis.publication is None
    assert analysis.undated_datelines == ["LONDON (AP)"]


@pytest.mark.parametrize(
    "line",
    [
        "By Ana Ruiz | 3 March 2025",
        "Ana Ruiz · Mar 3, 2025 · 4 min read",
        "By Ana Ruiz and Tom Becker, March 3, 2025",
        "By Ana Ruiz on 3 March 2025",
    ],
)
def test_bylines_with_a_date(line: str) -> None:
    found = publication("Village school wins chess title\n\n" + line + BODY)
    assert found.source is SourceKind.BYLINE
    assert found.value.as_date() == date(2025, 3, 3)


def test_front_matter_yaml_and_toml() -> None:
    yaml_doc = "---\ntitle: Notes\ndate: 2024-05-30\n---\n\nBody.\n"
    toml_doc = '+++\ntitle = "Notes"\ndate = 2024-05-30T09:00:00Z\n+++\n\nBody.\n'
    quoted = '---\npubDate: "March 3, 2025"\n---\n\nBody.\n'
    for text, expected in ((yaml_doc, date(2024, 5, 30)), (toml_doc, date(2024, 5, 30))):
        found = publication(text, path="post.md")
        assert found.source is SourceKind.FRONT_MATTER
        assert found.value.as_date() == expected
        assert found.span is not None and text[found.span[0] : found.span[1]].startswith("2024")
    assert publication(quoted, path="post.md").key == "pubDate"


def test_front_matter_with_an_impossible_date_is_still_read() -> None:
    text = "---\ntitle: Leap day\ndate: 2023-02-29\n---\n\nBody.\n"
    analysis = analyse(text, path="post.md")
    assert analysis.publication is None
    [problem] = analysis.problems
    assert problem.kind is ProblemKind.IMPOSSIBLE and problem.source is SourceKind.FRONT_MATTER
    assert problem.span is not None and text[problem.span[0] : problem.span[1]] == "2023-02-29"


def test_metadata_fields_come_first_and_accept_many_types() -> None:
    text = "Published: March 3, 2025" + BODY
    cases = [
        {"date": "2024-05-30"},
        {"published_at": "2024-05-30T09:00:00+02:00"},
        {"pubDate": "Thu, 30 May 2024 09:00:00 GMT"},
        {"datePublished": date(2024, 5, 30)},
        {"created_at": datetime(2024, 5, 30, 9, 0)},
        {"date": 1717059600},
        {"date": 1717059600000},
        {"PUBLISHED": "2024-05-30"},
    ]
    for metadata in cases:
        found = publication(text, **metadata)
        assert found.source is SourceKind.METADATA, metadata
        assert found.value.as_date() == date(2024, 5, 30), metadata
        assert found.span is None


def test_nested_fields_with_dotted_names() -> None:
    doc = Document("r", "Body.\n", metadata={"meta": {"published": "2024-05-30"}})
    settings_ = DateSettings(fields=("meta.published",))
    found = analyse_dates(doc, settings_).publication
    assert found is not None and found.key == "meta.published"


def test_empty_and_broken_metadata_fields() -> None:
    empty = analyse("Body text.\n", date=None, published="")
    assert empty.publication is None and not empty.problems
    assert "date, published present but empty" in " ".join(empty.looked_at)
    broken = analyse("Body text.\n", date="soon")
    assert [p.kind for p in broken.problems] == [ProblemKind.UNPARSEABLE]
    assert broken.problems[0].key == "date"
    for value in (True, [2024], {"y": 2024}, float("nan"), 10**30):
        assert analyse("Body.\n", date=value).publication is None


def test_a_precise_date_wins_over_a_partial_one_then_trust_decides() -> None:
    text = "NAIROBI, March 3 (Reuters) - The bank held rates.\n"
    found = publication(text, date="2025-03-03")
    assert found.source is SourceKind.METADATA
    partial = publication("Published: 2019\n\nBy Ana Ruiz | 3 March 2019" + BODY)
    assert partial.source is SourceKind.BYLINE and partial.precision is Precision.DAY


def test_dates_in_the_body_are_history() -> None:
    text = (
        "The canal that made the town\n\n"
        "The canal reached the town in 1794, two years late and well over budget, and it\n"
        "closed on 24 May 1921 after the railway took its trade away from the wharves.\n\n"
        "Date: 1999-02-30\n"
    )
    analysis = analyse(text)
    assert analysis.publication is None and not analysis.problems


def test_problems_invalid_unparseable_and_malformed() -> None:
    assert analyse("Date: 2024-02-30" + BODY).problems[0].kind is ProblemKind.IMPOSSIBLE
    assert analyse("Date: TBD" + BODY).problems[0].kind is ProblemKind.UNPARSEABLE
    glued = analyse("Published: March 3, 2025The council voted on Tuesday to close it.\n")
    assert glued.publication is not None
    assert [p.kind for p in glued.problems] == [ProblemKind.MALFORMED_HEADER]
    indented = analyse("Title\n   Date: 2025-03-03" + BODY)
    assert indented.publication is not None
    assert [p.kind for p in indented.problems] == [ProblemKind.MALFORMED_HEADER]


def test_prose_that_starts_with_a_header_word_is_not_a_header() -> None:
    for text in (
        "Updated guidance for tenants" + BODY,
        "Date night on a budget" + BODY,
        "Updated: the figures now include every household in the borough" + BODY,
    ):
        analysis = analyse(text)
        assert analysis.publication is None and not analysis.problems, text


def test_day_first_setting_changes_only_ambiguous_dates() -> None:
    doc = Document("d.txt", "Date: 03/04/2025" + BODY)
    month_first = date_analysis(doc).publication
    day_first = date_analysis(doc, DateSettings(day_first=True)).publication
    assert month_first is not None and month_first.value.as_date() == date(2025, 3, 4)
    assert day_first is not None and day_first.value.as_date() == date(2025, 4, 3)


def test_analysis_is_shared_per_settings() -> None:
    doc = Document("d.txt", "Date: 2025-03-03" + BODY)
    assert date_analysis(doc) is doc.dates
    custom = DateSettings(day_first=True)
    assert date_analysis(doc, custom) is date_analysis(doc, DateSettings(day_first=True))


def test_custom_header_keys() -> None:
    doc = Document("d.txt", "Fecha: 2025-03-03" + BODY)
    assert date_analysis(doc).publication is None
    keyed = date_analysis(doc, DateSettings(header_keys=("fecha",))).publication
    assert keyed is not None and keyed.value.as_date() == date(2025, 3, 3)


# -- relative expressions ------------------------------------------------------------------------


def relative(text: str, path: str = "doc.txt", **options: object) -> list[str]:
    doc = Document(path, text)
    analysis = date_analysis(doc, DateSettings(**options)) if options else doc.dates
    return [" ".join(e.text.split()) for e in analysis.relative]


@pytest.mark.parametrize(
    "phrase",
    [
        "yesterday",
        "today",
        "tonight",
        "tomorrow morning",
        "last week",
        "this month",
        "next year",
        "last Tuesday",
        "next May",
        "two days ago",
        "a few weeks ago",
        "earlier this year",
        "later this month",
        "on Monday",
        "Monday's",
        "late Friday",
        "this weekend",
        "next summer",
        "the past year",
        "in recent weeks",
        "three years from now",
    ],
)
def test_relative_expressions_are_found(phrase: str) -> None:
    text = f"The council said the vote happened {phrase} meeting, and residents were angry.\n"
    found = relative(text)
    assert found and phrase.split()[-1].lower() in found[0].lower(), (phrase, found)


@pytest.mark.parametrize(
    "text",
    [
        "The next day, the men dug in along the ridge.",
        "In May the heat arrived.",
        "Today's generation knows these letters only from the archive.",
        "To most readers they are yesterday's news.",
        "In his last year of school he won the prize.",
        "They moved in the last week of June 1944.",
        "The family marks Good Friday at his grave.",
        "Black Friday's shoppers queued overnight.",
        "She visited on Mondays until she died.",
        "I watched the programme on Thursday evenings.",
        "She had heard it on the Today programme and read it in USA Today.",
        "This may seem early, but prune now.",
        "The vote was held on Monday, March 3, 2025, in the town hall.",
        "The fire began in September 1666. By Sunday evening it had crossed the river.",
        "They met every Tuesday for coffee at the Sunday school.",
    ],
)
def test_anchored_idiomatic_and_named_uses_are_not_relative(text: str) -> None:
    assert relative(text + "\n") == []


def test_relative_expressions_skip_code_and_front_matter() -> None:
    text = (
        "---\nnote: updated yesterday\n---\n\n"
        "It broke yesterday.\n\n```\nbackup --since yesterday\n```\n\nRun `--since today`.\n"
    )
    assert relative(text, path="post.md") == ["yesterday"]


def test_relative_spans_point_at_the_text() -> None:
    text = "The bridge closed yesterday and reopens next\nmonth.\n"
    doc = Document("d.txt", text)
    for expression in doc.dates.relative:
        assert text[expression.start : expression.end] == expression.text
    assert [e.text for e in doc.dates.relative] == ["yesterday", "next\nmonth"]


def test_relative_lexicon_is_configurable() -> None:
    text = "The fair opens shortly and closes this year.\n"
    assert relative(text) == ["this year"]
    assert relative(text, extra_relative=("shortly",), ignore_relative=("this year",)) == [
        "shortly"
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"abcdefghijklmnopqrstuvwxyzADMT0123456789 \n:-/,.()|·—'’*#`",
                *("Date: ", "Published ", "yesterday", "last ", "March ", "2025", "---\n", "By "),
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_no_text_crashes_the_analysis(text: str) -> None:
    doc = Document("doc.md", text, metadata={"date": text[:20]})
    analysis = doc.dates
    for item in (*analysis.candidates, *analysis.problems):
        if item.span is not None:
            assert 0 <= item.span[0] <= item.span[1] <= len(text)
    for expression in analysis.relative:
        assert 0 <= expression.start < expression.end <= len(text)
