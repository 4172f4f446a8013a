"""ENC001–ENC008: each rule fires on its defect, stays silent on the traps, and fixes right."""

from __future__ import annotations

import re

import pytest

from lint.document import DecodeInfo, Document
from lint.finding import Finding
from rules.encoding import _C0_C1, RULES, _may_have_controls, unescape

RULES_BY_CODE = {rule.code: rule for rule in RULES}


def check(code: str, text: str, path: str = "doc.txt", decode: DecodeInfo | None = None,
          **options: object) -> list[Finding]:  # fmt: skip
    rule_type = RULES_BY_CODE[code]
    rule = rule_type(rule_type.Options(**options))
    doc = Document(path, text, decode=decode or DecodeInfo())
    return list(rule.check(doc))


def spans(findings: list[Finding], text: str) -> list[str]:
    return [text[finding.offset : finding.end_offset] for finding in findings]


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


def test_every_rule_has_complete_documentation() -> None:
    for rule in RULES:
        doc = rule.documentation()
        assert doc.summary and not doc.missing_sections, rule.code


# -- ENC001 mojibake ---------------------------------------------------------------------------
def test_mojibake_reports_each_run_with_its_repair() -> None:
    text = "The owner said she didnâ€™t know the cafÃ© had closed.\n"
    found = check("ENC001", text)
    assert spans(found, text) == ["â€™", "Ã©"]
    assert "`â€™` should read `’`" in found[0].message
    assert "UTF-8 decoded as Windows-1252" in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability == "safe"
    assert apply_fix(text, found[0]).startswith("The owner said she didn’t know")


def test_mojibake_run_spanning_a_word_is_one_finding() -> None:
    text = "Un Ã©tÃ© trÃ¨s chaud.\n"
    found = check("ENC001", text)
    assert spans(found, text) == ["Ã©tÃ©", "Ã¨"]


def test_mojibake_in_cyrillic_and_long_paragraph_is_located_precisely() -> None:
    filler = "The committee discussed the harbour budget at length. " * 30
    text = filler + "Then the guest wrote Ð´Ð¾Ñ€Ð¾Ð³Ðµ in the log. " + filler
    found = check("ENC001", text)
    assert spans(found, text) == ["Ð´Ð¾Ñ€Ð¾Ð³Ðµ"]
    assert "`дороге`" in found[0].message


def test_mojibake_fix_is_unsafe_when_bytes_were_restored() -> None:
    text = "Il est allÃ voir sa tante.\n"  # the no-break space of "à" became a plain space
    found = check("ENC001", text)
    assert len(found) == 1
    assert found[0].fix is not None and found[0].fix.applicability == "unsafe"


def test_c1_quotes_read_as_latin1_are_mojibake() -> None:
    text = "He called it \x93the best\x94 plan.\n"
    found = check("ENC001", text)
    assert spans(found, text) == ["\x93", "\x94"]
    assert "Windows-1252 decoded as Latin-1" in found[0].message


@pytest.mark.parametrize(
    "clean",
    [
        "Amélie Núñez met Zoë Brontë at the Café Müller in São Paulo.",
        "Prices: €12, £9, ¥1,200; 5 ± 0.2 mm; 90° angle; © 2024 ACME™; ½ cup.",
        "Greek quotes: Η ¨ανατροφή¨ δυστυχώς.",
        "Pierre a dit « c’est l’été » — déjà ! Œuvre, cœur, sœur.",
        "Mathematics: ∑ x² ≤ √y, ∞ ≠ 0, a × b ÷ c.",
        "Bremer/Mccoy – DrÃ¥ber",  # ambiguous between codecs: ftfy leaves it, so do we
        "ÂŁ is not a word, but ÂLVARO in capitals is a name.",
    ],
)
def test_mojibake_stays_silent_on_clean_accents_and_symbols(clean: str) -> None:
    assert check("ENC001", clean + "\n") == []


