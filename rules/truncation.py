"""Truncation and layout rules: documents cut short at either end, broken lines, tiny documents.

All of them read the shared structure analysis (`doc.structure`): end-of-document rules look at
the last prose block before trailing matter (credits, separators, contacts, sign-offs), and the
sentence segmenter decides whether a line ends inside a sentence.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from typing import Literal, NamedTuple

from pydantic import Field

from lint.analysis.structure import Block, BlockKind, Role, Structure
from lint.document import Document
from lint.finding import Finding, Severity
from lint.rule import FixAvailability, Rule, RuleOptions

FAMILY = "truncation"
_new_tuple = tuple.__new__  # builds a NamedTuple in C, without its Python-level __new__

# Words a complete sentence does not end on.
FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor of to in on at by for with from into onto upon as than that which
    who whom whose whether if because while although though unless until since so yet is are
    was were be been being has have had do does did will would shall should can could may might
    must not its their his her our your my this these those such very about over under between
    among through during against without within per via including like plus whose whereas
    """.split()
)
_CLOSERS = "\"'”’»)]"
_OPENING_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_ELISION = re.compile(
    r"(?:(?<!\.)\.{3,}|…|\[\s*(?:…|\.{3,})\s*\]|\(\s*(?:…|\.{3,})\s*\)"
    r"|\bread\s+(?:more|on|the\s+(?:full|rest\s+of\s+the)\s+(?:story|article|post|report))"
    r"|\bcontinue[sd]?\s+reading(?:\s+(?:the\s+)?(?:main\s+story|story|article|post|more|below))?"
    r"|\((?:continued|cont(?:['’]d|\.)|more)\)"
    r"|\bclick\s+here\s+(?:to|for)\s+(?:read|see|view|continue|the\s+full|more)[^.!?\n]{0,60}"
    r"|\b(?:full\s+(?:story|article)|more)\s*(?:»|>>|→))"
    r"[\s:»>→*_\"”’')]*\Z",
    re.IGNORECASE,
)
# emphasis marks, footnote references, and terminal escape codes (ENC004 reports those)
_TRAILING_DECORATION = re.compile(
    r"(?:[\s*_~]|\[\d{1,3}\]|\[\^\w+\]|[¹²³⁰-⁹]+|\x1b\[[0-9;]{0,12}[A-Za-z])+\Z"
)
_URL_END = re.compile(r"(?:https?://|www\.)\S+\Z")
_LAST_WORD = re.compile(r"([^\W\d_][\w'’-]*)\W*\Z")
_LEADING_PUNCTUATION = re.compile(r"[ \t]*(?P<mark>[,;:)\]}]|\.{2,}(?!\.)|…)")
_FIRST_WORD = re.compile(r"[ \t]*[\"'“‘«(\[*_]*(?P<word>[^\W\d_][\w'’.-]*)")
_NAME_PARTICLES = frozenset(
    "de da di du van von der den la le el al bin ibn ter ten dos das del".split()
)
CONJUNCTIONS = frozenset("and but or nor so yet then because although though while whereas".split())


def _is_symbolic(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk", "Sm")


# The last character of `_TRAILING_DECORATION` (but white space and an escape code's letter).
_DECORATION_ENDS = frozenset("*_~]¹²³" + "".join(map(chr, range(0x2070, 0x207A))))


def _strip_decoration(text: str) -> str:
    """`text` without trailing space, emphasis marks and footnote references."""
    tail_start = max(0, len(text) - 40)
    last = text[-1:]
    if not (
        last in _DECORATION_ENDS
        or last.isspace()
        or (last.isascii() and last.isalpha() and text.find("\x1b", tail_start) != -1)
    ):
        return text  # a cheap exact test first: most texts end with a letter or punctuation
    match = _TRAILING_DECORATION.search(text, tail_start)
    return text[: match.start()] if match else text


class _Ending(NamedTuple):
    """The last block before trailing matter, when it is a paragraph or list item of prose."""

    index: int  # in structure.blocks
    block: Block
    body: str  # its text without trailing decoration
    elision: re.Match[str] | None  # the elision mark or teaser link `body` ends with


def _prose_ending(doc: Document) -> _Ending | None:
    """Shared by TRN001 and TRN002 through doc.analysis: both read the same last block."""
    structure = doc.structure
    blocks = structure.blocks
    for index in range(structure.trailing_index - 1, -1, -1):  # `last_body_block`, by index
        block = blocks[index]
        if block.kind is not BlockKind.FRONT_MATTER:
            break
    else:
        return None
    if block.role is not None or not (
        block.kind is BlockKind.PARAGRAPH or block.kind is BlockKind.LIST_ITEM
    ):
        return None
    body = _strip_decoration(block.text)
    return _new_tuple(_Ending, (index, block, body, _ends_with_elision(body)))


# What a text's last characters are, in lower case, once the closers `_ELISION` allows after a
# marker are stripped, when it ends with a marker ("(cont.)" ends with "cont.", "More »" with
# "more"), unless the marker is a "click here to read ..." link.
_ELISION_ENDINGS = (
    "...", "…", "]", "more", "on", "story", "article", "post", "report", "reading", "below",
    "continued", "cont'd", "cont’d", "cont.",
)  # fmt: skip
# `[\s:»>→*_"”’')]`: the closers, white space included
_ELISION_CLOSERS = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000:»>→*_\"”’')"
)


