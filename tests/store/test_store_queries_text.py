"""The event list's text search on both backends: every way of reading a page (the events behind
few matching documents by id; a walk of the list's order testing each event against the matching
documents as a set, or probing the text index per document) gives the same events in the same
order, with every other filter, sort and status; totals are exact up to ``TEXT_COUNT_LIMIT``."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session
from store_builders import list_statements, source_doc

from tolls.store import add_document
from tolls.store import queries as Q
from tolls.store.models import EventDocumentRow, EventRow
from tolls.store.queries import EventFilter, EventSort, list_events

# (event, day, contested, fatalities, status, documents' texts)
EVENTS = [
    ("e01", 1, True, 3, "proposed", ["alpha beta shelling"]),
    ("e02", 2, False, 10, "proposed", ["alpha", "gamma convoy"]),
    ("e03", 3, True, None, "accepted", ["beta", "beta alpha"]),  # two matching documents
    ("e04", 4, False, 7, "proposed", ["delta"]),
    ("e05", 5, True, 1, "rejected", ["alpha beta gamma"]),  # hidden by default
    ("e06", 6, False, 2, "proposed", ["alpha"]),
    ("e07", 7, True, 0, "proposed", ["convoy alpha"]),
    ("e08", 8, False, 5, "merged", ["alpha"]),
    ("e09", 9, True, 9, "proposed", ["beta gamma"]),
    ("e10", 10, False, 4, "proposed", []),
    ("e11", 10, True, 4, "accepted", ["alpha beta"]),  # same day as e10: order by id breaks the tie
]

MODES = {  # (TEXT_COUNT_LIMIT, _COMMON): a page is walked when counting stopped early
    "by id": (1_000, 2.0),
    "walk, documents as a set": (0, 2.0),
    "walk, probing the index": (0, -1.0),
}


@pytest.fixture
def ledger(session: Session) -> Session:
    for event_id, day, contested, best, status, texts in EVENTS:
        docs = [f"{event_id}-{i}" for i in range(len(texts))]
        for doc_id, body in zip(docs, texts, strict=True):
            add_document(session, source_doc(doc_id, f"Report: {body}.", title=f"Report {doc_id}"))
        row = EventRow(
            id=event_id,
            type="Battles/Armed clash",
            date_start=date(2025, 10, day),
            locations=[{"name": "Kabul" if day % 2 else "Khost", "country": "AFG"}],
            actors=[],
            contested=contested,
            status=status,
            fatalities_best=best,
            has_fatalities=best is not None,
        )
        row.document_links = [EventDocumentRow(document_id=d, position=i) for i, d in enumerate(docs)]
        session.add(row)
    session.commit()
    return session


def _expected(words: set[str], statuses: tuple[str, ...] = ("proposed", "accepted")) -> set[str]:
    return {
        e
        for e, _, _, _, status, texts in EVENTS
        if status in statuses and any(words <= set(t.split()) for t in texts)
    }


def _read(session: Session, f: EventFilter, sort: EventSort = "-date", **kw: int) -> list[str]:
    return [
        e.id
        for e in list_events(
            session, f, sort=sort, limit=kw.get("limit", 50), offset=kw.get("offset", 0)
        ).items
    ]


@pytest.mark.parametrize("mode", MODES)
def test_every_reading_finds_the_same_events(
    ledger: Session, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit, common = MODES[mode]
    monkeypatch.setattr(Q, "TEXT_COUNT_LIMIT", limit)
    monkeypatch.setattr(Q, "_COMMON", common)
    if ledger.get_bind().dialect.name == "sqlite":  # the page is read the way the mode says
        page_sql = list_statements(ledger, EventFilter(q="alpha"))[-1]
        assert ("EXISTS" in page_sql) == (mode != "by id"), page_sql
        assert ("documents_fts.rowid = event_documents.document_pk" in page_sql) == (
            mode == "walk, probing the index"
        )
    for query in ("alpha", "beta", "gamma", "alpha beta", "ALPHA", "convoy"):
        words = set(query.lower().split())
        page = list_events(ledger, EventFilter(q=query))
        assert {e.id for e in page.items} == _expected(words), query
        n = len(_expected(words))
        assert (page.total, page.total_exact) == (min(n, limit), n <= limit), query
    # every order, each page of two in turn
    alpha = _expected({"alpha"})
    newest = sorted(alpha, key=lambda e: (dict((x[0], x[1]) for x in EVENTS)[e], e), reverse=True)
    assert _read(ledger, EventFilter(q="alpha")) == newest
    assert _read(ledger, EventFilter(q="alpha"), "date") == newest[::-1]
    paged = [i for k in range(0, 8, 2) for i in _read(ledger, EventFilter(q="alpha"), limit=2, offset=k)]
    assert paged == newest
    best = {x[0]: x[3] for x in EVENTS}
    by_best = sorted(alpha, key=lambda e: (-(best[e] if best[e] is not None else -1), e))
    assert _read(ledger, EventFilter(q="alpha"), "-fatalities") == by_best
    # with the other filters, and other statuses
    assert set(_read(ledger, EventFilter(q="alpha", contested=True))) == {"e01", "e03", "e07", "e11"}
    window = EventFilter(q="alpha", start=date(2025, 10, 2), end=date(2025, 10, 6))
    assert set(_read(ledger, window)) == {"e02", "e03", "e06"}
    assert set(_read(ledger, EventFilter(q="alpha", place="khost"))) == {"e02", "e06", "e11"}
    assert _read(ledger, EventFilter(q="gamma", status=("rejected", "merged"))) == ["e05"]
    assert _read(ledger, EventFilter(q="delta", contested=True)) == []
    assert list_events(ledger, EventFilter(q="zzz")).total == 0
    assert list_events(ledger, EventFilter(q="'; DROP TABLE events; --")).total == 0
    assert list_events(ledger, EventFilter(q='"(*')).items == []


def test_totals_are_exact_up_to_the_count_limit(ledger: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Q, "TEXT_COUNT_LIMIT", 3)
    alpha = list_events(ledger, EventFilter(q="alpha"), limit=2)
    assert (alpha.total, alpha.total_exact) == (3, False)  # six match; counting stopped at three
    assert len(_read(ledger, EventFilter(q="alpha"), offset=3)) == 3  # the pages go on past it
    gamma = list_events(ledger, EventFilter(q="gamma"))
    assert (gamma.total, gamma.total_exact) == (2, True)
    # a filter that is not a text search is always counted whole
    plain = list_events(ledger, EventFilter(contested=True), limit=1)
    assert (plain.total, plain.total_exact) == (5, True)
