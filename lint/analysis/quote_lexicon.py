"""Word lists the quotation analysis reads: speech verbs (with their inflections), anonymous
sources, and the small closed classes (pronouns, determiners, abbreviations) around them.

A `QuoteLexicon` is immutable and hashable so that an analysis can be memoised per lexicon;
`QuoteLexicon.extended()` builds (once per distinct set of extras) the lexicon a rule's options ask
for, and `DEFAULT_LEXICON` is the one `doc.quotes` uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import filterfalse, repeat
from operator import attrgetter

# Base forms; every inflection (-s, -ed, -ing and the irregular forms below) is recognised.
SPEECH_VERBS: tuple[str, ...] = (
    "say", "tell", "add", "ask", "write", "state", "argue", "note", "warn", "insist", "explain",
    "reply", "post", "tweet", "claim", "declare", "announce", "respond", "recall", "remark",
    "observe", "continue", "conclude", "suggest", "admit", "acknowledge", "confirm", "deny",
    "complain", "joke", "quip", "shout", "yell", "scream", "whisper", "mutter", "murmur",
    "exclaim", "cry", "urge", "testify", "concede", "predict", "promise", "vow", "pledge",
    "boast", "lament", "caution", "counter", "retort", "report", "describe", "call", "comment",
    "maintain", "stress", "emphasise", "emphasize", "agree", "disagree", "sing", "laugh", "sigh",
    "snap", "plead", "beg", "demand", "wonder", "interject", "offer", "grumble", "protest",
    "muse", "recount", "reflect", "message", "text", "email", "blog", "contend", "assert",
    "allege", "counsel", "advise", "reveal", "read", "begin", "find", "show", "go on", "point out",
    "put it", "chime in", "weigh in", "pipe up", "speak",
    # speech acts that report someone's words: blamed “…”, praised it as “…”
    "blame", "criticise", "criticize", "accuse", "praise", "condemn", "hail", "dismiss",
    "brand", "label", "reject", "welcome", "recommend",
)  # fmt: skip

# Cues whose subject comes after them: `according to the report, ...` (and French, German).
SUBJECT_AFTER_CUES: tuple[str, ...] = (
    "according to", "in the words of", "as quoted by", "selon", "d’après", "d'après", "laut",
    "zufolge",
)  # fmt: skip

# French and German speech verbs, taken as they are (no inflection).
FOREIGN_CUES: tuple[str, ...] = (
    "a dit", "a déclaré", "a affirmé", "a ajouté", "a expliqué", "a estimé", "a assuré",
    "a-t-il dit", "a-t-elle dit", "a-t-il déclaré", "a-t-elle déclaré", "a-t-il ajouté",
    "a-t-elle ajouté", "a-t-il expliqué", "a-t-elle expliqué", "dit", "déclare", "explique",
    "ajoute", "estime", "affirme", "assure", "sagte", "sagt", "erklärte", "erklärt", "betonte",
    "betont", "fügte hinzu", "meinte", "meint", "schrieb", "schreibt", "warnte", "fragte",
)  # fmt: skip

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "read": ("reads", "read", "reading"),
    "sing": ("sings", "sang", "sung", "singing"),
    "begin": ("begins", "began", "begun", "beginning"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "go": ("goes", "went", "gone", "going"),
    "put": ("puts", "put", "putting"),
    "chime": ("chimes", "chimed", "chiming"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "weigh": ("weighs", "weighed", "weighing"),
    "pipe": ("pipes", "piped", "piping"),
}
_DOUBLING = {"quip", "admit", "snap", "beg", "chat", "rebut", "sob", "nod", "blog", "commit"}

# Cues that only introduce a quotation when a document is their subject (`the sign read:`).
DOCUMENT_ONLY_CUES = frozenset(
    "read reads reading begin begins began begun find finds found show shows showed shown".split()
)

DOCUMENT_NOUNS = frozenset(
    "letter statement note sign post message headline caption banner placard email text card "
    "tweet notice inscription label report memo release filing complaint ruling verdict order "
    "petition motion lawsuit judgment judgement document brief survey study review paper "
    "editorial column comment reply thread update announcement advert advertisement poster "
    "slogan plaque entry diary journal transcript minutes bill law act decree leaflet flyer "
    "flier website page site screen display board".split()
)

PRONOUNS = frozenset("he she they i we you it who everyone someone somebody il elle er sie".split())

DETERMINERS = frozenset(
    "the a an one another his her their its our my your this that these those some several "
    "two three four five many most few other each every both".split()
)

# Words that end a subject when walking back from a speech verb.
CLAUSE_BREAKERS = frozenset(
    "that which because when after before if while so then but and or than since though "
    "although unless until where whether as what how why once also what's there here not "
    "was were is are be been being has have had do does did will would could should might "
    "may must can yet nor to".split()
)

# Between a subject and its verb: auxiliaries and adverbs (`she later said`, `he has told`).
VERB_PREFIXES = frozenset(
    "also later then has have had was were is are will would could should might may must "
    "once again previously recently earlier repeatedly only simply flatly just never often "
    "further still even first finally last already has later since reportedly allegedly "
    "publicly privately separately told used to going about wanted tried seemed appeared "
    "want wants like likes liked love loves loved began".split()
)

# Sentence-initial capitalised words that are not names.
NOT_NAMES = frozenset(
    "the a an one another his her their its our my your this that these those some several "
    "in on at but and so then when after before if while however meanwhile yet also still "
    "as by for from with to of it he she they we i you there here today yesterday monday "
    "tuesday wednesday thursday friday saturday sunday last next".split()
)

ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx prof st jr sr gen sen rep gov lt col capt sgt rev fr mt no vs etc inc ltd "
    "co corp dept est approx jan feb mar apr jun jul aug sep sept oct nov dec fig vol ed eds "
    "u.s u.k e.g i.e a.m p.m cf al op".split()
)

# Anonymous sources: a subject that starts like this, or a sentence saying so.
ANONYMOUS_SOURCES: tuple[str, ...] = (
    "a source", "one source", "sources", "another source", "a person familiar",
    "people familiar", "a person close", "people close", "someone close", "someone familiar",
    "those close", "those familiar",
    "an insider", "insiders", "one insider", "an official", "one official", "officials",
    "a senior official", "one senior official", "senior officials", "a government official",
    "government officials", "an aide", "one aide", "aides", "a diplomat", "one diplomat",
    "diplomats", "critics", "some critics", "observers", "some observers", "a commenter",
    "one commenter", "another commenter", "commenters", "a user", "one user", "another user",
    "users", "a poster", "one poster", "another poster", "one post", "another post",
    "a post", "one comment", "another comment", "a comment", "one reply", "another reply",
    "a reader", "one reader", "another reader", "readers", "an employee", "one employee",
    "employees", "a staffer", "one staffer", "staffers", "a witness", "one witness",
    "another witness", "a resident", "one resident", "another resident", "some residents",
    "someone", "somebody", "people", "many people", "some people",
    "experts", "some experts", "analysts", "some analysts", "a former official",
    "former officials", "a person with knowledge", "people with knowledge",
    "a person briefed", "people briefed", "one person", "another person", "a person",
    "an executive", "one executive", "a senior executive", "a manager", "one manager",
    "a member", "one member", "members", "a lawmaker", "one lawmaker", "lawmakers",
    "a teacher", "one teacher", "one parent", "a parent", "another parent", "parents",
    "one fan", "another fan", "fans", "a fan", "one viewer", "another viewer", "viewers",
    "one of them", "one of those", "some of them", "one of the", "two of the", "several of the",
)  # fmt: skip

# A subject opening with one of these and naming no one is anonymous (`a long-time volunteer`),
# unless it speaks for an organisation or is a document (`a spokeswoman for the ministry`).
INDEFINITE_SUBJECTS = frozenset("a an one another some several two three four many".split())
SPOKES_NOUNS = frozenset(
    "spokesperson spokesman spokeswoman spokespeople representative statement".split()
)

ANONYMITY_PHRASES: tuple[str, ...] = (
    "on condition of anonymity", "on the condition of anonymity", "asked not to be named",
    "asked not to be identified", "declined to be named", "declined to be identified",
    "requested anonymity", "spoke anonymously", "speaking anonymously", "not authorised to speak",
    "not authorized to speak", "did not want to be named", "did not wish to be named",
    "who asked for anonymity", "under condition of anonymity", "on background",
)  # fmt: skip

# Every anonymity phrase contains one of these: a cheap test before the full pattern.
ANONYMITY_KEYS = ("anonym", "named", "identified", "authori", "background")


def inflections(verb: str) -> set[str]:
    """All forms of a base verb (or a phrase whose first word is the verb)."""
    first, _, rest = verb.strip().lower().partition(" ")
    suffix = f" {rest}" if rest else ""
    forms = {first}
    if first in _IRREGULAR:
        forms.update(_IRREGULAR[first])
    else:
        if first.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(first + "es")
        elif first.endswith("y") and first[-2:-1] not in "aeiou":
            forms.add(first[:-1] + "ies")
        else:
            forms.add(first + "s")
        if first.endswith("e"):
            forms.update({first + "d", first[:-1] + "ing"})
        elif first.endswith("y") and first[-2:-1] not in "aeiou":
            forms.update({first[:-1] + "ied", first + "ing"})
        elif first in _DOUBLING:
            forms.update({first + first[-1] + "ed", first + first[-1] + "ing"})
        else:
            forms.update({first + "ed", first + "ing"})
    return {form + suffix for form in forms}


def _alternation(phrases: set[str]) -> str:
    # Longest first so that "point out" wins over "point", "according to" over "accord".
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True)
class QuoteLexicon:
    """The words that make an attribution. Hashable: analyses are memoised per lexicon."""

    speech_verbs: tuple[str, ...] = SPEECH_VERBS
    anonymous_sources: tuple[str, ...] = ANONYMOUS_SOURCES
    anonymity_phrases: tuple[str, ...] = ANONYMITY_PHRASES

    @classmethod
    def extended(
        cls, speech_verbs: tuple[str, ...] = (), anonymous_sources: tuple[str, ...] = ()
    ) -> QuoteLexicon:
        """The default lexicon plus extra words (computed once per distinct set of extras)."""
        return _extended(tuple(sorted(set(speech_verbs))), tuple(sorted(set(anonymous_sources))))

    @cached_property
    def verb_forms(self) -> frozenset[str]:
        forms: set[str] = set()
        for verb in self.speech_verbs:
            forms.update(inflections(verb))
        forms.update(FOREIGN_CUES)
        return frozenset(forms)

    @cached_property
    def _cue_index(self) -> tuple[frozenset[str], dict[str, list[tuple[re.Pattern[str], bool]]]]:
        single: set[str] = set()
        multi: dict[str, list[tuple[re.Pattern[str], bool]]] = {}
        for phrase, after in [(f, False) for f in self.verb_forms] + [
            (c, True) for c in SUBJECT_AFTER_CUES
        ]:
            first, _, rest = phrase.partition(" ")
            if not rest:
                if after:
                    multi.setdefault(first, []).append((_EMPTY, True))
                else:
                    single.add(first)
                continue
            words = r"\s+".join(re.escape(w) for w in rest.split())
            pattern = re.compile(rf"\s+{words}(?![\w’'-])", re.IGNORECASE)
            multi.setdefault(first, []).append((pattern, after))
        return frozenset(single), multi

    @cached_property
    def _first_words(self) -> frozenset[str]:
        single, multi = self._cue_index
        return single | frozenset(multi)

    @cached_property
    def _token_first_words(self) -> frozenset[str]:
        """The first words a `_CUE_WORD` token can be (one starting with a letter): the only
        ones a cue is found for."""
        return frozenset(word for word in self._first_words if _CUE_WORD.fullmatch(word))

    def find_cues(self, text: str, start: int, end: int) -> list[CueMatch]:
        """Speech verbs (any form) and subject-after cues (`according to`) in text[start:end],
        sorted by position.

        The region's words are split and intersected with the cue words in C; only the few cue
        words present are then located (one huge alternation, or a Python loop over every
        word, is several times slower)."""
        segment = text[start:end]
        lowered = segment.lower()
        if len(lowered) != len(segment):  # lowercasing changed offsets (İ): word by word
            return self._find_cues_word_by_word(text, start, end)
        return self.find_cues_inside(text, start, end, lowered, start, end)

    def find_cues_inside(
        self, text: str, start: int, end: int, lowered: str, base: int, limit: int
    ) -> list[CueMatch]:
        """The cues `find_cues(text, base, limit)` finds that lie wholly inside text[start:end],
        found by reading only text[start:end] (plus a phrase's words after it).

        `lowered` is text[base:limit].lower(), of the same length (the caller checks), so word
        boundaries are judged on the whole of text[base:limit], as `find_cues` judges them."""
        position, end_position = start - base, end - base
        candidates = _candidate_words(lowered[position:end_position])
        present = self._token_first_words.intersection(candidates)
        if not present:
            return []
        single, multi = self._cue_index
        found: list[CueMatch] = []
        for lower in present:
            phrases = multi.get(lower)
            for word_start in _whole_word_offsets(lowered, lower, position, end_position):
                word_end = word_start + len(lower)
                cue = _cue_at(
                    text, base + word_start, base + word_end, limit, lower, single, phrases
                )
                if cue is not None and cue.cue_end <= end:
                    found.append(cue)
        if len(present) > 1:
            found.sort(key=_CUE_START)
        return found

    def _find_cues_word_by_word(self, text: str, start: int, end: int) -> list[CueMatch]:
        single, multi = self._cue_index
        found: list[CueMatch] = []
        for word in _CUE_WORD.finditer(text, start, end):
            lower = word.group(0).lower()
            cue = _cue_at(text, word.start(), word.end(), end, lower, single, multi.get(lower))
            if cue is not None:
                found.append(cue)
        return found

    def says_anonymous(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] says its source is anonymous (`asked not to be named`)."""
        lowered = text[start:end].lower()
        for key in ANONYMITY_KEYS:  # a loop, not any(): no generator for five tests
            if key in lowered:
                return self.anonymity_pattern.search(lowered) is not None
        return False

    @cached_property
    def anonymous_first_words(self) -> frozenset[str]:
        """The first word of every anonymous source: only a subject starting with one of them
        is matched against `anonymous_pattern`."""
        return frozenset(source.split()[0].lower() for source in self.anonymous_sources)

    @cached_property
    def anonymous_pattern(self) -> re.Pattern[str]:
        """Matches the start of a subject that names no one (`one official`, `critics`)."""
        alternatives = _alternation({s.lower() for s in self.anonymous_sources})
        return re.compile(rf"^(?:{alternatives})(?![\w’'-])", re.IGNORECASE)

    @cached_property
    def anonymity_pattern(self) -> re.Pattern[str]:
        """A sentence that says its source is anonymous (`spoke on condition of anonymity`)."""
        return re.compile(_alternation({p.lower() for p in self.anonymity_phrases}), re.IGNORECASE)


_CUE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Punctuation stripped from the ends of a whitespace-separated word before it is looked up: none
# of it can be part of a `_CUE_WORD` token.
_EDGE_PUNCTUATION = '.,;:!?"“”„«»‹›()[]{}…—–*/'


def _candidate_words(lowered: str) -> list[str]:
    """The `_CUE_WORD` tokens of `lowered` that are whole words (a run of word characters,
    apostrophes and hyphens, with none of those on either side), among other strings.

    Splitting at whitespace and stripping punctuation in C costs a fraction of the regex, which
    tests every character's Unicode category; a word still holding other characters (`he/said`,
    `don’t`) is split by the regex."""
    words = list(map(str.strip, lowered.split(), repeat(_EDGE_PUNCTUATION)))
    for word in [word for word in filterfalse(str.isalnum, words) if word]:
        words.extend(_CUE_WORD.findall(word))
    return words


_EMPTY = re.compile("")
_CUE_START = attrgetter("cue_start")


def _whole_word_offsets(lowered: str, word: str, start: int, end: int) -> list[int]:
    """Where `word` lies in lowered[start:end] as a whole `_CUE_WORD` token, with no word
    character, apostrophe or hyphen on either side of it in `lowered` (not in don’t-said or
    unsaid)."""
    # The regex's lookahead sees no character at `end`: the one there is tested here.
    followed = end < len(lowered) and _continues_word(lowered[end])
    return [
        match.start()
        for match in _whole_word(word).finditer(lowered, start, end)
        if not (followed and match.end() == end)
    ]


@cache
def _whole_word(word: str) -> re.Pattern[str]:
    """`word` as a whole `_CUE_WORD` token, where it ends before `endpos` or is followed by no
    word character. The word comes first and the check before it is a lookbehind after it, so
    the regex engine searches for the literal word (a leading lookbehind is tried everywhere)."""
    literal = re.escape(word)
    return re.compile(rf"{literal}(?<![\w’'-]{literal})(?![\w’'-])")


def _continues_word(char: str) -> bool:
    return char.isalnum() or char in "_’'-"


def _cue_at(
    text: str,
    word_start: int,
    word_end: int,
    end: int,
    lower: str,
    single: frozenset[str],
    phrases: list[tuple[re.Pattern[str], bool]] | None,
) -> CueMatch | None:
    """The cue starting with the word at text[word_start:word_end] (a phrase wins), if any."""
    if phrases:
        for pattern, after in phrases:
            rest = pattern.match(text, word_end, end)
            if rest is not None:
                return CueMatch(word_start, rest.end(), after, text)
    if lower in single:
        return CueMatch(word_start, word_end, False, text)
    return None


class CueMatch:
    """A cue found by `QuoteLexicon.find_cues`, shaped like a regex match (`start()`, `end()`,
    `span()`, `group(0)`, and `group("after")` true for subject-after cues). The same values are
    plain attributes too, cheaper to read in a loop: `cue_start`, `cue_end` and
    `subject_follows` (a subject-after cue)."""

    __slots__ = ("_text", "cue_end", "cue_start", "subject_follows")

    def __init__(self, start: int, end: int, after: bool, text: str) -> None:
        self.cue_start, self.cue_end, self.subject_follows, self._text = start, end, after, text

    def start(self) -> int:
        return self.cue_start

    def end(self) -> int:
        return self.cue_end

    def span(self) -> tuple[int, int]:
        return self.cue_start, self.cue_end

    def group(self, name: int | str = 0) -> str | None:
        if name == "after":
            return self._text[self.cue_start : self.cue_end] if self.subject_follows else None
        return self._text[self.cue_start : self.cue_end]


@cache
def _extended(speech_verbs: tuple[str, ...], anonymous_sources: tuple[str, ...]) -> QuoteLexicon:
    if not speech_verbs and not anonymous_sources:
        return DEFAULT_LEXICON
    return QuoteLexicon(
        speech_verbs=SPEECH_VERBS + speech_verbs,
        anonymous_sources=ANONYMOUS_SOURCES + anonymous_sources,
    )


DEFAULT_LEXICON = QuoteLexicon()
