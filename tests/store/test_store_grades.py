"""Event grades in the store: recomputed by review actions, set by hand (audited), filtered."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session
from store_builders import TEXT, ledger_event, seed, source_doc

from tolls.errors import ReviewError
from tolls.reconcile.refresh import refresh_estimates
from tolls.store import (
    accept_event,
    add_document,
    get_event,
    grade_event_by_hand,
    history,
    load_ledger,
    merge_events,
    regrade_event,
    reject_claim,
    reject_event,
    replace_ledger,
    split_event,
)
from tolls.store.queries import EventFilter, get_event_detail, list_events

ADMISSION = "admission against interest: ISPR (PAK state forces) on its own killed: 23"


def _graded(session: Session) -> None:
    """One event from d1's three claims (ISPR's admission among them), not contested, graded."""
    claims = seed(session)
    replace_ledger(session, [ledger_event("e1", claims, contested=False)], [])
    regrade_event(session, "e1")
    session.commit()


def test_rejecting_discounts_and_accepting_again_regrades_in_the_same_version(session: Session) -> None:
    _graded(session)
    grade = load_ledger(session)[0].grade
    assert grade is not None and (grade.grade, grade.reasons[0], grade.by) == ("confirmed", ADMISSION, None)
    version = get_event(session, "e1").version
    session.expunge_all()  # the event's links not loaded: grading loads them, never flushing early
    reject_event(session, "e1", actor="bo", note="not one incident")
    session.commit()
    summary = get_event_detail(session, "e1").summary
    assert summary.grade.grade == "discounted" and summary.grade.reasons[0] == "rejected by review"
    assert summary.version == version + 1  # one action, one version: the grade is part of it
    (trail,) = history(session, "event", "e1")
    assert trail.before is not None and trail.after is not None
    assert (trail.before["grade"], trail.after["grade"]) == ("confirmed", "discounted")
    accept_event(session, "e1", actor="ana")
    assert get_event_detail(session, "e1").summary.grade.grade == "confirmed"


def test_an_analyst_sets_the_grade_with_a_reason_and_the_rules_leave_it(session: Session) -> None:
    _graded(session)
    with pytest.raises(ReviewError) as err:
        grade_event_by_hand(session, "e1", "weak", actor="ana", note="  ")
    assert err.value.code == "E417"
    with pytest.raises(ReviewError) as err:
        grade_event_by_hand(session, "e1", "dubious", actor="ana", note="why")  # type: ignore[arg-type]
    assert err.value.code == "E417" and "confirmed, fair, weak" in err.value.message
    stored = grade_event_by_hand(session, "e1", "weak", actor="ana", note="ISPR's figure is unverified")
    session.commit()
    assert stored.reviewed
    grade = get_event_detail(session, "e1").summary.grade
    assert (grade.grade, grade.reasons, grade.by) == (
        "weak",
        ("set by ana: ISPR's figure is unverified",),
        "ana",
    )
    trail = history(session, "event", "e1")
    assert [(v.action, v.actor, v.note) for v in trail] == [("grade", "ana", "ISPR's figure is unverified")]
    assert trail[0].after is not None and trail[0].after["grade_by"] == "ana"
    reject_event(session, "e1", actor="bo")  # the rules no longer touch a grade set by hand
    assert get_event_detail(session, "e1").summary.grade.grade == "weak"
    grade_event_by_hand(session, "e1", None, actor="ana", note="back to the rules")
    back = get_event_detail(session, "e1").summary.grade
    assert (back.grade, back.by) == ("discounted", None)


def test_claims_all_rejected_discount_the_event(session: Session) -> None:
    _graded(session)
    for c in load_ledger(session)[0].claims:
        reject_claim(session, c.id, actor="ana", note="misread")
        refresh_estimates(session, "e1")
    grade = get_event_detail(session, "e1").summary.grade
    assert grade.grade == "discounted"
    assert grade.reasons[0] == "no claim stands: 3 claims rejected by review"


def test_a_syndicated_copy_is_not_a_second_source(session: Session) -> None:
    claims = seed(session, "d1")
    copy = add_document(session, source_doc("d1-copy", text=f"{TEXT} (d1)"))
    assert copy.outcome == "syndicated"
    claims = seed(session, "d2")
    ev = ledger_event("e1", claims, contested=False, documents=["d1", "d1-copy"])
    ev.claims = [c for c in claims if c.doc_id == "d1"][1:2]  # ISPR on the Taliban: no admission
    replace_ledger(session, [ev], [])
    assert regrade_event(session, "e1").reasons == (
        "1 independent source (1 syndicated copy not counted)",
        "figures from one side only: ISPR (PAK state forces)",
    )


def test_the_list_filters_by_grade(session: Session) -> None:
    claims = seed(session, "d1", "d2")
    one = [c for c in claims if c.doc_id == "d1"]
    other = [c for c in claims if c.doc_id == "d2"][1:2]
    replace_ledger(
        session, [ledger_event("e1", one, contested=False), ledger_event("e2", other, contested=False)], []
    )
    assert (regrade_event(session, "e1").grade, regrade_event(session, "e2").grade) == ("confirmed", "weak")
    session.commit()
    assert [e.id for e in list_events(session, EventFilter(grade=("confirmed",))).items] == ["e1"]
    assert [e.id for e in list_events(session, EventFilter(grade=("weak", "fair"))).items] == ["e2"]
    assert list_events(session, EventFilter(grade=("contested",))).total == 0
    assert list_events(session, EventFilter(grade=("confirmed", "weak"))).total == 2


def test_merge_and_split_regrade_both_events(session: Session) -> None:
    claims = seed(session, "d1", "d2")
    one = [c for c in claims if c.doc_id == "d1"]
    other = [c for c in claims if c.doc_id == "d2"][1:2]  # ISPR on the Taliban: no admission
    replace_ledger(session, [ledger_event("e1", one), ledger_event("e2", other, contested=False)], [])
    merge_events(session, "e1", "e2", actor="ana")
    merged = get_event_detail(session, "e1").summary.grade
    assert merged.grade == "contested"  # the flag survives the merge; its estimates do not
    assert merged.reasons == (
        "marked contested before a merge or split dropped its per-group estimates",
        "2 independent sources",
    )
    new_id = split_event(session, "e1", [other[0].id], actor="ana")
    moved = get_event_detail(session, new_id).summary
    assert (moved.grade.grade, moved.grade.reasons) == (
        "weak",
        ("1 independent source", "figures from one side only: ISPR (PAK state forces)"),
    )
    (trail,) = history(session, "event", new_id)
    assert trail.after is not None and trail.after["grade"] == "weak"
