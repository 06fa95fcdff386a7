"""The change log in the store: a rebuild writes only what changed and records it; review
actions are recorded; the log pages by cursor and filters like the event list."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from store_builders import SOLDIERS, ledger_event, seed

from tolls.model import Estimate, EventGrade, Place, SourcedClaim
from tolls.reconcile.changes import Change
from tolls.reconcile.refresh import refresh_estimates
from tolls.store import (
    accept_event,
    grade_event_by_hand,
    reject_claim,
    replace_estimates,
    replace_ledger,
    session_scope,
)
from tolls.store.changes import (
    ChangeFilter,
    event_aliases,
    hold_changes_lock,
    latest_changes,
    list_changes,
    record_changes,
)
from tolls.store.models import EventRow
from tolls.store.queries import EventFilter


def _estimate(claims: list[SourcedClaim], low: int, high: int, contested: bool) -> Estimate:
    return Estimate(
        "killed", "side", SOLDIERS, low, low, high, "admission", tuple(c.id for c in claims), contested
    )


def _stamps(session: Session) -> dict[str, datetime]:
    return {event_id: at for event_id, at in session.execute(select(EventRow.id, EventRow.created_at))}


def _kinds(session: Session, f: ChangeFilter | None = None) -> list[tuple[str, str]]:
    return [(c.kind, c.event_id) for c in list_changes(session, f, limit=1000).items]


def test_first_rebuild_records_one_event_change_per_event(session: Session) -> None:
    claims = seed(session, "a", "b")
    result = replace_ledger(
        session,
        [ledger_event("e2", claims[3:]), ledger_event("e1", claims[:3])],
        [],
        actor="ingest",
        run="r1",
    )
    session.commit()
    assert (result.events_written, result.events_rewritten, result.changes_recorded) == (2, 2, 2)
    page = list_changes(session)
    assert [(c.kind, c.event_id, c.actor, c.run) for c in page.items] == [
        ("event", "e1", "ingest", "r1"),
        ("event", "e2", "ingest", "r1"),
    ]
    assert page.next is None
    assert page.items[0].summary.startswith("New event: armed_clash in Kurram (PAK) on 2025-10-11; 3 claims")
    assert page.items[0].at.tzinfo is not None


def test_a_rebuild_leaves_unchanged_events_alone_and_rewrites_the_changed(session: Session) -> None:
    claims = seed(session, "a", "b")
    first, second = claims[:3], claims[3:]
    e1 = ledger_event("e1", first[:2], estimates=[_estimate(first[:2], 23, 23, False)], contested=False)
    e1.grade = EventGrade("confirmed", ("admission",))
    e2 = ledger_event("e2", second)
    replace_ledger(session, [e1, e2], [])
    session.commit()
    stamps = _stamps(session)

    again = replace_ledger(session, [e1, e2], [], run="same")
    session.commit()
    assert (again.events_written, again.events_rewritten, again.changes_recorded) == (2, 0, 0)
    assert _stamps(session) == stamps

    # the third claim (the other side's 58) joins e1: it alone is written again
    grown = replace(
        e1,
        claims=first,
        estimates=[_estimate(first, 23, 58, True)],
        contested=True,
        grade=EventGrade("contested", ("claimants disagree",)),
    )
    result = replace_ledger(session, [grown, e2], [], actor="watch:wire", run="r3")
    session.commit()
    assert (result.events_rewritten, result.events_removed) == (1, 0)
    after = _stamps(session)
    assert after["e2"] == stamps["e2"] and after["e1"] != stamps["e1"]
    changes = list_changes(session, ChangeFilter(kinds=("claim", "estimate", "contested", "grade"))).items
    assert [(c.kind, c.claim_id, c.actor, c.run) for c in changes] == [
        ("claim", first[2].id, "watch:wire", "r3"),
        ("estimate", None, "watch:wire", "r3"),
        ("contested", None, "watch:wire", "r3"),
        ("grade", None, "watch:wire", "r3"),
    ]
    assert changes[1].before == {"low": 23, "best": 23, "high": 23, "contested": False}
    assert changes[1].after == {"low": 23, "best": 23, "high": 58, "contested": True}
    assert "now contested" in changes[0].summary

    # e2 leaves the ledger
    result = replace_ledger(session, [grown], [])
    session.commit()
    assert result.events_removed == 1 and session.get(EventRow, "e2") is None
    assert _kinds(session, ChangeFilter(kinds=("gone",))) == [("gone", "e2")]


def test_a_renamed_event_keeps_its_history(session: Session) -> None:
    claims = seed(session, "a")
    replace_ledger(session, [ledger_event("e-late", claims[1:])], [])
    replace_ledger(session, [ledger_event("e-early", claims)], [])
    session.commit()
    assert _kinds(session) == [("event", "e-late"), ("merge", "e-early"), ("claim", "e-early")]
    assert event_aliases(session, "e-early") == ("e-early", "e-late")
    assert [c.kind for c in list_changes(session, ChangeFilter(event="e-early")).items] == [
        "event",
        "merge",
        "claim",
    ]
    assert [c.kind for c in list_changes(session, ChangeFilter(event="e-late")).items] == ["event"]


def test_the_log_pages_by_cursor_and_filters(session: Session) -> None:
    claims = seed(session, "a", "b", "c")
    elsewhere = [Place("Kabul", country="AFG")]
    replace_ledger(
        session,
        [
            ledger_event("e1", claims[:3]),
            ledger_event("e2", claims[3:6], locations=elsewhere, contested=False),
            ledger_event("e3", claims[6:]),
        ],
        [],
    )
    session.commit()
    seen: list[int] = []
    after = None
    while True:
        page = list_changes(session, ChangeFilter(after=after), limit=2)
        seen += [c.id for c in page.items]
        if page.next is None:
            break
        assert page.next == page.items[-1].id
        after = page.next
    assert len(seen) == 3 and seen == sorted(seen)
    assert _kinds(session, ChangeFilter(events=EventFilter(country="AFG"))) == [("event", "e2")]
    assert _kinds(session, ChangeFilter(events=EventFilter(contested=True))) == [
        ("event", "e1"),
        ("event", "e3"),
    ]
    assert _kinds(session, ChangeFilter(events=EventFilter(place="kabul", contested=False))) == [
        ("event", "e2")
    ]
    now = datetime.now(UTC)
    assert len(_kinds(session, ChangeFilter(since=now - timedelta(minutes=5)))) == 3
    assert _kinds(session, ChangeFilter(since=now + timedelta(minutes=5))) == []
    assert _kinds(session, ChangeFilter(until=now - timedelta(minutes=5))) == []
    assert [c.event_id for c in latest_changes(session, limit=2)] == ["e3", "e2"]


def test_review_actions_and_what_they_cause_are_recorded(session: Session) -> None:
    claims = seed(session, "a")
    e1 = ledger_event("e1", claims, estimates=[_estimate(claims, 23, 58, True)])
    e1.grade = EventGrade("contested", ("claimants disagree",))
    replace_ledger(session, [e1], [])
    session.commit()
    start = list_changes(session).items[-1].id

    accept_event(session, "e1", actor="ana", note="checked")
    mujahid = next(c for c in claims if c.claim.figure.value == 58)
    reject_claim(session, mujahid.id, actor="ana", note="propaganda")
    refresh_estimates(session, "e1", actor="ana")
    grade_event_by_hand(session, "e1", "fair", actor="ana", note="two outlets")
    session.commit()

    changes = list_changes(session, ChangeFilter(after=start)).items
    assert all(c.actor == "ana" for c in changes)
    kinds = [(c.kind, c.subject) for c in changes]
    assert kinds[:2] == [("review", "accept"), ("review", "reject")]
    assert ("estimate", "killed: PAK military") in kinds and ("contested", None) in kinds
    assert kinds[-2:] == [("review", "grade"), ("grade", None)]
    accepted, rejected = changes[0], changes[1]
    assert accepted.event_id == "e1" and accepted.before["status"] == "proposed"
    assert accepted.after["status"] == "accepted"
    assert rejected.event_id == "e1" and rejected.claim_id == mujahid.id
    assert rejected.summary == f"ana rejected claim {mujahid.id}: propaganda"
    estimate = next(c for c in changes if c.subject == "killed: PAK military")
    assert estimate.before["contested"] is True and estimate.after["contested"] is False
    assert changes[-1].after["grade"] == "fair" and changes[-1].after["reasons"] == [
        "set by ana: two outlets"
    ]


def test_changes_become_visible_in_the_order_of_their_ids(db_engine: Engine) -> None:
    """A second writer of changes waits for the first to commit (PostgreSQL: the advisory
    lock; SQLite: its one writer), so a reader's cursor never passes a change still to come."""
    done = threading.Event()
    ids: dict[str, list[int]] = {}

    def second() -> None:
        with session_scope(db_engine, write=True) as s:
            record_changes(s, [Change("review", "e2", "second")], actor="b")
            ids["second"] = [c.id for c in list_changes(s, ChangeFilter(kinds=("review",))).items]
        done.set()

    with session_scope(db_engine, write=True) as first:
        record_changes(first, [Change("review", "e1", "first")], actor="a")
        worker = threading.Thread(target=second)
        worker.start()
        assert not done.wait(0.5)  # waits for the first to commit
    worker.join(timeout=60)
    assert done.is_set()
    with session_scope(db_engine) as s:
        seen = [(c.event_id, c.id) for c in list_changes(s).items]
    assert [e for e, _ in seen] == ["e1", "e2"] and seen[0][1] < seen[1][1]
    assert ids["second"] == [i for _, i in seen]


