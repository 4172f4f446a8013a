"""The document every rule looks at: decoded text, its origin, and lazily shared analyses."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from lint.finding import Location, RecordRef

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
        return not self.text.strip()


class Paragraph(NamedTuple):
    """A run of non-blank lines; `start`/`end` are offsets of its first and last character."""

    first_line: int
    last_line: int
    start: int
    end: int
    text: str


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
        return Location.model_construct(row=index + 1, column=offset - self.line_starts[index] + 1)

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
        result: list[Line] = []
        start = 0
        last = len(pieces) - 1
        for number, piece in enumerate(pieces, 1):
            if number <= last:
                if piece.endswith("\r"):
                    result.append(Line(number, start, start + len(piece) - 1, piece[:-1], "\r\n"))
                else:
                    result.append(Line(number, start, start + len(piece), piece, "\n"))
                start += len(piece) + 1
            elif piece or number == 1:  # the empty string after a final newline is not a line
                result.append(Line(number, start, start + len(piece), piece, ""))
        return result

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        block: list[Line] = []
        for line in [*self.lines, None]:
            if line is not None and not line.is_blank:
                block.append(line)
                continue
            if block:
                start, end = block[0].start, block[-1].end
                paragraphs.append(
                    Paragraph(block[0].number, block[-1].number, start, end, self.text[start:end])
                )
                block = []
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
