"""Boilerplate rules: page chrome in scraped text (BP001) and social-media embed residue (LNK001).

Both look at whole lines. BP001 normalises a line (case, punctuation, whitespace, Markdown
decoration) and looks it up in a set of known chrome lines, then tries one combined pattern
per family (cookie banners, "Follow us on ...", "Read more: ...", breadcrumbs); no rule loops
over its lexicon. LNK001 scans the text with a few compiled regular expressions, each gated by
a cheap substring test so that clean text never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from pydantic import Field, field_validator

from lint.analysis.markdown import MarkdownRegions, markdown_regions
from lint.document import Document, Line
from lint.finding import Finding, Fix, Severity
from lint.rule import FixAvailability, Rule, RuleOptions

# -- normalisation ------------------------------------------------------------------------------

_new_tuple = tuple.__new__
_NON_WORD = re.compile(r"[\W_]+")
# Markdown decoration in front of a line: indentation, block quotes, headings, list markers.
_LEAD = re.compile(
    r"^[ \t]*(?:>[ \t]*)*(?P<heading>#{1,6}[ \t]+)?"
    r"(?:(?P<list>[-*+•◦▪][ \t]+)|(?P<ordered>\d{1,3}[.)][ \t]+))?"
)
_EMPHASIS = re.compile(r"^[*_~]+|[*_~]+$")
_EMPHASIS_CHARS = frozenset("*_~")
_TERMINAL = '.!?:;"”’)…'
MAX_LINE_CHARS = 400  # chrome lines are short; even cookie banners stay under this
MAX_SHORT_LINE = 120  # longer lines can only be a cookie banner or match a configured pattern
MAX_WORDS = 30  # for every family except cookie banners


# For ASCII text, `normalise` in one C-level pass over its bytes: capitals to lower case,
# everything that is not a letter or digit (spaces, punctuation, "_") to a space.
_ASCII_FOLD = bytes(
    ord(chr(code).lower()) if code < 128 and chr(code).isalnum() else ord(" ")
    for code in range(256)
)


# Typographic punctuation that often makes an English line non-ASCII (none is a letter or
# digit, so `normalise` turns each into a space anyway)
_TYPOGRAPHIC = ("“", "”", "‘", "’", "—", "–", "…", "\u00a0")


def normalise(text: str) -> str:
    """Lower-case words, single spaces: "— Share this ARTICLE! —" -> "share this article"."""
    if not text.isascii():
        for mark in _TYPOGRAPHIC:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            return _NON_WORD.sub(" ", text).strip().casefold()
    return b" ".join(text.encode().translate(_ASCII_FOLD).split()).decode()


class LineShape(NamedTuple):
    """A line with its Markdown decoration taken off, and what that decoration said."""

    bare: str  # the text without indentation, quote/heading/list markers and emphasis
    norm: str
    is_heading: bool
    is_list_item: bool
    is_ordered: bool  # a numbered list item: content, since sites do not number their buttons


def line_shape(text: str, *, normalised: bool = True) -> LineShape:
    """The line's shape; `normalised=False` leaves `norm` empty (saves time on long lines)."""
    if text[:1].isalpha():  # no decoration can start with a letter
        heading = listed = ordered = False
        bare = text.rstrip()
    else:
        lead = _LEAD.match(text)
        assert lead is not None  # every part of the pattern is optional
        bare = text[lead.end() :].strip()
        heading = lead["heading"] is not None
        ordered = lead["ordered"] is not None
        listed = ordered or lead["list"] is not None
    if bare[:1] in _EMPHASIS_CHARS or bare[-1:] in _EMPHASIS_CHARS:
        bare = _EMPHASIS.sub("", bare).strip()
    norm = normalise(bare) if normalised else ""
    # built in C: a NamedTuple's own constructor is Python code
    return _new_tuple(LineShape, (bare, norm, heading, listed, ordered))


# -- the default lexicon --------------------------------------------------------------------------

