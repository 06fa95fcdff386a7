"""Where an incident lies at two levels, end to end (docs/extraction.md, "Events"): the country of
its places when the report names it, and the finer place a following sentence gives an incident
placed only in its country. A small gazetteer (tests/extract/afghan_places.py); the sentences are
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.extract.afghan_places import PROVINCES, Extract, extractor, row

pytestmark = pytest.mark.slow

ROWS = (*PROVINCES, row(5, "Sharana", "town", 33.1, 68.8, admin1="Paktika"))


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Extract:
    return extractor(Path(tmp_path_factory.mktemp("geo")), ROWS)


def _names(text: str, placed: Extract) -> list[list[str]]:
    return [[p.name for p in e.locations] for e in placed(text).events]


def test_an_incident_in_a_province_lies_in_the_country_the_report_names(placed: Extract) -> None:
    text = (
        "A drone strike hit a house in Khost on Sunday, killing 4, police said. Elders met. "
        "Shops were shut. Roads stayed empty. Aid groups have long worked across Afghanistan."
    )
    where = _names(text, placed)
    assert where[0][0] == "Khost" and "Afghanistan" in where[0]


def test_no_country_is_added_when_the_report_never_names_it(placed: Extract) -> None:
    where = _names("A drone strike hit a house in Khost on Sunday, killing 4.", placed)
    assert where[0] == ["Khost"]


def test_a_following_sentence_places_an_incident_told_only_by_its_country(placed: Extract) -> None:
    text = (
        "Gunmen abducted 12 travellers in Afghanistan on Sunday, police said. "
        + "The bus was stopped at Sharana."
    )
    where = _names(text, placed)
    assert "Sharana" in where[0]


def test_a_following_list_of_places_surveys_the_country(placed: Extract) -> None:
    text = (
        "Gunmen abducted 12 travellers in Afghanistan on Sunday, police said. "
        "Roads were closed in Khost, Kunar and Paktika."
    )
    where = _names(text, placed)
    assert not {"Khost", "Kunar", "Paktika"} & set(where[0])


_TOLD_ON = "Gunmen abducted 12 travellers in Afghanistan on Sunday, police said. "


@pytest.mark.parametrize(
    "after",
    [
        "The travellers came from Khost.",  # where they were from
        "The bus had left Sharana and was heading to Khost.",  # where the trip began and went
        "The men escaped towards Kunar.",  # where they went
        "Officials in Khost said the men had escaped.",  # where the speakers are
        "A spokesman in Sharana gave no further details.",
        "The provincial government in Kunar denied any role.",
    ],
)
def test_a_following_sentence_names_no_place_of_the_incident(placed: Extract, after: str) -> None:
    where = _names(_TOLD_ON + after, placed)
    assert not {"Khost", "Kunar", "Sharana"} & set(where[0]), after
