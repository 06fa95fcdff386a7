"""Ingest while the API serves (issue 6), on SQLite (WAL) and on a real PostgreSQL server.

A real uvicorn server on a copy of the sample ledger; ``tolls ingest`` in a subprocess, run twice
(a corpus of generated clash reports delivered in two halves, as a periodic feed would be: each
run ends by rebuilding the ledger, so event ids readers hold go stale mid-run); meanwhile reader
threads page through events, claims, documents, search and the OGC items, open single events and
claims and read the row counts, and an analyst signs in and out and accepts a claim.

Asserted: no 5xx and no transport error; every answer a 200 with a body of the documented shape,
except an event a rebuild replaced, which is the documented 404 (E404) and never an event of the
final ledger; the readers overlapped the writes (many reads during the runs, intermediate
document counts seen, counts never going back); both runs exit 0; the review lands and is
audited; the ledger equals that of the same runs alone on a fresh copy, no document or claim
twice.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from pydantic import BaseModel
from spacy.language import Language
from sqlalchemy import select
from sqlalchemy.engine import make_url
from tests.web.conftest import copy_sample, serve, web_settings

from ledger_fixtures import Dump, dump
from tolls.settings import IngestSettings, Settings
from tolls.store import accept_claim, create_token, make_engine, session_scope
from tolls.store.models import ClaimRow, DocumentRow, EventRow
from tolls.web.schemas import (
    ClaimPublic,
    ClaimWithHistory,
    DocumentSummaryPublic,
    EventDetailPublic,
    EventSummaryPublic,
    PagePublic,
    SearchHitPublic,
)
from tolls.workflow import ingest

pytestmark = pytest.mark.slow

TOLLS = [sys.executable, "-m", "tolls"]
DOCS = 200
"""Generated reports, ingested in two runs of 100."""
BATCH = 10
"""Documents per write transaction: many small commits for the readers to run between."""
READERS = 4
MAX_READS = 5_000
"""Per reader: the loop is bounded by count as well as by the runs' end and ``TIMEOUT``."""
MAX_SIGN_INS = 300
SIGN_IN_PAUSE = 0.2
TIMEOUT = 150.0
MIN_OVERLAP = 100
"""Reads that started and ended while an ingest process ran (about 30 times more are made)."""

PLACES = ("Kabul", "Khost", "Peshawar", "Kurram", "Bajaur", "Chaman", "Torkham", "Quetta")
SAYS = ("Officials said", "The army said", "Police said", "Residents said", "Hospital staff said")
WHO = ("soldiers", "civilians", "militants", "police officers", "fighters")
ANALYST = "ana"


