"""Clean text in many scripts gives no ENC finding at all (samples written for these tests)."""

from __future__ import annotations

import pytest

from lint.document import Document
from rules.encoding import RULES

CLEAN_SAMPLES = {
    "french": "Amélie a répondu : « Ça dépend de l’été » — et Noël arrive déjà, n’est-ce pas ?",
    "vietnamese": "Tiếng Việt có nhiều dấu: người, được, những, Hà Nội, Thành phố Hồ Chí Minh.",
    "polish": "Zażółć gęślą jaźń; Łódź i Kraków leżą w Polsce, a Wisła płynie przez Warszawę.",
    "icelandic": "Þórður og Ásdís fóru til Reykjavíkur; þau ætluðu að sjá Ölfusá í ágúst.",
    "german": "Die Straße über der Brücke heißt „Goethestraße“; Öl, Äpfel und Übermut.",
    "spanish": "¿Dónde está el niño? ¡Mañana será otro día! —dijo la señora Muñoz.",
    "greek": "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας· «Καλημέρα», είπε ο Γιώργος.",
    "cyrillic": "Москва — столица России. Київ — столиця України. Її їжа є смачною.",
    "serbian": "Ђорђе и Љиљана живе у Београду, њихова ћерка учи џудо.",
    "arabic": "ذهب الطالب إلى المدرسة صباحاً، وقال: «العلم نور».",
    "hebrew": "הילדים הלכו לבית הספר בבוקר, והמורה אמרה: ״שלום לכולם״.",
    "persian": "من می\u200cخواهم کتاب\u200cها را به کتابخانه برگردانم.",
    "chinese": "今天天气很好，我们去公园散步吧。“你好，”他说。",
    "japanese": "東京は日本の首都です。「こんにちは」と彼女は言った。カタカナも使います。",
    "korean": "서울은 한국의 수도입니다. “안녕하세요,” 그가 말했다.",
    "devanagari": "भारत एक विशाल देश है। क्\u200dष और द्\u200dव जैसे रूप भी लिखे जाते हैं।",
    "thai": "ประเทศไทยมีอาหารอร่อยมาก\u200bและผู้คนใจดี",
    "emoji": (
        "Family 👨\u200d👩\u200d👧\u200d👦, coder 👩🏽\u200d💻, flags 🇯🇵 🇧🇷 🏴\U000e0067\U000e0062"
        "\U000e0073\U000e0063\U000e0074\U000e007f, rainbow 🏳\ufe0f\u200d🌈, keycap 1\ufe0f\u20e3, "
        "skin tones 👋🏻👋🏿, heart ❤\ufe0f\u200d🔥."
    ),
    "math": "∀x ∈ ℝ: x² ≥ 0; ∑ᵢ aᵢ ≤ √n · ‖a‖; α ≠ β; 3 × 4 ÷ 2 = 6; ½ + ¼ = ¾; ±5 %.",
    "currency": "Prices: €12.50, £8, ¥1 200, ₹450, ₩3 000, ₽99, $4.99, ¢50, ₿0.01.",
    "typography": "“Quoted,” she said — ‘nested’ too… and 2–3 items; «guillemets» ‹single›.",
    "legal": "See § 12 ¶ 3 of the Act © 2024 Ducks Ltd.® All rights reserved™.",
}


@pytest.mark.parametrize("name", sorted(CLEAN_SAMPLES))
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_clean_sample_gives_no_encoding_finding(name: str, suffix: str) -> None:
    text = CLEAN_SAMPLES[name] + "\n"
    doc = Document(f"{name}{suffix}", text)
    findings = [finding for rule in RULES for finding in rule().check(doc)]
    assert findings == [], [f"{f.code} {f.message}" for f in findings]


def test_all_samples_together_give_no_encoding_finding() -> None:
    text = "\n\n".join(CLEAN_SAMPLES.values()) + "\n"
    doc = Document("all.txt", text)
    assert [finding for rule in RULES for finding in rule().check(doc)] == []
