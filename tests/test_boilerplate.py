"""BP001 boilerplate-line: whole lines of page chrome, the traps that must stay silent, fixes
and options."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.finding import Finding
from rules.boilerplate import BoilerplateLine, BoilerplateOptions, normalise
from tests.conftest import findings_for, run_seedlint

PARAGRAPH_BEFORE = "The bridge reopens on Monday after six months of repairs.\n\n"
PARAGRAPH_AFTER = "\n\nEngineers replaced forty of the deck's steel beams in the spring.\n"


def rows(text: str, path: str = "doc.txt") -> list[int]:
    return [finding.location.row for finding in findings_for(text, "BP001", path=path)]


def between_paragraphs(line: str) -> str:
    return PARAGRAPH_BEFORE + line + PARAGRAPH_AFTER


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("Share this article", "share link"),
        ("Send this to a friend", "share link"),
        ("Print this page", "share link"),
        ("Share on Facebook", "share link"),
        ("Share via email", "share link"),
        ("Subscribe to our newsletter", "subscription prompt"),
        ("Already a subscriber? Sign in", "subscription prompt"),
        ("Sign up for our morning briefing newsletter.", "sign-up prompt"),
        ("Accept all cookies", "cookie notice"),
        ("We use cookies to improve your experience on our website.", "cookie notice"),
        ("This site uses cookies. By continuing to browse you accept them.", "cookie notice"),
        ("Skip to main content", "navigation"),
        ("Back to top", "navigation"),
        ("Home > News > World", "breadcrumb navigation"),
        ("News » World » Europe", "breadcrumb navigation"),
        ("Advertisement", "advertisement slot"),
        ("ADVERTISEMENT", "advertisement slot"),
        ("— Advertisement —", "advertisement slot"),
        ("Story continues below advertisement", "advertisement slot"),
        ("Leave a comment", "comments widget"),
        ("You may also like", "related-links widget"),
        ("Read more: Council approves the parks budget", "related-link teaser"),
        ("READ MORE", "related-links widget"),
        ("Follow us on Twitter", "social follow link"),
        ("Follow me on Instagram @balconyharvest", "social follow link"),
        ("Click here to subscribe", "'click here' link"),
        ("Image caption, The mayor at the opening", "caption label"),
        ("© 2025 Ballyrowan Herald Ltd. All rights reserved.", "copyright footer"),
        ("5 min read", "reading-time label"),
        ("Facebook Twitter LinkedIn Email", "share buttons"),
    ],
)
def test_each_lexicon_family_matches_a_whole_line(line, family):
    findings = findings_for(between_paragraphs(line), "BP001")
    assert [f.location.row for f in findings] == [3]
    assert f"({family})" in findings[0].message


def test_matching_ignores_case_punctuation_spacing_and_markdown_decoration():
    for line in ("**SHARE   this article!**", "## Share this article", "> Share this article"):
        assert rows(between_paragraphs(line), path="doc.md") == [3], line


def test_normalise_keeps_words_only():
    assert normalise("— Share this ARTICLE!  —") == "share this article"


@pytest.mark.parametrize(
    "line",
    [
        "The council voted to share this article of the budget with residents.",
        "We use cookies in the recipe, crushed into crumbs.",
        "This site uses cookies is the sentence most readers have learned not to read.",
        "A post about advertisement design won an award.",
        "Click here to open the settings panel, then choose Accounts, and press Save when done.",
        "Sign up for the marathon closes on Friday.",
        "Follow the river on foot from the bridge to the weir.",
        "Read more about configuration in the next chapter.",
        "For each respondent a > b > c held.",
        "Monday / Tuesday / Wednesday were the busiest days.",
        "Input > Process > Output",
        "The lawyer said all rights reserved was unnecessary.",
    ],
)
def test_the_same_words_inside_a_real_sentence_stay_silent(line):
    assert rows(between_paragraphs(line)) == []


def test_a_line_of_a_hard_wrapped_sentence_is_not_boilerplate():
    text = (
        "The council asked residents to read and\n"
        "share this article\n"
        "with their neighbours before the vote.\n"
    )
    assert rows(text) == []


def test_advertisement_heading_above_a_paragraph_about_advertising_is_content():
    text = "Advertisement\n\nAdvertising paid for two thirds of each issue of the paper.\n"
    assert rows(text) == []


def test_advertisement_slot_followed_by_another_slot_line_is_still_a_slot():
    text = PARAGRAPH_BEFORE + "Advertisement\n\nStory continues below advertisement\n"
    assert rows(text) == [3, 5]


def test_one_word_markers_in_lists_and_markdown_headings_are_content():
    text = "Our services:\n\n- Printing\n- Advertisement\n- Typesetting\n\n## Sponsored\n\nText.\n"
    assert rows(text, path="doc.md") == []


def test_multi_word_chrome_in_a_bullet_list_is_boilerplate_but_not_in_a_numbered_list():
    assert rows("Text.\n\n- Share on Facebook\n- Share on X\n", path="doc.md") == [3, 4]
    assert rows("Text.\n\n1. Follow us on Twitter\n2. Share on X\n", path="doc.md") == []


def test_phrase_heading_of_a_section_that_discusses_it_is_content():
    text = '## Share this article\n\nThe phrase "Share this article" sits under most headlines.\n'
    assert rows(text, path="doc.md") == []


def test_share_bar_needs_a_run_of_two_lines_or_several_words_on_one_line():
    assert rows(PARAGRAPH_BEFORE + "Share\nTweet\nEmail\n") == [3, 4, 5]
    assert rows(PARAGRAPH_BEFORE + "Share\n\nTweet\n") == [3, 5]
    assert rows(PARAGRAPH_BEFORE + "Share\n\nthe bread, the salt.\n") == []
    assert rows("Facebook\n\nMost groups keep a page.\n\nTwitter\n\nFewer do.\n") == []


def test_bare_read_more_ending_the_document_is_left_to_elided_ending():
    assert rows(PARAGRAPH_BEFORE + "Read more\n") == []
    assert rows(PARAGRAPH_BEFORE + "Continue reading...\n") == []
    assert rows(PARAGRAPH_BEFORE + "Click here to read the full story\n") == []
    assert rows(PARAGRAPH_BEFORE + "Read more\n\nThe end of the story.\n") == [3]
    assert rows(PARAGRAPH_BEFORE + "Read more: Bridge tolls to rise\n") == [3]


def test_code_blocks_inline_comments_and_front_matter_are_skipped():
    text = (
        "---\ntitle: Share this article\n---\n\n"
        "```\nShare this article\nAdvertisement\n```\n\n"
        "<!--\nSkip to main content\n-->\n"
    )
    assert rows(text, path="doc.md") == []


def test_fix_removes_exactly_the_reported_line_with_its_ending():
    text = between_paragraphs("Share this article")
    (finding,) = findings_for(text, "BP001")
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    (edit,) = finding.fix.edits
    assert (edit.start, edit.end) == (finding.offset, finding.end_offset)
    assert text[edit.start : edit.end] == "Share this article\n"
    assert apply_fix(text, finding) == PARAGRAPH_BEFORE + PARAGRAPH_AFTER[1:]


def test_fix_on_a_last_line_without_newline_and_with_crlf():
    text = "Story text here.\r\nShare this article"
    (finding,) = findings_for(text, "BP001")
    assert apply_fix(text, finding) == "Story text here.\r\n"
    text = "Story text here.\r\nShare this article\r\nMore story.\r\n"
    (finding,) = findings_for(text, "BP001")
    assert apply_fix(text, finding) == "Story text here.\r\nMore story.\r\n"


def check_with(options: dict, text: str) -> list[int]:
    rule = BoilerplateLine(BoilerplateOptions.model_validate(options))
    return [finding.location.row for finding in rule.check(Document("doc.txt", text))]


def test_extra_lines_extend_the_lexicon_after_normalisation():
    text = between_paragraphs("Sign up for THE MORNING POST!")
    assert check_with({}, text) == []
    assert check_with({"extra-lines": ["Sign up for The Morning Post"]}, text) == [3]


def test_extra_patterns_match_whole_lines_case_insensitively():
    text = between_paragraphs("Posted in Gardening and Recipes")
    options = {"extra-patterns": [r"posted in \w+( and \w+)*"]}
    assert check_with(options, text) == [3]
    assert check_with(options, between_paragraphs("Posted in Gardening, by Ann, with love")) == []


def test_ignore_lines_drops_defaults_and_default_lexicon_can_be_turned_off():
    text = between_paragraphs("Most read")
    assert check_with({"ignore-lines": ["MOST READ"]}, text) == []
    assert check_with({"default-lexicon": False}, between_paragraphs("Share this article")) == []
    off = {"default-lexicon": False, "extra-lines": ["Most read"]}
    assert check_with(off, text) == [3]


@pytest.mark.parametrize(
    ("pattern", "complaint"),
    [("Posted in (", "invalid regular expression"), (".*", "matches an empty line")],
)
def test_bad_extra_pattern_is_a_config_error_not_a_traceback(tmp_path, pattern, complaint):
    (tmp_path / "seedlint.toml").write_text(
        f"[rules.BP001]\nextra-patterns = [{pattern!r}]\n", encoding="utf-8"
    )
    (tmp_path / "doc.txt").write_text("Hello.\n", encoding="utf-8")
    result = run_seedlint("check", "doc.txt", "--select", "BP001", cwd=tmp_path)
    assert result.returncode == 2
    assert "rules.BP001.extra-patterns" in result.stderr
    assert complaint in result.stderr
    assert "Traceback" not in result.stderr


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Share this article",
                "Advertisement",
                "Home > News",
                "Read more",
                "```",
                "- Share",
                "",
                "# Subscribe",
                "Tweet",
                "We use cookies to",
                "\r",
                " ",
            ]
        )
        | st.text(max_size=30),
        max_size=12,
    )
)
def test_any_text_never_crashes_and_findings_lie_inside_the_document(parts):
    text = "\n".join(parts)
    for finding in findings_for(text, "BP001"):
        assert 0 <= finding.offset <= finding.end_offset <= len(text)
        assert finding.fix is not None
        for edit in finding.fix.edits:
            assert finding.offset <= edit.start <= edit.end <= finding.end_offset


def test_boilerplate_dev_corpus_meets_its_targets(repo_root):
    from lint.evaluate import evaluate

    evaluation = evaluate(repo_root / "tests" / "devcorpus" / "boilerplate")
    assert evaluation.documents >= 20
    assert evaluation.below_target() == []
