"""Run datatrove's C4, Gopher and FineWeb quality filters over a JSONL corpus, on one process.

    python datatrove_driver.py CORPUS.jsonl [--logging-dir DIR]

Run with the throwaway venv's python (`benchmarks.comparisons.venvs` builds it): datatrove and
what its English tokenizer needs are installed there, seedlint is not. The pipeline is the one
a datatrove user writes: `JsonlReader` -> `C4QualityFilter` -> `GopherQualityFilter` ->
`FineWebQualityFilter`, run by `LocalPipelineExecutor(tasks=1, workers=1)`, which runs the
task in this process. Each filter sees only the documents the filters before it kept (C4
also rewrites the text it keeps, dropping lines), as in a real pipeline.

Prints one JSON object: documents read, and per filter the documents seen, kept and dropped
and the drop reasons.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="A JSONL file of {id, text} records.")
    parser.add_argument("--logging-dir", type=Path, help="datatrove's logs (default: a temp dir).")
    args = parser.parse_args(argv)

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
    )
    from datatrove.pipeline.readers import JsonlReader

    corpus = args.corpus.resolve()
    with tempfile.TemporaryDirectory(prefix="datatrove-bench-") as scratch:
        logging_dir = args.logging_dir or Path(scratch) / "logs"
        reader = JsonlReader(
            str(corpus.parent),
            glob_pattern=corpus.name,
            text_key="text",
            id_key="id",
            compression=None,
        )
        filters = [C4QualityFilter(), GopherQualityFilter(), FineWebQualityFilter()]
        executor = LocalPipelineExecutor(
            pipeline=[reader, *filters],
            tasks=1,
            workers=1,
            logging_dir=str(logging_dir),
            skip_completed=False,
        )
        stats = executor.run()
    read, *filtered = stats.stats  # one Stats per pipeline step, in pipeline order
    summary: dict[str, object] = {"documents": _count(read, "documents"), "filters": []}
    for step, counts in zip(filters, filtered, strict=True):
        reasons = {
            key.removeprefix("dropped_"): _count(counts, key)
            for key in sorted(counts.stats)
            if key.startswith("dropped_")
        }
        summary["filters"].append(  # type: ignore[union-attr]
            {
                "filter": type(step).__name__,
                "seen": _count(counts, "total"),
                "kept": _count(counts, "forwarded"),
                "dropped": _count(counts, "dropped"),
                "reasons": reasons,
            }
        )
    sys.stdout.write(json.dumps(summary) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: nothing is left to write


def _count(stats: object, key: str) -> int:
    metrics = stats.stats  # type: ignore[attr-defined]
    return int(metrics[key].total) if key in metrics else 0


if __name__ == "__main__":
    main()
