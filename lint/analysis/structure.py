"""The layout of a document: blocks with kinds, trailing matter, hard-wrap style, sentences.

`analyse_structure(doc)` (shared as `doc.structure`) splits the text after any front matter into
blocks: paragraphs, headings (Markdown `#` and setext headings, and short title-case or question
lines followed by a paragraph), list items, code, tables, block quotes, verse stanzas, address or
contact blocks and separators. Lines that are not prose (credits, "Provided by …", copyright,
tags, embedded-post trailers, sign-offs, media contacts, "About <Org>") carry a `Role`.

Trailing matter is the run of such blocks at the end (plus everything after a press-release end
mark such as "###" or "-30-", and a closing "About <Org>" section), so that rules about the end
of a document look at the last prose block (`Structure.last_body_block`).

Sentences are segmented lazily (`Structure.sentences`, or `Structure.sentences_in(index)` for
one block), over paragraph and list-item blocks only.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from lint.analysis.markdown import is_markdown_path, markdown_regions, may_hold_a_fence
from lint.analysis.sentences import Sentence, segment_spans

if TYPE_CHECKING:
    from lint.document import Document, Line

__all__ = ["Block", "BlockKind", "Role", "Structure", "analyse_structure"]

# Builds a NamedTuple from a tuple of all its fields without its Python-level __new__ (a third
# of the cost); used where a document makes one per line or sentence.
_new_tuple = tuple.__new__


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    CODE = "code"
    TABLE = "table"
    QUOTE = "quote"  # a Markdown block quote ("> ...")
    VERSE = "verse"  # a stanza of short lines that are not wrapped prose
    ADDRESS = "address"  # postal address or contact details
    SEPARATOR = "separator"  # "---", "***", "###", "-30-", "ENDS"
    FRONT_MATTER = "front-matter"


class Role(StrEnum):
    """What a non-prose line or block is for (None on `Block.role` for ordinary text)."""

    CREDIT = "credit"  # "Reporting by …", "Photo: …", "X contributed to this report."
    PROVIDED_BY = "provided-by"  # "Provided by …", "This story originally appeared in …"
    CONTACT = "contact"  # "Media contact:", bare e-mail or phone lines
    ABOUT = "about"  # "About Acme Corp" section heading
    COPYRIGHT = "copyright"
    TAGS = "tags"  # "Tags: …", hashtag lines
    RELATED = "related"  # "Related:", "See also", "Read more:" (followed by links)
    EMBED = "embed"  # social-media embed trailers
    SIGN_OFF = "sign-off"  # "Thanks,", "Best regards,", "— Ana"
    BYLINE = "byline"  # "By Jane Doe"
    NOTE = "note"  # "Editor's note: …", "Published …", an italic-only note line
    LINK = "link"  # a bare URL, image or link line
    BOILERPLATE = "boilerplate"  # "Share this article", "Follow us on …"
    SEPARATOR = "separator"


# Roles whose first line makes the whole run of lines (up to a blank line) that role.
_GROUP_ROLES = frozenset({Role.CONTACT, Role.ABOUT, Role.RELATED, Role.SIGN_OFF})
PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})


class Block(NamedTuple):
    """A run of lines of one kind. `content_start` is after markup such as "# " or "- ".

    A NamedTuple rather than a frozen dataclass: documents have one block per paragraph, and a
    frozen dataclass costs four times as much to build."""

    kind: BlockKind
    start: int
    end: int
    first_line: int
    last_line: int
    text: str
    content_start: int
    role: Role | None = None
    hard_end: bool = False  # a press-release end mark: "###", "-30-", "ENDS"

    @property
    def line_count(self) -> int:
        return self.last_line - self.first_line + 1

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS and self.role is None


@dataclass(eq=False)
class Structure:
    """The blocks of a document and what is known about its layout."""

    text: str
    blocks: list[Block]
    trailing_index: int  # blocks[trailing_index:] are trailing matter
    is_markdown: bool = False
    wrap_width: int | None = None  # set when prose paragraphs are hard-wrapped on purpose
    _block_sentences: dict[int, list[Sentence]] = field(default_factory=dict, repr=False)

    @property
    def hard_wrapped(self) -> bool:
        return self.wrap_width is not None

    @property
    def trailing(self) -> list[Block]:
        return self.blocks[self.trailing_index :]

    @property
    def body(self) -> list[Block]:
        """Blocks before trailing matter, without front matter."""
        return [b for b in self.blocks[: self.trailing_index] if b.kind != BlockKind.FRONT_MATTER]

    @property
    def first_body_block(self) -> Block | None:
        for block in self.blocks[: self.trailing_index]:
            if block.kind != BlockKind.FRONT_MATTER:
                return block
        return None

    @property
    def last_body_block(self) -> Block | None:
        for block in reversed(self.blocks[: self.trailing_index]):
            if block.kind != BlockKind.FRONT_MATTER:
                return block
        return None

    @property
    def trailing_start(self) -> int:
        """Offset where trailing matter starts (the text length when there is none)."""
        if self.trailing_index < len(self.blocks):
            return self.blocks[self.trailing_index].start
        return len(self.text)

    def index_of(self, block: Block) -> int:
        # by identity, from the end: rules ask about the last blocks, and comparing frozen
        # dataclasses field by field costs more than the rule itself
        blocks = self.blocks
        for index in range(len(blocks) - 1, -1, -1):
            if blocks[index] is block:
                return index
        return blocks.index(block)

    def sentences_in(self, index: int) -> list[Sentence]:
        """Sentences of one block (computed once): paragraphs and list items that are prose
        (no role, or the text of an "About <Org>" section); empty for other blocks."""
        cached = self._block_sentences.get(index)
        if cached is None:
            block = self.blocks[index]
            cached = []
            if _is_segmented(block):
                cached = segment_spans(self.text, [(block.content_start, block.end, index)])[0]
            self._block_sentences[index] = cached
        return cached

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the paragraphs and list items, in order (trailing matter too)."""
        cache = self._block_sentences
        todo = [
            (block.content_start, block.end, index)
            for index, block in enumerate(self.blocks)
            if _is_segmented(block) and index not in cache
        ]
        for (_, _, index), found in zip(todo, segment_spans(self.text, todo), strict=True):
            cache[index] = found
        result: list[Sentence] = []
        for index in sorted(cache):
            result.extend(cache[index])
        return result


