"""What a quotation is (speech, scare quote, title, term) and who said it.

Works on one quotation at a time with three pieces of context, all inside its paragraph: the
*head* (the sentence before the opening mark), the *tail* (the sentence after the closing mark)
and the quotations before it in the same paragraph. Only these short regions are searched, with
precompiled patterns, so the cost grows with the number of quotations, not the size of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from itertools import filterfalse
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from lint.analysis.quote_lexicon import (
    ABBREVIATIONS,
    CLAUSE_BREAKERS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    DOCUMENT_ONLY_CUES,
    INDEFINITE_SUBJECTS,
    NOT_NAMES,
    PRONOUNS,
    SPOKES_NOUNS,
    VERB_PREFIXES,
    CueMatch,
    QuoteLexicon,
)

if TYPE_CHECKING:
    from lint.analysis.quote_index import ParagraphIndex

    # What attribution reads cues from: the lexicon, or a document's per-paragraph index of it.
    Cues = QuoteLexicon | ParagraphIndex


class QuoteKind(StrEnum):
    """What a quotation is; only speech needs a speaker."""

    SPEECH = "speech"  # someone's words: needs attribution
    SCARE = "scare"  # a short mention inside a sentence: called the plan “reckless”
    TITLE = "title"  # the title of a work: the film “Past Lives”
    TERM = "term"  # a term or a word as a word: the so-called “blue line”, the word “literally”


class AttributionKind(StrEnum):
    """Where the attribution of a quotation was found."""

    BEFORE = "before"  # Ruiz said: “…” / Ruiz said, “…” / According to Ruiz, “…”
    AFTER = "after"  # “…,” Ruiz said / “…,” said Ruiz
    DASH = "dash"  # “…” — Ana Ruiz
    INTERRUPTING = "interrupting"  # “…,” she said. “…” (the second quotation)
    COLON = "colon"  # a lead ending with a colon: Her answer was blunt: “…”
    PREVIOUS_SENTENCE = "previous-sentence"  # Ruiz said the bill would fail. “…”
    CARRIED = "carried"  # a later quotation of the same paragraph, same speaker
    DIALOGUE = "dialogue"  # a paragraph that is only a quotation, after one ending in an
    # attributed quotation: a reply in a dialogue, or the speaker going on (speaker unknown)


class SpeakerKind(StrEnum):
    NAME = "name"  # a capitalised name: Dr. Ana Ruiz, Siobhán O’Neill, the Acme board
    PRONOUN = "pronoun"  # she, they, I
    NOUN_PHRASE = "noun-phrase"  # a role, group or document: the mayor, the report


@dataclass(frozen=True)
class Attribution:
    """Who a quotation is attributed to, and how that was found.

    `speaker` and `cue` are (start, end) offsets into the document text (None when there is no
    such word: a dash attribution has no cue). `anonymous` is true when the speaker names no one
    (`one official`, `a source familiar with the matter`) or the sentence says the source asked
    not to be named. `source` is the index of the quotation it was carried from, if any.
    """

    kind: AttributionKind
    speaker: tuple[int, int] | None
    speaker_kind: SpeakerKind | None
    cue: tuple[int, int] | None
    anonymous: bool
    source: int | None = None


_T = TypeVar("_T")


def build_frozen(cls: type[_T], /, **fields: object) -> _T:
    """An instance of the frozen dataclass `cls` (one without slots) holding `fields`, every
    field of it: built as its `__init__` would, minus the `object.__setattr__` call per field
    that a frozen `__init__` makes, which costs more than the rest of finding a quotation."""
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


_LINKS = frozenset(
    "of for at in from with on to and & outside inside near by above under behind beside".split()
)
# A word keeps an apostrophe only between letters (O’Brien), so a closing single mark after a
# word (`Eddie ‘the Hawk’ Brennan`, `the students’ union`) is a token of its own.
_TOKEN = re.compile(r"[^\W_](?:[\w.\-]|[’'](?=\w))*|[^\w\s]")
_WORD = re.compile(r"[^\W_][\w’'\-]*")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*\s+|\n[^\S\n]*\n|\n(?=[ \t]*[-*•#>])")
_LETTER = re.compile(r"[^\W\d_]")

# Words before a quotation that make it a term (`the so-called “…”`) or a title (`the film “…”`).
_TERM_LEADS = frozenset(
    "so-called dubbed termed nicknamed labelled labeled branded coined christened spelled spelt "
    "pronounced word words term terms phrase phrases expression expressions slogan slogans "
    "hashtag hashtags motto mottos name names label labels acronym acronyms moniker monikers "
    "nickname nicknames catchphrase catchphrases buzzword buzzwords letter letters tag tagline "
    "password keyword handle username alias pseudonym".split()
)
_TERM_LEAD_PAIRS = frozenset(
    {("so", "called"), ("known", "as"), ("labelled", "as"), ("labeled", "as"), ("branded", "as"),
     ("billed", "as"), ("translates", "as"), ("translate", "as"), ("translates", "to"),
     ("short", "for"), ("stands", "for"), ("words", "like"), ("word", "like"), ("word", "of"),
     ("term", "of"), ("name", "of"),
     # a pseudonym or handle: signed only as “…”, going by “…”, calling herself “…”
     ("signed", "as"), ("signing", "as"), ("only", "as"), ("posting", "as"), ("posted", "as"),
     ("posts", "as"), ("writing", "as"), ("wrote", "as"), ("commenting", "as"),
     ("going", "by"), ("goes", "by"), ("went", "by"), ("calling", "herself"),
     ("calling", "himself"), ("calling", "themselves"), ("calls", "herself"),
     ("calls", "himself"), ("called", "herself"), ("called", "himself")}
)  # fmt: skip
_TITLE_LEADS = frozenset(
    "film movie book novel novella memoir biography album record ep song single track hit show "
    "series sitcom drama play musical opera essay article column op-ed story poem podcast "
    "documentary exhibition exhibit painting sculpture report paper study game app episode "
    "chapter anthology collection lecture talk programme program titled entitled headlined "
    "named headline newsletter blog magazine newspaper comic ballet symphony hymn anthem "
    "installation thread video channel brand restaurant bar café cafe shop boat ship horse "
    "campaign initiative festival tour band group team club project software tool product "
    "feature section segment act bill law rule policy plan scheme operation slogan motto "
    "called".split()
)
_LAST_WORDS = re.compile(r"[\w’'\-]+|\(")


def _lead_words(head: str) -> list[str]:
    """The last three words before a quotation, lowercased (`(` counts as a word)."""
    return [w.lower() for w in _LAST_WORDS.findall(head.rstrip(" ,")[-40:])[-3:]]


def _term_lead(words: list[str]) -> bool:
    if not words:
        return False
    if words[-1] in _TERM_LEADS or words[-1] == "(":
        return True
    return len(words) >= 2 and (words[-2], words[-1]) in _TERM_LEAD_PAIRS


def _title_lead(words: list[str]) -> bool:
    if not words:
        return False
    if words[-1] in _TITLE_LEADS:
        return True
    return len(words) >= 2 and words[-2] in {"call", "calls", "called"} and words[-1] in {
        "it", "them", "him", "her",
    }  # fmt: skip


_DASH_SPEAKER = re.compile(r"[ \t]*(?:[—–―~]|--?)[ \t]*(?=[^\W\d_])")
_ANY_CUE_START = re.compile(r"[\s,;:—–\-]*")


@dataclass(slots=True)
class QuoteContext:
    """The regions around one quotation that classification and attribution read."""

    start: int  # opening mark
    end: int  # just after the closing mark
    content_start: int
    content_end: int  # the closing mark's offset
    region_start: int  # paragraph start, or just after the previous quotation
    head_start: int  # start of the sentence the quotation sits in
    tail_end: int  # end of the sentence after the quotation (within the paragraph)
    region_end: int  # paragraph end, or the next quotation's opening mark
    paragraph_start: int
    paragraph_end: int
    words: int  # words inside the quotation


def words_in(text: str, start: int, end: int) -> int:
    """How many `_WORD`s text[start:end] holds: one per whitespace-separated word made only of
    letters and digits (most words: counted in C), the others counted by the regex."""
    words = text[start:end].split()
    odd = list(filterfalse(str.isalnum, words))
    count = len(words) - len(odd)
    for word in odd:
        core = word.strip(_WORD_EDGES)
        count += 1 if core.isalnum() else len(_WORD.findall(core))
    return count


# Punctuation around a word (`“Yes,`, `end.”`), none of it part of a `_WORD`.
_WORD_EDGES = '.,;:!?"“”„«»‹›()[]{}…—–*/'


def more_words_than(text: str, start: int, end: int, count: int) -> bool:
    """`words_in(text, start, end) > count`, without reading a span too short to hold that
    many (two words are at least a character apart)."""
    return end - start > 2 * count and len(_WORD.findall(text, start, end)) > count


def last_sentence_start(text: str, start: int, end: int) -> int:
    """Offset where the last sentence of text[start:end] starts (abbreviation-aware)."""
    result = start
    for match in _boundary_matches(text, start, end):
        if _is_boundary(text, match):
            result = match.end()
    return result


def first_sentence_end(text: str, start: int, end: int) -> int:
    """Offset just after the first sentence of text[start:end] (its final punctuation)."""
    for match in _boundary_matches(text, start, end):
        if match.start() == start:
            continue  # the punctuation right after a closing mark belongs to the quotation
        if _is_boundary(text, match):
            return match.start() + len(match.group(0).rstrip())
    return end


def sentence_boundaries(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """Every sentence boundary in text[start:end]: (match start, match end, where the sentence
    stops), as `last_sentence_start` and `first_sentence_end` see them (see ParagraphIndex)."""
    found = []
    for match in _boundary_matches(text, start, end):
        if _is_boundary(text, match):
            stop = match.start()
            found.append((stop, match.end(), stop + len(match.group().rstrip())))
    return found


_BOUNDARY_FIRST_CHARS = (".", "!", "?", "…", "\n")  # every `_BOUNDARY` match starts with one


def _boundary_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """What `_BOUNDARY.finditer(text, start, end)` finds, trying only where a match can start:
    those few places are found with `str.find`, far faster than the regex engine's scan."""
    segment = text[start:end]
    candidates: list[int] = []
    for char in _BOUNDARY_FIRST_CHARS:
        if char in segment:  # `!`, `?`, `…` and line breaks are rare: `in` is the cheap test
            find = segment.find
            position = find(char)
            while position != -1:
                candidates.append(start + position)
                position = find(char, position + 1)
    if not candidates:
        return []
    candidates.sort()
    matches: list[re.Match[str]] = []
    match_at = _BOUNDARY.match
    searched = start  # like finditer, matches do not overlap
    for position in candidates:
        if position < searched:
            continue
        match = match_at(text, position, end)
        if match is not None:
            matches.append(match)
            searched = match.end()
    return matches


