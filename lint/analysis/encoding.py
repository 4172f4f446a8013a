"""Shared analyses of the encoding rules: mojibake runs (found by ftfy), and character facts.

Mojibake detection is ftfy's: a line is suspect when `ftfy.badness` finds an unlikely
sequence, and a run is reported only where `ftfy.fix_encoding` changes the text. ftfy's
detector is slow (a 40-branch regex tried at every character), so a fast pre-check finds the
places where one of its patterns could start; only the characters around those places are
given to the detector, and only suspect lines to the repair. The pre-check is sound: every
match of ftfy's detector contains one of its pairs (a test checks this on random text).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from typing import TYPE_CHECKING

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-* codecs
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from ftfy.chardata import CHARMAP_ENCODINGS

if TYPE_CHECKING:
    from lint.document import Document

# -- the pre-check -----------------------------------------------------------------------------
_C = MOJIBAKE_CATEGORIES
_ACCENTED = _C["lower_accented"] + _C["upper_accented"]
_SYMBOLS = _C["box"] + _C["start_punctuation"] + _C["end_punctuation"] + _C["currency"]
_SYMBOLS += _C["numeric"] + _C["law"]

# (first, second) character classes: every match of ftfy's BADNESS_RE contains one of these
# adjacent pairs (the branches' context letters, such as "[a-z]" before them, are dropped).
_PAIRS: list[tuple[str, str]] = [
    (_C["bad"] + _ACCENTED + _SYMBOLS, _C["bad"]),
    (_C["lower_common"] + _C["upper_common"], _C["bad"]),
    (_C["bad"], _ACCENTED + _SYMBOLS),
    (_C["lower_accented"] + _C["lower_common"] + _C["box"] + _C["end_punctuation"]
     + _C["currency"] + _C["numeric"], _C["upper_accented"]),
    (_C["box"] + _C["end_punctuation"] + _C["currency"] + _C["numeric"], _C["lower_accented"]),
    (_C["lower_accented"] + _C["box"] + _C["end_punctuation"], _C["currency"]),
    (_C["upper_accented"], _C["currency"] + _C["numeric"] + _C["law"] + _C["start_punctuation"]),
    (_C["box"], _C["numeric"] + _C["law"] + _C["kaomoji"] + _C["end_punctuation"]),
    (_ACCENTED + _C["box"] + _C["currency"] + _C["end_punctuation"], _C["start_punctuation"]),
    (_C["currency"] + _C["numeric"] + _C["box"], _C["start_punctuation"]),
    (_ACCENTED + _C["currency"] + _C["numeric"] + _C["box"] + _C["law"], _C["end_punctuation"]),
    (_ACCENTED + _C["currency"] + _C["numeric"] + _C["start_punctuation"]
     + _C["end_punctuation"] + _C["law"], _C["box"]),
    ("Œœ", "^A-Za-z"),
    (_C["upper_accented"], "°"),
    ("ÂÃÎÐ", "€œŠš¢£Ÿž\xa0\xad®©°·»–—´" + _C["start_punctuation"] + _C["end_punctuation"]),
    ("×", "²³"),
    ("ØÙ", _C["common"] + _C["currency"] + _C["bad"] + _C["numeric"]
     + _C["start_punctuation"] + "ŸŠ®°µ»"),
    ("à", "²µ¹¼½¾"),
    ("√", "±∂†≠®™´≤≥¥µø"),
    ("≈", "°¢"),
    ("‚", "Äâó"),
    ("в", "Ђ"),
    ("ВГРС", _C["c1"] + _C["bad"] + _C["start_punctuation"] + _C["end_punctuation"]
     + _C["currency"] + "°µ"),
    ("Г", "ў"),
    ("Ã", "\xa0¡ "),
    ("Â", " " + _C["start_punctuation"] + _C["end_punctuation"]),
    ("β", "€"),
    ("ΒΓΞΟ", _C["c1"] + _C["bad"] + _C["start_punctuation"] + _C["end_punctuation"]
     + _C["currency"] + "°"),
    ("ā", "€"),
]  # fmt: skip


def _class(chars: str) -> str:
    if chars.startswith("^"):
        return f"[{chars}]"
    # the category strings hold ranges written "a-b"; keep them, escape the rest
    return "[" + chars.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]") + "]"


def _expand(chars: str) -> set[str]:
    """The characters of a category string, whose "a-b" pairs are ranges."""
    result: set[str] = set()
    index = 0
    while index < len(chars):
        if index + 2 < len(chars) and chars[index + 1] == "-":
            result.update(chr(c) for c in range(ord(chars[index]), ord(chars[index + 2]) + 1))
            index += 3
        else:
            result.add(chars[index])
            index += 1
    return result


# Letters of clean text in many languages: the pre-check never starts a search on them, it
# finds a pair through the pair's other, rarer character (except the few pairs listed below).
_FREQUENT = _expand(
    _C["lower_accented"] + _C["lower_common"] + _C["upper_common"] + _C["kaomoji"] + _C["common"]
)


def _frequent_but_needed() -> set[str]:
    """For pairs whose both sides hold frequent letters, the smaller side's frequent ones."""
    needed: set[str] = set()
    for first, second in _PAIRS:
        firsts = _expand(first) & _FREQUENT
        if second.startswith("^"):
            needed |= firsts
            continue
        seconds = _expand(second) & _FREQUENT
        if firsts and seconds:
            needed |= min(seconds, firsts, key=len)
    return needed


