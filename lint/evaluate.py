"""Precision and recall of rules on a labelled corpus (`seedlint eval`, `make eval`).

A labelled corpus is a folder tree; every folder with documents has a `labels.toml`:

    scope = ["QUO"]                 # codes or prefixes scored for this folder's documents
    [config]                        # optional [tool.seedlint] settings for these documents
    rules.TRN005.min-words = 10
    [targets]                       # optional: minimum precision and recall per code
    QUO001 = [0.95, 0.90]
    [documents."anonymous-source.txt"]
    expect = ["QUO002:3", "QUO001:7"]   # CODE:LINE, once per expected finding
    note = "what the document tests"

Every document in the folder must be listed: a clean trap is listed with `expect = []`.
Corpus rules (such as DUP002) see the documents of one folder as their corpus, in name order.
A finding of a scored code that is not expected is a false positive; an expected one that
is not found is a false negative. Findings of codes outside the scope are not scored.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lint.config import Config, ConfigError, Overrides, Settings, select_codes
from lint.decode import decode_bytes
from lint.document import Document
from lint.registry import rule_classes
from lint.rule import CorpusItem, CorpusRule
from lint.runner import check_document

LABELS_FILE = "labels.toml"


class DocumentLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    expect: list[str] = Field(default_factory=list)
    note: str = ""
    scope: list[str] | None = None


class FolderLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scope: list[str]
    config: dict[str, Any] = Field(default_factory=dict)
    targets: dict[str, tuple[float, float]] = Field(default_factory=dict)
    documents: dict[str, DocumentLabels]


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


@dataclass
class Mismatch:
    path: Path
    code: str
    line: int
    kind: str  # "false positive" or "false negative"
    message: str = ""


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    targets: dict[str, tuple[float, float]] = field(default_factory=dict)
    documents: int = 0

    def below_target(self) -> list[str]:
        problems = []
        for code, (precision, recall) in sorted(self.targets.items()):
            score = self.scores.get(code, Score())
            if score.true_positives + score.false_negatives == 0:
                problems.append(f"{code}: no labelled positive case")
            elif score.precision < precision or score.recall < recall:
                problems.append(
                    f"{code}: precision {score.precision:.3f} (target {precision}), "
                    f"recall {score.recall:.3f} (target {recall})"
                )
        return problems


def _parse_expectation(entry: str, where: str) -> tuple[str, int]:
    code, _, line = entry.partition(":")
    if not line.isdigit():
        raise ConfigError(f"{where}: expectation {entry!r} is not CODE:LINE")
    return code, int(line)


def _load_labels(path: Path) -> FolderLabels:
    try:
        return FolderLabels.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        raise ConfigError(f"{path}: {error}") from error


def evaluate(root: Path) -> Evaluation:
    rules = rule_classes()
    evaluation = Evaluation()
    label_files = sorted(root.rglob(LABELS_FILE)) if root.is_dir() else []
    if not label_files:
        raise ConfigError(f"{root}: no {LABELS_FILE} found")
    for labels_path in label_files:
        folder = labels_path.parent
        labels = _load_labels(labels_path)
        on_disk = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != LABELS_FILE)
        unlabelled = sorted(set(on_disk) - set(labels.documents))
        missing = sorted(set(labels.documents) - set(on_disk))
        if unlabelled or missing:
            raise ConfigError(
                f"{labels_path}: documents without labels {unlabelled}, labels without "
                f"documents {missing}"
            )
        for code, target in labels.targets.items():
            evaluation.targets[code] = max(evaluation.targets.get(code, (0, 0)), target)
        try:
            settings = Settings.model_validate(labels.config)
        except ValidationError as error:
            raise ConfigError(f"{labels_path}: [config]: {error}") from error
        per_document: list[tuple[Path, set[str], Counter, Counter, dict]] = []
        corpus_items: dict[str, list[CorpusItem]] = {}
        reducers: dict[str, CorpusRule] = {}
        for name, doc_labels in sorted(labels.documents.items()):
            scope = doc_labels.scope or labels.scope
            config = Config(settings, folder, labels_path)
            ruleset = config.ruleset(rules, Overrides(select=tuple(scope)))
            scored = select_codes(rules, scope, [], [])
            path = folder / name
            decoded = decode_bytes(path.read_bytes())
            doc = Document(path.as_posix(), decoded.text or "", decode=decoded.info)
            enabled = ruleset.rules_for(path)
            findings, _ = check_document(doc, enabled)
            for rule in enabled:
                if isinstance(rule, CorpusRule):
                    signature = rule.signature(doc)
                    reducers.setdefault(rule.code, rule)
                    if signature is not None:
                        item = CorpusItem(doc.path, None, signature)
                        corpus_items.setdefault(rule.code, []).append(item)
            found = Counter((f.code, f.location.row) for f in findings if f.code in scored)
            messages = {(f.code, f.location.row): f.message for f in findings}
            expected = Counter(
                _parse_expectation(entry, f"{labels_path} [{name}]") for entry in doc_labels.expect
            )
            for code, _ in expected:
                if code not in rules:
                    raise ConfigError(f"{labels_path} [{name}]: unknown code {code}")
            per_document.append((path, scored, found, expected, messages))
        by_path = {
            path.as_posix(): (found, messages) for path, _, found, _, messages in per_document
        }
        for code, items in corpus_items.items():
            for finding in reducers[code].reduce(items):
                found, messages = by_path[finding.filename]
                found[(finding.code, finding.location.row)] += 1
                messages[(finding.code, finding.location.row)] = finding.message
        for path, scored, found, expected, messages in per_document:
            evaluation.documents += 1
            for key in sorted(set(found) | set(expected)):
                code, line = key
                if code not in scored and key not in expected:
                    continue
                score = evaluation.scores.setdefault(code, Score())
                hit = min(found[key], expected[key])
                score.true_positives += hit
                if found[key] > hit:
                    score.false_positives += found[key] - hit
                    evaluation.mismatches.append(
                        Mismatch(path, code, line, "false positive", messages.get(key, ""))
                    )
                if expected[key] > hit:
                    score.false_negatives += expected[key] - hit
                    evaluation.mismatches.append(Mismatch(path, code, line, "false negative"))
            for code in scored:
                evaluation.scores.setdefault(code, Score())
    return evaluation


def format_evaluation(evaluation: Evaluation, verbose: bool = False) -> str:
    lines = [
        f"{evaluation.documents} labelled documents",
        f"{'code':<8} {'TP':>5} {'FP':>5} {'FN':>5} {'precision':>10} {'recall':>8}  target",
    ]
    for code, score in sorted(evaluation.scores.items()):
        if score.true_positives + score.false_positives + score.false_negatives == 0:
            continue
        target = evaluation.targets.get(code)
        mark = ""
        if target is not None:
            ok = score.precision >= target[0] and score.recall >= target[1]
            mark = f"  {target[0]:.2f}/{target[1]:.2f} {'ok' if ok else 'BELOW'}"
        lines.append(
            f"{code:<8} {score.true_positives:>5} {score.false_positives:>5} "
            f"{score.false_negatives:>5} {score.precision:>10.3f} {score.recall:>8.3f}{mark}"
        )
    if verbose and evaluation.mismatches:
        lines.append("")
        for miss in evaluation.mismatches:
            detail = f" ({miss.message})" if miss.message else ""
            lines.append(f"{miss.path}:{miss.line}: {miss.code} {miss.kind}{detail}")
    return "\n".join(lines)
