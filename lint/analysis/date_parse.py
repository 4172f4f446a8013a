"""Compiled patterns that read one date at a known place: a header value, a dateline, a field.

Our own patterns rather than a general parser: they never fill a missing year or day from the
clock, they tell an impossible day (2024-02-30) from text that is not a date at all, and they run
in microseconds (dateutil fills gaps from today; dateparser costs a millisecond a call).
Supported: ISO 8601 dates and datetimes with zones, RFC 2822, "March 3, 2025", "Mar. 3, 2025",
"3 March 2025", "3rd of March, 2025", "2025/03/03", numeric day-first and month-first dates
(the preference decides only when both readings exist), "March 2025", a bare year, "March 3"
without a year, and Unix timestamps (seconds or milliseconds) for record fields.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from functools import lru_cache

from lint.analysis.date_lexicon import DateLexicon


class Precision(StrEnum):
    DAY = "day"
    DAY_WITHOUT_YEAR = "day-without-year"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date that may lack its day, or its year; `moment` is set for datetimes."""

    year: int | None
    month: int | None = None
    day: int | None = None
    moment: datetime | None = None

    @property
    def precision(self) -> Precision:
        if self.year is None:
            return Precision.DAY_WITHOUT_YEAR
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    def as_date(self) -> date | None:
        """The full date, or None when the day or the year is unknown."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def earliest(self) -> date | None:
        """The first day the value can name (None without a year)."""
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date read from `text[start:end]`: `value` when it exists, else `impossible` says why."""

    start: int
    end: int
    value: PartialDate | None
    impossible: str | None = None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_TIME = r"""
    (?:
        (?:\s*,?\s*(?:at\s+)?|\s*T\s*|\s*@\s*)
        (?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)?
        (?(minute)|(?=\s*[ap]\.?m\b))
        (?:\s*(?P<ampm>[ap])\.?m\b\.?)?
        (?:\s*(?P<zone>Z(?![A-Za-z])|[+-]\d{2}(?::?\d{2})?(?!\d)
            |\(?(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?
            |\(?[A-Z]{2,4}T\)?|ET|PT|CT|MT))?
    )?
"""


