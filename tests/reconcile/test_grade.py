"""Grading rules (``docs/grades.md``) on hand-built reconciliations (no spaCy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tolls.ids import page_version_id
from tolls.model import Claim, DateSpan, Event, Extraction, Figure, InputDocument, LedgerEvent, Party
from tolls.reconcile.grade import grade_event
from tolls.reconcile.ledger import reconcile

ISPR = Party("ISPR", "PAK", 1)
MUJAHID = Party("Zabihullah Mujahid", "AFG", 1)
PAK_SOLDIERS = Party("Pakistani soldiers", "PAK", 1)
AFG_FIGHTERS = Party("Afghan fighters", "AFG", 1)
OUTLET = Party("", "", 0)  # the outlet's own reporting
CIVILIANS = Party("civilians", "PAK", 7)
DAY = date(2025, 10, 12)
CLASH = DateSpan(date(2025, 10, 11), date(2025, 10, 12), "day")


def fig(v: int) -> Figure:
    return Figure(str(v), v, v, v, "exact")


def claim(who: Party, victims: Party, f: Figure, start: int) -> Claim:
    return Claim(who, "killed", victims, f, (start, start + 2), event_ref=0)


def doc(doc_id: str, published: date, claims: list[Claim]) -> tuple[InputDocument, Extraction]:
    event = Event("Battles/Armed clash", CLASH, [], [ISPR, MUJAHID])
    return InputDocument(doc_id, "text", published), Extraction(doc_id, claims, [event])


def _one(docs: list[tuple[InputDocument, Extraction]], **kw: object) -> LedgerEvent:
    r = reconcile(docs, **kw)  # type: ignore[arg-type]  # keyword options of reconcile
    assert len(r.events) == 1
    ev = r.events[0]
    assert ev.grade is not None
    return ev


def test_one_source_is_weak() -> None:
    ev = _one([doc("a", DAY, [claim(OUTLET, CIVILIANS, fig(12), 0)])])
    assert ev.grade is not None
    assert ev.grade.grade == "weak"
    assert ev.grade.reasons == ("1 independent source", "no party to the fighting gives a figure")
    assert ev.grade.by is None


def test_syndicated_copies_are_not_independent_sources() -> None:
    docs = [doc("a", DAY, [claim(OUTLET, CIVILIANS, fig(12), 0)])]
    ev = _one(docs, copies={"a": ("a-copy", "a-copy-2")})
    assert ev.grade is not None and ev.grade.grade == "weak"
    assert ev.grade.reasons[0] == "1 independent source (2 syndicated copies not counted)"
    assert sorted(ev.documents) == ["a", "a-copy", "a-copy-2"]


def test_several_independent_sources_one_side_is_fair() -> None:
    docs = [
        doc("a", DAY, [claim(OUTLET, CIVILIANS, fig(12), 0)]),
        doc("b", date(2025, 10, 13), [claim(ISPR, AFG_FIGHTERS, fig(30), 0)]),
    ]
    ev = _one(docs)
    assert ev.grade is not None and ev.grade.grade == "fair"
    assert ev.grade.reasons == (
        "2 independent sources",
        "figures from one side only: ISPR (PAK state forces)",
    )


def test_versions_of_one_watched_page_are_one_source() -> None:
    """``tolls watch`` stores each version of a page as its own document (page_version_id): a
    typo fixed on a ministry's page must not make a second independent source."""
    page = "https://ministry.example.org/statement"
    docs = [
        doc(page_version_id(page, "0123456789abcdef" * 4), DAY, [claim(OUTLET, CIVILIANS, fig(12), 0)]),
        doc(
            page_version_id(page, "fedcba9876543210" * 4),
            date(2025, 10, 13),
            [claim(ISPR, AFG_FIGHTERS, fig(30), 0)],
        ),
    ]
    ev = _one(docs)
    assert ev.grade is not None and ev.grade.grade == "weak"
    assert ev.grade.reasons[0] == "1 independent source (1 later version of a page not counted)"


