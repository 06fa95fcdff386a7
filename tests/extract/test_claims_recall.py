"""Casualty figures that shapes of news text used to lose: a headline line glued to the body."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.extract.claim_lookup import one

from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


@pytest.mark.parametrize(
    "text",
    [
        "Aftermath of a drone strike on Lviv\n\nFive people have been injured in Lviv after a launch of "
        "dozens of drones on the region overnight.",
        "Scenes from the port after the shelling\nFive people have been injured in Odesa after a barrage "
        "of rockets hit the docks.",
    ],
)
def test_a_headline_line_is_no_subject_of_the_next(extract: Extract, text: str) -> None:
    assert one(extract(text), 5, "injured").figure.text == "Five"


def test_a_line_going_on_in_lower_case_stays_one_sentence(extract: Extract) -> None:
    x = extract("Officials said that twelve soldiers\nwere killed in the ambush near the pass.")
    assert one(x, 12).kind == "killed"
