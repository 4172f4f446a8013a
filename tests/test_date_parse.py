"""The date patterns: every supported format, impossible days told from non-dates, no crashes."""

from __future__ import annotations

from datetime import UTC, date, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.date_lexicon import ENGLISH
from lint.analysis.date_parse import Precision, parser_for, timestamp_date

MONTH_FIRST = parser_for(ENGLISH, False)
DAY_FIRST = parser_for(ENGLISH, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-03", date(2025, 3, 3)),
        ("2025-03-03T10:42:00Z", date(2025, 3, 3)),
        ("2025-03-03T10:42:00.123+02:00", date(2025, 3, 3)),
        ("2025-03-03 10:42 GMT", date(2025, 3, 3)),
        ("Mon, 03 Mar 2025 10:42:00 +0000", date(2025, 3, 3)),
        ("March 3, 2025", date(2025, 3, 3)),
        ("march 3 2025", date(2025, 3, 3)),
        ("Mar. 3, 2025", date(2025, 3, 3)),
        ("Sept. 9, 2024", date(2024, 9, 9)),
        ("3 March 2025", date(2025, 3, 3)),
        ("3rd March 2025", date(2025, 3, 3)),
        ("3rd of March, 2025", date(2025, 3, 3)),
        ("March 3rd, 2025, 9:15 a.m. EST", date(2025, 3, 3)),
        ("4 March 2025 at 08:15", date(2025, 3, 4)),
        ("Monday, March 3, 2025", date(2025, 3, 3)),
        ("2025/03/03", date(2025, 3, 3)),
        ("20250303", date(2025, 3, 3)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_reads_each_supported_format(text: str, expected: date) -> None:
    found = MONTH_FIRST.parse_value(text)
    assert found is not None and found.value is not None
    assert found.value.as_date() == expected


def test_keeps_the_zone_of_a_datetime() -> None:
    found = MONTH_FIRST.parse_value("2025-03-03T10:42:00+02:00")
    assert found is not None and found.value is not None and found.value.moment is not None
    assert found.value.moment.utcoffset() == timedelta(hours=2)
    named = MONTH_FIRST.parse_value("3 March 2025 10:42 GMT")
    assert named is not None and named.value is not None and named.value.moment is not None
    assert named.value.moment.tzinfo == UTC
    offset = MONTH_FIRST.parse_value("Wed, 5 Jun 2024 19:30:00 -0500")
    assert offset is not None and offset.value is not None and offset.value.moment is not None
    assert offset.value.moment.tzinfo == timezone(-timedelta(hours=5))


def test_numeric_day_first_only_when_the_day_is_over_twelve() -> None:
    for parser in (MONTH_FIRST, DAY_FIRST):
        day_first = parser.parse_value("21/05/2024")
        month_first = parser.parse_value("05/21/2024")
        assert day_first is not None and day_first.value is not None
        assert month_first is not None and month_first.value is not None
        assert day_first.value.as_date() == date(2024, 5, 21)
        assert month_first.value.as_date() == date(2024, 5, 21)


def test_ambiguous_numeric_date_follows_the_preference() -> None:
    month_first = MONTH_FIRST.parse_value("03/04/2025")
    day_first = DAY_FIRST.parse_value("03/04/2025")
    assert month_first is not None and month_first.value is not None
    assert day_first is not None and day_first.value is not None
    assert month_first.value.as_date() == date(2025, 3, 4)
    assert day_first.value.as_date() == date(2025, 4, 3)


def test_two_digit_years_use_a_fixed_pivot_not_the_clock() -> None:
    recent = MONTH_FIRST.parse_value("03/04/25")
    old = MONTH_FIRST.parse_value("03/04/85")
    assert recent is not None and recent.value is not None and recent.value.year == 2025
    assert old is not None and old.value is not None and old.value.year == 1985


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30", "February has no day 30"),
        ("2023-02-29", "2023 is not a leap year"),
        ("2024-13-01", "month 13"),
        ("13/13/2024", "neither 13 nor 13"),
        ("31 April 2025", "April has no day 31"),
        ("30.02.2024", "February has no day 30"),
        ("February 30, 2025", "February has no day 30"),
        ("2025-03-03T25:00", "is not a time"),
        ("Tuesday, March 3, 2025", "was a Monday, not a Tuesday"),
        ("2025-13", "month 13"),
    ],
)
def test_impossible_days_are_detected_not_coerced(text: str, reason: str) -> None:
    found = MONTH_FIRST.parse_value(text)
    assert found is not None, text
    assert found.value is None
    assert found.impossible is not None and reason in found.impossible


