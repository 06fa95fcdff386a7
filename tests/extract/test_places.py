"""Places as the extractor gives them: the gazetteer's first-level divisions by their usual name."""

from __future__ import annotations

from spacy.language import Language

from tolls.extract.places import _usual_admin1, no_incident_place
from tolls.model import Place


def test_an_oblast_keeps_its_usual_english_name() -> None:
    town = Place("Shebekino", 10, 19, admin1="Belgorod", country="RUS", precision="town", lat=50.4, lon=36.9)
    assert _usual_admin1(town).admin1 == "Belgorod Oblast"
    assert _usual_admin1(town).name == "Shebekino"  # the place itself is named as the text names it
    ukr = Place("Sumy", 0, 4, admin1="Sumska", country="UKR", precision="town", lat=50.9, lon=34.8)
    assert _usual_admin1(ukr).admin1 == "Sumy Oblast"
    krai = Place("Sochi", 0, 5, admin1="Krasnodar", country="RUS", precision="town", lat=43.6, lon=39.7)
    assert _usual_admin1(krai).admin1 == "Krasnodar Krai"
    goma = Place("Goma", 0, 4, admin1="Nord-Kivu", country="COD", precision="town", lat=-1.7, lon=29.2)
    assert _usual_admin1(goma).admin1 == "North Kivu"
    tyre = Place("Tyre", 0, 4, admin1="South", country="LBN", precision="town", lat=33.3, lon=35.2)
    assert _usual_admin1(tyre).admin1 == "South Lebanon"  # "South" alone names no place


def test_other_divisions_and_shared_names_are_left_as_they_are() -> None:
    for p in (
        Place("Bannu", 0, 5, admin1="Khyber Pakhtunkhwa", country="PAK", precision="town"),
        Place("Zelenograd", 0, 10, admin1="Moscow", country="RUS", precision="town"),  # city or oblast
        Place("Belgorod", 0, 8, admin1="Belgorod", country="UKR", precision="town"),  # not Russia's
        Place("Beersheba", 0, 9, admin1="Southern", country="ISR", precision="town"),
    ):
        assert _usual_admin1(p) == p


def _at(text: str, name: str, nth: int = 0) -> Place:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Place(name, start, start + len(name), country="AFG", precision="town", lat=34.5, lon=69.2)


def test_a_capital_acting_as_its_government_places_no_incident(nlp: Language) -> None:
    text = "Kabul disputed the account. Islamabad and Kabul extended the truce. Drones struck Kabul."
    doc = nlp(text)
    assert no_incident_place(doc, _at(text, "Kabul"))  # the subject of "disputed"
    assert no_incident_place(doc, _at(text, "Kabul", 1))  # the second of two subjects
    assert not no_incident_place(doc, _at(text, "Kabul", 2))  # where the drones struck


def test_adjectives_and_time_zones_are_no_place_of_an_incident(nlp: Language) -> None:
    text = "The Britain-based monitor said the truce began at 6 pm Islamabad time, and a blast hit Quetta."
    doc = nlp(text)
    assert no_incident_place(doc, _at(text, "Britain"))
    assert no_incident_place(doc, _at(text, "Islamabad"))
    assert not no_incident_place(doc, _at(text, "Quetta"))


def test_a_capital_that_undergoes_the_incident_is_its_place(nlp: Language) -> None:
    # verbs of undergoing, being or shaking are no government's act: the capital is where it happened
    for text in (
        "Kabul came under heavy rocket fire overnight, and two guards were killed.",
        "Kabul saw a string of bombings that killed nine people.",
        "Kabul witnessed fierce fighting on Sunday that left four dead.",
        "Kabul trembled as blasts tore through a market, killing three.",
        "Kabul remains on edge after a bomber killed five people.",
        "Kabul is under attack, and three people have died.",
        "Kabul was where the bomber struck, killing six.",
    ):
        assert not no_incident_place(nlp(text), _at(text, "Kabul")), text


def test_a_capital_doing_what_governments_do_stands_for_its_government(nlp: Language) -> None:
    for text in (
        "Kabul rebutted the claim that its forces fired first.",
        "Kabul accused the neighbours of shelling a border post.",
        "Kabul demanded an inquiry into the strike.",
        "Kabul has not confirmed the toll.",
        # the force a government uses, in more words than "attack" or "strike"
        "Kabul carried out drone strikes on the border villages.",
        "Kabul conducted raids across the frontier.",
        "Kabul pounded the hills with artillery.",
    ):
        assert no_incident_place(nlp(text), _at(text, "Kabul")), text
    text = "Kabul hit by blasts that killed four."  # a headline's participle: Kabul was hit
    assert not no_incident_place(nlp(text), _at(text, "Kabul"))