# The word before a full stop: letters, digits and full stops (U.S., e.g.), read at most one
# character further back than the longest abbreviation (a longer word is no abbreviation).
_WORD_BEFORE_STOP = re.compile(r"(?:[^\W_]|\.)+\Z")
_ABBREVIATION_MAX = max(len(word) for word in ABBREVIATIONS) + 1


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    punctuation = match.group()[0]
    if punctuation == "\n":
        return True
    following = text[match.end() : match.end() + 1]
    if following and following.islower():
        return False
    if punctuation == ".":
        stop = match.start()
        before = _WORD_BEFORE_STOP.search(text, max(0, stop - _ABBREVIATION_MAX), stop)
        if before is not None:
            word = before.group().lower()
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                return False
    return True


# -- kinds -----------------------------------------------------------------------------------
def classify(text: str, ctx: QuoteContext, lexicon: Cues) -> QuoteKind:
    words = ctx.words
    if words == 0:
        return QuoteKind.SCARE
    head = text[ctx.head_start : ctx.start].rstrip()
    # Most quotations open their sentence: no words before them to read.
    lead = _lead_words(head) if head else []
    if words <= 12 and lead and _term_lead(lead):
        return QuoteKind.TERM
    if head and _LETTER.search(head) and not head.endswith(":"):  # in mid-sentence
        content = text[ctx.content_start : ctx.content_end]
        introduced = _ends_with_cue(
            text, ctx.head_start, ctx.head_start + len(head), lexicon, words > 3
        )
        if (
            not introduced
            and words <= 15
            and _title_lead(lead)
            and (content.lstrip()[:1].isupper() or content.lstrip()[:1].isdigit())
        ):
            return QuoteKind.TITLE
        if introduced:
            return QuoteKind.SPEECH
        if words <= 3:
            return QuoteKind.SCARE
        if words <= 10 and content.rstrip()[-1:] not in ".!?,;:" and _title_case(content):
            return QuoteKind.TITLE
        return QuoteKind.SPEECH
    if (
        words <= 3
        and text[ctx.content_start : ctx.content_end].rstrip()[-1:] not in ".!?,…—–-"
        and text[ctx.end : ctx.end + 1] == " "
        and text[ctx.end + 1 : ctx.end + 2].islower()
    ):
        cues = lexicon.find_cues(text, ctx.end, min(ctx.end + 40, ctx.paragraph_end))
        if not cues or more_words_than(text, ctx.end, cues[0].start(), 2):
            return QuoteKind.SCARE  # “Reckless” is the word she used
        cue = cues[0]
        if cue.start() == ctx.end + 1 and text[cue.end() : cue.end() + 1] in {":", ","}:
            return QuoteKind.TERM  # “Harbour Mum” wrote: “…”: a handle, the speaker
    return QuoteKind.SPEECH


