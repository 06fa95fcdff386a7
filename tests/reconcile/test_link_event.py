"""Linking a report to an event reads every report of the event (tolls.reconcile.link.score_event),
and one report's two accounts of an incident are one event. Sample reports of our own."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from tolls.model import Claim, DateSpan, Event, Extraction, Figure, InputDocument, Party, Place
from tolls.reconcile.ledger import reconcile
from tolls.reconcile.link import LINK_THRESHOLD, Incident, counter_accounts, event_countries, score_event

ARMY = Party("the army's media wing", "PAK", 1)
REBEL_SPOKESMAN = Party("the rebels' spokesman", "AFG", 1)
SOLDIERS = Party("soldiers", "PAK", 1)
FIGHTERS = Party("fighters", "AFG", 1)
DAYS = DateSpan(date(2025, 3, 7), date(2025, 3, 8), "day")
KURRAM = Place("Kurram", lat=33.8, lon=70.2, precision="district", country="PAK")
KABUL = Place("Kabul", lat=34.53, lon=69.17, precision="town", country="AFG")
QUETTA = Place("Quetta", lat=30.2, lon=67.0, precision="town", country="PAK")
DELHI = Place("Delhi", lat=28.6, lon=77.2, precision="town", country="IND")
MONTH = DateSpan(date(2025, 3, 1), date(2025, 3, 9), "month")
KHOST = Place("Khost", lat=33.34, lon=69.92, precision="town", country="AFG")
KARACHI = Place("Karachi", lat=24.86, lon=67.0, precision="town", country="PAK")
FRONT = Place("the front line", precision="line", country="SYR")
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


def _one_report(
    second: list[Claim], dates: DateSpan = DAYS, first: DateSpan = DAYS
) -> list[tuple[InputDocument, Extraction]]:
    """One report telling the army's account at Kurram on the border and, under a Khost dateline
    (57 km from Kurram), a second incident with ``second`` as its claims."""
    events = [
        Event("Battles/Armed clash", first, [KURRAM, BORDER], []),
        Event("Battles/Armed clash", dates, [KHOST], []),
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
    r = reconcile(_one_report([said(ARMY, SOLDIERS, 3, 1)], first=MONTH))
    assert len(r.events) == 2
    dated_apart = DateSpan(date(2025, 2, 1), date(2025, 2, 1), "day")
    r = reconcile(_one_report([said(REBEL_SPOKESMAN, SOLDIERS, 40, 1)], dated_apart))
    assert len(r.events) == 2


def test_two_events_sharing_one_sides_figure_on_the_same_days_are_one() -> None:
    """The rebels' account (Khost) stays apart from the army's at first; a wire report restating
    the army's two figures and the rebels' one joins the army's event; the two events then share
    that one figure on the same days in a common country, and are one."""
    rebels = Event("Battles/Armed clash", DAYS, [KHOST, BORDER], [])
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
        "Battles/Armed clash", DateSpan(date(2025, 3, 4), date(2025, 3, 4), "day"), [KHOST, BORDER], []
    )
    docs[1] = (docs[1][0], Extraction("rebels", docs[1][1].claims, [other]))
    assert len(reconcile(docs).events) == 2


def test_one_reports_two_accounts_need_more_than_the_counter_figures() -> None:
    """Two sides' tolls of one group in one report's two incidents are one incident's two
    accounts only where the two are within reach or share a day; and that alone does not make
    them one incident (a roundup's two incidents each with a side's toll)."""
    rebels = [said(REBEL_SPOKESMAN, SOLDIERS, 40, 1), said(REBEL_SPOKESMAN, FIGHTERS, 6, 1)]
    r = reconcile(_one_report(rebels, first=MONTH))  # loosely dated, 57 km apart
    assert len(r.events) == 2
    assert any("two accounts" in d.reason and "nothing specific" in d.reason for d in r.decisions)
    far = [
        Event("Battles/Armed clash", DAYS, [KURRAM], []),
        Event("Explosions/Remote violence", DAYS, [QUETTA], []),
    ]
    ttp = Party("the TTP", "PAK", 2)
    for who in (REBEL_SPOKESMAN, ttp):
        claims = [said(ARMY, SOLDIERS, 3, 0), said(who, SOLDIERS, 12, 1)]
        r = reconcile([(InputDocument("wire", "text", date(2025, 3, 9)), Extraction("wire", claims, far))])
        assert len(r.events) == 2, who


def test_counter_accounts_compare_claimants_by_side_not_country() -> None:
    """The army and the TTP are both Pakistan's, and two sides."""
    ttp = Party("the TTP", "PAK", 2)
    assert counter_accounts([said(ARMY, SOLDIERS, 3)], [said(ttp, SOLDIERS, 12)]) == "PAK/1"


