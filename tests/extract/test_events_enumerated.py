"""Incidents told in turn (docs/extraction.md, "Events"): "two separate attacks ... In the first
attack, ... In the second attack, ..." is an aggregate event and one event per incident told at a
place or on a date of its own; "another strike killed three" with nothing of its own is a part of
the incident told before it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tolls.extract.events import _enumerated
from tolls.model import Extraction

Extract = Callable[..., Extraction]

TAIL = " Residents said the firing lasted hours. Schools were closed. Traders said markets stayed shut."


def test_an_ordinal_or_another_before_an_incident_noun_tells_one_of_several() -> None:
    for text in (
        "In the second incident, two traders were killed",
        "The first operation took place on Friday near the village",
        "Police said another ambush took place on the highway",
    ):
        assert _enumerated(text, 0, len(text)), text
    for text in (
        "It was another attack on the town",  # the same incident told again
        "The army said the first attack came at dawn",  # an ordinal inside the sentence
        "Fighting went on for a second day",  # no incident noun
        "Police called it yet another attack on the town",  # the same incident compared
        "The first major attack in the city since August, it was claimed",  # a comparison
    ):
        assert not _enumerated(text, 0, len(text)), text


def _story(first: str, second: str) -> str:
    return (
        "Gunmen killed six people in two separate attacks in the north in October, police said. "
        f"{first}our labourers were killed on Thursday. {second}wo shopkeepers were shot dead on Saturday."
        + TAIL
    )


@pytest.mark.slow
def test_incidents_told_in_turn_are_events_beside_their_announcement(extract: Extract) -> None:
    x = extract(_story("In the first attack, f", "In the second attack, t"))
    assert [e.dates.text for e in x.events] == ["October", "Thursday", "Saturday"]
    tolls = [[c.figure.text for c in x.claims if c.event_ref == i] for i in range(3)]
    assert tolls == [["six"], ["four"], ["two"]]  # each figure with the incident whose sentence holds it
    # told without the ordinals, the days fall within the month told first: one incident, as before
    assert len(extract(_story("F", "T")).events) == 1


@pytest.mark.slow
def test_another_strike_with_no_place_of_its_own_is_part_of_the_raid(extract: Extract) -> None:
    x = extract(
        "Air strikes hit villages in Paktika province on Tuesday, killing 20 people, officials said. "
        "One bombing killed 12 members of a family. Another strike reportedly killed three people." + TAIL
    )
    assert len(x.events) == 1
