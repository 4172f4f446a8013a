"""Helpers for the whitespace tests: run WS rules and apply their fixes (no tests here)."""

from __future__ import annotations

from lint.document import Document
from lint.finding import Edit, Finding
from lint.runner import check_document
from rules.whitespace import RULES

WS_CODES = tuple(rule.code for rule in RULES)
_BY_CODE = {rule.code: rule for rule in RULES}


def ws_findings(text: str, *codes: str, path: str = "doc.txt", **options: object) -> list[Finding]:
    """Findings of the named WS rules (all of them by default), with `options` for each."""
    rules = []
    for code in codes or WS_CODES:
        rule_type = _BY_CODE[code]
        accepted = {k: v for k, v in options.items() if k in rule_type.Options.model_fields}
        rules.append(rule_type(options=rule_type.Options(**accepted)))
    findings, errors = check_document(Document(path, text), rules)
    assert errors == 0, [f.message for f in findings]
    return findings


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits right to left (a test-only stand-in for `--fix`).

    Edits are taken by decreasing end; one that overlaps an edit already applied is skipped, as
    a fixer leaves it to a later pass. So an edit inside a larger deletion (a CR that WS005
    would remove inside blank lines that WS001 deletes) is dropped, and an insertion at the end
    of a deletion is kept.
    """
    result = text
    floor = len(text)  # start of the leftmost edit applied so far
    for edit in sorted(edits, key=lambda e: (e.end, e.start), reverse=True):
        if edit.end > floor:
            continue
        result = result[: edit.start] + edit.content + result[edit.end :]
        floor = edit.start
    return result


def safe_edits(findings: list[Finding]) -> list[Edit]:
    return [
        edit
        for finding in findings
        if finding.fix is not None and finding.fix.applicability == "safe"
        for edit in finding.fix.edits
    ]


def fix_all(text: str, *codes: str, path: str = "doc.txt") -> str:
    """The text after one pass of every safe fix of the named WS rules."""
    return apply_edits(text, safe_edits(ws_findings(text, *codes, path=path)))