def test_one_small_figure_joins_no_two_events() -> None:
    """A battle in Quetta and a protest in Karachi both giving the army's "2 soldiers" are two
    events, whatever their order; a third sharing another small figure bridges nothing."""
    d7 = DateSpan(date(2025, 3, 7), date(2025, 3, 7), "day")
    police, civilians = Party("police", "PAK", 3), Party("civilians", "PAK", 7)

    def doc(i: str, claims: list[Claim], place: Place, typ: str) -> tuple[InputDocument, Extraction]:
        return InputDocument(i, "text", date(2025, 3, 8)), Extraction(
            i, claims, [Event(typ, d7, [place], [])]
        )

    a = doc("a", [said(ARMY, SOLDIERS, 2)], QUETTA, "Battles/Armed clash")
    b = doc("b", [said(ARMY, SOLDIERS, 2), said(police, civilians, 3)], KARACHI, "Protests/Peaceful protest")
    c = doc("c", [said(police, civilians, 3)], KARACHI, "Riots/Violent demonstration")
    for docs in ([a, b], [b, a], [a, b, c], [c, b, a]):
        events = reconcile(docs).events
        assert not any({"a", "b"} <= set(e.documents) for e in events), [x[0].doc_id for x in docs]
        assert not any({"a", "c"} <= set(e.documents) for e in events), [x[0].doc_id for x in docs]


def test_a_report_on_a_line_of_unknown_countries_keeps_the_events_countries() -> None:
    """One report of a Kurram clash placed also on a line of unknown countries does not make the
    event's countries unknown: a Delhi report of the same small figure is still vetoed."""
    members = [
        report("k1", [said(ARMY, SOLDIERS, 2)], [KURRAM]),
        report("k2", [said(ARMY, SOLDIERS, 2)], [KURRAM, FRONT]),
    ]
    assert event_countries(members) == frozenset({"PAK"})
    assert score_event(members, report("delhi", [said(ARMY, SOLDIERS, 2)], [DELHI])).vetoed


def test_an_early_own_dead_count_does_not_veto_a_recap_of_the_later_one() -> None:
    """The army first gave 5 soldiers, later 23; an undated recap restating the 23 is the same
    event, and the decision says which veto was not applied."""
    undated = DateSpan(None, None, None)
    members = [
        report("early", [said(ARMY, SOLDIERS, 5)], [KURRAM]),
        report("later", [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120)], [KURRAM]),
    ]
    recap = Incident(
        "recap", 0, Event("Battles/Armed clash", undated, [KURRAM]), [said(ARMY, SOLDIERS, 23)], None
    )
    s = score_event(members, recap)
    assert not s.vetoed and s.score >= LINK_THRESHOLD
    assert "not vetoed by" in s.reason and "own dead" in s.reason
    # with no figure in common the early count still vetoes
    other = Incident(
        "other", 0, Event("Battles/Armed clash", undated, [KURRAM]), [said(ARMY, SOLDIERS, 60)], None
    )
    assert score_event(members, other).vetoed


