"""Which files a run checks: paths named, directories walked with include/exclude/.gitignore."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path

import pathspec

from lint.config import ConfigResolver, Settings


def _matches_any(relative: str, name: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if "/" in pattern:
            if fnmatch.fnmatch(relative, pattern):
                return True
        elif fnmatch.fnmatch(name, pattern):
            return True
    return False


class _GitIgnores:
    """The .gitignore files that apply below a walk, each relative to its own folder."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.PathSpec | None] = {}

    def _spec(self, folder: Path) -> pathspec.PathSpec | None:
        if folder not in self._specs:
            spec = None
            ignore_file = folder / ".gitignore"
            if ignore_file.is_file():
                try:
                    lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                    spec = pathspec.GitIgnoreSpec.from_lines(lines)
                except (OSError, ValueError):
                    spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for folder in path.parents:
            spec = self._spec(folder)
            if spec is not None:
                relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
            if (folder / ".git").exists():
                break
        return False


def _selected(settings: Settings, root: Path, path: Path, is_dir: bool) -> bool:
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.name
    excluded = [*settings.exclude, *settings.extend_exclude]
    if _matches_any(relative, path.name, excluded):
        return False
    if is_dir:
        return True
    return _matches_any(relative, path.name, [*settings.include, *settings.extend_include])


def collect_files(paths: list[Path], resolver: ConfigResolver) -> Iterator[Path]:
    """Files to check, in a deterministic order; files named explicitly are always checked."""
    gitignores = _GitIgnores()
    seen: set[Path] = set()
    for given in paths:
        if not given.is_dir():
            absolute = given.absolute()
            if absolute not in seen:
                seen.add(absolute)
                yield given
            continue
        for folder, dirnames, filenames in os.walk(given, followlinks=False):
            folder_path = Path(folder)
            config = resolver.for_path(folder_path)
            settings, root = config.settings, config.root
            keep = []
            for name in sorted(dirnames):
                child = folder_path / name
                if not _selected(settings, root.resolve(), child.resolve(), True):
                    continue
                if settings.respect_gitignore and gitignores.ignored(child.absolute(), True):
                    continue
                keep.append(name)
            dirnames[:] = keep
            for name in sorted(filenames):
                child = folder_path / name
                if not _selected(settings, root.resolve(), child.resolve(), False):
                    continue
                if settings.respect_gitignore and gitignores.ignored(child.absolute(), False):
                    continue
                absolute = child.absolute()
                if absolute not in seen:
                    seen.add(absolute)
                    yield child


class GitError(Exception):
    """`--changed-since` could not ask git what changed."""


def changed_files(ref: str, cwd: Path) -> frozenset[Path]:
    """Absolute paths of files changed since `ref` (committed, staged or not) and untracked
    files git does not ignore, for `--changed-since`."""
    import subprocess

    def git(*args: str) -> list[str]:
        try:
            done = subprocess.run(
                ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise GitError(f"--changed-since: cannot run git: {error}") from error
        if done.returncode != 0:
            detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
            raise GitError(f"--changed-since {ref}: git {args[0]} failed: {detail}")
        return [line for line in done.stdout.split("\0") if line]

    top = Path(git("rev-parse", "--show-toplevel")[0].strip())
    names = git("diff", "--name-only", "-z", "--diff-filter=d", ref, "--")
    names += git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/")
    return frozenset((top / name).absolute() for name in names)