def _is_segmented(block: Block) -> bool:
    """Paragraphs and list items that are prose: no role, or the text of an "About" section."""
    kind, role = block.kind, block.role
    return (kind is BlockKind.PARAGRAPH or kind is BlockKind.LIST_ITEM) and (
        role is None or role is Role.ABOUT
    )


# -- line patterns ------------------------------------------------------------------------
_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|$)(?!#)")
_SETEXT_UNDERLINE = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_LIST_MARKER = re.compile(
    r"[ \t]*(?:[-*+•▪◦‣–]|\d{1,3}[.)]|[a-zA-Z][.)](?=[ \t]+[A-Z]))[ \t]+(?=\S)"
)
_LIST_FIRST_CHARS = frozenset("-*+•▪◦‣–")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TABLE_LINE = re.compile(r"[ ]{0,3}\|.*\||.*\S[ \t]*\|[ \t]*\S.*\|")
_TABLE_DELIMITER = re.compile(
    r"[ ]{0,3}\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*$"
)
# Possessive `[ \t]*+` runs: backtracking into leading spaces made a line of 100k spaces
# before "- x" cost seconds inside one match, which no time budget can interrupt.
_HARD_END = re.compile(
    r"[ \t]*+(?:#[ \t]*+#[ \t]*+#(?:[ \t]*+#)*|[-–—]?[ \t]*+30[ \t]*+[-–—]|[-–—]?[ \t]*+"
    r"(?:ENDS?|END OF (?:RELEASE|STORY|TRANSMISSION))[ \t]*+[-–—]?)[ \t]*$"
)
_SOFT_SEPARATOR = re.compile(r"[ \t]*(?:([-_*=~•·◆◇⁂])[ \t]*\1[ \t]*\1(?:[ \t]*\1)*)[ \t]*$")
_NAME_WORD = r"[A-Z][\w.'’-]*"
_NAME = (
    rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|de|da|di|du|van|von|der|la|le|el|al|bin|ibn))" + "{0,4}"
)

