"""Properties of the whitespace rules over generated text: no crash, spans inside, fixes settle."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.document import Document
from tests.test_whitespace_support import (
    WS_CODES,
    apply_edits,
    fix_all,
    safe_edits,
    ws_findings,
)

# Text built from the characters the rules care about, so that generated documents are full of
# edge cases: runs of blanks, CR, CRLF, list markers, fences, quotes, and some letters.
_PIECES = st.sampled_from(
    [" ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "word", "Word.", "- ", "1. ", "> ", "```",
     "    ", "|", ":", "---", "# ", "—", "é", "中文", "\x0c", "\u00a0", "\ufeff", "*"]
)  # fmt: skip
WHITESPACE_TEXT = st.lists(_PIECES, max_size=60).map("".join)
ANY_TEXT = st.one_of(WHITESPACE_TEXT, st.text(max_size=300))
PATHS = st.sampled_from(["doc.txt", "doc.md"])
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=ANY_TEXT, path=PATHS)
def test_ws_rules_never_crash_and_report_inside_the_document(text, path):
    doc = Document(path, text)
    for finding in ws_findings(text, path=path):
        assert 0 <= finding.offset <= finding.end_offset <= len(text)
        assert doc.location(finding.offset) == finding.location
        assert doc.location(finding.end_offset) == finding.end_location
        assert finding.fix is not None
        for edit in finding.fix.edits:
            assert 0 <= edit.start <= edit.end <= len(text)


@SETTINGS
@given(text=ANY_TEXT, path=PATHS)
def test_each_rules_safe_fix_removes_its_own_findings(text, path):
    for code in WS_CODES:
        fixed = fix_all(text, code, path=path)
        left = [f for f in ws_findings(fixed, code, path=path) if f.code == code]
        assert not [f for f in left if f.fix and f.fix.applicability == "safe"], (code, fixed)


@SETTINGS
@given(text=ANY_TEXT, path=PATHS)
def test_fixes_only_touch_what_they_report(text, path):
    for finding in ws_findings(text, path=path):
        assert finding.fix is not None
        for edit in finding.fix.edits:
            if finding.code == "WS005":
                # one edit per line ending: its CRs deleted, or a CR inserted before an LF
                removed = text[edit.start : edit.end]
                assert set(removed) <= {"\r"} and text[edit.end] == "\n"
                assert edit.content in ("", "\r") and (removed == "") == (edit.content == "\r")
            else:
                assert finding.offset <= edit.start <= edit.end <= finding.end_offset
            removed = text[edit.start : edit.end]
            assert not removed.strip(" \t\r\n"), (finding.code, removed)


@SETTINGS
@given(text=ANY_TEXT, path=PATHS)
def test_all_safe_ws_fixes_together_leave_no_ws_finding(text, path):
    once = fix_all(text, path=path)
    # One pass settles everything except a CRLF that WS003's appended newline makes: in a
    # document's own CRLF style, or after a lone CR at the very end (ENC004's). WS005, expecting
    # LF, converts it on a second pass, as a fixer that loops until nothing changes does.
    twice = fix_all(once, path=path)
    remaining = [f for f in ws_findings(twice, path=path) if f.fix.applicability == "safe"]
    assert remaining == [], [(f.code, f.message) for f in remaining]
    single_pass_left = [f for f in ws_findings(once, path=path) if f.fix.applicability == "safe"]
    if single_pass_left:
        assert not text.endswith("\n") and once.endswith("\r\n"), single_pass_left


@SETTINGS
@given(text=ANY_TEXT, path=PATHS)
def test_fixing_twice_changes_nothing_more(text, path):
    settled = fix_all(fix_all(text, path=path), path=path)
    assert fix_all(settled, path=path) == settled


@SETTINGS
@given(text=ANY_TEXT)
def test_ws_findings_are_deterministic(text):
    first = [f.model_dump() for f in ws_findings(text)]
    assert first == [f.model_dump() for f in ws_findings(text)]
    edits = safe_edits(ws_findings(text))
    assert apply_edits(text, edits) == apply_edits(text, list(reversed(edits)))


@pytest.mark.parametrize("text", ["\r \n", "\r \r ", "\r \n ", "word\n\r "])
def test_safe_fixes_around_a_lone_cr_settle_in_one_pass_without_making_a_crlf(text):
    once = fix_all(text, path="notes.txt")
    assert "\r\n" not in once
    assert [f for f in ws_findings(once, path="notes.txt") if f.fix.applicability == "safe"] == []
