"""Duplicate rules: a line, heading or paragraph repeated inside one document (DUP001), and a
document repeating another one of the corpus, exactly or nearly (DUP002, a corpus rule).

One pass over the paragraphs with two dictionaries (paragraph text -> first lines, line text ->
first line), keyed on the text with its whitespace collapsed: linear in the document's size.
"""

from __future__ import annotations

import base64
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from typing import NamedTuple, TypeVar

from pydantic import Field

from lint.analysis.markdown import markdown_regions
from lint.document import Document, Line, Paragraph
from lint.finding import Finding, RecordRef, Severity
from lint.rule import (
    CorpusItem,
    CorpusReducer,
    CorpusRule,
    FixAvailability,
    Rule,
    RuleOptions,
)
from rules.boilerplate import default_boilerplate_lines, line_shape

# "-- " (the e-mail signature separator) and its lookalikes: the few lines after it are a
# signature, which a forum thread repeats under every post by the same person.
_SIGNATURE_SEPARATOR = re.compile(r"^[ \t]*(?:--|—|––|__+)[ \t]*$")
_SEPARATOR_END = frozenset("-—–_ \t")  # the last character of every such line
SIGNATURE_LINES = 4
# "Jane wrote:", "Quote from Sam:", "Quoting the OP:": the next paragraph quotes an earlier post.
_QUOTE_INTRO_END = re.compile(r"\b(?:wrote|writes|said|posted)[ \t]*:[ \t]*$", re.IGNORECASE)
_QUOTE_INTRO_START = re.compile(
    r"[ \t]*(?:quote|quoting|in reply to)\b[^.!?]{0,80}:?[ \t]*$", re.IGNORECASE
)
_QUOTE_INTRO_FIRST = frozenset("qQiIİı")  # what its first letter matches, ignoring case
# Thread and mailing-list headers repeat whenever one person posts twice.
_POST_HEADER = re.compile(
    r"^[ \t]*(?:(?:originally\s+)?posted\s+(?:by|on|at)|submitted\s+by|written\s+by|last\s+edited"
    r"|edited\s+by|reply\s+#|re:|quote\s+from)\b",
    re.IGNORECASE,
)
# The line above a post in a thread: "#2 norah.b", "kettle_lad, 21:04", "norah.b said:",
# "Posted by ...". Two of them make the document a thread, which is never read as a poem.
_HANDLE = r"@?[^\W\d_][\w.-]*(?:[_\d.]|(?<=[a-z])[A-Z])[\w.-]*"
_THREAD_POST_HEADER = re.compile(
    r"^[ \t]*(?:#\d+\b.{0,60}"
    rf"|{_HANDLE}[ \t]+(?:said|wrote|writes|posted|replied)[ \t]*:?"
    r"|(?!(?:he|she|they|we|you|it|i|someone|everyone|nobody|one)\b)"
    rf"@?[^\W\d_][\w.-]{{0,40}}[ \t]+(?:said|wrote|writes|posted|replied)[ \t]*:"
    rf"|{_HANDLE}[ \t]*[,·|—–-][ \t]*"
    r"(?:\d{1,2}[:.]\d{2}|\d{1,2}[ \t]+[A-Za-z]{3}|[A-Za-z]{3,9}[ \t]+\d{1,2}\b|\d{4}-\d\d-\d\d"
    r"|\d+[ \t]+\w+[ \t]+ago|yesterday|today).{0,30})[ \t]*$",
)
THREAD_MIN_POST_HEADERS = 2
# "All:", "CHAIR:", "Leader:": in scripts, transcripts and liturgies responses repeat by design.
_SPEAKER = re.compile(r"^[ \t]*[A-Z][\w.' -]{0,30}:[ \t]+\S")
DIALOGUE_MIN_SPEAKER_LINES = 3
_SPEAKER_AT = re.compile(_SPEAKER.pattern.removeprefix("^"))  # at a line start given as pos
# Whole-text scans for line starts: a pattern after "\n" (a literal the regex engine skips to
# quickly, unlike "^" in MULTILINE mode, which it tries at every character), and at offset 0.
_QUOTE_LINE_START = re.compile(r"[^\S\n]*>")  # a line whose first non-space is ">"
_QUOTE_LINE_AFTER_NEWLINE = re.compile(r"\n[^\S\n]*>")
# Every line `_SIGNATURE_SEPARATOR` matches starts with this; every quote intro starts with the
# second (`_QUOTE_INTRO_START`), or has a colon after one of `_INTRO_VERB_END`'s verbs.
_SEPARATOR_OR_QUOTE_START = re.compile(
    r"[ \t]*(?:(?:--|—|––|__+)[ \t]*\r?(?:\n|\Z)|(?i:quot|in reply to))"
)
_SEPARATOR_OR_QUOTE_AFTER_NEWLINE = re.compile(r"\n" + _SEPARATOR_OR_QUOTE_START.pattern)
_INTRO_VERB_END = re.compile(r"(?:wrote|writes|said|posted)\Z", re.IGNORECASE)


