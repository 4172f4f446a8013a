"""Reports a person reads: full, concise, grouped and --statistics, and terminal safety."""

from __future__ import annotations

import io
import re
from pathlib import Path

from lint.document import Document
from lint.finding import Finding
from lint.reporters import Report, reporters
from lint.reporters.text import statistics
from lint.runner import RunResult
from rules.whitespace import LeadingWhitespace, TrailingWhitespace
from tests.conftest import run_seedlint
from tests.test_reporters_machine import EchoRule

SGR = re.compile(r"\x1b\[[0-9;]*m")


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = run_seedlint("check", ".", "--select", "WS", "--jobs", "1", *args, cwd=cwd, env=env)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def report_of(findings: list[Finding], color: bool = False) -> Report:
    paths = sorted({f.filename for f in findings})
    return Report(RunResult(findings=findings, files_checked=len(paths), paths=paths), {}, color)


def render(fmt: str, report: Report) -> str:
    out = io.StringIO()
    reporters()[fmt](report, out)
    return out.getvalue()


def echo_finding(text: str, start: int, end: int, path: str = "doc.txt") -> Finding:
    return EchoRule().report(Document(path, text), start, end, "look here")


def excerpt(finding: Finding) -> list[str]:
    """The source line and the underline of a one-finding full report."""
    lines = render("full", report_of([finding])).splitlines()
    return lines[1:3]


# -- full, concise, grouped ---------------------------------------------------------------------


def test_full_report_shows_location_code_fix_mark_source_and_summary(tmp_path):
    (tmp_path / "notes.txt").write_text("The bridge closes.  \nNext.\n")
    assert cli(tmp_path, "--color", "never") == (
        "notes.txt:1:19: WS002 [*] Trailing whitespace (2 spaces)\n"
        "1 | The bridge closes.  \n"
        "  |                   ^^\n"
        "\n"
        "Found 1 finding in 1 file (1 fixable with --fix).\n"
    )


def test_concise_report_is_one_line_per_finding_and_the_summary(tmp_path):
    (tmp_path / "a.txt").write_text("One.  \n\n\n")
    (tmp_path / "b.txt").write_text("  Stray.\n\nFlush text here.\n\nMore flush.\n")
    assert cli(tmp_path, "--output-format", "concise").splitlines() == [
        "a.txt:1:5: WS002 [*] Trailing whitespace (2 spaces)",
        "a.txt:2:1: WS001 [*] 2 blank lines at the end of the document",
        "b.txt:1:1: WS004 [*] Line indented by 2 spaces",
        "Found 3 findings in 2 files (3 fixable with --fix).",
    ]


def test_grouped_report_lists_findings_under_each_file(tmp_path):
    (tmp_path / "a.txt").write_text("One.  \n\n\n")
    (tmp_path / "b.txt").write_text("No newline")
    assert cli(tmp_path, "--output-format", "grouped").splitlines() == [
        "a.txt (2)",
        "  1:5 WS002 [*] Trailing whitespace (2 spaces)",
        "  2:1 WS001 [*] 2 blank lines at the end of the document",
        "",
        "b.txt (1)",
        "  1:11 WS003 [*] No newline at end of file",
        "",
        "Found 3 findings in 2 files (3 fixable with --fix).",
    ]


