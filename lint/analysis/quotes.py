"""The shared quotation analysis: every quotation of a document, what it is, and who said it.

`doc.quotes` (computed once per document, on first use) is `analyse_quotes(doc)` with the default
lexicon; a rule or plugin with its own speech verbs or anonymous sources calls
`quote_analysis(doc, lexicon)`, memoised per document and lexicon. Public API for plugins:

- `QuoteAnalysis.quotations`: `Quotation`s sorted by opening mark; nested ones follow their
  parent and lie inside it (`depth`, `parent`). Each has its marks, the paragraphs it spans, its
  `kind` (speech / scare / title / term) and, for speech, an `Attribution` (speaker span, cue
  span, where it was found, whether it is anonymous) or None. Scare quotes, titles and terms need
  no speaker, so none is sought for them (their `attribution` is None).
- `QuoteAnalysis.unmatched`: `UnmatchedMark`s, marks that open a quotation never closed or close
  one never opened (the multi-paragraph convention is not unmatched).
  `QuoteAnalysis.open_at_end(offset)` is the unclosed mark still open where a text ends (what a
  truncation rule asks: does the document end inside a quotation?).
- `QuoteAnalysis.block_quotes`: runs of `>` lines. They are quotations by format: their
  attribution is not checked (they are often excerpts or forum quoting whose source is a line
  above), and quotations inside them count as nested, already reported words.
- `QuoteAnalysis.unmarked_speech`: `UnmarkedSpeech`, a line or paragraph ending `She said:` or
  `He said,` followed by words with no quotation marks (computed on first use).

Markdown code (fenced, indented, inline) and HTML comments are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from lint.analysis.markdown import markdown_regions
from lint.analysis.quote_attribution import (
    Attribution,
    AttributionKind,
    QuoteContext,
    QuoteKind,
    SpeakerKind,
    Subject,
    attribute_after,
    attribute_before,
    attribute_dash,
    build_frozen,
    classify,
    colon_lead,
    ends_with_attribution,
    is_anonymous,
    last_sentence_start,
    more_words_than,
    sentence_boundaries,
    subject_before,
    words_in,
)
from lint.analysis.quote_index import ParagraphIndex
from lint.analysis.quote_lexicon import DEFAULT_LEXICON, QuoteLexicon
from lint.analysis.quote_marks import (
    MARK_PATTERN,
    UnmatchedMark,
    block_quote_spans,
    find_marks,
    pair_marks,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from lint.document import Document

__all__ = [
    "DEFAULT_LEXICON",
    "Attribution",
    "AttributionKind",
    "BlockQuote",
    "Quotation",
    "QuoteAnalysis",
    "QuoteKind",
    "QuoteLexicon",
    "SpeakerKind",
    "UnmarkedSpeech",
    "UnmatchedMark",
    "analyse_quotes",
    "quote_analysis",
]


@dataclass(frozen=True)
class Quotation:
    """One quotation: from its opening mark to its closing mark (both offsets into the text).

    `opens` lists the opening mark and, for a quotation running over several paragraphs, the
    mark opening each later paragraph; `close` is the closing mark, so the quotation spans
    `start` (= opens[0]) to `end` (= close + 1). `paragraphs` are indices into
    `doc.paragraphs`. `depth` is 0 for a top-level quotation; a nested one has its parent's index
    in `parent`. `kind` says whether it needs a speaker; `attribution` is who said it (None for
    scare quotes, titles, terms, nested quotations, quotations in block quotes, and when no
    speaker was found).
    `words` counts the words inside.
    """

    index: int
    opens: tuple[int, ...]
    close: int
    paragraphs: tuple[int, ...]
    depth: int
    parent: int | None
    kind: QuoteKind
    words: int
    attribution: Attribution | None
    in_block_quote: bool

    @property
    def start(self) -> int:
        return self.opens[0]

    @property
    def end(self) -> int:
        return self.close + 1

    @property
    def content(self) -> tuple[int, int]:
        """Offsets of the quoted words, without the outer marks."""
        return self.opens[0] + 1, self.close

    @property
    def needs_attribution(self) -> bool:
        """A top-level spoken or written quotation outside block quotes."""
        return self.kind is QuoteKind.SPEECH and self.depth == 0 and not self.in_block_quote


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A run of `>` lines: a quotation by format. Offsets of its first and last character."""

    start: int
    end: int


