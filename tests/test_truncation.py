"""TRN001–TRN005: each rule's positives, its clean traps, its options and its fix."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.finding import Finding
from lint.rule import Rule
from rules.truncation import (
    RULES,
    BrokenLine,
    ElidedEnding,
    TooShort,
    TruncatedEnding,
    TruncatedStart,
)

BODY = (
    "The council approved the new budget on Tuesday after a debate that lasted most of the "
    "afternoon, and the mayor said the money would go to schools, parks and the bus network. "
    "Opposition members said the plan relied on optimistic forecasts for tax revenue."
)


def run(rule: Rule, text: str, path: str = "doc.txt") -> list[Finding]:
    return list(rule.check(Document(path, text)))


def codes_at(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.code, f.location.row) for f in findings]


# -- TRN001 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ending", "fragment"),
    [
        ("The final design will be decided by the", "function word 'the'"),
        ("The company expects freight rates to keep rising", "no terminal punctuation"),
        ('The union leader said: "We are not going to', "unclosed quotation"),
        ("It was the sixth year in a row (the longest run since", "unclosed parenthesis"),
        ("Acts come from Portugal, Spain, Brazil,", "after ','"),
    ],
)
def test_truncated_ending_is_reported_on_the_last_line(ending: str, fragment: str) -> None:
    findings = run(TruncatedEnding(), f"{BODY}\n\n{ending}\n")
    assert codes_at(findings) == [("TRN001", 3)]
    assert fragment in findings[0].message


@pytest.mark.parametrize(
    "trailer",
    [
        "(Reporting by Ana Ribeiro; Editing by Tom Hale)",
        "Provided by Coastal Science Weekly",
        "Photo: Daniel Costa/Harbor News",
        "___\n\nCopyright 2025 Harbor Media",
        "###\n\nAbout Acme\nAcme makes anvils\n\nMedia contact:\npress@acme.example",
        "-30-",
        "ENDS",
        "Tags: budget, council",
        "Related:\n\n- [Budget explained](https://example.com/a)",
        "Thanks,\nAna",
        "— Ana",
        "Nothing to add pic.twitter.com/AbC123\n— Jo Silva (@josilva) May 3, 2025",
        "Sent from my phone",
    ],
)
def test_trailing_matter_after_a_complete_sentence_is_not_a_truncation(trailer: str) -> None:
    assert run(TruncatedEnding(), f"{BODY}\n\n{trailer}\n", "doc.md") == []


def test_truncation_before_trailing_matter_is_reported_at_the_cut() -> None:
    text = f"{BODY}\n\nThe ministry said it would\n\n(Reporting by Ana Ribeiro)\n"
    assert codes_at(run(TruncatedEnding(), text)) == [("TRN001", 3)]


@pytest.mark.parametrize(
    "ending",
    [
        "## Further reading",
        "- a light rain jacket\n- a headlamp",
        "```\npip install tidyfeed\n```",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "the boats come home before the light\ntheir engines low as sleeping dogs\n"
        "the gulls already know the count\n\nshe does not wave she never waves\n"
        "she only counts the boats come in\nand no one asks how long ago",
        "Read the report at https://example.org/report",
        "Tomorrow is a rest day 🐟",
        '"There is no road," she said. "What there is, is the sea."',
        "Dr. Okafor left the meeting at 11:30 a.m.",
    ],
)
def test_clean_endings_are_silent(ending: str) -> None:
    assert run(TruncatedEnding(), f"{BODY}\n\n{ending}\n", "doc.md") == []


def test_elided_endings_are_left_to_trn002() -> None:
    assert run(TruncatedEnding(), f"{BODY} The plan starts with…\n") == []


def test_require_terminal_punctuation_option() -> None:
    text = f"{BODY}\n\nSee you all at the meeting next week\n"
    lenient = TruncatedEnding(TruncatedEnding.Options(require_terminal_punctuation=False))
    assert run(lenient, text) == []
    assert run(lenient, f"{BODY}\n\nSee you all at the\n") != []


# -- TRN002 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ending",
    [
        "The reform starts with…",
        "The authors recommend...",
        "The report calls for change […]",
        "The report calls for change [...]",
        "\n\nRead more",
        "\n\nContinue reading",
        "\n\n(continued)",
        " Click here to read the full story",
    ],
)
def test_elided_ending_is_reported(ending: str) -> None:
    findings = run(ElidedEnding(), f"{BODY} {ending}\n")
    assert [f.code for f in findings] == ["TRN002"]


def test_elision_before_a_credit_is_reported() -> None:
    findings = run(ElidedEnding(), f"{BODY}\n\nContinue reading\n\nPhoto: City Council\n")
    assert codes_at(findings) == [("TRN002", 3)]


@pytest.mark.parametrize(
    "ending",
    [
        '"Now I just don\'t know..."',
        "She waited... and then she left.",
        "Read more about the budget on page four.",
    ],
)
def test_elision_traps_are_silent(ending: str) -> None:
    assert run(ElidedEnding(), f"{BODY} {ending}\n") == []


# -- TRN003 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "fragment"),
    [
        ("and after the vote, the council adjourned.", "conjunction 'and'"),
        ("of the city's budget, little goes to culture.", "word 'of'"),
        (", and the merger was approved.", "','"),
        ("...the company said in a statement.", "'...'"),
    ],
)
def test_truncated_start_is_reported(start: str, fragment: str) -> None:
    findings = run(TruncatedStart(), f"{start} {BODY}\n")
    assert codes_at(findings) == [("TRN003", 1)]
    assert fragment in findings[0].message


@pytest.mark.parametrize(
    "start",
    [
        "iPhone sales fell in Europe.",
        "eBay sellers complained about fees.",
        "mRNA vaccines were studied.",
        "van Gogh's letters go on display.",
        "But the real surprise came later.",
        "# iOS tips\n\nthe first tip is simple.",
        "By Helena Duarte\n\nFarmers' markets doubled.",
    ],
)
def test_truncated_start_traps_are_silent(start: str) -> None:
    assert run(TruncatedStart(), f"{start} {BODY}\n", "doc.md") == []


def test_front_matter_is_skipped_before_the_first_word() -> None:
    text = f"---\ntitle: Ferry\n---\n\nthe ferry operator said so. {BODY}\n"
    assert codes_at(run(TruncatedStart(), text, "doc.md")) == [("TRN003", 5)]
    assert run(TruncatedStart(), f"---\ntitle: Ferry\n---\n\n{BODY}\n", "doc.md") == []


def test_lowercase_style_document_is_silent() -> None:
    text = "ok so here is the plan. we meet at nine. bring water. text me if you are late.\n"
    assert run(TruncatedStart(), text) == []


def test_allow_words_option() -> None:
    rule = TruncatedStart(TruncatedStart.Options(allow_words=["npm"]))
    assert run(rule, f"npm downloads doubled this year. {BODY}\n") == []


# -- TRN004 -------------------------------------------------------------------------------
def test_broken_line_inside_a_sentence_is_reported_with_an_unsafe_join_fix() -> None:
    broken = "The groups want the police held accountable for aggressive\ntactics used by officers."
    text = f"{BODY}\n\n{broken}\n"
    findings = run(BrokenLine(), text)
    assert codes_at(findings) == [("TRN004", 3)]
    fix = findings[0].fix
    assert fix is not None and fix.applicability == "unsafe"
    edit = fix.edits[0]
    joined = text[: edit.start] + edit.content + text[edit.end :]
    assert "aggressive tactics used" in joined


@pytest.mark.parametrize(
    "paragraph",
    [
        "Speaking on Dr.\nPhil, Homan said the host was generous.",
        "It was the first time the\nCity Council had received such a petition.",
        "The pickers started at six in the morning,\nand by noon they were done.",
    ],
)
def test_broken_line_signals(paragraph: str) -> None:
    assert [f.code for f in run(BrokenLine(), f"{BODY}\n\n{paragraph}\n")] == ["TRN004"]


@pytest.mark.parametrize(
    "block",
    [
        "Mix the flour and water.\nLeave the dough to rest.\nBake it for forty minutes.",
        "We are the river, not the stone\nWe carry what we cannot own\nAnd every town is home",
        "Harbor Tenants\n14 Quay Street\nPorto, 4050-123",
        "- Run the tests on a clean machine, not on the\n  laptop where it was built.",
        "> The groups want the police held to account for\n> tactics used by officers.",
        "Thanks,\nAna",
    ],
)
def test_line_breaks_outside_prose_sentences_are_silent(block: str) -> None:
    assert run(BrokenLine(), f"{BODY}\n\n{block}\n", "doc.md") == []


def wrapped(width: int) -> str:
    words = (BODY + " ") * 3
    lines, line = [], ""
    for word in words.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def test_hard_wrapped_document_is_silent_by_default_and_reported_once_on_request() -> None:
    text = f"{wrapped(72)}\n\n{wrapped(72)}\n"
    assert run(BrokenLine(), text, "essay.md") == []
    reporting = BrokenLine(BrokenLine.Options(hard_wrapped="report"))
    findings = run(reporting, text, "essay.md")
    assert codes_at(findings) == [("TRN004", 1)]
    assert "hard-wrapped" in findings[0].message


# -- TRN005 -------------------------------------------------------------------------------
def test_too_short_counts_prose_words_only() -> None:
    text = (
        "---\ntitle: "
        + "word " * 60
        + "\n---\n\n# Notes\n\nPlanted beans today.\n\n```\n"
        + "x " * 80
        + "\n```\n"
    )
    findings = run(TooShort(), text, "n.md")
    assert codes_at(findings) == [("TRN005", 1)]
    assert "4 words" in findings[0].message


def test_long_enough_document_is_silent_and_min_words_is_configurable() -> None:
    assert run(TooShort(), f"{BODY} {BODY}\n") == []
    assert run(TooShort(TooShort.Options(min_words=10)), "Page not found. Go home.\n") != []
    assert run(TooShort(TooShort.Options(min_words=3)), "Page not found. Go home.\n") == []


def test_rule_docs_have_every_required_section() -> None:
    for rule_class in RULES:
        assert rule_class.documentation().missing_sections == [], rule_class.code


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('aB .,…\n\n#->|"“(')), max_size=300))
def test_any_text_never_crashes_and_findings_lie_inside_it(text: str) -> None:
    doc = Document("x.md", text)
    for rule_class in RULES:
        for finding in rule_class().check(doc):
            assert 0 <= finding.offset <= finding.end_offset <= len(text)


def test_trn001_uses_the_quote_analysis_for_open_quotations():
    from tests.conftest import findings_for

    german = (
        "Die Wirtin sagte: „Wir öffnen wieder im Mai.“ Der Chor probt jeden Donnerstag im Saal.\n"
    )
    assert findings_for(german, "TRN001") == []
    cut = "The mayor told reporters: “We will rebuild the bridge before the winter and\n"
    assert [f.message for f in findings_for(cut, "TRN001")] == [
        "Document ends inside an unclosed quotation"
    ]


def test_trn001_ignores_the_bracket_of_a_terminal_escape_sequence():
    from tests.conftest import findings_for

    assert findings_for("The council met on Monday. \x1b[31m\n", "TRN001") == []