def test_linking_compares_a_bounded_sample_and_keeps_countries_fresh() -> None:
    """Linking stays linear: a report is scored against the event's first, latest few and the
    first and latest few giving its figures, however many reports the event has; the countries
    are kept as reports join (and when events are joined)."""
    from tolls.reconcile.ledger import _Cluster

    cl = _Cluster("e", [])
    for i in range(300):
        cl.add(report(f"r{i:03d}", [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 10 + i % 50)], [KURRAM]))
    cl.add(report("kabul", [], [KABUL]))
    assert cl.countries == frozenset({"PAK", "AFG"})
    sample = cl.sample(report("new", [said(ARMY, SOLDIERS, 23)], [KURRAM]))
    assert len(sample) <= 1 + 6 + 12
    assert cl.members[0] in sample and cl.members[-1] in sample
    middle = report("r150", [said(ARMY, FIGHTERS, 10 + 150 % 50)], [KURRAM])
    assert any(m.doc_id == "r299" for m in cl.sample(middle))


PAKISTAN = Place("Pakistan", lat=30.0, lon=70.0, precision="country", country="PAK")
AFGHANISTAN = Place("Afghanistan", lat=33.9, lon=67.7, precision="country", country="AFG")
SIDES = [Party("Pakistani forces", "PAK", 1), Party("Afghan forces", "AFG", 1)]
UNDATED = DateSpan(None, None, None)
DATELINE = Place("KABUL", start=0, end=5, lat=34.53, lon=69.17, precision="town", country="AFG")
"""A dateline ("KABUL —"), which the place recognizer reads only in capitals."""


def _wire(first: list[Place], second: list[Place], claims: list[Claim], dates: DateSpan = UNDATED) -> list:
    """One wire report, undated, of two incidents between the same two sides, told in words
    the two share (a summary is the incident's sentence)."""
    events = [
        Event(
            "Battles/Armed clash",
            dates,
            first,
            SIDES,
            summary="troops repulsed an attack on border posts overnight",
        ),
        Event(
            "Battles/Armed clash",
            dates,
            second,
            SIDES,
            summary="troops repulsed the overnight attack on posts",
        ),
    ]
    return [(InputDocument("wire", "text", None), Extraction("wire", claims, events))]


def test_an_account_told_from_a_sides_capital_is_the_other_accounts_incident() -> None:
    """The army's account on the border and, under a Kabul dateline, the rebels' claim of 40
    soldiers: the dateline says where the report was filed, not where anyone fought, so nothing
    sets the two apart and two sides' tolls of one group are one contested incident."""
    claims = [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120), said(REBEL_SPOKESMAN, SOLDIERS, 40, 1)]
    r = reconcile(_wire([KURRAM, BORDER], [DATELINE, PAKISTAN], claims, MONTH))
    (ev,) = r.events
    assert ev.contested
    killed = {e.victims.country: (e.low, e.best, e.high) for e in ev.estimates if e.kind == "killed"}
    assert killed["PAK"] == (23, 23, 40)
    assert any("two accounts" in d.reason for d in r.decisions if d.linked)
    # placed where it happened (Khost; Kabul named as a place, not as a dateline), the rebels'
    # account is another incident
    assert len(reconcile(_wire([KURRAM, BORDER], [KHOST], claims, MONTH)).events) == 2
    assert len(reconcile(_wire([KURRAM, BORDER], [KABUL, PAKISTAN], claims, MONTH)).events) == 2
    # and the same side's two tolls are no two accounts, whatever the dateline
    own = [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120), said(ARMY, SOLDIERS, 3, 1)]
    assert len(reconcile(_wire([KURRAM, BORDER], [DATELINE, PAKISTAN], own, MONTH)).events) == 2


def test_one_reports_two_unplaced_parts_of_one_sides_account_are_one_incident() -> None:
    """The army's 120 in one paragraph, its 23 in the next, each placed only at the border or a
    country and nothing dating them apart: one account extraction told in two parts. Placed at
    two towns, or dated apart, they stay two."""
    claims = [said(ARMY, FIGHTERS, 120), said(ARMY, SOLDIERS, 23, 1)]
    r = reconcile(_wire([BORDER, PAKISTAN], [AFGHANISTAN], claims))
    assert [e.documents for e in r.events] == [["wire"]]
    assert len(reconcile(_wire([KURRAM], [QUETTA], claims)).events) == 2
    # two days apart, within the days' slack of two reports, but one report's two days
    apart = [
        Event("Battles/Armed clash", DAYS, [BORDER], SIDES),
        Event("Battles/Armed clash", DateSpan(date(2025, 3, 5), date(2025, 3, 5), "day"), [PAKISTAN], SIDES),
    ]
    doc = (InputDocument("wire", "text", date(2025, 3, 9)), Extraction("wire", claims, apart))
    assert len(reconcile([doc]).events) == 2


