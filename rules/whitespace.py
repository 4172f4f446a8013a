"""Whitespace rules: trailing blank lines and spaces, the final newline, stray indentation, CRLF.

The family shares one idea of a blank line: a line holding only spaces and tabs. Other
whitespace characters (form feed, no-break space, ideographic space) are content here: the
encoding rules report the ones that are noise.

A lone carriage return (CR not followed by LF) is not a line ending for seedlint: the document
does not split lines there. ENC004 (control-character) reports it; WS005 only counts CRLF and LF.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lint.analysis.markdown import is_markdown_path, markdown_regions
from lint.document import Document, Line
from lint.finding import Edit, Finding, Fix, Location, Severity
from lint.rule import FixAvailability, Rule, RuleOptions

FAMILY = "whitespace"

# -- shared analyses ---------------------------------------------------------------------------

_BLANK_TAIL = re.compile(r"[ \t]*\r*\n(?P<blank>(?:[ \t\r]*\n)*[ \t\r]*)")
# A document of nothing but blanks: lone CRs among them are blanks too (ENC004 names them).
_ALL_BLANK = re.compile(r"(?:[ \t\r]*\n)*[ \t\r]*")


def trailing_blank_start(doc: Document) -> int | None:
    """Offset where the blank lines at the end of the document begin, or None if there are none.

    The newline of the last line with content is kept; everything after it is blank lines.
    A document made only of blank lines starts its blank tail at 0.
    """
    text = doc.text
    content_end = len(text.rstrip(" \t\r\n"))
    tail = text[content_end:]
    if content_end == 0:
        return 0 if tail and _ALL_BLANK.fullmatch(tail) else None
    match = _BLANK_TAIL.fullmatch(tail)
    if match is None or not match["blank"]:
        return None
    return content_end + match.start("blank")


@dataclass(frozen=True)
class LineEndingCounts:
    crlf: int
    lf: int  # line feeds not preceded by a carriage return

    @property
    def newline(self) -> str:
        """The document's own newline: CRLF when most of its line endings are CRLF."""
        return "\r\n" if self.crlf > self.lf else "\n"


def line_ending_counts(doc: Document) -> LineEndingCounts:
    crlf = doc.text.count("\r\n")
    return LineEndingCounts(crlf=crlf, lf=doc.text.count("\n") - crlf)


def _blank_tail(doc: Document) -> int | None:
    return doc.analysis(trailing_blank_start)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- WS001 ---------------------------------------------------------------------------------------


class TrailingBlankLines(Rule):
    """Blank lines at the end of the document.

    ## What it does
    Reports the blank lines (empty, or holding only spaces and tabs) after the last line of
    text, once, at the first of them. A document made only of blank lines is reported too;
    an empty file, or one holding a single newline, is not.

    ## Why is this bad?
    Trailing blank lines are leftovers of extraction or concatenation. They make documents
    that are otherwise identical differ byte for byte, which defeats exact deduplication, and
    they add empty tokens to whatever is trained on the text.

    ## Example
    ```text
    The museum reopens on Saturday.⏎
    ⏎
    ⏎
    ```
    Use instead: end the document right after the last line's newline.

    ## Fix safety
    Safe: the fix deletes only the blank lines and keeps the newline that ends the last line of
    text (a document of only blank lines becomes empty).
    """

    code = "WS001"
    name = "trailing-blank-lines"
    family = FAMILY
    default_severity = Severity.INFO
    fix_availability = FixAvailability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        start = _blank_tail(doc)
        if start is None:
            return
        text = doc.text
        if start == 0 and text in ("\n", "\r\n"):
            return
        blank = text[start:]
        count = blank.count("\n") + (0 if blank.endswith("\n") else 1)
        if start == 0:
            message = f"Document holds only blank lines ({count})"
        else:
            message = f"{_plural(count, 'blank line')} at the end of the document"
        fix = self.replacement(
            doc, start, len(text), "", safe=True, message="Remove the trailing blank lines"
        )
        yield self.report(doc, start, len(text), message, fix=fix)


# -- WS002 ---------------------------------------------------------------------------------------

_BLANKS_AND_CRS = " \t\r"