def _title_case(content: str) -> bool:
    words = _WORD.findall(content)
    if not words or not words[0][0].isupper():
        return False
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def _ends_with_cue(text: str, start: int, end: int, lexicon: Cues, long_quote: bool) -> bool:
    """`... she said,` / `... said that` right before the mark (a bare `said “no”` or
    `called it “draconian”` only introduces a quotation of more than three words)."""
    for match in lexicon.find_cues(text, max(start, end - 50), end):
        introduction = _INTRODUCTION.fullmatch(text, match.end(), end)
        if introduction and (long_quote or introduction.group("punctuation")):
            return True
    return False


_INTRODUCTION = re.compile(
    r"(?:\s+(?:to\s+)?(?:me|us|him|her|them|reporters|journalists|the\s+\w+|simply|only|that))?"
    r"\s*(?P<punctuation>[,:]\s*(?:that\s*)?|\s+that\s*)?"
)


# -- subjects --------------------------------------------------------------------------------
class Subject(NamedTuple):
    """A speaker's words. `pseudonym` is true when the speaker is known only by a quoted handle
    (`a commenter who signed as “Harbour Mum”`): a pseudonym is not a name."""

    start: int
    end: int
    kind: SpeakerKind
    pseudonym: bool = False


# Nouns joined to what follows by `to` inside one subject: people close to the minister.
_TO_LINKED = frozenset(
    "close closer closest near adviser advisers advisor advisors aide aides spokesman spokeswoman "
    "spokesperson spokespeople assistant assistants secretary deputy counsel consultant "
    "consultants successor ambassador envoy loyal".split()
)
# The word right before a quoted pseudonym: signed as “…”, going by “…”, calling herself “…”.
PSEUDONYM_LEADS = frozenset(
    "as by herself himself themselves themself itself handle username alias pseudonym "
    "nickname moniker".split()
)
_CLOSING_MARKS = frozenset("”\"’'»›")
_OPENER_OF = {"”": "“„", '"': '"', "’": "‘", "'": "'", "»": "«", "›": "‹"}