def _build_precheck() -> re.Pattern[str]:
    search: set[str] = _expand(_C["c1"])
    for first, second in _PAIRS:
        search |= _expand(first)
        if not second.startswith("^"):
            search |= _expand(second)
    search = {char for char in search - _FREQUENT if not char.isascii()}
    search |= _frequent_but_needed()
    start = "[" + "".join(re.escape(char) for char in sorted(search)) + "]"
    # Branches are grouped behind a cheap test of the neighbour, so that a frequent hit such as
    # a curly quote between a space and a Latin letter is dismissed after two character tests.
    ascii_seconds = [(first, second) for first, second in _PAIRS if _has_ascii(second)]
    others = [(first, second) for first, second in _PAIRS if not _has_ascii(second)]
    all_firsts = _class("".join(first for first, _ in _PAIRS))
    other_seconds = _class("".join(second for _, second in others))
    as_first = "|".join(f"(?<={_class(first)}){_class(second)}" for first, second in others)
    as_second = "|".join(f"(?<={_class(first)}{_class(second)})" for first, second in _PAIRS)
    special = "|".join(f"(?<={_class(first)}){_class(second)}" for first, second in ascii_seconds)
    return re.compile(
        f"{start}(?:(?<={_class(_C['c1'])})|{special}"
        f"|(?={other_seconds})(?:{as_first})|(?<={all_firsts}.)(?:{as_second}))",
        re.DOTALL,
    )


def _has_ascii(chars: str) -> bool:
    return chars.startswith("^") or any(char.isascii() for char in _expand(chars))


MOJIBAKE_PRECHECK = _build_precheck()
_WINDOW_BEFORE = 4  # the longest context ftfy's detector reads before a pair ("[a-z]\s?Ã ")
_WINDOW_AFTER = 8  # and after it ("ГўВЂВ.[A-Za-z ]")
_CONTEXT = 80  # characters of context given to ftfy's repair around a suspect place


