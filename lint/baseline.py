"""Baselines: accept the findings a corpus already has, and report only new ones.

A baseline file is JSON, written by `write_baseline` (the `seedlint baseline` command):

    {
      "seedlint-baseline": 1,
      "entries": [
        {"path": "news/a.md", "record": null, "code": "QUO001",
         "fingerprint": "5f0c…", "count": 1, "message": "Quotation with no speaker…"},
        …
      ]
    }

- `seedlint-baseline` is the format version (this module reads version 1).
- `path`: the document's path relative to the baseline file's directory, with `/`
  separators (absolute when the document lies outside that directory; `-` or the
  `--stdin-filename` for text read from stdin).
- `record`: for record files (JSONL, Parquet), the record's id when it has one, else its
  index as an integer; null for plain files.
- `code`: the rule code.
- `fingerprint`: 16 hex digits of a SHA-256 over the code, the finding's own text and a little
  of the text on either side of it on the same line(s), with runs of spaces and tabs collapsed
  and CRLF read as LF. Line and column numbers are deliberately not part of it, so a finding
  keeps its entry when lines are inserted or removed above it.
- `count`: how many findings share this (path, record, code, fingerprint): the same problem
  repeated on identical lines is counted, not lost.
- `message`: the first such finding's message, for people reviewing the baseline; it plays no
  part in matching.

Entries are sorted, so a baseline diffs cleanly in version control. Matching (`filter_new`)
pairs each finding with an entry of its key until the entry's count is used up; the findings
left over are new, and entries with count left over are stale (the problem was fixed, or the
document changed around it): `--baseline-prune` lists them and `Baseline.without(stale)` drops
them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lint.atomic import FixWriteError, write_atomically
from lint.finding import Finding

FORMAT_VERSION = 1
VERSION_KEY = "seedlint-baseline"
CONTEXT_CHARS = 32
FINGERPRINT_HEX_DIGITS = 16

TextLookup = Callable[[Finding], str | None] | Mapping[str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the file and why."""


# -- keys ----------------------------------------------------------------------------------------

_BLANKS = re.compile(r"[ \t]+")


def _normalise(text: str) -> str:
    if "\t" not in text and "  " not in text and "\r" not in text:
        return text  # the common case: nothing to normalise, skip the regex
    return _BLANKS.sub(" ", text.replace("\r\n", "\n"))


def fingerprint(finding: Finding, text: str | None) -> str:
    """A digest of the finding's code, span text and nearby text on the same line(s).

    `text` is the document the finding was reported on. Without it (a file that could not be
    read) or when the offsets do not fit it, the fingerprint covers the code and message;
    a fingerprint computed when the finding was made (`Finding.fingerprint`) is used as is.
    """
    if text is None and finding.fingerprint is not None:
        return finding.fingerprint
    return span_fingerprint(finding.code, text, finding.offset, finding.end_offset, finding.message)


def span_fingerprint(code: str, text: str | None, start: int, end: int, message: str) -> str:
    """The fingerprint of a span of `text` (see `fingerprint`); rules' findings carry it."""
    if text is None or not 0 <= start <= end <= len(text):
        parts = ["message", message]
    else:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        if line_end == -1:
            line_end = len(text)
        # take a wider raw window, then cut the normalised one, so respacing does not shift it
        raw_before = text[max(line_start, start - 4 * CONTEXT_CHARS) : start]
        raw_after = text[end : min(line_end, end + 4 * CONTEXT_CHARS)].removesuffix("\r")
        before = _normalise(raw_before)[-CONTEXT_CHARS:]
        after = _normalise(raw_after)[:CONTEXT_CHARS]
        parts = ["span", _normalise(text[start:end]), before, after]
    # the code, then each part after a NUL: one hash call over the joined bytes
    joined = code + "".join("\x00" + part for part in parts)
    return hashlib.sha256(joined.encode("utf-8", errors="surrogatepass")).hexdigest()[
        :FINGERPRINT_HEX_DIGITS
    ]


RecordKey = str | int | None


def record_key(finding: Finding) -> RecordKey:
    """The record id of a finding in a record file, else its index; None for plain files."""
    if finding.record is None:
        return None
    return finding.record.id if finding.record.id is not None else finding.record.index


@dataclass(frozen=True, order=True)
class EntryKey:
    path: str
    record: str
    code: str
    fingerprint: str


def _record_sort(record: RecordKey) -> str:
    if record is None:
        return ""
    return f"i{record:012d}" if isinstance(record, int) else f"s{record}"


# -- the file format ------------------------------------------------------------------------------


