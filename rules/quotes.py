"""Quotation rules (QUO): unattributed and anonymous quotes, unbalanced and missing marks.

All four read the shared quotation analysis (`lint.analysis.quotes`); with default options it is
`doc.quotes`, computed once per document. Options that change the lexicon give a variant that is
still computed once per document for each distinct set of options.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from lint.analysis.quotes import QuoteAnalysis, QuoteLexicon, quote_analysis
from lint.document import Document
from lint.finding import Finding, Severity
from lint.rule import Rule, RuleOptions

_PREVIEW_WORDS = 6


class SpeechVerbOptions(RuleOptions):
    extra_speech_verbs: list[str] = Field(
        default_factory=list,
        description="more speech verbs (base forms; every inflection is recognised)",
    )


class AnonymousSourceOptions(SpeechVerbOptions):
    extra_anonymous_sources: list[str] = Field(
        default_factory=list,
        description="more subjects that name no one, matched at the start of the speaker",
    )


def _analysis(rule: Rule, doc: Document) -> QuoteAnalysis:
    """The analysis for the rule's lexicon (`doc.quotes` with default options)."""
    # The lexicon is worked out once per rule and options, not for every document.
    cached: tuple[RuleOptions, QuoteLexicon] | None = rule.__dict__.get("_quote_lexicon")
    if cached is None or cached[0] is not rule.options:
        options = rule.options
        verbs = tuple(getattr(options, "extra_speech_verbs", ()))
        anonymous = tuple(getattr(options, "extra_anonymous_sources", ()))
        cached = (options, QuoteLexicon.extended(verbs, anonymous))
        rule.__dict__["_quote_lexicon"] = cached
    return quote_analysis(doc, cached[1])


def _line_end(doc: Document, start: int, end: int) -> int:
    newline = doc.text.find("\n", start, end)
    return end if newline == -1 else newline


def _preview(text: str) -> str:
    words = text.split()
    shown = " ".join(words[:_PREVIEW_WORDS])
    return shown + ("…" if len(words) > _PREVIEW_WORDS else "")


class UnattributedQuote(Rule):
    """A quotation with no speaker or source nearby: no one is said to have said it.

    ## What it does
    Finds every quotation of someone's words (not a scare quote, title, quoted term or word
    used as a word) that has no attribution: no speech verb with a subject before it
    (`Ruiz said: “…”`, `According to the report, “…”`), after it (`“…,” she said`,
    `“…,” said the mayor`), interrupting it, in a lead ending with a colon, in the sentence just
    before it, or carried from an attributed quotation earlier in the same paragraph. A quotation
    running over several paragraphs is one quotation. Quotations inside Markdown block quotes,
    code and other quotations are not checked.

    ## Why is this bad?
    Unattributed quotations are unverifiable: a model trained on them learns to put words in
    no one's mouth. In scraped text they are also a sign that the sentence carrying the
    attribution was cut off.

    ## Example
    ```text
    The council voted to close the library on Fridays.
    “This is the beginning of the end for the branch.”
    ```
    Write instead:
    ```text
    “This is the beginning of the end for the branch,” said Mara Quist, who runs its book club.
    ```

    ## Fix safety
    No fix: only the author knows who spoke.

    ## Options
    - `extra-speech-verbs` (default `[]`): more speech verbs in their base form (`"opine"`);
      every inflection is recognised.
    """

    code = "QUO001"
    name = "unattributed-quote"
    family = "quotes"
    default_severity = Severity.WARNING
    Options = SpeechVerbOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for quotation in _analysis(self, doc).quotations:
            if not quotation.needs_attribution or quotation.attribution is not None:
                continue
            start, end = quotation.content
            yield self.report(
                doc,
                quotation.start,
                _line_end(doc, quotation.start, quotation.end),
                f"Quotation “{_preview(text[start:end])}” has no attribution",
            )


