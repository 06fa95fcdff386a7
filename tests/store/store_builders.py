"""Hand-built documents, claims and events for the store tests (no spaCy needed)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event
from sqlalchemy.orm import Session

from tolls.model import (
    Claim,
    DateSpan,
    Event,
    Extraction,
    Fatalities,
    Figure,
    InputDocument,
    LedgerEvent,
    Party,
    Place,
    SourcedClaim,
    SourceDocument,
)
from tolls.store import add_document, load_claims, save_extraction
from tolls.store.queries import EventFilter, EventSort, list_events

ISPR = Party("ISPR", "PAK", 1, 0, 4)
TALIBAN = Party("Afghan Taliban", "AFG", 1, 40, 54)
MUJAHID = Party("Zabihullah Mujahid", "AFG", 1, 0, 18)
SOLDIERS = Party("Pakistani soldiers", "PAK", 1, 30, 48)

TEXT = (
    "ISPR said 23 of our soldiers were martyred and more than 200 Taliban were killed in clashes "
    "along the border near Kurram on 11 October. Zabihullah Mujahid said 58 Pakistani soldiers died."
)


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def source_doc(doc_id: str = "d1", text: str = TEXT, **kw: object) -> SourceDocument:
    doc = InputDocument(
        id=doc_id,
        text=text,
        published=kw.pop("published", date(2025, 10, 12)),  # type: ignore[arg-type]
        title=kw.pop("title", "Border clashes"),  # type: ignore[arg-type]
        url=kw.pop("url", f"https://example.org/{doc_id}"),  # type: ignore[arg-type]
    )
    return SourceDocument(
        doc=doc, source=str(kw.pop("source", "feed.xml")), locator=str(kw.pop("locator", doc_id))
    )


def claim(
    start: int, end: int, value: int, *, claimant: Party = ISPR, victims: Party = SOLDIERS, text: str = ""
) -> Claim:
    return Claim(
        claimant=claimant,
        kind="killed",
        victims=victims,
        figure=Figure(text or str(value), value, value, value, "exact"),
        span=(start, end),
        event_ref=0,
        evidence="said",
        sentence=0,
    )


def doc_event() -> Event:
    return Event(
        type="armed_clash",
        dates=DateSpan(date(2025, 10, 11), date(2025, 10, 11), "day", "on 11 October", *_at("on 11 October")),
        locations=[
            Place("Kurram", *_at("Kurram"), "Khyber Pakhtunkhwa", "PAK", "district", 33.7, 70.1, 1174)
        ],
        actors=[ISPR, TALIBAN],
        fatalities=Fatalities(23, 23, 258),
        summary="Border clashes near Kurram",
        span=(0, 157),
    )


def extraction(doc_id: str = "d1") -> Extraction:
    return Extraction(
        doc_id=doc_id,
        claims=[
            claim(*_at("23"), 23, victims=SOLDIERS),
            claim(*_at("more than 200"), 200, victims=TALIBAN, text="more than 200"),
            claim(*_at("58"), 58, claimant=MUJAHID, victims=SOLDIERS),
        ],
        events=[doc_event()],
    )


def seed(session: Session, *doc_ids: str) -> list[SourcedClaim]:
    """Documents with their extractions; returns their claims."""
    for d in doc_ids or ("d1",):
        add_document(session, source_doc(d, text=f"{TEXT} ({d})"))
        save_extraction(session, d, extraction(d))
    session.commit()
    return load_claims(session)


def ledger_event(event_id: str, claims: list[SourcedClaim], **kw: object) -> LedgerEvent:
    ev = LedgerEvent(
        id=event_id,
        type="armed_clash",
        dates=DateSpan(date(2025, 10, 11), date(2025, 10, 11), "day", "11 October"),
        locations=[Place("Kurram", admin1="Khyber Pakhtunkhwa", country="PAK", precision="district")],
        actors=[ISPR, TALIBAN],
        claims=claims,
        documents=sorted({c.doc_id for c in claims}),
        fatalities=Fatalities(23, 23, 58),
        contested=True,
        summary="Border clashes near Kurram",
        notes="ISPR: 23 soldiers; Mujahid: 58.",
    )
    for k, v in kw.items():
        setattr(ev, k, v)
    return ev


def list_statements(session: Session, f: EventFilter, sort: EventSort = "-date") -> list[str]:
    """The SQL statements one :func:`~tolls.store.queries.list_events` call runs, in order."""
    seen: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        list_events(session, f, sort=sort)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen
