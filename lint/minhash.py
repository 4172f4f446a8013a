"""MinHash signatures over word n-grams and an LSH index, for near-duplicate documents.

Everything is vectorised with NumPy over the document's code points, so no Python code runs
per word:
- words are the `\\w+` runs of the NFKC-normalised, case-folded text; each is hashed with a
  64-bit polynomial over its code points, taken from one prefix sum over the whole text;
- n-grams combine those word hashes with a second polynomial, then a splitmix64 finaliser;
- the signature is one-permutation MinHash (Li, Owen and Zhang, 2012) with rotation
  densification (Shrivastava and Li, 2014): each n-gram hash falls in one of `num_perm` bins by
  its high bits, a bin keeps its smallest hash, and an empty bin borrows from the next filled
  one. One sort replaces the `num_perm` hashes per n-gram of classic MinHash, with the same
  estimator of Jaccard similarity.
The constants are fixed, so a signature is the same in every process and on every machine.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

_WORD_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_WORD_BASE_INVERSE = pow(_WORD_BASE, -1, 2**64)
_GRAM_BASE = np.uint64(0x100000001B3)
_SEED = np.uint64(0x5EED11E7_5EED11E7)
_EMPTY_BIN_STEP = np.uint32(0x9E3779B9)  # added per bin of distance when an empty bin borrows
_SPACE = 32
_UNDERSCORE = 95
_BMP = 0x10000


@dataclass(frozen=True)
class TextWords:
    """The normalised words of a text: their count, an exact key and one hash per word."""

    count: int
    exact: str  # 128-bit digest of the words joined by single spaces
    hashes: np.ndarray  # uint64, one per word, in order


class _Tables:
    """Per-process lookup tables, built on first use (not at import: most runs never need
    them)."""

    word_character: np.ndarray | None = None  # bool per BMP code point: part of `\w`?
    powers = np.ones(1, dtype=np.uint64)  # _WORD_BASE ** i
    inverse_powers = np.ones(1, dtype=np.uint64)  # _WORD_BASE_INVERSE ** i

    @classmethod
    def word_characters(cls) -> np.ndarray:
        if cls.word_character is None:
            # `\w` on str is exactly str.isalnum() plus "_".
            cls.word_character = np.fromiter(
                (chr(point).isalnum() for point in range(_BMP)), dtype=bool, count=_BMP
            )
            cls.word_character[_UNDERSCORE] = True
        return cls.word_character

    @classmethod
    def power_tables(cls, length: int) -> tuple[np.ndarray, np.ndarray]:
        if len(cls.powers) < length:
            size = max(length, 2 * len(cls.powers), 4096)
            cls.powers = _geometric(_WORD_BASE, size)
            cls.inverse_powers = _geometric(_WORD_BASE_INVERSE, size)
        return cls.powers[:length], cls.inverse_powers[:length]


def _geometric(base: int, size: int) -> np.ndarray:
    factors = np.full(size, base, dtype=np.uint64)
    factors[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(factors, dtype=np.uint64)


def _code_points(text: str) -> np.ndarray:
    normalised = unicodedata.normalize("NFKC", text).casefold()
    return np.frombuffer(normalised.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _word_mask(points: np.ndarray) -> np.ndarray:
    table = _Tables.word_characters()
    mask = table[np.minimum(points, _BMP - 1)]
    for position in np.flatnonzero(points >= _BMP - 1):  # rare: emoji, historic scripts
        mask[position] = chr(points[position]).isalnum()
    return mask


def text_words(text: str) -> TextWords:
    """The `\\w+` words of the NFKC-normalised, case-folded text, as a count, an exact key and
    a hash per word."""
    points = _code_points(text)
    mask = _word_mask(points)
    size = len(points)
    after_word = np.zeros(size, dtype=bool)  # the character before is a word character
    after_word[1:] = mask[:-1]
    before_word = np.zeros(size, dtype=bool)  # the character after is a word character
    before_word[:-1] = mask[1:]
    starts = np.flatnonzero(mask & ~after_word)
    ends = np.flatnonzero(mask & ~before_word) + 1
    powers, inverse_powers = _Tables.power_tables(size + 1)
    prefix = np.zeros(size + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.cumsum(points.astype(np.uint64) * powers[:size], out=prefix[1:])
        hashes = (prefix[ends] - prefix[starts]) * inverse_powers[starts]
    # Words joined by one space: word characters, plus the first character after each word
    # turned into a space (a trailing one dropped).
    joined = np.where(mask, points, _SPACE)[mask | after_word]
    if len(ends) and ends[-1] < size:
        joined = joined[:-1]
    exact = hashlib.blake2b(joined.astype("<u4").tobytes(), digest_size=16).hexdigest()
    return TextWords(len(starts), exact, hashes)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def _gram_hashes(word_hashes: np.ndarray, shingle: int) -> np.ndarray:
    count = max(1, len(word_hashes) - shingle + 1)
    grams = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for position in range(min(shingle, len(word_hashes))):
            grams = grams * _GRAM_BASE + word_hashes[position : position + count]
    return _mix(grams ^ _SEED)


def minhash(word_hashes: np.ndarray, shingle: int, num_perm: int) -> np.ndarray:
    """The signature (uint32 × num_perm) of the set of word `shingle`-grams."""
    keys = np.sort(_gram_hashes(word_hashes, shingle))
    # The bin is the high 32 bits scaled to num_perm, so sorted keys have sorted bins and the
    # first key of each bin is its smallest.
    bins = ((keys >> np.uint64(32)) * np.uint64(num_perm)) >> np.uint64(32)
    slots = np.arange(num_perm, dtype=np.uint64)
    first = np.searchsorted(bins, slots)
    filled = np.flatnonzero(first < len(keys))
    filled = filled[bins[first[filled]] == slots[filled]]
    values = (keys[first[filled]] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    # Rotation densification: an empty bin takes the next filled bin's value (circularly),
    # shifted by a constant per bin of distance so that borrowed values stay distinct.
    donor = np.searchsorted(filled, np.arange(num_perm)) % len(filled)
    distance = ((filled[donor] - np.arange(num_perm)) % num_perm).astype(np.uint32)
    with np.errstate(over="ignore"):
        return values[donor] + distance * _EMPTY_BIN_STEP


def encode_signature(signature: np.ndarray) -> str:
    return base64.b64encode(signature.astype("<u4").tobytes()).decode("ascii")


def decode_signature(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4")


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(first == second)) / len(first)


MAX_MISS_AT_THRESHOLD = 0.01


def _candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The chance that two documents this similar share at least one band."""
    return 1 - (1 - similarity**rows) ** bands


