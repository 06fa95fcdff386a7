"""What the exports read from the store: sources, review states, loose claims, whole summaries."""

from __future__ import annotations

from sqlalchemy.orm import Session
from store_builders import TEXT, ledger_event, seed

from tolls.store import accept_event, load_ledger, reject_claim, replace_ledger
from tolls.store.exports import load_export_context


def test_context_of_a_ledger(session: Session) -> None:
    claims = seed(session, "a", "b")
    held = [c for c in claims if c.doc_id == "a"]
    cut = TEXT[:80].rstrip() + "…"
    replace_ledger(session, [ledger_event("e1", held, summary=cut)], [])
    accept_event(session, "e1", actor="alice")
    reject_claim(session, held[1].id, actor="alice")
    session.commit()
    events = load_ledger(session)
    ctx = load_export_context(session, events)

    # the rejected claim left the event; it and every claim of the unlinked document are loose
    loose = {c.id for c in ctx.loose_claims}
    assert loose == {held[1].id} | {c.id for c in claims if c.doc_id == "b"}
    assert [c.id for c in ctx.loose_claims] == sorted(loose, key=lambda i: (i.split("#")[0], i))
    assert ctx.claim_review[held[1].id].status == "rejected"
    assert ctx.claim_review[held[1].id].reviewed_by == "alice"
    assert ctx.claim_review[held[0].id].status == "extracted"
    assert (ctx.event_review["e1"].status, ctx.event_review["e1"].reviewed) == ("accepted", True)
    # sources: every document an event or a loose claim names, with title, url and outlet
    assert set(ctx.sources) == {"a", "b"}
    a = ctx.sources["a"]
    assert (a.title, a.url, a.outlet, a.source) == (
        "Border clashes",
        "https://example.org/a",
        "example.org",
        "feed.xml",
    )
    # the cut summary is whole again, read from its document
    assert ctx.summary(events[0]) == TEXT[: TEXT.index("11 October.") + len("11 October.")]

    narrow = load_export_context(session, events, every_claim=False)
    assert {c.id for c in narrow.loose_claims} == {held[1].id}  # only the events' own documents


def test_context_of_an_empty_ledger(session: Session) -> None:
    ctx = load_export_context(session, [])
    assert (ctx.sources, ctx.event_review, ctx.loose_claims, ctx.summaries) == ({}, {}, (), {})
