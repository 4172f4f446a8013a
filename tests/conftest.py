"""Shared test helpers: running the real CLI and checking text with chosen rules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint.document import Document
from lint.registry import rule_classes
from lint.runner import check_document

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def run_seedlint(
    *args: str,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m lint ARGS` as a user would, returning the completed process."""
    full_env = {**os.environ, "NO_COLOR": "", **(env or {})}
    full_env.pop("NO_COLOR")
    return subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd,
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def findings_for(text: str, *codes: str, path: str = "doc.txt"):
    """Findings of the named rules (default options) on `text`."""
    rules = rule_classes()
    doc = Document(path, text)
    findings, errors = check_document(doc, [rules[code]() for code in codes])
    assert errors == 0, findings
    return findings


@pytest.fixture
def repo_root() -> Path:
    return REPO


def install_pack(root: Path, module: str, source: str) -> Path:
    """A rule pack laid out the way pip installs one (a module plus its dist-info with the
    entry point), in its own folder to put on PYTHONPATH."""
    site = root / f"site-{module}"
    site.mkdir(parents=True)
    (site / f"{module}.py").write_text(source)
    info = site / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[seedlint.rules]\n{module} = {module}\n")
    return site
