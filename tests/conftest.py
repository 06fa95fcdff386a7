"""Shared fixtures, graded by cost: pure functions need none; ``nlp`` loads the real model once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from tolls.extract.pipeline import load_nlp, run_extraction
from tolls.model import Extraction, InputDocument
from tolls.settings import GeoSettings, Settings

# db_url / empty_db_url / pg_server: fresh databases on SQLite and a real PostgreSQL server.
pytest_plugins = ["db_fixtures"]


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings for tests: no gazetteer unless a test builds one."""
    return Settings(geo=GeoSettings(resolve=False))


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> Language:
    return load_nlp(settings)


@pytest.fixture(scope="session")
def extract(nlp: Language, settings: Settings) -> Callable[..., Extraction]:
    """Extract from one text: ``extract("...", published=date(2025, 10, 21))``."""

    def run(text: str, *, published: date | None = date(2025, 10, 21)) -> Extraction:
        return next(run_extraction(nlp, [InputDocument(id="t", text=text, published=published)], settings))

    return run
