"""Event typing review on hand-written reports: ceasefire violations and talks as a frame make no
event, forces firing with no civilian target fight a battle, a fight is not retyped by harm to
civilians told beside it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from tolls.extract.event_types import find_event_triggers
from tolls.extract.events import _Draft, _patient_decides
from tolls.model import Extraction

Extract = Callable[..., Extraction]

_AGREEMENT = "Strategic developments/Agreement"
_CLASH, _ON_CIVILIANS = "Battles/Armed clash", "Violence against civilians/Attack"


@pytest.mark.parametrize(
    "text",
    [
        "Nine people were hurt in shelling that the ministry called a violation of the ceasefire.",
        "Officials counted dozens of ceasefire violations by the other side along the frontier.",
        "The army said the rebels breached the truce overnight with mortar fire on two villages.",
    ],
)
def test_a_violated_ceasefire_is_no_agreement_trigger(text: str) -> None:
    assert all(t[2] != _AGREEMENT for t in find_event_triggers(text))


def test_a_ceasefire_struck_despite_violations_stays_an_agreement() -> None:
    text = "Despite earlier violations, the two sides signed a ceasefire in the capital on Friday."
    assert any(t[2] == _AGREEMENT for t in find_event_triggers(text))


def test_talks_told_as_the_frame_of_an_attack_are_no_negotiation() -> None:
    text = "The shelling came during a fragile lull and amid ongoing diplomatic mediation efforts."
    assert all(t[2] != "Negotiation" for t in find_event_triggers(text))


def test_talks_of_their_own_stay_a_negotiation() -> None:
    assert any(t[2] == "Negotiation" for t in find_event_triggers("Envoys held talks in the capital."))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Afghan forces opened fire at several points along the border on Saturday night.", _CLASH),
        ("The troops opened fire in several areas of the district overnight.", _CLASH),
        ("Soldiers opened fire on villagers at a market near the border on Saturday.", _ON_CIVILIANS),
        ("Gunmen opened fire at a wedding party in the village late on Friday.", _ON_CIVILIANS),
    ],
)
def test_regular_forces_firing_at_no_one_told_fight_a_battle(nlp: Language, text: str, expected: str) -> None:
    doc = nlp(text)
    trigger = next(t for t in find_event_triggers(text) if t[2] == _ON_CIVILIANS)
    drafts = [_Draft(_ON_CIVILIANS, trigger[0], trigger[1], 0, 0, sents={0})]
    _patient_decides(doc, drafts)
    assert drafts[0].type == expected


@pytest.mark.slow
def test_harm_to_civilians_told_beside_fighting_does_not_retype_it(extract: Extract) -> None:
    x = extract(
        "Rebels have been fighting the army for control of Goma, the agency said on Tuesday.\n\n"
        "  * It says hundreds of people are wounded, and a rise in cases of rape was reported\n\n"
        "  * Families are leaving the city on foot\n\n"
        "  * At least nine peacekeepers have been killed in clashes with the rebels\n\n"
        "  * Power lines in Goma have been cut",
        published=date(2025, 1, 28),
    )
    assert [e.type for e in x.events] == [_CLASH]


@pytest.mark.parametrize(
    "text",
    [
        "After repeated violations, the two factions accepted a new truce in Nairobi on Tuesday.",
        "Despite violations, the parties extended the ceasefire for another month on Monday.",
        "After breaches on both sides, the rivals renewed the truce on Friday.",
        "Following violations, the two armies sealed a new ceasefire in the capital.",
    ],
)
def test_a_ceasefire_made_or_kept_despite_violations_stays_an_agreement(text: str) -> None:
    assert any(t[2] == _AGREEMENT for t in find_event_triggers(text))


@pytest.mark.parametrize(
    "text",
    [
        "The rebels accused the army of violating the Kenyan-mediated truce after shelling hit a market.",
        "The army said the rebels breached the ceasefire declared by the president, shelling two towns.",
        "The rebels said the army violated the truce it had declared, as mortars hit a clinic.",
    ],
)
def test_a_violated_ceasefire_told_how_it_was_made_is_no_agreement(text: str) -> None:
    # a participle telling how the violated ceasefire was once made is no new agreement
    assert not any(t[2] == _AGREEMENT for t in find_event_triggers(text))


def test_declaring_a_ceasefire_despite_violations_stays_an_agreement() -> None:
    text = "After repeated violations, the general declared a new ceasefire in the north on Sunday."
    assert any(t[2] == _AGREEMENT for t in find_event_triggers(text))


# a longer report: its later events are typed by their own sentences, not the whole-text classifier
_LEAD = (
    "A roadside bomb killed two policemen in Kindu on Monday, the governor said. Fuel prices have "
    "doubled. Clinics are short of staff. Farmers cannot reach their fields. Separately, on Wednesday "
    "in the town of Uvira, "
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("soldiers opened fire on evacuees, killing five, witnesses said.", _ON_CIVILIANS),
        ("troops opened fire on a minibus, killing five, witnesses said.", _ON_CIVILIANS),
        ("security forces fired on fishermen on the lake, killing five, witnesses said.", _ON_CIVILIANS),
        ("soldiers opened fire in the market, killing five, witnesses said.", _ON_CIVILIANS),
        ("troops opened fire at several points along the border, killing five, officials said.", _CLASH),
    ],
)
def test_forces_firing_on_anyone_named_stay_an_attack_in_a_long_report(
    extract: Extract, clause: str, expected: str
) -> None:
    x = extract(_LEAD + clause)
    assert [e.type for e in x.events][-1] == expected


@pytest.mark.slow
def test_an_attack_with_its_own_doer_and_target_retypes_the_fighting_told_before(extract: Extract) -> None:
    x = extract(
        "A roadside bomb killed two policemen in Kindu on Monday, the governor said. Fuel prices have "
        "doubled. Clinics are short of staff. Farmers cannot reach their fields. Separately, fighting "
        "broke out in Masisi territory on Wednesday. Militiamen attacked a camp for displaced families "
        "there, killing 30 civilians, the UN said."
    )
    assert [e.type for e in x.events][-1] == _ON_CIVILIANS


@pytest.mark.slow
@pytest.mark.parametrize(
    "last",
    [
        "Despite talks in Muscat on Sunday, fighting went on in Marib, killing nine people, medics said.",
        "The shelling of Marib came amid negotiations in Muscat on Sunday between the two sides.",
    ],
)
def test_the_place_of_talks_told_as_a_frame_is_no_other_events(extract: Extract, last: str) -> None:
    x = extract(
        "Shelling killed 14 people in Marib on Sunday, medics said. Relief agencies say cholera is "
        "spreading. Water prices have doubled. Schools remain shut in the north. " + last
    )
    assert x.events
    assert all("Muscat" not in [p.name for p in e.locations] for e in x.events if e.type != "Negotiation")


@pytest.mark.slow
def test_talks_told_with_their_place_keep_it(extract: Extract) -> None:
    x = extract("Envoys of the two governments held talks in Muscat on Thursday, officials said.")
    assert any(e.type == "Negotiation" and [p.name for p in e.locations] == ["Muscat"] for e in x.events)