def suspect_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of text where ftfy's detector fires.

    Each stretch is the detector's hit widened by about `_CONTEXT` characters on each side, cut
    at whitespace and never beyond its line (ftfy fixes text line by line), so that a long
    paragraph with one bad word does not send the whole paragraph through the repair.
    """
    if text.isascii():
        return []
    spans: list[tuple[int, int]] = []
    for hit in MOJIBAKE_PRECHECK.finditer(text):
        if spans and hit.start() < spans[-1][1]:
            continue
        line_start = text.rfind("\n", 0, hit.start()) + 1
        line_end = text.find("\n", hit.start())
        if line_end < 0:
            line_end = len(text)
        low = max(line_start, hit.start() - _WINDOW_BEFORE)
        high = min(line_end, hit.end() + _WINDOW_AFTER)
        if not BADNESS_RE.search(text[line_start:line_end], low - line_start, high - line_start):
            continue
        start = _cut(text, max(line_start, hit.start() - _CONTEXT), line_start, -1)
        end = _cut(text, min(line_end, hit.end() + _CONTEXT), line_end, +1)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _cut(text: str, offset: int, limit: int, step: int) -> int:
    """Move `offset` towards `limit` until it sits on whitespace (or reaches the limit)."""
    while offset != limit and not text[offset if step > 0 else offset - 1].isspace():
        offset += step
    return offset


# -- mojibake runs -------------------------------------------------------------------------------
_CODEC_NAMES = {
    "latin-1": "Latin-1",
    "sloppy-windows-1252": "Windows-1252",
    "windows-1252": "Windows-1252",
    "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254",
    "sloppy-windows-1257": "Windows-1257",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "MacRoman",
    "cp437": "CP437",
}
_MERGE_GAP = 3  # changed pieces this close together are one run ("Ã©tÃ©" is one word)


@dataclass(frozen=True)
class MojibakeRun:
    """A span of `doc.text` that ftfy repairs, what it repairs it to, and how."""

    start: int
    end: int
    original: str
    repair: str
    plan: tuple[tuple[str, str], ...]
    safe: bool

    @property
    def cause(self) -> str:
        """How the text went wrong, in words ("UTF-8 decoded as Windows-1252")."""
        encodes = [
            _CODEC_NAMES.get(codec, codec) for action, codec in self.plan if action == "encode"
        ]
        decodes = [codec for action, codec in self.plan if action == "decode"]
        if decodes and decodes[-1] == "windows-1252" and encodes == ["Latin-1"]:
            return "Windows-1252 decoded as Latin-1"
        if encodes:
            twice = " (twice)" if len(encodes) > 1 else ""
            return f"UTF-8 decoded as {encodes[0]}{twice}"
        if any(codec == "fix_c1_controls" for _, codec in self.plan):
            return "Windows-1252 decoded as Latin-1"
        return "UTF-8 decoded with a single-byte codec"


@dataclass(frozen=True)
class MojibakeAnalysis:
    runs: list[MojibakeRun]

    @cached_property
    def _starts(self) -> list[int]:
        return [run.start for run in self.runs]

    def covers(self, offset: int) -> bool:
        """Whether the character at `offset` belongs to a mojibake run."""
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self.runs[index].end


def mojibake(doc: Document) -> MojibakeAnalysis:
    """Use as `doc.analysis(mojibake)`: the mojibake runs of the document, computed once."""
    runs: list[MojibakeRun] = []
    text = doc.text
    for start, end in suspect_spans(text):
        runs.extend(_line_runs(text[start:end], start))
    return MojibakeAnalysis(runs)


def _line_runs(line: str, offset: int) -> list[MojibakeRun]:
    fixed, explanation = ftfy.fix_encoding_and_explain(line)
    if fixed == line:
        return []
    plan = tuple((step[0], step[1]) for step in explanation or ())
    pieces: list[list[int]] = []  # [i1, i2, j1, j2] of original and repaired text
    for i1, i2, j1, j2 in _changes(line, fixed):
        if pieces and _joins(line[pieces[-1][1] : i1]):
            pieces[-1][1], pieces[-1][3] = i2, j2
        else:
            pieces.append([i1, i2, j1, j2])
    runs = []
    for piece in pieces:
        _absorb_lost_bytes(line, fixed, piece)
    for i1, i2, j1, j2 in pieces:
        if i1 == i2:  # a pure insertion: show the character it follows
            i1, j1 = max(0, i1 - 1), max(0, j1 - 1)
        original, repair = line[i1:i2], fixed[j1:j2]
        runs.append(
            MojibakeRun(
                offset + i1,
                offset + i2,
                original,
                repair,
                plan,
                _round_trips(original, repair, plan),
            )
        )
    return runs


_TOKEN = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _changes(line: str, fixed: str) -> Iterator[tuple[int, int, int, int]]:
    """The changed (i1, i2, j1, j2) pieces between a line and its repair.

    A character-level diff of a whole line is quadratic; ftfy keeps ASCII text as it is, so
    the lines are first aligned by runs of ASCII and non-ASCII characters, and only the
    differing runs are compared character by character.
    """
    old_tokens = [match.span() for match in _TOKEN.finditer(line)]
    new_tokens = [match.span() for match in _TOKEN.finditer(fixed)]
    matcher = SequenceMatcher(
        None,
        [line[a:b] for a, b in old_tokens],
        [fixed[a:b] for a, b in new_tokens],
        autojunk=False,
    )
    for tag, t1, t2, u1, u2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        i1 = old_tokens[t1][0] if t1 < len(old_tokens) else len(line)
        i2 = old_tokens[t2 - 1][1] if t2 > t1 else i1
        j1 = new_tokens[u1][0] if u1 < len(new_tokens) else len(fixed)
        j2 = new_tokens[u2 - 1][1] if u2 > u1 else j1
        inner = SequenceMatcher(None, line[i1:i2], fixed[j1:j2], autojunk=False)
        for inner_tag, a1, a2, b1, b2 in inner.get_opcodes():
            if inner_tag != "equal":
                yield i1 + a1, i1 + a2, j1 + b1, j1 + b2


_LOST_BYTES = frozenset("\ufffd\x81\x8d\x8f\x90\x9d")


def _absorb_lost_bytes(line: str, fixed: str, piece: list[int]) -> None:
    """Widen a run over the replacement characters ftfy kept as they were at its edges."""
    i1, i2, j1, j2 = piece
    while i2 < len(line) and j2 < len(fixed) and line[i2] == fixed[j2] and line[i2] in _LOST_BYTES:
        i2, j2 = i2 + 1, j2 + 1
    while i1 > 0 and j1 > 0 and line[i1 - 1] == fixed[j1 - 1] and line[i1 - 1] in _LOST_BYTES:
        i1, j1 = i1 - 1, j1 - 1
    piece[:] = [i1, i2, j1, j2]


def _joins(gap: str) -> bool:
    """Whether two changed pieces this far apart are one run: a short gap inside a word
    ("Ã©tÃ©"), or one with no ASCII letters or digits (a space in mis-decoded Cyrillic)."""
    if len(gap) > _MERGE_GAP:
        return False
    if not any(char.isspace() for char in gap):
        return True
    return not any(char.isascii() and char.isalnum() for char in gap)


def _round_trips(original: str, repair: str, plan: tuple[tuple[str, str], ...]) -> bool:
    """Whether undoing the repair gives back exactly the original run: nothing was guessed.

    The repair is re-encoded the way it was mis-decoded: ftfy's own encode/decode steps,
    inverted, or else (for plans that fixed pieces or C1 characters one by one) UTF-8 read
    with one of ftfy's single-byte codecs, or Windows-1252 read as Latin-1. A run where ftfy
    restored lost bytes (a no-break space that became a space, a lost continuation byte)
    cannot come back exactly, so its fix is unsafe.
    """
    steps = tuple(step for step in plan if step[0] in ("encode", "decode"))
    candidates = [steps] if steps else []
    candidates += [(("encode", codec), ("decode", "utf-8")) for codec in CHARMAP_ENCODINGS]
    candidates.append((("encode", "latin-1"), ("decode", "sloppy-windows-1252")))
    return any(_invert(repair, candidate) == original for candidate in candidates)


def _invert(repair: str, plan: tuple[tuple[str, str], ...]) -> str | None:
    value: str | bytes = repair
    try:
        for action, codec in reversed(plan):
            if action == "decode" and isinstance(value, str):
                value = value.encode("utf-8" if codec == "utf-8-variants" else codec)
            elif action == "encode" and isinstance(value, bytes):
                value = value.decode(codec)
            else:
                return None
    except (UnicodeError, LookupError):
        return None
    return value if isinstance(value, str) else None


# -- characters, named for messages ---------------------------------------------------------------
_CONTROL_NAMES = (
    "NULL START-OF-HEADING START-OF-TEXT END-OF-TEXT END-OF-TRANSMISSION ENQUIRY ACKNOWLEDGE "
    "BELL BACKSPACE CHARACTER-TABULATION LINE-FEED LINE-TABULATION FORM-FEED CARRIAGE-RETURN "
    "SHIFT-OUT SHIFT-IN DATA-LINK-ESCAPE DEVICE-CONTROL-ONE DEVICE-CONTROL-TWO "
    "DEVICE-CONTROL-THREE DEVICE-CONTROL-FOUR NEGATIVE-ACKNOWLEDGE SYNCHRONOUS-IDLE "
    "END-OF-TRANSMISSION-BLOCK CANCEL END-OF-MEDIUM SUBSTITUTE ESCAPE INFORMATION-SEPARATOR-FOUR "
    "INFORMATION-SEPARATOR-THREE INFORMATION-SEPARATOR-TWO INFORMATION-SEPARATOR-ONE"
).split()
_C1_NAMES = (
    "PADDING-CHARACTER HIGH-OCTET-PRESET BREAK-PERMITTED-HERE NO-BREAK-HERE INDEX NEXT-LINE "
    "START-OF-SELECTED-AREA END-OF-SELECTED-AREA CHARACTER-TABULATION-SET "
    "CHARACTER-TABULATION-WITH-JUSTIFICATION LINE-TABULATION-SET PARTIAL-LINE-FORWARD "
    "PARTIAL-LINE-BACKWARD REVERSE-LINE-FEED SINGLE-SHIFT-TWO SINGLE-SHIFT-THREE "
    "DEVICE-CONTROL-STRING PRIVATE-USE-ONE PRIVATE-USE-TWO SET-TRANSMIT-STATE CANCEL-CHARACTER "
    "MESSAGE-WAITING START-OF-GUARDED-AREA END-OF-GUARDED-AREA START-OF-STRING "
    "SINGLE-GRAPHIC-CHARACTER-INTRODUCER SINGLE-CHARACTER-INTRODUCER CONTROL-SEQUENCE-INTRODUCER "
    "STRING-TERMINATOR OPERATING-SYSTEM-COMMAND PRIVACY-MESSAGE APPLICATION-PROGRAM-COMMAND"
).split()


def char_name(char: str) -> str:
    """ "U+200B ZERO WIDTH SPACE": the code point and its name, controls included."""
    code = ord(char)
    if code < 0x20:
        name = _CONTROL_NAMES[code].replace("-", " ")
    elif code == 0x7F:
        name = "DELETE"
    elif 0x80 <= code <= 0x9F:
        name = _C1_NAMES[code - 0x80].replace("-", " ")
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} {name}".rstrip()


def shown(text: str, limit: int = 60) -> str:
    """Text in backticks for a message: controls and invisible characters escaped, long text cut."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif unicodedata.category(char) in ("Cf", "Zl", "Zp", "Cs", "Co") or char == "\xad":
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "`" + "".join(out) + "`"


