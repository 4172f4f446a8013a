"""The deterministic synthetic corpus `make bench` lints: a folder of files and one JSONL file.

Every document is generated from its own RNG, seeded by (seed, index), so any document can be
rebuilt alone, generation can be split across processes, and the same parameters always give
the same bytes. Defects are injected at the rates in `DEFECT_RATES`; `labels.jsonl` lists each
document's defects (with the rule meant to find them) and the clean traps it carries.

Layout under `benchmarks/.corpus/<docs>-<key>/`, where the key hashes the generator's source
and parameters (a changed generator means a new corpus; an unchanged one is reused):
    docs/shard-NN/<kind>-NNNNN.txt|.md   the documents as files
    corpus.jsonl                         the same documents as records {id, text, date}
    labels.jsonl                         {id, path, kind, bytes, date, defects, traps}
    seedlint.toml                        so the gitignored corpus folder can be checked
    manifest.json                        parameters, totals and defect counts (written last)

Run `python -m benchmarks.corpus [--docs N] [--seed S]` to build it and print its folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks import defects as d
from benchmarks.prose import Draft, build_draft

GENERATOR_VERSION = 1
DEFAULT_DOCS = 20_000
DEFAULT_SEED = 1729
CORPUS_ROOT = Path(__file__).resolve().parent / ".corpus"
MEAN_BYTES = 3000
TRAP_RATE = 0.3

# Probability that a document receives each defect. Some injectors cannot apply to every
# document (a Markdown file gets no broken line; a press release ends with a contact line, not
# prose), so the measured share of a few of them is somewhat below the nominal rate.
DEFECT_RATES: dict[str, float] = {
    "mojibake": 0.03,
    "replacement-character": 0.03,
    "invalid-utf8": 0.005,
    "control-character": 0.02,
    "invisible-character": 0.03,
    "html-entity": 0.03,
    "markup-residue": 0.03,
    "escaped-sequence": 0.02,
    "missing-date": 0.15,
    "invalid-date": 0.01,
    "implausible-date": 0.01,
    "relative-date": 0.12,
    "unattributed-quote": 0.05,
    "anonymous-source": 0.03,
    "unbalanced-quote": 0.02,
    "unmarked-quote": 0.02,
    "truncated-ending": 0.04,
    "elided-ending": 0.03,
    "truncated-start": 0.02,
    "broken-line": 0.03,
    "too-short": 0.03,
    "trailing-blank-lines": 0.04,
    "trailing-whitespace": 0.05,
    "missing-final-newline": 0.05,
    "leading-whitespace": 0.02,
    "crlf-line-endings": 0.04,
    "mixed-line-endings": 0.01,
    "boilerplate-line": 0.05,
    "embed-residue": 0.03,
    "duplicate-line": 0.03,
    "duplicate-document": 0.01,
    "near-duplicate-document": 0.01,
}
# Defects of which a document gets at most one (the first drawn, in this order).
EXCLUSIVE = (
    ("missing-date", "invalid-date", "implausible-date"),
    ("truncated-ending", "elided-ending"),
    ("trailing-blank-lines", "missing-final-newline"),
    ("crlf-line-endings", "mixed-line-endings"),
    ("duplicate-document", "near-duplicate-document"),
)
_INVALID_UTF8_WORD = "fiancée"


@dataclass(frozen=True)
class SyntheticDocument:
    index: int
    id: str
    path: str  # relative to the corpus's docs/ folder
    kind: str
    text: str  # what the document says (for an invalid-UTF-8 file: the text it was meant to say)
    data: bytes  # the file's bytes
    date: str | None  # the record's date field
    defects: tuple[str, ...]
    traps: tuple[str, ...]

    def record(self) -> dict[str, str | None]:
        return {"id": self.id, "text": self.text, "date": self.date}

    def label(self) -> dict[str, object]:
        return {
            "id": self.id,
            "path": self.path,
            "kind": self.kind,
            "bytes": len(self.data),
            "date": self.date,
            "defects": {name: d.DEFECT_CODES[name] for name in self.defects},
            "traps": list(self.traps),
        }


def _draw_defects(rng: random.Random) -> set[str]:
    drawn = {name for name, rate in DEFECT_RATES.items() if rng.random() < rate}
    for group in EXCLUSIVE:
        present = [name for name in group if name in drawn]
        drawn.difference_update(present[1:])
    return drawn


def _target_bytes(rng: random.Random) -> int:
    # Log-normal around MEAN_BYTES: mostly 1.5-6 KB, a few long features.
    sigma = 0.45
    size = rng.lognormvariate(math.log(MEAN_BYTES) - sigma * sigma / 2, sigma)
    return int(min(16_000, max(900, size)))


def _stated_date(rng: random.Random, drawn: set[str]) -> str | None:
    """The impossible or implausible date a document states, if it was drawn one."""
    if "invalid-date" in drawn:
        return rng.choice(("2023-02-30", "2021-13-04", "2019-04-31", "2022-00-12"))
    if "implausible-date" in drawn:
        return rng.choice(("2091-05-01", "2187-11-20", "1803-03-14"))
    return None


def _apply(applied: list[str], name: str, done: bool) -> None:
    if done:
        applied.append(name)


def _draft(
    rng: random.Random, drawn: set[str], stated: str | None
) -> tuple[Draft, list[str], list[str]]:
    """A draft with the drawn block-level defects applied, the defects applied, the traps."""
    dated = "missing-date" not in drawn
    draft, writer = build_draft(rng, _target_bytes(rng), dated, stated)
    applied: list[str] = [name for name in ("invalid-date", "implausible-date") if name in drawn]
    if "too-short" in drawn:
        _apply(applied, "too-short", d.too_short(draft, rng, writer))
    if "truncated-start" in drawn and d.truncated_start(draft, rng):
        applied.append("truncated-start")
    for name, inject in (
        ("unattributed-quote", d.unattributed_quote),
        ("anonymous-source", d.anonymous_source),
        ("unbalanced-quote", d.unbalanced_quote),
        ("unmarked-quote", d.unmarked_quote),
        ("embed-residue", d.embed_residue),
    ):
        if name in drawn:
            _apply(applied, name, inject(draft, rng, writer))
    for name, inject in (
        ("mojibake", d.mojibake),
        ("replacement-character", d.replacement_character),
        ("control-character", d.control_character),
        ("invisible-character", d.invisible_character),
        ("html-entity", d.html_entity),
        ("markup-residue", d.markup_residue),
        ("escaped-sequence", d.escaped_sequence),
        ("broken-line", d.broken_line),
        ("leading-whitespace", d.leading_whitespace),
    ):
        if name in drawn:
            _apply(applied, name, inject(draft, rng))
    if draft.date_style == "none":
        applied.append("missing-date")
    if "relative-date" in drawn and d.relative_date(draft, rng):
        anchored = draft.date_style != "none"
        applied.append("relative-date" if anchored else "unanchored-relative-date")
    traps = d.clean_traps(draft, rng, writer) if rng.random() < TRAP_RATE else []
    if "invalid-utf8" in drawn:
        indexes = draft.plain_prose_indexes()
        if indexes:
            block = draft.blocks[rng.choice(indexes)]
            block.text += f" The {_INVALID_UTF8_WORD} wore blue."
    # Last, so that no later edit breaks the copy or the ending.
    if "duplicate-line" in drawn:
        _apply(applied, "duplicate-line", d.duplicate_line(draft, rng))
    for name, ending in (
        ("truncated-ending", d.truncated_ending),
        ("elided-ending", d.elided_ending),
    ):
        if name in drawn:
            _apply(applied, name, ending(draft, rng, writer))
    if "boilerplate-line" in drawn:
        at_end = not {"truncated-ending", "elided-ending"} & drawn
        _apply(applied, "boilerplate-line", d.boilerplate_line(draft, rng, at_end))
    return draft, applied, traps


_WS_SUFFIXES = {".txt": (" ", "  ", "\t", " \t", "   "), ".md": (" ", "\t")}


def _render(draft: Draft, rng: random.Random, drawn: set[str], applied: list[str]) -> str:
    text = "\n\n".join(block.text for block in draft.blocks) + "\n"
    if "trailing-whitespace" in drawn:
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if line.strip() and line != "---"]
        for i in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
            lines[i] += rng.choice(_WS_SUFFIXES[draft.suffix])
        text = "\n".join(lines)
        applied.append("trailing-whitespace")
    if "missing-final-newline" in drawn:
        text = text.rstrip("\n")
        applied.append("missing-final-newline")
    elif "trailing-blank-lines" in drawn:
        text += rng.choice(("\n", "\n\n", "\n\n\n"))
        applied.append("trailing-blank-lines")
    if "crlf-line-endings" in drawn:
        text = text.replace("\n", "\r\n")
        applied.append("crlf-line-endings")
    elif "mixed-line-endings" in drawn:
        middle = text.find("\n", len(text) // 2)
        if middle > 0:
            text = text[:middle].replace("\n", "\r\n") + text[middle:]
            applied.append("mixed-line-endings")
    return text


def _encode(text: str, drawn: set[str], applied: list[str]) -> bytes:
    data = text.encode("utf-8")
    if "invalid-utf8" in drawn:
        word = _INVALID_UTF8_WORD.encode("utf-8")
        if word in data:  # one word saved by a Windows-1252 editor into a UTF-8 file
            data = data.replace(word, _INVALID_UTF8_WORD.encode("cp1252"), 1)
            applied.append("invalid-utf8")
    return data


_NEAR_WORDS = ("local", "regional", "revised", "updated", "smaller", "earlier")


def _near_copy(text: str, rng: random.Random) -> str:
    """`text` with a few words changed: a near duplicate (Jaccard well above 0.8)."""
    words = text.split(" ")
    candidates = [i for i, word in enumerate(words) if word.isalpha() and word.islower()]
    for i in rng.sample(candidates, max(1, min(len(candidates), len(words) // 60))):
        words[i] = rng.choice([word for word in _NEAR_WORDS if word != words[i]])
    return " ".join(words)


def make_document(index: int, seed: int = DEFAULT_SEED) -> SyntheticDocument:
    """Document `index` of the corpus with this seed: the same arguments, the same document."""
    rng = random.Random(f"seedlint-bench:{seed}:{index}")
    drawn = _draw_defects(rng)
    copy_kind = next(
        (n for n in ("duplicate-document", "near-duplicate-document") if n in drawn), None
    )
    if copy_kind and index > 0:
        source = make_document(rng.randrange(index), seed)
        text = source.text if copy_kind == "duplicate-document" else _near_copy(source.text, rng)
        data = source.data if copy_kind == "duplicate-document" else text.encode("utf-8")
        if copy_kind != "duplicate-document" and "invalid-utf8" in source.defects:
            data = text.encode("utf-8")
        inherited = set(source.defects) - {"duplicate-document", "near-duplicate-document"}
        if data != source.data:
            inherited.discard("invalid-utf8")
        defects = tuple(sorted(inherited))
        suffix = Path(source.path).suffix
        return SyntheticDocument(
            index=index,
            id=f"doc-{index:06d}",
            path=f"shard-{index // 1000:02d}/{source.kind}-{index:06d}{suffix}",
            kind=source.kind,
            text=text,
            data=data,
            date=source.date,
            defects=(*defects, copy_kind),
            traps=source.traps,
        )
    drawn.discard("duplicate-document")
    drawn.discard("near-duplicate-document")
    stated = _stated_date(rng, drawn)
    draft, applied, traps = _draft(rng, drawn, stated)
    text = _render(draft, rng, drawn, applied)
    data = _encode(text, drawn, applied)
    if "missing-date" in applied:
        record_date = draft.published.isoformat() if rng.random() < 0.5 else None
    else:
        record_date = stated or draft.published.isoformat()
    return SyntheticDocument(
        index=index,
        id=f"doc-{index:06d}",
        path=f"shard-{index // 1000:02d}/{draft.kind}-{index:06d}{draft.suffix}",
        kind=draft.kind,
        text=text,
        data=data,
        date=record_date,
        defects=tuple(sorted(applied)),
        traps=tuple(traps),
    )


def generate(count: int, seed: int = DEFAULT_SEED, start: int = 0) -> Iterator[SyntheticDocument]:
    for index in range(start, count):
        yield make_document(index, seed)


# -- on disk, cached -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    root: Path
    documents: int
    bytes: int
    jsonl_bytes: int

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def jsonl(self) -> Path:
        return self.root / "corpus.jsonl"

    @property
    def labels(self) -> Path:
        return self.root / "labels.jsonl"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"


def corpus_key(count: int, seed: int) -> str:
    """Changes whenever the parameters or any generator source file change."""
    digest = hashlib.sha256()
    params = {"version": GENERATOR_VERSION, "docs": count, "seed": seed, "rates": DEFECT_RATES}
    digest.update(json.dumps(params, sort_keys=True).encode())
    here = Path(__file__).resolve().parent
    for name in ("corpus.py", "prose.py", "defects.py", "vocabulary.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def _write_range(folder: str, seed: int, start: int, stop: int) -> tuple[list[str], list[str]]:
    """Write documents start..stop as files; return their JSONL record and label lines."""
    records, labels = [], []
    docs = Path(folder)
    made: set[str] = set()
    for index in range(start, stop):
        doc = make_document(index, seed)
        shard = doc.path.split("/")[0]
        if shard not in made:
            (docs / shard).mkdir(parents=True, exist_ok=True)
            made.add(shard)
        (docs / doc.path).write_bytes(doc.data)
        records.append(json.dumps(doc.record(), ensure_ascii=False))
        labels.append(json.dumps(doc.label(), ensure_ascii=False))
    return records, labels


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def build_corpus(
    count: int = DEFAULT_DOCS,
    seed: int = DEFAULT_SEED,
    root: Path = CORPUS_ROOT,
    workers: int | None = None,
) -> Corpus:
    """The corpus for these parameters, generated unless an identical one is already on disk."""
    key = corpus_key(count, seed)
    target = root / f"{count}-{seed}-{key}"
    manifest_path = target / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        return Corpus(target, manifest["documents"], manifest["bytes"], manifest["jsonl_bytes"])
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob(f"{count}-{seed}-*"):  # older generator versions of this corpus
        shutil.rmtree(stale, ignore_errors=True)
    building = root / f".building-{key}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    (building / "docs").mkdir(parents=True)
    workers = max(1, min(workers or _default_workers(), count // 500 or 1))
    step = math.ceil(count / (workers * 4)) if workers > 1 else count
    ranges = [(i, min(count, i + step)) for i in range(0, count, step)]
    folder = str(building / "docs")
    if workers == 1:
        parts = [_write_range(folder, seed, a, b) for a, b in ranges]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_write_range, folder, seed, a, b) for a, b in ranges]
            parts = [future.result() for future in futures]
    records = [line for part in parts for line in part[0]]
    labels = [line for part in parts for line in part[1]]
    jsonl = "\n".join(records) + "\n"
    (building / "corpus.jsonl").write_text(jsonl, encoding="utf-8")
    (building / "labels.jsonl").write_text("\n".join(labels) + "\n", encoding="utf-8")
    # The corpus lives in a gitignored folder; without this the directory walk would skip it.
    (building / "seedlint.toml").write_text(
        "# Written by benchmarks/corpus.py: check these files although .gitignore lists them.\n"
        "respect-gitignore = false\n",
        encoding="utf-8",
    )
    counts: Counter[str] = Counter()
    total = 0
    for line in labels:
        label = json.loads(line)
        counts.update(label["defects"].keys())
        total += label["bytes"]
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "key": key,
        "seed": seed,
        "documents": count,
        "bytes": total,
        "jsonl_bytes": len(jsonl.encode("utf-8")),
        "defect_rates": DEFECT_RATES,
        "defect_counts": dict(sorted(counts.items())),
    }
    (building / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    try:
        building.rename(target)
    except OSError:  # another run finished the same corpus first
        shutil.rmtree(building, ignore_errors=True)
    return Corpus(target, count, total, manifest["jsonl_bytes"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the benchmark corpus (cached).")
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    corpus = build_corpus(args.docs, args.seed)
    print(f"{corpus.root} ({corpus.documents} documents, {corpus.bytes / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
