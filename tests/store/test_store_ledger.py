"""The ledger: replace and load, reviewed events survive, broken links are refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.orm import Session
from store_builders import SOLDIERS, ledger_event, seed

from tolls.errors import NotFound, StoreError
from tolls.model import Estimate, EventGrade, MergeDecision, SourcedClaim
from tolls.store import (
    accept_event,
    counts,
    get_event,
    load_ledger,
    reject_claim,
    reject_event,
    replace_estimates,
    replace_ledger,
)


def _estimate(claims: list[SourcedClaim]) -> Estimate:
    return Estimate("killed", "side", SOLDIERS, 23, 23, 58, "admission", tuple(c.id for c in claims), True)


def test_ledger_round_trip(session: Session) -> None:
    claims = seed(session, "a", "b")
    first, second = claims[:3], claims[3:]
    second = [replace(c, sources=("a-copy",)) for c in second]
    e1 = ledger_event("e1", first, estimates=[_estimate(first)])
    e2 = ledger_event("e2", second, dates=replace(e1.dates, start=None, end=None, precision=None, text=""))
    e1.grade = EventGrade("contested", ("claimants disagree on killed (soldiers): 23; 58",))
    e2.grade = EventGrade("weak", ("1 independent source", "no party to the fighting gives a figure"))
    decisions = [
        MergeDecision("a", 0, "e1", 0.0, True, "first"),
        MergeDecision("b", 0, "e2", 0.4, False, "far"),
    ]
    result = replace_ledger(session, [e2, e1], decisions)
    session.commit()
    assert (result.events_written, result.decisions_written) == (2, 2)
    loaded = load_ledger(session)
    assert loaded == [e1, e2]  # dated events first; every field survives, spans included
    assert loaded[1].claims[0].sources == ("a-copy",)
    assert loaded[0].claims[0].claim.span == first[0].claim.span
    c = counts(session)
    assert (c["events"], c["estimates"], c["merge_decisions"]) == (2, 1, 2)


def test_replace_rewrites_unreviewed_and_keeps_reviewed(session: Session) -> None:
    claims = seed(session, "a", "b")
    replace_ledger(session, [ledger_event("e1", claims[:3]), ledger_event("e2", claims[3:])], [])
    accept_event(session, "e1", actor="ana")
    session.commit()
    # The next run proposes e1 differently, grabs one of e1's claims for e3, drops e2.
    rerun = [
        ledger_event("e1", claims[3:], summary="machine version"),
        ledger_event("e3", [claims[0], *claims[3:]], summary="new"),
    ]
    result = replace_ledger(session, rerun, [MergeDecision("a", 0, "e3", 0.9, True, "rerun")])
    session.commit()
    assert result.events_skipped == ("e1",) and result.links_skipped == (claims[0].id,)
    assert (result.events_written, result.events_kept) == (1, 1)
    ledger = {e.id: e for e in load_ledger(session)}
    assert set(ledger) == {"e1", "e3"}
    assert ledger["e1"].summary == "Border clashes near Kurram"
    assert [c.id for c in ledger["e1"].claims] == [c.id for c in claims[:3]]
    assert [c.id for c in ledger["e3"].claims] == [c.id for c in claims[3:]]
    assert get_event(session, "e1").reviewed and not get_event(session, "e3").reviewed


def test_rejected_events_and_claims_are_hidden_but_kept(session: Session) -> None:
    claims = seed(session, "a", "b")
    replace_ledger(session, [ledger_event("e1", claims[:3]), ledger_event("e2", claims[3:])], [])
    reject_event(session, "e2", actor="ana")
    reject_claim(session, claims[0].id, actor="ana")
    session.commit()
    assert [e.id for e in load_ledger(session)] == ["e1"]
    assert len(load_ledger(session)[0].claims) == 2
    everything = load_ledger(session, include_rejected=True)
    assert [e.id for e in everything] == ["e1", "e2"] and len(everything[0].claims) == 3
    assert [e.id for e in load_ledger(session, status=["rejected"])] == ["e2"]
    # A rejected event keeps its claims, so reconciliation cannot offer them again.
    result = replace_ledger(session, [ledger_event("e9", claims[3:])], [])
    assert result.links_skipped == tuple(c.id for c in claims[3:])
    assert load_ledger(session, event_ids=["e9"])[0].claims == []


def test_unknown_claim_is_refused(session: Session) -> None:
    claims = seed(session)
    ghost = replace(claims[0], id="nope#1")
    with pytest.raises(StoreError) as err:
        replace_ledger(session, [ledger_event("e1", [ghost])], [])
    assert err.value.code == "E401"


def test_claim_in_two_events_is_refused(session: Session) -> None:
    claims = seed(session)
    with pytest.raises(StoreError) as err:
        replace_ledger(session, [ledger_event("e1", claims), ledger_event("e2", claims[:1])], [])
    assert err.value.code == "E402"


def test_decisions_of_reviewed_events_are_kept(session: Session) -> None:
    claims = seed(session)
    replace_ledger(session, [ledger_event("e1", claims)], [MergeDecision("d1", 0, "e1", 1.0, True, "seed")])
    accept_event(session, "e1", actor="ana")
    replace_ledger(session, [], [MergeDecision("d1", 0, "e7", 0.2, False, "no")])
    assert counts(session)["merge_decisions"] == 2
    replace_ledger(session, [], [])
    assert counts(session)["merge_decisions"] == 1


def test_replace_estimates(session: Session) -> None:
    claims = seed(session)
    replace_ledger(session, [ledger_event("e1", claims)], [])
    replace_estimates(
        session, "e1", ledger_event("e1", claims, estimates=[_estimate(claims)], contested=False)
    )
    event = load_ledger(session)[0]
    assert event.estimates == [_estimate(claims)] and not event.contested
    with pytest.raises(NotFound):
        replace_estimates(session, "nope", event)
