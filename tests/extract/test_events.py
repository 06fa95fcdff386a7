"""Events on hand-written reports: type, dates with precision, places, claims per incident."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tolls.extract.events import (
    _DENIED,
    _dateline,
    _Draft,
    _elsewhere,
    _finer_than_country,
    _finest_inside,
    _is_generic,
)
from tolls.model import Extraction, Place

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def test_one_incident_with_its_date_range_and_fatalities(extract: Extract) -> None:
    x = extract(
        "Afghan forces attacked border posts on the night of 11/12 October. Pakistan's army said 23 soldiers "
        "were killed, while the Taliban spokesman said 58 Pakistani soldiers died.",
        published=date(2025, 10, 13),
    )
    main = x.events[0]
    assert main.type.startswith("Battles")
    assert (main.dates.start, main.dates.end, main.dates.precision) == (
        date(2025, 10, 11),
        date(2025, 10, 12),
        "day",
    )
    assert main.fatalities is not None
    assert (main.fatalities.low, main.fatalities.best, main.fatalities.high) == (23, 23, 58)
    assert all(c.event_ref == 0 for c in x.claims)


def test_one_trigger_two_dated_places_are_two_incidents(extract: Extract) -> None:
    x = extract(
        "Earlier air strikes killed 30 people in Kunar in March 2024 and four civilians in Khost "
        "in June 2024. "
        "The strikes continued for months, analysts say, and rights groups have condemned them repeatedly. "
        "Talks between the two governments stalled. Diplomats met again on Monday.",
        published=date(2025, 10, 21),
    )
    dated = {(e.dates.start, e.dates.precision): e for e in x.events if e.type.startswith("Explosions")}
    march = dated[(date(2024, 3, 1), "month")]
    june = dated[(date(2024, 6, 1), "month")]
    assert [p.name for p in march.locations] == ["Kunar"]
    assert [p.name for p in june.locations] == ["Khost"]
    assert march.fatalities is not None and march.fatalities.low == 30
    assert june.fatalities is not None and june.fatalities.low == 4


def test_ceasefire_is_an_agreement_and_talks_a_negotiation(extract: Extract) -> None:
    x = extract(
        "The two governments agreed to a ceasefire in Doha on Sunday. Negotiators will hold further talks "
        "in Istanbul on 25 October.",
        published=date(2025, 10, 21),
    )
    types = {e.type for e in x.events}
    assert "Strategic developments/Agreement" in types
    talks = [e for e in x.events if e.type == "Negotiation"]
    assert talks and talks[0].dates.start == date(2025, 10, 25) and talks[0].dates.precision == "day"
    assert "Istanbul" in [p.name for p in talks[0].locations]


def test_undated_incident_falls_in_the_publication_month(extract: Extract) -> None:
    x = extract("Militants ambushed a police patrol, killing three officers.", published=date(2025, 10, 21))
    e = x.events[0]
    assert (e.dates.start, e.dates.end, e.dates.precision) == (date(2025, 10, 1), date(2025, 10, 21), "month")
    assert e.fatalities is not None and e.fatalities.low == 3


def test_no_event_without_a_trigger_or_a_claim(extract: Extract) -> None:
    x = extract("The weather in the capital was mild and markets were open.")
    assert x.events == [] and x.claims == []


def test_threatened_or_demanded_events_are_not_incidents(extract: Extract) -> None:
    x = extract(
        "The minister warned of the threat of attack on the capital. "
        "Rights groups renewed calls for a ceasefire. "
        "Police arrested four men in the market on Sunday.",
        published=date(2025, 10, 21),
    )
    assert [e.type for e in x.events] == ["Strategic developments/Arrests"]


def test_a_toll_told_in_a_later_undated_paragraph_belongs_to_the_main_incident(extract) -> None:
    x = extract(
        "On October 14th 2025, an air strike reportedly hit a family home in the east of the town. "
        "The building collapsed onto the street. Neighbours said they heard aircraft overhead before "
        "the blast. Photographs posted online showed the destroyed kitchen and a burnt car. Residents "
        "gathered outside the hospital to protest. A relative wrote in a post that six people were "
        "killed, including two children."
    )
    main = x.events[0]
    assert main.type.startswith("Explosions") and str(main.dates.start) == "2025-10-14"
    assert main.fatalities is not None and main.fatalities.low == 6


def test_the_main_place_is_in_the_documents_country_before_a_namesake_abroad() -> None:
    from tolls.extract.events import _place_rank
    from tolls.model import Place

    abroad = Place(name="Gari", start=0, end=4, country="RUS", precision="town", lat=57.0, lon=61.0)
    home = Place(name="Ed Damazin", start=10, end=20, country="SDN", precision="town", lat=11.8, lon=34.4)
    unknown = Place(name="Umm Dorain", start=30, end=40)
    province = Place(
        name="Blue Nile", start=50, end=59, country="SDN", precision="province", lat=11.5, lon=34.0
    )
    ranked = sorted([unknown, province, abroad, home], key=lambda p: _place_rank(p, "SDN"))
    assert [p.name for p in ranked] == ["Ed Damazin", "Blue Nile", "Gari", "Umm Dorain"]
    # with no country focus, text order and precision decide
    assert sorted([abroad, home], key=_place_rank)[0].name == "Gari"


def test_an_incident_placed_only_in_a_province_takes_the_reports_town_inside_it() -> None:
    """ "A bomb went off on a road in Harbour province. ... It hit a bus in Eastport." placed the
    incident in the province only; the report's town inside it is the finest place it gives."""
    province = Place(
        "Harbour", 20, 27, admin1="Harbour", country="AAA", precision="province", lat=1.0, lon=1.0
    )
    inside = Place("Eastport", 60, 68, admin1="Harbour", country="AAA", precision="town", lat=1.1, lon=1.1)
    other = Place("Westhill", 80, 88, admin1="Hills", country="AAA", precision="town", lat=3.0, lon=3.0)
    abroad = Place("Eastport", 90, 98, admin1="Harbour", country="BBB", precision="town", lat=9.0, lon=9.0)
    draft = _Draft("Explosions/Remote violence", 0, 5, 0, 0, places=[province])
    _finest_inside(draft, [province, inside, other, abroad])
    assert [p.name for p in draft.places] == ["Harbour", "Eastport"]
    assert draft.places[1].country == "AAA"
    # a country takes any town of its own, once
    country = Place("Aland", 0, 5, country="AAA", precision="country", lat=0.0, lon=0.0)
    draft = _Draft("Protests/Peaceful protest", 0, 5, 0, 0, places=[country])
    _finest_inside(draft, [country, other, inside, other])
    assert [p.name for p in draft.places] == ["Aland", "Westhill", "Eastport"]
    # an incident that already has a town keeps its places as they are
    town = Place("Northgate", 0, 9, admin1="Harbour", country="AAA", precision="town", lat=1.2, lon=1.2)
    draft = _Draft("Protests/Peaceful protest", 0, 5, 0, 0, places=[town, province])
    _finest_inside(draft, [town, province, inside])
    assert [p.name for p in draft.places] == ["Northgate", "Harbour"]


