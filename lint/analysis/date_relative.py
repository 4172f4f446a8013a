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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lint.analysis.date_lexicon import DateLexicon

try:  # every trigger word in one pass over the text; without it, one str.find pass per word
    from ahocorasick_rs import BytesAhoCorasick
except ImportError:  # pragma: no cover - the fallback finds the same occurrences
    BytesAhoCorasick = None


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
        month_names = [
            name
            for name, number in lexicon.months.items()
            if not any(  # full names only: "mar" abbreviates "march"
                other != name and other.startswith(name) and value == number
                for other, value in lexicon.months.items()
            )
        ]
        months = _words(month_names)
        units = _words(lexicon.units)
        seasons = _words(lexicon.seasons)
        parts = _words(lexicon.day_parts)
        quantity = rf"(?:(?:\d+|{_words(lexicon.quantities)})\s+)"
        ago_units = _words(_AGO_UNITS)
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
        # Every expression contains one of these words: finding them with str.find in the
        # lower-cased text is the cheap prefilter; the full pattern is then tried only at the
        # trigger and the few words before it.
        triggers = [
            *lexicon.deictic_days,
            *lexicon.shifters,
            *lexicon.ago_words,
            "from now",
            "recent",
            *(w.lower() for w in lexicon.weekdays),
            *(phrase.lower() for phrase in extra),
        ]
        trigger_words = sorted(set(triggers))
        self.needles = _needles(trigger_words)
        # ASCII trigger words are searched in the text's bytes (see `_occurrences`)
        self.ascii = all(word.isascii() for word in trigger_words)
        self.byte_needles = (
            [(n.encode(), tuple(w.encode() for w in words)) for n, words in self.needles]
            if self.ascii
            else []
        )
        # with ahocorasick-rs, every trigger word is its own pattern of one pass over the bytes
        self.byte_words = [word.encode() for word in trigger_words] if self.ascii else []
        self.byte_searcher = (
            BytesAhoCorasick(self.byte_words)
            if self.byte_words and BytesAhoCorasick is not None
            else None
        )
        self.weekday_names = {w.lower() for w in lexicon.weekdays}
        self.prefix_words = {
            word
            for phrase in (*lexicon.edges, *lexicon.quantities, *lexicon.weekday_triggers, "in")
            for word in phrase.lower().split()
        } | {unit + plural for unit in _AGO_UNITS for plural in ("", "s")}
        # Every expression but an extra phrase is words and whitespace up to its trigger word.
        self.plain_words_before = not extra and all(
            _WORD.fullmatch(word) for word in self.prefix_words
        )
        # Most hits are shifters that shift nothing ("next to", "last of"). A shifter that opens
        # no other kind of expression needs one of these words (or a number) after it.
        openers = {
            phrase.lower().split()[0]
            for phrase in (
                *lexicon.edges,
                *lexicon.deictic_days,
                *lexicon.quantities,
                *lexicon.weekday_triggers,
                *lexicon.weekdays,
                *_AGO_UNITS,
                "in",
                *extra,
            )
            if phrase.strip()
        }
        self.lone_shifters = {
            word.lower()
            for word in lexicon.shifters
            if word.isascii() and _WORD.fullmatch(word) and word.lower() not in openers
        }
        self.lone_shifter_needles = (
            {word.encode() for word in self.lone_shifters} if self.ascii else self.lone_shifters
        )
        self.shifted_words = {
            word.lower()
            for word in (
                *(phrase.split()[0] for phrase in lexicon.quantities if phrase.strip()),
                *lexicon.units,
                *(unit + "s" for unit in lexicon.units),
                *lexicon.weekdays,
                *lexicon.seasons,
                *lexicon.day_parts,
                *month_names,
            )
        }
        self.holidays = re.compile(rf"(?:{_words(lexicon.weekday_holidays)})\s+$")
        self.narrative = re.compile(rf"\b(?:{_words(lexicon.non_relative_determiners)})\s+$", re.I)
        self.idioms = {noun.lower() for noun in lexicon.idiom_nouns}
        self.month_date = re.compile(
            rf"\b(?:{months})\.?\s+(?:\d{{1,2}}\b|\d{{4}}\b)|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})\b",
            re.IGNORECASE,
        )
        self.absolute_after = re.compile(rf",?\s+(?:the\s+)?(?:\d|(?:{months})\b)", re.IGNORECASE)

    def find(
        self, text: str, body_start: int = 0, prose_start: int = 0
    ) -> list[RelativeExpression]:
        """Relative expressions from `body_start` on; dates before `prose_start` (headers,
        datelines) are not narrative anchors."""
        found: list[RelativeExpression] = []
        prose_start = max(prose_start, body_start)
        for match in self._candidates(text, body_start):
            kind = match.lastgroup or ""
            if kind in ("possessive", "shifter", "wd1", "month", "trigger", "wd2", "wd_tail"):
                kind = next(k for k in _KINDS if match.group(k) is not None)
            if not self._relative(text, match, kind):
                continue
            start, end = match.span()
            if kind == "weekday" and self._narrative_week(text, prose_start, start):
                continue
            phrase = " ".join(match.group(0).lower().split())
            if phrase in self.ignore:
                continue
            found.append(RelativeExpression(start, end, match.group(0), kind))
        return found

    def _candidates(self, text: str, body_start: int) -> list[re.Match[str]]:
        hits, lone_shifters = self._trigger_starts(text, body_start)
        matches: list[re.Match[str]] = []
        covered = body_start
        for hit in hits:
            if hit < covered:
                continue
            starts = self._prefix_starts(text, max(covered, hit - _LOOK_BEHIND), hit)
            if hit not in lone_shifters or self._shifts_something(text, hit):
                starts.append(hit)
            for start in starts:
                match = self.pattern.match(text, start)
                if match is not None and match.end() > hit:
                    matches.append(match)
                    covered = match.end()
                    break
        return matches

    def _trigger_starts(self, text: str, body_start: int) -> tuple[list[int], set[int]]:
        """Sorted starts of the whole trigger words (case-insensitive) from `body_start` on,
        and those of them that are lone shifters."""
        lone = self.lone_shifter_needles
        hits: list[int] = []
        lone_hits: set[int] = set()
        size = len(text)
        for start, end, word in self._occurrences(text, body_start):
            if (end >= size or not text[end].isalnum()) and (
                start == 0 or not text[start - 1].isalnum()
            ):
                hits.append(start)
                if word in lone:
                    lone_hits.add(start)
        hits.sort()
        return hits, lone_hits

    def _occurrences(self, text: str, body_start: int) -> Iterator[tuple[int, int, Any]]:
        """(start, end, word) of the occurrences of the trigger words from `body_start` on,
        case-insensitive, inside words too; those of one word do not overlap. The word is
        lower-cased, as bytes when the trigger words are ASCII."""
        if not self.ascii:
            yield from _by_needle(_lower_in_place(text), self.needles, body_start)
            return
        # ASCII-only lower-casing of the bytes: several times cheaper than str.lower() on text
        # with any non-ASCII character, and one byte per character keeps the offsets (every
        # non-ASCII character becomes "?", which no trigger word contains).
        folded = text.encode("ascii", "replace").lower()
        if self.byte_searcher is None:
            yield from _by_needle(folded, self.byte_needles, body_start)
            return
        words = self.byte_words
        ends = [body_start] * len(words)
        for index, start, end in self.byte_searcher.find_matches_as_indexes(
            folded, overlapping=True
        ):
            if start >= ends[index]:  # a word's matches come in order of their ends
                ends[index] = end
                yield start, end, words[index]

    def _shifts_something(self, text: str, hit: int) -> bool:
        """Whether the word after the lone shifter at `hit` can be what it shifts (a unit, a
        weekday, a season, a day part, a month, a quantity or a number): only then can the
        pattern match there. Letters outside ASCII may match case-insensitively in more ways
        than lower-casing shows, so such a word is always tried."""
        found = _NEXT_WORD.match(text, hit)
        if found is None:
            return False
        word = found[1]
        return not word.isascii() or word.isdigit() or word.lower() in self.shifted_words

    def _prefix_starts(self, text: str, floor: int, hit: int) -> list[int]:
        """Starts of the words just before `hit` that can open an expression ("two days" before
        "ago", "earlier" before "this"), nearest last; usually none, so one match is tried."""
        if self.plain_words_before:
            # Only words and whitespace can come between an expression's start and its trigger:
            # nothing before a comma, a quotation mark or a bracket can open one.
            floor = hit - _WORDS_AND_SPACES.match(text[floor:hit][::-1]).end()
            if floor == hit:
                return []
        if text[hit - 1 : hit] == " ":
            # The usual case, a plain word and one space before the trigger: that word starts
            # at the nearest word start, and when it opens no expression there are no starts.
            space = text.rfind(" ", floor, hit - 1)
            if space >= 0:
                word = text[space + 1 : hit - 1]
                if word.isalnum() and not word.isdigit() and word.lower() not in self.prefix_words:
                    return []
        starts: list[int] = []
        for found in reversed(list(_WORD_START.finditer(text, floor, hit))):
            word = text[found.start() : hit].split(None, 1)[0].lower()
            if word not in self.prefix_words and not word.isdigit():
                break
            starts.append(found.start())
            hit = found.start()
            if len(starts) == 4:
                break
        starts.reverse()
        return starts

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
            if _HABIT.match(text, end):
                return False  # "on Mondays", "on Thursday evenings": a habit
            return bool(match["trigger"] or match["wd_tail"])
        return True

    def _narrative_week(self, text: str, body_start: int, start: int) -> bool:
        """Whether a dated month ("in September 1666", "on 3 May") comes earlier in the same
        paragraph: a bare weekday then names a day of that week, not of the publication's."""
        paragraph = max(text.rfind("\n\n", 0, start), body_start)
        return self.month_date.search(text, paragraph, start) is not None


