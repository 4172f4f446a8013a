"""Configuration: discovery like ruff's, rule selection, per-file ignores, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import Config as SeedConfig
from lint.config import (
    ConfigError,
    ConfigResolver,
    Overrides,
    Settings,
    build_ruleset,
    read_settings,
    select_codes,
)
from lint.finding import Severity
from lint.rule import Rule, RuleOptions


class _MinWords(RuleOptions):
    min_words: int = 50


def _rule(code: str, enabled: bool = True, options: type[RuleOptions] = RuleOptions) -> type[Rule]:
    return type(
        f"Rule{code}",
        (Rule,),
        {
            "code": code,
            "name": code.lower(),
            "family": "test",
            "default_enabled": enabled,
            "Options": options,
            "check": lambda self, doc: iter(()),
        },
    )


RULES = {
    code: _rule(
        code, enabled=code != "DUP002", options=_MinWords if code == "TRN005" else RuleOptions
    )
    for code in ["ENC001", "ENC002", "ENC010", "WS001", "WS002", "TRN005", "DUP001", "DUP002"]
}


def test_default_selection_is_the_rules_enabled_by_default():
    assert select_codes(RULES, None, [], []) == set(RULES) - {"DUP002"}


def test_select_replaces_defaults_and_prefixes_match():
    assert select_codes(RULES, ["ENC"], [], []) == {"ENC001", "ENC002", "ENC010"}
    assert select_codes(RULES, ["ALL"], [], []) == set(RULES)


def test_the_most_specific_selector_wins_and_ignore_wins_a_tie():
    assert select_codes(RULES, ["ENC"], [], ["ENC00"]) == {"ENC010"}
    assert select_codes(RULES, ["ENC001"], [], ["ENC"]) == {"ENC001"}
    assert select_codes(RULES, ["WS002"], [], ["WS002"]) == set()


def test_extend_select_adds_to_the_defaults():
    assert "DUP002" in select_codes(RULES, None, ["DUP002"], [])


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_closest_config_above_a_file_wins(tmp_path):
    _write(tmp_path / "pyproject.toml", '[tool.seedlint]\nignore = ["WS"]\n')
    _write(tmp_path / "sub" / "seedlint.toml", 'select = ["ENC"]\n')
    _write(tmp_path / "other" / "pyproject.toml", "[project]\nname = 'x'\n")
    resolver = ConfigResolver(cwd=tmp_path)
    assert resolver.for_path(tmp_path / "sub" / "a.txt").settings.select == ["ENC"]
    # a pyproject.toml without [tool.seedlint] is passed over
    assert resolver.for_path(tmp_path / "other" / "a.txt").settings.ignore == ["WS"]


def test_dot_seedlint_toml_beats_pyproject_in_the_same_folder(tmp_path):
    _write(tmp_path / "pyproject.toml", '[tool.seedlint]\nignore = ["WS"]\n')
    _write(tmp_path / ".seedlint.toml", 'ignore = ["ENC"]\n')
    assert ConfigResolver(cwd=tmp_path).for_path(tmp_path / "a.txt").settings.ignore == ["ENC"]


def test_unknown_key_names_the_file_and_the_key(tmp_path):
    path = _write(tmp_path / "pyproject.toml", '[tool.seedlint]\nselekt = ["ENC"]\n')
    with pytest.raises(ConfigError) as error:
        read_settings(path)
    assert str(path) in str(error.value)
    assert "unknown key `tool.seedlint.selekt`" in str(error.value)


def test_wrong_type_says_what_was_expected(tmp_path):
    path = _write(tmp_path / "seedlint.toml", 'ignore = "ENC001"\n')
    with pytest.raises(ConfigError) as error:
        read_settings(path)
    assert "`ignore`" in str(error.value) and "list" in str(error.value)


def test_invalid_toml_is_a_config_error(tmp_path):
    path = _write(tmp_path / "seedlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        read_settings(path)


def test_unknown_rule_code_is_an_error(tmp_path):
    config = SeedConfig(Settings(ignore=["XYZ999"]), tmp_path, tmp_path / "seedlint.toml")
    with pytest.raises(ConfigError, match="unknown rule code or prefix 'XYZ999'"):
        build_ruleset(config, RULES, Overrides())


def test_rule_options_are_validated_with_the_key_named(tmp_path):
    settings = Settings.model_validate({"rules": {"TRN005": {"min-words": "many"}}})
    config = SeedConfig(settings, tmp_path, tmp_path / "seedlint.toml")
    with pytest.raises(ConfigError, match=r"rules\.TRN005\.min-words"):
        build_ruleset(config, RULES, Overrides())
    settings = Settings.model_validate({"rules": {"TRN005": {"min-wordz": 3}}})
    with pytest.raises(ConfigError, match=r"unknown key `rules\.TRN005\.min-wordz`"):
        build_ruleset(SeedConfig(settings, tmp_path, None), RULES, Overrides())


def test_rule_options_and_severity_reach_the_rule(tmp_path):
    settings = Settings.model_validate(
        {"rules": {"TRN005": {"min-words": 40}}, "severity": {"TRN005": "error"}}
    )
    ruleset = build_ruleset(SeedConfig(settings, tmp_path, None), RULES, Overrides())
    rule = next(rule for rule in ruleset.rules if rule.code == "TRN005")
    assert rule.options.min_words == 40
    assert rule.severity is Severity.ERROR


def test_per_file_ignores_match_globs_relative_to_the_config(tmp_path):
    settings = Settings.model_validate({"per-file-ignores": {"drafts/*.md": ["WS"]}})
    ruleset = build_ruleset(SeedConfig(settings, tmp_path, None), RULES, Overrides())
    codes = {rule.code for rule in ruleset.rules_for(tmp_path / "drafts" / "a.md")}
    assert "WS001" not in codes and "ENC001" in codes
    assert "WS001" in {rule.code for rule in ruleset.rules_for(tmp_path / "a.md")}


def test_command_line_overrides_beat_the_file(tmp_path):
    settings = Settings(select=["ENC"], fail_on=Severity.ERROR)
    overrides = Overrides(select=("WS",), fail_on=Severity.WARNING)
    ruleset = build_ruleset(SeedConfig(settings, tmp_path, None), RULES, overrides)
    assert {rule.code for rule in ruleset.rules} == {"WS001", "WS002"}
    assert ruleset.fail_on is Severity.WARNING
