"""The document every rule looks at: decoded text, its origin, and lazily shared analyses."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, count, repeat
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from lint.finding import Location, RecordRef, location_at

if TYPE_CHECKING:
    from lint.analysis.dates import DateAnalysis
    from lint.analysis.frontmatter import FrontMatter
    from lint.analysis.quotes import QuoteAnalysis
    from lint.analysis.structure import Structure

T = TypeVar("T")

_NEWLINE = re.compile("\n")


class Line(NamedTuple):
    """One line: `text` excludes its ending, which is "\\n", "\\r\\n" or "" (last line)."""

    number: int
    start: int
    end: int
    text: str
    ending: str

    @property
    def is_blank(self) -> bool:
        return not self.text or self.text.isspace()


class Paragraph(NamedTuple):
    """A run of non-blank lines; `start`/`end` are offsets of its first and last character."""

    first_line: int
    last_line: int
    start: int
    end: int
    text: str


_new_tuple = tuple.__new__


def _paragraph(text: str, first: Line, last: Line) -> Paragraph:
    return _new_tuple(
        Paragraph, (first.number, last.number, first.start, last.end, text[first.start : last.end])
    )


@dataclass(frozen=True, slots=True)
class DecodeInfo:
    """How the bytes of a file became text (all None/False for text given as a string)."""

    encoding: str = "utf-8"
    had_bom: bool = False
    invalid_utf8_byte_offset: int | None = None
    invalid_utf8_char_offset: int | None = None


@dataclass(eq=False)
class Document:
    """A decoded text with its path (and record, for record files), plus shared analyses.

    Analyses are computed on first use and shared by every rule that asks for them.
    Plugins can share their own through `analysis()`.
    """

    path: str
    text: str
    record: RecordRef | None = None
    decode: DecodeInfo = field(default_factory=DecodeInfo)
    metadata: dict[str, Any] = field(default_factory=dict)
    date_fields: tuple[str, ...] = ()  # record fields named on the command line as dates
    _analyses: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False)

    # -- positions -----------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(match.end() for match in _NEWLINE.finditer(self.text))]

    def location(self, offset: int) -> Location:
        """The 1-based (row, column) of a character offset; `len(text)` is allowed."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        # built without validation: both numbers are computed here and always valid
        return location_at(index + 1, offset - self.line_starts[index] + 1)

    def line_length(self, row: int) -> int:
        """The length of line `row` (with its line ending), without copying it."""
        starts = self.line_starts
        end = starts[row] if row < len(starts) else len(self.text)
        return end - starts[row - 1]

    def line_text(self, row: int) -> str:
        """The text of line `row` (1-based) without its line ending."""
        starts = self.line_starts
        start = starts[row - 1]
        end = starts[row] - 1 if row < len(starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r" and row < len(starts):
            end -= 1
        return self.text[start:end]

    def offset(self, row: int, column: int) -> int:
        """The inverse of `location()`."""
        return self.line_starts[row - 1] + column - 1

    # -- shared analyses -----------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Line]:
        pieces = self.text.split("\n")
        starts = list(accumulate([len(piece) + 1 for piece in pieces], initial=0))
        last = len(pieces) - 1
        # tuple.__new__ builds each Line in C: a NamedTuple's own constructor is Python code.
        if "\r" not in self.text:
            ends = [start + len(piece) for start, piece in zip(starts, pieces, strict=False)]
            fields = zip(count(1), starts, ends, pieces[:last], repeat("\n"), strict=False)
            result = list(map(_new_tuple, repeat(Line), fields))
        else:
            result = []
            for number, (start, piece) in enumerate(zip(starts, pieces[:last], strict=False), 1):
                if piece.endswith("\r"):
                    line = (number, start, start + len(piece) - 1, piece[:-1], "\r\n")
                else:
                    line = (number, start, start + len(piece), piece, "\n")
                result.append(_new_tuple(Line, line))
        piece = pieces[last]
        if piece or last == 0:  # the empty string after a final newline is not a line
            start = starts[last]
            result.append(_new_tuple(Line, (last + 1, start, start + len(piece), piece, "")))
        return result

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        text = self.text
        paragraphs: list[Paragraph] = []
        first = previous = None
        for line in self.lines:
            if line.text and not line.text.isspace():
                if first is None:
                    first = line
                previous = line
            elif first is not None and previous is not None:
                paragraphs.append(_paragraph(text, first, previous))
                first = None
        if first is not None and previous is not None:
            paragraphs.append(_paragraph(text, first, previous))
        return paragraphs

    @cached_property
    def front_matter(self) -> FrontMatter | None:
        from lint.analysis.frontmatter import parse_front_matter

        return parse_front_matter(self.text)

    @cached_property
    def structure(self) -> Structure:
        from lint.analysis.structure import analyse_structure

        return analyse_structure(self)

    @property
    def sentences(self):  # -> list[Sentence]
        return self.structure.sentences

    @cached_property
    def quotes(self) -> QuoteAnalysis:
        from lint.analysis.quotes import analyse_quotes

        return analyse_quotes(self)

    @cached_property
    def dates(self) -> DateAnalysis:
        from lint.analysis.dates import analyse_dates

        return analyse_dates(self)

    def analysis(self, compute: Callable[[Document], T]) -> T:
        """Run `compute(self)` once per document and share the result (for plugin analyses)."""
        if compute not in self._analyses:
            self._analyses[compute] = compute(self)
        return self._analyses[compute]