TALIBAN = Party("the Taliban's spokesman", "AFG", 1)
TTP = Party("the TTP", "PAK", 2)
ARMY_SIDE = Party("Pakistani troops", "PAK", 1)
POLICE = Party("police", "PAK", 3)
CIVILIANS = Party("civilians", "PAK", 7)
KABUL_CITY = Place("Kabul", start=300, end=305, lat=34.53, lon=69.17, precision="town", country="AFG")
PAKTIA = Place("Paktia", start=900, end=906, lat=33.6, lon=69.4, precision="province", country="AFG")
BATTLE = "Battles/Armed clash"
OCT9 = DateSpan(date(2025, 10, 9), date(2025, 10, 9), "day", "on Thursday")
OCT11 = DateSpan(date(2025, 10, 11), date(2025, 10, 11), "day", "on Saturday")
PUB = DateSpan(date(2025, 10, 1), date(2025, 10, 13), "month")
"""No date of the report's own: the month up to its publication (13 October)."""


def _doc(events: list[Event], claims: list[Claim], published: date | None = date(2025, 10, 13)) -> list:
    """One wire report; its title is in every incident's words, as a report's always is."""
    doc = InputDocument("wire", "text", published, title="Troops and militants trade fire in the northwest")
    return [(doc, Extraction("wire", claims, events))]


def test_a_capital_where_the_incident_happened_is_its_own_place() -> None:
    """An air strike on Kabul (the Taliban's count of its soldiers) and a battle in Paktia (the
    army's count of the same soldiers) in one report: Kabul is where the strike fell, not where a
    side spoke, so the two stay two; told from Kabul ("KABUL —", "said in Kabul") it is where the
    Taliban spoke, and the two accounts are one incident's, unless dated or typed apart."""
    afghans = Party("Afghan soldiers", "AFG", 1)
    claims = [said(TALIBAN, afghans, 10), said(ARMY, afghans, 200, 1)]

    def two(first: Place, d0: DateSpan = PUB, d1: DateSpan = PUB, t0: str = BATTLE) -> int:
        events = [
            Event(t0, d0, [first, AFGHANISTAN], [ARMY_SIDE, afghans]),
            Event("Battles/Armed clash", d1, [PAKTIA], [ARMY_SIDE, afghans]),
        ]
        return len(reconcile(_doc(events, claims)).events)

    assert two(KABUL_CITY, t0="Explosions/Remote violence/Air/drone strike") == 2
    assert two(KABUL_CITY) == 2  # Kabul named where the strike fell
    assert two(DATELINE) == 1  # "KABUL —": where the report was filed
    assert two(DATELINE, d0=OCT9, d1=OCT11) == 2  # dated to two days
    assert two(DATELINE, t0="Explosions/Remote violence/Air/drone strike") == 2  # of another type
    spoke = [
        replace(claims[0], evidence="The Taliban's spokesman told reporters in Kabul that 10 soldiers died."),
        claims[1],
    ]
    events = [
        Event("Battles/Armed clash", PUB, [KABUL_CITY], [ARMY_SIDE, afghans]),
        Event("Battles/Armed clash", PUB, [PAKTIA], [ARMY_SIDE, afghans]),
    ]
    assert len(reconcile(_doc(events, spoke)).events) == 1


