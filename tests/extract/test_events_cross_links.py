"""A line linking to another story ("Also Read: ...") tells no incident of the report and gives
none of its places (docs/extraction.md, "Events"). A small gazetteer
(tests/extract/afghan_places.py); the sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.extract.afghan_places import PROVINCES, Extract, extractor

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
