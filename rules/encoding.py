"""Encoding rules (ENC): text that went wrong between bytes and characters, or between markup
and text: mojibake, lost and invalid bytes, control and invisible characters, HTML entities and
tags left in the text, literal escape sequences.

Each rule scans the whole text with one compiled pattern (or a plain substring test) before any
per-match Python work, so that clean documents cost a few passes over memory.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, cached_property
from html.entities import html5 as HTML5_ENTITIES

from pydantic import Field

from lint.analysis.encoding import (
    EMOJI_END_CLASS,
    JOINING_CLASS,
    NO_SPACE_CLASS,
    PICTOGRAPHIC_CLASS,
    RTL_CHAR,
    char_name,
    counted,
    ends_emoji,
    is_joining_script,
    is_no_space_script,
    is_pictographic,
    mojibake,
    shown,
)
from lint.analysis.markdown import markdown_regions
from lint.document import Document
from lint.finding import Finding, Severity
from lint.rule import FixAvailability, Rule, RuleOptions

FAMILY = "encoding"


class Mojibake(Rule):
    """Text decoded with the wrong codec ("donâ€™t", "cafÃ©", "â€”").

    ## What it does
    Finds runs of mojibake: UTF-8 text that was decoded as Windows-1252, Latin-1, MacRoman,
    Windows-1251 and the other single-byte codecs ftfy knows, so that one character became
    two or three ("é" became "Ã©", "’" became "â€™"). Detection is ftfy's: its badness
    heuristic must find an unlikely sequence on the line, and `ftfy.fix_encoding` must change
    the text; only the changed runs are reported, each with its repair. Clean text with
    accents, symbols, Greek or Cyrillic stays silent because ftfy leaves it unchanged.

    C1 control characters and soft hyphens inside a mojibake run belong to this rule; ENC004
    and ENC005 do not report them again.

    ## Why is this bad?
    Mojibake is noise a reader cannot see past and a model learns as if it were language;
    it also splits one word into several tokens and defeats deduplication.

    ## Example
    ```text
    Itâ€™s the cafÃ© on the corner.
    ```
    Use instead:
    ```text
    It’s the café on the corner.
    ```

    ## Fix safety
    The fix replaces the run by ftfy's repair. It is safe when the repair round-trips:
    undoing ftfy's plan step by step (encoding the repair as UTF-8, then decoding those bytes
    with the codec it was mis-decoded with) gives back exactly the original run, so nothing
    was guessed. It is unsafe when ftfy had to restore lost bytes (a no-break space turned
    into a space, a lost continuation byte, C1 characters read as Windows-1252).
    """

    code = "ENC001"
    name = "mojibake"
    family = FAMILY
    fix_availability = FixAvailability.SOMETIMES

    def check(self, doc: Document) -> Iterator[Finding]:
        for run in doc.analysis(mojibake).runs:
            fix = self.replacement(
                doc, run.start, run.end, run.repair, safe=run.safe, message="Repair the mojibake"
            )
            message = (
                f"Mojibake {shown(run.original)} should read {shown(run.repair)} ({run.cause})"
            )
            yield self.report(doc, run.start, run.end, message, fix=fix)


_REPLACEMENT_RUN = re.compile("\ufffd+")


class ReplacementCharacter(Rule):
    """U+FFFD REPLACEMENT CHARACTER: bytes already lost when the text was decoded.

    ## What it does
    Reports each run of U+FFFD ("�"), the character decoders put where bytes could not be
    decoded. Runs inside a mojibake run (ENC001) are left to that rule.

    ## Why is this bad?
    The original characters are gone: a name, a quotation mark or a whole word was replaced
    by a placeholder. The document cannot be repaired from its text; it has to be decoded
    again from the source, or dropped.

    ## Example
    ```text
    Gr��e aus M�nchen
    ```
    Use instead (after decoding the source correctly):
    ```text
    Grüße aus München
    ```

    ## Fix safety
    No fix: what was lost cannot be recovered from the text.
    """

    code = "ENC002"
    name = "replacement-character"
    family = FAMILY

    def check(self, doc: Document) -> Iterator[Finding]:
        if "\ufffd" not in doc.text:
            return
        analysis = doc.analysis(mojibake)
        for match in _REPLACEMENT_RUN.finditer(doc.text):
            if analysis.covers(match.start()):
                continue
            count = match.end() - match.start()
            what = "replacement character" if count == 1 else f"{count} replacement characters"
            yield self.report(
                doc,
                match.start(),
                match.end(),
                f"{what} U+FFFD: the original text was lost when it was decoded",
            )


class InvalidUtf8(Rule):
    """The file's bytes are not valid UTF-8.

    ## What it does
    Reports, once per file, that its bytes failed strict UTF-8 decoding, with the byte offset
    of the first invalid byte and the encoding the file was then decoded with (detected by
    charset-normalizer). The finding sits at the character that byte became, and the file is
    still checked by every other rule.

    ## Why is this bad?
    A corpus whose files mix encodings is read differently by every tool: what one decodes as
    "é" another reads as mojibake or replacement characters.

    ## Example
    A file saved as Windows-1252: `caf\\xe9` (byte 0xE9 alone is not UTF-8).
    Use instead: the same text saved as UTF-8, `caf\\xc3\\xa9`.

    ## Fix safety
    No text fix: re-encode the file as UTF-8 (the decoded text the other rules saw is what
    it will contain).
    """

    code = "ENC003"
    name = "invalid-utf8"
    family = FAMILY
    default_severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Finding]:
        info = doc.decode
        if info.invalid_utf8_byte_offset is None:
            return
        start = min(info.invalid_utf8_char_offset or 0, len(doc.text))
        end = min(start + 1, len(doc.text))
        became = f", read as {shown(doc.text[start:end])}" if end > start else ""
        message = (
            f"File is not valid UTF-8: first invalid byte at byte offset "
            f"{info.invalid_utf8_byte_offset}{became}; decoded as {info.encoding} (detected)"
        )
        yield self.report(doc, start, end, message)


# ANSI terminal escape sequences (CSI and OSC), reported and removed as one unit.
_ANSI = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
_C0_C1 = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"


# Every Latin-1 byte that is not a control reported here (CR is judged apart, FF by option).
_NOT_CONTROL = bytes(
    byte for byte in range(256) if not (byte < 0x20 or 0x7F <= byte <= 0x9F) or byte in b"\t\n\r"
)
_NOT_CONTROL_OR_FORM_FEED = _NOT_CONTROL + b"\x0c"


def _may_have_controls(text: str, form_feed: bool) -> bool:
    """A cheap pre-check: the controls all lie in Latin-1, so encoding the text to Latin-1
    (dropping what lies beyond) and deleting every other byte leaves something only when a
    control is there; both steps run in C, ~10x faster than a regex scan."""
    allowed = _NOT_CONTROL if form_feed else _NOT_CONTROL_OR_FORM_FEED
    return bool(text.encode("latin-1", "ignore").translate(None, allowed))


@cache
def _control_pattern(form_feed: bool, lone_cr: bool) -> re.Pattern[str]:
    """The scan for control runs (and lone carriage returns)."""
    controls = _C0_C1 if form_feed else _C0_C1.replace("\x0c", "")
    return re.compile(f"{_ANSI}|[{controls}]+" + ("|\r" if lone_cr else ""))


class ControlCharacterOptions(RuleOptions):
    allow_form_feed: bool = Field(
        default=False, description="Accept U+000C FORM FEED (page breaks in old plain text)."
    )


class ControlCharacter(Rule):
    """Control characters other than tab and newline: NUL, ESC, DEL, lone CR, U+0080–U+009F.

    ## What it does
    Reports runs of control characters: C0 controls except TAB and LINE FEED (NUL, BELL,
    BACKSPACE, FORM FEED, ESCAPE...), DELETE, the C1 controls U+0080–U+009F, and a CARRIAGE
    RETURN that is not part of a CRLF line ending (a lone CR inside a line, left by progress
    output or a broken conversion). A terminal colour sequence such as `ESC[31m` is reported
    as one unit. C1 characters inside a mojibake run are reported by ENC001 instead.

    A document whose every line ends with a lone CR (old Mac line endings, no LF at all) is a
    line-ending matter for WS005 and is not reported here.

    ## Why is this bad?
    Control characters are invisible in most viewers, break tokenizers and JSON tools, and
    usually mean the text was extracted from a binary format or a terminal log.

    ## Example
    ```text
    Total:\\x00\\x00 42 \\x1b[1mbold\\x1b[0m
    ```
    Use instead:
    ```text
    Total: 42 bold
    ```

    ## Fix safety
    Safe: the fix deletes the characters (and whole terminal escape sequences), which carry no
    text. For a lone CR between two words the fix puts a space there instead, and is unsafe:
    the CR may have been meant as a line break.

    ## Options
    - `allow-form-feed` (default `false`): accept FORM FEED, used as a page break in some
      plain-text archives.
    """

    code = "ENC004"
    name = "control-character"
    family = FAMILY
    fix_availability = FixAvailability.SOMETIMES
    Options = ControlCharacterOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        lone_crs = "\r" in text and text.count("\r") != text.count("\r\n")
        if lone_crs and "\n" not in text:
            lone_crs = False  # CR-only line endings: WS005's business
        form_feed = not self.options.allow_form_feed
        if not lone_crs and not _may_have_controls(text, form_feed):
            return
        pattern = _control_pattern(form_feed, lone_crs)
        analysis = None
        for match in pattern.finditer(text):
            start, end = match.span()
            if text[start] == "\r":
                if text.startswith("\n", end):
                    continue
                yield self._lone_cr(doc, start)
                continue
            if not text.isascii():
                if analysis is None:
                    analysis = doc.analysis(mojibake)
                if analysis.runs:
                    yield from self._outside(doc, match, analysis.covers)
                    continue
            yield self._finding(doc, start, end)

    def _outside(
        self, doc: Document, match: re.Match[str], covered: Callable[[int], bool]
    ) -> Iterator[Finding]:
        start = None
        for offset in range(match.start(), match.end() + 1):
            inside = offset < match.end() and not covered(offset)
            if inside and start is None:
                start = offset
            elif not inside and start is not None:
                yield self._finding(doc, start, offset)
                start = None

    def _finding(self, doc: Document, start: int, end: int) -> Finding:
        span = doc.text[start:end]
        fix = self.replacement(doc, start, end, "", safe=True, message="Delete")
        if span.startswith("\x1b") and len(span) > 1 and span[1] in "[]":
            return self.report(doc, start, end, f"Terminal escape sequence {shown(span)}", fix=fix)
        names = counted([char_name(char) for char in span])
        noun = "Control character" if end - start == 1 else "Control characters"
        return self.report(doc, start, end, f"{noun} {names}", fix=fix)

    def _lone_cr(self, doc: Document, start: int) -> Finding:
        text = doc.text
        between_words = (
            start > 0
            and start + 1 < len(text)
            and not text[start - 1].isspace()
            and not text[start + 1].isspace()
        )
        content = " " if between_words else ""
        fix = self.replacement(doc, start, start + 1, content, safe=not between_words)
        message = "Lone carriage return U+000D inside a line (not part of a CRLF line ending)"
        return self.report(doc, start, start + 1, message, fix=fix)


_ZWNJ, _ZWJ, _ZWSP, _BOM = "\u200c", "\u200d", "\u200b", "\ufeff"
_BIDI_MARKS = set("\u200e\u200f\u061c")  # LRM, RLM, ALM
_BIDI_EMBEDDINGS = set("\u202a\u202b\u202c\u2066\u2067\u2068\u2069")  # LRE RLE PDF LRI RLI FSI PDI
_BIDI_OVERRIDES = set("\u202d\u202e")  # LRO, RLO
# Candidates, with the contexts that make a joiner or a zero width space legitimate already
# excluded by the pattern, so that emoji families and Persian or Hindi text cost no Python work.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
    "(?:(?<=[\u00ad\u061c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff])"
    f"|(?<=\u200d)(?<![{EMOJI_END_CLASS}{JOINING_CLASS}]\u200d)"
    f"|(?<=[{EMOJI_END_CLASS}]\u200d)(?![{PICTOGRAPHIC_CLASS}])"
    f"|(?<=\u200c)(?<![{JOINING_CLASS}]\u200c)"
    f"|(?<=\u200b)(?<![{NO_SPACE_CLASS}]\u200b)|(?<=\u200b)(?![{NO_SPACE_CLASS}]))"
)


class InvisibleCharacterOptions(RuleOptions):
    ignore: list[str] = Field(
        default_factory=list,
        description='Code points never reported, written "U+00AD".',
    )
    bidi_in_rtl_text: bool = Field(
        default=False,
        description="Also report bidi marks, embeddings and isolates on lines with RTL letters.",
    )


class InvisibleCharacter(Rule):
    """Invisible characters: zero-width space, soft hyphen, word joiner, stray BOM, bidi controls.

    ## What it does
    Reports runs of characters that take no space and have no place in plain prose: ZERO
    WIDTH SPACE, SOFT HYPHEN, WORD JOINER, a BYTE ORDER MARK that is not at the start of the
    document, ZERO WIDTH (NON-)JOINER outside the scripts that need them, and the bidi
    controls (LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI).

    It never reports what a writing system needs:
    - ZWJ inside an emoji sequence (👩‍👩‍👧, 🏳️‍🌈): not reported at all;
    - ZWNJ and ZWJ after a letter of a script that uses them in spelling: the Arabic family
      (the Persian "می‌خواهم"), Indic scripts (Devanagari half forms and conjunct control,
      Malayalam chillus, Sinhala), Tibetan, Myanmar, Khmer, Mongolian;
    - ZERO WIDTH SPACE between letters of Thai, Lao, Khmer, Myanmar, Tibetan and other
      scripts written without spaces, where it marks word boundaries;
    - bidi marks (LRM, RLM, ALM), embeddings and isolates on a line that contains Hebrew,
      Arabic or another right-to-left script: there they order punctuation and numbers
      correctly. The overrides LRO and RLO are always reported (they reorder text that is
      already ordered, a known spoofing device).

    Soft hyphens inside a mojibake run are reported by ENC001 instead.

    ## Why is this bad?
    Invisible characters split words for search and tokenizers ("re\\u00adport" is not
    "report"), defeat deduplication, and bidi controls can make text display in another
    order than it is stored.

    ## Example
    ```text
    Read the full\\u200b report on the web\\u00adsite.
    ```
    Use instead:
    ```text
    Read the full report on the website.
    ```

    ## Fix safety
    Safe: the fix deletes the characters, which carry no text. Deleting a bidi control on a
    right-to-left line (reported only with `bidi-in-rtl-text`, or for overrides) can change
    how the line displays, so that fix is unsafe.

    ## Options
    - `ignore` (default `[]`): code points never reported, e.g. `["U+00AD"]` for a corpus
      that keeps soft hyphens on purpose.
    - `bidi-in-rtl-text` (default `false`): also report bidi marks, embeddings and isolates on
      lines that contain right-to-left letters.
    """

    code = "ENC005"
    name = "invisible-character"
    family = FAMILY
    fix_availability = FixAvailability.SOMETIMES
    Options = InvisibleCharacterOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if text.isascii():
            return
        ignored = self._ignored
        analysis = None
        rtl_lines: dict[int, bool] = {}
        group: list[tuple[int, bool]] = []  # (offset, fix is safe) of adjacent reported chars
        for match in _INVISIBLE.finditer(text):
            offset = match.start()
            char = text[offset]
            if char in ignored:
                continue
            safe = self._reportable(doc, offset, rtl_lines)
            if safe is None:
                continue
            if char == "\xad":
                if analysis is None:
                    analysis = doc.analysis(mojibake)
                if analysis.covers(offset):
                    continue
            if group and group[-1][0] + 1 != offset:
                yield self._finding(doc, group)
                group = []
            group.append((offset, safe))
        if group:
            yield self._finding(doc, group)

    @cached_property
    def _ignored(self) -> frozenset[str]:
        return frozenset(_parse_code_point(value) for value in self.options.ignore)

    def _reportable(self, doc: Document, offset: int, rtl_lines: dict[int, bool]) -> bool | None:
        """None when the character is legitimate here, else whether deleting it is safe."""
        text = doc.text
        char = text[offset]
        before = text[offset - 1] if offset > 0 else ""
        after = text[offset + 1] if offset + 1 < len(text) else ""
        if char == _BOM:
            return None if offset == 0 else True
        if char == _ZWJ and before and after and ends_emoji(before) and is_pictographic(after):
            return None
        if char in (_ZWJ, _ZWNJ) and before and is_joining_script(before):
            return None  # a joiner after a letter of its script shapes that letter
        if char == _ZWSP and _both(before, after, is_no_space_script):
            return None
        if char in _BIDI_MARKS or char in _BIDI_EMBEDDINGS or char in _BIDI_OVERRIDES:
            on_rtl_line = self._on_rtl_line(doc, offset, rtl_lines)
            if not on_rtl_line:
                return True
            if char in _BIDI_OVERRIDES or self.options.bidi_in_rtl_text:
                return False
            return None
        return True

    @staticmethod
    def _on_rtl_line(doc: Document, offset: int, cache: dict[int, bool]) -> bool:
        row = doc.location(offset).row
        if row not in cache:
            cache[row] = RTL_CHAR.search(doc.line_text(row)) is not None
        return cache[row]

    def _finding(self, doc: Document, group: list[tuple[int, bool]]) -> Finding:
        start, end = group[0][0], group[-1][0] + 1
        names = counted([char_name(doc.text[offset]) for offset, _ in group])
        safe = all(safe for _, safe in group)
        fix = self.replacement(doc, start, end, "", safe=safe, message="Delete")
        noun = "Invisible character" if end - start == 1 else "Invisible characters"
        return self.report(doc, start, end, f"{noun} {names}", fix=fix)


def _both(before: str, after: str, predicate: Callable[[str], bool]) -> bool:
    return bool(before) and bool(after) and predicate(before) and predicate(after)


def _parse_code_point(value: str) -> str:
    value = value.strip()
    if len(value) == 1:
        return value
    digits = value.upper().removeprefix("U+").removeprefix("\\U").removeprefix("0X")
    try:
        return chr(int(digits, 16))
    except ValueError:
        return value


# -- HTML entities -------------------------------------------------------------------------------
_ENTITY = re.compile(
    r"&(?:amp;)*(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};?)"
)
_SEMICOLON_OPTIONAL = {"amp", "lt", "gt", "quot", "nbsp"}
_ENTITY_JOIN_GAP = 3  # references this close, with no space between, are one finding
# After an escaped "<" (`&lt;`, `&amp;lt;`): the rest of one escaped tag up to its escaped ">",
# on one line: an optional "/", a tag name, optional attributes (their quotes may be escaped too).
_ESCAPED_LT = re.compile(r"&(?:amp;)*lt;?")
_ESCAPED_TAG_REST = re.compile(
    r"/?[A-Za-z][A-Za-z0-9:-]{0,31}"
    r"(?:[ \t]+(?:[^&<>\n]|&(?:amp;)*(?:quot|apos|#0?34|#0?39);){1,200}?)?"
    r"[ \t]*/?&(?:amp;)*gt;"
)
MARKDOWN_ENTITIES = ["&nbsp;", "&lt;", "&gt;", "&amp;", "&#124;", "&vert;", "&ast;", "&lowbar;"]


class HtmlEntityOptions(RuleOptions):
    markdown_allowed: list[str] = Field(
        default_factory=lambda: list(MARKDOWN_ENTITIES),
        description="Entities accepted in Markdown files, where they are valid syntax.",
    )


class HtmlEntity(Rule):
    """Undecoded HTML entities: `&amp;`, `&#8217;`, `&nbsp;`, `&quot;`.

    ## What it does
    Reports character references left in text that should have been decoded: named entities
    (`&amp;`, `&nbsp;`, `&eacute;`; only real HTML5 names, and with their semicolon, except
    `&amp`, `&lt`, `&gt`, `&quot` and `&nbsp` which browsers also read without one),
    decimal and hexadecimal references (`&#8217;`, `&#x2019;`), and double-escaped ones
    (`&amp;#8217;`). Several references are one finding when they spell one escaped tag:
    `&lt;` (or `&amp;lt;`), an optional `/`, a tag name of up to 32 letters, digits, hyphens or
    colons, optional attributes on the same line (their quotes may be references too), then
    `&gt;`: `&lt;p&gt;`, `&lt;/section&gt;`, `&lt;a href=&quot;/news&quot;&gt;`. References
    separated by at most three characters and no space are one finding too
    (`&#8220;&#8230;&#8221;`). Anything else separates them: `&lt;b&gt;bold&lt;/b&gt;` is two
    findings, and so are a `&lt;` and a `&gt;` with words between them.
    "AT&T", "Q&A", "R&D" and "&c." are not entities and stay silent. Markdown code (spans,
    fences, indented blocks) and HTML comments are skipped.

    In Markdown files entities are valid syntax; the ones writers use on purpose, to escape
    Markdown characters or keep a space unbroken, are accepted there (see the option).

    ## Why is this bad?
    The text was taken from HTML without decoding it: readers see "don&#8217;t" instead of
    "don’t", and a model learns the markup.

    ## Example
    ```text
    Tom &amp; Jerry didn&#8217;t say &quot;hello&quot;.
    ```
    Use instead:
    ```text
    Tom & Jerry didn’t say "hello".
    ```

    ## Fix safety
    Safe: the fix decodes the references (`html.unescape`, repeated for double escapes). A
    reference to a code point that cannot appear in text (`&#0;`, a surrogate) gets no fix.

    ## Options
    - `markdown-allowed` (default `["&nbsp;", "&lt;", "&gt;", "&amp;", "&#124;", "&vert;",
      "&ast;", "&lowbar;"]`): entities accepted in Markdown files.
    """

    code = "ENC006"
    name = "html-entity"
    family = FAMILY
    fix_availability = FixAvailability.SOMETIMES
    Options = HtmlEntityOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "&" not in text:
            return
        regions = None
        allowed = self._allowed
        group: list[re.Match[str]] = []
        tag_end = -1  # where the escaped tag the group opened ends
        for match in _ENTITY.finditer(text):
            if not _is_entity(match, text):
                continue
            if regions is None:
                regions = doc.analysis(markdown_regions)
            if regions.contains(match.start()):
                continue
            if regions.is_markdown and match.group(0) in allowed:
                continue
            if group and match.end() > tag_end and not _close(text, group[-1].end(), match.start()):
                yield self._finding(doc, group)
                group = []
            if match.end() > tag_end and _ESCAPED_LT.fullmatch(match.group(0)):
                rest = _ESCAPED_TAG_REST.match(text, match.end())
                if rest is not None:
                    tag_end = rest.end()
            group.append(match)
        if group:
            yield self._finding(doc, group)

    @cached_property
    def _allowed(self) -> frozenset[str]:
        return frozenset(self.options.markdown_allowed)

    def _finding(self, doc: Document, group: list[re.Match[str]]) -> Finding:
        start, end = group[0].start(), group[-1].end()
        span = doc.text[start:end]
        decoded = _unescape_fully(span)
        double = any(
            match.group(0).startswith("&amp;") and len(match.group(0)) > 5 for match in group
        )
        noun = "Double-escaped HTML entity" if double else "Undecoded HTML entity"
        if len(group) > 1:
            noun += " sequence"
        reads = (
            char_name(decoded)
            if len(decoded) == 1 and not decoded.isprintable()
            else shown(decoded)
        )
        fix = None
        if _decodes_to_text(decoded, span):
            fix = self.replacement(doc, start, end, decoded, safe=True, message="Decode")
        return self.report(doc, start, end, f"{noun} {shown(span)} (reads {reads})", fix=fix)


def _decodes_to_text(decoded: str, span: str) -> bool:
    """False when a reference stands for a control, a surrogate or an invalid code point."""
    if "\ufffd" in decoded and "\ufffd" not in span:
        return False
    return not any(unicodedata.category(char) in ("Cc", "Cs") for char in decoded)


def _is_entity(match: re.Match[str], text: str) -> bool:
    body = match.group(0)
    tail = body[1:]
    while tail.startswith("amp;") and len(tail) > 4:
        tail = tail[4:]
    semicolon = tail.endswith(";")
    name = tail.rstrip(";")
    if name.startswith("#"):
        digits = name[2:] if name[1:2] in "xX" else name[1:]
        return semicolon or len(digits) >= 2
    if semicolon:
        return name + ";" in HTML5_ENTITIES
    following = text[match.end() : match.end() + 1]
    return name in _SEMICOLON_OPTIONAL and not (following.isalnum() or following == "_")


def _close(text: str, previous_end: int, start: int) -> bool:
    gap = text[previous_end:start]
    return len(gap) <= _ENTITY_JOIN_GAP and not any(char.isspace() for char in gap)


def _unescape_fully(text: str) -> str:
    for _ in range(4):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


# -- markup residue ------------------------------------------------------------------------------
HTML_ELEMENTS = frozenset(
    """a abbr acronym address area article aside audio b base basefont bdi bdo big blink
    blockquote body br button canvas caption center cite code col colgroup data datalist dd del
    details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame
    frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend
    li link main map mark marquee menu meta meter nav nobr noframes noscript object ol optgroup
    option output p param picture pre progress q rp rt ruby s samp script search section select
    slot small source span strike strong style sub summary sup svg table tbody td template
    textarea tfoot th thead time title tr track tt u ul var video wbr""".split()
)
# Elements whose names are rarely anything but markup, reported even as a lone opening tag.
# Other names ("<input>", "<title>", "<b>") double as placeholders in prose and are reported
# only with attributes, as a closing or self-closing tag, or when the document also closes them.
UNAMBIGUOUS_ELEMENTS = frozenset(
    """abbr acronym basefont bdi bdo blink blockquote br center colgroup datalist dd div dl dt
    em fieldset figcaption font frameset h1 h2 h3 h4 h5 h6 hgroup hr html iframe img li marquee
    nobr noframes noscript ol optgroup p pre rp rt ruby script span strike strong style sub sup
    svg tbody td textarea tfoot th thead tr tt ul wbr""".split()
)
# Inline HTML that Markdown writers use on purpose (README-style formatting).
MARKDOWN_TAGS = [
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp",
    "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "video",
]  # fmt: skip
_BLOCK_LIKE = frozenset("br p div li tr td th h1 h2 h3 h4 h5 h6 hr ul ol blockquote".split())
_ATTRIBUTES = (
    r"(?P<attrs>(?:\s+[A-Za-z_:@][-\w:.@]*"
    r"(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+))?)*)"
)
_TAG = re.compile(
    r"<(?:(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)" + _ATTRIBUTES + r"\s*(?P<self>/?)>"
    # a comment ends at its `-->` and never spans another `<!--`, so unclosed openers cost
    # a scan to the next opener, not to the end of the text
    r"|(?P<comment>!--(?:(?!<!--|-->).)*-->)"
    r"|(?P<decl>!\[CDATA\[|!DOCTYPE\s+html[^<>]*>|\?xml[^<>]*\?>))",
    re.DOTALL | re.IGNORECASE,
)
# A tag, or the closer of a CDATA section (which, unlike the opener, does not start with "<").
_MARKUP = re.compile(_TAG.pattern + r"|(?P<cdata_end>\]\]>)", re.DOTALL | re.IGNORECASE)
# Characters that glue a CDATA closer to the text before it ("the quay.]]>").
_GLUED_BEFORE = frozenset(".!?,;:)’”")
_CLOSING_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>")


class MarkupResidueOptions(RuleOptions):
    markdown_allowed_tags: list[str] = Field(
        default_factory=lambda: list(MARKDOWN_TAGS),
        description="Tags accepted in Markdown files, which allow inline HTML.",
    )
    extra_tags: list[str] = Field(
        default_factory=list,
        description="More tag names to report (e.g. XML feed tags: item, pubDate, guid).",
    )


class MarkupResidue(Rule):
    """Leftover HTML/XML markup: `<p>`, `<br/>`, `</div>`, `<a href=…>`, `<!-- … -->`.

    ## What it does
    Reports tags left in text extracted from HTML: opening, closing and self-closing tags of
    real HTML elements (with well-formed attributes), comments in plain-text files, CDATA
    markers and DOCTYPE/XML declarations. Adjacent tags are one finding (`<p><strong>`).
    Both CDATA markers are reported, each as its own finding so that its fix removes it: the
    opener `<![CDATA[`, and the closer `]]>` when it closes an opener or, without one, when it
    stands alone on its line or is glued to the text ("the quay.]]>"); a closer set off by
    spaces in prose about XML ("the sequence ]]> ends it") stays silent.

    What is not a tag stays silent: "<3", "a < b > c", "<insert name>",
    "<someone@example.com>", "<https://example.org>", custom names. Element names that double
    as placeholders in prose ("<input>", "<title>", "<b>") are reported only when they are
    clearly markup: with attributes, as a closing or self-closing tag, or opened and closed in
    the same document. Markdown code (spans, fences, indented blocks) is skipped.

    Markdown allows inline HTML: in `.md` files, the tags writers use for formatting (`<br>`,
    `<details>`, `<summary>`, `<kbd>`, `<sup>`, `<img>`, tables...) are accepted, and only the
    rest (`<script>`, `<font>`, `<iframe>`, `<nav>`, `<form>`...) is reported as residue;
    Markdown's HTML comments are not reported.

    ## Why is this bad?
    Markup in a text corpus is extraction residue: it is not language, and it teaches a model
    to produce tags in prose.

    ## Example
    ```text
    <p>The council met on <strong>Tuesday</strong>.<br/>
    ```
    Use instead:
    ```text
    The council met on Tuesday.
    ```

    ## Fix safety
    Unsafe: the fix deletes the tags (a line-breaking tag between two words becomes a space),
    but a tag may wrap content that should go too (a script, a caption), or be meant
    literally.

    ## Options
    - `markdown-allowed-tags` (default: the formatting tags listed above): tags accepted in
      Markdown files.
    - `extra-tags` (default `[]`): more names to treat as tags, such as feed elements
      (`item`, `pubDate`, `guid`); they need the same evidence as placeholder-like names.
    """

    code = "ENC007"
    name = "markup-residue"
    family = FAMILY
    fix_availability = FixAvailability.UNSAFE
    Options = MarkupResidueOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "<" not in text and "]]>" not in text:
            return
        regions = None
        extra, allowed = self._names
        closed: set[str] = set()
        group: list[re.Match[str]] = []
        cdata_open = False
        for match in _MARKUP.finditer(text):
            if regions is None:
                regions = doc.analysis(markdown_regions)
                closed = {name.lower() for name in _CLOSING_TAG.findall(text)}
            if match["cdata_end"]:
                if regions.contains(match.start()) or not (
                    cdata_open or _stray_cdata_end(text, match.start(), match.end())
                ):
                    continue
                cdata_open = False
            elif match["comment"]:
                if regions.is_markdown or any(
                    start <= match.start() < end for start, end in regions.code_blocks
                ):
                    continue
                if any(start <= match.start() < end for start, end in regions.inline_code):
                    continue
            elif regions.contains(match.start()) or (
                match["name"] is not None
                and not self._is_markup(match, regions.is_markdown, allowed, extra, closed)
            ):
                continue
            elif match["decl"] and match["decl"].startswith("!["):
                cdata_open = True
            if group and group[-1].end() != match.start():
                yield self._finding(doc, group)
                group = []
            group.append(match)
        if group:
            yield self._finding(doc, group)

    @cached_property
    def _names(self) -> tuple[frozenset[str], frozenset[str]]:
        """The extra tag names and the Markdown-allowed ones, lower-cased once per rule."""
        return (
            frozenset(name.lower() for name in self.options.extra_tags),
            frozenset(name.lower() for name in self.options.markdown_allowed_tags),
        )

    @staticmethod
    def _is_markup(
        match: re.Match[str], markdown: bool, allowed: set[str], extra: set[str], closed: set[str]
    ) -> bool:
        name = match["name"].lower()
        if name not in HTML_ELEMENTS and name not in extra:
            return False
        if markdown and name in allowed:
            return False
        if match["close"] or match["self"] or match["attrs"].strip():
            return True
        return name in UNAMBIGUOUS_ELEMENTS or name in closed

    def _finding(self, doc: Document, group: list[re.Match[str]]) -> Finding:
        text = doc.text
        start, end = group[0].start(), group[-1].end()
        span = text[start:end]
        first = group[0]
        if first["comment"]:
            what = "HTML comment"
        elif first["cdata_end"] or (first["decl"] and first["decl"].startswith("![")):
            what = "CDATA marker"
        elif first["decl"]:
            what = "XML/HTML declaration"
        else:
            what = "HTML markup"
        breaks = any(match["name"] and match["name"].lower() in _BLOCK_LIKE for match in group)
        joins_words = (
            start > 0
            and end < len(text)
            and not text[start - 1].isspace()
            and not text[end].isspace()
        )
        content = " " if breaks and joins_words else ""
        fix = self.replacement(doc, start, end, content, safe=False, message="Strip the markup")
        return self.report(doc, start, end, f"{what} residue {shown(span)}", fix=fix)


def _stray_cdata_end(text: str, start: int, end: int) -> bool:
    """Whether a CDATA closer with no opener before it is residue rather than prose about
    XML: alone on its line, or glued to the text around it ("the quay.]]>")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        return True
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before in _GLUED_BEFORE or after.isalnum()


