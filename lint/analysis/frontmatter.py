"""YAML (`---`) or TOML (`+++`) front matter at the very top of a Markdown or text file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)^(?P=fence)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL | re.MULTILINE,
)
# libyaml's loader, when PyYAML was built with it, parses the same safe subset ~10x faster,
# but it overflows the C stack (a crash, not an exception) on a few thousand nesting levels.
# Each level needs a bracket, a dash, a "?" or a new line, so a body with few of those cannot
# nest deeply; any other body goes to the pure-Python loader, which raises RecursionError.
_FAST_YAML_LOADER = getattr(yaml, "CSafeLoader", None)
_FAST_YAML_MAX_NESTING = 200


@dataclass(frozen=True)
class FrontMatter:
    """`data` is the parsed mapping, empty when `error` says why it could not be parsed."""

    format: str  # "yaml" or "toml"
    start: int
    end: int  # offset just after the closing fence line
    body_start: int
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def _most_nesting(body: str) -> int:
    return sum(body.count(mark) for mark in "[{-?\n")


def _load_yaml(body: str) -> Any:
    if _FAST_YAML_LOADER is not None and _most_nesting(body) <= _FAST_YAML_MAX_NESTING:
        return yaml.load(body, Loader=_FAST_YAML_LOADER)
    return yaml.safe_load(body)


def parse_front_matter(text: str) -> FrontMatter | None:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    fmt = "yaml" if match["fence"] == "---" else "toml"
    body = match["body"]
    data: Any
    try:
        data = _load_yaml(body) if fmt == "yaml" else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        return FrontMatter(fmt, 0, match.end(), match.start("body"), {}, message)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(fmt, 0, match.end(), match.start("body"), {}, "not a mapping")
    return FrontMatter(fmt, 0, match.end(), match.start("body"), data)
