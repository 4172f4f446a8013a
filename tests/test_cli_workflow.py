"""Adopting seedlint on a damaged corpus: --fix, --diff, baselines, suppressions, changed files."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import run_seedlint

DAMAGED = "First line with spaces.   \nSecond line.\n\n\n"
FIXED = "First line with spaces.\nSecond line.\n"


def test_fix_writes_safe_fixes_and_reports_what_remains(tmp_path):
    target = tmp_path / "doc.txt"
    target.write_bytes(DAMAGED.encode())
    target.chmod(0o640)
    result = run_seedlint("check", "doc.txt", "--select", "WS", "--fix", cwd=tmp_path)
    assert target.read_text() == FIXED
    assert oct(target.stat().st_mode & 0o777) == "0o640"
    assert "Fixed 2 findings; 0 remaining." in result.stderr
    assert result.returncode == 0
    again = run_seedlint("check", "doc.txt", "--select", "WS", "--fix", cwd=tmp_path)
    assert "Fixed 0 findings" in again.stderr and target.read_text() == FIXED


def test_diff_prints_the_change_writes_nothing_and_exits_1(tmp_path):
    (tmp_path / "doc.txt").write_text(DAMAGED)
    result = run_seedlint("check", "doc.txt", "--select", "WS", "--diff", cwd=tmp_path)
    assert result.returncode == 1
    assert "--- doc.txt" in result.stdout and "-First line with spaces.   " in result.stdout
    assert (tmp_path / "doc.txt").read_text() == DAMAGED
    clean = tmp_path / "clean.txt"
    clean.write_text(FIXED)
    assert (
        run_seedlint("check", "clean.txt", "--diff", "--select", "WS", cwd=tmp_path).returncode == 0
    )


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    text = "News story line.\nShare this article\nMore of the story here.\n"
    (tmp_path / "doc.txt").write_text(text)
    run_seedlint("check", "doc.txt", "--select", "BP001", "--fix", cwd=tmp_path)
    assert (tmp_path / "doc.txt").read_text() == text
    run_seedlint("check", "doc.txt", "--select", "BP001", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert "Share this article" not in (tmp_path / "doc.txt").read_text()


def test_fix_keeps_crlf_and_the_original_encoding(tmp_path):
    original = "Caf\u00e9 cr\u00e8me on the menu.  \r\nSecond line.\r\n".encode("cp1252")
    (tmp_path / "menu.txt").write_bytes(original)
    run_seedlint("check", "menu.txt", "--select", "WS002", "--fix", cwd=tmp_path)
    data = (tmp_path / "menu.txt").read_bytes()
    assert data == original.replace(b"menu.  \r\n", b"menu.\r\n")


def test_exit_non_zero_on_fix_and_fix_only(tmp_path):
    (tmp_path / "doc.txt").write_text(DAMAGED)
    flagged = run_seedlint(
        "check", "doc.txt", "--select", "WS", "--fix", "--exit-non-zero-on-fix", cwd=tmp_path
    )
    assert flagged.returncode == 1
    (tmp_path / "doc.txt").write_text(DAMAGED + "  indented stray line\n")
    only = run_seedlint("check", "doc.txt", "--select", "WS", "--fix-only", cwd=tmp_path)
    assert only.returncode == 0 and only.stdout == ""


def test_fixes_are_refused_on_stdin(tmp_path):
    result = run_seedlint("check", "-", "--fix", cwd=tmp_path, stdin=b"text  \n")
    assert result.returncode == 2 and "cannot be applied to stdin" in result.stderr


def test_baseline_accepts_old_findings_and_reports_new_ones(tmp_path):
    (tmp_path / "doc.txt").write_text("Old damage here.  \nClean line.\n")
    written = run_seedlint("baseline", ".", "--select", "WS002", cwd=tmp_path)
    assert "1 findings accepted" in written.stderr
    data = json.loads((tmp_path / "seedlint-baseline.json").read_text())
    assert [entry["code"] for entry in data["entries"]] == ["WS002"]
    # lines inserted above: the old finding is still accepted; a new one is reported
    (tmp_path / "doc.txt").write_text(
        "New intro.\nFresh damage. \nOld damage here.  \nClean line.\n"
    )
    result = run_seedlint(
        "check",
        ".",
        "--select",
        "WS002",
        "--baseline",
        "seedlint-baseline.json",
        "--output-format",
        "concise",
        cwd=tmp_path,
    )
    assert "doc.txt:2:14: WS002" in result.stdout and ":3:" not in result.stdout
    assert "1 findings accepted by the baseline" in result.stderr


def test_baseline_prune_drops_stale_entries(tmp_path):
    (tmp_path / "doc.txt").write_text("Old damage here.  \n")
    run_seedlint("baseline", ".", "--select", "WS002", cwd=tmp_path)
    (tmp_path / "doc.txt").write_text("Old damage here.\n")
    result = run_seedlint(
        "check",
        ".",
        "--select",
        "WS002",
        "--baseline",
        "seedlint-baseline.json",
        "--baseline-prune",
        cwd=tmp_path,
    )
    assert result.returncode == 0 and "Removed 1 stale entries" in result.stderr
    assert json.loads((tmp_path / "seedlint-baseline.json").read_text())["entries"] == []


def test_corrupt_baseline_is_a_clear_error(tmp_path):
    (tmp_path / "doc.txt").write_text("text\n")
    (tmp_path / "b.json").write_text("{not json")
    result = run_seedlint("check", ".", "--baseline", "b.json", cwd=tmp_path)
    assert result.returncode == 2 and "b.json" in result.stderr and "Traceback" not in result.stderr


def test_markdown_comments_and_front_matter_suppress_findings(tmp_path):
    (tmp_path / "a.md").write_text(
        "<!-- seedlint-disable-next-line WS002 -->\nKept trailing space here. \n"
        "Reported trailing space. \n"
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: Notes\nseedlint: {ignore: [WS002]}\n---\n\nTrailing space. \n"
    )
    result = run_seedlint(
        "check", "a.md", "b.md", "--select", "WS002", "--output-format", "concise", cwd=tmp_path
    )
    assert "a.md:3:25: WS002" in result.stdout
    assert "a.md:2:" not in result.stdout and "b.md" not in result.stdout


def test_unused_and_invalid_suppressions_are_reported_when_selected(tmp_path):
    (tmp_path / "a.md").write_text(
        "<!-- seedlint-disable-next-line QUO001 -->\nNothing quoted here.\n"
        "<!-- seedlint-disabel WS002 -->\n"
    )
    result = run_seedlint(
        "check",
        "a.md",
        "--select",
        "QUO001,SL100,SL101",
        "--output-format",
        "concise",
        cwd=tmp_path,
    )
    assert "a.md:1:1: SL100 Unused" in result.stdout
    assert "a.md:3:1: SL101 Ignored suppression" in result.stdout


def test_record_ignore_field_suppresses_for_its_record(tmp_path):
    records = [
        {"id": "a", "text": "Spaces at end.  \n", "lint_ignore": ["WS002"]},
        {"id": "b", "text": "Spaces at end.  \n"},
    ]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run_seedlint(
        "check",
        "c.jsonl",
        "--select",
        "WS002",
        "--ignore-field",
        "lint_ignore",
        "--output-format",
        "concise",
        cwd=tmp_path,
    )
    assert "[id=b]" in result.stdout and "[id=a]" not in result.stdout


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_changed_since_checks_only_changed_and_new_files(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "old.txt").write_text("Old file. \n")
    (tmp_path / "edited.txt").write_text("Edited file.\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "start")
    (tmp_path / "edited.txt").write_text("Edited file. \n")
    (tmp_path / "new.txt").write_text("New file. \n")
    result = run_seedlint(
        "check",
        ".",
        "--select",
        "WS002",
        "--changed-since",
        "HEAD",
        "--output-format",
        "concise",
        cwd=tmp_path,
    )
    names = sorted(line.split(":")[0] for line in result.stdout.splitlines() if "WS002" in line)
    assert names == ["edited.txt", "new.txt"]
    bad = run_seedlint("check", ".", "--changed-since", "no-such-ref", cwd=tmp_path)
    assert bad.returncode == 2 and "--changed-since no-such-ref" in bad.stderr