class DateParser:
    """The patterns for one lexicon and one numeric-order preference (see `parser_for`)."""

    def __init__(self, lexicon: DateLexicon, day_first: bool):
        self.lexicon = lexicon
        self.day_first = day_first
        self.months = lexicon.months
        month = rf"(?P<mon>{_alternation(list(lexicon.months))})\.?"
        month2 = rf"(?P<mon2>{_alternation(list(lexicon.months))})\.?"
        weekdays = [*lexicon.weekdays, *lexicon.weekday_abbreviations]
        weekday = rf"(?:(?P<wd>{_alternation(weekdays)})\.?,?\s+(?:the\s+)?)?"
        self.weekday_index = {
            name.lower()[:3]: index for index, name in enumerate(lexicon.weekdays)
        }
        # A date that starts with a letter starts with a month or weekday name, followed by no
        # letter; an ASCII word that is neither cannot start one (see `match`).
        self.name_openers = {name.lower() for name in (*lexicon.months, *weekdays)}
        suffix = rf"(?:{_alternation(list(lexicon.ordinal_suffixes))})?"
        end = r"(?![\w])"
        flags = re.IGNORECASE | re.VERBOSE
        self.iso = re.compile(
            rf"(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?!\d){_TIME}",
            flags,
        )
        self.iso_month = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?![-\d/.:])", flags)
        self.compact = re.compile(
            r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T(?P<hour>\d{2})(?P<minute>\d{2})"
            r"(?P<second>\d{2})?(?P<zone>Z|[+-]\d{4})?)?(?!\d)",
            flags,
        )
        self.month_first = re.compile(
            rf"{weekday}{month}\s*(?P<d>\d{{1,2}}){suffix}(?!\d)"
            rf"(?:(?:\s*,\s*|\s+)(?P<y>\d{{4}})(?!\d))?{_TIME}{end}",
            flags,
        )
        self.day_first_named = re.compile(
            rf"{weekday}(?P<d>\d{{1,2}}){suffix}(?:\s+of)?[\s\-]+{month}"
            rf"(?:(?:\s*,\s*|[\s\-]+)(?P<y>\d{{4}})(?!\d))?{_TIME}{end}",
            flags,
        )
        self.month_year = re.compile(rf"{month2}(?:\s*,\s*|\s+)(?P<y>\d{{4}})(?!\d){end}", flags)
        self.numeric = re.compile(
            rf"(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?!\d)"
            rf"{_TIME}",
            flags,
        )
        self.year_only = re.compile(r"(?P<y>\d{4})(?![\d/.:\-])", flags)

    # -- matching at a position ---------------------------------------------------------------
    def match(
        self,
        text: str,
        pos: int = 0,
        *,
        allow_year_only: bool = False,
        allow_no_year: bool = True,
        allow_compact: bool = False,
    ) -> DateMatch | None:
        """The date that starts exactly at `text[pos]`, with any time and zone after it."""
        if pos >= len(text):
            return None
        first = text[pos]
        if first.isdigit():
            found = self.iso.match(text, pos)
            if found:
                return self._numeric_result(
                    found, found["y"], found["m"], found["d"], two_digit=False
                )
            found = self.numeric.match(text, pos)
            if found:
                return self._ambiguous_numeric(found)
            found = self.day_first_named.match(text, pos)
            if found and (found["y"] or allow_no_year):
                return self._named_result(found)
            found = self.iso_month.match(text, pos)
            if found:
                return self._numeric_result(found, found["y"], found["m"], None, two_digit=False)
            if allow_compact:
                found = self.compact.match(text, pos)
                if found:
                    return self._numeric_result(
                        found, found["y"], found["m"], found["d"], two_digit=False
                    )
            if allow_year_only:
                found = self.year_only.match(text, pos)
                if found:
                    return DateMatch(found.start(), found.end(), PartialDate(int(found["y"])))
            return None
        if not first.isalpha():
            return None
        word = _ASCII_LETTERS.match(text, pos)
        if word is not None and word[0].lower() not in self.name_openers:
            end = word.end()
            # A non-ASCII letter next could still match a name case-insensitively ("ſ" is "s").
            if end >= len(text) or not text[end].isalpha():
                return None
        for pattern in (self.month_first, self.day_first_named):
            found = pattern.match(text, pos)
            if found and (found["y"] or allow_no_year):
                return self._named_result(found)
        found = self.month_year.match(text, pos)
        if found:
            return DateMatch(
                found.start(),
                found.end(),
                PartialDate(int(found["y"]), self._month(found["mon2"])),
            )
        return None

    def _month(self, name: str) -> int:
        """The number of a month name as the case-insensitive pattern matched it: "ſ" matches
        "s" and "ı" matches "i" there, but lower() keeps them."""
        return self.months[name.translate(_NAME_FOLD).lower()]

    def _named_result(self, found: re.Match[str]) -> DateMatch:
        month = self._month(found["mon"])
        year = int(found["y"]) if found["y"] else None
        result = self._checked(found, year, month, int(found["d"]))
        named = found["wd"]
        full = result.value.as_date() if result.value is not None else None
        if named and full is not None:
            expected = self.weekday_index.get(named.lower()[:3])
            if expected is not None and expected != full.weekday():
                actual = self.lexicon.weekdays[full.weekday()]
                return DateMatch(
                    result.start,
                    result.end,
                    None,
                    f"{full.isoformat()} was a {actual}, not a {self.lexicon.weekdays[expected]}",
                )
        return result

    def _numeric_result(
        self,
        found: re.Match[str],
        year_text: str,
        month_text: str,
        day_text: str | None,
        *,
        two_digit: bool,
    ) -> DateMatch:
        year = int(year_text)
        if two_digit:
            year += 2000 if year < 70 else 1900  # the POSIX pivot, never the clock
        month = int(month_text)
        if day_text is None:
            if not 1 <= month <= 12:
                return DateMatch(found.start(), found.end(), None, f"month {month} does not exist")
            return DateMatch(found.start(), found.end(), PartialDate(year, month))
        return self._checked(found, year, month, int(day_text))

    def _ambiguous_numeric(self, found: re.Match[str]) -> DateMatch:
        first, second = int(found["a"]), int(found["b"])
        two_digit = len(found["y"]) == 2
        if first > 12 and second <= 12:
            day, month = first, second
        elif second > 12 and first <= 12:
            day, month = second, first
        elif self.day_first:
            day, month = first, second
        else:
            day, month = second, first
        if first > 12 and second > 12:
            return DateMatch(
                found.start(),
                found.end(),
                None,
                f"neither {first} nor {second} can be a month",
            )
        return self._numeric_result(found, found["y"], str(month), str(day), two_digit=two_digit)

    def _checked(self, found: re.Match[str], year: int | None, month: int, day: int) -> DateMatch:
        start, end = found.start(), found.end()
        if not 1 <= month <= 12:
            return DateMatch(start, end, None, f"month {month} does not exist")
        if year is not None and not 1 <= year <= 9999:
            return DateMatch(start, end, None, f"year {year} is out of range")
        if month == 2:
            last = 29 if year is None or calendar.isleap(year) else 28
        else:
            last = _DAYS_IN_MONTH[month]
        if not 1 <= day <= last:
            name = calendar.month_name[month]
            if month == 2 and day == 29:
                why = f"{year} is not a leap year, so February has no 29th"
            else:
                why = f"{name} has no day {day}"
            return DateMatch(start, end, None, why)
        moment: datetime | None = None
        names = found.re.groupindex  # not every pattern reads a time (groupdict() costs more)
        if year is not None and "hour" in names and found["hour"] is not None:
            hour = int(found["hour"])
            minute = int(found["minute"] or 0)
            second = int(found["second"] or 0)
            ampm = ((found["ampm"] if "ampm" in names else None) or "").lower()
            if ampm:
                if not 1 <= hour <= 12:
                    return DateMatch(start, end, None, f"{hour} {ampm}m is not a time")
                hour = hour % 12 + (12 if ampm == "p" else 0)
            if hour == 24 and minute == 0 and second == 0:
                hour = 0  # ISO 8601 end of day; keep the written date
            if hour > 23 or minute > 59 or second > 60:
                return DateMatch(start, end, None, f"{found.group(0).strip()} is not a time")
            moment = datetime(
                year,
                month,
                day,
                hour,
                minute,
                min(second, 59),
                tzinfo=_zone(found["zone"] if "zone" in names else None),
            )
        return DateMatch(start, end, PartialDate(year, month, day, moment))

    # -- whole values ------------------------------------------------------------------------
    def parse_value(self, value: str, *, allow_no_year: bool = True) -> DateMatch | None:
        """A whole field value as a date (trailing time and zone allowed); None if it is not."""
        stripped = value.strip()
        if not stripped:
            return None
        offset = len(value) - len(value.lstrip())
        if _TIMESTAMP.fullmatch(stripped):
            return _timestamp_match(int(stripped), offset, offset + len(stripped))
        found = self.match(
            value,
            offset,
            allow_year_only=True,
            allow_no_year=allow_no_year,
            allow_compact=True,
        )
        if found is None:
            return None
        if value[found.end :].strip(" \t.,"):
            return None
        return found


