"""ENC001 agrees with ftfy's own test cases (read from ../shared/eval when it exists).

Agreement: a case is mojibake when its `original` differs from the text ftfy is expected
to produce when fixing encoding only (`fixed-encoding`, else `fixed`), as SOURCE.md defines;
ENC001 agrees on a case when it reports at least one finding exactly on the mojibake cases.
The score counts every case of the five files, ftfy's own known failures included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.document import Document
from rules.encoding import Mojibake

CASES = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ftfy-test-cases"
FILES = ["in-the-wild", "synthetic", "negative", "language-names", "known-failures"]


def agreement() -> dict[str, tuple[int, int]]:
    rule = Mojibake()
    scores = {}
    for name in FILES:
        cases = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
        agreed = 0
        for case in cases:
            expected = case.get("fixed-encoding", case["fixed"])
            is_mojibake = case["original"] != expected
            fired = any(True for _ in rule.check(Document("case.txt", case["original"])))
            agreed += fired == is_mojibake
        scores[name] = (agreed, len(cases))
    return scores


@pytest.mark.skipif(not CASES.is_dir(), reason="ftfy's test cases (../shared/eval) are absent")
def test_enc001_agrees_with_ftfy_test_cases() -> None:
    scores = agreement()
    agreed = sum(a for a, _ in scores.values())
    total = sum(n for _, n in scores.values())
    assert total > 100
    assert agreed / total >= 0.95, scores
    for name in ("in-the-wild", "synthetic", "negative", "language-names"):
        assert scores[name][0] / scores[name][1] >= 0.95, (name, scores[name])
