"""The rule API: what a rule declares, how it reports, and how its documentation is read.

A rule is a class with a docstring in the ruff style (a one-line summary, then the sections
"## What it does", "## Why is this bad?", "## Example" and "## Fix safety") and a `check()`
that yields findings for one `Document`. Rules do no I/O.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from lint.baseline import span_fingerprint
from lint.document import Document
from lint.finding import Edit, Finding, Fix, Location, RecordRef, Severity, build_unchecked

MAX_SOURCE_LINE = 2000  # longer lines are not copied into findings for the source excerpt
CODE_PATTERN = re.compile(r"^[A-Z]{1,5}[0-9]{3,4}$")
DOC_SECTIONS = {
    "what it does": "what",
    "why is this bad?": "why",
    "example": "example",
    "fix safety": "fix_safety",
    "options": "options",
}
REQUIRED_DOC_SECTIONS = ("what", "why", "example", "fix_safety")


class FixAvailability(StrEnum):
    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES = "sometimes"  # safe for some findings, unsafe for others


class RuleOptions(BaseModel):
    """Base for a rule's options; keys are written in kebab-case in configuration."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
        frozen=True,
    )


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    what: str = ""
    why: str = ""
    example: str = ""
    fix_safety: str = ""
    options: str = ""

    @property
    def missing_sections(self) -> list[str]:
        return [name for name in REQUIRED_DOC_SECTIONS if not getattr(self, name).strip()]


def parse_rule_doc(docstring: str | None) -> RuleDoc:
    text = inspect.cleandoc(docstring or "")
    summary, _, rest = text.partition("\n")
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in rest.splitlines():
        heading = re.match(r"^##\s+(.*?)\s*$", line)
        if heading and heading.group(1).lower() in DOC_SECTIONS:
            current = DOC_SECTIONS[heading.group(1).lower()]
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return RuleDoc(
        summary=summary.strip(), **{k: "\n".join(v).strip() for k, v in sections.items()}
    )


class Rule:
    """Base class of every rule, built-in or from a plugin."""

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NONE
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    url: ClassVar[str | None] = None

    def __init__(self, options: RuleOptions | None = None, severity: Severity | None = None):
        self.options = options if options is not None else self.Options()
        self.severity = severity or self.default_severity

    @classmethod
    def documentation(cls) -> RuleDoc:
        return parse_rule_doc(cls.__doc__)

    @classmethod
    def origin(cls) -> str:
        return f"{cls.__module__}.{cls.__qualname__}"

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers for rule authors ----------------------------------------------------------
    def report(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule for the characters `start`..`end` of `doc.text`."""
        if not 0 <= start <= end <= len(doc.text):
            raise ValueError(f"span {start}..{end} is not inside the document")
        location = doc.location(start)
        # the engine computes every field but the message: skip pydantic's validation here
        return build_unchecked(
            Finding,
            {
                "code": self.code,
                "name": self.name,
                "message": str(message),
                "severity": severity or self.severity,
                "filename": doc.path,
                "record": doc.record,
                "location": location,
                "end_location": doc.location(end),
                "offset": start,
                "end_offset": end,
                "fix": fix,
                "source_line": (
                    doc.line_text(location.row)
                    if doc.line_length(location.row) <= MAX_SOURCE_LINE
                    else None  # shown in no terminal, and copying it per finding is quadratic
                ),
                "fingerprint": span_fingerprint(self.code, doc.text, start, end, message),
            },
        )

    @staticmethod
    def edit(doc: Document, start: int, end: int, content: str) -> Edit:
        return Edit(
            content=content,
            start=start,
            end=end,
            location=doc.location(start),
            end_location=doc.location(end),
        )

    @classmethod
    def replacement(
        cls,
        doc: Document,
        start: int,
        end: int,
        content: str,
        *,
        safe: bool,
        message: str | None = None,
    ) -> Fix:
        """A fix made of one edit."""
        return Fix(
            applicability="safe" if safe else "unsafe",
            message=message,
            edits=(cls.edit(doc, start, end, content),),
        )


CheckFunction = Callable[[Rule, Document], Iterator[Finding]]


def rule(
    *,
    code: str,
    name: str,
    family: str,
    severity: Severity = Severity.WARNING,
    enabled: bool = True,
    fix: FixAvailability = FixAvailability.NONE,
    options: type[RuleOptions] = RuleOptions,
) -> Callable[[CheckFunction], type[Rule]]:
    """Turn a function `check(rule, doc)` into a Rule class; its docstring is the rule's doc."""

    def wrap(function: CheckFunction) -> type[Rule]:
        namespace = {
            "__doc__": function.__doc__,
            "__module__": function.__module__,
            "__qualname__": function.__qualname__,
            "code": code,
            "name": name,
            "family": family,
            "default_severity": severity,
            "default_enabled": enabled,
            "fix_availability": fix,
            "Options": options,
            "check": lambda self, doc: function(self, doc),
        }
        return type(function.__name__, (Rule,), namespace)

    return wrap


@dataclass(frozen=True)
class CorpusItem:
    """One document's signature, as the reduce step of a corpus rule sees it."""

    filename: str
    record: RecordRef | None
    signature: Any


class CorpusReducer:
    """Takes a corpus rule's signatures one at a time, in corpus order, then gives its
    findings. This default keeps every item and calls the rule's `reduce()` at the end; a
    rule meant for millions of documents returns its own from `CorpusRule.reducer()` to hold
    them more compactly."""

    def __init__(self, rule: CorpusRule):
        self.rule = rule
        self.items: list[CorpusItem] = []

    def add(self, item: CorpusItem) -> None:
        self.items.append(item)

    def findings(self) -> Iterable[Finding]:
        return self.rule.reduce(self.items)


class CorpusRule(Rule):
    """A rule over the whole corpus: a map step per document, then one reduce step.

    `signature(doc)` runs in the workers beside the document rules and returns a small,
    JSON-serialisable value (or None to leave the document out); `reduce(items)` receives
    every signature in corpus order (path, then record) and yields findings, made with
    `report_document()`. Both steps must give the same findings on every engine. The engine
    feeds signatures through `reducer()`, whose default collects them for `reduce()`.
    """

    def reducer(self) -> CorpusReducer:
        return CorpusReducer(self)

    def check(self, doc: Document) -> Iterable[Finding]:
        return ()

    def signature(self, doc: Document) -> Any:
        raise NotImplementedError

    def reduce(self, items: Sequence[CorpusItem]) -> Iterable[Finding]:
        raise NotImplementedError

    def report_document(self, item: CorpusItem, message: str) -> Finding:
        """A document-level finding (at 1:1) for the document behind `item`."""
        origin = Location(row=1, column=1)
        return Finding(
            code=self.code,
            name=self.name,
            message=message,
            severity=self.severity,
            filename=item.filename,
            record=item.record,
            location=origin,
            end_location=origin,
            offset=0,
            end_offset=0,
        )
