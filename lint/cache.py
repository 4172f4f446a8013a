"""The findings cache: unchanged inputs are not checked again.

An entry holds the findings of one work unit (a text file, a JSONL byte range, a Parquet row
group), keyed by a hash of the unit's bytes, its display path, the rules that ran on it with
their options and severities, the record fields, seedlint's version and the installed rule
packs. Entries are JSON (never pickle), written atomically; an entry that does not parse or
whose stored key differs is ignored and rewritten, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from lint import __version__
from lint.finding import Finding
from lint.registry import pack_versions

CACHE_DIR_NAME = ".seedlint_cache"
FORMAT_VERSION = 1


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def _source_stamps() -> list[str]:
    """Size and mtime of the engine's and the rule packs' source files: an edited rule (in an
    editable install, where the version does not change) must not be served stale findings."""
    import sys

    from lint.registry import registry

    modules = {registered.rule.__module__ for registered in registry().values()}
    stamps = []
    paths = set(Path(__file__).parent.rglob("*.py"))
    for name in modules:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None)
        if source:
            paths.add(Path(source))
            paths.update(Path(source).parent.glob("*.py"))
    for path in sorted(paths):
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return stamps


def environment_key() -> str:
    """seedlint's version, every installed rule pack's version, and their source files."""
    return digest(__version__, str(FORMAT_VERSION), *pack_versions(), *_source_stamps())


@dataclass
class CachedUnit:
    findings: list[Finding]
    checked: bool
    rule_errors: int
    records: int
    invalid_records: int
    signatures: list[tuple[str, int | None, str | None, Any]]


class _Entry(BaseModel):
    """An entry as stored; validated in one call from the JSON bytes (pydantic-core parses
    and checks them together, several times faster than `json.loads` then a model per
    finding)."""

    key: str
    checked: bool
    rule_errors: int
    records: int
    invalid_records: int
    findings: list[Finding]
    signatures: list[tuple[str, int | None, str | None, Any]]


def _dump(unit: CachedUnit, key: str) -> bytes:
    findings = []
    for finding in unit.findings:
        data = finding.model_dump(mode="json")
        data["source_line"] = finding.source_line
        data["fingerprint"] = finding.fingerprint
        findings.append(data)
    return json.dumps(
        {
            "key": key,
            "checked": unit.checked,
            "rule_errors": unit.rule_errors,
            "records": unit.records,
            "invalid_records": unit.invalid_records,
            "findings": findings,
            "signatures": [list(item) for item in unit.signatures],
        },
        ensure_ascii=True,
        separators=(",", ":"),
    ).encode("ascii")


def _load(raw: bytes, key: str) -> CachedUnit | None:
    try:
        entry = _Entry.model_validate_json(raw)
    except ValidationError:
        return None
    if entry.key != key:
        return None
    return CachedUnit(
        findings=entry.findings,
        checked=entry.checked,
        rule_errors=entry.rule_errors,
        records=entry.records,
        invalid_records=entry.invalid_records,
        signatures=entry.signatures,
    )


class FindingsCache:
    """A folder of entries, one JSON file per unit key."""

    def __init__(self, root: Path):
        self.root = root
        self._folder = os.path.join(root, f"v{FORMAT_VERSION}")  # strings: pathlib costs more

    def _path(self, key: str) -> str:
        return os.path.join(self._folder, key[:2], f"{key}.json")

    def get(self, key: str) -> CachedUnit | None:
        try:
            with open(self._path(key), "rb") as stream:
                raw = stream.read()
        except OSError:
            return None
        return _load(raw, key)

    def put(self, key: str, unit: CachedUnit) -> None:
        """Write atomically; a cache that cannot be written is skipped, never an error."""
        path = Path(self._path(key))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not (self.root / "CACHEDIR.TAG").exists():
                (self.root / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# This folder is seedlint's findings cache; `seedlint clean` removes it.\n"
                )
                (self.root / ".gitignore").write_text("*\n")
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(_dump(unit, key))
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return


def clean(root: Path) -> bool:
    if root.is_dir() and (root / "CACHEDIR.TAG").exists():
        shutil.rmtree(root, ignore_errors=True)
        return True
    return False
