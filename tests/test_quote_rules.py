"""QUO001–QUO004 on small documents, their options and documentation, and the labelled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.document import Document
from lint.evaluate import evaluate
from rules.quotes import RULES, AnonymousSource, UnattributedQuote, UnbalancedQuote, UnmarkedQuote

CORPUS = Path(__file__).parent / "devcorpus" / "quotes"


def codes_by_line(rule, text: str) -> list[tuple[str, int]]:
    doc = Document("doc.txt", text)
    return [(f.code, f.location.row) for f in rule.check(doc)]


def test_unattributed_quotation_is_reported_at_its_opening_mark() -> None:
    text = "The council voted.\n\n“This is the end for the branch.”\n"
    (finding,) = list(UnattributedQuote().check(Document("doc.txt", text)))
    assert (finding.location.row, finding.location.column) == (3, 1)
    assert finding.message == "Quotation “This is the end for the…” has no attribution"


def test_attributed_scare_title_and_term_quotes_are_silent() -> None:
    text = (
        "“We lost,” said Ana Ruiz. The council called it “reckless”. She watched the film "
        "“Past Lives”. The so-called “blue line” is gone.\n"
    )
    assert codes_by_line(UnattributedQuote(), text) == []


def test_anonymous_source_replaces_unattributed_quote() -> None:
    text = "“The deal is dead,” one official said.\n"
    assert codes_by_line(AnonymousSource(), text) == [("QUO002", 1)]
    assert codes_by_line(UnattributedQuote(), text) == []


def test_extra_anonymous_sources_option() -> None:
    text = "“The deal is dead,” the grapevine said.\n"
    assert codes_by_line(AnonymousSource(), text) == []
    rule = AnonymousSource(AnonymousSource.Options(extra_anonymous_sources=["the grapevine"]))
    assert codes_by_line(rule, text) == [("QUO002", 1)]


def test_extra_speech_verbs_option_attributes_the_quote() -> None:
    text = "“The tide is turning,” Ruiz opined.\n"
    assert codes_by_line(UnattributedQuote(), text) == [("QUO001", 1)]
    rule = UnattributedQuote(
        UnattributedQuote.Options.model_validate({"extra-speech-verbs": ["opine"]})
    )
    assert codes_by_line(rule, text) == []


def test_unbalanced_quote_reports_each_unmatched_mark() -> None:
    text = "“We will reopen in May, the manager said.\n\nPower was back by 8am.” Crews left.\n"
    assert codes_by_line(UnbalancedQuote(), text) == [("QUO003", 1), ("QUO003", 3)]


def test_unmarked_quote_is_reported_on_the_reported_words() -> None:
    text = "The head said:\nWe cannot keep the gates open.\n\nHe said:\n“Not a penny more.”\n"
    assert codes_by_line(UnmarkedQuote(), text) == [("QUO004", 2)]


@pytest.mark.parametrize("rule", RULES)
def test_rule_documentation_has_every_section(rule) -> None:
    doc = rule.documentation()
    assert doc.summary and not doc.missing_sections
    assert "```" in doc.example


def test_bad_input_never_raises() -> None:
    for text in ["", "“", "”", "'", "\n\n“\n\n", "« »", "She said:", "„“‚‘"]:
        doc = Document("doc.md", text)
        for rule in RULES:
            list(rule().check(doc))


def test_labelled_corpus_meets_the_targets() -> None:
    evaluation = evaluate(CORPUS)
    assert evaluation.documents >= 40
    assert evaluation.below_target() == []