_ROLE_PATTERNS: dict[Role, str] = {
    Role.CREDIT: (
        r"\(?[ \t]*(?:additional[ \t]+)?(?:reporting|writing|editing|edited|compiled|produced"
        r"|translated|translation|research|fact[- ]checking|photography|photos?|pictures?"
        r"|graphics?|video|illustrations?|images?|design|animation|interactive|contributing)"
        r"[ \t]*(?:by\b|:)|(?:photo|image|picture|video|cover)[ \t]+(?:credit|courtesy)"
        r"|credits?[ \t]*:"
    ),
    Role.PROVIDED_BY: (
        r"(?:this[ \t]+(?:story|article|content|post|piece)[ \t]+(?:was[ \t]+)?)?"
        r"(?:provided|supplied|syndicated|distributed)[ \t]+(?:by|through|via)\b"
        r"|(?:this[ \t]+(?:story|article|post|piece)[ \t]+)?(?:was[ \t]+)?(?:originally|first)"
        r"[ \t]+(?:published|appeared|posted|ran)\b|sources?[ \t]*:|via[ \t]*:"
        r"|this[ \t]+(?:story|article|post|piece)[ \t]+(?:appeared|was[ \t]+published)\b"
        r"|republished[ \t]+(?:with|by|from)\b"
    ),
    Role.COPYRIGHT: r"(?:©|\(c\)[ \t]|copyright\b)",
    Role.TAGS: (
        r"(?:tags?|topics?|filed[ \t]+under|categories|category|keywords|labels)[ \t]*:"
        r"|#\w+(?:[ \t]+#\w+)+[ \t]*$"
    ),
    Role.RELATED: (
        r"(?:related(?:[ \t]+(?:articles?|stories|coverage|content|links|reading|posts))?"
        r"|see[ \t]+also|also[ \t]+read|further[ \t]+reading|recommended(?:[ \t]+reading)?"
        r"|you[ \t]+may[ \t]+also[ \t]+like|more[ \t]+(?:on[ \t]+this|stories|from[ \t]+[^:]{1,40})"
        r")[ \t]*:?[ \t]*$|read[ \t]+(?:more|next|also)[ \t]*:"
    ),
    Role.CONTACT: (
        r"(?:media|press|investor|news)[ \t]+(?:contacts?|inquiries|enquiries|relations)\b"
        r"|contacts?[ \t]*:|for[ \t]+(?:more|further|additional)[ \t]+information\b"
        r"|for[ \t]+(?:media|press)[ \t]+(?:inquiries|enquiries)\b"
        r"|(?:e-?mail|tel|phone|fax|mobile)[ \t]*[:.]"
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+[ \t]*$|\+?[\d(][\d() .-]{6,}\d[ \t]*$"
    ),
    Role.EMBED: (
        r"view[ \t]+this[ \t]+post[ \t]+on|a[ \t]+post[ \t]+shared[ \t]+by"
        r"|this[ \t]+content[ \t]+is[ \t]+imported[ \t]+from|watch[ \t]+on[ \t]+youtube"
    ),
    Role.SIGN_OFF: (
        r"(?:thanks(?:[ \t]+(?:again|so[ \t]+much))?|thank[ \t]+you|many[ \t]+thanks|best"
        r"|best[ \t]+wishes|(?:best|kind|warm|warmest)[ \t]+regards|warmly|regards|sincerely"
        r"|yours(?:[ \t]+(?:truly|sincerely|faithfully))?|cheers|love|all[ \t]+the[ \t]+best"
        r"|with[ \t]+(?:gratitude|thanks|love)|respectfully|take[ \t]+care|xoxo|talk[ \t]+soon"
        r"|see[ \t]+you[ \t]+soon)[ \t]*[,!.]?[ \t]*$|[—–~][ \t]*" + _NAME + r"[ \t]*$"
        r"|--[ \t]*" + _NAME + r"[ \t]*$|sent[ \t]+from[ \t]+my\b"
    ),
    Role.BYLINE: r"(?:(?:written|story|words|text)[ \t]+)?by[ \t]+(?-i:" + _NAME + r")[ \t]*$",
    Role.NOTE: (
        r"(?:editor['’]?s['’]?[ \t]+note|correction|clarification|update|disclosure"
        r"|disclaimer|note)[ \t]*:|(?:published|posted|updated|last[ \t]+updated)\b.{0,40}\d"
        r"|\*[^*\n]+\*[ \t]*$|_[^_\n]+_[ \t]*$"
    ),
    Role.LINK: (
        r"<?https?://\S+>?[ \t]*$|www\.\S+[ \t]*$|!\[[^\]]*\]\([^)]*\)[ \t]*$"
        r"|\[[^\]]+\]\([^)]+\)[ \t]*$"
    ),
    Role.BOILERPLATE: (
        r"(?:share[ \t]+(?:this|on)|follow[ \t]+(?:us|me|@)|subscribe\b|sign[ \t]+up\b"
        r"|advertisement[ \t]*$|sponsored[ \t]*$|download[ \t]+(?:the|our)[ \t]+app"
        r"|like[ \t]+us[ \t]+on|join[ \t]+(?:us|our)[ \t]+on)"
    ),
}
_ROLE = re.compile(
    r"[ \t]*(?:" + "|".join(f"(?P<{role.name}>{p})" for role, p in _ROLE_PATTERNS.items()) + ")",
    re.IGNORECASE,
)
# The words (lowercased) each role's pattern can start with, when it starts with a letter.
# Only the email address of Role.CONTACT can start with any word, and it needs an "@".
_ROLE_WORDS: dict[Role, str] = {
    Role.CREDIT: (
        "additional reporting writing editing edited compiled produced translated translation"
        " research fact photography photo photos picture pictures graphic graphics video"
        " illustration illustrations image images design animation interactive contributing"
        " cover credit credits"
    ),
    Role.PROVIDED_BY: (
        "this provided supplied syndicated distributed was originally first source sources via"
        " republished"
    ),
    Role.COPYRIGHT: "copyright",
    Role.TAGS: "tag tags topic topics filed categories category keywords labels",
    Role.RELATED: "related see also further recommended you more read",
    Role.CONTACT: "media press investor news contact contacts for e email tel phone fax mobile",
    Role.EMBED: "view a this watch",
    Role.SIGN_OFF: (
        "thanks thank many best kind warm warmest warmly regards sincerely yours cheers love all"
        " with respectfully take xoxo talk see sent"
    ),
    Role.BYLINE: "written story words text by",
    Role.NOTE: (
        "editor editors correction clarification update disclosure disclaimer note published"
        " posted updated last"
    ),
    Role.LINK: "http https www",
    Role.BOILERPLATE: "share follow subscribe sign advertisement sponsored download like join",
}


# For each first word, the roles to try in `_ROLE`'s order, each with its own pattern: the
# combined pattern tries every alternative of every role, which costs microseconds per line.
def _roles_by_word() -> dict[str, tuple[tuple[Role, re.Pattern[str]], ...]]:
    table: dict[str, tuple[tuple[Role, re.Pattern[str]], ...]] = {}
    for role, pattern in _ROLE_PATTERNS.items():
        compiled = re.compile(r"[ \t]*(?:" + pattern + ")", re.IGNORECASE)
        for word in _ROLE_WORDS[role].split():
            table[word] = (*table.get(word, ()), (role, compiled))
    return table


_ROLES_BY_WORD = _roles_by_word()
_ABOUT_WORDS = frozenset({"about", "über"})
# "About Acme Corp" (every word capitalised, no terminal punctuation), also as a "#" heading.
_ABOUT = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*)?(?:About|ABOUT|Über)[ \t]+(?:the[ \t]+|us\b)?"
    r"(?:[A-Z0-9][\w&.,'’-]*(?:[ \t]+(?:[A-Z0-9&][\w&.,'’-]*|of|and|for|the|de))*)?"
    r"(?:\*\*)?[ \t]*:?[ \t]*$"
)
_CONTACT_DETAIL = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+|\+?\(?\d{2,4}\)?[ .-]\d{3}[ .-]\d{3,4}|\bP\.?O\.? Box\b"
    r"|\b\d{1,5}[ \t]+\w+(?:[ \t]+\w+)*[ \t]+(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard"
    r"|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Place|Pl\.?|Square|Suite)\b"
    r"|\b[A-Z][a-z]+,?[ \t]+[A-Z]{2}[ \t]+\d{5}\b|\bSuite[ \t]+\d+|\b\d{4,5}[ \t]+[A-Z][a-z]+\b"
    r"|\b[A-Z]{1,2}\d{1,2}[A-Z]?[ \t]+\d[A-Z]{2}\b"
)
_TERMINAL = frozenset(".!?…")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to vs via with over under".split()
)


