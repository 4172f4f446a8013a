"""The labelled whitespace corpus meets the precision and recall targets it declares."""

from __future__ import annotations

from pathlib import Path

from lint.evaluate import evaluate

CORPUS = Path(__file__).parent / "devcorpus" / "whitespace"


def test_whitespace_corpus_meets_its_targets():
    evaluation = evaluate(CORPUS)
    assert evaluation.below_target() == [], evaluation.mismatches


def test_whitespace_corpus_keeps_its_crlf_documents_byte_exact():
    assert b"\r\n" in (CORPUS / "ws005-crlf.txt").read_bytes()
    assert b"\r\r\n" in (CORPUS / "ws005-crcrlf.txt").read_bytes()
