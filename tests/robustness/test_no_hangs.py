"""No hangs: each hostile document (tests/robustness/hostile_inputs.py) is checked by every
default rule in a subprocess with a wall-clock limit, so a hang fails the test instead of
blocking CI. The bound is on the child's CPU time, which a loaded machine does not inflate;
each rule's share is printed (run with -s) so a slow input names the rule responsible."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.robustness.hostile_inputs import HOSTILE_INPUTS

CPU_BOUND = 20.0  # seconds for all default rules plus the full report, per document
WALL_LIMIT = 120.0  # a child still running after this is hung

# Inputs that currently blow the bound, with the rule responsible (see docs/SECURITY.md).
KNOWN_SLOW: dict[str, str] = {}  # input name -> the bug that makes it slow
KNOWN_SLOW_CPU_LIMIT = 5  # seconds: enough to show the bug without costing CI minutes


def _params():
    for name in HOSTILE_INPUTS:
        marks = []
        if name in KNOWN_SLOW:
            marks.append(pytest.mark.xfail(strict=True, reason=f"bug: {KNOWN_SLOW[name]}"))
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", list(_params()))
def test_hostile_input_is_checked_within_the_cpu_bound(name: str) -> None:
    known = name in KNOWN_SLOW

    def limit_cpu() -> None:  # a known hang need not cost CI more than a few seconds
        resource.setrlimit(resource.RLIMIT_CPU, (KNOWN_SLOW_CPU_LIMIT, KNOWN_SLOW_CPU_LIMIT + 1))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.robustness.hostile_child", name],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=WALL_LIMIT,
            preexec_fn=limit_cpu if known else None,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after {WALL_LIMIT:.0f} s of wall time: a hang")
    if done.returncode == -signal.SIGXCPU:
        pytest.fail(f"{name}: over the {KNOWN_SLOW_CPU_LIMIT} s CPU limit of a known-slow input")
    assert done.returncode == 0, done.stderr[-2000:]
    measured = json.loads(done.stdout)
    rules = measured["rules"]
    total = sum(rules.values()) + measured["report"]
    slowest = sorted(rules.items(), key=lambda item: -item[1])[:3]
    print(
        f"\n{name}: {total:.2f} s CPU ({measured['chars']:,} chars, {measured['findings']} "
        f"findings, report {measured['report']:.2f} s); slowest: "
        + ", ".join(f"{code} {seconds:.2f} s" for code, seconds in slowest)
    )
    assert total < CPU_BOUND, f"{name} took {total:.1f} s; slowest rules: {slowest}"