# Roles recognised anywhere in a short line, each behind a cheap substring test.
_SEARCHED_ROLES: tuple[tuple[str, re.Pattern[str], Role], ...] = (
    (
        "contributed",
        re.compile(r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))", re.I),
        Role.CREDIT,
    ),
    ("reserved", re.compile(r"\ball\s+rights\s+reserved", re.I), Role.COPYRIGHT),
    ("pic.twitter.com/", re.compile(r"pic\.twitter\.com/"), Role.EMBED),
    ("t.co/", re.compile(r"https?://t\.co/"), Role.EMBED),
    ("(@", re.compile(r"\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}"), Role.EMBED),
)


# The first words (lowercased) and first characters a line with a role can start with: a
# cheap gate so that ordinary prose never runs the role patterns.
_ROLE_FIRST_WORDS = frozenset(
    """
    additional reporting writing editing edited compiled produced translated translation research
    fact photography photo photos picture pictures graphic graphics video illustration
    illustrations image images design animation interactive contributing cover credit credits
    this provided supplied syndicated distributed was originally first source sources via
    republished copyright tags tag topic topics filed categories category keywords labels related
    see also further recommended you more read media press investor news contact contacts for
    e email mail tel phone fax mobile view a watch thanks thank many best kind warm warmest warmly
    regards sincerely yours cheers love all with respectfully take xoxo talk sent by written story
    words text editor editors correction clarification update disclosure disclaimer note
    published posted updated last www http https share follow subscribe sign advertisement
    sponsored download like join about über
    """.split()
)
_ROLE_FIRST_CHARS = frozenset("(©#—–~-*_![<+0123456789")
_FIRST_WORD = re.compile(r"[ \t]*([^\W\d_]+)")


def _may_hold_a_searched_role(text: str) -> bool:
    """Whether a line of `text` may pass the substring tests of `_searched_role`. A search for
    one character costs a fraction of one for a longer string, so those come first ("V" before
    "ESERVED"; the two Twitter patterns need a "/", the embed date an "@")."""
    return (
        "contributed" in text
        or "eserved" in text
        or ("V" in text and "ESERVED" in text)
        or ("/" in text and ("pic.twitter" in text or "t.co/" in text))
        or ("@" in text and "(@" in text)
    )


