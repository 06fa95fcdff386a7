"""The REST API on the sample ledger: shapes, filters, paging, one error shape, auth and CSRF,
review with its audit trail, body limits and the OGC API."""

from __future__ import annotations

import logging
import shutil
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import HOSTILE_ID, HOSTILE_TEXT, HOSTILE_TITLE, web_settings

from tolls.errors import ErrorCode, StoreError
from tolls.store import queries
from tolls.web import create_app
from tolls.web.errors import PROBLEM_TYPES, problem_type

PROBLEM_MEMBERS = {"type", "title", "status", "detail", "code"}


def _error(r, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    """An RFC 9457 problem (application/problem+json) with the tolls E-code as ``code``."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json", r.headers
    body = r.json()
    assert PROBLEM_MEMBERS <= set(body) <= {*PROBLEM_MEMBERS, "instance"}, body
    assert body["code"] == code and body["status"] == status
    assert body["type"] == f"/api/v1/problems/{code}" and body["title"]
    assert body["detail"].startswith(f"[{code}]")
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"


def _login(client: TestClient, users: dict[str, tuple[str, str]], role: str) -> str:
    name, password = users[role]
    r = client.post("/api/v1/session", json={"username": name, "password": password})
    assert r.status_code == 200, r.text
    token: str = r.json()["csrf_token"]
    return token


def _october_clash(client: TestClient) -> dict:  # type: ignore[type-arg]
    r = client.get("/api/v1/events", params={"contested": "true", "start": "2025-10-11", "end": "2025-10-12"})
    assert r.status_code == 200
    clashes = [
        e for e in r.json()["items"] if e["type"].startswith("Battles") and e["date_start"] == "2025-10-11"
    ]
    assert clashes, r.json()
    detail = client.get(f"/api/v1/events/{clashes[0]['id']}").json()
    return detail  # type: ignore[no-any-return]


def test_contested_october_clash_holds_both_sides_figures(client: TestClient) -> None:
    detail = _october_clash(client)
    figures = {
        (c["claimant"]["country"], c["victims"]["country"], c["figure"]["value"]) for c in detail["claims"]
    }
    assert ("PAK", "PAK", 23) in figures and ("AFG", "PAK", 58) in figures
    assert ("PAK", "AFG", 200) in figures and ("AFG", "AFG", 9) in figures
    assert detail["contested"] is True
    assert any(e["contested"] and e["victims"]["country"] == "PAK" for e in detail["estimates"])
    assert len(detail["documents"]) >= 2


def test_list_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/v1/events", params={"limit": 5}).json()
    assert everything["total"] > 5 and len(everything["items"]) == 5 and everything["next"]
    second = client.get(everything["next"]).json()
    assert {e["id"] for e in second["items"]}.isdisjoint({e["id"] for e in everything["items"]})
    contested = client.get("/api/v1/events", params={"contested": "true"}).json()
    assert 0 < contested["total"] < everything["total"]
    assert all(e["contested"] for e in contested["items"])
    battles = client.get("/api/v1/events", params={"type": "Battles", "limit": 500}).json()
    assert battles["total"] and all(e["type"].startswith("Battles/") for e in battles["items"])
    none = client.get("/api/v1/events", params={"start": "1990-01-01", "end": "1990-12-31"}).json()
    assert none["total"] == 0 and none["next"] is None
    hits = client.get("/api/v1/events", params={"q": "Istanbul"}).json()
    assert hits["total"] >= 1


def test_text_search_totals_say_when_counting_stopped(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text searches count to ``TEXT_COUNT_LIMIT``: past it the total is a lower bound, said so,
    and the pages still go on; the document search counts one page ahead the same way."""
    whole = client.get("/api/v1/events", params={"q": "killed", "limit": 500}).json()
    assert whole["total"] == len(whole["items"]) >= 3 and whole["total_exact"] is True
    monkeypatch.setattr(queries, "TEXT_COUNT_LIMIT", 1)
    first = client.get("/api/v1/events", params={"q": "killed", "limit": 1}).json()
    assert (first["total"], first["total_exact"]) == (1, False) and first["next"]
    seen = [e["id"] for e in first["items"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [e["id"] for e in page["items"]]
        url = page["next"]
    assert seen == [e["id"] for e in whole["items"]]
    docs = client.get("/api/v1/search", params={"q": "killed", "limit": 1}).json()
    assert docs["total_exact"] is False and docs["next"]
    every = client.get("/api/v1/search", params={"q": "killed", "limit": 500}).json()
    assert every["total_exact"] is True and every["total"] == len(every["items"])
    plain = client.get("/api/v1/events", params={"contested": "true", "limit": 1}).json()
    assert plain["total"] > 1 and plain["total_exact"] is True  # other filters count whole


def test_one_error_shape(client: TestClient) -> None:
    _error(client.get("/api/v1/nowhere"), 404, "E404")
    _error(client.get("/api/v1/events/no-such-event"), 404, "E404")
    _error(client.get("/api/v1/events", params={"bbox": "1,2"}), 400, "E430")
    _error(client.get("/api/v1/events", params={"limit": 0}), 400, "E430")
    _error(client.get("/api/v1/events", params={"contested": "maybe"}), 400, "E430")
    _error(client.post("/api/v1/session", json={"username": "ana", "password": "wrong-pass"}), 401, "E421")
    not_json = client.post("/api/v1/session", content=b"{", headers={"content-type": "application/json"})
    _error(not_json, 400, "E430")
    _error(client.post("/api/v1/session", json={"username": "ana"}), 422, "E430")  # JSON, wrong shape
    r = client.get("/api/v1/events/no-such-event")
    assert r.json()["instance"] == "/api/v1/events/no-such-event" and r.json()["title"] == "Not found"


def test_problem_types_resolve(client: TestClient) -> None:
    problem = client.get("/api/v1/nowhere").json()
    kind = client.get(problem["type"])
    assert kind.status_code == 200, kind.text
    assert kind.json()["code"] == "E404" and kind.json()["title"] == problem["title"]
    assert kind.json()["template"].startswith("[E404]")
    _error(client.get("/api/v1/problems/E999"), 404, "E404")
    _error(client.get("/api/v1/problems/404"), 400, "E430")
    for code, (title, status) in PROBLEM_TYPES.items():
        if code in ErrorCode.__members__:
            kind = client.get(problem_type(code)).json()
            assert (kind["title"], kind["status"]) == (title, status), code


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/api/v1/events", "GET, HEAD"),
        ("PUT", "/api/v1/session", "GET, HEAD, POST, DELETE"),
        ("GET", "/api/v1/events/e-1/accept", "POST"),
        ("POST", "/ogc/collections/events/items", "GET, HEAD"),
        ("DELETE", "/static/app.js", "GET, HEAD"),
    ],
)
def test_405_says_what_is_allowed(client: TestClient, method: str, path: str, allowed: str) -> None:
    r = client.request(method, path)
    _error(r, 405, "E432")
    assert r.headers["allow"] == allowed


def test_a_server_error_is_a_coded_problem_without_internals(
    sample_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A route that fails unexpectedly (here: its database file vanished from under it, with a
    password-like secret in the URL's query) answers E433 with an incident id, and nothing of the
    error; the log has the error under that id."""
    target = tmp_path / "ledger.sqlite"
    shutil.copyfile(sample_db, target)
    app = create_app(web_settings(f"sqlite:///{target}"))
    with TestClient(app, raise_server_exceptions=False) as c:
        with app.state.ledger.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE events RENAME TO gone")
        with caplog.at_level(logging.ERROR, logger="tolls.web"):
            r = c.get("/api/v1/events")
    app.state.ledger.engine.dispose()
    _error(r, 500, "E433")
    incident = r.json()["instance"].removeprefix("urn:uuid:")
    assert str(uuid.UUID(incident)) == incident
    assert incident in r.json()["detail"]
    for leak in ("Traceback", "events", "sqlite", "OperationalError", str(tmp_path)):
        assert leak not in r.text, r.text
    logged = [rec for rec in caplog.records if incident in rec.getMessage()]
    assert logged and logged[0].exc_info is not None


def test_a_domain_error_answered_500_keeps_its_message_to_the_log(tmp_path: Path) -> None:
    """A core error that maps to 500 (here E408, whose message quotes the database URL) is
    answered as E433: its message, and the password in it, stay in the server's log."""
    app = create_app(web_settings(f"sqlite:///{tmp_path / 'ledger.sqlite'}"))

    @app.get("/boom")
    def boom() -> None:
        raise StoreError(ErrorCode.E408, url="postgresql://tolls:hunter2@db/tolls", reason="too old")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    app.state.ledger.engine.dispose()
    _error(r, 500, "E433")
    assert "hunter2" not in r.text and "E408" not in r.text


def test_writes_need_a_role_and_the_csrf_token(client: TestClient, users: dict[str, tuple[str, str]]) -> None:
    detail = _october_clash(client)
    claim = next(c for c in detail["claims"] if c["figure"]["value"] == 58)
    url = f"/api/v1/claims/{quote(claim['id'], safe='')}/correct"
    body = {"changes": {"figure": {"text": "60", "value": 60, "low": 60, "high": 60}}, "note": "typo"}
    _error(client.post(url, json=body), 401, "E420")
    _login(client, users, "viewer")
    _error(client.post(url, json=body), 403, "E422")
    csrf = _login(client, users, "analyst")
    _error(client.post(url, json=body), 403, "E423")
    _error(client.post(url, json=body, headers={"X-CSRF-Token": "forged"}), 403, "E423")
    r = client.post(url, json=body, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text
    assert r.json()["figure"]["value"] == 60 and r.json()["status"] == "corrected"
    history = client.get(f"/api/v1/claims/{quote(claim['id'], safe='')}").json()["history"]
    assert history[-1]["actor"] == users["analyst"][0]
    assert history[-1]["before"]["figure_value"] == 58 and history[-1]["after"]["figure_value"] == 60
    again = client.get(f"/api/v1/events/{detail['id']}").json()
    pak = [e for e in again["estimates"] if e["victims"]["country"] == "PAK" and e["kind"] == "killed"]
    assert any(e["high"] == 60 for e in pak), pak
    _error(client.post(url, json={**body, "version": 1}, headers={"X-CSRF-Token": csrf}), 409, "E405")


def test_api_token_writes_without_csrf(client: TestClient, users: dict[str, tuple[str, str]]) -> None:
    csrf = _login(client, users, "admin")
    r = client.post(
        "/api/v1/tokens",
        json={"username": users["analyst"][0], "name": "script"},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    client.cookies.clear()
    event = _october_clash(client)
    r = client.post(
        f"/api/v1/events/{event['id']}/accept",
        json={"note": "checked"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted"
    trail = client.get(f"/api/v1/events/{event['id']}/history").json()
    assert trail[-1]["action"] == "accept" and trail[-1]["actor"] == users["analyst"][0]
    _error(
        client.post(f"/api/v1/events/{event['id']}/reject", json={}, headers={"Authorization": "Bearer x"}),
        401,
        "E420",
    )


def test_article_text_is_returned_as_data(client: TestClient) -> None:
    doc = client.get(f"/api/v1/documents/{HOSTILE_ID}")
    assert doc.status_code == 200
    assert doc.json()["text"] == HOSTILE_TEXT and doc.json()["title"] == HOSTILE_TITLE
    assert doc.headers["content-type"].startswith("application/json")
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_request_bodies_are_bounded(client: TestClient) -> None:
    big = b'{"username": "' + b"a" * 2_000_000 + b'", "password": "x"}'
    _error(
        client.post("/api/v1/session", content=big, headers={"content-type": "application/json"}), 413, "E431"
    )


def test_values_postgresql_cannot_hold_are_refused(
    client: TestClient, users: dict[str, tuple[str, str]]
) -> None:
    """NUL in a URL (400) or a JSON string (422), and integers past 32 bits (422), are E430 on
    both backends (PostgreSQL cannot store or compare them; without the checks these were 500s)."""
    for url in ("/api/v1/events?q=a%00b", "/api/v1/events/a%00b", "/ogc/collections/events/items/a%00"):
        _error(client.get(url), 400, "E430")
    _error(client.post("/api/v1/session", json={"username": "a\x00", "password": "b"}), 422, "E430")
    csrf = _login(client, users, "analyst")
    event = _october_clash(client)
    claim = quote(event["claims"][0]["id"], safe="")
    for changes in (
        {"figure_value": 2**40},
        {"figure": {"value": 2**33, "text": "x"}},
        {"figure_text": "a\x00"},
    ):
        r = client.post(
            f"/api/v1/claims/{claim}/correct", json={"changes": changes}, headers={"X-CSRF-Token": csrf}
        )
        _error(r, 422, "E430")
    r = client.post(
        f"/api/v1/events/{event['id']}/accept", json={"version": 2**70}, headers={"X-CSRF-Token": csrf}
    )
    assert 400 <= r.status_code < 500, r.text


def test_ogc_features(client: TestClient) -> None:
    assert any(link["rel"] == "data" for link in client.get("/ogc").json()["links"])
    assert client.get("/ogc/collections").json()["collections"][0]["id"] == "events"
    r = client.get("/ogc/collections/events/items", params={"bbox": "60,29,75,38", "limit": 2})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection" and body["numberReturned"] == len(body["features"]) <= 2
    for f in body["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 60 <= lon <= 75 and 29 <= lat <= 38
    _error(client.get("/ogc/collections/events/items", params={"datetime": "yesterday"}), 400, "E430")


def test_country_filter(client: TestClient) -> None:
    """``country`` (ISO3, either case) on the REST list and the OGC items, on both backends."""
    afg = client.get("/api/v1/events", params={"country": "afg", "limit": 500}).json()
    everything = client.get("/api/v1/events", params={"limit": 1}).json()
    assert 0 < afg["total"] < everything["total"]
    assert all(e["location"]["country"] == "AFG" for e in afg["items"]), afg["items"]
    items = client.get("/ogc/collections/events/items", params={"country": "AFG", "limit": 1000}).json()
    assert items["numberMatched"] == afg["total"]
    assert {f["properties"]["country"] for f in items["features"]} == {"AFG"}
    _error(client.get("/api/v1/events", params={"country": "Afghanistan"}), 400, "E430")


def test_private_mode_needs_a_signed_in_reader(sample_copy: str, users: dict[str, tuple[str, str]]) -> None:
    settings = web_settings(sample_copy)
    private = settings.model_copy(update={"web": settings.web.model_copy(update={"public": False})})
    app = create_app(private)
    try:
        with TestClient(app) as c:
            assert c.get("/api/v1/session").json()["public"] is False
            for path in ("/api/v1/events", "/api/v1/documents", "/api/v1/search?q=Kabul", "/ogc/collections"):
                _error(c.get(path), 401, "E420")
            assert c.get("/").status_code == 200  # the page itself loads, and asks to sign in
            _login(c, users, "viewer")
            assert c.get("/api/v1/events").json()["total"] > 0
    finally:
        app.state.ledger.engine.dispose()
