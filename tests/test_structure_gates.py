"""The cheap gates in front of the structure analysis's line patterns give the answers of the
patterns themselves: the per-word role patterns agree with the combined role pattern, the
plain-prose fast path with `_line_kind` and `_role`, the document-wide substring test with the
per-line one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.structure import (
    _ABOUT,
    _ROLE,
    _ROLE_FIRST_WORDS,
    _ROLE_WORDS,
    Role,
    _is_plain,
    _leading_role,
    _line_kind,
    _may_hold_a_searched_role,
    _may_start_a_role,
    _role,
    _searched_role,
)

_ROLE_VOCABULARY = sorted(set().union(*(words.split() for words in _ROLE_WORDS.values())))
_CONNECTORS = (
    "by : , . ! ? - — the this post on shared story article was of from to us me our app up "
    "again so much you soon care regards wishes information inquiries relations contact note "
    "courtesy credit checking reading also like content is imported youtube under my best "
    "Jane Doe Acme Corp 2024 12 555-0100 a@b.co jane.doe@example.com http://a.b/c www.x.org "
    "# ## * ** _ > | ( ) [x](y) © (c) END ### -30- Über About ABOUT"
).split()


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.lower(), word.capitalize(), word.upper()])


_TOKEN = st.one_of(
    st.sampled_from(_ROLE_VOCABULARY).flatmap(_cased),
    st.sampled_from(_CONNECTORS),
    st.text(alphabet="aZ.@ \t", min_size=1, max_size=4),
)
_LINE = st.builds(
    lambda indent, tokens, glue: indent + glue.join(tokens),
    st.sampled_from(["", " ", "  ", "\t", "\u00a0"]),
    st.lists(_TOKEN, min_size=1, max_size=7),
    st.sampled_from([" ", "  ", "\t", ""]),
)


def _combined_pattern_role(line: str) -> Role | None:
    """The role the combined patterns give a line that passed the gate (the reference)."""
    if _ABOUT.match(line):
        return Role.ABOUT
    match = _ROLE.match(line)
    return Role[match.lastgroup] if match is not None and match.lastgroup else None


def test_every_role_word_opens_the_gate() -> None:
    for words in _ROLE_WORDS.values():
        assert set(words.split()) <= _ROLE_FIRST_WORDS


@settings(max_examples=400, deadline=None)
@given(_LINE)
def test_per_word_role_patterns_agree_with_the_combined_pattern(line: str) -> None:
    stripped = line.lstrip()
    if _may_start_a_role(stripped):
        assert _leading_role(line, stripped) == _combined_pattern_role(line)


# What follows a role's first word in its patterns, and a few things that do not.
_CONTINUATIONS = (
    "",
    " ",
    ":",
    ": x",
    ".",
    ",",
    "!",
    " by Jane Doe",
    " by\tJane",
    "by Jane",
    " credit",
    " courtesy",
    "-checking by Ana",
    " checking:",
    " under: rail",
    " story was provided by Acme",
    " article supplied via Acme",
    " post was first published in x",
    " was originally published",
    " story appeared in x",
    " was published",
    " with Acme",
    " post shared by Jane",
    " content is imported from x",
    " this post on x",
    " on youtube",
    " regards,",
    " wishes",
    " you soon",
    " care",
    " soon",
    " from my phone",
    " the best",
    " thanks!",
    " gratitude",
    " again",
    " so much",
    " you",
    " information about",
    " inquiries",
    " relations",
    " contacts",
    " also",
    " read",
    " reading",
    " may also like",
    " on this",
    " stories",
    " from Acme",
    " next:",
    " published May 5, 2024",
    " note: x",
    "s note: x",
    "'s note: x",
    " March 3, 2024",
    " 2024",
    " us on x",
    " up today",
    " the app",
    " our app",
    " this",
    " on",
    "-mail: x",
    " reporting by Jane",
    " more information",
    " media inquiries",
    " originally published in x",
    " first appeared",
    " updated May 5, 2024",
    "://example.com/x",
    ".example.com",
    " Acme Corp",
    " the harbour",
    "s",
    "x",
)


def test_per_word_role_patterns_agree_on_every_role_word_and_continuation() -> None:
    for word in sorted(_ROLE_FIRST_WORDS):
        for cased in (word, word.capitalize(), word.upper()):
            for continuation in _CONTINUATIONS:
                line = cased + continuation
                stripped = line.lstrip()
                if _may_start_a_role(stripped):
                    assert _leading_role(line, stripped) == _combined_pattern_role(line), line


def test_per_word_role_patterns_on_lines_of_each_role() -> None:
    lines = [
        "Additional reporting by Ana Lima",
        "Photo courtesy of the museum",
        "This story was originally published by Harbor News",
        "Sources: city records",
        "Copyright 2024 Acme",
        "Filed under: transport",
        "See also",
        "You may also like",
        "Media contacts",
        "For more information, call us",
        "E-mail: press@acme.example",
        "A post shared by Jane (@jane)",
        "Thanks again!",
        "Best regards,",
        "Sent from my phone",
        "Written by Jane Doe",
        "Editor's note: the figures were updated.",
        "Updated March 3, 2024",
        "https://example.com/story",
        "Sign up for our newsletter",
        "press.office.of.the.harbor.authority.agency@example.org",
        "Thanks.to.everyone.at.the.harbour.authority.office@example.org",
        "About Acme Corp",
        "ABOUT THE AUTHOR",
        "About the harbour, there is little left to say.",
        "A quiet morning on the quay.",
    ]
    for line in lines:
        stripped = line.lstrip()
        assert _may_start_a_role(stripped), line
        assert _leading_role(line, stripped) == _combined_pattern_role(line), line


@settings(max_examples=400, deadline=None)
@given(_LINE, st.booleans())
def test_plain_line_fast_path_agrees_with_line_kind_and_role(line: str, searched: bool) -> None:
    assert _is_plain(line, searched) == (
        _line_kind(line)[0] is None and _role(line, searched) is None
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "contributed",
                "contributed reporting",
                "eserved",
                "ESERVED",
                "All rights",
                "ALL RIGHTS",
                "reserved",
                "RESERVED",
                "pic.twitter",
                "pic.twitter.com/",
                "t.co/",
                "https://t.co/",
                "(@",
                "(@jane) May 5, 2020",
                "/",
                "@",
                "V",
                "x",
            ]
        ),
        max_size=4,
    )
)
def test_a_document_with_a_searched_role_passes_the_document_test(parts: list[str]) -> None:
    line = " ".join(parts)
    if _searched_role(line) is not None:
        assert _may_hold_a_searched_role(f"Some prose.\n{line}\n")


def test_searched_roles_are_found_in_a_document_that_may_hold_them() -> None:
    for line in (
        "Ana Lima contributed reporting.",
        "© Acme. ALL RIGHTS RESERVED",
        "Acme Corp. All rights reserved.",
        "pic.twitter.com/AbC123",
        "https://t.co/xyz",
        "— Jane (@jane) May 5, 2020",
    ):
        assert _may_hold_a_searched_role(f"Prose.\n{line}\n"), line
        assert _searched_role(line) is not None or _role(line) is not None, line
