"""Ingest fixtures: the hand-written inputs in ``tests/fixtures/ingest`` and a runner for ``iter_sources``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import httpx
import pytest

from tolls.ingest import iter_sources
from tolls.ingest.addresses import Resolver
from tolls.model import IngestProblem, SourceDocument
from tolls.settings import IngestSettings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"

Items = list[SourceDocument | IngestProblem]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def ingest() -> Callable[..., Items]:
    """``ingest(*inputs, transport=..., resolver=..., **settings)``: every item, as a list."""

    def run(
        *inputs: str | Path,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
        **settings: object,
    ) -> Items:
        given: Sequence[str] = [str(i) for i in inputs]
        return list(
            iter_sources(
                given,
                settings=IngestSettings(**settings),
                transport=transport,
                resolver=resolver,
            )
        )

    return run


def codes(items: Items) -> list[str]:
    """Each item as its document id or its problem code, in order."""
    return [i.code if isinstance(i, IngestProblem) else i.doc.id for i in items]