@dataclass(frozen=True)
class UnmarkedSpeech:
    """`She said:` ending a line or paragraph, then words with no quotation marks.

    `cue` is the speech verb, `speaker` its subject, `words` the (start, end) of the first line of
    the reported words (where the opening mark is missing).
    """

    cue: tuple[int, int]
    speaker: tuple[int, int]
    words: tuple[int, int]


@dataclass(eq=False)
class QuoteAnalysis:
    """Quotations, unmatched marks and block quotes of one document (see the module doc)."""

    quotations: tuple[Quotation, ...] = ()
    unmatched: tuple[UnmatchedMark, ...] = ()
    block_quotes: tuple[BlockQuote, ...] = ()
    _doc: Document | None = field(default=None, repr=False)
    _lexicon: QuoteLexicon = field(default=DEFAULT_LEXICON, repr=False)

    @cached_property
    def unmarked_speech(self) -> tuple[UnmarkedSpeech, ...]:
        if self._doc is None:
            return ()
        return find_unmarked_speech(self._doc, self._lexicon, self)

    def speaker_text(self, text: str, quotation: Quotation) -> str | None:
        """The words of a quotation's speaker, whitespace collapsed (None if unattributed)."""
        attribution = quotation.attribution
        if attribution is None or attribution.speaker is None:
            return None
        return " ".join(text[attribution.speaker[0] : attribution.speaker[1]].split())

    def open_at_end(self, offset: int) -> UnmatchedMark | None:
        """The quotation mark left open at `offset`, the end of a text (a document's last
        sentence, for TRN001), or None.

        That is an unclosed mark (see `unmatched`) in the paragraph holding the text just before
        `offset`, and before `offset`. Pairing already knows every kind of mark (German „…“ and
        »…«, guillemets, British single marks), apostrophes and primes, code, and the
        multi-paragraph convention, so a caller need not count marks itself."""
        if self._doc is None or offset <= 0:
            return None
        unclosed = [m for m in self.unmatched if m.problem == "unclosed" and m.offset < offset]
        if not unclosed:
            return None
        paragraphs = self._doc.paragraphs
        index = bisect_right([p.start for p in paragraphs], offset - 1) - 1
        if index < 0 or offset - 1 >= paragraphs[index].end:
            return None
        mark = unclosed[-1]
        return mark if mark.offset >= paragraphs[index].start else None

    def inside_quotation(self, offset: int) -> bool:
        """Whether `offset` lies inside a top-level quotation."""
        starts = self._top_level_starts
        index = bisect_right(starts, offset) - 1
        return index >= 0 and offset < self._top_level[index].end

    @cached_property
    def _top_level(self) -> list[Quotation]:
        return [q for q in self.quotations if q.depth == 0]

    @cached_property
    def _top_level_starts(self) -> list[int]:
        return [q.start for q in self._top_level]


# -- memoisation ------------------------------------------------------------------------------
_ANALYSERS: dict[QuoteLexicon, Callable[[Document], QuoteAnalysis]] = {}


def quote_analysis(doc: Document, lexicon: QuoteLexicon = DEFAULT_LEXICON) -> QuoteAnalysis:
    """The analysis for `lexicon`, computed once per document (the default one is `doc.quotes`)."""
    if lexicon is DEFAULT_LEXICON or lexicon == DEFAULT_LEXICON:
        return doc.quotes
    analyser = _ANALYSERS.get(lexicon)
    if analyser is None:

        def analyser(document: Document) -> QuoteAnalysis:
            return analyse_quotes(document, lexicon)

        _ANALYSERS[lexicon] = analyser
    return doc.analysis(analyser)


# -- the analysis -----------------------------------------------------------------------------
_SPAN = attrgetter("start", "end")


