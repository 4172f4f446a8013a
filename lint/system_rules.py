"""Findings the engine itself reports about a run: files it could not check, rules that failed.

They are rules like any other so that they can be selected, ignored and explained, but the
engine emits them; their `check()` yields nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.document import Document
from lint.finding import Finding, Severity
from lint.rule import Rule


class _EngineRule(Rule):
    family = "system"

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())


class RuleTimedOut(_EngineRule):
    """A rule ran out of its time budget on a document and was stopped.

    ## What it does
    Every document's rules run under a time budget (`rule-timeout` in the configuration,
    10 seconds by default; 0 turns it off). A rule still running when it runs out is stopped,
    reported here with its code, and the other rules go on with a fresh budget.

    ## Why is this bad?
    The stopped rule checked nothing on this document, and a rule that slow on one document
    usually has a pathological case (a regular expression that backtracks, say) worth
    reporting to its authors. The run exits with code 2 unless `--ignore-rule-errors`.

    ## Example
    `SL001 Rule QUO001 (unattributed-quote) ran out of its 10 s budget on this document`

    ## Fix safety
    No fix.
    """

    code = "SL001"
    name = "rule-timeout"
    default_severity = Severity.ERROR


class FileTooLarge(_EngineRule):
    """A text file is larger than `max-file-size` and was skipped.

    ## What it does
    Reports a plain text file over the configured size (`max-file-size`, 100 MiB by default)
    instead of reading it whole into memory. Record files (JSONL, Parquet) are streamed and
    have no such limit.

    ## Why is this bad?
    A single document that large is rarely a document: it is usually a concatenated dump that
    should be split into records.

    ## Example
    `SL006 File skipped: 1,536.0 MiB is over the 100 MiB limit (max-file-size)`

    ## Fix safety
    No fix: split the file, or raise `max-file-size` to check it anyway.
    """

    code = "SL006"
    name = "file-too-large"
    default_severity = Severity.WARNING


class RuleError(_EngineRule):
    """A rule raised an exception on a document.

    ## What it does
    Reports a rule that failed on a document, naming the rule and the exception. The other
    rules still check the document, and the run goes on with the next one.

    ## Why is this bad?
    A failing rule checked nothing: the document may hold problems nobody was told about.
    The run exits with code 2 unless `--ignore-rule-errors` is given.

    ## Example
    `SL002 Rule QUO001 failed on this document: IndexError: list index out of range`

    ## Fix safety
    No fix: report the bug to the rule pack's authors.
    """

    code = "SL002"
    name = "rule-error"
    default_severity = Severity.ERROR


class UnreadableFile(_EngineRule):
    """A file could not be read.

    ## What it does
    Reports a path that was named or found but could not be opened or read: missing
    permissions, a broken symbolic link, a device or a FIFO.

    ## Why is this bad?
    A document that cannot be read cannot be checked; the corpus is not what it seems.

    ## Example
    `SL003 Cannot read file: permission denied`

    ## Fix safety
    No fix.
    """

    code = "SL003"
    name = "unreadable-file"
    default_severity = Severity.ERROR


class BinaryFile(_EngineRule):
    """A file is binary, not text, and was skipped.

    ## What it does
    Reports a file whose bytes are mostly NUL or other non-text bytes; it is skipped
    instead of being decoded into noise.

    ## Why is this bad?
    A binary file in a text corpus is usually a mistake of the pipeline that built it.

    ## Example
    `SL004 Binary file skipped (38% NUL bytes)`

    ## Fix safety
    No fix.
    """

    code = "SL004"
    name = "binary-file"
    default_severity = Severity.WARNING


class InvalidRecord(_EngineRule):
    """A record of a JSONL or Parquet file is not a usable document.

    ## What it does
    Reports a record that is not valid JSON, not a JSON object, has no text field, or whose
    text field is not a string. The record is counted as invalid and the rest of the file is
    still checked.

    ## Why is this bad?
    A record that cannot be read is silently lost by whatever consumes the corpus next.

    ## Example
    `corpus.jsonl:#41:1:1: REC001 Invalid record: field `text` is null, not a string`

    ## Fix safety
    No fix: only the pipeline that wrote the record knows what it should hold.
    """

    code = "REC001"
    name = "invalid-record"
    family = "records"
    default_severity = Severity.ERROR


class UnusedSuppression(_EngineRule):
    """A suppression comment, front-matter entry or record field suppressed nothing.

    ## What it does
    Reports a `<!-- seedlint-disable … -->` comment (or a front-matter `seedlint: {ignore:
    […]}` entry, or a record's ignore field) naming codes for which no finding was
    suppressed. Codes of rules that did not run are never reported. Off by default.

    ## Why is this bad?
    A suppression that is no longer needed hides the next real problem at that place.

    ## Example
    `<!-- seedlint-disable-next-line QUO001 -->` above a line whose quotation is attributed.

    ## Fix safety
    No fix: remove the comment by hand.
    """

    code = "SL100"
    name = "unused-suppression"
    default_enabled = False
    default_severity = Severity.INFO


class InvalidSuppression(_EngineRule):
    """A suppression comment that cannot be read, and so suppresses nothing.

    ## What it does
    Reports a `<!-- seedlint-… -->` comment whose kind or codes do not parse (a misspelt
    `seedlint-disabel`, a lowercase code), and front matter whose `seedlint` entry is not a
    list of codes.

    ## Why is this bad?
    The author meant to silence something and did not: the findings it was meant for are
    still reported, or a real problem is being waved through by the wrong code.

    ## Example
    `<!-- seedlint-disable quo001 -->` (codes are written in capitals: `QUO001`).

    ## Fix safety
    No fix.
    """

    code = "SL101"
    name = "invalid-suppression"
    default_severity = Severity.WARNING


class FixNotWritten(_EngineRule):
    """A fixed file could not be written back, so it was left untouched.

    ## What it does
    Reports a file whose fixes were computed but not written: it changed on disk while
    seedlint was working, the fixed text cannot be encoded in the file's own encoding
    (use `--to-utf8`), or the folder is not writable.

    ## Why is this bad?
    The findings reported for the file are still there.

    ## Example
    `SL005 Fixes not written: the file changed since it was read`

    ## Fix safety
    No fix: run again, or transcode with `--to-utf8`.
    """

    code = "SL005"
    name = "fix-not-written"
    default_severity = Severity.ERROR


RULES = [
    RuleTimedOut,
    RuleError,
    UnreadableFile,
    BinaryFile,
    FixNotWritten,
    FileTooLarge,
    InvalidRecord,
    UnusedSuppression,
    InvalidSuppression,
]
