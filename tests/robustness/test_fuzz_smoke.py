"""CI's short run of the fuzz harness (`make fuzz` runs it for minutes): the same
`check_input` the atheris target calls, on hypothesis bytes and on hand-picked hostile ones."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.fuzz_cli import FORMATS, SUFFIXES, FuzzFailure, check_input
from tests.conftest import REPO

HAND_PICKED = [
    b"",
    b"\xef\xbb\xbf",
    b'{"text": "\\ud800 lone surrogate &amp; \\u001b[31m"}\n{"text": 5}\nnot json\n',
    b"\x1b]8;;http://example.invalid\x07click\x1b]8;;\x07 \xe2\x80\xae reversed\n",
    b"::error file=x::pwned\r\n%0A::warning::also\n",
    b"\x00" * 100 + b"text",
    b"\xff\xfe" + "utf-16 \u201cquote\u201d".encode("utf-16-le"),
    b"caf\xe9 latin-1 \x93quoted\x94\n",
]


@pytest.mark.parametrize("body", HAND_PICKED)
@pytest.mark.parametrize("selector", range(len(FORMATS) * len(SUFFIXES)))
def test_hand_picked_hostile_inputs_pass_the_harness_in_every_format(selector, body):
    check_input(bytes([selector]) + body)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.binary(max_size=1500))
def test_the_harness_accepts_a_few_hundred_random_inputs(data):
    check_input(data)


def test_the_harness_reports_a_misbehaving_command():
    # a harness that cannot fail proves nothing: a rule error (exit 2) must be a failure
    from lint import runner

    original = runner.check_document

    def broken(*args, **kwargs):
        findings, _ = original(*args, **kwargs)
        return findings, 1

    runner.check_document = broken
    try:
        with pytest.raises(FuzzFailure, match="exit 2"):
            check_input(b"\x03Some text.\n")
    finally:
        runner.check_document = original


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
def test_the_atheris_target_runs_a_few_hundred_inputs():
    done = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "fuzz_cli.py"), "-runs=300", "-seed=1"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, "SEEDLINT_FUZZ_INSTRUMENT": "0"},  # instrumenting all costs ~40 s
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 300 runs" in done.stderr
