"""The Document: line/column positions, lines, paragraphs and shared analyses."""

from __future__ import annotations

import subprocess
import sys

import yaml
from hypothesis import given
from hypothesis import strategies as st

from lint.document import Document
from lint.finding import Location


def test_location_counts_rows_and_columns_from_one():
    doc = Document("a.txt", "ab\ncdé\n")
    assert doc.location(0) == Location(row=1, column=1)
    assert doc.location(3) == Location(row=2, column=1)
    assert doc.location(5) == Location(row=2, column=3)
    assert doc.location(len(doc.text)) == Location(row=3, column=1)


def test_columns_count_characters_not_bytes():
    doc = Document("a.txt", "naïve café 🙂 x")
    assert doc.location(doc.text.index("x")).column == 14


def test_lines_keep_their_endings_apart_from_their_text():
    doc = Document("a.txt", "one\r\ntwo\nthree")
    assert [(line.text, line.ending) for line in doc.lines] == [
        ("one", "\r\n"),
        ("two", "\n"),
        ("three", ""),
    ]
    assert doc.line_text(1) == "one"


def test_final_newline_does_not_make_an_extra_line():
    assert len(Document("a.txt", "one\ntwo\n").lines) == 2
    assert len(Document("a.txt", "one\ntwo\n\n").lines) == 3
    assert len(Document("a.txt", "").lines) == 1


def test_paragraphs_are_separated_by_blank_lines():
    doc = Document("a.txt", "First line\nsecond line\n\n  \nNext one\n")
    assert [(p.first_line, p.last_line, p.text) for p in doc.paragraphs] == [
        (1, 2, "First line\nsecond line"),
        (5, 5, "Next one"),
    ]


def test_shared_analysis_is_computed_once_per_document():
    calls = []

    def count_words(doc: Document) -> int:
        calls.append(1)
        return len(doc.text.split())

    doc = Document("a.txt", "three words here")
    assert doc.analysis(count_words) == 3
    assert doc.analysis(count_words) == 3
    assert len(calls) == 1


def test_front_matter_is_parsed_and_errors_do_not_raise():
    doc = Document("a.md", "---\ntitle: Hello\ndate: 2025-03-03\n---\nBody\n")
    assert doc.front_matter is not None
    assert doc.front_matter.data["title"] == "Hello"
    broken = Document("a.md", "---\ntitle: [unclosed\n---\nBody\n")
    assert broken.front_matter is not None and broken.front_matter.error
    assert Document("a.md", "No front matter\n").front_matter is None


def test_deeply_nested_front_matter_is_an_error_not_a_crash():
    # libyaml overflows the C stack on a few thousand levels: such bodies must never reach it.
    # Run in a child process, so that a crash fails this test instead of killing pytest.
    script = (
        "from lint.document import Document\n"
        "for body in ('[' * 5000, '- ' * 300000 + 'x', '{a: ' * 5000):\n"
        "    matter = Document('a.md', '---\\n' + body + '\\n---\\nBody\\n').front_matter\n"
        "    assert matter is not None and matter.error, body[:10]\n"
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert child.returncode == 0, child.stderr[-2000:]


def test_fast_and_pure_python_yaml_loaders_agree_on_front_matter():
    body = "title: Über\ndate: 2025-03-03\ntags: [a, b]\nn: 3\nok: yes\nwhen: 2025-03-03 10:00:00\n"
    fast = Document("a.md", f"---\n{body}---\nBody\n").front_matter
    assert fast is not None and fast.data == yaml.safe_load(body)


@given(st.text(max_size=300))
def test_location_and_offset_are_inverse_for_any_text(text):
    doc = Document("a.txt", text)
    for offset in range(0, len(text) + 1, max(1, len(text) // 17)):
        location = doc.location(offset)
        assert doc.offset(location.row, location.column) == offset


def _lines_by_definition(text: str) -> list[tuple[int, int, int, str, str]]:
    lines, start = [], 0
    pieces = text.split("\n")
    for number, piece in enumerate(pieces, 1):
        if number < len(pieces):
            ending = "\r\n" if piece.endswith("\r") else "\n"
            body = piece[:-1] if ending == "\r\n" else piece
            lines.append((number, start, start + len(body), body, ending))
        elif piece or number == 1:
            lines.append((number, start, start + len(piece), piece, ""))
        start += len(piece) + 1
    return lines


def _paragraphs_by_definition(text: str) -> list[tuple[int, int, int, int, str]]:
    paragraphs, block = [], []
    for line in [*_lines_by_definition(text), None]:
        if line is not None and line[3].strip():
            block.append(line)
        elif block:
            start, end = block[0][1], block[-1][2]
            paragraphs.append((block[0][0], block[-1][0], start, end, text[start:end]))
            block = []
    return paragraphs


_LAYOUT = st.sampled_from(["a", "é", " ", "\t", "\n", "\r", "\r\n", "\n\n", "\x0b", "\u2028"])


@given(st.lists(_LAYOUT, max_size=40).map("".join))
def test_lines_and_paragraphs_match_their_definition_on_any_layout(text):
    doc = Document("a.txt", text)
    assert [tuple(line) for line in doc.lines] == _lines_by_definition(text)
    assert [tuple(paragraph) for paragraph in doc.paragraphs] == _paragraphs_by_definition(text)
