"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from lint import __version__
from lint.finding import Finding, Severity
from lint.reporters import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(code: str, report: Report) -> dict[str, Any]:
    rule = report.rules.get(code)
    if rule is None:
        return {"id": code}
    doc = rule.documentation()
    help_text = "\n\n".join(part for part in (doc.what, doc.why) if part) or doc.summary
    descriptor: dict[str, Any] = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": doc.summary or rule.name},
        "fullDescription": {"text": doc.what or doc.summary or rule.name},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": _LEVEL[rule.default_severity]},
        "properties": {"family": rule.family},
    }
    if getattr(rule, "url", None):
        descriptor["helpUri"] = rule.url
    return descriptor


def artifact_uri(filename: str) -> str:
    """A relative URI reference for a path: spaces, `%`, `#`, `?` and `:` percent-encoded.

    Lone surrogates (from undecodable file names) are encoded as the bytes they stood for.
    """
    try:
        data = filename.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = filename.encode("utf-8", "surrogatepass")
    return quote(data, safe="/")


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    region = {
        "startLine": finding.location.row,
        "startColumn": finding.location.column,
        "endLine": finding.end_location.row,
        "endColumn": max(finding.end_location.column, 1),
    }
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(finding.filename)},
            "region": region,
        }
    }
    if finding.record is not None:
        name = f"#{finding.record.index}"
        if finding.record.id is not None:
            name += f"[id={finding.record.id}]"
        location["logicalLocations"] = [{"name": name, "kind": "record"}]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
    }
    if finding.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": finding.fix.message or f"{finding.fix.applicability} fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": artifact_uri(finding.filename)},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": edit.location.row,
                                    "startColumn": edit.location.column,
                                    "endLine": edit.end_location.row,
                                    "endColumn": edit.end_location.column,
                                },
                                "insertedContent": {"text": edit.content},
                            }
                            for edit in finding.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def sarif_log(report: Report) -> dict[str, Any]:
    codes = sorted({finding.code for finding in report.result.findings})
    rule_index = {code: index for index, code in enumerate(codes)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "seedlint",
                        "version": __version__,
                        "rules": [_rule_descriptor(code, report) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, rule_index) for f in report.result.findings],
            }
        ],
    }


def sarif(report: Report, out: TextIO) -> None:
    out.write(json.dumps(sarif_log(report), indent=2, ensure_ascii=True) + "\n")
