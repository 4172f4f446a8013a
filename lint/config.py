"""Configuration: the `[tool.seedlint]` table (or seedlint.toml), found per file like ruff does."""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lint.finding import Severity
from lint.rule import Rule, RuleOptions

CONFIG_FILES = (".seedlint.toml", "seedlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = [
    "*.txt",
    "*.md",
    "*.jsonl",
    "*.jsonl.gz",
    "*.jsonl.zst",
    "*.ndjson",
    "*.parquet",
]
DEFAULT_EXCLUDE = [
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".seedlint_cache",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
]


DEFAULT_RULE_TIMEOUT = 10.0  # seconds a document's rules may take before one is stopped
DEFAULT_MAX_FILE_SIZE = 100 * 2**20  # bytes; larger text files are skipped (SL006)


def check_glob(pattern: str) -> None:
    """A glob must not be empty or hold an unclosed `[` (fnmatch would match it literally)."""
    if not pattern.strip():
        raise ValueError("an empty glob matches nothing")
    opened = -1
    for index, char in enumerate(pattern):
        if char == "[" and opened < 0:
            opened = index
        elif char == "]" and opened >= 0 and index > opened + 1:
            opened = -1
    if opened >= 0:
        raise ValueError(f"glob {pattern!r} has an unclosed '['")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file, the key and why."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Settings(BaseModel):
    """The keys of `[tool.seedlint]`, spelled in kebab-case in TOML."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    extend_include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = Field(default_factory=list)
    respect_gitignore: bool = True
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    fail_on: Severity = Severity.INFO
    text_field: str = "text"
    id_field: str = "id"
    date_fields: list[str] = Field(default_factory=list)
    metadata_fields: list[str] | None = None
    ignore_field: str | None = None
    rule_timeout: float = Field(default=DEFAULT_RULE_TIMEOUT, ge=0)
    max_file_size: int = Field(default=DEFAULT_MAX_FILE_SIZE, ge=0)

    @field_validator("include", "extend_include", "exclude", "extend_exclude")
    @classmethod
    def _globs(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            check_glob(pattern)
        return patterns

    @field_validator("per_file_ignores")
    @classmethod
    def _glob_keys(cls, table: dict[str, list[str]]) -> dict[str, list[str]]:
        for pattern in table:
            check_glob(pattern)
        return table


@dataclass(frozen=True)
class Overrides:
    """Command-line options that take precedence over every configuration file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    text_field: str | None = None
    id_field: str | None = None
    date_fields: tuple[str, ...] = ()
    metadata_fields: tuple[str, ...] | None = None
    ignore_field: str | None = None


def _describe_validation_error(source: str, error: ValidationError, prefix: str = "") -> str:
    problems = []
    for detail in error.errors():
        key = ".".join(str(part) for part in detail["loc"])
        key = f"{prefix}{key}" if key else prefix.rstrip(".") or "(top level)"
        if detail["type"] == "extra_forbidden":
            problems.append(f"unknown key `{key}`")
        else:
            problems.append(f"`{key}`: {detail['msg']} (got {detail.get('input')!r})")
    return f"{source}: " + "; ".join(problems)


def read_settings(path: Path) -> Settings | None:
    """The seedlint table of a config file, or None for a pyproject.toml without one."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from error
    prefix = ""
    if path.name == "pyproject.toml":
        table = raw.get("tool", {}).get("seedlint")
        if table is None:
            return None
        prefix = "tool.seedlint."
    else:
        table = raw
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: `{prefix.rstrip('.')}` must be a table")
    try:
        return Settings.model_validate(table)
    except ValidationError as error:
        raise ConfigError(_describe_validation_error(str(path), error, prefix)) from error


def find_config_file(directory: Path) -> tuple[Path, Settings] | None:
    """The closest configuration at or above `directory`."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                settings = read_settings(candidate)
                if settings is not None:
                    return candidate, settings
    return None


# -- rule selection ----------------------------------------------------------------------------


def _matching(selector: str, codes: Iterable[str]) -> list[str]:
    if selector == "ALL":
        return list(codes)
    return [code for code in codes if code.startswith(selector)]


def check_selectors(selectors: Iterable[str], codes: Iterable[str], where: str) -> None:
    codes = list(codes)
    for selector in selectors:
        if not _matching(selector, codes):
            raise ConfigError(f"{where}: unknown rule code or prefix {selector!r}")


def select_codes(
    codes: Mapping[str, type[Rule]],
    select: Iterable[str] | None,
    extend_select: Iterable[str],
    ignore: Iterable[str],
) -> set[str]:
    """The enabled codes: the most specific selector wins, and `ignore` wins a tie."""
    chosen: dict[str, tuple[int, bool]] = {}
    if select is None:
        for code, rule in codes.items():
            if rule.default_enabled:
                chosen[code] = (0, True)
        selected = list(extend_select)
    else:
        selected = [*select, *extend_select]
    for enabled, selectors in ((True, selected), (False, list(ignore))):
        for selector in selectors:
            specificity = 0 if selector == "ALL" else len(selector)
            for code in _matching(selector, codes):
                current = chosen.get(code)
                if (
                    current is None
                    or specificity > current[0]
                    or (specificity == current[0] and not enabled)
                ):
                    chosen[code] = (specificity, enabled)
    return {code for code, (_, enabled) in chosen.items() if enabled}