# Whole lines of page chrome, by the family named in the message.
PHRASE_FAMILIES: dict[str, frozenset[str]] = {
    "share link": frozenset(
        {
            "share this article", "share this story", "share this page", "share this post",
            "share this", "share article", "share story", "share the story", "share page",
            "send this to a friend", "send to a friend", "email this article", "email this story",
            "email this page", "email to a friend", "print this page", "print this article",
            "print this story", "print article", "print page", "copy link", "copy the link",
            "copy link to clipboard", "link copied", "link copied to clipboard", "tweet this",
            "pin it", "share your thoughts", "click to share", "share this with",
        }
    ),
    "subscription prompt": frozenset(
        {
            "subscribe now", "subscribe today", "subscribe here", "subscribe to our newsletter",
            "newsletter sign up", "newsletter signup", "get our newsletter", "already a subscriber",
            "already a subscriber sign in", "already a subscriber log in",
            "subscribe to continue reading", "sign in to continue reading",
            "log in to continue reading", "subscribe to read the full article",
            "this article is for subscribers only", "create a free account to continue reading",
            "register to continue reading", "subscribers only", "unlock this article",
        }
    ),
    "cookie notice": frozenset(
        {
            "accept all cookies", "accept cookies", "accept all", "reject all",
            "reject all cookies", "manage cookies", "cookie settings", "cookie preferences",
            "manage preferences", "manage consent", "manage cookie preferences",
            "necessary cookies only", "allow all cookies", "allow cookies", "allow all",
            "we value your privacy", "accept and continue", "agree and close",
        }
    ),
    "navigation": frozenset(
        {
            "skip to main content", "skip to content", "skip to navigation", "skip navigation",
            "jump to navigation", "jump to content", "jump to main content", "back to top",
            "return to top", "go to top", "scroll to top", "toggle navigation", "open menu",
            "close menu", "main menu", "open navigation menu", "close navigation menu",
            "search this site", "you are here", "previous article", "next article",
            "older posts", "newer posts", "load more", "show more", "load more stories",
            "view all", "see all", "open in app", "download our app", "download the app",
            "get the app", "jump to recipe", "print recipe", "pin recipe", "save recipe",
            "log in to reply", "sign in to reply", "report post", "report this post",
            "report comment",
        }
    ),
    "advertisement slot": frozenset(
        {
            "story continues below advertisement", "article continues below advertisement",
            "story continues below", "article continues below", "content continues below",
            "continue reading below", "continue reading below the ad",
            "scroll to continue with content", "advertisement scroll to continue",
            "advertisement continue reading below", "remove ads", "ad feedback",
            "report this ad", "advertisement feature", "skip advertisement", "close ad",
        }
    ),
    "comments widget": frozenset(
        {
            "leave a comment", "leave a reply", "post a comment", "add a comment",
            "comments are closed", "join the conversation", "join the discussion",
            "show comments", "view comments", "hide comments", "load comments",
            "load more comments", "be the first to comment",
            "you must be logged in to post a comment",
        }
    ),
    "related-links widget": frozenset(
        {
            "related articles", "related stories", "related posts", "related content",
            "related coverage", "related topics", "more stories", "more from this author",
            "most read", "most popular", "most viewed", "trending now", "you may also like",
            "you might also like", "recommended for you", "recommended stories",
            "more on this story", "read more", "continue reading", "read the full story",
            "read full article", "read the full article",
        }
    ),
    "page furniture": frozenset(
        {
            "follow us", "follow us on social media", "connect with us", "stay connected",
            "listen to this article", "listen to article", "was this article helpful",
            "was this helpful", "report an error", "report a typo", "powered by wordpress",
            "image caption", "media caption", "image source", "hide caption", "toggle caption",
            "enlarge this image", "click to enlarge", "expand image",
        }
    ),
}  # fmt: skip
PHRASES: dict[str, str] = {
    phrase: family for family, phrases in PHRASE_FAMILIES.items() for phrase in phrases
}

# One-word slot markers: boilerplate as a lone line of prose, but a list item or a Markdown
# heading with these words is content, and so is a plain heading whose next paragraph is
# about the same thing ("Advertisement" above a paragraph on advertising law).
MARKERS: dict[str, str] = {
    "advertisement": "advertis",
    "advertisements": "advertis",
    "advert": "advert",
    "ad": "advert",
    "ads": "advert",
    "sponsored": "sponsor",
    "sponsored content": "sponsor",
    "paid content": "paid",
    "paid post": "paid",
    "promoted content": "promot",
    "partner content": "partner",
    "subscribe": "subscri",
}

# Endings that TRN002 (elided-ending) owns when they are the document's last line.
ELIDED_ENDINGS: frozenset[str] = frozenset(
    {
        "read more",
        "continue reading",
        "read the full story",
        "read full article",
        "read the full article",
    }
)
_ELIDED_CLICK = re.compile(r"click here to (?:read|see|view|continue)\b")

# Share-bar and menu words: a run of two or more lines made only of these is the residue of
# buttons. A single line of several of them ("Facebook Twitter Email") needs a strong one.
STRONG_CHROME: frozenset[str] = frozenset(
    {
        "share", "tweet", "email", "e mail", "print", "pin", "pinterest", "whatsapp",
        "facebook", "twitter", "linkedin", "reddit", "telegram", "messenger", "copy link",
        "flipboard", "bluesky", "mastodon", "threads", "sms",
    }
)  # fmt: skip
WEAK_CHROME: frozenset[str] = frozenset(
    {
        "x", "menu", "search", "sign in", "log in", "login", "register", "subscribe",
        "home", "save", "comments", "comment", "close", "more", "link", "copy", "shares",
    }
)  # fmt: skip
_CHROME_TOKEN = re.compile(
    "|".join(
        sorted(
            (re.escape(word) for word in STRONG_CHROME | WEAK_CHROME),
            key=len,
            reverse=True,
        )
    )
)

_PLATFORM = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|e-?mail|messenger|telegram"
    r"|bluesky|threads|mastodon|instagram|tiktok|youtube|flipboard|snapchat)"
)
_PLATFORMS = rf"{_PLATFORM}(?:\s*(?:,|and|or|/|\||&)\s*{_PLATFORM})*"
_WEB_WORD = re.compile(
    r"experience|website|\bsite\b|brows|consent|polic|accept|agree|personali[sz]|analytic"
    r"|third[- ]part|advertis|traffic|preferences|settings|services|content and ads",
    re.IGNORECASE,
)

