"""Adversarial documents for the default rules: each built from a short recipe, never stored.

Each aims at a known way text linters go wrong: regex backtracking over long runs of one
character, quadratic scans over many lines or unclosed openers, deep recursion over nesting.
"""

from __future__ import annotations

from collections.abc import Callable

N = 100_000


def _nested_markdown(depth: int) -> str:
    lines = []
    for level in range(depth):
        lines.append("  " * level + "- item at this level, said the list")
    for level in range(depth):
        lines.append(">" * (level + 1) + " a quoted line")
    return "\n".join(lines) + "\n"


HOSTILE_INPUTS: dict[str, Callable[[], str]] = {
    "straight-quotes-100k": lambda: '"' * N + "\n",
    "curly-quotes-100k": lambda: "\u201c" * N + "\n",
    "mixed-quotes-100k": lambda: "\"\u201c\u201d'\u2018\u2019\u00ab\u00bb" * (N // 8) + "\n",
    "quote-word-pairs-100k": lambda: '"a ' * N + "\n",
    "single-line-1mb": lambda: "word, " * (2**20 // 6) + "\n",
    "blank-lines-1m": lambda: "Start.\n" + "\n" * 1_000_000,
    "nested-brackets-100k": lambda: "(" * N + "[" * N + "{" * N + "\n",
    "angle-brackets-100k": lambda: "<" * N + "\n",
    "ampersands-100k": lambda: "&" * N + "\n",
    "entity-like-100k": lambda: "&a" * N + "\n",
    "unicode-escapes-100k": lambda: "\\u" * N + "\n",
    "combining-marks-100k": lambda: "e" + "\u0301" * N + "\n",
    "zwj-200k": lambda: "\U0001f469" + "\u200d" * 200_000 + "\n",
    "repeated-word-5mb": lambda: "lorem " * (5 * 2**20 // 6) + "\n",
    "nested-markdown-5k": lambda: _nested_markdown(5_000),
    "unclosed-comments-50k": lambda: "<!--" * 50_000 + "\n",
    "backticks-50k": lambda: "`" * 50_000 + "\n",
    "short-lines-200k": lambda: "He said\n" * 200_000,
    "sentences-no-space-100k": lambda: "a." * N + "\n",
    "indented-dash-100k": lambda: " " * N + "- x\n",
    "dates-100k": lambda: "On 2024-02-30, " * (N // 10) + "\n",
}
