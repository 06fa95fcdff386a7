"""Linking a report to an event reads every report of the event (tolls.reconcile.link.score_event),
and one report's two accounts of an incident are one event. Sample reports of our own."""

from __future__ import annotations

import random
from datetime import date

from tolls.model import Claim, DateSpan, Event, Extraction, Figure, InputDocument, Party, Place
from tolls.reconcile.ledger import reconcile
from tolls.reconcile.link import LINK_THRESHOLD, Incident, counter_accounts, score_event

ARMY = Party("the army's media wing", "PAK", 1)
REBEL_SPOKESMAN = Party("the rebels' spokesman", "AFG", 1)
SOLDIERS = Party("soldiers", "PAK", 1)
FIGHTERS = Party("fighters", "AFG", 1)
DAYS = DateSpan(date(2025, 3, 7), date(2025, 3, 8), "day")
KURRAM = Place("Kurram", lat=33.8, lon=70.2, precision="district", country="PAK")
KABUL = Place("Kabul", lat=34.53, lon=69.17, precision="town", country="AFG")
QUETTA = Place("Quetta", lat=30.2, lon=67.0, precision="town", country="PAK")
DELHI = Place("Delhi", lat=28.6, lon=77.2, precision="town", country="IND")
BORDER = Place("Pakistan-Afghanistan border", precision="line", country="AFG")


def fig(v: int) -> Figure:
    return Figure(str(v), v, v, v, "exact")


def said(who: Party, victims: Party, v: int, ref: int = 0, kind: str = "killed") -> Claim:
    return Claim(who, kind, victims, fig(v), (v, v + 2), event_ref=ref)  # type: ignore[arg-type]


def report(
    doc_id: str, claims: list[Claim], places: list[Place], dates: DateSpan = DAYS, index: int = 0
) -> Incident:
    event = Event("Battles/Armed clash", dates, places, [])
    return Incident(doc_id, index, event, claims, date(2025, 3, 9))


def test_every_report_of_the_event_speaks_for_it_whatever_their_order() -> None:
    """A recap restating one figure links to the event through the one report that gave it,
    however many reports came before and after it (a sample of the first and latest missed it)."""
    members = [report(f"r{i}", [], [KURRAM]) for i in range(9)]
    members[4] = report("r4", [said(ARMY, FIGHTERS, 120)], [KURRAM])
    recap = Incident(
        "recap",
        0,
        Event("Battles/Armed clash", DateSpan(None, None, None), [QUETTA]),
        [said(ARMY, FIGHTERS, 120)],
        None,
    )
    s = score_event(members, recap)
    assert not s.vetoed and s.score >= LINK_THRESHOLD and "same figures 120" in s.reason
    shuffled = members[:]
    random.Random(3).shuffle(shuffled)
    assert score_event(shuffled, recap) == s
    alone = score_event(members[:4] + members[5:], recap)  # without the report giving it
    assert alone.score < LINK_THRESHOLD


def test_the_country_veto_reads_every_country_the_events_reports_place_it_in() -> None:
    """An event reported from both sides (Kurram, Kabul) lies in both: a report placing it in
    Pakistan is not vetoed by the Kabul report, one in a third country is."""
    members = [
        report("pak", [said(ARMY, SOLDIERS, 23)], [KURRAM]),
        report("afg", [said(ARMY, SOLDIERS, 23)], [KABUL]),
    ]
    other = report("later", [said(ARMY, SOLDIERS, 23)], [QUETTA])
    s = score_event(members, other)
    assert not s.vetoed and s.score >= LINK_THRESHOLD
    assert score_event(members[::-1], other) == s
    assert score_event(members, report("far", [said(ARMY, SOLDIERS, 23)], [DELHI])).vetoed
    # any member's date veto still holds: every report of an event must fit it
    later = report(
        "later", [said(ARMY, SOLDIERS, 23)], [KURRAM], DateSpan(date(2025, 3, 20), date(2025, 3, 20), "day")
    )
    assert score_event(members, later).vetoed


