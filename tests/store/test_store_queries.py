"""The event list's place and actor filters on both backends: a case-insensitive start of any
word of a name, served by ``event_names``, which follows every insert, update and delete."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from store_builders import list_statements

from tolls.store import queries
from tolls.store.models import EventNameRow, EventRow, name_words
from tolls.store.queries import EventFilter, list_events


def _event(event_id: str, places: list[str], actors: list[tuple[str, str]], day: int = 1) -> EventRow:
    return EventRow(
        id=event_id,
        type="Battles/Armed clash",
        date_start=date(2025, 10, day),
        locations=[{"name": p, "country": "AFG"} for p in places],
        actors=[{"name": n, "country": c} for n, c in actors],
    )


@pytest.fixture
def ledger(session: Session) -> Session:
    session.add_all(
        [
            _event("kabul", ["Kabul"], [("Pakistan Army", "PAK")], 1),
            _event("border", ["Spin Boldak", "Chaman"], [("Afghan Taliban", "AFG")], 2),
            _event("khost", ["Khost"], [("Tehrik-i-Taliban Pakistan (TTP)", "PAK")], 3),
        ]
    )
    session.commit()
    return session


def _ids(session: Session, **kw: str) -> set[str]:
    page = list_events(session, EventFilter(**kw), limit=100)  # type: ignore[arg-type]
    assert page.total == len(page.items)
    return {e.id for e in page.items}


def test_name_words_are_every_word_start() -> None:
    assert name_words("|spin boldak|afg|") == ["spin boldak", "boldak", "afg"]
    assert name_words("|tehrik-i-taliban (ttp)|") == [
        "tehrik-i-taliban (ttp)",
        "i-taliban (ttp)",
        "taliban (ttp)",
        "ttp)",
    ]
    assert name_words("||") == name_words("| - |") == []


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("kab", {"kabul"}),
        ("KABUL", {"kabul"}),
        ("boldak", {"border"}),
        ("  spin   bol ", {"border"}),
        ("chaman", {"border"}),
        ("bul", set()),  # inside a word: no
        ("boldak spin", set()),  # words keep their order
        ("%", set()),  # no wildcards
        ("_abul", set()),
        ("k", {"kabul", "khost"}),
        ("", {"kabul", "border", "khost"}),  # no filter
    ],
)
def test_place_filter(ledger: Session, place: str, expected: set[str]) -> None:
    assert _ids(ledger, place=place) == expected


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("afg", {"border"}),  # the ISO3 country and "Afghan Taliban"
        ("taliban", {"border", "khost"}),
        ("pak", {"kabul", "khost"}),
        ("(ttp)", {"khost"}),
        ("army", {"kabul"}),
        ("aliban", set()),
    ],
)
def test_actor_filter(ledger: Session, actor: str, expected: set[str]) -> None:
    assert _ids(ledger, actor=actor) == expected


def test_names_follow_updates_and_deletes(ledger: Session) -> None:
    row = ledger.get(EventRow, "kabul")
    assert row is not None
    row.locations = [{"name": "Jalalabad", "country": "AFG"}]
    ledger.commit()
    assert _ids(ledger, place="kab") == set()
    assert _ids(ledger, place="jalal") == {"kabul"}
    row.status = "accepted"  # an update that leaves the names alone keeps them
    ledger.commit()
    assert _ids(ledger, place="jalal") == {"kabul"}
    ledger.execute(delete(EventRow).where(EventRow.id == "border"))
    ledger.commit()
    left = ledger.scalar(
        select(func.count()).select_from(EventNameRow).where(EventNameRow.event_id == "border")
    )
    assert left == 0
    assert _ids(ledger, place="boldak") == set()


def test_filters_combine_and_hide_rejected(ledger: Session) -> None:
    assert _ids(ledger, place="k", actor="taliban") == {"khost"}
    row = ledger.get(EventRow, "khost")
    assert row is not None
    row.status = "rejected"
    ledger.commit()
    assert _ids(ledger, actor="taliban") == {"border"}  # counted from the names' live flag
    assert _ids(ledger, actor="taliban", status=("rejected",)) == {"khost"}  # type: ignore[arg-type]
    row.status = "accepted"  # restored: its names are live again
    ledger.commit()
    assert _ids(ledger, actor="taliban") == {"border", "khost"}
    row.status = "merged"
    row.actors = [{"name": "Taliban splinter", "country": "PAK"}]  # new names, and not live
    ledger.commit()
    assert _ids(ledger, actor="taliban") == {"border"}
    assert _ids(ledger, actor="splinter") == set()


def test_picks_by_id_are_read_from_the_live_id_index(ledger: Session) -> None:
    """On SQLite a name or text filter's matches are ordered (and, with other conditions,
    counted) from ``ix_events_live_id`` (the planner, without statistics, would read each event's
    row by primary key); a lone name filter is counted from the live names alone; another status
    cannot use that partial index, so it is not forced there."""
    sqlite = ledger.get_bind().dialect.name == "sqlite"
    forced = "INDEXED BY ix_events_live_id"
    for f, hinted in (
        (EventFilter(actor="taliban"), 1),
        (EventFilter(place="kab"), 1),
        (EventFilter(actor="taliban", contested=False), 2),
        (EventFilter(q="border"), 2),
    ):
        reads = [s for s in list_statements(ledger, f) if "FROM events" in s or "JOIN events" in s]
        assert reads
        assert sum(forced in s for s in reads) == (hinted if sqlite else 0), reads
        lone_count = any("event_names.live" in s and "count" in s for s in list_statements(ledger, f))
        assert lone_count == (hinted == 1), f
    assert not any(forced in s for s in list_statements(ledger, EventFilter(type="Battles")))
    row = ledger.get(EventRow, "khost")
    assert row is not None
    row.status = "rejected"
    ledger.commit()
    rejected = EventFilter(actor="taliban", status=("rejected",))
    assert not any(forced in s for s in list_statements(ledger, rejected))
    assert [e.id for e in list_events(ledger, rejected).items] == ["khost"]


def test_date_filter_finds_events_that_began_long_before_the_window(ledger: Session) -> None:
    """The date filter bounds ``date_start`` below by the longest event's ``date_days``: an
    event lasting months is still found by a window at its end, and the bound follows edits."""
    long = _event("siege", ["Kabul"], [("Afghan Taliban", "AFG")], 1)
    long.date_start, long.date_end = date(2025, 1, 5), date(2025, 9, 30)
    ledger.add(long)
    ledger.commit()
    assert long.date_days == 268
    window = {"start": date(2025, 9, 20), "end": date(2025, 9, 25)}
    assert _ids(ledger, **window) == {"siege"}  # type: ignore[arg-type]
    assert _ids(ledger, start=date(2025, 10, 2), end=date(2025, 10, 2)) == {"border"}  # type: ignore[arg-type]
    long.date_end = date(2025, 10, 20)  # an analyst extends it: the bound follows
    ledger.commit()
    assert long.date_days == 288
    assert _ids(ledger, start=date(2025, 10, 15), end=date(2025, 10, 31)) == {"siege"}  # type: ignore[arg-type]
    long.date_end = None
    ledger.commit()
    assert long.date_days == 0
    assert _ids(ledger, **window) == set()  # type: ignore[arg-type]


def test_deadliest_first_walks_its_index_in_the_same_order(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sort=-fatalities`` over many matches walks ``ix_events_live_fatalities`` on SQLite:
    the same events in the same order as sorting them (unknown figures last, ties by id),
    page after page, with filters and without rejected events."""
    best = [7, None, 3, 7, 0, None, 12, 3, 3, 1]
    for i, b in enumerate(best):
        row = _event(f"e{i}", ["Kabul" if i % 2 else "Khost"], [("Afghan Taliban", "AFG")], i + 1)
        row.fatalities_best, row.has_fatalities = b, b is not None
        row.type = "Battles/Armed clash" if i % 3 else "Riots/Mob violence"
        row.status = "rejected" if i == 6 else "proposed"
        session.add(row)
    session.commit()

    def order(**kw: str) -> list[str]:
        return [
            e.id
            for k in range(0, 10, 3)
            for e in list_events(session, EventFilter(**kw), sort="-fatalities", limit=3, offset=k).items  # type: ignore[arg-type]
        ]

    sorted_ = {kw: order(**dict([kw]) if kw else {}) for kw in [(), ("type", "Battles")]}
    monkeypatch.setattr(queries, "_SORT_WALK", 0)
    walked = {kw: order(**dict([kw]) if kw else {}) for kw in [(), ("type", "Battles")]}
    live = [i for i in range(10) if i != 6]
    expected = sorted(live, key=lambda i: (best[i] is None, -(best[i] or 0), f"e{i}"))
    assert sorted_[()] == walked[()] == [f"e{i}" for i in expected]
    assert sorted_[("type", "Battles")] == walked[("type", "Battles")] == [f"e{i}" for i in expected if i % 3]
    if session.get_bind().dialect.name == "sqlite":
        statements = list_statements(session, EventFilter(type="Battles"), sort="-fatalities")
        assert any("INDEXED BY ix_events_live_fatalities" in s for s in statements)