class BaselineEntry(BaseModel):
    """One accepted problem (or `count` identical ones) in one document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    record: str | int | None = None
    code: str
    fingerprint: str = Field(pattern=r"^[0-9a-f]{8,64}$")
    count: int = Field(default=1, ge=1)
    message: str | None = None

    @property
    def key(self) -> EntryKey:
        return EntryKey(self.path, _record_sort(self.record), self.code, self.fingerprint)


class _BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    version: int = Field(alias=VERSION_KEY)
    entries: list[BaselineEntry]


@dataclass
class Baseline:
    """The accepted findings; `root` is the directory entry paths are relative to."""

    entries: list[BaselineEntry] = field(default_factory=list)
    root: Path = field(default_factory=Path.cwd)

    def counts(self) -> dict[EntryKey, BaselineEntry]:
        merged: dict[EntryKey, BaselineEntry] = {}
        for entry in self.entries:
            existing = merged.get(entry.key)
            merged[entry.key] = (
                entry
                if existing is None
                else existing.model_copy(update={"count": existing.count + entry.count})
            )
        return merged

    def without(self, stale: Iterable[BaselineEntry]) -> Baseline:
        """This baseline with the counts of `stale` entries taken off (for `--baseline-prune`)."""
        remove: Counter[EntryKey] = Counter()
        for entry in stale:
            remove[entry.key] += entry.count
        kept = []
        for key, entry in sorted(self.counts().items()):
            count = entry.count - remove[key]
            if count > 0:
                kept.append(entry.model_copy(update={"count": count}))
        return Baseline(kept, self.root)

    def to_json(self) -> str:
        entries = sorted(self.counts().values(), key=lambda entry: entry.key)
        data = {
            VERSION_KEY: FORMAT_VERSION,
            "entries": [entry.model_dump() for entry in entries],
        }
        try:
            text = json.dumps(data, indent=2, ensure_ascii=False)
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from undecodable file names
            text = json.dumps(data, indent=2, ensure_ascii=True)
        return text + "\n"


def baseline_path_key(filename: str, root: Path, cwd: Path | None = None) -> str:
    """A finding's filename (relative to `cwd` or absolute) made relative to `root`, posix style.

    Text read from stdin (`-`) keeps its name, so does any name that does not resolve under
    `root`'s file system (it is kept absolute).
    """
    if filename == "-":
        return filename
    cwd = cwd or Path.cwd()
    absolute = Path(os.path.normpath(cwd / filename))
    try:
        return absolute.relative_to(Path(os.path.normpath(root.absolute()))).as_posix()
    except ValueError:
        return absolute.as_posix()


def _text_getter(texts: TextLookup) -> Callable[[Finding], str | None]:
    if callable(texts):
        return texts
    return lambda finding: texts.get(finding.filename)


def _key(finding: Finding, text: str | None, root: Path, cwd: Path | None) -> EntryKey:
    return EntryKey(
        baseline_path_key(finding.filename, root, cwd),
        _record_sort(record_key(finding)),
        finding.code,
        fingerprint(finding, text),
    )


def build_baseline(
    findings: Iterable[Finding], texts: TextLookup, *, root: Path, cwd: Path | None = None
) -> Baseline:
    """A baseline accepting every finding; `texts` gives each finding's document text."""
    text_of = _text_getter(texts)
    entries: dict[EntryKey, BaselineEntry] = {}
    for finding in findings:
        key = _key(finding, text_of(finding), root, cwd)
        entry = entries.get(key)
        if entry is None:
            entries[key] = BaselineEntry(
                path=key.path,
                record=record_key(finding),
                code=key.code,
                fingerprint=key.fingerprint,
                count=1,
                message=finding.message,
            )
        else:
            entries[key] = entry.model_copy(update={"count": entry.count + 1})
    return Baseline(sorted(entries.values(), key=lambda entry: entry.key), root)


def save_baseline(path: str | os.PathLike[str], baseline: Baseline) -> None:
    """Write `baseline` to `path` atomically."""
    try:
        write_atomically(path, baseline.to_json().encode("utf-8"), expected_original=None)
    except FixWriteError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error}") from error


