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
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lint.atomic import FixWriteError, write_fixed_text
from lint.cache import CACHE_DIR_NAME, CachedUnit, FindingsCache, digest, environment_key
from lint.config import Config, ConfigResolver, Overrides, RuleSet
from lint.decode import decode_bytes
from lint.document import Document
from lint.files import collect_files
from lint.finding import Finding, RecordRef, Severity, sort_findings
from lint.fixes import FixOutcome, fix_until_stable, unified_diff
from lint.record_fixes import fix_jsonl, fix_parquet
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
from lint.rule import CorpusItem, CorpusReducer, CorpusRule, Rule
from lint.suppressions import Suppressions
from lint.system_rules import (
    BinaryFile,
    FileTooLarge,
    FixNotWritten,
    InvalidRecord,
    InvalidSuppression,
    RuleError,
    RuleTimedOut,
    UnreadableFile,
    UnusedSuppression,
)

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
    fixed: dict[str, int] = field(default_factory=dict)  # fixes applied, by code
    diff: str | None = None  # --diff: what --fix would change
    fix_problem: str | None = None  # why fixes were not (all) applied


@dataclass
class RunResult:
    """What a run found and how much it read. With a streaming sink, `findings` stays empty
    and only the counts are kept, so memory does not grow with the number of findings."""

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
    fixed: dict[str, int] = field(default_factory=dict)  # fixes applied, by code
    diffs: list[str] = field(default_factory=list)
    fix_problems: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    finding_count: int = 0
    fixable: int = 0  # findings --fix would fix
    unsafe_fixable: int = 0  # findings only --unsafe-fixes would fix
    failing_count: int = 0  # findings at or above fail-on
    files_with_findings_set: set[str] = field(default_factory=set)

    @property
    def records_checked(self) -> int:
        return self.records_read - self.records_invalid

    @property
    def files_with_findings(self) -> int:
        return len(self.files_with_findings_set)

    def tally(self, findings: Iterable[Finding], fail_on: Severity | None) -> None:
        for finding in findings:
            self.finding_count += 1
            if finding.fix is not None:
                if finding.fix.applicability == "safe":
                    self.fixable += 1
                else:
                    self.unsafe_fixable += 1
            self.files_with_findings_set.add(finding.filename)
            threshold = fail_on or self.fail_on_by_file.get(finding.filename, Severity.INFO)
            self.failing_count += finding.severity.rank >= threshold.rank


def display_path(path: Path, cwd: Path, process_cwd: str | None = None) -> str:
    """The path as reported: relative to the working folder when under it, else as given.
    `process_cwd` (os.getcwd(), which a relative `path` is relative to) saves asking the
    kernel for it once per file."""
    base = str(cwd)
    absolute = os.path.normpath(os.path.join(process_cwd or os.getcwd(), path))
    if absolute.startswith(base + os.sep):
        return absolute[len(base) + 1 :].replace(os.sep, "/")
    return path.as_posix()


class RuleTimeout(BaseException):
    """Raised in a rule by SIGALRM when it overruns its time budget."""


_running_rule: Rule | None = None  # the rule the alarm interrupts; None between rules


def _on_alarm(signal_number: int, frame: object) -> None:
    if _running_rule is not None:
        raise RuleTimeout


def install_rule_timeouts() -> bool:
    """Let `check_document` stop a rule that overruns (main thread of a process only)."""
    if not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    signal.signal(signal.SIGALRM, _on_alarm)
    return True


def _rule_failure(rule: Rule, error: BaseException) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    at = f" (at {Path(where.filename).name}:{where.lineno})" if where else ""
    return (
        f"Rule {rule.code} ({rule.name}) failed on this document: "
        f"{type(error).__name__}: {error}{at}"
    )


