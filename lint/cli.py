"""The `seedlint` command."""

from __future__ import annotations

import io
import os
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

import click
from click.core import ParameterSource

from lint import __version__
from lint.cli_options import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    build_run_options,
    exit_if_interrupted,
    fail,
    run_checks,
    run_options,
)
from lint.cli_report import report_command
from lint.config import ConfigError
from lint.finding import Severity
from lint.progress import RunProgress
from lint.registry import RegistryError, rule_classes
from lint.reporters import FORMATS, Report, reporters
from lint.reporters.stream import STREAMING_FORMATS, StreamWriter
from lint.reporters.text import statistics as statistics_table
from lint.reporters.text import summary_line
from lint.rule import Rule
from lint.runner import (
    STDIN,
    FixSettings,
    RunOptions,
    RunResult,
)


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="seedlint")
def cli() -> None:
    """seedlint: find encoding noise, missing dates, unattributed quotes and truncated text."""


cli.add_command(report_command)


def _exit_on_sigterm(signal_number: int, frame: object) -> None:
    raise SystemExit(128 + signal_number)


def main() -> None:
    """The console entry point: the command group. Ctrl-C and SIGTERM outside a run (which
    handles them itself, reporting what it found) exit 130 and 143 after unwinding."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        cli()
    except KeyboardInterrupt:
        click.echo("seedlint: interrupted", err=True)
        sys.exit(130)


def _run_ray(
    options: RunOptions,
    address: str | None,
    jobs: int | None,
    quiet: bool,
    dataset: Path | None,
) -> tuple[RunResult, dict[str, type[Rule]]]:
    from lint.ray_engine import RayEngineError, run_ray

    try:
        rules = rule_classes()
        with RunProgress(enabled=not quiet and sys.stderr.isatty()) as progress:
            result = run_ray(
                options, address=address, num_cpus=jobs, progress=progress, dataset=dataset
            )
        return result, rules
    except (ConfigError, RegistryError, RayEngineError) as error:
        fail(str(error))
        raise AssertionError("unreachable") from error


def _apply_baseline(
    result: RunResult,
    baseline_file: Path,
    prune: bool,
    quiet: bool,
    fail_on: Severity | None,
) -> None:
    """Keep only findings the baseline does not accept; with `prune`, drop stale entries."""
    from lint.baseline import BaselineError, filter_new, load_baseline, save_baseline

    try:
        baseline = load_baseline(baseline_file)
    except BaselineError as error:
        fail(str(error))
        return
    match = filter_new(result.findings, baseline, {}, checked_paths=result.paths)
    result.findings = match.new
    result.finding_count = result.fixable = result.failing_count = 0
    result.files_with_findings_set = set()
    result.tally(match.new, fail_on)
    if not quiet:
        click.echo(
            f"{len(match.matched)} findings accepted by the baseline {baseline_file}; "
            f"{sum(entry.count for entry in match.stale)} baseline entries are stale.",
            err=True,
        )
    if prune and match.stale:
        save_baseline(baseline_file, baseline.without(match.stale))
        click.echo(f"Removed {len(match.stale)} stale entries from {baseline_file}.", err=True)


@cli.command()
@run_options
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
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto")
@click.option("--ignore-rule-errors", is_flag=True, help="A rule that fails does not make exit 2.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report the rest.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print what --fix would change; write nothing.")
@click.option("--fix-only", is_flag=True, help="Apply fixes and report nothing else.")
@click.option("--to-utf8", is_flag=True, help="With --fix, write fixed files as UTF-8.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when anything was fixed.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings this baseline file (seedlint baseline) does not accept.",
)
@click.option("--baseline-prune", is_flag=True, help="With --baseline, drop its stale entries.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Check with this machine's processes, or on Ray (pip install 'seedlint[ray]').",
)
@click.option(
    "--ray-address",
    help="Ray cluster to join ('auto': the one `ray start` made here); default: a local "
    "Ray instance for this run.",
)
def check(
    output_format: str,
    output_file: Path | None,
    statistics: bool,
    exit_zero: bool,
    fail_on: str | None,
    quiet: bool,
    color: str,
    ignore_rule_errors: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    fix_only: bool,
    to_utf8: bool,
    exit_non_zero_on_fix: bool,
    baseline_file: Path | None,
    baseline_prune: bool,
    engine: str,
    ray_address: str | None,
    **params: Any,
) -> None:
    """Check files and directories (default: the current directory); `-` reads stdin."""
    fixing = fix or fix_only or diff
    if diff and (fix or fix_only):
        fail("--diff shows what --fix would do; use one or the other")
    if baseline_prune and baseline_file is None:
        fail("--baseline-prune needs --baseline FILE")
    if fixing and any(str(path) == STDIN for path in params["paths"]):
        fail("fixes are written to files; they cannot be applied to stdin")
    fix_settings = (
        FixSettings(unsafe=unsafe_fixes, diff_only=diff, to_utf8=to_utf8) if fixing else None
    )
    if ray_address and engine != "ray":
        fail("--ray-address needs --engine ray")
    if engine == "ray" and fixing:
        fail("fixes are applied by the local engine; drop --engine ray")
    options = build_run_options(params, fail_on, fix_settings)
    streaming = (
        output_format in STREAMING_FORMATS
        and engine == "local"
        and not statistics
        and baseline_file is None
        and not diff
        and not fix_only
    )
    dataset = None
    if engine == "ray" and output_file is not None:
        suffix = output_file.suffix.lower()
        source = click.get_current_context().get_parameter_source("output_format")
        if suffix == ".parquet" or (
            suffix in (".jsonl", ".ndjson") and source is ParameterSource.DEFAULT
        ):
            dataset = output_file
    if streaming:
        result = _stream(options, output_format, output_file, quiet, color)
    elif engine == "ray":
        result, rules = _run_ray(options, ray_address, params["jobs"], quiet, dataset)
    else:
        result, rules = run_checks(options, quiet)
    if baseline_file is not None:
        _apply_baseline(result, baseline_file, baseline_prune, quiet, options.overrides.fail_on)
    if diff:
        sys.stdout.write("".join(result.diffs))
    elif dataset is not None:
        if not quiet:
            kind = "Parquet" if dataset.suffix.lower() == ".parquet" else "JSONL"
            click.echo(summary_line(Report(result, rules)), err=True)
            click.echo(f"Findings written to {dataset} ({kind} dataset).", err=True)
    elif not fix_only and not streaming:
        _write_report(result, rules, output_format, output_file, statistics, quiet, color)
    fixed = sum(result.fixed.values())
    if fixing and not quiet:
        verb = "Would fix" if diff else "Fixed"
        click.echo(
            f"{verb} {fixed} finding{'s' if fixed != 1 else ''}; {result.finding_count} remaining.",
            err=True,
        )
        for path, problem in result.fix_problems:
            click.echo(f"seedlint: {path}: {problem}", err=True)
    exit_if_interrupted(result)
    if result.rule_errors and not ignore_rule_errors:
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(EXIT_FINDINGS if result.diffs else EXIT_OK)
    if exit_non_zero_on_fix and fixed:
        sys.exit(EXIT_FINDINGS)
    if exit_zero or fix_only:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_FINDINGS if result.failing_count else EXIT_OK)


def _stream(
    options: RunOptions, output_format: str, output_file: Path | None, quiet: bool, color: str
) -> RunResult:
    """Run while writing a line format as each unit completes; only counts are kept."""
    rules = rule_classes()
    handle = output_file.open("w", encoding="utf-8") if output_file else None
    try:
        out = handle or sys.stdout
        writer = StreamWriter(output_format, rules, out, not handle and _use_color(color, out))
        result, _ = run_checks(options, quiet, writer)
        writer.finish(result, summary=not quiet and not handle)
    finally:
        if handle is not None:
            handle.close()
    if handle is not None and not quiet:
        click.echo(summary_line(Report(result, rules)), err=True)
    return result


def _write_report(
    result: RunResult,
    rules: dict[str, type[Rule]],
    output_format: str,
    output_file: Path | None,
    statistics: bool,
    quiet: bool,
    color: str,
) -> None:
    out: TextIO = io.StringIO() if output_file else sys.stdout
    report = Report(
        result,
        rules,
        color=not output_file and _use_color(color, sys.stdout),
        summary=not quiet and not output_file,
    )
    if statistics:
        statistics_table(report, out)
    else:
        reporters()[output_format](report, out)
    if output_file:
        output_file.write_text(out.getvalue(), encoding="utf-8")  # type: ignore[attr-defined]
        if not quiet:
            click.echo(summary_line(report), err=True)


@cli.command("baseline")
@run_options
@click.option(
    "--output",
    "-o",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("seedlint-baseline.json"),
    show_default=True,
    help="The baseline file to write.",
)
def baseline_command(baseline_file: Path, **params: Any) -> None:
    """Accept every current finding: write a baseline for `check --baseline`."""
    from lint.baseline import BaselineError, write_baseline

    options = build_run_options(params)
    result, _ = run_checks(options, quiet=True)
    exit_if_interrupted(result)
    try:
        baseline = write_baseline(baseline_file, result.findings, {})
    except BaselineError as error:
        fail(str(error))
        return
    entries = sum(entry.count for entry in baseline.entries)
    click.echo(f"Wrote {baseline_file}: {entries} findings accepted.", err=True)


@cli.command("rule")
@click.argument("code", required=False)
@click.option("--all", "all_rules", is_flag=True, help="Print every rule's documentation.")
def rule_command(code: str | None, all_rules: bool) -> None:
    """Explain a rule: what it finds, why, an example and how safe its fix is."""
    from lint.docs import rule_markdown

    try:
        rules = rule_classes()
    except RegistryError as error:
        fail(str(error))
        return
    if all_rules:
        click.echo("\n\n".join(rule_markdown(rule) for rule in rules.values()))
        return
    if not code:
        fail("name a rule code, or use --all")
    code = (code or "").upper()
    if code not in rules:
        fail(f"unknown rule code {code!r}; `seedlint rules` lists them")
    click.echo(rule_markdown(rules[code]))


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules_command(fmt: str) -> None:
    """List every installed rule: code, name, family, default state and fixability."""
    from lint.docs import rules_json, rules_table

    try:
        rules = rule_classes()
    except RegistryError as error:
        fail(str(error))
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
        fail(str(error))
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
