"""Relative time expressions ("yesterday", "last Tuesday", "two days ago") in a document's prose.

One compiled pattern per lexicon finds candidates; a few context checks then drop the uses that
are not relative to the publication date:
- narrative anchors: "the next day", "his last year", "the last week of June";
- idioms: "today's generation", "yesterday's news" (the possessive means "nowadays"/"outdated");
- names: "Black Friday", "Good Friday", "USA Today" (a capitalised "Today" mid-sentence);
- weekdays with a date: "on Monday, March 3, 2025" is absolute, "on Mondays" is a habit.
"In May" is not relative: a month alone names no distance from the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lint.analysis.date_lexicon import DateLexicon


@dataclass(frozen=True, slots=True)
class RelativeExpression:
    """A relative time expression at `start`..`end` of the document text."""

    start: int
    end: int
    text: str
    kind: str  # "deictic", "shifted", "ago", "weekday", "extra"


def _words(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


class RelativeMatcher:
    """The compiled pattern and context checks for one lexicon plus extra phrases."""

    def __init__(self, lexicon: DateLexicon, extra: tuple[str, ...], ignore: tuple[str, ...]):
        self.lexicon = lexicon
        self.ignore = {" ".join(phrase.lower().split()) for phrase in ignore}
        weekdays = _words(lexicon.weekdays)
        months = _words([m for m in lexicon.months if len(m) > 3])
        units = _words(lexicon.units)
        seasons = _words(lexicon.seasons)
        parts = _words(lexicon.day_parts)
        quantity = rf"(?:(?:\d+|{_words(lexicon.quantities)})\s+)"
        ago_units = _words(
            ["minute", "hour", "day", "night", "week", "month", "year", "decade", "fortnight"]
        )
        edges = rf"(?:(?:{_words(lexicon.edges)})\s+)?"
        branches = [
            rf"(?P<deictic>{edges}(?:{_words(lexicon.deictic_days)})"
            rf"(?:\s+(?:{parts}))?(?P<possessive>['’]s)?)",
            rf"(?P<shifted>{edges}(?P<shifter>{_words(lexicon.shifters)})\s+"
            rf"(?:{quantity}?(?:{units})s?|(?P<wd1>{weekdays})|{seasons}|{parts}"
            rf"|(?P<month>{months}))(?:['’]s)?)",
            rf"(?P<ago>{quantity}?(?:{ago_units})s?\s+(?:{_words(lexicon.ago_words)}|from\s+now))",
            rf"(?P<weekday>(?:(?P<trigger>{_words(lexicon.weekday_triggers)})\s+)?"
            rf"(?P<wd2>{weekdays})(?P<wd_tail>['’]s|\s+(?:{parts}))?)",
            r"(?P<recent>in\s+recent\s+(?:days|weeks|months))",
        ]
        if extra:
            branches.append(rf"(?P<extra>{_words(extra)})")
        self.pattern = re.compile(r"\b(?:" + "|".join(branches) + r")\b", re.IGNORECASE)
        self.weekday_names = {w.lower() for w in lexicon.weekdays}
        self.holidays = re.compile(rf"(?:{_words(lexicon.weekday_holidays)})\s+$")
        self.narrative = re.compile(rf"\b(?:{_words(lexicon.non_relative_determiners)})\s+$", re.I)
        self.idioms = {noun.lower() for noun in lexicon.idiom_nouns}
        self.absolute_after = re.compile(rf",?\s+(?:the\s+)?(?:\d|(?:{months})\b)", re.IGNORECASE)

    def find(self, text: str, skip: set[int] | None = None) -> list[RelativeExpression]:
        found: list[RelativeExpression] = []
        for match in self.pattern.finditer(text):
            kind = match.lastgroup or ""
            if kind in ("possessive", "shifter", "wd1", "month", "trigger", "wd2", "wd_tail"):
                kind = next(k for k in _KINDS if match.group(k) is not None)
            if not self._relative(text, match, kind):
                continue
            start, end = match.span()
            if skip and start in skip:
                continue
            phrase = " ".join(match.group(0).lower().split())
            if phrase in self.ignore:
                continue
            found.append(RelativeExpression(start, end, match.group(0), kind))
        return found

    def _relative(self, text: str, match: re.Match[str], kind: str) -> bool:
        start, end = match.span()
        before = text[max(0, start - 24) : start]
        if kind == "deictic":
            word = match.group(0)
            if word[0].isupper() and not _sentence_start(text, start):
                return False  # "USA Today", "the Today programme"
            if match["possessive"]:
                following = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
                if following and following.group(1).lower() in self.idioms:
                    return False
            return True
        if kind == "shifted":
            shifter = match["shifter"].lower()
            if shifter in ("last", "next", "this") and self.narrative.search(before):
                return False  # "the next week", "his last year", "that last month"
            if match["month"] and not match["month"][0].isupper():
                return False  # "this may", "next march" are verbs
            if match["wd1"] and self.absolute_after.match(text, end):
                return False
            return not (
                shifter == "last" and re.match(r"\s+of\b", text[end : end + 6], re.IGNORECASE)
            )
        if kind == "ago":
            return True
        if kind == "weekday":
            day = match["wd2"]
            if not day[0].isupper():
                return False
            if self.holidays.search(before) and not match["trigger"]:
                return False
            if self.absolute_after.match(text, end) and not match["wd_tail"]:
                return False  # "on Monday, March 3, 2025": an absolute date
            if re.match(r"s\b", text[end : end + 2]):
                return False  # "on Mondays": a habit
            return bool(match["trigger"] or match["wd_tail"])
        return True


_KINDS = ("deictic", "shifted", "ago", "weekday", "recent", "extra")


def _sentence_start(text: str, offset: int) -> bool:
    index = offset - 1
    newlines = 0
    while index >= 0 and text[index] in " \t\r\n\"'“‘(*_#>":
        newlines += text[index] == "\n"
        index -= 1
    return index < 0 or newlines > 1 or text[index] in ".!?:;—–-"


@lru_cache(maxsize=32)
def relative_matcher(
    lexicon: DateLexicon, extra: tuple[str, ...] = (), ignore: tuple[str, ...] = ()
) -> RelativeMatcher:
    return RelativeMatcher(lexicon, extra, ignore)
