"""The data a rule reports: findings, their locations and the fixes they carry."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
