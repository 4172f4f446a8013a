"""The structure analysis: block kinds, trailing matter, hard-wrap style, lazy sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.structure import BlockKind, Role, analyse_structure
from lint.document import Document


def kinds(text: str, path: str = "doc.txt") -> list[tuple[str, str | None]]:
    return [
        (b.kind.value, b.role.value if b.role else None)
        for b in Document(path, text).structure.blocks
    ]


PROSE = "The council approved the plan on Tuesday after a long debate about the cost of it."


def test_markdown_atx_and_setext_headings() -> None:
    text = f"# Title\n\n{PROSE}\n\nSection\n-------\n\n{PROSE}\n"
    assert kinds(text, "a.md") == [
        ("heading", None),
        ("paragraph", None),
        ("heading", None),
        ("paragraph", None),
    ]


def test_short_title_case_and_question_lines_before_a_paragraph_are_headings() -> None:
    text = f"Key Findings of the Survey\n\n{PROSE}\n\nWhat happens next?\n\n{PROSE}\n"
    assert [k for k, _ in kinds(text)] == ["heading", "paragraph", "heading", "paragraph"]


def test_title_line_at_the_end_is_not_a_heading() -> None:
    assert kinds(f"{PROSE}\n\nKey Findings\n")[-1] == ("paragraph", None)


def test_list_items_code_tables_and_quotes() -> None:
    text = (
        f"{PROSE}\n\n- first item\n- second item that\n  wraps\n\n```\ncode here\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted line\n> more\n"
    )
    assert [k for k, _ in kinds(text, "a.md")] == [
        "paragraph",
        "list-item",
        "list-item",
        "code",
        "table",
        "quote",
    ]


def test_list_item_content_starts_after_the_marker() -> None:
    structure = Document("a.md", "- Buy milk today.\n").structure
    block = structure.blocks[0]
    assert structure.text[block.content_start :] == "Buy milk today.\n"[:-1] + "\n"
    assert [s.text for s in structure.sentences] == ["Buy milk today."]


def test_poem_stanzas_are_verse() -> None:
    stanza = "the boats come home before the light\ntheir engines low as sleeping dogs\n"
    stanza += "the gulls already know the count\nof every crate and every net\n"
    assert [k for k, _ in kinds(f"{stanza}\n{stanza}")] == ["verse", "verse"]


def test_capitalised_short_lines_are_verse() -> None:
    stanza = "We are the river, not the stone\nWe carry what we cannot own\nAnd every town is home"
    text = f"{PROSE}\n\n{stanza}\n\n{PROSE}\n"
    assert [k for k, _ in kinds(text)] == ["paragraph", "verse", "paragraph"]


def test_address_block() -> None:
    text = f"Harbor Tenants\n14 Quay Street\nPorto, 4050-123\n\n{PROSE}\n"
    assert kinds(text)[0] == ("address", None)


def test_front_matter_is_its_own_block() -> None:
    text = f"---\ntitle: x\n---\n{PROSE}\n"
    assert kinds(text, "a.md") == [("front-matter", None), ("paragraph", None)]


def test_press_release_end_mark_starts_the_trailing_matter() -> None:
    text = (
        f"{PROSE}\n\n###\n\nAbout Acme\nAcme makes anvils for cartoon coyotes\n\n"
        "Media contact:\nJane Doe\njane@acme.example\n"
    )
    structure = Document("pr.txt", text).structure
    assert structure.last_body_block is not None
    assert structure.last_body_block.text == PROSE
    assert structure.trailing[0].kind == BlockKind.SEPARATOR
    assert structure.trailing[0].hard_end


def test_credit_lines_at_the_end_are_trailing() -> None:
    for credit in (
        "(Reporting by Ana Ribeiro; Editing by Tom Hale)",
        "Photo: Daniel Costa/Harbor News",
        "Provided by Coastal Science Weekly",
        "Copyright 2025 Harbor Media",
        "Tags: rail, transport",
        "Thanks,\nAna",
        "— Ana",
        "By Helena Duarte",
        "pic.twitter.com/AbC123",
    ):
        structure = Document("n.txt", f"{PROSE}\n\n{credit}\n").structure
        assert structure.last_body_block is not None, credit
        assert structure.last_body_block.text == PROSE, credit


def test_credit_line_inside_the_last_paragraph_is_split_off() -> None:
    text = f"{PROSE}\n(Reporting by Ana Ribeiro)\n"
    assert kinds(text) == [("paragraph", None), ("paragraph", "credit")]


def test_related_list_is_trailing_but_a_final_list_is_not() -> None:
    related = Document("r.md", f"{PROSE}\n\nRelated:\n\n- [One](http://a)\n- [Two](http://b)\n")
    assert related.structure.last_body_block.text == PROSE  # type: ignore[union-attr]
    plain = Document("l.md", f"{PROSE}\n\n- one thing\n- another thing\n")
    assert plain.structure.last_body_block.kind == BlockKind.LIST_ITEM  # type: ignore[union-attr]


def test_about_section_roles() -> None:
    text = f"{PROSE}\n\n## About Lumen Labs\n\nLumen Labs builds software.\n"
    structure = Document("a.md", text).structure
    assert structure.trailing[0].role == Role.ABOUT
    assert structure.last_body_block.text == PROSE  # type: ignore[union-attr]


def test_an_about_section_followed_by_a_heading_is_not_trailing_matter() -> None:
    about = "## About Lumen Labs\n\nLumen Labs builds software."
    text = f"{PROSE}\n\n{about}\n\n## Next Steps\n\n{PROSE}\n"
    structure = Document("a.md", text).structure
    assert structure.trailing == []
    assert structure.blocks[1].role == Role.ABOUT


def test_press_release_end_mark_before_any_prose_does_not_end_the_body() -> None:
    structure = Document("pr.txt", f"###\n\n{PROSE}\n").structure
    assert structure.trailing == []


def test_hard_wrap_width_is_detected() -> None:
    words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do " * 12).split()
    lines, line = [], ""
    for word in words:
        if len(line) + 1 + len(word) > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    paragraph = "\n".join([*lines, line])
    structure = Document("w.md", f"{paragraph}\n\n{paragraph}\n").structure
    assert structure.hard_wrapped
    assert structure.wrap_width is not None and 60 <= structure.wrap_width <= 72


def test_unwrapped_text_has_no_wrap_width() -> None:
    structure = Document("n.txt", f"{PROSE} {PROSE}\n\n{PROSE}\n").structure
    assert structure.wrap_width is None


def test_sentences_are_computed_lazily_per_block() -> None:
    structure = Document("n.txt", f"{PROSE}\n\n{PROSE} It passed.\n").structure
    assert structure._block_sentences == {}
    assert [s.text for s in structure.sentences_in(1)] == [PROSE, "It passed."]
    assert 0 not in structure._block_sentences
    assert len(structure.sentences) == 3
    assert Document("n.txt", PROSE).sentences[0].text == PROSE


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab A.#-*>|`\n\t:,"”(')), max_size=300))
def test_any_text_gives_blocks_inside_the_text_in_order(text: str) -> None:
    doc = Document("x.md", text)
    structure = analyse_structure(doc)
    previous = 0
    for block in structure.blocks:
        assert previous <= block.start <= block.content_start <= block.end <= len(text)
        previous = block.end
    for sentence in structure.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert 0 <= structure.trailing_index <= len(structure.blocks)
