"""``tolls watch`` as a real process against a loopback server of our own writing (issue 21):
``--once`` twice picks up only the new items (the second run's the other side's higher figure)
with 304s where the server supports validators and a 503 source backing off; ``kill -9`` in the
middle of a watch (storing, remembering items, rebuilding the ledger) and a restart lose and
duplicate nothing: the same documents, claims, items and export as an uninterrupted watch, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from feed_server import TALIBAN_58, WIRE_12, Entry, Loopback, Resource, rss, serve
from tolls.export import export_events
from tolls.store import counts, load_ledger, make_engine, session_scope
from tolls.store.models import DocumentRow, WatchItemRow, WatchRunRow
from tolls.workflow import read_export

pytestmark = pytest.mark.slow

HARNESS = [sys.executable, str(Path(__file__).resolve().parents[1] / "workflow_harness.py")]
ENV = {"TOLLS_GEO__RESOLVE": "false", "TOLLS_INGEST__ALLOW_PRIVATE_ADDRESSES": "true", "COLUMNS": "300"}

CHECKPOINTS = [
    Entry(
        f"http://desk.example.invalid/checkpoint-{n}",
        f"Checkpoint attack {n}",
        f"Officials said {2 + n} soldiers were killed in an attack on a checkpoint in "
        f"{['Kurram', 'Bajaur', 'Khost', 'Chaman'][n % 4]} on {n + 1} March 2025.",
    )
    for n in range(6)
]


def _sources(srv: Loopback, path: Path, *, busy: bool = True) -> Path:
    names = ["wire", "desk-a", "desk-b"] + (["busy"] if busy else [])
    path.write_text(
        "[politeness]\nmin_delay = 0.05\n"
        + "".join(
            f'\n[[source]]\nname = "{n}"\nurl = "{srv.url(f"/{n}.xml")}"\noutlet = "{n}"\n' for n in names
        )
    )
    return path


def _watch(db: str, sources: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*HARNESS, "watch", str(sources), "--once", "--db", db, "--json"],
        env={**os.environ, **ENV, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def srv() -> Iterator[Loopback]:
    with serve() as s:
        s.resources["/wire.xml"] = Resource(rss("wire", [WIRE_12]), etag=True)
        s.resources["/desk-a.xml"] = Resource(rss("desk a", CHECKPOINTS[:3]), last_modified=True)
        s.resources["/desk-b.xml"] = Resource(rss("desk b", CHECKPOINTS[3:]))
        s.resources["/busy.xml"] = Resource(rss("busy", []), fail=503, retry_after="3600")
        yield s


def test_watch_once_twice_picks_up_only_the_new_items_with_304s_and_a_503_backing_off(
    srv: Loopback, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    sources = _sources(srv, tmp_path / "sources.toml")
    first = _watch(db, sources)
    assert first.returncode == 3, first.stderr  # the busy source failed
    assert "Traceback" not in first.stderr and "busy [E316]" in first.stderr and "503" in first.stderr
    one = json.loads(first.stdout)
    assert {p["source"]: (p["status"], p["new"]) for p in one["polls"]} == {
        "wire": ("ok", 1),
        "desk-a": ("ok", 3),
        "desk-b": ("ok", 3),
        "busy": ("failed", 0),
    }
    assert (one["documents_added"], one["documents_extracted"]) == (7, 7) and one["events_written"] > 0

    srv.resources["/wire.xml"].set(rss("wire", [TALIBAN_58, WIRE_12]))  # the other side's figure
    second = _watch(db, sources)
    assert second.returncode == 0, second.stderr
    two = json.loads(second.stdout)
    assert {p["source"]: (p["status"], p["http"], p["seen"], p["new"]) for p in two["polls"]} == {
        "wire": ("ok", 200, 2, 1),
        "desk-a": ("not_modified", 304, 0, 0),
        "desk-b": ("ok", 200, 3, 0),
    }
    assert two["skipped"] == ["busy"] and (two["documents_added"], two["documents_extracted"]) == (1, 1)
    assert [r.status for r in srv.requests("/busy.xml")] == [503]  # not asked again within Retry-After
    assert [(r.if_none_match is not None, r.status) for r in srv.requests("/wire.xml")] == [
        (False, 200),
        (True, 200),
    ]
    assert [(r.if_modified_since is not None, r.status) for r in srv.requests("/desk-a.xml")] == [
        (False, 200),
        (True, 304),
    ]
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            said = {
                (c.claim.claimant.name, c.claim.figure.value)
                for e in load_ledger(session)
                for c in e.claims
                if c.claim.kind == "killed"
            }
            assert ("local officials", 12) in said and ("Zabihullah Mujahid", 58) in said
            assert session.scalar(select(DocumentRow.status).where(DocumentRow.url == TALIBAN_58.link)) == (
                "extracted"
            )
    finally:
        engine.dispose()


def _state(db: str) -> tuple[dict[str, int], list[str], list[tuple[str, str | None]], bytes]:
    """Counts, document ids, remembered items and the ACLED export of a ledger."""
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            c = counts(session)
            ids = sorted(session.scalars(select(DocumentRow.id)))
            items = sorted((r.url, r.document_id) for r in session.scalars(select(WatchItemRow)))
    finally:
        engine.dispose()
    events, context = read_export(db)
    out = io.StringIO()
    export_events(events, "acled", out, context=context)
    return c, ids, items, out.getvalue().encode()


@pytest.fixture(scope="module")
def uninterrupted(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, int], list[str], list[tuple[str, str | None]], bytes]:
    folder = tmp_path_factory.mktemp("uninterrupted")
    with serve() as s:
        s.resources["/wire.xml"] = Resource(rss("wire", [TALIBAN_58, WIRE_12]))
        s.resources["/desk-a.xml"] = Resource(rss("desk a", CHECKPOINTS[:3]))
        s.resources["/desk-b.xml"] = Resource(rss("desk b", CHECKPOINTS[3:]))
        db = f"sqlite:///{folder / 'ledger.sqlite'}"
        run = _watch(db, _sources(s, folder / "sources.toml", busy=False))
        assert run.returncode == 0, run.stderr
    state = _state(db)
    assert state[0]["documents"] == 8 == state[0]["documents.extracted"] and len(state[2]) == 8
    return state


@pytest.mark.parametrize("kill_at", ["store:4", "watchitems:2", "extract:3", "reconcile:1"])
def test_kill_9_in_a_watch_then_a_restart_loses_and_duplicates_nothing(
    kill_at: str,
    db_url: str,
    tmp_path: Path,
    uninterrupted: tuple[dict[str, int], list[str], list[tuple[str, str | None]], bytes],
) -> None:
    with serve() as s:
        s.resources["/wire.xml"] = Resource(rss("wire", [TALIBAN_58, WIRE_12]))
        s.resources["/desk-a.xml"] = Resource(rss("desk a", CHECKPOINTS[:3]))
        s.resources["/desk-b.xml"] = Resource(rss("desk b", CHECKPOINTS[3:]))
        sources = _sources(s, tmp_path / "sources.toml", busy=False)
        killed = _watch(db_url, sources, HARNESS_KILL_AT=kill_at, TOLLS_INGEST__BATCH_SIZE="1")
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        partial = _state(db_url)[0]
        stage = kill_at.split(":")[0]
        if stage in ("store", "watchitems"):  # killed while polling: some documents stored, none extracted
            assert 0 < partial["documents"] < 8 and partial["documents.extracted"] == 0
        elif stage == "extract":
            assert partial["documents"] == 8 and partial["documents.extracted"] == 2
        else:
            assert partial["documents.extracted"] == 8 and partial["events"] == 0
        restart = _watch(db_url, sources)
        assert restart.returncode == 0, restart.stderr
        report = json.loads(restart.stdout)
    # the poll killed mid-way, and the next one if it had begun meanwhile (hosts run ahead)
    interrupted = report["runs_interrupted"]
    assert 1 <= interrupted <= 2 if stage in ("store", "watchitems") else interrupted == 0
    assert _state(db_url) == uninterrupted
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as session:
            runs = list(session.scalars(select(WatchRunRow)))
            assert all(r.status != "running" for r in runs)
            assert all((r.finished_at is None) == (r.status == "interrupted") for r in runs)
    finally:
        engine.dispose()
