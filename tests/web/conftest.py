"""Fixtures for the web app, graded by cost.

- ``sample_db`` (session): a SQLite ledger built once from the sample corpus, the seed article
  and one hostile document (markup and script in its title and text), with one user per role.
- ``sample_copy``: a private copy of it per test, for tests that write, on SQLite and on the real
  PostgreSQL server (the same sample loaded once into a template database, ``pg_sample``).
- ``client``: a ``TestClient`` on a private copy; ``live_url`` (session): a real uvicorn server
  on 127.0.0.1 serving a shared copy, for the read-only browser and GDAL tests; ``live_copy_url``:
  a server on a private copy, for browser tests that write.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from spacy.language import Language

from db_fixtures import BACKENDS, PgServer
from tolls.extract.pipeline import load_nlp
from tolls.settings import AuthSettings, DbSettings, GeoSettings, Settings
from tolls.store import session_scope
from tolls.store.users import ScryptCost, add_user
from tolls.web import create_app
from tolls.workflow import ingest, open_ledger

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "src" / "tolls" / "data" / "samples" / "october-2025.jsonl"
SEEDS = sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
HOSTILE_ID = "hostile-1"
HOSTILE_TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> Attack report'
HOSTILE_TEXT = (
    'Officials said <img src=x onerror="window.__pwned=1"> 4 civilians were killed in Kabul on Monday. '
    "<script>window.__pwned=1</script> <b>bold</b> & 'quotes' \" end."
)
USERS = {
    "viewer": ("vera", "viewer-password"),
    "analyst": ("ana", "analyst-password"),
    "admin": ("adam", "admin-password"),
}


TEST_COST = ScryptCost(n=2**10, r=8, p=1)
"""The password hashing cost of the test apps and users, chosen explicitly (OWASP's, the
default, takes half a second a hash: tests/store/test_store_users.py checks it)."""


def web_settings(url: str) -> Settings:
    """Settings for a test app on ``url``; places are resolved when the gazetteer is built."""
    geo = GeoSettings()
    return Settings(
        geo=GeoSettings(resolve=geo.gazetteer.exists()),
        db=DbSettings(url=url),
        auth=AuthSettings(scrypt_n=TEST_COST.n, scrypt_r=TEST_COST.r, scrypt_p=TEST_COST.p),
    )


def _load(url: str, tmp: Path, nlp: Language) -> None:
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(
        json.dumps(
            {"id": HOSTILE_ID, "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "published": "2025-10-20"}
        )
        + "\n",
        encoding="utf-8",
    )
    settings = web_settings(url)
    engine = open_ledger(settings.db)
    try:
        ingest([str(SAMPLES), *map(str, SEEDS), str(hostile)], settings=settings, engine=engine, nlp=nlp)
        with session_scope(engine, write=True) as session:
            for role, (name, password) in USERS.items():
                add_user(session, name, password, role=role, cost=TEST_COST)  # type: ignore[arg-type]
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def users() -> dict[str, tuple[str, str]]:
    return dict(USERS)


@pytest.fixture(scope="session")
def web_nlp() -> Language:
    """A pipeline of its own: the shared ``nlp`` fixture does not resolve places, the map needs them."""
    return load_nlp(web_settings("sqlite://"))


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, web_nlp: Language) -> Path:
    tmp = tmp_path_factory.mktemp("web-ledger")
    path = tmp / "ledger.sqlite"
    _load(f"sqlite:///{path}", tmp, web_nlp)
    return path


@pytest.fixture(scope="session")
def pg_sample(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory, web_nlp: Language) -> str:
    """The same sample ledger on the real PostgreSQL server: a database used as a template."""
    pg_server.admin("CREATE DATABASE web_sample")
    _load(pg_server.url("web_sample"), tmp_path_factory.mktemp("web-pg"), web_nlp)
    return "web_sample"


def copy_sample(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    """A new writable copy of the sample ledger on ``backend`` (a SQLite file in ``folder``, or a
    PostgreSQL database): its SQLAlchemy URL. For tests that need more than ``sample_copy``."""
    if backend == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "ledger.sqlite"
        shutil.copyfile(request.getfixturevalue("sample_db"), target)
        return f"sqlite:///{target}"
    template = request.getfixturevalue("pg_sample")
    server: PgServer = request.getfixturevalue("pg_server")
    name = f"web_{uuid.uuid4().hex}"  # not a module counter: test modules import this file again
    server.admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    return server.url(name)


@pytest.fixture(params=BACKENDS)
def sample_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A private, writable copy of the sample ledger on each backend: its SQLAlchemy URL."""
    return copy_sample(request, request.param, tmp_path)


@pytest.fixture
def client(sample_copy: str) -> Iterator[TestClient]:
    app = create_app(web_settings(sample_copy))
    with TestClient(app) as c:
        yield c
    app.state.ledger.engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """A real uvicorn server for ``create_app(settings)`` on a free loopback port: its base URL."""
    app = create_app(settings)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.ledger.engine.dispose()


@pytest.fixture(scope="session")
def live_url(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server on a copy of the sample ledger, shared by the read-only browser and GDAL tests."""
    target = tmp_path_factory.mktemp("live") / "ledger.sqlite"
    shutil.copyfile(sample_db, target)
    with serve(web_settings(f"sqlite:///{target}")) as url:
        yield url


@pytest.fixture
def live_copy_url(sample_copy: str) -> Iterator[str]:
    """A real server on a private copy of the sample ledger, for browser tests that write."""
    with serve(web_settings(sample_copy)) as url:
        yield url