def test_a_dateline_or_a_briefing_in_the_town_that_was_hit_places_the_incident() -> None:
    """Only a speaking side's seat of government says where a side spoke: a dateline of the town
    the fighting was in ("KHOST —") and a police chief briefing reporters in that town place the
    incident there, so the Taliban's account at Khost and the army's in Paktia stay two."""
    afghans = Party("Afghan soldiers", "AFG", 1)
    claims = [said(TALIBAN, afghans, 10), said(ARMY, afghans, 200, 1)]
    khost_dateline = Place("KHOST", start=0, end=5, lat=33.34, lon=69.92, precision="town", country="AFG")
    events = [
        Event(BATTLE, PUB, [khost_dateline, AFGHANISTAN], [ARMY_SIDE, afghans]),
        Event(BATTLE, PUB, [PAKTIA], [ARMY_SIDE, afghans]),
    ]
    assert len(reconcile(_doc(events, claims)).events) == 2
    briefing = [
        replace(claims[0], evidence="The district police chief told reporters in Khost that 10 died."),
        claims[1],
    ]
    events = [
        Event(BATTLE, PUB, [KHOST], [ARMY_SIDE, afghans]),
        Event(BATTLE, PUB, [PAKTIA], [ARMY_SIDE, afghans]),
    ]
    assert len(reconcile(_doc(events, briefing)).events) == 2


def test_one_reports_unplaced_incidents_need_both_sides_in_the_same_roles() -> None:
    """Two incidents placed only at a country, undated, sharing one side are two: an army
    operation against the TTP beside an IED on an army convoy; a TTP attack on a market (the
    police's count of civilians) beside an army operation killing TTP fighters (the TTP the
    attacker in one, the attacked in the other)."""
    events = [
        Event("Battles/Armed clash", UNDATED, [PAKISTAN], [ARMY_SIDE, TTP], summary="army operation"),
        Event("Battles/Armed clash", UNDATED, [PAKISTAN], [ARMY_SIDE], summary="convoy hit"),
    ]  # typed alike: only the sides tell them apart
    claims = [said(ARMY, Party("militants", "PAK", 2), 12), said(ARMY, SOLDIERS, 4, 1)]
    assert len(reconcile(_doc(events, claims, None)).events) == 2
    events = [
        Event("Battles/Armed clash", UNDATED, [PAKISTAN], [TTP, CIVILIANS], summary="market attack"),
        Event("Battles/Armed clash", UNDATED, [PAKISTAN], [ARMY_SIDE, TTP], summary="army operation"),
    ]
    claims = [said(POLICE, CIVILIANS, 7), said(ARMY, Party("militants", "PAK", 2), 12, 1)]
    assert len(reconcile(_doc(events, claims, None)).events) == 2
    # both sides in each, but the TTP telling one (its attack's dead soldiers), the army the other
    events[0] = Event("Battles/Armed clash", UNDATED, [PAKISTAN], [ARMY_SIDE, TTP], summary="post overrun")
    claims = [said(TTP, SOLDIERS, 6), said(ARMY, Party("militants", "PAK", 2), 12, 1)]
    assert len(reconcile(_doc(events, claims, None)).events) == 2
    # the same two sides, the same side telling both parts: one account told in two parts
    events[0] = Event("Battles/Armed clash", UNDATED, [PAKISTAN], [ARMY_SIDE, TTP], summary="army operation")
    claims = [said(ARMY, SOLDIERS, 3), said(ARMY, Party("militants", "PAK", 2), 12, 1)]
    assert len(reconcile(_doc(events, claims, None)).events) == 1


def test_one_reports_incidents_at_two_unresolved_towns_stay_two() -> None:
    """Two army-TTP clashes at two towns the gazetteer does not know, in one undated report."""
    events = [
        Event("Battles/Armed clash", UNDATED, [Place("Spinwam", start=50, end=57)], [ARMY_SIDE, TTP]),
        Event("Battles/Armed clash", UNDATED, [Place("Mir Ali", start=400, end=407)], [ARMY_SIDE, TTP]),
    ]
    claims = [said(ARMY, Party("militants", "PAK", 2), 8), said(ARMY, Party("militants", "PAK", 2), 5, 1)]
    assert len(reconcile(_doc(events, claims, None)).events) == 2