_AGO_UNITS = ("minute", "hour", "day", "night", "week", "month", "year", "decade", "fortnight")
_LOOK_BEHIND = 48  # "a couple of " + "earlier " or "until " before the trigger word
_WORD_START = re.compile(r"(?<![\w'’])\w")
_WORD = re.compile(r"\w+")
_WORDS_AND_SPACES = re.compile(r"[\w\s]*")
_NEXT_WORD = re.compile(r"\w+\s+(\w+)")
_HABIT = re.compile(r"s\b|['’]?\s+(?:mornings|afternoons|evenings|nights)\b")
_KINDS = ("deictic", "shifted", "ago", "weekday", "recent", "extra")


def _needles(words: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Search strings for the trigger words: one shared suffix for words ending alike ("day"
    finds yesterday, today and the seven weekdays), so the text is scanned fewer times."""
    by_suffix: dict[str, list[str]] = {}
    for word in words:
        by_suffix.setdefault(word[-3:] if len(word) > 3 else word, []).append(word)
    needles: list[tuple[str, tuple[str, ...]]] = []
    for suffix, group in by_suffix.items():
        if len(group) >= 3:
            needles.append((suffix, tuple(sorted(group, key=len, reverse=True))))
        else:
            needles.extend((word, (word,)) for word in group)
    return needles


def _by_needle(folded: Any, needles: list[Any], body_start: int) -> Iterator[tuple[int, int, Any]]:
    """`RelativeMatcher._occurrences` with one str.find pass per needle: a trigger word, or the
    ending several words share ("day"), each then read back from the needle's end."""
    for needle, words in needles:
        position = folded.find(needle, body_start)
        while position >= 0:
            tail = position + len(needle)
            for word in words:
                start = tail - len(word)
                if start >= body_start and folded.startswith(word, start):
                    yield start, tail, word
            position = folded.find(needle, tail)


def _lower_in_place(text: str) -> str:
    """`text` lower-cased character by character, so that offsets stay put ("İ" lower-cases
    to two characters)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


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