def test_a_province_named_after_its_seat_takes_that_town() -> None:
    """ "Fighting in Harbour region ... Harbour town was shelled": the town shares the region's name
    and is still the finer place."""
    region = Place("Harbour", 12, 19, admin1="Harbour", country="AAA", precision="province", lat=1.0, lon=1.0)
    town = Place("Harbour", 40, 47, admin1="Harbour", country="AAA", precision="town", lat=1.1, lon=1.1)
    draft = _Draft("Battles/Armed clash", 0, 5, 0, 0, places=[region])
    _finest_inside(draft, [region, town])
    assert [(p.name, p.precision) for p in draft.places] == [("Harbour", "province"), ("Harbour", "town")]


_NARRATIVE = (
    "Around 11:25 in the morning on Friday, October 13th, 2023, at least 14 civilians from the Haddad "
    "and Nasser families, including four women and nine children, were killed in an alleged airstrike "
    "on the Haddad family home in the northern Gaza Strip. "
    "A 37-year old mother was killed in this deadly attack alongside her five children. "
    "A local news site initially reported that three bodies were recovered from the home. "
    "A news agency later stated that the number of civilians killed in the bombing had risen to six, "
    "with other outlets later updating the civilian death toll to nine. "
    "Based on the testimonies by family members, the monitors identified 14 family members who were killed. "
    "A cousin mourned the family online and shared their pictures."
)


def test_a_longer_piece_keeps_its_lede_as_the_main_event(extract: Extract) -> None:
    """Past a short report, the lede's incident is the main one even when only two incidents are
    found; the classifier's trigger sentence ("this deadly attack", the mother and her five
    children) used to take over."""
    x = extract(_NARRATIVE, published=date(2023, 10, 14))
    assert x.events[0].type == "Explosions/Remote violence/Air/drone strike"
    assert x.events[0].summary.startswith("Around 11:25")


