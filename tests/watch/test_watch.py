"""Watch cycles against loopback servers of our own writing (no spaCy: documents are stored and
left pending; tests/cli/test_watch_cli.py extracts them): only new items are stored, conditional
GETs get 304s, a 503 backs the source off as long as Retry-After says, a dead source or a bad
item stops nothing else, hosts are polled in parallel but one request at a time each, and a
restarted watch marks a killed run interrupted. On SQLite and PostgreSQL."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import httpx
import pytest
from sqlalchemy import Engine, func, select, update

from feed_server import Entry, Loopback, Resource, rss, serve
from tolls.ingest.addresses import resolve_host
from tolls.ingest.fetch import Validators
from tolls.model import Claim, DateSpan, Event, Extraction, Figure, InputDocument, Party
from tolls.settings import GeoSettings, IngestSettings, Settings
from tolls.store import session_scope
from tolls.store.changes import list_changes
from tolls.store.leases import new_owner
from tolls.store.models import DocumentRow, IngestProblemRow, WatchItemRow, WatchRunRow, WatchSourceRow
from tolls.store.watch import start_watch_run
from tolls.watch import Watcher, parse_sources
from tolls.watch.poll import poll_source, retry_after_seconds
from tolls.workflow import IngestReport, store_sources

SETTINGS = Settings(geo=GeoSettings(resolve=False), ingest=IngestSettings(allow_private_addresses=True))

KURRAM_12 = Entry(
    "http://wire.example.invalid/kurram-strike",
    "Strike on Kurram market",
    "At least 12 civilians were killed in an air strike on a market in Kurram on 3 March 2025, "
    "local officials said.",
)
CHAMAN_4 = Entry(
    "http://wire.example.invalid/chaman-checkpoint",
    "Checkpoint attack in Chaman",
    "The army said 4 soldiers were killed in an attack on a checkpoint in Chaman on 2 March 2025.",
)
KURRAM_58 = Entry(
    "http://wire.example.invalid/kurram-higher-toll",
    "Other side gives a higher toll",
    "A Taliban spokesman said 58 civilians were killed in the air strike on the Kurram market on "
    "3 March 2025.",
)


def _toml(sources: list[tuple[str, str, str]], *, min_delay: float = 0.0, concurrency: int = 4) -> str:
    head = f'[politeness]\nmin_delay = {min_delay}\nconcurrency = {concurrency}\nuser_agent = "tolls-test"\n'
    return head + "".join(
        f'\n[[source]]\nname = "{n}"\nurl = "{u}"\nkind = "{k}"\noutlet = "Outlet {n}"\ninterval = 60\n'
        for n, u, k in sources
    )


def _watcher(engine: Engine, toml: str, settings: Settings = SETTINGS) -> Watcher:
    """A new watcher, as a new ``tolls watch --once`` process would make."""
    return Watcher(engine, parse_sources(toml), settings)


def _count(engine: Engine, column: object) -> int:
    with session_scope(engine) as session:
        return int(session.scalar(select(func.count(column))) or 0)  # type: ignore[arg-type]


def _source(engine: Engine, name: str) -> WatchSourceRow:
    with session_scope(engine) as session:
        row = session.get(WatchSourceRow, name)
        assert row is not None
        session.expunge(row)
        return row


def _runs(engine: Engine, name: str) -> list[WatchRunRow]:
    with session_scope(engine) as session:
        rows = list(
            session.scalars(select(WatchRunRow).where(WatchRunRow.source == name).order_by(WatchRunRow.id))
        )
        session.expunge_all()
        return rows


def _running_runs(engine: Engine, source: str, owners: list[str]) -> None:
    """A run of ``source`` left ``running`` by each owner."""
    with session_scope(engine, write=True) as session:
        for owner in owners:
            start_watch_run(session, source, cycle="c0", owner=owner)


@pytest.fixture
def srv() -> Iterator[Loopback]:
    with serve("127.0.0.1") as s:
        yield s


def test_two_polls_store_only_new_items_and_unchanged_feeds_answer_304(
    db_engine: Engine, srv: Loopback
) -> None:
    srv.resources["/etag.xml"] = Resource(rss("etag", [KURRAM_12]), etag=True)
    srv.resources["/lm.xml"] = Resource(rss("lm", [CHAMAN_4]), last_modified=True)
    srv.resources["/plain.xml"] = Resource(rss("plain", [CHAMAN_4, KURRAM_12]))  # no validators
    toml = _toml([(n, srv.url(f"/{n}.xml"), "feed") for n in ("etag", "lm", "plain")])

    first = _watcher(db_engine, toml).cycle(once=True)
    # one host: polled in the file's order, so the plain feed's items were read from the others
    assert {p.name: (p.status, p.http_status, p.seen, p.new) for p in first.polls} == {
        "etag": ("ok", 200, 1, 1),
        "lm": ("ok", 200, 1, 1),
        "plain": ("ok", 200, 2, 0),
    }
    assert first.ingest.outcomes["added"] == 2
    assert _count(db_engine, DocumentRow.pk) == 2 and _count(db_engine, WatchItemRow.url) == 2

    srv.resources["/etag.xml"].set(rss("etag", [KURRAM_58, KURRAM_12]))  # a new, higher figure
    second = _watcher(db_engine, toml).cycle(once=True)
    got = {p.name: (p.status, p.http_status, p.seen, p.new) for p in second.polls}
    assert got == {"etag": ("ok", 200, 2, 1), "lm": ("not_modified", 304, 0, 0), "plain": ("ok", 200, 2, 0)}
    assert second.ingest.outcomes["added"] == 1
    assert _count(db_engine, DocumentRow.pk) == 3 and _count(db_engine, WatchItemRow.url) == 3

    third = _watcher(db_engine, toml).cycle(once=True)
    assert {p.name: p.status for p in third.polls} == {
        "etag": "not_modified",
        "lm": "not_modified",
        "plain": "ok",
    }
    assert not third.ingest.outcomes and _count(db_engine, DocumentRow.pk) == 3

    # the server saw the validators it sent, and answered 304 where nothing had changed
    etag = srv.requests("/etag.xml")
    assert [r.if_none_match is not None for r in etag] == [False, True, True]
    assert [r.status for r in etag] == [200, 200, 304]
    lm = srv.requests("/lm.xml")
    assert [r.if_modified_since for r in lm] == [
        None,
        srv.resources["/lm.xml"].modified,
        srv.resources["/lm.xml"].modified,
    ]
    assert [r.status for r in lm] == [200, 304, 304]
    assert all(r.if_none_match is None and r.if_modified_since is None for r in srv.requests("/plain.xml"))
    assert {r.user_agent for r in srv.log} == {"tolls-test"}
    # each poll is a finished run with its numbers
    runs = _runs(db_engine, "etag")
    assert [(r.status, r.http_status, r.items_seen, r.items_new) for r in runs] == [
        ("ok", 200, 1, 1),
        ("ok", 200, 2, 1),
        ("not_modified", 304, 0, 0),
    ]
    assert all(r.finished_at is not None and r.duration_ms is not None for r in runs)
    with session_scope(db_engine) as session:
        assert session.get(WatchItemRow, KURRAM_58.link).source == "etag"  # type: ignore[union-attr]


def test_a_503_backs_off_as_long_as_retry_after_says_and_the_others_are_still_polled(
    db_engine: Engine, srv: Loopback
) -> None:
    srv.resources["/busy.xml"] = Resource(rss("busy", [CHAMAN_4]), fail=503, retry_after="120")
    srv.resources["/slow.xml"] = Resource(rss("slow", [KURRAM_58]), fail=429)  # no Retry-After
    srv.resources["/ok.xml"] = Resource(rss("ok", [KURRAM_12]))
    toml = _toml([(n, srv.url(f"/{n}.xml"), "feed") for n in ("busy", "slow", "ok")])
    before = datetime.now(UTC)
    first = _watcher(db_engine, toml).cycle(once=True)
    polls = {p.name: p for p in first.polls}
    assert (polls["busy"].status, polls["busy"].http_status) == ("failed", 503)
    assert polls["busy"].error.startswith("[E316]") and "503" in polls["busy"].error
    assert (polls["ok"].status, polls["ok"].new) == ("ok", 1)
    busy, slow = _source(db_engine, "busy"), _source(db_engine, "slow")
    assert (busy.failures, busy.last_status, busy.last_code) == (1, "failed", 503)
    wait = (busy.next_poll_at.replace(tzinfo=UTC) - before).total_seconds()  # type: ignore[union-attr]
    assert 119 <= wait <= 125, wait
    # without Retry-After: the interval (60 s) doubled per failure
    wait = (slow.next_poll_at.replace(tzinfo=UTC) - before).total_seconds()  # type: ignore[union-attr]
    assert (slow.failures, slow.last_code) == (1, 429) and 119 <= wait <= 125, wait

    second = _watcher(db_engine, toml).cycle(once=True)  # --once again: the backing-off are skipped
    assert [p.name for p in second.polls] == ["ok"] and sorted(second.skipped) == ["busy", "slow"]
    assert len(srv.requests("/busy.xml")) == 1 and len(srv.requests("/ok.xml")) == 2

    # the wait is over and the server has recovered: polled, stored, the failures forgotten
    srv.resources["/busy.xml"].fail = None
    with session_scope(db_engine, write=True) as session:
        session.execute(
            update(WatchSourceRow).where(WatchSourceRow.name == "busy").values(next_poll_at=before)
        )
    third = _watcher(db_engine, toml).cycle(once=True)
    assert {p.name: (p.status, p.new) for p in third.polls} == {"busy": ("ok", 1), "ok": ("ok", 0)}
    assert (_source(db_engine, "busy").failures, _source(db_engine, "busy").last_status) == (0, "ok")


def test_retry_after_is_read_as_seconds_or_an_http_date() -> None:
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now=now) == 120.0
    assert retry_after_seconds("Sun, 06 Dec 2026 12:05:00 GMT", now=now) == 300.0
    assert retry_after_seconds("Sun, 06 Dec 2026 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("99999999999", now=now) == 7 * 24 * 3600.0
    assert retry_after_seconds("soon", now=now) is None and retry_after_seconds(None) is None


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_dead_source_a_bad_body_and_a_bad_item_stop_nothing_else(db_engine: Engine, srv: Loopback) -> None:
    bad_item = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><link>http://wire.example.invalid/empty</link><title>no text</title></item>"
        + rss("x", [CHAMAN_4]).split(b"</description>", 1)[1].split(b"</channel>")[0]
        + b"</channel></rss>"
    )
    srv.resources["/mixed.xml"] = Resource(bad_item)
    srv.resources["/html.xml"] = Resource(
        b"<html><body><p>not a feed</p></body></html>", content_type="text/html"
    )
    srv.resources["/good.xml"] = Resource(rss("good", [KURRAM_12]))
    dead = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    toml = _toml(
        [("dead", dead, "feed"), ("missing", srv.url("/nothing.xml"), "feed")]
        + [(n, srv.url(f"/{n}.xml"), "feed") for n in ("html", "mixed", "good")]
    )
    report = _watcher(db_engine, toml).cycle(once=True)
    polls = {p.name: p for p in report.polls}
    assert polls["dead"].status == "failed" and "ConnectError" in polls["dead"].error
    assert (polls["missing"].status, polls["missing"].http_status) == ("failed", 404)
    assert polls["html"].status == "failed" and polls["html"].error.startswith("[E309]")
    assert (polls["mixed"].status, polls["mixed"].seen, polls["mixed"].new, polls["mixed"].failed) == (
        "ok",
        2,
        1,
        1,
    )
    assert (polls["good"].status, polls["good"].new) == ("ok", 1)
    with session_scope(db_engine) as session:
        problems = [(p.code, p.locator) for p in session.scalars(select(IngestProblemRow))]
    assert problems == [("E310", "http://wire.example.invalid/empty")]
    assert _count(db_engine, DocumentRow.pk) == 2
    # the html source failed on its body: its validators are not kept, its failure counted
    assert (_source(db_engine, "html").failures, _source(db_engine, "html").last_error[:6]) == (1, "[E309]")


def test_the_ssrf_guard_of_fetch_applies(db_engine: Engine, srv: Loopback) -> None:
    srv.resources["/good.xml"] = Resource(rss("good", [KURRAM_12]))
    guarded = SETTINGS.model_copy(update={"ingest": IngestSettings(allow_private_addresses=False)})
    report = _watcher(db_engine, _toml([("local", srv.url("/good.xml"), "feed")]), guarded).cycle(once=True)
    assert report.polls[0].status == "failed" and report.polls[0].error.startswith("[E315]")
    assert srv.log == []


def test_hosts_are_polled_in_parallel_each_one_request_at_a_time_min_delay_apart(db_engine: Engine) -> None:
    with serve("127.0.0.1") as a, serve("127.0.0.2") as b:
        for srv in (a, b):
            for n in range(3):
                srv.resources[f"/f{n}.xml"] = Resource(rss("f", [CHAMAN_4]), delay=0.3)
        sources = [
            (f"{h}{n}", s.url(f"/f{n}.xml"), "feed") for h, s in (("a", a), ("b", b)) for n in range(3)
        ]
        started = time.monotonic()
        report = _watcher(db_engine, _toml(sources, min_delay=0.5, concurrency=2)).cycle(once=True)
        took = time.monotonic() - started
        assert len(report.polls) == 6 and all(p.status == "ok" for p in report.polls)
        for srv in (a, b):
            assert srv.max_active == 1
            arrivals = sorted(r.at for r in srv.log)
            gaps = [y - x for x, y in pairwise(arrivals)]
            assert len(arrivals) == 3 and min(gaps) >= 0.3 + 0.5 - 0.05, gaps  # answered, then the delay
        # the two hosts overlapped: b's first request came before a's last
        assert min(r.at for r in b.log) < max(r.at for r in a.log)
        assert took < 6 * 0.3 + 4 * 0.5, took  # less than one host after the other


def test_a_page_is_one_document_per_version_of_its_text(db_engine: Engine, srv: Loopback) -> None:
    page = (
        "<html><head><title>Ministry statement</title></head><body><article><h1>Statement</h1>"
        "<p>{}</p></article></body></html>"
    )
    srv.resources["/statement"] = Resource(
        page.format(KURRAM_12.text).encode(), content_type="text/html; charset=utf-8"
    )
    toml = _toml([("ministry", srv.url("/statement"), "page")])
    assert _watcher(db_engine, toml).cycle(once=True).polls[0].new == 1
    assert _watcher(db_engine, toml).cycle(once=True).polls[0].new == 0  # the same text: no new version
    srv.resources["/statement"].set(page.format(KURRAM_58.text).encode())
    assert _watcher(db_engine, toml).cycle(once=True).polls[0].new == 1
    with session_scope(db_engine) as session:
        rows = list(session.scalars(select(DocumentRow).order_by(DocumentRow.pk)))
        assert [r.id.split("#v")[0] for r in rows] == [srv.url("/statement")] * 2
        assert "12 civilians" in rows[0].text and "58 civilians" in rows[1].text
        assert rows[0].id != rows[1].id


def test_a_restart_marks_a_killed_run_interrupted_and_stores_nothing_twice(
    db_engine: Engine, srv: Loopback
) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_owner = f"{socket.gethostname()} {gone.stdout.strip()} 1 deadbeef"
    live_owner = new_owner()  # this process: still running
    _running_runs(db_engine, "wire", [dead_owner, live_owner])
    # the killed run had stored its first item but not yet remembered it in watch_items
    srv.resources["/wire.xml"] = Resource(rss("wire", [KURRAM_12, CHAMAN_4]))
    spec = parse_sources(_toml([("wire", srv.url("/wire.xml"), "feed")])).sources[0]
    with httpx.Client() as client:
        first = poll_source(
            spec, Validators(), client=client, settings=SETTINGS.ingest, resolver=resolve_host
        )
    store_sources(db_engine, first.items[:1], batch_size=10, report=IngestReport())

    report = _watcher(db_engine, _toml([("wire", srv.url("/wire.xml"), "feed")])).cycle(once=True)
    assert report.interrupted == 1
    assert report.ingest.outcomes == {"duplicate": 1, "added": 1}
    assert _count(db_engine, DocumentRow.pk) == 2 and _count(db_engine, WatchItemRow.url) == 2
    statuses = sorted(
        (r.status, r.owner == live_owner, r.finished_at is None) for r in _runs(db_engine, "wire")
    )
    assert statuses == [("interrupted", False, True), ("ok", False, False), ("running", True, True)]
    # and a later cycle finds nothing new
    again = _watcher(db_engine, _toml([("wire", srv.url("/wire.xml"), "feed")])).cycle(once=True)
    assert again.interrupted == 0 and again.new_items == 0 and _count(db_engine, DocumentRow.pk) == 2


def test_a_continuous_watch_closes_the_runs_a_failed_cycle_left_running(
    db_engine: Engine, srv: Loopback
) -> None:
    """The ledger failed while a cycle stored its polls: the process lives on, so its runs are
    not a dead process's; its next cycle marks them interrupted, and no other watcher's."""
    srv.resources["/wire.xml"] = Resource(rss("wire", [KURRAM_12]))
    watcher = _watcher(db_engine, _toml([("wire", srv.url("/wire.xml"), "feed")]))
    other = new_owner() + "-other"  # another live watcher's run, in this same process
    _running_runs(db_engine, "wire", [watcher.owner, other])
    report = watcher.cycle(once=True)
    assert report.interrupted == 1
    statuses = sorted((r.status, r.owner) for r in _runs(db_engine, "wire"))
    assert ("interrupted", watcher.owner) in statuses and ("running", other) in statuses
    assert ("ok", watcher.owner) in statuses


def test_a_source_removed_from_the_file_leaves_the_table_and_a_moved_url_forgets_its_validators(
    db_engine: Engine, srv: Loopback
) -> None:
    srv.resources["/a.xml"] = Resource(rss("a", [KURRAM_12]), etag=True)
    srv.resources["/b.xml"] = Resource(rss("b", [CHAMAN_4]), etag=True)
    _watcher(db_engine, _toml([("a", srv.url("/a.xml"), "feed"), ("b", srv.url("/b.xml"), "feed")])).cycle(
        once=True
    )
    assert _source(db_engine, "a").etag is not None
    _watcher(db_engine, _toml([("a", srv.url("/b.xml"), "feed")]))
    with session_scope(db_engine) as session:
        assert [r.name for r in session.scalars(select(WatchSourceRow))] == ["a"]
    moved = _source(db_engine, "a")
    assert (moved.url, moved.etag, moved.failures) == (srv.url("/b.xml"), None, 0)
    assert _count(db_engine, WatchRunRow.id) == 2  # the history stays


def test_next_due_says_how_long_a_continuous_watch_sleeps(db_engine: Engine, srv: Loopback) -> None:
    srv.resources["/a.xml"] = Resource(rss("a", [KURRAM_12]))
    watcher = _watcher(db_engine, _toml([("a", srv.url("/a.xml"), "feed")]))
    assert watcher.next_due() == 0.0
    watcher.cycle()
    assert 50 <= watcher.next_due() <= 60
    assert watcher.cycle().polls == []  # not due yet
    with session_scope(db_engine, write=True) as session:
        past = datetime.now(UTC) - timedelta(seconds=1)
        session.execute(update(WatchSourceRow).values(next_poll_at=past))
    assert [p.name for p in watcher.cycle().polls] == ["a"]


def _nothing_found(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
    """An extractor that finds no claim: enough to mark documents extracted."""
    for doc in docs:
        yield Extraction(doc.id)


def test_the_ledger_is_rebuilt_when_something_came_in_or_a_killed_watch_left_it_behind(
    db_engine: Engine, srv: Loopback
) -> None:
    srv.resources["/a.xml"] = Resource(rss("a", [KURRAM_12]), etag=True)
    toml = _toml([("a", srv.url("/a.xml"), "feed")])

    def watch() -> Watcher:
        return Watcher(db_engine, parse_sources(toml), SETTINGS, extractor=_nothing_found)

    first = watch().cycle(once=True)
    assert first.ingest.extracted == 1 and first.ingest.ledger is not None
    assert [r.reconciled for r in _runs(db_engine, "a")] == [True]
    quiet = watch().cycle(once=True)  # a 304: nothing new, nothing owed, no rebuild
    assert quiet.polls[0].status == "not_modified" and quiet.ingest.ledger is None
    # a watch killed after storing its items, before the rebuild: the next one rebuilds
    with session_scope(db_engine, write=True) as session:
        session.execute(update(WatchRunRow).values(reconciled=False))
    owed = watch().cycle(once=True)
    assert owed.polls[0].status == "not_modified" and owed.ingest.ledger is not None
    assert all(r.reconciled for r in _runs(db_engine, "a"))
    assert watch().cycle(once=True).ingest.ledger is None


def _an_event_each(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
    """An extractor that finds one incident with one claim (12 soldiers killed) per document."""
    for doc in docs:
        day = DateSpan(doc.published, doc.published, "day", "")
        said = Claim(
            Party("officials"),
            "killed",
            Party("soldiers", "PAK", 1),
            Figure("12", 12, 12, 12, "exact"),
            (0, 2),
            event_ref=0,
        )
        yield Extraction(
            doc.id, [said], [Event(type="Battles/Armed clash", dates=day, summary=doc.title or "")]
        )


def test_the_change_log_names_the_source_and_the_cycle(db_engine: Engine, srv: Loopback) -> None:
    srv.resources["/a.xml"] = Resource(rss("a", [KURRAM_12]))
    srv.resources["/b.xml"] = Resource(rss("b", []))
    toml = _toml([("a", srv.url("/a.xml"), "feed"), ("b", srv.url("/b.xml"), "feed")])
    report = Watcher(db_engine, parse_sources(toml), SETTINGS, extractor=_an_event_each).cycle(once=True)
    assert report.ingest.ledger is not None and report.ingest.ledger.changes_recorded >= 1
    with session_scope(db_engine) as session:
        changes = list_changes(session).items
    assert changes and {(c.kind, c.actor, c.run) for c in changes} == {("event", "watch:a", report.cycle)}


def test_a_watcher_whose_sources_another_watch_removed_takes_them_back(
    db_engine: Engine, srv: Loopback
) -> None:
    """One ledger is meant to have one watcher; when a second one (another sources file) synced
    its own sources over the first's, the first's next cycle used to fail with a KeyError, and
    every cycle after it: the background watch of ``tolls serve`` stopped for good."""
    srv.resources["/a.xml"] = Resource(rss("a", [KURRAM_12]))
    srv.resources["/b.xml"] = Resource(rss("b", [CHAMAN_4]))
    first = _watcher(db_engine, _toml([("a", srv.url("/a.xml"), "feed")]))
    _watcher(db_engine, _toml([("b", srv.url("/b.xml"), "feed")])).cycle(once=True)
    report = first.cycle(once=True)
    assert [(p.name, p.status, p.new) for p in report.polls] == [("a", "ok", 1)]
    assert _source(db_engine, "a").last_status == "ok"