# Family patterns, matched in full against the bare line (case-insensitive). The name of the
# matching group is the family reported in the message.
_PATTERNS = re.compile(
    "|".join(
        [
            rf"(?P<share>(?:share|post|send|email)(?:\s+(?:this|the)\s+(?:article|story|page|post"
            rf"|video|photo|gallery|link))?\s+(?:on|via|by|to|with)\s+{_PLATFORMS}\W*)",
            rf"(?P<follow>(?:follow|like|find|join)\s+(?:us|me|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?)"
            rf"\s+on\s+{_PLATFORMS}(?:\s*(?:at\s+)?@[\w.]+)?\W*)",
            r"(?P<click>click\s+here\s+(?:to|for)\b[^.!?\n]{0,80}[.!?]?)",
            r"(?P<signup>(?:sign\s+up|subscribe|register|join|get)\s+(?:now\s+|today\s+|here\s+)?"
            r"(?:for|to)\s+[^.!?\n]{0,100}?\b(?:newsletters?|updates|alerts|e-?mails?|inbox"
            r"|briefings?|digest|mailing\s+list|free\s+trial|notifications|bulletin|podcast"
            r"|channel|rss\s+feed)\b[^.!?\n]{0,120}[.!?]?)",
            r"(?P<cookies>(?:(?:we|we\s+and\s+our\s+partners|this\s+(?:web)?site|our\s+(?:web)?"
            r"site|this\s+page|this\s+website)\s+uses?\s+cookies(?:\s+(?:to|and|so|for|which|that)\b|\s*[.,:;!]|\s*$)|by\s+(?:continuing\s+to\s+"
            r"(?:use|browse)|using)\s+(?:this|our)\s+(?:web)?site\b).*)",
            r"(?P<related>(?:read\s+more|also\s+read|read\s+also|read\s+next|related(?:\s+"
            r"(?:article|story|stories|articles|coverage|reading))?|more\s+on\s+this|see\s+more"
            r"|watch|listen|more\s+from\s+\w+|recommended)\s*(?::|»|›|→|>>|\||–|—)\s*\S.*)",
            r"(?P<caption>(?:image|media|video|photo)\s+(?:caption|source)\b.*)",
            r"(?P<copyright>(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?"
            r".{0,100}all\s+rights\s+reserved\.?)",
            r"(?P<counter>\d[\d,.]*\s*k?\s+(?:comments?|shares))",
            r"(?P<reading>\d{1,3}\s*(?:-|\s)?(?:min|mins|minute|minutes)\s+read)",
        ]
    ),
    re.IGNORECASE,
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:>|»|›|/|\|)\s*")
_BREADCRUMB_HOME = frozenset({"home", "homepage", "start", "main", "front page"})
# "Click here to subscribe" is a button; a long "Click here to ..." line is tutorial prose.
_MAX_WORDS = {"click": 12, "share": 10, "follow": 12}
_FAMILY_LABEL = {
    "share": "share link",
    "follow": "social follow link",
    "click": "'click here' link",
    "signup": "sign-up prompt",
    "cookies": "cookie notice",
    "related": "related-link teaser",
    "caption": "caption label",
    "copyright": "copyright footer",
    "counter": "page counter",
    "reading": "reading-time label",
}


# The words `_PATTERNS` can start with ("(c)" starts with "c"; "©" and digits are handled apart).
PATTERN_FIRST_WORDS: frozenset[str] = frozenset(
    """
    share post send email follow like find join click sign subscribe register get we this our
    by read also related more see watch listen recommended image media video photo copyright c
    """.split()
)
# What a line `_PATTERNS` matches starts with, in lower case (a digit aside).
_PATTERN_STARTS = (*PATTERN_FIRST_WORDS, "(c", "©")
_FIRST_WORD_RUN = re.compile(r"[^\W_]+")
# Marks a line often starts with before its first word (none of them a letter or digit).
_LEADING_MARKS = " \t#>*-+•_~\"'“‘«([—–"


def first_word(text: str) -> str | None:
    """The first run of letters and digits in `text` (what `_FIRST_WORD_RUN` finds first): read
    without a regular expression when the line starts with a plain word, after a few marks."""
    head = text.lstrip(_LEADING_MARKS).partition(" ")[0]
    if head.isalnum():  # letters and digits only: the run, whole (a space or the end follows)
        return head
    found = _FIRST_WORD_RUN.search(text)
    return found.group() if found is not None else None


def _may_match(text: str, first_words: frozenset[str]) -> bool:
    """A cheap necessary condition for a line to be boilerplate: its first word (the first word
    of its normalised form: decoration is not made of letters) starts some lexicon line or
    pattern, or it starts with a digit, or it holds a breadcrumb separator or "©". Non-ASCII
    first words take the full path, whose case folding this test does not reproduce."""
    word = first_word(text)
    if word is None:
        return False  # no words: the normalised line is empty
    return _passes_gate(text, word, first_words)


def _passes_gate(text: str, word: str, first_words: frozenset[str]) -> bool:
    """`_may_match` for a line whose first word is known."""
    return (
        not word.isascii()
        or word[0].isdigit()
        or word.lower() in first_words
        or _holds_any_word_char(text)
    )


def _holds_any_word_char(text: str) -> bool:
    """Whether `text` holds a breadcrumb separator or "©", which let a line match whatever its
    first word (searched one at a time: a one-character search costs a fraction of a regex)."""
    return ">" in text or "/" in text or "|" in text or "»" in text or "›" in text or "©" in text