def _may_hold_signature_or_quote_intro(text: str) -> bool:
    """A cheap necessary condition for a signature separator or a quote intro ("Jane wrote:")."""
    if _SEPARATOR_OR_QUOTE_START.match(text) or _SEPARATOR_OR_QUOTE_AFTER_NEWLINE.search(text):
        return True
    colon = text.find(":")
    while colon != -1:
        after = colon + 1
        while after < len(text) and text[after] in " \t":
            after += 1
        if after == len(text) or text[after] in "\r\n":  # the colon ends its line
            end = colon
            while end > 0 and text[end - 1] in " \t":
                end -= 1
            if _INTRO_VERB_END.search(text, max(0, end - 6), end):
                return True
        colon = text.find(":", colon + 1)
    return False


def _is_quote_intro(text: str) -> bool:
    """Whether a line introduces a quotation: "Jane wrote:" (a colon ending it after the verb,
    looked for only there), or "Quoting Sam:" at its start."""
    if text.lstrip(" \t")[:1] in _QUOTE_INTRO_FIRST and _QUOTE_INTRO_START.match(text):
        return True
    end = len(text.rstrip(" \t"))
    if end == 0 or text[end - 1] != ":":
        return False
    verb_end = len(text[: end - 1].rstrip(" \t"))
    return _QUOTE_INTRO_END.search(text, max(0, verb_end - 6)) is not None


def _line_start_rows(doc: Document, at_start: re.Pattern[str], after: re.Pattern[str]) -> list[int]:
    """Numbers of the lines that `at_start` matches at their start (`after` is the same pattern
    behind a "\n"), found without visiting every line."""
    text = doc.text
    rows = [1] if at_start.match(text) else []
    starts = doc.line_starts
    rows.extend(bisect_right(starts, m.start() + 1) for m in after.finditer(text))
    return rows


def _speaker_rows(doc: Document) -> list[int]:
    """Numbers of the lines `_SPEAKER` matches ("All: We give thanks"). Each holds a colon, and
    most documents have a few: only the lines holding one are tried."""
    text = doc.text
    starts = doc.line_starts
    rows: list[int] = []
    colon = text.find(":")
    while colon != -1:
        line_start = text.rfind("\n", 0, colon) + 1
        line_end = text.find("\n", colon)
        if _SPEAKER_AT.match(text, line_start):
            rows.append(bisect_right(starts, line_start))
        if line_end == -1:
            break
        colon = text.find(":", line_end)
    return rows


_HAS_LETTER = re.compile(r"[^\W\d_]")
# Verse: stanzas of short lines. In a poem or song the refrain is the point, not a defect.
VERSE_MAX_LINE = 80
VERSE_MEAN_LINE = 60
VERSE_SHORT_LINE = 60
VERSE_MIN_LINES = 4  # of a poem that has a single stanza
WRAP_SLACK = 15  # how much shorter than the widest line a wrapped line may be


class _Unit(NamedTuple):
    """A line, or a paragraph of several lines, that can repeat."""

    key: str
    first_line: int
    last_line: int
    is_heading: bool = False
    heading_level: int = 0


class DuplicateLineOptions(RuleOptions):
    min_length: int = Field(
        default=30, ge=1, description="shortest line, after whitespace collapsing, to compare"
    )
    min_words: int = Field(default=4, ge=1, description="fewest words a compared line must have")
    ignore_case: bool = Field(default=False, description="compare lines case-insensitively")


def _is_verse(paragraph_lines: list[Line]) -> bool:
    """A stanza: short lines of uneven length, none of them a list item, heading or table row."""
    if len(paragraph_lines) < 2:
        return False
    lengths = [len(line.text.strip()) for line in paragraph_lines]
    if max(lengths) > VERSE_MAX_LINE or sum(lengths) / len(lengths) > VERSE_MEAN_LINE:
        return False
    for line in paragraph_lines:
        shape = line_shape(line.text, normalised=False)
        if shape.is_heading or shape.is_list_item or _is_table_row(line.text):
            return False
    return not _looks_wrapped(paragraph_lines, lengths)


def _looks_wrapped(paragraph_lines: list[Line], lengths: list[int]) -> bool:
    """Prose hard-wrapped at a narrow width: every line but the last nearly full, most of them
    ending mid-phrase (verse lines mostly end with punctuation), and at least one line
    continuing the sentence of the line before in lower case."""
    width = max(lengths)
    if any(length < width - WRAP_SLACK for length in lengths[:-1]):
        return False
    punctuated = sum(1 for line in paragraph_lines[:-1] if line.text.rstrip()[-1:] in ",.;:!?")
    if punctuated * 2 >= len(paragraph_lines) - 1:
        return False
    if not any(line.text.lstrip()[:1].islower() for line in paragraph_lines[1:]):
        return False
    if _rhymes(paragraph_lines):
        return False
    # A wrapper breaks a line only when the next word does not fit on it; a verse line that
    # leaves room for the next line's first word was broken by the poet.
    for length, following in zip(lengths, paragraph_lines[1:], strict=False):
        next_word = following.text.split(maxsplit=1)[0] if following.text.strip() else ""
        if length + 1 + len(next_word) <= width:
            return False
    return True


