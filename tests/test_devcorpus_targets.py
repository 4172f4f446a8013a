"""Every rule reaches its precision/recall targets on the labelled development corpus."""

from __future__ import annotations

from lint.evaluate import evaluate, format_evaluation
from tests.conftest import REPO


def test_every_rule_meets_its_targets_on_the_development_corpus():
    evaluation = evaluate(REPO / "tests" / "devcorpus")
    assert evaluation.documents >= 200
    assert not evaluation.below_target(), format_evaluation(evaluation, verbose=True)