# -- literal escape sequences --------------------------------------------------------------------
_ESCAPE = r"\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[nrt\"'/])"
_ESCAPE_RUN = re.compile(rf"(?<!\\)(?:{_ESCAPE})+")
_ONE_ESCAPE = re.compile(_ESCAPE)
_TOKEN_EDGE = re.compile(r"\s")
_PATH = re.compile(
    r"^[\"'(\[]?(?:[A-Za-z]:\\|\\\\|%\w+%\\|~\\|\.{1,2}\\|HKEY_|HK[LC][MU]\\)"
    r"|\\[\w .$~-]+\.[A-Za-z0-9]{1,5}[\"')\].,;:]*$",
    re.IGNORECASE,
)
_REGEX_LIKE = re.compile(r"\\[dwsbDWSBpP]|\[[^\]]*\\[^\]]*\]|\(\?|\.\*|\.\+|\\[nrt][+*?{]|^\^|\$$")
_PRINTF = re.compile(r"%[-+ #0-9.]*[sdifxXcu]|\{\}")
_LATEX_MARKERS = re.compile(r"\\(?:begin|end|frac|section|usepackage|documentclass)\{|\$\\")
# LaTeX commands that start with a letter this rule reads as an escape (n, r, t, u, x).
LATEX_COMMANDS = frozenset(
    """nabla natural ne nearrow neg neq newcommand newenvironment newline newpage newtheorem ni
    nleq ngeq nmid noindent nolimits nonumber normalfont normalsize not notin nparallel nsubseteq
    nu nwarrow
    rangle rbrace rbrack rceil ref renewcommand rfloor rho rightarrow rightharpoonup
    rightleftharpoons     Rightarrow rm rmfamily rvert rVert
    tableofcontents tag tau tbinom text textbf textcolor textit textnormal textrm textsc textsf
    textsl texttt textup textwidth tfrac thanks the theta thinspace tilde times tiny title to
    today top triangle triangleleft triangleright tt ttfamily
    ubrace uline underbrace underline underset uparrow Uparrow updownarrow uplus upsilon url
    usepackage
    xi xleftarrow xrightarrow""".split()
)
_WORD = re.compile(r"[A-Za-z]+")
_UNESCAPE_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "'": "'", "/": "/"}
_PUNCTUATION_ESCAPES = {'"', "'", "/"}