def _first_word(stripped: str) -> str:
    """What `_FIRST_WORD` captures at the start of a stripped line ("" if nothing)."""
    space = stripped.find(" ")
    token = stripped[:space] if space != -1 else stripped
    if token.isalpha():  # the usual case, without the regex: no other space can come first
        return token
    first = _FIRST_WORD.match(stripped)
    return first.group(1) if first is not None else ""


def _may_start_a_role(stripped: str) -> bool:
    """The cheap gate in front of the role patterns: a first character or word a role line
    can start with, or an "@" early in the line."""
    return (
        stripped[:1] in _ROLE_FIRST_CHARS
        or _first_word(stripped).lower() in _ROLE_FIRST_WORDS
        or stripped.find("@", 0, 40) != -1
    )


def _searched_role(line: str) -> Role | None:
    """A role found anywhere in a line (`_SEARCHED_ROLES`), for lines of 300 characters or less."""
    if (
        "contributed" in line
        or "eserved" in line
        or "ESERVED" in line
        or "pic.twitter" in line
        or "t.co/" in line
        or "(@" in line
    ):
        lower = line.lower()
        for needle, pattern, role in _SEARCHED_ROLES:
            if needle in lower and pattern.search(line):
                return role
    return None


def _leading_role(line: str, stripped: str) -> Role | None:
    """What `_ABOUT`, then `_ROLE`, find at the start of a line that passed the gate. A line
    that starts with a letter and holds no "@" tries only the patterns of the roles that can
    start with its first word."""
    if stripped[:1] in _ROLE_FIRST_CHARS or "@" in line:
        if _ABOUT.match(line):
            return Role.ABOUT
        match = _ROLE.match(line)
        return Role[match.lastgroup] if match is not None and match.lastgroup else None
    word = _first_word(stripped).lower()
    if word in _ABOUT_WORDS and _ABOUT.match(line):
        return Role.ABOUT
    for role, pattern in _ROLES_BY_WORD.get(word, ()):
        if pattern.match(line):
            return role
    return None


def _role(line: str, searched: bool = True) -> Role | None:
    """The role of a line; `searched=False` when no line of the document can hold one of
    `_SEARCHED_ROLES` (saves six substring scans per line)."""
    if len(line) > 400:
        return None
    stripped = line.lstrip()
    if _may_start_a_role(stripped):
        role = _leading_role(line, stripped)
        if role is not None:
            return role
    if searched and len(line) <= 300:
        return _searched_role(line)
    return None


# The first characters of lines `_line_kind` may give a kind (with digits, "END" and "a." or
# "B)") and of lines `_role` may give a role (with the first words of `_ROLE_FIRST_WORDS`).
_MARKUP_FIRST_CHARS = frozenset("#>|-_*=~•·◆◇⁂–—3") | _LIST_FIRST_CHARS | _ROLE_FIRST_CHARS


def _line_kind(text: str) -> tuple[BlockKind | None, int]:
    """The kind a line forces (None for plain text) and where its content starts in the line."""
    stripped = text.lstrip()
    first = stripped[:1]
    if not first:
        return None, 0
    if first == "#":
        if _HARD_END.match(text):
            return BlockKind.SEPARATOR, 0
        heading = _ATX_HEADING.match(text)
        if heading:
            return BlockKind.HEADING, heading.end()
    elif first == ">":
        return BlockKind.QUOTE, 0
    elif first == "|" or ("|" in text and _TABLE_LINE.match(text)):
        return BlockKind.TABLE, 0
    # the first characters each pattern can start with gate it: most lines are prose
    if (first in "-_*=~•·◆◇⁂–—3" or (first == "E" and stripped.startswith("END"))) and (
        _SOFT_SEPARATOR.match(text) or _HARD_END.match(text)
    ):
        return BlockKind.SEPARATOR, 0
    if (
        first in _LIST_FIRST_CHARS
        or first.isdigit()
        or (first in _ASCII_LETTERS and stripped[1:2] in (".", ")"))
    ):
        marker = _LIST_MARKER.match(text)
        if marker:
            return BlockKind.LIST_ITEM, marker.end()
    return None, 0


def _is_plain(text: str, searched: bool) -> bool:
    """`_line_kind(text)[0] is None and _role(text, searched) is None`, answered without
    either for the usual line of prose: one that starts with a letter (not "a." or "END") and
    a word that no role starts with, and holds no "|"."""
    stripped = text.lstrip()
    first = stripped[:1]
    if (
        not first
        or first in _MARKUP_FIRST_CHARS
        or first.isdigit()
        or stripped[1:2] in (".", ")")
        or (first == "E" and stripped.startswith("END"))
        or "|" in text
    ):
        return _line_kind(text)[0] is None and _role(text, searched) is None
    if len(text) > 400:
        return True
    if _first_word(stripped).lower() in _ROLE_FIRST_WORDS or stripped.find("@", 0, 40) != -1:
        return _role(text, searched) is None
    return not searched or len(text) > 300 or _searched_role(text) is None


