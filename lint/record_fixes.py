"""Fixing the texts inside record files without touching anything else.

A JSONL line is changed only in the bytes of its text field's value: every other field keeps
its exact bytes (key order, spacing, number formats, escapes) and records keep their order;
invalid lines and records without fixes are copied as they are. The whole file is rewritten
atomically (recompressed for .gz and .zst). Parquet files are not rewritten in place: the
fixed table is written beside the original as NAME.fixed.parquet.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from json.decoder import scanstring
from pathlib import Path

from lint.atomic import write_atomically
from lint.finding import Finding
from lint.fixes import FixOutcome

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"

FixText = Callable[[str, int, str | None], FixOutcome]  # (text, record index, id) -> outcome


@dataclass
class RecordFileFixes:
    fixed_by_code: dict[str, int] = field(default_factory=dict)
    remaining: list[Finding] = field(default_factory=list)
    changed_records: int = 0
    written_to: Path | None = None


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index


def value_span(line: str, key: str) -> tuple[int, int] | None:
    """Where the value of top-level `key` stands in a JSON object line, or None."""
    index = _skip(line, 0)
    if index >= len(line) or line[index] != "{":
        return None
    index = _skip(line, index + 1)
    while index < len(line) and line[index] == '"':
        name, index = scanstring(line, index + 1)
        index = _skip(line, index)
        if index >= len(line) or line[index] != ":":
            return None
        start = _skip(line, index + 1)
        _, end = _DECODER.raw_decode(line, start)
        if name == key:
            return start, end
        index = _skip(line, end)
        if index < len(line) and line[index] == ",":
            index = _skip(line, index + 1)
    return None


def _encode_like(original: str, fixed: str) -> str:
    """The fixed text as a JSON string, escaped the way the original value was."""
    return json.dumps(fixed, ensure_ascii=original.isascii() and "\\u" in original)


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.decompress(data)
    if name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
    return data


def _compress(path: Path, data: bytes) -> bytes:
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.compress(data, mtime=0)
    if name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data


def fix_jsonl(
    path: Path, text_field: str, id_field: str, fix_text: FixText, *, write: bool
) -> RecordFileFixes:
    """Fix every record's text; rewrite the file atomically when `write` and anything changed."""
    raw = path.read_bytes()
    content = _read(path)
    outcome_total = RecordFileFixes()
    lines = content.split(b"\n")
    index = 0
    changed = False
    for position, line_bytes in enumerate(lines):
        if not line_bytes.strip():
            continue
        record_index = index
        index += 1
        try:
            line = line_bytes.decode("utf-8")
            record = json.loads(line)
            span = value_span(line, text_field)
        except (UnicodeDecodeError, ValueError):
            continue
        if not isinstance(record, dict) or span is None:
            continue
        text = record.get(text_field)
        if not isinstance(text, str):
            continue
        record_id = record.get(id_field)
        outcome = fix_text(text, record_index, None if record_id is None else str(record_id))
        outcome_total.remaining.extend(outcome.remaining)
        for code, count in outcome.applied_by_code.items():
            outcome_total.fixed_by_code[code] = outcome_total.fixed_by_code.get(code, 0) + count
        if outcome.changed:
            start, end = span
            new_line = line[:start] + _encode_like(line[start:end], outcome.fixed) + line[end:]
            lines[position] = new_line.encode("utf-8")
            outcome_total.changed_records += 1
            changed = True
    if changed and write:
        write_atomically(path, _compress(path, b"\n".join(lines)), expected_original=raw)
        outcome_total.written_to = path
    return outcome_total


def fix_parquet(
    path: Path, text_field: str, id_field: str, fix_text: FixText, *, write: bool
) -> RecordFileFixes:
    """Fix every record's text and write NAME.fixed.parquet beside the original."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    result = RecordFileFixes()
    if text_field not in table.column_names:
        return result
    texts = table.column(text_field).to_pylist()
    ids = table.column(id_field).to_pylist() if id_field in table.column_names else None
    fixed_texts = list(texts)
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        record_id = None if ids is None or ids[index] is None else str(ids[index])
        outcome = fix_text(text, index, record_id)
        result.remaining.extend(outcome.remaining)
        for code, count in outcome.applied_by_code.items():
            result.fixed_by_code[code] = result.fixed_by_code.get(code, 0) + count
        if outcome.changed:
            fixed_texts[index] = outcome.fixed
            result.changed_records += 1
    if result.changed_records and write:
        column = table.schema.get_field_index(text_field)
        field_type = table.schema.field(column).type
        table = table.set_column(
            column, table.schema.field(column), pa.array(fixed_texts, field_type)
        )
        target = path.with_name(path.name.removesuffix(".parquet") + ".fixed.parquet")
        buffer = pa.BufferOutputStream()
        pq.write_table(table, buffer)
        write_atomically(target, buffer.getvalue().to_pybytes(), expected_original=None)
        result.written_to = target
    return result
