"""The pre-commit hooks (`.pre-commit-hooks.yaml`), run by the real pre-commit.

A temporary git repository gets damaged documents and a Python file; `pre-commit try-repo`
then installs seedlint from this checkout into pre-commit's own environment and runs the hooks
on every file, as a user's `pre-commit run --all-files` would.

try-repo reads a repository's committed HEAD, plus its tracked but uncommitted changes; new
files not yet added to git would be missing. So the hooks run from a snapshot: a throwaway
repository holding this checkout's working tree as it is on disk (tracked and untracked files,
less what .gitignore ignores), committed once.

try-repo installs a fresh hook environment on every call (its store is a temporary folder,
whatever PRE_COMMIT_HOME says), so it is called twice: the first run has both hooks (sorted by
id: `seedlint` sees the damaged files, then `seedlint-fix` repairs them), the second runs both
on the repaired files. Each call's time is printed (`pytest -s`); the install dominates it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

pytest.importorskip("pre_commit", reason="pre-commit (dev extra) is not installed")
if shutil.which("git") is None:
    pytest.skip("pre-commit needs git", allow_module_level=True)

# Damage every safe fix repairs: trailing spaces and a tab, mojibake ftfy undoes cleanly, no
# final newline. The rest is a complete, dated, attributed notice, so nothing else remains.
NOTICE = (
    "Harbour ferry timetable changes   \n"
    "Published: 2024-03-14\n"
    "\n"
    "The harbour board said on Thursday that the winter timetable for the island ferry will run"
    " until the end of April, a month longer than last year. \u00e2\u20ac\u0153We would rather"
    " keep a reliable service than a busy one,\u00e2\u20ac\x9d said Maren Olsen, the"
    " board\u00e2\u20ac\u2122s operations manager.\t\n"
    "\n"
    "The first summer sailing now leaves at seven in the morning, and the last one returns"
    " shortly after ten at night. Tickets bought for the old times will be honoured on any"
    " crossing that week."
)
NOTICE_FIXED = (
    "Harbour ferry timetable changes\n"
    "Published: 2024-03-14\n"
    "\n"
    "The harbour board said on Thursday that the winter timetable for the island ferry will run"
    " until the end of April, a month longer than last year. \u201cWe would rather keep a"
    " reliable service than a busy one,\u201d said Maren Olsen, the board\u2019s operations"
    " manager.\n"
    "\n"
    "The first summer sailing now leaves at seven in the morning, and the last one returns"
    " shortly after ten at night. Tickets bought for the old times will be honoured on any"
    " crossing that week.\n"
)

# Markdown with front matter, mixed CRLF/LF line endings and blank lines at the end.
GUIDE_BODY = (
    "# Borrowing from the tool library\n"
    "\n"
    "Members can borrow up to three tools at a time for one week. Bring them back clean, with"
    " every part in its case, and tell the volunteer at the desk if anything broke while you"
    " had it.\n"
    "\n"
    "The library opens on Saturday mornings from nine until noon, and on Wednesday evenings"
    " when enough volunteers are free.\n"
)
GUIDE_FRONT_MATTER = "---\ntitle: Borrowing from the tool library\ndate: 2024-05-02\n---\n"
GUIDE = GUIDE_FRONT_MATTER + ("\n" + GUIDE_BODY + "\n\n\n").replace("\n", "\r\n")
GUIDE_FIXED = GUIDE_FRONT_MATTER + "\n" + GUIDE_BODY

# Not a format the hooks take: it would be full of prose findings if it were passed.
SCRIPT = "x = 1   \nprint(x)"


def _git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _snapshot(source: Path, target: Path, env: dict[str, str]) -> Path:
    """A one-commit repository of `source`'s working tree, untracked files included."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=source,
        env=env,
        check=True,
        capture_output=True,
    ).stdout
    for name in sorted({os.fsdecode(raw) for raw in listing.split(b"\0") if raw}):
        origin = source / name
        if not origin.exists() and not origin.is_symlink():
            continue  # deleted in the working tree
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origin, target / name, follow_symlinks=False)
    _git("init", "-q", cwd=target, env=env)
    _git("add", "-A", cwd=target, env=env)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=target, env=env)
    return target


@dataclass
class Run:
    returncode: int
    output: str
    seconds: float

    def section(self, hook_id: str) -> str:
        """The lines pre-commit printed for one hook: its status line and its output."""
        lines = self.output.splitlines()
        marker = f"- hook id: {hook_id}"
        if marker not in lines:
            return ""
        start = lines.index(marker) - 1  # the "name....Failed" line above
        end = len(lines)
        for index in range(start + 2, len(lines)):
            if lines[index].startswith("- hook id: "):
                end = index - 1
                break
        return "\n".join(lines[start:end])


@dataclass
class HookRuns:
    project: Path
    first: Run
    second: Run
    notice_after_first: bytes
    guide_after_first: bytes
    script_after_first: bytes