# -- resolved configuration --------------------------------------------------------------------


@dataclass
class RuleSet:
    """The rules to run on the files governed by one configuration, ready to use."""

    rules: list[Rule]
    per_file_ignores: list[tuple[str, set[str]]]
    root: Path
    fail_on: Severity
    rule_timeout: float = DEFAULT_RULE_TIMEOUT
    max_file_size: int = DEFAULT_MAX_FILE_SIZE

    def ignored_codes(self, path: Path) -> set[str]:
        if not self.per_file_ignores:
            return set()
        try:
            relative = PurePosixPath(path.resolve().relative_to(self.root.resolve()).as_posix())
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(str(relative), pattern) or (
                "/" not in pattern and fnmatch.fnmatch(relative.name, pattern)
            ):
                ignored |= codes
        return ignored

    def rules_for(self, path: Path) -> list[Rule]:
        ignored = self.ignored_codes(path)
        return [rule for rule in self.rules if rule.code not in ignored] if ignored else self.rules


@dataclass
class Config:
    """One configuration file's settings (or the defaults) with the directory it governs."""

    settings: Settings
    root: Path
    source: Path | None = None
    _ruleset: RuleSet | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return str(self.source) if self.source else "command line"

    def ruleset(self, rules: Mapping[str, type[Rule]], overrides: Overrides) -> RuleSet:
        if self._ruleset is None:
            self._ruleset = build_ruleset(self, rules, overrides)
        return self._ruleset


def _rule_options(rule: type[Rule], raw: dict[str, Any], where: str) -> RuleOptions:
    try:
        return rule.Options.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(
            _describe_validation_error(where, error, f"rules.{rule.code}.")
        ) from error


def _instantiate(rule: type[Rule], options: RuleOptions, severity: Severity | None) -> Rule:
    try:
        return rule(options=options, severity=severity)
    except Exception as error:  # a plugin's constructor can fail in any way
        raise ConfigError(
            f"rule {rule.code} ({rule.origin()}) could not be set up: "
            f"{type(error).__name__}: {error}"
        ) from error


def build_ruleset(config: Config, rules: Mapping[str, type[Rule]], overrides: Overrides) -> RuleSet:
    settings = config.settings
    where = config.where
    check_selectors(
        [*(settings.select or []), *settings.extend_select, *settings.ignore], rules, where
    )
    check_selectors(
        [*(overrides.select or []), *overrides.extend_select, *overrides.ignore],
        rules,
        "command line",
    )
    for pattern, codes in settings.per_file_ignores.items():
        check_selectors(codes, rules, f"{where}: per-file-ignores {pattern!r}")
    for code in [*settings.severity, *settings.rules]:
        if code not in rules:
            raise ConfigError(f"{where}: unknown rule code {code!r} (in `severity` or `rules`)")
    select = overrides.select if overrides.select is not None else settings.select
    enabled = select_codes(
        rules,
        select,
        [*settings.extend_select, *overrides.extend_select],
        [*settings.ignore, *overrides.ignore],
    )
    instances = [
        _instantiate(
            rules[code],
            _rule_options(rules[code], settings.rules.get(code, {}), where),
            settings.severity.get(code),
        )
        for code in sorted(enabled)
    ]
    per_file_ignores = [
        (pattern, {code for sel in codes for code in _matching(sel, rules)})
        for pattern, codes in settings.per_file_ignores.items()
    ]
    return RuleSet(
        rules=instances,
        per_file_ignores=per_file_ignores,
        root=config.root,
        fail_on=overrides.fail_on or settings.fail_on,
        rule_timeout=settings.rule_timeout,
        max_file_size=settings.max_file_size,
    )


class ConfigResolver:
    """Finds the configuration that governs each path, reading each file once."""

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None):
        self.cwd = (cwd or Path.cwd()).resolve()
        self._explicit: Config | None = None
        if explicit is not None:
            settings = read_settings(explicit)
            if settings is None:
                raise ConfigError(f"{explicit}: has no [tool.seedlint] table")
            self._explicit = Config(settings, explicit.resolve().parent, explicit)
        self._by_directory: dict[Path, Config] = {}
        self._by_name: dict[str, Config] = {}  # a file's folder, as given -> its config
        self._by_source: dict[Path | None, Config] = {}

    def for_path(self, path: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        directory = (path if path.is_dir() else path.parent).resolve()
        config = self._by_directory.get(directory)
        if config is None:
            found = find_config_file(directory)
            source = found[0] if found else None
            config = self._by_source.get(source)
            if config is None:
                if found is None:
                    config = Config(Settings(), self.cwd, None)
                else:
                    config = Config(found[1], found[0].parent, found[0])
                self._by_source[source] = config
            self._by_directory[directory] = config
        return config

    def for_file(self, path: Path) -> Config:
        """`for_path` for a path known to be a file: no file-system call after the first
        file of each folder."""
        # os.path on the string: pathlib's `parent` and hashing cost more than the lookup.
        folder = os.path.dirname(str(path)) or "."
        config = self._by_name.get(folder)
        if config is None:
            config = self.for_path(Path(folder))
            self._by_name[folder] = config
        return config

    def default(self) -> Config:
        return self.for_path(self.cwd)
