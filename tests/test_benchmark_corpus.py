"""The benchmark corpus generator: deterministic, the size asked for, defects where labelled.

Each defect's label is checked against the text itself: a labelled document shows the defect,
and (for the defects a pattern can see) an unlabelled one does not, so the rates are known.
No timings here: speed is measured by `make bench`.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import vocabulary as v
from benchmarks.corpus import DEFECT_RATES, SyntheticDocument, build_corpus, generate
from benchmarks.defects import DEFECT_CODES

SAMPLE = 3000


@pytest.fixture(scope="module")
def sample() -> list[SyntheticDocument]:
    return list(generate(SAMPLE, seed=7))


def _lines(doc: SyntheticDocument) -> list[str]:
    return [line.removesuffix("\r") for line in doc.text.split("\n")]


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_INVISIBLE = re.compile("[" + "".join(v.INVISIBLE_CHARACTERS) + "]")
_ENTITY = re.compile(r"&(#\d+|[a-z]+);")
_TAG = re.compile(r"</?[a-z]+(\s[^<>]*)?/?>")
_ESCAPE = re.compile(r'\\(u[0-9a-f]{4}|x[0-9a-f]{2}|[ntr"])')
_MOJIBAKE = re.compile("Ã|â€|Â")
_RELATIVE = re.compile(
    r"\b(yesterday|last week|earlier this month|last year|Tuesday|this week|two days ago|"
    r"next month)\b"
)


def _has_code(doc: SyntheticDocument) -> bool:
    return "markup-in-code" in doc.traps


# defect -> (shows in this document?, whether an unlabelled document must not show it)
PRESENCE: dict[str, tuple[Callable[[SyntheticDocument], bool], bool]] = {
    "replacement-character": (lambda doc: "\ufffd" in doc.text, True),
    "invalid-utf8": (lambda doc: not _decodes(doc.data), True),
    "mojibake": (lambda doc: bool(_MOJIBAKE.search(doc.text)), True),
    "control-character": (lambda doc: bool(_CONTROL.search(doc.text)), False),
    "invisible-character": (lambda doc: bool(_INVISIBLE.search(doc.text)), True),
    "html-entity": (lambda doc: bool(_ENTITY.search(doc.text)), True),
    "markup-residue": (lambda doc: bool(_TAG.search(doc.text)), False),
    "escaped-sequence": (lambda doc: bool(_ESCAPE.search(doc.text)), False),
    "crlf-line-endings": (lambda doc: doc.text.count("\r\n") == doc.text.count("\n"), False),
    "mixed-line-endings": (
        lambda doc: 0 < doc.text.count("\r\n") < doc.text.count("\n"),
        True,
    ),
    "missing-final-newline": (lambda doc: not doc.text.endswith("\n"), True),
    "trailing-blank-lines": (lambda doc: bool(re.search(r"\n(\r?\n)+$", doc.text)), True),
    "trailing-whitespace": (
        lambda doc: any(line != line.rstrip(" \t") for line in _lines(doc)),
        True,
    ),
    "leading-whitespace": (lambda doc: any(line[:1] in (" ", "\t") for line in _lines(doc)), True),
    "boilerplate-line": (
        lambda doc: any(line.strip() in v.BOILERPLATE_LINES for line in _lines(doc)),
        True,
    ),
    "embed-residue": (
        lambda doc: any(
            marker in doc.text
            for marker in ("pic.twitter.com/", "https://t.co/", "View this post on", "(@")
        ),
        True,
    ),
    "elided-ending": (
        lambda doc: doc.text.rstrip().endswith(tuple(v.READ_MORE_ENDINGS)),
        False,
    ),
    "truncated-ending": (lambda doc: doc.text.rstrip()[-1:].isalnum(), False),
    "too-short": (lambda doc: len(doc.text.split()) < 120, False),
}


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_same_seed_gives_identical_documents() -> None:
    first = [(doc.path, doc.data, doc.date, doc.defects) for doc in generate(200, seed=3)]
    second = [(doc.path, doc.data, doc.date, doc.defects) for doc in generate(200, seed=3)]
    assert first == second


def test_another_seed_gives_other_documents() -> None:
    first = [doc.data for doc in generate(50, seed=3)]
    other = [doc.data for doc in generate(50, seed=4)]
    assert sum(a == b for a, b in zip(first, other, strict=True)) == 0


def test_documents_average_about_three_kilobytes(sample: list[SyntheticDocument]) -> None:
    sizes = [len(doc.data) for doc in sample]
    assert 2500 <= sum(sizes) / len(sizes) <= 3500
    assert min(sizes) < 1000 < 6000 < max(sizes)  # short ones and long features too


def test_documents_are_not_repetitive(sample: list[SyntheticDocument]) -> None:
    originals = [
        doc
        for doc in sample
        if not {"duplicate-document", "near-duplicate-document"} & set(doc.defects)
    ]
    assert len({doc.text for doc in originals}) == len(originals)
    sentences = Counter(
        sentence for doc in originals[:500] for sentence in re.split(r"(?<=[.?!])\s+", doc.text)
    )
    repeated = sum(count for count in sentences.values() if count > 1)
    assert repeated / sum(sentences.values()) < 0.2


def test_every_kind_and_both_file_types_appear(sample: list[SyntheticDocument]) -> None:
    kinds = Counter(doc.kind for doc in sample)
    assert set(kinds) == {"news", "blog", "forum", "press", "docs"}
    assert {Path(doc.path).suffix for doc in sample} == {".txt", ".md"}


@pytest.mark.parametrize("defect", sorted(DEFECT_RATES))
def test_each_defect_appears_at_about_its_rate(
    sample: list[SyntheticDocument], defect: str
) -> None:
    observed = sum(defect in doc.defects for doc in sample) / len(sample)
    rate = DEFECT_RATES[defect]
    noise = 4 * math.sqrt(rate * (1 - rate) / len(sample))
    # Some injectors cannot apply everywhere (no broken lines in Markdown), hence the 0.5.
    assert 0.5 * rate - noise <= observed <= 1.3 * rate + noise, (defect, observed)


@pytest.mark.parametrize("defect", sorted(PRESENCE))
def test_labelled_defects_are_in_the_text(sample: list[SyntheticDocument], defect: str) -> None:
    shows, exclusive = PRESENCE[defect]
    labelled = [doc for doc in sample if defect in doc.defects]
    assert labelled
    assert [doc.id for doc in labelled if not shows(doc)] == []
    if exclusive:
        unlabelled = [doc.id for doc in sample if defect not in doc.defects and shows(doc)]
        assert unlabelled == []


def test_unlabelled_documents_have_no_markup_escapes_or_controls(
    sample: list[SyntheticDocument],
) -> None:
    for doc in sample:
        if _has_code(doc) or "mojibake" in doc.defects:
            continue
        assert bool(_TAG.search(doc.text)) == ("markup-residue" in doc.defects), doc.id
        assert bool(_ESCAPE.search(doc.text)) == ("escaped-sequence" in doc.defects), doc.id
        assert bool(_CONTROL.search(doc.text)) == ("control-character" in doc.defects), doc.id


def test_relative_dates_are_labelled_anchored_or_not(sample: list[SyntheticDocument]) -> None:
    for doc in sample:
        relative = {"relative-date", "unanchored-relative-date"} & set(doc.defects)
        assert bool(_RELATIVE.search(doc.text)) == bool(relative), doc.id
        if "unanchored-relative-date" in doc.defects:
            assert "missing-date" in doc.defects


def test_duplicates_copy_an_earlier_document(sample: list[SyntheticDocument]) -> None:
    texts = {}
    for doc in sample:
        if "duplicate-document" in doc.defects:
            assert doc.text in texts, doc.id
        if "near-duplicate-document" in doc.defects:
            assert doc.text not in texts
        texts.setdefault(doc.text, doc.id)


def test_repeated_paragraphs_only_where_labelled(sample: list[SyntheticDocument]) -> None:
    for doc in sample:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", doc.text.replace("\r", "")) if p]
        repeated = len(paragraphs) != len(set(paragraphs))
        assert repeated == ("duplicate-line" in doc.defects), doc.id


def test_clean_traps_are_present(sample: list[SyntheticDocument]) -> None:
    traps = Counter(trap for doc in sample for trap in doc.traps)
    for trap in ("punctuation", "accented-name", "emoji-zwj", "foreign-script", "scare-quote"):
        assert traps[trap] > 50, trap
    assert any("\u200d" in doc.text and not doc.defects for doc in sample)
    clean = sum(not doc.defects for doc in sample)
    assert 0.2 < clean / len(sample) < 0.6


def test_every_label_names_a_rule_code() -> None:
    assert set(DEFECT_RATES) <= set(DEFECT_CODES)
    assert all(re.fullmatch(r"[A-Z]+\d{3}|", code) for code in DEFECT_CODES.values())


def test_corpus_on_disk_matches_the_generator_and_is_reused(tmp_path: Path) -> None:
    corpus = build_corpus(120, seed=11, root=tmp_path, workers=1)
    files = sorted(p for p in corpus.docs_dir.rglob("*") if p.is_file())
    assert len(files) == corpus.documents == 120
    # JSON leaves U+0085 and U+2028 unescaped: records are split on "\n" only, as JSONL says.
    lines = corpus.jsonl.read_text(encoding="utf-8").removesuffix("\n").split("\n")
    records = [json.loads(line) for line in lines]
    assert [set(record) for record in records] == [{"id", "text", "date"}] * 120
    expected = list(generate(120, seed=11))
    assert [record["text"] for record in records] == [doc.text for doc in expected]
    assert all((corpus.docs_dir / doc.path).read_bytes() == doc.data for doc in expected)
    assert corpus.bytes == sum(len(doc.data) for doc in expected)
    stamp = corpus.manifest.stat().st_mtime_ns
    again = build_corpus(120, seed=11, root=tmp_path, workers=1)
    assert again == corpus and corpus.manifest.stat().st_mtime_ns == stamp
    assert (corpus.root / "seedlint.toml").is_file()


def test_parallel_generation_writes_the_same_bytes(tmp_path: Path) -> None:
    serial = build_corpus(1200, seed=5, root=tmp_path / "serial", workers=1)
    parallel = build_corpus(1200, seed=5, root=tmp_path / "parallel", workers=2)
    assert serial.jsonl.read_bytes() == parallel.jsonl.read_bytes()
    assert serial.labels.read_bytes() == parallel.labels.read_bytes()