def _report(i: int) -> dict[str, str]:
    """A short clash report: eight places, three weeks of September 2025, varied figures."""
    place = PLACES[i % len(PLACES)]
    day = 2 + 9 * ((i // len(PLACES)) % 3) + i % 3
    text = (
        f"{SAYS[i % len(SAYS)]} {3 + i % 11} {WHO[(i // 3) % len(WHO)]} were killed and {1 + i % 4} "
        f"wounded in clashes in {place} on {day} September 2025. Dispatch {i}."
    )
    return {
        "id": f"conc-{i:04d}",
        "title": f"Clashes in {place}",
        "text": text,
        "published": f"2025-09-{day:02d}",
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two JSONL files of interleaved reports (each half spans every place and week)."""
    folder = tmp_path_factory.mktemp("concurrency-corpus")
    parts = []
    for half in (0, 1):
        path = folder / f"part-{half}.jsonl"
        lines = (json.dumps(_report(i)) for i in range(half, DOCS, 2))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        parts.append(path)
    return parts


def _settings(url: str) -> Settings:
    return web_settings(url).model_copy(update={"ingest": IngestSettings(batch_size=BATCH)})


def _env(settings: Settings) -> dict[str, str]:
    """The subprocess gets the app's extraction settings (places resolved when the gazetteer is)."""
    geo = settings.geo
    return {
        **os.environ,
        "TOLLS_GEO__RESOLVE": str(geo.resolve).lower(),
        "TOLLS_GEO__GAZETTEER": str(geo.gazetteer),
        "TOLLS_INGEST__BATCH_SIZE": str(BATCH),
    }


def _ids(url: str) -> tuple[set[str], set[str]]:
    """Every document id and every event id in the ledger."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return set(session.scalars(select(DocumentRow.id))), set(session.scalars(select(EventRow.id)))
    finally:
        engine.dispose()


def _prepare(url: str) -> tuple[str, str]:
    """A claim of the sample ledger for the analyst to accept, and an API token for them."""
    engine = make_engine(url)
    try:
        with session_scope(engine, write=True) as session:
            claim = session.scalars(
                select(ClaimRow.id).where(ClaimRow.status == "extracted").order_by(ClaimRow.id).limit(1)
            ).one()
            token = create_token(session, ANALYST, name="concurrency test")
    finally:
        engine.dispose()
    return claim, token


def _alone(url: str, parts: list[Path], nlp: Language, claim: str) -> Dump:
    """The same review and runs, one after the other with nobody reading: the expected ledger."""
    settings = _settings(url)
    engine = make_engine(url)
    try:
        with session_scope(engine, write=True) as session:
            accept_claim(session, claim, actor=ANALYST)
        for part in parts:
            report = ingest([str(part)], settings=settings, engine=engine, nlp=nlp)
            assert not report.failed and not report.problems
    finally:
        engine.dispose()
    return dump(url)


# --- the readers -------------------------------------------------------------------------------


@dataclass
class Reads:
    """What every reader saw, under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    made: int = 0
    overlapped: int = 0
    routes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    """Event ids answered 404 (replaced by a rebuild after a list showed them)."""
    claims_counted: set[int] = field(default_factory=set)
    """Claim totals read from /stats (they grow with every saved batch of extractions)."""
    events: list[str] = field(default_factory=list)
    """Recently listed event ids, for the readers to open."""
    listed: set[str] = field(default_factory=set)
    """Every event id a list ever showed."""
    claims: list[str] = field(default_factory=list)

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)


def _page(model: type[BaseModel], body: Any, params: dict[str, Any]) -> list[Any]:
    """A page of ``model`` items: documented keys, no more than ``limit`` items, none twice."""
    page = PagePublic[model].model_validate(body)  # type: ignore[valid-type]
    assert set(body) == {"items", "total", "total_exact", "limit", "offset", "next"}, sorted(body)
    assert page.limit == params.get("limit", 50) and page.offset == params.get("offset", 0)
    assert len(page.items) <= page.limit and page.total >= 0
    ids = [getattr(x, "id", None) or getattr(x, "document_id", None) for x in page.items]
    assert len(ids) == len(set(ids)), f"an item twice on one page: {ids}"
    return list(page.items)


def _check_event(r: httpx.Response, event_id: str) -> str:
    """An event in full, or the documented 404 (E404) for one a rebuild replaced since it was listed."""
    if r.status_code == 404:
        problem = r.json()
        assert problem["code"] == "E404" and problem["status"] == 404, r.text
        return "gone"
    assert r.status_code == 200, r.text
    detail = EventDetailPublic.model_validate(r.json())
    assert detail.id == event_id and detail.documents
    return "found"


def _feature_collection(body: Any) -> None:
    assert body["type"] == "FeatureCollection"
    assert body["numberReturned"] == len(body["features"]) and body["numberMatched"] >= 0
    for f in body["features"]:
        assert f["type"] == "Feature" and f["id"] and "properties" in f and "geometry" in f


EVENT_FILTERS: tuple[dict[str, Any], ...] = (
    {},
    {"place": "Khost"},
    {"start": "2025-09-01", "end": "2025-09-15"},
    {"contested": "true"},
    {"type": "Battles"},
    {"bbox": "60,29,75,38"},
    {"q": "clashes"},
    {"actor": "PAK"},
    {"sort": "fatalities"},
)
CLAIM_FILTERS: tuple[dict[str, Any], ...] = ({}, {"kind": "killed"}, {"status": "extracted"})
SEARCHES = ("Khost", "clashes Kabul", "Peshawar killed", "Dispatch", "airspace")


class Reader:
    """One reader thread's loop: a random mix of the read routes, each answer checked."""

    def __init__(self, base: str, seed: int, reads: Reads, writing: threading.Event) -> None:
        self.http = httpx.Client(base_url=base, timeout=30)
        self.rng = random.Random(seed)
        self.reads = reads
        self.writing = writing
        self.last_documents = 0
        self.last_claims = 0

    def request(self) -> tuple[str, str, dict[str, Any], Callable[[httpx.Response], None]]:
        """A route name, a path, query parameters and the check of its answer."""
        rng, reads = self.rng, self.reads
        route = rng.choice(("events", "event", "claims", "claim", "documents", "search", "ogc", "stats"))
        if route == "event" and reads.events:
            event_id = rng.choice(reads.events)
            return route, f"/api/v1/events/{event_id}", {}, lambda r: self.check_event(r, event_id)
        if route == "claim" and reads.claims:
            claim_id = rng.choice(reads.claims)
            path = f"/api/v1/claims/{quote(claim_id, safe='')}"
            return route, path, {}, lambda r: self.check_claim(r, claim_id)
        paging = {"limit": rng.choice((5, 20, 50)), "offset": rng.choice((0, 0, 5, 40))}
        if route in ("events", "event"):
            params = {**rng.choice(EVENT_FILTERS), **paging}
            return "events", "/api/v1/events", params, lambda r: self.check_events(r, params)
        if route in ("claims", "claim"):
            params = {**rng.choice(CLAIM_FILTERS), **paging, "offset": rng.choice((0, 100, 250))}
            if rng.random() < 0.3:
                params["document"] = f"conc-{rng.randrange(DOCS):04d}"
            return "claims", "/api/v1/claims", params, lambda r: self.check_claims(r, params)
        if route == "documents":
            params = {**paging, "offset": rng.choice((0, 30, 150))}
            if rng.random() < 0.3:
                params["q"] = rng.choice(SEARCHES)
            return (
                route,
                "/api/v1/documents",
                params,
                lambda r: _page(DocumentSummaryPublic, r.json(), params),
            )
        if route == "search":
            params = {"q": rng.choice(SEARCHES), **paging}
            return route, "/api/v1/search", params, lambda r: _page(SearchHitPublic, r.json(), params)
        if route == "ogc":
            params = rng.choice(
                ({"limit": 10}, {"bbox": "60,29,75,38"}, {"datetime": "2025-09-01/2025-09-30"})
            )
            return route, "/ogc/collections/events/items", params, lambda r: _feature_collection(r.json())
        return "stats", "/api/v1/stats", {}, self.check_stats

    def check_events(self, r: httpx.Response, params: dict[str, Any]) -> None:
        items = _page(EventSummaryPublic, r.json(), params)
        with self.reads.lock:
            self.reads.events[:] = list(dict.fromkeys([*(e.id for e in items), *self.reads.events]))[:200]
            self.reads.listed.update(e.id for e in items)

    def check_event(self, r: httpx.Response, event_id: str) -> None:
        if _check_event(r, event_id) == "gone":
            with self.reads.lock:
                self.reads.gone.add(event_id)
                if event_id in self.reads.events:
                    self.reads.events.remove(event_id)

    def check_claims(self, r: httpx.Response, params: dict[str, Any]) -> None:
        items = _page(ClaimPublic, r.json(), params)
        with self.reads.lock:
            self.reads.claims[:] = list(dict.fromkeys([*(c.id for c in items), *self.reads.claims]))[:500]

    def check_claim(self, r: httpx.Response, claim_id: str) -> None:
        assert r.status_code == 200, r.text  # claims are never deleted by an ingest of new documents
        assert ClaimWithHistory.model_validate(r.json()).id == claim_id

    def check_stats(self, r: httpx.Response) -> None:
        counts = r.json()
        assert all(isinstance(v, int) and v >= 0 for v in counts.values())
        documents, claims = counts["documents"], counts["claims"]
        assert documents >= self.last_documents and claims >= self.last_claims, (
            f"counts went back: documents {self.last_documents} -> {documents}, "
            f"claims {self.last_claims} -> {claims}"
        )
        self.last_documents, self.last_claims = documents, claims
        with self.reads.lock:
            self.reads.claims_counted.add(claims)

    def run(self, stop: threading.Event, deadline: float) -> None:
        with self.http:
            for _ in range(MAX_READS):
                if stop.is_set() or time.monotonic() > deadline:
                    return
                route, path, params, check = self.request()
                during = self.writing.is_set()
                try:
                    r = self.http.get(path, params=params)
                except httpx.HTTPError as exc:
                    self.reads.fail(f"{route} {path} {params}: {exc!r}")
                    continue
                during = during and self.writing.is_set()
                try:
                    if route != "event":
                        assert r.status_code == 200, f"{r.status_code} {r.text[:500]}"
                    check(r)
                except Exception as exc:  # a wrong status, shape or body: recorded, the loop goes on
                    self.reads.fail(f"{route} {r.url}: {exc!r}")
                with self.reads.lock:
                    self.reads.made += 1
                    self.reads.overlapped += during
                    self.reads.routes[route] += 1


def _analyst(base: str, stop: threading.Event, deadline: float, reads: Reads, users: dict[str, Any]) -> int:
    """Sign in and out again and again while the runs write (each a write transaction)."""
    name, password = users["analyst"]
    done = 0
    with httpx.Client(base_url=base, timeout=30) as http:
        while done < MAX_SIGN_INS and not stop.is_set() and time.monotonic() < deadline:
            try:
                r = http.post("/api/v1/session", json={"username": name, "password": password})
                assert r.status_code == 200, f"{r.status_code} {r.text[:500]}"
                csrf = r.json()["csrf_token"]
                out = http.delete("/api/v1/session", headers={"x-csrf-token": csrf})
                assert out.status_code == 204, f"{out.status_code} {out.text[:500]}"
            except (httpx.HTTPError, AssertionError, ValueError) as exc:
                reads.fail(f"sign in/out: {exc!r}")
            done += 1
            stop.wait(SIGN_IN_PAUSE)  # a person, not a password-guessing loop: scrypt costs a core
    return done


# --- the test ----------------------------------------------------------------------------------


def test_ingest_while_the_api_serves_reads(
    request: pytest.FixtureRequest,
    sample_copy: str,
    tmp_path: Path,
    corpus: list[Path],
    web_nlp: Language,
    users: dict[str, tuple[str, str]],
) -> None:
    backend = make_url(sample_copy).get_backend_name()
    started = time.monotonic()
    sample_docs, _ = _ids(sample_copy)
    sample_claims = len(dump(sample_copy).claims)
    claim, token = _prepare(sample_copy)
    expected = _alone(copy_sample(request, backend, tmp_path / "alone"), corpus, web_nlp, claim)
    new_ids = {_report(i)["id"] for i in range(DOCS)}
    assert {d for d, _ in expected.documents} == sample_docs | new_ids
    assert expected.duplicate_documents == expected.duplicate_claims == 0 and expected.events >= 5

    settings = _settings(sample_copy)
    reads = Reads()
    writing, stop = threading.Event(), threading.Event()
    log = tmp_path / "ingest.log"
    codes: list[int | None] = []
    timings: dict[str, float] = {"alone": time.monotonic() - started}
    with serve(settings) as base:
        deadline = time.monotonic() + TIMEOUT
        readers = [Reader(base, seed, reads, writing) for seed in range(READERS)]
        threads = [threading.Thread(target=r.run, args=(stop, deadline), daemon=True) for r in readers]
        sign_ins: list[int] = []
        analyst = threading.Thread(
            target=lambda: sign_ins.append(_analyst(base, stop, deadline, reads, users)), daemon=True
        )
        begun = time.monotonic()
        for t in [*threads, analyst]:
            t.start()
        reviewed = None
        try:
            for n, part in enumerate(corpus):
                with log.open("ab") as err:
                    run = subprocess.Popen(
                        [*TOLLS, "ingest", str(part), "--db", sample_copy],
                        env=_env(settings),
                        stdout=subprocess.DEVNULL,
                        stderr=err,
                    )
                writing.set()
                try:
                    if n == 0:  # review a claim while the first run writes, by API token
                        with httpx.Client(base_url=base, timeout=30) as http:
                            while run.poll() is None and http.get("/api/v1/stats").json()["documents"] <= len(
                                sample_docs
                            ):
                                time.sleep(0.05)
                            reviewed = http.post(
                                f"/api/v1/claims/{quote(claim, safe='')}/accept",
                                json={"note": "checked during ingest"},
                                headers={"authorization": f"Bearer {token}"},
                            )
                            assert run.poll() is None, "the first run ended before the review was made"
                    codes.append(run.wait(timeout=max(1.0, deadline - time.monotonic())))
                finally:
                    writing.clear()
                    if run.poll() is None:
                        run.kill()
                        run.wait()
        finally:
            stop.set()
            for t in [*threads, analyst]:
                t.join(timeout=60)
        timings["concurrent"] = time.monotonic() - begun
        with httpx.Client(base_url=base, timeout=30) as http:
            final_stats = http.get("/api/v1/stats").json()
            audited = http.get(f"/api/v1/claims/{quote(claim, safe='')}").json()
            # every event a reader ever listed: in full if still in the ledger, else the E404
            listed = {e: _check_event(http.get(f"/api/v1/events/{e}"), e) for e in sorted(reads.listed)}

    detail = (
        f"{backend}: {reads.made} reads ({reads.overlapped} during the runs, {dict(reads.routes)}), "
        f"{sign_ins} sign-ins, {sum(v == 'gone' for v in listed.values())} listed events replaced "
        f"({len(reads.gone)} answered 404 mid-run), timings {timings}"
    )
    print(detail)
    assert codes == [0, 0], f"{codes}\n{log.read_text(errors='replace')[-3000:]}"
    assert not reads.failures, f"{len(reads.failures)} failed reads, e.g.:\n" + "\n".join(reads.failures[:20])
    assert not any(t.is_alive() for t in [*threads, analyst])

    # the readers overlapped the writes: many reads, and claims counted between start and end
    assert reads.overlapped >= MIN_OVERLAP, detail
    between = {n for n in reads.claims_counted if sample_claims < n < len(expected.claims)}
    assert len(between) >= 3, f"intermediate claim counts seen: {sorted(reads.claims_counted)}"
    assert sign_ins and sign_ins[0] > 0 and set(reads.routes) >= {"events", "claims", "documents", "stats"}

    # the review landed during the run, survived both rebuilds and is in the audit trail
    assert reviewed is not None and reviewed.status_code == 200, reviewed and reviewed.text
    assert reviewed.json()["status"] == "accepted"
    assert audited["status"] == "accepted" and audited["reviewed"] is True
    assert [(v["action"], v["actor"]) for v in audited["history"]] == [("accept", ANALYST)]

    # nothing lost, nothing twice: the ledger of the same runs alone
    got = dump(sample_copy)
    assert got.duplicate_documents == got.duplicate_claims == 0
    assert final_stats["documents"] == len(expected.documents)
    assert final_stats["claims"] == len(expected.claims)
    assert got == expected
    _, final_events = _ids(sample_copy)
    assert reads.gone.isdisjoint(final_events), "an event of the final ledger was answered 404"
    assert {e for e, found in listed.items() if found == "found"} == reads.listed & final_events
    replaced = {e for e, found in listed.items() if found == "gone"}
    assert replaced, "the second run's rebuild was to replace events the readers had listed"
