"""In-document suppressions: comment regions and lines, whole-file forms, unused detection."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.markdown import markdown_regions
from lint.document import Document
from lint.finding import Finding
from lint.rule import Rule
from lint.runner import check_document
from lint.suppressions import Kind, Suppressions


class Words(Rule):
    """Reports the words QUO (as QUO001), ENC (as ENC006) and DAT (as DAT001), outside
    comments and code, as real prose rules do."""

    code, name, family = "QUO001", "words", "test"

    def check(self, doc: Document) -> Iterator[Finding]:
        regions = doc.analysis(markdown_regions)
        for match in re.finditer(r"\b(QUO|ENC|DAT)\b", doc.text):
            if regions.contains(match.start()):
                continue
            finding = self.report(doc, *match.span(), f"word {match.group()}")
            code = {"QUO": "QUO001", "ENC": "ENC006", "DAT": "DAT001"}[match.group()]
            yield finding.model_copy(update={"code": code})


def run(text: str, path: str = "doc.md", **options) -> tuple[list[int], list[int], Suppressions]:
    """Rows of kept and suppressed findings, and the suppressions."""
    doc = Document(path, text)
    findings = check_document(doc, [Words()])[0]
    suppressions = Suppressions.from_document(doc, **options)
    kept, suppressed, _ = suppressions.filter(findings)
    return [f.location.row for f in kept], [f.location.row for f in suppressed], suppressions


def unused(text: str, path: str = "doc.md", **options) -> list[tuple[str, tuple[str, ...]]]:
    doc = Document(path, text)
    findings = check_document(doc, [Words()])[0]
    enabled = options.pop("enabled_codes", None)
    result = Suppressions.from_document(doc, **options).filter(findings, enabled_codes=enabled)
    return [(u.directive.kind.value, u.selectors) for u in result.unused]


def test_a_disable_region_ends_at_enable() -> None:
    text = "QUO\n<!-- seedlint-disable QUO001 -->\nQUO\nENC\n<!-- seedlint-enable -->\nQUO\n"
    kept, suppressed, _ = run(text)
    assert kept == [1, 4, 6]
    assert suppressed == [3]


def test_an_open_region_runs_to_the_end_and_bare_disable_means_every_code() -> None:
    kept, suppressed, _ = run("QUO\n<!-- seedlint-disable -->\nQUO ENC\n\nDAT\n")
    assert kept == [1]
    assert suppressed == [3, 3, 5]


def test_prefixes_select_like_the_select_option() -> None:
    kept, suppressed, _ = run("<!-- seedlint-disable ENC, QU -->\nQUO ENC DAT\n")
    assert kept == [2]  # DAT001 only
    assert len(suppressed) == 2


def test_enable_of_one_code_inside_a_wider_region() -> None:
    text = (
        "<!-- seedlint-disable -->\n"
        "QUO ENC\n"
        "<!-- seedlint-enable QUO001 -->\n"
        "QUO ENC\n"
        "<!-- seedlint-disable QUO -->\n"
        "QUO ENC\n"
        "<!-- seedlint-enable -->\n"
        "QUO ENC\n"
    )
    doc = Document("doc.md", text)
    findings = check_document(doc, [Words()])[0]
    kept, suppressed, _ = Suppressions.from_document(doc).filter(findings)
    assert [(f.location.row, f.code) for f in kept] == [(4, "QUO001"), (8, "QUO001"), (8, "ENC006")]
    assert [(f.location.row, f.code) for f in suppressed] == [
        (2, "QUO001"),
        (2, "ENC006"),
        (4, "ENC006"),
        (6, "QUO001"),
        (6, "ENC006"),
    ]


def test_disable_next_line_covers_only_the_next_line() -> None:
    text = "<!-- seedlint-disable-next-line QUO001 -- quoted from the record -->\nQUO ENC\nQUO\n"
    kept, suppressed, _ = run(text)
    assert kept == [2, 3]  # ENC006 on line 2 and QUO001 on line 3
    assert suppressed == [2]


def test_disable_line_covers_the_line_of_the_comment() -> None:
    text = "QUO <!-- seedlint-disable-line -->\nQUO\n"
    kept, suppressed, _ = run(text)
    assert kept == [2] and suppressed == [1]


def test_disable_file_covers_the_whole_document_wherever_it_stands() -> None:
    text = "QUO ENC\ntext\n<!-- seedlint-disable-file QUO001 -->\nQUO\n"
    kept, suppressed, _ = run(text)
    assert kept == [1]
    assert suppressed == [1, 4]


def test_front_matter_ignore_list_and_string() -> None:
    yaml = "---\ntitle: A story\nseedlint:\n  ignore: [QUO001, DAT001]\n---\nQUO ENC DAT\n"
    kept, suppressed, sup = run(yaml)
    assert kept == [6] and suppressed == [6, 6]
    [directive] = sup.directives
    assert directive.kind == Kind.FRONT_MATTER and directive.first_row == 3
    toml = '+++\ntitle = "A story"\n[seedlint]\nignore = "ENC006"\n+++\nQUO ENC\n'
    kept, suppressed, sup = run(toml)
    assert kept == [6] and suppressed == [6]
    assert sup.directives[0].first_row == 3


def test_front_matter_that_is_malformed_is_ignored_and_listed() -> None:
    for body in ("seedlint: QUO001", "seedlint: {ignores: [QUO001]}", "seedlint: {ignore: [1]}"):
        kept, suppressed, sup = run(f"---\n{body}\n---\nQUO\n")
        assert kept == [4] and suppressed == []
        assert len(sup.malformed) == 1


def test_record_field_codes_suppress_the_whole_record() -> None:
    kept, suppressed, _ = run("QUO ENC\n", path="c.jsonl", ignored_codes=["QUO001"])
    assert kept == [1] and suppressed == [1]
    kept, suppressed, _ = run("QUO ENC\n", path="c.jsonl", ignored_codes="QUO001, ENC006")
    assert kept == [] and suppressed == [1, 1]
    kept, suppressed, sup = run("QUO\n", path="c.jsonl", ignored_codes=[3])  # type: ignore[list-item]
    assert kept == [1] and len(sup.malformed) == 1


def test_comments_inside_code_do_not_count() -> None:
    text = (
        "Use it like this:\n\n"
        "```markdown\n<!-- seedlint-disable -->\n```\n\n"
        "Or inline: `<!-- seedlint-disable-file -->`.\n\n"
        "QUO\n"
    )
    kept, suppressed, sup = run(text)
    assert sup.directives == () and kept == [9] and suppressed == []


def test_comments_that_only_mention_seedlint_are_not_directives() -> None:
    kept, _, sup = run("<!-- see seedlint-disable in the docs -->\nQUO\n")
    assert sup.directives == () and sup.malformed == () and kept == [2]


def test_malformed_directives_are_ignored_not_half_applied() -> None:
    for comment in (
        "<!-- seedlint-disabel QUO001 -->",
        "<!-- seedlint-disable QUO001 because it is a poem -->",
        "<!-- seedlint-disable: QUO001 -->",
        "<!-- seedlint-disable Q#1 -->",
        "<!-- seedlint-disable quo001 -->",
    ):
        kept, suppressed, sup = run(f"{comment}\nQUO\n")
        assert kept == [2] and suppressed == [], comment
        assert len(sup.malformed) == 1, comment
        assert sup.directives == ()


def test_an_unclosed_comment_is_no_directive() -> None:
    kept, _, sup = run("<!-- seedlint-disable QUO001\nQUO\n")
    assert kept == [2] and sup.directives == ()


def test_unused_directives_and_codes_are_listed() -> None:
    text = (
        "<!-- seedlint-disable-next-line QUO001, ENC006 -->\n"
        "QUO\n"
        "<!-- seedlint-disable-line DAT -->\n"
        "<!-- seedlint-disable -->\n"
        "nothing here\n"
        "<!-- seedlint-enable -->\n"
    )
    assert unused(text) == [
        ("disable-next-line", ("ENC006",)),
        ("disable-line", ("DAT",)),
        ("disable", ("ALL",)),
    ]


def test_codes_whose_rule_did_not_run_are_not_called_unused() -> None:
    text = "<!-- seedlint-disable-file DAT001, ENC006 -->\nQUO\n"
    assert unused(text, enabled_codes={"QUO001", "ENC006"}) == [("disable-file", ("ENC006",))]


def test_front_matter_and_record_field_can_be_unused() -> None:
    assert unused("---\nseedlint: {ignore: [DAT001]}\n---\nQUO\n") == [
        ("front-matter", ("DAT001",))
    ]
    assert unused("QUO\n", ignored_codes=["QUO", "ENC"]) == [("record-field", ("ENC",))]


def test_the_most_specific_directive_gets_the_credit() -> None:
    text = (
        "<!-- seedlint-disable-file QUO001 -->\n<!-- seedlint-disable-next-line QUO001 -->\nQUO\n"
    )
    doc = Document("doc.md", text)
    result = Suppressions.from_document(doc).filter(check_document(doc, [Words()])[0])
    assert len(result.suppressed) == 1
    [left] = result.unused
    assert left.directive.kind == Kind.FILE
    assert left.message == "Unused `seedlint-disable-file` comment of QUO001: no such finding here"


def test_a_document_without_directives_keeps_every_finding() -> None:
    kept, suppressed, sup = run("QUO ENC\n")
    assert sup.is_empty and kept == [1, 1] and suppressed == []


fragments = st.sampled_from(
    [
        "QUO ",
        "ENC",
        "\n",
        "<!-- seedlint-disable -->",
        "<!-- seedlint-disable QUO001 -->",
        "<!-- seedlint-enable -->",
        "<!-- seedlint-enable ENC -->",
        "<!-- seedlint-disable-next-line -->",
        "<!-- seedlint-disable-line ENC -->",
        "<!-- seedlint-disable-file DAT -->",
        "<!-- seedlint-",
        "-->",
        "```\n",
        "`",
        "---\n",
        "seedlint: {ignore: [QUO]}\n",
        "seedlint: [",
    ]
)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(fragments, max_size=25), noise=st.text(max_size=20))
def test_any_text_is_split_without_losing_or_inventing_findings(
    pieces: list[str], noise: str
) -> None:
    text = "".join(pieces) + noise
    doc = Document("doc.md", text)
    findings = check_document(doc, [Words()])[0]
    result = Suppressions.from_document(doc).filter(findings)
    assert sorted(map(id, [*result.kept, *result.suppressed])) == sorted(map(id, findings))
