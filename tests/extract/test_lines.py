"""Borders and front lines found as places of precision ``line``."""

from __future__ import annotations

from tolls.extract.lines import border_partner, find_lines


def names(text: str, focus: str = "PAK") -> list[str]:
    return [p.name for p in find_lines(text, focus)]


def test_a_border_named_by_its_two_countries_takes_its_usual_name() -> None:
    assert names("Clashes erupted along the Pak-Afghan border on Saturday.") == [
        "Pakistan-Afghanistan border"
    ]
    assert names("the Afghanistan-Pakistan border crossing", "AFG") == ["Pakistan-Afghanistan border"]
    assert names("the Cambodia–Thailand border", "KHM") == ["Thailand-Cambodia border"]
    # a pair with no usual name listed keeps the text's order
    assert names("the Chile-Peru border", "PER") == ["Chile-Peru border"]


def test_a_bare_border_is_the_storys_country_and_its_partners() -> None:
    text = "Border clashes went on overnight; shells fell on both sides of the border near Torkham."
    assert [p.name for p in find_lines(text, "PAK", "AFG")] == ["Pakistan-Afghanistan border"] * 2
    assert find_lines(text, "PAK", "") == []  # no partner: whose border is unknown
    assert find_lines(text, "PAK", "CHL") == []  # no border listed between the two
    assert find_lines("Pakistan secured its borders and its own border posts.", "PAK", "AFG") == []


def test_the_partner_is_the_most_named_neighbour() -> None:
    assert border_partner("PAK", {"PAK": 9, "AFG": 4, "USA": 6}) == "AFG"
    assert border_partner("THA", {"THA": 3, "KHM": 2, "MMR": 1}) == "KHM"
    assert border_partner("PAK", {"PAK": 3, "USA": 2}) == ""


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


def test_an_incident_at_the_border_of_the_story_carries_it(extract) -> None:  # type: ignore[no-untyped-def]
    x = extract(
        "Pakistani and Afghan troops exchanged heavy fire at the border overnight, Pakistani officials said. "
        "Islamabad blamed Kabul for the border clashes, and Afghanistan accused Pakistan of shelling."
    )
    assert x.events and "Pakistan-Afghanistan border" in [p.name for p in x.events[0].locations]


def test_a_capitalised_border_or_frontier_in_a_proper_name_is_no_border() -> None:
    for text in (
        "Three Frontier Corps troops died in an ambush near Zhob.",
        "The Border Security Force seized rifles in Jammu.",
        "A Border Guard Service statement said the post was shelled.",
        "He grew up in the old North-West Frontier Province.",
    ):
        assert find_lines(text, "PAK", "AFG") == [], text
    # a capitalised border that starts a sentence is still the story's border
    assert [p.name for p in find_lines("Border posts were shelled.", "PAK", "AFG")] == [
        "Pakistan-Afghanistan border"
    ]


def test_cross_border_is_a_kind_of_attack_however_it_is_hyphenated() -> None:
    for text in ("cross border raids", "Cross\u2011border raids", "cross-border raids", "CROSS-BORDER RAIDS"):
        assert find_lines(text, "PAK", "AFG") == [], text


def test_a_border_between_two_named_countries() -> None:
    assert names("Fighting resumed on the border between Thailand and Cambodia.", "THA") == [
        "Thailand-Cambodia border"
    ]
    assert names("a long border dispute between Chad and Sudan", "SDN") == ["Sudan-Chad border"]
    assert names("talks between Thailand and Cambodia", "THA") == []  # no border told


def test_their_singular_border_is_the_one_the_two_share() -> None:
    text = "The two neighbours traded fire on their common border and shelled their disputed border."
    assert [p.name for p in find_lines(text, "THA", "KHM")] == ["Thailand-Cambodia border"] * 2
    assert find_lines("The militias guarded their own border posts.", "THA", "KHM") == []


def test_their_border_of_two_other_countries_is_not_the_storys() -> None:
    other = "Later, Iranian guards shot 2 Afghan migrants after Iran and Afghanistan shut their border."
    assert find_lines(other, "PAK", "IRN") == []
    also = "Iran and Turkey also shut their border with Iraq on Monday."
    assert find_lines(also, "PAK", "IRN") == []
    ours = "Beijing urged Pakistan and Afghanistan to calm their tense border."
    assert [p.name for p in find_lines(ours, "PAK", "AFG")] == ["Pakistan-Afghanistan border"]
    sides = "Thailand struck Cambodia again, with both sides firing along their border."
    assert [p.name for p in find_lines(sides, "THA", "KHM")] == ["Thailand-Cambodia border"]


def test_between_two_countries_that_share_no_border_is_no_border() -> None:
    assert names("Missile strikes between Israel and Iran went on for a week.", "ISR") == []
    assert names("the border row between Israel and Iran", "ISR") == []  # no land border listed


def test_cross_border_fire_between_two_countries_is_a_kind_of_attack() -> None:
    assert names("Cross-border shelling between Armenia and Azerbaijan killed 2.", "ARM") == []
    assert names("cross border raids between Pakistan and Afghanistan") == []


def test_a_border_between_a_country_of_two_words() -> None:
    text = "fighting on the border between Sudan and South Sudan"
    assert names(text, "SDN") == ["Sudan-South Sudan border"]