def analyse_quotes(doc: Document, lexicon: QuoteLexicon = DEFAULT_LEXICON) -> QuoteAnalysis:
    text = doc.text
    blocks = tuple(BlockQuote(s, e) for s, e in block_quote_spans(text))
    marks = find_marks(text)
    if not marks:
        return QuoteAnalysis(block_quotes=blocks, _doc=doc, _lexicon=lexicon)
    regions = doc.analysis(markdown_regions)
    skip = _marks_inside(marks, regions.skipped) if regions.skipped else set()
    spans = list(map(_SPAN, doc.paragraphs))

    def paragraph_ends_with_attribution(start: int, end: int) -> bool:
        return ends_with_attribution(text, start, end, lexicon)

    pairing = pair_marks(text, marks, spans, skip, paragraph_ends_with_attribution)
    index = ParagraphIndex(text, spans, lexicon, sentence_boundaries)
    quotations = _build(text, pairing.quotes, spans, blocks, index)
    return QuoteAnalysis(tuple(quotations), tuple(pairing.unmatched), blocks, doc, lexicon)


def _marks_inside(marks: list[tuple[int, str]], spans: list[tuple[int, int]]) -> set[int]:
    """Offsets of the marks (sorted) inside any of `spans` (code, comments): the few spans
    bisect the marks, rather than each mark the spans."""
    offsets = [offset for offset, _ in marks]
    inside: set[int] = set()
    for start, end in spans:
        inside.update(offsets[bisect_left(offsets, start) : bisect_left(offsets, end)])
    return inside


class _Draft:
    """A quotation while it is classified and attributed (a plain class: built per quotation,
    and a dataclass's generated code costs more)."""

    __slots__ = (
        "attribution", "close", "depth", "end", "first_paragraph", "in_block", "index", "kind",
        "last_paragraph", "opens", "parent", "start", "words",
    )  # fmt: skip

    def __init__(
        self, opens: tuple[int, ...], close: int, first_paragraph: int, last_paragraph: int
    ) -> None:
        self.opens = opens
        self.close = close
        self.first_paragraph = first_paragraph
        self.last_paragraph = last_paragraph
        self.depth = 0
        self.parent: int | None = None
        self.in_block = False
        self.words = 0
        self.kind = QuoteKind.SPEECH
        self.attribution: Attribution | None = None
        self.start = opens[0]
        self.end = close + 1
        self.index = 0  # in the document's quotations, once sorted


def _build(
    text: str,
    paired: list,
    spans: list[tuple[int, int]],
    blocks: tuple[BlockQuote, ...],
    lexicon: ParagraphIndex,
) -> list[Quotation]:
    drafts = [
        _Draft(q.opens, q.close, q.first_paragraph, q.last_paragraph)
        for q in sorted(paired, key=lambda q: (q.opens[0], -q.close))
    ]
    for draft in drafts:
        draft.words = words_in(text, draft.start + 1, draft.close)
    open_stack: list[int] = []
    block_starts = [b.start for b in blocks]
    for index, draft in enumerate(drafts):
        draft.index = index
        while open_stack and drafts[open_stack[-1]].end <= draft.start:
            open_stack.pop()
        if open_stack:
            draft.parent = open_stack[-1]
            draft.depth = len(open_stack)
        open_stack.append(index)
        if blocks:
            position = bisect_right(block_starts, draft.start) - 1
            draft.in_block = position >= 0 and draft.start < blocks[position].end
    top_level = [d for d in drafts if d.depth == 0 and not d.in_block]
    _attribute_all(text, top_level, drafts, spans, lexicon)
    return [
        build_frozen(
            Quotation,
            index=index,
            opens=draft.opens,
            close=draft.close,
            paragraphs=tuple(range(draft.first_paragraph, draft.last_paragraph + 1)),
            depth=draft.depth,
            parent=draft.parent,
            kind=draft.kind,
            words=draft.words,
            attribution=draft.attribution,
            in_block_quote=draft.in_block,
        )
        for index, draft in enumerate(drafts)
    ]