# -- ENC002 replacement character ---------------------------------------------------------------
def test_replacement_characters_are_grouped_in_runs() -> None:
    text = "Gr\ufffd\ufffde aus M\ufffdnchen\n"
    found = check("ENC002", text)
    assert spans(found, text) == ["\ufffd\ufffd", "\ufffd"]
    assert found[0].message.startswith("2 replacement characters U+FFFD")
    assert all(finding.fix is None for finding in found)


def test_replacement_character_inside_mojibake_is_left_to_enc001() -> None:
    text = "He said itâ€\ufffds over.\n"
    assert check("ENC001", text) != []
    assert check("ENC002", text) == []


def test_no_replacement_character_no_finding() -> None:
    assert check("ENC002", "A clean line with a question mark?\n") == []


# -- ENC003 invalid utf-8 ----------------------------------------------------------------------
def test_invalid_utf8_reports_byte_offset_and_encoding_at_the_character() -> None:
    text = "Le café est ouvert.\n"
    info = DecodeInfo(encoding="cp1252", invalid_utf8_byte_offset=6, invalid_utf8_char_offset=6)
    found = check("ENC003", text, decode=info)
    assert len(found) == 1
    assert spans(found, text) == ["é"]
    assert "byte offset 6" in found[0].message and "cp1252" in found[0].message
    assert (found[0].location.row, found[0].location.column) == (1, 7)


def test_valid_utf8_file_has_no_enc003() -> None:
    assert check("ENC003", "Le café est ouvert.\n") == []


# -- ENC004 control characters ------------------------------------------------------------------
def test_control_characters_are_grouped_named_and_removed_safely() -> None:
    text = "Total:\x00\x00 42 and a bell\x07.\n"
    found = check("ENC004", text)
    assert spans(found, text) == ["\x00\x00", "\x07"]
    assert "U+0000 NULL ×2" in found[0].message
    assert "U+0007 BELL" in found[1].message
    assert found[0].fix is not None and found[0].fix.applicability == "safe"
    assert apply_fix(text, found[0]) == "Total: 42 and a bell\x07.\n"


def test_terminal_escape_sequence_is_one_finding() -> None:
    text = "Build \x1b[1;32mpassed\x1b[0m today.\n"
    found = check("ENC004", text)
    assert spans(found, text) == ["\x1b[1;32m", "\x1b[0m"]
    assert found[0].message.startswith("Terminal escape sequence")


def test_del_and_c1_controls_are_reported() -> None:
    text = "Rubout\x7f here and a lone\x81 there.\n"
    found = check("ENC004", text)
    assert spans(found, text) == ["\x7f", "\x81"]
    assert "U+0081 HIGH OCTET PRESET" in found[1].message


def test_c1_controls_that_are_mojibake_are_left_to_enc001() -> None:
    text = "He paused\x85 then spoke.\n"
    assert check("ENC001", text) != []
    assert check("ENC004", text) == []


def test_lone_carriage_return_inside_a_line_is_reported_but_crlf_is_not() -> None:
    text = "Loading 50%\rLoading 100%\r\nDone.\r\n"
    found = check("ENC004", text)
    assert spans(found, text) == ["\r"]
    assert found[0].fix is not None and found[0].fix.applicability == "unsafe"
    assert apply_fix(text, found[0]).startswith("Loading 50% Loading 100%")


def test_cr_only_line_endings_are_left_to_ws005() -> None:
    assert check("ENC004", "First line.\rSecond line.\rThird.\r") == []


def test_tab_newline_and_crlf_are_clean() -> None:
    assert check("ENC004", "Name:\tAda\r\nRole:\tEngineer\r\n") == []


def test_form_feed_can_be_allowed() -> None:
    text = "Page one.\n\x0c\nPage two.\n"
    assert len(check("ENC004", text)) == 1
    assert check("ENC004", text, allow_form_feed=True) == []


# -- ENC005 invisible characters ------------------------------------------------------------------
def test_zero_width_space_and_soft_hyphen_are_reported_by_name() -> None:
    text = "Read the full\u200b report on the web\u00adsite.\n"
    found = check("ENC005", text)
    assert spans(found, text) == ["\u200b", "\u00ad"]
    assert "U+200B ZERO WIDTH SPACE" in found[0].message
    assert "U+00AD SOFT HYPHEN" in found[1].message
    assert apply_fix(text, found[1]) == "Read the full\u200b report on the website.\n"


