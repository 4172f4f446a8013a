"""Sentence segmentation for English prose: compiled-regex candidates, a few decisions each.

A candidate boundary is a run of terminal punctuation, its closing quotes and brackets, then
whitespace or the end of the span (one regular expression); a short decision then looks at the
word before it and the word after it. Candidates are found with `str.find` for each terminal
character, and the regular expression runs only at them; the usual ". The" is read off the text
without it. Python runs per candidate, never per character.

The decisions, in order:
- a lowercase next word never starts a sentence ("Co. at noon", "U.S.A. last year", "?" he said);
- an ellipsis inside brackets ("[...]") is an omission mark, and a spaced three-dot ellipsis
  (". . .") is one too; a four-dot ellipsis ends the sentence;
- after an abbreviation ("Inc.", "U.S.", "St."), an initial ("J. R. R.") or "a.m.", the next
  capitalised word starts a sentence only if it is a word that typically starts one ("The",
  "He", "How"); titles ("Dr.", "Gov.") never end one before a capital, and numbers after an
  abbreviation ("No. 5", "p. 55") continue it;
- a list marker at the start of a sentence ("1.", "a.", "2.)") is not a boundary, and items of
  an inline list ("1) first 2) second") are split.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["Sentence", "segment", "segment_spans", "sentence_spans", "terminal_offsets"]


class Sentence(NamedTuple):
    """One sentence: `start`/`end` are offsets into the document text (end exclusive),
    `block` is the index of its block in `Structure.blocks` (-1 when segmented standalone)."""

    start: int
    end: int
    text: str
    block: int = -1


# Builds a NamedTuple from a tuple of its fields in C (its own __new__ is Python code).
_new_tuple = tuple.__new__

# A run of terminal punctuation (or a spaced ". . ." ellipsis) and its closers, then either
# whitespace, optional openers and the first character of the next word, or the end of the span.
# Groups: 1 punct, 2 close, 3 gap, 4 next. It is tried only at `_TERMINALS` characters.
_TERMINALS = ".!?‽…"
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SPAN_END = _TERMINALS + "\"'”’»)]"  # what the punct and close groups can hold, but spaces
_CANDIDATE = re.compile(
    r"(?P<punct>[.!?‽…](?:(?:[ ]\.){2,}(?:[ ]\.)?|[.!?‽…]*))(?P<close>[\"'”’»)\]]*)"
    r"(?=(?P<gap>\s+)[\"'“‘«(\[¿¡]*(?P<next>\S)|\s*\Z)"
)
_NEXT_WORD = re.compile(r"[\"'“‘«(\[¿¡]*(?P<word>[^\s\"'”’»)\],;:]*)")
_OPENERS = "\"'“‘«([¿¡*_•⁃▪‣◦"
_BULLETS = " \t\n•⁃▪‣◦*-–"
_INITIALISM = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_MARKER_WORD = re.compile(r"\d{1,3}|[A-Za-z]|[ivxIVX]{1,4}")
_LIST_START = re.compile(
    r"[ \t]*(?:(?P<bullet>[•⁃▪‣◦])|(?P<num>\d{1,3})(?P<nsuf>\.\)|\)|\.)[ \t]"
    r"|(?P<alpha>[a-z])(?P<asuf>[.)])[ \t])"
)

# Titles come before a name: a capitalised word after them continues the sentence.
TITLES = frozenset(
    "mr mrs ms mx dr prof gov govs sen sens rep reps gen col lt sgt capt cmdr adm maj rev hon "
    "pres supt insp det cpl pvt fr mt messrs mmes msgr atty".split()
)
# Abbreviations matched case-insensitively (none of them is also a common English word).
ABBREVIATIONS = TITLES | frozenset(
    "st jr sr inc corp ltd co llc plc bros cos dept depts univ assn ave blvd rd hwy etc vs "
    "approx est fig figs vol vols pp nos ed eds ca cf al jan feb aug sept sep oct nov dec "
    "tues wed thurs thu fri tue mon n° nº nr tel ext dist sq ft mins hrs".split()
)
# Abbreviations that are also ordinary lowercase words, so only their capitalised form counts.
CAPITALISED_ABBREVIATIONS = frozenset("No Mar Apr Jun Jul Sat Sun Art Ch Sec Para Ft".split())
# Longer words without a period are never abbreviations (lowercasing never shortens a word).
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS | CAPITALISED_ABBREVIATIONS))
_TIME = frozenset({"a.m", "p.m"})
# Words after "a.m."/"p.m." that continue the sentence: time zones, days, "local".
_TIME_FOLLOWERS = frozenset(
    "ET EST EDT PT PST PDT CT CST CDT MT MST MDT GMT UTC BST CET CEST IST JST AEST local "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
# Words that typically start a sentence (closed-class words and common sentence adverbs).
SENTENCE_STARTERS = frozenset(
    """
    A An The This That These Those There Then Thus Here Hence He She It They We I You His Her
    Its Their Our My Your Him Them Us One Some Many Most Much All Both Each Every Either
    Neither No None Nor Not Such Few Several Other Another But And Or So Yet If In On At As
    For With By From Of Into Onto Over Under About After Before Since Until While When
    Where Why How What Who Whom Whose Which Although Though Because Once Unless Whether
    However Meanwhile Still Instead Also Now Today Yesterday Tomorrow Last Next Later Earlier
    Even Only Just Indeed Moreover Furthermore Nevertheless Nonetheless Otherwise Finally
    First Second Third Besides Therefore Overall Is Are Was Were Do Does Did Has Have Had
    Can Could Would Should Shall Might Must Let Please Yes Well Oh According Asked Despite
    During Among Without Within Through Throughout Like Unlike Along Across Per Officials
    Police Critics Analysts Experts Residents Researchers Scientists
    """.split()
)


def _is_abbreviation(word: str) -> bool:
    if len(word) == 1:
        return word.isalpha()
    lower = word.lower()
    if lower in ABBREVIATIONS or word in CAPITALISED_ABBREVIATIONS:
        return True
    return "." in word and _INITIALISM.fullmatch(word) is not None


def _starter(word: str) -> bool:
    for apostrophe in "'’":
        if apostrophe in word:
            word = word.split(apostrophe, 1)[0]
    return word in SENTENCE_STARTERS


def _fronted_time_phrase(text: str, sentence_start: int, word_start: int) -> bool:
    """Whether the sentence so far is only a time phrase like "At 5" (so "a.m." continues it)."""
    words = text[sentence_start:word_start].split()
    return 0 < len(words) <= 3 and words[0].lower() in {
        "at",
        "by",
        "until",
        "till",
        "before",
        "after",
        "from",
        "around",
        "about",
        "since",
        "shortly",
        "just",
    }


def _list_splits(text: str, lo: int, hi: int) -> list[int]:
    """Offsets where an inline list that starts at `lo` has its next items ("1) a 2) b")."""
    marker = _LIST_START.match(text, lo, hi)
    if marker is None:
        return []
    splits: list[int] = []
    if marker["bullet"]:
        bullet = marker["bullet"]
        position = text.find(" " + bullet, marker.end(), hi)
        while position != -1:
            splits.append(position + 1)
            position = text.find(" " + bullet, position + 2, hi)
        return splits
    if marker["num"]:
        number, suffix = int(marker["num"]) + 1, marker["nsuf"]
        label = lambda n: f" {n}{suffix} "  # noqa: E731
    else:
        number, suffix = ord(marker["alpha"]) + 1, marker["asuf"]
        label = lambda n: f" {chr(n)}{suffix} "  # noqa: E731
    position = marker.end()
    while True:
        found = text.find(label(number), position, hi)
        if found == -1:
            return splits
        splits.append(found + 1)
        position = found + 2
        number += 1


def _abbreviation_boundary(
    text: str, lo: int, match: re.Match[str], word: str, word_start: int, sentence_start: int
) -> bool:
    """Whether a period after an abbreviation or initial, before a capital or digit, ends it."""
    first = match["next"]
    if not first.isupper():
        return False  # "No. 5", "p. 55", "Jan. 12"
    lower = word.lower()
    if lower in TITLES:
        return False
    following = _NEXT_WORD.match(text, match.end("gap"), match.endpos)
    next_word = following["word"].rstrip(".!?…") if following is not None else ""
    if lower in _TIME:
        if next_word in _TIME_FOLLOWERS:
            return False
        return not _fronted_time_phrase(text, sentence_start, word_start)
    if word == "I":
        before = text[lo:word_start].split()
        if before and before[-1][:1].islower():
            return True  # "you and I. Did you ..."
    return _starter(next_word)


def _ellipsis_boundary(text: str, match: re.Match[str]) -> int | None:
    punct, p, first = match["punct"], match.start(), match["next"]
    if p > 0 and text[p - 1] == "[" and match["close"].startswith("]"):
        return None  # "[...]" marks an omission inside a quotation
    if " " in punct:  # spaced ". . ." or ". . . ."
        attached = p > 0 and not text[p - 1].isspace()
        if attached and first.isupper():
            return p + 1  # "compounds. . . . The" ends at "compounds."
        return match.end() if punct.count(".") >= 4 and first.isupper() else None
    return match.end() if first.isupper() or first.isdigit() else None


def terminal_offsets(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Sorted offsets in `text[lo:hi]` of the characters a boundary candidate starts with.

    `str.find` looks for one character at memory-scan speed, where the regex engine would test
    `_CANDIDATE`'s first character class at every position of the text."""
    hi = len(text) if hi is None else hi
    found: list[int] = []
    kinds = 0
    find = text.find
    for char in _TERMINALS:
        position = find(char, lo, hi)
        if position != -1:
            kinds += 1
        while position != -1:
            found.append(position)
            position = find(char, position + 1, hi)
    if kinds > 1:
        found.sort()
    return found