def _attribute_all(
    text: str,
    top_level: list[_Draft],
    drafts: list[_Draft],
    spans: list[tuple[int, int]],
    lexicon: ParagraphIndex,
) -> None:
    # Short mentions (a nickname, a handle, a scare quote) do not cut the sentence around them:
    # the tail of `“…,” Eddie “the Hawk” Brennan said` runs on to `said`.
    following_speech: list[_Draft | None] = [None] * len(top_level)
    upcoming: _Draft | None = None
    for position in range(len(top_level) - 1, -1, -1):
        following_speech[position] = upcoming
        if not _mention_like(text, top_level[position]):
            upcoming = top_level[position]
    previous: _Draft | None = None
    previous_speech: _Draft | None = None
    last_attributed: _Draft | None = None
    dialogue_paragraph = -2  # the last paragraph ending with an attributed quotation
    for position, draft in enumerate(top_level):
        following = following_speech[position]
        paragraph_start = spans[draft.first_paragraph][0]
        same_paragraph = previous is not None and previous.last_paragraph == draft.first_paragraph
        if not same_paragraph:
            last_attributed = None
        region_start = paragraph_start
        if previous_speech is not None and previous_speech.last_paragraph == draft.first_paragraph:
            region_start = previous_speech.end
        region_end = spans[draft.last_paragraph][1]
        if following is not None and following.first_paragraph == draft.last_paragraph:
            region_end = following.start
        head_start = lexicon.sentence_start_in(draft.first_paragraph, region_start, draft.start)
        tail_end = lexicon.sentence_end_in(draft.last_paragraph, draft.end, region_end)
        context = QuoteContext(
            start=draft.start,
            end=draft.end,
            content_start=draft.start + 1,
            content_end=draft.close,
            region_start=region_start,
            head_start=head_start,
            tail_end=tail_end,
            region_end=region_end,
            paragraph_start=paragraph_start,
            paragraph_end=spans[draft.last_paragraph][1],
            words=draft.words,
        )
        draft.kind = classify(text, context, lexicon)
        if draft.kind is QuoteKind.SPEECH:  # scare quotes, titles and terms need no speaker
            draft.attribution = _attribution(text, context, draft, last_attributed, spans, lexicon)
            if (
                draft.attribution is None
                and draft.kind is QuoteKind.SPEECH
                and dialogue_paragraph == draft.first_paragraph - 1
                and not _letters(text, paragraph_start, draft.start)
            ):
                draft.attribution = _DIALOGUE
            if draft.attribution is not None:
                last_attributed = draft
                if not _letters(text, draft.end, spans[draft.last_paragraph][1]):
                    dialogue_paragraph = draft.last_paragraph
            previous_speech = draft
        previous = draft


_MENTION_MAX_CHARS = 40


def _mention_like(text: str, draft: _Draft) -> bool:
    """A short quoted mention inside a sentence (one to three words, no closing punctuation),
    told cheaply before quotations are classified."""
    if draft.close - draft.start > _MENTION_MAX_CHARS or len(draft.opens) > 1:
        return False
    content = text[draft.start + 1 : draft.close].rstrip()
    return content[-1:] not in ".!?,;:…" and draft.words <= 3


