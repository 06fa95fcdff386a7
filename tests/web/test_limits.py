"""Request limits answered in the API's error shape (issue 18, part 3): an oversized body
(chunked or declared) 413 / E431, oversized headers 431 / E434, JSON nested too deep or holding
a lone surrogate 400 / E430, on a real uvicorn server where the transport matters."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.web.test_api import _error, _login, _october_clash

from tolls.web.limits import json_body_problem

JSON = {"content-type": "application/json"}


def _chunks(total: int, size: int = 64_000) -> Iterator[bytes]:
    yield b'{"username": "'
    sent = 0
    while sent < total:
        yield b"a" * size
        sent += size
    yield b'", "password": "x"}'


def test_issue_18_an_oversized_chunked_body_is_413(live_url: str) -> None:
    """No Content-Length (chunked transfer): the limit applies to the bytes received."""
    with httpx.Client(base_url=live_url, timeout=30) as c:
        r = c.post("/api/v1/session", content=_chunks(3_000_000), headers=JSON)
        _error(r, 413, "E431")
        assert "over the limit of 1000000" in r.json()["detail"]
        # A chunked body under the limit is read as usual.
        pieces = iter([b'{"username": "ana", ', b'"password": "wrong-password"}'])
        _error(c.post("/api/v1/session", content=pieces, headers=JSON), 401, "E421")


def test_issue_18_a_5_mb_request_header_is_431(live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=60) as c:
        r = c.get("/api/v1/events", headers={"x-padding": "a" * 5_000_000})
        _error(r, 431, "E434")
        assert c.get("/api/v1/events", headers={"x-padding": "a" * 8_000}).status_code == 200


@pytest.mark.parametrize("depth", [65, 900, 5_000])
def test_issue_18_deeply_nested_json_is_400_even_for_anonymous_sign_in(live_url: str, depth: int) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as c:
        for body in (
            "[" * depth + "]" * depth,
            '{"username": ' + "[" * depth + "]" * depth + ', "password": "x"}',
            '{"username": "a", "password": "b", "x": ' + '{"a": ' * depth + "1" + "}" * depth + "}",
        ):
            r = c.post("/api/v1/session", content=body, headers=JSON)
            _error(r, 400, "E430")
            assert "nested deeper than 64" in r.json()["detail"]
        # Nesting within the limit reaches the route (and fails there, on its own terms).
        ok = '{"username": "a", "password": "b", "x": ' + "[" * 60 + "]" * 60 + "}"
        _error(c.post("/api/v1/session", content=ok, headers=JSON), 401, "E421")


def test_issue_18_a_lone_surrogate_in_a_correction_is_400(
    client: TestClient, users: dict[str, tuple[str, str]]
) -> None:
    csrf = _login(client, users, "analyst")
    claim = quote(_october_clash(client)["claims"][0]["id"], safe="")
    headers = {**JSON, "X-CSRF-Token": csrf}
    for body in (
        b'{"changes": {"figure_text": "12 \\udfff"}, "note": "x"}',
        b'{"changes": {"figure_text": "12"}, "note": "\\ud800"}',
        b'{"changes": {"\\udfff": "12"}}',
    ):
        r = client.post(f"/api/v1/claims/{claim}/correct", content=body, headers=headers)
        _error(r, 400, "E430")
        assert "lone surrogate" in r.json()["detail"]
    # A surrogate pair is one ordinary character (an emoji): the correction is read as usual.
    paired = b'{"changes": {"figure_text": "12"}, "note": "checked \\ud83d\\ude00"}'
    r = client.post(f"/api/v1/claims/{claim}/correct", content=paired, headers=headers)
    assert r.status_code < 500 and r.status_code != 400, r.text


def test_bodies_that_are_not_json_are_400(client: TestClient) -> None:
    for body in (
        b"{",
        b"\xff\xfe",
        b"[1,]",
        b'{"username": "a", "password": 1e999999}',
        b'{"username": "a", "password": NaN}',
        b'{"username": "a", "password": -Infinity}',
        b'{"username": "a", "password": ' + b"9" * 5000 + b"}",
    ):
        _error(client.post("/api/v1/session", content=body, headers=JSON), 400, "E430")


def test_json_body_problem() -> None:
    assert json_body_problem(b"", 4) is None
    assert json_body_problem(b'{"a": [1, {"b": [2]}]}', 4) is None
    assert json_body_problem(b'{"a": [1, {"b": [[2]]}]}', 4) == "the JSON is nested deeper than 4 levels"
    assert (
        json_body_problem(b"[" * 100_000 + b"]" * 100_000, 64) == "the JSON is nested deeper than 64 levels"
    )
    assert json_body_problem(b'"\\udc00"', 4) is not None
    assert json_body_problem(b'"\\ud83d\\ude00"', 4) is None
    assert json_body_problem(b"nope", 4) is not None
