"""Which files a run checks: paths named, directories walked with include/exclude/.gitignore."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pathspec

from lint.config import ConfigResolver


@functools.cache
def _globs(patterns: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """One compiled regex for the patterns matched against a name, one for relative paths."""

    def compiled(group: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(fnmatch.translate(p) for p in group)) if group else None

    return (
        compiled([p for p in patterns if "/" not in p]),
        compiled([p for p in patterns if "/" in p]),
    )


def _matches_any(relative: str, name: str, patterns: list[str]) -> bool:
    by_name, by_path = _globs(tuple(patterns))
    return bool(
        (by_name is not None and by_name.match(name))
        or (by_path is not None and by_path.match(relative))
    )


class _GitIgnores:
    """The .gitignore files that apply in each folder, found once per folder.

    A folder's chain is its parent's chain plus its own .gitignore, and stops at the folder
    holding `.git` (the repository's top).
    """

    def __init__(self) -> None:
        self._chains: dict[str, list[tuple[str, pathspec.PathSpec]]] = {}

    @staticmethod
    def _spec(folder: str) -> pathspec.PathSpec | None:
        try:
            with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as f:
                return pathspec.GitIgnoreSpec.from_lines(f.read().splitlines())
        except (OSError, ValueError):
            return None

    def chain(self, folder: str) -> list[tuple[str, pathspec.PathSpec]]:
        if folder not in self._chains:
            parent = os.path.dirname(folder)
            is_top = os.path.exists(os.path.join(folder, ".git")) or parent == folder
            inherited = [] if is_top else self.chain(parent)
            spec = self._spec(folder)
            self._chains[folder] = [*inherited, (folder, spec)] if spec else inherited
        return self._chains[folder]

    def ignored(self, folder: str, name: str, is_dir: bool) -> bool:
        path = os.path.join(folder, name)
        for base, spec in self.chain(folder):
            relative = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
            if spec.match_file(relative):
                return True
        return False


def _relative_prefix(folder: str, root: str) -> str:
    relative = os.path.relpath(folder, root).replace(os.sep, "/")
    if relative == ".":
        return ""
    return "" if relative.startswith("..") else relative + "/"


def collect_files(paths: list[Path], resolver: ConfigResolver) -> Iterator[Path]:
    """Files to check, in a deterministic order; files named explicitly are always checked."""
    gitignores = _GitIgnores()
    seen: set[str] = set()
    for given in paths:
        if not given.is_dir():
            absolute = os.path.abspath(given)
            if absolute not in seen:
                seen.add(absolute)
                yield given
            continue
        for folder, dirnames, filenames in os.walk(given, followlinks=False):
            folder_abs = os.path.abspath(folder)
            config = resolver.for_path(Path(folder))
            settings = config.settings
            prefix = _relative_prefix(folder_abs, os.path.abspath(config.root))
            excluded = [*settings.exclude, *settings.extend_exclude]
            included = [*settings.include, *settings.extend_include]
            gitignore = settings.respect_gitignore
            keep = []
            for name in sorted(dirnames):
                if _matches_any(prefix + name, name, excluded):
                    continue
                if gitignore and gitignores.ignored(folder_abs, name, True):
                    continue
                keep.append(name)
            dirnames[:] = keep
            for name in sorted(filenames):
                relative = prefix + name
                if _matches_any(relative, name, excluded) or not _matches_any(
                    relative, name, included
                ):
                    continue
                if gitignore and gitignores.ignored(folder_abs, name, False):
                    continue
                absolute = os.path.join(folder_abs, name)
                if absolute not in seen:
                    seen.add(absolute)
                    yield Path(folder) / name


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