def write_baseline(
    path: str | os.PathLike[str],
    findings: Iterable[Finding],
    texts: TextLookup,
    *,
    cwd: Path | None = None,
) -> Baseline:
    """Write a baseline accepting `findings` to `path` and return it.

    `texts` maps each finding to its document's text: a mapping from `Finding.filename`, or a
    function of the finding (needed for record files). Paths are stored relative to the
    baseline file's directory; `cwd` is what the findings' filenames are relative to.
    """
    root = Path(os.path.abspath(path)).parent
    baseline = build_baseline(findings, texts, root=root, cwd=cwd)
    save_baseline(path, baseline)
    return baseline


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; anything but a valid version-1 baseline is a `BaselineError`."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise BaselineError(
            f"{path}: no such baseline file (create it with `seedlint baseline`)"
        ) from error
    except OSError as error:
        raise BaselineError(
            f"{path}: cannot read the baseline: {error.strerror or error}"
        ) from error
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: not a seedlint baseline (invalid JSON: {error})") from error
    if not isinstance(data, dict) or VERSION_KEY not in data:
        raise BaselineError(f"{path}: not a seedlint baseline (no `{VERSION_KEY}` version key)")
    if data[VERSION_KEY] != FORMAT_VERSION:
        raise BaselineError(
            f"{path}: baseline format version {data[VERSION_KEY]!r} is not supported "
            f"(this seedlint reads version {FORMAT_VERSION}); "
            "regenerate it with `seedlint baseline`"
        )
    try:
        parsed = _BaselineFile.model_validate(data)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(part) for part in detail["loc"])
        raise BaselineError(
            f"{path}: not a valid seedlint baseline: `{where}`: {detail['msg']}"
        ) from error
    return Baseline(parsed.entries, Path(os.path.abspath(path)).parent)


# -- matching -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineMatch:
    """`new`: findings not in the baseline. `matched`: findings the baseline accepts.
    `stale`: entries (with the count left unmatched) that no current finding uses."""

    new: list[Finding]
    matched: list[Finding]
    stale: list[BaselineEntry]

    def __iter__(self):  # allows `new, matched, stale = filter_new(...)`
        return iter((self.new, self.matched, self.stale))


def filter_keyed(
    keyed: Iterable[tuple[Finding, EntryKey]],
    baseline: Baseline,
    *,
    checked_paths: Collection[str] | None = None,
    cwd: Path | None = None,
) -> BaselineMatch:
    """`filter_new` for findings whose keys were computed already (see `finding_key`).

    Within one key, findings are matched in document order, so when a line is repeated once
    more than the baseline counts, the last occurrence is the new one.
    """
    by_key: dict[EntryKey, list[Finding]] = defaultdict(list)
    order: list[tuple[Finding, EntryKey]] = []
    for finding, key in keyed:
        order.append((finding, key))
        by_key[key].append(finding)
    accepted = baseline.counts()
    matched_ids: set[int] = set()
    for key, group in by_key.items():
        entry = accepted.get(key)
        if entry is None:
            continue
        group.sort(key=lambda finding: (finding.offset, finding.end_offset))
        matched_ids.update(id(finding) for finding in group[: entry.count])
    new = [finding for finding, _ in order if id(finding) not in matched_ids]
    matched = [finding for finding, _ in order if id(finding) in matched_ids]
    scope = (
        {baseline_path_key(path, baseline.root, cwd) for path in checked_paths}
        if checked_paths is not None
        else None
    )
    stale = []
    for key, entry in sorted(accepted.items()):
        left = entry.count - len(by_key.get(key, ()))
        if left > 0 and (scope is None or entry.path in scope):
            stale.append(entry.model_copy(update={"count": left}))
    return BaselineMatch(new, matched, stale)


def finding_key(
    finding: Finding, text: str | None, baseline: Baseline, cwd: Path | None = None
) -> EntryKey:
    """The key a finding is matched under; compute it where the document text is at hand."""
    return _key(finding, text, baseline.root, cwd)


def filter_new(
    findings: Iterable[Finding],
    baseline: Baseline,
    text_of: TextLookup,
    *,
    cwd: Path | None = None,
    checked_paths: Collection[str] | None = None,
) -> BaselineMatch:
    """Split `findings` into those new since the baseline and those it accepts, and list stale
    entries. Unpacks as `new, matched, stale`.

    `text_of` gives each finding's document text (a mapping from filename, or a function).
    `checked_paths`: the filenames this run looked at (e.g. `RunResult.paths`); entries of other
    documents are not called stale, since they were not checked. None means every entry was in
    scope. To prune entries of deleted files too, include the baseline's paths that no longer
    exist on disk.
    """
    getter = _text_getter(text_of)
    return filter_keyed(
        ((finding, finding_key(finding, getter(finding), baseline, cwd)) for finding in findings),
        baseline,
        checked_paths=checked_paths,
        cwd=cwd,
    )
