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
    match = from_bytes(data).best()
    encoding = match.encoding if match is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "utf-8"
        text = data.decode("utf-8", errors="replace")
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
