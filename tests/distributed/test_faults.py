"""Faults during a distributed ingest (issue 6): SIGKILL of a Dask worker, of the writer, of the
whole run. Every run that finishes, or is rerun after being killed, leaves the ledger an
uninterrupted serial ingest leaves: the same documents, claims and events, none twice.

Real processes throughout: the session's two-worker LocalCluster, and ``tolls ingest --workers 2``
started as a subprocess in its own session so that its whole process group can be killed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from dask_faults import sigkill_a_worker_while_it_extracts
from distributed import Client, LocalCluster
from spacy.language import Language
from sqlalchemy import select

from ledger_fixtures import Dump, dump
from tolls.distributed import extract_on_cluster, local_cluster
from tolls.model import Extraction, InputDocument
from tolls.settings import DbSettings, GeoSettings, IngestSettings, Settings
from tolls.store import session_scope
from tolls.store.models import DocumentRow
from tolls.workflow import ingest, open_ledger

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "tolls" / "data" / "samples" / "october-2025.jsonl"
TOLLS = [sys.executable, "-m", "tolls"]
BATCH = 3
"""Documents per writer transaction (and per Dask chunk in ``tolls ingest``)."""
TIMEOUT = 120.0


def _settings(db: str) -> Settings:
    return Settings(
        geo=GeoSettings(resolve=False), db=DbSettings(url=db), ingest=IngestSettings(batch_size=BATCH)
    )


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Dump:
    """An uninterrupted serial ingest of the sample corpus."""
    db = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'ledger.sqlite'}"
    settings = _settings(db)
    engine = open_ledger(db)
    try:
        report = ingest([str(SAMPLES)], settings=settings, engine=engine, nlp=nlp)
    finally:
        engine.dispose()
    assert not report.failed and not report.problems
    out = dump(db)
    assert len(out.documents) >= 20 and {s for _, s in out.documents} <= {"extracted", "syndicated"}
    assert out.duplicate_documents == out.duplicate_claims == 0
    assert len(out.claims) >= 20 and out.events >= 5
    return out


def _wait_for(what: str, check: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.1)


# --- a worker dies mid-run ---------------------------------------------------------------------


def test_sigkill_of_a_worker_mid_ingest_leaves_the_uninterrupted_ledger(
    tmp_path: Path, cluster: LocalCluster, client: Client, expected: Dump
) -> None:
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    settings = _settings(db)
    pids = client.run(os.getpid)
    assert len(pids) == 2
    killed: list[int] = []

    def extractor(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
        results = extract_on_cluster(
            docs, settings=settings, scheduler=cluster.scheduler_address, chunk_size=2
        )
        for x in results:  # a worker killed while it extracts a chunk (if idle, after the next result)
            yield x
            if not killed and (pid := sigkill_a_worker_while_it_extracts(client)) is not None:
                killed.append(pid)

    engine = open_ledger(db)
    try:
        report = ingest([str(SAMPLES)], settings=settings, engine=engine, extractor=extractor)
    finally:
        engine.dispose()
    assert killed, "no worker was ever caught extracting a chunk"
    assert not report.failed  # the dead worker's chunks were re-run, not turned into errors
    assert dump(db) == expected

    seen: dict[str, int] = {}

    def restarted() -> bool:  # leave the shared cluster as found: the nanny restarts the worker
        seen.clear()
        seen.update(client.run(os.getpid))
        return len(seen) == 2 and killed[0] not in seen.values()

    try:
        _wait_for("the nanny to restart the killed worker", restarted)
    except AssertionError as exc:
        raise AssertionError(f"{exc}: killed pid {killed[0]}, workers now {seen}") from None


def test_documents_lost_to_dying_workers_are_extracted_by_the_rerun(
    tmp_path: Path, nlp: Language, expected: Dump
) -> None:
    # no re-runs after a worker death: the chunk it held fails at once (KilledWorker -> E601)
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    settings = _settings(db)
    cluster = local_cluster(1, allowed_failures=0)
    killed: list[int] = []
    try:
        with Client(cluster, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(1, timeout=TIMEOUT)

            def extractor(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
                address = cluster.scheduler_address
                results = extract_on_cluster(docs, settings=settings, scheduler=address, chunk_size=2)
                for x in results:  # killed while it extracts a chunk (if idle, after the next result)
                    yield x
                    if not killed and (pid := sigkill_a_worker_while_it_extracts(client)) is not None:
                        killed.append(pid)

            engine = open_ledger(db)
            try:
                report = ingest([str(SAMPLES)], settings=settings, engine=engine, extractor=extractor)
            finally:
                engine.dispose()
    finally:
        cluster.close()
    assert killed, "the worker was never caught extracting a chunk"
    assert report.failed and all(m.startswith("E601: [E601]") for _, m in report.failed)
    lost = {doc_id for doc_id, _ in report.failed}
    engine = open_ledger(db)
    try:
        with session_scope(engine) as session:
            stored = {r.id: r.error_code for r in session.scalars(select(DocumentRow))}
        assert {stored[d] for d in lost} == {"E601"}
        # a failure of the cluster, not of the document: the next run extracts it again
        ingest([str(SAMPLES)], settings=settings, engine=engine, nlp=nlp)
    finally:
        engine.dispose()
    assert dump(db) == expected


# --- the writer or the whole run dies ----------------------------------------------------------


def _start(db: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TOLLS_GEO__RESOLVE": "false", "TOLLS_INGEST__BATCH_SIZE": str(BATCH)}
    with log.open("ab") as err:
        return subprocess.Popen(
            [*TOLLS, "ingest", str(SAMPLES), "--workers", "2", "--db", db],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,  # its own process group: the CLI, its nannies' workers
        )


def _statuses(path: Path) -> dict[str, int]:
    """Documents by status, read without the ORM while the run writes (empty until it has)."""
    if not path.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as con:
            return dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    except sqlite3.OperationalError:  # no schema yet, or locked for a moment by the writer
        return {}


def _live_in_group(pgid: int) -> list[int]:
    """Processes of the group that still run (zombies waiting for a reaper do not count)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


