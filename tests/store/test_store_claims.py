"""Extractions in the store: round trips with spans, and re-extraction around reviewed claims."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session
from store_builders import TEXT, doc_event, extraction, ledger_event, seed, source_doc

from tolls.model import Extraction, Place
from tolls.store import (
    accept_claim,
    accept_event,
    add_document,
    claim_id,
    correct_claim,
    get_claim,
    load_claims,
    load_doc_events,
    load_ledger,
    replace_ledger,
    save_extraction,
)
from tolls.store.convert import place_from_json, place_to_json


def test_claims_and_doc_events_round_trip(session: Session) -> None:
    add_document(session, source_doc("d1"))
    x = extraction("d1")
    result = save_extraction(session, "d1", x)
    session.commit()
    assert (result.status, result.claims_written, result.doc_events) == ("extracted", 3, 1)
    stored = load_claims(session, doc_id="d1")
    assert [s.claim for s in stored] == x.claims
    for s in stored:
        assert s.doc_id == "d1" and s.id == claim_id("d1", s.claim)
        start, end = s.claim.span
        assert TEXT[start:end] == s.claim.figure.text  # the span still points at the words
    assert load_doc_events(session, "d1") == [doc_event()]
    assert stored[0].published is not None


def test_reextraction_replaces_unreviewed_claims(session: Session) -> None:
    claims = seed(session)
    x = extraction("d1")
    x.claims = [x.claims[0], replace(x.claims[2], evidence="told reporters")]
    x.events = []
    result = save_extraction(session, "d1", x)
    session.commit()
    assert (result.claims_removed, result.claims_written) == (1, 2)
    after = load_claims(session)
    assert [c.id for c in after] == [claims[0].id, claims[2].id]  # same ids: updated in place
    assert after[1].claim.evidence == "told reporters"
    assert load_doc_events(session, "d1") == []


def test_reextraction_never_touches_reviewed_claims(session: Session) -> None:
    claims = seed(session)
    correct_claim(session, claims[0].id, {"figure_value": 24, "figure_text": "24"}, actor="ana")
    accept_claim(session, claims[1].id, actor="ana")
    session.commit()
    # A new run finds nothing at all, then finds the reviewed claims again as extracted.
    kept = save_extraction(session, "d1", Extraction(doc_id="d1"))
    assert (kept.claims_kept, kept.claims_removed) == (2, 1)
    save_extraction(session, "d1", extraction("d1"))
    session.commit()
    first, second = get_claim(session, claims[0].id), get_claim(session, claims[1].id)
    assert (first.status, first.claim.figure.value, first.reviewed) == ("corrected", 24, True)
    assert (second.status, second.version) == ("accepted", 2)
    assert len(load_claims(session)) == 3


def test_reextraction_keeps_claims_held_by_reviewed_events(session: Session) -> None:
    claims = seed(session)
    replace_ledger(session, [ledger_event("e1", claims)], [])
    accept_event(session, "e1", actor="ana")
    session.commit()
    save_extraction(session, "d1", Extraction(doc_id="d1"))
    session.commit()
    assert [c.id for c in load_ledger(session)[0].claims] == [c.id for c in claims]


def test_reextraction_keeps_ledger_links_of_unchanged_claims(session: Session) -> None:
    claims = seed(session)
    replace_ledger(session, [ledger_event("e1", claims)], [])
    session.commit()
    save_extraction(session, "d1", extraction("d1"))
    session.commit()
    assert len(load_ledger(session)[0].claims) == 3


def test_identical_claims_get_distinct_ids(session: Session) -> None:
    add_document(session, source_doc("d1"))
    x = extraction("d1")
    x.claims.append(x.claims[0])
    save_extraction(session, "d1", x)
    ids = [c.id for c in load_claims(session)]
    assert len(ids) == len(set(ids)) == 4


def test_filters(session: Session) -> None:
    claims = seed(session, "a", "b")
    accept_claim(session, claims[0].id, actor="ana")
    assert [c.id for c in load_claims(session, status=["accepted"])] == [claims[0].id]
    assert {c.doc_id for c in load_claims(session, doc_id="b")} == {"b"}


def test_a_lent_place_keeps_its_mark_and_a_told_one_is_stored_as_before() -> None:
    # a place lent from the incident told before (Place.lent) must stay marked in the store, or
    # linking would read it as told of the incident; a place told in the text stores no new key
    told = Place("Kurram", 3, 9, admin1="Khyber Pakhtunkhwa", country="PAK", precision="district")
    lent = replace(told, lent=True)
    assert "lent" not in place_to_json(told)
    assert place_from_json(place_to_json(told)) == told
    assert place_from_json(place_to_json(lent)) == lent


def test_a_lent_place_keeps_its_mark_through_the_database(session: Session) -> None:
    # save_extraction / load_doc_events on each database of the fixture: a lent place stays
    # lent (else linking would read it as told of the incident), a told one stays told
    add_document(session, source_doc("d1"))
    told = doc_event().locations[0]
    lent = replace(told, name="Parachinar", precision="town", lent=True)
    event = replace(doc_event(), locations=[told, lent])
    save_extraction(session, "d1", replace(extraction("d1"), events=[event]))
    session.commit()
    [loaded] = load_doc_events(session, "d1")
    assert [(p.name, p.lent) for p in loaded.locations] == [("Kurram", False), ("Parachinar", True)]
    assert loaded == event
