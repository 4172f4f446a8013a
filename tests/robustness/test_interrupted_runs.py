"""Interrupted runs: a `--fix` run killed at a random moment (SIGKILL: no handler runs, the
worst case) leaves every file either untouched or fully fixed, and a killed cached run leaves
no cache entry that does not parse. SIGINT/SIGTERM reporting is in tests/test_interrupt.py;
here SIGTERM also stops a `--fix` run cleanly."""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_seedlint

FILES = 400
# leftovers only SIGKILL can cause: lint/atomic.py's temp file beside the target
TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{8}\.seedlint-tmp$")


def _damaged(index: int) -> bytes:
    return (
        f"Report {index} from the harbour office.   \n"
        f"Ships &amp; boats arrived on time, said the clerk.\t\n"
        f"\n\nThe last line has no final newline {index}"
    ).encode()


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("originals")
    for index in range(FILES):
        (folder / f"doc{index:04}.txt").write_bytes(_damaged(index))
    return folder


@pytest.fixture(scope="module")
def expected(originals: Path, tmp_path_factory) -> tuple[dict[str, bytes], float]:
    """Every file's fully fixed bytes, from an uninterrupted run, and how long it took."""
    folder = tmp_path_factory.mktemp("reference") / "corpus"
    shutil.copytree(originals, folder)
    started = time.monotonic()
    done = run_seedlint("check", ".", "--fix", "--no-cache", "--jobs", "2", "-q", cwd=folder)
    elapsed = time.monotonic() - started
    assert done.returncode in (0, 1), done.stderr
    fixed = {path.name: path.read_bytes() for path in folder.iterdir()}
    changed = sum(fixed[name] != (originals / name).read_bytes() for name in fixed)
    assert changed == FILES, "every document must have something to fix"
    return fixed, elapsed


def _start(folder: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lint", "check", ".", "--jobs", "2", "-q", *extra],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # SIGKILL the whole group: workers die with the parent
    )


def _kill_group(process: subprocess.Popen, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, number)
    process.wait(timeout=60)


@pytest.mark.parametrize("attempt", range(4))
def test_a_fix_run_killed_at_a_random_moment_leaves_each_file_untouched_or_fully_fixed(
    tmp_path, originals, expected, attempt
):
    fixed, elapsed = expected
    folder = tmp_path / "corpus"
    shutil.copytree(originals, folder)
    process = _start(folder, "--fix", "--no-cache")
    time.sleep(elapsed * random.Random(attempt).uniform(0.3, 0.95))
    _kill_group(process, signal.SIGKILL)

    untouched = fully_fixed = 0
    leftovers = []
    for path in folder.iterdir():
        if path.name in fixed:
            data = path.read_bytes()
            if data == (originals / path.name).read_bytes():
                untouched += 1
            else:
                assert data == fixed[path.name], f"{path.name} is half-fixed: {data!r}"
                fully_fixed += 1
        else:
            match = TEMP_NAME.match(path.name)
            assert match and match["target"] in fixed, f"unexpected file {path.name}"
            leftovers.append(path.name)
    assert untouched + fully_fixed == FILES, "a document went missing"
    print(
        f"\nkilled after {fully_fixed} of {FILES} files were fixed; "
        f"{len(leftovers)} temp files left by SIGKILL"
    )
    # the next run finishes the job from whatever state the kill left
    done = run_seedlint("check", ".", "--fix", "--no-cache", "-q", cwd=folder)
    assert done.returncode in (0, 1), done.stderr
    assert all((folder / name).read_bytes() == data for name, data in fixed.items())


def test_sigterm_stops_a_fix_run_cleanly_with_no_temp_file_left(tmp_path, originals, expected):
    fixed, elapsed = expected
    folder = tmp_path / "corpus"
    shutil.copytree(originals, folder)
    process = _start(folder, "--fix", "--no-cache")
    time.sleep(max(0.5, elapsed * 0.4))
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    # 0/1: it finished before the signal; -15: the signal came while Python was still starting,
    # before seedlint could handle it (a shell sees 143 either way) and before any file was read
    assert process.returncode in (143, -15, 0, 1), stderr
    assert b"Traceback" not in stderr
    for path in folder.iterdir():
        assert path.name in fixed, f"left behind: {path.name}"
        assert path.read_bytes() in (fixed[path.name], (originals / path.name).read_bytes())


@pytest.mark.parametrize("attempt", range(3))
def test_a_cached_run_killed_mid_way_leaves_only_whole_cache_entries(
    tmp_path, originals, expected, attempt
):
    _, elapsed = expected
    folder = tmp_path / "corpus"
    shutil.copytree(originals, folder)
    process = _start(folder, "--output-format", "json")
    time.sleep(elapsed * random.Random(100 + attempt).uniform(0.3, 0.95))
    _kill_group(process, signal.SIGKILL)
    cache = folder / ".seedlint_cache"
    files = list(cache.rglob("*.json")) if cache.exists() else []
    # `.tmp-*.json` files are cache.py's temp files, which only SIGKILL can leave; a reader
    # looks entries up by key name, so it never opens them
    entries = [path for path in files if not path.name.startswith(".tmp-")]
    for entry in entries:
        data = json.loads(entry.read_bytes())  # a half-written entry would not parse
        assert isinstance(data, dict) and isinstance(data.get("findings"), list)
        assert data["key"] == entry.stem, entry
    stray = [p.name for p in cache.rglob(".tmp-*")] if cache.exists() else []
    print(f"\n{len(entries)} whole cache entries, {len(stray)} temp files left by SIGKILL")
    # a later cached run over the same files gives the same report as an uncached one
    again = run_seedlint("check", ".", "--output-format", "json", cwd=folder)
    fresh = run_seedlint("check", ".", "--output-format", "json", "--no-cache", cwd=folder)
    assert again.returncode == fresh.returncode == 1, (again.stderr, fresh.stderr)
    assert json.loads(again.stdout) == json.loads(fresh.stdout)


@pytest.mark.parametrize(
    ("signal_number", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)]
)
def test_a_signal_during_a_single_process_run_stops_it_instead_of_failing_a_rule(
    tmp_path, signal_number, exit_code
):
    # with --jobs 1 the rules run in the process whose handler raises on the signal: the
    # exception must stop the run, not be caught as one rule's failure (SL002) on one document
    from tests.robustness.packs import SLOW_RULE, install_pack, pack_env

    site = install_pack(tmp_path / "site", "slowpack", SLOW_RULE)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for index in range(150):
        (folder / f"doc{index:03}.txt").write_text(f"Document {index}.\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", "check", ".", "--select", "SLO001", "--jobs", "1",
         "--no-cache", "--output-format", "concise"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=pack_env(site),
    )  # fmt: skip
    time.sleep(3)
    process.send_signal(signal_number)
    stdout, stderr = process.communicate(timeout=60)
    assert "SL002" not in stdout, [line for line in stdout.splitlines() if "SL002" in line]
    assert process.returncode == exit_code, stderr
    assert 0 < stdout.count("slow rule was here") < 150