class AnonymousSource(Rule):
    """A quotation attributed only to an unnamed source ("one official", "a commenter").

    ## What it does
    Finds quotations whose only attribution names no one: "a source familiar with the matter",
    "one official", "people close to the minister", "critics", "one post", "another comment",
    "a commenter", or a sentence saying the source "spoke on condition of anonymity". A
    pseudonym is not a name: a speaker known only by a quoted handle ("a commenter who signed as
    “Harbour Mum”", "“nightjar_71” wrote:") is anonymous, while a quoted nickname inside a name
    (Maria “Mimi” Costa) is part of the name. A quotation reported here is not also reported as
    unattributed (QUO001).

    ## Why is this bad?
    Anonymous quotations cannot be checked or weighed. Corpora built for factual writing often
    want to count, down-weight or review them; in forum and comment scrapes they mark text whose
    origin is unknown.

    ## Example
    ```text
    “The deal is dead,” one official said.
    ```
    Name the speaker where the source allows it:
    ```text
    “The deal is dead,” said Petra Valen, the trade minister.
    ```

    ## Fix safety
    No fix: only the author knows who spoke.

    ## Options
    - `extra-anonymous-sources` (default `[]`): more subjects that name no one, matched at the
      start of the speaker, case-insensitively (`"a little bird"`).
    - `extra-speech-verbs` (default `[]`): more speech verbs, as for QUO001.
    """

    code = "QUO002"
    name = "anonymous-source"
    family = "quotes"
    default_severity = Severity.INFO
    Options = AnonymousSourceOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for quotation in _analysis(self, doc).quotations:
            attribution = quotation.attribution
            if not quotation.needs_attribution or attribution is None:
                continue
            if not attribution.anonymous:
                continue
            source = (
                f" (“{_preview(text[attribution.speaker[0] : attribution.speaker[1]])}”)"
                if attribution.speaker is not None
                else ""
            )
            yield self.report(
                doc,
                quotation.start,
                _line_end(doc, quotation.start, quotation.end),
                f"Quotation attributed only to an anonymous source{source}",
            )


class UnbalancedQuote(Rule):
    """A quotation mark opened and never closed, or closed and never opened.

    ## What it does
    Pairs quotation marks over each paragraph (straight and curly double and single marks,
    « » and ‹ › guillemets, German „…“ and »…«, nested quotations of the other kind) and reports
    the mark left alone. Apostrophes and primes are not marks: don’t, O’Brien, the ’90s,
    students’, rock ’n’ roll, ’tis, 5′ 9″, 5'9". A quotation that runs over several paragraphs,
    each opening with a mark and only the last closing, is balanced (the news convention), and so
    is a quotation broken by a line break.

    ## Why is this bad?
    An unbalanced mark usually means the text was cut or merged: the rest of the quotation, or
    its beginning, is missing. Downstream tools that pair marks mis-read everything after it.

    ## Example
    ```text
    “We will reopen the pool in May, the manager said.
    ```
    Close the quotation where the speaker's words end:
    ```text
    “We will reopen the pool in May,” the manager said.
    ```

    ## Fix safety
    No fix: where the quotation should end is a guess.
    """

    code = "QUO003"
    name = "unbalanced-quote"
    family = "quotes"
    default_severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        for mark in doc.quotes.unmatched:
            if mark.problem == "unclosed":
                message = f"Opening quotation mark {mark.mark} is never closed"
            else:
                message = f"Closing quotation mark {mark.mark} has no opening mark"
            yield self.report(doc, mark.offset, mark.offset + 1, message)


class UnmarkedQuote(Rule):
    """Reported speech after "She said:" whose words carry no quotation marks.

    ## What it does
    Finds a line or paragraph that ends with a speech verb and its subject followed by a colon
    or a comma (`She said:`, `He said,`, `…, the letter read:`, `Ruiz wrote:`) when the next line
    starts plain words with no opening quotation mark. After a comma the words must start with
    a capital (lowercase continues an indirect sentence broken over two lines). It stays silent
    when the words are marked, form a list, a heading, a Markdown or `>` block quote, an indented
    block or code. The finding is on the first line of the unmarked words.

    ## Why is this bad?
    Without marks, the speaker's words and the writer's run together: a reader (or a model) can
    no longer tell what was said from what was reported. In scraped forum text, it is often
    quoting whose `>` markers were stripped.

    ## Example
    ```text
    At the meeting the headteacher said:
    We cannot keep the gates open after six.
    ```
    Mark the words:
    ```text
    At the meeting the headteacher said:
    “We cannot keep the gates open after six.”
    ```

    ## Fix safety
    No fix: where the quoted words end is not known.

    ## Options
    - `extra-speech-verbs` (default `[]`): more speech verbs, as for QUO001.
    """

    code = "QUO004"
    name = "unmarked-quote"
    family = "quotes"
    default_severity = Severity.WARNING
    Options = SpeechVerbOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for speech in _analysis(self, doc).unmarked_speech:
            cue = text[speech.speaker[0] : speech.cue[1]]
            yield self.report(
                doc,
                speech.words[0],
                speech.words[1],
                f"Reported speech after “{_preview(cue)}” has no quotation marks",
            )


RULES = [UnattributedQuote, AnonymousSource, UnbalancedQuote, UnmarkedQuote]