_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")


def _rhymes(paragraph_lines: list[Line]) -> bool:
    """Whether at least half the lines end in a word rhyming with another line's last word
    (different words sharing their last two letters: "water" and "daughter", "bay" and
    "stray"). Lines wrapped at a width end on whatever word was there."""
    endings: list[str] = []
    for line in paragraph_lines:
        match = _LAST_WORD.search(line.text)
        endings.append(match.group(1).casefold() if match else "")
    # a word rhymes when another word ends in its last two letters: two different words of
    # two letters or more end in them (counted once per ending, so a long stanza costs
    # linear time)
    words_ending_in: dict[str, set[str]] = {}
    for word in endings:
        if len(word) >= 2:
            words_ending_in.setdefault(word[-2:], set()).add(word)
    rhyming = sum(1 for word in endings if len(word) >= 2 and len(words_ending_in[word[-2:]]) > 1)
    return rhyming * 2 >= len(endings)


def _parallel(sections: list[str | None], first: int, repeat: int) -> bool:
    """Whether two lines sit in differently titled Markdown sections ("First tray", "Second
    tray"): templated sections repeat their steps on purpose."""
    a, b = sections[first], sections[repeat]
    return a is not None and b is not None and a != b and first != repeat


_TAIL_NOISE = str.maketrans("", "", "*_~")
TAIL_WORDS = 2  # the fast path of `_tail` checks two words


def _tail(text: str, ignore_case: bool) -> str:
    """The last two words of a line, without emphasis marks or a leading ">",
    as a cheap signature: lines with equal comparison keys have equal tails, so a line whose
    tail no other line shares cannot repeat and needs no key.

    A key only drops Markdown markers and emphasis from a line and collapses its spaces, so its
    words are the line's last words. Markers ("#", "-", "1.") have no letter: the tail leaves
    out a second-to-last word without a letter at either end, so a line whose key is a single
    word still shares the tail of its key."""
    parts = text.rsplit(None, TAIL_WORDS)
    if len(parts) > TAIL_WORDS:
        _, before, last = parts
        if ignore_case:
            before, last = before.casefold(), last.casefold()
        if not ("*" in before or "_" in before or "~" in before or before[0] == ">") and not (
            "*" in last or "_" in last or "~" in last or last[0] == ">"
        ):
            # no emphasis mark and no leading ">" in the last two words: they are the tail
            return f"{before} {last}" if before[0].isalpha() or before[-1].isalpha() else last
    words: list[str] = []
    for word in reversed(text.split()):
        word = word.translate(_TAIL_NOISE).lstrip(">")
        if word:
            words.insert(0, word)
            if len(words) == TAIL_WORDS:
                break
    if not words:
        return ""
    if ignore_case:
        words = [word.casefold() for word in words]
    if len(words) == 2:
        before = words[0]
        if before[0].isalpha() or before[-1].isalpha():
            return f"{before} {words[1]}"
    return words[-1]


# A line starting with one of these may have Markdown markers that `line_shape` takes off.
_MARKUP_START = frozenset(">#-*+•◦▪_~")


def _may_have_markers(text: str) -> bool:
    """Whether `line_shape` may take something off a line: indentation, Markdown markers or
    emphasis. A line that starts with a letter or punctuation other than markup and ends with
    neither emphasis nor space has nothing to take off."""
    first, last = text[:1], text[-1:]
    return (
        first in _MARKUP_START
        or first.isspace()
        or first.isdigit()
        or last in _EMPHASIS_END
        or last.isspace()
    )


def _comparison_key(text: str, ignore_case: bool) -> str:
    """The key a line is compared on: its text without indentation, Markdown markers and
    emphasis (`line_shape(text).bare`), whitespace collapsed."""
    if _may_have_markers(text):
        text = line_shape(text, normalised=False).bare
    key = " ".join(text.split())
    return key.casefold() if ignore_case else key


def _head(text: str, ignore_case: bool) -> str:
    """The first word of a line's comparison key, without a join of the whole line when the
    line has no markers to take off."""
    if _may_have_markers(text):
        return _comparison_key(text, ignore_case).split(" ", 1)[0]
    word = text.split(None, 1)[0]
    return word.casefold() if ignore_case else word


def _paragraphs_may_repeat(multi_line: list[Paragraph], ignore_case: bool) -> bool:
    """Whether two paragraphs of several lines have one key (their words, whitespace
    collapsed): a repeated paragraph is compared whole."""
    if len(multi_line) < 2:
        return False
    keys = [" ".join(p.text.split()) for p in multi_line]
    if ignore_case:
        keys = [key.casefold() for key in keys]
    return len(set(keys)) != len(keys)


