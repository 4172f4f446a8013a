"""MinHash signatures over word n-grams and an LSH index, for near-duplicate documents.

Words are hashed once (CRC-32 of their UTF-8), n-grams are combined from those hashes with
a polynomial over 64-bit integers, and each of `num_perm` permutations is a multiply-shift
hash; everything after the word hashes is vectorised with NumPy. The seeds are fixed, so a
signature is the same in every process and on every machine.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

_WORD = re.compile(r"\w+")
_SEED = 0x5EED_11E7
_PRIME = np.uint64(0x100000001B3)


# Punctuation that often sticks to a word ("“Yes,”"); none of it is a word character.
_EDGE = "\"'.,;:!?()[]{}“”‘’«»‹›„—–-…*/"


def normalised_words(text: str) -> list[str]:
    """The `\\w+` words of the NFKC-normalised, case-folded text.

    Whitespace never sits inside a word, so the text is split on it first and the regex only
    runs on tokens that are not a bare word once their edge punctuation is stripped: a third
    cheaper than one `findall` over the whole text, with the same words.
    """
    words: list[str] = []
    append = words.append
    for token in unicodedata.normalize("NFKC", text).casefold().split():
        if token.isalnum():  # isalnum() is exactly `\w` minus "_"
            append(token)
            continue
        core = token.strip(_EDGE)
        if core.isalnum():
            append(core)
        elif core:
            words.extend(_WORD.findall(core))
    return words


def exact_key(words: list[str]) -> str:
    return hashlib.blake2b(
        " ".join(words).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(_SEED)
    multipliers = generator.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    offsets = generator.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return multipliers, offsets


_PERMUTATIONS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def minhash(words: list[str], shingle: int, num_perm: int) -> np.ndarray:
    """The signature (uint32 × num_perm) of the set of word `shingle`-grams."""
    if num_perm not in _PERMUTATIONS:
        _PERMUTATIONS[num_perm] = _permutations(num_perm)
    multipliers, offsets = _PERMUTATIONS[num_perm]
    # One encode and one split instead of an encode per word; words never contain "\n".
    encoded = "\n".join(words).encode("utf-8", "surrogatepass").split(b"\n")
    word_hashes = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint64, count=len(words))
    count = max(1, len(words) - shingle + 1)
    grams = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for position in range(min(shingle, len(words))):
            grams = grams * _PRIME + word_hashes[position : position + count]
        grams = np.unique(grams)
        hashed = np.multiply.outer(grams, multipliers)
        hashed += offsets
    # The shift is monotonic, so it is applied to the 128 minima instead of the whole matrix.
    return (hashed.min(axis=0) >> np.uint64(32)).astype(np.uint32)


def encode_signature(signature: np.ndarray) -> str:
    return base64.b64encode(signature.astype("<u4").tobytes()).decode("ascii")


def decode_signature(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4")


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(first == second)) / len(first)


def choose_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) with bands × rows ≤ num_perm whose S-curve passes `threshold` with the
    least probability mass on the wrong side (the usual LSH parameter search)."""
    best: tuple[float, int, int] | None = None
    steps = 200
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        if rows == 0:
            continue
        false_positive = false_negative = 0.0
        for step in range(steps):
            s = (step + 0.5) / steps
            candidate = 1 - (1 - s**rows) ** bands
            if s < threshold:
                false_positive += candidate / steps
            else:
                false_negative += (1 - candidate) / steps
        error = false_positive + 2 * false_negative  # missing a duplicate costs more
        if best is None or error < best[0]:
            best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


@dataclass
class NearDuplicateIndex:
    """Finds, for each new signature, an earlier original it nearly repeats.

    Only originals (documents that repeat nothing before them) are indexed, so the work per
    document is bounded by the originals sharing one of its bands.
    """

    num_perm: int
    threshold: float
    bands: int = 0
    rows: int = 0
    _buckets: list[dict[bytes, list[int]]] = field(default_factory=list)
    _signatures: list[np.ndarray] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.bands, self.rows = choose_bands(self.num_perm, self.threshold)
        self._buckets = [{} for _ in range(self.bands)]

    def _band_keys(self, signature: np.ndarray) -> Iterator[tuple[int, bytes]]:
        for band in range(self.bands):
            yield band, signature[band * self.rows : (band + 1) * self.rows].tobytes()

    def query_or_add(self, signature: np.ndarray) -> tuple[int, float] | None:
        """(original's position, similarity) if `signature` nearly repeats one, else None
        (and the signature is indexed as a new original)."""
        candidates: set[int] = set()
        keys = list(self._band_keys(signature))
        for band, key in keys:
            candidates.update(self._buckets[band].get(key, ()))
        best: tuple[int, float] | None = None
        for candidate in sorted(candidates):
            score = similarity(signature, self._signatures[candidate])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (candidate, score)
        if best is not None:
            return best
        position = len(self._signatures)
        self._signatures.append(signature)
        for band, key in keys:
            self._buckets[band].setdefault(key, []).append(position)
        return None


def signatures_of(texts: Iterable[str], shingle: int = 5, num_perm: int = 128) -> list[np.ndarray]:
    return [minhash(normalised_words(text), shingle, num_perm) for text in texts]