def choose_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) with bands × rows ≤ num_perm for the LSH index.

    A pair at the threshold must become candidates with probability ≥ 99% (a missed pair is a
    missed duplicate; a needless candidate costs one signature comparison), and among the
    layouts that allow it, the one with the fewest candidates below the threshold wins. When no
    layout reaches 99% (very few permutations), the one that comes closest wins.
    """
    steps = 200
    below = [(step + 0.5) / steps * threshold for step in range(steps)]
    best: tuple[bool, float, int, int] | None = None
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        miss = 1 - _candidate_probability(threshold, bands, rows)
        needless = sum(_candidate_probability(s, bands, rows) for s in below) / steps
        key = (miss > MAX_MISS_AT_THRESHOLD, needless if miss <= MAX_MISS_AT_THRESHOLD else miss)
        if best is None or key < best[:2]:
            best = (*key, bands, rows)
    assert best is not None
    return best[2], best[3]


def _band_groups(band: np.ndarray) -> Iterator[np.ndarray]:
    """Positions (ascending) of rows that are byte-for-byte equal, for each value held by
    at least two rows."""
    rows = np.ascontiguousarray(band).view(np.dtype((np.void, band.shape[1] * band.itemsize)))
    _, inverse, counts = np.unique(rows.ravel(), return_inverse=True, return_counts=True)
    shared = np.flatnonzero(counts > 1)
    if not len(shared):
        return
    order = np.argsort(inverse, kind="stable")  # positions grouped by value, ascending within
    starts = np.concatenate(([0], np.cumsum(counts)))
    for value in shared:
        yield order[starts[value] : starts[value + 1]]


def candidate_pairs(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(earlier, later) positions of the signatures that share at least one band, once each."""
    found = []
    for band in range(bands):
        for group in _band_groups(signatures[:, band * rows : (band + 1) * rows]):
            earlier, later = np.triu_indices(len(group), 1)
            found.append(group[earlier].astype(np.int64) * len(signatures) + group[later])
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.unique(np.concatenate(found))
    return np.stack((pairs // len(signatures), pairs % len(signatures)), axis=1)


_PAIRS_PER_BATCH = 65_536  # bounds the memory of comparing signatures pair by pair


def near_duplicates(signatures: np.ndarray, threshold: float) -> dict[int, tuple[int, float]]:
    """For each signature that nearly repeats an earlier original, (original, similarity).

    Signatures are taken in order: one that reaches `threshold` with an earlier original
    (a signature that repeated nothing before it) is a near duplicate of the most similar
    such original, the earliest on a tie, and is not an original itself. Only pairs that
    share an LSH band (`choose_bands`) are compared.
    """
    count, num_perm = signatures.shape
    if count < 2:
        return {}
    bands, rows = choose_bands(num_perm, threshold)
    pairs = candidate_pairs(signatures, bands, rows)
    scores = np.empty(len(pairs))
    for start in range(0, len(pairs), _PAIRS_PER_BATCH):
        batch = pairs[start : start + _PAIRS_PER_BATCH]
        equal = signatures[batch[:, 0]] == signatures[batch[:, 1]]
        scores[start : start + len(batch)] = np.count_nonzero(equal, axis=1) / num_perm
    close = pairs[scores >= threshold]
    close_scores = scores[scores >= threshold]
    order = np.lexsort((close[:, 0], close[:, 1]))  # by later, then earlier
    matches: dict[int, tuple[int, float]] = {}
    earliers, laters = close[order, 0].tolist(), close[order, 1].tolist()
    for earlier, later, score in zip(earliers, laters, close_scores[order].tolist(), strict=True):
        if earlier in matches:
            continue  # a near duplicate itself, not an original
        best = matches.get(later)
        if best is None or score > best[1]:
            matches[later] = (earlier, score)
    return matches


def signatures_of(texts: Iterable[str], shingle: int = 5, num_perm: int = 128) -> list[np.ndarray]:
    return [minhash(text_words(text).hashes, shingle, num_perm) for text in texts]