def test_one_reports_two_exact_days_are_dated_apart() -> None:
    """The army's figures on the border on 9 October, the Taliban's placed at Afghanistan on the
    11th: within the days' slack, but one report giving two days tells two incidents."""
    afghans = Party("Afghan soldiers", "AFG", 1)
    events = [
        Event("Battles/Armed clash", OCT9, [BORDER], [ARMY_SIDE, afghans]),
        Event("Battles/Armed clash", OCT11, [AFGHANISTAN], [ARMY_SIDE, afghans]),
    ]
    claims = [said(ARMY, afghans, 50), said(TALIBAN, afghans, 3, 1)]
    assert len(reconcile(_doc(events, claims)).events) == 2
    events[1] = Event("Battles/Armed clash", OCT9, [AFGHANISTAN], [ARMY_SIDE, afghans])
    assert len(reconcile(_doc(events, claims)).events) == 1


def test_one_reports_two_sides_accounts_placed_nowhere_are_one_fight_however_typed() -> None:
    """The army's 23 soldiers in a paragraph typed a battle, the rebels' 40 soldiers in one
    typed an air strike ("retaliatory strikes"), neither placed finer than a country or the
    border and nothing dating them apart: one fight told by each side. A place of either, or
    two days, sets them apart; so does a kind of event outside violence."""
    claims = [said(ARMY, SOLDIERS, 23), said(ARMY, FIGHTERS, 120), said(REBEL_SPOKESMAN, SOLDIERS, 40, 1)]
    strike = "Explosions/Remote violence/Air/drone strike"

    def events(second: list[Place], etype: str = strike, d1: DateSpan = UNDATED) -> int:
        evs = [
            Event("Battles/Armed clash", UNDATED, [PAKISTAN, BORDER], SIDES),
            Event(etype, d1, second, SIDES),
        ]
        return len(reconcile([(InputDocument("wire", "text", None), Extraction("wire", claims, evs))]).events)

    assert events([PAKISTAN]) == 1
    assert events([KHOST]) == 2
    assert events([PAKISTAN], "Strategic developments/Other") == 2
    two_days = [
        Event("Battles/Armed clash", DAYS, [PAKISTAN, BORDER], SIDES),
        Event(strike, DateSpan(date(2025, 3, 5), date(2025, 3, 5), "day"), [PAKISTAN], SIDES),
    ]
    doc = (InputDocument("wire", "text", date(2025, 3, 9)), Extraction("wire", claims, two_days))
    assert len(reconcile([doc]).events) == 2


def test_a_rough_many_is_no_figure_in_common() -> None:
    """Two undated reports of violence 500 km apart both telling of "dozens" killed: a word for a
    rough many singles out no incident, so the two stay two; an exact count shared would not."""
    dozens = Claim(
        Party("", "", None),
        "killed",
        Party("people", "AFG", None),
        Figure("dozens", 24, None, None, "vague"),
        (0, 6),
        event_ref=0,
    )
    exact = replace(dozens, figure=fig(24))

    def events(c: Claim) -> int:
        docs = []
        for doc_id, place in (("one", KABUL), ("two", QUETTA)):
            ev = Event("Battles/Armed clash", UNDATED, [place, PAKISTAN], SIDES)
            docs.append((InputDocument(doc_id, "text", None), Extraction(doc_id, [c], [ev])))
        return len(reconcile(docs).events)

    assert events(dozens) == 2
    assert events(exact) == 1


def test_two_sides_accounts_told_apart_by_a_cue_are_two_fights() -> None:
    """The rebels' 40 soldiers told after "Separately," is another incident's toll, not the
    other side's count of the army's 23: the two stay two events."""
    first = said(ARMY, SOLDIERS, 23)
    apart = replace(
        said(REBEL_SPOKESMAN, SOLDIERS, 40, 1), evidence="Separately, rebels said 40 soldiers died."
    )
    strike = "Explosions/Remote violence/Air/drone strike"
    evs = [
        Event("Battles/Armed clash", UNDATED, [PAKISTAN], SIDES),
        Event(strike, UNDATED, [PAKISTAN], SIDES),
    ]

    def events(claims: list[Claim]) -> int:
        return len(reconcile([(InputDocument("wire", "text", None), Extraction("wire", claims, evs))]).events)

    assert events([first, replace(apart, evidence="Rebels said 40 soldiers died.")]) == 1
    assert events([first, apart]) == 2
