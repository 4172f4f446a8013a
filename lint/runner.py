"""Checks documents with the configured rules, in parallel across processes by default."""

from __future__ import annotations

import os
import stat
import traceback
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lint.config import ConfigResolver, Overrides, RuleSet
from lint.decode import decode_bytes
from lint.document import Document
from lint.files import collect_files
from lint.finding import Finding, Severity, sort_findings
from lint.registry import rule_classes
from lint.rule import Rule
from lint.system_rules import BinaryFile, RuleError, UnreadableFile

STDIN = "-"


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    checked: bool = True
    rule_errors: int = 0
    fail_on: Severity = Severity.INFO


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    files_skipped: int = 0
    rule_errors: int = 0
    fail_on_by_file: dict[str, Severity] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)  # every file looked at, in order

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


def _notice(rule_type: type[Rule], path: str, message: str) -> Finding:
    return rule_type().report(Document(path, ""), 0, 0, message)


class Checker:
    """Everything needed to check a file, built once per process."""

    def __init__(self, explicit_config: Path | None, overrides: Overrides, cwd: Path):
        self.resolver = ConfigResolver(explicit_config, cwd)
        self.overrides = overrides
        self.cwd = cwd
        self.rules = rule_classes()

    def ruleset(self, path: Path) -> RuleSet:
        return self.resolver.for_path(path).ruleset(self.rules, self.overrides)

    def check_text(self, text_path: Path, display: str, data: bytes) -> FileResult:
        ruleset = self.ruleset(text_path)
        enabled = {rule.code for rule in ruleset.rules_for(text_path)}
        decoded = decode_bytes(data)
        if decoded.text is None:
            findings = []
            if BinaryFile.code in enabled:
                findings.append(
                    _notice(BinaryFile, display, f"Binary file skipped ({decoded.binary_reason})")
                )
            return FileResult(display, findings, checked=False, fail_on=ruleset.fail_on)
        doc = Document(display, decoded.text, decode=decoded.info)
        findings, errors = check_document(doc, ruleset.rules_for(text_path))
        return FileResult(display, findings, rule_errors=errors, fail_on=ruleset.fail_on)

    def _unreadable(self, path: Path, display: str, reason: str) -> FileResult:
        ruleset = self.ruleset(path)
        findings = []
        if UnreadableFile.code in {rule.code for rule in ruleset.rules_for(path)}:
            findings.append(_notice(UnreadableFile, display, f"Cannot read file: {reason}"))
        return FileResult(display, findings, checked=False, fail_on=ruleset.fail_on)

    def check_path(self, path: Path) -> FileResult:
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
        return self.check_text(path, display, data)


_worker: Checker | None = None


def _init_worker(explicit_config: Path | None, overrides: Overrides, cwd: Path) -> None:
    global _worker
    _worker = Checker(explicit_config, overrides, cwd)


def _check_chunk(paths: list[Path]) -> list[FileResult]:
    assert _worker is not None
    return [_worker.check_path(path) for path in paths]


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


def _chunks(paths: list[Path], jobs: int) -> list[list[Path]]:
    size = max(1, min(64, len(paths) // (jobs * 8) or 1))
    return [paths[i : i + size] for i in range(0, len(paths), size)]


def run(options: RunOptions) -> RunResult:
    checker = Checker(options.explicit_config, options.overrides, options.cwd)
    results: list[FileResult] = []
    file_paths = [path for path in options.paths if str(path) != STDIN]
    if len(file_paths) != len(options.paths):
        name = options.stdin_filename or STDIN
        results.append(checker.check_text(Path(name), name, options.stdin_data or b""))
    files = list(collect_files(file_paths, checker.resolver))
    for path in files:  # raise configuration errors here, before any worker starts
        checker.ruleset(path)
    jobs = max(1, options.jobs or default_jobs())
    if jobs == 1 or len(files) < 2:
        results.extend(checker.check_path(path) for path in files)
    else:
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(files)),
            initializer=_init_worker,
            initargs=(options.explicit_config, options.overrides, options.cwd),
        ) as pool:
            for chunk in pool.map(_check_chunk, _chunks(files, jobs)):
                results.extend(chunk)
    run_result = RunResult()
    findings: list[Finding] = []
    for result in results:
        findings.extend(result.findings)
        run_result.fail_on_by_file[result.path] = result.fail_on
        run_result.paths.append(result.path)
        run_result.rule_errors += result.rule_errors
        if result.checked:
            run_result.files_checked += 1
        else:
            run_result.files_skipped += 1
    run_result.findings = sort_findings(findings)
    return run_result
