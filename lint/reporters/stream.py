"""Formats written while the run goes on, one unit's findings at a time (memory stays flat).

`concise`, `jsonl` and `github` are line formats, so they can be written before the run
ends; the summary of `concise` comes last. Findings arrive sorted unit after unit, and
corpus-level findings (DUP002) after all of them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import TextIO

from lint.finding import Finding
from lint.reporters import Report
from lint.reporters.machine import finding_object, github_line
from lint.reporters.text import concise_line, footer
from lint.rule import Rule
from lint.runner import RunResult

STREAMING_FORMATS = ("concise", "jsonl", "github")
FLUSH_SECONDS = 0.1  # output reaches a reader this soon; a flush per unit cost more than it


class StreamWriter:
    def __init__(
        self, output_format: str, rules: Mapping[str, type[Rule]], out: TextIO, color: bool
    ):
        if output_format not in STREAMING_FORMATS:
            raise ValueError(f"{output_format} is not a streaming format")
        self.output_format = output_format
        self.rules = rules
        self.out = out
        self.color = color
        self._context = Report(RunResult(), rules)
        self._flushed = time.monotonic()

    def __call__(self, findings: list[Finding]) -> None:
        write = self.out.write
        if self.output_format == "concise":
            for finding in findings:
                write(concise_line(finding, self.color) + "\n")
        elif self.output_format == "jsonl":
            for finding in findings:
                write(json.dumps(finding_object(finding, self._context), ensure_ascii=True) + "\n")
        else:
            for finding in findings:
                write(github_line(finding))
        now = time.monotonic()
        if now - self._flushed >= FLUSH_SECONDS:
            self.out.flush()
            self._flushed = now

    def finish(self, result: RunResult, summary: bool) -> None:
        if self.output_format == "concise":
            footer(Report(result, self.rules, self.color, summary=summary), self.out)
        self.out.flush()
