"""Arbitrary JSON bodies against the sign-in and the review (write) routes (issue 18, part 3):
deep nesting, lone surrogates, huge and non-finite numbers, wrong types, raw bytes. Whatever
arrives, the answer is not a 5xx, and a 4xx is in the one error shape.

Bounded: a few dozen examples per route, derandomized, no database of past examples, on a
private copy of the sample ledger on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.test_api import _login, _october_clash

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)  # any code point, lone surrogates included
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
_keys = st.sampled_from(
    [
        "username",
        "password",
        "note",
        "version",
        "changes",
        "other",
        "claims",
        "figure",
        "figure_text",
        "value",
    ]
)
_shaped = st.dictionaries(_keys, _json, max_size=5)  # right names, wrong values
_deep = st.builds(
    lambda depth, opener, tail: (opener * depth + tail + {"[": "]", '{"a":': "}"}[opener] * depth),
    st.integers(min_value=1, max_value=3000),
    st.sampled_from(["[", '{"a":']),
    st.sampled_from(["1", '"x"', "[]", '"\\udfff"']),
)


def _text(value: object) -> bytes:
    # ensure_ascii writes a lone surrogate as its \\uXXXX escape, as a hostile client would;
    # NaN and Infinity come out as Python writes them (not JSON).
    return json.dumps(value, ensure_ascii=True).encode("ascii")


_bodies = (
    _json.map(_text)
    | _shaped.map(_text)
    | _deep.map(str.encode)
    | st.binary(max_size=64)
    | st.sampled_from([b"", b"{", b"[" * 100_000, b'{"username": "\\ud800", "password": "\\udfff"}'])
)


def _check(r) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert r.headers["content-type"] == "application/problem+json", r.headers
        body = r.json()
        assert body["status"] == r.status_code and body["code"].startswith("E"), body


@pytest.fixture
def review(
    client: TestClient, users: dict[str, tuple[str, str]]
) -> Iterator[tuple[TestClient, str, str, str]]:
    csrf = _login(client, users, "analyst")
    event = _october_clash(client)
    yield client, csrf, quote(event["claims"][0]["id"], safe=""), event["id"]


def test_issue_18_any_body_to_sign_in_is_no_server_error(client: TestClient) -> None:
    @BOUNDED
    @given(_bodies)
    def post(body: bytes) -> None:
        _check(client.post("/api/v1/session", content=body, headers={"content-type": "application/json"}))

    post()


def test_issue_18_any_body_to_the_review_routes_is_no_server_error(
    review: tuple[TestClient, str, str, str],
) -> None:
    client, csrf, claim, event = review
    headers = {"content-type": "application/json", "X-CSRF-Token": csrf}
    paths = [
        f"/api/v1/claims/{claim}/correct",
        f"/api/v1/claims/{claim}/accept",
        f"/api/v1/events/{event}/merge",
        f"/api/v1/events/{event}/split",
    ]

    @BOUNDED
    @given(st.sampled_from(paths), _bodies | st.builds(lambda c: _text({"changes": c, "note": "x"}), _json))
    def post(path: str, body: bytes) -> None:
        _check(client.post(path, content=body, headers=headers))

    post()
