"""Throwaway venvs for the tools `make bench` compares seedlint with (not project dependencies).

Each tool gets its own venv under `benchmarks/.venvs/<name>/` (gitignored), created with the
running interpreter's `venv` module and filled with pinned requirements by pip. A stamp file
records what was installed, so an unchanged venv is reused and a changed pin rebuilds it.
Building one is preparation, never part of a measured run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

VENVS_ROOT = Path(__file__).resolve().parent.parent / ".venvs"
STAMP = "benchmark-venv.json"
PIP_TIMEOUT = 900  # seconds: a first install downloads a few hundred MB


@dataclass(frozen=True)
class ToolVenv:
    name: str
    requirements: tuple[str, ...]  # pinned, as pip takes them
    check: str  # Python run in the venv to prove the install works

    @property
    def root(self) -> Path:
        return VENVS_ROOT / self.name

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def script(self, name: str) -> Path:
        return self.root / "bin" / name

    def key(self) -> str:
        spec = {"requirements": self.requirements, "python": sys.version.split()[0]}
        return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]


# datatrove's quality filters import `regex` and friends from its `processing` extra; for
# English its word and sentence splitting is spaCy's blank "en" pipeline with a sentencizer
# (no model to download), and `JsonlReader` reads with orjson.
DATATROVE = ToolVenv(
    "datatrove",
    ("datatrove[processing]==0.10.1", "spacy==3.8.18", "orjson==3.13.0"),
    "from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, "
    "FineWebQualityFilter; from datatrove.utils.word_tokenizers import load_word_tokenizer; "
    "load_word_tokenizer('eng').word_tokenize('A check.')",
)
PROSELINT = ToolVenv("proselint", ("proselint==0.16.0",), "import proselint.command_line")


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line for line in text.strip().splitlines() if "is ignored" not in line]
    return " / ".join(lines[-count:]) or "no output"


def ensure_venv(tool: ToolVenv) -> str | None:
    """Create or reuse the tool's venv; None when it is ready, else why it could not be built."""
    stamp = tool.root / STAMP
    try:
        if json.loads(stamp.read_text(encoding="utf-8")).get("key") == tool.key():
            return None
    except (OSError, ValueError):
        pass
    shutil.rmtree(tool.root, ignore_errors=True)
    tool.root.parent.mkdir(parents=True, exist_ok=True)
    steps = (
        [sys.executable, "-m", "venv", str(tool.root)],
        [str(tool.python), "-m", "pip", "install", "--quiet", *tool.requirements],
        [str(tool.python), "-c", tool.check],
    )
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=PIP_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"building the {tool.name} venv failed at `{' '.join(step[:4])}`: {error}"
        if done.returncode != 0:
            output = _last_lines(done.stderr or done.stdout)
            return f"building the {tool.name} venv failed at `{' '.join(step[2:5])}`: {output}"
    freeze = subprocess.run(
        [str(tool.python), "-m", "pip", "freeze"], capture_output=True, text=True, check=False
    )
    installed = sorted(freeze.stdout.split())
    stamp.write_text(
        json.dumps({"key": tool.key(), "requirements": tool.requirements, "installed": installed})
        + "\n",
        encoding="utf-8",
    )
    return None


def installed_version(tool: ToolVenv, package: str) -> str | None:
    """The version of `package` the venv's stamp recorded, if any."""
    try:
        installed = json.loads((tool.root / STAMP).read_text(encoding="utf-8"))["installed"]
    except (OSError, ValueError, KeyError):
        return None
    prefix = package.lower() + "=="
    return next(
        (line.split("==", 1)[1] for line in installed if line.lower().startswith(prefix)), None
    )
