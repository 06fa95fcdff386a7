"""Property-based tests of the REST and OGC API from its own OpenAPI document (schemathesis):
whatever a client sends, the server answers with a documented shape and never a 5xx.

- Every GET operation, as an anonymous reader and as an analyst (API token), on a shared copy
  of the sample ledger: no server error, every response (errors included, as
  ``application/problem+json``) conforms to its documented status, type and schema, values
  the schema allows (a ``bbox``, a ``datetime`` ...) are accepted and values it does not are
  refused with a 4xx, and a method the document does not list gets 405 with ``Allow``.
- Every write operation as an analyst on a private copy: garbage is refused with a 4xx
  problem. Half the cases aim at real events and claims (their ids swapped into the
  path and body) so the review code itself, not only the 404 path, meets the garbage.

Bounded and deterministic: a few dozen examples per operation, derandomized, no database of
past examples. Reads run on SQLite; writes run on both SQLite and the real PostgreSQL server,
which is stricter about what it stores (NUL characters, 32-bit integers).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from sqlalchemy import select
from tests.web.conftest import USERS, web_settings

from tolls.store import session_scope
from tolls.store.models import ClaimRow, EventRow
from tolls.store.users import create_token
from tolls.web import create_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
READ_CHECKS = [*CHECKS, positive_data_acceptance, negative_data_rejection, unsupported_method]
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    # the app and its database are built once per test, not per example, on purpose
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Api:
    """An app on a copy of the sample ledger, an analyst's API token and some real ids."""

    def __init__(self, url: str) -> None:
        self.app = create_app(web_settings(url))
        engine = self.app.state.ledger.engine
        with session_scope(engine, write=True) as session:
            self.token = create_token(session, USERS["analyst"][0], name="schemathesis")
            self.events = list(session.scalars(select(EventRow.id).order_by(EventRow.id).limit(20)))
            self.claims = list(session.scalars(select(ClaimRow.id).order_by(ClaimRow.id).limit(40)))
        self.schema = schemathesis.openapi.from_asgi("/openapi.json", self.app)

    @property
    def analyst(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def close(self) -> None:
        self.app.state.ledger.engine.dispose()


@pytest.fixture(scope="module")
def read_api(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    target = tmp_path_factory.mktemp("schemathesis-read") / "ledger.sqlite"
    shutil.copyfile(sample_db, target)
    api = Api(f"sqlite:///{target}")
    yield api
    api.close()


@pytest.fixture
def write_api(sample_copy: str) -> Iterator[Api]:
    api = Api(sample_copy)
    yield api
    api.close()


@pytest.fixture(scope="module")
def read_schema(read_api: Api) -> Any:
    return read_api.schema


@pytest.fixture
def write_schema(write_api: Api) -> Any:
    return write_api.schema


reads = schemathesis.pytest.from_fixture("read_schema").include(method="GET")
writes = schemathesis.pytest.from_fixture("write_schema").exclude(method="GET")


@reads.parametrize()
@BOUNDED
def test_reads_anonymous(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=READ_CHECKS)


@reads.parametrize()
@BOUNDED
def test_reads_as_analyst(case: schemathesis.Case, read_api: Api) -> None:
    case.call_and_validate(headers=read_api.analyst, checks=READ_CHECKS)


def _aim_at_real_records(case: schemathesis.Case, api: Api) -> None:
    """Swap a real event or claim id into about half the cases, chosen from the case itself
    (so the run stays deterministic)."""
    seed = sum(map(ord, repr(case.body))) + sum(map(ord, repr(case.path_parameters)))
    if seed % 2 or not case.path_parameters:
        return
    params = dict(case.path_parameters)
    if "event_id" in params and api.events:
        params["event_id"] = api.events[seed % len(api.events)]
    if "claim_id" in params and api.claims:
        params["claim_id"] = quote(api.claims[seed % len(api.claims)], safe="")  # ids hold '#'
    case.path_parameters = params
    if isinstance(case.body, dict):
        if "other" in case.body and api.events:
            case.body["other"] = api.events[(seed // 2) % len(api.events)]
        if isinstance(case.body.get("claims"), list) and api.claims:
            case.body["claims"] = [api.claims[(seed + n) % len(api.claims)] for n in range(2)]


@writes.parametrize()
@BOUNDED
def test_writes_as_analyst(case: schemathesis.Case, write_api: Api) -> None:
    _aim_at_real_records(case, write_api)
    response = case.call(headers=write_api.analyst)
    case.validate_response(response, checks=CHECKS, headers=write_api.analyst)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == ["application/problem+json"], response.headers
        body = response.json()
        assert body["status"] == response.status_code and body["detail"].startswith(f"[{body['code']}]"), body
