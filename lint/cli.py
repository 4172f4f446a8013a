"""The `seedlint` command."""

from __future__ import annotations

import io
import os
import signal
import sys
from pathlib import Path
from typing import TextIO

import click

from lint import __version__
from lint.config import ConfigError, Overrides
from lint.finding import Severity
from lint.progress import RunProgress
from lint.registry import RegistryError, rule_classes
from lint.reporters import FORMATS, Report, reporters
from lint.reporters.text import statistics
from lint.runner import STDIN, CacheSettings, RunOptions, run

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _fail(message: str) -> None:
    click.echo(f"seedlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="seedlint")
def cli() -> None:
    """seedlint: find encoding noise, missing dates, unattributed quotes and truncated text."""


def main() -> None:
    """The console entry point: the command group, with Ctrl-C outside a run exiting 130."""
    try:
        cli()
    except KeyboardInterrupt:
        click.echo("seedlint: interrupted", err=True)
        sys.exit(130)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, help="Codes or prefixes to enable (replaces config).")
@click.option("--extend-select", multiple=True, help="Codes or prefixes to enable as well.")
@click.option("--ignore", multiple=True, help="Codes or prefixes to disable.")
@click.option("--output-format", type=click.Choice(FORMATS), default="full", show_default=True)
@click.option("--output-file", "-o", type=click.Path(path_type=Path), help="Write the report here.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    help="Lowest severity that makes the exit code 1 (default: config, else info).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the findings cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the findings cache lives (default: .seedlint_cache beside the closest config).",
)
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes (default: all cores).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto")
@click.option("--stdin-filename", help="Name to report for the text read from `-`.")
@click.option("--ignore-rule-errors", is_flag=True, help="A rule that fails does not make exit 2.")
@click.option("--text-field", help="Record field holding the text (default: text).")
@click.option("--id-field", help="Record field holding the id (default: id, else the index).")
@click.option("--date-field", "date_fields", multiple=True, help="Record field with a date.")
@click.option("--metadata-fields", help="Comma-separated record fields passed to rules.")
def check(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    statistics: bool,
    exit_zero: bool,
    fail_on: str | None,
    quiet: bool,
    no_cache: bool,
    cache_dir: Path | None,
    config_file: Path | None,
    jobs: int | None,
    color: str,
    stdin_filename: str | None,
    ignore_rule_errors: bool,
    text_field: str | None,
    id_field: str | None,
    date_fields: tuple[str, ...],
    metadata_fields: str | None,
) -> None:
    """Check files and directories (default: the current directory); `-` reads stdin."""
    overrides = Overrides(
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        fail_on=Severity(fail_on) if fail_on else None,
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
    out: TextIO = io.StringIO() if output_file else sys.stdout
    report = Report(result, rules, color=not output_file and _use_color(color, sys.stdout))
    if statistics:
        statistics_report(report, out)
    elif quiet and output_format in ("full", "concise", "grouped"):
        text_quiet(report, out, output_format)
    else:
        reporters()[output_format](report, out)
    if output_file:
        output_file.write_text(out.getvalue(), encoding="utf-8")  # type: ignore[attr-defined]
        if not quiet:
            from lint.reporters.text import summary_line

            click.echo(summary_line(report), err=True)
    if result.interrupted is not None:
        name = signal.Signals(result.interrupted).name
        click.echo(
            f"seedlint: interrupted by {name}: the findings above cover only the part of the "
            "input checked before it.",
            err=True,
        )
        sys.exit(128 + result.interrupted)
    if result.rule_errors and not ignore_rule_errors:
        sys.exit(EXIT_ERROR)
    if exit_zero:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FINDINGS if result.failing(overrides.fail_on) else EXIT_OK)


def statistics_report(report: Report, out: TextIO) -> None:
    statistics(report, out)


def text_quiet(report: Report, out: TextIO, output_format: str) -> None:
    buffer = io.StringIO()
    reporters()[output_format](report, buffer)
    lines = buffer.getvalue().splitlines(keepends=True)
    out.write("".join(lines[:-1]) if report.result.findings else "")


@cli.command("rule")
@click.argument("code", required=False)
@click.option("--all", "all_rules", is_flag=True, help="Print every rule's documentation.")
def rule_command(code: str | None, all_rules: bool) -> None:
    """Explain a rule: what it finds, why, an example and how safe its fix is."""
    from lint.docs import rule_markdown

    try:
        rules = rule_classes()
    except RegistryError as error:
        _fail(str(error))
        return
    if all_rules:
        click.echo("\n\n".join(rule_markdown(rule) for rule in rules.values()))
        return
    if not code:
        _fail("name a rule code, or use --all")
    code = (code or "").upper()
    if code not in rules:
        _fail(f"unknown rule code {code!r}; `seedlint rules` lists them")
    click.echo(rule_markdown(rules[code]))


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules_command(fmt: str) -> None:
    """List every installed rule: code, name, family, default state and fixability."""
    from lint.docs import rules_json, rules_table

    try:
        rules = rule_classes()
    except RegistryError as error:
        _fail(str(error))
        return
    if fmt == "json":
        click.echo(rules_json(rules))
    elif fmt == "markdown":
        click.echo(rules_table(rules))
    else:
        for rule in rules.values():
            state = "on " if rule.default_enabled else "off"
            fix = rule.fix_availability.value
            click.echo(f"{rule.code}\t{rule.name:<28}\t{rule.family:<12}\t{state}\tfix: {fix}")


@cli.command("eval")
@click.argument("root", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--verbose", "-v", is_flag=True, help="List every false positive and negative.")
@click.option("--strict", is_flag=True, help="Exit 1 when a rule is below its target.")
def eval_command(root: Path, verbose: bool, strict: bool) -> None:
    """Score rules' precision and recall on a labelled corpus (see README)."""
    from lint.evaluate import evaluate, format_evaluation

    try:
        evaluation = evaluate(root)
    except (ConfigError, RegistryError) as error:
        _fail(str(error))
        return
    click.echo(format_evaluation(evaluation, verbose))
    below = evaluation.below_target()
    if below:
        click.echo("\nBelow target:\n" + "\n".join(f"  {line}" for line in below))
        if strict:
            sys.exit(EXIT_FINDINGS)


@cli.command("clean")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False))
def clean_command(cache_dir: Path | None) -> None:
    """Remove the findings cache (here, or the one named by --cache-dir)."""
    from lint.cache import CACHE_DIR_NAME, clean

    target = cache_dir or Path.cwd() / CACHE_DIR_NAME
    if clean(target):
        click.echo(f"Removed {target}")
    else:
        click.echo(f"No seedlint cache at {target}")
