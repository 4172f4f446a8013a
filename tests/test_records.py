"""Record files: JSONL (plain, gzip, zstd), Parquet and stdin, split into work units."""

from __future__ import annotations

import gzip
import json
from itertools import pairwise
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from lint.config import Overrides
from lint.records import WorkUnit, plan_units, read_jsonl
from lint.runner import RunOptions, run
from tests.conftest import run_seedlint

RECORDS = [
    {"id": "a1", "text": "Clean words here.\n", "date": "2025-01-01"},
    {"id": "a2", "text": "Trailing space here. \nNext line.\n"},
    {"id": "a3", "text": None},
    "not an object",
    {"text": "No id, trailing tab\t\n"},
]


def _jsonl_bytes(records) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records) + b"{broken\n\n"


def _codes(result) -> list[tuple[str, int | None, str | None, int]]:
    return [
        (
            f.code,
            f.record.index if f.record else None,
            f.record.id if f.record else None,
            f.location.row,
        )
        for f in result.findings
    ]


def _run(tmp_path: Path, *names: str, **kwargs) -> object:
    options = RunOptions(
        paths=[tmp_path / name for name in names],
        overrides=Overrides(select=("WS002", "REC001", "SL003")),
        cwd=tmp_path,
        **kwargs,
    )
    return run(options)


EXPECTED = [
    ("WS002", 1, "a2", 1),
    ("REC001", 2, "a3", 1),
    ("REC001", 3, None, 1),
    ("WS002", 4, None, 1),
    ("REC001", 5, None, 1),
]


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz", "c.jsonl.zst"])
def test_jsonl_records_are_checked_and_bad_ones_reported(tmp_path, name):
    data = _jsonl_bytes(RECORDS)
    if name.endswith(".gz"):
        data = gzip.compress(data)
    elif name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    (tmp_path / name).write_bytes(data)
    result = _run(tmp_path, name)
    assert _codes(result) == EXPECTED
    assert (result.records_read, result.records_invalid, result.records_checked) == (6, 3, 3)


def test_parquet_row_groups_number_records_across_the_file(tmp_path):
    table = pa.table({"id": ["p0", "p1", "p2", "p3"], "text": ["ok\n", "ok\n", "bad \n", None]})
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=2)
    assert len(plan_units(tmp_path / "c.parquet", "c.parquet")) == 2
    result = _run(tmp_path, "c.parquet", jobs=2)
    assert _codes(result) == [("WS002", 2, "p2", 1), ("REC001", 3, "p3", 1)]


def test_splitting_a_jsonl_file_into_units_changes_nothing(tmp_path):
    records = [
        {"id": f"r{i}", "text": f"Line {i}{' ' if i % 7 == 0 else ''}\n"} for i in range(500)
    ]
    (tmp_path / "big.jsonl").write_bytes(_jsonl_bytes(records))
    units = plan_units(tmp_path / "big.jsonl", "big.jsonl", unit_bytes=1000)
    assert len(units) > 5
    assert units[0].start == 0 and all(a.end == b.start for a, b in pairwise(units))
    whole = _run(tmp_path, "big.jsonl", jobs=1)
    split = _run(tmp_path, "big.jsonl", jobs=2, unit_bytes=1000)
    assert _codes(whole) == _codes(split)
    assert [c[1] for c in _codes(whole) if c[0] == "WS002"] == list(range(0, 500, 7))


def test_unit_boundaries_fall_after_a_newline(tmp_path):
    (tmp_path / "x.jsonl").write_bytes(_jsonl_bytes([{"text": "a" * 50}] * 40))
    for unit in plan_units(tmp_path / "x.jsonl", "x.jsonl", unit_bytes=100)[1:]:
        with open(tmp_path / "x.jsonl", "rb") as handle:
            handle.seek(unit.start - 1)
            assert handle.read(1) == b"\n"
    total = sum(
        1
        for unit in plan_units(tmp_path / "x.jsonl", "x.jsonl", unit_bytes=100)
        for _ in read_jsonl(unit)
    )
    assert total == 41


def test_text_and_id_fields_are_configurable(tmp_path):
    (tmp_path / "c.jsonl").write_text(json.dumps({"key": "k9", "body": "Spaces   \n"}) + "\n")
    result = _run(tmp_path, "c.jsonl")
    assert _codes(result) == [("REC001", 0, None, 1)]
    options = RunOptions(
        paths=[tmp_path / "c.jsonl"],
        overrides=Overrides(select=("WS002",), text_field="body", id_field="key"),
        cwd=tmp_path,
    )
    assert _codes(run(options)) == [("WS002", 0, "k9", 1)]


def test_record_locations_in_text_and_json_output(tmp_path):
    (tmp_path / "c.jsonl").write_bytes(_jsonl_bytes(RECORDS))
    concise = run_seedlint(
        "check", "c.jsonl", "--select", "WS002", "--output-format", "concise", cwd=tmp_path
    )
    assert "c.jsonl:#1[id=a2]:1:21: WS002" in concise.stdout
    as_json = json.loads(
        run_seedlint(
            "check", "c.jsonl", "--select", "WS002", "--output-format", "json", cwd=tmp_path
        ).stdout
    )
    assert as_json[0]["filename"] == "c.jsonl"
    assert as_json[0]["record"] == {"index": 1, "id": "a2"}


def test_jsonl_on_stdin_is_read_as_records(tmp_path):
    result = run_seedlint(
        "check",
        "-",
        "--stdin-filename",
        "piped.jsonl",
        "--select",
        "WS002,REC001",
        "--output-format",
        "concise",
        cwd=tmp_path,
        stdin=_jsonl_bytes(RECORDS),
    )
    assert "piped.jsonl:#1[id=a2]:1:21: WS002" in result.stdout
    assert "piped.jsonl:#5:1:1: REC001" in result.stdout


def test_corrupt_gzip_is_reported_and_the_run_goes_on(tmp_path):
    (tmp_path / "bad.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "good.jsonl").write_bytes(_jsonl_bytes(RECORDS[:2]))
    result = _run(tmp_path, "bad.jsonl.gz", "good.jsonl")
    codes = _codes(result)
    assert codes[0][0] == "SL003"
    assert ("WS002", 1, "a2", 1) in codes


def test_unit_for_stdin_is_not_split():
    unit = WorkUnit(Path("-"), "x.jsonl", "jsonl", stdin_data=b'{"text": "a"}\n')
    assert [r.fields for r in read_jsonl(unit)] == [{"text": "a"}]


def test_date_field_named_on_the_command_line_dates_the_record(tmp_path):
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "x", "text": "The council met yesterday.\n", "when": "2025-03-02"}) + "\n"
    )
    undated = run_seedlint(
        "check", "c.jsonl", "--select", "DAT001", "--output-format", "concise", cwd=tmp_path
    )
    assert "DAT001" in undated.stdout
    dated = run_seedlint(
        "check",
        "c.jsonl",
        "--select",
        "DAT001",
        "--date-field",
        "when",
        "--output-format",
        "concise",
        cwd=tmp_path,
    )
    assert "DAT001" not in dated.stdout and dated.returncode == 0
