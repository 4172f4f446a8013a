"""The floor every seedlint figure is compared with: read, decode and split lines, one core.

    python -m benchmarks.baseline DOCS_DIR            read + decode_bytes + str.splitlines
    python -m benchmarks.baseline --lines DOCS_DIR    ... + the engine's Document.lines index
    python -m benchmarks.baseline --jsonl FILE        read records + json.loads + splitlines

Prints one line of totals so the harness can check it saw the whole corpus.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from pathlib import Path

from lint.decode import decode_bytes
from lint.document import Document

SUFFIXES = (".txt", ".md")


def corpus_files(root: Path) -> Iterator[Path]:
    """The .txt and .md files under `root`, in the sorted order seedlint walks them."""
    for folder, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(SUFFIXES):
                yield Path(folder, name)


def read_files(root: Path, engine_lines: bool) -> tuple[int, int, int]:
    documents = size = lines = 0
    for path in corpus_files(root):
        data = path.read_bytes()
        decoded = decode_bytes(data)
        documents += 1
        size += len(data)
        if decoded.text is None:
            continue
        if engine_lines:
            lines += len(Document(str(path), decoded.text, decode=decoded.info).lines)
        else:
            lines += len(decoded.text.splitlines())
    return documents, size, lines


def read_jsonl(path: Path) -> tuple[int, int, int]:
    documents = size = lines = 0
    with path.open("rb") as records:
        for raw in records:
            size += len(raw)
            text = json.loads(raw).get("text")
            documents += 1
            if isinstance(text, str):
                lines += len(text.splitlines())
    return documents, size, lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--lines", action="store_true", help="Build Document.lines as well.")
    mode.add_argument("--jsonl", action="store_true", help="PATH is a JSONL file of records.")
    args = parser.parse_args(argv)
    if args.jsonl:
        documents, size, lines = read_jsonl(args.path)
    else:
        documents, size, lines = read_files(args.path, args.lines)
    print(f"documents={documents} bytes={size} lines={lines}")


if __name__ == "__main__":
    main()