def _folds_apart(text: str) -> bool:
    """Whether `text` holds a letter that case-insensitive matching takes for an ASCII letter
    but `lower` does not turn into one ("ſ" matches "s"): such a text takes the full path."""
    return "ſ" in text or "ı" in text or "İ" in text or "\u212a" in text


def _ends_with_elision(text: str) -> re.Match[str] | None:
    # every marker is shorter than 120 characters: search only the tail of the text
    start = max(0, len(text) - 120)
    tail = text[start:]
    # a cheap exact test first: most texts end with an ordinary word or "."
    if tail.isascii() or not _folds_apart(tail):
        # (closers have no case: strip them first, and lower only the end)
        ending = tail.rstrip(_ELISION_CLOSERS)[-12:].lower()
        if not ending.endswith(_ELISION_ENDINGS) and not (
            ("k" in tail or "K" in tail) and "click" in tail.lower()
        ):
            return None
    match = _ELISION.search(text, start)
    if match is None:
        return None
    if match.group(0).lstrip()[:1] in ".…" and re.search(r"[.…]\s*[”\"’'][\s)]*\Z", text):
        return None  # a quotation that trails off ("I just don't know...") is written that way
    return match


def _unclosed_bracket(text: str, start: int, end: int) -> str | None:
    """The kind of bracket left open at the end of `text[start:end]`, if any (quotations are
    the quote analysis's business: `doc.quotes.open_at_end`)."""
    for opener, closer in _OPENING_BRACKETS.items():
        position = text.rfind(opener, start, end)
        if (
            position != -1
            and position > text.rfind(closer, start, end)
            and not (position > start and text[position - 1] == "\x1b")
        ):
            return "parenthesis" if opener == "(" else "bracket"
    return None


