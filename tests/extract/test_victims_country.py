"""Whose the victims are when their own words name no side (issue 17), on sentences written for
these tests: a definite "in the district" refers back to the place named last, a country the
victims come "from", a demonym on the toll, an armed group named beside unnamed fighters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from tolls.extract.pipeline import load_nlp, run_extraction
from tolls.geo import build_gazetteer
from tolls.model import Claim, Extraction, InputDocument
from tolls.settings import GeoSettings, Settings

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Extract]:
    """Extraction that resolves places: the gazetteer ``make setup`` builds, else one built here."""
    path = GeoSettings().gazetteer
    if not path.is_file():
        path = Path(tmp_path_factory.mktemp("geo")) / "gazetteer.sqlite"
        build_gazetteer(path)
    settings = Settings(geo=GeoSettings(gazetteer=path))
    nlp: Language = load_nlp(settings)

    def run(text: str) -> Extraction:
        doc = InputDocument(id="t", text=text, published=date(2025, 10, 21))
        return next(run_extraction(nlp, [doc], settings))

    yield run


def one(x: Extraction, value: int, kind: str = "killed") -> Claim:
    found = [c for c in x.claims if c.figure.value == value and c.kind == kind]
    assert len(found) == 1, [(c.kind, c.figure.text, c.claimant.name) for c in x.claims]
    return found[0]


def test_in_the_district_refers_back_to_the_place_named_last(placed: Extract) -> None:
    x = placed(
        "In Sirte, 40 people were wounded on Monday, the ministry said, blaming Egypt. On Tuesday, "
        "after more firing across the frontier, eleven people died in the district as well."
    )
    assert one(x, 11).victims.country == "LBY"


def test_a_victim_from_a_country_is_of_that_country(placed: Extract) -> None:
    x = placed(
        "Gunmen attacked a hotel in Mombasa, Kenya, on Friday, killing 12 people. Among the dead were "
        "two foreign nationals, one from Norway and another from Chile."
    )
    assert one(x, 1).victims.country == "NOR"
    assert one(x, 12).victims.country == "KEN"


def test_a_demonym_on_the_toll_names_whose_dead_a_bare_figure_counts(placed: Extract) -> None:
    x = placed("Sudanese death toll in Chadian border clashes rises to 14: army")
    assert one(x, 14).victims.country == "SDN"


def test_unnamed_fighters_beside_a_named_group_are_of_the_country_it_fights_in(placed: Extract) -> None:
    x = placed(
        "Nigerian jets struck four camps of the banned Boko Haram in Benin's Alibori region, killing "
        "several suspected militants, officials said."
    )
    assert one(x, 3).victims.country == "NGA"
    # a state's forces named beside the group: fighters of both, not the group's country alone
    x = placed(
        "Malian troops repelled attacks by Burkinabe soldiers and Boko Haram near Gao, killing around "
        "30 attackers."
    )
    assert one(x, 30).victims.country != "NGA"
