"""A broken rule pack does not break the run: a rule that raises or loops is isolated and
named; a pack that fails to import is a clear error naming its entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.packs import (
    IMPORT_FAILS,
    LOOPING_RULE,
    RAISING_RULE,
    install_pack,
    pack_env,
)


def seedlint(*args: str, site: Path, cwd: Path, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=pack_env(site),
        timeout=timeout,
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "first.txt").write_text("The first document ends with spaces.   \n")
    (folder / "second.txt").write_text("The second document has a stray entity &amp; here.\n")
    return folder


def _findings(stdout: str) -> list[dict]:
    return json.loads(stdout)


def test_a_raising_rule_is_reported_per_document_and_other_rules_still_run(tmp_path, corpus):
    site = install_pack(tmp_path / "site", "brokenpack", RAISING_RULE)
    done = seedlint(
        "check", ".", "--extend-select", "BRK001", "--output-format", "json", "--no-cache",
        "--jobs", "2", site=site, cwd=corpus,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    findings = _findings(done.stdout)
    errors = [f for f in findings if f["code"] == "SL002"]
    assert sorted(f["filename"] for f in errors) == ["first.txt", "second.txt"]
    for error in errors:
        assert "BRK001" in error["message"] and "always-raises" in error["message"]
        assert "ZeroDivisionError: the rule divided by zero" in error["message"]
    codes = {(f["filename"], f["code"]) for f in findings}
    assert ("first.txt", "WS002") in codes and ("second.txt", "ENC006") in codes


def test_ignore_rule_errors_keeps_the_exit_code_to_the_findings(tmp_path, corpus):
    site = install_pack(tmp_path / "site", "brokenpack", RAISING_RULE)
    done = seedlint(
        "check", ".", "--extend-select", "BRK001", "--ignore-rule-errors", "--no-cache",
        site=site, cwd=corpus,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "SL002" in done.stdout and "WS002" in done.stdout


def test_a_pack_that_fails_to_import_is_an_error_naming_its_entry_point(tmp_path, corpus):
    site = install_pack(tmp_path / "site", "unimportable", IMPORT_FAILS, entry_point="badpack")
    done = seedlint("check", ".", "--no-cache", site=site, cwd=corpus)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert message.startswith("seedlint: error:"), message
    assert "'badpack'" in message and "unimportable" in message
    assert "ImportError: this pack needs a module that is not installed" in message


def test_a_pack_that_fails_to_import_stops_the_rules_listing_cleanly(tmp_path, corpus):
    site = install_pack(tmp_path / "site", "unimportable", IMPORT_FAILS, entry_point="badpack")
    done = seedlint("rules", site=site, cwd=corpus)
    assert done.returncode == 2 and "'badpack'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_rule_that_never_returns_is_stopped_and_reported_as_sl001(tmp_path, corpus):
    site = install_pack(tmp_path / "site", "looppack", LOOPING_RULE)
    (corpus / "seedlint.toml").write_text("rule-timeout = 1\n")
    done = seedlint(
        "check", ".", "--extend-select", "LOP001", "--output-format", "json", "--no-cache",
        "--jobs", "1", site=site, cwd=corpus, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    findings = _findings(done.stdout)
    timeouts = [f for f in findings if f["code"] == "SL001"]
    assert sorted(f["filename"] for f in timeouts) == ["first.txt", "second.txt"]
    assert all("LOP001" in f["message"] for f in timeouts)
    codes = {(f["filename"], f["code"]) for f in findings}
    assert ("first.txt", "WS002") in codes and ("second.txt", "ENC006") in codes


def test_a_looping_rule_in_parallel_workers_is_stopped_too(tmp_path, corpus):
    site = install_pack(tmp_path / "site", "looppack", LOOPING_RULE)
    (corpus / "seedlint.toml").write_text("rule-timeout = 1\n")
    done = seedlint(
        "check", ".", "--select", "LOP001", "--output-format", "json", "--no-cache",
        "--jobs", "2", site=site, cwd=corpus, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert sorted(f["code"] for f in _findings(done.stdout)) == ["SL001", "SL001"]
