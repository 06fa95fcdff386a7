"""Parts of a country found as places of precision ``area``."""

from __future__ import annotations

from tolls.extract.regions import find_regions


def test_a_direction_before_a_country_is_a_part_of_it() -> None:
    found = find_regions("Drones struck southern Lebanon overnight and shells fell in north-west Syria.")
    assert [(p.name, p.country, p.precision) for p in found] == [
        ("southern Lebanon", "LBN", "area"),
        ("north-west Syria", "SYR", "area"),
    ]
    assert find_regions("fighting in the east of the Democratic Republic of the Congo") == []
    assert [p.name for p in find_regions("raids in eastern the Sudan")] == ["eastern Sudan"]


def test_names_that_begin_with_a_direction_are_not_parts() -> None:
    assert find_regions("Troops moved into North Waziristan; South Sudan and East Timor were quiet.") == []


def test_an_incident_in_part_of_a_country_carries_it(extract) -> None:  # type: ignore[no-untyped-def]
    x = extract("An air strike hit a house in southern Lebanon on Tuesday, killing three, police said.")
    assert "southern Lebanon" in [p.name for p in x.events[0].locations]
