"""Defects injected into clean drafts, one function per defect, and the rules meant to find them.

Block-level injectors edit a `Draft` before it is rendered; text-level ones edit the rendered
text (line endings, final newline, trailing whitespace). Each returns whether it applied, so
the corpus labels only what is really there.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from benchmarks import vocabulary as v
from benchmarks.prose import PROSE, QUOTE, Block, Draft, Writer

# Defect name -> the rule expected to report it (documentation for readers of labels.jsonl).
DEFECT_CODES: dict[str, str] = {
    "mojibake": "ENC001",
    "replacement-character": "ENC002",
    "invalid-utf8": "ENC003",
    "control-character": "ENC004",
    "invisible-character": "ENC005",
    "html-entity": "ENC006",
    "markup-residue": "ENC007",
    "escaped-sequence": "ENC008",
    "missing-date": "DAT001",
    "unanchored-relative-date": "DAT002",
    "invalid-date": "DAT003",
    "implausible-date": "DAT004",
    "unattributed-quote": "QUO001",
    "anonymous-source": "QUO002",
    "unbalanced-quote": "QUO003",
    "unmarked-quote": "QUO004",
    "truncated-ending": "TRN001",
    "elided-ending": "TRN002",
    "truncated-start": "TRN003",
    "broken-line": "TRN004",
    "too-short": "TRN005",
    "trailing-blank-lines": "WS001",
    "trailing-whitespace": "WS002",
    "missing-final-newline": "WS003",
    "leading-whitespace": "WS004",
    "crlf-line-endings": "WS005",
    "mixed-line-endings": "WS005",
    "boilerplate-line": "BP001",
    "embed-residue": "LNK001",
    "duplicate-line": "DUP001",
    "duplicate-document": "DUP002",
    "near-duplicate-document": "DUP002",
    "relative-date": "",  # anchored by the document's date: must stay silent
}
_WORD = re.compile(r"\S+")


def _prose(draft: Draft, rng: random.Random, plain: bool = False) -> int | None:
    indexes = draft.plain_prose_indexes() if plain else draft.prose_indexes()
    return rng.choice(indexes) if indexes else None


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _WORD.finditer(text)]


def _insert_in_word_gap(text: str, rng: random.Random, insertion: str) -> str:
    """`insertion` placed after a word in the middle of `text`, keeping the words apart."""
    spans = _word_spans(text)
    if len(spans) < 3:
        return text + " " + insertion
    _, end = spans[rng.randrange(1, len(spans) - 1)]
    return text[:end] + insertion + text[end:]


def _sloppy_cp1252(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (bytes it leaves undefined pass through as Latin-1)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


_NON_ASCII_WORDS = ("café", "don’t", "it’s", "naïve", "résumé", "—", "“Yes”", "Zürich", "São")


# -- encoding ----------------------------------------------------------------------------------
def mojibake(draft: Draft, rng: random.Random) -> bool:
    index = _prose(draft, rng)
    if index is None:
        return False
    block = draft.blocks[index]
    text = _insert_in_word_gap(block.text, rng, " " + rng.choice(_NON_ASCII_WORDS))
    spans = [span for span in _word_spans(text) if not text[span[0] : span[1]].isascii()]
    start, end = rng.choice(spans)
    end = min(len(text), end + rng.choice((0, 0, 12)))  # sometimes a longer span
    block.text = text[:start] + _sloppy_cp1252(text[start:end]) + text[end:]
    return True


def replacement_character(draft: Draft, rng: random.Random) -> bool:
    index = _prose(draft, rng)
    if index is None:
        return False
    block = draft.blocks[index]
    word = rng.choice(("caf\ufffd", "don\ufffdt", "\ufffd\ufffd", "na\ufffdve", "S\ufffdo Paulo"))
    block.text = _insert_in_word_gap(block.text, rng, " " + word)
    return True


def _insert_character(choices: tuple[str, ...]) -> Callable[[Draft, random.Random], bool]:
    def inject(draft: Draft, rng: random.Random) -> bool:
        index = _prose(draft, rng)
        if index is None:
            return False
        block = draft.blocks[index]
        spans = _word_spans(block.text)
        start, end = spans[rng.randrange(len(spans))]
        cut = rng.randint(start + 1, end - 1) if end - start > 2 else end
        block.text = block.text[:cut] + rng.choice(choices) + block.text[cut:]
        return True

    return inject


control_character = _insert_character(tuple(c for c in v.CONTROL_CHARACTERS))
invisible_character = _insert_character(v.INVISIBLE_CHARACTERS)


def html_entity(draft: Draft, rng: random.Random) -> bool:
    index = _prose(draft, rng)
    if index is None:
        return False
    block = draft.blocks[index]
    entity = rng.choice(v.HTML_ENTITIES)
    insertion = f" {entity} " if entity in ("&amp;", "&nbsp;", "&mdash;") else f" it{entity}s"
    block.text = _insert_in_word_gap(block.text, rng, insertion.rstrip())
    return True


def markup_residue(draft: Draft, rng: random.Random) -> bool:
    index = _prose(draft, rng)
    if index is None:
        return False
    block = draft.blocks[index]
    opening, closing = rng.choice(v.HTML_TAGS)
    spans = _word_spans(block.text)
    start, end = spans[rng.randrange(len(spans))]
    block.text = block.text[:start] + opening + block.text[start:end] + closing + block.text[end:]
    return True


def escaped_sequence(draft: Draft, rng: random.Random) -> bool:
    index = _prose(draft, rng)
    if index is None:
        return False
    block = draft.blocks[index]
    escape = rng.choice(v.LITERAL_ESCAPES)
    insertion = f" don{escape}t" if escape in ("\\u2019", "\\x92") else escape
    block.text = _insert_in_word_gap(block.text, rng, insertion)
    return True


# -- quotes ------------------------------------------------------------------------------------
def _add_block(draft: Draft, rng: random.Random, block: Block) -> bool:
    indexes = draft.prose_indexes()
    if not indexes:
        return False
    draft.blocks.insert(rng.choice(indexes) + 1, block)
    return True


def unattributed_quote(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    words = f"“{writer.quote_words()}.”"
    text = words if rng.random() < 0.5 else f"{writer.sentence()} {words}"
    return _add_block(draft, rng, Block(QUOTE, text))


def anonymous_source(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    text = f"“{writer.quote_words()},” {rng.choice(v.ANONYMOUS_SOURCES)}."
    return _add_block(draft, rng, Block(QUOTE, text))


def unbalanced_quote(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    words, speaker = writer.quote_words(), writer.person()
    if rng.random() < 0.5:
        text = f"“{words}, said {speaker}. {writer.sentence()}"  # never closed
    else:
        text = f"{words},” said {speaker}."  # closed, never opened
    return _add_block(draft, rng, Block(QUOTE, text))


def unmarked_quote(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    pronoun = rng.choice(("He", "She", "They"))
    words = writer.quote_words()
    text = f"{writer.sentence()} {pronoun} said: {words}."
    return _add_block(draft, rng, Block(QUOTE, text))


# -- dates -------------------------------------------------------------------------------------
_RELATIVE = (
    "yesterday",
    "last week",
    "earlier this month",
    "last year",
    "on Tuesday",
    "this week",
    "two days ago",
    "next month",
)


def relative_date(draft: Draft, rng: random.Random) -> bool:
    index = _prose(draft, rng, plain=True)
    if index is None:
        return False
    block = draft.blocks[index]
    phrase = rng.choice(_RELATIVE)
    sentence = rng.choice(
        (
            f"The change was confirmed {phrase}.",
            f"A second meeting is planned for {phrase.replace('on ', '')}."
            if "ago" not in phrase
            else f"The first complaints arrived {phrase}.",
        )
    )
    block.text = f"{block.text} {sentence}"
    return True


# -- truncation --------------------------------------------------------------------------------
def _partial_sentence(writer: Writer, rng: random.Random) -> str:
    words = writer.sentence().split()
    cut = rng.randint(3, max(3, len(words) - 2))
    return " ".join(words[:cut]).rstrip(",;:—")


def truncated_ending(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    """The document stops after a word in the middle of its last sentence."""
    text = _partial_sentence(writer, rng)
    if not text[-1:].isalnum():
        text += " the"
    if rng.random() < 0.6:
        text = f"{writer.sentence()} {text}"
    draft.blocks.append(Block(PROSE, text))
    return True


def elided_ending(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    ending = rng.choice(v.READ_MORE_ENDINGS)
    if ending in ("…", "[…]"):
        text = _partial_sentence(writer, rng) + ("…" if ending == "…" else " […]")
        draft.blocks.append(Block(PROSE, f"{writer.sentence()} {text}"))
    else:
        draft.blocks.append(Block("signature", ending))
    return True


def truncated_start(draft: Draft, rng: random.Random) -> bool:
    """The document starts in the middle of a sentence: everything before it was cut."""
    indexes = draft.plain_prose_indexes()
    if not indexes:
        return False
    first = indexes[0]
    block = draft.blocks[first]
    spans = _word_spans(block.text)
    if len(spans) < 8:
        return False
    start, _ = spans[rng.randrange(2, min(6, len(spans) - 4))]
    text = block.text[start:]
    block.text = text[:1].lower() + text[1:]
    del draft.blocks[:first]
    draft.date_style = "none"
    return True


def broken_line(draft: Draft, rng: random.Random) -> bool:
    """A hard line break between two words of one sentence (plain text only)."""
    if draft.suffix != ".txt":
        return False
    index = _prose(draft, rng, plain=True)
    if index is None:
        return False
    block = draft.blocks[index]
    spans = _word_spans(block.text)
    candidates = [
        i for i in range(2, len(spans) - 2) if block.text[spans[i][1] - 1] not in ".?!:;,”"
    ]
    if not candidates:
        return False
    _, end = spans[rng.choice(candidates)]
    block.text = block.text[:end] + "\n" + block.text[end + 1 :]
    return True


def too_short(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    """Only the first lines and one or two sentences survive."""
    keep = [b for b in draft.blocks if b.kind in ("frontmatter", "title", "meta")]
    draft.blocks[:] = [*keep, Block(PROSE, " ".join(writer.sentence() for _ in range(2)))]
    if rng.random() < 0.5:
        draft.blocks[-1].text = writer.sentence()
    return True


# -- boilerplate, embeds, duplicates, indentation ----------------------------------------------
def boilerplate_line(draft: Draft, rng: random.Random, at_end: bool = True) -> bool:
    line = rng.choice(v.BOILERPLATE_LINES)
    where = rng.choice(("start", "middle", "end") if at_end else ("start", "middle"))
    if where == "end":
        draft.blocks.append(Block("boilerplate", line))
        return True
    if where == "start":
        draft.blocks.insert(
            1 if draft.blocks and draft.blocks[0].kind == "frontmatter" else 0,
            Block("boilerplate", line),
        )
        return True
    return _add_block(draft, rng, Block("boilerplate", line))


def embed_residue(draft: Draft, rng: random.Random, writer: Writer) -> bool:
    handle = rng.choice(v.USERNAMES)
    code = "".join(
        rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10)
    )
    text = rng.choice(
        (
            f"pic.twitter.com/{code}",
            f"{writer.quote_words()} https://t.co/{code}",
            f"View this post on Instagram\n\nA post shared by {writer.person()} (@{handle})",
            f"— {writer.person()} (@{handle}) {rng.choice(v.MONTHS)} {rng.randint(1, 28)}, 2021",
        )
    )
    return _add_block(draft, rng, Block("embed", text))


def duplicate_line(draft: Draft, rng: random.Random) -> bool:
    """A paragraph (or heading) repeated later in the same document."""
    indexes = [i for i, b in enumerate(draft.blocks) if b.kind in (PROSE, "heading")]
    if not indexes:
        return False
    source = rng.choice(indexes)
    copy = Block(draft.blocks[source].kind, draft.blocks[source].text)
    draft.blocks.insert(rng.randint(source + 1, len(draft.blocks)), copy)
    return True


def leading_whitespace(draft: Draft, rng: random.Random) -> bool:
    index = _prose(draft, rng, plain=True)
    if index is None:
        return False
    block = draft.blocks[index]
    block.text = (
        rng.choice((" ", "  ", "   ", "\t" if draft.suffix == ".txt" else " ")) + block.text
    )
    return True


# -- traps: clean text that looks unusual ------------------------------------------------------
def clean_traps(draft: Draft, rng: random.Random, writer: Writer) -> list[str]:
    """Sprinkle correct-but-tricky text into prose; returns the names of the traps added."""
    added = []
    for _ in range(rng.randint(1, 3)):
        index = _prose(draft, rng, plain=True)
        if index is None:
            break
        block = draft.blocks[index]
        trap = rng.randrange(5)
        if trap == 0:
            block.text += " " + rng.choice(v.TRAP_SENTENCES)
            added.append("punctuation")
        elif trap == 1:
            name = rng.choice(v.ACCENTED_NAMES)
            block.text += f" {name}, {rng.choice(v.ROLES)}, agreed with the decision."
            added.append("accented-name")
        elif trap == 2:
            emoji = rng.choice(v.EMOJI_ZWJ)
            block.text += f" The {writer.slot('noun')} team posted a photo with a {emoji} caption."
            added.append("emoji-zwj")
        elif trap == 3:
            language, snippet = rng.choice(v.FOREIGN_SNIPPETS)
            block.text += f" A sign in {language} read: {snippet}."
            added.append("foreign-script")
        else:
            block.text += f" She described the mood as “{rng.choice(v.FEELINGS)}” at best."
            added.append("scare-quote")
    if draft.suffix == ".md" and rng.random() < 0.5:
        code = '```html\n<div class="note">\\n escaped in code</div><br/>\n```'
        draft.blocks.insert(len(draft.blocks) // 2 or 1, Block("code", code))
        added.append("markup-in-code")
    return added
