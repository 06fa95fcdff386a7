"""Claimant and victims' side in further forms of real reporting (issue 17), on sentences
written for these tests: places a gazetteer resolves abroad, quotations introduced by
"according to", things counted by who made them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language
from tests.extract.claim_lookup import one

from tolls.extract.attribution import _as_stated_in
from tolls.extract.attributive import made_by_at, placed_by_at
from tolls.extract.pipeline import load_nlp, run_extraction
from tolls.geo import build_gazetteer
from tolls.model import Extraction, InputDocument
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


def test_compass_regions_and_a_name_repeated_do_not_put_victims_abroad(extract: Extract) -> None:
    # "the North East", "the South-East" are a country's own regions, whatever district abroad
    # a gazetteer finds under those words
    x = extract(
        "Nigeria's Defence Headquarters said on Thursday that troops had stepped up operations in "
        "Nigeria. Its spokesman, Brig.-Gen. Tunde Adeyemi, said the army cleared camps in the North "
        "East and the North West. In the South-South, Adeyemi said troops destroyed 16 illegal "
        "refineries, arrested 14 suspects and freed four hostages. He also said troops in the "
        "South-East arrested nine suspects."
    )
    assert one(x, 9, "detained").victims.country == "NGA"
    # a township named twice that the gazetteer places in Japan: test_a_city_named_twice_...


def test_a_city_named_twice_counts_each_time(placed: Extract) -> None:
    # "Kabul" means the capital wherever else villages share the name: named twice, its country is
    # in view, and a town in the figure's own sentence outranks a country named around it
    x = placed(
        "Pakistan said its jets hit hideouts in Kabul on Thursday. Residents said 10 civilians "
        "were killed in Kabul. Pakistan denied it."
    )
    assert one(x, 10).victims.country == "AFG"
    # a name the gazetteer shares between countries, a small town abroad, still counts once
    x = placed(
        "Myanmar's junta launched new raids in Sagaing Region last week. Fighting spread to Kani "
        "Township, where troops shelled villages for days. Since Monday, more than 6,000 Kani "
        "residents have fled their homes, a local aid group said."
    )
    assert one(x, 6000, "displaced").victims.country == "MMR"


def test_a_quotation_after_according_to_and_a_colon_is_that_sources(extract: Extract) -> None:
    # the colon ties the quotation to "according to X" before it, not to whoever speaks after
    x = extract(
        "UNHCR also noted that arrivals had slowed. According to UNHCR's latest report: \"Since "
        "January, 800,000 people have returned to Syria. Some 40,000 people returned from Lebanon in "
        'the last week alone."\nAt the same time, the interior ministry reported that 5,000 people '
        "returned on Monday."
    )
    assert one(x, 40000, "other").claimant.name == "UNHCR"
    assert one(x, 5000, "other").claimant.name == "interior ministry"


def test_a_quotation_closed_by_as_mentioned_in_the_statement(extract: Extract) -> None:
    x = extract(
        'Residents of the village told reporters the raid lasted for hours. "During the raid, four '
        'militants were killed after a long exchange of fire," as mentioned in the ISPR statement.'
    )
    c = one(x, 4)
    assert (c.claimant.name, c.claimant.country, c.claimant.inter) == ("ISPR", "PAK", 1)


def test_who_made_a_thing_is_not_its_owner(extract: Extract) -> None:
    x = extract(
        '"The losses of the enemy amounted to 300 soldiers and three US-made armoured vehicles," '
        "Russia's defence ministry said of the fighting with Ukraine."
    )
    assert one(x, 3, "other").victims.country == "UKR"


def test_unnamed_sources_on_a_states_strike_abroad_speak_for_that_state(extract: Extract) -> None:
    # the document names the sources as the striking state's: the unnamed ones are its too
    x = extract(
        "Indian security sources said the strikes were precise. Indian jets struck militant camps "
        "inside Pakistan's Punjab province, killing 14 militants, security sources said."
    )
    c = one(x, 14)
    assert (c.claimant.country, c.claimant.inter) == ("IND", 1)
    # or the report is filed from the striking state's capital
    text = (
        "Pakistani jets struck militant hideouts in Afghanistan's Khost province, killing 12 "
        "militants, security sources said."
    )
    assert one(extract("ISLAMABAD: " + text), 12).claimant.country == "PAK"
    assert one(extract(text), 12).claimant.country == "AFG"
    # no sources named as a state's: local sources are as likely, so the rule leaves them alone
    x = extract(
        "A security source said an Israeli strike killed two Hezbollah members in south Lebanon. "
        "Israeli strikes in Lebanon killed 7 Hezbollah fighters, security sources said."
    )
    assert one(x, 2).claimant.country == "LBN"
    assert one(x, 7).claimant.country == "LBN"
    # civilians harmed abroad are told by their own side: the rule leaves them alone
    x = extract(
        "Fighting flared on the border overnight. Indian jets struck a market inside Pakistan's "
        "Punjab province, killing 14 civilians, officials said."
    )
    assert one(x, 14).claimant.country == "PAK"


def test_a_colon_ties_a_quotation_to_its_own_clause(extract: Extract) -> None:
    # the speaker before a colon is the one of the colon's clause, never one across "and"
    for verb in ("responded", "replied"):
        x = extract(
            f"Pakistan's military said it had killed 30 militants, and the Taliban {verb}: "
            '"We killed 58 Pakistani soldiers."'
        )
        assert one(x, 58).claimant.name == "Taliban"
        assert one(x, 30).claimant.name == "Pakistan's military"


def test_only_a_verb_after_as_names_the_source_in(nlp: Language) -> None:
    # "as mentioned in the statement" names the statement's author; "the State in", "a report in"
    # are nouns, not "according to"
    doc = nlp("As stated in the report, the State in the north and a report in the press agree.")
    assert [t.text for t in doc if _as_stated_in(t)] == ["stated"]
    doc = nlp('"Four were killed," as mentioned in the statement. The note in the file was stated in May.')
    assert [t.text for t in doc if _as_stated_in(t)] == ["mentioned"]


def test_a_maker_joined_by_any_dash_is_not_the_owner(extract: Extract) -> None:
    for dash in ("-", "\u2010", "\u2011"):
        x = extract(
            f'"The losses of the enemy amounted to 300 soldiers and three US{dash}made armoured vehicles," '
            "Russia's defence ministry said of the fighting with Ukraine."
        )
        assert one(x, 3, "other").victims.country == "UKR", dash


def test_a_with_clause_of_the_wounded_names_no_doer(extract: Extract) -> None:
    # "with 14 soldiers wounded": the soldiers are whom it befell, not who did it, so a state's
    # count of its own soldiers and civilians stays its own
    x = extract(
        "Peru's defence ministry confirmed four civilian and two soldier deaths in the clashes. "
        "Ecuador reported three soldiers and eight civilians killed, with 14 soldiers and 22 civilians "
        "wounded."
    )
    assert one(x, 14, "injured").victims.country == "ECU"
    assert one(x, 22, "injured").victims.country == "ECU"


def test_an_estimated_figure_names_no_speaker(extract: Extract) -> None:
    # "an estimated 2 million" is a participle on the figure, not a reporting verb whose speaker
    # would be the soldiers named before it
    x = extract(
        "In Chad, hundreds of civilians, soldiers and police have been killed and an estimated "
        "2 million people have fled their homes."
    )
    assert one(x, 200).claimant.inter == 0


@pytest.mark.parametrize("dash", ["-", "\u2010", "\u2011", "\u2013"])
def test_one_list_of_attribute_words_joined_by_any_dash(dash: str) -> None:
    text = f"three US{dash}made jets, a Kabul{dash}based outlet, Iran{dash}backed men, US made"
    assert made_by_at(text, text.index(dash))
    assert not made_by_at(text, text.index(f"Kabul{dash}") + 5)  # "-based" says where, not who made
    assert placed_by_at(text, text.index(f"Kabul{dash}") + 5)
    assert made_by_at(text, text.index(f"Iran{dash}") + 4)  # one list: the claims' "-backed" too
    assert not made_by_at(text, text.rindex(" made"))  # no dash, no attribute
    assert not made_by_at("US-madeup", 2)
