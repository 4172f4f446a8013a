"""DUP001 duplicate-line: repeated lines, headings and paragraphs; refrains and templates that
repeat on purpose; fixes and options."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.finding import Finding
from rules.duplicates import DuplicateLine, DuplicateLineOptions
from tests.conftest import findings_for

HEADLINE = "Council approves new budget for city parks"
BODY = "The council voted 7-2 on Tuesday to fund three new playgrounds."


def found(text: str, path: str = "doc.txt") -> list[tuple[int, str]]:
    return [(f.location.row, f.message) for f in findings_for(text, "DUP001", path=path)]


def rows(text: str, path: str = "doc.txt") -> list[int]:
    return [row for row, _ in found(text, path)]


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    (edit,) = finding.fix.edits
    return text[: edit.start] + edit.content + text[edit.end :]


def test_a_repeated_line_is_reported_at_the_repeat_naming_the_first_line():
    text = f"{HEADLINE}\n\n{HEADLINE}\n\n{BODY}\n"
    assert found(text) == [(3, "Duplicate line: repeats line 1")]


def test_a_heading_repeating_a_plain_title_line_is_a_duplicate():
    assert rows(f"{HEADLINE}\n\n# {HEADLINE}\n\n{BODY}\n", path="doc.md") == [3]


def test_a_repeated_multi_line_paragraph_is_reported_once_even_when_rewrapped():
    first = (
        "The club grew to 212 members this year, the highest in its\n"
        "history, with most growth in the junior section.\n"
    )
    again = (
        "The club grew to 212 members this year, the highest in its history,\n"
        "with most growth in the junior section.\n"
    )
    assert found(f"{first}\n{BODY}\n\n{again}") == [(6, "Duplicate paragraph: repeats lines 1-2")]


def test_whitespace_differences_do_not_hide_a_repeat_but_case_does_by_default():
    text = f"{BODY}\n\n  {BODY.replace(' ', '   ')}  \n\n{BODY.upper()}\n"
    assert rows(text) == [3]
    rule = DuplicateLine(DuplicateLineOptions.model_validate({"ignore-case": True}))
    assert [f.location.row for f in rule.check(Document("doc.txt", text))] == [3, 5]


def test_lines_ending_and_starting_alike_are_not_repeats():
    # templated prose shares its first and last words: only the whole key makes a repeat
    text = (
        "The board voted 5 to 2 on the mural, with one member abstaining.\n\n"
        "The board voted 8 to 3 on the mural, with one member abstaining.\n\n"
        "The town board voted 5 to 2 on the pool, with one member abstaining.\n"
    )
    assert rows(text) == []
    assert rows(text + "\nThe board voted 8 to 3 on the mural, with one member abstaining.\n") == [
        7
    ]


def test_emphasis_and_markers_at_the_ends_do_not_hide_a_repeat():
    text = (
        f"**{HEADLINE}**\n\n{BODY}\n\n> {HEADLINE}_\n\n{HEADLINE}\n\n## {BODY.replace(' ', '  ')}\n"
    )
    assert rows(text, path="doc.md") == [7, 9]


def test_a_line_repeating_only_a_line_left_out_of_comparisons_is_not_reported():
    text = f"```\n{HEADLINE}\n```\n\n{HEADLINE}\n\n{BODY}\n"
    assert rows(text, path="doc.md") == []


def test_min_length_and_min_words_options_set_what_is_compared():
    short = "Thank you for your question."
    text = f"{short}\n\n{BODY}\n\n{short}\n"
    assert rows(text) == []
    rule = DuplicateLine(DuplicateLineOptions.model_validate({"min-length": 10}))
    assert [f.location.row for f in rule.check(Document("doc.txt", text))] == [5]
    rule = DuplicateLine(DuplicateLineOptions.model_validate({"min-words": 20}))
    assert list(rule.check(Document("doc.txt", f"{BODY}\n\n{BODY}\n"))) == []


def test_fix_removes_exactly_the_repeated_line_and_is_unsafe():
    text = f"{HEADLINE}\n{HEADLINE}\n\n{BODY}\n"
    (finding,) = findings_for(text, "DUP001")
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    (edit,) = finding.fix.edits
    assert (edit.start, edit.end) == (finding.offset, finding.end_offset)
    assert text[edit.start : edit.end] == f"{HEADLINE}\n"
    assert apply_fix(text, finding) == f"{HEADLINE}\n\n{BODY}\n"


def test_fix_removes_a_whole_repeated_paragraph():
    paragraph = (
        "Curator Ann Shea said no exhibits were damaged beyond\n"
        "repair, though the heron needed a new case.\n"
    )
    text = f"{paragraph}\n{paragraph}"
    (finding,) = findings_for(text, "DUP001")
    assert apply_fix(text, finding) == f"{paragraph}\n"


POEM = """Row me over, the tide is turning,
the gulls are loud above the pier,
and all the lamps of the town are burning,
row me over, the night is near.