@pytest.mark.xfail(strict=True, reason="the lede's 14 is not counted on the main incident (known gap)")
def test_the_ledes_toll_is_the_main_events(extract: Extract) -> None:
    x = extract(_NARRATIVE, published=date(2023, 10, 14))
    fatalities = x.events[0].fatalities
    assert fatalities is not None and fatalities.low == 14


def test_bare_strikes_in_war_reporting_are_air_strikes(extract: Extract) -> None:
    x = extract(
        "Local officials in Paktika province said 12 civilians were killed and dozens wounded in the strikes."
    )
    assert x.events and all(not e.type.startswith("Protests") for e in x.events)


def test_a_labour_strike_stays_a_protest(extract: Extract) -> None:
    x = extract("Teachers in Lagos went on strike on Monday over unpaid salaries.")
    assert x.events[0].type.startswith("Protests")


def test_acled_actors_implied_by_the_type(extract: Extract) -> None:
    protest = extract("Hundreds of traders protested against the government in Kano on Monday.").events[0]
    assert protest.type == "Protests/Peaceful protest"
    assert {a.inter for a in protest.actors} == {6}
    attack = extract("Gunmen killed three villagers in Zamfara on Monday.").events[0]
    assert attack.type.startswith("Violence against civilians")
    assert {a.inter for a in attack.actors} == {3, 7}


def test_background_without_figure_date_or_place_makes_no_event(extract: Extract) -> None:
    x = extract(
        "Pakistani troops killed 12 militants in Bannu on Monday, the army said. "
        "The operation followed intelligence reports. "
        "Officials said the area was cleared. "
        "Residents welcomed the news. "
        "Pakistan has long accused Kabul of failing to prevent cross-border attacks."
    )
    assert len(x.events) == 1


def test_a_year_in_the_next_sentence_is_background_not_the_incidents_date(extract: Extract) -> None:
    x = extract(
        "Officials said more than 200 militants were killed in the counteroffensive. "
        "The group, formed in 2007, has long operated from across the border.",
        published=date(2025, 10, 13),
    )
    assert x.events and all(e.dates.start is None or e.dates.start.year == 2025 for e in x.events)


def test_a_founding_year_in_the_incidents_paragraph_does_not_date_it(extract: Extract) -> None:
    x = extract(
        "Heavy fighting erupted in the district after border posts came under fire. "
        "The confrontation follows a series of raids over the weekend. "
        "Officials claim more than 200 militants were killed in the counteroffensive. "
        "The group, a militant movement formed in 2007, has long launched incursions from across the border.",
        published=date(2025, 10, 15),
    )
    assert x.events and all(e.dates.precision != "year" for e in x.events)
    assert all(e.scope == "incident" for e in x.events)


def test_a_since_clause_neither_dates_nor_types_the_incident(extract: Extract) -> None:
    x = extract(
        "Border clashes broke out overnight on Saturday, officials said. "
        "Residents near the crossing reported heavy gunfire for several hours. "
        "The border fighting was the deadliest since the militia seized control of the capital in 2021. "
        "The army said 23 soldiers were killed and 29 wounded. "
        "Traders said the crossing stayed shut on Sunday.",
        published=date(2025, 10, 13),
    )
    (ev,) = [e for e in x.events if any(c.event_ref == x.events.index(e) for c in x.claims)]
    assert ev.type == "Battles/Armed clash"
    assert ev.dates.start is not None and ev.dates.start.year == 2025


def test_a_since_clause_that_tells_the_incident_dates_it(extract: Extract) -> None:
    for text, day in (
        ("At least 30 people have been killed since the fighting erupted on Saturday, officials said.", 18),
        (
            "Fighting has continued since militants attacked the checkpoint on Sunday, killing four "
            "soldiers.",
            19,
        ),
    ):
        x = extract(text, published=date(2025, 10, 21))
        assert x.events and x.events[0].dates.start == date(2025, 10, day)
        assert x.events[0].dates.precision == "day"