@pytest.mark.parametrize("target", ["whole run", "writer"])
def test_sigkill_then_rerun_converges_to_the_uninterrupted_ledger(
    tmp_path: Path, expected: Dump, target: str
) -> None:
    path = tmp_path / "ledger.sqlite"
    db = f"sqlite:///{path}"
    log = tmp_path / "ingest.log"
    docs = expected.documents
    total, extractable = len(docs), sum(1 for _, status in docs if status == "extracted")

    run = _start(db, log)
    pgid = run.pid
    try:
        # kill it mid-extraction: every document stored, at least one batch saved, not all
        _wait_for(
            "some documents to be extracted",
            lambda: run.poll() is not None or _statuses(path).get("extracted", 0) >= BATCH,
        )
        assert run.poll() is None, f"the run ended before it could be killed:\n{log.read_text()}"
        if target == "whole run":
            os.killpg(pgid, signal.SIGKILL)
        else:
            os.kill(run.pid, signal.SIGKILL)  # the workers lose their nannies and must exit
        assert run.wait(timeout=30) == -signal.SIGKILL
        _wait_for("the run's worker processes to exit", lambda: not _live_in_group(pgid), timeout=60)
    finally:
        if _live_in_group(pgid):
            os.killpg(pgid, signal.SIGKILL)
    partial = _statuses(path)
    assert sum(partial.values()) == total and 0 < partial.get("extracted", 0) < extractable, partial

    rerun = _start(db, log)
    try:
        assert rerun.wait(timeout=TIMEOUT) == 0, log.read_text()
    finally:
        if rerun.poll() is None:
            os.killpg(rerun.pid, signal.SIGKILL)
    assert dump(db) == expected
