"""--fix on record files: only the text field's bytes change; order and other fields stay."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq

from lint.record_fixes import value_span
from tests.conftest import run_seedlint

LINES = [
    '{"id": 1, "text": "Trailing spaces.   \\nNext line.", "score": 1.0, "tags": ["a",  "b"]}',
    '{"text":"Clean text.","id":2,"note":"caf\\u00e9"}',
    "not json at all",
    '{"id": 3, "meta": {"text": "nested, not the field"}, "text": "Tab at end\\t"}',
]


def test_value_span_finds_the_top_level_field_only():
    line = LINES[3]
    start, end = value_span(line, "text")
    assert line[start:end] == '"Tab at end\\t"'
    assert value_span('{"a": {"text": "x"}}', "text") is None
    assert value_span("[1, 2]", "text") is None


def test_fix_changes_only_the_text_values_of_jsonl(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(LINES) + "\n")
    result = run_seedlint("check", "c.jsonl", "--select", "WS002", "--fix", cwd=tmp_path)
    assert "Fixed 2 findings; 0 remaining." in result.stderr, result.stderr
    fixed = path.read_text().split("\n")
    assert fixed[0] == (
        '{"id": 1, "text": "Trailing spaces.\\nNext line.", "score": 1.0, "tags": ["a",  "b"]}'
    )
    assert fixed[1:3] == LINES[1:3]  # clean and invalid lines are byte-identical
    assert fixed[3] == '{"id": 3, "meta": {"text": "nested, not the field"}, "text": "Tab at end"}'


def test_fix_rewrites_gzip_jsonl_with_the_same_records(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(LINES) + "\n").encode()))
    run_seedlint("check", "c.jsonl.gz", "--select", "WS002", "--fix", cwd=tmp_path)
    records = gzip.decompress(path.read_bytes()).decode().split("\n")
    assert json.loads(records[0])["text"] == "Trailing spaces.\nNext line."
    assert records[2] == "not json at all"
    again = run_seedlint("check", "c.jsonl.gz", "--select", "WS002", cwd=tmp_path)
    assert again.returncode == 0


def test_fix_writes_parquet_beside_the_original(tmp_path):
    table = pa.table({"id": ["a", "b"], "text": ["Spaces   ", "Fine"], "n": [1, 2]})
    pq.write_table(table, tmp_path / "c.parquet")
    result = run_seedlint("check", "c.parquet", "--select", "WS002", "--fix", cwd=tmp_path)
    assert "written to c.fixed.parquet" in result.stderr
    fixed = pq.read_table(tmp_path / "c.fixed.parquet")
    assert fixed.column("text").to_pylist() == ["Spaces", "Fine"]
    assert fixed.column("n").to_pylist() == [1, 2]
    assert pq.read_table(tmp_path / "c.parquet").column("text").to_pylist()[0] == "Spaces   "
