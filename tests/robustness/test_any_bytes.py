"""Any bytes in, findings out: arbitrary bytes and text through decode, every rule and every
reporter, with no exception, every finding inside its document and every report valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.pipeline import lint_bytes, lint_text

ROBUST = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of prose and of the damage the rules look for, written for these tests: joined at
# random they reach far deeper into the rules than uniformly random characters do.
FRAGMENTS = [
    "The council met on Tuesday. ",
    '"We will not wait," said Mayor Ortiz. ',
    "\u201cIt\u2019s late,\u201d a spokesperson said. ",
    "\u201cUnclosed quotation ",
    "He said: the budget is gone. ",
    "Published: 2024-02-30\n",
    "Date: 12 March 2023\n",
    "last year, yesterday, this week ",
    "don\u00e2\u20ac\u2122t caf\u00c3\u00a9 ",
    "&amp; &#8217; &nbsp; &quot; &bogus; ",
    "<p>para</p><br/><a href='x'>link</a> ",
    '\\u2019 \\x92 \\n \\" ',
    "\ufffd \u200b \u00ad \u2060 \ufeff \u202e \u2066 ",
    "\U0001f469\u200d\U0001f4bb e\u0301 ",
    "Read more... [\u2026] Continue reading",
    "and then the\nsentence broke here. ",
    "   indented line\n",
    "trailing   \n",
    "\r\n",
    "\n\n\n",
    "# Heading\n",
    "- a list item\n",
    "> a quoted line\n",
    "```\ncode block\n```\n",
    "---\ntitle: Front matter\ndate: 2024-01-01\n---\n",
    "<!-- seedlint-disable QUO001 -->\n",
    "<!-- seedlint-disable-next-line BOGUS -->\n",
    "Subscribe to our newsletter\n",
    "Share this article on Facebook\n",
    "\x00\x1b[31m\x07\x85",
    "\ud800",
    "Dr. Smith arrived. Mr. O\u2019Brien left. ",
    "\u00ab Bonjour \u00bb, dit-elle. \u300c\u3053\u3093\u306b\u3061\u306f\u300d ",
]

prose = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400)
mixed_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), any_text), max_size=12).map("".join)


@ROBUST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_and_every_report_is_valid(data: bytes) -> None:
    lint_bytes(data)


@ROBUST
@given(
    st.lists(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xc3", b"\x80"]))
    .map(b"".join)
    .flatmap(lambda head: st.binary(max_size=300).map(lambda tail: head + tail))
)
def test_boms_truncated_sequences_and_nuls_decode_or_are_skipped(data: bytes) -> None:
    lint_bytes(data)


@ROBUST
@given(any_text)
def test_arbitrary_text_including_lone_surrogates_never_raises(text: str) -> None:
    lint_text(text)


@ROBUST
@given(prose)
def test_prose_made_of_damage_and_traps_keeps_every_finding_inside_the_document(text: str) -> None:
    lint_text(text, path="article.md")


@ROBUST
@given(mixed_text, st.sampled_from(["doc.txt", "we::ird,%0A\nname \u202e.md", "\x1b]8;;x\x07.txt"]))
def test_hostile_file_names_pass_through_every_reporter(text: str, path: str) -> None:
    lint_text(text, path=path)


def test_the_pipeline_reports_findings_for_a_damaged_document() -> None:
    # the invariants above would hold vacuously if nothing were ever reported
    findings, outputs = lint_text("caf\u00c3\u00a9 &amp; trailing   \n\u201cUnclosed")
    codes = {finding.code for finding in findings}
    assert {"ENC001", "ENC006", "WS002"} <= codes, codes
    assert "ENC001" in outputs["sarif"] and "WS002" in outputs["github"]