def _quoted_span_start(words: list[str], closer: int) -> int | None:
    """Index of the mark opening the short quoted span (a nickname, a handle) that the token at
    `closer` closes, or None if there is none within a few words."""
    openers = _OPENER_OF[words[closer]]
    for index in range(closer - 1, max(-1, closer - 7), -1):
        word = words[index]
        if word in openers:
            return index
        if not word[0].isalnum() and word not in "’'-.&":
            return None
    return None


def _pseudonym_clause_start(words: list[str], lead: int) -> int | None:
    """Walking back from a pseudonym's lead word to the clause introducing it (`who signed only
    as`, `calling herself`): the index of `who`/the participle, or None."""
    for index in range(lead, max(-1, lead - 6), -1):
        word = words[index]
        lower = word.lower()
        if not word[0].isalnum():
            return None
        if lower in {"who", "that"} or (lower.endswith("ing") and len(lower) > 4):
            return index
    return None


def subject_before(text: str, limit: int, cue_start: int, cue_word: str) -> Subject | None:
    """The subject of a speech verb, walking back from it (`Dr. Ana Ruiz, the mayor, said`)."""
    tokens = list(_TOKEN.finditer(text, max(limit, cue_start - 160), cue_start))
    if not tokens:
        return None
    words = [token.group() for token in tokens]
    index = len(words) - 1
    while index >= 0 and _is_verb_prefix(words[index]):
        index -= 1
    if index >= 0 and words[index] == ",":  # an appositive: Ruiz, the mayor, said
        opening = index - 1
        while opening >= 0 and words[opening] not in ",;:()—–":
            opening -= 1
        if opening < 0 or words[opening] != "," or index - opening > 14:
            return None
        index = opening - 1
    collected: list[int] = []  # indices of the subject's tokens, last first
    pseudonym = False
    while index >= 0 and len(collected) < 8:
        word = words[index]
        lower = word.lower()
        if not word[0].isalnum():
            opener = _quoted_span_start(words, index) if word in _CLOSING_MARKS else None
            if opener is not None:
                # A quoted nickname inside a name (Maria “Mimi” Costa), a quoted title in a noun
                # phrase, or a pseudonym (a commenter who signed as “Harbour Mum”).
                collected.append(index)
                before = words[opener - 1].lower() if opener > 0 else ""
                if before in PSEUDONYM_LEADS:
                    clause = _pseudonym_clause_start(words, opener - 1)
                    if clause is None:
                        return None
                    pseudonym = True
                    collected.append(opener)
                    index = clause - 1
                    continue
                if not before[:1].isalnum():
                    pseudonym = len(collected) == 1  # “Harbour Mum” wrote: a handle alone
                collected.append(opener)
                index = opener - 1
                continue
            if word in "’'" or word == "-":
                index -= 1
                continue
            break
        if (
            lower in CLAUSE_BREAKERS
            and not (lower == "and" and collected and words[collected[-1]][0].isupper())
            and not (lower == "to" and index > 0 and words[index - 1].lower() in _TO_LINKED)
        ):
            break
        collected.append(index)
        if lower in PRONOUNS and len(collected) == 1:
            break
        index -= 1
        if lower in DETERMINERS and index >= 0 and words[index].lower() not in _LINKS:
            break  # `At the meeting the headteacher said`: a new noun phrase starts here
    collected.reverse()
    while collected and words[collected[0]].lower() in _LEADING_PREPOSITIONS:
        collected.pop(0)
    if not collected:
        return None
    subject = [words[i] for i in collected]
    kind = _speaker_kind(subject)
    if kind is None:
        return None
    if cue_word.lower() in DOCUMENT_ONLY_CUES and not (
        kind is SpeakerKind.PRONOUN or any(w.lower() in DOCUMENT_NOUNS for w in subject)
    ):
        return None
    return Subject(tokens[collected[0]].start(), _word_end(tokens[collected[-1]]), kind, pseudonym)


