"""Speech cues and sentence boundaries of one document, found once per paragraph.

Attributing a quotation reads a few short regions around it (the sentence before, the sentence
after, a lead ending with a colon). In quote-heavy text those regions overlap, so scanning each
of them for speech verbs and sentence ends repeats the same work many times. `ParagraphIndex`
scans a paragraph once, the first time any region inside it is asked about, and answers every
later question by bisection. Paragraphs without quotations are never scanned.

Cues of a short region (a clause beside a quotation, usually much shorter than its paragraph,
whose bulk is the quoted words) are read from the region alone, judged as the paragraph scan
would judge them (a word cut by the region's edge is no cue); a long region is answered from the
paragraph scan, so no text is read more than a bounded number of times.

It offers the same `find_cues(text, start, end)` as `QuoteLexicon` (and forwards the lexicon's
patterns), so attribution code takes either; a region spanning more than one paragraph, or a
string other than the document's text, is answered by the lexicon directly.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from operator import itemgetter

from lint.analysis.quote_lexicon import CueMatch, QuoteLexicon

# A region up to this long is read directly; a longer one (or one in a paragraph already read)
# is answered from a scan of its whole paragraph, so the work stays linear in the text.
_DIRECT_SCAN_CHARS = 300


class ParagraphIndex:
    """Cues and sentence boundaries per paragraph of `text` (paragraphs as (start, end) spans).

    `boundaries(start, end)` must return (match start, match end, sentence stop) for every
    sentence boundary in text[start:end], as `last_sentence_start` and `first_sentence_end` see
    them: the index stores them and answers both questions from them.
    """

    def __init__(
        self,
        text: str,
        spans: list[tuple[int, int]],
        lexicon: QuoteLexicon,
        boundaries: Callable[[str, int, int], list[tuple[int, int, int]]],
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self._spans = spans
        self._starts = list(map(itemgetter(0), spans))
        self._find_boundaries = boundaries
        self._cues: dict[int, tuple[list[int], list[CueMatch]]] = {}
        self._boundaries: dict[int, list[tuple[int, int, int]]] = {}
        self._lowered_paragraphs: dict[int, str | None] = {}

    # -- the lexicon's interface -------------------------------------------------------------
    @property
    def anonymous_pattern(self) -> re.Pattern[str]:
        return self.lexicon.anonymous_pattern

    @property
    def anonymous_first_words(self) -> frozenset[str]:
        return self.lexicon.anonymous_first_words

    @property
    def anonymity_pattern(self) -> re.Pattern[str]:
        return self.lexicon.anonymity_pattern

    def find_cues(self, text: str, start: int, end: int) -> list[CueMatch]:
        """Cues lying wholly inside text[start:end], as `QuoteLexicon.find_cues` finds them."""
        paragraph = self._paragraph(text, start, end)
        if paragraph is None:
            return self.lexicon.find_cues(text, start, end)
        cached = self._cues.get(paragraph)
        if cached is None and end - start <= _DIRECT_SCAN_CHARS:
            # Most regions asked about are a short clause beside a quotation: reading just that
            # is cheaper than reading the whole paragraph (often mostly the quoted words).
            lowered = self._lowered(paragraph)
            if lowered is not None:
                base, limit = self._spans[paragraph]
                return self.lexicon.find_cues_inside(
                    text, max(start, base), end, lowered, base, limit
                )
        starts, matches = cached or self._paragraph_cues(paragraph)
        found = []
        for index in range(bisect_left(starts, start), len(starts)):
            if starts[index] >= end:
                break
            match = matches[index]
            if match.end() <= end:
                found.append(match)
        return found

    def says_anonymous(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] says its source is anonymous (`asked not to be named`)."""
        # Read per sentence: a sentence is short, and a test over the whole document (lowering
        # it, then searching it for each key word) costs more than all of its sentences.
        return self.lexicon.says_anonymous(text, start, end)

    # -- sentences ---------------------------------------------------------------------------
    def last_sentence_start(self, start: int, end: int) -> int | None:
        """Where the last sentence of text[start:end] starts, or None when the region spans
        paragraphs (the caller computes it directly)."""
        paragraph = self._paragraph(self.text, start, end)
        return None if paragraph is None else self.sentence_start_in(paragraph, start, end)

    def first_sentence_end(self, start: int, end: int) -> int | None:
        """Just after the first sentence of text[start:end] (None: spans paragraphs)."""
        paragraph = self._paragraph(self.text, start, end)
        return None if paragraph is None else self.sentence_end_in(paragraph, start, end)

    def sentence_start_in(self, paragraph: int, start: int, end: int) -> int:
        """`last_sentence_start` for a region known to lie inside paragraph `paragraph`."""
        found = self._boundaries.get(paragraph)
        if found is None:
            found = self._paragraph_boundaries(paragraph)
        index = bisect_right(found, end, key=_END) - 1
        if index >= 0 and found[index][0] >= start:
            return found[index][1]
        return start

    def sentence_end_in(self, paragraph: int, start: int, end: int) -> int:
        """`first_sentence_end` for a region known to lie inside paragraph `paragraph`."""
        found = self._boundaries.get(paragraph)
        if found is None:
            found = self._paragraph_boundaries(paragraph)
        # a boundary right at `start` belongs to the quotation
        index = bisect_right(found, start, key=_START)
        if index < len(found) and found[index][1] <= end:
            return found[index][2]
        return end

    # -- per-paragraph scans -----------------------------------------------------------------
    def _paragraph(self, text: str, start: int, end: int) -> int | None:
        if text is not self.text:
            return None
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            index = 0
            if not self._spans or end > self._spans[0][1]:
                return None
        elif end > self._spans[index][1]:
            return None
        return index

    def _lowered(self, paragraph: int) -> str | None:
        """The paragraph lowercased, or None if lowercasing changes its length (İ), where
        `QuoteLexicon.find_cues` reads word by word and only a whole-paragraph scan agrees."""
        if paragraph in self._lowered_paragraphs:
            return self._lowered_paragraphs[paragraph]
        start, end = self._spans[paragraph]
        lowered: str | None = self.text[start:end].lower()
        if len(lowered) != end - start:
            lowered = None
        self._lowered_paragraphs[paragraph] = lowered
        return lowered

    def _paragraph_cues(self, paragraph: int) -> tuple[list[int], list[CueMatch]]:
        cached = self._cues.get(paragraph)
        if cached is None:
            start, end = self._spans[paragraph]
            matches = self.lexicon.find_cues(self.text, start, end)
            cached = ([m.start() for m in matches], matches)
            self._cues[paragraph] = cached
        return cached

    def _paragraph_boundaries(self, paragraph: int) -> list[tuple[int, int, int]]:
        cached = self._boundaries.get(paragraph)
        if cached is None:
            start, end = self._spans[paragraph]
            cached = self._boundaries[paragraph] = self._find_boundaries(self.text, start, end)
        return cached


# A sentence boundary is (match start, match end, where the sentence stops).
_START = itemgetter(0)
_END = itemgetter(1)
