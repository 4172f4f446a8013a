"""Suppressions written in documents: comments, front matter and a record field.

Forms, each taking a list of codes or prefixes (as `select` does: `QUO001`, `QUO`, `ALL`)
separated by commas or spaces; no codes means every code. A reason may follow ` -- `.

- `<!-- seedlint-disable QUO001, ENC -->` … `<!-- seedlint-enable -->`: a region. A bare
  `seedlint-enable` ends every region; `<!-- seedlint-enable QUO001 -->` re-enables just those
  codes (also inside a bare `seedlint-disable`). A region left open runs to the end.
- `<!-- seedlint-disable-next-line QUO001 -->`: the line after the comment.
- `<!-- seedlint-disable-line QUO001 -->`: the line(s) the comment is on.
- `<!-- seedlint-disable-file QUO001 -->`: the whole document, wherever the comment stands.
- Front matter: `seedlint: {ignore: [QUO001, DAT]}` (YAML or TOML; a comma-separated string
  works too): the whole document.
- A record field (for JSONL documents, `--ignore-field`): passed in as `ignored_codes`, the
  whole record.

A comment counts only when it starts with `seedlint-` right after `<!--`, and not inside
fenced, indented or inline code, so documentation that shows the syntax does not trigger it.
A directive whose codes do not parse is ignored as a whole (listed in `malformed`) rather
than half-applied. A finding is suppressed according to where it starts. `filter()` also
lists the directives, and the codes of each, that suppressed nothing, for `SL100
unused-suppression`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from lint.analysis.markdown import markdown_regions
from lint.document import Document
from lint.finding import Finding

ALL = "ALL"
FRONT_MATTER_KEY = "seedlint"
FRONT_MATTER_IGNORE = "ignore"

_DIRECTIVE = re.compile(r"\A\s*seedlint-(?P<kind>[A-Za-z-]*)(?P<rest>.*)\Z", re.DOTALL)
_SELECTOR = re.compile(r"\A(?:ALL|[A-Z]{1,5}[0-9]{0,4})\Z")
_FRONT_MATTER_LINE = re.compile(
    r"^[ \t]*(?:\[[ \t]*seedlint[ \t]*\]|[\"']?seedlint[\"']?[ \t]*[:=.])", re.MULTILINE
)


class Kind(StrEnum):
    DISABLE = "disable"
    ENABLE = "enable"
    NEXT_LINE = "disable-next-line"
    LINE = "disable-line"
    FILE = "disable-file"
    FRONT_MATTER = "front-matter"
    RECORD_FIELD = "record-field"


_COMMENT_KINDS = {
    kind.value: kind for kind in (Kind.DISABLE, Kind.ENABLE, Kind.NEXT_LINE, Kind.LINE, Kind.FILE)
}
_WHOLE_DOCUMENT = (Kind.FILE, Kind.FRONT_MATTER, Kind.RECORD_FIELD)


@dataclass(frozen=True)
class Directive:
    """One suppression: its kind, codes or prefixes (empty: all), and where it is written.

    `start`/`end` are offsets of the comment (or front matter line); `rows` the lines it
    covers for line directives. Record-field directives sit at offset 0.
    """

    kind: Kind
    selectors: tuple[str, ...]
    start: int
    end: int
    first_row: int
    last_row: int

    def matches(self, code: str) -> bool:
        return _matching(self.selectors, code) is not None

    @property
    def codes_text(self) -> str:
        return ", ".join(self.selectors) if self.selectors else ALL


@dataclass(frozen=True)
class MalformedDirective:
    """A directive that was ignored, with why (an unknown kind, a code that does not parse)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class UnusedSuppression:
    """A directive, and those of its codes (or `ALL`), that suppressed no finding."""

    directive: Directive
    selectors: tuple[str, ...]

    @property
    def message(self) -> str:
        codes = ", ".join(self.selectors)
        where = {
            Kind.FRONT_MATTER: "front-matter suppression",
            Kind.RECORD_FIELD: "record-field suppression",
        }.get(self.directive.kind, f"`seedlint-{self.directive.kind.value}` comment")
        return f"Unused {where} of {codes}: no such finding here"


class SuppressionResult(NamedTuple):
    kept: list[Finding]
    suppressed: list[Finding]
    unused: list[UnusedSuppression]


