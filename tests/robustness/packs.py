"""Rule packs installed the way pip lays one out (a module plus its dist-info folder) in a
folder that goes on PYTHONPATH, so a real `seedlint` subprocess discovers them."""

from __future__ import annotations

import os
from pathlib import Path

RULE_DOC = '''"""{summary}

    ## What it does
    A test rule.
    ## Why is this bad?
    It is a test rule.
    ## Example
    Any text.
    ## Fix safety
    No fix.
    """'''

RAISING_RULE = f"""
from lint import Rule

class Raises(Rule):
    {RULE_DOC.format(summary="Raises on every document.")}
    code = "BRK001"
    name = "always-raises"
    family = "test"

    def check(self, doc):
        raise ZeroDivisionError("the rule divided by zero")
        yield

RULES = [Raises]
"""

LOOPING_RULE = f"""
from lint import Rule

class Loops(Rule):
    {RULE_DOC.format(summary="Never returns.")}
    code = "LOP001"
    name = "loops-forever"
    family = "test"

    def check(self, doc):
        while True:
            pass
        yield

RULES = [Loops]
"""

IMPORT_FAILS = 'raise ImportError("this pack needs a module that is not installed")\n'


def install_pack(site: Path, module: str, source: str, entry_point: str | None = None) -> Path:
    """Write `module` and its dist-info into `site`; returns `site` (for PYTHONPATH)."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(source)
    info = site / f"{module}-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    name = entry_point or module
    (info / "entry_points.txt").write_text(f"[seedlint.rules]\n{name} = {module}\n")
    return site


def pack_env(site: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(site)}


SLOW_RULE = f"""
import time
from lint import Rule

class Slow(Rule):
    {RULE_DOC.format(summary="Takes a tenth of a second per document.")}
    code = "SLO001"
    name = "slow"
    family = "test"

    def check(self, doc):
        time.sleep(0.1)
        yield self.report(doc, 0, 0, "slow rule was here")

RULES = [Slow]
"""
