"""A line linking to another story ("Also Read: ...") tells no incident of the report and gives
none of its places (docs/extraction.md, "Events"). A small gazetteer
(tests/extract/afghan_places.py); the sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.extract.afghan_places import PROVINCES, Extract, extractor, row

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Extract:
    return extractor(Path(tmp_path_factory.mktemp("geo")), PROVINCES)


def test_a_linked_headline_gives_no_place_and_no_event(placed: Extract) -> None:
    text = (
        "A drone strike hit a house in Khost on Sunday, killing 4, police said.\n"
        "Also Read: Flood fears? Bus crash in Kunar kills nine\n"
        "Elders met to discuss the strike. Shops were shut. Roads stayed empty."
    )
    events = placed(text).events
    names = {p.name for e in events for p in e.locations}
    assert "Kunar" not in names
    assert "Khost" in names


@pytest.mark.parametrize("head", ["ALSO READ | ", "Also read ", "Also Read — ", "WATCH: ", "READ: "])
def test_a_link_without_a_colon_gives_no_figure_and_no_place(placed: Extract, head: str) -> None:
    text = (
        "A drone strike hit a house in Khost on Sunday, killing 4, police said.\n"
        f"{head}Gunmen kill nine guards in Kunar\n"
        "Elders met to discuss the strike. Shops were shut. Roads stayed empty."
    )
    x = placed(text)
    assert "Kunar" not in {p.name for e in x.events for p in e.locations}
    assert all(c.figure.value != 9 for c in x.claims)


def test_a_group_named_with_an_article_gives_no_place(tmp_path: Path) -> None:
    rows = (*PROVINCES, row(9, "al-Sham", "town", 33.5, 36.3, admin1="Kunar"))
    text = "Police in Khost said the Islamic State in Iraq and al-Sham killed 12 soldiers on Monday."
    x = extractor(tmp_path, rows)(text)
    assert "al-Sham" not in {p.name for e in x.events for p in e.locations}


@pytest.mark.parametrize(
    "line",
    [
        "Watch: a video shared by residents shows the blast, which also wounded 9 people.",
        "Watch - the governor said 9 more people died in hospital overnight.",
    ],
)
def test_a_mixed_case_watch_opening_a_sentence_of_the_body_is_no_link(placed: Extract, line: str) -> None:
    x = placed(f"A drone strike hit a house in Khost on Sunday, killing 4, police said.\n{line}")
    assert any(c.figure.value == 9 for c in x.claims)


def test_read_more_before_a_capital_opening_a_sentence_of_the_body_is_no_link(placed: Extract) -> None:
    x = placed(
        "A drone strike hit a house in Khost on Sunday, killing 4, police said.\n"
        "Read more Afghans were killed in Kunar on Monday, 9 of them guards, police said."
    )
    assert "Kunar" in {p.name for e in x.events for p in e.locations}


@pytest.mark.parametrize("head", ["Watch: ", "Read more "])
def test_a_mixed_case_watch_or_read_more_on_a_headline_is_a_link(placed: Extract, head: str) -> None:
    x = placed(
        "A drone strike hit a house in Khost on Sunday, killing 4, police said.\n"
        f"{head}Gunmen kill nine guards in Kunar\n"
        "Elders met to discuss the strike. Shops were shut. Roads stayed empty."
    )
    assert "Kunar" not in {p.name for e in x.events for p in e.locations}
    assert all(c.figure.value != 9 for c in x.claims)
