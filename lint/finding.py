"""The data a rule reports: findings, their locations and the fixes they carry."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

ModelT = TypeVar("ModelT", bound=BaseModel)


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Location(BaseModel):
    """A 1-based line (`row`) and 1-based column counted in characters."""

    model_config = ConfigDict(frozen=True)

    row: int
    column: int


class RecordRef(BaseModel):
    """Where a document sits inside a record file (JSONL, Parquet)."""

    model_config = ConfigDict(frozen=True)

    index: int
    id: str | None = None


class Edit(BaseModel):
    """Replace the characters `start`..`end` (offsets into the document text) by `content`."""

    model_config = ConfigDict(frozen=True)

    content: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    location: Location
    end_location: Location


Applicability = Literal["safe", "unsafe"]


class Fix(BaseModel):
    model_config = ConfigDict(frozen=True)

    applicability: Applicability
    message: str | None = None
    edits: tuple[Edit, ...]


class Finding(BaseModel):
    """One problem found in one document, at one span of its text."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    message: str
    severity: Severity
    filename: str
    record: RecordRef | None = None
    location: Location
    end_location: Location
    offset: int = Field(ge=0, description="start of the span, as a character offset")
    end_offset: int = Field(ge=0, description="end of the span (exclusive)")
    fix: Fix | None = None
    source_line: str | None = Field(
        default=None, exclude=True, description="text of the line the finding starts on"
    )
    fingerprint: str | None = Field(
        default=None, exclude=True, description="digest of the span and its context (baseline)"
    )

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple:
        record_index = self.record.index if self.record is not None else -1
        return (
            self.filename,
            record_index,
            self.location.row,
            self.location.column,
            self.code,
            self.end_location.row,
            self.end_location.column,
            self.message,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Findings cross from pool workers to the parent by the ten thousand: as one flat
        # tuple of plain values they pickle three times faster and unpickle twice as fast
        # as pydantic's default state (a dict per nested model).
        fix = self.fix
        record = self.record
        return (
            _finding_from_fields,
            (
                self.code,
                self.name,
                self.message,
                self.severity.value,
                self.filename,
                None if record is None else (record.index, record.id),
                self.location.row,
                self.location.column,
                self.end_location.row,
                self.end_location.column,
                self.offset,
                self.end_offset,
                None if fix is None else (fix.applicability, fix.message, _flat_edits(fix)),
                self.source_line,
                self.fingerprint,
            ),
        )


def _flat_edits(fix: Fix) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        (
            edit.content,
            edit.start,
            edit.end,
            edit.location.row,
            edit.location.column,
            edit.end_location.row,
            edit.end_location.column,
        )
        for edit in fix.edits
    )


_SEVERITIES = {severity.value: severity for severity in Severity}


_set_attribute = object.__setattr__


def build_unchecked(model: type[ModelT], values: dict[str, Any]) -> ModelT:
    """A model from field values known to be valid (every field given, of the right type):
    the four attributes pydantic's own `__setstate__` sets when it unpickles a model, set
    directly. Three times faster than `model_construct`; for the engine's hot paths only."""
    restored = model.__new__(model)
    _set_attribute(restored, "__dict__", values)
    _set_attribute(restored, "__pydantic_fields_set__", set(values))
    _set_attribute(restored, "__pydantic_extra__", None)
    _set_attribute(restored, "__pydantic_private__", None)
    return restored


def location_at(row: int, column: int) -> Location:
    return build_unchecked(Location, {"row": row, "column": column})


def _finding_from_fields(
    code: str,
    name: str,
    message: str,
    severity: str,
    filename: str,
    record: tuple[int, str | None] | None,
    row: int,
    column: int,
    end_row: int,
    end_column: int,
    offset: int,
    end_offset: int,
    fix: tuple[Any, ...] | None,
    source_line: str | None,
    fingerprint: str | None,
) -> Finding:
    """The inverse of `Finding.__reduce__`."""
    restored_fix = None
    if fix is not None:
        applicability, fix_message, edits = fix
        restored_edits = tuple(
            build_unchecked(
                Edit,
                {
                    "content": content,
                    "start": start,
                    "end": end,
                    "location": location_at(edit_row, edit_column),
                    "end_location": location_at(edit_end_row, edit_end_column),
                },
            )
            for content, start, end, edit_row, edit_column, edit_end_row, edit_end_column in edits
        )
        restored_fix = build_unchecked(
            Fix, {"applicability": applicability, "message": fix_message, "edits": restored_edits}
        )
    return build_unchecked(
        Finding,
        {
            "code": code,
            "name": name,
            "message": message,
            "severity": _SEVERITIES[severity],
            "filename": filename,
            "record": None
            if record is None
            else build_unchecked(RecordRef, {"index": record[0], "id": record[1]}),
            "location": location_at(row, column),
            "end_location": location_at(end_row, end_column),
            "offset": offset,
            "end_offset": end_offset,
            "fix": restored_fix,
            "source_line": source_line,
            "fingerprint": fingerprint,
        },
    )


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