def test_a_later_generic_mention_of_an_incident_is_that_incident(extract: Extract) -> None:
    text = (
        "Clashes broke out in Kurram on Monday, officials said. "
        "Talks between the two governments are expected in Doha next week. "
        "Separately, an air strike hit a market in Khost on Sunday, killing four people. "
        "Residents buried the dead. Shops stayed closed. The markets reopened later. "
        "Local elders said the attack in Khost had destroyed ten shops."
    )
    x = extract(text, published=date(2025, 10, 14))
    strikes = [e for e in x.events if any(p.name == "Khost" for p in e.locations)]
    assert len(strikes) == 1 and strikes[0].type.startswith("Explosions")
    # a generic mention that names another place is another incident
    y = extract(text.replace("the attack in Khost", "an attack in Paktika"), published=date(2025, 10, 14))
    assert any(e for e in y.events if any(p.name == "Paktika" for p in e.locations))


def test_the_dateline_of_a_report_filed_abroad_is_no_place_of_the_incident(extract: Extract) -> None:
    x = extract(
        "Moscow, 13 October 2025: Russia called for restraint after fierce border clashes between "
        "Pakistan and Afghanistan over the weekend left 23 Pakistani soldiers dead. Pakistan's army said "
        "its troops fought Afghan forces in Kurram and Bajaur, and Afghanistan's defence ministry said "
        "Pakistani posts near Torkham were destroyed.",
        published=date(2025, 10, 13),
    )
    assert x.events and all(p.name != "Moscow" for e in x.events for p in e.locations)
    # a dateline in the story's own country is set aside too; a place later in the line is not
    text = "Peshawar, 13 October: Five people were killed in Moscow (a village) on Monday, police said."
    home = Place("Peshawar", 0, 8, country="PAK", precision="town")
    later = Place("Moscow", 49, 55, country="RUS", precision="town")
    assert _dateline(text, home)
    assert not _dateline(text, later)
    assert _dateline("Moscow, 13 October: " + text, Place("Moscow", 0, 6, country="RUS"))


def test_the_targets_and_victims_of_an_air_strike_told_later_are_that_strike(extract: Extract) -> None:
    x = extract(
        "Talks in Doha were postponed on Sunday. "
        "Pakistani air strikes hit Khost on Monday night, the Taliban government said. "
        "Officials in Kabul met the envoy. Markets stayed closed. Schools shut. "
        "The strikes targeted a house in Khost, and nine children and a woman were killed in Khost.",
        published=date(2025, 11, 25),
    )
    assert [e.type.split("/")[0] for e in x.events if any(p.name == "Khost" for p in e.locations)] == [
        "Explosions"
    ]


def test_talks_told_through_a_report_are_one_negotiation(extract: Extract) -> None:
    x = extract(
        "Afghan and Pakistani delegations began talks in Doha on Saturday. "
        "Border crossings stayed shut. Traders in Chaman counted their losses. Trucks waited at Torkham. "
        "Kabul's delegation, led by the defence minister, said the talks in Istanbul would go on.",
        published=date(2025, 10, 26),
    )
    assert [e.type for e in x.events].count("Negotiation") == 1


def test_a_later_toll_at_another_named_place_is_not_the_main_incidents() -> None:
    # "strikes hit Kabul ... the recent clash in Orakzai saw 11 soldiers killed": the toll of the
    # main incident is told again later only where no other place is named (the tests' settings
    # resolve no place, so the drafts are built with resolved places here)

    def draft(*places: Place) -> _Draft:
        d = _Draft("Battles/Armed clash", 0, 1, 0, 0, sents={0})
        d.places = list(places)
        return d

    kabul = Place("Kabul", precision="town", country="AFG")
    orakzai = Place("Orakzai", precision="district", country="PAK")
    pakistan = Place("Pakistan", precision="country", country="PAK")
    assert _elsewhere(draft(kabul), draft(orakzai, pakistan))
    assert not _elsewhere(draft(kabul, pakistan), draft(kabul))  # the same place named again
    assert not _elsewhere(draft(kabul), draft(pakistan))  # a country says no more than the report's
    assert not _elsewhere(draft(kabul), draft())  # no place: the main incident's toll, told later


def test_only_a_resolved_place_pins_a_background_mention_down() -> None:
    town = Place("Kotli", 0, 5, admin1="Azad Kashmir", country="PAK", precision="town", lat=33.5, lon=73.9)
    unresolved = Place("Palm Sunday", 0, 11)  # what NER took for a place, unknown to the gazetteer
    border = Place("Pakistan-Afghanistan border", 0, 10, country="PAK", precision="line")
    country = Place("Pakistan", 0, 8, country="PAK", precision="country", lat=30.0, lon=70.0)
    assert _finer_than_country(town, True) and _finer_than_country(border, True)
    assert not _finer_than_country(unresolved, True) and not _finer_than_country(country, True)
    assert _finer_than_country(unresolved, False)  # no gazetteer: a named place is all there is