_LEADING_PREPOSITIONS = frozenset({"of", "for", "at", "in", "from", "on"})


def subject_after(text: str, cue_end: int, limit: int) -> Subject | None:
    """The subject after a cue: `said Ana Ruiz`, `according to the report`, `wrote one user`."""
    collected: list[re.Match[str]] = []
    nickname_end = 0  # inside a quoted nickname after a first name: said Tomasz “Tom” Wilk
    for token in _TOKEN.finditer(text, cue_end, min(limit, cue_end + 120)):
        word = token.group(0)
        if token.start() < nickname_end:
            continue
        if not word[0].isalnum():
            if word in '“‘"' and collected and _capital(collected):
                nickname_end = _nickname_end(text, token.end(), limit)
                if nickname_end:
                    continue
            if word in "’'-":
                continue
            break
        lower = word.lower()
        if not collected and (lower in CLAUSE_BREAKERS or lower in {"in", "on", "at", "by"}):
            return None
        if (
            collected
            and lower in CLAUSE_BREAKERS
            and not (lower == "to" and collected[-1].group(0).lower() in _TO_LINKED)
        ):
            break
        collected.append(token)
        if len(collected) >= 8:
            break
    if not collected:
        return None
    words = [m.group(0) for m in collected]
    kind = _speaker_kind(words)
    if kind is None:
        return None
    return Subject(collected[0].start(), _word_end(collected[-1]), kind)


_NICKNAME = re.compile(r"[^\W_][\w’'.\- ]{0,30}?[”\"’][ \t]+(?=[A-Z])")


def _nickname_end(text: str, content_start: int, limit: int) -> int:
    """End of `Tom” ` in `Tomasz “Tom” Wilk`: a short quoted span followed by a capital, or 0."""
    match = _NICKNAME.match(text, content_start, limit)
    return match.end() if match is not None else 0