class EscapedSequence(Rule):
    r"""Literal escape sequences in prose: `\u2019`, `\x92`, `\n`, `\"`.

    ## What it does
    Reports escape sequences that were never unescaped, left in text that went through JSON,
    a Python repr or a CSV export: `\uXXXX`, `\UXXXXXXXX`, `\u{...}`, `\xHH` (runs of them
    are read as UTF-8 bytes, as in `\xe2\x80\x99`), `\n`, `\r`, `\t`, `\"`, `\'` and `\/`.
    Adjacent escapes are one finding (`\r\n`).

    Stays silent on what only looks like an escape: Markdown code and comments, Windows and
    registry paths (`C:\new\table`, `.\tools\run.exe`, `%APPDATA%\x`), regular expressions
    (`[^\n]+`, `\d+\s`), printf formats (`"%s\n"`), LaTeX commands (`\newline`, `\textit{…}`,
    `\theta`, and any `\command{`), and `\\n` (an escaped backslash). In Markdown files `\"`,
    `\'` and `\/` are valid backslash escapes and are not reported.

    ## Why is this bad?
    The reader sees "don\u2019t" or "line one\nline two" instead of the characters they stand
    for; the text was exported without being decoded.

    ## Example
    ```text
    She said \"it\u2019s done\"\nand left.
    ```
    Use instead:
    ```text
    She said "it’s done"
    and left.
    ```

    ## Fix safety
    Unsafe: the fix replaces the escapes by what they stand for, but a backslash sequence in
    prose may also have been written on purpose (a path or a code fragment without code
    formatting).
    """

    code = "ENC008"
    name = "escaped-sequence"
    family = FAMILY
    fix_availability = FixAvailability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "\\" not in text:
            return
        regions = None
        latex_document = None
        for match in _ESCAPE_RUN.finditer(text):
            if regions is None:
                regions = doc.analysis(markdown_regions)
                latex_document = _LATEX_MARKERS.search(text) is not None
            start, end = match.span()
            if regions.contains(start):
                continue
            token = _token(text, start, end)
            if _PATH.search(token) or _REGEX_LIKE.search(token) or _PRINTF.search(token):
                continue
            if self._latex(text, start, bool(latex_document)):
                continue
            if regions.is_markdown and all(
                escape.group(0)[1] in _PUNCTUATION_ESCAPES
                for escape in _ONE_ESCAPE.finditer(text, start, end)
            ):
                continue
            yield self._finding(doc, start, end)

    @staticmethod
    def _latex(text: str, start: int, latex_document: bool) -> bool:
        """Whether the backslash at `start` begins a LaTeX command rather than an escape."""
        letter = text[start + 1]
        if letter in "uxU":
            # hex escapes never spell a command, except LaTeX's breve accent `\u{a}`
            return text.startswith("{", start + 2) and text.find("}", start, start + 6) > 0
        if letter not in "nrt":
            return False
        word = _WORD.match(text, start + 1)
        assert word is not None
        after = text[word.end() : word.end() + 1]
        if word.group(0) in LATEX_COMMANDS or after in ("{", "["):
            return True
        return latex_document and len(word.group(0)) > 1 and word.group(0)[1].islower()

    def _finding(self, doc: Document, start: int, end: int) -> Finding:
        span = doc.text[start:end]
        decoded = unescape(span)
        if decoded is None:
            fix = None
            reads = "nothing decodable"
        else:
            fix = self.replacement(doc, start, end, decoded, safe=False, message="Unescape")
            reads = _describe(decoded)
        noun = "Literal escape sequence" if span.count("\\") == 1 else "Literal escape sequences"
        return self.report(
            doc, start, end, f"{noun} {shown(span)} in prose (reads {reads})", fix=fix
        )