def _may_match_pattern(bare: str) -> bool:
    """A necessary condition for `_PATTERNS.fullmatch(bare)`: every family starts with one of a
    few words, "(c)", "©" or a digit. (A text holding a letter that case-insensitive matching
    takes for an ASCII letter but `lower` does not turn into one takes the full path.)"""
    head = bare[:12]
    if not head.isascii() and ("ſ" in head or "ı" in head or "İ" in head or "\u212a" in head):
        return True
    return head[:1].isdecimal() or head.lower().startswith(_PATTERN_STARTS)


def _is_breadcrumb(bare: str) -> bool:
    """ "Home > News > World", "News » World » Europe": three or more short capitalised crumbs."""
    if not (">" in bare or "»" in bare or "›" in bare or "/" in bare or "|" in bare):
        return False
    if bare.startswith("|"):
        return False
    crumbs = _BREADCRUMB_SEPARATOR.split(bare)
    if len(crumbs) < 3 or any(not crumb for crumb in crumbs):
        return False
    for crumb in crumbs:
        words = crumb.split()
        if not 1 <= len(words) <= 4 or not (words[0][0].isupper() or words[0][0].isdigit()):
            return False
        if any(ch in crumb for ch in ".!?,;:"):
            return False
    fancy = "»" in bare or "›" in bare
    return fancy or normalise(crumbs[0]) in _BREADCRUMB_HOME


# The first word of every share-bar word: a line of them starts with one.
_CHROME_FIRST_WORDS = frozenset(word.split(" ", 1)[0] for word in STRONG_CHROME | WEAK_CHROME)


def _chrome_tokens(norm: str) -> list[str] | None:
    """The share-bar words a normalised line is made of, or None if it has other words."""
    if norm.partition(" ")[0] not in _CHROME_FIRST_WORDS:
        return None
    tokens: list[str] = []
    position = 0
    while position < len(norm):
        if norm[position] == " ":
            position += 1
            continue
        match = _CHROME_TOKEN.match(norm, position)
        if match is None:
            return None
        end = match.end()
        if end < len(norm) and norm[end] != " ":
            return None
        tokens.append(match.group())
        position = end
    return tokens


# -- the lines both rules read --------------------------------------------------------------------

MAX_EMBED_LINE = 200  # embed labels (LNK001) are short lines too


class LineCandidates(NamedTuple):
    """The lines BP001 and LNK001 may report (indices into doc.lines, in order): any other line
    that is not blank is content to both."""

    boilerplate: list[int]
    embed: list[int]


def scan_lines(doc: Document, first_words: frozenset[str]) -> LineCandidates:
    """One pass over the lines after any front matter for both rules: the lines that pass
    BP001's gate (`_may_match` with `first_words`, on lines of at most MAX_SHORT_LINE
    characters, or MAX_LINE_CHARS for a cookie notice), and the lines that may be embed labels
    (at most MAX_EMBED_LINE characters, starting with a label's first word)."""
    lines = doc.lines
    boilerplate: list[int] = []
    embed: list[int] = []
    # whether the text holds a breadcrumb separator or "©": asked once, when a line needs it
    # (two in three documents hold none, and one search of the text costs less than many)
    any_word_chars: bool | None = None
    for index in range(_first_body_line(doc), len(lines)):
        text = lines[index].text
        size = len(text)
        if not size or size > MAX_LINE_CHARS:
            continue
        if size > MAX_EMBED_LINE and not _mentions_cookies(text):
            continue  # longer lines can only be a cookie notice
        word = first_word(text)
        if word is None:
            continue  # no words: the normalised line is empty
        # the word in lower case, or "" when any word passes: non-ASCII words (whose case
        # folding `lower` does not reproduce) and numbers
        key = word.lower() if word.isascii() and not word[0].isdigit() else ""
        if size <= MAX_EMBED_LINE and (not key or key in _EMBED_FIRST_WORDS):
            embed.append(index)
        # BP001's gate, the cheapest tests first
        if key and key not in first_words:
            if any_word_chars is None:
                any_word_chars = _holds_any_word_char(doc.text)
            # (not counting the ">" of a block quote: `line_shape` takes them off)
            if not (any_word_chars and _holds_any_word_char(text.lstrip(" \t>"))):
                continue
        if MAX_SHORT_LINE < size <= MAX_EMBED_LINE and not _mentions_cookies(text):
            continue  # (a line longer still mentions cookies: see above)
        boilerplate.append(index)
    return _new_tuple(LineCandidates, (boilerplate, embed))


def default_line_candidates(doc: Document) -> LineCandidates:
    """`scan_lines` for the default lexicon, shared by BP001, LNK001 and DUP001 through
    doc.analysis."""
    return scan_lines(doc, build_lexicon()._first_words)


def _first_body_line(doc: Document) -> int:
    """The index of the first line after any front matter (a run of whole lines at the top)."""
    front = doc.front_matter
    lines = doc.lines
    first = 0
    if front is not None:
        while first < len(lines) and lines[first].start < front.end:
            first += 1
    return first


def _mentions_cookies(text: str) -> bool:
    # a one-character search first: it costs a fraction of a longer one
    return ("k" in text and "ookie" in text) or ("K" in text and "OOKIE" in text)


