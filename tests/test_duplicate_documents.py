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
    choose_bands,
    encode_signature,
    minhash,
    near_duplicates,
    similarity,
    text_words,
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


def _signature(text: str) -> np.ndarray:
    return minhash(text_words(text).hashes, 5, 128)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words_by_definition(text)
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def test_minhash_is_deterministic_and_estimates_jaccard():
    assert np.array_equal(_signature(BASE), _signature(str(BASE)))
    edited = BASE.replace("the three villages", "four hamlets")
    first, second = _shingles(BASE), _shingles(edited)
    jaccard = len(first & second) / len(first | second)
    assert abs(similarity(_signature(BASE), _signature(edited)) - jaccard) < 0.15


def test_minhash_of_a_short_document_fills_every_slot():
    # Eight words make four 5-grams for 128 bins: the empty bins borrow from filled ones.
    signature = _signature("one two three four five six seven eight")
    assert signature.shape == (128,) and signature.dtype == np.uint32
    assert len(set(signature.tolist())) == 128
    assert similarity(signature, _signature("One, two; three four five six seven eight!")) == 1.0


def test_minhash_estimates_jaccard_without_bias_over_many_edits():
    errors = []
    words = _words_by_definition(BASE + " " + OTHER)
    for count in range(1, 30):
        edited = list(words)
        for position in range(0, len(edited), max(1, len(edited) // count)):
            edited[position] = f"changed{position}"
        first, second = _shingles(" ".join(words)), _shingles(" ".join(edited))
        jaccard = len(first & second) / len(first | second)
        estimate = similarity(_signature(" ".join(words)), _signature(" ".join(edited)))
        errors.append(estimate - jaccard)
    assert abs(sum(errors) / len(errors)) < 0.05
    assert max(abs(error) for error in errors) < 0.2


def test_near_duplicates_name_the_most_similar_earliest_original():
    base, other = _signature(BASE), _signature(OTHER)
    edited = _signature(BASE.replace("the three villages", "four hamlets"))
    matches = near_duplicates(np.stack([base, other, base, edited, other]), 0.5)
    assert matches[2] == (0, 1.0)
    assert matches[3][0] == 0 and 0.5 <= matches[3][1] < 1.0  # not the copy at 2: not original
    assert matches[4] == (1, 1.0)
    assert set(matches) == {2, 3, 4}


def _near_duplicates_one_by_one(signatures: np.ndarray, threshold: float) -> dict:
    """The definition: each signature against every earlier original sharing a band."""
    bands, rows = choose_bands(signatures.shape[1], threshold)
    originals: list[int] = []
    matches = {}
    for later, signature in enumerate(signatures):
        best = None
        for earlier in originals:
            shares_a_band = any(
                np.array_equal(
                    signature[b * rows : (b + 1) * rows],
                    signatures[earlier][b * rows : (b + 1) * rows],
                )
                for b in range(bands)
            )
            score = similarity(signature, signatures[earlier])
            if shares_a_band and score >= threshold and (best is None or score > best[1]):
                best = (earlier, score)
        if best is None:
            originals.append(later)
        else:
            matches[later] = best
    return matches


@settings(max_examples=150)
@given(st.data())
def test_near_duplicates_match_their_one_by_one_definition(data):
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    signatures = [rng.integers(0, 4, size=32, dtype=np.uint32)]
    for _ in range(data.draw(st.integers(1, 12))):
        source = signatures[data.draw(st.integers(0, len(signatures) - 1))].copy()
        changed = data.draw(st.integers(0, 32))
        source[rng.choice(32, size=changed, replace=False)] = rng.integers(0, 4, size=changed)
        signatures.append(source)
    threshold = data.draw(st.sampled_from([0.5, 0.8, 0.9]))
    stacked = np.stack(signatures)
    assert near_duplicates(stacked, threshold) == _near_duplicates_one_by_one(stacked, threshold)


def _candidate_chance(similarity: float, bands: int, rows: int) -> float:
    return 1 - (1 - similarity**rows) ** bands


def test_lsh_bands_rarely_miss_a_pair_at_the_threshold_and_skip_unrelated_documents():
    for num_perm, threshold in [(128, 0.8), (128, 0.5), (256, 0.9), (64, 0.95)]:
        bands, rows = choose_bands(num_perm, threshold)
        assert bands * rows <= num_perm
        assert _candidate_chance(threshold, bands, rows) >= 0.99
        assert _candidate_chance(0.1, bands, rows) < 0.05


def _words_by_definition(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def _exact_by_definition(text: str) -> str:
    joined = " ".join(_words_by_definition(text))
    return hashlib.blake2b(joined.encode("utf-32-le", "surrogatepass"), digest_size=16).hexdigest()


def _word_hash_by_definition(word: str) -> int:
    base = 0x9E3779B97F4A7C15
    return sum(ord(character) * pow(base, i, 2**64) for i, character in enumerate(word)) % 2**64


def _assert_words_match_the_definition(text: str) -> None:
    words = text_words(text)
    expected = _words_by_definition(text)
    assert words.count == len(expected)
    assert words.exact == _exact_by_definition(text)
    assert words.hashes.tolist() == [_word_hash_by_definition(word) for word in expected]


def test_words_are_the_regex_words_of_the_normalised_casefolded_text():
    text = "“Don’t,” said O’Brien — ﬁne_print ＡＢＣ Straße 3½ x² (e.g. _id)… 𝐀𝐁 👍🏽 ok"
    assert _words_by_definition(text)[:6] == ["don", "t", "said", "o", "brien", "fine_print"]
    _assert_words_match_the_definition(text)


def test_exact_key_ignores_case_punctuation_and_spacing_only():
    assert text_words("The cat, sat.\n").exact == text_words("  the CAT sat").exact
    assert text_words("the cat sat").exact != text_words("the cats at").exact
    assert text_words("").count == 0 and text_words("...").exact == text_words("").exact


@settings(max_examples=200)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list(" \n\t_.,;:!?\"'()“”‘’«»—–-…*/ﬁ²½ＡßİΣ\u00a0\u2028𝐀👍")),
            st.characters(),
        ),
        max_size=80,
    )
)
def test_words_match_the_regex_definition_on_any_text(text):
    _assert_words_match_the_definition(text)


def test_signature_value_is_pinned_across_processes_and_machines():
    # The value depends only on the text: every worker, engine and machine must agree, and a
    # change of the scheme must be deliberate (the cache key changes with the source).
    signature = _signature(BASE)
    assert signature[:4].tolist() == [137236120, 1777767647, 397547758, 4056665622]
    digest = hashlib.sha256(encode_signature(signature).encode()).hexdigest()
    assert digest.startswith("f6e2b404aa1ab148")
