"""One trigger told of coordinated places, end to end (docs/extraction.md, "Events"): with a small
gazetteer (tests/extract/afghan_places.py) that resolves three provinces, which event each claim
reaches, each event's fatalities and dates after the split. The sentences are written for these
tests; a five-sentence tail makes each a longer report, where the split applies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.extract.afghan_places import PROVINCES, Extract, extractor

from tolls.model import Extraction

pytestmark = pytest.mark.slow


SUNDAY = date(2025, 10, 19)


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Extract:
    return extractor(Path(tmp_path_factory.mktemp("geo")), PROVINCES)


def _where(x: Extraction) -> list[str]:
    return [e.locations[0].name for e in x.events]


def _killed(x: Extraction) -> list[int | None]:
    return [e.fatalities.best if e.fatalities else None for e in x.events]


def test_the_split_gives_one_event_per_place_and_the_toll_to_the_first(placed: Extract) -> None:
    x = placed("Air strikes hit Khost and Kunar on Sunday, killing 10 people, officials said.")
    assert _where(x) == ["Khost", "Kunar"]
    assert [c.event_ref for c in x.claims] == [0]
    assert _killed(x) == [10, None]
    assert [e.dates.start for e in x.events] == [SUNDAY, SUNDAY]


def test_a_placeless_follow_up_reaches_the_first_place_event(placed: Extract) -> None:
    x = placed("Air strikes hit Khost and Kunar on Sunday, police said. Schools shut. The strikes killed 9.")
    assert _where(x) == ["Khost", "Kunar"]
    assert [c.event_ref for c in x.claims] == [0]
    assert _killed(x) == [9, None]


def test_a_split_place_is_not_told_again_in_a_later_sentence_of_the_first(placed: Extract) -> None:
    x = placed(
        "Air strikes hit Khost and Kunar on Sunday, officials said. Schools were shut. The strike in "
        "Khost killed 5 civilians, and clashes later killed 2 soldiers, police said."
    )
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[5] == 0  # the Khost strike
    assert refs[2] != 1  # not the Kunar strike, though told on in this sentence with Khost's
    assert _killed(x)[1] is None


def test_an_unnumbered_toll_counts_once(placed: Extract) -> None:
    x = placed("Air strikes on Khost and Kunar on Sunday caused heavy casualties, officials said.")
    assert _where(x) == ["Khost", "Kunar"]
    assert x.events[0].fatalities is not None
    assert x.events[1].fatalities is None


def test_a_date_told_next_reaches_every_split_place(placed: Extract) -> None:
    x = placed("Air strikes hit Khost and Kunar, killing 10 people, police said. It was on Sunday night.")
    assert _where(x) == ["Khost", "Kunar"]
    assert [e.dates.start for e in x.events] == [SUNDAY, SUNDAY]
    assert _killed(x) == [10, None]


def test_a_second_trigger_of_a_split_place_takes_its_own_figure(placed: Extract) -> None:
    x = placed("Air strikes hit Khost and Kunar, and shelling in Kunar killed 5 civilians on Sunday.")
    assert _where(x) == ["Khost", "Kunar"]
    assert [c.event_ref for c in x.claims] == [1]
    assert _killed(x) == [None, 5]


def test_places_victims_came_from_are_not_split_and_keep_their_order(placed: Extract) -> None:
    x = placed("Air strikes hit Paktika on Sunday, killing 7 people including refugees from Khost and Kunar.")
    assert len(x.events) == 1
    assert x.events[0].locations[0].name == "Paktika"
    assert _killed(x) == [7]


def test_figures_given_place_by_place_keep_the_trigger_on_one_event(placed: Extract) -> None:
    x = placed("Air strikes on Khost and Kunar on Sunday killed 4 and 6 people respectively.")
    assert len(x.events) == 1  # not split: both figures on the Khost event, none on Kunar's
    assert {c.event_ref for c in x.claims} == {0}


def test_a_toll_told_in_its_own_clause_after_another_is_its_incidents(placed: Extract) -> None:
    x = placed(
        "Air strikes hit Khost and Kunar on Sunday, officials said. Schools were shut. The strike in "
        "Khost killed 4 civilians, and clashes later killed 3 guards, police said."
    )
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[4] == 0  # the Khost strike
    assert refs[3] not in (0, 1)  # the clashes: an incident of their own, with their own toll
    assert x.events[refs[3] or 0].type.startswith("Battles")
    assert _killed(x)[:2] == [4, None]


def test_a_toll_after_a_cue_that_sets_it_apart_is_not_the_first_events(placed: Extract) -> None:
    for cue in ("Meanwhile", "Separately", "Elsewhere"):
        x = placed(
            f"Air strikes hit Khost and Kunar on Sunday, officials said. {cue}, 3 guards were killed "
            "in clashes."
        )
        refs = [c.event_ref for c in x.claims]
        assert len(refs) == 1 and refs[0] not in (0, 1), cue
        assert _killed(x)[:2] == [None, None], cue


def test_a_later_sentence_naming_a_split_place_tells_of_its_event(placed: Extract) -> None:
    x = placed(
        "Air strikes hit Khost and Kunar on Sunday, killing 4 people, officials said. In Kunar, 3 more died."
    )
    assert _where(x) == ["Khost", "Kunar"]
    assert [c.event_ref for c in x.claims] == [0, 1]
    assert _killed(x) == [4, 3]
    # a sentence naming both places says nothing of which: the first keeps it
    x = placed(
        "Air strikes hit Khost and Kunar on Sunday, killing 4 people, officials said. In Khost and "
        "Kunar, 3 more died."
    )
    assert [c.event_ref for c in x.claims] == [0, 0]


def test_places_after_a_possessive_are_split_too(placed: Extract) -> None:
    x = placed("Air strikes hit Afghanistan's Khost and Kunar provinces on Sunday, officials said.")
    assert _where(x) == ["Khost", "Kunar"]


def test_a_place_of_origin_does_not_tell_of_the_incident_there(placed: Extract) -> None:
    # "from Kunar" says where the dead came from, not where they died: the toll is the latest incident's
    x = placed(
        "Air strikes hit Khost on Sunday, killing 4 people, officials said. On Monday, a drone hit a "
        "car in Paktika. Two passengers, both from Khost, died."
    )
    refs = {c.figure.value: c.event_ref for c in x.claims}
    assert refs[4] == 0 and refs[2] != 0
    assert x.events[refs[2] or 0].locations[0].name == "Paktika"


def test_a_cue_before_a_definite_mention_of_the_incident_keeps_its_toll_there(placed: Extract) -> None:
    # "Meanwhile, ... in the strike": another source on the strike told before, not another incident
    x = placed(
        "Jets bombed targets in Kunar on Sunday, the army said. Schools were shut. Meanwhile, doctors said "
        "9 civilians were killed in the strike."
    )
    assert [c.event_ref for c in x.claims] == [0]
    assert _killed(x)[0] == 9


def test_a_none_the_speaker_caused_on_its_own_soil_is_its_own_countrys(placed: Extract) -> None:
    # (claims._none_claims, with this gazetteer's places) the incident is in the speaker's country:
    # a foreign country named nearby is not whose civilians it says it spared
    x = placed(
        "Afghan forces killed 6 militants in Kunar on Sunday, the army said, accusing Pakistan of "
        "sheltering them. It said it did not kill any civilians."
    )
    zero = next(c for c in x.claims if c.figure.value == 0)
    assert zero.claimant.country == "AFG"
    assert (zero.victims.country, zero.victims.inter) == ("AFG", 7)