def test_an_admission_against_interest_confirms() -> None:
    ev = _one([doc("ispr", DAY, [claim(ISPR, PAK_SOLDIERS, fig(23), 0)])])
    assert ev.grade is not None and ev.grade.grade == "confirmed"
    assert ev.grade.reasons[0] == "admission against interest: ISPR (PAK state forces) on its own killed: 23"


def test_both_sides_agreeing_in_independent_sources_confirms() -> None:
    docs = [
        doc("ispr", DAY, [claim(ISPR, CIVILIANS, fig(5), 0)]),
        doc("taliban", DAY, [claim(MUJAHID, CIVILIANS, fig(5), 0)]),
    ]
    ev = _one(docs)
    assert ev.grade is not None and ev.grade.grade == "confirmed"
    assert ev.grade.reasons == (
        "2 independent sources",
        "both sides agree on killed (civilians): ISPR (PAK state forces), "
        "Zabihullah Mujahid (AFG state forces)",
    )
    # the same two statements in one report are not independent confirmation
    alone = _one(
        [doc("wire", DAY, [claim(ISPR, CIVILIANS, fig(5), 0), claim(MUJAHID, CIVILIANS, fig(5), 9)])]
    )
    assert alone.grade is not None and alone.grade.grade == "weak"
    assert alone.grade.reasons[1] == "both sides give figures, but in one source"


def test_two_sides_about_different_groups_do_not_confirm() -> None:
    docs = [
        doc("ispr", DAY, [claim(ISPR, AFG_FIGHTERS, fig(40), 0)]),
        doc("taliban", DAY, [claim(MUJAHID, PAK_SOLDIERS, fig(12), 0)]),
    ]
    ev = _one(docs)
    assert ev.grade is not None and ev.grade.grade == "fair"
    assert ev.grade.reasons[1].startswith("figures from several sides, about different groups: ISPR")


def test_sides_disagreeing_is_contested_even_with_an_admission() -> None:
    docs = [
        doc("ispr", DAY, [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
        doc("taliban", DAY, [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0)]),
    ]
    ev = _one(docs)
    assert ev.grade is not None and ev.grade.grade == "contested"
    assert ev.grade.reasons == (
        "claimants disagree on killed (Pakistani soldiers): ISPR 23; Zabihullah Mujahid 58",
        "2 independent sources",
    )


def test_the_contested_margin_is_a_threshold() -> None:
    docs = [
        doc("ispr", DAY, [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
        doc("taliban", DAY, [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0)]),
    ]
    # 58 is 35 above 23: more than 1.5 x 23 (34.5) apart, not more than 2 x 23 (46)
    assert _one(docs, contested_margin=1.5).grade.grade == "contested"  # type: ignore[union-attr]
    calm = _one(docs, contested_margin=2.0)
    assert not calm.contested and calm.grade is not None and calm.grade.grade == "confirmed"


def test_rejected_by_review_or_retracted_is_discounted() -> None:
    ev = _one([doc("ispr", DAY, [claim(ISPR, PAK_SOLDIERS, fig(23), 0)])])
    assert grade_event(ev, rejected=True).reasons == ("rejected by review", "1 independent source")
    assert grade_event(ev, rejected=True).grade == "discounted"
    denied: Claim = replace(claim(ISPR, PAK_SOLDIERS, fig(23), 0), stance="denied")
    retracted = _one([doc("ispr", DAY, [denied])])
    assert retracted.grade is not None and retracted.grade.grade == "discounted"
    assert retracted.grade.reasons[0] == "no claim stands: 1 claim denied by its claimant"
    # every claim rejected by an analyst: the event is left without claims
    emptied = replace(ev, claims=[], estimates=[])
    assert (
        grade_event(emptied, rejected_claims=2).reasons[0] == "no claim stands: 2 claims rejected by review"
    )
    assert grade_event(emptied).grade == "weak"  # never had a claim: nothing was withdrawn


def test_grades_do_not_depend_on_input_order() -> None:
    docs = [
        doc("ispr", DAY, [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
        doc("taliban", DAY, [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0)]),
        doc("wire", date(2025, 10, 13), [claim(OUTLET, CIVILIANS, fig(3), 0)]),
    ]
    assert _one(docs).grade == _one(list(reversed(docs))).grade