def test_word_joiner_stray_bom_and_adjacent_runs() -> None:
    text = "\ufeffStart. Middle\ufeffword and a\u2060\u2060join.\n"
    found = check("ENC005", text)
    assert spans(found, text) == ["\ufeff", "\u2060\u2060"]
    assert "U+2060 WORD JOINER ×2" in found[1].message


@pytest.mark.parametrize(
    "clean",
    [
        "Family: 👩\u200d👩\u200d👧 and 👨\u200d💻 at work, 🏳\ufe0f\u200d🌈 flag, 👍🏽\u200d🔥?",
        "Persian: می\u200cخواهم به خانه بروم.",
        "Hindi: क्\u200dष and र्\u200dय as half forms, क्\u200cष without a conjunct.",
        "Malayalam chillu: ന്\u200d.",
        "Thai: ภาษา\u200bไทย\u200bง่าย.",
        "Hebrew: שלום\u200f! and Arabic: مرحبا\u200e 2024.",
    ],
)
def test_joiners_and_marks_that_scripts_need_stay_silent(clean: str) -> None:
    assert check("ENC005", clean + "\n") == []


def test_zwj_outside_emoji_and_zwnj_in_latin_are_reported() -> None:
    text = "Plain\u200dtext and Auf\u200clage.\n"
    found = check("ENC005", text)
    assert spans(found, text) == ["\u200d", "\u200c"]


def test_bidi_marks_in_latin_text_are_reported_and_overrides_always() -> None:
    text = "\u200eTweet this.\nשלום \u202eevil\u202c\n"
    found = check("ENC005", text)
    assert spans(found, text) == ["\u200e", "\u202e"]
    assert found[0].fix is not None and found[0].fix.applicability == "safe"
    assert found[1].fix is not None and found[1].fix.applicability == "unsafe"


def test_bidi_marks_in_rtl_lines_can_be_reported_on_request() -> None:
    text = "שלום\u200f! עולם\n"
    assert check("ENC005", text) == []
    assert len(check("ENC005", text, bidi_in_rtl_text=True)) == 1


def test_invisible_characters_can_be_ignored_by_code_point() -> None:
    assert check("ENC005", "web\u00adsite\n", ignore=["U+00AD"]) == []


def test_soft_hyphen_inside_mojibake_is_left_to_enc001() -> None:
    text = "La policÃ\u00ada lo confirmó.\n"
    assert check("ENC001", text) != []
    assert check("ENC005", text) == []


# -- ENC006 html entities -------------------------------------------------------------------------
def test_named_numeric_and_hex_entities_are_reported_and_decoded() -> None:
    text = "Tom &amp; Jerry didn&#8217;t say &quot;hi&quot; in caf&eacute; &#x2014; ok.\n"
    found = check("ENC006", text)
    assert spans(found, text) == ["&amp;", "&#8217;", "&quot;hi&quot;", "&eacute;", "&#x2014;"]
    assert "`&#8217;` (reads `’`)" in found[1].message
    assert all(f.fix is not None and f.fix.applicability == "safe" for f in found)
    assert apply_fix(text, found[3]).count("café") == 1
    assert apply_fix(text, found[2]).count('say "hi" in') == 1


def test_double_escaped_and_adjacent_entities() -> None:
    text = "It&amp;#8217;s a &lt;p&gt; tag.\n"
    found = check("ENC006", text)
    assert spans(found, text) == ["&amp;#8217;", "&lt;p&gt;"]
    assert found[0].message.startswith("Double-escaped HTML entity")
    assert apply_fix(text, found[1]) == "It&amp;#8217;s a <p> tag.\n"


@pytest.mark.parametrize(
    "clean",
    [
        "AT&T and Q&A and R&D, &c.",
        "Fish & chips; Barnes&Noble; M&Ms; a &notreal; entity; &copyright notice",
        "Search with ?q=1&lang=en and &nbspx joined.",
    ],
)
def test_ampersands_that_are_not_entities_stay_silent(clean: str) -> None:
    assert check("ENC006", clean + "\n") == []