@pytest.mark.parametrize(
    "text", ["TBD", "soon", "next week", "2 hours ago", "may", "Friday", "March", "n/a", ""]
)
def test_non_dates_are_not_read_as_dates(text: str) -> None:
    assert MONTH_FIRST.parse_value(text) is None


def test_partial_dates_keep_their_precision() -> None:
    cases = {
        "March 2025": Precision.MONTH,
        "2025-03": Precision.MONTH,
        "2019": Precision.YEAR,
        "March 3": Precision.DAY_WITHOUT_YEAR,
        "3 March": Precision.DAY_WITHOUT_YEAR,
    }
    for text, precision in cases.items():
        found = MONTH_FIRST.parse_value(text)
        assert found is not None and found.value is not None, text
        assert found.value.precision is precision


def test_leap_day_without_a_year_is_possible_but_february_30_is_not() -> None:
    leap = MONTH_FIRST.parse_value("February 29")
    impossible = MONTH_FIRST.parse_value("February 30")
    assert leap is not None and leap.value is not None
    assert impossible is not None and impossible.value is None


def test_unix_timestamps_in_seconds_and_milliseconds() -> None:
    seconds = timestamp_date(1709251200)
    millis = timestamp_date(1709251200000)
    assert seconds is not None and seconds.as_date() == date(2024, 3, 1)
    assert millis is not None and millis.as_date() == date(2024, 3, 1)
    assert timestamp_date(1e30) is None
    found = MONTH_FIRST.parse_value("1709251200")
    assert found is not None and found.value is not None
    assert found.value.as_date() == date(2024, 3, 1)


def test_match_reads_a_date_at_a_position_and_stops_after_it() -> None:
    line = "Posted on March 3, 2025 by Ana Ruiz"
    found = MONTH_FIRST.match(line, len("Posted on "))
    assert found is not None and found.value is not None
    assert line[found.start : found.end] == "March 3, 2025"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_no_text_crashes_the_parser(text: str) -> None:
    for parser in (MONTH_FIRST, DAY_FIRST):
        found = parser.parse_value(text)
        if found is not None:
            assert 0 <= found.start <= found.end <= len(text)
            assert (found.value is None) == (found.impossible is not None)
        for position in range(0, len(text), 7):
            parser.match(text, position, allow_year_only=True, allow_compact=True)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 10000),
    st.integers(0, 14),
    st.integers(0, 33),
    st.sampled_from(["{y:04d}-{m:02d}-{d:02d}", "{d}/{m}/{y:04d}", "{m}/{d}/{y:04d}"]),
)
def test_numeric_dates_are_valid_or_explained(y: int, m: int, d: int, form: str) -> None:
    text = form.format(y=y, m=m, d=d)
    found = DAY_FIRST.parse_value(text)
    if found is not None and found.value is not None and found.value.day is not None:
        assert found.value.as_date() is not None  # a value is always a real date


@pytest.mark.parametrize(
    ("text", "month"),
    [("Auguſt 3, 2025", 8), ("Aprİl 3, 2025", 4), ("APRıL 2025", 4), ("Sept. 3, 2025", 9)],
)
def test_month_names_matched_through_case_folding_are_read(text: str, month: int) -> None:
    # re.IGNORECASE matches "ſ" with "s" and "ı", "İ" with "i"; lower() does not
    found = MONTH_FIRST.match(text)
    assert found is not None and found.value is not None
    assert found.value.month == month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marching 3, 2025", None),  # a month name inside a longer word
        ("Mar3, 2025", date(2025, 3, 3)),  # a month name right before the day
        ("Sunny 3 March 2025", None),
        ("Sun. 2 March 2025", date(2025, 3, 2)),
        ("Posted 3 March 2025", None),
    ],
)
def test_a_date_that_starts_with_a_letter_starts_with_a_name(
    text: str, expected: date | None
) -> None:
    found = MONTH_FIRST.match(text)
    assert (found.value.as_date() if found and found.value else None) == expected