def counted(names: list[str]) -> str:
    """ "U+0000 NULL ×3, U+001B ESCAPE": distinct names in order of appearance, with counts."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{name} ×{count}" if count > 1 else name for name, count in counts.items())


# -- scripts ------------------------------------------------------------------------------------
# Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, presentation
# forms, and the historic RTL blocks of the supplementary planes.
RTL_CLASS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
RTL_CHAR = re.compile(f"[{RTL_CLASS}]")

# Scripts whose spelling uses ZERO WIDTH (NON-)JOINER between letters: the Arabic family
# (Persian, Urdu, Kurdish ZWNJ), Syriac, Indic scripts (Devanagari to Sinhala: conjuncts, half
# forms, chillus), Tibetan, Myanmar, Khmer, Mongolian, Vedic extensions and Brahmic blocks.
_JOINING_RANGES = (
    (0x0600, 0x08FF), (0x0900, 0x0DFF), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x18AF),
    (0x1CD0, 0x1CFF), (0xA8E0, 0xA8FF), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F), (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFE), (0x11000, 0x11FFF),
)  # fmt: skip
# Scripts written without spaces, where ZERO WIDTH SPACE marks word boundaries: Thai, Lao,
# Tibetan, Myanmar, Khmer, Balinese, Javanese, Tai scripts.
_NO_SPACE_RANGES = (
    (0x0E00, 0x0EFF), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF),
    (0x1950, 0x19DF), (0x1B00, 0x1B7F), (0xA980, 0xA9DF), (0xAA80, 0xAADF),
)  # fmt: skip
# Extended_Pictographic, approximated by blocks (emoji, dingbats, symbols that take emoji style).
_PICTOGRAPHIC_RANGES = (
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122),
    (0x2139, 0x2139), (0x2194, 0x21AA), (0x231A, 0x23FF), (0x24C2, 0x24C2), (0x25AA, 0x25FE),
    (0x2600, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D),
    (0x3297, 0x3299), (0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD),
)  # fmt: skip
_EMOJI_MODIFIERS = ((0xFE0E, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F), (0x20E3, 0x20E3))


def char_class(*range_tables: tuple[tuple[int, int], ...]) -> str:
    """A regex character class body for tables of (low, high) code point ranges."""
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for table in range_tables for low, high in table)


JOINING_CLASS = char_class(_JOINING_RANGES)
NO_SPACE_CLASS = char_class(_NO_SPACE_RANGES)
PICTOGRAPHIC_CLASS = char_class(_PICTOGRAPHIC_RANGES)
EMOJI_END_CLASS = char_class(_PICTOGRAPHIC_RANGES, _EMOJI_MODIFIERS)


def _in(ranges: tuple[tuple[int, int], ...], char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def is_joining_script(char: str) -> bool:
    return _in(_JOINING_RANGES, char)


def is_no_space_script(char: str) -> bool:
    return _in(_NO_SPACE_RANGES, char)


def is_pictographic(char: str) -> bool:
    return _in(_PICTOGRAPHIC_RANGES, char)


def ends_emoji(char: str) -> bool:
    """Whether `char` can end the emoji before a ZWJ (the emoji, its modifier or its tag)."""
    return is_pictographic(char) or _in(_EMOJI_MODIFIERS, char)
