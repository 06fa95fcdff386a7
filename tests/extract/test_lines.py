"""Borders and front lines found as places of precision ``line``."""

from __future__ import annotations

from tolls.extract.lines import find_lines


def names(text: str, focus: str = "PAK") -> list[str]:
    return [p.name for p in find_lines(text, focus)]


def test_a_border_named_by_its_two_countries_keeps_their_order() -> None:
    assert names("Clashes erupted along the Pak-Afghan border on Saturday.") == [
        "Pakistan-Afghanistan border"
    ]
    assert names("the Afghanistan-Pakistan border crossing", "AFG") == ["Afghanistan-Pakistan border"]
    assert names("the Thailand–Cambodia border", "THA") == ["Thailand-Cambodia border"]


def test_one_countrys_border_is_shared_with_the_storys_country() -> None:
    assert names("Fighting near the Afghan border went on.") == ["Pakistan-Afghanistan border"]
    assert names("Fighting near the Afghan border went on.", "") == []  # whose side is unknown
    assert names("Pakistani troops on the Pakistani border") == []


def test_named_lines_and_what_is_not_a_line() -> None:
    assert names("along the Durand Line and across the LoC") == ["Durand Line", "Line of Control"]
    assert names("at the border") == [] and names("the loc was closed") == []
    line = find_lines("the Durand Line", "PAK")[0]
    assert line.precision == "line" and line.lat is None and (line.start, line.end) == (4, 15)


def test_events_along_a_border_carry_it(extract) -> None:  # type: ignore[no-untyped-def]
    x = extract("Afghan and Pakistani forces clashed along the Pak-Afghan border on Saturday night.")
    assert "Pakistan-Afghanistan border" in [p.name for p in x.events[0].locations]
