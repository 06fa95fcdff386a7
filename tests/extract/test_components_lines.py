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