@pytest.fixture(scope="module")
def hook_runs(tmp_path_factory: pytest.TempPathFactory) -> HookRuns:
    if not (REPO / ".git").exists():
        pytest.skip("needs a git checkout of seedlint for pre-commit try-repo")
    base = tmp_path_factory.mktemp("precommit")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "VIRTUALENV_OVERRIDE_APP_DATA": str(base / "virtualenv-app-data"),
        "PIP_NO_COMPILE": "1",  # skip byte-compiling the hook environment: half its install time
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GIT_AUTHOR_NAME": "seedlint tests",
        "GIT_AUTHOR_EMAIL": "tests@seedlint.invalid",
        "GIT_COMMITTER_NAME": "seedlint tests",
        "GIT_COMMITTER_EMAIL": "tests@seedlint.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,  # no user hooks, signing or templates
        "NO_COLOR": "1",
    }
    env.pop("PRE_COMMIT_COLOR", None)
    snapshot = _snapshot(REPO, base / "seedlint-snapshot", env)

    project = base / "corpus"
    project.mkdir()
    (project / "notice.txt").write_bytes(NOTICE.encode("utf-8"))
    (project / "guide.md").write_bytes(GUIDE.encode("utf-8"))
    (project / "build.py").write_bytes(SCRIPT.encode("utf-8"))
    _git("init", "-q", cwd=project, env=env)
    _git("add", "notice.txt", "guide.md", "build.py", cwd=project, env=env)
    _git("commit", "-q", "--no-verify", "-m", "damaged documents", cwd=project, env=env)

    def try_repo() -> Run:
        started = time.monotonic()
        completed = subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), "--all-files"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        seconds = time.monotonic() - started
        return Run(completed.returncode, completed.stdout + completed.stderr, seconds)

    first = try_repo()
    after = {name: (project / name).read_bytes() for name in ("notice.txt", "guide.md", "build.py")}
    second = try_repo()
    for label, run in (("first", first), ("second", second)):
        print(
            f"pre-commit try-repo, {label} run: {run.seconds:.1f} s "
            "(installing seedlint into a new hook environment, then both hooks)"
        )
    return HookRuns(
        project, first, second, after["notice.txt"], after["guide.md"], after["build.py"]
    )


def test_the_check_hook_fails_and_prints_the_findings(hook_runs):
    section = hook_runs.first.section("seedlint")
    assert section, hook_runs.first.output
    status = section.splitlines()[0]
    assert status.startswith("seedlint.") and status.endswith("Failed")
    assert "- exit code: 1" in section
    assert "files were modified" not in section  # checking never writes
    for finding in (
        "notice.txt:1:32: WS002",
        "notice.txt:4:147: ENC001",
        "notice.txt:6:191: WS003",
        "guide.md:11:1: WS001",
    ):
        assert finding in section, section
    assert "WS005" in section
    assert hook_runs.first.returncode == 1


def test_the_fix_hook_repairs_the_files_and_fails_the_first_time(hook_runs):
    section = hook_runs.first.section("seedlint-fix")
    assert section, hook_runs.first.output
    assert section.splitlines()[0].endswith("Failed")
    assert "- files were modified by this hook" in section
    assert "0 remaining" in section
    assert hook_runs.notice_after_first == NOTICE_FIXED.encode("utf-8")
    assert hook_runs.guide_after_first == GUIDE_FIXED.encode("utf-8")


def test_the_second_run_passes(hook_runs):
    second = hook_runs.second
    assert second.returncode == 0, second.output
    status_lines = [line for line in second.output.splitlines() if line.startswith("seedlint")]
    assert len(status_lines) == 2 and all(line.endswith("Passed") for line in status_lines)
    assert (hook_runs.project / "notice.txt").read_bytes() == NOTICE_FIXED.encode("utf-8")
    assert (hook_runs.project / "guide.md").read_bytes() == GUIDE_FIXED.encode("utf-8")


def test_files_of_other_formats_are_never_passed_to_the_hooks(hook_runs):
    assert "build.py" not in hook_runs.first.output
    assert hook_runs.script_after_first == SCRIPT.encode("utf-8")


# -- the manifest and the documented commands, without installing anything ----------------------

CI_DOCS = REPO / "docs" / "ci.md"


def test_the_manifest_is_valid_for_pre_commit():
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"seedlint", "seedlint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        assert set(hook["types_or"]) == {"text", "markdown"}
        file_filter = re.compile(hook["files"])
        for taken in ("news/a.txt", "README.md", "notes.markdown", "c.jsonl", "d.ndjson"):
            assert file_filter.search(taken), taken
        for skipped in ("build.py", "config.yaml", "pyproject.toml", "data.json", "a.txt.bak"):
            assert not file_filter.search(skipped), skipped
    assert hooks["seedlint"]["entry"] == "seedlint check"
    assert hooks["seedlint-fix"]["entry"] == "seedlint check --fix --exit-non-zero-on-fix"


def _documented_check_commands() -> list[list[str]]:
    """Every `seedlint check …` in the hooks and in docs/ci.md, shell-split."""
    texts = [CI_DOCS.read_text(encoding="utf-8")]
    texts += [
        hook["entry"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    ]
    commands = []
    for text in texts:
        for line in re.findall(r"seedlint check[^`\n]*", text):
            line = re.sub(r"\$\(.*\)|\$\{\{[^}]*\}\}|\$\w+", "REF", line.split(" #")[0])
            commands.append(shlex.split(line)[2:])
    return commands


def test_every_documented_check_command_uses_options_that_exist():
    from lint.cli import check

    commands = _documented_check_commands()
    assert len(commands) >= 8
    for args in commands:
        check.make_context("check", list(args))  # raises on an unknown option or bad value


def test_the_documented_workflows_are_valid_yaml():
    blocks = re.findall(r"```yaml\n(.*?)```", CI_DOCS.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    parsed = [yaml.safe_load(block) for block in blocks]
    workflow = next(p for p in parsed if isinstance(p, dict) and "jobs" in p)
    steps = workflow["jobs"]["seedlint"]["steps"]
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in steps
    )
    assert any("--output-format github" in step.get("run", "") for step in steps)
    gitlab_job = next(p["seedlint"] for p in parsed if isinstance(p, dict) and "seedlint" in p)
    assert gitlab_job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--output-format gitlab" in command for command in gitlab_job["script"])
