"""An example rule pack: template placeholders left in published text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lint import Document, Finding, FixAvailability, Rule, RuleOptions

_PLACEHOLDER = re.compile(
    r"\[(?:insert|add|todo|tk|name|date|link)\b[^\]\n]{0,60}\]|\blorem ipsum\b|\bTK\b|\bXXX+\b",
    re.IGNORECASE,
)


class PlaceholderOptions(RuleOptions):
    extra_markers: tuple[str, ...] = ()


class PlaceholderText(Rule):
    """A template placeholder was left in the text.

    ## What it does
    Finds bracketed template markers (`[insert quote]`, `[TK]`, `[name]`), "lorem ipsum" and
    the newsroom marks TK and XXX.

    ## Why is this bad?
    A placeholder means the document was published before it was finished.

    ## Example
    `The minister said [insert quote] on Tuesday.`

    Write the missing text instead of the marker.

    ## Fix safety
    No fix: only a person knows what should stand there.

    ## Options
    - `extra-markers` (list of strings, default `[]`): more literal markers to report.
    """

    code = "PLH001"
    name = "placeholder-text"
    family = "placeholders"
    fix_availability = FixAvailability.NONE
    Options = PlaceholderOptions

    def check(self, doc: Document) -> Iterator[Finding]:
        for match in _PLACEHOLDER.finditer(doc.text):
            yield self.report(doc, match.start(), match.end(), f"Placeholder {match.group()!r}")
        for marker in self.options.extra_markers:
            start = doc.text.find(marker)
            while start != -1:
                end = start + len(marker)
                yield self.report(doc, start, end, f"Placeholder {marker!r}")
                start = doc.text.find(marker, end)


RULES = [PlaceholderText]