# -- the matcher ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoilerplateLexicon:
    """What counts as a boilerplate line: the defaults (minus dropped entries) plus extras."""

    phrases: dict[str, str]  # normalised line -> family
    markers: dict[str, str]
    defaults: bool
    extra_patterns: re.Pattern[str] | None

    def classify(self, doc: Document, regions: MarkdownRegions) -> dict[int, str]:
        """Line number -> why the line is boilerplate, for every boilerplate line of `doc`."""
        found: dict[int, str] = {}
        candidates = self._candidate_lines(doc)
        if not candidates:
            return found
        lines = doc.lines
        last_content = _last_content_line(lines)
        # (most documents have no code or comment: skip building the lookup `contains` needs)
        in_code = bool(regions.code_blocks or regions.inline_code or regions.comments)
        chrome_run: list[int] = []  # numbers of consecutive lines of share-bar words

        def close_run() -> None:
            if len(chrome_run) >= 2:
                for number in chrome_run:
                    found[number] = "share buttons"
            chrome_run.clear()

        previous = -1
        for index in candidates:
            # a line that is not a candidate breaks a run of share buttons, unless it is blank
            if chrome_run and not _all_blank(lines, previous + 1, index):
                close_run()
            previous = index
            line = lines[index]
            if in_code and (line.number in regions.code_lines or regions.contains(line.start)):
                close_run()
                continue
            shape = line_shape(line.text)
            reason = self._match(shape, lines, index, last_content)
            plain = not shape.is_heading and not shape.is_list_item
            tokens = _chrome_tokens(shape.norm) if plain and reason is None and shape.norm else None
            if tokens is not None:
                if len(tokens) >= 2 and any(token in STRONG_CHROME for token in tokens):
                    found[line.number] = "share buttons"
                chrome_run.append(line.number)
                continue
            close_run()
            if reason is not None and not _continues_prose(lines, index, shape):
                found[line.number] = reason
        close_run()
        return found

    def _candidate_lines(self, doc: Document) -> list[int]:
        """Indices of the lines that may be boilerplate: after any front matter, not blank,
        short enough and (with the default lexicon) passing the first-word gate. Any other line
        that is not blank is content."""
        if self.extra_patterns is not None:  # a configured pattern may match any short line
            lines = doc.lines
            return [
                index
                for index in range(_first_body_line(doc), len(lines))
                if 0 < len(lines[index].text) <= MAX_LINE_CHARS and not lines[index].text.isspace()
            ]
        if self is build_lexicon():  # the default lexicon: its lines are shared with LNK001
            return doc.analysis(default_line_candidates).boilerplate
        return scan_lines(doc, self._first_words).boilerplate

    @cached_property
    def _first_words(self) -> frozenset[str]:
        """Every word a matching line can start with (lexicon lines, markers, family patterns,
        share-bar words): a line starting with any other word is never boilerplate."""
        words = {key.split(" ", 1)[0] for key in [*self.phrases, *self.markers]}
        words.update(token.split(" ", 1)[0] for token in STRONG_CHROME | WEAK_CHROME)
        words.update(PATTERN_FIRST_WORDS)
        return frozenset(words)

    def _match(
        self, shape: LineShape, lines: list[Line], index: int, last_content: int
    ) -> str | None:
        norm = shape.norm
        if not norm:
            return None
        is_last = lines[index].number == last_content
        if is_last and (norm in ELIDED_ENDINGS or _ELIDED_CLICK.match(norm)):
            return None  # TRN002 (elided-ending) reports a teaser that ends the document
        if shape.is_ordered:
            return None
        family = self.phrases.get(norm)
        if family is not None:
            return None if self._heads_section(lines, index, norm) else family
        stem = self.markers.get(norm)
        if stem is not None:
            if shape.is_heading or shape.is_list_item or self._heads_section(lines, index, stem):
                return None
            return "advertisement slot" if stem != "subscri" else "subscription prompt"
        if self.extra_patterns is not None and self.extra_patterns.fullmatch(shape.bare):
            return "configured pattern"
        if not self.defaults:
            return None
        words = norm.count(" ") + 1
        match = _PATTERNS.fullmatch(shape.bare) if _may_match_pattern(shape.bare) else None
        if match is not None:
            family = match.lastgroup or ""
            if family == "cookies":
                return "cookie notice" if _WEB_WORD.search(shape.bare) else None
            if words <= _MAX_WORDS.get(family, MAX_WORDS):
                return _FAMILY_LABEL.get(family, family)
        if words <= 12 and _is_breadcrumb(shape.bare):
            return "breadcrumb navigation"
        return None

    def _heads_section(self, lines: list[Line], index: int, topic: str) -> bool:
        """Whether the next non-blank line is prose about `topic`: the matching line is then a
        heading ("Advertisement" above a paragraph on advertising law), not page chrome."""
        for line in lines[index + 1 : index + 4]:
            if not line.is_blank:
                norm = normalise(line.text)
                if norm in self.phrases or norm in self.markers:
                    return False
                return topic in norm if " " in topic else topic in line.text.casefold()
        return False


def _all_blank(lines: list[Line], start: int, stop: int) -> bool:
    return all(lines[index].is_blank for index in range(start, stop))


def _last_content_line(lines: list[Line]) -> int:
    for line in reversed(lines):
        if not line.is_blank:
            return line.number
    return 0


