"""What the HTML report shows, computed from a finished run: counts, the worst documents, and
which documents get their text embedded (bounded, so a huge corpus gives a readable file)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from lint.finding import Finding, Severity
from lint.records import unit_kind
from lint.rule import Rule
from lint.runner import RunResult

DocKey = tuple[str, int | None]  # (file name as displayed, record index or None)
TextSource = Mapping[DocKey, str] | Callable[[Sequence[DocKey]], Mapping[DocKey, str]]
ENGINE_SKIP_CODES = frozenset({"SL003", "SL004"})  # a file the engine could not check


@dataclass(frozen=True)
class ReportLimits:
    """Bounds on what is embedded; the summary and charts always count every finding."""

    max_findings: int = 20_000  # rows in the findings table
    max_documents: int = 200  # documents whose text is shown, worst first
    max_document_chars: int = 100_000  # text shown per document
    max_total_chars: int = 5_000_000  # text shown over all documents


def document_key(finding: Finding) -> DocKey:
    return (finding.filename, finding.record.index if finding.record is not None else None)


def family_of(code: str, rules: Mapping[str, type[Rule]]) -> str:
    rule = rules.get(code)
    return rule.family if rule is not None else "other"


@dataclass
class Summary:
    documents: int
    files: int
    records: int
    files_skipped: int
    findings: int
    fixable: int
    rule_errors: int
    interrupted: bool
    by_rule: Counter[str]
    by_family: Counter[str]
    by_severity: Counter[str]
    per_document: Counter[DocKey]
    record_ids: dict[DocKey, str | None] = field(default_factory=dict)

    @property
    def documents_with_findings(self) -> int:
        return len(self.per_document)

    def worst_documents(self, count: int) -> list[tuple[DocKey, int]]:
        return sorted(self.per_document.items(), key=lambda item: (-item[1], _order(item[0])))[
            :count
        ]


def _order(key: DocKey) -> tuple[str, int]:
    return (key[0], -1 if key[1] is None else key[1])


def summarise(result: RunResult, rules: Mapping[str, type[Rule]]) -> Summary:
    findings = result.findings
    per_document: Counter[DocKey] = Counter()
    record_ids: dict[DocKey, str | None] = {}
    skipped_record_files: set[str] = set()
    for finding in findings:
        if finding.code in ENGINE_SKIP_CODES and finding.record is None:
            skipped_record_files.add(finding.filename)
            continue  # not a document: a file that could not be read
        key = document_key(finding)
        per_document[key] += 1
        if finding.record is not None:
            record_ids[key] = finding.record.id
    record_files = {path for path in result.paths if unit_kind(path) != "text"}
    checked_record_files = len(record_files - skipped_record_files)
    text_documents = max(0, result.files_checked - checked_record_files)
    records = result.records_read - result.records_invalid
    return Summary(
        documents=text_documents + records,
        files=result.files_checked,
        records=records,
        files_skipped=result.files_skipped,
        findings=len(findings),
        fixable=sum(1 for finding in findings if finding.fix is not None),
        rule_errors=result.rule_errors,
        interrupted=result.interrupted is not None,
        by_rule=Counter(finding.code for finding in findings),
        by_family=Counter(family_of(finding.code, rules) for finding in findings),
        by_severity=Counter(finding.severity.value for finding in findings),
        per_document=per_document,
        record_ids=record_ids,
    )


def documents_to_show(summary: Summary, limits: ReportLimits) -> list[DocKey]:
    """The documents whose text the report embeds: the worst first, up to the limit."""
    return [key for key, _ in summary.worst_documents(limits.max_documents)]


def histogram_bins(maximum: int) -> list[tuple[int, int]]:
    """Bins of findings per document: 0, 1, 2, 3-4, 5-8, … up to `maximum` (inclusive)."""
    bins = [(0, 0), (1, 1), (2, 2)]
    low = 3
    while low <= maximum:
        bins.append((low, low * 2 - 2))
        low = low * 2 - 1
    return [b for b in bins if b[0] <= max(maximum, 2)]


def severity_rank(value: str) -> int:
    return Severity(value).rank
