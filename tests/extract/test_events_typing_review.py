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
