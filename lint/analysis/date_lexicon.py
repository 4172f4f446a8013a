"""The words date analysis reads, per language: months, weekdays, header keys, relative terms.

A lexicon is plain data so that another language is one more entry in `LEXICONS`; the patterns
built from it live in `date_parse` and `date_relative`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class DateLexicon:
    """Vocabulary for one language. Names are matched case-insensitively unless noted."""

    language: str
    months: dict[str, int]  # full names and abbreviations ("mar", "sept") -> 1..12
    weekdays: tuple[str, ...]  # full names, Monday first
    weekday_abbreviations: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]  # "st", "nd", "rd", "th"
    header_keys: tuple[str, ...]  # in order of trust: "published" before "updated"
    byline_prefixes: tuple[str, ...]  # "By"
    # relative expressions (see date_relative for how they combine)
    deictic_days: tuple[str, ...]  # yesterday, today, tonight, tomorrow
    day_parts: tuple[str, ...]  # morning, afternoon, evening, night
    shifters: tuple[str, ...]  # last, this, next, coming, past
    units: tuple[str, ...]  # week, month, year, weekend, quarter, season...
    seasons: tuple[str, ...]
    quantities: tuple[str, ...]  # a, an, one, two, several, a few...
    ago_words: tuple[str, ...]  # ago
    edges: tuple[str, ...]  # earlier, later
    weekday_triggers: tuple[str, ...]  # words that make a bare weekday relative: on, late, said
    weekday_holidays: tuple[str, ...]  # "Good" Friday, "Black" Friday: names, not days
    idiom_nouns: tuple[str, ...]  # "today's generation": the possessive means "nowadays"
    non_relative_determiners: tuple[str, ...]  # "the next day", "his last year": narrative


_EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

ENGLISH = DateLexicon(
    language="en",
    months=_EN_MONTHS,
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    weekday_abbreviations=(
        "Mon",
        "Tue",
        "Tues",
        "Wed",
        "Thu",
        "Thur",
        "Thurs",
        "Fri",
        "Sat",
        "Sun",
    ),
    ordinal_suffixes=("st", "nd", "rd", "th"),
    header_keys=(
        "published on",
        "published",
        "publication date",
        "date published",
        "first published",
        "posted on",
        "posted",
        "date",
        "dated",
        "created",
        "written",
        "filed",
        "updated on",
        "updated",
        "last updated",
        "last modified",
        "modified",
    ),
    byline_prefixes=("By", "Written by", "Words by", "Reporting by"),
    deictic_days=("yesterday", "today", "tonight", "tomorrow"),
    day_parts=("morning", "afternoon", "evening", "night"),
    shifters=("last", "this", "next", "coming", "past"),
    units=("week", "weekend", "month", "year", "quarter", "season", "fortnight", "decade"),
    seasons=("spring", "summer", "autumn", "fall", "winter"),
    quantities=(
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "a few",
        "a couple of",
        "a couple",
        "several",
        "few",
        "many",
        "some",
    ),
    ago_words=("ago",),
    edges=("earlier", "later"),
    weekday_triggers=(
        "on",
        "late",
        "early",
        "by",
        "until",
        "till",
        "since",
        "before",
        "from",
        "said",
        "says",
        "announced",
        "told",
        "reported",
    ),
    weekday_holidays=(
        "Good",
        "Black",
        "Cyber",
        "Super",
        "Ash",
        "Easter",
        "Palm",
        "Holy",
        "Maundy",
        "Bloody",
        "Shrove",
        "Whit",
        "Giving",
        "Small Business",
    ),
    idiom_nouns=(
        "generation",
        "generations",
        "youth",
        "young",
        "kids",
        "children",
        "world",
        "society",
        "standards",
        "terms",
        "money",
        "dollars",
        "prices",
        "culture",
        "technology",
        "age",
        "era",
        "times",
        "economy",
        "workplace",
        "workforce",
        "consumers",
        "audiences",
        "readers",
        "news",
        "leaders",
        "students",
        "parents",
        "families",
        "teenagers",
        "artists",
        "politics",
        "media",
        "internet",
        "industry",
        "science",
        "medicine",
        "climate",
        "promises",
        "heroes",
        "men",
        "women",
        "ideas",
        "solutions",
        "problems",
        "thinking",
    ),
    non_relative_determiners=(
        "the",
        "a",
        "his",
        "her",
        "their",
        "its",
        "my",
        "our",
        "your",
        "that",
        "every",
        "each",
    ),
)

LEXICONS: dict[str, DateLexicon] = {"en": ENGLISH}


def lexicon_for(language: str) -> DateLexicon:
    """The lexicon of `language` (a code from `LEXICONS`); unknown codes raise KeyError."""
    return LEXICONS[language]
