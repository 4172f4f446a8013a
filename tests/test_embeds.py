"""LNK001 embed-residue: short links, post trailers and embed labels; what stays silent; fixes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.finding import Finding
from tests.conftest import findings_for

BEFORE = "Volunteers cleared two tonnes of litter from the river.\n\n"


def rows(text: str, path: str = "doc.txt") -> list[int]:
    return [finding.location.row for finding in findings_for(text, "LNK001", path=path)]


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


@pytest.mark.parametrize(
    "line",
    [
        "Great turnout this morning! pic.twitter.com/Ab12Cd34",
        "Great turnout this morning! https://pic.x.com/Ab12Cd34",
        "The full tally is at https://t.co/Xy9Zw8Vu7T for anyone who asked.",
        "The full tally is at t.co/Xy9Zw8Vu7T today.",
        "— River Trust (@rivertrust) March 3, 2025",
        "-- River Trust (@rivertrust) 3 March 2025",
        "Fares frozen! — Islands Council (@islandscouncil) on Sep 1, 2025",
        "View this post on Instagram",
        "A post shared by Crumb & Co (@crumbandco)",
        "A post shared by Crumb and Co",
        "View on Threads",
        "View more on Instagram",
        "Watch on TikTok",
        "Watch on YouTube",
        "Tap to unmute",
        "This post is no longer available.",
        "See the original post on X",
    ],
)
def test_each_kind_of_embed_residue_is_reported_once_on_its_line(line):
    assert rows(BEFORE + line + "\n") == [3]


@pytest.mark.parametrize(
    "line",
    [
        "A post shared by the mayor on Facebook drew 3,000 comments.",
        "Twitter wraps every link in its t.co domain.",
        "See https://www.youtube.com/watch?v=Qr7tYu2Lp0s for the briefing.",
        "- Photo of the quay: https://www.instagram.com/p/C4aB9xYzQ1k/",
        "The hydrologist Jane Moran (@janemoran) wrote on March 3, 2025 that it peaked.",
        "Mail me at ann@t.co/inbox if you must.",
        "The domain reddit.co/abc is not a short link.",
        "We will watch on YouTube together tonight, said the teacher, and laughed.",
        "Pages 12 - 14 (@ the library) March 3, 2025",
    ],
)
def test_citations_handles_in_sentences_and_lookalikes_stay_silent(line):
    assert rows(BEFORE + line + "\n") == []


def test_residue_in_code_is_skipped():
    text = (
        "Setup:\n\n```\npic.twitter.com/Ab12Cd34\nView this post on Instagram\n```\n\n"
        "Use `t.co/Ab12`.\n"
    )
    assert rows(text, path="doc.md") == []


def test_several_residues_on_one_line_make_one_finding_with_one_edit_each():
    line = "Names help people take warnings seriously. https://t.co/Lm3No4 pic.twitter.com/Zz9Yy8"
    text = BEFORE + line + "\n"
    (finding,) = findings_for(text, "LNK001")
    assert "t.co link" in finding.message and "pic.twitter.com link" in finding.message
    assert apply_fix(text, finding) == BEFORE + "Names help people take warnings seriously.\n"


def test_mid_line_trailer_fix_removes_only_the_residue_span():
    text = BEFORE + "First name is Aoife. — Met Service (@metservice) September 1, 2025\nNext.\n"
    (finding,) = findings_for(text, "LNK001")
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert apply_fix(text, finding) == BEFORE + "First name is Aoife.\nNext.\n"
    for edit in finding.fix.edits:
        assert finding.offset <= edit.start <= edit.end <= finding.end_offset


def test_residue_only_line_fix_removes_the_whole_line_with_its_ending():
    text = BEFORE + "View this post on Instagram\nThe owner says orders came from Lisbon.\n"
    (finding,) = findings_for(text, "LNK001")
    (edit,) = finding.fix.edits
    assert text[edit.start : edit.end] == "View this post on Instagram\n"
    assert (edit.start, edit.end) == (finding.offset, finding.end_offset)
    assert apply_fix(text, finding) == BEFORE + "The owner says orders came from Lisbon.\n"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "pic.twitter.com/Ab1",
                "t.co/x",
                "— Ann (@ann) May 1, 2025",
                "View this post on Instagram",
                "A post shared by",
                "```",
                "`",
                "(@",
                "\r\n",
                " ",
            ]
        )
        | st.text(max_size=20),
        max_size=12,
    )
)
def test_any_text_never_crashes_and_edits_lie_inside_the_reported_span(parts):
    text = "".join(parts)
    for finding in findings_for(text, "LNK001"):
        assert 0 <= finding.offset <= finding.end_offset <= len(text)
        for edit in finding.fix.edits:
            assert finding.offset <= edit.start <= edit.end <= finding.end_offset