def test_a_review_and_a_rebuild_of_the_same_event_do_not_deadlock(db_engine: Engine) -> None:
    """A review action (the change log's lock taken first, as the web app's ``Ledger.review``
    does, then the event's estimates updated) and a rebuild rewriting the same event: the
    rebuild takes the lock before touching a row, so it waits for the review and both
    succeed. It used to rewrite the event first and then wait for the lock the review held,
    while the review waited for the event: PostgreSQL aborted one of them (a deadlock)."""
    with session_scope(db_engine, write=True) as s:
        claims = seed(s, "a", "b")
        replace_ledger(s, [ledger_event("e1", claims[:2])], [])
    grown = ledger_event("e1", claims[:3], estimates=[_estimate(claims[:3], 23, 58, True)], contested=True)
    locked, errors = threading.Event(), []

    def rebuild() -> None:
        locked.wait(10)
        try:
            with session_scope(db_engine, write=True) as s:
                replace_ledger(s, [grown], [])
        except Exception as e:
            errors.append(f"rebuild: {type(e).__name__}")

    worker = threading.Thread(target=rebuild)
    worker.start()
    try:
        with session_scope(db_engine, write=True) as s:
            hold_changes_lock(s)
            record_changes(s, [Change("review", "e1", "an analyst accepted a claim")], actor="ana")
            locked.set()
            worker.join(1.0)  # the rebuild runs as far as it can meanwhile
            replace_estimates(s, "e1", ledger_event("e1", claims[:2]))
    except Exception as e:
        errors.append(f"review: {type(e).__name__}")
    worker.join(60)
    assert not worker.is_alive() and errors == []
    with session_scope(db_engine) as s:
        kinds = [c.kind for c in list_changes(s).items]
    assert kinds[-1] != "review" and "review" in kinds  # the rebuild's changes came after
