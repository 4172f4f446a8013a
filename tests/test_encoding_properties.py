"""Property tests: ENC rules never crash, stay inside the document, and are deterministic."""

from __future__ import annotations

from ftfy.badness import BADNESS_RE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.analysis.encoding import MOJIBAKE_CATEGORIES, suspect_spans
from lint.document import Document
from rules.encoding import RULES

# Arbitrary text without surrogates, weighted towards the characters the rules look at.
INTERESTING = (
    "\x00\x07\x1b\x7f\x85\x93\r\n\t\ufffd\u00ad\u200b\u200c\u200d\u200e\u202e\ufeff"
    "&;#<>/\\\"'unxtr0123aAé€™’“”ÃÂâ©®Ð°ßшΑ👩🏽🇫ำक्م "
)
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)), st.sampled_from(list(INTERESTING))
    ),
    max_size=120,
)
TEMPLATES = st.lists(
    st.sampled_from(
        ["&amp;", "&#8217;", "<p>", "</div>", "<a href='x'>", "`code`", "\n```\n", "\\n", "\\u2019",
         "\\x92", "C:\\new", "donâ€™t", "cafÃ©", "Ã ", "\r", "\r\n", "👩\u200d👩\u200d👧", " "]
    ) | TEXT,
    max_size=12,
).map("".join)  # fmt: skip


def run_all(text: str, path: str) -> list[tuple]:
    doc = Document(path, text)
    results = []
    for rule_type in RULES:
        for finding in rule_type().check(doc):
            assert 0 <= finding.offset <= finding.end_offset <= len(text), finding
            if finding.fix is not None:
                for edit in finding.fix.edits:
                    assert finding.offset <= edit.start <= edit.end <= finding.end_offset, finding
            results.append((finding.code, finding.offset, finding.end_offset, finding.message))
    return results


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEMPLATES, markdown=st.booleans())
def test_any_text_never_crashes_and_findings_lie_inside(text: str, markdown: bool) -> None:
    path = "doc.md" if markdown else "doc.txt"
    assert run_all(text, path) == run_all(text, path)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    run_all(text, "doc.txt")


MOJIBAKE_ALPHABET = sorted(
    {char for chars in MOJIBAKE_CATEGORIES.values() for char in chars if char != "-"}
    | set("abzAZ .,?!\xa0ÂÃÎÐØÙàâ√≈‚вГРСВўЂβΒΓΞΟā€œŠš¢£Ÿž®©°·»–—´×²³")
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(MOJIBAKE_ALPHABET), max_size=10))
def test_precheck_finds_every_place_ftfy_detector_fires(text: str) -> None:
    text = text.replace("\n", " ")
    if BADNESS_RE.search(text):
        assert suspect_spans(text) != []