class TruncatedEnding(Rule):
    """The document ends mid-sentence.

    ## What it does
    Finds documents whose last prose sentence is unfinished: no terminal punctuation, a dangling
    function word ("the", "and", "to"), or a quotation or bracket left open. Trailing matter is
    skipped first, so the check looks at the last real sentence: credits ("Reporting by …",
    "Photo: …"), "Provided by …" lines, separators ("###", "-30-", "ENDS", "---"), media
    contacts, "About <Org>" sections, copyright, tags and "Related:" lines, embedded-post
    trailers and sign-offs ("Thanks,", "— Ana"). Documents that end with a heading, a list, a
    poem, code, a table or an address are not reported, and neither are endings that
    TRN002 (elided-ending) reports.

    ## Why is this bad?
    A document cut off mid-sentence was truncated by a scraper, an export limit or a broken
    pipeline; training on it teaches a model to stop mid-thought.

    ## Example
    ```text
    The council will vote on the proposal when it meets again in the
    ```
    Use instead: the complete document, or drop it from the corpus.
    ```text
    The council will vote on the proposal when it meets again in the spring.
    ```

    ## Fix safety
    No fix: the missing text cannot be recovered.

    ## Options
    - `require-terminal-punctuation` (default `true`): report a last sentence that simply has
      no terminal punctuation. Set it to `false` for corpora of informal posts, to report only
      dangling function words and unclosed quotations or brackets.
    """

    code = "TRN001"
    name = "truncated-ending"
    family = FAMILY
    default_severity = Severity.WARNING

    class Options(RuleOptions):
        require_terminal_punctuation: bool = True

    def check(self, doc: Document) -> Iterator[Finding]:
        ending = doc.analysis(_prose_ending)
        if ending is None or ending.block.kind is not BlockKind.PARAGRAPH:
            return
        block = ending.block
        if not ending.body or ending.elision:
            return
        sentences = doc.structure.sentences_in(ending.index)
        while len(sentences) > 1 and _is_trailer_sentence(sentences[-1].text):
            sentences = sentences[:-1]
        if not sentences:
            return
        last = sentences[-1]
        text = _strip_decoration(last.text)
        end = last.start + len(text)
        if not text:
            return
        quote_open = doc.quotes.open_at_end(end) is not None
        opened = "quotation" if quote_open else _unclosed_bracket(doc.text, block.start, end)
        message = self._problem(opened, text)
        if message is None:
            return
        word = _LAST_WORD.search(text)
        start = last.start + word.start() if word else max(last.start, end - 1)
        yield self.report(doc, start, end, message)

    def _problem(self, opened: str | None, sentence: str) -> str | None:
        last_char = sentence[-1]
        stripped = sentence.rstrip(_CLOSERS) or sentence
        if opened is not None and not (opened == "quotation" and last_char in '”"'):
            return f"Document ends inside an unclosed {opened}"
        if stripped[-1] in ".!?‽…" or last_char in ".!?‽":
            return None
        if _is_symbolic(last_char) or _URL_END.search(sentence) or last_char in ")":
            return None  # emoji, a closing link or a parenthetical aside end posts on purpose
        word = _LAST_WORD.search(sentence)
        if word and word.group(1).lower() in FUNCTION_WORDS and word.end(1) == len(sentence):
            return f"Document ends mid-sentence on the function word '{word.group(1)}'"
        if not self.options.require_terminal_punctuation:
            return None
        if last_char in ",;:—–-":
            return f"Document ends mid-sentence after '{last_char}'"
        return "Document ends mid-sentence: the last sentence has no terminal punctuation"


_TRAILER_SENTENCE = re.compile(
    r"\(?\s*(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|photos?)\s+(?:by|:)"
    r"|\(?\s*[\w\s.,'’-]{1,80}\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story))",
    re.IGNORECASE,
)


_TRAILER_STARTS = ("additional", "reporting", "writing", "editing", "edited", "compiled", "photo")


def _is_trailer_sentence(text: str) -> bool:
    # a cheap exact test first: `_TRAILER_SENTENCE` starts with one of a few words, or holds
    # "contributed" within its first 92 characters, after "(" and white space
    head = (text[1:] if text[:1] == "(" else text).lstrip()[:100]
    if head.isascii() or not _folds_apart(head):
        lower = head.lower()
        if "contributed" not in lower and not lower.startswith(_TRAILER_STARTS):
            return False
    return _TRAILER_SENTENCE.match(text) is not None


class ElidedEnding(Rule):
    """The document ends with an ellipsis or a "Read more" link instead of its text.

    ## What it does
    Finds documents whose last prose block ends with an elision mark or a teaser link: "…",
    "...", "[…]", "[...]", "Read more", "Continue reading", "(continued)", "(more)",
    "Click here to read the full story". Trailing matter (credits, separators, contacts) after
    it is skipped. A quotation that trails off inside closed quotation marks ("I don't know…")
    is left alone.

    ## Why is this bad?
    These are excerpts: feeds and listing pages cut the article and append a marker. The
    document holds only the first part of a text, and the marker is noise.

    ## Example
    ```text
    The minister said the reform would be phased in over three years, starting with…
    ```
    Use instead: fetch the full article, or drop the excerpt.

    ## Fix safety
    No fix: the rest of the text cannot be recovered.
    """

    code = "TRN002"
    name = "elided-ending"
    family = FAMILY
    default_severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        ending = doc.analysis(_prose_ending)
        if ending is None or ending.elision is None:
            return
        block, body, match = ending.block, ending.body, ending.elision
        start = block.start + match.start()
        while start < block.start + len(body) and doc.text[start].isspace():
            start += 1
        marker = body[start - block.start :].strip()
        yield self.report(
            doc, start, block.start + len(body), f"Document ends with an elision: '{marker}'"
        )


