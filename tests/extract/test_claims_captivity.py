"""Claims of people captured or missing, on hand-written sentences: the forms that tell a capture
or a disappearance, and the ones that tell a stock of captives."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.extract.claim_lookup import one

from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def _kinds(x: Extraction) -> list[tuple[str, int | None]]:
    return sorted((c.kind, c.figure.value) for c in x.claims)


def test_a_group_missing_after_a_coordinated_death_toll(extract: Extract) -> None:
    x = extract("At least 12 villagers died and 30 were missing after the landslide, officials said.")
    assert _kinds(x) == [("killed", 12), ("missing", 30)]


def test_one_person_who_went_missing(extract: Extract) -> None:
    x = extract("A soldier went missing during the night patrol, the army said.")
    c = one(x, 1, "missing")
    assert c.victims.name == "A soldier" and c.claimant.name == "army"


def test_one_person_still_unaccounted_for(extract: Extract) -> None:
    assert one(extract("A fisherman remains unaccounted for, the coast guard said."), 1, "missing")


def test_reported_as_kidnapped(extract: Extract) -> None:
    x = extract("Four delegates to the dialogue were reported as kidnapped, local officials said.")
    c = one(x, 4, "captured")
    assert c.claimant.inter == 1


def test_holding_a_group_hostage_is_a_capture(extract: Extract) -> None:
    x = extract("Gunmen are holding hundreds of bus passengers hostage near the pass, officials said.")
    assert one(x, 200, "captured").figure.qualifier == "vague"
    assert one(extract("The gang kept 12 farmers captive for a week, police said."), 12, "captured")


def test_holding_hostages_is_a_stock_not_a_capture(extract: Extract) -> None:
    assert _kinds(extract("The insurgents are still holding six hostages, the ministry said.")) == []


def test_hostages_unaccounted_for_are_not_missing(extract: Extract) -> None:
    assert _kinds(extract("About 90 hostages remain unaccounted for, the forum said.")) == []


def test_taken_hostage_names_no_single_victim(extract: Extract) -> None:
    x = extract("Nine guards were killed and 11 taken hostage in the raid, the police said.")
    assert _kinds(x) == [("captured", 11), ("killed", 9)]
    assert one(extract("The raiders took a hostage before fleeing."), 1, "captured")


def test_fate_or_whereabouts_unknown_is_missing(extract: Extract) -> None:
    assert one(extract("The fate of 17 miners remains unknown, the company said."), 17, "missing")
    x = extract("The whereabouts of 12 crew members are still unclear, the shipping firm said.")
    assert one(x, 12, "missing")
    assert _kinds(extract("The fate of 40 hamlets is unknown after the storm.")) == []


def test_captures_of_places_and_pictures_are_no_people(extract: Extract) -> None:
    x = extract(
        "The rebels captured the town of Kalo after heavy fighting. The attack was captured on camera "
        "by a resident. Police arrested 40 protesters in the capital."
    )
    assert _kinds(x) == [("detained", 40)]