def _word_end(token: re.Match[str]) -> int:
    """End of a subject's last word, without a sentence's full stop (`said Ana Ruiz.`)."""
    word = token.group(0)
    if word.endswith(".") and len(word) > 2 and word[:-1].lower() not in ABBREVIATIONS:
        return token.end() - 1
    return token.end()


def _capital(collected: list[re.Match[str]]) -> bool:
    return collected[-1].group(0)[0].isupper()


def _is_verb_prefix(word: str) -> bool:
    lower = word.lower()
    return lower in VERB_PREFIXES or (
        word.isalpha() and word.islower() and lower.endswith("ly") and len(lower) > 4
    )


def _speaker_kind(words: list[str]) -> SpeakerKind | None:
    lowered = [word.lower() for word in words]
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return SpeakerKind.PRONOUN
    pairs = zip(words, lowered, strict=True)
    content = [(word, lower) for word, lower in pairs if lower not in DETERMINERS]
    if not content:
        return None
    for word, lower in content:
        if word[0].isupper() and lower.rstrip(".") not in NOT_NAMES:
            return SpeakerKind.NAME
    for _, lower in content:
        if lower not in CLAUSE_BREAKERS and lower not in PRONOUNS:
            return SpeakerKind.NOUN_PHRASE
    return None


def is_anonymous(
    text: str, subject: Subject | None, sentence: tuple[int, int], lexicon: Cues
) -> bool:
    if subject is not None:
        if subject.pseudonym:
            return True
        tokens = text[subject.start : subject.end].split()
        first = tokens[0].lower()
        if first in lexicon.anonymous_first_words and lexicon.anonymous_pattern.match(
            " ".join(tokens)
        ):
            return True
        if (
            first in INDEFINITE_SUBJECTS
            and len(tokens) > 1
            and not any(t[0].isupper() for t in tokens[1:])
            and not any(t.lower() in SPOKES_NOUNS or t.lower() in DOCUMENT_NOUNS for t in tokens)
        ):
            return True  # a long-time volunteer, one shopkeeper
    return lexicon.says_anonymous(text, sentence[0], sentence[1])


# -- attribution ------------------------------------------------------------------------------
def attribute_before(
    text: str, ctx: QuoteContext, lexicon: Cues
) -> tuple[tuple[int, int], Subject] | None:
    """A cue and its subject in the sentence before the opening mark (the last one wins)."""
    best = None
    for match in lexicon.find_cues(text, ctx.head_start, ctx.start):
        if match.group("after"):
            subject = subject_after(text, match.end(), ctx.start)
        else:
            subject = subject_before(text, ctx.head_start, match.start(), match.group(0))
            if subject is None and text[match.end() : ctx.start].strip(" ,:") == "":
                subject = subject_after(text, match.end(), ctx.start)
        if subject is not None:
            best = (match.span(), subject)
    return best


def attribute_after(
    text: str, ctx: QuoteContext, lexicon: Cues
) -> tuple[tuple[int, int], Subject] | None:
    """A cue and its subject opening the text after the closing mark: `,” Ruiz said`."""
    lead = _ANY_CUE_START.match(text, ctx.end, ctx.tail_end).end()
    for match in lexicon.find_cues(text, lead, ctx.tail_end):
        if more_words_than(text, lead, match.cue_start, 10):
            return None
        found = _after_cue(text, ctx, lead, match)
        if found is not None:
            return found
    return None


def _after_cue(
    text: str, ctx: QuoteContext, lead: int, match: CueMatch
) -> tuple[tuple[int, int], Subject] | None:
    cue_start, cue_end = match.cue_start, match.cue_end
    if match.subject_follows:
        if cue_start != lead:
            return None
        subject = subject_after(text, cue_end, ctx.tail_end)
        return ((cue_start, cue_end), subject) if subject is not None else None
    if cue_start == lead:
        subject = subject_after(text, cue_end, ctx.tail_end)
    else:
        subject = subject_before(text, lead, cue_start, text[cue_start:cue_end])
        if subject is not None and text[lead : subject.start].strip(" ,") != "":
            return None  # more than a subject between the quotation and the verb
    if subject is None:
        return None
    last = text[ctx.content_start : ctx.content_end].rstrip()[-1:]
    if (
        last == "."  # a full stop (not , ? ! — …): a new sentence
        and not text[ctx.end : lead].strip()
        and more_words_than(text, lead, cue_start, 6)
    ):
        return None  # “We are done.” Ruiz said ...: a new sentence, accepted only when it opens so
    return ((cue_start, cue_end), subject)