def _is_titleish(text: str) -> bool:
    """Short title-case, all-caps or question line: the shape of a heading."""
    stripped = text.strip().strip("*_")
    if not stripped or len(stripped) > 90 or stripped[-1] in ".,;!:" or stripped[0].islower():
        return False
    words = stripped.split()
    if len(words) > 12:
        return False
    if stripped.endswith("?") or stripped.isupper():
        return True
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return bool(content) and capitalised >= 0.75 * len(content)


def _first_word_length(text: str) -> int:
    stripped = text.lstrip()
    space = stripped.find(" ")
    return len(stripped) if space < 0 else space


def _looks_like_verse(lines: list[Line]) -> bool:
    """Short lines broken where the next word would still have fitted: a stanza, not wrapping."""
    if len(lines) < 3:
        return False  # two lines are too few to tell a couplet from a broken sentence
    lengths = [len(line.text.rstrip()) for line in lines]
    if max(lengths) > 60 or sum(lengths) / len(lengths) > 48:
        return False
    capitalised = sum(1 for line in lines if not line.text.lstrip()[:1].islower())
    if capitalised >= 0.75 * len(lines):
        return True  # wrapped prose starts most lines lowercase; verse capitalises them
    widest = max(lengths)
    fits = sum(
        1
        for i in range(len(lines) - 1)
        if lengths[i] + 1 + _first_word_length(lines[i + 1].text) <= widest
    )
    return fits >= max(1, (len(lines) - 1) / 2)


def _looks_like_address(lines: list[Line]) -> bool:
    if len(lines) < 2 or any(len(line.text) > 70 for line in lines):
        return False
    details = sum(1 for line in lines if _CONTACT_DETAIL.search(line.text))
    return details >= 1 and not any(line.text.rstrip().endswith((". ", "!", "?")) for line in lines)


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.blocks: list[Block] = []
        self.code_lines: frozenset[int] = frozenset()
        self.roles: dict[int, Role | None] = {}  # of lines, by number: each computed once
        self.searched = _may_hold_a_searched_role(self.text)

    def role(self, line: str) -> Role | None:
        return _role(line, self.searched)

    def role_of(self, line: Line) -> Role | None:
        roles = self.roles
        number = line.number
        if number not in roles:
            roles[number] = _role(line.text, self.searched)
        return roles[number]

    def add(
        self,
        kind: BlockKind,
        lines: list[Line],
        role: Role | None = None,
        content_start: int | None = None,
        hard_end: bool = False,
    ) -> None:
        start, end = lines[0].start, lines[-1].end
        fields = (
            kind,
            start,
            end,
            lines[0].number,
            lines[-1].number,
            self.text[start:end],
            start if content_start is None else content_start,
            role,
            hard_end,
        )
        self.blocks.append(_new_tuple(Block, fields))  # Block(...) without its Python __new__

    def line_kind(self, line: Line) -> tuple[BlockKind | None, int]:
        """The kind a line forces (None for plain text) and where its content starts."""
        kind, content = _line_kind(line.text)
        return kind, line.start + content

    def plain_line(self, number: int, start: int, end: int, text: str) -> bool:
        """Add a one-line paragraph of plain prose (most paragraphs) as a block, if it is one."""
        if number in self.code_lines or not _is_plain(text, self.searched):
            return False
        self.blocks.append(  # what Block(...) builds, without its Python-level __new__
            _new_tuple(
                Block, (BlockKind.PARAGRAPH, start, end, number, number, text, start, None, False)
            )
        )
        return True

    def paragraph_group(self, lines: list[Line]) -> None:
        """Split one run of non-blank lines into blocks (a single line: once `plain_line` has
        turned it away)."""
        code = self.code_lines
        index = 0
        plain: list[Line] = []
        group_role: Role | None = None
        # a list item's own role is never asked for: `line_kind` gives it a kind of its own
        if lines[0].number not in code and not _LIST_MARKER.match(lines[0].text):
            first_role = self.role_of(lines[0])
            if first_role in _GROUP_ROLES:
                group_role = first_role
        while index < len(lines):
            line = lines[index]
            if line.number in code:
                self.flush(plain, group_role)
                run = [line]
                while index + 1 < len(lines) and lines[index + 1].number in code:
                    index += 1
                    run.append(lines[index])
                self.add(BlockKind.CODE, run)
                index += 1
                continue
            kind, content_start = self.line_kind(line)
            if (
                kind == BlockKind.SEPARATOR
                and plain
                and len(plain) >= 1
                and _SETEXT_UNDERLINE.match(line.text)
                and not _HARD_END.match(line.text)
            ):
                heading_line = plain.pop()
                self.flush(plain, group_role)
                self.add(BlockKind.HEADING, [heading_line, line])
                index += 1
                continue
            if kind is None:
                plain.append(line)
                index += 1
                continue
            self.flush(plain, group_role)
            if kind == BlockKind.SEPARATOR:
                hard = _HARD_END.match(line.text) is not None
                self.add(kind, [line], Role.SEPARATOR, hard_end=hard)
            elif kind == BlockKind.HEADING:
                self.add(kind, [line], self.role_of(line), content_start)
            elif kind == BlockKind.LIST_ITEM:
                run = [line]
                while index + 1 < len(lines):
                    following = lines[index + 1]
                    if following.number in code or self.line_kind(following)[0] is not None:
                        break
                    run.append(following)
                    index += 1
                role = self.role(self.text[content_start : run[0].end])
                if role not in (Role.LINK, Role.EMBED, Role.CREDIT, Role.COPYRIGHT):
                    role = None
                self.add(kind, run, role, content_start)
            else:  # quotes and tables run on while the next line has the same kind
                run = [line]
                while index + 1 < len(lines) and lines[index + 1].number not in code:
                    if self.line_kind(lines[index + 1])[0] != kind:
                        break
                    index += 1
                    run.append(lines[index])
                self.add(kind, run)
            index += 1
        self.flush(plain, group_role)

    def flush(self, plain: list[Line], group_role: Role | None) -> None:
        """Classify a run of plain lines: paragraph, verse, address, role lines, heading."""
        if not plain:
            return
        lines = list(plain)
        plain.clear()
        if group_role is not None:
            if group_role == Role.ABOUT and len(lines) > 1:
                self.add(BlockKind.HEADING, [lines.pop(0)], group_role)
            self.add(BlockKind.PARAGRAPH, lines, group_role)
            return
        # single lines with a role of their own ("Photo: …", "(Reporting by …)") stand alone
        while lines:
            role = self.role_of(lines[0])
            if role is None or (role in _GROUP_ROLES and len(lines) > 1):
                break
            self.add(BlockKind.PARAGRAPH, [lines.pop(0)], role)
        tail: list[tuple[Line, Role]] = []
        while len(lines) > 1:
            role = self.role_of(lines[-1])
            if role is None or role == Role.NOTE:
                break
            tail.insert(0, (lines.pop(), role))
        if lines:
            if (
                len(lines) > 1
                and _is_titleish(lines[0].text)
                and len(lines[0].text) < 0.8 * max(len(line.text) for line in lines[1:])
                and not (len(lines) > 2 and _looks_like_verse(lines[1:]))
            ):
                self.add(BlockKind.HEADING, [lines.pop(0)])
            if _looks_like_address(lines):
                self.add(BlockKind.ADDRESS, lines)
            elif _looks_like_verse(lines):
                self.add(BlockKind.VERSE, lines)
            else:
                self.add(BlockKind.PARAGRAPH, lines)
        for line, role in tail:
            self.add(BlockKind.PARAGRAPH, [line], role)


