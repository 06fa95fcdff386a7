"""The change log's diff: what changed between two pictures of the ledger."""

from __future__ import annotations

import random
from datetime import date

from tolls.model import (
    Claim,
    DateSpan,
    Estimate,
    EventGrade,
    Figure,
    LedgerEvent,
    Party,
    Place,
    SourcedClaim,
)
from tolls.reconcile.changes import Change, diff_views, event_view

ISPR = Party("ISPR", "PAK", 1)
TALIBAN = Party("Taliban", "AFG", 2)
SOLDIERS = Party("soldiers", "PAK", 1)


def _claim(cid: str, value: int, claimant: Party = ISPR, doc: str = "d1") -> SourcedClaim:
    c = Claim(claimant, "killed", SOLDIERS, Figure(str(value), value, value, value, "exact"), (0, 2))
    return SourcedClaim(cid, c, doc, date(2025, 10, 12), (doc,))


def _event(
    eid: str,
    claims: list[SourcedClaim],
    low: int,
    best: int,
    high: int,
    *,
    contested: bool = False,
    grade: str = "weak",
    why: tuple[str, ...] = ("1 independent source",),
) -> LedgerEvent:
    est = Estimate(
        "killed", "side", SOLDIERS, low, best, high, "admission", tuple(c.id for c in claims), contested
    )
    return LedgerEvent(
        id=eid,
        type="Battles/Armed clash",
        dates=DateSpan(date(2025, 10, 11), date(2025, 10, 11), "day", ""),
        locations=[Place("Kurram", country="PAK")],
        claims=claims,
        estimates=[est],
        documents=sorted({c.doc_id for c in claims}),
        contested=contested,
        grade=EventGrade(grade, why),  # type: ignore[arg-type]
    )


def _kinds(changes: list[Change]) -> list[tuple[str, str, str | None]]:
    return [(c.kind, c.event_id, c.claim_id) for c in changes]


def test_an_empty_ledger_gains_one_event_change_per_event() -> None:
    a = _event("e-a", [_claim("c1", 23)], 23, 23, 23, grade="confirmed")
    b = _event("e-b", [_claim("c2", 4, doc="d2")], 4, 4, 4)
    changes = diff_views([], [event_view(b), event_view(a)])
    assert _kinds(changes) == [("event", "e-a", None), ("event", "e-b", None)]
    first = changes[0]
    assert first.summary == (
        "New event: Battles/Armed clash in Kurram (PAK) on 2025-10-11; 1 claim; killed PAK military 23; "
        "graded confirmed"
    )
    assert first.after["claims"][0]["figure"] == "23" and first.after["claims"][0]["document_id"] == "d1"
    assert first.after["estimates"] == [
        {"subject": "killed: PAK military", "low": 23, "best": 23, "high": 23, "contested": False}
    ]


def test_a_higher_figure_from_the_other_side_moves_the_estimate_and_contests_the_event() -> None:
    old = _event("e-a", [_claim("c1", 23)], 23, 23, 23, grade="confirmed", why=("admission",))
    claims = [_claim("c1", 23), _claim("c2", 58, TALIBAN, "d2")]
    new = _event("e-a", claims, 23, 23, 58, contested=True, grade="contested", why=("claimants disagree",))
    changes = diff_views([event_view(old)], [event_view(new)])
    assert _kinds(changes) == [
        ("claim", "e-a", "c2"),
        ("estimate", "e-a", None),
        ("contested", "e-a", None),
        ("grade", "e-a", None),
    ]
    claim, estimate, contested, grade = changes
    assert claim.summary == (
        "Taliban (AFG) says 58 killed (PAK military): killed estimate for PAK military 23 → 23–58 (best 23), "
        "now contested"
    )
    assert claim.after["claimant"] == {"name": "Taliban", "country": "AFG"}
    assert claim.after["value"] == [58, 58] and claim.after["document_id"] == "d2"
    assert estimate.subject == "killed: PAK military"
    assert estimate.before == {"low": 23, "best": 23, "high": 23, "contested": False}
    assert estimate.after == {"low": 23, "best": 23, "high": 58, "contested": True}
    assert (contested.before, contested.after) == (False, True)
    assert grade.before == {"grade": "confirmed", "reasons": ["admission"]}
    assert grade.after == {"grade": "contested", "reasons": ["claimants disagree"]}
    assert "graded contested (was confirmed): claimants disagree" in grade.summary


def test_an_unchanged_ledger_has_no_changes() -> None:
    events = [_event("e-a", [_claim("c1", 23)], 23, 23, 23), _event("e-b", [_claim("c2", 4)], 4, 4, 4)]
    views = [event_view(e) for e in events]
    assert diff_views(views, list(reversed(views))) == []


def test_an_event_renamed_by_an_earlier_report_is_a_merge_not_gone_and_new() -> None:
    """Event ids derive from the first report: an earlier one renames the event."""
    old = _event("e-late", [_claim("c1", 23)], 23, 23, 23)
    new = _event("e-early", [_claim("c0", 20, doc="d0"), _claim("c1", 23)], 20, 20, 23)
    changes = diff_views([event_view(old)], [event_view(new)])
    assert _kinds(changes) == [
        ("merge", "e-early", None),
        ("claim", "e-early", "c0"),
        ("estimate", "e-early", None),
    ]
    assert changes[0].before == {"event_id": "e-late"} and changes[0].after == {"event_id": "e-early"}
    assert "earlier report" in changes[0].summary


def test_an_event_whose_claims_joined_another_is_merged_and_one_whose_claims_left_is_gone() -> None:
    a = _event("e-a", [_claim("c1", 23)], 23, 23, 23)
    b = _event("e-b", [_claim("c2", 23, doc="d2")], 23, 23, 23)
    c = _event("e-c", [_claim("c3", 1, doc="d3")], 1, 1, 1)
    merged = _event("e-a", [_claim("c1", 23), _claim("c2", 23, doc="d2")], 23, 23, 23)
    changes = diff_views([event_view(e) for e in (a, b, c)], [event_view(merged)])
    assert _kinds(changes) == [("merge", "e-a", None), ("claim", "e-a", "c2"), ("gone", "e-c", None)]
    assert changes[0].before == {"event_id": "e-b", "claims": ["c2"]}
    assert changes[0].after == {"event_id": "e-a", "claims": ["c2"]}
    assert changes[2].before == {"claims": ["c3"], "grade": "weak", "contested": False}
    assert (
        changes[2].summary == "Battles/Armed clash in Kurram (PAK) on 2025-10-11 is no longer in the ledger"
    )


def test_the_order_does_not_depend_on_the_input_order() -> None:
    before = [_event(f"e-{i}", [_claim(f"c{i}", i)], i, i, i) for i in range(8)]
    after = [
        _event(f"e-{i}", [_claim(f"c{i}", i), _claim(f"x{i}", 2 * i + 1, TALIBAN)], i, i, 2 * i + 1)
        for i in range(1, 9)
    ]
    expected = diff_views([event_view(e) for e in before], [event_view(e) for e in after])
    assert [c.kind for c in expected].count("gone") == 1 and [c.kind for c in expected].count("event") == 1
    rng = random.Random(7)
    for _ in range(5):
        b, a = before[:], after[:]
        rng.shuffle(b)
        rng.shuffle(a)
        assert diff_views([event_view(e) for e in b], [event_view(e) for e in a]) == expected