def attribute_dash(text: str, ctx: QuoteContext) -> Subject | None:
    match = _DASH_SPEAKER.match(text, ctx.end, ctx.tail_end)
    if match is None:
        return None
    subject = subject_after(text, match.end(), ctx.tail_end)
    return subject if subject is not None and subject.kind is SpeakerKind.NAME else None


def colon_lead(text: str, start: int, end: int, lexicon: Cues) -> Subject | None:
    """The speaker of a lead sentence that ends with a colon: the subject of its speech verb
    (`Margaret Lowe wrote to the company:`), else its opening noun phrase (`The mayor was
    blunt:`)."""
    stripped = text[start:end].rstrip()
    if not stripped.endswith(":"):
        return None
    for cue in lexicon.find_cues(text, start, end):
        if not cue.group("after"):
            subject = subject_before(text, start, cue.start(), cue.group(0))
            if subject is not None:
                return subject
    collected: list[re.Match[str]] = []
    for token in _TOKEN.finditer(text, start, end):
        word = token.group(0)
        if not word[0].isalnum() and word not in "’'":
            break
        if word[0].isalnum() and word.lower() in CLAUSE_BREAKERS and collected:
            break
        if word[0].isalnum():
            collected.append(token)
        if len(collected) >= 6:
            break
    if not collected:
        return None
    kind = _speaker_kind([m.group(0) for m in collected])
    if kind is None:
        return None
    return Subject(collected[0].start(), _word_end(collected[-1]), kind)


# -- a paragraph ending with an attribution clause --------------------------------------------
# Words that may follow the speech verb of a closing attribution: `, the manager said at a
# meeting on Tuesday.`, `, she said quietly.` (but not `, and they said no.`).
_TRAILER_WORDS = frozenset(
    "on in at to for with during after before from by about via over outside inside near as "
    "when while this last yesterday today tonight earlier later afterwards again then recently "
    "once of through into under".split()
)
# Verbs whose object may follow them: `, she told reporters.`, `, he asked the panel.`
_OBJECT_CUES = frozenset(
    "tell tells told telling ask asks asked asking warn warns warned warning remind reminds "
    "reminded write writes wrote".split()
)
_CLAUSE_PUNCTUATION = re.compile(r"[,!?—–]")
_END_MARKS = " \t\r\n.!?…\"”’'»)"


def ends_with_attribution(text: str, start: int, end: int, lexicon: Cues) -> bool:
    """Whether text[start:end] (a paragraph) ends with an attribution clause: `…, Ruiz said.`,
    `…, said the manager at the meeting.`, `…? she asked.` A speech verb inside quoted words
    (`…, and they said no.`, `…, and now I say goodnight to them.`) is not one."""
    end = len(text[start:end].rstrip(_END_MARKS)) + start
    sentence_start = last_sentence_start(text, max(start, end - 240), end)
    cues = lexicon.find_cues(text, sentence_start, end)
    for cue in reversed(cues[-2:]):
        clause = max(
            (m.end() for m in _CLAUSE_PUNCTUATION.finditer(text, sentence_start, cue.start())),
            default=None,
        )
        if clause is None:
            continue
        if not text[clause : cue.start()].strip():
            subject = subject_after(text, cue.end(), end)  # , said the manager
            if subject is not None and (
                cue.group("after") or _trailer(text, subject.end, end, after_subject=True)
            ):
                return True
            continue
        if cue.group("after"):
            continue
        subject = subject_before(text, clause, cue.start(), cue.group(0))
        if subject is None or text[clause : subject.start].strip():
            continue
        if cue.group(0).lower() in _OBJECT_CUES or _trailer(text, cue.end(), end):
            return True
    return False


def _trailer(text: str, start: int, end: int, after_subject: bool = False) -> bool:
    """What follows the verb (or the subject) of a closing attribution: nothing, an adverb, a
    prepositional phrase, or (after the subject) an appositive."""
    rest = text[start:end].lstrip()
    if not rest or (after_subject and rest[0] in ",("):
        return True
    first = _WORD.match(rest)
    if first is None:
        return False
    word = first.group(0)
    lower = word.lower()
    return lower in _TRAILER_WORDS or (lower.endswith("ly") and len(lower) > 4) or word[0].isupper()
