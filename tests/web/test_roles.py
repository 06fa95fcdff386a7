"""Every write route, found in the app's own OpenAPI document so that a new route cannot slip
through: refused to anonymous callers (401), to viewers (403) and, for admin routes, to analysts."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.test_api import _error, _login

ADMIN_ONLY = ("/api/v1/users", "/api/v1/tokens")
OPEN = {("POST", "/api/v1/session"), ("DELETE", "/api/v1/session")}  # signing in and out


def write_routes(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/api/v1/openapi.json").json()
    routes = []
    for path, ops in spec["paths"].items():
        for method in ops:
            if method.upper() in {"POST", "PUT", "PATCH", "DELETE"} and (method.upper(), path) not in OPEN:
                routes.append((method.upper(), re.sub(r"\{[^}]+\}", "x", path)))
    return routes


def test_every_write_route_needs_the_right_role(
    client: TestClient, users: dict[str, tuple[str, str]]
) -> None:
    routes = write_routes(client)
    assert len(routes) >= 9 and any(p.startswith("/api/v1/claims/") for _, p in routes)
    for method, path in routes:
        _error(client.request(method, path, json={}), 401, "E420")
    csrf = _login(client, users, "viewer")
    for method, path in routes:
        _error(client.request(method, path, json={}, headers={"X-CSRF-Token": csrf}), 403, "E422")
    csrf = _login(client, users, "analyst")
    for method, path in routes:
        if path in ADMIN_ONLY:
            _error(client.request(method, path, json={}, headers={"X-CSRF-Token": csrf}), 403, "E422")
        else:  # past the role check: the made-up id or the empty body is what is wrong now
            r = client.request(method, path, json={}, headers={"X-CSRF-Token": csrf})
            assert r.status_code in (404, 422), (method, path, r.text)
