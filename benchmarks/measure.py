"""Runs one command as a child process and measures it: wall time, CPU time and peak memory.

The command runs under a small wrapper process (`python -m benchmarks.measure REPORT -- CMD`)
that starts it, waits for it with `os.wait4` and reports the kernel's accounting: CPU time and
peak RSS of the command and of every process it waited for (pool workers). The wrapper exists
because a child inherits the peak RSS of the process it was forked from: measured straight
from the harness, every scenario would report at least the harness's own size. A sampler also
sums the RSS of the command's whole process tree every few milliseconds, which is what matters
when a pool of workers runs side by side.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measurement:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and the processes it waited for
    peak_rss: int  # bytes, largest single process
    tree_rss: int  # bytes, largest sampled sum over the process tree (0 if unavailable)
    returncode: int
    output_lines: int
    output_digest: str
    marker_lines: int  # output lines containing `marker` (e.g. rule errors)
    stderr: str


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:
        pass
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _tree_rss(root: int) -> int:
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += _rss(pid)
        pending.extend(_children(pid))
    return total


class _TreeSampler(threading.Thread):
    """Largest sampled RSS sum over the processes below `pid` (the wrapper's children)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            below = sum(_tree_rss(child) for child in _children(self.pid))
            self.peak = max(self.peak, below)
            self.stopped.wait(SAMPLE_SECONDS)


def run_measured(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, marker: bytes = b"\0"
) -> Measurement:
    """Run `command` to completion; its standard output is hashed and counted, not kept."""
    with (
        tempfile.TemporaryFile() as stdout,
        tempfile.TemporaryFile() as stderr,
        tempfile.NamedTemporaryFile(suffix=".json") as report,
    ):
        wrapper = [sys.executable, "-m", "benchmarks.measure", report.name, "--", *command]
        process = subprocess.Popen(wrapper, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        process.wait()
        sampler.stopped.set()
        sampler.join()
        stats = json.loads(Path(report.name).read_text() or "{}")
        digest, lines, marked = hashlib.sha256(), 0, 0
        stdout.seek(0)
        for line in stdout:
            digest.update(line)
            lines += 1
            marked += marker in line
        stderr.seek(0)
        error_text = stderr.read().decode("utf-8", "replace")
    if not stats:
        raise RuntimeError(f"the measuring wrapper failed: {error_text[-2000:]}")
    return Measurement(
        wall=stats["wall"],
        cpu=stats["cpu"],
        peak_rss=stats["max_rss_kb"] * 1024,  # kilobytes on Linux
        tree_rss=sampler.peak,
        returncode=stats["returncode"],
        output_lines=lines,
        output_digest=digest.hexdigest(),
        marker_lines=marked,
        stderr=error_text,
    )


def _wrap(report: str, command: list[str]) -> None:
    """Run `command` with this process's standard streams; write its accounting to `report`."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    stats = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "max_rss_kb": usage.ru_maxrss,
        "returncode": child.returncode,
    }
    Path(report).write_text(json.dumps(stats))


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        raise SystemExit("usage: python -m benchmarks.measure REPORT.json -- COMMAND...")
    _wrap(sys.argv[1], sys.argv[3:])
