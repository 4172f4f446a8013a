"""`seedlint report`: check like `seedlint check`, then write one self-contained HTML page.

Registered on the command group in lint/cli.py with `cli.add_command(report_command)`.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import click

from lint.atomic import FixWriteError, write_atomically
from lint.cli_options import (
    EXIT_ERROR,
    EXIT_OK,
    build_run_options,
    fail,
    run_checks,
    run_options,
)
from lint.html_report import ReportLimits, load_texts, render_html_report


@click.command("report")
@run_options
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("seedlint-report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--title", help="The report's title (default: the paths checked).")
@click.option(
    "--max-documents",
    type=click.IntRange(min=0),
    default=ReportLimits.max_documents,
    show_default=True,
    help="Documents whose text is shown (those with the most findings).",
)
@click.option(
    "--max-document-chars",
    type=click.IntRange(min=1),
    default=ReportLimits.max_document_chars,
    show_default=True,
    help="Characters of text shown per document.",
)
@click.option(
    "--max-findings",
    type=click.IntRange(min=0),
    default=ReportLimits.max_findings,
    show_default=True,
    help="Rows in the findings table (the summary and charts count every finding).",
)
@click.option("--ignore-rule-errors", is_flag=True, help="A rule that fails does not make exit 2.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def report_command(
    output: Path,
    title: str | None,
    max_documents: int,
    max_document_chars: int,
    max_findings: int,
    ignore_rule_errors: bool,
    quiet: bool,
    **params: Any,
) -> None:
    """Check files like `check` and write an HTML report: summary, charts, a filterable table
    of findings, and documents with their findings highlighted. Exits 0 once it is written,
    whatever it found (gate CI with `check`); 2 if a rule failed, as `check` does."""
    options = build_run_options(params)
    limits = ReportLimits(
        max_findings=max_findings,
        max_documents=max_documents,
        max_document_chars=max_document_chars,
    )
    result, rules = run_checks(options, quiet)
    page = render_html_report(
        result,
        rules,
        lambda keys: load_texts(keys, options, limits.max_document_chars),
        title or " ".join(str(path) for path in options.paths),
        limits=limits,
    )
    try:
        write_atomically(output, page.encode("utf-8"), expected_original=None)
    except FixWriteError as error:
        fail(f"cannot write {output}: {error}")
    if not quiet:
        count = len(result.findings)
        click.echo(
            f"Wrote {output}: {count} finding{'s' if count != 1 else ''} in "
            f"{result.files_with_findings} of {result.files_checked} files.",
            err=True,
        )
    if result.interrupted is not None:
        name = signal.Signals(result.interrupted).name
        click.echo(
            f"seedlint: interrupted by {name}: the report covers only the part of the input "
            "checked before it.",
            err=True,
        )
        sys.exit(128 + result.interrupted)
    sys.exit(EXIT_ERROR if result.rule_errors and not ignore_rule_errors else EXIT_OK)
