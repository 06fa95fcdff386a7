"""Event segmentation inside a document (docs/extraction.md, "Events"): violence of another kind
told again in the same sentence is the same incident, and one trigger told of coordinated places
of one kind is one incident per place. The tests' settings resolve no place, so the split is
tested on drafts built with resolved places."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tolls.extract.events import _Draft, _split_at_places, _told_again
from tolls.model import DateSpan, Extraction, Place

Extract = Callable[..., Extraction]

SUNDAY = DateSpan(date(2025, 10, 19), date(2025, 10, 19), "day")
MONDAY = DateSpan(date(2025, 10, 20), date(2025, 10, 20), "day")
TAIL = " Residents said the firing lasted hours. Schools were closed. Traders said markets stayed shut. " + (
    "Officials gave no further details. The army said it would respond."
)


def _at(text: str, name: str, precision: str, country: str = "AFG") -> Place:
    start = text.index(name)
    return Place(name, start, start + len(name), country=country, precision=precision, lat=34.0, lon=69.0)


def _draft(etype: str, sent: int, *places: Place, dates: DateSpan | None = None) -> _Draft:
    return _Draft(etype, 0, 1, sent, sent, dates=dates, places=list(places), sents={sent})


CLASH = "Battles/Armed clash"
SHELLING = "Explosions/Remote violence/Shelling/artillery/missile attack"
STRIKE = "Explosions/Remote violence/Air/drone strike"


@pytest.mark.slow
def test_a_second_trigger_of_another_kind_in_one_sentence_is_the_same_incident(extract: Extract) -> None:
    x = extract(
        "Soldiers clashed with militants at a border post in Kurram on Sunday, and 12 militants were "
        "killed in retaliatory shelling, the army said." + TAIL
    )
    assert [e.type for e in x.events] == [CLASH]  # not also a shelling event of the same incident
    assert [c.event_ref for c in x.claims] == [0]


def test_told_again_only_in_the_same_sentence_and_adding_nothing() -> None:
    text = "clashes in Kurram and shelling in Orakzai"
    kurram, orakzai = _at(text, "Kurram", "district", "PAK"), _at(text, "Orakzai", "district", "PAK")
    clash = _draft(CLASH, 3, kurram, dates=SUNDAY)
    assert _told_again(clash, _draft(SHELLING, 3, dates=SUNDAY), text)
    assert _told_again(clash, _draft(SHELLING, 3), text)
    assert not _told_again(clash, _draft(SHELLING, 4), text)  # the next sentence: another incident
    assert not _told_again(clash, _draft(SHELLING, 3, orakzai), text)  # a place of its own
    assert not _told_again(clash, _draft(SHELLING, 3, dates=MONDAY), text)  # a date of its own
    assert not _told_again(clash, _draft("Strategic developments/Agreement", 3), text)  # not violence
    assert not _told_again(clash, _draft(CLASH, 3), text)  # one kind: the ordinary merge decides
    # a place split off with an incident told on in sentence 3 is not told in sentence 3
    kin = _draft(CLASH, 1, kurram, dates=SUNDAY)
    kin.last_sent = 3
    assert not _told_again(kin, _draft(SHELLING, 3), text)


def test_a_second_trigger_set_against_the_first_is_another_incident() -> None:
    for text in (
        "A bombing killed 5 people, while clashes killed 3 soldiers.",
        "A bombing killed 5 people; meanwhile, clashes killed 3 soldiers.",
        "A bombing killed 5 people and, in a separate incident, clashes killed 3 soldiers.",
    ):
        bomb = _Draft(SHELLING, text.index("bombing"), text.index("bombing") + 7, 0, 0, sents={0})
        at = text.index("clashes")
        clash = _Draft(CLASH, at, at + 7, 0, 0, sents={0})
        assert not _told_again(bomb, clash, text), text
    # "and" is no cue (the pipeline still parts these two: each trigger has a toll of its own
    # clause, events._tolled_apart, checked by the caller on the parse)
    text = "A bombing killed 5 people, and clashes killed 3 soldiers."
    at = text.index("clashes")
    bomb = _Draft(SHELLING, 2, 9, 0, 0, sents={0})
    assert _told_again(bomb, _Draft(CLASH, at, at + 7, 0, 0, sents={0}), text)


@pytest.mark.slow
def test_a_contrasted_second_incident_in_one_sentence_keeps_its_own_toll(extract: Extract) -> None:
    x = extract("A suicide bombing killed 5 people on Sunday, while clashes killed 3 soldiers." + TAIL)
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[5] != refs[3]


@pytest.mark.slow
def test_a_figure_goes_to_the_incident_its_own_clause_tells(extract: Extract) -> None:
    # the figure comes before its trigger ("3 guards died in an armed clash"), after another toll: its
    # clause says whose it is, and each trigger with a toll of its own is an incident of its own
    for text in (
        "A suicide bombing killed 6 people on Sunday, but 3 guards died in an armed clash.",
        "A suicide bombing killed 6 people on Sunday, and an armed clash later killed 3 guards.",
    ):
        x = extract(text + TAIL)
        refs = {c.figure.value: c.event_ref for c in x.claims}
        assert refs[6] != refs[3], text
        assert x.events[refs[3] or 0].type.startswith("Battles"), text


@pytest.mark.slow
def test_an_incident_of_the_same_kind_after_a_separate_cue_is_another(extract: Extract) -> None:
    x = extract(
        "A drone strike killed 6 people on Sunday, officials said. Separately, a drone strike "
        "killed 3 guards." + TAIL
    )
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[6] != refs[3]
    # a cue before the first trigger of its own sentence does not part what that sentence tells
    x = extract(
        "Separately, a drone strike killed 6 people on Sunday, and the drone strike wounded 3 guards." + TAIL
    )
    assert len({c.event_ref for c in x.claims}) == 1


@pytest.mark.slow
def test_a_second_source_told_separately_is_no_second_incident(extract: Extract) -> None:
    # the adjective or adverb "separate(ly)" often brings in another source on the same incident;
    # only a cue opening the sentence sets one apart, and not when its trigger is a definite mention
    first = "A drone strike hit a compound in Khost on Sunday, killing 6 people, local officials said. "
    for second in (
        "The army separately said the drone strike killed 6 fighters.",
        "In a separate statement, the army said the drone strike killed 6 fighters.",
        "Three separate witnesses said the drone strike killed 9 people.",
        "Separately, a provincial spokesman said the drone strike killed 6 civilians, including 2 women.",
    ):
        x = extract(first + second + TAIL)
        assert len(x.events) == 1, second
        assert {c.event_ref for c in x.claims} == {0}, second


@pytest.mark.slow
def test_a_cue_naming_a_separate_incident_sets_it_apart(extract: Extract) -> None:
    x = extract(
        "A drone strike killed 6 people on Sunday, officials said. In a separate attack, a drone strike "
        "killed 3 guards." + TAIL
    )
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[6] != refs[3]


@pytest.mark.slow
def test_one_fight_told_as_two_tolls_stays_one_battle(extract: Extract) -> None:
    # a retaliation, two speakers' rival accounts, a definite mention of the fight: one incident
    for text in (
        "Soldiers clashed with rebels in Kurram on Sunday, killing 4, and retaliatory shelling killed 10 "
        "of them.",
        "Afghan forces said the clashes in Kunar killed 11 fighters, and the rebels said Afghan shelling "
        "killed 4 civilians.",
        "Afghan air strikes killed 9 rebels in Kunar on Sunday, and the fighting left 3 Afghan soldiers "
        "dead.",
        "A suicide bomber blew himself up at a gate in Khost, killing 5 guards, and the gunfight that "
        "followed killed 2 attackers.",
    ):
        x = extract(text + TAIL)
        assert len(x.events) == 1, text
        assert {c.event_ref for c in x.claims} == {0}, text


def test_one_trigger_told_of_coordinated_places_is_one_incident_per_place() -> None:
    text = "Air strikes hit Khost and Kunar in Afghanistan."
    khost, kunar = _at(text, "Khost", "province"), _at(text, "Kunar", "province")
    country = _at(text, "Afghanistan", "country")
    d = _draft(STRIKE, 0, khost, kunar, country)
    d.claims = [0]
    out = _split_at_places(text, d)
    assert [[p.name for p in x.places] for x in out] == [
        ["Khost", "Afghanistan"],
        ["Kunar", "Afghanistan"],
    ]
    assert [x.copy for x in out] == [False, True]
    assert [x.claims for x in out] == [[0], []]  # the first keeps the trigger's claims

    text = "Rockets hit the port in Haifa, Acre and Nahariya in Israel."
    port, haifa = _at(text, "port", "town", "ISR"), _at(text, "Haifa", "town", "ISR")
    acre, nahariya = _at(text, "Acre", "town", "ISR"), _at(text, "Nahariya", "town", "ISR")
    israel = _at(text, "Israel", "country", "ISR")
    out = _split_at_places(text, _draft(SHELLING, 0, port, haifa, acre, nahariya, israel))
    assert [[p.name for p in x.places] for x in out] == [
        ["port", "Haifa", "Israel"],  # the first keeps every other place the trigger was told of, in order
        ["Acre", "Israel"],  # the others only their country
        ["Nahariya", "Israel"],
    ]

    text = "Gunmen killed villagers in Homs, Idlib, and Deir ez-Zor."
    names = ("Homs", "Idlib", "Deir ez-Zor")
    d = _draft("Violence against civilians/Attack", 0, *(_at(text, n, "province", "SYR") for n in names))
    assert [x.places[0].name for x in _split_at_places(text, d)] == list(names)


def test_no_split_for_battles_nested_places_or_places_not_coordinated() -> None:
    text = "Clashes at Chaman and Torkham."
    chaman, torkham = _at(text, "Chaman", "town", "PAK"), _at(text, "Torkham", "town", "PAK")
    assert len(_split_at_places(text, _draft(CLASH, 0, chaman, torkham))) == 1  # a front: one battle

    text = "A blast hit Bannu, Khyber Pakhtunkhwa."
    bannu, kp = _at(text, "Bannu", "district", "PAK"), _at(text, "Khyber Pakhtunkhwa", "province", "PAK")
    assert len(_split_at_places(text, _draft(SHELLING, 0, bannu, kp))) == 1  # one inside the other

    text = "A drone from Kandahar struck Kabul."
    kandahar, kabul = _at(text, "Kandahar", "province"), _at(text, "Kabul", "province")
    assert len(_split_at_places(text, _draft(STRIKE, 0, kandahar, kabul))) == 1

    for text in (
        "A bombing on the road between Kabul and Kandahar.",  # a route
        "Drones launched from Kabul and Kandahar struck Khost.",  # where the attack came from
        "Drone strikes by troops based in Kabul and Kandahar hit Khost.",
        "Strikes on Khost killed people from Kabul and Kandahar.",  # where victims came from
    ):
        kabul, kandahar = _at(text, "Kabul", "province"), _at(text, "Kandahar", "province")
        assert len(_split_at_places(text, _draft(STRIKE, 0, kabul, kandahar))) == 1, text

    text = "Strikes hit Kabul and Kandahar."
    dated = _draft(STRIKE, 0, _at(text, "Kabul", "province"), _at(text, "Kandahar", "province"))
    dated.seg_end = 10  # already one of a sentence's dated incidents
    assert len(_split_at_places(text, dated)) == 1