class TruncatedStart(Rule):
    """The document starts mid-sentence.

    ## What it does
    Looks at the first prose paragraph (after front matter) and reports it when it starts with
    a lowercase word ("and after the vote…"), with leading punctuation (", and the", "; the")
    or with an ellipsis ("…the company said"). Words that are lowercase by design are allowed:
    brand names with inner capitals or digits ("iPhone", "eBay", "mRNA"), name particles before
    a capitalised name ("de Klerk", "van Gogh"), usernames and hashtags, and documents that
    start most of their sentences in lowercase on purpose (chat logs, some poetry). Documents
    that start with a heading, a list, a quotation block, verse or code are not reported.

    ## Why is this bad?
    A document that starts mid-sentence lost its beginning to a scraper or a chunking step; the
    first sentence is a fragment without its subject.

    ## Example
    ```text
    and after the vote, the council adjourned until March.
    ```
    Use instead: the full text, starting where the sentence starts.

    ## Fix safety
    No fix: the missing beginning cannot be recovered.

    ## Options
    - `allow-words` (default `[]`): extra words allowed to start a document in lowercase
      (product names such as "npm" or "iOS" style brands your corpus uses).
    """

    code = "TRN003"
    name = "truncated-start"
    family = FAMILY
    default_severity = Severity.WARNING

    class Options(RuleOptions):
        allow_words: list[str] = Field(default_factory=list)

    def check(self, doc: Document) -> Iterator[Finding]:
        structure = doc.structure
        block = _first_body_block(structure)
        if block is None or block.kind is not BlockKind.PARAGRAPH:
            return
        # a cheap exact test first: both patterns read the first character after spaces and
        # opening marks, and most documents start with a capital
        head = block.text.lstrip(" \t")[:1]
        if head not in _LEADING_MARKS and not head.islower():
            after_marks = block.text.lstrip(" \t").lstrip(_OPENING_MARKS)[:1]
            if not after_marks.islower():
                return
        text = doc.text
        leading = _LEADING_PUNCTUATION.match(text, block.start, block.end)
        if leading is not None:
            start = leading.start("mark")
            message = f"Document starts mid-sentence with '{leading['mark']}'"
            yield self.report(doc, start, leading.end("mark"), message)
            return
        first = _FIRST_WORD.match(text, block.start, block.end)
        if first is None:
            return
        word = first["word"]
        if not word[0].islower() or self._allowed(word, text, first.end("word"), block.end):
            return
        if _lowercase_style(structure):
            return
        kind = "conjunction" if word.lower() in CONJUNCTIONS else "word"
        message = f"Document starts mid-sentence with the lowercase {kind} '{word}'"
        yield self.report(doc, first.start("word"), first.end("word"), message)

    def _allowed(self, word: str, text: str, end: int, limit: int) -> bool:
        if any(char.isupper() or char.isdigit() for char in word[1:]):
            return True  # iPhone, eBay, mRNA
        if "." in word.rstrip("."):
            return True  # e.e. cummings, will.i.am, example.com
        if word.lower() in {w.lower() for w in self.options.allow_words}:
            return True
        if word.lower() in _NAME_PARTICLES:
            following = _FIRST_WORD.match(text, end, limit)
            return following is not None and following["word"][0].isupper()
        return word.startswith(("e-", "i-"))


_LEADING_MARKS = ",;:)]}.…"  # what `_LEADING_PUNCTUATION`'s mark starts with
_OPENING_MARKS = "\"'“‘«([*_"  # what `_FIRST_WORD` skips before the word


def _first_body_block(structure: Structure) -> Block | None:
    """The first block of the body that is neither a separator nor a role's (trailing matter
    and front matter aside)."""
    blocks = structure.blocks
    for index in range(structure.trailing_index):
        block = blocks[index]
        if (
            block.role is None
            and block.kind is not BlockKind.SEPARATOR
            and block.kind is not BlockKind.FRONT_MATTER
        ):
            return block
    return None


_AFTER_SENTENCE_END = re.compile(r"(?:[.!?]|\A|\n\n)[\"”’)]*\s*[\"“‘(]*([^\W\d_])")


