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


def test_a_time_clause_gives_its_harm_to_no_other_group(extract: Extract) -> None:
    # the clause's own subject and subordinator make it no status of the main clause's group
    x = extract("Thirty villagers stayed in the camp after six were killed, the mayor said.")
    assert _kinds(x) == [("killed", 6)]
    assert _kinds(extract("Twelve miners escaped when three were kidnapped, the company said.")) == [
        ("captured", 3)
    ]
    x = extract("The fate of 8 miners is unknown after 2 were killed in the collapse, rescuers said.")
    assert _kinds(x) == [("killed", 2), ("missing", 8)]


def test_reported_as_kidnapped_parsed_as_a_clause(extract: Extract) -> None:
    # "as" made the subordinator of "kidnapped": still the complement of "reported", no clause
    x = extract(
        "Police said the riots spread in four towns within the county, with at least two observers in "
        "the regional peace talks reported as kidnapped."
    )
    assert _kinds(x) == [("captured", 2)]


def test_hostages_missing_or_of_unknown_fate_give_no_claim(extract: Extract) -> None:
    assert _kinds(extract("About 60 hostages are still missing, the families said.")) == []
    assert _kinds(extract("The fate of the last 40 hostages is unknown, the mediators said.")) == []
    # prisoners may be inmates: missing after a prison break, not taken
    x = extract("Some 25 prisoners are missing after the prison break, guards said.")
    assert _kinds(x) == [("missing", 25)]


def test_holding_people_hostage_to_something_is_an_idiom(extract: Extract) -> None:
    x = extract("The cartel is holding 2 million commuters hostage to its fuel demands, the minister said.")
    assert _kinds(x) == []
    assert _kinds(extract("Banks are holding thousands of borrowers hostage with high fees.")) == []
    x = extract("Militants are holding 30 passengers hostage in the terminal, officials said.")
    assert _kinds(x) == [("captured", 30)]


def test_a_fate_no_longer_unknown_or_uncertain_is_not_missing(extract: Extract) -> None:
    x = extract("The fate of 14 sailors is no longer unknown after a patrol found them alive, the navy said.")
    assert _kinds(x) == []
    assert _kinds(extract("The fate of 40 staff members remains uncertain after the merger.")) == []


def test_a_negated_disappearance_counts_no_one(extract: Extract) -> None:
    assert _kinds(extract("The pilot did not go missing, the air force said.")) == []


def test_a_single_person_taken_hostage_beside_a_death_toll(extract: Extract) -> None:
    x = extract("Five policemen were killed and a colleague taken hostage, the ministry said.")
    assert _kinds(x) == [("captured", 1), ("killed", 5)]
    assert one(x, 1, "captured").victims.name == "a colleague"
    x = extract("Two guards were wounded and a driver taken hostage, police said.")
    assert _kinds(x) == [("captured", 1), ("injured", 2)]
    assert _kinds(extract("The rebels took hostages in the village, the army said.")) == []


def test_a_perfect_taken_hostages_names_the_captors(extract: Extract) -> None:
    # an active perfect: its subject took the hostages, it is no count of captives
    assert _kinds(extract("Some 40 raiders have taken hostages at the depot, the police said.")) == []
    x = extract("About 15 fighters had taken hostages in the hamlet before the troops came, the army said.")
    assert _kinds(x) == []
    assert _kinds(extract("Nine attackers had stormed the bank and taken hostages, officials said.")) == []
    # the elided passive still counts its subject
    x = extract("Four guards were killed and an officer taken hostage in the raid, the police said.")
    assert _kinds(x) == [("captured", 1), ("killed", 4)]
