"""Event segmentation across sentences (docs/extraction.md, "Events"): a sentence that opens by
moving the story to another time ("Hours earlier, on Sunday, ...") and gives its incident a date
or a place of its own tells another incident; violence told as the answer to an incident ("In
response, the army launched retaliatory strikes") is that fight told on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from tolls.extract.events import _added, _answer_cue, _answers, _Draft, _new_date, _time_shifted
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


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        # an adverb of immediacy on the shift, like a moment's measure: the same attack told on
        "Immediately afterwards, on Monday, a second bomb went off beside the van.",
        "Soon afterwards, on Monday, a second bomb went off beside the van.",
        "Shortly afterwards, gunmen fired on the crowd.",
    ],
)
def test_an_adverb_of_immediacy_keeps_the_story_in_its_incident(nlp: Language, sentence: str) -> None:
    assert not _time_shifted(nlp(sentence), 0, len(sentence)), sentence


@pytest.mark.slow
def test_a_word_measuring_the_hours_is_no_immediacy(nlp: Language) -> None:
    sentence = "Just hours earlier, on Sunday, gunmen set fire to a house in the village."
    assert _time_shifted(nlp(sentence), 0, len(sentence))


@pytest.mark.slow
def test_a_second_bomb_immediately_afterwards_is_the_same_attack(extract: Extract) -> None:
    first = "A bomb went off beside an army truck in the market, killing 3 soldiers, police said. "
    x = extract(
        first + "Immediately afterwards, on Monday, a second bomb killed 5 rescuers, police said." + TAIL
    )
    assert {c.event_ref for c in x.claims} == {0}


@pytest.mark.slow
@pytest.mark.parametrize(
    "answer",
    [
        "The raid was in retaliation for an ambush in which the militants killed 4 soldiers.",
        "It came in response to an ambush in which the militants killed 4 soldiers.",
    ],
)
def test_the_incident_a_reprisal_answers_is_not_joined_to_it(extract: Extract, answer: str) -> None:
    # the incident after the cue's preposition is its cause, an earlier incident of its own
    x = extract(
        "Army jets pounded a militant base in the hills on Sunday, killing 15 fighters. " + answer + TAIL
    )
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[15] != refs[4], answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "trigger", "answer"),
    [
        ("In retaliation for the ambush, army drones struck rebel positions.", "struck", True),
        ("The army launched retaliatory strikes.", "strikes", True),
        # the cause, told with a toll of its own: an earlier incident apart
        ("The raid was in retaliation for an ambush that killed 4 soldiers.", "ambush", False),
        ("It came in response to the killing of 3 soldiers.", "killing", False),
        # a cause told with no toll names the provocation of the fight told
        ("The raid was in retaliation for attacks on army posts.", "attacks", True),
    ],
)
def test_a_cue_answers_the_violence_it_modifies_not_its_cause(
    nlp: Language, sentence: str, trigger: str, answer: bool
) -> None:
    at = sentence.index(trigger)
    tolls = [i for i, c in enumerate(sentence) if c.isdigit()]
    assert _answer_cue(nlp(sentence), sentence, 0, at + len(trigger), at, tolls) is answer, sentence


def test_the_forms_of_an_answer_told_before_the_trigger() -> None:
    clash = _draft(CLASH, 2, SUNDAY)
    for text, trigger in (
        ("In the fighting that followed, troops killed 6 rebels.", "killed"),
        ("The ensuing air strikes killed 6 rebels.", "strikes"),
        ("The army hit back with air strikes.", "strikes"),
    ):
        at = text.index(trigger)
        assert _answers(clash, _draft(STRIKE, 3, start=at, end=at + len(trigger)), text, 0, 3), text


WEEKEND = DateSpan(date(2025, 10, 18), date(2025, 10, 19), "day")


def test_a_day_inside_a_told_span_is_no_date_of_its_own() -> None:
    told = _draft(STRIKE, 0, WEEKEND)
    assert not _new_date(_draft(STRIKE, 1, SUNDAY), [told], added=False)
    monday = DateSpan(date(2025, 10, 20), date(2025, 10, 20), "day")
    assert _new_date(_draft(STRIKE, 1, monday), [told], added=False)


def test_a_toll_added_to_an_undated_incident_gives_it_no_date_of_its_own() -> None:
    undated = _draft(STRIKE, 0)
    assert _new_date(_draft(STRIKE, 1, SUNDAY), [undated], added=False)
    assert not _new_date(_draft(STRIKE, 1, SUNDAY), [undated], added=True)
    # a dated incident told before: an added toll on another day is still another day's
    saturday = DateSpan(date(2025, 10, 18), date(2025, 10, 18), "day")
    assert _new_date(_draft(STRIKE, 1, SUNDAY), [_draft(STRIKE, 0, saturday)], added=True)


@pytest.mark.parametrize(
    ("text", "added"),
    [
        ("shelling killed 3 more people", True),
        ("shelling killed another 3 people", True),
        ("a further 2 died", True),
        ("shelling killed 3 people", False),
    ],
)
def test_a_toll_told_as_added(text: str, added: bool) -> None:
    at = text.index(next(c for c in text if c.isdigit()))
    assert _added(text, at, at + 1) is added


@pytest.mark.slow
def test_a_day_later_that_weekend_tells_the_incident_on(extract: Extract) -> None:
    x = extract(
        "Air strikes killed 20 people across the enclave over the weekend, medics said. "
        "Later on Sunday, an air strike killed 6 people in the enclave, they said." + TAIL
    )
    assert {c.event_ref for c in x.claims} == {0}


@pytest.mark.slow
def test_more_dead_told_later_that_day_tell_an_undated_incident_on(extract: Extract) -> None:
    x = extract(
        "Artillery fire killed 4 civilians in the port town, the mayor said. "
        "Later on Monday, shelling killed 3 more people in the town, he said." + TAIL
    )
    assert {c.event_ref for c in x.claims} == {0}
