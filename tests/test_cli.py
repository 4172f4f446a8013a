"""The command line: exit codes, inputs, outputs and errors, run as a user runs it."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import run_seedlint


def test_binary_file_is_skipped_with_one_finding_not_a_traceback(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 400 + bytes(range(256)))
    result = run_seedlint("check", "image.txt", "--output-format", "concise", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert "image.txt:1:1: SL004 Binary file skipped" in result.stdout
    assert result.returncode == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_finding(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("hello\n")
    path.chmod(0)
    result = run_seedlint("check", "secret.txt", "--output-format", "concise", cwd=tmp_path)
    assert "SL003 Cannot read file" in result.stdout


def test_broken_symlink_is_reported_not_raised(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    result = run_seedlint("check", "dangling.txt", "--output-format", "concise", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert "dangling.txt:1:1: SL003 Cannot read file" in result.stdout


def test_missing_path_is_a_usage_error(tmp_path):
    result = run_seedlint("check", "nope.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.txt: no such file or directory" in result.stderr


def test_bad_config_exits_2_naming_file_and_key(tmp_path):
    (tmp_path / "seedlint.toml").write_text("fail-on = 'sometimes'\n")
    (tmp_path / "a.txt").write_text("Fine text.\n")
    result = run_seedlint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "seedlint.toml" in result.stderr and "`fail-on`" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_selector_on_the_command_line_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text("Fine text.\n")
    result = run_seedlint("check", "a.txt", "--select", "NOPE1", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown rule code or prefix 'NOPE1'" in result.stderr


def test_exit_zero_and_fail_on(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x00" * 100)
    assert run_seedlint("check", "image.txt", "--exit-zero", cwd=tmp_path).returncode == 0
    # SL004 is a warning: failing only on errors lets it pass
    assert run_seedlint("check", "image.txt", "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert run_seedlint("check", "image.txt", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_output_file_gets_the_report_and_stderr_the_summary(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x00" * 100)
    result = run_seedlint(
        "check",
        "image.txt",
        "--output-format",
        "json",
        "--output-file",
        "out.json",
        cwd=tmp_path,
    )
    findings = json.loads((tmp_path / "out.json").read_text())
    assert [f["code"] for f in findings] == ["SL004"]
    assert "Found 1 finding in 1 file." in result.stderr
    assert result.stdout == ""


def test_stdin_is_checked_under_the_given_name(tmp_path):
    result = run_seedlint(
        "check",
        "-",
        "--stdin-filename",
        "piped.txt",
        "--output-format",
        "concise",
        cwd=tmp_path,
        stdin=b"\x00" * 64,
    )
    assert "piped.txt:1:1: SL004" in result.stdout


def test_directories_recurse_with_default_includes_and_gitignore(tmp_path):
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    for name in ["docs/a.txt", "docs/deep/b.md", "docs/c.json", "docs/ignored.txt"]:
        (tmp_path / name).write_bytes(b"\x00" * 50)
    (tmp_path / ".gitignore").write_text("ignored.txt\n")
    (tmp_path / ".git").mkdir()
    result = run_seedlint("check", "docs", "--output-format", "concise", cwd=tmp_path)
    lines = [line.split(":")[0] for line in result.stdout.splitlines() if ": SL004" in line]
    assert lines == ["docs/a.txt", "docs/deep/b.md"]


def test_parallel_output_is_identical_to_one_process(tmp_path):
    for index in range(30):
        (tmp_path / f"doc{index:02}.txt").write_bytes(b"\x00" * (index + 10))
    one = run_seedlint("check", ".", "--jobs", "1", "--output-format", "json", cwd=tmp_path)
    many = run_seedlint("check", ".", "--jobs", "2", "--output-format", "json", cwd=tmp_path)
    assert one.stdout == many.stdout and len(json.loads(one.stdout)) == 30


def test_rule_command_explains_a_rule_and_rejects_unknown_codes():
    explained = run_seedlint("rule", "SL004")
    assert explained.returncode == 0
    assert "# SL004 binary-file" in explained.stdout and "## Fix safety" in explained.stdout
    unknown = run_seedlint("rule", "XX999")
    assert unknown.returncode == 2 and "unknown rule code" in unknown.stderr


def test_rules_command_lists_codes_names_families_state_and_fixability():
    listing = run_seedlint("rules").stdout
    assert "SL004\tbinary-file" in listing and "fix: none" in listing
    data = json.loads(run_seedlint("rules", "--format", "json").stdout)
    assert {"code", "name", "family", "default_enabled", "fix"} <= set(data[0])


def test_fifo_is_reported_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_seedlint("check", ".", "--output-format", "concise", cwd=tmp_path)
    assert "pipe.txt:1:1: SL003 Cannot read file: not a regular file (a FIFO)" in result.stdout
