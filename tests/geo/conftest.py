"""Fixtures for the geography tests: the gazetteer is built once per session into a tmp dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tolls.geo import Gazetteer, GazetteerStats, build_gazetteer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> GazetteerStats:
    return build_gazetteer(tmp_path_factory.mktemp("geo") / "gazetteer.sqlite")


@pytest.fixture(scope="session")
def gaz(built: GazetteerStats) -> Iterator[Gazetteer]:
    g = Gazetteer.open(built.path)
    yield g
    g.close()
