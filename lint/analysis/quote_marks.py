"""Finding quotation marks and pairing them: apostrophes and primes told apart from quotes,
nesting, the multi-paragraph convention, and the marks left unmatched.

Pairing runs over marks only (`str.find` finds them, so text between marks is never walked in
Python). Each mark is classified from its neighbours and the marks still open:

- `“ ”`, `‘ ’`, `„ “`, `‚ ‘`, `« »`, `» «`, `‹ ›`, `› ‹`, `「 」`, `『 』` and straight `"`/`'`;
- `’`/`'` between letters (don’t, O’Brien) is never a mark; before digits or in a known elision
  (’90s, ’tis, rock ’n’ roll, ’em) it is an apostrophe; after a letter (students’, goin’) it closes
  a single quotation only when one is open, and stays an apostrophe when a later mark can close it
  and the next word is lowercase (‘the students’ union’);
- `"` after a digit is a prime (5'9", a 12" pipe) unless a double quotation is open;
- `′ ″` are primes and never marks.

A quotation still open at the end of a paragraph continues into the next paragraph when that one
opens with a mark of the same kind (the news convention) or when the paragraph stopped mid-sentence
and the next starts in lowercase (a quotation broken by a blank line). Otherwise it is unclosed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

# Every character that can be a mark; `find_marks` drops `'`/`’` between two word characters.
MARK_PATTERN = re.compile(r"[\"'“”„«»‹›「」『』‚‘’]")
_MARK_CHARS = tuple("\"'“”„«»‹›「」『』‚‘’")
_ASCII_MARK_CHARS = ('"', "'")  # the only ones an ASCII text can hold


def find_marks(text: str) -> list[tuple[int, str]]:
    """(offset, char) of every possible quotation mark, skipping apostrophes inside words
    (don’t, O’Brien), which are most of them."""
    # One `str.find` scan per mark character is several times faster than a regex over the
    # text (the regex engine tests every character against the class).
    find = text.find
    offsets: list[int] = []
    for char in _ASCII_MARK_CHARS if text.isascii() else _MARK_CHARS:
        if char not in text:  # most marks are absent; `in` costs less than `find`'s arguments
            continue
        offset = find(char)
        while offset != -1:
            offsets.append(offset)
            offset = find(char, offset + 1)
    if not offsets:
        return []
    offsets.sort()
    marks: list[tuple[int, str]] = []
    last = len(text) - 1
    for offset in offsets:
        char = text[offset]
        if (
            char in "'’"
            and 0 < offset < last
            and (text[offset - 1].isalnum() or text[offset - 1] == "_")
            and (text[offset + 1].isalnum() or text[offset + 1] == "_")
        ):
            continue
        marks.append((offset, char))
    return marks


_ELISION = re.compile(
    r"(?:\d|(?:tis|twas|twere|em|n['’]|cause|cos|coz|til|till|bout|round|nuff|kay)(?!\w))",
    re.IGNORECASE,
)
_LEADING = re.compile(r"[\s>]*")

# What closes a quotation opened by each mark.
CLOSERS: dict[str, str] = {
    "“": '”"“',
    '"': '"”',
    "„": '“”"',
    "‘": "’'",
    "'": "'’",
    "’": "’'",
    "‚": "‘’",
    "”": '”"',
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "「": "」",
    "『": "』",
}
# Marks a paragraph may open with to continue a quotation opened by each mark.
CONTINUERS: dict[str, str] = {
    "“": '“"',
    '"': '"“',
    "„": "„»",
    "‘": "‘'",
    "'": "'‘",
    "’": "’‘'",
    "‚": "‚",
    "”": '”"',
    "«": "«»",
    "»": "»",
    "‹": "‹›",
    "›": "›",
    "「": "「",
    "『": "『",
}
_OPEN_CONTEXT = set("([{<—–-/=:;…*_|") | set("“‘„‚«‹»›\"'")
_SENTENCE_FINAL = set('.!?…:;)]"”’»')


class PairedQuote(NamedTuple):
    """A pair of marks: `opens` holds the opening mark and any paragraph-continuation marks."""

    opens: tuple[int, ...]
    close: int
    first_paragraph: int
    last_paragraph: int


@dataclass(frozen=True, slots=True)
class UnmatchedMark:
    """A quotation mark that opens a quotation never closed, or closes one never opened.

    `problem` is "unclosed" or "unopened"; `offset` is the mark's position in the text.
    """

    offset: int
    mark: str
    problem: str


class _Open:
    """A quotation opened and not yet closed (`strong`: reported if never closed)."""

    __slots__ = ("continuations", "mark", "offset", "paragraph", "strong")

    def __init__(self, offset: int, mark: str, strong: bool, paragraph: int) -> None:
        self.offset = offset
        self.mark = mark
        self.strong = strong
        self.paragraph = paragraph
        self.continuations: list[int] = []


@dataclass
class Pairing:
    quotes: list[PairedQuote]
    unmatched: list[UnmatchedMark]


def _is_space(char: str) -> bool:
    return not char or char.isspace()


def _left_flanking(prev: str, nxt: str) -> bool:
    return (_is_space(prev) or prev in _OPEN_CONTEXT) and not _is_space(nxt)


def _right_flanking(prev: str, nxt: str) -> bool:
    return not _is_space(prev) and (_is_space(nxt) or not nxt.isalnum())


def pair_marks(
    text: str,
    marks: list[tuple[int, str]],
    paragraph_spans: list[tuple[int, int]],
    skip: set[int],
    ends_with_attribution: Callable[[int, int], bool] | None = None,
) -> Pairing:
    """Pair `marks` (offset, char), sorted, over the paragraphs given as (start, end) spans.

    `skip` holds offsets to ignore (code); `ends_with_attribution(start, end)` tells a paragraph
    (given by its span) that ends like `..., she said.`, so an open quotation in it was left
    unclosed rather than continued by the next paragraph."""
    quotes: list[PairedQuote] = []
    unmatched: list[UnmatchedMark] = []
    starts = list(map(itemgetter(0), paragraph_spans))
    by_paragraph: dict[int, list[tuple[int, str]]] = {}
    for offset, char in marks:
        if skip and offset in skip:
            continue
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < paragraph_spans[index][1]:
            by_paragraph.setdefault(index, []).append((offset, char))
    stack: list[_Open] = []
    text_length = len(text)

    def close_at(position: int, paragraph: int) -> None:
        entry = stack[position]
        for dropped in stack[position + 1 :]:
            if dropped.strong:
                unmatched.append(_unclosed(text, dropped))
        del stack[position:]
        quotes.append(
            PairedQuote((entry.offset, *entry.continuations), offset, entry.paragraph, paragraph)
        )

    last_paragraph = -2
    for paragraph in sorted(by_paragraph):
        continuation_mark = None
        if stack:
            how = None
            if last_paragraph == paragraph - 1:
                how = _continuation(text, paragraph, stack[0].mark, by_paragraph, paragraph_spans)
            if how == "broken" and ends_with_attribution is not None:
                span = paragraph_spans[paragraph - 1]
                if ends_with_attribution(span[0], span[1]):
                    how = None
            if how is None:
                for entry in stack:
                    if entry.strong:
                        unmatched.append(_unclosed(text, entry))
                stack.clear()
            elif how == "mark":
                span = paragraph_spans[paragraph - 1]
                if ends_with_attribution is not None and ends_with_attribution(span[0], span[1]):
                    for entry in stack:
                        if entry.strong:
                            unmatched.append(_unclosed(text, entry))
                    stack.clear()
                else:
                    continuation_mark = by_paragraph[paragraph][0][0]
                    stack[0].continuations.append(continuation_mark)
        last_paragraph = paragraph
        paragraph_marks = by_paragraph[paragraph]
        if not stack and _curly_pairs(paragraph_marks):
            # The common paragraph: “…” pairs one after the other, each opened on an empty
            # stack and closed by the next mark, as the loop below would pair them.
            pairs = zip(paragraph_marks[::2], paragraph_marks[1::2], strict=True)
            quotes.extend(
                PairedQuote((opening,), closing, paragraph, paragraph)
                for (opening, _), (closing, _) in pairs
            )
            continue
        for position, (offset, char) in enumerate(paragraph_marks):
            if offset == continuation_mark or offset in skip:
                continue
            prev = text[offset - 1] if offset > 0 else ""
            nxt = text[offset + 1] if offset + 1 < text_length else ""
            target = _find_closable(stack, char) if stack else None
            if char in "'’":
                _single_mark(
                    text, offset, char, prev, nxt, paragraph, stack, target, unmatched,
                    paragraph_marks, position, close_at, skip,
                )  # fmt: skip
                continue
            if char == '"':
                if prev.isnumeric() and target is None:
                    continue  # a prime: 5'9", a 12" pipe
                left, right = _left_flanking(prev, nxt), _right_flanking(prev, nxt)
                if target is not None and (right or not left):
                    close_at(target, paragraph)
                elif left or target is None:
                    if left or not right:
                        stack.append(_Open(offset, char, True, paragraph))
                    else:
                        unmatched.append(UnmatchedMark(offset, char, "unopened"))
                continue
            if char == "“":
                if target is not None and (
                    stack[target].mark == "„"
                    or (_right_flanking(prev, nxt) and not _left_flanking(prev, nxt))
                ):
                    close_at(target, paragraph)
                else:
                    stack.append(_Open(offset, char, True, paragraph))
                continue
            if char == "‘":
                if target is not None and stack[target].mark == "‚":
                    close_at(target, paragraph)
                elif prev.isalnum() or _is_space(nxt) or _ELISION.match(text, offset + 1):
                    continue  # a misused apostrophe: ‘90s, students‘
                else:
                    stack.append(_Open(offset, char, True, paragraph))
                continue
            if char == "‚":
                if _is_space(prev) and not _is_space(nxt):
                    stack.append(_Open(offset, char, True, paragraph))
                continue
            if char in "„「『":
                stack.append(_Open(offset, char, True, paragraph))
                continue
            if char in "«‹":
                if target is not None:
                    close_at(target, paragraph)
                else:
                    stack.append(_Open(offset, char, True, paragraph))
                continue
            # closing-type marks: ” » › 」 』
            if target is not None:
                close_at(target, paragraph)
            elif char in "”»›" and _left_flanking(prev, nxt) and not _right_flanking(prev, nxt):
                stack.append(_Open(offset, char, True, paragraph))  # Swedish ”…”, German »…«
            else:
                unmatched.append(UnmatchedMark(offset, char, "unopened"))
    for entry in stack:
        if entry.strong:
            unmatched.append(_unclosed(text, entry))
    unmatched.sort(key=lambda mark: mark.offset)
    return Pairing(quotes, unmatched)


def _curly_pairs(marks: list[tuple[int, str]]) -> bool:
    """Whether `marks` are “ ” “ ” … (an even number, alternating)."""
    if len(marks) % 2 or marks[0][1] != "“":
        return False
    return "".join([char for _, char in marks]) == "“”" * (len(marks) // 2)


def _unclosed(text: str, entry: _Open) -> UnmatchedMark:
    """The mark to report: for a quotation over several paragraphs, the one opening the last
    (which may differ from the first: „…  then »…)."""
    offset = entry.continuations[-1] if entry.continuations else entry.offset
    return UnmatchedMark(offset, text[offset], "unclosed")


def _find_closable(stack: list[_Open], char: str) -> int | None:
    for position in range(len(stack) - 1, -1, -1):
        if char in CLOSERS[stack[position].mark]:
            return position
    return None


def _continuation(
    text: str,
    paragraph: int,
    outer_mark: str,
    by_paragraph: dict[int, list[tuple[int, str]]],
    spans: list[tuple[int, int]],
) -> str | None:
    """How a quotation open at the end of the previous paragraph goes on into `paragraph`:
    "mark" (the paragraph opens with a continuing mark), "broken" (a blank line in mid-sentence)
    or None (it does not: the quotation is unclosed)."""
    start = _LEADING.match(text, spans[paragraph][0]).end()
    first_offset, first_mark = by_paragraph[paragraph][0]
    if first_offset == start and first_mark in CONTINUERS[outer_mark]:
        return "mark"
    previous = spans[paragraph - 1]
    before = text[previous[0] : previous[1]].rstrip()
    if before and before[-1] not in _SENTENCE_FINAL and text[start : start + 1].islower():
        return "broken"
    return None


def _single_mark(
    text: str,
    offset: int,
    char: str,
    prev: str,
    nxt: str,
    paragraph: int,
    stack: list[_Open],
    target: int | None,
    unmatched: list[UnmatchedMark],
    paragraph_marks: list[tuple[int, str]],
    position: int,
    close_at: Callable[[int, int], None],
    skip: set[int],
) -> None:
    """`'` and `’`: an apostrophe, or a single quotation mark opening or closing."""
    if prev.isalnum():  # students’, goin’, or the end of a quotation
        if target is None:
            return
        if _is_space(nxt) and _later_single_closer(text, paragraph_marks, position):
            following = text[offset + 1 : offset + 3].lstrip()
            if following[:1].islower():
                return  # ‘the students’ union is closed,’ she said
        close_at(target, paragraph)
        return
    if not _is_space(prev) and prev not in "([{<—–-/=":  # after punctuation: .’ ,’ ?’
        if target is not None:
            close_at(target, paragraph)
        elif prev in ".,!?;…":
            unmatched.append(UnmatchedMark(offset, char, "unopened"))
        return
    if _is_space(nxt):
        return
    if _ELISION.match(text, offset + 1):
        if text.startswith(("n'", "n’"), offset + 1):
            skip.add(offset + 2)  # the second mark of rock ’n’ roll
        return
    # An opening single mark; a straight or right-hand one only counts when a capital follows.
    strong = char == "‘" or nxt.isupper()
    stack.append(_Open(offset, char, strong, paragraph))


def _later_single_closer(text: str, marks: list[tuple[int, str]], position: int) -> bool:
    for offset, char in marks[position + 1 :]:
        if char in "'’" and offset > 0 and not text[offset - 1].isspace():
            return True
    return False


def block_quote_spans(text: str) -> list[tuple[int, int]]:
    """Runs of consecutive `>` lines (Markdown block quotes, e-mail and forum quoting): lines
    whose first character after at most three spaces is `>`."""
    # `str.find` from one `>` to the next: most documents have none, or only a few in markup.
    spans: list[tuple[int, int]] = []
    find = text.find
    position = find(">")
    while position != -1:
        start = position
        while start > 0 and position - start < 3 and text[start - 1] == " ":
            start -= 1
        if start > 0 and text[start - 1] != "\n":
            position = find(">", position + 1)
            continue
        end = find("\n", position)
        if end == -1:
            end = len(text)
        if spans and text[spans[-1][1] : start] in ("\n", "\r\n"):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        position = find(">", end)
    return spans
