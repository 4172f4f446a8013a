"""Output formats. A reporter only formats the findings of a finished run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TextIO

from lint.rule import Rule
from lint.runner import RunResult


@dataclass(frozen=True)
class Report:
    result: RunResult
    rules: Mapping[str, type[Rule]]
    color: bool = False
    show_fixes: bool = True
    summary: bool = True  # the closing "Found N findings …" lines of the text formats


Reporter = Callable[[Report, TextIO], None]


def reporters() -> dict[str, Reporter]:
    from lint.reporters import gitlab, machine, sarif, text

    return {
        "full": text.full,
        "concise": text.concise,
        "grouped": text.grouped,
        "json": machine.json_array,
        "jsonl": machine.json_lines,
        "github": machine.github,
        "junit": machine.junit,
        "sarif": sarif.sarif,
        "gitlab": gitlab.gitlab,
    }


FORMATS = ("full", "concise", "grouped", "json", "jsonl", "github", "sarif", "junit", "gitlab")
