"""The rule catalog: fixed codes and names, each documented beside its code."""

from __future__ import annotations

import re

import pytest

from lint.docs import rules_table
from lint.registry import registry, rule_classes
from tests.conftest import REPO

CATALOG = {
    "ENC001": ("mojibake", "encoding"),
    "ENC002": ("replacement-character", "encoding"),
    "ENC003": ("invalid-utf8", "encoding"),
    "ENC004": ("control-character", "encoding"),
    "ENC005": ("invisible-character", "encoding"),
    "ENC006": ("html-entity", "encoding"),
    "ENC007": ("markup-residue", "encoding"),
    "ENC008": ("escaped-sequence", "encoding"),
    "DAT001": ("missing-date", "dates"),
    "DAT002": ("unanchored-relative-date", "dates"),
    "DAT003": ("invalid-date", "dates"),
    "DAT004": ("implausible-date", "dates"),
    "QUO001": ("unattributed-quote", "quotes"),
    "QUO002": ("anonymous-source", "quotes"),
    "QUO003": ("unbalanced-quote", "quotes"),
    "QUO004": ("unmarked-quote", "quotes"),
    "TRN001": ("truncated-ending", "truncation"),
    "TRN002": ("elided-ending", "truncation"),
    "TRN003": ("truncated-start", "truncation"),
    "TRN004": ("broken-line", "truncation"),
    "TRN005": ("too-short", "truncation"),
    "WS001": ("trailing-blank-lines", "whitespace"),
    "WS002": ("trailing-whitespace", "whitespace"),
    "WS003": ("missing-final-newline", "whitespace"),
    "WS004": ("leading-whitespace", "whitespace"),
    "WS005": ("line-endings", "whitespace"),
    "BP001": ("boilerplate-line", "boilerplate"),
    "LNK001": ("embed-residue", "boilerplate"),
    "DUP001": ("duplicate-line", "duplicates"),
}


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_catalog_code_is_registered_with_its_fixed_name_by_its_pack(code):
    name, pack = CATALOG[code]
    registered = registry()[code]
    assert registered.rule.name == name
    assert registered.pack == pack


@pytest.mark.parametrize("code", sorted(rule_classes()))
def test_every_rule_documents_what_why_example_and_fix_safety(code):
    doc = rule_classes()[code].documentation()
    assert doc.summary, f"{code} has no summary line"
    assert not doc.missing_sections, f"{code} lacks {doc.missing_sections}"


def test_readme_rule_table_is_generated_from_the_rules():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", readme, re.DOTALL)
    assert match, "README.md lacks the generated rule table markers"
    assert match.group(1).strip() == rules_table(rule_classes()).strip(), (
        "README rule table is stale: run `make readme`"
    )