def test_counter_accounts_are_two_sides_tolls_of_one_group() -> None:
    army = [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120)]
    rebels = [said(REBEL_SPOKESMAN, SOLDIERS, 40), said(REBEL_SPOKESMAN, FIGHTERS, 6)]
    assert counter_accounts(army, rebels) == "AFG/1, PAK/1"
    assert counter_accounts(army, [said(ARMY, SOLDIERS, 3)]) == ""  # one side's two tolls
    assert counter_accounts(army, [said(REBEL_SPOKESMAN, SOLDIERS, 4, kind="injured")]) == ""


def _one_report(second: list[Claim], dates: DateSpan = DAYS) -> list[tuple[InputDocument, Extraction]]:
    """One report telling the army's account at Kurram on the border and, under a Kabul dateline,
    a second incident with ``second`` as its claims."""
    events = [
        Event(
            "Battles/Armed clash", DateSpan(date(2025, 3, 1), date(2025, 3, 9), "month"), [KURRAM, BORDER], []
        ),
        Event("Battles/Armed clash", dates, [KABUL], []),
    ]
    claims = [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120), *second]
    return [(InputDocument("wire", "text", date(2025, 3, 9)), Extraction("wire", claims, events))]


def test_one_reports_two_accounts_of_a_clash_are_one_contested_event() -> None:
    r = reconcile(
        _one_report([said(REBEL_SPOKESMAN, SOLDIERS, 40, 1), said(REBEL_SPOKESMAN, FIGHTERS, 6, 1)])
    )
    (ev,) = r.events
    assert ev.contested
    killed = {e.victims.country: (e.low, e.best, e.high) for e in ev.estimates if e.kind == "killed"}
    assert killed == {"PAK": (23, 23, 40), "AFG": (6, 6, 120)}
    assert any("two accounts" in d.reason for d in r.decisions if d.linked)


def test_one_reports_two_incidents_told_by_one_side_stay_two() -> None:
    r = reconcile(_one_report([said(ARMY, SOLDIERS, 3, 1)]))
    assert len(r.events) == 2
    dated_apart = DateSpan(date(2025, 2, 1), date(2025, 2, 1), "day")
    r = reconcile(_one_report([said(REBEL_SPOKESMAN, SOLDIERS, 40, 1)], dated_apart))
    assert len(r.events) == 2


def test_two_events_sharing_one_sides_figure_on_the_same_days_are_one() -> None:
    """The rebels' account (Kabul) stays apart from the army's at first; a wire report restating
    the army's two figures and the rebels' one joins the army's event; the two events then share
    that one figure on the same days in a common country, and are one."""
    rebels = Event("Battles/Armed clash", DAYS, [KABUL, BORDER], [])
    army = Event("Battles/Armed clash", DAYS, [KURRAM], [])
    docs = [
        (
            InputDocument("army", "text", date(2025, 3, 8)),
            Extraction("army", [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120)], [army]),
        ),
        (
            InputDocument("rebels", "text", date(2025, 3, 8)),
            Extraction(
                "rebels", [said(REBEL_SPOKESMAN, SOLDIERS, 40), said(REBEL_SPOKESMAN, FIGHTERS, 6)], [rebels]
            ),
        ),
        (
            InputDocument("wire", "text", date(2025, 3, 9)),
            Extraction(
                "wire",
                [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120), said(REBEL_SPOKESMAN, SOLDIERS, 40)],
                [army],
            ),
        ),
    ]
    r = reconcile(docs)
    assert [sorted(e.documents) for e in r.events] == [["army", "rebels", "wire"]]
    assert r.events[0].contested
    # not when the second event is of other days
    other = Event(
        "Battles/Armed clash", DateSpan(date(2025, 3, 4), date(2025, 3, 4), "day"), [KABUL, BORDER], []
    )
    docs[1] = (docs[1][0], Extraction("rebels", docs[1][1].claims, [other]))
    assert len(reconcile(docs).events) == 2
