"""Checks one hostile input with the default rules in this process and prints, as JSON, the
CPU seconds each rule took (analyses shared between rules are charged to the first rule that
needs them, as in a real run) and the time to render the `full` report.

    python -m tests.robustness.hostile_child NAME
"""

from __future__ import annotations

import json
import sys
import time

from lint.config import Config, Overrides, Settings
from lint.document import Document
from lint.finding import sort_findings
from lint.registry import rule_classes
from lint.reporters import Report, reporters
from lint.runner import RunResult
from tests.robustness.hostile_inputs import HOSTILE_INPUTS


class _CountingSink:
    """A text stream that only counts what is written (a report may be huge)."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def main(name: str) -> None:
    text = HOSTILE_INPUTS[name]()
    ruleset = Config(Settings(), root=__import__("pathlib").Path(".")).ruleset(
        rule_classes(), Overrides()
    )
    doc = Document(f"{name}.txt", text)
    per_rule: dict[str, float] = {}
    findings = []
    for rule in ruleset.rules:
        started = time.process_time()
        findings.extend(rule.check(doc))
        per_rule[rule.code] = time.process_time() - started
    started = time.process_time()
    sink = _CountingSink()
    result = RunResult(findings=sort_findings(findings), files_checked=1, paths=[doc.path])
    reporters()["full"](Report(result, rule_classes()), sink)  # type: ignore[arg-type]
    report_seconds = time.process_time() - started
    print(
        json.dumps(
            {
                "rules": per_rule,
                "report": report_seconds,
                "report_chars": sink.chars,
                "findings": len(findings),
                "chars": len(text),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