def check_document(
    doc: Document, rules: Iterable[Rule], timeout: float | None = None
) -> tuple[list[Finding], int]:
    """Every rule's findings for one document. A rule that raises becomes an SL002 finding;
    with a `timeout` (seconds, after `install_rule_timeouts()`), a rule still running when the
    document's budget runs out is stopped and reported as SL001, and the others go on."""
    global _running_rule
    findings: list[Finding] = []
    errors = 0
    by_code: dict[str, Rule] = {}
    timed = bool(timeout) and signal.getsignal(signal.SIGALRM) is _on_alarm
    if timed:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        for rule in rules:
            if rule.code in (RuleError.code, RuleTimedOut.code):
                by_code[rule.code] = rule
                continue
            try:
                _running_rule = rule
                findings.extend(rule.check(doc))
                _running_rule = None
            except RuleTimeout:
                _running_rule = None
                errors += 1
                reporter = by_code.get(RuleTimedOut.code) or RuleTimedOut()
                message = (
                    f"Rule {rule.code} ({rule.name}) ran out of its {timeout:g} s budget on this "
                    "document and was stopped; its findings here are missing"
                )
                findings.append(reporter.report(doc, 0, 0, message))
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, timeout)  # a fresh budget for the rest
            except Exception as error:  # a rule's bug must not stop the run
                _running_rule = None
                errors += 1
                reporter = by_code.get(RuleError.code) or RuleError()
                findings.append(reporter.report(doc, 0, 0, _rule_failure(rule, error)))
    finally:
        _running_rule = None
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return findings, errors


def lint_document(
    doc: Document,
    rules: Sequence[Rule],
    ignore_value: object = None,
    timeout: float | None = None,
) -> tuple[list[Finding], int]:
    """`check_document`, then the document's own suppressions (comments, front matter, a
    record's ignore field), reporting unused (SL100) and malformed (SL101) ones if enabled."""
    findings, errors = check_document(doc, rules, timeout)
    if ignore_value is None and "seedlint" not in doc.text:
        return findings, errors  # nothing can suppress anything: skip the parse
    suppressions = Suppressions.from_document(
        doc, ignored_codes=ignore_value if isinstance(ignore_value, str | list) else None
    )
    if suppressions.is_empty and not suppressions.malformed:
        return findings, errors
    enabled = {rule.code for rule in rules}
    kept, _suppressed, unused = suppressions.filter(findings, enabled_codes=enabled)
    by_code = {rule.code: rule for rule in rules}
    if UnusedSuppression.code in by_code:
        reporter = by_code[UnusedSuppression.code]
        for item in unused:
            directive = item.directive
            kept.append(reporter.report(doc, directive.start, directive.end, item.message))
    if InvalidSuppression.code in by_code:
        reporter = by_code[InvalidSuppression.code]
        for bad in suppressions.malformed:
            kept.append(
                reporter.report(doc, bad.start, bad.end, f"Ignored suppression: {bad.reason}")
            )
    return kept, errors


def collect_signatures(doc: Document, rules: Iterable[CorpusRule], result: UnitResult) -> None:
    """The map step of corpus rules for one document; a failure becomes an SL002 finding."""
    record_index = doc.record.index if doc.record else None
    record_id = doc.record.id if doc.record else None
    for rule in rules:
        try:
            signature = rule.signature(doc)
        except Exception as error:  # a rule's bug must not stop the run
            result.rule_errors += 1
            result.findings.append(RuleError().report(doc, 0, 0, _rule_failure(rule, error)))
            continue
        if signature is not None:
            result.signatures.append((rule.code, record_index, record_id, signature))


def _notice(
    rule_type: type[Rule], path: str, message: str, record: RecordRef | None = None
) -> Finding:
    return rule_type().report(Document(path, "", record=record), 0, 0, message)


