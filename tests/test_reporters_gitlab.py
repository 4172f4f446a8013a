"""`--output-format gitlab`: the GitLab Code Quality report, checked against GitLab's documented
fields (an array of issues with `description`, `check_name`, `fingerprint`, `severity`,
`location.path` relative to the repository, and a line in `location.positions.begin.line`),
with fingerprints that are unique within a report and stable while lines move."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lint.document import Document
from lint.finding import RecordRef, Severity
from lint.reporters import FORMATS, Report
from lint.runner import RunResult
from tests.conftest import run_seedlint
from tests.test_reporters_machine import HOSTILE, HOSTILE_PATH, EchoRule, render, report_for

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}
ISSUE_KEYS = {"description", "check_name", "fingerprint", "severity", "location"}


def assert_documented_issue(issue: dict) -> None:
    """One issue as GitLab reads it: every documented field present, of its documented type."""
    assert set(issue) == ISSUE_KEYS
    assert isinstance(issue["description"], str) and issue["description"].strip()
    assert isinstance(issue["check_name"], str)
    assert re.fullmatch(r"[A-Z]{1,5}\d{3,4}", issue["check_name"])
    assert isinstance(issue["fingerprint"], str)
    assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert issue["severity"] in GITLAB_SEVERITIES
    location = issue["location"]
    assert set(location) == {"path", "positions"}
    path = location["path"]
    assert isinstance(path, str) and path
    assert not path.startswith(("/", "./"))
    begin, end = location["positions"]["begin"], location["positions"]["end"]
    for position in (begin, end):
        assert set(position) == {"line", "column"}
        assert all(type(value) is int and value >= 1 for value in position.values())
    assert (end["line"], end["column"]) >= (begin["line"], begin["column"])
    for text in (issue["description"], path):
        text.encode("utf-8")  # no lone surrogates: GitLab parses the report as UTF-8


def gitlab_report(cwd: Path, *args: str, env: dict[str, str] | None = None) -> list[dict]:
    result = run_seedlint(
        "check", *args, "--select", "WS", "--output-format", "gitlab", "--jobs", "1",
        "--no-cache", cwd=cwd, env=env,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    issues = json.loads(result.stdout)
    assert isinstance(issues, list)
    for issue in issues:
        assert_documented_issue(issue)
    return issues


def test_gitlab_is_an_output_format():
    assert "gitlab" in FORMATS


def test_issues_have_gitlabs_documented_fields(tmp_path):
    (tmp_path / "notes.txt").write_bytes(b"First line.  \r\nSecond line.\r\n\r\n")
    (tmp_path / "clean.txt").write_text("Nothing to see here.\n")
    issues = gitlab_report(tmp_path, ".")
    assert [issue["check_name"] for issue in issues] == ["WS002", "WS005", "WS001"]
    first = issues[0]
    assert first["description"] == "WS002 Trailing whitespace (2 spaces)"
    assert first["severity"] == "info"
    assert first["location"] == {
        "path": "notes.txt",
        "positions": {"begin": {"line": 1, "column": 12}, "end": {"line": 1, "column": 14}},
    }


def test_the_report_of_a_clean_corpus_is_an_empty_array(tmp_path):
    (tmp_path / "clean.txt").write_text("Nothing to see here.\n")
    assert gitlab_report(tmp_path, ".") == []


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(Severity.INFO, "info"), (Severity.WARNING, "minor"), (Severity.ERROR, "major")],
)
def test_severity_maps_onto_gitlabs_scale(ours, theirs):
    finding = EchoRule(severity=ours).report(Document("a.txt", "abc"), 0, 1, "m")
    report = Report(RunResult(findings=[finding], files_checked=1, paths=["a.txt"]), {})
    assert json.loads(render("gitlab", report))[0]["severity"] == theirs


def test_identical_findings_get_distinct_fingerprints(tmp_path):
    # the same damaged line three times: one baseline fingerprint, three GitLab issues
    (tmp_path / "refrain.txt").write_text("Row, row, row.  \n" * 3)
    issues = gitlab_report(tmp_path, ".")
    assert [issue["check_name"] for issue in issues] == ["WS002"] * 3
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_fingerprints_are_unique_across_files_and_codes(tmp_path):
    damaged = "A line with a tab at the end.\t\nAnd no newline at the end"
    for name in ("a.txt", "b.txt", "sub/a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(damaged)
    issues = gitlab_report(tmp_path, ".")
    assert len(issues) == 6
    assert len({issue["fingerprint"] for issue in issues}) == 6


def test_fingerprints_stay_the_same_when_lines_move(tmp_path):
    body = "Tuesday's meeting moved to the library.  \nBring a chair\t\n"
    document = tmp_path / "minutes.txt"
    document.write_text(body)
    before = gitlab_report(tmp_path, ".")
    document.write_text("Minutes of the residents' association.\n\n" + body)
    after = gitlab_report(tmp_path, ".")
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    lines = [i["location"]["positions"]["begin"]["line"] for i in (*before, *after)]
    assert lines == [1, 2, 3, 4]
    # and repeated runs give the same report
    assert gitlab_report(tmp_path, ".") == after


def test_paths_are_relative_to_the_project_root_without_dot_slash(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.txt").write_text("Trailing space here. \n")
    from_root = gitlab_report(tmp_path, "./docs/page.txt")
    assert from_root[0]["location"]["path"] == "docs/page.txt"
    absolute = gitlab_report(tmp_path, str(tmp_path / "docs" / "page.txt"))
    assert absolute[0]["location"]["path"] == "docs/page.txt"
    # a job that runs from a subfolder still reports paths from the repository root
    env = {"CI_PROJECT_DIR": str(tmp_path)}
    from_subfolder = gitlab_report(tmp_path / "docs", ".", env=env)
    assert from_subfolder[0]["location"]["path"] == "docs/page.txt"
    assert from_subfolder[0]["fingerprint"] == from_root[0]["fingerprint"]


def test_findings_inside_records_name_the_record(tmp_path):
    records = [
        {"id": "a-1", "text": "Clean record text.\n"},
        {"id": "b-2", "text": "First line.  \nSecond line.\n"},
        {"id": "c-3", "text": "First line.  \nSecond line.\n"},
    ]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    issues = gitlab_report(tmp_path, ".")
    assert [issue["description"] for issue in issues] == [
        "record #1 [id=b-2], line 1, column 12: WS002 Trailing whitespace (2 spaces)",
        "record #2 [id=c-3], line 1, column 12: WS002 Trailing whitespace (2 spaces)",
    ]
    for issue in issues:
        # a line inside a record's text is no line of the file: the issue sits on line 1
        assert issue["location"]["path"] == "corpus.jsonl"
        assert issue["location"]["positions"]["begin"] == {"line": 1, "column": 1}
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]  # same text, other record


def test_record_without_id_is_named_by_its_index():
    report = report_for({"corpus.jsonl": "text"}, record=RecordRef(index=7))
    (issue,) = json.loads(render("gitlab", report))
    assert_documented_issue(issue)
    assert issue["description"].startswith("record #7, line 1, column 1: TST001 ")


def test_hostile_messages_and_paths_stay_valid_json_and_unicode():
    report = report_for({HOSTILE_PATH: HOSTILE, "a:b #1?.txt": "x"})
    output = render("gitlab", report)
    assert output.isascii()
    issues = json.loads(output)
    for issue in issues:
        assert_documented_issue(issue)
    by_path = {issue["location"]["path"]: issue for issue in issues}
    assert set(by_path) == {HOSTILE_PATH, "a:b #1?.txt"}
    description = by_path[HOSTILE_PATH]["description"]
    assert "<script>alert(1)</script>" in description and "\ufffd" in description
    assert "\ud800" not in description


def test_report_written_to_a_file_leaves_stdout_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("Trailing.  \n")
    result = run_seedlint(
        "check", ".", "--select", "WS", "--output-format", "gitlab",
        "-o", "gl-code-quality-report.json", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    issues = json.loads((tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [issue["check_name"] for issue in issues] == ["WS002"]
