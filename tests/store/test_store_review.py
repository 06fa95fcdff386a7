"""Review actions: state changes, an audit version for each, merge and split."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session
from store_builders import MUJAHID, TALIBAN, ledger_event, seed

from tolls.errors import NotFound, ReviewError, StoreError
from tolls.model import Figure, Party
from tolls.store import (
    accept_claim,
    accept_event,
    correct_claim,
    counts,
    get_claim,
    get_event,
    history,
    load_ledger,
    merge_events,
    reject_claim,
    reject_event,
    replace_ledger,
    split_event,
)


def test_accept_claim_writes_a_version(session: Session) -> None:
    claims = seed(session)
    result = accept_claim(session, claims[0].id, actor="ana", note="checked the source")
    session.commit()
    assert (result.status, result.reviewed, result.version) == ("accepted", True, 2)
    [v] = history(session, "claim", claims[0].id)
    assert (v.actor, v.action, v.version, v.note) == ("ana", "accept", 2, "checked the source")
    assert v.before is not None and v.after is not None
    assert (v.before["status"], v.after["status"]) == ("extracted", "accepted")
    assert (v.before["reviewed"], v.after["reviewed"]) == (False, True)
    assert v.at.tzinfo is not None  # UTC on both backends


def test_correct_claim_keeps_the_extracted_values_in_history(session: Session) -> None:
    claims = seed(session)
    cid = claims[1].id
    fixed = correct_claim(
        session,
        cid,
        {"figure": Figure("200", 200, 200, 200, "exact"), "victims": Party("Taliban fighters", "AFG", 2)},
        actor="ana",
    )
    assert fixed.status == "corrected" and fixed.claim.figure.qualifier == "exact"
    assert fixed.claim.victims == Party("Taliban fighters", "AFG", 2)
    again = correct_claim(session, cid, {"stance": "disputed"}, actor="bo", expected_version=fixed.version)
    session.commit()
    assert again.claim.stance == "disputed" and again.claim.figure.qualifier == "exact"
    trail = history(session, "claim", cid)
    assert [(v.action, v.actor, v.version) for v in trail] == [("correct", "ana", 2), ("correct", "bo", 3)]
    assert trail[0].before is not None and trail[0].after is not None
    assert trail[0].before["figure_text"] == "more than 200" and trail[0].after["figure_text"] == "200"
    assert trail[0].before["victims_name"] == TALIBAN.name
    assert trail[1].before == trail[0].after | {"status": "corrected", "reviewed": True}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"nonsense": 1},
        {"kind": "exploded"},
        {"figure_value": "23"},
        {"figure_value": True},
        {"span_start": -1},
        {"subset": "yes"},
        {"figure_text": "23"},  # already the value: no change
        {"span_start": 500, "span_end": 10},
    ],
)
def test_invalid_corrections_are_refused(session: Session, changes: dict[str, object]) -> None:
    claims = seed(session)
    with pytest.raises(ReviewError) as err:
        correct_claim(session, claims[0].id, changes, actor="ana")
    assert err.value.code == "E406"
    session.rollback()
    assert counts(session)["versions"] == 0 and not get_claim(session, claims[0].id).reviewed


def test_reject_and_claim_transitions(session: Session) -> None:
    claims = seed(session)
    cid = claims[2].id
    assert reject_claim(session, cid, actor="ana").status == "rejected"
    with pytest.raises(ReviewError) as err:
        reject_claim(session, cid, actor="ana")
    assert err.value.code == "E403"
    with pytest.raises(ReviewError):
        correct_claim(session, cid, {"figure_value": 1}, actor="ana")
    assert accept_claim(session, cid, actor="bo").status == "accepted"
    with pytest.raises(ReviewError):
        accept_claim(session, cid, actor="bo")
    assert [v.action for v in history(session, "claim", cid)] == ["reject", "accept"]


def test_stale_version_and_missing_actor(session: Session) -> None:
    claims = seed(session)
    with pytest.raises(StoreError) as err:
        accept_claim(session, claims[0].id, actor="ana", expected_version=7)
    assert err.value.code == "E405"
    with pytest.raises(ReviewError) as err2:
        accept_claim(session, claims[0].id, actor="  ")
    assert err2.value.code == "E410"
    with pytest.raises(NotFound):
        accept_claim(session, "nope", actor="ana")
    with pytest.raises(NotFound):
        history(session, "event", "nope")
    assert history(session, "claim", claims[0].id) == []


def test_event_accept_and_reject(session: Session) -> None:
    claims = seed(session)
    replace_ledger(session, [ledger_event("e1", claims)], [])
    accepted = accept_event(session, "e1", actor="ana")
    assert (accepted.status, accepted.reviewed, accepted.version) == ("accepted", True, 2)
    assert accepted.claim_ids == tuple(c.id for c in claims) and accepted.documents == ("d1",)
    with pytest.raises(ReviewError):
        accept_event(session, "e1", actor="ana")
    rejected = reject_event(session, "e1", actor="bo", note="not one incident")
    session.commit()
    assert rejected.status == "rejected"
    trail = history(session, "event", "e1")
    assert [(v.action, v.actor) for v in trail] == [("accept", "ana"), ("reject", "bo")]
    assert trail[1].before is not None and trail[1].after is not None
    assert (trail[1].before["status"], trail[1].after["status"]) == ("accepted", "rejected")
    assert trail[1].after["claims"] == sorted(c.id for c in claims)


def test_merge_events(session: Session) -> None:
    claims = seed(session, "a", "b")
    e1 = ledger_event("e1", claims[:3])
    e2 = ledger_event("e2", claims[3:], locations=[], summary="other")
    e2.dates = type(e2.dates)(date(2025, 10, 12), date(2025, 10, 13), "day", "12-13 October")
    replace_ledger(session, [e1, e2], [])
    merged = merge_events(session, "e1", "e2", actor="ana", note="same clash")
    session.commit()
    assert merged.status == "accepted" and merged.documents == ("a", "b")
    assert merged.claim_ids == tuple(c.id for c in claims)
    assert get_event(session, "e2").status == "merged" and get_event(session, "e2").merged_into == "e1"
    [event] = load_ledger(session)
    assert (event.dates.start, event.dates.end) == (date(2025, 10, 11), date(2025, 10, 13))
    assert event.estimates == [] and event.fatalities is not None
    assert "Merged with e2 by ana." in event.notes
    assert [v.action for v in history(session, "event", "e1")] == ["merge"]
    [v2] = history(session, "event", "e2")
    assert v2.action == "merged" and v2.before is not None and v2.after is not None
    assert len(v2.before["claims"]) == 3 and v2.after["claims"] == [] and v2.after["merged_into"] == "e1"
    assert counts(session)["merge_decisions"] == 1  # the analyst's decision for b's incident
    # Merged events survive the next reconciliation run and cannot be merged again.
    replace_ledger(session, [ledger_event("e2", claims[3:])], [])
    assert [e.id for e in load_ledger(session)] == ["e1"]
    with pytest.raises(ReviewError):
        merge_events(session, "e1", "e2", actor="ana")
    with pytest.raises(ReviewError):
        merge_events(session, "e1", "e1", actor="ana")


def test_split_event(session: Session) -> None:
    claims = seed(session, "a", "b")
    replace_ledger(session, [ledger_event("e1", claims)], [])
    mujahid = [c.id for c in claims if c.claim.claimant == MUJAHID and c.doc_id == "b"]
    b_only = [c.id for c in claims if c.doc_id == "b"]
    new_id = split_event(session, "e1", b_only, actor="ana", note="b reports the next day")
    session.commit()
    assert new_id == "e1.2"
    original, new = get_event(session, "e1"), get_event(session, new_id)
    assert set(new.claim_ids) == set(b_only) and new.documents == ("b",)
    assert set(original.claim_ids).isdisjoint(b_only) and original.documents == ("a",)
    assert original.status == new.status == "accepted" and new.reviewed
    assert [v.action for v in history(session, "event", "e1")] == ["split"]
    [created] = history(session, "event", new_id)
    assert created.action == "create" and created.before is None and created.after is not None
    assert split_event(session, new_id, mujahid, actor="ana") == "e1.2.2"
    for bad in ([], ["nope"], list(get_event(session, "e1").claim_ids)):
        with pytest.raises(ReviewError) as err:
            split_event(session, "e1", bad, actor="ana")
        assert err.value.code == "E407"
    with pytest.raises(ReviewError):
        split_event(session, "e1", list(original.claim_ids)[:1], actor="ana", new_id="e1.2")
    assert {e.id for e in load_ledger(session)} == {"e1", "e1.2", "e1.2.2"}
