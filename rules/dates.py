"""Date rules: missing, unanchored, invalid and implausible publication dates (DAT001–DAT004).

All four read the shared date analysis (`lint.analysis.dates`). Options that change what the
analysis finds (fields, header keys, day-first, language, lexicon additions) are accepted by every
DAT rule; set them alike on the rules you enable.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cached_property

from pydantic import Field, field_validator

from lint.analysis.date_lexicon import LEXICONS
from lint.analysis.dates import (
    DEFAULT_FIELDS,
    DEFAULT_SETTINGS,
    DateAnalysis,
    DateProblem,
    DateSettings,
    ProblemKind,
    SourceKind,
    date_analysis,
)
from lint.document import Document
from lint.finding import Finding, Severity
from lint.rule import Rule, RuleOptions


class DateOptions(RuleOptions):
    """Where the date analysis looks and how it reads dates (shared by DAT001–DAT004)."""

    fields: list[str] = Field(default_factory=lambda: list(DEFAULT_FIELDS))
    header_keys: list[str] | None = None
    day_first: bool = False
    language: str = "en"
    header_lines: int = Field(default=8, ge=1, le=100)
    extra_relative: list[str] = Field(default_factory=list)
    ignore_relative: list[str] = Field(default_factory=list)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LEXICONS:
            raise ValueError(f"no date lexicon for {value!r}; known: {', '.join(LEXICONS)}")
        return value

    def settings(self) -> DateSettings:
        return DateSettings(
            fields=tuple(self.fields),
            header_keys=tuple(self.header_keys) if self.header_keys is not None else None,
            day_first=self.day_first,
            language=self.language,
            header_lines=self.header_lines,
            extra_relative=tuple(self.extra_relative),
            ignore_relative=tuple(self.ignore_relative),
        )


class _DateRule(Rule):
    family = "dates"
    Options = DateOptions

    @cached_property
    def date_settings(self) -> DateSettings:
        options = self.options
        assert isinstance(options, DateOptions)
        settings = options.settings()
        # the default object itself, so that each document's check finds `doc.dates` by identity
        return DEFAULT_SETTINGS if settings == DEFAULT_SETTINGS else settings

    def analysis(self, doc: Document) -> DateAnalysis:
        return date_analysis(doc, self.date_settings)


def _where(problem: DateProblem) -> str:
    if problem.source is SourceKind.METADATA:
        return f"field `{problem.key}`"
    if problem.source is SourceKind.FRONT_MATTER:
        return f"front matter `{problem.key}`"
    if problem.source is SourceKind.HEADER:
        return f"`{problem.key}` header" if problem.key else "date line"
    return str(problem.source)


def _span(doc: Document, span: tuple[int, int] | None) -> tuple[int, int]:
    return span if span is not None else (0, 0)


def _has_text(doc: Document) -> bool:
    text = doc.text
    return (bool(text) and not text.isspace()) or bool(doc.metadata)  # no copy, unlike strip()


class MissingDate(_DateRule):
    """The document carries no publication date.

    ## What it does
    Looks for a publication date where corpora keep one, in order of trust: a record field
    (`date`, `published`, `published_at`, `pubDate`, `datePublished`, `created_at`…), the same
    keys in YAML or TOML front matter, a header line among the first lines (`Date: 2025-03-03`,
    `Published: March 3, 2025`, `Posted on …`, or a line that is only a date), a dateline
    (`NAIROBI, March 3 (Reuters) —`) and a byline (`By Ana Ruiz | 3 March 2025`). Reports one
    finding at 1:1 when none is found, saying where it looked. A dateline without a year still
    dates the document (to a day of an unknown year); a dateline without any date
    (`LONDON (AP) —`) does not. Dates in the body text are history, not a publication date.
    A date source that is present but broken is reported by DAT003 instead.

    ## Why is this bad?
    An undated document cannot be filtered by time, deduplicated by version, or trusted for
    claims such as "this week" or "the latest".

    ## Example
    ```text
    The council voted on Tuesday to close the bridge.
    ```
    Use instead:
    ```text
    Published: March 3, 2025

    The council voted on Tuesday to close the bridge.
    ```

    ## Fix safety
    No fix: only the source knows when the document was published.

    ## Options
    - `fields` (default: `date`, `published`, `published_at`, `publishedAt`, `pubDate`,
      `datePublished`, `created_at`, …): record fields and front matter keys read, in order of
      trust; dotted names reach nested fields (`meta.date`).
    - `header-keys` (default: the language's, e.g. `published`, `date`, `posted on`, `updated`):
      words that open a date header line.
    - `header-lines` (default: 8): how many non-blank lines at the top are searched.
    - `day-first` (default: false): read `03/04/2025` as 3 April; `21/05/2024` is day-first
      whatever the setting.
    - `language` (default: `en`): the lexicon of month names, header keys and relative words.
    """

    code = "DAT001"
    name = "missing-date"
    default_severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _has_text(doc):
            return
        analysis = self.analysis(doc)
        if analysis.dated or analysis.has_date_source:
            return
        where = "; ".join(analysis.looked_at)
        extra = ""
        if analysis.undated_datelines:
            extra = f" (the dateline `{analysis.undated_datelines[0]}` carries no date)"
        yield self.report(doc, 0, 0, f"No publication date found{extra}: looked in {where}")


class UnanchoredRelativeDate(_DateRule):
    """A relative time expression ("yesterday", "last week") in a document with no date.

    ## What it does
    In a document without a publication date, reports each relative time expression:
    `yesterday`, `today`, `tonight`, `tomorrow`, `last/this/next week|month|year|Tuesday|May`,
    `two days ago`, `earlier this year`, `on Monday`, `Monday's meeting`, `in recent weeks`.
    Narrative anchors are not relative to publication and stay silent (`the next day`, `his last
    year`, `the last week of June`), and so are idioms (`today's generation`, `yesterday's news`),
    names (`Black Friday`, `USA Today`), habits (`on Mondays`), weekdays given with their date
    (`on Monday, March 3, 2025`) and months alone (`in May`). Code and front matter are skipped.
    When the document has a publication date, nothing is reported.

    ## Why is this bad?
    "Last week" means nothing once a text leaves its page: a model trained on it learns claims
    whose time it cannot know, and a reader cannot resolve them.

    ## Example
    ```text
    The bridge closed yesterday and will reopen next month.
    ```
    Use instead: add a publication date (`Date: 2025-03-03`), or write absolute dates
    ("closed on 2 March 2025 and will reopen in April 2025").

    ## Fix safety
    No fix: resolving the expression needs a date the document does not carry.

    ## Options
    - `extra-relative` (default: none): more phrases to report, matched as whole words.
    - `ignore-relative` (default: none): phrases never reported (e.g. `this year`).
    - and the options of DAT001 that decide whether the document is dated.
    """

    code = "DAT002"
    name = "unanchored-relative-date"
    default_severity = Severity.INFO

    def check(self, doc: Document) -> Iterator[Finding]:
        analysis = self.analysis(doc)
        if analysis.dated:
            return
        for expression in analysis.relative:
            yield self.report(
                doc,
                expression.start,
                expression.end,
                f"Relative date `{' '.join(expression.text.split())}` with no publication date "
                "to anchor it",
            )


class InvalidDate(_DateRule):
    """A date header or field that does not parse, names a day that cannot exist, or is malformed.

    ## What it does
    Checks every date source the analysis reads (record fields, front matter, header lines,
    datelines, bylines) and reports:
    - a value that is not a date (`Date: TBD`, `published: "soon"`);
    - a day that cannot exist (`2024-02-30`, `2023-02-29`, month 13, `31 April`, a weekday that
      does not match its date such as `Tuesday, March 3, 2025`, a time of `25:00`);
    - a malformed header: one glued to the first sentence (`Published: March 3, 2025The council
      voted…`) or indented.
    Dates in the body text are not checked: they are history, and quoting a wrong date is not a
    corpus defect.

    ## Why is this bad?
    A pipeline that reads the date will drop the document, or worse, coerce `2024-02-30` into
    March and file it under the wrong day. A header glued to prose means the extraction lost a
    line break, and the first sentence now starts with a date.

    ## Example
    ```text
    Date: 2024-02-30
    ```
    Use instead:
    ```text
    Date: 2024-02-29
    ```

    ## Fix safety
    No fix: the intended date cannot be known from an impossible one.

    ## Options
    The options of DAT001 (fields, header keys, day-first preference, language).
    """

    code = "DAT003"
    name = "invalid-date"
    default_severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Finding]:
        for problem in self.analysis(doc).problems:
            start, end = _span(doc, problem.span)
            where = _where(problem)
            if problem.kind is ProblemKind.UNPARSEABLE:
                message = f"Date in {where} does not parse: {problem.reason}"
            elif problem.kind is ProblemKind.IMPOSSIBLE:
                message = f"Date in {where} cannot exist: `{problem.text}` ({problem.reason})"
            else:
                message = f"Malformed {where}: {problem.reason}"
            yield self.report(doc, start, end, message)


class ImplausibleDateOptions(DateOptions):
    today: date | None = None
    tolerance_days: int = Field(default=1, ge=0)
    floor: date = date(1800, 1, 1)
    placeholders: list[date] = Field(default_factory=lambda: [date(1970, 1, 1)])


class ImplausibleDate(_DateRule):
    """A publication date in the future, before a configured floor, or a placeholder.

    ## What it does
    Compares the publication date the analysis found with the reference date `today`: a date
    later than today plus `tolerance-days` cannot be a publication date, nor can one before
    `floor`, nor a known placeholder such as the Unix epoch (1970-01-01). A year-only or
    month-only date is compared by its first day; a day without a year is not compared.
    Dates in the body text ("the line is planned for 2031") are never findings.

    ## Why is this bad?
    A future or epoch-zero date is a broken extraction or a default value; filtering the corpus
    by time would put the document in the wrong place.

    ## Example
    ```text
    Published: March 3, 2099
    ```
    Use instead: the real publication date, or no date header (DAT001 will then say so).

    ## Fix safety
    No fix: the real date is unknown.

    ## Options
    - `today` (default: the real date when the check runs): the reference date; set it for
      reproducible runs (`today = 2026-06-01`).
    - `tolerance-days` (default: 1): days after `today` still accepted (time zones, scheduled
      posts).
    - `floor` (default: 1800-01-01): the earliest plausible publication date.
    - `placeholders` (default: `[1970-01-01]`): dates that are defaults, not publication dates.
    - and the options of DAT001.
    """

    code = "DAT004"
    name = "implausible-date"
    default_severity = Severity.WARNING
    Options = ImplausibleDateOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, ImplausibleDateOptions)
        publication = self.analysis(doc).publication
        if publication is None:
            return
        earliest = publication.value.earliest()
        if earliest is None:
            return
        today = options.today or date.today()
        if earliest > today + timedelta(days=options.tolerance_days):
            problem = f"is after today ({today.isoformat()})"
        elif earliest < options.floor:
            problem = f"is before {options.floor.isoformat()}"
        elif publication.value.as_date() in options.placeholders:
            problem = "looks like a placeholder"
        else:
            return
        start, end = _span(doc, publication.span)
        where = _where_candidate(publication.source, publication.key)
        written = f"`{publication.text}`" if publication.text else publication.value.isoformat()
        yield self.report(doc, start, end, f"Publication date {written} in {where} {problem}")


def _where_candidate(source: SourceKind, key: str | None) -> str:
    if source is SourceKind.METADATA:
        return f"field `{key}`"
    if source is SourceKind.FRONT_MATTER:
        return f"front matter `{key}`"
    if source is SourceKind.HEADER:
        return f"the `{key}` header" if key else "the date line"
    return f"the {source}"


RULES = [MissingDate, UnanchoredRelativeDate, InvalidDate, ImplausibleDate]
