"""Document text made safe for a terminal: controls and bidi marks shown, never interpreted."""

from __future__ import annotations

import re
import unicodedata

from rich.cells import cell_len

_BIDI_AND_INVISIBLE = {
    0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD,
    0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C,
}  # fmt: skip


def visible_char(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return "    "
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    if code in _BIDI_AND_INVISIBLE or unicodedata.category(char) in ("Cs", "Co", "Zl", "Zp"):
        return f"\\u{code:04x}"
    return char


_NEEDS_ESCAPING = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\u2028\u2029\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def needs_escaping(text: str) -> bool:
    return _NEEDS_ESCAPING.search(text) is not None


def visible(text: str) -> str:
    if not needs_escaping(text):
        return text
    return "".join(visible_char(char) for char in text)


def visible_with_columns(text: str) -> tuple[str, list[int]]:
    """The visible text and, for each original character, its starting cell column (0-based).

    The list has one more entry than `text`: the column just past the end.
    """
    pieces: list[str] = []
    columns: list[int] = []
    column = 0
    for char in text:
        columns.append(column)
        shown = visible_char(char)
        pieces.append(shown)
        column += cell_len(shown)
    columns.append(column)
    return "".join(pieces), columns
