"""Applying the fixes findings carry: non-overlapping edits, rounds until stable, and diffs.

The engine's entry points:

- `apply_fixes(text, findings, unsafe=...)` applies one round of fixes to one text.
- `fix_until_stable(text, check, unsafe=...)` re-runs `check` on the fixed text and applies
  fixes again until no applicable fix is left (bounded by `max_rounds`).
- `unified_diff(path, before, after)` renders what `--diff` prints.

A finding's edits are character offsets into the text it was reported on. They are applied
all-or-nothing per finding. When the edits of two findings overlap, or both insert text at
the same point (so their order would be a guess), the finding that comes first in document
order (by its first edit) wins and the other is left for the next round, where the rules
report it again against the already fixed text.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lint.finding import Edit, Finding

DEFAULT_MAX_ROUNDS = 10


@dataclass(frozen=True)
class FixResult:
    """One round of fixes applied to a text.

    `applied`: findings whose edits are all in `text` (a finding whose edits repeat those of
    an applied finding exactly counts as applied too). `skipped`: findings with an applicable
    fix that conflicted with an applied one; they may apply in a later round. `invalid`:
    applicable fixes that can never apply (an edit outside the text, edits of one fix that
    overlap each other, or edits that change nothing).
    """

    text: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    invalid: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


@dataclass(frozen=True)
class FixOutcome:
    """The result of fixing one text until stable.

    `remaining` holds the findings of the last check, on `fixed`; `converged` is False when
    `max_rounds` ran out (or the fixes went round in a circle) while fixes still applied.
    """

    original: str
    fixed: str
    applied_by_code: Counter[str]
    remaining: list[Finding]
    rounds: int
    converged: bool

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    @property
    def fixed_count(self) -> int:
        return sum(self.applied_by_code.values())


def is_applicable(finding: Finding, *, unsafe: bool) -> bool:
    """Whether `--fix` (or `--fix --unsafe-fixes` when `unsafe`) would apply this finding's fix."""
    fix = finding.fix
    if fix is None or not fix.edits:
        return False
    return fix.applicability == "safe" or unsafe


def _conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two edit spans cannot both apply with one obvious result.

    Spans that share characters conflict; an insertion conflicts with a span it falls strictly
    inside, and with another insertion at the same point (which goes first is a guess).
    Spans that merely touch do not: the replaced texts stay in order, and an insertion at a
    span's boundary lands on its side of it.
    """
    (start_a, end_a), (start_b, end_b) = a, b
    if start_a == end_a and start_b == end_b:
        return start_a == start_b
    if start_a == end_a:
        return start_b < start_a < end_b
    if start_b == end_b:
        return start_a < start_b < end_a
    return max(start_a, start_b) < min(end_a, end_b)


def _valid_edits(text: str, edits: Iterable[Edit]) -> tuple[Edit, ...] | None:
    """The edits sorted by position, or None if they cannot apply to `text` as a whole.

    Edits of one fix may touch each other and may insert at one point several times (they are
    kept in the order the rule gave), but must not overlap.
    """
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    previous_end = 0
    for edit in ordered:
        if edit.start > edit.end or edit.end > len(text) or edit.start < previous_end:
            return None
        previous_end = edit.end
    if all(text[edit.start : edit.end] == edit.content for edit in ordered):
        return None  # a fix that changes nothing would never let the fixing loop settle
    return tuple(ordered)


def _edit_key(edits: tuple[Edit, ...]) -> tuple[tuple[int, int, str], ...]:
    return tuple((edit.start, edit.end, edit.content) for edit in edits)


def _document_order(item: tuple[Finding, tuple[Edit, ...]]) -> tuple:
    finding, edits = item
    return (edits[0].start, edits[-1].end, finding.offset, finding.end_offset, finding.code)


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool) -> FixResult:
    """Apply the fixes of `findings` (safe ones, and unsafe ones when `unsafe`) to `text`.

    Findings without a fix, or with an unsafe fix when `unsafe` is False, are ignored: they
    appear in no list of the result. The edits' offsets all refer to `text` as given; the
    accepted edits are spliced in position order, so no edit shifts another.
    """
    candidates: list[tuple[Finding, tuple[Edit, ...]]] = []
    invalid: list[Finding] = []
    for finding in findings:
        if not is_applicable(finding, unsafe=unsafe):
            continue
        assert finding.fix is not None
        edits = _valid_edits(text, finding.fix.edits)
        if edits is None:
            invalid.append(finding)
        else:
            candidates.append((finding, edits))
    candidates.sort(key=_document_order)

    accepted: list[tuple[int, int, str]] = []
    accepted_keys: set[tuple[tuple[int, int, str], ...]] = set()
    applied: list[Finding] = []
    skipped: list[Finding] = []
    for finding, edits in candidates:
        key = _edit_key(edits)
        if key in accepted_keys:
            applied.append(finding)  # the same change twice (two rules agreeing): apply it once
            continue
        spans = [(edit.start, edit.end) for edit in edits]
        if any(_conflict(span, (start, end)) for span in spans for start, end, _ in accepted):
            skipped.append(finding)
            continue
        accepted.extend(key)
        accepted_keys.add(key)
        applied.append(finding)

    if not accepted:
        return FixResult(text, [], skipped, invalid)
    accepted.sort(key=lambda edit: (edit[0], edit[1]))
    pieces: list[str] = []
    position = 0
    for start, end, content in accepted:
        pieces.append(text[position:start])
        pieces.append(content)
        position = end
    pieces.append(text[position:])
    return FixResult("".join(pieces), applied, skipped, invalid)


def fix_until_stable(
    doc_text: str,
    check: Callable[[str], list[Finding]],
    *,
    unsafe: bool,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
) -> FixOutcome:
    """Check, fix, and check again until no applicable fix is left or `max_rounds` is spent.

    `check(text)` must return the findings of the configured rules on `text` (for example
    `lambda text: check_document(Document(path, text, decode=info), rules)[0]`). It is called
    at most `max_rounds + 1` times; `remaining` is the result of the last call, on `fixed`.
    A text that comes back to an earlier state (two fixes undoing each other) stops the loop
    early with `converged=False`.
    """
    applied_by_code: Counter[str] = Counter()
    text = doc_text
    seen = {text}
    rounds = 0
    while True:
        findings = check(text)
        result = apply_fixes(text, findings, unsafe=unsafe)
        if not result.applied:
            return FixOutcome(doc_text, text, applied_by_code, findings, rounds, True)
        if rounds >= max_rounds or result.text in seen:
            return FixOutcome(doc_text, text, applied_by_code, findings, rounds, False)
        rounds += 1
        applied_by_code.update(finding.code for finding in result.applied)
        text = result.text
        seen.add(text)


def _diff_lines(text: str) -> list[str]:
    """Lines split on "\\n" only (form feeds or U+2028 inside prose are not line breaks)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


NO_NEWLINE_MARKER = "\\ No newline at end of file\n"


def unified_diff(path: str, before: str, after: str, *, context: int = 3) -> str:
    """A unified diff from `before` to `after` with `path` on both headers ("" if equal).

    Like git's, a last line without a newline is followed by "\\ No newline at end of file".
    """
    if before == after:
        return ""
    out: list[str] = []
    for line in difflib.unified_diff(
        _diff_lines(before), _diff_lines(after), fromfile=path, tofile=path, n=context
    ):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n")
            out.append(NO_NEWLINE_MARKER)
    return "".join(out)
