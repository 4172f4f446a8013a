"""Decoding file bytes: strict UTF-8, BOMs, detection with the first bad byte, binaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lint.decode import decode_bytes


def test_valid_utf8_is_decoded_strictly():
    decoded = decode_bytes("Zoë said “hi” 🙂\n".encode())
    assert decoded.text == "Zoë said “hi” 🙂\n"
    assert decoded.info.invalid_utf8_byte_offset is None


def test_utf8_bom_is_accepted_and_remembered():
    decoded = decode_bytes(b"\xef\xbb\xbfHello\n")
    assert decoded.text == "Hello\n"
    assert decoded.info.had_bom


def test_utf16_with_bom_is_text_not_binary():
    decoded = decode_bytes("Grüße aus Köln\n".encode("utf-16"))
    assert decoded.text == "Grüße aus Köln\n"


def test_invalid_utf8_reports_first_bad_byte_and_still_decodes():
    data = "Le café est fermé. Les élèves sont partis à l'école.\n".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.info.invalid_utf8_byte_offset == data.index(b"\xe9")
    assert decoded.text is not None and "caf" in decoded.text
    assert decoded.info.encoding != "utf-8"


def test_nul_heavy_bytes_are_binary():
    decoded = decode_bytes(bytes(range(256)) * 10 + b"\x00" * 500)
    assert decoded.text is None
    assert "NUL" in (decoded.binary_reason or "")


@given(st.binary(max_size=400))
def test_any_bytes_decode_without_raising(data):
    decoded = decode_bytes(data)
    if decoded.text is not None:
        offset = decoded.info.invalid_utf8_char_offset
        assert offset is None or 0 <= offset <= len(decoded.text)


def test_utf8_with_a_stray_windows_1252_byte_keeps_the_utf8_text():
    data = "La fiancée arrive — enfin.".encode() + b" Caf\xe9 ouvert."
    decoded = decode_bytes(data)
    assert decoded.text == "La fiancée arrive — enfin. Café ouvert."
    assert decoded.info.invalid_utf8_byte_offset == data.index(b"\xe9")


def test_short_legacy_text_is_read_as_windows_1252_not_guessed():
    decoded = decode_bytes("Crème brûlée for the fiancée.".encode("cp1252"))
    assert decoded.text == "Crème brûlée for the fiancée."
    assert decoded.info.encoding == "cp1252"