def _lowercase_style(structure: Structure) -> bool:
    """Whether most sentences start in lowercase (chat logs, some poetry): a style."""
    prose = "\n\n".join(b.text for b in structure.body if b.is_prose)[:5000]
    starts = [match.group(1) for match in _AFTER_SENTENCE_END.finditer(prose)]
    lowercase = sum(1 for letter in starts if letter.islower())
    return len(starts) >= 3 and lowercase >= 0.5 * len(starts)


class BrokenLine(Rule):
    """A hard line break inside a sentence.

    ## What it does
    Finds line breaks inside prose paragraphs that cut a sentence in two: the line does not end
    a sentence and the next line visibly continues it (it starts in lowercase, or the line ends
    on a function word such as "of" or "the", or on an abbreviation such as "Dr."). Headings,
    list items, verse, addresses, tables, code and block quotes keep their line breaks, and so
    does a document whose prose is hard-wrapped at a consistent width throughout (Markdown
    wrapped at 72–80 columns is a style, not damage).

    ## Why is this bad?
    Stray breaks come from PDF extraction, `<br>` tags or copy-paste; they split sentences for
    every tool that reads lines, and models learn to break lines mid-sentence.

    ## Example
    ```text
    The inquiry will hold the agency accountable for aggressive
    tactics used by its officers.
    ```
    Use instead:
    ```text
    The inquiry will hold the agency accountable for aggressive tactics used by its officers.
    ```

    ## Fix safety
    The fix joins the two lines with a space. It is unsafe: a break can be intended (a line of
    an address or a poem quoted inside a paragraph), and joining changes the layout.

    ## Options
    - `hard-wrapped` (default `"ignore"`): what to do with a document whose prose paragraphs are
      hard-wrapped at a consistent width. `"ignore"` stays silent; `"report"` reports the style
      once, at the first wrapped line.
    """

    code = "TRN004"
    name = "broken-line"
    family = FAMILY
    default_severity = Severity.WARNING
    fix_availability = FixAvailability.UNSAFE

    class Options(RuleOptions):
        hard_wrapped: Literal["ignore", "report"] = "ignore"

    def check(self, doc: Document) -> Iterator[Finding]:
        structure = doc.structure
        if structure.hard_wrapped:
            if self.options.hard_wrapped == "report":
                yield from self._report_style(doc, structure)
            return
        for index, block in enumerate(structure.blocks):
            if block.first_line == block.last_line or block.kind is not BlockKind.PARAGRAPH:
                continue
            if block.role is not None and block.role is not Role.ABOUT:
                continue
            ends = {sentence.end for sentence in structure.sentences_in(index)}
            lines = doc.lines[block.first_line - 1 : block.last_line]
            for line, following in itertools.pairwise(lines):
                content = line.text.rstrip()
                line_end = line.start + len(content)
                if not content or line_end in ends:
                    continue
                next_text = following.text.lstrip()
                next_start = following.start + len(following.text) - len(next_text)
                if not self._continues(content, next_text):
                    continue
                last = content.split()[-1]
                first = next_text.split()[0] if next_text.split() else ""
                fix = self.replacement(
                    doc, line_end, next_start, " ", safe=False, message="Join the lines"
                )
                message = f"Line break inside a sentence: '{last}' / '{first}'"
                yield self.report(doc, line_end - len(last), line_end, message, fix=fix)

    @staticmethod
    def _continues(content: str, next_text: str) -> bool:
        first = next_text.lstrip("\"'“‘(")[:1]
        if not first or next_text[:1] in "-*•+>|#":
            return False
        if first.islower():
            return True
        last = content.split()[-1]
        if last.lower().strip(",") in FUNCTION_WORDS and last[-1:].isalpha():
            return first.isupper() or first.isdigit()
        return last.endswith(".") and first.isupper()  # "Dr." / "Phil": no sentence end

    def _report_style(self, doc: Document, structure: Structure) -> Iterator[Finding]:
        for block in structure.blocks:
            if block.kind == BlockKind.PARAGRAPH and block.role is None and block.line_count > 1:
                line = doc.lines[block.first_line - 1]
                message = (
                    f"Prose is hard-wrapped at about {structure.wrap_width} columns: "
                    "line breaks fall inside sentences throughout"
                )
                yield self.report(doc, line.start, line.end, message)
                return


