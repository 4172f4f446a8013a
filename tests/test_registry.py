"""Rule packs load through the `seedlint.rules` entry points, built-ins and plugins alike."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from lint.registry import ENTRY_POINT_GROUP, RegistryError, load_entry_points, registry
from tests.conftest import REPO, run_seedlint

PACK_SOURCE = '''
from lint import Rule

class Shout(Rule):
    """Text in capitals.

    ## What it does
    x
    ## Why is this bad?
    x
    ## Example
    x
    ## Fix safety
    x
    """
    code = "{code}"
    name = "shout"
    family = "test"

    def check(self, doc):
        return iter(())

RULES = [Shout]
'''


def _entry_point(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)


def _pack(tmp_path: Path, module: str, code: str) -> None:
    (tmp_path / f"{module}.py").write_text(PACK_SOURCE.format(code=code), encoding="utf-8")


def test_builtin_packs_register_through_the_entry_point_group():
    packs = {registered.pack: registered.distribution for registered in registry().values()}
    builtin = {"system", "encoding", "whitespace", "quotes", "dates", "truncation"}
    assert builtin | {"boilerplate", "duplicates"} <= set(packs)
    assert all(packs[pack].startswith("seedlint ") for pack in builtin)
    assert registry()["SL002"].pack == "system"


def test_two_rules_claiming_one_code_is_an_error_naming_both(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    _pack(tmp_path, "pack_one", "ZZZ001")
    _pack(tmp_path, "pack_two", "ZZZ001")
    with pytest.raises(RegistryError) as error:
        load_entry_points([_entry_point("one", "pack_one"), _entry_point("two", "pack_two")])
    message = str(error.value)
    assert "ZZZ001" in message and "pack_one.Shout" in message and "pack_two.Shout" in message


def test_a_pack_that_fails_to_import_names_its_entry_point(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "broken_pack.py").write_text("raise ImportError('no numpy here')\n")
    with pytest.raises(RegistryError, match=r"'broken' .*failed to import: ImportError"):
        load_entry_points([_entry_point("broken", "broken_pack")])


def test_a_rule_with_a_malformed_code_is_refused(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    _pack(tmp_path, "bad_code_pack", "lower1")
    with pytest.raises(RegistryError, match="codes are 1-5 capital letters"):
        load_entry_points([_entry_point("bad", "bad_code_pack")])


@pytest.fixture(scope="module")
def installed_example_pack(tmp_path_factory) -> Path:
    """The example pack under tests/plugin_example, really installed (pip) into a folder."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "src"
    shutil.copytree(REPO / "tests" / "plugin_example", source)
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return target


def test_the_example_plugin_pack_fires_once_installed(installed_example_pack, tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text("The minister said [insert quote] on Tuesday.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(installed_example_pack)}
    result = run_seedlint(
        "check", str(doc), "--select", "PLH", "--output-format", "concise", env=env
    )
    assert result.returncode == 1, result.stderr
    assert ":1:19: PLH001 Placeholder '[insert quote]'" in result.stdout
    listing = run_seedlint("rules", env=env).stdout
    assert "PLH001\tplaceholder-text" in listing
    assert "## What it does" in run_seedlint("rule", "PLH001", env=env).stdout


def test_the_example_plugin_reads_its_options_from_config(installed_example_pack, tmp_path):
    (tmp_path / "seedlint.toml").write_text(
        'select = ["PLH001"]\n[rules.PLH001]\nextra-markers = ["FIXME"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Ready to go. FIXME before launch.\n", encoding="utf-8")
    result = run_seedlint(
        "check",
        "a.txt",
        "--output-format",
        "concise",
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed_example_pack)},
    )
    assert "a.txt:1:14: PLH001 Placeholder 'FIXME'" in result.stdout
