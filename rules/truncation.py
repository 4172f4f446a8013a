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
from typing import Literal

from pydantic import Field

from lint.analysis.structure import Block, BlockKind, Role, Structure
from lint.document import Document
from lint.finding import Finding, Severity
from lint.rule import FixAvailability, Rule, RuleOptions

FAMILY = "truncation"

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


def _strip_decoration(text: str) -> str:
    """`text` without trailing space, emphasis marks and footnote references."""
    tail_start = max(0, len(text) - 40)
    match = _TRAILING_DECORATION.search(text, tail_start)
    return text[: match.start()] if match else text


def _last_prose(doc: Document) -> tuple[Structure, int, Block] | None:
    """The last block before trailing matter, when it is a prose paragraph."""
    structure = doc.structure
    block = structure.last_body_block
    if block is None or block.kind != BlockKind.PARAGRAPH or block.role is not None:
        return None
    return structure, structure.index_of(block), block


# What an ASCII text's last characters are, once the closers `_ELISION` allows after a marker
# are stripped, when it ends with a marker ("(cont.)" ends with "cont.", "More »" with "more").
_ELISION_ENDINGS = (
    "...", "]", "more", "on", "story", "article", "post", "report", "reading", "below",
    "continued", "cont'd", "cont.",
)  # fmt: skip
_ASCII_CLOSERS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f:>*_\"')"


def _ends_with_elision(text: str) -> re.Match[str] | None:
    # every marker is shorter than 120 characters: search only the tail of the text
    start = max(0, len(text) - 120)
    tail = text[start:]
    if tail.isascii():  # a cheap exact test first: most texts end with an ordinary word or "."
        lower = tail.lower()
        if not lower.rstrip(_ASCII_CLOSERS).endswith(_ELISION_ENDINGS) and "click" not in lower:
            return None
    match = _ELISION.search(text, start)
    if match is None:
        return None
    if match.group(0).lstrip()[:1] in ".…" and re.search(r"[.…]\s*[”\"’'][\s)]*\Z", text):
        return None  # a quotation that trails off ("I just don't know...") is written that way
    return match


def _unclosed_bracket(text: str) -> str | None:
    """The kind of bracket left open at the end of `text`, if any (quotations are the quote
    analysis's business: `doc.quotes.open_at_end`)."""
    for opener, closer in _OPENING_BRACKETS.items():
        position = text.rfind(opener)
        if position > text.rfind(closer) and not (position > 0 and text[position - 1] == "\x1b"):
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
        found = _last_prose(doc)
        if found is None:
            return
        structure, index, block = found
        body = _strip_decoration(block.text)
        if not body or _ends_with_elision(body):
            return
        sentences = structure.sentences_in(index)
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
        message = self._problem(block.text[: end - block.start], text, quote_open)
        if message is None:
            return
        word = _LAST_WORD.search(text)
        start = last.start + word.start() if word else max(last.start, end - 1)
        yield self.report(doc, start, end, message)

    def _problem(self, paragraph: str, sentence: str, quote_open: bool) -> str | None:
        opened = "quotation" if quote_open else _unclosed_bracket(paragraph)
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


def _is_trailer_sentence(text: str) -> bool:
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
        structure = doc.structure
        block = structure.last_body_block
        if block is None or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            return
        if block.role is not None:
            return
        body = _strip_decoration(block.text)
        match = _ends_with_elision(body)
        if match is None:
            return
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
        block = next(
            (b for b in structure.body if b.role is None and b.kind != BlockKind.SEPARATOR), None
        )
        if block is None or block.kind != BlockKind.PARAGRAPH:
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
            if block.kind != BlockKind.PARAGRAPH or block.first_line == block.last_line:
                continue
            if block.role is not None and block.role != Role.ABOUT:
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
# Text without any of these characters (nor "](", "http", "www.") holds no `_MARKUP`: a
# character class scans faster than the alternation.
_MARKUP_CHARS = re.compile(r"[<#>|*_`~]")
_NOT_COUNTED = frozenset(
    {BlockKind.CODE, BlockKind.TABLE, BlockKind.SEPARATOR, BlockKind.FRONT_MATTER}
)


def _count_words(text: str, needed: int) -> int:
    """The number of words in `text`, or a number of at least `needed` once that many are found:
    a long block is counted up to a space well past `needed` words first (no word holds a space,
    so the two parts' counts add up)."""
    cut = text.find(" ", needed * 12)
    if cut != -1:
        head = len(_PROSE_WORD.findall(text, 0, cut))
        if head >= needed:
            return head
        return head + len(_PROSE_WORD.findall(text, cut))
    return len(_PROSE_WORD.findall(text))


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
        count = 0
        structure = doc.structure
        for block in structure.blocks[: structure.trailing_index]:  # the body, in order
            if block.kind in _NOT_COUNTED:
                continue
            if block.role is not None and block.role != Role.ABOUT:
                continue
            text = block.text
            if _MARKUP_CHARS.search(text) or "](" in text or "http" in text or "www." in text:
                text = _MARKUP.sub(" ", text)
            count += _count_words(text, minimum - count)
            if count >= minimum:
                return
        plural = "" if count == 1 else "s"
        message = f"Document has {count} word{plural} of prose (minimum {minimum})"
        yield self.report(doc, 0, 0, message)


RULES = [TruncatedEnding, ElidedEnding, TruncatedStart, BrokenLine, TooShort]