def _matching(selectors: tuple[str, ...], code: str) -> str | None:
    """The selector that covers `code` (`ALL` for an empty list), or None."""
    if not selectors:
        return ALL
    for selector in selectors:
        if selector == ALL or code.startswith(selector):
            return selector
    return None


def parse_codes(value: str) -> tuple[str, ...] | str:
    """Codes from a comma- or space-separated list; a string error message if one is not a code.

    Codes are written in capitals, as everywhere else, so a reason written without ` -- `
    ("disable QUO001 because …") is an error rather than a list of odd prefixes.
    """
    selectors = []
    for token in re.split(r"[\s,]+", value.strip()):
        if not token:
            continue
        if not _SELECTOR.match(token):
            return f"{token!r} is not a rule code or prefix"
        selectors.append(token)
    return tuple(dict.fromkeys(selectors))


def codes_from_value(value: Any) -> tuple[str, ...] | str:
    """Codes from a front-matter or record-field value: a list of codes or a string of them."""
    if isinstance(value, str):
        return parse_codes(value)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return parse_codes(",".join(value))
    return f"expected a list of codes, got {type(value).__name__}"


def _html_comments(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, body) of each `<!-- … -->`, in one linear pass (no nesting, as in HTML)."""
    position = 0
    while (start := text.find("<!--", position)) != -1:
        close = text.find("-->", start + 4)
        if close == -1:
            return  # no comment closes after this point
        yield start, close + 3, text[start + 4 : close]
        position = close + 3


def _comment_directives(
    doc: Document, directives: list[Directive], malformed: list[MalformedDirective]
) -> None:
    text = doc.text
    regions = doc.analysis(markdown_regions)
    code = sorted([*regions.code_blocks, *regions.inline_code])  # disjoint spans
    code_starts = [span_start for span_start, _ in code]
    for start, end, body in _html_comments(text):
        found = _DIRECTIVE.match(body)
        if found is None:
            continue
        index = bisect_right(code_starts, start) - 1
        if index >= 0 and start < code[index][1]:
            continue  # inside code: documentation showing the syntax
        kind = _COMMENT_KINDS.get(found["kind"].lower())
        rest = found["rest"]
        if kind is None or (rest and not rest[0].isspace()):
            word = f"seedlint-{found['kind']}{rest.split(maxsplit=1)[0] if rest.strip() else ''}"
            malformed.append(MalformedDirective(start, end, f"unknown directive {word!r}"))
            continue
        codes = parse_codes(rest.split("--", 1)[0])
        if isinstance(codes, str):
            malformed.append(MalformedDirective(start, end, codes))
            continue
        first_row = doc.location(start).row
        last_row = doc.location(end).row
        directives.append(Directive(kind, codes, start, end, first_row, last_row))


def _front_matter_directive(
    doc: Document, directives: list[Directive], malformed: list[MalformedDirective]
) -> None:
    front = doc.front_matter
    if front is None or FRONT_MATTER_KEY not in front.data:
        return
    line = _FRONT_MATTER_LINE.search(doc.text, front.body_start, front.end)
    start = line.start() if line else front.start
    end = doc.text.find("\n", start, front.end) if line else front.end
    end = front.end if end == -1 else end
    settings = front.data[FRONT_MATTER_KEY]
    if not isinstance(settings, dict) or set(settings) != {FRONT_MATTER_IGNORE}:
        reason = f"front matter `{FRONT_MATTER_KEY}` must be a mapping with one key, `ignore`"
        malformed.append(MalformedDirective(start, end, reason))
        return
    codes = codes_from_value(settings[FRONT_MATTER_IGNORE])
    if isinstance(codes, str):
        malformed.append(MalformedDirective(start, end, f"front matter `seedlint.ignore`: {codes}"))
        return
    if codes:  # `ignore: []` suppresses nothing rather than everything
        row = doc.location(start).row
        directives.append(Directive(Kind.FRONT_MATTER, codes, start, end, row, row))


@dataclass(frozen=True)
class Suppressions:
    """The suppressions of one document; build with `from_document`, apply with `filter`."""

    directives: tuple[Directive, ...] = ()
    malformed: tuple[MalformedDirective, ...] = ()
    _regions: tuple[Directive, ...] = field(default=(), repr=False)

    @classmethod
    def from_document(
        cls, doc: Document, *, ignored_codes: Sequence[str] | str | None = None
    ) -> Suppressions:
        """Read the document's comments and front matter; `ignored_codes` is the value of a
        record's ignore field (a list of codes or a comma-separated string), if any."""
        directives: list[Directive] = []
        malformed: list[MalformedDirective] = []
        if "seedlint-" in doc.text:
            _comment_directives(doc, directives, malformed)
        if doc.text.startswith(("---", "+++", "\ufeff")):
            _front_matter_directive(doc, directives, malformed)
        if ignored_codes is not None:
            codes = codes_from_value(ignored_codes)
            if isinstance(codes, str):
                malformed.append(MalformedDirective(0, 0, f"record ignore field: {codes}"))
            elif codes:
                directives.append(Directive(Kind.RECORD_FIELD, codes, 0, 0, 1, 1))
        regions = tuple(d for d in directives if d.kind in (Kind.DISABLE, Kind.ENABLE))
        return cls(tuple(directives), tuple(malformed), regions)

    @property
    def is_empty(self) -> bool:
        return not self.directives

    def filter(
        self, findings: Iterable[Finding], *, enabled_codes: Collection[str] | None = None
    ) -> SuppressionResult:
        """Split the document's findings into kept and suppressed, and list unused directives.

        `enabled_codes`: the codes that ran on this document. A directive's code that matches
        none of them is not called unused (its rule did not run, so nobody knows). None means
        every code ran.
        """
        findings = list(findings)
        if not self.directives:
            return SuppressionResult(findings, [], [])
        index = _Index(self.directives, self._regions)
        kept: list[Finding] = []
        suppressed: list[Finding] = []
        used: dict[int, set[str]] = {}
        for finding in findings:
            covering = index.covering(finding)
            if covering is None:
                kept.append(finding)
            else:
                directive, selector = covering
                used.setdefault(id(directive), set()).add(selector)
                suppressed.append(finding)
        unused: list[UnusedSuppression] = []
        for directive in self.directives:
            if directive.kind == Kind.ENABLE:
                continue
            selectors = directive.selectors or (ALL,)
            left = tuple(
                selector
                for selector in selectors
                if selector not in used.get(id(directive), ())
                and (enabled_codes is None or any(_matching((selector,), c) for c in enabled_codes))
            )
            if left:
                unused.append(UnusedSuppression(directive, left))
        return SuppressionResult(kept, suppressed, unused)


