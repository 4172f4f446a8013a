"""The fixing invariants hold for every installed rule that offers fixes, alone and together."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.finding import Finding
from lint.fixes import apply_fixes, fix_until_stable
from lint.registry import rule_classes
from lint.rule import FixAvailability, Rule
from lint.runner import check_document

FIXING_RULES: list[type[Rule]] = [
    rule for rule in rule_classes().values() if rule.fix_availability != FixAvailability.NONE
]

PIECES = [
    "The mayor said the plan works.",
    "  indented line",
    "trailing   ",
    "\t",
    "\n",
    "\r\n",
    "\n\n\n",
    "Share this article",
    "pic.twitter.com/abc123",
    "Subscribe to our newsletter",
    "# Heading",
    "&amp; &#8217;",
    "caf\u00c3\u00a9",
    "\u200b",
    "\x00",
    "\ufeff",
    "- a list item",
    "    code()",
    "```",
    "<p>",
    "\u2028",
    "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.text(max_size=60))
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def checker(rules: list[Rule], path: str):
    def check(text: str) -> list[Finding]:
        findings, errors = check_document(Document(path, text), rules)
        assert errors == 0, [f.message for f in findings if f.code == "SL002"]
        return findings

    return check


def assert_fixing_invariants(text: str, rules: list[Rule], path: str, unsafe: bool) -> None:
    rounds: list[tuple[str, list[Finding]]] = []
    check = checker(rules, path)

    def recording(current: str) -> list[Finding]:
        findings = check(current)
        rounds.append((current, findings))
        return findings

    outcome = fix_until_stable(text, recording, unsafe=unsafe)
    assert outcome.converged, f"fixes did not settle: {outcome.applied_by_code}"
    for (before, findings), (after, _) in pairwise(rounds):
        result = apply_fixes(before, findings, unsafe=unsafe)
        assert result.text == after
        rebuilt, position = [], 0
        edits = dict.fromkeys(
            (e.start, e.end, e.content)
            for f in result.applied
            for e in f.fix.edits  # type: ignore[union-attr]
        )
        for start, end, content in sorted(edits, key=lambda e: (e[0], e[1])):
            rebuilt += [before[position:start], content]
            position = end
        assert after == "".join([*rebuilt, before[position:]])
    again = fix_until_stable(outcome.fixed, check, unsafe=unsafe)
    assert again.fixed == outcome.fixed and not again.applied_by_code


@pytest.mark.skipif(not FIXING_RULES, reason="no installed rule offers fixes yet")
@PROPERTY
@given(text=texts, unsafe=st.booleans(), markdown=st.booleans())
def test_all_fixing_rules_together_are_idempotent_and_change_only_their_spans(
    text: str, unsafe: bool, markdown: bool
) -> None:
    rules = [rule() for rule in FIXING_RULES]
    assert_fixing_invariants(text, rules, "doc.md" if markdown else "doc.txt", unsafe)


@pytest.mark.parametrize("rule", FIXING_RULES, ids=lambda rule: rule.code)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_each_fixing_rule_alone_is_idempotent(rule: type[Rule], text: str) -> None:
    assert_fixing_invariants(text, [rule()], "doc.txt", unsafe=True)
