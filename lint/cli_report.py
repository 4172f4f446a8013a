"""`seedlint report`: check like `seedlint check`, then write one self-contained HTML page.

Registered on the command group in lint/cli.py with `cli.add_command(report_command)`.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from pathlib import Path

import click

from lint.config import ConfigError, Overrides
from lint.html_report import ReportLimits, load_texts, render_html_report
from lint.progress import RunProgress
from lint.registry import RegistryError, rule_classes
from lint.runner import STDIN, CacheSettings, RunOptions, run

EXIT_OK, EXIT_ERROR = 0, 2


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _fail(message: str) -> None:
    click.echo(f"seedlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, so a reader never sees half a page."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("seedlint-report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--title", help="The report's title (default: the paths checked).")
@click.option("--select", multiple=True, help="Codes or prefixes to enable (replaces config).")
@click.option("--extend-select", multiple=True, help="Codes or prefixes to enable as well.")
@click.option("--ignore", multiple=True, help="Codes or prefixes to disable.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the findings cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the findings cache lives (default: .seedlint_cache beside the closest config).",
)
@click.option("--stdin-filename", help="Name to report for the text read from `-`.")
@click.option("--text-field", help="Record field holding the text (default: text).")
@click.option("--id-field", help="Record field holding the id (default: id, else the index).")
@click.option("--date-field", "date_fields", multiple=True, help="Record field with a date.")
@click.option("--metadata-fields", help="Comma-separated record fields passed to rules.")
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
    paths: tuple[Path, ...],
    output: Path,
    title: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    stdin_filename: str | None,
    text_field: str | None,
    id_field: str | None,
    date_fields: tuple[str, ...],
    metadata_fields: str | None,
    max_documents: int,
    max_document_chars: int,
    max_findings: int,
    ignore_rule_errors: bool,
    quiet: bool,
) -> None:
    """Check files like `check` and write an HTML report: summary, charts, a filterable table
    of findings, and documents with their findings highlighted. Exits 0 once it is written,
    whatever it found (gate CI with `check`); 2 if a rule failed, as `check` does."""
    overrides = Overrides(
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        text_field=text_field,
        id_field=id_field,
        date_fields=_codes(date_fields),
        metadata_fields=_codes((metadata_fields,)) if metadata_fields is not None else None,
    )
    given = list(paths) or [Path(".")]
    for path in given:
        if str(path) != STDIN and not path.exists() and not path.is_symlink():
            _fail(f"{path}: no such file or directory")
    stdin_data = sys.stdin.buffer.read() if any(str(p) == STDIN for p in given) else None
    limits = ReportLimits(
        max_findings=max_findings,
        max_documents=max_documents,
        max_document_chars=max_document_chars,
    )
    try:
        rules = rule_classes()
        options = RunOptions(
            paths=given,
            explicit_config=config_file,
            overrides=overrides,
            jobs=jobs,
            stdin_data=stdin_data,
            stdin_filename=stdin_filename,
            cache=CacheSettings(enabled=not no_cache, directory=cache_dir),
        )
        with RunProgress(enabled=not quiet and sys.stderr.isatty()) as progress:
            result = run(options, progress)
    except (ConfigError, RegistryError) as error:
        _fail(str(error))
        return
    page = render_html_report(
        result,
        rules,
        lambda keys: load_texts(keys, options, limits.max_document_chars),
        title or " ".join(str(path) for path in given),
        limits=limits,
    )
    try:
        write_atomically(output, page)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}")
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