def _attribution(
    text: str,
    ctx: QuoteContext,
    draft: _Draft,
    last_attributed: _Draft | None,
    spans: list[tuple[int, int]],
    lexicon: ParagraphIndex,
) -> Attribution | None:
    sentence = (ctx.head_start, ctx.tail_end)

    def found(kind: AttributionKind, cue: tuple[int, int] | None, subject: Subject) -> Attribution:
        return build_frozen(
            Attribution,
            kind=kind,
            speaker=(subject.start, subject.end),
            speaker_kind=subject.kind,
            cue=cue,
            anonymous=is_anonymous(text, subject, sentence, lexicon),
            source=None,
        )

    head = text[ctx.head_start : ctx.start]
    introduced = head.rstrip().endswith((":", ","))
    searches = _BEFORE_FIRST if introduced else _AFTER_FIRST
    for kind, attribute in searches:
        result = attribute(text, ctx, lexicon)
        if result is not None:
            return found(kind, result[0], result[1])
    dash = attribute_dash(text, ctx)
    if dash is not None:
        return found(AttributionKind.DASH, None, dash)
    lead = colon_lead(text, ctx.head_start, ctx.start, lexicon)
    if lead is None and not head.strip() and ctx.region_start == ctx.paragraph_start:
        lead = _previous_paragraph_lead(text, draft.first_paragraph, spans, lexicon)
    if lead is not None:
        return found(AttributionKind.COLON, None, lead)
    if last_attributed is not None and last_attributed.attribution is not None:
        carried = last_attributed.attribution
        kind = AttributionKind.CARRIED
        said_end = max(
            (span[1] for span in (carried.speaker, carried.cue) if span is not None), default=0
        )
        if (
            carried.kind is AttributionKind.AFTER
            and carried.cue is not None
            and last_attributed.end <= carried.cue[0] < ctx.start
            and not _letters(text, said_end, ctx.start)
        ):
            kind = AttributionKind.INTERRUPTING
        return build_frozen(
            Attribution,
            kind=kind,
            speaker=carried.speaker,
            speaker_kind=carried.speaker_kind,
            cue=carried.cue,
            anonymous=carried.anonymous,
            source=last_attributed.index,
        )
    if not _letters(text, ctx.head_start, ctx.start) and ctx.head_start > ctx.region_start:
        previous_start = lexicon.last_sentence_start(ctx.region_start, ctx.head_start - 1)
        if previous_start is None:
            previous_start = last_sentence_start(text, ctx.region_start, ctx.head_start - 1)
        for match in lexicon.find_cues(text, previous_start, ctx.head_start):
            if match.group("after"):
                continue
            subject = subject_before(text, previous_start, match.start(), match.group(0))
            if subject is not None:
                attribution = found(AttributionKind.PREVIOUS_SENTENCE, match.span(), subject)
                return attribution
    return None


# Where a speaker is sought first: after the quotation, unless a colon or comma introduces it.
_AFTER_FIRST = (
    (AttributionKind.AFTER, attribute_after),
    (AttributionKind.BEFORE, attribute_before),
)
_BEFORE_FIRST = _AFTER_FIRST[::-1]
_DIALOGUE = Attribution(AttributionKind.DIALOGUE, None, None, None, False)
_LETTERS = re.compile(r"[^\W\d_]")


def _letters(text: str, start: int, end: int) -> bool:
    return _LETTERS.search(text, start, end) is not None


def _previous_paragraph_lead(
    text: str, paragraph: int, spans: list[tuple[int, int]], lexicon: ParagraphIndex
) -> Subject | None:
    if paragraph == 0:
        return None
    start, end = spans[paragraph - 1]
    if not text[start:end].rstrip().endswith(":"):
        return None
    sentence_start = last_sentence_start(text, start, end)
    return colon_lead(text, sentence_start, end, lexicon)


# -- unmarked reported speech (QUO004) ----------------------------------------------------------
_LINE_END_LEAD = re.compile(r"[:,][ \t]*\r?$", re.MULTILINE)
_FILLER = re.compile(
    r"^(?:\s+(?:to|in|on|at|via|for|from|as|with|a|an|the|her|his|their|its|our|my|me|us|him|"
    r"them|you|reporters|journalists|followers|members|staff|part|full|simply|only|bluntly|"
    r"follows|statement|post|letter|email|interview|message|video|tweet|thread|blog|speech|"
    r"online|later|then|once|again|back|afterwards|[A-Z][\w’'-]*))*\s*$"
)
_OPENING = set("\"“„«»‘'‹›「『—–―(")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•·▪◦]|\d{1,3}[.)]|[a-z][.)])\s")