class _Index:
    """The directives arranged for lookups: line directives by row, regions as a timeline per
    code, so that filtering stays linear even with many directives and findings."""

    def __init__(self, directives: Sequence[Directive], regions: Sequence[Directive]) -> None:
        self.by_row: dict[int, list[Directive]] = {}
        for directive in directives:
            if directive.kind == Kind.LINE:
                rows: Iterable[int] = range(directive.first_row, directive.last_row + 1)
            elif directive.kind == Kind.NEXT_LINE:
                rows = (directive.last_row + 1,)
            else:
                continue
            for row in rows:
                self.by_row.setdefault(row, []).append(directive)
        self.whole = [d for d in directives if d.kind in _WHOLE_DOCUMENT]
        self.regions = regions
        self.timelines: dict[str, tuple[list[int], list[tuple[Directive, str] | None]]] = {}

    def _timeline(self, code: str) -> tuple[list[int], list[tuple[Directive, str] | None]]:
        """Offsets where `code`'s state changes, and the disabling directive from there on."""
        timeline = self.timelines.get(code)
        if timeline is None:
            offsets: list[int] = []
            states: list[tuple[Directive, str] | None] = []
            for directive in self.regions:
                selector = _matching(directive.selectors, code)
                if selector is None:
                    continue
                offsets.append(directive.end)
                states.append((directive, selector) if directive.kind == Kind.DISABLE else None)
            timeline = self.timelines[code] = (offsets, states)
        return timeline

    def covering(self, finding: Finding) -> tuple[Directive, str] | None:
        """The most specific directive suppressing `finding` (line, then region, then whole
        document), with the selector that matched."""
        code = finding.code
        for directive in self.by_row.get(finding.location.row, ()):
            selector = _matching(directive.selectors, code)
            if selector is not None:
                return directive, selector
        if self.regions:
            offsets, states = self._timeline(code)
            position = bisect_right(offsets, finding.offset) - 1
            if position >= 0 and states[position] is not None:
                return states[position]
        for directive in self.whole:
            selector = _matching(directive.selectors, code)
            if selector is not None:
                return directive, selector
        return None