def _neighbour(lines: list[Line], index: int, step: int) -> Line | None:
    position = index + step
    if 0 <= position < len(lines) and not lines[position].is_blank:
        return lines[position]
    return None


def _continues_prose(lines: list[Line], index: int, shape: LineShape) -> bool:
    """Whether a matching line is really part of a hard-wrapped sentence around it."""
    bare = shape.bare
    previous = _neighbour(lines, index, -1)
    if previous is not None and bare[:1].islower():
        tail = previous.text.rstrip()
        if tail and tail[-1] not in _TERMINAL:
            return True
    following = _neighbour(lines, index, 1)
    if following is not None and bare and bare[-1] not in _TERMINAL:
        head = following.text.lstrip()
        if head[:1].islower():
            return True
    return False


@lru_cache(maxsize=64)
def build_lexicon(
    extra_lines: tuple[str, ...] = (),
    extra_patterns: tuple[str, ...] = (),
    ignore_lines: tuple[str, ...] = (),
    defaults: bool = True,
) -> BoilerplateLexicon:
    """A lexicon, compiled once per distinct configuration."""
    dropped = {normalise(line) for line in ignore_lines}
    phrases = {k: v for k, v in PHRASES.items() if k not in dropped} if defaults else {}
    markers = {k: v for k, v in MARKERS.items() if k not in dropped} if defaults else {}
    phrases.update((norm, "configured line") for norm in map(normalise, extra_lines) if norm)
    pattern = (
        re.compile("|".join(f"(?:{p})" for p in extra_patterns), re.IGNORECASE)
        if extra_patterns
        else None
    )
    return BoilerplateLexicon(phrases, markers, defaults, pattern)


def default_boilerplate_lines(doc: Document) -> dict[int, str]:
    """Boilerplate lines by the default lexicon; shared by BP001 and DUP001 through doc.analysis."""
    return build_lexicon().classify(doc, doc.analysis(markdown_regions))


def _whole_line_fix(rule: Rule, doc: Document, line: Line, message: str) -> tuple[int, int, Fix]:
    end = line.end + len(line.ending)
    fix = rule.replacement(doc, line.start, end, "", safe=False, message=message)
    return line.start, end, fix


# -- BP001 ----------------------------------------------------------------------------------------


class BoilerplateOptions(RuleOptions):
    extra_lines: list[str] = Field(
        default_factory=list,
        description="more whole lines to treat as boilerplate (compared after normalisation)",
    )
    extra_patterns: list[str] = Field(
        default_factory=list,
        description="regular expressions a whole line must match (case-insensitive)",
    )
    ignore_lines: list[str] = Field(
        default_factory=list, description="default lexicon lines that are content in this corpus"
    )
    default_lexicon: bool = Field(
        default=True, description="false: only `extra-lines` and `extra-patterns` apply"
    )

    @field_validator("extra_patterns")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                compiled = re.compile(pattern, re.IGNORECASE)
            except re.error as error:
                raise ValueError(f"invalid regular expression {pattern!r}: {error}") from None
            if compiled.fullmatch(""):
                raise ValueError(f"regular expression {pattern!r} matches an empty line")
        return patterns


