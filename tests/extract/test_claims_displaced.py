"""Claims of kinds displaced and deported on hand-written sentences: forms of flight and removal."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def _figs(x: Extraction) -> list[tuple[str, int | None]]:
    return sorted((c.kind, c.figure.value) for c in x.claims)


def test_people_forced_or_driven_from_their_homes_are_displaced(extract: Extract) -> None:
    assert _figs(extract("More than 3,000 residents were forced from their homes after the floods.")) == [
        ("displaced", 3000)
    ]
    assert _figs(extract("The fighting has driven 5,000 families out of their villages.")) == [
        ("displaced", 5000)
    ]
    # from somewhere that is not a home, no flight
    assert _figs(extract("Police drove 40 protesters from the square.")) == []
    assert _figs(extract("The army forced 200 militants out of their positions.")) == []


def test_a_total_of_wraps_the_count_it_opens(extract: Extract) -> None:
    # "a total of" adds no steps between a subset and the verb of the whole
    x = extract("A total of 2,145 Afghan migrants, including 312 families, were deported on Sunday.")
    assert _figs(x) == [("deported", 312), ("deported", 2145)]


def test_a_return_with_a_deportation_s_figure_is_that_deportation(extract: Extract) -> None:
    x = extract(
        "More than 9,000 returning refugees were registered in May, the agency said. "
        "The agency said it had registered more than 9,000 deportees from Iran."
    )
    assert _figs(x) == [("deported", 9000)]
    # in one sentence, two groups
    x = extract("Some 3,000 people returned from Iran on Monday, while 3,000 people were deported.")
    assert _figs(x) == [("deported", 3000), ("other", 3000)]


def test_forced_from_homes_needs_a_possessive_and_people_no_party_to_the_fighting(extract: Extract) -> None:
    # no possessive home: driven back or moved, not displaced
    assert _figs(extract("The army drove 300 insurgents out of the district after heavy fighting.")) == []
    assert _figs(extract("Traffickers drove 25 migrants from the border village to the coast.")) == []
    # an armed group or rioters forced from their villages are a party to the fighting
    assert _figs(extract("Troops forced 150 rebels from their villages in the hills.")) == []
    # civilians and people with no side are displaced
    x = extract("The shelling forced 2,000 families from their homes, the governor said.")
    assert _figs(x) == [("displaced", 2000)]
    # a dwelling needs no possessive
    x = extract("The bombing forced 4,500 civilians from homes across the valley.")
    assert _figs(x) == [("displaced", 4500)]


def test_a_deportation_absorbs_only_a_return_of_the_same_date_and_origin(extract: Extract) -> None:
    # a casualty figure is no return
    x = extract(
        "The rocket fire killed or wounded 14 people in the town, the mayor said. "
        "Separately, Hungary expelled 14 people to Serbia."
    )
    assert _figs(x) == [("deported", 14), ("other", 14)]
    # a return from another country
    x = extract(
        "Turkey deported 700 Syrian refugees through the Bab al-Hawa crossing on Friday. "
        "On the same day, 700 families returned from Lebanon."
    )
    assert _figs(x) == [("deported", 700), ("other", 700)]
    # a return on another date
    x = extract(
        "About 4,000 refugees returned to the country last month. "
        "About 4,000 people were deported from Iran on Tuesday, officials said."
    )
    assert _figs(x) == [("deported", 4000), ("other", 4000)]