def _last_word(text: str, ignore_case: bool) -> str:
    """The last word of a line's `_tail`: a function of its key too."""
    return _tail(text, ignore_case).rsplit(" ", 1)[-1]


_T = TypeVar("_T")


def _sharing(items: list[_T], signatures: Sequence[Hashable]) -> list[_T]:
    """The items whose signature (in the same order) another item has too."""
    counts = Counter(signatures)
    return [
        item for item, signature in zip(items, signatures, strict=True) if counts[signature] > 1
    ]


_EMPHASIS_END = frozenset("*_~")
_BULLETS = frozenset("-*+•◦▪")
_BULLETS_OR_INDENT = _BULLETS | {" ", "\t"}


def _is_bullet_item(text: str) -> bool:
    """A bulleted list item ("- milk"): never compared, checklists repeat items on purpose."""
    head = text.lstrip(" \t")
    return head[:1] in _BULLETS and head[1:2] in (" ", "\t")


def _is_table_row(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("|") or stripped.count("|") >= 2 or "\t" in stripped


class DuplicateLine(Rule):
    """A line, heading or paragraph repeated inside the same document.

    ## What it does
    Finds a paragraph, a heading or a single line that appears again later in the document and
    reports the repeat, naming the line of the first occurrence. A repeated multi-line paragraph
    is reported once, at its first line. Lines are compared exactly after collapsing whitespace
    (and Markdown heading markers and emphasis), case-sensitively unless `ignore-case` is set.

    Only lines of at least `min-length` characters and `min-words` words are compared, so
    "Q:", "A:", "- Yes", "Answer" and separators such as `---` never count. Repetition by
    design is skipped:
    - code blocks, front matter, Markdown tables and tab-separated rows;
    - list items (checklists repeat items on purpose);
    - block quotes and the paragraph after "Jane wrote:" (a reply quoting an earlier post),
      signatures after a `--` line, and thread headers ("Posted by ... on ..."); but a line
      repeated at once there (the next line, or the first line of the next paragraph) is a
      double submit and is reported, since "name said:" may head a post, not a quotation;
    - identical Markdown headings of level 2 to 6 (a changelog's repeated "### Bug fixes"),
      and lines repeated in differently titled Markdown sections ("## First tray" and
      "## Second tray" both saying "Bake for 12 minutes"); a repeated `#` title is reported;
    - speaker lines ("All: We give thanks ...") when the document is a script, transcript or
      liturgy (three or more speaker-labelled lines);
    - in a poem or song (most lines in stanzas of short lines) the refrains: repeated
      stanzas and repeated short lines, even sung twice in a row. A paragraph of short lines
      is prose wrapped at a width, not a stanza, only when its lines are all nearly as long
      as the widest, mostly unpunctuated, continue in lower case, do not rhyme, and none
      leaves room for the next line's first word. A thread (two or more post headers: "#2
      name", "name, 21:04", "name said:", "Posted by ...") is never read as a poem;
    - boilerplate lines: BP001 reports those.

    ## Why is this bad?
    A repeated paragraph is almost always a scraping or concatenation accident: the headline
    printed twice, a paragraph duplicated by a pagination join, a pull quote pasted back into
    the body. It inflates the document and teaches a model to repeat itself.

    ## Example
    ```text
    Council approves new budget for city parks

    Council approves new budget for city parks

    The council voted 7-2 on Tuesday to fund three new playgrounds.
    ```
    Keep one copy of the headline.

    ## Fix safety
    Unsafe: the fix deletes the repeated line or paragraph (with its line endings). Which copy
    is the accident is a guess, and a repeat can be deliberate emphasis, so review first.

    ## Options
    - `min-length` (default `30`): the shortest line, in characters after collapsing
      whitespace, that is compared.
    - `min-words` (default `4`): the fewest words a compared line must have.
    - `ignore-case` (default `false`): compare lines case-insensitively.
    """

    code = "DUP001"
    name = "duplicate-line"
    family = "duplicates"
    default_severity = Severity.WARNING
    fix_availability = FixAvailability.UNSAFE
    Options = DuplicateLineOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, DuplicateLineOptions)
        paragraphs = doc.paragraphs
        if len(paragraphs) == 0 or (len(paragraphs) == 1 and "\n" not in paragraphs[0].text):
            return
        lines = doc.lines
        # Every finding needs two lines, or two paragraphs of several lines, with one key: most
        # documents have neither, whatever is left out of comparisons below, and stop here.
        multi_line = [p for p in paragraphs if p.first_line != p.last_line]
        sharing = self._lines_sharing_a_key(lines, paragraphs, multi_line, options)
        if not sharing and not _paragraphs_may_repeat(multi_line, options.ignore_case):
            return
        skipped, quoted = self._skipped_lines(doc)
        verse_lines = self._verse_lines(doc)
        excluded = skipped | verse_lines
        compared = [lines[n - 1] for n in sorted(sharing - excluded)]
        keys = [_comparison_key(line.text, options.ignore_case) for line in compared]
        candidates = {line.number for line in _sharing(compared, keys)}
        sections: list[str | None] | None = None  # computed for the first repeat found

        def parallel(first: int, repeat: int) -> bool:
            nonlocal sections
            if sections is None:
                sections = self._sections(doc)
            return _parallel(sections, first, repeat)

        first_paragraph: dict[str, tuple[int, int]] = {}
        first_line: dict[str, _Unit] = {}
        reported: set[int] = set()
        for paragraph in paragraphs:
            if (
                paragraph.first_line == paragraph.last_line
                and paragraph.first_line not in candidates
            ):
                continue  # one line that cannot repeat: nothing below would happen
            members = [
                lines[n - 1]
                for n in range(paragraph.first_line, paragraph.last_line + 1)
                if n not in skipped
            ]
            if not members:
                continue
            if len(members) > 1 and len(members) == paragraph.last_line - paragraph.first_line + 1:
                if paragraph.first_line in verse_lines:
                    continue
                key = self._key(" ".join(line.text for line in members), options)
                earlier = first_paragraph.get(key)
                if (
                    earlier is not None
                    and self._long_enough(key, options)
                    and not parallel(earlier[0], paragraph.first_line)
                ):
                    reported.update(range(paragraph.first_line, paragraph.last_line + 1))
                    yield self._paragraph_finding(doc, paragraph, earlier)
                    continue
                first_paragraph.setdefault(key, (paragraph.first_line, paragraph.last_line))
            for line in members:
                if line.number in verse_lines:
                    continue
                if line.number not in candidates:
                    continue  # no other line can have its key: it cannot repeat or be repeated
                unit = self._line_unit(line, options)
                if unit is None:
                    continue
                earlier_unit = first_line.get(unit.key)
                if earlier_unit is None:
                    first_line[unit.key] = unit
                elif not (
                    unit.is_heading
                    and unit.heading_level > 1
                    and unit.heading_level == earlier_unit.heading_level
                ) and not parallel(earlier_unit.first_line, line.number):
                    reported.add(line.number)
                    yield self._line_finding(doc, line, earlier_unit.first_line)
        if quoted:
            yield from self._doubled_in_quotes(doc, skipped, quoted, verse_lines, reported)

    def _doubled_in_quotes(
        self,
        doc: Document,
        skipped: set[int],
        quoted: set[int],
        verse: set[int],
        reported: set[int],
    ) -> Iterator[Finding]:
        """A line after "name said:" is not compared with the rest of the document (it may
        quote an earlier post), but the same line twice in a row there, or right after it, is a
        double submit: what "said:" introduces may be a post of its own, not a quotation."""
        options = self.options
        assert isinstance(options, DuplicateLineOptions)
        lines = doc.lines

        def comparable(number: int) -> bool:  # non-blank, and not left out of comparisons
            text = lines[number - 1].text
            return bool(text) and not text.isspace() and (number not in skipped or number in quoted)

        def previous_of(number: int) -> int | None:
            """The non-blank line before, if it is the next line or the one after a blank."""
            for before in (number - 1, number - 2):
                if before < 1:
                    return None
                text = lines[before - 1].text
                if text and not text.isspace():
                    return before if before not in skipped or before in quoted else None
            return None

        units: dict[int, _Unit | None] = {}  # each line's unit, computed once

        def unit_of(number: int) -> _Unit | None:
            if number not in units:
                units[number] = self._line_unit(lines[number - 1], options)
            return units[number]

        # a quoted line, or one of the two after it: the only lines compared with the line before
        around = sorted({n + d for n in quoted for d in (0, 1, 2) if n + d <= len(lines)})
        for number in around:
            if not comparable(number) or number in reported or number in verse:
                continue
            before = previous_of(number)
            if before is None or (number not in quoted and before not in quoted):
                continue
            if _tail(lines[number - 1].text, options.ignore_case) != _tail(
                lines[before - 1].text, options.ignore_case
            ):
                continue  # equal keys have equal tails
            unit, earlier = unit_of(number), unit_of(before)
            if unit is not None and earlier is not None and unit.key == earlier.key:
                yield self._line_finding(doc, lines[number - 1], before)

    # -- what is compared --------------------------------------------------------------------
    @staticmethod
    def _lines_sharing_a_key(
        lines: list[Line],
        paragraphs: list[Paragraph],
        multi_line: list[Paragraph],
        options: DuplicateLineOptions,
    ) -> set[int]:
        """Numbers of the lines that could be compared (long enough, not a list item) and share
        their comparison key with another such line.

        A key costs a split and a join of the whole line, so lines are narrowed down first by
        signatures that equal keys imply: their last word, then their last and first words
        (templated prose shares its endings: "... for me.")."""
        min_length, ignore_case = options.min_length, options.ignore_case
        # One-line paragraphs, then the lines of longer ones: both have their line number
        # first and a `text`, and no new object is built for them.
        compared: list[Paragraph | Line] = [
            paragraph
            for paragraph in paragraphs
            if paragraph.first_line == paragraph.last_line
            and len(paragraph.text) >= min_length
            and (paragraph.text[0] not in _BULLETS_OR_INDENT or not _is_bullet_item(paragraph.text))
        ]
        for paragraph in multi_line:
            compared.extend(
                line
                for line in lines[paragraph.first_line - 1 : paragraph.last_line]
                if len(line.text) >= min_length and not _is_bullet_item(line.text)
            )
        last_words = [item.text.rsplit(None, 1)[-1] for item in compared]
        joined = " ".join(last_words)
        if "*" in joined or "_" in joined or "~" in joined or ">" in joined:
            # emphasis marks or a ">" to take off: word by word
            last_words = [_last_word(item.text, ignore_case) for item in compared]
        elif ignore_case:
            last_words = [word.casefold() for word in last_words]
        if len(set(last_words)) == len(last_words):
            return set()  # the usual document: no two lines end with the same word
        counts = Counter(last_words)
        ends = [
            (item, word)
            for item, word in zip(compared, last_words, strict=True)
            if counts[word] > 1
        ]
        compared = _sharing(
            [item for item, _ in ends],
            [(word, _head(item.text, ignore_case)) for item, word in ends],
        )
        if compared:
            compared = _sharing(
                compared, [_comparison_key(item.text, ignore_case) for item in compared]
            )
        return {item[0] for item in compared}

    @staticmethod
    def _key(text: str, options: DuplicateLineOptions) -> str:
        key = " ".join(text.split())
        return key.casefold() if options.ignore_case else key

    @staticmethod
    def _long_enough(key: str, options: DuplicateLineOptions) -> bool:
        return (
            len(key) >= options.min_length
            and key.count(" ") + 1 >= options.min_words
            and _HAS_LETTER.search(key) is not None
        )

    def _line_unit(self, line: Line, options: DuplicateLineOptions) -> _Unit | None:
        text = line.text
        if len(text) < options.min_length:
            return None
        shape = line_shape(text, normalised=False)
        if shape.is_list_item or _is_table_row(text) or _POST_HEADER.match(text):
            return None
        key = self._key(shape.bare, options)
        if not self._long_enough(key, options):
            return None
        level = len(text.lstrip()) - len(text.lstrip().lstrip("#")) if shape.is_heading else 0
        return _Unit(key, line.number, line.number, shape.is_heading, level)

    @staticmethod
    def _skipped_lines(doc: Document) -> tuple[set[int], set[int]]:
        """Lines never compared with the rest of the document: code, front matter, quotes,
        signatures, boilerplate; and, among them, the lines after "name said:"."""
        skipped: set[int] = set(doc.analysis(markdown_regions).code_lines)
        skipped.update(doc.analysis(default_boilerplate_lines))
        lines = doc.lines
        front = doc.front_matter
        if front is not None:  # the lines that start inside it
            skipped.update(range(1, bisect_left(doc.line_starts, front.end) + 1))
        text = doc.text
        if not _may_hold_signature_or_quote_intro(text):
            # no signature and no "Jane wrote:": only block quotes and a script's speaker
            # lines are skipped, found by scanning the text instead of line by line
            if ">" in text:
                skipped.update(_line_start_rows(doc, _QUOTE_LINE_START, _QUOTE_LINE_AFTER_NEWLINE))
            speakers = _speaker_rows(doc) if ":" in text else []
            if len(speakers) >= DIALOGUE_MIN_SPEAKER_LINES:
                skipped.update(speakers)
            return skipped, set()
        speakers = _speaker_rows(doc) if ":" in text else []
        speaker_rows = set(speakers) if len(speakers) >= DIALOGUE_MIN_SPEAKER_LINES else set()
        quoted: set[int] = set()
        quoting = False  # inside the paragraph after "Jane wrote:"
        seen_text_after_intro = False
        signature_left = 0
        for line in lines:
            text = line.text
            if not text or text.isspace():
                if quoting and seen_text_after_intro:
                    quoting = False
                signature_left = 0  # a signature is one block: the next post follows a blank
                continue
            if signature_left:
                skipped.add(line.number)
                signature_left -= 1
                continue
            if text[-1] in _SEPARATOR_END and _SIGNATURE_SEPARATOR.match(text):
                signature_left = SIGNATURE_LINES
                continue
            if quoting:
                skipped.add(line.number)
                quoted.add(line.number)
                seen_text_after_intro = True
                continue
            if text.lstrip().startswith(">") or line.number in speaker_rows:
                skipped.add(line.number)
            elif len(text) < 120 and _is_quote_intro(text):
                quoting, seen_text_after_intro = True, False
        return skipped, quoted

    @staticmethod
    def _sections(doc: Document) -> list[str | None]:
        """For each line (index = line number), the text of the Markdown heading above it."""
        text = doc.text
        if "#" not in text or not (text.startswith("#") or "\n#" in text):
            return [None] * (len(doc.lines) + 1)  # no line starts with "#": no heading
        sections: list[str | None] = [None]
        current: str | None = None
        code = doc.analysis(markdown_regions).code_lines
        for line in doc.lines:
            if line.text.startswith("#") and line.number not in code:
                shape = line_shape(line.text, normalised=False)
                if shape.is_heading:
                    current = " ".join(shape.bare.split())
            sections.append(current)
        return sections

    @staticmethod
    def _verse_lines(doc: Document) -> set[int]:
        """In a poem or song: the lines of its stanzas and its short one-line paragraphs."""
        lines = doc.lines
        paragraphs = doc.paragraphs
        sizes = [paragraph.last_line - paragraph.first_line + 1 for paragraph in paragraphs]
        content_count = sum(sizes)
        if (content_count - sizes.count(1)) * 2 < content_count:
            return set()  # stanzas (two lines or more) cannot hold half the lines, as below
        stanzas: list[Paragraph] = []
        verse_count = 0
        for paragraph in paragraphs:
            if paragraph.first_line == paragraph.last_line:
                continue  # a stanza has two lines or more
            members = lines[paragraph.first_line - 1 : paragraph.last_line]
            if _is_verse(members):
                stanzas.append(paragraph)
                verse_count += len(members)
        # One couplet does not make a poem (a headline printed twice looks like one).
        poem = len(stanzas) >= 2 or (stanzas and verse_count >= VERSE_MIN_LINES)
        if not poem:
            return set()
        if verse_count * 2 < content_count:
            return set()
        singles = [
            paragraph
            for paragraph in paragraphs
            if paragraph.first_line == paragraph.last_line
            and len(lines[paragraph.first_line - 1].text.strip()) <= VERSE_SHORT_LINE
        ]
        headers = 0
        for line in lines:
            text = line.text
            if len(text) <= 80 and (_THREAD_POST_HEADER.match(text) or _POST_HEADER.match(text)):
                headers += 1
                if headers >= THREAD_MIN_POST_HEADERS:
                    return set()  # a thread: its short posts are not stanzas
        return {
            number
            for paragraph in [*stanzas, *singles]
            for number in range(paragraph.first_line, paragraph.last_line + 1)
        }

    # -- findings ------------------------------------------------------------------------------
    def _line_finding(self, doc: Document, line: Line, first: int) -> Finding:
        end = line.end + len(line.ending)
        fix = self.replacement(
            doc, line.start, end, "", safe=False, message="Remove the repeated line"
        )
        message = f"Duplicate line: repeats line {first}"
        return self.report(doc, line.start, end, message, fix=fix)

    def _paragraph_finding(
        self, doc: Document, paragraph: Paragraph, earlier: tuple[int, int]
    ) -> Finding:
        last = doc.lines[paragraph.last_line - 1]
        end = last.end + len(last.ending)
        fix = self.replacement(
            doc, paragraph.start, end, "", safe=False, message="Remove the repeated paragraph"
        )
        message = f"Duplicate paragraph: repeats lines {earlier[0]}-{earlier[1]}"
        return self.report(doc, paragraph.start, end, message, fix=fix)


