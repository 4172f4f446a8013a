"""Terminal safety: the fast escaping check agrees with the per-character rule everywhere."""

from __future__ import annotations

from lint.reporters.visible import needs_escaping, visible, visible_char


def test_fast_check_agrees_with_visible_char_on_every_code_point():
    disagreeing = [
        code
        for code in range(0x110000)
        if (visible_char(chr(code)) != chr(code)) != needs_escaping(chr(code))
    ]
    assert disagreeing == []


def test_escape_and_bidi_controls_are_shown_not_interpreted():
    shown = visible("red \x1b[31mtext\u202e reversed\u200b")
    assert "\x1b" not in shown and "\u202e" not in shown and "\u200b" not in shown
    assert "\\x1b" in shown and "\\u202e" in shown
