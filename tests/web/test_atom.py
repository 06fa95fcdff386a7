"""The Atom renderer: untrusted text (markup, control characters, lone surrogates) stays text,
and the feed stays valid Atom 1.0 that feedparser reads."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import feedparser

from tolls.store.changes import ChangeRecord
from tolls.web.atom import atom_feed, tag_uri

HOSTILE = '<script>alert(1)</script> & "quotes" ]]> \x00\x1b\ud800 Kabul'


def _change(i: int, summary: str, **kw: object) -> ChangeRecord:
    values: dict[str, object] = {
        "id": i,
        "at": datetime(2026, 12, 6, 18, i, tzinfo=UTC),
        "kind": "claim",
        "event_id": "e-1/../x?y",
        "claim_id": "d#1",
        "subject": "killed",
        "before": None,
        "after": {"claimant": {"name": HOSTILE}, "figure": "</pre><img src=x onerror=alert(1)>"},
        "actor": "watch:<b>wire</b>",
        "run": None,
        "summary": summary,
    }
    values.update(kw)
    return ChangeRecord(**values)  # type: ignore[arg-type]


def _feed(changes: list[ChangeRecord]) -> bytes:
    return atom_feed(
        changes,
        feed_id=tag_uri("Example.ORG:8000", "changes"),
        title="tolls: changes",
        self_url="http://example.org/api/v1/changes.atom?country=PAK&contested=true",
        site_url="http://example.org/",
        authority="example.org",
    )


def test_hostile_text_stays_text_and_the_feed_parses() -> None:
    body = _feed([_change(2, HOSTILE), _change(1, "plain")])
    ET.fromstring(body)  # well-formed XML
    assert b"<script>" not in body and b"<img" not in body and b"\x00" not in body
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == "tag:example.org,2026:changes"
    first = feed.entries[0]
    assert first.title == '<script>alert(1)</script> & "quotes" ]]>  Kabul'
    assert first.id == "tag:example.org,2026:change/2"
    assert first.link == "http://example.org/#/events/e-1%2F..%2Fx%3Fy"
    assert first.updated == "2026-12-06T18:02:00.000000Z"
    assert first.author == "watch:<b>wire</b>"
    content = first.content[0]
    assert content.type == "text/html"
    assert "&lt;img" in content.value and "<img" not in content.value  # escaped HTML, not markup
    assert feed.feed.updated == "2026-12-06T18:02:00.000000Z"


def test_tag_uris_name_the_host_alone() -> None:
    assert tag_uri("Example.ORG:8000", "x") == "tag:example.org,2026:x"
    assert tag_uri("127.0.0.1", "change/1") == "tag:127.0.0.1,2026:change/1"
    assert tag_uri("::1", "x") == "tag:1,2026:x"
    assert tag_uri("", "x") == "tag:localhost,2026:x"


def test_an_empty_feed_is_valid() -> None:
    feed = feedparser.parse(_feed([]))
    assert not feed.bozo and feed.entries == [] and feed.feed.updated_parsed is not None