def segment_spans(text: str, spans: Sequence[tuple[int, int, int]]) -> list[list[Sentence]]:
    """The sentences of each `(lo, hi, block)` span of `text` (spans in order, disjoint), each
    sentence carrying its span's `block`. One `terminal_offsets` scan serves every span."""
    if not spans:
        return []
    terminals = terminal_offsets(text, spans[0][0], spans[-1][1])
    result: list[list[Sentence]] = []
    first = 0  # index in `terminals` of the first one inside the span
    for lo, hi, block in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo >= hi:
            result.append([])
            continue
        first = bisect_left(terminals, lo, first)
        after = bisect_left(terminals, hi, first)
        if text[lo] not in _LIST_FIRST and (
            first == after or _only_end_marks(text, terminals[first], hi)
        ):
            # no candidate before the end of the span and no inline list: one sentence
            result.append([_new_tuple(Sentence, (lo, hi, text[lo:hi], block))])
        else:
            result.append(_span_sentences(text, lo, hi, block, terminals[first:after]))
        first = after
    return result


def sentence_spans(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text[lo:hi]`, without surrounding space."""
    hi = len(text) if hi is None else hi
    (found,) = segment_spans(text, [(lo, hi, -1)])
    return [(sentence.start, sentence.end) for sentence in found]


def _full_stop_continues(
    text: str, lo: int, hi: int, start: int, p: int, match: re.Match[str] | None
) -> bool:
    """Whether the full stop at `p`, before a capital or digit, ends no sentence: it follows a
    list marker that opens the sentence ("1. The first item"), or an abbreviation or initial
    that does not end it. `match` is `_CANDIDATE`'s match at `p`, if it was run."""
    space = text.rfind(" ", start, p)
    word_start = space + 1 if space >= 0 else start
    word = text[word_start:p]
    if "\n" in word or "\t" in word:
        cut = max(word.rfind("\n"), word.rfind("\t")) + 1
        word, word_start = word[cut:], word_start + cut
    if word[:1] in _OPENERS:
        stripped = word.lstrip(_OPENERS)
        word_start += len(word) - len(stripped)
        word = stripped
    if (
        len(word) <= 4
        and _MARKER_WORD.fullmatch(word)
        and not text[start:word_start].strip(_BULLETS)
    ):
        return True  # "1. The first item", "a. The first item"
    if word and (len(word) <= _LONGEST_ABBREVIATION or "." in word) and _is_abbreviation(word):
        if match is None:
            match = _CANDIDATE.match(text, p, hi)
            assert match is not None
        return not _abbreviation_boundary(text, lo, match, word, word_start, start)
    return False


def _only_end_marks(text: str, p: int, hi: int) -> bool:
    """Whether `text[p:hi]` is only punctuation and closers, where no boundary can follow."""
    return hi - p <= 8 and not text[p:hi].strip(_SPAN_END)


def _span_sentences(
    text: str, lo: int, hi: int, block: int, candidates: list[int]
) -> list[Sentence]:
    """The sentences of `text[lo:hi]` (no space at either end); `candidates` holds every
    `_TERMINALS` offset inside it, in order."""
    splits = deque(_list_splits(text, lo, hi)) if text[lo] in _LIST_FIRST else deque()
    sentences: list[Sentence] = []
    start = lo
    scanned = lo  # where the regex scan would go on: the end of its last match
    candidate_at = _CANDIDATE.match
    for p in candidates:
        if p < scanned:
            continue
        if (
            p >= start
            and text[p] == "."
            and p + 2 < hi
            and text[p + 1] == " "
            and text[p + 2] in _CAPITALS
        ):
            # ". The", the usual boundary: what `_CANDIDATE` matches here (punct ".", no
            # closers, a one-space gap, a capital) is read off the text. Seven letters before
            # the full stop make a word too long to be an abbreviation or a list marker.
            scanned = p + 1
            if splits and splits[0] <= p:
                start = _split_items(text, splits, p, start, block, sentences)
            if (p - start >= 7 and text[p - 7 : p].isalpha()) or not _full_stop_continues(
                text, lo, hi, start, p, None
            ):
                sentences.append(_new_tuple(Sentence, (start, scanned, text[start:scanned], block)))
                start = p + 2
            continue
        if p >= start and _only_end_marks(text, p, hi):
            break  # no boundary can follow
        match = candidate_at(text, p, hi)
        if match is None:
            continue
        scanned = match.end()
        if p < start:
            continue
        if splits and splits[0] <= p:
            start = _split_items(text, splits, p, start, block, sentences)
        punct, _, _, first = match.groups()
        if first is None:
            break  # the span ends here
        if first.islower():
            continue
        end: int | None = scanned
        if punct == ".":
            if (p - start < 7 or not text[p - 7 : p].isalpha()) and _full_stop_continues(
                text, lo, hi, start, p, match
            ):
                continue
        elif ("." in punct or "…" in punct) and (end := _ellipsis_boundary(text, match)) is None:
            continue
        # ! ? ‽ runs before a capital, digit or symbol end the sentence
        sentences.append(_new_tuple(Sentence, (start, end, text[start:end], block)))
        start = match.end(3) if end == scanned else end + 1  # after the gap, or the cut
        while start < hi and text[start].isspace():
            start += 1
    if splits:
        start = _split_items(text, splits, hi, start, block, sentences)
    if start < hi:
        sentences.append(_new_tuple(Sentence, (start, hi, text[start:hi], block)))
    return sentences


def _split_items(
    text: str, splits: deque[int], p: int, start: int, block: int, sentences: list[Sentence]
) -> int:
    """Ends a sentence before each inline list item that starts by `p` ("1) a 2) b"); returns
    where the next sentence starts."""
    while splits and splits[0] <= p:
        split = splits.popleft()
        if split > start:
            sentences.append(
                _new_tuple(Sentence, (start, split - 1, text[start : split - 1], block))
            )
            start = split
    return start


_LIST_FIRST = frozenset("•⁃▪‣◦0123456789abcdefghij")


def segment(text: str) -> list[str]:
    """The sentences of a text, as strings (the form the Golden Rules are written in)."""
    (found,) = segment_spans(text, [(0, len(text), -1)])
    return [sentence.text for sentence in found]
