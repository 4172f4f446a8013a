"""DAT001–DAT004 on documents and records, with a fixed clock (no test reads today's date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lint.document import Document
from lint.evaluate import evaluate
from lint.registry import rule_classes
from lint.runner import check_document
from rules.dates import RULES

TODAY = date(2026, 6, 1)
CORPUS = Path(__file__).parent / "devcorpus" / "dates"
BODY = "\n\nThe council met to discuss the bridge, which was built in 1932 and repaired in 1990.\n"


def check(text: str, *codes: str, path: str = "doc.txt", metadata=None, **options):
    rules = rule_classes()
    chosen = []
    for code in codes or ("DAT001", "DAT002", "DAT003", "DAT004"):
        rule = rules[code]
        extra = {"today": TODAY} if code == "DAT004" else {}
        chosen.append(rule(rule.Options.model_validate({**extra, **options})))
    doc = Document(path, text, metadata=metadata or {})
    findings, errors = check_document(doc, chosen)
    assert errors == 0, findings
    return findings


def codes(findings) -> list[tuple[str, int]]:
    return [(f.code, f.location.row) for f in findings]


def test_missing_date_is_one_finding_at_the_top_saying_where_it_looked() -> None:
    findings = check("The council met yesterday and will meet again next week.\n", "DAT001")
    [finding] = findings
    assert (finding.location.row, finding.location.column) == (1, 1)
    assert "date headers, datelines and bylines" in finding.message


def test_missing_date_in_a_record_names_the_fields_looked_at() -> None:
    [finding] = check("Body text.\n", "DAT001", metadata={"id": "a1", "title": "x"})
    assert "record fields date, published" in finding.message


def test_missing_date_mentions_an_undated_dateline() -> None:
    [finding] = check("LONDON (AP) — Rail workers walked out.\n", "DAT001")
    assert "`LONDON (AP)` carries no date" in finding.message


def test_dated_documents_are_silent() -> None:
    for text in (
        "Date: 2025-03-03" + BODY,
        "NAIROBI, March 3 (Reuters) - The bank held rates on Tuesday, a day after the vote.\n",
        "By Ana Ruiz | 3 March 2025" + BODY,
    ):
        assert check(text) == [], text
    assert check("Body yesterday.\n", metadata={"published_at": "2025-03-03T10:00:00Z"}) == []


def test_empty_documents_are_not_reported_as_undated() -> None:
    assert check("", "DAT001") == []
    assert check("\n\n  \n", "DAT001") == []


def test_unanchored_relative_dates_one_per_expression() -> None:
    text = "The bridge closed yesterday.\nIt reopens next month, officials said on Monday.\n"
    findings = check(text, "DAT002")
    assert codes(findings) == [("DAT002", 1), ("DAT002", 2), ("DAT002", 2)]
    assert findings[0].message == (
        "Relative date `yesterday` with no publication date to anchor it"
    )
    first = findings[0]
    assert text[first.offset : first.end_offset] == "yesterday"


def test_relative_dates_are_silent_when_the_document_is_dated() -> None:
    text = "Date: 2025-03-03\n\nThe bridge closed yesterday and reopens next month.\n"
    assert check(text, "DAT002") == []


def test_an_unusable_date_header_anchors_nothing() -> None:
    text = "Date: TBD\n\nTickets go on sale tomorrow.\n"
    assert codes(check(text)) == [("DAT002", 3), ("DAT003", 1)]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Date: 2024-02-30" + BODY, "February has no day 30"),
        ("Published: 2023-02-29" + BODY, "2023 is not a leap year"),
        ("Published: 2024-13-05" + BODY, "month 13"),
        ("Date: TBD" + BODY, "does not parse"),
        ("Published: Tuesday, March 3, 2025" + BODY, "was a Monday"),
        ("CAIRO, February 30 (Reuters) - Rates rose.\n", "February has no day 30"),
        ("Published: March 3, 2025The council voted on Tuesday to shut it.\n", "runs into"),
        ("Title\n   Date: 2025-03-03" + BODY, "indented"),
    ],
)
def test_invalid_dates(text: str, needle: str) -> None:
    findings = check(text)
    assert [f.code for f in findings] == ["DAT003"], findings
    assert needle in findings[0].message


def test_invalid_record_field_is_reported_at_the_top_with_its_name() -> None:
    [finding] = check("Body.\n", "DAT003", metadata={"pubDate": "2024-02-30"})
    assert finding.location.row == 1 and "field `pubDate`" in finding.message


def test_invalid_front_matter_date_is_reported_on_its_line() -> None:
    text = "---\ntitle: Leap day\ndate: 2023-02-29\n---\n\nBody.\n"
    [finding] = check(text, path="post.md")
    assert (finding.code, finding.location.row, finding.location.column) == ("DAT003", 3, 7)


@pytest.mark.parametrize(
    ("text", "metadata", "needle"),
    [
        ("Published: March 3, 2099" + BODY, None, "after today (2026-06-01)"),
        ("Published: 2098" + BODY, None, "after today"),
        ("Date: 1750-06-01" + BODY, None, "before 1800-01-01"),
        ("Body.\n", {"date": 0}, "placeholder"),
        ("Body.\n", {"date": 4102444800}, "after today"),
    ],
)
def test_implausible_dates(text: str, metadata, needle: str) -> None:
    [finding] = check(text, "DAT004", metadata=metadata)
    assert needle in finding.message


def test_implausible_date_uses_the_tolerance_and_floor_options() -> None:
    text = "Date: 2026-06-03" + BODY
    assert codes(check(text, "DAT004")) == [("DAT004", 1)]
    assert check(text, "DAT004", **{"tolerance-days": 2}) == []
    assert codes(check("Date: 1850-01-01" + BODY, "DAT004", floor="1900-01-01")) == [("DAT004", 1)]


def test_future_years_in_the_body_are_not_implausible() -> None:
    text = "Date: 2025-03-03\n\nThe line is planned for 2031 and should open by 2034.\n"
    assert check(text) == []


def test_a_day_without_a_year_is_never_implausible() -> None:
    assert check("NAIROBI, December 31 (Reuters) - Markets closed.\n", "DAT004") == []


def test_options_are_validated_with_kebab_case_names() -> None:
    rule = rule_classes()["DAT001"]
    options = rule.Options.model_validate({"day-first": True, "header-lines": 4})
    assert options.day_first is True and options.header_lines == 4
    with pytest.raises(ValueError):
        rule.Options.model_validate({"language": "xx"})
    with pytest.raises(ValueError):
        rule.Options.model_validate({"no-such-option": 1})


def test_day_first_option_reaches_the_analysis() -> None:
    text = "Date: 13/04/2026" + BODY  # only day-first: 13 April 2026
    assert check(text, "DAT003", "DAT004") == []
    assert check("Date: 02/06/2026" + BODY, "DAT004", **{"day-first": True}) == []
    assert codes(check("Date: 06/20/2026" + BODY, "DAT004")) == [("DAT004", 1)]


def test_every_rule_is_documented_in_the_required_shape() -> None:
    assert [rule.code for rule in RULES] == ["DAT001", "DAT002", "DAT003", "DAT004"]
    for rule in RULES:
        doc = rule.documentation()
        assert doc.missing_sections == [], rule.code
        assert doc.summary and doc.options, rule.code


def test_dates_corpus_meets_its_targets() -> None:
    evaluation = evaluate(CORPUS)
    assert evaluation.documents >= 40
    assert evaluation.below_target() == [], evaluation.mismatches