_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
# letters that re.IGNORECASE matches with an ASCII letter and lower() does not turn into it
_NAME_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "\u212a": "k"})
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TIMESTAMP = re.compile(r"-?\d{9,10}|-?\d{12,13}")
_ZONE_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})?")


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    cleaned = text.strip("() ").upper()
    if cleaned in ("Z", "UTC", "GMT"):
        return UTC
    found = _ZONE_OFFSET.fullmatch(cleaned.replace("UTC", "").replace("GMT", "").strip())
    if found:
        hours, minutes = int(found[2]), int(found[3] or 0)
        if hours > 23 or minutes > 59:
            return None
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if found[1] == "-" else delta)
    return None


def timestamp_date(seconds: float) -> PartialDate | None:
    """A Unix timestamp (seconds; milliseconds when it is too large for seconds) as a date."""
    if abs(seconds) >= 1e11:
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return PartialDate(moment.year, moment.month, moment.day, moment)


def _timestamp_match(number: int, start: int, end: int) -> DateMatch:
    value = timestamp_date(number)
    if value is None:
        return DateMatch(start, end, None, f"timestamp {number} is out of range")
    return DateMatch(start, end, value)


@lru_cache(maxsize=32)
def parser_for(lexicon: DateLexicon, day_first: bool) -> DateParser:
    """One compiled parser per lexicon and preference, shared by every document."""
    return DateParser(lexicon, day_first)