def test_entities_without_semicolon_only_for_the_common_few() -> None:
    text = "Rock &amp roll &copy 2024\n"
    assert spans(check("ENC006", text), text) == ["&amp"]


def test_entities_in_markdown_code_are_skipped() -> None:
    text = "Write `&amp;` in HTML.\n\n```\n&lt;div&gt;\n```\n\nBut caf&eacute; is residue.\n"
    found = check("ENC006", text, path="notes.md")
    assert spans(found, text) == ["&eacute;"]


def test_markdown_allows_syntax_escaping_entities() -> None:
    text = "Keep&nbsp;together and 3 &lt; 4, but &rsquo; is residue.\n"
    assert spans(check("ENC006", text, path="a.md"), text) == ["&rsquo;"]
    assert len(check("ENC006", text, path="a.txt")) == 3


def test_an_escaped_tag_is_one_finding_whatever_its_name_or_attributes() -> None:
    text = (
        "Fill in &lt;door&gt; and &lt;/section-two&gt; and &amp;lt;label&amp;gt; here.\n"
        "Link: &lt;a href=&quot;/news&quot;&gt;News\n"
    )
    found = check("ENC006", text)
    assert spans(found, text) == [
        "&lt;door&gt;",
        "&lt;/section-two&gt;",
        "&amp;lt;label&amp;gt;",
        "&lt;a href=&quot;/news&quot;&gt;",
    ]
    assert found[3].fix is not None and found[3].fix.edits[0].content == '<a href="/news">'


def test_escaped_tags_around_words_and_distant_brackets_are_separate_findings() -> None:
    text = "It said &lt;b&gt;sale&lt;/b&gt; today.\nUse &lt; for less, and later &gt; too.\n"
    found = spans(check("ENC006", text), text)
    assert found == ["&lt;b&gt;", "&lt;/b&gt;", "&lt;", "&gt;"]


# -- ENC007 markup residue ----------------------------------------------------------------------
def test_tags_are_reported_and_adjacent_tags_grouped() -> None:
    text = '<p><strong>Breaking:</strong> the council met.<br/>See <a href="/x">here</a>.</p>\n'
    found = check("ENC007", text)
    assert spans(found, text) == [
        "<p><strong>", "</strong>", "<br/>", '<a href="/x">', "</a>", "</p>",
    ]  # fmt: skip
    assert all(f.fix is not None and f.fix.applicability == "unsafe" for f in found)
    assert "`<br/>`" in found[2].message


def test_stripping_a_line_break_tag_between_words_leaves_a_space() -> None:
    text = "first<br>second\n"
    (finding,) = check("ENC007", text)
    assert apply_fix(text, finding) == "first second\n"


@pytest.mark.parametrize(
    "clean",
    [
        "I <3 you and a < b > c holds.",
        "Dear <insert name>, write to <someone@example.com> or <https://example.org>.",
        "Run the tool with <input> and <output> files.",
        "Use `<div>` in code, not prose.",
        "The <my-widget> element is custom.",
    ],
)
def test_things_that_are_not_markup_stay_silent(clean: str) -> None:
    assert check("ENC007", clean + "\n") == []


def test_placeholder_like_names_count_when_the_document_closes_them() -> None:
    text = "<title>Council meets</title> and <b>bold</b>.\n"
    assert spans(check("ENC007", text), text) == ["<title>", "</title>", "<b>", "</b>"]


def test_html_comment_is_residue_in_text_but_markdown_syntax_in_md() -> None:
    text = "Story text. <!-- ad slot 3 --> More text.\n"
    assert spans(check("ENC007", text), text) == ["<!-- ad slot 3 -->"]
    assert check("ENC007", text, path="story.md") == []


def test_markdown_allows_formatting_tags_but_not_page_residue() -> None:
    text = "Press <kbd>Ctrl</kbd>.<br>\n<details><summary>More</summary>x</details>\n"
    text += "<script>track()</script> <font color=red>sale</font>\n"
    found = check("ENC007", text, path="readme.md")
    assert spans(found, text) == ["<script>", "</script>", "<font color=red>", "</font>"]
    assert len(check("ENC007", text, path="readme.txt")) > 4


