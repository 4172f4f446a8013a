"""Nothing runs from data: configuration can only enable installed entry points, the cache is
JSON read as data (a pickle planted in it is never unpickled), and a run opens no network
connection (checked with an audit hook that fails the run on any non-local socket use)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

from tests.conftest import REPO, run_seedlint

MARKER = "ran-from-data.marker"
EVIL_MODULE = f"from pathlib import Path\nPath({MARKER!r}).write_text('imported')\n"


class _Planted:
    """Unpickling this would create the marker file (via os.system's shell)."""

    def __reduce__(self):
        import os

        return (os.system, (f"touch {MARKER}",))


def test_configuration_cannot_import_a_module_by_naming_it(tmp_path):
    (tmp_path / "evilmod.py").write_text(EVIL_MODULE)
    (tmp_path / "doc.txt").write_text("A document.\n")
    attempts = [
        'plugins = ["evilmod"]\n',
        'extend-select = ["evilmod"]\n',
        'select = ["evilmod:RULES"]\n',
        "[rules.evilmod]\nenabled = true\n",
        "[rules.TRN005]\nmin-words = \"__import__('evilmod')\"\n",
        'severity = {"evilmod" = "error"}\n',
    ]
    for config in attempts:
        (tmp_path / "seedlint.toml").write_text(config)
        done = run_seedlint("check", ".", "--no-cache", cwd=tmp_path,
                            env={"PYTHONPATH": str(tmp_path)})  # fmt: skip
        assert done.returncode == 2, (config, done.stderr)
        assert not (tmp_path / MARKER).exists(), f"{config!r} imported a module"


def test_the_cache_is_json_and_a_planted_pickle_is_never_loaded(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(5):
        (corpus / f"doc{index}.txt").write_text(f"Entry {index} &amp; trailing.   \n")
    first = run_seedlint("check", ".", "--output-format", "json", cwd=corpus)
    entries = [p for p in (corpus / ".seedlint_cache").rglob("*.json")]
    assert len(entries) == 5
    for entry in entries:
        assert isinstance(json.loads(entry.read_bytes()), dict)  # plain JSON data
        entry.write_bytes(pickle.dumps(_Planted()))
    second = run_seedlint("check", ".", "--output-format", "json", cwd=corpus)
    assert not (corpus / MARKER).exists(), "a cache entry was unpickled"
    assert json.loads(second.stdout) == json.loads(first.stdout)  # entries ignored, rebuilt
    assert all(isinstance(json.loads(entry.read_bytes()), dict) for entry in entries)


AUDITED_RUN = r"""
import socket, sys

def no_network(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.bind"):
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) != socket.AF_UNIX:
            sys.stderr.write(f"NETWORK {event} {address!r}\n")
            sys.stderr.flush()
            import os
            os._exit(99)
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        sys.stderr.write(f"NETWORK {event} {args!r}\n")
        sys.stderr.flush()
        import os
        os._exit(99)

sys.addaudithook(no_network)  # inherited by forked workers
from lint.cli import main
sys.argv = ["seedlint", *sys.argv[1:]]
main()
"""


def test_a_run_makes_no_network_connection(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Title\n\nSee <a href='https://example.invalid'>x</a>.\n")
    (corpus / "b.txt").write_text("Read more at https://example.invalid/page \u201cquoted\u201d\n")
    (corpus / "c.jsonl").write_text(
        '{"id": "1", "text": "A record &amp; a link http://x.invalid"}\n'
    )
    runs = [
        ["check", ".", "--output-format", "sarif", "--jobs", "2"],
        ["check", ".", "--output-format", "json", "--jobs", "1", "--no-cache"],
        ["check", ".", "--fix", "--unsafe-fixes", "--no-cache"],
        ["report", ".", "-o", str(tmp_path / "report.html"), "--no-cache"],
        ["rules", "--format", "json"],
        ["rule", "ENC007"],
    ]
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-c", AUDITED_RUN, *args],
            cwd=corpus,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )
        assert "NETWORK" not in done.stderr, (args, done.stderr)
        assert done.returncode in (0, 1), (args, done.stderr[-1500:])


def test_the_audit_hook_would_catch_a_connection():
    # the check above proves nothing unless the hook fires on a real connection attempt
    probe = AUDITED_RUN.replace(
        "from lint.cli import main",
        "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 9), timeout=0.1)\n"
        "except OSError:\n    pass\nfrom lint.cli import main",
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "rules"], capture_output=True, text=True, timeout=60,
        env={"PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert done.returncode == 99 and "NETWORK socket." in done.stderr
