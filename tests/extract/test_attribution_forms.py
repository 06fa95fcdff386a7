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