class BoilerplateLine(Rule):
    """A whole line of page chrome: share, subscribe, cookie, navigation or advertisement text.

    ## What it does
    Flags lines that are website furniture rather than content: "Share this article",
    "Send this to a friend", "Subscribe to our newsletter", "We use cookies to improve your
    experience...", "Skip to main content", "Home > News > World", "Follow us on Twitter",
    "Click here to subscribe", "Read more: <headline>", "Image caption", "Print this page",
    "Accept all cookies", a lone "Advertisement" (or "ADVERTISEMENT") between paragraphs, and
    share-button residue such as a line "Facebook Twitter Email" or consecutive lines "Share",
    "Tweet", "Email".

    A line matches only as a whole: it is compared after removing case, punctuation, spacing,
    Markdown heading/list/quote markers and emphasis. The same words inside a sentence ("The
    council voted to share this article of the budget"), a line that is part of a hard-wrapped
    sentence, code blocks, front matter and numbered list items never match, nor does a line
    whose next paragraph discusses it (a heading "Share this article" above a paragraph about
    that phrase). One-word slot markers ("Advertisement", "Sponsored", "Subscribe") are content
    when they are a list item, a Markdown heading, or a plain heading whose next paragraph is
    about the same thing. "Share", "Tweet", "Menu" and similar button words count only as a
    run of two or more such lines, or several on one line ("Facebook Twitter Email"). Cookie
    lines must talk about the website ("We use cookies in the recipe" is a recipe). A bare
    "Read more" or "Continue reading" on the document's last line is left to TRN002
    (elided-ending); anywhere else, and "Read more: <headline>" anywhere, it is boilerplate.

    ## Why is this bad?
    Chrome lines repeat across thousands of pages: a model trained on them learns to write
    "Share this article" in the middle of a story, and near-duplicate detection sees unrelated
    pages as similar.

    ## Example
    ```text
    The bridge reopens on Monday after six months of repairs.

    ADVERTISEMENT

    Engineers replaced 40 of the deck's steel beams.
    Share on Facebook
    ```
    Keep the two sentences and delete the "ADVERTISEMENT" and "Share on Facebook" lines.

    ## Fix safety
    Unsafe: the fix deletes the whole line (with its line ending). A corpus may use one of the
    lexicon's lines as content, so review before applying; blank lines around it are kept.

    ## Options
    - `extra-lines` (default `[]`): more whole lines that are boilerplate in this corpus, e.g.
      `["Sign up for The Morning Post"]`; compared after the same normalisation.
    - `extra-patterns` (default `[]`): regular expressions matched case-insensitively against
      the whole line (Markdown markers removed), e.g. `["Posted in \\w+( and \\w+)*"]`. A pattern
      that does not compile, or that matches an empty line, is a configuration error.
    - `ignore-lines` (default `[]`): default lines that are content in this corpus, e.g.
      `["Subscribe", "Most read"]`.
    - `default-lexicon` (default `true`): set to `false` to use only the two `extra-` options.
    """

    code = "BP001"
    name = "boilerplate-line"
    family = "boilerplate"
    default_severity = Severity.WARNING
    fix_availability = FixAvailability.UNSAFE
    Options = BoilerplateOptions

    def __init__(self, options: RuleOptions | None = None, severity: Severity | None = None):
        super().__init__(options, severity)
        opts = self.options
        assert isinstance(opts, BoilerplateOptions)
        self._default = (
            not opts.extra_lines
            and not opts.extra_patterns
            and not opts.ignore_lines
            and opts.default_lexicon
        )
        self._lexicon = build_lexicon(
            tuple(opts.extra_lines),
            tuple(opts.extra_patterns),
            tuple(opts.ignore_lines),
            opts.default_lexicon,
        )

    def check(self, doc: Document) -> Iterator[Finding]:
        if self._default:
            found = doc.analysis(default_boilerplate_lines)
        else:
            found = self._lexicon.classify(doc, doc.analysis(markdown_regions))
        lines = doc.lines
        for number in sorted(found):
            line = lines[number - 1]
            start, end, fix = _whole_line_fix(self, doc, line, "Remove the boilerplate line")
            message = f"Boilerplate line ({found[number]}): {_excerpt(line.text)}"
            yield self.report(doc, start, end, message, fix=fix)


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# -- LNK001 ---------------------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_SHORT_LINK = re.compile(
    r"(?:https?://|(?<![\w.@/-]))(?:(?:www\.)?pic\.(?:twitter|x)\.com|t\.co)/[A-Za-z0-9]+/?"
)
# "— Jane Doe (@janedoe) March 3, 2025": the attribution line under an embedded post.
_TRAILER = re.compile(
    rf"(?:—|–|--|-|―)[ \t]*[^\n()—–]{{1,60}}?[ \t]*\(@[A-Za-z0-9_]{{1,15}}\)[ \t]+(?:on[ \t]+)?"
    rf"(?:{_MONTH}\.?[ \t]+\d{{1,2}},?[ \t]+\d{{4}}|\d{{1,2}}[ \t]+{_MONTH}\.?,?[ \t]+\d{{4}})"
)
_EMBED_LINES = re.compile(
    r"(?:view\s+this\s+(?:post|photo|video|reel)\s+on\s+instagram"
    r"|view\s+(?:more\s+)?on\s+(?:instagram|threads|tiktok|facebook|x|twitter|youtube|bluesky)"
    r"|watch\s+on\s+(?:youtube|tiktok|instagram|vimeo|facebook|x)"
    r"|(?:see|view)\s+(?:the\s+)?(?:original\s+)?(?:post|tweet)\s+on\s+(?:x|twitter|threads"
    r"|instagram|facebook|bluesky)"
    r"|tap\s+to\s+unmute|watch\s+later|open\s+in\s+(?:youtube|tiktok|instagram)"
    r"|this\s+(?:post|tweet|video|content)\s+(?:is\s+)?(?:no\s+longer\s+available|cannot\s+be"
    r"\s+displayed|is\s+unavailable)|embedded\s+(?:tweet|post|video|content)"
    r"|load(?:ing)?\s+(?:tweet|instagram\s+post|tiktok)"
    r"|a\s+post\s+shared\s+by\s+(?P<shared>.{1,120}?))\W*",
    re.IGNORECASE,
)
# Words one of which every embed label holds: documents without any skip the line scan.
_EMBED_HINTS = ("instagram", "threads", "tiktok", "youtube", "twitter", "unmute", "watch later",
                "vimeo", "facebook", "bluesky", "embedded", "load", "available", "displayed",
                "on x", "shared by")  # fmt: skip

