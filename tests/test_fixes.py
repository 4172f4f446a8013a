"""Applying fixes: non-overlapping rounds, stability, and the invariants fixing must keep."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.finding import Edit, Finding, Fix, Location
from lint.fixes import apply_fixes, fix_until_stable, is_applicable, unified_diff
from lint.rule import Rule
from lint.runner import check_document

# -- test-only rules ---------------------------------------------------------------------------


class TrailingBlanks(Rule):
    """Deletes spaces and tabs at the end of each line (safe)."""

    code, name, family = "TST001", "trailing-blanks", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        for line in doc.lines:
            stripped = len(line.text.rstrip(" \t"))
            if stripped < len(line.text):
                start = line.start + stripped
                fix = self.replacement(doc, start, line.end, "", safe=True)
                yield self.report(doc, start, line.end, "Trailing blanks", fix=fix)


class Misspelling(Rule):
    """Replaces the word "teh" by "the" (safe)."""

    code, name, family = "TST002", "misspelling", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        for match in re.finditer(r"\bteh\b", doc.text):
            fix = self.replacement(doc, *match.span(), "the", safe=True)
            yield self.report(doc, *match.span(), "Misspelt", fix=fix)


class FinalNewline(Rule):
    """Inserts a newline at the end of a text without one (safe)."""

    code, name, family = "TST003", "final-newline", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.text and not doc.text.endswith("\n"):
            end = len(doc.text)
            fix = self.replacement(doc, end, end, "\n", safe=True)
            yield self.report(doc, end, end, "No final newline", fix=fix)


class DoubleSpace(Rule):
    """Collapses two or more spaces into one (unsafe); overlaps TST001 at line ends."""

    code, name, family = "TST004", "double-space", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        for match in re.finditer(r" {2,}", doc.text):
            fix = self.replacement(doc, *match.span(), " ", safe=False)
            yield self.report(doc, *match.span(), "Double space", fix=fix)


class Guillemets(Rule):
    """Turns `<<x>>` into `«x»` with two edits in one fix (safe, all-or-nothing)."""

    code, name, family = "TST005", "guillemets", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        for match in re.finditer(r"<<([^<>\n]*)>>", doc.text):
            start, end = match.span()
            fix = Fix(
                applicability="safe",
                edits=(self.edit(doc, start, start + 2, "«"), self.edit(doc, end - 2, end, "»")),
            )
            yield self.report(doc, start, end, "Guillemets", fix=fix)


class MarkerLine(Rule):
    """Deletes whole lines reading `xx` (unsafe); overlaps the other rules on those lines."""

    code, name, family = "TST006", "marker-line", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        for line in doc.lines:
            if line.text.strip() == "xx":
                end = line.end + len(line.ending)
                fix = self.replacement(doc, line.start, end, "", safe=False)
                yield self.report(doc, line.start, line.end, "Marker line", fix=fix)


class BrokenFixes(Rule):
    """Emits fixes that can never apply: beyond the text, self-overlapping, or no change."""

    code, name, family = "TST007", "broken-fixes", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        n = len(doc.text)
        beyond = Edit(
            content="!", start=n, end=n + 5, location=doc.location(n), end_location=doc.location(n)
        )
        yield self.report(doc, 0, 0, "Beyond", fix=Fix(applicability="safe", edits=(beyond,)))
        if n >= 2:
            overlapping = (self.edit(doc, 0, 2, "a"), self.edit(doc, 1, 2, "b"))
            yield self.report(
                doc, 0, 2, "Overlap", fix=Fix(applicability="safe", edits=overlapping)
            )
            same = self.replacement(doc, 0, 1, doc.text[0], safe=True)
            yield self.report(doc, 0, 1, "No change", fix=same)


SAFE_RULES = [TrailingBlanks(), Misspelling(), FinalNewline(), Guillemets()]
ALL_RULES = [*SAFE_RULES, DoubleSpace(), MarkerLine(), BrokenFixes()]


def checker(rules: list[Rule]):
    def check(text: str) -> list[Finding]:
        findings, errors = check_document(Document("doc.txt", text), rules)
        assert errors == 0
        return findings

    return check


# -- helpers -----------------------------------------------------------------------------------


def assert_only_edit_spans_changed(before: str, after: str, findings: list[Finding]) -> None:
    """`after` must be `before` with exactly the applied edits spliced in, nothing else."""
    # identical fixes (two rules agreeing) apply once; one fix may insert twice at a point
    unique = dict.fromkeys(
        tuple((e.start, e.end, e.content) for e in f.fix.edits) for f in findings
    )
    edits = sorted((edit for fix in unique for edit in fix), key=lambda e: (e[0], e[1]))
    rebuilt, position = [], 0
    for start, end, content in edits:
        assert start >= position, "applied edits overlap"
        rebuilt.append(before[position:start])
        rebuilt.append(content)
        position = end
    rebuilt.append(before[position:])
    assert after == "".join(rebuilt)


def make_finding(start: int, end: int, content: str, *, applicability="safe") -> Finding:
    loc = Location(row=1, column=1)
    edit = Edit(content=content, start=start, end=end, location=loc, end_location=loc)
    return Finding(
        code="TST900",
        name="synthetic",
        message="synthetic",
        severity="warning",
        filename="doc.txt",
        location=loc,
        end_location=loc,
        offset=start,
        end_offset=end,
        fix=Fix(applicability=applicability, edits=(edit,)),
    )


# -- apply_fixes -------------------------------------------------------------------------------


def test_applies_safe_fixes_and_leaves_unsafe_ones_unless_asked() -> None:
    text = "teh  cat  \n"
    findings = checker(ALL_RULES[:-1])(text)
    safe = apply_fixes(text, findings, unsafe=False)
    assert safe.text == "the  cat\n"
    assert {f.code for f in safe.applied} == {"TST001", "TST002"}
    both = apply_fixes(text, findings, unsafe=True)
    # the double space at the line end overlaps the trailing-blank deletion: first one wins
    assert both.text == "the cat\n"
    assert [f.code for f in both.skipped] == ["TST004"]


def test_overlapping_fix_is_skipped_then_applied_next_round() -> None:
    text = "xx   \nkeep\n"
    rules = [TrailingBlanks(), MarkerLine()]
    first = apply_fixes(text, checker(rules)(text), unsafe=True)
    # the line deletion starts first in the document, so it wins; the blanks were inside it
    assert first.text == "keep\n"
    assert [f.code for f in first.skipped] == ["TST001"]
    outcome = fix_until_stable(text, checker(rules), unsafe=True)
    assert outcome.fixed == "keep\n"
    assert outcome.converged


def test_multi_edit_fix_is_all_or_nothing() -> None:
    text = "a <<b>> c"
    blocker = make_finding(1, 3, "_")  # comes first and overlaps only the opening "<<"
    findings = [*checker([Guillemets()])(text), blocker]
    result = apply_fixes(text, findings, unsafe=False)
    assert result.text == "a_<b>> c"  # the closing ">>" is not half-fixed
    assert [f.code for f in result.skipped] == ["TST005"]


def test_two_insertions_at_one_point_conflict() -> None:
    text = "abc"
    result = apply_fixes(text, [make_finding(3, 3, "!"), make_finding(3, 3, "?")], unsafe=False)
    assert result.text == "abc!"
    assert len(result.skipped) == 1


def test_insertion_inside_a_replacement_conflicts_but_at_its_boundary_does_not() -> None:
    text = "abcd"
    inside = apply_fixes(text, [make_finding(1, 3, "X"), make_finding(2, 2, "+")], unsafe=False)
    assert inside.text == "aXd" and len(inside.skipped) == 1
    before = apply_fixes(text, [make_finding(2, 4, "X"), make_finding(2, 2, "+")], unsafe=False)
    assert before.text == "ab+X" and not before.skipped
    after = apply_fixes(text, [make_finding(4, 4, "\n"), make_finding(2, 4, "X")], unsafe=False)
    assert after.text == "abX\n" and not after.skipped
    adjacent = apply_fixes(text, [make_finding(0, 2, "X"), make_finding(2, 4, "Y")], unsafe=False)
    assert adjacent.text == "XY" and not adjacent.skipped


def test_identical_fixes_from_two_findings_apply_once() -> None:
    result = apply_fixes("abc", [make_finding(1, 2, "B"), make_finding(1, 2, "B")], unsafe=False)
    assert result.text == "aBc"
    assert len(result.applied) == 2 and not result.skipped


def test_fixes_that_cannot_apply_are_invalid_not_fatal() -> None:
    text = "hello"
    result = apply_fixes(text, checker([BrokenFixes()])(text), unsafe=False)
    assert result.text == text
    assert not result.applied
    assert {f.message for f in result.invalid} == {"Beyond", "Overlap", "No change"}


def test_findings_without_fix_or_with_unsafe_fix_are_left_alone() -> None:
    text = "a  b"
    findings = checker([DoubleSpace()])(text)
    assert not is_applicable(findings[0], unsafe=False)
    result = apply_fixes(text, findings, unsafe=False)
    assert result.text == text and not result.applied and not result.skipped


# -- fix_until_stable --------------------------------------------------------------------------


def test_fix_until_stable_reports_counts_and_remaining() -> None:
    text = "teh x  \nteh <<q>>"
    outcome = fix_until_stable(text, checker([*SAFE_RULES, DoubleSpace()]), unsafe=False)
    assert outcome.fixed == "the x\nthe «q»\n"
    assert outcome.applied_by_code == {"TST001": 1, "TST002": 2, "TST003": 1, "TST005": 1}
    assert outcome.remaining == []
    assert outcome.converged and outcome.rounds == 1 and outcome.changed
    assert outcome.fixed_count == 5


def test_unsafe_findings_remain_when_not_asked() -> None:
    outcome = fix_until_stable("a  b\n", checker([DoubleSpace()]), unsafe=False)
    assert outcome.fixed == "a  b\n"
    assert [f.code for f in outcome.remaining] == ["TST004"]
    assert outcome.converged and outcome.rounds == 0 and not outcome.changed


class Toggle(Rule):
    """Flips "A" to "B" and "B" to "A" forever."""

    code, name, family = "TST008", "toggle", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        for match in re.finditer("[AB]", doc.text):
            new = "B" if match.group() == "A" else "A"
            fix = self.replacement(doc, *match.span(), new, safe=True)
            yield self.report(doc, *match.span(), "Toggle", fix=fix)


class Grow(Rule):
    """Appends one more "a" every round: never stable."""

    code, name, family = "TST009", "grow", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        end = len(doc.text)
        yield self.report(
            doc, end, end, "Grow", fix=self.replacement(doc, end, end, "a", safe=True)
        )


def test_fixes_that_undo_each_other_stop_early_without_converging() -> None:
    outcome = fix_until_stable("A", checker([Toggle()]), unsafe=False)
    assert not outcome.converged
    assert outcome.rounds == 1 and outcome.fixed == "B"


def test_fixing_stops_after_max_rounds() -> None:
    calls = []

    def check(text: str) -> list[Finding]:
        calls.append(text)
        return checker([Grow()])(text)

    outcome = fix_until_stable("", check, unsafe=False, max_rounds=4)
    assert not outcome.converged
    assert outcome.rounds == 4 and outcome.fixed == "aaaa"
    assert len(calls) == 5
    assert [f.code for f in outcome.remaining] == ["TST009"]


# -- unified_diff ------------------------------------------------------------------------------


def test_unified_diff_names_the_path_and_marks_missing_final_newline() -> None:
    diff = unified_diff("docs/a.txt", "one\ntwo", "one\ntwo\n")
    assert diff.startswith("--- docs/a.txt\n+++ docs/a.txt\n@@")
    assert "-two\n\\ No newline at end of file\n+two\n" in diff
    assert unified_diff("a", "same\n", "same\n") == ""


def test_unified_diff_splits_on_newlines_only() -> None:
    diff = unified_diff("a", "x\u2028y\x0cz\n", "x\u2028y\x0cZ\n")
    assert "-x\u2028y\x0cz\n+x\u2028y\x0cZ\n" in diff


# -- properties --------------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    ["teh", " ", "  ", "\t", "\n", "\r\n", "xx", "<<", ">>", "a", "é", "😀", "\u200b", "\r"]
)
texts = st.one_of(st.lists(ALPHABET, max_size=40).map("".join), st.text(max_size=80))
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=texts, unsafe=st.booleans())
def test_one_round_changes_only_the_applied_edit_spans(text: str, unsafe: bool) -> None:
    findings = checker(ALL_RULES)(text)
    result = apply_fixes(text, findings, unsafe=unsafe)
    assert_only_edit_spans_changed(text, result.text, result.applied)
    considered = {id(f) for f in (*result.applied, *result.skipped, *result.invalid)}
    for finding in findings:
        assert (id(finding) in considered) == is_applicable(finding, unsafe=unsafe)


@PROPERTY
@given(text=texts, unsafe=st.booleans())
def test_fixing_is_idempotent(text: str, unsafe: bool) -> None:
    check = checker(ALL_RULES)
    outcome = fix_until_stable(text, check, unsafe=unsafe)
    assert outcome.converged
    again = fix_until_stable(outcome.fixed, check, unsafe=unsafe)
    assert again.fixed == outcome.fixed
    assert again.rounds == 0 and not again.applied_by_code
    assert not any(
        apply_fixes(outcome.fixed, [f], unsafe=unsafe).applied for f in outcome.remaining
    )


@PROPERTY
@given(text=texts, unsafe=st.booleans())
def test_every_round_changes_only_the_spans_its_findings_reported(text: str, unsafe: bool) -> None:
    rounds: list[tuple[str, list[Finding]]] = []
    check = checker(ALL_RULES)

    def recording_check(current: str) -> list[Finding]:
        findings = check(current)
        rounds.append((current, findings))
        return findings

    outcome = fix_until_stable(text, recording_check, unsafe=unsafe)
    assert rounds[0][0] == text and rounds[-1][0] == outcome.fixed
    for (before, findings), (after, _) in pairwise(rounds):
        result = apply_fixes(before, findings, unsafe=unsafe)
        assert result.text == after
        assert_only_edit_spans_changed(before, after, result.applied)


edit_strategy = st.tuples(
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=30),
    st.text(max_size=3),
)


@PROPERTY
@given(
    text=st.text(max_size=20),
    raw_edits=st.lists(st.lists(edit_strategy, min_size=1, max_size=3), max_size=8),
)
def test_arbitrary_overlapping_edits_never_corrupt_text(
    text: str, raw_edits: list[list[tuple[int, int, str]]]
) -> None:
    loc = Location(row=1, column=1)
    findings = []
    for index, edits in enumerate(raw_edits):
        fix = Fix(
            applicability="safe",
            edits=tuple(
                Edit(content=c, start=s, end=e, location=loc, end_location=loc) for s, e, c in edits
            ),
        )
        findings.append(
            make_finding(0, 0, "").model_copy(update={"fix": fix, "message": str(index)})
        )
    result = apply_fixes(text, findings, unsafe=False)
    assert_only_edit_spans_changed(text, result.text, result.applied)
    assert len(result.applied) + len(result.skipped) + len(result.invalid) == len(findings)