def test_a_capital_that_hits_a_target_is_its_government_one_hit_is_a_place(nlp: Language) -> None:
    # "hit" with a target (an object, "at") is a government's force; without one, or with an
    # agent, a headline's passive participle: the capital is the place hit
    for text in (
        "Kabul hit back at the neighbours on Sunday after the border post fell.",
        "Kabul hit out at the neighbours over the shelling.",
        "Kabul hit militant hideouts across the frontier overnight.",
    ):
        assert no_incident_place(nlp(text), _at(text, "Kabul")), text
    for text in (
        "Kabul hit hard by blasts that killed four.",
        "Kabul hit by a wave of bombings on Sunday.",
        "Kabul hit in overnight drone strikes, three dead.",
    ):
        assert not no_incident_place(nlp(text), _at(text, "Kabul")), text


def test_a_capital_hit_at_a_time_or_a_number_of_times_is_the_place_hit(nlp: Language) -> None:
    # "hit" names no target when what follows is a time, a quantity or an idiom
    for text in (
        "Kabul hit at midnight as blasts kill five.",
        "Kabul hit at around 3 a.m.; four killed in a drone strike.",
        "Kabul hit at least 9 times in drone strikes that killed four.",
        "Kabul hit a record as a bombing killed six people.",
    ):
        assert not no_incident_place(nlp(text), _at(text, "Kabul")), text


def test_an_idiom_or_a_subject_after_a_clock_is_no_time_zone(nlp: Language) -> None:
    text = "Rockets hit Kabul time and again overnight, killing two."
    assert not no_incident_place(nlp(text), _at(text, "Kabul"))
    text = "Shells hit Kabul time after time."
    assert not no_incident_place(nlp(text), _at(text, "Kabul"))
    text = "At 4 am Kabul was shaken by a blast that killed two."
    assert not no_incident_place(nlp(text), _at(text, "Kabul"))  # the clause's subject
    text = "The curfew starts at 9 pm Kabul time."
    assert no_incident_place(nlp(text), _at(text, "Kabul"))


def test_a_compound_that_says_where_keeps_its_place(nlp: Language) -> None:
    text = "Gunmen raided a Logar-area village and a Kunar-province outpost run by Kabul-backed militias."
    doc = nlp(text)
    assert not no_incident_place(doc, _at(text, "Logar"))
    assert not no_incident_place(doc, _at(text, "Kunar"))
    assert no_incident_place(doc, _at(text, "Kabul"))  # whose militias, not where


def test_a_place_opening_an_organisations_name_is_no_place_of_an_incident(nlp: Language) -> None:
    text = "The Kuwait News Agency and the Pakistan Army said a blast hit a Quetta market near Lahore Road."
    doc = nlp(text)
    assert no_incident_place(doc, _at(text, "Kuwait"))
    assert no_incident_place(doc, _at(text, "Pakistan"))
    assert not no_incident_place(doc, _at(text, "Quetta"))
    assert not no_incident_place(doc, _at(text, "Lahore"))  # a road of the city, not an organisation


def test_a_venue_an_organisation_names_keeps_its_place(nlp: Language) -> None:
    text = (
        "A bomb went off outside the Karachi Press Club, a shell hit the Gaza Post office, gunmen "
        "stormed the Peshawar Army Public School and the Bannu Army cantonment, and a rocket struck "
        "the Kabul Television building."
    )
    doc = nlp(text)
    for name in ("Karachi", "Gaza", "Peshawar", "Bannu", "Kabul"):
        assert not no_incident_place(doc, _at(text, name)), name
    said = "The Kabul Television reported that the Pakistan Army said it had killed 4."
    doc = nlp(said)
    assert no_incident_place(doc, _at(said, "Kabul"))  # a broadcaster, not where
    assert no_incident_place(doc, _at(said, "Pakistan"))


def test_the_venue_of_a_speaker_is_no_place_of_the_incident(nlp: Language) -> None:
    for text in (
        "The Herat Times office reported that a mine killed 6 farmers in Farah.",
        "An official at the Herat Press Club said raiders killed 2 reporters in Ghazni.",
    ):
        doc = nlp(text)
        assert no_incident_place(doc, _at(text, "Herat")), text
    hit = "A grenade at the Herat Press Club wounded 4 people, the police said."
    assert not no_incident_place(nlp(hit), _at(hit, "Herat"))  # the subject of the harm: where
