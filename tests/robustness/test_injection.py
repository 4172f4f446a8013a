"""Injection-proof output: document text and file names reach every report only as text.
A document cannot add a GitHub workflow command, break SARIF/JSON/JUnit, or recolour,
retitle, hyperlink or reorder the user's terminal. (The HTML report's no-script guarantee is
tested in a browser by tests/test_html_report.py.)"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import run_seedlint
from tests.robustness.pipeline import TERMINAL_UNSAFE, lint_text, sarif_validator

PAYLOADS = {
    "workflow-command": (
        "Fine.\n::error file=x.py,line=1::injected\n%0A::warning::also\r::set-env name=X::1\n"
    ),
    "ansi-colour": "Looks clean \x1b[2J\x1b[31mRED\x1b[0m &amp; done.\n",
    "osc8-hyperlink": "Click \x1b]8;;https://attacker.invalid\x07here\x1b]8;;\x07 &amp; more.\n",
    "osc-title": "Text \x1b]0;pwned title\x07 &amp; more.\n",
    "bidi-override": "Total \u202e10 = 01\u202c and \u2066hidden\u2069 &amp; more.\n",
    "c1-csi": "Eight-bit CSI \x9b31m red \x85 next &amp; more.\n",
    "xml-breakers": "]]> </failure><script>alert(1)</script> \x01\x0b &amp; more.\n",
}
FILE_NAMES = {
    "workflow-command": "::error::x,%0A.txt",
    "ansi-colour": "\x1b[31mred.txt",
    "osc8-hyperlink": "\x1b]8;;x\x07link.txt",
    "osc-title": "title\x1b]0;t\x07.txt",
    "bidi-override": "evil\u202etxt.exe.txt",
    "c1-csi": "c1\x9bname.txt",
    "xml-breakers": "a&b<c>\"d'.txt",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("injection")
    for key, text in PAYLOADS.items():
        (folder / FILE_NAMES[key]).write_text(text, newline="")
    return folder


def _run(corpus: Path, fmt: str) -> str:
    done = run_seedlint("check", ".", "--output-format", fmt, "--no-cache", "--color", "always",
                        cwd=corpus)  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    return done.stdout


@pytest.mark.parametrize("fmt", ["full", "concise", "grouped"])
def test_terminal_reports_show_controls_and_bidi_marks_as_visible_escapes(corpus, fmt):
    out = _run(corpus, fmt)
    # --color always: seedlint's own SGR colour codes are allowed, nothing else is
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not {char for char in stripped if char in TERMINAL_UNSAFE}
    own_codes = set(re.findall(r"\x1b\[[0-9;]*m", out))
    assert all(re.fullmatch(r"\x1b\[(?:[0-9]{1,2};?)*m", code) for code in own_codes)
    assert "\\x1b[2J" in stripped or fmt != "full", "the escape must be shown, not dropped"
    assert "\\u202e" in stripped  # the bidi override in a file name, shown


def test_github_commands_cannot_be_forged_by_text_or_file_names(corpus):
    out = _run(corpus, "github")
    lines = out.split("\n")[:-1]
    assert all(re.match(r"^::(error|warning|notice) file=[^:]*,line=\d+,", line) for line in lines)
    for line in lines:
        properties, _, message = line.partition(" ")[2].partition("::")
        assert "::" not in message.replace("%3A%3A", ""), line  # no second command inside
        assert "\r" not in line
        assert all(value.count(",") == 0 for value in re.findall(r"file=([^,]*)", properties))
    assert "set-env" not in "".join(line for line in lines if line.startswith("::set-env"))
    assert not any(line.startswith(("::set-env", "::warning::", "::error::")) for line in lines)


def test_json_and_sarif_carry_the_text_as_data(corpus):
    findings = json.loads(_run(corpus, "json"))
    names = {finding["filename"] for finding in findings}
    assert set(FILE_NAMES.values()) <= names  # exact names, escaped by JSON, not altered
    log = json.loads(_run(corpus, "sarif"))
    assert not list(sarif_validator().iter_errors(log))


def test_junit_is_well_formed_with_controls_and_markup_in_text_and_names(corpus):
    root = ET.fromstring(_run(corpus, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    assert not root.findall(".//script")  # markup from the document stayed text
    names = {case.get("name") for case in root.iter("testcase")}
    assert "a&b<c>\"d'.txt" in names


def test_lone_surrogates_from_records_become_valid_json_escapes():
    findings, outputs = lint_text("Stray \ud800 surrogate &amp; entity.\n", path="r\udcff.txt")
    assert findings
    for fmt in ("json", "jsonl", "sarif"):
        assert "\ud800" not in outputs[fmt] and "\udcff" not in outputs[fmt]
        outputs[fmt].encode("utf-8")  # strict: writable to any UTF-8 stream
