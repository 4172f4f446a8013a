"""The findings cache: same report on a second run, never trusting a bad or foreign entry."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_seedlint

ARGS = ("check", ".", "--select", "WS002,REC001", "--output-format", "json")


def _corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Trailing spaces here.   \nClean line.\n")
    (tmp_path / "b.txt").write_text("Nothing wrong.\n")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Tab at end\t\n"}) + "\n" + "not json\n"
    )


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / ".seedlint_cache").rglob("*.json"))


def test_second_run_prints_the_same_report_from_the_cache(tmp_path):
    _corpus(tmp_path)
    first = run_seedlint(*ARGS, cwd=tmp_path)
    assert len(_entries(tmp_path)) == 3
    second = run_seedlint(*ARGS, cwd=tmp_path)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 1
    full = run_seedlint("check", ".", "--select", "WS002", cwd=tmp_path)
    assert "Trailing spaces here.   " in full.stdout  # the source line survives the cache


def test_entries_are_really_served(tmp_path):
    _corpus(tmp_path)
    run_seedlint(*ARGS, cwd=tmp_path)
    for entry in _entries(tmp_path):
        data = json.loads(entry.read_text())
        for finding in data["findings"]:
            finding["message"] = "served from cache"
        entry.write_text(json.dumps(data))
    messages = {f["message"] for f in json.loads(run_seedlint(*ARGS, cwd=tmp_path).stdout)}
    assert messages == {"served from cache"}


def test_corrupt_and_foreign_entries_are_ignored_and_rewritten(tmp_path):
    _corpus(tmp_path)
    expected = run_seedlint(*ARGS, cwd=tmp_path).stdout
    entries = _entries(tmp_path)
    entries[0].write_bytes(b"\x00garbage{")
    foreign = json.loads(entries[1].read_text())
    foreign["key"] = "someone else's"
    foreign["findings"] = []
    entries[1].write_text(json.dumps(foreign))
    assert run_seedlint(*ARGS, cwd=tmp_path).stdout == expected
    assert json.loads(entries[0].read_text())["findings"] is not None
    assert json.loads(entries[1].read_text())["key"] != "someone else's"


def test_a_changed_file_or_configuration_is_checked_again(tmp_path):
    _corpus(tmp_path)
    run_seedlint(*ARGS, cwd=tmp_path)
    (tmp_path / "b.txt").write_text("Now with a trailing space. \n")
    codes = [f["filename"] for f in json.loads(run_seedlint(*ARGS, cwd=tmp_path).stdout)]
    assert "b.txt" in codes
    (tmp_path / "seedlint.toml").write_text('severity = { WS002 = "error" }\n')
    severities = {
        f["severity"]
        for f in json.loads(run_seedlint(*ARGS, cwd=tmp_path).stdout)
        if f["code"] == "WS002"
    }
    assert severities == {"error"}


def test_no_cache_writes_nothing_and_clean_removes_the_cache(tmp_path):
    _corpus(tmp_path)
    run_seedlint(*ARGS, "--no-cache", cwd=tmp_path)
    assert not (tmp_path / ".seedlint_cache").exists()
    run_seedlint(*ARGS, cwd=tmp_path)
    assert (tmp_path / ".seedlint_cache" / "CACHEDIR.TAG").exists()
    assert run_seedlint("clean", cwd=tmp_path).returncode == 0
    assert not (tmp_path / ".seedlint_cache").exists()


def test_cache_dir_option_puts_the_cache_where_asked(tmp_path):
    _corpus(tmp_path)
    run_seedlint(*ARGS, "--cache-dir", str(tmp_path / "elsewhere"), cwd=tmp_path)
    assert list((tmp_path / "elsewhere").rglob("*.json"))
    assert not (tmp_path / ".seedlint_cache").exists()


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    for index in range(40):
        (tmp_path / f"doc{index}.txt").write_text(f"Line {index} \n" * (index + 1))
    command = [sys.executable, "-m", "lint", *ARGS, "--jobs", "1"]
    runs = [
        subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(3)
    ]
    outputs = {run.communicate(timeout=120)[0] for run in runs}
    assert len(outputs) == 1
    for entry in _entries(tmp_path):
        json.loads(entry.read_text())
    assert not list((tmp_path / ".seedlint_cache").rglob(".tmp-*"))
