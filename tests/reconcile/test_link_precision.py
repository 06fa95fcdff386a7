"""Linking keeps distinct incidents apart (issue 20, part 2): other countries, reports without a
date published days apart, small unattributed figures shared by chance, rows of a dataset.
Hand-built extractions, no spaCy."""

from __future__ import annotations

from datetime import date

from tolls.model import Claim, CodedEvent, DateSpan, Event, Extraction, Figure, InputDocument, Party, Place
from tolls.reconcile.ledger import reconcile

NOBODY = Party("")
PEOPLE = Party("people")
SOLDIERS = Party("soldiers", "NGA", 1)
ARMY = Party("army", "NGA", 1)
BAMA = Place("Bama", lat=11.52, lon=13.69, precision="town", country="NGA")
MAROUA = Place("Maroua", lat=10.59, lon=14.32, precision="town", country="CMR")  # 120 km, over the border
POST = Place("Border post", lat=11.60, lon=13.80, precision="town", country="CMR")  # 15 km, over the border


def _undated(published: date) -> DateSpan:
    """What extraction writes for a text that gives no date: the month up to publication."""
    return DateSpan(published.replace(day=1), published, "month")


def _doc(
    doc_id: str,
    published: date,
    claims: list[Claim],
    *,
    dates: DateSpan | None = None,
    places: list[Place] | None = None,
) -> tuple[InputDocument, Extraction]:
    event = Event("Violence against civilians/Attack", dates or _undated(published), places or [BAMA])
    return InputDocument(doc_id, "text", published), Extraction(doc_id, claims, [event])


def _killed(n: int, who: Party = NOBODY, victims: Party = PEOPLE) -> Claim:
    return Claim(who, "killed", victims, Figure(str(n), n, n, n, "exact"), (0, 2), event_ref=0)


def _events(*docs: tuple[InputDocument, Extraction]) -> list[list[str]]:
    return sorted(sorted(e.documents) for e in reconcile(list(docs)).events)


def test_reports_without_a_date_link_only_when_published_together() -> None:
    day = date(2016, 1, 10)
    together = _events(_doc("a", day, [_killed(12)]), _doc("b", date(2016, 1, 12), [_killed(12)]))
    assert together == [["a", "b"]]
    apart = _events(_doc("a", day, [_killed(12)]), _doc("b", date(2016, 1, 20), [_killed(12)]))
    assert apart == [["a"], ["b"]]


def test_an_undated_report_long_after_a_dated_incident_is_another_incident() -> None:
    dated = DateSpan(date(2016, 1, 2), date(2016, 1, 2), "day")
    first = _doc("a", date(2016, 1, 3), [_killed(12)], dates=dated)
    assert _events(first, _doc("b", date(2016, 1, 4), [_killed(12)])) == [["a", "b"]]
    assert _events(first, _doc("b", date(2016, 1, 25), [_killed(12)])) == [["a"], ["b"]]


def test_incidents_in_different_countries_are_never_one() -> None:
    day = date(2016, 1, 10)
    same_day = DateSpan(day, day, "day")
    a = _doc("a", day, [_killed(30, SOLDIERS, PEOPLE)], dates=same_day, places=[BAMA])
    b = _doc("b", day, [_killed(30, SOLDIERS, PEOPLE)], dates=same_day, places=[MAROUA])
    assert _events(a, b) == [["a"], ["b"]]
    c = _doc("c", day, [_killed(30, SOLDIERS, PEOPLE)], dates=same_day, places=[BAMA])
    assert _events(a, c) == [["a", "c"]]
    # a border clash, reported from each side of the border, is one incident
    d = _doc("d", day, [_killed(30, SOLDIERS, PEOPLE)], dates=same_day, places=[POST])
    assert _events(a, d) == [["a", "d"]]


def test_a_small_unattributed_figure_shared_by_chance_is_no_link() -> None:
    day = date(2016, 1, 10)
    far = Place("Maiduguri", lat=11.85, lon=13.16, precision="town", country="NGA")  # 70 km from Bama
    # "two killed" in two reports of the same days, places apart: a coincidence
    assert _events(_doc("a", day, [_killed(2)]), _doc("b", day, [_killed(2)], places=[far])) == [["a"], ["b"]]
    # a side's own figure about a side, or a large toll, still tells the incident
    a = _doc("a", day, [_killed(2, ARMY, SOLDIERS)])
    b = _doc("b", day, [_killed(2, ARMY, SOLDIERS)], places=[far])
    assert _events(a, b) == [["a", "b"]]
    assert _events(_doc("a", day, [_killed(40)]), _doc("b", day, [_killed(40)], places=[far])) == [["a", "b"]]


def test_talks_reported_without_a_date_days_later_are_still_the_talks() -> None:
    talks = DateSpan(date(2025, 10, 25), date(2025, 10, 25), "day")
    a = InputDocument("a", "text", date(2025, 10, 25)), Extraction("a", [], [Event("Negotiation", talks)])
    later = date(2025, 11, 3)
    b = InputDocument("b", "text", later), Extraction("b", [], [Event("Negotiation", _undated(later))])
    (decision,) = [d for d in reconcile([a, b]).decisions if d.doc_id == "b"]
    assert "undated report published" not in decision.reason  # not ruled out by its date