class DuplicateDocumentOptions(RuleOptions):
    threshold: float = Field(default=0.8, gt=0.0, le=1.0)
    shingle_words: int = Field(default=5, ge=1, le=20)
    num_perm: int = Field(default=128, ge=16, le=1024)
    min_words: int = Field(default=10, ge=1)
    near: bool = True


def _document_label(item: CorpusItem) -> str:
    if item.record is None:
        return item.filename
    label = f"{item.filename}:#{item.record.index}"
    return label + (f"[id={item.record.id}]" if item.record.id is not None else "")


class DuplicateDocument(CorpusRule):
    """A document repeats another document of the corpus, exactly or nearly.

    ## What it does
    Compares every document with every earlier one (files in path order, records in file
    order). A document whose normalised words (Unicode NFKC, case-folded, punctuation and
    spacing ignored) equal an earlier one's is an exact duplicate. Otherwise its set of word
    5-grams is compared through MinHash signatures and locality-sensitive hashing, and a
    document whose estimated Jaccard similarity to an earlier original reaches the threshold
    (0.8 by default) is a near duplicate. Each later copy is reported at 1:1 with the path
    (and record) of the first one and the estimated similarity; the first is not reported.

    ## Why is this bad?
    Duplicates inflate a corpus, overweight what they repeat when a model is trained on it,
    and leak between training and evaluation splits.

    ## Example
    `shard-002.jsonl:#88[id=b7]:1:1: DUP002 Near duplicate of shard-001.jsonl:#12[id=a3]
    (estimated similarity 0.91)`

    Keep one copy of each document.

    ## Fix safety
    No fix: which copy to keep is a decision about the corpus, not about a file.

    ## Options
    - `threshold` (default 0.8): estimated Jaccard similarity of word n-gram sets at which a
      document is a near duplicate.
    - `shingle-words` (default 5): n of the word n-grams.
    - `num-perm` (default 128): MinHash permutations; more is more precise and slower.
    - `min-words` (default 10): shorter documents are left out.
    - `near` (default true): false finds exact duplicates only, at a lower cost.
    """

    code = "DUP002"
    name = "duplicate-document"
    family = "duplicates"
    default_severity = Severity.WARNING
    fix_availability = FixAvailability.NONE
    Options = DuplicateDocumentOptions

    def signature(self, doc: Document) -> dict[str, str | int | None] | None:
        options = self.options
        text = doc.text
        if doc.front_matter is not None:
            text = text[doc.front_matter.end :]
        from lint import minhash  # imports NumPy: only runs that check duplicates pay for it

        words = minhash.text_words(text)
        if words.count < options.min_words:
            return None
        near = None
        if options.near:
            signature = minhash.minhash(words.hashes, options.shingle_words, options.num_perm)
            near = minhash.encode_signature(signature)
        return {"exact": words.exact, "minhash": near, "words": words.count}

    def reducer(self) -> DuplicateDocumentReducer:
        return DuplicateDocumentReducer(self)

    def reduce(self, items: Sequence[CorpusItem]) -> Iterator[Finding]:
        reducer = self.reducer()
        for item in items:
            reducer.add(item)
        return iter(reducer.findings())


