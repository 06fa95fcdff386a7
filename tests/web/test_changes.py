"""The change log over HTTP: two real ingests (the second adds the other side's higher figure)
seen in ``/api/v1/changes`` and in the Atom feed as feedparser reads it, a review action, the
auth rule of reads, and refusals; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import feedparser
import httpx
import pytest
from fastapi.testclient import TestClient
from spacy.language import Language
from tests.web.conftest import TEST_COST, web_settings

from tolls.store import add_user, create_token, session_scope
from tolls.web import create_app
from tolls.workflow import ingest, open_ledger

pytestmark = pytest.mark.slow  # real spaCy extraction

FIRST = {
    "id": "w1",
    "title": "Clash at border post near Kurram",
    "text": "The Pakistani military said 23 soldiers were killed on Saturday when fighters attacked a "
    "border post near Kurram, Pakistan.",
    "published": "2025-10-12",
}
SECOND = {
    "id": "w2",
    "title": "Taliban claim heavy losses at Kurram border post",
    "text": "Taliban spokesman Zabihullah Mujahid said 58 Pakistani soldiers were killed on Saturday in the "
    "attack on the border post near Kurram, Pakistan.",
    "published": "2025-10-12",
}


class Ledger:
    def __init__(self, url: str, folder: Path, nlp: Language) -> None:
        settings = web_settings(url)  # reads need a viewer: the feed reader sends a token
        self.settings = settings.model_copy(update={"web": settings.web.model_copy(update={"public": False})})
        self.engine = open_ledger(self.settings.db)
        self.folder = folder
        self.nlp = nlp
        with session_scope(self.engine, write=True) as session:
            add_user(session, "vera", "viewer-password", role="viewer", cost=TEST_COST)
            add_user(session, "ana", "analyst-password", role="analyst", cost=TEST_COST)
            self.viewer = {"Authorization": f"Bearer {create_token(session, 'vera')}"}
            self.analyst = {"Authorization": f"Bearer {create_token(session, 'ana')}"}
        self.client = TestClient(create_app(self.settings, engine=self.engine))

    def ingest(self, doc: dict[str, str], actor: str = "ingest", run: str | None = None) -> None:
        path = self.folder / f"{doc['id']}.jsonl"
        path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
        ingest([str(path)], settings=self.settings, engine=self.engine, nlp=self.nlp, actor=actor, run=run)

    def get(self, url: str) -> httpx.Response:
        return self.client.get(url, headers=self.viewer)


@pytest.fixture
def ledger(empty_db_url: str, tmp_path: Path, web_nlp: Language) -> Iterator[Ledger]:
    led = Ledger(empty_db_url, tmp_path, web_nlp)
    try:
        yield led
    finally:
        led.client.close()
        led.engine.dispose()


def test_a_second_ingest_with_the_other_sides_figure_shows_in_the_api_and_the_feed(ledger: Ledger) -> None:
    c = ledger.client
    empty = c.get("/api/v1/changes/latest", headers=ledger.viewer).json()
    assert empty == {"id": None, "at": None}
    ledger.ingest(FIRST)
    first = c.get("/api/v1/changes", headers=ledger.viewer).json()
    assert [i["kind"] for i in first["items"]] == ["event"] and first["next"] is None
    event = first["items"][0]
    assert event["actor"] == "ingest" and event["summary"].startswith("New event: ")
    assert event["after"]["claims"][0]["figure"] == "23"
    cursor = event["id"]

    ledger.ingest(SECOND, actor="watch:wire", run="poll-2")
    page = c.get(f"/api/v1/changes?after={cursor}", headers=ledger.viewer).json()
    items = page["items"]
    assert [i["kind"] for i in items] == ["claim", "estimate", "contested", "grade"]
    assert {(i["actor"], i["run"], i["event_id"]) for i in items} == {
        ("watch:wire", "poll-2", event["event_id"])
    }
    claim, estimate, contested, grade = items
    assert claim["after"]["claimant"]["name"] == "Zabihullah Mujahid" and claim["after"]["value"] == [58, 58]
    assert claim["after"]["document_id"] == "w2"
    assert estimate["before"]["high"] == 23 and estimate["after"]["high"] == 58
    assert (contested["before"], contested["after"]) == (False, True)
    assert grade["after"]["grade"] == "contested"
    assert "now contested" in claim["summary"]
    latest = c.get("/api/v1/changes/latest", headers=ledger.viewer).json()
    assert latest == {"id": items[-1]["id"], "at": items[-1]["at"]}  # the cursor to poll from
    assert set(items[0]) == {
        "id", "at", "kind", "event_id", "claim_id", "subject", "before", "after", "actor", "run", "summary"
    }  # fmt: skip

    # the saved filter: contested events in Pakistan, as a feed reader reads it
    r = c.get("/api/v1/changes.atom?country=PAK&contested=true", headers=ledger.viewer)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert titles[0] == grade["summary"] and claim["summary"] in titles and len(titles) == 5
    entry = feed.entries[titles.index(claim["summary"])]
    assert entry.id == f"tag:testserver,2026:change/{claim['id']}"
    assert entry.link == f"http://testserver/#/events/{quote(event['event_id'])}"
    assert entry.author == "watch:wire" and entry.tags[0].term == "claim"
    assert "Zabihullah Mujahid" in entry.content[0].value
    assert feed.feed.id.startswith("tag:testserver,2026:changes?") and feed.feed.updated_parsed is not None
    assert any(link.rel == "self" for link in feed.feed.links)
    # a filter the event does not match gives an empty, valid feed
    empty = feedparser.parse(c.get("/api/v1/changes.atom?country=AFG", headers=ledger.viewer).content)
    assert not empty.bozo and empty.entries == []
    assert (
        c.get(f"/api/v1/changes?contested=false&after={cursor}", headers=ledger.viewer).json()["items"] == []
    )


def test_a_review_action_is_a_change_of_its_event(ledger: Ledger) -> None:
    c = ledger.client
    ledger.ingest(FIRST)
    ledger.ingest(SECOND)
    before = c.get("/api/v1/changes", headers=ledger.viewer).json()["items"]
    event_id, cursor = before[0]["event_id"], before[-1]["id"]
    r = c.post(
        f"/api/v1/events/{event_id}/grade",
        json={"grade": "fair", "note": "wires agree"},
        headers=ledger.analyst,
    )
    assert r.status_code == 200, r.text
    mine = c.get(
        f"/api/v1/events/{event_id}/changes?kind=review&kind=grade&after={cursor}", headers=ledger.viewer
    ).json()
    assert [(i["kind"], i["actor"]) for i in mine["items"]] == [("review", "ana"), ("grade", "ana")]
    review = mine["items"][0]
    assert review["subject"] == "grade" and review["after"]["grade"] == "fair"
    assert review["before"]["grade"] == "contested"
    assert mine["items"][1]["after"] == {"grade": "fair", "reasons": ["set by ana: wires agree"]}
    feed = feedparser.parse(c.get(f"/api/v1/events/{event_id}/changes.atom", headers=ledger.viewer).content)
    assert not feed.bozo and feed.entries[0].title == mine["items"][1]["summary"]
    assert len(feed.entries) == 7  # event, claim, estimate, contested, grade; review, grade
    paged = c.get(f"/api/v1/events/{event_id}/changes?limit=3", headers=ledger.viewer).json()
    assert len(paged["items"]) == 3 and paged["next"] == paged["items"][-1]["id"]


def test_reads_follow_the_event_lists_rule_and_bad_parameters_are_refused(ledger: Ledger) -> None:
    c = ledger.client
    ledger.ingest(FIRST)
    assert c.get("/api/v1/changes").status_code == 401
    assert c.get("/api/v1/changes.atom").status_code == 401
    assert c.get("/api/v1/changes.atom", headers={"Authorization": "Bearer nope"}).status_code == 401
    for url in (
        "/api/v1/changes?foo=1",
        "/api/v1/changes?since=yesterday",
        "/api/v1/changes?until=2026-13-01",
        "/api/v1/changes?kind=rumour",
        "/api/v1/changes?limit=1001",
        "/api/v1/changes?after=-1",
        "/api/v1/changes?country=Pakistan",
        "/api/v1/changes.atom?grade=excellent",
    ):
        r = ledger.get(url)
        assert r.status_code == 400, url
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "E430"
    missing = ledger.get("/api/v1/events/e-nothing/changes")
    assert missing.status_code == 404 and missing.json()["code"] == "E404"
    assert ledger.get("/api/v1/events/e-nothing/changes.atom").status_code == 404
    later = ledger.get("/api/v1/changes?since=2999-01-01T00:00:00Z").json()
    assert later == {"items": [], "next": None}
    paths = ledger.get("/openapi.json").json()["paths"]
    assert {"/api/v1/changes", "/api/v1/changes.atom", "/api/v1/events/{event_id}/changes"} <= set(paths)
