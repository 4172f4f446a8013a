"""Record files (JSONL, gzip/zstd JSONL, Parquet): work units and the documents inside them.

A record file is split into work units that a worker can read on its own: byte ranges of a
plain JSONL file cut at record boundaries, or Parquet row groups. Compressed JSONL cannot be
cut, so it is one unit, streamed. A record's `index` is its 0-based position in its file.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO, Literal

try:  # orjson parses JSONL several times faster; the standard library is the fallback
    import orjson

    _loads = orjson.loads
    _JSON_ERRORS: tuple[type[Exception], ...] = (orjson.JSONDecodeError, ValueError)
except ImportError:  # pragma: no cover - depends on the environment
    _loads = json.loads
    _JSON_ERRORS = (ValueError,)

UnitKind = Literal["text", "jsonl", "parquet"]
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
PARQUET_SUFFIXES = (".parquet",)
RECORD_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
DEFAULT_UNIT_BYTES = 8 * 1024 * 1024


class RecordInputError(Exception):
    """A record file that cannot be read at all (not one bad record: that is REC001)."""


def unit_kind(name: str) -> UnitKind:
    lowered = name.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lowered.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return "text"


@dataclass(frozen=True)
class RecordFields:
    """Which record fields hold the text, the id, dates, and metadata passed to rules."""

    text: str = "text"
    id: str = "id"
    dates: tuple[str, ...] = ()
    metadata: tuple[str, ...] | None = None  # None: every field except the text
    ignore: str | None = None  # a field listing codes to suppress for its record

    def columns(self, available: list[str]) -> list[str]:
        """The Parquet columns to read (all but very large ones are cheap to skip)."""
        if self.metadata is None:
            return available
        wanted = {self.text, self.id, *self.dates, *self.metadata}
        return [name for name in available if name in wanted]


@dataclass(frozen=True)
class WorkUnit:
    """A piece of input a worker checks on its own; `start`/`end` are bytes or row groups."""

    path: Path
    display: str
    kind: UnitKind
    start: int = 0
    end: int | None = None
    stdin_data: bytes | None = field(default=None, compare=False, repr=False)
    fix_whole_file: bool = False  # under --fix, a record file is fixed as one unit

    @property
    def compressed(self) -> bool:
        return self.display.lower().endswith((".gz", ".zst"))


@dataclass
class RawRecord:
    """One record as read: either its fields, or why it is not a valid record."""

    index: int  # position within the unit; the engine adds the unit's first index
    fields: dict[str, Any] | None
    error: str | None = None


def _split_jsonl(path: Path, size: int, unit_bytes: int) -> list[tuple[int, int]]:
    cuts = [0]
    with path.open("rb") as handle:
        position = unit_bytes
        while position < size:
            handle.seek(position)
            while True:
                chunk = handle.read(65536)
                if not chunk:
                    position = size
                    break
                newline = chunk.find(b"\n")
                if newline != -1:
                    position += newline + 1
                    break
                position += len(chunk)
            if position >= size:
                break
            cuts.append(position)
            position += unit_bytes
    cuts.append(size)
    return [(a, b) for a, b in pairwise(cuts) if b > a] or [(0, size)]


def plan_units(path: Path, display: str, unit_bytes: int = DEFAULT_UNIT_BYTES) -> list[WorkUnit]:
    kind = unit_kind(path.name)
    if kind == "text":
        return [WorkUnit(path, display, "text")]
    if kind == "parquet":
        try:
            import pyarrow.parquet as pq

            groups = pq.ParquetFile(path).metadata.num_row_groups
        except ImportError:
            return [WorkUnit(path, display, "parquet", 0, None)]
        except Exception:  # unreadable Parquet: one unit, whose reading reports the error
            return [WorkUnit(path, display, "parquet", 0, None)]
        return [WorkUnit(path, display, "parquet", g, g + 1) for g in range(groups)] or [
            WorkUnit(path, display, "parquet", 0, 0)
        ]
    unit = WorkUnit(path, display, "jsonl")
    if unit.compressed:
        return [unit]
    try:
        size = path.stat().st_size
    except OSError:
        return [unit]
    if size <= unit_bytes:
        return [WorkUnit(path, display, "jsonl", 0, size)]
    return [WorkUnit(path, display, "jsonl", a, b) for a, b in _split_jsonl(path, size, unit_bytes)]


def _open_stream(unit: WorkUnit) -> BinaryIO:
    if unit.stdin_data is not None:
        return io.BytesIO(unit.stdin_data)
    name = unit.display.lower()
    if name.endswith(".gz"):
        return gzip.open(unit.path, "rb")  # type: ignore[return-value]
    if name.endswith(".zst"):
        try:
            import zstandard
        except ImportError as error:
            raise RecordInputError(
                "reading .zst needs the zstandard package: pip install 'seedlint[zstd]'"
            ) from error
        return io.BufferedReader(
            zstandard.ZstdDecompressor().stream_reader(unit.path.open("rb"), closefd=True)
        )
    return unit.path.open("rb")


def _parse_line(line: bytes, index: int) -> RawRecord:
    try:
        value = _loads(line)
    except _JSON_ERRORS as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return RawRecord(index, None, f"invalid JSON: {reason}")
    except UnicodeDecodeError:
        return RawRecord(index, None, "invalid JSON: not valid UTF-8")
    if not isinstance(value, dict):
        return RawRecord(index, None, f"a record must be a JSON object, not {type(value).__name__}")
    return RawRecord(index, value)


def _jsonl_lines(unit: WorkUnit) -> Iterator[bytes]:
    if unit.end is not None and not unit.compressed and unit.stdin_data is None:
        with unit.path.open("rb") as handle:
            handle.seek(unit.start)
            remaining = unit.end - unit.start
            pending = b""
            while remaining > 0:
                chunk = handle.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                remaining -= len(chunk)
                lines = (pending + chunk).split(b"\n")
                pending = lines.pop()
                yield from lines
            if pending:
                yield pending
        return
    try:
        with _open_stream(unit) as stream:
            yield from stream
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise RecordInputError(f"cannot read compressed stream: {error}") from error
    except Exception as error:  # zstandard raises its own error type
        if type(error).__module__.startswith("zstandard"):
            raise RecordInputError(f"cannot read compressed stream: {error}") from error
        raise


def read_jsonl(unit: WorkUnit) -> Iterator[RawRecord]:
    index = 0
    for line in _jsonl_lines(unit):
        if not line.strip():
            continue
        yield _parse_line(line, index)
        index += 1


def read_parquet(unit: WorkUnit, fields: RecordFields) -> Iterator[RawRecord]:
    try:
        import pyarrow.parquet as pq
    except ImportError as error:
        raise RecordInputError(
            "reading .parquet needs pyarrow: pip install 'seedlint[parquet]'"
        ) from error
    try:
        parquet = pq.ParquetFile(unit.path)
        columns = fields.columns(parquet.schema_arrow.names)
        groups = range(unit.start, unit.end if unit.end is not None else parquet.num_row_groups)
    except Exception as error:
        raise RecordInputError(f"not a readable Parquet file: {error}") from error
    index = 0
    for group in groups:
        table = parquet.read_row_group(group, columns=columns)
        for batch in table.to_batches(max_chunksize=2048):
            for row in batch.to_pylist():
                yield RawRecord(index, row)
                index += 1


def read_records(unit: WorkUnit, fields: RecordFields) -> Iterator[RawRecord]:
    if unit.kind == "parquet":
        return read_parquet(unit, fields)
    return read_jsonl(unit)


def record_text(record: RawRecord, fields: RecordFields) -> tuple[str | None, str | None, str]:
    """(text, id, problem): the text is None when the record is invalid, with the reason."""
    if record.fields is None:
        return None, None, record.error or "invalid record"
    raw_id = record.fields.get(fields.id)
    record_id = None if raw_id is None else str(raw_id)
    if fields.text not in record.fields:
        return None, record_id, f"no `{fields.text}` field"
    text = record.fields[fields.text]
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        return None, record_id, f"field `{fields.text}` is {kind}, not a string"
    return text, record_id, ""


def record_metadata(record: RawRecord, fields: RecordFields) -> dict[str, Any]:
    assert record.fields is not None
    if fields.metadata is None:
        return {k: v for k, v in record.fields.items() if k != fields.text}
    wanted = {fields.id, *fields.dates, *fields.metadata}
    return {k: v for k, v in record.fields.items() if k in wanted}


def unit_fingerprint(unit: WorkUnit) -> bytes | str:
    """What a unit's cache key hashes: a plain JSONL range's own bytes (returned so that they
    are parsed without a second read), else a digest of the bytes the unit covers."""
    if unit.kind == "jsonl" and not unit.compressed and unit.end is not None:
        with unit.path.open("rb") as handle:
            handle.seek(unit.start)
            return handle.read(unit.end - unit.start)
    hasher = hashlib.blake2b(digest_size=20)
    if unit.kind == "parquet":
        try:
            import pyarrow.parquet as pq

            metadata = pq.ParquetFile(unit.path).metadata
        except Exception as error:
            raise RecordInputError(f"not a readable Parquet file: {error}") from error
        hasher.update(str(metadata.schema).encode())
        end = unit.end if unit.end is not None else metadata.num_row_groups
        with unit.path.open("rb") as handle:
            for group in range(unit.start, end):
                row_group = metadata.row_group(group)
                for column in range(row_group.num_columns):
                    chunk = row_group.column(column)
                    start = chunk.data_page_offset
                    if chunk.has_dictionary_page and chunk.dictionary_page_offset is not None:
                        start = min(start, chunk.dictionary_page_offset)
                    handle.seek(start)
                    hasher.update(handle.read(chunk.total_compressed_size))
        return hasher.hexdigest()
    with unit.path.open("rb") as handle:
        while chunk_bytes := handle.read(1 << 20):
            hasher.update(chunk_bytes)
    return hasher.hexdigest()
