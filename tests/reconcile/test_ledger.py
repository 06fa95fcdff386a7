"""Cross-document reconciliation on hand-built extractions (no spaCy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tolls.model import Claim, DateSpan, Event, Extraction, Figure, InputDocument, Party, Place
from tolls.reconcile import ledger
from tolls.reconcile.ledger import reconcile
from tolls.reconcile.link import Incident, score_link

ISPR = Party("ISPR", "PAK", 1)
MUJAHID = Party("Zabihullah Mujahid", "AFG", 1)
PAK_SOLDIERS = Party("Pakistani soldiers", "PAK", 1)
AFG_FIGHTERS = Party("Afghan fighters", "AFG", 1)
KURRAM = Place("Kurram", lat=33.8, lon=70.2, precision="district", country="PAK")
CLASH_DATES = DateSpan(date(2025, 10, 11), date(2025, 10, 12), "day")


def fig(v: int, q: str = "exact") -> Figure:
    return Figure(str(v), v, v + 1 if q == "more_than" else v, v + 1 if q == "more_than" else v, q)  # type: ignore[arg-type]


def claim(who: Party, victims: Party, f: Figure, start: int) -> Claim:
    return Claim(who, "killed", victims, f, (start, start + 2), event_ref=0)


def doc(
    doc_id: str,
    published: date,
    claims: list[Claim],
    *,
    etype: str = "Battles/Armed clash",
    dates: DateSpan = CLASH_DATES,
    places: list[Place] | None = None,
) -> tuple[InputDocument, Extraction]:
    event = Event(etype, dates, places if places is not None else [KURRAM], [ISPR, MUJAHID])
    return InputDocument(doc_id, "text", published), Extraction(doc_id, claims, [event])


def test_two_sides_reports_of_one_clash_become_one_contested_event() -> None:
    docs = [
        doc(
            "ispr",
            date(2025, 10, 12),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(ISPR, AFG_FIGHTERS, fig(200, "more_than"), 10)],
        ),
        doc(
            "taliban",
            date(2025, 10, 12),
            [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0), claim(MUJAHID, AFG_FIGHTERS, fig(9), 10)],
        ),
        doc(
            "wire",
            date(2025, 10, 13),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 5), claim(MUJAHID, PAK_SOLDIERS, fig(58), 40)],
        ),
    ]
    r = reconcile(docs)
    assert len(r.events) == 1
    ev = r.events[0]
    assert ev.contested and sorted(ev.documents) == ["ispr", "taliban", "wire"]
    # the wire service repeats two claims: one claim each, with two sources
    assert len(ev.claims) == 4
    by_value = {c.claim.figure.value: c for c in ev.claims}
    assert by_value[23].sources == ("ispr", "wire") and by_value[58].sources == ("taliban", "wire")
    est = {e.victims.country: e for e in ev.estimates if e.kind == "killed"}
    assert (est["PAK"].low, est["PAK"].best, est["PAK"].high, est["PAK"].rule) == (23, 23, 58, "admission")
    assert (est["AFG"].low, est["AFG"].best, est["AFG"].high) == (9, 9, 201)
    assert est["PAK"].contested and est["AFG"].contested
    assert set(est["PAK"].claims) == {by_value[23].id, by_value[58].id}
    assert ev.fatalities is not None and ev.fatalities.low == 32
    assert "Disputed killed" in ev.notes and "58" in ev.notes
    linked = [d for d in r.decisions if d.linked]
    assert len(linked) == 2 and all(d.event_id == ev.id and d.reason for d in linked)


def test_different_days_or_kinds_of_event_stay_apart() -> None:
    later = DateSpan(date(2025, 10, 15), date(2025, 10, 15), "day")
    docs = [
        doc("a", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
        doc("b", date(2025, 10, 16), [claim(ISPR, AFG_FIGHTERS, fig(15), 0)], dates=later),
        doc(
            "c",
            date(2025, 10, 19),
            [],
            etype="Strategic developments/Agreement",
            dates=DateSpan(date(2025, 10, 19), date(2025, 10, 19), "day"),
        ),
    ]
    r = reconcile(docs)
    assert len(r.events) == 3
    assert not any(d.linked for d in r.decisions)
    assert all(not e.contested for e in r.events)


def test_a_recap_typed_otherwise_joins_the_event_whose_figures_it_repeats() -> None:
    docs = [
        doc(
            "ispr",
            date(2025, 10, 12),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(MUJAHID, PAK_SOLDIERS, fig(58), 9)],
        ),
        doc(
            "recap",
            date(2025, 10, 20),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 3), claim(MUJAHID, PAK_SOLDIERS, fig(58), 30)],
            etype="Riots/Mob violence",
            places=[],
        ),
    ]
    r = reconcile(docs)
    assert len(r.events) == 1 and r.events[0].type == "Battles/Armed clash"


def _two_clashes_and_a_recap(recap_claims: list[Claim]) -> list[tuple[InputDocument, Extraction]]:
    """Two clashes nine days apart (their dates keep them apart) and a season-long recap, vetoed
    by its scope while linking, that restates figures of both."""
    first = DateSpan(date(2025, 10, 11), date(2025, 10, 11), "day")
    second = DateSpan(date(2025, 10, 20), date(2025, 10, 20), "day")
    recap = doc("recap", date(2025, 10, 30), recap_claims, dates=DateSpan(None, None, None), places=[])
    recap[1].events[0].scope = "aggregate"
    return [
        doc(
            "kurram",
            date(2025, 10, 12),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(ISPR, AFG_FIGHTERS, fig(200), 9)],
            dates=first,
        ),
        doc(
            "boldak",
            date(2025, 10, 21),
            [
                claim(MUJAHID, PAK_SOLDIERS, fig(58), 0),
                claim(MUJAHID, AFG_FIGHTERS, fig(9), 9),
                claim(MUJAHID, AFG_FIGHTERS, fig(4), 20),
            ],
            dates=second,
            places=[],
        ),
        recap,
    ]


def test_issue_18_a_recap_restating_two_events_joins_one_chosen_by_an_explicit_order() -> None:
    # It used to join whichever event a set of claim keys listed first: a hash-seed lottery.
    both = [
        claim(ISPR, PAK_SOLDIERS, fig(23), 0),
        claim(ISPR, AFG_FIGHTERS, fig(200), 10),
        claim(MUJAHID, PAK_SOLDIERS, fig(58), 20),
        claim(MUJAHID, AFG_FIGHTERS, fig(9), 30),
    ]
    r = reconcile(_two_clashes_and_a_recap(both))
    assert [e.documents for e in r.events] == [["kurram", "recap"], ["boldak"]]  # the earlier event
    more = [*both, claim(MUJAHID, AFG_FIGHTERS, fig(4), 40)]
    r = reconcile(_two_clashes_and_a_recap(more))
    assert [e.documents for e in r.events] == [["kurram"], ["boldak", "recap"]]  # the one sharing more


def test_syndicated_copies_are_sources_not_claims_and_ids_can_come_from_the_store() -> None:
    docs = [doc("orig", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)])]
    r = reconcile(docs, ident=lambda d, c: f"{d}#{c.span[0]}", copies={"orig": ("copy",)})
    (ev,) = r.events
    assert ev.claims[0].id == "orig#0" and ev.claims[0].sources == ("orig", "copy")
    assert ev.documents == ["orig", "copy"]


def test_score_explains_itself() -> None:
    (a_doc, a), (b_doc, b) = (
        doc("a", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
        doc("b", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
    )
    ia = Incident("a", 0, a.events[0], a.claims, a_doc.published)
    ib = Incident("b", 0, b.events[0], b.claims, b_doc.published)
    s = score_link(ia, ib)
    assert not s.vetoed and s.score >= 3
    assert "same figures 23" in s.reason and "same place (Kurram)" in s.reason
    far = Incident(
        "c",
        0,
        Event("Battles/Armed clash", DateSpan(date(2025, 9, 1), date(2025, 9, 1), "day")),
        [],
        date(2025, 9, 2),
    )
    assert score_link(ia, far).vetoed


OCTOBER = DateSpan(date(2025, 10, 1), date(2025, 10, 31), "month")
PAKISTAN = Place("Pakistan", lat=30.0, lon=70.0, precision="country", country="PAK")
QUETTA = Place("Quetta", lat=30.2, lon=67.0, precision="town", country="PAK")


def test_a_war_in_common_is_not_an_incident_in_common() -> None:
    """Type, a month and a country are true of every incident of a war: without a shared figure
    or place, two loosely dated reports stay two events."""
    gunmen, police = Party("gunmen", "PAK", 3), Party("police", "PAK", 1)
    docs = [
        doc(
            "a", date(2025, 10, 20), [claim(ISPR, PAK_SOLDIERS, fig(4), 0)], dates=OCTOBER, places=[PAKISTAN]
        ),
        doc("b", date(2025, 10, 21), [claim(police, gunmen, fig(3), 0)], dates=OCTOBER, places=[PAKISTAN]),
    ]
    assert len(reconcile(docs).events) == 2
    # the same place (and words) or the same figure from the same side is enough
    docs[1] = doc(
        "b", date(2025, 10, 21), [claim(ISPR, PAK_SOLDIERS, fig(4), 0)], dates=OCTOBER, places=[QUETTA]
    )
    assert len(reconcile(docs).events) == 1


def test_a_recalled_year_does_not_date_an_event_most_reports_leave_undated() -> None:
    undated = DateSpan(None, None, None)
    recalled = DateSpan(date(2021, 1, 1), date(2021, 12, 31), "year")
    told = [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(ISPR, AFG_FIGHTERS, fig(200, "more_than"), 10)]
    reports = [doc(f"r{n}", None, told, dates=undated) for n in range(3)]  # type: ignore[arg-type]
    recap = doc("recap", date(2025, 10, 12), told, dates=recalled)
    (ev,) = reconcile([recap, *reports]).events
    assert ev.dates.start is None and len(ev.documents) == 4
    # the same recalled year given by half the reports does date the event
    again = doc("recap2", date(2025, 10, 13), told, dates=recalled)
    (ev,) = reconcile([recap, again, *reports[:2]]).events
    assert ev.dates == recalled and len(ev.documents) == 4


def test_figures_are_indexed_only_for_reports_nothing_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    # the told-figure index serves only reports with neither a date nor a publication date; a
    # corpus with none builds none
    calls: list[str] = []
    keys = ledger._telling_keys

    def counted(inc: Incident) -> list[tuple[object, ...]]:
        calls.append(inc.doc_id)
        return keys(inc)

    monkeypatch.setattr(ledger, "_telling_keys", counted)
    told = [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(ISPR, AFG_FIGHTERS, fig(200, "more_than"), 10)]
    dated = [doc(f"d{n}", date(2025, 10, 12), told) for n in range(4)]
    (ev,) = reconcile(dated).events
    assert len(ev.documents) == 4 and calls == []
    undated = [doc(f"u{n}", None, told, dates=DateSpan(None, None, None)) for n in range(2)]  # type: ignore[arg-type]
    (ev,) = reconcile([*dated, *undated]).events
    assert len(ev.documents) == 6 and calls


def test_a_day_long_before_its_own_report_is_background_when_few_reports_give_it() -> None:
    told = [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(ISPR, AFG_FIGHTERS, fig(200, "more_than"), 10)]
    undated = DateSpan(None, None, None)
    old = DateSpan(date(2023, 5, 2), date(2023, 5, 2), "day")
    recalled = doc("c", date(2025, 10, 12), told, dates=old)
    reports = [doc(f"r{n}", None, told, dates=undated) for n in range(3)]  # type: ignore[arg-type]
    (ev,) = reconcile([recalled, *reports]).events
    assert ev.dates.start is None
    # reported the week it happened, the same day dates the event
    (ev,) = reconcile([doc("c", date(2023, 5, 3), told, dates=old), *reports]).events
    assert ev.dates == old


def test_progress_hears_of_every_incident_linked_with_the_total() -> None:
    docs = [
        doc("a", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
        doc("b", date(2025, 10, 13), [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0)]),
        doc(
            "c",
            date(2025, 10, 14),
            [claim(ISPR, AFG_FIGHTERS, fig(9), 0)],
            dates=DateSpan(date(2025, 3, 1), date(2025, 3, 1), "day"),
        ),
    ]
    heard: list[tuple[int, int]] = []
    quiet = reconcile(docs)
    told = reconcile(docs, progress=lambda n, total: heard.append((n, total)))
    assert heard == [(1, 3)] * 3  # one call per incident, each with the total
    assert [e.id for e in told.events] == [e.id for e in quiet.events]  # and nothing else changes


ANONYMOUS = Party("", "", None)


def test_a_restatement_that_lost_its_claimant_joins_the_event_it_repeats() -> None:
    # "23 soldiers were killed ... over 200 Taliban fighters were killed", the army no longer named,
    # in a report typed apart: the same two figures for the same two groups are one incident
    docs = [
        doc(
            "ispr",
            date(2025, 10, 12),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(ISPR, AFG_FIGHTERS, fig(200, "more_than"), 10)],
        ),
        doc(
            "recap",
            date(2025, 10, 14),
            [
                claim(ANONYMOUS, PAK_SOLDIERS, fig(23), 0),
                claim(ANONYMOUS, AFG_FIGHTERS, fig(200, "more_than"), 10),
            ],
            etype="Riots/Mob violence",
            places=[],
        ),
    ]
    r = reconcile(docs)
    assert [e.documents for e in r.events] == [["ispr", "recap"]]
    # small figures with no claimant are too common to be a sign: "two killed", "three injured"
    small = [
        doc(
            "a",
            date(2025, 10, 12),
            [claim(ISPR, PAK_SOLDIERS, fig(2), 0), claim(ISPR, AFG_FIGHTERS, fig(3), 5)],
        ),
        doc(
            "b",
            date(2025, 10, 13),
            [claim(ANONYMOUS, PAK_SOLDIERS, fig(2), 0), claim(ANONYMOUS, AFG_FIGHTERS, fig(3), 5)],
            etype="Riots/Mob violence",
            places=[],
        ),
    ]
    assert len(reconcile(small).events) == 2


MIR_ALI = Place("Mir Ali", lat=33.15, lon=70.05, precision="town", country="PAK")  # 74 km off
SUICIDE = "Explosions/Remote violence/Suicide bomb"


def titled(pair: tuple[InputDocument, Extraction], title: str) -> tuple[InputDocument, Extraction]:
    d, x = pair
    return InputDocument(d.id, d.text, d.published, title=title), x


def test_a_loosely_dated_report_needs_a_place_nearer_than_a_districts_reach() -> None:
    # a bombing in a town 79 km from the district's centre, told without a date of its own (dated
    # by its publication month), is no report of a clash there days before; its "one soldier" must
    # not become the side's admitted toll
    police = Party("police", "PAK", 1)
    tuesday = DateSpan(date(2025, 10, 14), date(2025, 10, 14), "day")
    by_publication = DateSpan(date(2025, 10, 1), date(2025, 10, 18), "month")
    words = "soldiers killed as militants attack security forces"
    clash = titled(
        doc("clash", date(2025, 10, 15), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)], dates=tuesday), words
    )
    told = [claim(police, PAK_SOLDIERS, fig(1), 0)]
    bomb = doc("bomb", date(2025, 10, 18), told, etype=SUICIDE, dates=by_publication, places=[MIR_ALI])
    r = reconcile([clash, titled(bomb, words)])
    assert len(r.events) == 2, [d.reason for d in r.decisions]
    assert "nothing specific in common" in r.decisions[-1].reason
    # the same place by name still stands for the date
    near = doc("near", date(2025, 10, 18), told, etype=SUICIDE, dates=by_publication)
    assert len(reconcile([clash, titled(near, words)]).events) == 1


def test_an_event_is_dated_by_the_days_its_reports_give() -> None:
    # "Saturday night" in one report, the statement's "Sunday" in two: the clash is both days
    told = [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(MUJAHID, PAK_SOLDIERS, fig(58), 10)]
    sunday = DateSpan(date(2025, 10, 12), date(2025, 10, 12), "day", "on Sunday")
    saturday = DateSpan(date(2025, 10, 11), date(2025, 10, 11), "day", "on Saturday night")
    tuesday = DateSpan(date(2025, 10, 14), date(2025, 10, 14), "day", "on Tuesday")
    docs = [
        doc("a", date(2025, 10, 12), told, dates=sunday),
        doc("b", date(2025, 10, 12), told, dates=sunday),
        doc("c", date(2025, 10, 13), told, dates=saturday),
        doc("d", date(2025, 10, 15), told, dates=tuesday),  # a recap misdated: no day it touches
    ]
    (ev,) = reconcile(docs).events
    assert (ev.dates.start, ev.dates.end, ev.dates.precision) == (
        date(2025, 10, 11),
        date(2025, 10, 12),
        "day",
    )
    assert "Sunday" in ev.dates.text and "Saturday" in ev.dates.text
    # one date alone is the event's date
    (ev,) = reconcile(docs[:2]).events
    assert ev.dates == sunday


KABUL = Place("KABUL", lat=34.53, lon=69.17, precision="town", country="AFG")
DURAND = Place("Durand Line", lat=32.5, lon=69.5, precision="line", country="")
BORDER = Place("Pakistan-Afghanistan border", precision="line", country="PAK")
ANGOOR = Place("Angoor Adda", lat=32.6, lon=69.6, precision="town", country="PAK")


def test_a_border_battle_is_placed_at_the_border_not_a_sides_capital() -> None:
    told = [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(MUJAHID, PAK_SOLDIERS, fig(58), 10)]
    docs = [
        doc("wire", date(2025, 10, 12), told, places=[KABUL]),  # "KABUL - ...": where it was filed
        doc("ispr", date(2025, 10, 12), told, places=[BORDER, ANGOOR]),
        doc("afp", date(2025, 10, 12), told, places=[DURAND]),
        doc("dawn", date(2025, 10, 13), told, places=[BORDER]),
    ]
    (ev,) = reconcile(docs).events
    assert ev.locations[0].name == "Durand Line" and ev.locations[-1].name != "KABUL"
    assert [p.name for p in ev.locations].index("KABUL") > [p.name for p in ev.locations].index("Angoor Adda")
    # a strike on a capital stays at the capital
    strike = [
        doc(
            n,
            date(2025, 10, 10),
            told,
            etype="Explosions/Remote violence/Air/drone strike",
            places=[KABUL, DURAND],
        )
        for n in "xy"
    ]
    (ev,) = reconcile(strike).events
    assert ev.locations[0].name == "KABUL"


def test_a_small_figure_of_a_side_beside_a_telling_one_joins_its_event() -> None:
    # a recap dated only by its year restates "at least 23 Pakistani soldiers" and "at least 9
    # Afghan soldiers", neither side named as saying them: the 9 alone would be a coincidence,
    # beside the 23 it is the Taliban's 9
    year = DateSpan(date(2025, 1, 1), date(2025, 12, 31), "year")
    docs = [
        doc(
            "taliban",
            date(2025, 10, 12),
            [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0), claim(MUJAHID, AFG_FIGHTERS, fig(9), 9)],
        ),
        doc("ispr", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)]),
        doc(
            "recap",
            date(2025, 12, 30),
            [claim(ANONYMOUS, PAK_SOLDIERS, fig(23), 0), claim(ANONYMOUS, AFG_FIGHTERS, fig(9), 9)],
            dates=year,
        ),
    ]
    docs[2][1].events[0].scope = "aggregate"
    r = reconcile(docs)
    assert len(r.events) == 1 and "recap" in r.events[0].documents
    # the small figure alone joins nothing
    docs[2] = doc("recap", date(2025, 12, 30), [claim(ANONYMOUS, AFG_FIGHTERS, fig(9), 9)], dates=year)
    docs[2][1].events[0].scope = "aggregate"
    assert len(reconcile(docs).events) == 2


def test_a_periods_total_recalled_beside_an_incident_stays_out_of_it() -> None:
    torkham = Place("Torkham", lat=34.1, lon=71.1, precision="town", country="PAK")
    returned = Claim(
        Party("UN agencies", "", 8),
        "other",
        Party("Afghans", "AFG", 7),
        Figure("more than a million", 1_000_000, 1_000_001, None, "more_than"),
        (100, 119),
        event_ref=0,
        evidence="The agencies said more than a million Afghans had been forced to return since late 2023.",
    )
    stranded = Claim(
        Party("UN agencies", "", 8),
        "other",
        Party("families", "AFG", 7),
        Figure("200", 200, 200, 200, "exact"),
        (10, 13),
        event_ref=0,
        evidence="The agencies said 200 families were stranded at the crossing.",
    )
    closure = DateSpan(date(2025, 10, 14), date(2025, 10, 14), "day")
    (ev,) = reconcile(
        [
            doc(
                "un",
                date(2025, 10, 14),
                [stranded, returned],
                etype="Riots/Mob violence",
                dates=closure,
                places=[torkham],
            )
        ]
    ).events
    assert [c.claim.figure.value for c in ev.claims] == [200]
    assert [(e.kind, e.low) for e in ev.estimates] == [("other", 200)]


def test_a_recap_dated_by_a_background_year_joins_the_event_whose_figures_it_restates() -> None:
    # a recap that says "a group formed in 2007" and so was dated to that year, restating both
    # sides' figures of the clash: the year is background, not the recap's incident
    formed = DateSpan(date(2007, 1, 1), date(2007, 12, 31), "year", "2007")
    docs = [
        doc(
            "ispr",
            date(2025, 10, 12),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(MUJAHID, PAK_SOLDIERS, fig(58), 10)],
        ),
        doc(
            "recap",
            date(2025, 10, 20),
            [claim(ISPR, PAK_SOLDIERS, fig(23), 0), claim(MUJAHID, PAK_SOLDIERS, fig(58), 10)],
            dates=formed,
            places=[Place("Islamabad", lat=33.72, lon=73.04, precision="town", country="PAK")],
        ),
    ]
    r = reconcile(docs)
    assert len(r.events) == 1 and sorted(r.events[0].documents) == ["ispr", "recap"]
    assert r.events[0].dates.start == date(2025, 10, 11)
    # the same recap restating only one figure stays apart: one shared figure is no restatement
    one = [docs[0], doc("recap", date(2025, 10, 20), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)], dates=formed)]
    assert len(reconcile(one).events) == 2


def test_an_undated_report_whose_side_admits_other_own_dead_is_another_incident() -> None:
    # a talks report recalling a later skirmish: the army reports five soldiers killed along the
    # same border, with no date of its own; the clash's army figure was 23
    border = Place("Kurram", lat=33.8, lon=70.2, precision="district", country="PAK")
    undated = DateSpan(None, None, None)
    clash = doc("ispr", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)], places=[border])
    later = [claim(ISPR, PAK_SOLDIERS, fig(5), 0)]
    skirmish = doc("talks", date(2025, 10, 12), later, dates=undated, places=[border])
    inc = [
        Incident(d.id, 0, x.events[0], x.claims, None, frozenset({"border", "soldiers", "clash"}))
        for d, x in (clash, skirmish)
    ]
    s = score_link(inc[0], inc[1])
    assert s.vetoed and "PAK gives 5 and 23 of its own dead" in s.reason
    assert len(reconcile([clash, skirmish]).events) == 2
    # the same undated report giving a close count (a toll updated from 23 to 25) may still link,
    # and a report dated to the clash's days is judged by its dates, not by this rule
    updated = [claim(ISPR, PAK_SOLDIERS, fig(25), 0)]
    close = Incident("talks", 0, skirmish[1].events[0], updated, None, inc[1].words)
    assert not score_link(inc[0], close).vetoed
    dated = Incident("talks", 0, clash[1].events[0], later, None, inc[1].words)
    assert not score_link(inc[0], dated).vetoed
    # a side denying the rival's 58 admits nothing: "the army rejected claims that 58 died"
    denial = [replace(claim(ISPR, PAK_SOLDIERS, fig(58), 0), stance="denied")]
    rejected = Incident("talks", 0, skirmish[1].events[0], denial, None, inc[1].words)
    assert "own dead" not in score_link(inc[0], rejected).reason


def test_a_border_lies_in_both_countries_for_the_country_veto() -> None:
    # an Afghan report places the clash on the border (coded AFG), a Pakistani one at Islamabad,
    # where the army spoke: the border runs between the two, so no country rules the link out
    border = Place("Pakistan-Afghanistan border", lat=31.0, lon=66.4, precision="line", country="AFG")
    islamabad = Place("Islamabad", lat=33.72, lon=73.04, precision="town", country="PAK")
    a = doc("kabul", date(2025, 10, 12), [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0)], places=[border])
    b = doc("isb", date(2025, 10, 12), [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0)], places=[islamabad])
    assert sorted(sorted(e.documents) for e in reconcile([a, b]).events) == [["isb", "kabul"]]
    # a town in each country, far apart, is still two incidents
    kandahar = Place("Kandahar", lat=31.61, lon=65.71, precision="town", country="AFG")
    c = doc("kdh", date(2025, 10, 12), [claim(MUJAHID, PAK_SOLDIERS, fig(58), 0)], places=[kandahar])
    assert len(reconcile([c, b]).events) == 2
    # but only in those two: a line between two other countries is no place in either
    idf = Party("Israeli military", "ISR", 1)
    troops = Party("soldiers", "ISR", 1)
    north = Place("Israel-Lebanon border", lat=33.1, lon=35.5, precision="line", country="ISR")
    gaza = Place("Gaza City", lat=31.5, lon=34.47, precision="town", country="PSE")
    blue = Place("Blue Line", lat=33.1, lon=35.5, precision="line")
    events = [
        doc(name, date(2025, 10, 12), [claim(idf, troops, fig(7), 0)], places=[where])[1].events[0]
        for name, where in (("north", north), ("gaza", gaza), ("blue", blue))
    ]
    words = frozenset({"soldiers", "killed"})
    north_i, gaza_i, blue_i = (
        Incident(n, 0, e, [claim(idf, troops, fig(7), 0)], None, words)
        for n, e in zip(("north", "gaza", "blue"), events, strict=True)
    )
    for line in (north_i, blue_i):
        link = score_link(line, gaza_i)
        assert link.vetoed and "countries" in link.reason
    # the border joins a report that places the incident on its other side
    beirut = Place("Beirut", lat=33.89, lon=35.5, precision="town", country="LBN")
    other = Incident(
        "lbn",
        0,
        doc("lbn", date(2025, 10, 12), [], places=[beirut])[1].events[0],
        [claim(idf, troops, fig(7), 0)],
        None,
        words,
    )
    assert not score_link(north_i, other).vetoed


def test_a_word_that_counts_no_one_is_no_admission_of_other_own_dead() -> None:
    # "several bodies" a security official mentions is no count of the army's own dead against
    # the army's 23: nothing vetoes the link
    undated = DateSpan(None, None, None)
    several = Figure("several", 3, None, None, "vague")
    clash = doc("ispr", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(23), 0)])
    other = doc("officials", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, several, 0)], dates=undated)
    inc = [
        Incident(d.id, 0, x.events[0], x.claims, None, frozenset({"border", "soldiers", "clash"}))
        for d, x in (clash, other)
    ]
    assert "own dead" not in score_link(inc[0], inc[1]).reason
    five = doc("talks", date(2025, 10, 12), [claim(ISPR, PAK_SOLDIERS, fig(5), 0)], dates=undated)
    inc[1] = Incident("talks", 0, five[1].events[0], five[1].claims, None, inc[1].words)
    assert "own dead" in score_link(inc[0], inc[1]).reason
