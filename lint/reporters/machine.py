"""Machine-readable reports: JSON, JSON Lines, GitHub workflow commands, JUnit XML.

The JSON object of a finding is a public interface; see README "Output formats".
"""

from __future__ import annotations

import json
import re
from itertools import groupby
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from lint.finding import Finding, Location, Severity
from lint.reporters import Report
from lint.reporters.text import location_label


def _location(location: Location) -> dict[str, int]:
    return {"row": location.row, "column": location.column}


def finding_object(finding: Finding, report: Report) -> dict[str, Any]:
    rule = report.rules.get(finding.code)
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability,
            "message": finding.fix.message,
            "edits": [
                {
                    "content": edit.content,
                    "location": _location(edit.location),
                    "end_location": _location(edit.end_location),
                }
                for edit in finding.fix.edits
            ],
        }
    record = None
    if finding.record is not None:
        record = {"index": finding.record.index, "id": finding.record.id}
    return {
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity.value,
        "filename": finding.filename,
        "record": record,
        "location": _location(finding.location),
        "end_location": _location(finding.end_location),
        "fix": fix,
        "url": getattr(rule, "url", None),
    }


def _dumps(value: Any, **kwargs: Any) -> str:
    # ensure_ascii keeps lone surrogates from decoded text valid as JSON escapes
    return json.dumps(value, ensure_ascii=True, **kwargs)


def json_array(report: Report, out: TextIO) -> None:
    out.write(_dumps([finding_object(f, report) for f in report.result.findings], indent=2))
    out.write("\n")


def json_lines(report: Report, out: TextIO) -> None:
    for finding in report.result.findings:
        out.write(_dumps(finding_object(finding, report)) + "\n")


# -- GitHub Actions workflow commands ------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_data(text: str) -> str:
    """Escape a command's message the way the Actions toolkit does (`escapeData`); a lone
    surrogate (from an undecodable file name) cannot be written as UTF-8, so show its code."""
    text = _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, out: TextIO) -> None:
    for finding in report.result.findings:
        out.write(github_line(finding))


def github_line(finding: Finding) -> str:
    """One workflow command; document text is escaped so it can never start another."""
    properties = {
        "file": finding.filename,
        "line": finding.location.row,
        "col": finding.location.column,
        "endLine": finding.end_location.row,
        "endColumn": finding.end_location.column,
        "title": finding.code,
    }
    rendered = ",".join(f"{key}={_escape_property(str(v))}" for key, v in properties.items())
    where = ""
    if finding.record is not None:
        where = location_label(finding).rsplit(":", 2)[0] + ": "
    message = _escape_data(f"{where}{finding.message} ({finding.name})")
    return f"::{_GITHUB_LEVEL[finding.severity]} {rendered}::{message}\n"


# -- JUnit XML -----------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return escape(_XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def junit(report: Report, out: TextIO) -> None:
    """One test case per checked file with findings; a failure lists its findings."""
    findings = report.result.findings
    by_file = {name: list(items) for name, items in groupby(findings, key=lambda f: f.filename)}
    names = list(dict.fromkeys([*report.result.paths, *by_file]))
    tests = len(names)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<testsuites name="seedlint" tests="{tests}" failures="{len(by_file)}">\n'
        f'  <testsuite name="seedlint" tests="{tests}" failures="{len(by_file)}" errors="0">\n'
    )
    for filename in names:
        items = by_file.get(filename)
        out.write(f'    <testcase classname="seedlint" name={_xml_attr(filename)}')
        if not items:
            out.write("/>\n")
            continue
        out.write(">\n")
        summary = f"{len(items)} finding{'s' if len(items) != 1 else ''}"
        body = "\n".join(f"{location_label(f)}: {f.code} {f.message}" for f in items)
        out.write(f'      <failure message={_xml_attr(summary)} type="seedlint">')
        out.write(_xml_text(body) + "</failure>\n    </testcase>\n")
    out.write("  </testsuite>\n</testsuites>\n")