def _token(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _describe(decoded: str) -> str:
    if decoded == "\n":
        return "a line break"
    if decoded == "\t":
        return "a tab"
    if decoded in ("\r", "\r\n"):
        return "a line break"
    if len(decoded) == 1 and not decoded.isprintable():
        return char_name(decoded)
    return shown(decoded)


def unescape(span: str) -> str | None:
    """What a run of escapes stands for; None when it stands for no valid text."""
    out: list[str] = []
    pending_bytes = bytearray()
    pending_units: list[int] = []

    def flush() -> bool:
        if pending_bytes:
            out.append(_decode_bytes(bytes(pending_bytes)))
            pending_bytes.clear()
        if pending_units:
            data = b"".join(unit.to_bytes(2, "little") for unit in pending_units)
            try:
                out.append(data.decode("utf-16-le"))
            except UnicodeDecodeError:
                return False
            pending_units.clear()
        return True

    for match in _ONE_ESCAPE.finditer(span):
        body = match.group(0)[1:]
        kind = body[0]
        if kind == "x":
            if pending_units and not flush():
                return None
            pending_bytes.append(int(body[1:], 16))
            continue
        if kind == "u" and not body.startswith("u{"):
            if pending_bytes and not flush():
                return None
            pending_units.append(int(body[1:], 16))
            continue
        if not flush():
            return None
        if kind == "U" or body.startswith("u{"):
            code = int(body[1:].strip("{}"), 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                return None
            out.append(chr(code))
        else:
            out.append(_UNESCAPE_SIMPLE[kind])
    if not flush():
        return None
    return "".join(out)


def _decode_bytes(data: bytes) -> str:
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


RULES: list[type[Rule]] = [
    Mojibake,
    ReplacementCharacter,
    InvalidUtf8,
    ControlCharacter,
    InvisibleCharacter,
    HtmlEntity,
    MarkupResidue,
    EscapedSequence,
]