def _mark_headings(blocks: list[Block]) -> list[Block]:
    """Single title-case or question lines followed by prose become headings (in place: each
    block is looked at before the one after it changes)."""
    for i in range(len(blocks) - 1):
        block = blocks[i]
        if (
            len(block.text) <= 96
            and block.kind is BlockKind.PARAGRAPH
            and block.role is None
            and block.first_line == block.last_line
            and blocks[i + 1].kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE)
            and _is_titleish(block.text)
        ):
            blocks[i] = Block(
                BlockKind.HEADING,
                block.start,
                block.end,
                block.first_line,
                block.last_line,
                block.text,
                block.content_start,
                None,
            )
    return blocks


def _trailing_index(blocks: list[Block]) -> int:
    """Index of the first block of trailing matter (len(blocks) when there is none)."""
    first_body = 0
    while first_body < len(blocks) and blocks[first_body].kind == BlockKind.FRONT_MATTER:
        first_body += 1

    first_prose: int | None = None  # of a plain paragraph, found when first needed
    last_heading: int | None = None  # of a heading without a role, likewise

    def prose_before(index: int) -> bool:
        nonlocal first_prose
        if first_prose is None:
            first_prose = next(
                (
                    i
                    for i, b in enumerate(blocks)
                    if b.kind is BlockKind.PARAGRAPH and b.role is None
                ),
                len(blocks),
            )
        return first_prose < index

    def heading_after(index: int) -> bool:
        nonlocal last_heading
        if last_heading is None:
            last_heading = next(
                (
                    i
                    for i in range(len(blocks) - 1, -1, -1)
                    if blocks[i].kind is BlockKind.HEADING and blocks[i].role is None
                ),
                -1,
            )
        return last_heading > index

    index = len(blocks)
    while index > first_body:
        block = blocks[index - 1]
        if block.role is not None or block.kind in (BlockKind.SEPARATOR, BlockKind.ADDRESS):
            index -= 1
            continue
        if block.kind == BlockKind.LIST_ITEM:
            first_item = index - 1
            while first_item > first_body and blocks[first_item - 1].kind == BlockKind.LIST_ITEM:
                first_item -= 1
            if first_item > first_body and blocks[first_item - 1].role == Role.RELATED:
                index = first_item
                continue
        break
    # a press-release end mark or a closing "About <Org>" section: everything after is trailing
    for i in range(first_body, index):
        block = blocks[i]
        if block.hard_end and prose_before(i):
            return i
        if block.role is Role.ABOUT and prose_before(i) and not heading_after(i):
            return i
    # a sign-off ("Thanks,") followed by at most a short name line
    for i in range(max(first_body, index - 3), index):
        block = blocks[i]
        if block.role == Role.SIGN_OFF and prose_before(i):
            rest = blocks[i + 1 : index]
            if all(len(b.text.split()) <= 6 and b.line_count <= 3 for b in rest):
                return i
    return index


