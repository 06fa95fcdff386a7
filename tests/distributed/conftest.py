"""A real two-worker LocalCluster shared by the session, and small invented documents."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date

import pytest
from distributed import Client, LocalCluster
from spacy.language import Language

from tolls.distributed import local_cluster
from tolls.extract.contract import extraction_to_json
from tolls.extract.pipeline import run_extraction
from tolls.model import Extraction, InputDocument
from tolls.settings import ExtractSettings, GeoSettings, Settings

DAY = date(2025, 10, 21)
TEXTS = [
    "Officials said 12 civilians were killed in an air strike on Tuesday.",
    "The army said it killed 30 militants in clashes near the border on Monday, while the group "
    "denied any losses.",
    "Police detained 45 protesters in the capital on Sunday, witnesses said.",
    "At least 3 soldiers were injured when a roadside bomb exploded on Saturday.",
    "Residents said more than 200 families fled their villages after the fighting.",
    "The ministry said two children were among the 9 people killed in the shelling.",
    "Talks between the two sides ended without an agreement on Wednesday.",
    "Rebels said they captured 15 soldiers and seized two posts on Friday.",
]


def _make_docs(n: int) -> list[InputDocument]:
    """``n`` distinct documents (the texts vary by a counter), plus the per-document failures."""
    docs = [
        InputDocument(id=f"doc-{i:03d}", text=f"{TEXTS[i % len(TEXTS)]} Report {i}.", published=DAY)
        for i in range(n)
    ]
    docs.insert(2, InputDocument(id="empty", text=""))
    docs.insert(5, InputDocument(id="blank", text="  \n\t "))
    docs.insert(7, InputDocument(id="too-long", text="word " * 1000))
    return docs


def _lines(xs: Iterable[Extraction]) -> list[str]:
    """Contract output lines, as the CLI writes them."""
    return [json.dumps(extraction_to_json(x), ensure_ascii=False, sort_keys=True) for x in xs]


@pytest.fixture(scope="session")
def dsettings() -> Settings:
    """No gazetteer; a low size limit so 'too long' needs only a few KB."""
    return Settings(geo=GeoSettings(resolve=False), extract=ExtractSettings(max_chars=2_000))


@pytest.fixture(scope="session")
def cluster() -> Iterator[LocalCluster]:
    c = local_cluster(2)
    yield c
    c.close()


@pytest.fixture(scope="session")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster, set_as_default=False) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


@pytest.fixture(scope="session")
def as_lines() -> Callable[[Iterable[Extraction]], list[str]]:
    return _lines


@pytest.fixture(scope="session")
def docs() -> list[InputDocument]:
    return _make_docs(24)


@pytest.fixture(scope="session")
def serial(nlp: Language, dsettings: Settings, docs: list[InputDocument]) -> list[str]:
    """The serial path's output: what every distributed run must match."""
    return _lines(run_extraction(nlp, docs, dsettings))
