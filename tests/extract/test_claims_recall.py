"""Casualty figures that shapes of news text used to lose: "have sustained injuries" misparsed, the
first of coordinated groups whose harm follows the last, the parts a harmed group comprises."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.extract.claim_lookup import one

from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The mayor said 27 residents have sustained injuries in the blast.", 27),
        ("Officials said a total of 41 people have sustained injuries since the shelling began.", 41),
        ("About 50 workers were inside the depot, and several have sustained injuries, the police said.", 3),
    ],
)
def test_have_sustained_injuries(extract: Extract, text: str, value: int) -> None:
    assert one(extract(text), value, "injured").kind == "injured"


def test_coordinated_groups_share_a_harm_noun(extract: Extract) -> None:
    x = extract("The ministry confirmed eleven civilian and three soldier deaths during the raids.")
    assert one(x, 11).victims.name.startswith("eleven civilian")
    assert one(x, 3).kind == "killed"


def test_coordinated_groups_share_a_participle(extract: Extract) -> None:
    x = extract(
        "The governor reported six policemen and 19 villagers, including children, killed in the attack."
    )
    assert one(x, 6).victims.name == "six policemen"
    assert one(x, 19).kind == "killed"


def test_a_group_with_a_harm_of_its_own_keeps_it(extract: Extract) -> None:
    x = extract("The soldiers detained nine suspects and three wounded fighters killed in the raid.")
    assert not [c for c in x.claims if c.figure.value == 9 and c.kind == "killed"]


def test_parts_a_harmed_group_comprises(extract: Extract) -> None:
    x = extract(
        "Shelling struck a school in the district overnight, resulting in the deaths of ten pupils, "
        "comprising seven boys and three girls."
    )
    assert one(x, 10).kind == "killed"
    assert one(x, 7).victims.name == "seven boys"
    assert one(x, 3).kind == "killed"


def test_parts_of_an_unharmed_group_are_no_toll(extract: Extract) -> None:
    x = extract("The convoy carried forty passengers, comprising thirty adults and ten children.")
    assert not [c for c in x.claims if c.kind == "killed"]


@pytest.mark.parametrize(
    "text",
    [
        "The agency tallied 52 raids and 16 villagers killed during the winter.",
        "Officials listed 14 trucks and 6 drivers killed on the mountain road.",
        "The month saw 25 bombardments and 8 medic deaths in the north.",
    ],
)
def test_things_beside_a_harmed_group_are_no_victims(extract: Extract, text: str) -> None:
    x = extract(text)
    killed = {c.figure.value for c in x.claims if c.kind == "killed"}
    assert killed & {16, 6, 8}
    assert not killed & {52, 14, 25}


@pytest.mark.parametrize(
    ("text", "first", "kind"),
    [
        ("The militia handed back 15 living hostages and two hostages killed in custody.", 15, "killed"),
        ("The gunmen freed 30 passengers and five guards wounded in the ambush.", 30, "injured"),
        ("Mediators said 11 unharmed workers and four workers killed were brought home.", 11, "killed"),
    ],
)
def test_a_group_with_a_state_of_its_own_takes_no_shared_harm(
    extract: Extract, text: str, first: int, kind: str
) -> None:
    x = extract(text)
    assert not [c for c in x.claims if c.figure.value == first and c.kind == kind]


def test_parts_must_be_people(extract: Extract) -> None:
    x = extract("The bombing killed 25 people, comprising 10 attacks and 15 strikes.")
    assert not [c for c in x.claims if c.figure.value in (10, 15) and c.kind == "killed"]
