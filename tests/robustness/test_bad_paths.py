"""Bad files and paths: each gives a finding or a clear notice, never a traceback, and the
rest of the run goes on. Tests run as root here, so permission bits cannot make a file
unreadable; a file whose read fails in the kernel (/proc/self/mem) stands in for it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import run_seedlint
from tests.robustness.pipeline import TERMINAL_UNSAFE, sarif_validator

GOOD = "good.txt"
NON_UTF8_NAME = os.fsdecode(b"latin1 caf\xe9 name.txt")
HOSTILE_NAMES = {
    "with spaces.txt": "A document whose name has spaces, and trailing space.   \n",
    "new\nline.txt": "A document whose name holds a newline &amp; an entity.\n",
    NON_UTF8_NAME: "A document whose name is not UTF-8, with a stray entity &amp; here.\n",
    "esc\x1b[31mred\u202e.txt": "A document whose name holds an escape sequence &amp; more.\n",
}


def _build_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / GOOD).write_text("A readable document with trailing spaces.   \n")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (corpus / "utf16-bom-only.txt").write_bytes(b"\xff\xfe")
    (corpus / "binary.txt").write_bytes(b"\x00\x01PK\x00\x00" * 2000)
    (corpus / "folder.txt").mkdir()  # a directory whose name looks like a document
    (corpus / "broken-link.txt").symlink_to(corpus / "missing-target.txt")
    os.mkfifo(corpus / "pipe.txt")
    with open(corpus / "huge-sparse.txt", "wb") as handle:
        os.truncate(handle.fileno(), 1536 * 2**20)  # 1.5 GiB, no disk blocks used
    for name, text in HOSTILE_NAMES.items():
        (corpus / name).write_text(text)
    return corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _build_corpus(tmp_path_factory.mktemp("badpaths"))


@pytest.fixture(scope="module")
def json_run(corpus: Path) -> tuple[int, list[dict], str]:
    done = run_seedlint("check", ".", "--output-format", "json", "--no-cache", cwd=corpus)
    return done.returncode, json.loads(done.stdout), done.stderr


def _by_file(findings: list[dict]) -> dict[str, set[str]]:
    by_file: dict[str, set[str]] = {}
    for finding in findings:
        by_file.setdefault(finding["filename"], set()).add(finding["code"])
    return by_file


def test_the_run_finishes_without_a_traceback_and_checks_the_good_file(json_run):
    code, findings, stderr = json_run
    assert code == 1, stderr
    assert "Traceback" not in stderr
    assert "WS002" in _by_file(findings)[GOOD]


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("broken-link.txt", "SL003", "no such file"),
        ("pipe.txt", "SL003", "fifo"),
        ("binary.txt", "SL004", "nul bytes"),
        ("huge-sparse.txt", "SL006", "max-file-size"),
    ],
)
def test_each_bad_file_gets_a_notice_that_says_why(json_run, name, code, words):
    _, findings, _ = json_run
    notices = [f for f in findings if f["filename"] == name]
    assert [f["code"] for f in notices] == [code], notices
    assert words in notices[0]["message"].lower(), notices[0]["message"]


def test_empty_and_bom_only_files_are_checked_as_empty_documents(json_run):
    _, findings, _ = json_run
    by_file = _by_file(findings)
    for name in ("empty.txt", "bom-only.txt", "utf16-bom-only.txt"):
        codes = by_file.get(name, set())
        assert not codes & {"SL002", "SL003", "SL004"}, (name, codes)


def test_a_directory_named_like_a_document_is_walked_not_read(json_run):
    _, findings, _ = json_run
    assert not [f for f in findings if f["filename"].startswith("folder.txt")]


def test_hostile_file_names_are_checked_and_reported_under_their_own_name(json_run):
    _, findings, _ = json_run
    by_file = _by_file(findings)
    assert "WS002" in by_file["with spaces.txt"]
    for name in ("new\nline.txt", NON_UTF8_NAME, "esc\x1b[31mred\u202e.txt"):
        assert "ENC006" in by_file[name], (name, sorted(by_file))


@pytest.mark.parametrize(
    "fmt",
    [
        "full",
        "concise",
        "grouped",
        "github",
        "sarif",
        "junit",
        "jsonl",
    ],
)
def test_every_format_stays_valid_utf8_over_the_bad_corpus(corpus, fmt):
    # PYTHONIOENCODING=utf-8 makes stdout strict, as under the UTF-8 locales CI runners use
    done = subprocess.run(
        [sys.executable, "-m", "lint", "check", ".", "--output-format", fmt, "--no-cache"],
        cwd=corpus,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1 and "Traceback" not in stderr, stderr[-800:]
    out = done.stdout.decode("utf-8")  # strict: no raw undecodable bytes either
    if fmt == "sarif":
        assert not list(sarif_validator().iter_errors(json.loads(out)))
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in out.splitlines())
    elif fmt == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    else:
        assert not {char for char in out if char in TERMINAL_UNSAFE}, fmt


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: os.mkfifo(d / "named.txt") or d / "named.txt", id="fifo"),
        pytest.param(lambda d: (d / "l.txt").symlink_to(d / "l.txt") or d / "l.txt", id="loop"),
        pytest.param(lambda d: (d / "b.txt").symlink_to(d / "none") or d / "b.txt", id="broken"),
        pytest.param(lambda d: Path("/proc/self/mem"), id="read-fails"),
    ],
)
def test_a_bad_file_named_on_the_command_line_is_a_notice_and_the_next_file_is_checked(
    tmp_path, make
):
    bad = make(tmp_path)
    (tmp_path / GOOD).write_text("Trailing spaces here.   \n")
    done = run_seedlint(
        "check", str(bad), GOOD, "--output-format", "json", "--no-cache", cwd=tmp_path
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    codes = {(f["filename"], f["code"]) for f in json.loads(done.stdout)}
    assert (GOOD, "WS002") in codes
    assert any(code == "SL003" for _, code in codes), codes


def test_a_looping_symlink_in_a_walked_folder_is_a_notice(tmp_path):
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    (tmp_path / GOOD).write_text("Trailing spaces here.   \n")
    done = run_seedlint("check", ".", "--output-format", "json", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in done.stderr, done.stderr[-600:]
    by_file = _by_file(json.loads(done.stdout))
    assert by_file["loop-a.txt"] == {"SL003"} and by_file["loop-b.txt"] == {"SL003"}
    assert "WS002" in by_file[GOOD]


@pytest.mark.parametrize("target", ["blob", "/dev/null"])
def test_a_symlink_in_a_walked_folder_is_selected_by_its_own_name(tmp_path, target):
    store = tmp_path / "store"
    store.mkdir()
    (store / "blob").write_text("Trailing spaces in the linked document.   \n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked.txt").symlink_to(store / target if target == "blob" else target)
    done = run_seedlint("check", ".", "--output-format", "json", "--no-cache", cwd=corpus)
    assert "Traceback" not in done.stderr
    assert "linked.txt" in _by_file(json.loads(done.stdout))


def test_a_character_device_in_a_walked_folder_is_skipped_with_a_notice(tmp_path):
    try:
        os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot create a device node here: {error}")
    (tmp_path / GOOD).write_text("Fine.\n")
    done = run_seedlint("check", ".", "--output-format", "json", "--no-cache", cwd=tmp_path)
    notices = [f for f in json.loads(done.stdout) if f["filename"] == "null.txt"]
    assert [f["code"] for f in notices] == ["SL003"] and "device" in notices[0]["message"]


def test_the_size_limit_is_configurable_and_counts_bytes(tmp_path):
    (tmp_path / "seedlint.toml").write_text("max-file-size = 100\n")
    (tmp_path / "small.txt").write_text("Short enough.\n")
    (tmp_path / "big.txt").write_text("A sentence that repeats. " * 10 + "\n")
    done = run_seedlint("check", ".", "--output-format", "json", "--no-cache", cwd=tmp_path)
    codes = _by_file(json.loads(done.stdout))
    assert codes.get("big.txt") == {"SL006"}
    assert "SL006" not in codes.get("small.txt", set())