I paid my fare in summer silver,
I paid it twice in winter rain,

Row me over, the tide is turning,
the gulls are loud above the pier,
and all the lamps of the town are burning,
row me over, the night is near.

And still the river carries the ferry home.

And still the river carries the ferry home.
"""


@pytest.mark.parametrize(
    ("text", "path"),
    [
        pytest.param(POEM, "doc.txt", id="poem refrain and repeated stanza"),
        pytest.param(
            "## Can I bring my dog?\n\n### Answer\n\nYes.\n\n## Parking?\n\n### Answer\n\nFree.\n"
            "Q: Do stalls take cards?\nA: Most do.\nQ: Open on holidays?\nA: Most do.\n",
            "doc.md",
            id="FAQ headings and Q/A labels",
        ),
        pytest.param(
            "Day 1:\n\n- Bring a reusable water bottle, at least one litre\n\nDay 2:\n\n"
            "- Bring a reusable water bottle, at least one litre\n",
            "doc.md",
            id="checklist items",
        ),
        pytest.param(
            "| Kilmore | 9:00 to 17:00 on weekdays | closed |\n"
            "| Dunmore | 9:00 to 17:00 on weekdays | closed |\n"
            "| Dunmore | 9:00 to 17:00 on weekdays | closed |\n",
            "doc.md",
            id="table rows",
        ),
        pytest.param(
            "----------------------------------------\n\nText.\n\n"
            "----------------------------------------\n",
            "doc.txt",
            id="separators",
        ),
        pytest.param(
            "```\nwith open(Path('data') / 'log.csv') as handle:\n```\n\n"
            "```\nwith open(Path('data') / 'log.csv') as handle:\n```\n",
            "doc.md",
            id="code blocks",
        ),
        pytest.param(
            "Question one.\n\n--\nHolly, growing beans on a windowsill forever\n\n"
            "Answer.\n\n--\nHolly, growing beans on a windowsill forever\n",
            "doc.txt",
            id="signatures",
        ),
        pytest.param(
            f"{BODY}\n\nann wrote:\n{BODY}\n\nAgreed.\n\n> {BODY}\n",
            "doc.txt",
            id="quoted replies",
        ),
        pytest.param(
            "### Documentation updates for this release\n\n- Guide.\n\n"
            "### Documentation updates for this release\n\n- Tutorial.\n",
            "doc.md",
            id="templated headings",
        ),
        pytest.param(
            f"## First tray\n\n{BODY}\n\n## Second tray\n\n{BODY}\n",
            "doc.md",
            id="parallel sections",
        ),
        pytest.param(
            "Leader: For the fields,\nAll: We give thanks for the work of many hands.\n"
            "Leader: For the rain,\nAll: We give thanks for the work of many hands.\n",
            "doc.txt",
            id="responses in a liturgy",
        ),
        pytest.param(
            "Story.\n\nSubscribe to our newsletter for the latest island news.\n\nMore.\n\n"
            "Subscribe to our newsletter for the latest island news.\n",
            "doc.txt",
            id="boilerplate is BP001's",
        ),
        pytest.param(
            f"---\ntitle: {HEADLINE}\n---\n\n# {HEADLINE}\n\n{BODY}\n",
            "doc.md",
            id="front matter",
        ),
        pytest.param(
            "Posted by lorcan_w on 8 Jan 2025\n\nHi.\n\nPosted by lorcan_w on 8 Jan 2025\n\nBye.\n",
            "doc.txt",
            id="forum post headers",
        ),
        pytest.param("\n\n\n   \n\n\t\n", "doc.txt", id="blank lines"),
    ],
)
def test_repetition_by_design_stays_silent(text, path):
    assert rows(text, path=path) == []


CHORUS = (
    "So bring the boats in from the weather\n"
    "tie them up along the quay\n"
    "we will mend the nets together\n"
    "singing low beside the sea\n"
)


def test_a_repeated_chorus_of_even_unpunctuated_lower_case_lines_is_verse_not_wrapped_prose():
    verse_one = (
        "The wind got up at half past four\nand pulled the slates from every shed\n"
        "we heard it rattle at the door\nand lay awake in every bed\n"
    )
    verse_two = (
        "The harbour lights went out at nine\nthe lifeboat crew stood on the slip\n"
        "and someone's mother held the line\nand waited for her husband's ship\n"
    )
    text = f"Storm Song\n\n{verse_one}\n{CHORUS}\n{verse_two}\n{CHORUS}"
    assert rows(text) == []


def test_a_line_sung_twice_in_a_row_in_a_song_stays_silent():
    stanza = (
        "Well my truck broke down on the county road tonight\n"
        "Well my truck broke down on the county road tonight\n"
        "And the stars came out to keep me company till light\n"
    )
    assert rows(f"Roadside Blues\n\n{stanza}\n{stanza}") == []


def test_a_line_submitted_twice_in_a_thread_of_short_posts_is_reported():
    text = (
        "Lost cat near the park\n\n"
        "tabby_fan, 08:12\nHas anyone seen a grey cat with a white collar near the park?\n"
        "Has anyone seen a grey cat with a white collar near the park?\n\n"
        "june.m, 08:20\nNot yet, will keep an eye out.\n\n"
        "tabby_fan, 09:02\nFound him in the shed. Thanks all.\n"
    )
    assert rows(text) == [5]


def test_a_post_under_a_said_header_doubled_is_reported_but_a_quoted_post_is_not():
    post = "The library reopens on Monday with longer evening hours."
    doubled = f"Notices\n\nrowan_k said:\n{post}\n{post}\n\nlee_h said:\nGood news.\n"
    assert rows(doubled) == [5]
    paragraph_twice = f"Notices\n\nrowan_k said:\n{post}\n\n{post}\n"
    assert rows(paragraph_twice) == [6]
    quoting = (
        f"Notices\n\nrowan_k said:\n{post}\n\nlee_h said:\nrowan_k said:\n{post}\n\n"
        "Good news, thanks.\n"
    )
    assert rows(quoting) == []


def test_a_duplicated_paragraph_after_a_heading_repeat_in_markdown_is_reported():
    text = f"# {HEADLINE}\n\n{BODY}\n\n## Sign up\n\nAsk at the desk.\n\n# {HEADLINE}\n\n{BODY}\n"
    assert rows(text, path="doc.md") == [9, 11]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [HEADLINE, BODY, "", "# " + HEADLINE, "- " + BODY, "```", "--", "> " + BODY, "\r"]
        )
        | st.text(max_size=40),
        max_size=14,
    )
)
def test_any_text_never_crashes_and_findings_lie_inside_the_document(parts):
    text = "\n".join(parts)
    for finding in findings_for(text, "DUP001"):
        assert 0 <= finding.offset < finding.end_offset <= len(text)
        (edit,) = finding.fix.edits
        assert (edit.start, edit.end) == (finding.offset, finding.end_offset)


def test_duplicates_dev_corpus_meets_its_targets(repo_root):
    from lint.evaluate import evaluate

    evaluation = evaluate(repo_root / "tests" / "devcorpus" / "duplicates")
    assert evaluation.documents >= 20
    assert evaluation.below_target() == []