def test_a_clean_run_says_so(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.\n")
    assert cli(tmp_path) == "All checks passed (1 file checked).\n"


def test_findings_without_a_fix_have_no_fix_mark():
    finding = EchoRule().report(Document("a.txt", "abc"), 0, 1, "plain")
    assert render("concise", report_of([finding])).splitlines() == [
        "a.txt:1:1: TST001 plain",
        "Found 1 finding in 1 file.",
    ]


def test_underline_counts_wide_cjk_characters_as_two_columns():
    text = "東京は晴れ  \n"
    (finding,) = TrailingWhitespace().check(Document("a.txt", text))
    assert finding.location.column == 6  # columns count characters
    assert excerpt(finding) == ["1 | 東京は晴れ  ", "  |           ^^"]


def test_underline_expands_tabs_like_the_shown_line():
    finding = echo_finding("\tab\tcd\n", 3, 6)  # the tab between ab and cd, and cd
    assert excerpt(finding) == ["1 |     ab    cd", "  |       ^^^^^^"]


def test_underline_of_a_multi_line_span_runs_to_the_end_of_its_first_line():
    finding = echo_finding("first line\nsecond line\n", 6, 15)
    assert excerpt(finding) == ["1 | first line", "  |       ^^^^"]


def test_underline_of_an_empty_span_at_the_end_of_a_line_is_one_caret_past_it():
    finding = echo_finding("no newline", 10, 10)
    assert excerpt(finding) == ["1 | no newline", "  |           ^"]


def test_indentation_findings_underline_the_indentation():
    text = "Flush paragraph of text.\n\n   Stray one.\n\nAnother flush one.\n"
    (finding,) = LeadingWhitespace().check(Document("a.txt", text))
    assert excerpt(finding) == ["3 |    Stray one.", "  | ^^^"]


# -- terminal safety ------------------------------------------------------------------------------

HOSTILE_LINE = "Price \x1b[2J\x1b]0;pwned\x07 list \u202eevil\u202c done  \n"


def test_escape_sequences_and_bidi_controls_in_documents_are_shown_not_sent(tmp_path):
    (tmp_path / "evil\x1b[31m.txt").write_text(HOSTILE_LINE)
    for fmt in ("full", "concise", "grouped"):
        output = cli(tmp_path, "--output-format", fmt, "--color", "never")
        assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output, fmt
        assert "evil\\x1b[31m.txt" in output
    full = cli(tmp_path, "--color", "never")
    assert "\\x1b[2J\\x1b]0;pwned\\x07 list \\u202eevil\\u202c done" in full


def test_colour_output_holds_only_our_own_sgr_codes(tmp_path):
    (tmp_path / "evil\x1b[31m.txt").write_text(HOSTILE_LINE)
    output = cli(tmp_path, "--color", "always")
    assert SGR.search(output), "colour was asked for"
    assert "\x1b" not in SGR.sub("", output)
    assert "\x07" not in output and "\u202e" not in output
    assert set(SGR.findall(output)) <= {
        "\x1b[0m",
        "\x1b[1m",
        "\x1b[4m",
        "\x1b[31m",
        "\x1b[33m",
        "\x1b[34m",
        "\x1b[36m",
    } | {"\x1b[1;4m"}


def test_colour_is_off_with_color_never_and_with_no_color(tmp_path):
    (tmp_path / "a.txt").write_text("Trailing.  \n")
    assert "\x1b" not in cli(tmp_path, "--color", "never")
    assert "\x1b" not in cli(tmp_path, env={"NO_COLOR": "1"})
    assert "\x1b" not in cli(tmp_path)  # not a terminal


def test_colour_report_has_the_same_text_as_the_plain_one(tmp_path):
    (tmp_path / "a.txt").write_text("  Stray start.\n\nFlush text.\n\nTrailing.  \n\n")
    assert SGR.sub("", cli(tmp_path, "--color", "always")) == cli(tmp_path, "--color", "never")


# -- statistics -----------------------------------------------------------------------------------


def test_statistics_table_counts_codes_most_frequent_first(tmp_path):
    (tmp_path / "a.txt").write_text("One.  \nTwo.  \n\n\n")
    (tmp_path / "b.txt").write_text("Three. \nNo newline")
    assert cli(tmp_path, "--statistics").splitlines() == [
        "3\tWS002\t[*] trailing-whitespace",
        "1\tWS001\t[*] trailing-blank-lines",
        "1\tWS003\t[*] missing-final-newline",
    ]


def test_statistics_marks_partly_fixable_and_unfixable_codes():
    document = Document("a.txt", "abc")
    fixable = EchoRule().check(document)
    plain = [EchoRule().report(document, 1, 2, "no fix")]
    other = [LeadingWhitespace().report(document, 0, 1, "no fix either")]
    report = report_of([*fixable, *plain, *other])
    out = io.StringIO()
    statistics(report, out)
    assert out.getvalue().splitlines() == [
        "2\tTST001\t[-] echo",
        "1\tWS004\t    leading-whitespace",
    ]


def test_a_long_line_is_shown_as_a_window_around_the_span():
    text = "word " * 200 + "end.  \n"
    span = (len(text) - 3, len(text) - 1)
    finding = TrailingWhitespace().report(Document("a.txt", text), *span, "Trailing whitespace")
    source, underline = render("full", report_of([finding])).splitlines()[1:3]
    assert source.startswith("1 | …") and source.endswith("end.  ")
    assert len(source) < 100
    assert underline.index("^") == source.index("end.") + 4
