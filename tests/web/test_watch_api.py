"""``GET /api/v1/watch/sources`` (issue 21): every watched source's health and last run, read
like the event list (anonymous when the app is public, signed in otherwise), in the OpenAPI
document; and the watcher ``tolls serve`` runs for the life of the app when ``watch.sources``
names a sources file."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from feed_server import Entry, Loopback, Resource, rss, serve
from tolls.errors import ConfigError
from tolls.settings import (
    AuthSettings,
    DbSettings,
    GeoSettings,
    IngestSettings,
    Settings,
    WatchSettings,
    WebSettings,
)
from tolls.watch import Watcher, parse_sources
from tolls.web import create_app
from tolls.workflow import open_ledger

REPORT = Entry(
    "http://wire.example.invalid/checkpoint",
    "Checkpoint attack",
    "Officials said 3 soldiers were killed in an attack on a checkpoint in Kurram on 2 March 2025.",
)


def _settings(url: str, **changes: object) -> Settings:
    base = Settings(
        geo=GeoSettings(resolve=False),
        db=DbSettings(url=url),
        ingest=IngestSettings(allow_private_addresses=True),
        auth=AuthSettings(scrypt_n=2**10),
    )
    return base.model_copy(update=changes)


def _toml(srv: Loopback) -> str:
    return (
        "[politeness]\nmin_delay = 0\n"
        f'[[source]]\nname = "wire"\nurl = "{srv.url("/wire.xml")}"\noutlet = "Example Wire"\ninterval = 60\n'
        f'[[source]]\nname = "ministry"\nurl = "{srv.url("/busy")}"\nkind = "page"\ninterval = 30\n'
    )


@pytest.fixture
def srv() -> Iterator[Loopback]:
    with serve() as s:
        s.resources["/wire.xml"] = Resource(rss("wire", [REPORT]), etag=True)
        s.resources["/busy"] = Resource(b"", content_type="text/html", fail=503, retry_after="90")
        yield s


def test_the_status_of_every_source_and_its_last_run(db_url: str, srv: Loopback) -> None:
    settings = _settings(db_url)
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/v1/watch/sources").json() == []
        engine = open_ledger(settings.db)
        try:
            Watcher(engine, parse_sources(_toml(srv)), settings).cycle(once=True)
        finally:
            engine.dispose()
        got = client.get("/api/v1/watch/sources")
    assert got.status_code == 200
    ministry, wire = got.json()
    assert {k: wire[k] for k in ("name", "outlet", "url", "kind", "interval_seconds")} == {
        "name": "wire",
        "outlet": "Example Wire",
        "url": srv.url("/wire.xml"),
        "kind": "feed",
        "interval_seconds": 60.0,
    }
    assert (wire["last_status"], wire["last_code"], wire["failures"], wire["last_error"]) == (
        "ok",
        200,
        0,
        "",
    )
    run = wire["last_run"]
    assert (run["status"], run["http_status"], run["items_seen"], run["items_new"], run["items_failed"]) == (
        "ok",
        200,
        1,
        1,
        0,
    )
    assert datetime.fromisoformat(run["finished_at"]) >= datetime.fromisoformat(run["started_at"])
    polled, due = datetime.fromisoformat(wire["last_polled_at"]), datetime.fromisoformat(wire["next_poll_at"])
    assert 59 <= (due - polled).total_seconds() <= 61
    assert (ministry["kind"], ministry["last_status"], ministry["last_code"], ministry["failures"]) == (
        "page",
        "failed",
        503,
        1,
    )
    assert ministry["last_error"].startswith("[E316]") and ministry["last_run"]["status"] == "failed"
    m_polled, m_due = (
        datetime.fromisoformat(ministry["last_polled_at"]),
        datetime.fromisoformat(ministry["next_poll_at"]),
    )
    assert 89 <= (m_due - m_polled).total_seconds() <= 91  # Retry-After, not the interval


def test_reading_it_needs_what_the_event_list_needs(db_url: str) -> None:
    closed = _settings(db_url, web=WebSettings(public=False))
    with TestClient(create_app(closed)) as client:
        for path in ("/api/v1/watch/sources", "/api/v1/events"):
            answer = client.get(path)
            assert answer.status_code == 401 and answer.json()["code"] == "E420", path
        doc = client.get("/openapi.json").json()
    op = doc["paths"]["/api/v1/watch/sources"]["get"]
    assert op["responses"]["200"]["content"]["application/json"]["schema"]["items"] == {
        "$ref": "#/components/schemas/WatchSourcePublic"
    }
    assert "WatchRunPublic" in doc["components"]["schemas"]


def test_a_bad_sources_file_stops_the_app_with_its_coded_error(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nname = "x"\nurl = "gopher://old.example/"\n')
    with pytest.raises(ConfigError, match=r"^\[E351\] .*source 1 \(line 1\): 'url' is not an http\(s\) URL"):
        create_app(_settings(db_url, watch=WatchSettings(sources=bad)))


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_app_watches_its_sources_file_while_it_runs(db_url: str, srv: Loopback, tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(_toml(srv))
    app = create_app(_settings(db_url, watch=WatchSettings(sources=path)))
    with TestClient(app) as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            wire = next((s for s in client.get("/api/v1/watch/sources").json() if s["name"] == "wire"), None)
            events = client.get("/api/v1/events").json()["items"]
            if wire and wire["last_status"] == "ok" and events:
                break
            time.sleep(0.5)
        assert wire is not None and wire["last_run"]["items_new"] == 1
        assert any(e["claims"] >= 1 for e in events), events  # stored, extracted, reconciled
    # the app stopped: so did its watcher, and it polled each source once (not due again)
    threads = [t for t in threading.enumerate() if t.name == "tolls-watch"]
    assert threads == [] and len(srv.requests("/wire.xml")) == 1
