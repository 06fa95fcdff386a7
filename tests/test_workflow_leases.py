"""Issue 18: concurrent ingests share the pending documents out through extraction leases (none
is extracted twice), a killed run's leases pass to the next run, and ``kill -9`` at any stage
(storing, extracting, reconciling) followed by a rerun gives the uninterrupted export, byte for
byte. Real ``tolls ingest`` processes (tests/workflow_harness.py), on SQLite and on a real
PostgreSQL server."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from checkpoint_corpus import write_checkpoint_reports
from tolls.export import export_events
from tolls.model import Extraction, InputDocument, SourceDocument
from tolls.store import counts, make_engine, session_scope
from tolls.store.leases import new_owner, owner_is_dead
from tolls.store.models import DocumentRow, ExtractionLeaseRow, utcnow
from tolls.workflow import IngestReport, extract_pending, read_export, store_sources

HARNESS = [sys.executable, str(Path(__file__).with_name("workflow_harness.py"))]
FORMATS = ("acled", "ucdp", "geojson")
DOCS = 120
BATCH = 10


def _start(db: str, corpus: Path, log: Path, **env: str) -> subprocess.Popen[bytes]:
    full = {**os.environ, "TOLLS_GEO__RESOLVE": "false", "TOLLS_INGEST__BATCH_SIZE": str(BATCH), **env}
    with log.open("ab") as out:
        return subprocess.Popen(
            [*HARNESS, "ingest", str(corpus), "--db", db], env=full, stdout=out, stderr=out
        )


def _exports(db: str) -> dict[str, bytes]:
    """The ledger in every export format: ACLED, UCDP, GeoJSON, and each Parquet file."""
    events, context = read_export(db)  # as `tolls export` reads them
    out = {}
    for fmt in FORMATS:
        buf = io.StringIO()
        export_events(events, fmt, buf, context=context)
        out[fmt] = buf.getvalue().encode()
    with tempfile.TemporaryDirectory() as folder:
        export_events(events, "parquet", Path(folder), context=context)
        out |= {f"parquet/{p.name}": p.read_bytes() for p in sorted(Path(folder).iterdir())}
    return out


def _extracted_ids(db: str) -> set[str]:
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            stmt = select(DocumentRow.id).where(DocumentRow.status == "extracted")
            return set(session.scalars(stmt))
    finally:
        engine.dispose()


def _counts(db: str) -> dict[str, int]:
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            return counts(session)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write_checkpoint_reports(path, DOCS)
    return path


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict[str, bytes]]:
    """Counts and exports of one uninterrupted ingest (SQLite)."""
    folder = tmp_path_factory.mktemp("single")
    db = f"sqlite:///{folder / 'ledger.sqlite'}"
    run = _start(db, corpus, folder / "log")
    assert run.wait(timeout=300) == 0, (folder / "log").read_text()
    c, exports = _counts(db), _exports(db)
    assert c["documents"] == c["documents.extracted"] == DOCS and c["claims"] >= DOCS and c["events"] > 1
    assert len(exports) > len(FORMATS) and all(exports.values())
    return c, exports


@pytest.mark.slow
def test_issue_18_two_concurrent_ingests_extract_every_document_once(
    corpus: Path, single: tuple[dict[str, int], dict[str, bytes]], db_url: str, tmp_path: Path
) -> None:
    extracted = tmp_path / "extracted.log"
    # small spaCy batches: a run holds (claims) at most 4 x 5 documents ahead of its saves, so
    # both runs get a share of the documents whatever their start-up times
    env = {"HARNESS_EXTRACTION_LOG": str(extracted), "TOLLS_NLP__BATCH_SIZE": "5"}
    runs = [_start(db_url, corpus, tmp_path / f"run{n}.log", **env) for n in (1, 2)]
    for n, run in enumerate(runs, 1):
        assert run.wait(timeout=300) == 0, (tmp_path / f"run{n}.log").read_text()
    lines = [line.split(" ") for line in extracted.read_text().splitlines()]
    times = Counter(doc for _, doc in lines)
    assert sorted(times) == [f"doc-{i:04d}" for i in range(DOCS)]
    assert set(times.values()) == {1}, [d for d, n in times.items() if n > 1]
    by_run = Counter(pid for pid, _ in lines)
    assert sorted(by_run) == sorted(str(r.pid) for r in runs), by_run
    assert min(by_run.values()) >= BATCH, f"the two runs did not extract concurrently: {by_run}"
    counts_single, exports_single = single
    assert _counts(db_url) == counts_single
    assert _exports(db_url) == exports_single


@pytest.mark.slow
@pytest.mark.parametrize("kill_at", ["store:25", "extract:25", "reconcile:1"])
def test_issue_18_sigkill_at_each_stage_then_rerun_gives_the_uninterrupted_export(
    corpus: Path, single: tuple[dict[str, int], dict[str, bytes]], db_url: str, tmp_path: Path, kill_at: str
) -> None:
    log = tmp_path / "log"
    extracted = tmp_path / "extracted.log"
    killed = _start(db_url, corpus, log, HARNESS_KILL_AT=kill_at, HARNESS_EXTRACTION_LOG=str(extracted))
    assert killed.wait(timeout=300) == -signal.SIGKILL, log.read_text()
    partial = _counts(db_url)
    stage = kill_at.split(":")[0]
    if stage == "store":  # two batches committed, the third lost
        assert partial["documents"] == 2 * BATCH and partial["documents.extracted"] == 0
    elif stage == "extract":  # every document stored, two batches of results committed
        assert partial["documents"] == DOCS and partial["documents.extracted"] == 2 * BATCH
    else:  # everything extracted, the ledger's rewrite lost
        assert partial["documents.extracted"] == DOCS and partial["events"] == 0
    saved = _extracted_ids(db_url)
    started = time.monotonic()
    rerun = _start(db_url, corpus, log, HARNESS_EXTRACTION_LOG=str(extracted))
    assert rerun.wait(timeout=300) == 0, log.read_text()
    # the killed run's claims passed to the rerun at once, not when they expire
    assert time.monotonic() - started < 120
    counts_single, exports_single = single
    assert _counts(db_url) == counts_single
    assert _exports(db_url) == exports_single
    # the rerun extracted exactly what the killed run had not saved, each document once
    lines = [line.split(" ") for line in extracted.read_text().splitlines()]
    again = Counter(doc for pid, doc in lines if pid == str(rerun.pid))
    assert set(again.values()) <= {1}
    assert sorted(again) == [f"doc-{i:04d}" for i in range(DOCS) if f"doc-{i:04d}" not in saved]


# --- the leases themselves (library level, a counting extractor) ---------------------------------


def _store(engine: Engine, n: int) -> list[str]:
    docs = [
        SourceDocument(InputDocument(f"d{i}", f"Report {i}."), "t", f"line {i}", "jsonl") for i in range(n)
    ]
    store_sources(engine, docs, batch_size=n, report=IngestReport())
    return [d.doc.id for d in docs]


def _lease(engine: Engine, ids: Iterable[str], owner: str, seconds: float) -> None:
    with session_scope(engine, write=True) as session:
        for i in ids:
            session.add(
                ExtractionLeaseRow(
                    document_id=i, owner=owner, expires_at=utcnow() + timedelta(seconds=seconds)
                )
            )


def _extract(engine: Engine, seen: list[str]) -> IngestReport:
    def extractor(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
        for d in docs:
            seen.append(d.id)
            yield Extraction(d.id)

    report = IngestReport()
    extract_pending(engine, extractor, batch_size=2, report=report, poll_seconds=0.1)
    return report


def test_issue_18_an_expired_lease_is_taken_over(db_engine: Engine) -> None:
    ids = _store(db_engine, 4)
    _lease(db_engine, ids[:2], "elsewhere 1234 1 cafe", seconds=-5)  # a crashed run on another host
    seen: list[str] = []
    report = _extract(db_engine, seen)
    assert sorted(seen) == ids and report.extracted == 4
    with session_scope(db_engine) as session:
        assert session.scalars(select(ExtractionLeaseRow)).all() == []


def test_issue_18_a_live_lease_is_waited_for_then_taken_over_when_it_expires(db_engine: Engine) -> None:
    ids = _store(db_engine, 4)
    _lease(db_engine, ids[1:2], "elsewhere 1234 1 cafe", seconds=1.5)
    seen: list[str] = []
    started = time.monotonic()
    report = _extract(db_engine, seen)
    assert seen[:3] == [ids[0], ids[2], ids[3]] and seen[3:] == [ids[1]]  # the held one last
    assert time.monotonic() - started >= 1.0 and report.extracted == 4


def test_issue_18_a_dead_owners_lease_on_this_host_is_taken_over_at_once(db_engine: Engine) -> None:
    ids = _store(db_engine, 3)
    gone = subprocess.Popen(
        [sys.executable, "-c", "from tolls.store.leases import new_owner; print(new_owner())"],
        stdout=subprocess.PIPE,
        text=True,
    )
    owner = gone.communicate(timeout=60)[0].strip()
    assert owner_is_dead(owner) and not owner_is_dead(new_owner())
    assert not owner_is_dead(owner.replace(owner.split(" ")[0], "elsewhere", 1))
    _lease(db_engine, ids, owner, seconds=600)
    seen: list[str] = []
    started = time.monotonic()
    report = _extract(db_engine, seen)
    assert sorted(seen) == ids and report.extracted == 3 and time.monotonic() - started < 10


def test_issue_18_documents_claimed_by_a_concurrent_run_are_left_to_it(
    db_url: str, db_engine: Engine
) -> None:
    ids = _store(db_engine, 4)
    other_engine = make_engine(db_url)
    other: list[str] = []
    threads: list[threading.Thread] = []

    def extractor(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
        for d in docs:  # holding its first batch, this run lets another one start and extract
            if not threads:
                threads.append(threading.Thread(target=_extract, args=(other_engine, other)))
                threads[0].start()
                deadline = time.monotonic() + 30
                while len(other) < 2 and time.monotonic() < deadline:
                    time.sleep(0.05)
            yield Extraction(d.id)

    report = IngestReport()
    try:
        extract_pending(db_engine, extractor, batch_size=2, report=report, poll_seconds=0.1)
        threads[0].join(timeout=30)
    finally:
        other_engine.dispose()
    assert not threads[0].is_alive()
    assert other == ids[2:]  # the first batch was claimed: the other run extracted the rest
    assert report.extracted == 2
    with session_scope(db_engine) as session:
        assert counts(session)["documents.extracted"] == 4
