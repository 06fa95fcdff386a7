"""HEAD on every GET resource: the GET's status and headers, no body (tolls.web.head)."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    "path",
    ["/api/v1/events?limit=2", "/api/v1/changes.atom", "/", "/api/v1/openapi.json", "/static/app.js"],
)
def test_head_answers_as_get_without_a_body(live_url: str, path: str) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as c:
        got = c.get(path)
        head = c.head(path)
    assert got.status_code == 200
    assert head.status_code == 200, head.text
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert int(head.headers["content-length"]) == len(got.content)
    assert "content-security-policy" in head.headers  # the same middleware stack answers


def test_head_of_a_missing_event_is_the_gets_404_without_its_body(live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as c:
        head = c.head("/api/v1/events/no-such-event")
    assert head.status_code == 404 and head.content == b""


def test_head_on_a_route_without_get_is_still_405(live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as c:
        assert c.head("/api/v1/events/x/accept").status_code == 405


def test_a_405_lists_head_beside_get(live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as c:
        r = c.delete("/api/v1/events")
    assert r.status_code == 405
    assert [m.strip() for m in r.headers["allow"].split(",")] == ["GET", "HEAD"]
