"""Reports a person reads: full (with the source line), concise, grouped, and statistics."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TextIO

import click

from lint.finding import Finding, Severity
from lint.reporters import Report
from lint.reporters.visible import visible, visible_with_columns

_SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class _Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.color else text  # type: ignore[arg-type]


def location_label(finding: Finding) -> str:
    """`path:line:col`, with `#index[id=…]` for a document inside a record file."""
    where = visible(finding.filename)
    if finding.record is not None:
        where += f":#{finding.record.index}"
        if finding.record.id is not None:
            where += f"[id={visible(finding.record.id)}]"
    return f"{where}:{finding.location.row}:{finding.location.column}"


def _headline(finding: Finding, style: _Style, with_path: bool = True) -> str:
    where = (
        style(location_label(finding), bold=True) + ":"
        if with_path
        else (f"  {finding.location.row}:{finding.location.column}")
    )
    code = style(finding.code, fg=_SEVERITY_COLOURS[finding.severity], bold=True)
    mark = " [*]" if finding.fix is not None and finding.fix.applicability == "safe" else ""
    return f"{where} {code}{mark} {visible(finding.message)}"


EXCERPT_CONTEXT = 80  # characters shown either side of a span on a long line


def _source_excerpt(finding: Finding, style: _Style) -> list[str]:
    if finding.source_line is None:
        return []
    line = finding.source_line
    start = min(finding.location.column - 1, len(line))
    if finding.end_location.row == finding.location.row:
        end = min(max(finding.end_location.column - 1, start + 1), len(line))
    else:
        end = len(line)
    # a long line is shown as a window around the span, marked with … where it is cut
    window_start = max(0, start - EXCERPT_CONTEXT)
    window_end = min(len(line), max(end, start) + EXCERPT_CONTEXT)
    before = "…" if window_start > 0 else ""
    after = "…" if window_end < len(line) else ""
    shown, columns = visible_with_columns(line[window_start:window_end])
    first = columns[start - window_start] + len(before)
    last = columns[max(end, start) - window_start] + len(before)
    width = max(1, last - first)
    gutter = f"{finding.location.row} | "
    pad = " " * (len(gutter) - 2) + "| "
    return [
        style(gutter, fg="blue") + before + shown + after,
        style(pad, fg="blue") + " " * first + style("^" * width, fg="red", bold=True),
    ]


def summary_line(report: Report) -> str:
    """`Found N findings in M files (K fixable).`, or that all checks passed.

    Counts come from the run's tally when it kept one (a streaming run keeps no findings),
    else from the findings themselves.
    """
    result = report.result
    findings = result.findings
    count = max(result.finding_count, len(findings))
    if count == 0:
        checked = result.files_checked
        return f"All checks passed ({checked} file{'s' if checked != 1 else ''} checked)."
    noun = "finding" if count == 1 else "findings"
    files = result.files_with_findings or len({finding.filename for finding in findings})
    fixable = result.fixable or sum(
        1 for finding in findings if finding.fix and finding.fix.applicability == "safe"
    )
    unsafe = result.unsafe_fixable or sum(
        1 for finding in findings if finding.fix and finding.fix.applicability == "unsafe"
    )
    text = f"Found {count} {noun} in {files} file{'s' if files != 1 else ''}"
    if fixable or unsafe:
        parts = [f"{fixable} fixable with --fix"] if fixable else []
        if unsafe:
            parts.append(f"{unsafe} more with --unsafe-fixes")
        text += f" ({'; '.join(parts)})"
    return text + "."


def footer(report: Report, out: TextIO) -> None:
    if not report.summary:
        return
    out.write(summary_line(report) + "\n")
    result = report.result
    if result.records_read:
        out.write(
            f"Read {result.records_read:,} records: {result.records_checked:,} checked, "
            f"{result.records_invalid:,} invalid (REC001).\n"
        )
    if result.files_skipped:
        skipped = result.files_skipped
        out.write(
            f"{skipped} file{'s were' if skipped != 1 else ' was'} skipped (see SL003-SL006).\n"
        )


def concise_line(finding: Finding, color: bool = False) -> str:
    return _headline(finding, _Style(color))


def full(report: Report, out: TextIO) -> None:
    style = _Style(report.color)
    for finding in report.result.findings:
        out.write(_headline(finding, style) + "\n")
        for line in _source_excerpt(finding, style):
            out.write(line + "\n")
        out.write("\n")
    footer(report, out)


def concise(report: Report, out: TextIO) -> None:
    style = _Style(report.color)
    for finding in report.result.findings:
        out.write(_headline(finding, style) + "\n")
    footer(report, out)


def grouped(report: Report, out: TextIO) -> None:
    style = _Style(report.color)
    for filename, findings in groupby(report.result.findings, key=lambda f: f.filename):
        items = list(findings)
        out.write(style(visible(filename), bold=True, underline=True) + f" ({len(items)})\n")
        for finding in items:
            out.write(_headline(finding, style, with_path=False) + "\n")
        out.write("\n")
    footer(report, out)


def statistics(report: Report, out: TextIO) -> None:
    """A table of count, code, name and fixability, most frequent first."""
    counts = Counter(finding.code for finding in report.result.findings)
    fixable = Counter(
        f.code
        for f in report.result.findings
        if f.fix is not None and f.fix.applicability == "safe"
    )
    names = {finding.code: finding.name for finding in report.result.findings}
    style = _Style(report.color)
    width = max((len(str(n)) for n in counts.values()), default=1)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if fixable[code] == count else ("[-]" if fixable[code] else "   ")
        out.write(f"{count:>{width}}\t{style(code, bold=True)}\t{mark} {names[code]}\n")