def test_cdata_and_extra_feed_tags() -> None:
    text = "<![CDATA[Story]]> then <item>one</item>\n"
    assert spans(check("ENC007", text), text) == ["<![CDATA[", "]]>"]
    found = check("ENC007", text, extra_tags=["item"])
    assert spans(found, text) == ["<![CDATA[", "]]>", "<item>", "</item>"]


def test_cdata_closer_is_reported_with_its_opener_and_its_fix_removes_it() -> None:
    text = "<![CDATA[The ferry leaves at nine.]]>\n"
    found = check("ENC007", text)
    assert spans(found, text) == ["<![CDATA[", "]]>"]
    assert "CDATA marker" in found[1].message
    assert found[1].fix is not None and found[1].fix.edits[0].content == ""


def test_stray_cdata_closer_glued_to_text_or_alone_is_residue() -> None:
    text = "Doors open at seven.]]>\nSee you there.\n]]>\n"
    assert spans(check("ENC007", text), text) == ["]]>", "]]>"]


def test_cdata_closer_discussed_in_prose_stays_silent() -> None:
    text = 'The sequence ]]> ends the section, and "]]>" must be escaped inside it.\n'
    assert check("ENC007", text) == []
    assert check("ENC007", "```\n<![CDATA[x]]>\n```\n", path="notes.md") == []


# -- ENC008 escaped sequences ----------------------------------------------------------------------
def test_literal_escapes_are_reported_grouped_and_unescaped() -> None:
    text = 'She said \\"it\\u2019s done\\"\\r\\nand left.\n'
    found = check("ENC008", text)
    assert spans(found, text) == ['\\"', "\\u2019", '\\"\\r\\n']
    assert "(reads `’`)" in found[1].message
    assert apply_fix(text, found[1]) == 'She said \\"it’s done\\"\\r\\nand left.\n'
    assert all(f.fix is not None and f.fix.applicability == "unsafe" for f in found)


def test_hex_escapes_are_read_as_utf8_bytes_then_windows_1252() -> None:
    assert unescape("\\xe2\\x80\\x99") == "’"
    assert unescape("\\x92") == "’"
    assert unescape("\\ud83d\\ude00") == "😀"
    assert unescape("\\ud83d") is None


@pytest.mark.parametrize(
    "clean",
    [
        "Save it to C:\\new\\table\\notes.txt or .\\tools\\run.exe today.",
        "Open %APPDATA%\\nvim and HKEY_LOCAL_MACHINE\\Software\\Test.",
        "The pattern [^\\n]+ and \\d+\\s matches lines.",
        "LaTeX: \\newline, \\textit{word}, \\theta and \\times.",
        "Escaped backslash \\\\n stays.",
        'Use `printf("%s\\n")` in code.',
        "A shrug ¯\\_(ツ)_/¯ is fine.",
    ],
)
def test_backslashes_that_are_not_escapes_stay_silent(clean: str) -> None:
    assert check("ENC008", clean + "\n") == []


def test_markdown_punctuation_escapes_are_syntax_but_newline_escapes_are_not() -> None:
    text = 'He wrote \\"quoted\\" words.\\nNext line.\n'
    assert spans(check("ENC008", text, path="a.md"), text) == ["\\n"]
    assert len(check("ENC008", text, path="a.txt")) == 3


def test_latex_document_commands_are_not_escapes() -> None:
    text = "\\begin{document}\nWe use \\nicefrac and \\tfrac here.\n"
    assert check("ENC008", text) == []


def test_control_precheck_agrees_with_the_control_class_on_every_code_point() -> None:
    for form_feed in (True, False):
        controls = _C0_C1 if form_feed else _C0_C1.replace("\x0c", "")
        probe = re.compile(f"[{controls}]")
        for point in range(0x11000):
            text = f"ab{chr(point)}é’"
            assert _may_have_controls(text, form_feed) == bool(probe.search(text)), hex(point)
        assert not _may_have_controls("\ud800 lone surrogate", form_feed)
