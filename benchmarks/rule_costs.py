"""Where the time of a run goes, per shared analysis and per rule, in one process.

    python -m benchmarks.rule_costs DIR [--select ENC,WS] [--repeat 1]

Reads and decodes every file under DIR first (not counted), then for each document computes
the shared analyses one by one (lines, paragraphs, front matter, structure, sentences, quotes,
dates), then runs every selected default rule (a corpus rule's map step, `signature`, stands
for it). Each analysis is charged to its own row, so a rule's row is what it adds on top of the
analyses. Wall time on one process: run it on a quiet machine, or compare rows within one run.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from lint.decode import decode_bytes
from lint.document import Document
from lint.registry import rule_classes
from lint.rule import CorpusRule, Rule

ANALYSES: dict[str, Callable[[Document], object]] = {
    "(lines)": lambda doc: doc.lines,
    "(paragraphs)": lambda doc: doc.paragraphs,
    "(line starts)": lambda doc: doc.line_starts,
    "(front matter)": lambda doc: doc.front_matter,
    "(structure)": lambda doc: doc.structure,
    "(sentences)": lambda doc: doc.sentences,
    "(quotes)": lambda doc: doc.quotes,
    "(dates)": lambda doc: doc.dates,
}


def load(root: Path) -> list[Document]:
    documents = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        decoded = decode_bytes(path.read_bytes())
        if decoded.text is not None:
            documents.append(Document(str(path), decoded.text, decode=decoded.info))
    return documents


def selected_rules(prefixes: list[str] | None) -> list[Rule]:
    return [
        rule_type()
        for code, rule_type in rule_classes().items()
        if rule_type.default_enabled and (not prefixes or code.startswith(tuple(prefixes)))
    ]


def _step(rule: Rule) -> Callable[[Document], object]:
    if isinstance(rule, CorpusRule):
        return rule.signature
    return lambda doc: list(rule.check(doc))


def measure(root: Path, rules: list[Rule], repeat: int) -> tuple[Counter[str], int, int]:
    costs: Counter[str] = Counter()
    steps = {**ANALYSES, **{rule.code: _step(rule) for rule in rules}}
    count = size = 0
    for _ in range(repeat):
        documents = load(root)  # fresh documents: analyses are cached on them
        count += len(documents)
        size += sum(len(doc.text.encode()) for doc in documents)
        for doc in documents:
            for name, step in steps.items():
                started = time.perf_counter()
                step(doc)
                costs[name] += time.perf_counter() - started
    return costs, count, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--select", help="comma-separated code prefixes (default: all)")
    parser.add_argument("--repeat", type=int, default=1)
    arguments = parser.parse_args()
    prefixes = arguments.select.split(",") if arguments.select else None
    costs, count, size = measure(arguments.root, selected_rules(prefixes), arguments.repeat)
    total = sum(costs.values())
    print(
        f"{count} documents, {size / 1e6:.1f} MB: analyses + rules {total:.2f} s "
        f"= {size / 1e6 / total:.2f} MB/s, {1e6 * total / count:.0f} µs per document"
    )
    print(f"{'step':16} {'s':>7} {'µs/doc':>8} {'share':>6}")
    for name, seconds in costs.most_common():
        share = 100 * seconds / total
        print(f"{name:16} {seconds:7.3f} {1e6 * seconds / count:8.1f} {share:5.1f}%")


if __name__ == "__main__":
    main()