_PROSE_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_MARKUP = re.compile(r"\]\([^)\s]*\)|https?://\S+|www\.\S+|<[^>\n]{1,200}>|[#>|*_`~]+")
# Counting the words of a text in C: in its ASCII bytes, letters and digits become "a", the
# joiners "'", "." and "-" go, and everything else becomes " ", leaving one run of "a" per
# `_PROSE_WORD` word (findall takes a run of letters, digits and joiners whole). "_" is a
# joiner too, but every "_" is Markdown to `_MARKUP`, which turns it into a space.
_JOINERS = b"'.-"
_WORD_BYTES = bytes(
    ord("a") if chr(code).isascii() and chr(code).isalnum() else ord(" ") for code in range(256)
)
_CHARS_PER_WORD = 6  # about: enough text to hold the words still needed, most of the time
_NOT_COUNTED = frozenset(
    {BlockKind.CODE, BlockKind.TABLE, BlockKind.SEPARATOR, BlockKind.FRONT_MATTER}
)


def _ascii_word_count(text: str) -> int:
    """The number of words of `text` once its markup is replaced by spaces, counted over its
    ASCII characters: exact for ASCII text, a lower bound otherwise (leaving characters out
    never splits a word in two or makes one)."""
    data = text.encode("ascii", "ignore")
    # (one-byte searches before the longer ones: they cost a fraction)
    if (
        b"<" in data
        or (b"]" in data and b"](" in data)
        or (b"/" in data and b"http" in data)
        or b"www." in data
    ):
        # a tag, link or URL: `_MARKUP` drops words (without them, it only turns Markdown
        # marks into spaces, which the count does anyway)
        data = _MARKUP.sub(" ", text).encode("ascii", "ignore")
    words = data.translate(_WORD_BYTES, _JOINERS)
    return words.count(b" a") + words.startswith(b"a")


def _count_words(text: str) -> int:
    """The number of words of `text` once its markup is replaced by spaces."""
    if text.isascii():
        return _ascii_word_count(text)
    return len(_PROSE_WORD.findall(_MARKUP.sub(" ", text)))


class TooShort(Rule):
    """The document has fewer words of prose than a configured minimum.

    ## What it does
    Counts the words of the document's text (not front matter, code, tables, Markdown markup,
    URLs or trailing matter such as credits and contacts) and reports documents with fewer
    than `min-words`, once, at the start of the document.

    ## Why is this bad?
    Very short documents are usually stubs, error pages, captions or extraction failures; they
    carry little signal and often slip through as near-duplicates.

    ## Example
    ```text
    Page not found. Return to the home page.
    ```
    Use instead: drop the stub, or lower `min-words` for corpora of short texts.

    ## Fix safety
    No fix.

    ## Options
    - `min-words` (default `50`): the minimum number of words of prose.
    """

    code = "TRN005"
    name = "too-short"
    family = FAMILY
    default_severity = Severity.INFO

    class Options(RuleOptions):
        min_words: int = Field(default=50, ge=0)

    def check(self, doc: Document) -> Iterator[Finding]:
        minimum = self.options.min_words
        if minimum <= 0:
            return
        # a lower bound first, a few blocks at a time (joined by newlines, which no word and
        # no markup crosses): it settles the common, long document in one or two counts
        at_least = 0
        texts: list[str] = []  # the blocks read, in order
        counted = 0  # how many of them the lower bound holds
        unread = 0  # their characters since
        structure = doc.structure
        blocks = structure.blocks
        for index in range(structure.trailing_index):  # the body, in order
            block = blocks[index]
            if block.kind in _NOT_COUNTED:
                continue
            if block.role is not None and block.role is not Role.ABOUT:
                continue
            texts.append(block.text)
            unread += len(block.text)
            if unread >= _CHARS_PER_WORD * (minimum - at_least):
                at_least += _ascii_word_count("\n".join(texts[counted:]))
                if at_least >= minimum:
                    return
                counted, unread = len(texts), 0
        if counted < len(texts):
            at_least += _ascii_word_count("\n".join(texts[counted:]))
            if at_least >= minimum:
                return
        # fewer by the lower bound: count exactly
        count = sum(map(_count_words, texts))
        if count >= minimum:
            return
        plural = "" if count == 1 else "s"
        message = f"Document has {count} word{plural} of prose (minimum {minimum})"
        yield self.report(doc, 0, 0, message)


RULES = [TruncatedEnding, ElidedEnding, TruncatedStart, BrokenLine, TooShort]
