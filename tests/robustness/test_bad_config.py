"""Bad configuration: every malformed config exits 2 with one line naming the file, the key
and what was expected; never a traceback, never a silently ignored setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_seedlint

CASES = {
    "toml-syntax": ('select = ["ENC"\nignore = 3 4\n', ["invalid TOML", "line"]),
    "toml-bad-bytes": (b"select = ['\xff']\n", ["cannot read"]),
    "wrong-type-list": ('select = "ENC001"\n', ["`select`", "list"]),
    "wrong-type-bool": ('respect-gitignore = "sometimes"\n', ["`respect-gitignore`", "bool"]),
    "wrong-type-timeout": ('rule-timeout = "soon"\n', ["`rule-timeout`", "number"]),
    "negative-size": ("max-file-size = -1\n", ["`max-file-size`", "greater than or equal"]),
    "unknown-key": ('selekt = ["ENC"]\n', ["unknown key `selekt`"]),
    "unknown-code-select": ('select = ["ENC999"]\n', ["unknown rule code", "'ENC999'"]),
    "unknown-code-ignore": ('ignore = ["NOPE"]\n', ["unknown rule code", "'NOPE'"]),
    "unknown-plugin-code": ('extend-select = ["ACME001"]\n', ["'ACME001'"]),
    "unknown-code-severity": ('[severity]\nXYZ001 = "error"\n', ["'XYZ001'", "severity"]),
    "bad-severity": ('[severity]\nENC001 = "fatal"\n', ["`severity.ENC001`", "'info'"]),
    "bad-fail-on": ('fail-on = "panic"\n', ["`fail-on`", "'warning'"]),
    "per-file-unknown-code": (
        '[per-file-ignores]\n"*.md" = ["QUOX"]\n',
        ["per-file-ignores", "'*.md'", "'QUOX'"],
    ),
    "per-file-wrong-type": ('[per-file-ignores]\n"*.md" = "QUO001"\n', ["per-file-ignores"]),
    "rule-option-unknown": ("[rules.TRN005]\nminimum-words = 3\n", ["rules.TRN005.minimum-words"]),
    "rule-option-type": ('[rules.TRN005]\nmin-words = "many"\n', ["rules.TRN005.min-words"]),
    "rule-options-unknown-rule": ("[rules.ZZZ001]\nx = 1\n", ["'ZZZ001'", "rules"]),
    "rules-not-a-table": ('rules = "all"\n', ["`rules`"]),
    "glob-not-a-string": ("include = [1]\n", ["`include.0`", "string"]),
}


def _write(folder: Path, content: str | bytes) -> Path:
    config = folder / "seedlint.toml"
    if isinstance(content, bytes):
        config.write_bytes(content)
    else:
        config.write_text(content)
    (folder / "doc.txt").write_text("A document.\n")
    return config


@pytest.mark.parametrize(("content", "expected"), CASES.values(), ids=CASES.keys())
def test_a_malformed_config_exits_2_naming_file_key_and_expectation(tmp_path, content, expected):
    _write(tmp_path, content)
    done = run_seedlint("check", ".", "--no-cache", cwd=tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert message.startswith("seedlint: error:") and "seedlint.toml" in message, message
    for words in expected:
        assert words in message, (words, message)


def test_the_same_errors_in_pyproject_name_the_tool_seedlint_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.seedlint]\nselect = "ENC"\n')
    (tmp_path / "doc.txt").write_text("A document.\n")
    done = run_seedlint("check", ".", "--no-cache", cwd=tmp_path)
    assert done.returncode == 2
    assert "pyproject.toml" in done.stderr and "`tool.seedlint.select`" in done.stderr


def test_an_explicit_config_file_that_is_missing_or_a_folder_is_a_clear_error(tmp_path):
    (tmp_path / "doc.txt").write_text("A document.\n")
    for name in ("missing.toml", "."):
        done = run_seedlint("check", "doc.txt", "--config", name, cwd=tmp_path)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr


def test_an_unknown_code_on_the_command_line_is_an_error_too(tmp_path):
    (tmp_path / "doc.txt").write_text("A document.\n")
    done = run_seedlint("check", ".", "--select", "ENC001,BOGUS9", cwd=tmp_path)
    assert done.returncode == 2 and "command line" in done.stderr and "'BOGUS9'" in done.stderr


@pytest.mark.parametrize(
    "content",
    [
        'include = ["*.[tx"]\n',
        'extend-exclude = ["drafts/[0-9"]\n',
        '[per-file-ignores]\n"[" = ["WS"]\n',
    ],
    ids=["include", "extend-exclude", "per-file-ignores"],
)
def test_a_glob_that_cannot_match_as_intended_is_an_error(tmp_path, content):
    _write(tmp_path, content)
    done = run_seedlint("check", ".", "--no-cache", cwd=tmp_path)
    assert done.returncode == 2 and "[" in done.stderr
