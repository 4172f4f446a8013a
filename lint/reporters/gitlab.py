"""GitLab Code Quality report: the JSON a job hands to GitLab as `artifacts:reports:codequality`.

The report is an array of issues, each with the fields GitLab documents for the format (a subset
of the Code Climate issue spec; GitLab ignores the rest):

- `description`: the code and message, plus the record for a document inside a record file;
- `check_name`: the rule code;
- `fingerprint`: unique within the report and stable between runs, so GitLab can tell new
  issues from fixed ones. It is built from the path, the record (its id, else its index), the
  code and the finding's own fingerprint (its text and the text around it, see
  `lint.baseline`), never from line numbers: an issue keeps its fingerprint when lines move
  above it. Identical findings (the same damage repeated on identical lines) are numbered in
  order so that none collapses into another;
- `severity`: `info`, `minor` or `major` for seedlint's info, warning and error;
- `location.path`: relative to the repository root (`CI_PROJECT_DIR` when the job sets it,
  else the current directory), never prefixed with `./`;
- `location.positions.begin` / `.end`: 1-based line and column (columns in characters). A
  finding inside a record of a JSONL or Parquet file has no line of its own in the file, so
  it is placed on line 1 and its description names the record, line and column.

Strings are valid Unicode: lone surrogates (undecodable file names, broken text) become U+FFFD.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from lint.baseline import fingerprint as finding_fingerprint
from lint.baseline import record_key
from lint.finding import Finding, Severity
from lint.reporters import Report

SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
FINGERPRINT_HEX_DIGITS = 32


def _valid_unicode(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def repository_path(filename: str, root: Path | None) -> str:
    """The path GitLab matches against the repository: relative to `root`, `/`-separated."""
    if root is not None and filename != "-":
        absolute = Path(os.path.abspath(filename))
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            pass
    path = filename.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _root() -> Path | None:
    project_dir = os.environ.get("CI_PROJECT_DIR")
    return Path(os.path.abspath(project_dir)) if project_dir else None


def _record_label(finding: Finding) -> str:
    if finding.record is None:
        return ""
    label = f"record #{finding.record.index}"
    if finding.record.id is not None:
        label += f" [id={finding.record.id}]"
    return f"{label}, line {finding.location.row}, column {finding.location.column}: "


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:FINGERPRINT_HEX_DIGITS]


def issues(report: Report, root: Path | None = None) -> list[dict[str, Any]]:
    """The Code Quality issues of a run, in the order of its findings."""
    occurrences: Counter[tuple[str, str, str, str]] = Counter()
    result = []
    for finding in report.result.findings:
        path = repository_path(finding.filename, root)
        record = record_key(finding)
        key = (path, "" if record is None else f"{type(record).__name__}:{record}")
        identity = (*key, finding.code, finding_fingerprint(finding, None))
        occurrence = occurrences[identity]
        occurrences[identity] += 1
        if finding.record is None:
            begin = {"line": finding.location.row, "column": finding.location.column}
            end = {
                "line": finding.end_location.row,
                "column": max(finding.end_location.column, 1),
            }
        else:
            begin = end = {"line": 1, "column": 1}
        result.append(
            {
                "description": _valid_unicode(
                    f"{_record_label(finding)}{finding.code} {finding.message}"
                ),
                "check_name": finding.code,
                "fingerprint": _digest("seedlint", *identity, str(occurrence)),
                "severity": SEVERITY[finding.severity],
                "location": {
                    "path": _valid_unicode(path),
                    "positions": {"begin": begin, "end": end},
                },
            }
        )
    return result


def gitlab(report: Report, out: TextIO) -> None:
    out.write(json.dumps(issues(report, _root()), indent=2, ensure_ascii=True) + "\n")
