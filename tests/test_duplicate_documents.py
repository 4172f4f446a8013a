"""DUP002: exact and near duplicate documents across a corpus (a corpus-scope rule)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.config import Overrides
from lint.minhash import (
    NearDuplicateIndex,
    choose_bands,
    encode_signature,
    minhash,
    normalised_words,
    similarity,
)
from lint.runner import CacheSettings, RunOptions, run

BASE = (
    "The regional transport board agreed on Monday to extend the night bus service to the "
    "three villages north of the river, after a petition signed by more than two thousand "
    "residents asked for a way home after late shifts at the hospital and the distribution "
    "centre. The new route will run every forty minutes between midnight and five in the "
    "morning from the first of next month, and the board will review passenger numbers "
    "after a trial of six months before deciding whether to keep it."
)
OTHER = (
    "A small museum of clocks opened in the old customs house this weekend, showing more "
    "than a hundred timepieces collected by a retired watchmaker over fifty years, from "
    "ship chronometers to a cuckoo clock that still strikes every quarter hour and a set "
    "of pocket watches engraved with the names of their first owners."
)


def _findings(tmp_path: Path, **kwargs) -> list[tuple[str, int | None, str]]:
    result = run(
        RunOptions(
            paths=[tmp_path], overrides=Overrides(select=("DUP002",)), cwd=tmp_path, **kwargs
        )
    )
    return [(f.filename, f.record.index if f.record else None, f.message) for f in result.findings]


def test_exact_copy_is_reported_at_the_later_file_naming_the_first(tmp_path):
    (tmp_path / "a.txt").write_text(BASE + "\n")
    (tmp_path / "b.txt").write_text(BASE.upper().replace(", ", " ,  ") + "\n\n")
    (tmp_path / "c.txt").write_text(OTHER + "\n")
    assert _findings(tmp_path) == [("b.txt", None, "Exact duplicate of a.txt (similarity 1.00)")]


def test_near_copy_is_reported_with_its_estimated_similarity(tmp_path):
    (tmp_path / "a.txt").write_text(BASE + "\n")
    (tmp_path / "b.txt").write_text(BASE.replace("on Monday", "on Tuesday") + "\n")
    (found,) = _findings(tmp_path)
    assert found[0] == "b.txt" and found[2].startswith("Near duplicate of a.txt")
    assert float(found[2].rsplit(" ", 1)[1].rstrip(")")) >= 0.8


def test_documents_sharing_only_a_paragraph_are_not_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text(BASE + "\n\n" + OTHER + "\n")
    (tmp_path / "b.txt").write_text(OTHER + "\n\nAnd a different closing paragraph here.\n")
    (tmp_path / "c.txt").write_text(BASE.split(". ")[0] + ". " + OTHER[:80] + "\n")
    assert _findings(tmp_path) == []


def test_short_documents_are_left_out(tmp_path):
    (tmp_path / "a.txt").write_text("Thanks for reading!\n")
    (tmp_path / "b.txt").write_text("Thanks for reading!\n")
    assert _findings(tmp_path) == []


def test_duplicates_across_records_name_the_record_of_the_first(tmp_path):
    records = [
        {"id": "first", "text": BASE},
        {"id": "other", "text": OTHER},
        {"id": "copy", "text": BASE + " "},
    ]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "again", "text": OTHER}) + "\n")
    assert _findings(tmp_path) == [
        ("a.jsonl", 2, "Exact duplicate of a.jsonl:#0[id=first] (similarity 1.00)"),
        ("b.jsonl", 0, "Exact duplicate of a.jsonl:#1[id=other] (similarity 1.00)"),
    ]


def test_parallel_and_cached_runs_find_the_same_duplicates(tmp_path):
    for index in range(12):
        text = BASE if index % 3 == 0 else f"{OTHER} Item number {index} of the series."
        (tmp_path / f"doc{index:02}.txt").write_text(text + "\n")
    one = _findings(tmp_path, jobs=1)
    assert len(one) == 3 + 7  # three exact copies of BASE; the OTHER variants are near copies
    assert _findings(tmp_path, jobs=2) == one
    cache = CacheSettings(enabled=True, directory=tmp_path / ".cache")
    assert _findings(tmp_path, jobs=2, cache=cache) == one
    assert _findings(tmp_path, jobs=2, cache=cache) == one  # served from the cache


def test_threshold_option_controls_near_duplicates(tmp_path):
    (tmp_path / "seedlint.toml").write_text("[rules.DUP002]\nthreshold = 0.99\n")
    (tmp_path / "a.txt").write_text(BASE + "\n")
    (tmp_path / "b.txt").write_text(BASE.replace("on Monday", "on Tuesday") + "\n")
    assert _findings(tmp_path) == []


def test_minhash_is_deterministic_and_estimates_jaccard():
    words = normalised_words(BASE)
    first, second = minhash(words, 5, 128), minhash(list(words), 5, 128)
    assert np.array_equal(first, second)
    edited = normalised_words(BASE.replace("the three villages", "four hamlets"))
    shingles = {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
    edited_shingles = {tuple(edited[i : i + 5]) for i in range(len(edited) - 4)}
    jaccard = len(shingles & edited_shingles) / len(shingles | edited_shingles)
    assert abs(similarity(first, minhash(edited, 5, 128)) - jaccard) < 0.15


def test_lsh_index_returns_the_earliest_similar_original():
    index = NearDuplicateIndex(num_perm=128, threshold=0.8)
    base = minhash(normalised_words(BASE), 5, 128)
    other = minhash(normalised_words(OTHER), 5, 128)
    assert index.query_or_add(base) is None
    assert index.query_or_add(other) is None
    assert index.query_or_add(base) == (0, 1.0)
    bands, rows = choose_bands(128, 0.8)
    assert bands * rows <= 128 and 0.7 < (1 / bands) ** (1 / rows) < 0.9


def _words_by_definition(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def test_words_are_the_regex_words_of_the_normalised_casefolded_text():
    text = "“Don’t,” said O’Brien — ﬁne_print ＡＢＣ Straße 3½ x² (e.g. _id)…"
    assert normalised_words(text) == _words_by_definition(text)
    assert normalised_words(text)[:6] == ["don", "t", "said", "o", "brien", "fine_print"]


@settings(max_examples=200)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list(" \n\t_.,;:!?\"'()“”‘’«»—–-…*/ﬁ²½ＡßİΣ\u00a0\u2028")),
            st.characters(),
        ),
        max_size=80,
    )
)
def test_words_match_the_regex_definition_on_any_text(text):
    assert normalised_words(text) == _words_by_definition(text)


def test_signature_value_is_pinned_across_versions_and_machines():
    # Changing how signatures are computed must not change their value: cached signatures
    # and findings from earlier runs stay comparable.
    signature = minhash(normalised_words(BASE), 5, 128)
    assert signature[:4].tolist() == [59774164, 4293821, 45327814, 42719517]
    digest = hashlib.sha256(encode_signature(signature).encode()).hexdigest()
    assert digest.startswith("e8b33104b7be630b")
