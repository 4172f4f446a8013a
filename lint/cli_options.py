"""Command-line pieces shared by the commands that check files (check, baseline, report)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lint.config import ConfigError, Overrides
from lint.files import GitError, changed_files
from lint.finding import Severity
from lint.progress import RunProgress
from lint.registry import RegistryError, rule_classes
from lint.rule import Rule
from lint.runner import (
    STDIN,
    CacheSettings,
    FindingSink,
    FixSettings,
    RunOptions,
    RunResult,
    run,
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def fail(message: str) -> None:
    click.echo(f"seedlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def run_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every command that checks files shares: what to read and which rules."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option(
            "--select", multiple=True, help="Codes or prefixes to enable (replaces config)."
        ),
        click.option("--extend-select", multiple=True, help="Codes or prefixes to enable as well."),
        click.option("--ignore", multiple=True, help="Codes or prefixes to disable."),
        click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False)),
        click.option(
            "--jobs", "-j", type=click.IntRange(min=1), help="Processes (default: all cores)."
        ),
        click.option("--no-cache", is_flag=True, help="Do not read or write the findings cache."),
        click.option(
            "--cache-dir",
            type=click.Path(path_type=Path, file_okay=False),
            help="Where the findings cache lives (default: .seedlint_cache beside the config).",
        ),
        click.option("--stdin-filename", help="Name to report for the text read from `-`."),
        click.option("--text-field", help="Record field holding the text (default: text)."),
        click.option("--id-field", help="Record field holding the id (default: id, else index)."),
        click.option(
            "--date-field", "date_fields", multiple=True, help="Record field with a date."
        ),
        click.option("--metadata-fields", help="Comma-separated record fields passed to rules."),
        click.option("--ignore-field", help="Record field listing codes to ignore for its record."),
        click.option("--changed-since", metavar="REF", help="Only files changed since a git ref."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_run_options(
    params: dict[str, Any], fail_on: str | None = None, fix: FixSettings | None = None
) -> RunOptions:
    """RunOptions from the shared options; a usage problem exits 2 with a clear message."""
    metadata_fields = params["metadata_fields"]
    overrides = Overrides(
        select=split_codes(params["select"]) or None,
        extend_select=split_codes(params["extend_select"]),
        ignore=split_codes(params["ignore"]),
        fail_on=Severity(fail_on) if fail_on else None,
        text_field=params["text_field"],
        id_field=params["id_field"],
        date_fields=split_codes(params["date_fields"]),
        metadata_fields=split_codes((metadata_fields,)) if metadata_fields is not None else None,
        ignore_field=params["ignore_field"],
    )
    given = list(params["paths"]) or [Path(".")]
    for path in given:
        if str(path) != STDIN and not path.exists() and not path.is_symlink():
            fail(f"{path}: no such file or directory")
    changed_only = None
    if params["changed_since"]:
        try:
            changed_only = changed_files(params["changed_since"], Path.cwd())
        except GitError as error:
            fail(str(error))
    stdin_data = sys.stdin.buffer.read() if any(str(p) == STDIN for p in given) else None
    return RunOptions(
        paths=given,
        explicit_config=params["config_file"],
        overrides=overrides,
        jobs=params["jobs"],
        stdin_data=stdin_data,
        stdin_filename=params["stdin_filename"],
        cache=CacheSettings(enabled=not params["no_cache"], directory=params["cache_dir"]),
        fix=fix,
        changed_only=changed_only,
    )


def run_checks(
    options: RunOptions, quiet: bool, sink: FindingSink | None = None
) -> tuple[RunResult, dict[str, type[Rule]]]:
    try:
        rules = rule_classes()
        with RunProgress(enabled=not quiet and sys.stderr.isatty()) as progress:
            return run(options, progress, sink), rules
    except (ConfigError, RegistryError) as error:
        fail(str(error))
        raise AssertionError("unreachable") from error


def exit_if_interrupted(result: RunResult) -> None:
    if result.interrupted is not None:
        name = signal.Signals(result.interrupted).name
        click.echo(
            f"seedlint: interrupted by {name}: the findings above cover only the part of the "
            "input checked before it.",
            err=True,
        )
        sys.exit(128 + result.interrupted)
