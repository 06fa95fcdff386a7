"""Event segmentation across sentences (docs/extraction.md, "Events"): a sentence that opens by
moving the story to another time ("Hours earlier, on Sunday, ...") and gives its incident a date
or a place of its own tells another incident; violence told as the answer to an incident ("In
response, the army launched retaliatory strikes") is that fight told on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from tolls.extract.events import _answers, _Draft, _time_shifted
from tolls.model import DateSpan, Extraction

Extract = Callable[..., Extraction]

SUNDAY = DateSpan(date(2025, 10, 19), date(2025, 10, 19), "day")
TAIL = " Residents said the firing lasted hours. Schools were closed. Traders said markets stayed shut. " + (
    "Officials gave no further details. The army said it would respond."
)
CLASH = "Battles/Armed clash"
STRIKE = "Explosions/Remote violence/Air/drone strike"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "shifted"),
    [
        ("Hours earlier, on Sunday, gunmen set fire to a house in the village.", True),
        ("Earlier that night, the rebels had fired four rockets at the town.", True),
        ("Two days later, gunmen attacked a bus near the market.", True),
        ("Later in the day, explosions shook the northern suburbs.", True),
        # a moment later: the same attack told on
        ("Moments later, a buried bomb went off beside the patrol.", False),
        # the statement moved in time, not the violence it speaks of
        ("Earlier, a police spokesman confirmed reports of an air strike.", False),
        # not fronted: no shift of the story
        ("Gunmen attacked a bus later in the day.", False),
        ("Gunmen attacked a bus near the market.", False),
    ],
)
def test_a_fronted_time_shift_is_read_on_the_parse(nlp: Language, sentence: str, shifted: bool) -> None:
    doc = nlp(sentence)
    assert _time_shifted(doc, 0, len(sentence)) is shifted, sentence


@pytest.mark.slow
def test_a_time_shift_with_a_date_of_its_own_sets_an_incident_apart(extract: Extract) -> None:
    first = "A drone strike killed 6 people in the district, officials said. "
    x = extract(first + "Hours earlier, on Sunday, a drone strike killed 3 guards, police said." + TAIL)
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[6] != refs[3]
    # without a date or a place of its own, the shift recalls a step of the incident told
    x = extract(first + "Hours earlier, a drone strike killed 3 guards, police said." + TAIL)
    assert len({c.event_ref for c in x.claims}) == 1
    # a moment later: the same incident
    x = extract(first + "Moments later, on Sunday, a drone strike killed 3 guards, police said." + TAIL)
    assert len({c.event_ref for c in x.claims}) == 1


def _draft(etype: str, sent: int, dates: DateSpan | None = None, start: int = 0, end: int = 1) -> _Draft:
    return _Draft(etype, start, end, sent, sent, dates=dates, sents={sent})


def test_an_answer_adding_nothing_is_the_fight_told_on() -> None:
    text = "In response, the army launched retaliatory strikes."
    trig = text.index("strikes")
    clash = _draft(CLASH, 2, SUNDAY)
    answer = _draft(STRIKE, 3, start=trig, end=trig + 7)
    assert _answers(clash, answer, text, 0, 3)
    assert not _answers(clash, answer, text, 0, 5)  # two sentences on: no longer its answer
    plain = "Later, the army launched air strikes."
    trig = plain.index("strikes")
    assert not _answers(clash, _draft(STRIKE, 3, start=trig, end=trig + 7), plain, 0, 3)  # no answer told
    monday = DateSpan(date(2025, 10, 20), date(2025, 10, 20), "day")
    assert not _answers(clash, _draft(STRIKE, 3, monday, trig, trig + 7), text, 0, 3)  # a date of its own
    talks = _draft("Negotiation", 3, start=trig, end=trig + 7)
    assert not _answers(clash, talks, text, 0, 3)  # not violence


@pytest.mark.slow
def test_retaliatory_strikes_told_after_a_clash_are_that_fight(extract: Extract) -> None:
    first = "Troops and rebels clashed in the hills on Sunday, killing 12. "
    for answer in (
        "In response, army drones struck rebel positions, killing 40 fighters.",
        "The army then carried out retaliatory air strikes, killing 40 fighters.",
    ):
        x = extract(first + answer + TAIL)
        assert [e.type for e in x.events] == [CLASH], answer
        assert {c.event_ref for c in x.claims} == {0}, answer
    # told on a day of its own, the answer is an incident apart
    later = "In response, army drones struck rebel positions on Monday, killing 40 fighters."
    x = extract(first + later + TAIL)
    assert len(x.events) == 2
