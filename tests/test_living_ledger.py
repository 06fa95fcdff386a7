"""Issue 21's acceptance, end to end: a loopback server of our own writing serves feeds whose
content changes between polls; ``tolls watch --once`` (a real process) runs twice; the second
run's news (the other side's higher figure for the same strike) reaches the change log, its
JSON API and its Atom feed (read by ``feedparser``), and a webhook receiver on loopback gets a
signed delivery of it from the watch itself. Places are resolved with the real gazetteer, so
the two reports make one event whose estimate moves and becomes contested."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from tests.notify.receiver import Receiver, receiving

from feed_server import TALIBAN_58, WIRE_12, Entry, Loopback, Resource, rss, serve
from tolls.geo import build_gazetteer
from tolls.settings import DbSettings, GeoSettings, IngestSettings, Settings
from tolls.web.app import create_app

pytestmark = pytest.mark.slow

HARNESS = [sys.executable, str(Path(__file__).resolve().parent / "workflow_harness.py")]
SECRET = "a-secret-of-our-own-0123456789"

DESK = Entry(
    "http://desk.example.invalid/checkpoint",
    "Checkpoint attack",
    "Officials said 4 soldiers were killed in an attack on a checkpoint in Kurram on 2 March 2025.",
)


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gazetteer ``make setup`` builds, else one built here (the same data and code)."""
    built = GeoSettings().gazetteer
    if built.is_file():
        return built
    path = tmp_path_factory.mktemp("geo") / "gazetteer.sqlite"
    build_gazetteer(path)
    return path


@pytest.fixture
def feeds() -> Iterator[Loopback]:
    with serve() as s:
        s.resources["/wire.xml"] = Resource(rss("wire", [WIRE_12]), etag=True)
        s.resources["/desk.xml"] = Resource(rss("desk", [DESK]), last_modified=True)
        yield s


@pytest.fixture
def hook() -> Iterator[Receiver]:
    with receiving(SECRET) as r:
        yield r


def _watch(env: dict[str, str], sources: Path, db: str) -> dict[str, object]:
    run = subprocess.run(
        [*HARNESS, "watch", str(sources), "--once", "--db", db, "--json"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    out: dict[str, object] = json.loads(run.stdout)
    return out


def _deliver(env: dict[str, str], db: str) -> None:
    run = subprocess.run(
        [*HARNESS, "webhooks", "deliver", "--db", db],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr + run.stdout
    assert SECRET not in run.stdout + run.stderr


def test_two_watch_runs_the_second_runs_news_in_changes_atom_and_a_signed_webhook(
    feeds: Loopback, hook: Receiver, gazetteer: Path, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "[politeness]\nmin_delay = 0.05\n"
        + "".join(
            f'\n[[source]]\nname = "{n}"\nurl = "{feeds.url(f"/{n}.xml")}"\noutlet = "{n}"\n'
            for n in ("wire", "desk")
        )
    )
    env = {
        "TOLLS_GEO__RESOLVE": "true",
        "TOLLS_GEO__GAZETTEER": str(gazetteer),
        "TOLLS_INGEST__ALLOW_PRIVATE_ADDRESSES": "true",
        "TOLLS_WEBHOOKS__ALLOW_PRIVATE_ADDRESSES": "true",
        "TOLLS_WEBHOOKS__HOOKS": json.dumps([{"name": "desk", "url": hook.url, "secret": SECRET}]),
        "COLUMNS": "300",
    }
    first = _watch(env, sources, db)
    assert first["documents_added"] == 2
    assert first["webhook_deliveries_delivered"] >= 1  # the watch sends its cycle's changes itself
    assert hook.received and all(r.signed for r in hook.received)
    first_ids = {i for r in hook.received for i in r.change_ids}
    cursor = max(first_ids)

    before = len(hook.received)
    feeds.resources["/wire.xml"].set(rss("wire", [TALIBAN_58, WIRE_12]))  # the other side's figure
    second = _watch(env, sources, db)
    assert second["documents_added"] == 1
    polls = {p["source"]: (p["status"], p["http"]) for p in second["polls"]}  # type: ignore[index, union-attr]
    assert polls == {"wire": ("ok", 200), "desk": ("not_modified", 304)}

    settings = Settings(
        db=DbSettings(url=db),
        geo=GeoSettings(gazetteer=gazetteer),
        ingest=IngestSettings(allow_private_addresses=True),
    )
    with TestClient(create_app(settings)) as client:
        answer = client.get("/api/v1/changes", params={"after": cursor})
        assert answer.status_code == 200, answer.text
        news = answer.json()["items"]
        by_kind: dict[str, list[dict[str, object]]] = {}
        for change in news:
            by_kind.setdefault(str(change["kind"]), []).append(change)
        # the Taliban's 58 joined the strike's event, whose estimate moved and became contested
        (claim,) = [c for c in by_kind.get("claim", []) if "58" in json.dumps(c["after"])]
        event_id = claim["event_id"]
        assert any(c["event_id"] == event_id for c in by_kind.get("estimate", []))
        (flip,) = [c for c in by_kind.get("contested", []) if c["event_id"] == event_id]
        assert (flip["before"], flip["after"]) == (False, True)
        assert all(str(c["actor"]).startswith("watch") for c in news)

        atom = client.get("/api/v1/changes.atom", params={"contested": "true"})
        assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(atom.content)
        assert not feed.bozo, feed.bozo_exception
        assert any("58" in entry.title for entry in feed.entries)
        one = feedparser.parse(client.get(f"/api/v1/events/{event_id}/changes.atom").content)
        assert not one.bozo and {e.id for e in one.entries} >= {
            e.id for e in feed.entries if event_id in e.get("link", "")
        }

    delivered = hook.received[before:]
    assert delivered and all(r.signed for r in delivered)
    sent = {i for r in delivered for i in r.change_ids}
    assert {int(c["id"]) for c in news} <= sent  # type: ignore[call-overload]
    assert not sent & first_ids  # nothing sent twice
    _deliver(env, db)  # a later round has nothing left to send
    assert len(hook.received) == before + len(delivered)
