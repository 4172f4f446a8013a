"""A JSONL corpus of a given size (2 GB by default) for the memory row of `make bench`.

The records are the benchmark corpus's own documents (`benchmarks.corpus.make_document`),
indexes 0, 1, 2, … until the file reaches the size asked for: every document is generated
from its own seed, so they are as varied as the 20,000-document corpus (about 1% exact and 1%
near copies of earlier documents, which DUP002 should report, and no more). The same size and
seed always give the same bytes; the file is cached under `benchmarks/.corpus/` like the
corpus, keyed by the generator's sources.

    python -m benchmarks.big_corpus [--gb 2] [--seed S]     build (or reuse) it, print its path

Generation runs on every core in chunks, written in order as they arrive, so memory stays at
a few chunks whatever the size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import CORPUS_ROOT, DEFAULT_SEED, corpus_key, make_document

CHUNK_DOCUMENTS = 2_000  # about 6.5 MB of JSONL per chunk
CONFIG = (
    "# Written by benchmarks/big_corpus.py: check these files although .gitignore lists them.\n"
    "respect-gitignore = false\n"
)


@dataclass(frozen=True)
class BigCorpus:
    root: Path
    documents: int
    jsonl_bytes: int

    @property
    def jsonl(self) -> Path:
        return self.root / "corpus.jsonl"


def gigabytes_to_bytes(gb: float) -> int:
    return int(gb * 1_000_000_000)


def _chunk(seed: int, start: int, stop: int) -> list[bytes]:
    """Records start..stop-1, one encoded JSONL line each (the same lines as corpus.jsonl)."""
    return [
        (json.dumps(make_document(index, seed).record(), ensure_ascii=False) + "\n").encode()
        for index in range(start, stop)
    ]


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def big_key(target_bytes: int, seed: int) -> str:
    """Changes with the size, the seed or any generator source (through `corpus_key`)."""
    spec = json.dumps({"bytes": target_bytes, "seed": seed, "generator": corpus_key(0, seed)})
    return hashlib.sha256(spec.encode()).hexdigest()[:16]


def build_big_corpus(
    target_bytes: int,
    seed: int = DEFAULT_SEED,
    root: Path = CORPUS_ROOT,
    workers: int | None = None,
    progress: bool = True,
) -> BigCorpus:
    """The first documents of the corpus with this seed whose JSONL reaches `target_bytes`,
    generated unless an identical file is already on disk."""
    key = big_key(target_bytes, seed)
    target = root / f"big-{target_bytes}-{seed}-{key}"
    manifest_path = target / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        return BigCorpus(target, manifest["documents"], manifest["jsonl_bytes"])
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob(f"big-{target_bytes}-{seed}-*"):  # older generator versions
        shutil.rmtree(stale, ignore_errors=True)
    building = root / f".building-big-{key}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    workers = max(1, workers or _workers())
    documents = written = 0
    started = time.perf_counter()
    reported = 0
    with (
        (building / "corpus.jsonl").open("wb") as out,
        ProcessPoolExecutor(max_workers=workers) as pool,
    ):
        pending: list[Future[list[bytes]]] = []
        next_start = 0
        while written < target_bytes:
            while len(pending) < 2 * workers:  # a bounded window of chunks in flight
                stop = next_start + CHUNK_DOCUMENTS
                pending.append(pool.submit(_chunk, seed, next_start, stop))
                next_start = stop
            for line in pending.pop(0).result():
                out.write(line)
                written += len(line)
                documents += 1
                if written >= target_bytes:
                    break
            if progress and written - reported >= 200_000_000:
                reported = written
                elapsed = time.perf_counter() - started
                print(
                    f"    big corpus: {written / 1e9:.1f} of {target_bytes / 1e9:.1f} GB,"
                    f" {documents:,} documents, {elapsed:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
        for future in pending:
            future.cancel()
    (building / "seedlint.toml").write_text(CONFIG, encoding="utf-8")
    manifest = {
        "key": key,
        "seed": seed,
        "target_bytes": target_bytes,
        "documents": documents,
        "jsonl_bytes": written,
        "seconds_to_build": round(time.perf_counter() - started, 1),
    }
    (building / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    try:
        building.rename(target)
    except OSError:  # another run finished the same file first
        shutil.rmtree(building, ignore_errors=True)
    return BigCorpus(target, documents, written)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=2.0, help="Size in GB (10^9 bytes).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    big = build_big_corpus(gigabytes_to_bytes(args.gb), args.seed)
    print(f"{big.jsonl} ({big.documents:,} documents, {big.jsonl_bytes / 1e9:.2f} GB)")


if __name__ == "__main__":
    main()
