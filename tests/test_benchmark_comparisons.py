"""The benchmark's comparison rows: the big JSONL, the finding-set comparison for Ray, and how
the outside tools' output is read. No timings here: speed is measured by `make bench`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from benchmarks.big_corpus import build_big_corpus
from benchmarks.comparisons.reports import (
    PROSELINT_FINDING,
    datatrove_summary,
    proselint_unreadable,
)
from benchmarks.corpus import make_document
from benchmarks.finding_sets import describe_difference, keys_from_dataset, keys_from_report


def test_big_corpus_is_the_corpus_documents_in_order_up_to_the_size(tmp_path: Path) -> None:
    big = build_big_corpus(60_000, seed=11, root=tmp_path, workers=1, progress=False)
    lines = big.jsonl.read_bytes().splitlines(keepends=True)
    assert big.documents == len(lines)
    assert big.jsonl_bytes == sum(map(len, lines)) >= 60_000
    assert sum(map(len, lines[:-1])) < 60_000  # stops at the record that reaches the size
    for index in (0, len(lines) // 2, len(lines) - 1):
        record = json.loads(lines[index])
        assert record == make_document(index, 11).record()


def test_big_corpus_is_reused_and_identical_when_rebuilt(tmp_path: Path) -> None:
    first = build_big_corpus(30_000, seed=5, root=tmp_path / "a", workers=2, progress=False)
    again = build_big_corpus(30_000, seed=5, root=tmp_path / "a", progress=False)
    elsewhere = build_big_corpus(30_000, seed=5, root=tmp_path / "b", workers=1, progress=False)
    assert again == first
    assert elsewhere.jsonl.read_bytes() == first.jsonl.read_bytes()


def _report_line(name: str, index: int, code: str, row: int, column: int) -> str:
    return json.dumps(
        {
            "code": code,
            "filename": name,
            "record": {"index": index, "id": f"doc-{index}"},
            "location": {"row": row, "column": column},
        }
    )


def _dataset_line(name: str, index: int, code: str, row: int, column: int) -> str:
    row_fields = {"filename": name, "record_index": index, "code": code, "row": row}
    return json.dumps({"position": 0, **row_fields, "column": column, "record_id": "x"})


def test_ray_dataset_and_local_report_compare_equal_by_finding_keys(tmp_path: Path) -> None:
    findings = [("c.jsonl", 3, "DAT001", 1, 1), ("c.jsonl", 7, "WS002", 4, 12)]
    report = tmp_path / "local.jsonl"
    report.write_text("\n".join(_report_line(*f) for f in findings) + "\n")
    dataset = tmp_path / "ray.jsonl"
    dataset.mkdir()
    (dataset / "findings-000000-a.jsonl").write_text(_dataset_line(*findings[1]) + "\n")
    (dataset / "findings-000001-a.jsonl").write_text(_dataset_line(*findings[0]) + "\n")
    assert keys_from_dataset(dataset) == keys_from_report(report)
    assert describe_difference(keys_from_dataset(dataset), keys_from_report(report)) == (
        "identical"
    )


def test_difference_counts_each_side_and_repeated_findings() -> None:
    ours = Counter({("c.jsonl", 1, "DUP002", 1, 1): 2, ("c.jsonl", 2, "WS002", 3, 4): 1})
    reference = Counter({("c.jsonl", 1, "DUP002", 1, 1): 1, ("c.jsonl", 9, "TRN001", 5, 1): 1})
    verdict = describe_difference(ours, reference)
    assert verdict.startswith("3 differ; 2 only in this run")
    assert "c.jsonl:#2:3:4 WS002" in verdict
    assert "1 only in the reference (e.g. c.jsonl:#9:5:1 TRN001)" in verdict


def test_datatrove_summary_counts_documents_dropped_by_each_filter() -> None:
    summary = {
        "documents": 10,
        "filters": [
            {"filter": "C4QualityFilter", "seen": 10, "kept": 8, "dropped": 2, "reasons": {}},
            {
                "filter": "GopherQualityFilter",
                "seen": 8,
                "kept": 7,
                "dropped": 1,
                "reasons": {"gopher_short_doc": 1},
            },
        ],
    }
    cell, notes = datatrove_summary("log line\n" + json.dumps(summary) + "\n")
    assert cell == "3 of 10 docs dropped"
    assert notes[1] == "GopherQualityFilter: saw 8, kept 7, dropped 1 (gopher_short_doc 1)"


def test_datatrove_summary_says_when_the_driver_printed_none() -> None:
    assert datatrove_summary("Traceback …\n") == (
        "—",
        ["the datatrove driver printed no summary"],
    )


def test_proselint_findings_are_counted_once_even_when_a_message_spans_lines() -> None:
    output = (
        b"news-000001.txt:4:7: typography.symbols.curly_quotes: Use curly quotes.\n"
        b"news-000002.md:23:7: lexical_illusions: There's a lexical illusion in 'Harbour\n"
        b"\n"
        b"Harbour' - a phrase is repeated.\n"
    )
    assert sum(bool(PROSELINT_FINDING.match(line)) for line in output.splitlines()) == 2
    stderr = "Error encountered while linting /x/a.txt: 'utf-8' codec can't decode byte\n"
    assert proselint_unreadable(stderr) == 1