class DuplicateDocumentReducer(CorpusReducer):
    """DUP002's reduce step, for corpora of millions of documents: each signature is kept
    as raw bytes in growing buffers (about 4 × num-perm + 40 bytes a document, instead of
    a kilobyte of Python objects), and the comparison runs over all of them at the end."""

    def __init__(self, rule: DuplicateDocument):
        super().__init__(rule)
        self.options = rule.options
        self._files: dict[str, int] = {}
        self._file_of = array("i")
        self._record_index = array("q")  # -1: not a record
        self._record_id: list[str | None] = []
        self._exact = bytearray()  # 16 bytes a document
        self._near = array("b")  # 1: has a MinHash signature
        self._signatures = bytearray()  # 4 × num_perm bytes a document with one
        self._filenames: list[str] = []  # by file number, filled when findings are made

    def add(self, item: CorpusItem) -> None:
        signature = item.signature
        self._file_of.append(self._files.setdefault(item.filename, len(self._files)))
        self._record_index.append(-1 if item.record is None else item.record.index)
        self._record_id.append(None if item.record is None else item.record.id)
        self._exact += bytes.fromhex(signature["exact"])
        near = signature.get("minhash")
        self._near.append(near is not None)
        if near is not None:
            self._signatures += base64.b64decode(near)

    def _item(self, position: int) -> CorpusItem:
        index = self._record_index[position]
        record = None if index < 0 else RecordRef(index=index, id=self._record_id[position])
        return CorpusItem(self._filenames[self._file_of[position]], record, None)

    def findings(self) -> Iterator[Finding]:
        import numpy as np

        from lint import minhash  # imports NumPy: only runs that check duplicates pay for it

        rule = self.rule
        assert isinstance(rule, DuplicateDocument)
        count = len(self._file_of)
        if count == 0:
            return
        self._filenames = list(self._files)
        exact = np.frombuffer(bytes(self._exact), dtype=np.dtype((np.void, 16)))
        _, first_of_key, key_of = np.unique(exact, return_index=True, return_inverse=True)
        first = first_of_key[key_of.ravel()]  # the first document with each one's words
        messages: dict[int, str] = {}
        for position in np.flatnonzero(first != np.arange(count)).tolist():
            label = _document_label(self._item(int(first[position])))
            messages[position] = f"Exact duplicate of {label} (similarity 1.00)"
        has_near = np.frombuffer(bytes(self._near), dtype=np.int8).astype(bool)
        signatures = np.frombuffer(bytes(self._signatures), dtype="<u4")
        signatures = signatures.reshape(int(has_near.sum()), self.options.num_perm)
        eligible = has_near & (first == np.arange(count))
        rows = np.flatnonzero(eligible[has_near])  # rows of `signatures` still in the running
        positions = np.flatnonzero(eligible)
        matches = minhash.near_duplicates(signatures[rows], self.options.threshold)
        for later, (earlier, score) in matches.items():
            label = _document_label(self._item(int(positions[earlier])))
            messages[int(positions[later])] = (
                f"Near duplicate of {label} (estimated similarity {score:.2f})"
            )
        for position in sorted(messages):
            yield rule.report_document(self._item(position), messages[position])


RULES = [DuplicateLine, DuplicateDocument]