def test_planned_offered_or_urged_talks_make_no_event(extract: Extract) -> None:
    x = extract(
        "Gunmen killed four policemen at a checkpoint in Bannu on Monday, officials said. "
        "Police said the attackers fled towards the hills. "
        "Turkey has offered to mediate between the two governments. "
        "The foreign ministry urged both sides to resolve the dispute through dialogue. "
        "Delegations will hold talks in Ankara next week, a diplomat said. "
        "Further talks planned in Doha were postponed."
    )
    assert [e.type for e in x.events if e.type == "Negotiation"] == []
    held = extract(
        "Delegations from both governments held talks in Ankara on Sunday, the foreign ministry said. "
        "Houses caught fire due to shelling in the border district, police said."
    )
    assert "Negotiation" in [e.type for e in held.events]


def test_a_bare_border_in_analysis_makes_no_event(extract: Extract) -> None:
    x = extract(
        "Pakistani troops clashed with militants in Bannu on Monday, killing 12, the army said. "
        "The operation followed intelligence reports. "
        "Officials said the area was cleared. "
        "Residents welcomed the news. "
        "Critics in Pakistan say the shelling at the border with Afghanistan distracts from the economy."
    )
    assert [e.type.split("/")[0] for e in x.events] == ["Battles"]


def test_a_capital_named_as_its_government_is_no_place_of_the_incident(extract: Extract) -> None:
    x = extract(
        "Army and militia fighters clashed along the Pakistan-Afghanistan border on Saturday night. "
        "Islamabad said 23 soldiers were killed. Kabul denied the figure. Islamabad and Kabul later "
        "agreed to a ceasefire in Doha. A drone strike in Kabul killed five people on Sunday.",
        published=date(2025, 10, 13),
    )
    places = [[p.name for p in e.locations] for e in x.events]
    assert not any("Islamabad" in names for names in places)  # the government, not a place
    assert ["Kabul"] in places  # the strike "in Kabul" is in Kabul
    assert not any("Kabul" in names for names in places if names != ["Kabul"])


def test_a_capital_in_an_aside_or_after_a_response_from_is_its_government(extract: Extract) -> None:
    x = extract(
        "Gunmen attacked a checkpoint in the east on Friday, killing four guards. Tehran, for its part, "
        "has not confirmed the raid. The attack drew a sharp response from Baghdad within hours. "
        "Separately, a car bomb exploded in Tehran on Saturday, killing two people.",
        published=date(2025, 10, 13),
    )
    places = [[p.name for p in e.locations if not p.lent] for e in x.events]
    assert not any("Baghdad" in names for names in places)  # "a response from Baghdad"
    assert ["Tehran"] in places  # the bomb "in Tehran" is in Tehran
    assert not any("Tehran" in names for names in places if names != ["Tehran"])  # "Tehran ... has not"


def test_a_capital_after_a_preposition_is_a_place_even_before_a_speech_verb(extract: Extract) -> None:
    x = extract("Officials in Baghdad said a car bomb killed 6 people at a bus station on Tuesday.")
    assert x.events and "Baghdad" in [p.name for p in x.events[0].locations]


def test_a_one_sentence_report_of_planned_talks_is_no_event(extract: Extract) -> None:
    assert extract("Sudan and Chad will hold talks in Jeddah on 4 November.").events == []
    assert extract("Qatar offered to host talks between the two sides in Doha on 9 May.").events == []
    # talks that were held are an event
    assert extract("Sudan and Chad held talks in Jeddah on 4 November.").events


def test_drones_intercepted_over_the_region_struck_are_that_strike(extract: Extract) -> None:
    x = extract(
        "Ukraine launched a large drone attack on the Belgorod region overnight, the governor said on "
        "Sunday. A woman was wounded when debris fell on a house in Belgorod. Air defence units "
        "intercepted and destroyed 40 drones over the Belgorod region, the defence ministry said. "
        "Officials said power lines were damaged. Schools in the city stayed open on Monday.",
        published=date(2025, 10, 21),
    )
    assert [e.type for e in x.events] == ["Explosions/Remote violence/Air/drone strike"]