# The words a line `_EMBED_LINES` matches can start with.
_EMBED_FIRST_WORDS = frozenset("view watch see tap open this embedded load loading a".split())
# The start of a line whose bare text `_EMBED_LINES` matches: the decoration `line_shape` takes
# off (`_LEAD`'s characters, white space, emphasis marks), then the start of a label (the
# pattern has no anchor, so a match of the whole bare text is a match of its start).
_EMBED_LINE_START = re.compile(
    r"[\s>#*+•◦▪\-\d.)_~]*+(?:" + _EMBED_LINES.pattern + ")", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Residue:
    start: int
    end: int
    kind: str


def _embed_line_residue(line: Line) -> _Residue | None:
    if len(line.text) > MAX_EMBED_LINE:
        return None
    shape = line_shape(line.text)
    if not shape.norm:
        return None
    match = _EMBED_LINES.fullmatch(shape.bare)
    if match is None:
        return None
    shared = match["shared"]
    if shared is not None:
        # "A post shared by River Trust (@rivertrust)" is residue; "A post shared by the mayor
        # drew 3,000 comments." is a sentence.
        if "(@" not in shared and (shape.bare.rstrip()[-1:] in ".!?" or len(shared.split()) > 8):
            return None
        kind = "'A post shared by' caption"
    else:
        kind = f"embed label {_excerpt(shape.bare)}"
    return _Residue(line.start, line.end, kind)


class EmbedResidue(Rule):
    """Social-media embed remnants: pic.twitter.com and t.co links, "View this post on Instagram".

    ## What it does
    Flags what is left in text when an embedded social-media post is flattened:
    `pic.twitter.com/…` (and `pic.x.com/…`) image links and `t.co/…` short links anywhere in
    prose, tweet attribution trailers such as `— Jane Doe (@janedoe) March 3, 2025`, and whole
    lines of embed interface text: "View this post on Instagram", "A post shared by River Trust
    (@rivertrust)", "View on Threads", "Watch on TikTok", "Watch on YouTube", "Tap to unmute".

    Code blocks and inline code are skipped. Ordinary URLs are not embed residue: a
    `youtube.com/watch?...` or `instagram.com/p/...` address in a list of references is a
    citation and stays silent; only the short links that carry no destination (`t.co`,
    `pic.twitter.com`) are reported, wherever they appear. Interface labels match only as
    whole lines, so "A post shared by the mayor drew 3,000 comments." is a sentence.

    ## Why is this bad?
    The residue is noise without its embed: a short link that no longer resolves, a handle and a
    date that read like a sentence fragment, a button label. It teaches a model to end
    paragraphs with dead links.

    ## Example
    ```text
    Volunteers cleared two tonnes of litter. pic.twitter.com/Ab12Cd34
    — River Trust (@rivertrust) March 3, 2025
    ```
    Write `Volunteers cleared two tonnes of litter.` and drop the trailer line.

    ## Fix safety
    Unsafe: the fix deletes residue lines (with their line ending), or only the residue span
    and the spaces before it when the line also holds prose. The embedded post's own words are
    kept; review before applying, since the residue sometimes marks where a quotation came from.
    """

    code = "LNK001"
    name = "embed-residue"
    family = "boilerplate"
    default_severity = Severity.WARNING
    fix_availability = FixAvailability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        residues: list[_Residue] = []
        # a one-character search first: it costs a fraction of a longer one, and most
        # documents hold neither "/" nor "@"
        if "/" in text and ("t.co/" in text or "pic.twitter.com/" in text or "pic.x.com/" in text):
            residues.extend(
                _Residue(*m.span(), "t.co link" if "t.co" in m.group() else "pic.twitter.com link")
                for m in _SHORT_LINK.finditer(text)
            )
        if "@" in text and "(@" in text:
            residues.extend(_Residue(*m.span(), "post trailer") for m in _TRAILER.finditer(text))
        hinted: bool | None = None  # whether the text holds an embed hint, once asked
        lines = doc.lines
        for index in doc.analysis(default_line_candidates).embed:
            # the word and start tests are exact (a label is a whole line starting with one of
            # a few words); the hint test is asked only once a line matches, since case-folding
            # the text costs more
            if not _EMBED_LINE_START.match(lines[index].text):
                continue
            residue = _embed_line_residue(lines[index])
            if residue is not None:
                if hinted is None:
                    folded = text.casefold()
                    hinted = any(hint in folded for hint in _EMBED_HINTS)
                if hinted:
                    residues.append(residue)
        if not residues:
            return
        regions = doc.analysis(markdown_regions)
        front = doc.front_matter
        skip_before = front.end if front is not None else 0
        by_line: dict[int, list[_Residue]] = {}
        for residue in residues:
            if residue.start < skip_before or regions.contains(residue.start):
                continue
            row = doc.location(residue.start).row
            by_line.setdefault(row, []).append(residue)
        for row in sorted(by_line):
            yield self._finding(doc, doc.lines[row - 1], by_line[row])

    def _finding(self, doc: Document, line: Line, residues: list[_Residue]) -> Finding:
        spans = _merge_spans(
            [(r.start, min(r.end, line.end)) for r in sorted(residues, key=lambda r: r.start)]
        )
        kinds = sorted({r.kind for r in residues})
        message = f"Embed residue: {', '.join(kinds)}"
        text = doc.text
        rest = "".join(
            text[a:b] for a, b in zip([line.start, *(e for _, e in spans)], [s for s, _ in spans]
                                      + [line.end], strict=True)
        )  # fmt: skip
        if not _NON_WORD.sub("", rest):
            start, end, fix = _whole_line_fix(self, doc, line, "Remove the embed residue line")
            return self.report(doc, start, end, message, fix=fix)
        edits = []
        for start, end in spans:
            while start > line.start and text[start - 1] in " \t":
                start -= 1
            edits.append(self.edit(doc, start, end, ""))
        fix = Fix(applicability="unsafe", message="Remove the embed residue", edits=tuple(edits))
        return self.report(doc, edits[0].start, edits[-1].end, message, fix=fix)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


RULES = [BoilerplateLine, EmbedResidue]
