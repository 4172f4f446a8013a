"""The shared quotation analysis: pairing, apostrophes, kinds and attribution."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.quotes import (
    AttributionKind,
    QuoteKind,
    QuoteLexicon,
    SpeakerKind,
    analyse_quotes,
    quote_analysis,
)
from lint.document import Document


def analyse(text: str, path: str = "doc.txt"):
    doc = Document(path, text)
    return doc, doc.quotes


def spoken(text: str, path: str = "doc.txt") -> list[tuple[str, str | None, str | None]]:
    """(quoted words, attribution kind, speaker) of each top-level quotation."""
    _, analysis = analyse(text, path)
    result = []
    for quotation in analysis.quotations:
        if quotation.depth:
            continue
        start, end = quotation.content
        attribution = quotation.attribution
        result.append(
            (
                text[start:end],
                attribution.kind.value if attribution else None,
                analysis.speaker_text(text, quotation),
            )
        )
    return result


# -- pairing and apostrophes -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Don’t tell O’Brien about the ’90s.",
        "The students’ union and the regulars’ stools.",
        "We played rock ’n’ roll till late. ’Tis the season.",
        "He is 5′ 9″ tall, or 5'9\" in straight marks.",
        "Don't tell O'Brien about the '90s, the students' union said nothing.",
        "We played rock 'n' roll. 'Cause it's late.",
        'Cut two legs 16" long and three 1¼" screws.',
    ],
)
def test_apostrophes_and_primes_are_not_quotation_marks(text: str) -> None:
    _, analysis = analyse(text)
    assert analysis.quotations == ()
    assert analysis.unmatched == ()


def test_curly_double_quotation_is_paired_with_its_offsets() -> None:
    text = "“We will win,” she said."
    _, analysis = analyse(text)
    (quotation,) = analysis.quotations
    assert (quotation.start, quotation.close, quotation.end) == (0, 13, 14)
    assert quotation.paragraphs == (0,)


def test_british_single_quotes_nest_double_quotes() -> None:
    text = "‘When a pupil says “I can’t”, I worry,’ said Dr. Amelia Hart."
    _, analysis = analyse(text)
    outer, inner = analysis.quotations
    assert outer.depth == 0 and inner.depth == 1 and inner.parent == outer.index
    assert outer.start < inner.start < inner.end <= outer.end
    assert analysis.unmatched == ()


def test_possessive_inside_single_quotation_is_an_apostrophe() -> None:
    text = "‘The pupils’ results have gone up every term,’ she added."
    _, analysis = analyse(text)
    (quotation,) = analysis.quotations
    assert text[quotation.close] == "’" and text[quotation.close - 1] == ","


@pytest.mark.parametrize(
    "text",
    [
        "« Nous ne reprendrons pas le travail », a déclaré Hélène Marchand.",
        "«This is a vote for fifty years», said Beat Kälin.",
        "„Wir holen nach, was versäumt wurde“, sagte Petra Vogel.",
        "Der Verband warnte: »Ohne Parkplätze kommen weniger Kunden.«",
        "Opponents called it a ‹gold-plated hole›.",
    ],
)
def test_guillemets_and_low_high_quotes_pair(text: str) -> None:
    _, analysis = analyse(text)
    assert len(analysis.quotations) == 1
    assert analysis.unmatched == ()
    (quotation,) = analysis.quotations
    if quotation.kind is QuoteKind.SCARE:
        assert quotation.attribution is None  # a scare quote needs no speaker: none is sought
    else:
        assert quotation.attribution is not None


def test_multi_paragraph_quotation_is_one_quotation() -> None:
    text = (
        "“It started with the flood,” Ridley said. “We lost the lower fields.\n\n"
        "“Then the spring was dry.\n\n"
        "“And now fertiliser has doubled.”\n"
    )
    _, analysis = analyse(text)
    assert analysis.unmatched == ()
    last = analysis.quotations[-1]
    assert last.paragraphs == (0, 1, 2) and len(last.opens) == 3
    assert last.attribution is not None
    assert last.attribution.kind is AttributionKind.INTERRUPTING


def test_quotation_broken_by_hard_line_breaks_pairs() -> None:
    text = (
        "“We will not sail with one engine, and we\n"
        "would ask passengers to wait,” said Declan Fahy.\n"
    )
    assert spoken(text) == [
        ("We will not sail with one engine, and we\nwould ask passengers to wait,", "after",
         "Declan Fahy"),
    ]  # fmt: skip


def test_unclosed_and_unopened_marks_are_reported_at_the_mark() -> None:
    text = "“We will reopen in May, the manager said.\n\nCrews restored power by 8am.” Engineers\n"
    _, analysis = analyse(text)
    assert [(m.offset, m.problem) for m in analysis.unmatched] == [
        (0, "unclosed"),
        (text.index("”"), "unopened"),
    ]


def test_unclosed_last_paragraph_of_multi_paragraph_quote_is_reported_there() -> None:
    text = "“We had nine players.\n\n“By the third year we had a pitch, Delgado said.\n"
    _, analysis = analyse(text)
    (mark,) = analysis.unmatched
    assert mark.offset == text.index("“By")


def test_paragraph_ending_with_attribution_does_not_continue_into_next_quote() -> None:
    text = "“The green is common land, she told the meeting.\n\n“It is ours,” said Ann.\n"
    _, analysis = analyse(text)
    assert [m.offset for m in analysis.unmatched] == [0]


def test_quotation_broken_by_a_blank_line_mid_sentence_pairs() -> None:
    text = "“We will rebuild the bridge and\n\nthe road,” the mayor said.\n"
    _, analysis = analyse(text)
    assert analysis.unmatched == () and len(analysis.quotations) == 1


def test_markdown_code_is_skipped() -> None:
    text = 'Use `split(\'"\')` here.\n\n```\nprint("unclosed)\n```\n\n    echo "x\n'
    _, analysis = analyse(text, "notes.md")
    assert analysis.quotations == () and analysis.unmatched == ()


def test_block_quotes_are_quotations_by_format_and_unchecked() -> None:
    text = "Readers wrote in.\n\n> “My manager said: ‘Try it.’ That was years ago.”\n"
    _, analysis = analyse(text, "post.md")
    assert len(analysis.block_quotes) == 1
    assert all(q.in_block_quote and not q.needs_attribution for q in analysis.quotations)


def test_document_without_quote_characters_is_empty() -> None:
    _, analysis = analyse("Plain text with nothing quoted at all.\n")
    assert analysis.quotations == () and analysis.unmatched == ()


# -- kinds ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The council called the plan “reckless” and voted.", QuoteKind.SCARE),
        ("She watched the film “Past Lives” twice.", QuoteKind.TITLE),
        ("Her book “Twenty Years of Northlight” is out.", QuoteKind.TITLE),
        ("Crossing the so-called “blue line” is banned.", QuoteKind.TERM),
        ("The word “literally” appeared eleven times.", QuoteKind.TERM),
        ("“Reckless” is the word she used.", QuoteKind.SCARE),
        ("“We are broke and the roads are falling apart.”", QuoteKind.SPEECH),
    ],
)
def test_quotation_kinds(text: str, kind: QuoteKind) -> None:
    _, analysis = analyse(text)
    assert analysis.quotations[0].kind is kind


# -- attribution ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "speaker"),
    [
        ("Ana Ruiz said: “We will not back down.”", "before", "Ana Ruiz"),
        ("Dr. Ana Ruiz said, “We will not back down.”", "before", "Dr. Ana Ruiz"),
        ("According to the report, “the river is low.”", "before", "the report"),
        ("“We will not back down,” Zoë Ñúñez said.", "after", "Zoë Ñúñez"),
        ("“We will not back down,” said Siobhán O’Neill.", "after", "Siobhán O’Neill"),
        ("“We lost,” said Ana Ruiz, the mayor.", "after", "Ana Ruiz"),
        ("“We lost,” Ana Ruiz, the mayor, said.", "after", "Ana Ruiz"),
        ("“We lost,” she told reporters.", "after", "she"),
        ("“We lost,” a spokeswoman for the ministry said.", "after",
         "a spokeswoman for the ministry"),
        ("“The deal is dead,” the statement said.", "after", "the statement"),
        ("“Be kind to each other.” — Marta Kowalczyk", "dash", "Marta Kowalczyk"),
        ("The mayor was blunt: “Find the money.”", "colon", "The mayor"),
        ("Ruiz said the bill would fail. “We do not have the votes.”", "previous-sentence",
         "Ruiz"),
        ("“Don't knead it,” she used to tell me.", "after", "she"),
    ],
)  # fmt: skip
def test_attribution_positions_and_speakers(text: str, kind: str, speaker: str) -> None:
    (result,) = spoken(text)
    assert result[1:] == (kind, speaker)


def test_interrupting_and_continuation_quotes_carry_the_speaker() -> None:
    text = "“We thought that was it,” said Nadia Karimi. “But the town would not let it go.”"
    result = spoken(text)
    assert result[1] == ("But the town would not let it go.", "interrupting", "Nadia Karimi")
    text = "“A,” said Nadia Karimi. She pointed to the seats. “There are 412 of them.”"
    assert spoken(text)[1][1:] == ("carried", "Nadia Karimi")


def test_previous_paragraph_ending_with_a_colon_attributes() -> None:
    text = "Margaret Lowe wrote to the rail company:\n\n‘We courted on that platform.’\n"
    assert spoken(text)[0][1:] == ("colon", "Margaret Lowe")


def test_dialogue_reply_after_a_quotation_paragraph_is_attributed() -> None:
    text = (
        "“Sure as I can be,” Callum said. “They ran it last winter.”\n\n"
        "“That’s not what I asked.”\n"
    )
    assert spoken(text)[-1][1] == "dialogue"


def test_free_standing_quotation_has_no_attribution() -> None:
    text = "Parents were less convinced.\n\n“This is the end for the branch.”\n"
    assert spoken(text) == [("This is the end for the branch.", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "“The numbers do not add up,” a source familiar with the matter said.",
        "“Nobody is smiling,” one of them said.",
        "“It has lost its soul,” a long-time volunteer told the paper.",
        "“We are short of nurses,” said a nurse who spoke on condition of anonymity.",
        "An aide, who asked not to be named, said: “The minister is aware.”",
        "“Took me 50 minutes to get to work,” one post read.",
        "“Who signed off on that?” another comment asked.",
        "“This was a land grab,” critics said.",
    ],
)
def test_anonymous_sources(text: str) -> None:
    _, analysis = analyse(text)
    attribution = analysis.quotations[0].attribution
    assert attribution is not None and attribution.anonymous


@pytest.mark.parametrize(
    "text",
    [
        "“We lost,” a spokeswoman for the ministry said.",
        "“We lost,” said Grace Mbeki, the chief operating officer.",
        "“We lost,” the report said.",
    ],
)
def test_named_roles_and_documents_are_not_anonymous(text: str) -> None:
    _, analysis = analyse(text)
    attribution = analysis.quotations[0].attribution
    assert attribution is not None and not attribution.anonymous


def test_speaker_kinds() -> None:
    _, analysis = analyse("“A,” she said. “B,” said Ana Ruiz. “C,” the mayor said.")
    kinds = [q.attribution.speaker_kind for q in analysis.quotations if q.attribution]
    assert kinds == [SpeakerKind.PRONOUN, SpeakerKind.NAME, SpeakerKind.NOUN_PHRASE]


def test_extra_speech_verbs_extend_the_lexicon_and_are_memoised() -> None:
    text = "“The tide is turning,” Ruiz opined."
    doc = Document("doc.txt", text)
    assert doc.quotes.quotations[0].attribution is None
    lexicon = QuoteLexicon.extended(("opine",))
    assert QuoteLexicon.extended(("opine",)) is lexicon
    first = quote_analysis(doc, lexicon)
    assert first.quotations[0].attribution is not None
    assert quote_analysis(doc, lexicon) is first
    assert quote_analysis(doc) is doc.quotes


# -- unmarked speech -------------------------------------------------------------------------
def test_unmarked_speech_after_said_colon() -> None:
    text = "At the meeting the head said:\nWe cannot keep the gates open.\n"
    _, analysis = analyse(text)
    (speech,) = analysis.unmarked_speech
    assert text[speech.words[0] : speech.words[1]] == "We cannot keep the gates open."
    assert text[speech.speaker[0] : speech.speaker[1]] == "the head"


@pytest.mark.parametrize(
    "text",
    [
        "She said:\n“Housing first.”\n",
        "He said:\n\n“Not a penny more.”\n",
        "She said:\n- the plan has no costings;\n- the bus pledge is old.\n",
        "Price said,\nin a message on Sunday, that the rest would come later.\n",
        "What the scouts said:\n\nFundraising Highlights\n\nThe bake sale did well.\n",
        "Amira Haddad wrote:\n\n> The Fridays off gave me my weekends back.\n",
        "“We lost,” she said,\nAnd then she left.\n",
    ],
)
def test_marked_lists_headings_and_block_quotes_are_not_unmarked_speech(text: str) -> None:
    _, analysis = analyse(text, "doc.md")
    assert analysis.unmarked_speech == ()


# -- properties ----------------------------------------------------------------------------------
_ALPHABET = st.sampled_from(
    [
        *"ab Z.,:;!?\n\n'\"“”‘’„«»‹›′″-—>`#",
        *["said", " she said", "Ruiz", " don’t ", "\n\n", "5'9\"", "```\n", " the mayor "],
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_any_text_gives_spans_inside_the_text_that_nest_properly(text: str) -> None:
    doc = Document("doc.md", text)
    analysis = analyse_quotes(doc)
    quotations = analysis.quotations
    for quotation in quotations:
        assert 0 <= quotation.start < quotation.end <= len(text)
        assert all(quotation.start <= mark < quotation.close for mark in quotation.opens)
        if quotation.parent is not None:
            parent = quotations[quotation.parent]
            assert parent.start < quotation.start and quotation.end <= parent.end
        attribution = quotation.attribution
        if attribution is not None:
            for span in (attribution.speaker, attribution.cue):
                assert span is None or 0 <= span[0] <= span[1] <= len(text)
    for first in quotations:
        for second in quotations:
            if first.start < second.start < first.end:
                assert second.end <= first.end  # nested, never crossing
    for mark in analysis.unmatched:
        assert 0 <= mark.offset < len(text) and text[mark.offset] == mark.mark
    for speech in analysis.unmarked_speech:
        assert 0 <= speech.words[0] < speech.words[1] <= len(text)


# -- sources after the quotation, multi-paragraph pairing, nicknames and pseudonyms -------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“The talks are over,” people close to the chancellor said.",
            "people close to the chancellor",
        ),
        ("“It is off,” aides to Mayor Solberg said.", "aides to Mayor Solberg"),
        ("“It is over,” those close to the talks said.", "those close to the talks"),
    ],
)
def test_anonymous_source_with_a_link_word_after_the_quotation_is_found(
    text: str, speaker: str
) -> None:
    doc, analysis = analyse(text + "\n")
    (quotation,) = analysis.quotations
    assert analysis.speaker_text(doc.text, quotation) == speaker
    assert quotation.attribution is not None and quotation.attribution.anonymous


def test_spokeswoman_for_an_organisation_is_not_anonymous() -> None:
    _, analysis = analyse("“We will be back,” a spokeswoman for the harbour board said.\n")
    (quotation,) = analysis.quotations
    assert quotation.attribution is not None and not quotation.attribution.anonymous


@pytest.mark.parametrize(
    "first_paragraph",
    [
        "“We wrote to them twice, and nobody tells us anything.",
        "“We asked for a review, and they said no.",
        "“What can we do? I say we keep asking.",
    ],
)
def test_unattributed_multi_paragraph_quotation_with_a_speech_verb_inside_is_one_quotation(
    first_paragraph: str,
) -> None:
    text = f"The bus stops in June.\n\n{first_paragraph}\n\n“Now they say it was for us.”\n"
    _, analysis = analyse(text)
    assert analysis.unmatched == ()
    (quotation,) = analysis.quotations
    assert len(quotation.opens) == 2 and quotation.attribution is None


@pytest.mark.parametrize(
    "first_paragraph",
    [
        "“We will reopen the pool in May, the manager said.",
        "“We will reopen the pool in May, the manager said at a meeting in January.",
        "“Bring a towel, said Ana Ruiz, the coach.",
        "“Will it reopen? the swimmers asked.",
    ],
)
def test_paragraph_ending_with_an_attribution_clause_leaves_its_quotation_unclosed(
    first_paragraph: str,
) -> None:
    text = f"{first_paragraph}\n\n“Bring a towel,” she added.\n"
    _, analysis = analyse(text)
    assert [(m.offset, m.problem) for m in analysis.unmatched] == [(0, "unclosed")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Maria “Mimi” Costa said: “I walk it every night.”", "Maria “Mimi” Costa"),
        ("“I walk it every night,” Maria “Mimi” Costa said.", "Maria “Mimi” Costa"),
        ("“The tide was kind,” said Tomasz “Tom” Wilk, who runs the races.", "Tomasz “Tom” Wilk"),
        ("‘We lost two boats,’ Eddie ‘the Hawk’ Brennan said.", "Eddie ‘the Hawk’ Brennan"),
    ],
)
def test_quoted_nickname_inside_a_name_is_part_of_a_named_speaker(text: str, speaker: str) -> None:
    doc, analysis = analyse(text + "\n")
    speech = [q for q in analysis.quotations if q.kind is QuoteKind.SPEECH]
    (quotation,) = speech
    assert analysis.speaker_text(doc.text, quotation) == speaker
    assert quotation.attribution is not None
    assert quotation.attribution.speaker_kind is SpeakerKind.NAME
    assert not quotation.attribution.anonymous


@pytest.mark.parametrize(
    "text",
    [
        "A commenter who signed only as “Harbour Mum” wrote: “The steps are lethal at night.”",
        "A reader calling herself “Lamplighter” added: “Two of us fell there in November.”",
        "A woman who gave her name only as “Gus” said: “Nobody came to look at it.”",
        "“Harbour Mum” wrote: “The steps are lethal at night.”",
    ],
)
def test_speaker_known_only_by_a_quoted_pseudonym_is_anonymous(text: str) -> None:
    _, analysis = analyse(text + "\n")
    kinds = [q.kind for q in analysis.quotations]
    assert kinds == [QuoteKind.TERM, QuoteKind.SPEECH]
    attribution = analysis.quotations[1].attribution
    assert attribution is not None and attribution.anonymous


def test_unclosed_mark_reports_the_character_at_its_offset() -> None:
    text = "„Wir kommen.\n\n»Und dann?\n"
    _, analysis = analyse(text)
    assert [(m.offset, m.mark) for m in analysis.unmatched] == [(text.index("»"), "»")]


# -- open_at_end (for TRN001) -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Die Ministerin sagte: „Wir holen nach, was versäumt wurde.“",
        "Der Verband warnte: »Ohne Parkplätze kommen weniger Kunden.«",
        "She said the pupils’ results were ‘the best in years’.",
        "“We are done,” she said.\n\n“Then we start again.”",
        'A 12" pipe and the O’Briens’ hedge.',
    ],
)
def test_open_at_end_is_none_when_every_quotation_closes(text: str) -> None:
    _, analysis = analyse(text + "\n")
    assert analysis.open_at_end(len(text)) is None


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("Die Ministerin sagte: „Wir holen nach, was", "„"),
        ("The chair wrote: “We will reopen the hall when the", "“"),
        ("“It was quiet,” he said.\n\n“Then the doors opened and", "“"),
    ],
)
def test_open_at_end_finds_the_mark_left_open_in_the_last_paragraph(text: str, mark: str) -> None:
    _, analysis = analyse(text + "\n")
    found = analysis.open_at_end(len(text))
    assert found is not None and found.mark == mark and text[found.offset] == mark


def test_open_at_end_ignores_a_quotation_left_open_in_an_earlier_paragraph() -> None:
    text = "“We will reopen in May, the manager said.\n\nThe hall opened in June."
    _, analysis = analyse(text + "\n")
    assert analysis.unmatched and analysis.open_at_end(len(text)) is None


def _marks_by_definition(text: str) -> list[tuple[int, str]]:
    def word(char: str) -> bool:
        return char.isalnum() or char == "_"

    return [
        (offset, char)
        for offset, char in enumerate(text)
        if char in "\"'“”„«»‹›「」『』‚‘’"
        and not (
            char in "'’"
            and 0 < offset < len(text) - 1
            and word(text[offset - 1])
            and word(text[offset + 1])
        )
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a_1é ’'\"“”‘«».\n")), max_size=40))
def test_marks_are_every_mark_but_apostrophes_inside_words(text):
    from lint.analysis.quote_marks import find_marks

    assert find_marks(text) == _marks_by_definition(text)