def find_unmarked_speech(
    doc: Document, lexicon: QuoteLexicon, analysis: QuoteAnalysis
) -> tuple[UnmarkedSpeech, ...]:
    text = doc.text
    found: list[UnmarkedSpeech] = []
    regions = None
    for lead in _line_end_leads(text):
        punctuation = lead.start()
        line_start = text.rfind("\n", 0, punctuation) + 1
        segment_start = max(line_start, punctuation - 160)
        cue = None
        for match in lexicon.find_cues(text, segment_start, punctuation):
            cue = match
        if cue is None or cue.group("after"):
            continue
        if not _FILLER.match(text[cue.end() : punctuation]):
            continue
        comma = text[punctuation] == ","
        if comma and more_words_than(text, cue.end(), punctuation, 2):
            continue
        stripped_line = text[line_start:punctuation].lstrip()
        if stripped_line.startswith(("#", ">", "|")):
            continue
        sentence_start = last_sentence_start(text, line_start, cue.start())
        if MARK_PATTERN.search(text, sentence_start, punctuation) and _has_quote(
            text, sentence_start, punctuation
        ):
            continue  # `“…,” she said,` attributes a quotation on this line
        subject = subject_before(text, sentence_start, cue.start(), cue.group(0))
        if subject is None:
            continue
        words = _reported_words(text, lead.end())
        if words is None:
            continue
        first = text[words[0]]
        if comma and not first.isupper():
            continue
        if regions is None:
            regions = doc.analysis(markdown_regions)
        if regions.contains(words[0]) or regions.contains(punctuation):
            continue
        if analysis.inside_quotation(punctuation):
            continue
        found.append(
            build_frozen(
                UnmarkedSpeech, cue=cue.span(), speaker=(subject.start, subject.end), words=words
            )
        )
    return tuple(found)


def _line_end_leads(text: str) -> list[re.Match[str]]:
    """What `_LINE_END_LEAD.finditer(text)` finds: a colon or comma ending a line."""
    # Prefilter: the regex engine scans for line breaks preceded by what can end a lead line
    # several times faster than for every comma; the lead is then read back from each.
    line_ends = [match.start() for match in _LINE_BREAK_AFTER_LEAD.finditer(text)]
    if text[-1:] in _LEAD_TAIL:
        line_ends.append(len(text))
    leads: list[re.Match[str]] = []
    for line_end in line_ends:
        position = line_end - 1 if text[line_end - 1] == "\r" else line_end
        while position > 0 and text[position - 1] in " \t":
            position -= 1
        if position > 0 and text[position - 1] in ":,":
            lead = _LINE_END_LEAD.match(text, position - 1)
            if lead is not None:
                leads.append(lead)
    return leads


_LEAD_TAIL = frozenset(":, \t\r")  # what ends a lead line: its colon or comma, blanks, \r
_LINE_BREAK_AFTER_LEAD = re.compile(r"\n(?<=[:, \t\r]\n)")


def _has_quote(text: str, start: int, end: int) -> bool:
    return any(
        char in '"“”„«»‹›' or (char in "'‘’" and not text[i - 1 : i].isalnum())
        for i, char in enumerate(text[start:end], start)
    )


def _reported_words(text: str, after_line: int) -> tuple[int, int] | None:
    """The first line of what follows a lead line, if it is plain prose (no marks, list, code)."""
    if text[after_line : after_line + 1] != "\n":
        return None
    position = after_line + 1
    while position < len(text):
        newline = text.find("\n", position)
        line_end = len(text) if newline == -1 else newline
        line = text[position:line_end]
        if line.strip():
            break
        position = line_end + 1
    else:
        return None
    if position >= len(text):
        return None
    newline = text.find("\n", position)
    line_end = len(text) if newline == -1 else newline
    line = text[position:line_end].rstrip("\r")
    content = line.lstrip()
    if line[:1] in " \t" and (line.startswith(("  ", "\t"))):
        return None  # an indented block: a quotation by format
    first = content[:1]
    if not first or first in _OPENING or not first.isalpha():
        return None
    if _LIST_ITEM.match(line) or content.startswith(("#", ">", "|", "`", "<")):
        return None
    if _looks_like_heading(content, text, line_end):
        return None
    start = position + (len(line) - len(content))
    return start, position + len(line.rstrip())


def _looks_like_heading(content: str, text: str, line_end: int) -> bool:
    stripped = content.rstrip()
    if stripped[-1:] in '.!?,;:…"”’»)':
        return False
    words = stripped.split()
    if len(words) > 10:
        return False
    following = text[line_end + 1 : line_end + 3]
    alone = not following.strip() or following.startswith(("\n", "\r\n"))
    capitals = sum(1 for w in words if w[:1].isupper())
    return alone and capitals >= max(1, (len(words) + 1) // 2)
