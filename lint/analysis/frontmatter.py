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


@dataclass(frozen=True)
class FrontMatter:
    """`data` is the parsed mapping, empty when `error` says why it could not be parsed."""

    format: str  # "yaml" or "toml"
    start: int
    end: int  # offset just after the closing fence line
    body_start: int
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def parse_front_matter(text: str) -> FrontMatter | None:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    fmt = "yaml" if match["fence"] == "---" else "toml"
    body = match["body"]
    data: Any
    try:
        data = yaml.safe_load(body) if fmt == "yaml" else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        return FrontMatter(fmt, 0, match.end(), match.start("body"), {}, message)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(fmt, 0, match.end(), match.start("body"), {}, "not a mapping")
    return FrontMatter(fmt, 0, match.end(), match.start("body"), data)
