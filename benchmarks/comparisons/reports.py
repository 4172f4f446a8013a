"""Read what the compared tools printed: datatrove's driver summary and proselint's findings.

These run in the harness's own interpreter (not in the tools' venvs).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# proselint's compact format: `name.txt:LINE:COL: check.path: message`, one finding a line
# (a message may go on over more lines, which this does not count twice).
PROSELINT_FINDING = re.compile(rb"^[^:\n]+:\d+:\d+: [\w.]+: ")
PROSELINT_UNREADABLE = "Error encountered while linting"

DATATROVE_DRIVER = Path(__file__).resolve().parent / "datatrove_driver.py"


def datatrove_summary(stdout: str) -> tuple[str, list[str]]:
    """The findings cell (documents dropped) and one note per filter, from the driver's JSON."""
    lines = [line for line in stdout.strip().splitlines() if line.startswith("{")]
    if not lines:
        return "—", ["the datatrove driver printed no summary"]
    summary = json.loads(lines[-1])
    documents = int(summary["documents"])
    dropped = sum(int(step["dropped"]) for step in summary["filters"])
    notes = []
    for step in summary["filters"]:
        reasons = ", ".join(f"{reason} {count:,}" for reason, count in step["reasons"].items())
        notes.append(
            f"{step['filter']}: saw {step['seen']:,}, kept {step['kept']:,},"
            f" dropped {step['dropped']:,}{f' ({reasons})' if reasons else ''}"
        )
    return f"{dropped:,} of {documents:,} docs dropped", notes


def proselint_unreadable(stderr: str) -> int:
    """Files proselint reported it could not lint (it reads them as UTF-8 and skips the rest)."""
    return sum(PROSELINT_UNREADABLE in line for line in stderr.splitlines())