def trailing_runs(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of the blanks ending each line of `text[:limit]`, as WS002 reports them.

    A run is the spaces and tabs before a line ending (or `limit`), with any lone carriage
    returns caught among them: deleting only the blanks of "\\r \\n" would join that CR and
    the LF into a CRLF line ending. Carriage returns after the last blank belong to the line
    ending (before `limit`, only a line feed ends a line). Candidates are found by substring
    search, far faster than a regex that must try every space between words; each line is
    then cut once, so the cost stays linear.
    """
    last_blanks = set()  # offset of the last blank of each reported run
    for pair in (" \n", "\t\n"):
        found = text.find(pair, 0, limit)
        while found >= 0:
            last_blanks.add(found)
            found = text.find(pair, found + 1, limit)
    if "\r" in text:
        for pair in (" \r", "\t\r"):
            found = text.find(pair, 0, limit)
            while found >= 0:
                after = found + 1
                while after < limit and text[after] == "\r":
                    after += 1
                if after < limit and text[after] == "\n":
                    last_blanks.add(found)
                found = text.find(pair, after, limit)
    if limit and text[limit - 1] in " \t":
        last_blanks.add(limit - 1)
    runs = []
    for last in sorted(last_blanks):
        line_start = text.rfind("\n", 0, last) + 1
        start = line_start + len(text[line_start:last].rstrip(_BLANKS_AND_CRS))
        runs.append((start, last + 1))
    return runs


_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")


class TrailingWhitespaceOptions(RuleOptions):
    report_markdown_hard_breaks: bool = False
    """Also report the two trailing spaces that make a Markdown hard line break."""


class TrailingWhitespace(Rule):
    """Spaces or tabs at the end of a line.

    ## What it does
    Reports the spaces and tabs before a line ending (or the end of the document), including
    lines that hold only whitespace. Blank lines at the very end of the document are left to
    WS001.

    In Markdown files (`.md`, `.markdown`, `.mdx`), exactly two trailing spaces after text,
    followed by a line of text, are a hard line break: they are intentional and not reported
    (unless `report-markdown-hard-breaks` is set). In code blocks and after headings they are
    reported.

    ## Why is this bad?
    Trailing whitespace is invisible noise: it makes equal lines differ, inflates
    deduplication hashes, and survives into tokenised text.

    ## Example
    ```text
    The bridge closes at nine.␠␠␠
    ```
    Use instead: `The bridge closes at nine.`

    ## Fix safety
    Safe: the fix deletes exactly the reported spaces and tabs, with any lone carriage return
    caught among them (left alone, it would join the line ending into a CRLF).

    ## Options
    - `report-markdown-hard-breaks` (default `false`): report Markdown hard line breaks too.
    """

    code = "WS002"
    name = "trailing-whitespace"
    family = FAMILY
    default_severity = Severity.INFO
    fix_availability = FixAvailability.SAFE
    Options = TrailingWhitespaceOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not _may_have_trailing_whitespace(text):
            return
        options = self.options
        assert isinstance(options, TrailingWhitespaceOptions)
        blank_tail = _blank_tail(doc)
        limit = len(text) if blank_tail is None else blank_tail
        markdown = is_markdown_path(doc.path) and not options.report_markdown_hard_breaks
        for start, end in trailing_runs(text, limit):
            line_start = text.rfind("\n", 0, start) + 1
            if markdown and self._is_hard_break(doc, line_start, start, end):
                continue
            run = text[start:end]
            if line_start == start:
                message = "Blank line contains whitespace"
            else:
                counts = ((run.count(" "), "space"), (run.count("\t"), "tab"))
                counts += ((run.count("\r"), "carriage return"),)
                parts = [_plural(n, noun) for n, noun in counts if n]
                message = f"Trailing whitespace ({' and '.join(parts)})"
            fix = self.replacement(doc, start, end, "", safe=True, message="Remove it")
            yield self.report(doc, start, end, message, fix=fix)

    @staticmethod
    def _is_hard_break(doc: Document, line_start: int, start: int, end: int) -> bool:
        text = doc.text
        if text[start:end] != "  " or line_start == start:
            return False
        if _ATX_HEADING.match(text, line_start):
            return False
        newline = text.find("\n", end)
        if newline < 0:
            return False
        next_end = text.find("\n", newline + 1)
        next_line = text[newline + 1 : next_end if next_end >= 0 else len(text)]
        if not next_line.strip(" \t\r"):
            return False
        return not doc.analysis(markdown_regions).contains(start)


def _may_have_trailing_whitespace(text: str) -> bool:
    """A cheap pre-check: substring search is far faster than any regex scan."""
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        return True
    return "\r" in text and (" \r" in text or "\t\r" in text)


# -- WS003 ---------------------------------------------------------------------------------------


class MissingFinalNewline(Rule):
    """The file does not end with a newline.

    ## What it does
    Reports a non-empty document whose last line has no line ending, at the end of that line.
    A document that ends in blank lines is left to WS001, one whose last line ends in a lone
    carriage return to ENC004, and documents read from record files (JSON Lines, Parquet),
    whose text has no file of its own, are not checked.

    ## Why is this bad?
    POSIX tools treat an unterminated last line as incomplete: `cat` glues the next file onto
    it, `wc -l` miscounts it, and concatenated corpora merge the last line of one document with
    the first line of the next.

    ## Example
    ```text
    The ferry leaves at noon.
    ```
    (with no newline after the full stop). Use instead: end the file with a newline.

    ## Fix safety
    Safe: the fix appends one newline in the file's own style (`\\r\\n` when most of its line
    endings are CRLF, else `\\n`).
    """

    code = "WS003"
    name = "missing-final-newline"
    family = FAMILY
    default_severity = Severity.INFO
    fix_availability = FixAvailability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not text or text.endswith(("\n", "\r")) or doc.record is not None:
            return
        if _blank_tail(doc) is not None:
            return
        newline = doc.analysis(line_ending_counts).newline
        shown = "\\r\\n" if newline == "\r\n" else "\\n"
        end = len(text)
        fix = self.replacement(doc, end, end, newline, safe=True, message=f"Append {shown}")
        yield self.report(doc, end, end, "No newline at end of file", fix=fix)


# -- WS004 ---------------------------------------------------------------------------------------

_INDENT = re.compile(r"[ \t]+")
_INDENTED_PROSE = re.compile(r"^[ \t]+[\w\"'“‘«„‚¿¡(\[—–]", re.MULTILINE)  # a cheap pre-check
_LIST_ITEM = re.compile(
    r"(?:[-*+•◦▪‣–—]|\d{1,9}[.)]|[A-Za-z][.)]|[ivxlcdmIVXLCDM]{1,6}[.)]|\([A-Za-z0-9]{1,6}\))"
    r"(?:[ \t]|$)"
)
_LAYOUT_GAP = re.compile(r"\S(?:\t| {3,})\S")
_OPENING_PUNCTUATION = "\"'“‘«„‚¿¡([—–"
_MARKDOWN_SAFE_START = re.compile(r"[^\W\d_]")  # a letter: cannot begin a Markdown block
_WRAPPED_PROSE_WIDTH = 55  # a paragraph with a line this long is wrapped prose, not verse
_CENTER_TOLERANCE = 4


@dataclass
class _Block:
    """A paragraph of prose lines as WS004 sees it."""

    lines: list[Line]
    indents: list[str]

    @property
    def indented(self) -> list[int]:
        return [i for i, indent in enumerate(self.indents) if indent]


class LeadingWhitespace(Rule):
    """A line of prose indented by stray spaces or tabs.

    ## What it does
    Reports the indentation of a line of prose that breaks the document's own layout: a
    paragraph that starts indented in a document whose paragraphs start flush, or a single
    indented line inside a wrapped paragraph (in a two-line paragraph, only when the indented
    line starts a new sentence: otherwise it is a hanging indent).

    Indentation that means something is left alone: Markdown code blocks (fenced anywhere,
    indented in Markdown files), list items and their continuation lines, block quotes,
    tables and column-aligned text, front matter, centred titles, blocks introduced by a
    colon, paragraphs indented throughout (quotations, addresses, code in plain text), verse
    and hanging indents (a paragraph with several indented lines), and documents that indent
    the first line of their paragraphs as a style (more paragraphs start with the same
    indentation, and at least two, than start at the margin). Only lines that start like
    prose (a letter, a digit or an opening quotation mark or bracket) are considered. Tabs
    count like spaces.

    ## Why is this bad?
    Stray indentation comes from HTML source indentation and careless extraction. It is
    invisible noise that makes equal paragraphs differ and, in Markdown, four spaces silently
    turn a paragraph into a code block.

    ## Example
    ```text
    The council met on Tuesday.

       It approved the budget after a long debate.
    ```
    Use instead: start the second paragraph at the margin like the first.

    ## Fix safety
    Safe: the fix deletes the reported indentation and nothing else. In Markdown files it is
    unsafe when the line does not start with a letter, because the dedented line could start
    a different block (a heading, a list item, a thematic break).
    """

    code = "WS004"
    name = "leading-whitespace"
    family = FAMILY
    default_severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not (text.startswith((" ", "\t")) or "\n " in text or "\n\t" in text):
            return
        if _INDENTED_PROSE.search(text) is None:
            return
        blocks = _prose_blocks(doc)
        if not any(block.indented for block in blocks):
            return
        # A style indents most paragraphs' first lines, and by the same amount each time.
        first_line_indents = Counter(
            b.indents[0] for b in blocks if b.indents[0] and len(b.indented) == 1
        )
        flush_first_lines = sum(1 for b in blocks if not b.indents[0])
        usual = max(first_line_indents.values(), default=0)
        paragraph_style = usual >= 2 and usual > flush_first_lines
        width = _text_width(doc)
        markdown = is_markdown_path(doc.path)
        for block in blocks:
            indented = block.indented
            if len(indented) != 1:
                continue  # flush, or indentation that follows a pattern (verse, hanging indent)
            index = indented[0]
            line, indent = block.lines[index], block.indents[index]
            if index == 0:
                if paragraph_style or _is_centred(line, indent, width):
                    continue
                if len(block.lines) == 1 and len(indent) >= 8:
                    continue  # deep single-line indentation is layout (a signature, a caption)
            elif max(len(ln.text) for ln in block.lines) < _WRAPPED_PROSE_WIDTH:
                continue  # short lines are verse: their indentation is likely deliberate
            elif len(block.lines) == 2 and not _starts_sentence(block.lines[0].text, line.text):
                continue  # a hanging indent: the indented line continues the one before
            yield self._finding(doc, line, indent, markdown)

    def _finding(self, doc: Document, line: Line, indent: str, markdown: bool) -> Finding:
        start, end = line.start, line.start + len(indent)
        content = line.text[len(indent) :]
        safe = not markdown or bool(_MARKDOWN_SAFE_START.match(content))
        spaces, tabs = indent.count(" "), indent.count("\t")
        parts = [_plural(n, noun) for n, noun in ((spaces, "space"), (tabs, "tab")) if n]
        fix = self.replacement(doc, start, end, "", safe=safe, message="Remove the indentation")
        return self.report(doc, start, end, f"Line indented by {' and '.join(parts)}", fix=fix)


def _prose_blocks(doc: Document) -> list[_Block]:
    """Paragraphs of prose lines, with structural lines (code, lists, quotes...) left out.

    A paragraph that meets a structural line is cut there: only the prose before it counts.
    A list lasts until a paragraph starts at the margin, so indented continuation paragraphs of
    list items are structural too.
    """
    regions = doc.analysis(markdown_regions)
    front_matter = doc.front_matter
    front_end = front_matter.end if front_matter is not None else 0
    blocks: list[_Block] = []
    current: _Block | None = None
    closed = False  # the current paragraph met a structural line: ignore the rest of it
    in_list = False
    last_text = ""  # the previous non-blank line
    previous_blank = True
    for line in doc.lines:
        raw = line.text
        if not raw.strip():
            if current is not None:
                blocks.append(current)
            current, closed, previous_blank = None, False, True
            continue
        starts_paragraph, previous_blank = previous_blank, False
        introduced = last_text.rstrip().endswith(":")
        last_text = raw
        indent_match = _INDENT.match(raw)
        indent = indent_match.group() if indent_match else ""
        content = raw[len(indent) :]
        if starts_paragraph and not indent:
            in_list = False
        if _LIST_ITEM.match(content):
            in_list = True
        structural = (
            in_list
            or closed
            or line.start < front_end
            or line.number in regions.code_lines
            or content.startswith((">", "|"))
            or content.count("|") >= 2
            or _LAYOUT_GAP.search(content) is not None
            or not (content[0].isalnum() or content[0] in _OPENING_PUNCTUATION)
            or (starts_paragraph and bool(indent) and introduced)  # a display after a colon
        )
        if structural:
            if current is not None:
                blocks.append(current)
            current, closed = None, True
            continue
        if current is None:
            current = _Block([], [])
        current.lines.append(line)
        current.indents.append(indent)
    if current is not None:
        blocks.append(current)
    return blocks


def _starts_sentence(previous: str, line: str) -> bool:
    content = line.lstrip(" \t")
    return previous.rstrip().endswith((".", "!", "?", '"', "”")) and content[:1].isupper()


def _text_width(doc: Document) -> int:
    lengths = [len(line.text) for line in doc.lines if line.text.strip()]
    longest = max(lengths, default=0)
    return longest if 40 <= longest <= 100 else 72


def _is_centred(line: Line, indent: str, width: int) -> bool:
    if len(indent) < 4 or "\t" in indent:
        return False
    content = line.text.strip()
    middle = len(indent) + len(content) / 2
    return any(abs(middle - w / 2) <= _CENTER_TOLERANCE for w in (width, 72, 80))


# -- WS005 ---------------------------------------------------------------------------------------

LineEndingStyle = Literal["lf", "crlf", "consistent"]
_CR_BEFORE_LF = re.compile(r"\r+\n")  # CR CR LF (converted twice) is one broken CRLF


class LineEndingsOptions(RuleOptions):
    expect: LineEndingStyle = "lf"
    """Which line endings are right: `lf`, `crlf`, or `consistent` (either, not mixed)."""


class LineEndings(Rule):
    """CRLF or mixed line endings.

    ## What it does
    Reports, once per document, line endings that are not the expected style: by default any
    CRLF (`\\r\\n`). A file with only CRLF endings is reported once with their count; a file
    that mixes CRLF and LF is reported once with both counts. The finding points at the first
    offending line ending.

    A lone carriage return (not followed by a line feed) is not a line ending here: ENC004
    (control-character) reports it. A run of carriage returns before a line feed (`\\r\\r\\n`,
    left by converting line endings twice) is one broken CRLF ending.

    ## Why is this bad?
    A stray `\\r` survives into tokenised text, makes equal lines differ, and mixed endings
    show that documents were stitched together from different sources.

    ## Example
    `Opening hours changed.\\r\\n` Use instead: `Opening hours changed.\\n`

    ## Fix safety
    Safe: the fix converts the offending endings to the expected style, one minimal edit per
    line ending (deleting its carriage returns, or inserting one); nothing else changes.

    ## Options
    - `expect` (default `"lf"`): `"lf"` reports CRLF endings, `"crlf"` reports LF endings,
      `"consistent"` reports only documents that mix both (the fix converts to the style most
      lines use, LF on a tie).
    """

    code = "WS005"
    name = "line-endings"
    family = FAMILY
    default_severity = Severity.INFO
    fix_availability = FixAvailability.SAFE
    Options = LineEndingsOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        options = self.options
        assert isinstance(options, LineEndingsOptions)
        if "\n" not in text or (options.expect != "crlf" and "\r\n" not in text):
            return
        endings = doc.analysis(line_ending_counts)
        if endings.crlf and endings.lf:
            mixed = f"Mixed line endings: {endings.crlf} CRLF and {endings.lf} LF"
        else:
            mixed = ""
        target: str = options.expect
        if target == "consistent":
            if not mixed:
                return
            target = "crlf" if endings.crlf > endings.lf else "lf"
        if target == "lf":
            if not endings.crlf:
                return
            message = mixed or f"CRLF line endings ({_plural(endings.crlf, 'line')})"
            runs = [(m.start(), m.end() - 1) for m in _CR_BEFORE_LF.finditer(text)]
            edits = tuple(self._edit(doc, start, end, "") for start, end in runs)
            (first, first_end), fix_message = runs[0], "Convert CRLF to LF"
        else:
            if not endings.lf:
                return
            message = mixed or f"LF line endings ({_plural(endings.lf, 'line')}); expected CRLF"
            positions = [m.start() for m in re.finditer("(?<!\r)\n", text)]
            edits = tuple(self._edit(doc, p, p, "\r") for p in positions)
            first, fix_message = positions[0], "Convert LF to CRLF"
            first_end = first
        fix = Fix(applicability="safe", message=fix_message, edits=edits)
        yield self.report(doc, first, first_end, message, fix=fix)

    @staticmethod
    def _edit(doc: Document, start: int, end: int, content: str) -> Edit:
        # model_construct skips validation: a CRLF file has one edit per line. Both ends lie on
        # one line (before its LF), so one look-up serves both.
        row = bisect_right(doc.line_starts, start)
        line_start = doc.line_starts[row - 1]
        return Edit.model_construct(
            content=content,
            start=start,
            end=end,
            location=Location.model_construct(row=row, column=start - line_start + 1),
            end_location=Location.model_construct(row=row, column=end - line_start + 1),
        )


RULES = [
    TrailingBlankLines,
    TrailingWhitespace,
    MissingFinalNewline,
    LeadingWhitespace,
    LineEndings,
]