def test_a_closed_border_told_again_days_later_is_one_event(extract: Extract) -> None:
    x = extract(
        "Pakistan sealed the Chaman border on Sunday after overnight clashes. Hundreds of trucks lined up "
        "on the highway. Traders said the border crossing remained closed on Tuesday. Officials gave no date "
        "for reopening. Exporters said they had lost millions.",
        published=date(2025, 10, 21),
    )
    assert [e.type for e in x.events].count("Strategic developments/Other") == 1


def test_a_ceasefire_is_an_event_without_a_place_or_a_date(extract: Extract) -> None:
    x = extract(
        "Heavy fighting erupted along the border in Kurram on Saturday, officials said. Three soldiers were "
        "killed. The fighting continued into the night. Later both sides agreed to a ceasefire. Analysts "
        "said tensions remain high. Trade has yet to resume.",
        published=date(2025, 10, 21),
    )
    assert "Strategic developments/Agreement" in {e.type for e in x.events}


def test_a_generic_lede_joins_the_strike_told_after_it(extract: Extract) -> None:
    x = extract(
        "Five people were killed in attacks on Paktika before dawn, local officials said. Pakistani "
        "airstrikes hit homes in the Urgun district of Paktika late on Friday. The dead included two "
        "children. Residents said the houses were destroyed. Mourners gathered on Saturday.",
        published=date(2025, 10, 21),
    )
    assert [e.type for e in x.events] == ["Explosions/Remote violence/Air/drone strike"]
    assert "Urgun" in {p.name for p in x.events[0].locations}


def test_deny_verbs_match_with_a_doubled_final_consonant() -> None:
    assert all(_DENIED.fullmatch(w) for w in ("rebutted", "rebutting", "rebuts", "denied", "questioned"))
    assert _DENIED.fullmatch("questionned") is None


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("attack", True),
        ("killed", True),
        ("massacres", False),
        ("summary executions", False),
        ("executions", False),
        ("the method of execution", True),
    ],
)
def test_a_massacre_or_executions_tell_the_kind_of_violence(text: str, generic: bool) -> None:
    # "execution" alone may be the carrying out of a plan: still a word of no kind
    start = text.rfind(" ") + 1 if text.startswith("the method") else 0
    assert _is_generic(text, start, len(text), "Violence against civilians/Attack") is generic


def test_an_attack_whose_means_are_drones_is_a_drone_strike(extract: Extract) -> None:
    x = extract(
        "Two soldiers were killed by drones near Apatzingan on Monday, the army said. Schools were "
        "closed. Traders said markets stayed shut. Officials gave no further details. The army said "
        "it would respond."
    )
    assert [e.type for e in x.events] == ["Explosions/Remote violence/Air/drone strike"]


def test_attackers_killed_in_return_fire_are_a_battle(extract: Extract) -> None:
    x = extract(
        "Gunmen raided the market of Bagan on Sunday. In return fire by guards of the trucks, six "
        "attackers were killed and ten injured near Bagan on Monday. Schools were closed. Traders said "
        "markets stayed shut. Officials gave no further details."
    )
    assert [e.type for e in x.events] == ["Violence against civilians/Attack", "Battles/Armed clash"]


def test_civilians_killed_in_the_crossfire_are_the_battles_toll(extract: Extract) -> None:
    x = extract(
        "Soldiers fought rebels in Kalay on Monday. The army said it killed 15 rebels. In Tamu, six "
        "civilians were killed in the crossfire, residents said. Schools were closed. Traders said "
        "markets stayed shut. Officials gave no further details."
    )
    assert "Violence against civilians/Attack" not in {e.type for e in x.events}


def test_a_second_clause_with_its_own_subject_keeps_its_type(extract: Extract) -> None:
    x = extract(
        "Drones hit a power plant in Kosti on Monday and gunmen killed six traders near Rabak. Schools "
        "were closed. Traders said markets stayed shut. Officials gave no further details."
    )
    assert "Violence against civilians/Attack" in {e.type for e in x.events}


def test_a_soldier_killed_by_a_drone_in_a_ground_battle_is_the_battles_toll(extract: Extract) -> None:
    x = extract(
        "Government and rebel troops fought near Kupiansk on Monday. Three soldiers were killed by a "
        "drone during the assault. Schools were closed. Traders said markets stayed shut. Officials "
        "gave no further details."
    )
    assert [e.type for e in x.events] == ["Battles/Armed clash"]
