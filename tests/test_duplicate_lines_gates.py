"""The cheap gates in front of DUP001 and BP001 never hide a match: lines whose comparison keys
are equal share their tail, last word and first word, the key computed without `line_shape` is
the key, and a line the boilerplate gate turns away is never boilerplate."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document, Line
from rules.boilerplate import _may_match, build_lexicon, default_boilerplate_lines, line_shape
from rules.duplicates import (
    DuplicateLine,
    DuplicateLineOptions,
    _comparison_key,
    _head,
    _last_word,
    _tail,
)

# Markdown decoration DUP001 drops before comparing, and words with emphasis, quotes, markers.
DECORATION = st.sampled_from(["", "  ", "> ", ">", "# ", "## ", "- ", "* ", "1. ", "> - ", "\t"])
WORD = st.sampled_from(
    ["budget", "Council", "**bold**", "_it_", "~x~", "*", "**", ">x", "#", "-", "1.", "2024",
     "ß", "ſtory", "İstanbul", "½", "said.", "—", "__", "…", "é", "Σ"]
)  # fmt: skip
SPACE = st.sampled_from([" ", "  ", "\t", " \u00a0"])


@st.composite
def decorated_line(draw: st.DrawFn, words: list[str]) -> str:
    gaps = [draw(SPACE) for _ in words]
    body = "".join(word + gap for word, gap in zip(words, gaps, strict=True)).rstrip(" \t")
    return draw(DECORATION) + draw(st.sampled_from(["", "**", "_"])) + body + draw(SPACE)


@settings(max_examples=300, deadline=None)
@given(st.data(), st.lists(WORD, min_size=1, max_size=8), st.booleans())
def test_lines_with_equal_keys_have_equal_tails(
    data: st.DataObject, words: list[str], ignore_case: bool
) -> None:
    options = DuplicateLineOptions(min_length=1, min_words=1, ignore_case=ignore_case)
    rule = DuplicateLine(options)
    first, second = data.draw(decorated_line(words)), data.draw(decorated_line(words))
    if data.draw(st.booleans()):
        second = second.upper()
    units = [rule._line_unit(Line(1, 0, len(t), t, ""), options) for t in (first, second)]
    for text, unit in zip((first, second), units, strict=True):
        if unit is not None:
            assert _comparison_key(text, ignore_case) == unit.key
    if units[0] is not None and units[1] is not None and units[0].key == units[1].key:
        assert _tail(first, ignore_case) == _tail(second, ignore_case)
        assert _last_word(first, ignore_case) == _last_word(second, ignore_case)
        assert _head(first, ignore_case) == _head(second, ignore_case)
        # the last word read off the line, as the rule does when it holds no emphasis mark
        if not any(mark in first.rsplit(None, 1)[-1] for mark in "*_~>"):
            last = first.rsplit(None, 1)[-1]
            assert _last_word(first, ignore_case) == (last.casefold() if ignore_case else last)


@settings(max_examples=300, deadline=None)
@given(st.data(), st.lists(WORD, min_size=1, max_size=8), st.booleans())
def test_the_key_without_line_shape_is_the_key(
    data: st.DataObject, words: list[str], ignore_case: bool
) -> None:
    text = data.draw(decorated_line(words))
    key = " ".join(line_shape(text, normalised=False).bare.split())
    assert _comparison_key(text, ignore_case) == (key.casefold() if ignore_case else key)
    assert _head(text, ignore_case) == _comparison_key(text, ignore_case).split(" ", 1)[0]


LINE_TEXT = st.text(
    alphabet=st.sampled_from(list("ShareThisArticle advertisement©>|/:1. -*#ıſK»")), max_size=40
) | st.sampled_from(
    ["Share this article", "Advertisement", "Facebook Twitter Email", "Home > News > World",
     "© 2025 Acme. All rights reserved.", "3 min read", "1. Share this", "# Subscribe",
     "We use cookies to improve your experience", "Follow us on Twitter", "Lıke us on Facebook",
     "ſhare on Facebook", "The council met on Tuesday."]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_TEXT, min_size=1, max_size=6))
def test_boilerplate_gate_never_turns_away_a_boilerplate_line(lines: list[str]) -> None:
    doc = Document("doc.txt", "\n".join(lines) + "\n")
    lexicon = build_lexicon()
    found = doc.analysis(default_boilerplate_lines)
    for line in doc.lines:
        if line.number in found:
            assert _may_match(line.text, lexicon._first_words)