def _wrap_width(blocks: list[Block]) -> int | None:
    """The width prose paragraphs are hard-wrapped at, if most of them are."""
    wrapped_lines = sum(  # those followed by another line of their paragraph: the widths
        b.last_line - b.first_line
        for b in blocks
        if b.first_line != b.last_line and b.kind is BlockKind.PARAGRAPH and b.role is None
    )
    if wrapped_lines < 3:
        return None
    widths: list[int] = []
    wrapped_paragraphs = 0
    single_lengths: list[int] = []
    for block in blocks:
        if block.kind != BlockKind.PARAGRAPH or block.role is not None:
            continue
        if block.first_line == block.last_line:
            single_lengths.append(len(block.text))
            continue
        lines = block.text.split("\n")
        widths.extend(len(line.rstrip()) for line in lines[:-1])
        wrapped_paragraphs += 1
    if len(widths) < 3:
        return None
    widths.sort()
    width = widths[int(0.9 * (len(widths) - 1))]
    if not 30 <= width <= 120:
        return None
    near = sum(1 for w in widths if 0.7 * width <= w <= width + 8)
    if near < 0.8 * len(widths):
        return None
    unwrapped = sum(1 for length in single_lengths if length > width + 10)
    if unwrapped > 0.25 * (unwrapped + wrapped_paragraphs):
        return None
    return width


_MID_LINE_SENTENCE_END = re.compile(r"[.!?…][\"”’]?\s+\S")


def _promote_stanzas(blocks: list[Block]) -> list[Block]:
    """Several short-line paragraphs with no sentence ending inside a line: a poem's stanzas."""
    multi_line = [
        i
        for i, b in enumerate(blocks)
        if b.first_line != b.last_line
        and b.kind in (BlockKind.PARAGRAPH, BlockKind.VERSE)
        and b.role is None
    ]
    if len(multi_line) < 2:
        return blocks  # two stanzas at least
    stanzas = [
        i
        for i in multi_line
        if all(len(line) <= 60 for line in blocks[i].text.split("\n"))
        and not any(_MID_LINE_SENTENCE_END.search(line) for line in blocks[i].text.split("\n"))
    ]
    if len(stanzas) < 2 or len(stanzas) < 0.6 * len(multi_line):
        return blocks
    result = list(blocks)
    for i in stanzas:
        b = blocks[i]
        result[i] = Block(
            BlockKind.VERSE, b.start, b.end, b.first_line, b.last_line, b.text, b.content_start
        )
    return result


def analyse_structure(doc: Document) -> Structure:
    """Blocks, trailing matter and wrap style of `doc` (use `doc.structure` to share it)."""
    builder = _Builder(doc)
    text = doc.text
    markdown = is_markdown_path(doc.path)
    if markdown or may_hold_a_fence(text):
        builder.code_lines = doc.analysis(markdown_regions).code_lines
    front = doc.front_matter
    front_end = front.end if front is not None else 0
    lines = doc.lines
    if front_end:
        front_lines = list(itertools.takewhile(lambda line: line.start < front_end, lines))
        if front_lines:
            builder.add(BlockKind.FRONT_MATTER, front_lines)
    plain_line, paragraph_group = builder.plain_line, builder.paragraph_group
    for first_line, last_line, start, end, paragraph_text in doc.paragraphs:
        if end <= front_end:
            continue
        if first_line == last_line and start >= front_end:
            # the paragraph's text is its line's text
            if not plain_line(first_line, start, end, paragraph_text):
                paragraph_group([lines[first_line - 1]])
            continue
        group = lines[first_line - 1 : last_line]
        if front_end and group[0].start < front_end:
            group = [line for line in group if line.start >= front_end]
        if len(group) > 1:
            paragraph_group(group)
        elif group:
            line = group[0]
            if not plain_line(line.number, line.start, line.end, line.text):
                paragraph_group(group)
    blocks = _promote_stanzas(_mark_headings(builder.blocks))
    return Structure(
        text=text,
        blocks=blocks,
        trailing_index=_trailing_index(blocks),
        is_markdown=markdown,
        wrap_width=_wrap_width(blocks),
    )