def test_rows_of_an_event_dataset_are_never_linked_with_each_other() -> None:
    day = date(2016, 1, 10)
    same_day = DateSpan(day, day, "day")
    a = _doc("ds#1", day, [_killed(30, SOLDIERS, PEOPLE)], dates=same_day)
    b = _doc("ds#2", day, [_killed(30, SOLDIERS, PEOPLE)], dates=same_day)
    c = _doc("news", day, [_killed(30, SOLDIERS, PEOPLE)], dates=same_day)
    assert _events(a, b) == [["ds#1", "ds#2"]]  # as reports, one incident
    coded = {d: CodedEvent("acled", d.split("#")[1]) for d in ("ds#1", "ds#2")}
    r = reconcile([a, b, c], coded=coded)
    assert sorted(sorted(e.documents) for e in r.events) == [["ds#1", "news"], ["ds#2"]]
    assert sorted(e.coded.external_id for e in r.events if e.coded) == ["1", "2"]


def _report(
    doc_id: str, published: date | None, claims: list[Claim], dates: DateSpan, places: list[Place]
) -> tuple[InputDocument, Extraction]:
    event = Event("Battles/Armed clash", dates, places)
    return InputDocument(doc_id, "text", published), Extraction(doc_id, claims, [event])


def test_a_report_nothing_dates_is_linked_by_its_telling_figure() -> None:
    night = DateSpan(date(2016, 1, 9), date(2016, 1, 10), "day")
    rebels = Party("rebels", "NGA", 2)
    clash = _report("a", date(2016, 1, 10), [_killed(200, ARMY, rebels)], night, [BAMA])
    # no publication date, no date in the text, a place far off: only "200 rebels" ties it
    kano = Place("Kano", lat=12.0, lon=8.52, precision="town", country="NGA")
    recap = _report("b", None, [_killed(200, ARMY, rebels)], DateSpan(None, None, None), [kano])
    assert _events(clash, recap) == [["a", "b"]]
    # a small figure with no side to it ties nothing
    small = _report("c", None, [_killed(2)], DateSpan(None, None, None), [kano])
    assert _events(_report("a", date(2016, 1, 10), [_killed(2)], night, [BAMA]), small) == [["a"], ["c"]]


def test_an_incident_dated_only_by_a_bare_year_links_as_an_undated_one() -> None:
    night = DateSpan(date(2016, 1, 9), date(2016, 1, 10), "day")
    clash = _report("a", date(2016, 1, 10), [_killed(23, ARMY, SOLDIERS)], night, [BAMA])
    # "the deadliest since the rebels took the town in 2013": a background year, not its days
    year = DateSpan(date(2013, 1, 1), date(2013, 12, 31), "year")
    recap = _report("b", date(2016, 1, 11), [_killed(23, ARMY, SOLDIERS)], year, [BAMA])
    assert _events(clash, recap) == [["a", "b"]]


def test_two_neighbouring_districts_are_not_one_place_for_undated_reports() -> None:
    kurram = Place("Kurram", lat=33.8, lon=70.1, precision="district", country="PAK")
    orakzai = Place("Orakzai", lat=33.65, lon=70.85, precision="district", country="PAK")  # 71 km
    same = Place("Kurram District", lat=33.8, lon=70.1, precision="district", country="PAK")
    none = DateSpan(None, None, None)
    words = "fighting erupted border posts militants district security forces"

    def doc(doc_id: str, place: Place) -> tuple[InputDocument, Extraction]:
        event = Event("Battles/Armed clash", none, [place], summary=words)
        return InputDocument(doc_id, "text", None), Extraction(doc_id, [], [event])

    assert _events(doc("a", kurram), doc("b", orakzai)) == [["a"], ["b"]]
    assert _events(doc("a", kurram), doc("b", same)) == [["a", "b"]]


def test_a_place_lent_from_the_incident_told_before_is_no_link_and_no_ledger_place() -> None:
    # extraction lends an incident placed no finer than a country the places of the incident told
    # before it (Place.lent): they place the document's event, but say nothing of where another
    # report's incident was, and the ledger event is placed only where its reports put it
    kurram = Place("Kurram", lat=33.8, lon=70.1, precision="district", country="PAK")
    lent = Place("Kurram", lat=33.8, lon=70.1, precision="district", country="PAK", lent=True)
    none = DateSpan(None, None, None)
    words = "fighting erupted border posts militants district security forces"

    def doc(doc_id: str, *places: Place) -> tuple[InputDocument, Extraction]:
        event = Event("Battles/Armed clash", none, list(places), summary=words)
        return InputDocument(doc_id, "text", None), Extraction(doc_id, [], [event])

    assert _events(doc("a", kurram), doc("b", kurram)) == [["a", "b"]]
    assert _events(doc("a", kurram), doc("b", lent)) == [["a"], ["b"]]
    ledger = reconcile([doc("b", lent)])
    assert [p.name for e in ledger.events for p in e.locations] == []
