"""Limits that keep a run alive: a rule's time budget (SL001) and the largest text file (SL006)."""

from __future__ import annotations

import os

from tests.conftest import install_pack, run_seedlint

LOOPING_PACK = '''
from lint import Rule

class Forever(Rule):
    """Never returns on documents that mention loops.

    ## What it does
    Spins.
    ## Why is this bad?
    It is a test rule.
    ## Example
    loop
    ## Fix safety
    No fix.
    """
    code = "LOP001"
    name = "forever"
    family = "test"

    def check(self, doc):
        while "loop" in doc.text:
            pass
        yield self.report(doc, 0, 0, "finished")

RULES = [Forever]
'''


def test_a_rule_that_overruns_is_stopped_and_reported_while_others_go_on(tmp_path):
    site = install_pack(tmp_path, "looping_pack", LOOPING_PACK)
    (tmp_path / "seedlint.toml").write_text("rule-timeout = 0.5\n")
    (tmp_path / "a.txt").write_text("This loop never ends.  \n")
    (tmp_path / "b.txt").write_text("All calm here.\n")
    result = run_seedlint(
        "check",
        ".",
        "--select",
        "LOP001,WS002,SL001",
        "--output-format",
        "concise",
        "--jobs",
        "1",
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
    )
    assert "a.txt:1:1: SL001 Rule LOP001 (forever) ran out of its 0.5 s budget" in result.stdout
    assert "a.txt:1:22: WS002" in result.stdout  # the other rule still reported
    assert "b.txt:1:1: LOP001 finished" in result.stdout
    assert result.returncode == 2  # a stopped rule is an error unless --ignore-rule-errors
    ignored = run_seedlint(
        "check",
        ".",
        "--select",
        "LOP001,SL001",
        "--ignore-rule-errors",
        "--exit-zero",
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
    )
    assert ignored.returncode == 0


def test_a_text_file_over_max_file_size_is_skipped_with_a_finding(tmp_path):
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:
        os.truncate(handle.fileno(), 1536 * 2**20)  # sparse: no disk, no memory
    (tmp_path / "small.txt").write_text("Fine.  \n")
    result = run_seedlint(
        "check", ".", "--select", "SL006,WS002", "--output-format", "concise", cwd=tmp_path
    )
    assert (
        "dump.txt:1:1: SL006 File skipped: 1,536.0 MiB is over the 100 MiB limit" in result.stdout
    )
    assert "small.txt:1:6: WS002" in result.stdout
    (tmp_path / "seedlint.toml").write_text("max-file-size = 4\n")
    smaller = run_seedlint("check", "small.txt", "--select", "SL006", cwd=tmp_path)
    assert "SL006" in smaller.stdout
