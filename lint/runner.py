"""Checks documents with the configured rules, in parallel across processes by default.

Inputs become work units (a text file, a byte range of a JSONL file, a Parquet row group);
workers check units and the results come back in a deterministic order, identical to
`--jobs 1`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lint.cache import CACHE_DIR_NAME, CachedUnit, FindingsCache, digest, environment_key
from lint.config import ConfigResolver, Overrides, RuleSet
from lint.decode import decode_bytes
from lint.document import Document
from lint.files import collect_files
from lint.finding import Finding, RecordRef, Severity, sort_findings
from lint.records import (
    RecordFields,
    RecordInputError,
    WorkUnit,
    plan_units,
    read_records,
    record_metadata,
    record_text,
    unit_fingerprint,
    unit_kind,
)
from lint.registry import rule_classes
from lint.rule import CorpusItem, CorpusRule, Rule
from lint.system_rules import BinaryFile, InvalidRecord, RuleError, UnreadableFile

STDIN = "-"


@dataclass
class UnitResult:
    path: str
    findings: list[Finding]
    checked: bool = True
    rule_errors: int = 0
    fail_on: Severity = Severity.INFO
    records: int = 0
    invalid_records: int = 0
    # corpus rules' map step: (code, record index, record id, signature) per document
    signatures: list[tuple[str, int | None, str | None, Any]] = field(default_factory=list)


FileResult = UnitResult  # a text file is one unit


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    files_skipped: int = 0
    rule_errors: int = 0
    records_read: int = 0
    records_invalid: int = 0
    fail_on_by_file: dict[str, Severity] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)  # every file looked at, in order
    units: int = 0
    interrupted: int | None = None  # the signal number that stopped the run early

    @property
    def records_checked(self) -> int:
        return self.records_read - self.records_invalid

    @property
    def files_with_findings(self) -> int:
        return len({finding.filename for finding in self.findings})

    @property
    def fixable(self) -> int:
        return sum(1 for finding in self.findings if finding.fix is not None)

    def failing(self, fail_on: Severity | None = None) -> list[Finding]:
        """Findings at or above the fail-on level (the command line's, else each file's config)."""
        return [
            finding
            for finding in self.findings
            if finding.severity.rank
            >= (fail_on or self.fail_on_by_file.get(finding.filename, Severity.INFO)).rank
        ]


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.absolute().relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def check_document(doc: Document, rules: Iterable[Rule]) -> tuple[list[Finding], int]:
    """Every rule's findings for one document; a rule that raises becomes an SL002 finding."""
    findings: list[Finding] = []
    errors = 0
    error_rule: Rule | None = None
    for rule in rules:
        if rule.code == RuleError.code:
            error_rule = rule
            continue
        try:
            findings.extend(rule.check(doc))
        except Exception as error:  # a rule's bug must not stop the run
            errors += 1
            where = traceback.extract_tb(error.__traceback__)[-1]
            message = (
                f"Rule {rule.code} ({rule.name}) failed on this document: "
                f"{type(error).__name__}: {error} (at {Path(where.filename).name}:{where.lineno})"
            )
            reporter = error_rule or RuleError()
            findings.append(reporter.report(doc, 0, 0, message))
    return findings, errors


def collect_signatures(doc: Document, rules: Iterable[CorpusRule], result: UnitResult) -> None:
    """The map step of corpus rules for one document; a failure becomes an SL002 finding."""
    record_index = doc.record.index if doc.record else None
    record_id = doc.record.id if doc.record else None
    for rule in rules:
        try:
            signature = rule.signature(doc)
        except Exception as error:  # a rule's bug must not stop the run
            result.rule_errors += 1
            message = (
                f"Rule {rule.code} ({rule.name}) failed on this document: "
                f"{type(error).__name__}: {error}"
            )
            result.findings.append(RuleError().report(doc, 0, 0, message))
            continue
        if signature is not None:
            result.signatures.append((rule.code, record_index, record_id, signature))


def _notice(
    rule_type: type[Rule], path: str, message: str, record: RecordRef | None = None
) -> Finding:
    return rule_type().report(Document(path, "", record=record), 0, 0, message)


@dataclass(frozen=True)
class CacheSettings:
    enabled: bool = True
    directory: Path | None = None  # default: .seedlint_cache beside the closest config


