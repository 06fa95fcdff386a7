"""Claimant and victims' side in further forms of real reporting (issue 17), on sentences
written for these tests: places a gazetteer resolves abroad, quotations introduced by
"according to", things counted by who made them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tolls.model import Claim, Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def one(x: Extraction, value: int, kind: str = "killed") -> Claim:
    found = [c for c in x.claims if c.figure.value == value and c.kind == kind]
    assert len(found) == 1, [(c.kind, c.figure.text, c.claimant.name) for c in x.claims]
    return found[0]


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
    # a township named twice that the gazetteer places in Japan is still one ambiguous name, not
    # a second country in view
    x = extract(
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
    x = extract(
        "Fighting flared on the border overnight. Indian jets struck militant camps inside Pakistan's "
        "Punjab province, killing 14 militants, security sources said."
    )
    c = one(x, 14)
    assert (c.claimant.country, c.claimant.inter) == ("IND", 1)
    # civilians harmed abroad are told by their own side: the rule leaves them alone
    x = extract(
        "Fighting flared on the border overnight. Indian jets struck a market inside Pakistan's "
        "Punjab province, killing 14 civilians, officials said."
    )
    assert one(x, 14).claimant.country == "PAK"


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
