"""Bytes to text: strict UTF-8 first, detection (charset-normalizer) when that fails."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from lint.document import DecodeInfo

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BINARY_SAMPLE = 8192
BINARY_NUL_SHARE = 0.10


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None when the bytes are binary
    info: DecodeInfo
    binary_reason: str | None = None


def binary_reason(data: bytes) -> str | None:
    """Why `data` looks binary (NUL-heavy), or None. UTF-16/32 with a BOM is text."""
    sample = data[:BINARY_SAMPLE]
    if not sample or any(sample.startswith(bom) for bom, _ in _BOMS):
        return None
    nul_share = sample.count(0) / len(sample)
    if nul_share >= BINARY_NUL_SHARE:
        return f"{nul_share:.0%} NUL bytes"
    return None


def decode_bytes(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            return Decoded(text, DecodeInfo(encoding=encoding, had_bom=True))
    reason = binary_reason(data)
    if reason is not None:
        return Decoded(None, DecodeInfo(encoding="binary"), reason)
    try:
        return Decoded(data.decode("utf-8"), DecodeInfo())
    except UnicodeDecodeError as error:
        bad = error.start
    text, encoding = _decode_non_utf8(data)
    try:
        char_offset = len(data[:bad].decode(encoding))
    except (UnicodeDecodeError, LookupError):
        char_offset = len(data[:bad].decode("utf-8", errors="replace"))
    return Decoded(
        text,
        DecodeInfo(
            encoding=encoding,
            invalid_utf8_byte_offset=bad,
            invalid_utf8_char_offset=min(char_offset, len(text)),
        ),
    )


def _cp1252_byte(error: UnicodeError) -> tuple[str, int]:
    """Error handler: read each byte that is not UTF-8 as Windows-1252 (Latin-1 for the five
    bytes Windows-1252 leaves undefined)."""
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace").replace("\ufffd", "") or chunk.decode(
        "latin-1"
    ), error.end


codecs.register_error("seedlint-cp1252", _cp1252_byte)

FEW_HIGH_BYTES = 64  # below this, detection has too little evidence to beat Windows-1252


def _decode_non_utf8(data: bytes) -> tuple[str, str]:
    """(text, encoding) for bytes that are not valid UTF-8.

    Mostly UTF-8 with stray legacy bytes (a common scrape artefact): UTF-8, each stray byte read
    as Windows-1252. No UTF-8 at all and few non-ASCII bytes: Windows-1252, which short texts
    in Western languages nearly always are and which detection guesses badly. Otherwise
    charset-normalizer decides.
    """
    lenient = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for char in lenient if "\udc80" <= char <= "\udcff")
    multibyte = sum(1 for char in lenient if char > "\x7f" and not "\udc80" <= char <= "\udcff")
    if multibyte and multibyte >= stray:
        return data.decode("utf-8", errors="seedlint-cp1252"), "utf-8"
    if stray < FEW_HIGH_BYTES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    match = from_bytes(data).best()
    encoding = match.encoding if match is not None else "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("utf-8", errors="replace"), "utf-8"
