"""Recognition of place names joined to a lower-case Arabic article."""

from __future__ import annotations

from tolls.geo import Gazetteer, find_toponyms


def _names(text: str, gaz: Gazetteer) -> list[str]:
    return [text[s:e] for s, e in find_toponyms(text, [], gazetteer=gaz)]


def test_lower_case_article_opens_the_name(gaz: Gazetteer) -> None:
    assert _names("The fighters took el-Fasher after a long siege.", gaz) == ["el-Fasher"]
    assert _names("A shell landed near al-Fashir on Tuesday.", gaz) == ["al-Fashir"]


def test_article_of_a_person_is_no_place(gaz: Gazetteer) -> None:
    text = "The former ruler Bashar al-Assad left the country."
    assert _names(text, gaz) == []


def test_a_name_inside_a_groups_name_is_no_place(gaz: Gazetteer) -> None:
    text = "Fighters of the Islamic State of Iraq and al-Sham took the hill."
    start = text.index("Islamic")
    group = (start, text.index(" took"))
    assert "al-Sham" in _names(text, gaz)  # the gazetteer knows the name
    names = [text[s:e] for s, e in find_toponyms(text, [], gazetteer=gaz, groups=[group])]
    assert "al-Sham" not in names