class Checker:
    """Everything needed to check a unit, built once per process."""

    def __init__(
        self,
        explicit_config: Path | None,
        overrides: Overrides,
        cwd: Path,
        cache: CacheSettings | None = None,
    ):
        self.resolver = ConfigResolver(explicit_config, cwd)
        self.overrides = overrides
        self.cwd = cwd
        self.rules = rule_classes()
        self.cache_settings = cache or CacheSettings(enabled=False)
        self._caches: dict[Path, FindingsCache] = {}
        self._rules_keys: dict[tuple[int, frozenset[str]], str] = {}
        self._environment_key = environment_key() if self.cache_settings.enabled else ""

    # -- the findings cache ----------------------------------------------------------------
    def _cache(self, path: Path) -> FindingsCache:
        root = self.cache_settings.directory or self.resolver.for_path(path).root / CACHE_DIR_NAME
        if root not in self._caches:
            self._caches[root] = FindingsCache(root)
        return self._caches[root]

    def _rules_key(self, path: Path) -> str:
        ruleset = self.ruleset(path)
        ignored = frozenset(ruleset.ignored_codes(path))
        memo = (id(ruleset), ignored)
        if memo not in self._rules_keys:
            parts = [
                f"{rule.code}:{rule.severity.value}:{rule.options.model_dump_json()}"
                for rule in ruleset.rules_for(path)
            ]
            self._rules_keys[memo] = digest(
                self._environment_key, repr(self.record_fields(path)), *parts
            )
        return self._rules_keys[memo]

    def _unit_key(self, unit: WorkUnit, content: bytes | str) -> str:
        where = f"{unit.display}\0{unit.kind}\0{unit.start}\0{unit.end}"
        return digest(self._rules_key(unit.path), where, content)

    def _cached(self, unit: WorkUnit, key: str) -> UnitResult | None:
        entry = self._cache(unit.path).get(key)
        if entry is None:
            return None
        return UnitResult(
            unit.display,
            entry.findings,
            checked=entry.checked,
            rule_errors=entry.rule_errors,
            fail_on=self.ruleset(unit.path).fail_on,
            records=entry.records,
            invalid_records=entry.invalid_records,
            signatures=entry.signatures,
        )

    def _store(self, unit: WorkUnit, key: str, result: UnitResult) -> UnitResult:
        if result.rule_errors == 0:  # a failing rule may pass next time: do not keep its result
            entry = CachedUnit(
                result.findings,
                result.checked,
                result.rule_errors,
                result.records,
                result.invalid_records,
                result.signatures,
            )
            self._cache(unit.path).put(key, entry)
        return result

    def ruleset(self, path: Path) -> RuleSet:
        return self.resolver.for_path(path).ruleset(self.rules, self.overrides)

    def record_fields(self, path: Path) -> RecordFields:
        settings = self.resolver.for_path(path).settings
        overrides = self.overrides
        metadata = overrides.metadata_fields or settings.metadata_fields
        return RecordFields(
            text=overrides.text_field or settings.text_field,
            id=overrides.id_field or settings.id_field,
            dates=tuple(overrides.date_fields or settings.date_fields),
            metadata=tuple(metadata) if metadata is not None else None,
        )

    def _enabled(self, path: Path, code: str) -> bool:
        return any(rule.code == code for rule in self.ruleset(path).rules_for(path))

    def _unreadable(self, path: Path, display: str, reason: str) -> UnitResult:
        findings = []
        if self._enabled(path, UnreadableFile.code):
            findings.append(_notice(UnreadableFile, display, f"Cannot read file: {reason}"))
        return UnitResult(display, findings, checked=False, fail_on=self.ruleset(path).fail_on)

    def check_text(self, text_path: Path, display: str, data: bytes) -> UnitResult:
        ruleset = self.ruleset(text_path)
        decoded = decode_bytes(data)
        if decoded.text is None:
            findings = []
            if self._enabled(text_path, BinaryFile.code):
                findings.append(
                    _notice(BinaryFile, display, f"Binary file skipped ({decoded.binary_reason})")
                )
            return UnitResult(display, findings, checked=False, fail_on=ruleset.fail_on)
        doc = Document(display, decoded.text, decode=decoded.info)
        rules = ruleset.rules_for(text_path)
        findings, errors = check_document(doc, rules)
        result = UnitResult(display, findings, rule_errors=errors, fail_on=ruleset.fail_on)
        corpus_rules = [rule for rule in rules if isinstance(rule, CorpusRule)]
        if corpus_rules:
            collect_signatures(doc, corpus_rules, result)
        return result

    def check_path(self, path: Path) -> UnitResult:
        display = display_path(path, self.cwd)
        try:
            mode = path.stat().st_mode
            if not stat.S_ISREG(mode):
                kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or special file"
                if stat.S_ISDIR(mode):
                    kind = "a directory"
                return self._unreadable(path, display, f"not a regular file ({kind})")
            data = path.read_bytes()
        except OSError as error:
            return self._unreadable(path, display, error.strerror or type(error).__name__)
        if not self.cache_settings.enabled:
            return self.check_text(path, display, data)
        unit = WorkUnit(path, display, "text")
        key = self._unit_key(unit, data)
        cached = self._cached(unit, key)
        if cached is not None:
            return cached
        return self._store(unit, key, self.check_text(path, display, data))

    def check_records(self, unit: WorkUnit) -> UnitResult:
        ruleset = self.ruleset(unit.path)
        rules = ruleset.rules_for(unit.path)
        report_invalid = any(rule.code == InvalidRecord.code for rule in rules)
        corpus_rules = [rule for rule in rules if isinstance(rule, CorpusRule)]
        fields = self.record_fields(unit.path)
        result = UnitResult(unit.display, [], fail_on=ruleset.fail_on)
        try:
            for raw in read_records(unit, fields):
                result.records += 1
                text, record_id, problem = record_text(raw, fields)
                ref = RecordRef(index=raw.index, id=record_id)
                if text is None:
                    result.invalid_records += 1
                    if report_invalid:
                        result.findings.append(
                            _notice(InvalidRecord, unit.display, f"Invalid record: {problem}", ref)
                        )
                    continue
                doc = Document(
                    unit.display,
                    text,
                    record=ref,
                    metadata=record_metadata(raw, fields),
                    date_fields=fields.dates,
                )
                findings, errors = check_document(doc, rules)
                result.findings.extend(findings)
                result.rule_errors += errors
                if corpus_rules:
                    collect_signatures(doc, corpus_rules, result)
        except (RecordInputError, OSError) as error:
            unreadable = self._unreadable(unit.path, unit.display, str(error))
            result.findings.extend(unreadable.findings)
            result.checked = False
        return result

    def check_unit(self, unit: WorkUnit) -> UnitResult:
        if unit.kind == "text":
            if unit.stdin_data is not None:
                return self.check_text(unit.path, unit.display, unit.stdin_data)
            return self.check_path(unit.path)
        if unit.stdin_data is not None:
            return self.check_records(unit)
        try:
            if not stat.S_ISREG(unit.path.stat().st_mode):
                return self.check_path(unit.path)
            if not self.cache_settings.enabled:
                return self.check_records(unit)
            content = unit_fingerprint(unit)
        except (OSError, RecordInputError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            return self._unreadable(unit.path, unit.display, reason)
        if isinstance(content, bytes):  # a plain JSONL range: parse the bytes already read
            key = self._unit_key(unit, content)
            unit = replace(unit, stdin_data=content)
        else:
            key = self._unit_key(unit, content)
        cached = self._cached(unit, key)
        if cached is not None:
            return cached
        return self._store(unit, key, self.check_records(unit))


_worker: Checker | None = None


def _init_worker(
    explicit_config: Path | None, overrides: Overrides, cwd: Path, cache: CacheSettings
) -> None:
    global _worker
    _worker = Checker(explicit_config, overrides, cwd, cache)


def _check_chunk(units: list[WorkUnit]) -> list[UnitResult]:
    assert _worker is not None
    return [_worker.check_unit(unit) for unit in units]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class RunOptions:
    paths: Sequence[Path]
    explicit_config: Path | None = None
    overrides: Overrides = field(default_factory=Overrides)
    jobs: int | None = None
    stdin_data: bytes | None = None
    stdin_filename: str | None = None
    cwd: Path = field(default_factory=lambda: Path.cwd().resolve())
    unit_bytes: int | None = None
    cache: CacheSettings = field(default_factory=lambda: CacheSettings(enabled=False))


def _chunks(units: list[WorkUnit], jobs: int) -> list[list[WorkUnit]]:
    """Group small text units so that each task is worth sending to a process."""
    size = max(1, min(64, len(units) // (jobs * 8) or 1))
    chunks: list[list[WorkUnit]] = []
    current: list[WorkUnit] = []
    for unit in units:
        if unit.kind != "text":
            if current:
                chunks.append(current)
                current = []
            chunks.append([unit])
            continue
        current.append(unit)
        if len(current) >= size:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def plan(options: RunOptions, checker: Checker) -> list[WorkUnit]:
    units: list[WorkUnit] = []
    file_paths = [path for path in options.paths if str(path) != STDIN]
    files = sorted(
        collect_files(file_paths, checker.resolver),
        key=lambda path: display_path(path, options.cwd),
    )
    for path in files:  # raise configuration errors here, before any worker starts
        checker.ruleset(path)
        checker.record_fields(path)
    if len(file_paths) != len(options.paths):
        name = options.stdin_filename or STDIN
        units.append(
            WorkUnit(Path(name), name, unit_kind(name), stdin_data=options.stdin_data or b"")
        )
    for path in files:
        display = display_path(path, options.cwd)
        if unit_kind(path.name) == "text":
            units.append(WorkUnit(path, display, "text"))
        else:
            kwargs = {"unit_bytes": options.unit_bytes} if options.unit_bytes else {}
            units.extend(plan_units(path, display, **kwargs))
    return units


def _renumber(findings: list[Finding], first_index: int) -> list[Finding]:
    if first_index == 0:
        return findings
    return [
        finding.model_copy(
            update={
                "record": RecordRef(index=finding.record.index + first_index, id=finding.record.id)
            }
        )
        if finding.record is not None
        else finding
        for finding in findings
    ]


class ResultMerger:
    """Folds unit results, in plan order, into a RunResult: renumbers records across the units
    of a file, counts, and runs the corpus rules' reduce step at the end. Every engine (local
    processes, Ray) merges through this, so their output is identical."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.result = RunResult()
        self._records_before: dict[str, int] = {}
        self._seen_files: set[str] = set()
        self._corpus_items: dict[str, list[CorpusItem]] = {}
        self._reducers: dict[str, CorpusRule] = {}

    def add(self, unit: WorkUnit, result: UnitResult) -> list[Finding]:
        """Take one unit's result; returns its findings with corpus-wide record numbers."""
        run_result = self.result
        first_index = self._records_before.get(result.path, 0)
        self._records_before[result.path] = first_index + result.records
        for code, index, record_id, signature in result.signatures:
            if code not in self._reducers:
                self._reducers[code] = next(
                    rule
                    for rule in self.checker.ruleset(unit.path).rules
                    if rule.code == code and isinstance(rule, CorpusRule)
                )
            record = None if index is None else RecordRef(index=index + first_index, id=record_id)
            self._corpus_items.setdefault(code, []).append(
                CorpusItem(result.path, record, signature)
            )
        run_result.rule_errors += result.rule_errors
        run_result.records_read += result.records
        run_result.records_invalid += result.invalid_records
        run_result.fail_on_by_file[result.path] = result.fail_on
        if result.path not in self._seen_files:
            self._seen_files.add(result.path)
            run_result.paths.append(result.path)
            if result.checked:
                run_result.files_checked += 1
            else:
                run_result.files_skipped += 1
        return _renumber(result.findings, first_index)

    def corpus_findings(self) -> list[Finding]:
        """The reduce step of every corpus rule, over everything added so far."""
        findings: list[Finding] = []
        for code, items in self._corpus_items.items():
            try:
                findings.extend(self._reducers[code].reduce(items))
            except Exception as error:  # a rule's bug must not stop the run
                self.result.rule_errors += 1
                message = f"Rule {code} failed in its corpus step: {type(error).__name__}: {error}"
                findings.append(_notice(RuleError, items[0].filename, message))
        return findings


ProgressCallback = Callable[[int, int, UnitResult], None]  # (units done, units, last result)


def _start_worker(*args: Any) -> None:
    # The parent decides when workers stop: it ignores Ctrl-C for them and ends them with
    # SIGTERM, whose default action must not be the parent's handler inherited by fork.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _init_worker(*args)


def execute(
    options: RunOptions, checker: Checker, units: list[WorkUnit]
) -> Iterator[tuple[WorkUnit, UnitResult]]:
    """Check every unit, yielding results in plan order as they complete."""
    jobs = max(1, options.jobs or default_jobs())
    if jobs == 1 or len(units) < 2:
        for unit in units:
            yield unit, checker.check_unit(unit)
        return
    chunks = _chunks(units, jobs)
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = context.Pool(
        processes=min(jobs, len(chunks)),
        initializer=_start_worker,
        initargs=(options.explicit_config, options.overrides, options.cwd, options.cache),
    )
    try:
        for chunk, results in zip(chunks, pool.imap(_check_chunk, chunks), strict=True):
            yield from zip(chunk, results, strict=True)
    except BaseException:
        pool.terminate()  # an interrupt or an early stop: workers end at once
        pool.join()
        raise
    pool.close()
    pool.join()


def run(options: RunOptions, progress: ProgressCallback | None = None) -> RunResult:
    """Check everything; on Ctrl-C or SIGTERM return what was found so far, marked."""
    checker = Checker(options.explicit_config, options.overrides, options.cwd, options.cache)
    units = plan(options, checker)
    merger = ResultMerger(checker)
    findings: list[Finding] = []
    try:
        with _terminate_as_interrupt():
            for done, (unit, result) in enumerate(execute(options, checker, units), 1):
                findings.extend(merger.add(unit, result))
                if progress is not None:
                    progress(done, len(units), result)
            findings.extend(merger.corpus_findings())
    except Interrupted as interruption:
        merger.result.interrupted = interruption.signal_number
    merger.result.findings = sort_findings(findings)
    merger.result.units = len(units)
    return merger.result


class Interrupted(Exception):
    def __init__(self, signal_number: int):
        super().__init__(signal.Signals(signal_number).name)
        self.signal_number = signal_number


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into `Interrupted` while the run is going (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(number: int, frame: object) -> None:
        raise Interrupted(number)

    previous = {
        number: signal.signal(number, handler) for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