@dataclass(frozen=True)
class FixSettings:
    """`--fix` (write fixed files) or `--diff` (describe the change, write nothing)."""

    unsafe: bool = False
    diff_only: bool = False
    to_utf8: bool = False


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
        fix: FixSettings | None = None,
    ):
        self.fix_settings = fix
        self.resolver = ConfigResolver(explicit_config, cwd)
        install_rule_timeouts()
        self.overrides = overrides
        self.cwd = cwd
        self.rules = rule_classes()
        self.cache_settings = cache or CacheSettings(enabled=False)
        if fix is not None:  # files change under a fix: their findings are not cached
            self.cache_settings = CacheSettings(enabled=False)
        self._caches: dict[Path, FindingsCache] = {}
        self._rules_keys: dict[tuple[int, frozenset[str]], str] = {}
        self._record_fields: dict[int, RecordFields] = {}  # by id() of a resolved Config
        self._environment_key = environment_key() if self.cache_settings.enabled else ""

    # -- the findings cache ----------------------------------------------------------------
    def _cache(self, path: Path) -> FindingsCache:
        root = self.cache_settings.directory or self.resolver.for_file(path).root / CACHE_DIR_NAME
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
        return self.resolver.for_file(path).ruleset(self.rules, self.overrides)

    def record_fields(self, path: Path) -> RecordFields:
        config = self.resolver.for_file(path)
        fields = self._record_fields.get(id(config))
        if fields is None:
            fields = self._record_fields[id(config)] = self._fields_for(config)
        return fields

    def _fields_for(self, config: Config) -> RecordFields:
        settings = config.settings
        overrides = self.overrides
        metadata = overrides.metadata_fields or settings.metadata_fields
        return RecordFields(
            text=overrides.text_field or settings.text_field,
            id=overrides.id_field or settings.id_field,
            dates=tuple(overrides.date_fields or settings.date_fields),
            metadata=tuple(metadata) if metadata is not None else None,
            ignore=overrides.ignore_field or settings.ignore_field,
        )

    def _engine_notice(
        self, path: Path, rule_type: type[Rule], display: str, message: str
    ) -> list[Finding]:
        """An engine finding about a whole file, if its rule is enabled for that file."""
        if any(rule.code == rule_type.code for rule in self.ruleset(path).rules_for(path)):
            return [_notice(rule_type, display, message)]
        return []

    def _skipped(self, path: Path, display: str, rule_type: type[Rule], message: str) -> UnitResult:
        """The result for a file that was not checked, with the engine finding saying why."""
        findings = self._engine_notice(path, rule_type, display, message)
        return UnitResult(display, findings, checked=False, fail_on=self.ruleset(path).fail_on)

    def _unreadable(self, path: Path, display: str, reason: str) -> UnitResult:
        return self._skipped(path, display, UnreadableFile, f"Cannot read file: {reason}")

    def check_text(self, text_path: Path, display: str, data: bytes) -> UnitResult:
        ruleset = self.ruleset(text_path)
        decoded = decode_bytes(data)
        if decoded.text is None:
            reason = f"Binary file skipped ({decoded.binary_reason})"
            return self._skipped(text_path, display, BinaryFile, reason)
        doc = Document(display, decoded.text, decode=decoded.info)
        rules = ruleset.rules_for(text_path)
        findings, errors = lint_document(doc, rules, timeout=ruleset.rule_timeout)
        result = UnitResult(display, findings, rule_errors=errors, fail_on=ruleset.fail_on)
        corpus_rules = [rule for rule in rules if isinstance(rule, CorpusRule)]
        if corpus_rules:
            collect_signatures(doc, corpus_rules, result)
        return result

    def fix_text(self, path: Path, display: str, data: bytes) -> UnitResult:
        """Apply fixes until stable; write the file (or, in diff mode, describe the change)."""
        settings = self.fix_settings
        assert settings is not None
        decoded = decode_bytes(data)
        if decoded.text is None:
            return self.check_text(path, display, data)
        ruleset = self.ruleset(path)
        rules = ruleset.rules_for(path)
        errors = 0

        def check(text: str) -> list[Finding]:
            nonlocal errors
            findings, errors = lint_document(
                Document(display, text, decode=decoded.info), rules, timeout=ruleset.rule_timeout
            )
            return findings

        outcome = fix_until_stable(decoded.text, check, unsafe=settings.unsafe)
        result = UnitResult(display, outcome.remaining, rule_errors=errors, fail_on=ruleset.fail_on)
        result.fixed = dict(outcome.applied_by_code)
        if not outcome.converged:
            result.fix_problem = "fixes did not settle after 10 rounds; some were left unapplied"
        if outcome.changed:
            if settings.diff_only:
                result.diff = unified_diff(display, outcome.original, outcome.fixed)
            else:
                try:
                    write_fixed_text(
                        path,
                        outcome.fixed,
                        original_bytes=data,
                        original_text=decoded.text,
                        info=decoded.info,
                        to_utf8=settings.to_utf8,
                    )
                except FixWriteError as error:
                    result.fixed = {}
                    result.fix_problem = f"not written: {error}"
                    result.findings, result.rule_errors = lint_document(
                        Document(display, decoded.text, decode=decoded.info),
                        rules,
                        timeout=ruleset.rule_timeout,
                    )
                    result.findings += self._engine_notice(
                        path, FixNotWritten, display, f"Fixes not written: {error}"
                    )
        corpus_rules = [rule for rule in rules if isinstance(rule, CorpusRule)]
        if corpus_rules:
            final = outcome.fixed if not settings.diff_only and result.fixed else decoded.text
            collect_signatures(Document(display, final, decode=decoded.info), corpus_rules, result)
        return result

    def check_path(self, path: Path, display: str | None = None) -> UnitResult:
        display = display or display_path(path, self.cwd)
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or special file"
                if stat.S_ISDIR(info.st_mode):
                    kind = "a directory"
                return self._unreadable(path, display, f"not a regular file ({kind})")
            limit = self.ruleset(path).max_file_size
            if limit and info.st_size > limit:
                message = (
                    f"File skipped: {info.st_size / 2**20:,.1f} MiB is over the "
                    f"{limit / 2**20:,.0f} MiB limit (max-file-size)"
                )
                return self._skipped(path, display, FileTooLarge, message)
            data = path.read_bytes()
        except OSError as error:
            return self._unreadable(path, display, error.strerror or type(error).__name__)
        if self.fix_settings is not None:
            return self.fix_text(path, display, data)
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
                ignore_value = raw.fields.get(fields.ignore) if fields.ignore else None
                findings, errors = lint_document(
                    doc, rules, ignore_value, timeout=ruleset.rule_timeout
                )
                result.findings.extend(findings)
                result.rule_errors += errors
                if corpus_rules:
                    collect_signatures(doc, corpus_rules, result)
        except (RecordInputError, OSError) as error:
            unreadable = self._unreadable(unit.path, unit.display, str(error))
            result.findings.extend(unreadable.findings)
            result.checked = False
        return result

    def fix_records(self, unit: WorkUnit) -> UnitResult:
        """Fix the text of every record of a JSONL file in place (other fields untouched) or of
        a Parquet file into NAME.fixed.parquet, then report what remains."""
        settings = self.fix_settings
        assert settings is not None
        ruleset = self.ruleset(unit.path)
        rules = ruleset.rules_for(unit.path)
        fields = self.record_fields(unit.path)

        def fix_text(text: str, index: int, record_id: str | None) -> FixOutcome:
            ref = RecordRef(index=index, id=record_id)

            def check(candidate: str) -> list[Finding]:
                doc = Document(unit.display, candidate, record=ref, date_fields=fields.dates)
                return lint_document(doc, rules, timeout=ruleset.rule_timeout)[0]

            return fix_until_stable(text, check, unsafe=settings.unsafe)

        fixer = fix_parquet if unit.kind == "parquet" else fix_jsonl
        problem = None
        try:
            outcome = fixer(
                unit.path, fields.text, fields.id, fix_text, write=not settings.diff_only
            )
        except (FixWriteError, OSError, ValueError, RecordInputError) as error:
            outcome, problem = None, f"not written: {error}"
        except Exception as error:  # a corrupt compressed stream or Parquet file
            outcome, problem = None, f"not written: {type(error).__name__}: {error}"
        result = self.check_records(unit)
        if outcome is not None:
            result.fixed = dict(outcome.fixed_by_code)
            if outcome.written_to is not None and outcome.written_to != unit.path:
                result.fix_problem = f"fixed records written to {outcome.written_to.name}"
        if problem is not None:
            result.fix_problem = problem
            result.findings += self._engine_notice(
                unit.path, FixNotWritten, unit.display, f"Fixes not written: {problem}"
            )
        return result

    def check_unit(self, unit: WorkUnit) -> UnitResult:
        if unit.fix_whole_file and unit.stdin_data is None and self.fix_settings is not None:
            return self.fix_records(unit)
        if unit.kind == "text":
            if unit.stdin_data is not None:
                return self.check_text(unit.path, unit.display, unit.stdin_data)
            return self.check_path(unit.path, unit.display)
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
    explicit_config: Path | None,
    overrides: Overrides,
    cwd: Path,
    cache: CacheSettings,
    fix: FixSettings | None,
) -> None:
    global _worker
    _worker = Checker(explicit_config, overrides, cwd, cache, fix)


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
    fix: FixSettings | None = None
    changed_only: frozenset[Path] | None = None  # --changed-since: absolute paths to keep


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
    process_cwd = os.getcwd()
    files = sorted(
        (
            (display_path(path, options.cwd, process_cwd), path)
            for path in collect_files(file_paths, checker.resolver)
            if options.changed_only is None or path.absolute() in options.changed_only
        ),
        key=lambda item: item[0],
    )
    for _, path in files:  # raise configuration errors here, before any worker starts
        checker.ruleset(path)
        checker.record_fields(path)
    if len(file_paths) != len(options.paths):
        name = options.stdin_filename or STDIN
        units.append(
            WorkUnit(Path(name), name, unit_kind(name), stdin_data=options.stdin_data or b"")
        )
    for display, path in files:
        if unit_kind(path.name) == "text":
            units.append(WorkUnit(path, display, "text"))
        elif options.fix is not None:  # a file fixed as a whole is one unit
            units.append(WorkUnit(path, display, unit_kind(path.name), fix_whole_file=True))
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
    of a file, counts and tallies findings (against `fail_on`, the command line's, else each
    file's), and runs the corpus rules' reduce step at the end. Every engine (local processes,
    Ray) merges through this, so their output and exit code are identical."""

    def __init__(self, checker: Checker, fail_on: Severity | None = None):
        self.checker = checker
        self.fail_on = fail_on
        self.result = RunResult()
        self._records_before: dict[str, int] = {}
        self._seen_files: set[str] = set()
        self._reducers: dict[str, CorpusReducer] = {}
        self._first_paths: dict[str, str] = {}  # where a failing reduce step is reported

    def _first_path(self, code: str) -> str:
        return self._first_paths.get(code, "")

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
                ).reducer()
                self._first_paths[code] = result.path
            record = None if index is None else RecordRef(index=index + first_index, id=record_id)
            self._reducers[code].add(CorpusItem(result.path, record, signature))
        run_result.rule_errors += result.rule_errors
        for code, count in result.fixed.items():
            run_result.fixed[code] = run_result.fixed.get(code, 0) + count
        if result.diff:
            run_result.diffs.append(result.diff)
        if result.fix_problem:
            run_result.fix_problems.append((result.path, result.fix_problem))
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
        findings = _renumber(result.findings, first_index)
        run_result.tally(findings, self.fail_on)
        return findings

    def corpus_findings(self) -> list[Finding]:
        """The reduce step of every corpus rule, over everything added so far."""
        findings: list[Finding] = []
        for code, reducer in self._reducers.items():
            try:
                findings.extend(reducer.findings())
            except Exception as error:  # a rule's bug must not stop the run
                self.result.rule_errors += 1
                message = f"Rule {code} failed in its corpus step: {type(error).__name__}: {error}"
                findings.append(_notice(RuleError, self._first_path(code), message))
        self.result.tally(findings, self.fail_on)
        return findings


ProgressCallback = Callable[[int, int, UnitResult], None]  # (units done, units, last result)


def _start_worker(*args: Any) -> None:
    # The parent decides when workers stop: they ignore Ctrl-C, and SIGTERM (pool.terminate)
    # unwinds them instead of running the parent's handler inherited by fork.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_worker)
    _init_worker(*args)


def _exit_worker(signal_number: int, frame: object) -> None:
    """SIGTERM from the parent: unwind (an atomic write removes its temporary file), exit."""
    raise SystemExit(128 + signal_number)


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
        initargs=(
            options.explicit_config,
            options.overrides,
            options.cwd,
            options.cache,
            options.fix,
        ),
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


FindingSink = Callable[[list[Finding]], None]


def run(
    options: RunOptions,
    progress: ProgressCallback | None = None,
    sink: FindingSink | None = None,
) -> RunResult:
    """Check everything; on Ctrl-C or SIGTERM return what was found so far, marked.

    Without a `sink`, every finding is kept and sorted into `RunResult.findings`. With one,
    findings are handed to it as each unit completes, already in sorted order unit after
    unit (units run in path order), and corpus rules' findings come last; nothing is kept.
    """
    checker = Checker(
        options.explicit_config, options.overrides, options.cwd, options.cache, options.fix
    )
    units = plan(options, checker)
    merger = ResultMerger(checker, options.overrides.fail_on)
    result = merger.result
    findings: list[Finding] = []

    def deliver(batch: list[Finding]) -> None:
        if sink is None:
            findings.extend(batch)
        elif batch:
            sink(sort_findings(batch))

    try:
        with _terminate_as_interrupt():
            for done, (unit, unit_result) in enumerate(execute(options, checker, units), 1):
                deliver(merger.add(unit, unit_result))
                if progress is not None:
                    progress(done, len(units), unit_result)
            deliver(merger.corpus_findings())
    except Interrupted as interruption:
        result.interrupted = interruption.signal_number
    result.findings = sort_findings(findings)
    result.units = len(units)
    return result


class Interrupted(BaseException):  # not an Exception: a rule's `except Exception` must not eat it
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
