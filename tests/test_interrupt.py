"""Ctrl-C and SIGTERM stop a run promptly, report what was found so far, and exit 130/143."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SLOW_PACK = '''
import time
from lint import Rule

class Slow(Rule):
    """Takes a tenth of a second per document.

    ## What it does
    Sleeps, then reports every document.
    ## Why is this bad?
    It is a test rule.
    ## Example
    Any text.
    ## Fix safety
    No fix.
    """
    code = "SLW001"
    name = "slow"
    family = "test"

    def check(self, doc):
        time.sleep(0.1)
        yield self.report(doc, 0, 0, "slow rule was here")

RULES = [Slow]
'''


@pytest.fixture
def slow_pack(tmp_path: Path) -> Path:
    """A rule pack installed the way pip lays one out: a module plus its dist-info."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "slowpack.py").write_text(SLOW_PACK)
    info = site / "slowpack-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: slowpack\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[seedlint.rules]\nslow = slowpack\n")
    return site


@pytest.mark.parametrize(
    ("signal_number", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)]
)
def test_signal_stops_the_run_and_reports_findings_so_far(
    tmp_path, slow_pack, signal_number, exit_code
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(200):
        (corpus / f"doc{index:03}.txt").write_text(f"Document {index}.\n")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lint",
            "check",
            str(corpus),
            "--select",
            "SLW001",
            "--output-format",
            "concise",
            "--no-cache",
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(slow_pack)},
    )
    time.sleep(3)
    started = time.monotonic()
    process.send_signal(signal_number)
    stdout, stderr = process.communicate(timeout=30)
    assert time.monotonic() - started < 10, "workers did not stop promptly"
    assert process.returncode == exit_code, stderr
    assert f"interrupted by {signal.Signals(signal_number).name}" in stderr
    assert "Traceback" not in stderr
    reported = stdout.count("SLW001 slow rule was here")
    assert 0 < reported < 200
