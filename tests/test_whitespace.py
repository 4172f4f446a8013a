"""The whitespace rules WS001-WS005: what each reports, what it leaves alone, what its fix does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document
from rules.whitespace import trailing_runs
from tests.test_whitespace_support import fix_all, ws_findings


def rows(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.location.row, f.location.column) for f in findings]


# -- WS001 trailing-blank-lines ---------------------------------------------------------------


def test_ws001_reports_trailing_blank_lines_once_at_the_first_of_them():
    findings = ws_findings("The museum reopens.\n\n\n", "WS001")
    assert rows(findings) == [("WS001", 2, 1)]
    assert findings[0].message == "2 blank lines at the end of the document"


def test_ws001_counts_whitespace_only_lines_as_blank():
    findings = ws_findings("Text.\n  \n\t\n", "WS001")
    assert rows(findings) == [("WS001", 2, 1)]
    assert "2 blank lines" in findings[0].message


def test_ws001_counts_a_final_whitespace_only_line_without_newline():
    findings = ws_findings("Text.\n   ", "WS001")
    assert findings[0].message == "1 blank line at the end of the document"
    assert fix_all("Text.\n   ", "WS001") == "Text.\n"


def test_ws001_fix_keeps_exactly_one_final_newline():
    assert fix_all("Text.\n\n\n\n", "WS001") == "Text.\n"
    assert fix_all("Text.\r\n\r\n\r\n", "WS001") == "Text.\r\n"


@pytest.mark.parametrize("text", ["", "\n", "\r\n", "Text.\n", "Text.", "One.\n\nTwo.\n"])
def test_ws001_is_silent_without_trailing_blank_lines(text):
    assert ws_findings(text, "WS001") == []


def test_ws001_reports_a_document_of_only_blank_lines_and_the_fix_empties_it():
    findings = ws_findings("\n\n  \n", "WS001")
    assert findings[0].message == "Document holds only blank lines (3)"
    assert fix_all("\n\n  \n", "WS001") == ""


def test_ws001_leaves_form_feeds_and_no_break_spaces_to_other_rules():
    assert ws_findings("Text.\n\x0c\n", "WS001") == []
    assert ws_findings("Text.\n\u00a0\n", "WS001") == []


# -- WS002 trailing-whitespace ----------------------------------------------------------------


def test_ws002_spans_exactly_the_trailing_spaces_and_tabs():
    findings = ws_findings("The bridge closes.  \t\nNext.\n", "WS002")
    assert rows(findings) == [("WS002", 1, 19)]
    assert (findings[0].end_location.row, findings[0].end_location.column) == (1, 22)
    assert findings[0].message == "Trailing whitespace (2 spaces and 1 tab)"


def test_ws002_sees_whitespace_before_crlf_and_at_the_end_of_the_text():
    findings = ws_findings("One. \r\nTwo.\t", "WS002")
    assert rows(findings) == [("WS002", 1, 5), ("WS002", 2, 5)]


def test_ws002_reports_blank_lines_holding_whitespace():
    findings = ws_findings("One.\n   \nTwo.\n", "WS002")
    assert rows(findings) == [("WS002", 2, 1)]
    assert findings[0].message == "Blank line contains whitespace"


def test_ws002_leaves_the_trailing_blank_lines_to_ws001():
    assert ws_findings("One.\n   \n \n", "WS002") == []


def test_ws002_fix_deletes_only_the_whitespace():
    assert fix_all("A b.  \nC d.\t\n", "WS002") == "A b.\nC d.\n"


@pytest.mark.parametrize(
    "text",
    [
        "Interior  double  spaces are not trailing.\n",
        "A no-break space at the end\u00a0\n",
        "An ideographic space\u3000\n",
        "Tabs\tinside\tlines.\n",
    ],
)
def test_ws002_only_counts_spaces_and_tabs_at_line_ends(text):
    assert ws_findings(text, "WS002") == []


def test_ws002_keeps_markdown_hard_line_breaks():
    text = "Roses are red,  \nviolets are blue.\n"
    assert ws_findings(text, "WS002", path="poem.md") == []
    assert rows(ws_findings(text, "WS002", path="poem.txt")) == [("WS002", 1, 15)]


def test_ws002_reports_hard_breaks_when_asked():
    text = "Roses are red,  \nviolets are blue.\n"
    found = ws_findings(text, "WS002", path="poem.md", report_markdown_hard_breaks=True)
    assert rows(found) == [("WS002", 1, 15)]


@pytest.mark.parametrize(
    "text",
    [
        "Three spaces are not a hard break.   \nNext line.\n",
        "Two spaces before a blank line.  \n\nNext paragraph.\n",
        "# A heading  \nText under it.\n",
        "Last line of the file.  ",
        "```\ncode line  \nmore code\n```\n",
    ],
)
def test_ws002_reports_markdown_trailing_spaces_that_are_not_hard_breaks(text):
    assert [f.code for f in ws_findings(text, "WS002", path="notes.md")] == ["WS002"]


def test_ws002_survives_a_long_run_of_spaces_not_at_a_line_end():
    text = "a" + " " * 200_000 + "b\n"
    assert ws_findings(text, "WS002") == []


# -- WS003 missing-final-newline --------------------------------------------------------------


def test_ws003_reports_the_end_of_an_unterminated_last_line():
    findings = ws_findings("One.\nThe ferry leaves at noon.", "WS003")
    assert rows(findings) == [("WS003", 2, 26)]
    assert findings[0].message == "No newline at end of file"


def test_ws003_fix_appends_the_files_own_newline():
    assert fix_all("One.\nTwo.", "WS003") == "One.\nTwo.\n"
    assert fix_all("One.\r\nTwo.\r\nThree.", "WS003") == "One.\r\nTwo.\r\nThree.\r\n"
    assert fix_all("Only line", "WS003") == "Only line\n"


@pytest.mark.parametrize("text", ["", "Done.\n", "Done.\r\n", "Done.\n\n", "Done.\n   "])
def test_ws003_is_silent_when_the_file_ends_with_a_newline_or_blank_lines(text):
    assert ws_findings(text, "WS003") == []


def test_ws003_does_not_check_documents_from_record_files():
    from lint.finding import RecordRef
    from lint.runner import check_document
    from rules.whitespace import MissingFinalNewline

    doc = Document("corpus.jsonl", "A record's text.", record=RecordRef(index=3))
    assert check_document(doc, [MissingFinalNewline()])[0] == []


def test_ws003_with_trailing_spaces_fixes_to_a_clean_last_line():
    assert fix_all("Last line.  ") == "Last line.\n"


# -- WS004 leading-whitespace -----------------------------------------------------------------

FLUSH = "The council met on Tuesday evening in the old library on Mill Street.\n\n"


def test_ws004_reports_a_stray_indented_paragraph():
    text = FLUSH + "   It approved the budget after a long debate.\n\nThe vote was close.\n"
    findings = ws_findings(text, "WS004")
    assert rows(findings) == [("WS004", 3, 1)]
    assert findings[0].message == "Line indented by 3 spaces"
    assert findings[0].fix is not None and findings[0].fix.applicability == "safe"


def test_ws004_reports_an_indented_first_line_of_the_document():
    text = " Residents packed the hall.\n\nThe mayor spoke first.\n\nQuestions followed.\n"
    assert rows(ws_findings(text, "WS004")) == [("WS004", 1, 1)]


def test_ws004_reports_one_indented_line_inside_a_wrapped_paragraph():
    text = (
        "The report was published on Monday and runs to more than two hundred pages,\n"
        "with chapters on housing, transport and the state of the river, and an\n"
        "    appendix listing every site the inspectors visited during the year.\n"
    )
    assert rows(ws_findings(text, "WS004")) == [("WS004", 3, 1)]


def test_ws004_reports_tabs_like_spaces():
    text = FLUSH + "\tA tab-indented stray paragraph sits here.\n\nThen flush text.\n"
    assert ws_findings(text, "WS004")[0].message == "Line indented by 1 tab"


def test_ws004_fix_removes_only_the_indentation():
    text = FLUSH + "   It approved the budget.\n\nFlush again.\n"
    assert fix_all(text, "WS004") == FLUSH + "It approved the budget.\n\nFlush again.\n"


def test_ws004_fix_is_unsafe_in_markdown_when_the_line_does_not_start_with_a_letter():
    text = "Intro paragraph here.\n\n  2024 was the driest year.\n\nClosing paragraph.\n"
    findings = ws_findings(text, "WS004", path="notes.md")
    assert findings[0].fix is not None and findings[0].fix.applicability == "unsafe"


@pytest.mark.parametrize(
    ("name", "text", "path"),
    [
        ("fenced code", "Run it:\n\n```\n    pip install seedlint\n```\n", "a.txt"),
        ("indented code", "Example:\n\n    print('hello')\n\nDone.\n", "a.md"),
        ("list continuation", "- first item\n  wraps here\n- second\n\n  more of it\n", "a.md"),
        ("numbered list", "Steps:\n  1. Open the door.\n  2. Walk in.\n", "a.txt"),
        ("nested list", "* fruit\n    * apples\n    * pears\n* bread\n", "a.md"),
        ("block quote", "He wrote:\n\n  > We will return.\n\nThey did.\n", "a.md"),
        ("table", "Results\n\n  | team | score |\n  | ---- | ----- |\n", "a.md"),
        ("aligned columns", "Scores\n\n   Leeds     3\n\nDone.\n", "a.txt"),
        ("front matter", "---\ntitle: A\ntags:\n  - local\n---\nBody text.\n", "a.md"),
        ("colon display", "The sign read:\n\n    Closed for repairs.\n\nWe left.\n", "a.txt"),
        ("hanging indent", "Smith, J. 2020. A long title\n   that wraps here.\n", "a.txt"),
        ("scene break", "End of part one.\n\n      * * *\n\nPart two.\n", "a.txt"),
        ("html in markdown", 'Text.\n\n  <div class="note">Hi</div>\n\nMore.\n', "a.md"),
        ("em dash dialogue", "Il entra.\n\n  — Bonjour, dit-il.\n\nElle sourit.\n", "a.txt"),
    ],
)
def test_ws004_leaves_structural_indentation_alone(name, text, path):
    assert ws_findings(text, "WS004", path=path) == [], name


def test_ws004_leaves_verse_with_a_consistent_indent_alone():
    poem = (
        "The tide comes in at dusk,\n"
        "    and leaves before the light;\n"
        "the gulls keep all the husk\n"
        "    of what the sea kept bright.\n"
    )
    assert ws_findings(poem, "WS004") == []


def test_ws004_leaves_short_verse_stanzas_with_one_indented_line_alone():
    stanza = "Grey stones by the shore,\nwet with the rain,\n    they wait for more.\n\n"
    assert ws_findings(stanza * 3, "WS004") == []


def test_ws004_leaves_a_typewriter_style_document_alone():
    text = (
        "CHAPTER ONE\n\n"
        "    The house stood at the end of the lane, where the hedges\n"
        "gave way to open fields.\n\n"
        "    Nobody had lived there for years.\n\n"
        "    Then, one morning in March, the shutters were open.\n"
    )
    assert ws_findings(text, "WS004") == []


def test_ws004_leaves_a_paragraph_indented_throughout_alone():
    text = (
        "She read the letter aloud.\n\n"
        "    I am writing to tell you that the orchard has been sold\n"
        "    and that the new owners will take it over in the spring.\n\n"
        "Nobody spoke.\n"
    )
    assert ws_findings(text, "WS004") == []


def test_ws004_leaves_centred_titles_alone():
    text = (
        "                              THE END\n\n"
        "It was a long story and it has now been told in full, from start to end.\n"
    )
    assert ws_findings(text, "WS004") == []


def test_ws004_ignores_whitespace_only_lines():
    assert ws_findings("One.\n   \nTwo.\n", "WS004") == []


# -- WS005 line-endings -----------------------------------------------------------------------


def test_ws005_reports_an_all_crlf_document_once_at_the_first_ending():
    findings = ws_findings("One.\r\nTwo.\r\nThree.\r\n", "WS005")
    assert rows(findings) == [("WS005", 1, 5)]
    assert findings[0].message == "CRLF line endings (3 lines)"


def test_ws005_reports_mixed_endings_with_both_counts_at_the_first_crlf():
    findings = ws_findings("One.\nTwo.\r\nThree.\r\nFour.\n", "WS005")
    assert rows(findings) == [("WS005", 2, 5)]
    assert findings[0].message == "Mixed line endings: 2 CRLF and 2 LF"


def test_ws005_fix_deletes_one_cr_per_line_ending_and_nothing_else():
    text = "One.\r\nTwo \r\nThree.\rstill three\r\n"
    findings = ws_findings(text, "WS005")
    assert findings[0].fix is not None
    last = text.rindex("\r\n")
    edits = [(e.start, e.end, e.content) for e in findings[0].fix.edits]
    assert edits == [(4, 5, ""), (10, 11, ""), (last, last + 1, "")]
    assert fix_all(text, "WS005") == "One.\nTwo \nThree.\rstill three\n"


def test_ws005_leaves_a_lone_carriage_return_to_enc004():
    assert ws_findings("Old Mac text.\rSecond line.\n", "WS005") == []


@pytest.mark.parametrize("text", ["", "One line", "One.\nTwo.\n"])
def test_ws005_is_silent_on_lf_documents(text):
    assert ws_findings(text, "WS005") == []


def test_ws005_can_expect_crlf():
    findings = ws_findings("One.\r\nTwo.\nThree.\r\n", "WS005", expect="crlf")
    assert rows(findings) == [("WS005", 2, 5)]
    assert fix_all("One.\nTwo.\n", "WS005") == "One.\nTwo.\n"
    from tests.test_whitespace_support import apply_edits, safe_edits

    crlf = ws_findings("One.\nTwo.\n", "WS005", expect="crlf")
    assert apply_edits("One.\nTwo.\n", safe_edits(crlf)) == "One.\r\nTwo.\r\n"


def test_ws005_consistent_mode_reports_only_mixed_documents():
    assert ws_findings("One.\r\nTwo.\r\n", "WS005", expect="consistent") == []
    mixed = ws_findings("One.\r\nTwo.\r\nThree.\n", "WS005", expect="consistent")
    assert rows(mixed) == [("WS005", 3, 7)]
    assert "2 CRLF and 1 LF" in mixed[0].message


# -- the family together ------------------------------------------------------------------------


def test_rules_do_not_report_the_same_whitespace_twice():
    text = "Text.  \n\n   \n"
    assert rows(ws_findings(text)) == [("WS001", 2, 1), ("WS002", 1, 6)]


def test_every_ws_rule_fires_on_one_messy_document_and_one_pass_cleans_it():
    text = "  Stray start of the text.\n\nBody line.  \r\nLast words.\n\n\n"
    codes = {f.code for f in ws_findings(text)}
    assert codes == {"WS001", "WS002", "WS004", "WS005"}
    fixed = fix_all(text)
    assert fixed == "Stray start of the text.\n\nBody line.\nLast words.\n"
    assert ws_findings(fixed) == []


def test_ws005_treats_cr_cr_lf_as_one_broken_ending_and_fixes_it_in_one_pass():
    text = "Prices rise.\r\r\nFrom April.\r\r\n"
    findings = ws_findings(text, "WS005")
    assert rows(findings) == [("WS005", 1, 13)]
    assert fix_all(text, "WS005") == "Prices rise.\nFrom April.\n"


def test_ws004_does_not_take_two_different_stray_indents_for_a_style():
    text = (
        " Swifts are back.\n\nThey came early this year, the group said.\n\n"
        "   Nest boxes are in use.\n\nCounts follow on Friday.\n"
    )
    assert rows(ws_findings(text, "WS004")) == [("WS004", 1, 1), ("WS004", 5, 1)]


# The definition trailing_runs() implements with substring search instead of a regex scan.
_TRAILING_RUN_DEFINITION = re.compile(r"(?<![ \t\r])(?:\r*[ \t])++(?=\r*\n|\Z)")


@settings(max_examples=500)
@given(text=st.text(alphabet=" \t\r\nab", max_size=40), cut=st.integers(0, 40))
def test_trailing_runs_match_their_regex_definition(text: str, cut: int) -> None:
    limit = min(cut, len(text))
    expected = [m.span() for m in _TRAILING_RUN_DEFINITION.finditer(text, 0, limit)]
    assert trailing_runs(text, limit) == expected
