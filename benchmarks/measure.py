"""Runs one command as a child process and measures it: wall time, CPU time and peak memory.

The command runs under a small wrapper process (`python benchmarks/measure.py REPORT -- CMD`,
a script, so it needs no PYTHONPATH) that starts it, waits for it and reports the kernel's
accounting: CPU time and peak RSS of the command and of every process it waited for (pool
workers). The wrapper exists
because a child inherits the peak RSS of the process it was forked from: measured straight
from the harness, every scenario would report at least the harness's own size. A sampler also
sums the RSS of the command's whole process tree every few milliseconds, which is what matters
when a pool of workers runs side by side.

On Linux the wrapper makes itself the "child subreaper" of the command's tree, so that a
process whose parent exits without waiting for it (a daemon a tool leaves behind) is handed to
the wrapper, which reaps it: its CPU time and peak RSS then count too. The kernel's accounting
still misses a process whose parent ignores SIGCHLD, which the kernel reaps unaccounted: Ray's
raylet does that to its workers. So the sampler also reads each process's own CPU time and
RSS from /proc at every sample, and the figures reported are the larger of the kernel's and the
sampled ones (the sampled CPU misses at most the last sample interval of each process).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
SAMPLE_SECONDS = 0.05
STDOUT_TAIL = 64 * 1024


@dataclass(frozen=True)
class Measurement:
    wall: float  # seconds
    cpu: float  # user + system seconds of every process of the tree (see the module doc)
    peak_rss: int  # bytes, largest single process
    tree_rss: int  # bytes, largest sampled sum over the process tree (0 if unavailable)
    returncode: int
    output_lines: int
    output_digest: str
    marker_lines: int  # output lines containing `marker` (e.g. rule errors)
    stderr: str
    pattern_lines: int = 0  # output lines matching `pattern` (a tool's findings)
    stdout_tail: str = ""  # the last STDOUT_TAIL bytes of the output (a driver's summary)
    kernel_cpu: float = 0.0  # CPU seconds in the kernel's accounting of reaped processes
    sampled_cpu: float = 0.0  # CPU seconds summed from /proc samples of every process seen


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:
        pass
    return found


def _stat(pid: int) -> tuple[int, int, float] | None:
    """(start time in ticks, RSS in bytes, own user + system CPU seconds) of a live process."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()  # the name may hold spaces
        # After the name: state is field 3 of proc(5), so field N is fields[N - 3].
        cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
        return int(fields[19]), int(fields[21]) * PAGE, cpu  # starttime, rss
    except (OSError, IndexError, ValueError):
        return None


class _TreeSampler(threading.Thread):
    """Samples the processes below `pid` (the wrapper's children): the largest RSS sum, the
    largest single RSS, and the latest CPU time of each process (by pid and start time)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.largest = 0
        self.cpu: dict[tuple[int, int], float] = {}
        self.stopped = threading.Event()

    def sample(self) -> None:
        total, pending = 0, _children(self.pid)
        while pending:
            pid = pending.pop()
            stat = _stat(pid)
            if stat is not None:
                started, rss, cpu = stat
                total += rss
                self.largest = max(self.largest, rss)
                self.cpu[(pid, started)] = cpu
            pending.extend(_children(pid))
        self.peak = max(self.peak, total)

    def run(self) -> None:
        while not self.stopped.is_set():
            self.sample()
            self.stopped.wait(SAMPLE_SECONDS)


def run_measured(
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    marker: bytes = b"\0",
    pattern: re.Pattern[bytes] | None = None,
) -> Measurement:
    """Run `command` to completion; its standard output is hashed and counted, and only its
    tail kept."""
    with (
        tempfile.TemporaryFile() as stdout,
        tempfile.TemporaryFile() as stderr,
        tempfile.NamedTemporaryFile(suffix=".json") as report,
    ):
        wrapper = [sys.executable, str(Path(__file__).resolve()), report.name, "--", *command]
        process = subprocess.Popen(wrapper, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        process.wait()
        sampler.stopped.set()
        sampler.join()
        stats = json.loads(Path(report.name).read_text() or "{}")
        digest, lines, marked, matched = hashlib.sha256(), 0, 0, 0
        stdout.seek(0)
        for line in stdout:
            digest.update(line)
            lines += 1
            marked += marker in line
            matched += pattern is not None and pattern.match(line) is not None
        size = stdout.tell()
        stdout.seek(max(0, size - STDOUT_TAIL))
        tail = stdout.read().decode("utf-8", "replace")
        stderr.seek(0)
        error_text = stderr.read().decode("utf-8", "replace")
    if not stats:
        raise RuntimeError(f"the measuring wrapper failed: {error_text[-2000:]}")
    sampled_cpu = sum(sampler.cpu.values())
    return Measurement(
        wall=stats["wall"],
        cpu=max(stats["cpu"], sampled_cpu),
        peak_rss=max(stats["max_rss_kb"] * 1024, sampler.largest),  # kilobytes on Linux
        tree_rss=sampler.peak,
        returncode=stats["returncode"],
        output_lines=lines,
        output_digest=digest.hexdigest(),
        marker_lines=marked,
        stderr=error_text,
        pattern_lines=matched,
        stdout_tail=tail,
        kernel_cpu=stats["cpu"],
        sampled_cpu=sampled_cpu,
    )


PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>
ORPHAN_GRACE_SECONDS = 30.0  # how long processes the command left behind may take to exit


def _become_subreaper() -> bool:
    """Adopt the command's orphaned descendants (Linux 3.4+); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _reap_orphans() -> None:
    """Wait for every adopted descendant; end the ones still running after the grace period
    (they are this benchmark's own: the command started them and exited without them)."""
    deadline = time.monotonic() + ORPHAN_GRACE_SECONDS
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            continue
        if time.monotonic() > deadline:
            for orphan in _children(os.getpid()):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(orphan, signal.SIGKILL)
            deadline = float("inf")
        time.sleep(0.05)


def _wrap(report: str, command: list[str]) -> None:
    """Run `command` with this process's standard streams; write its accounting to `report`."""
    adopting = _become_subreaper()
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, _ = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if adopting:
        _reap_orphans()
    # Every process reaped below this one: the command, the workers it waited for, orphans.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "max_rss_kb": usage.ru_maxrss,
        "returncode": child.returncode,
    }
    Path(report).write_text(json.dumps(stats))


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        raise SystemExit("usage: python benchmarks/measure.py REPORT.json -- COMMAND...")
    _wrap(sys.argv[1], sys.argv[3:])
