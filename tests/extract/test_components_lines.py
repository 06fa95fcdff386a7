"""A line break ends a sentence (tolls.extract.components, the sentence hints): a headline or a
subtitle, with no final stop, is not read as one sentence with the lead below it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from tolls.model import Extraction

Extract = Callable[..., Extraction]

STORY = (
    "Rebels shell northern villages after an air strike kills 10\n"
    "Three soldiers hurt in a drone attack\n"
    "The air force bombed a rebel depot in Karak on Saturday, the army said. "
    "Residents said the blasts lasted an hour. Schools were closed. Traders said markets stayed shut."
)


@pytest.mark.slow
def test_a_line_break_ends_a_headline(nlp: Language) -> None:
    doc = nlp(
        "Militants fire rockets at border towns\n"
        "Two guards hurt in a drone attack\nThe air force bombed a depot."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "Militants fire rockets at border towns",
        "Two guards hurt in a drone attack",
        "The air force bombed a depot.",
    ]


@pytest.mark.slow
def test_a_line_broken_inside_a_sentence_is_one_sentence(nlp: Language) -> None:
    doc = nlp("Officials said the shelling of the market\nkilled four people on Monday.")
    assert len(list(doc.sents)) == 1
    # a line ending in a word that opens a phrase is wrapped, whatever the case of the next line
    doc = nlp("The relief agency said in a note issued late on\nTuesday that nine people had died.")
    assert len(list(doc.sents)) == 1
    # "ago" closes its phrase: a byline's time ends its line
    doc = nlp("Posted by the desk two hours ago\nAt least six people died in the flood.")
    assert len(list(doc.sents)) == 2


@pytest.mark.slow
def test_a_subtitle_does_not_join_the_lead_s_incident(extract: Extract) -> None:
    x = extract(STORY)
    # no event's trigger runs from the subtitle's attack into the lead's bombing
    assert all(e.span is not None for e in x.events)
    assert not any("\n" in STORY[e.span[0] : e.span[1]] for e in x.events if e.span)


WRAPPED = (
    "Police post near Port Dunmore raided\n"
    "Rebel fighters raided a police post near the river town of Port\n"
    "Dunmore on Tuesday night and held it for several hours before\n"
    "troops came, a provincial spokesman told reporters at a\n"
    "briefing, adding that the attackers had fled into the hills\n"
    "with weapons and vehicles stolen from the post. A patrol fired\n"
    "on the column in the hills later that night, killing\n"
    "11 fighters, the provincial spokesman said."
)


@pytest.mark.slow
def test_a_wrap_before_a_number_keeps_the_sentence(nlp: Language) -> None:
    doc = nlp("A patrol was hit near the old bridge on Monday, killing\n6 guards, the police said.")
    assert len(list(doc.sents)) == 1


@pytest.mark.slow
def test_a_wrap_after_a_preposition_keeps_the_sentence(nlp: Language) -> None:
    doc = nlp("Nine guards were hurt in a raid on a depot, according to\nLanark police on Friday.")
    assert len(list(doc.sents)) == 1


@pytest.mark.slow
def test_a_wrap_before_the_counted_noun_keeps_the_sentence(nlp: Language) -> None:
    doc = nlp("Shelling of the border villages killed at least 14\nFarmers, the mayor said.")
    assert len(list(doc.sents)) == 1


@pytest.mark.slow
def test_a_full_line_of_a_wrapped_text_goes_on(nlp: Language) -> None:
    texts = [s.text for s in nlp(WRAPPED).sents]
    # "... of Port" is full (the next word would not fit): a wrap inside the name
    assert not any(t.startswith("Dunmore") for t in texts)
    # the short first line of the wrapped text is still a headline
    assert texts[0].strip() == "Police post near Port Dunmore raided"


@pytest.mark.slow
def test_a_wrapped_text_keeps_its_figure(extract: Extract) -> None:
    x = extract(WRAPPED.replace("\n", "\r\n"))
    assert [(c.kind, c.figure.value) for c in x.claims] == [("killed", 11)]


@pytest.mark.slow
def test_a_list_item_after_a_break_is_a_sentence(nlp: Language) -> None:
    doc = nlp("Losses reported by the army\n- 8 soldiers killed in Tarn\n- 3 trucks burned")
    assert len(list(doc.sents)) == 3


@pytest.mark.slow
def test_short_lines_that_close_their_own_item_are_no_wrapped_text(extract: Extract) -> None:
    # lines of like length, each a whole "Label: value" item or a headline: no line ends mid-phrase,
    # so the width does not glue them (one kind per line)
    x = extract("Dead: 30 villagers\nHurt: 140 people\nMissing: 12 herders\nFled: 2,500 families")
    kinds = {"killed": 30, "injured": 140, "missing": 12, "displaced": 2500}
    assert sorted((c.kind, c.figure.value) for c in x.claims) == sorted(kinds.items())
    x = extract("Tarn: 14 guards killed\nVelm: 6 drivers killed\nOsk: 5 farmers killed\nLund: 3 nurses hurt")
    assert sorted(c.figure.value for c in x.claims) == [3, 5, 6, 14]
    x = extract(
        "Rocket attack kills 5 in Tarn\nShelling kills 7 in Velm\nMortar hits Osk, 4 dead\n"
        "Bomb in Lund injures 8 people"
    )
    assert sorted(c.figure.value for c in x.claims) == [4, 5, 7, 8]
