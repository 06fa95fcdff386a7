"""Database fixtures shared by every test package (registered in ``tests/conftest.py``).

- ``db_url``: a fresh, migrated database per test, parametrized over ``sqlite`` and
  ``postgresql``, so the same tests run on both backends (``-k sqlite`` / ``-k postgresql``
  picks one).
- ``empty_db_url``: the same, never migrated (for migration tests).
- ``pg_server``: one real PostgreSQL server per session, started on demand.

PostgreSQL refuses to run as root, and tests run as root locally and in CI: the server is
then started as ``nobody`` (via ``runuser`` or ``setpriv``) with its data and socket folders in
a temporary folder that user owns, listening on 127.0.0.1 on a free port, ``--auth=trust``.
Run as any other user, it is started directly. Binaries are looked up in ``TOLLS_PG_BIN``,
then ``/usr/lib/postgresql/*/bin``, then ``PATH``; when they are missing the tests **fail**
with a message saying what to install (no silent skip).

Speed: the schema is migrated once per session into a template (a SQLite file copied per
test; a PostgreSQL template database cloned with ``CREATE DATABASE ... TEMPLATE``), and the
server's data folder lives in ``/dev/shm`` when there is one, with fsync off.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from tolls.store.engine import make_engine
from tolls.store.migrate import upgrade

BACKENDS = ("sqlite", "postgresql")
_counter = itertools.count(1)


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        engine = make_engine(self.url("postgres"))
        try:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()


def _pg_bin() -> Path:
    candidates = [os.environ.get("TOLLS_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    which = shutil.which("pg_ctl")
    candidates.append(str(Path(which).parent) if which else "")
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    pytest.fail(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15+ "
        "(apt-get install postgresql) or set TOLLS_PG_BIN to their folder. The store tests run "
        "on PostgreSQL as well as SQLite and are not skipped.",
        pytrace=False,
    )


def _scratch() -> str | None:
    """A memory-backed folder when there is one (CREATE DATABASE is ~10x faster there)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> tuple[list[str], int | None, int | None]:
    """Command prefix to run the server unprivileged, and the uid/gid owning its folders."""
    if os.geteuid() != 0:
        return [], None, None
    user = pwd.getpwnam("nobody")
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"], user.pw_uid, user.pw_gid
    prefix = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]
    return prefix, user.pw_uid, user.pw_gid


def _run(cmd: list[str], log: Path | None = None) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd="/")
    if proc.returncode != 0:
        detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
        pytest.fail(
            f"PostgreSQL test server: {' '.join(cmd)} failed ({proc.returncode}):\n"
            f"{proc.stdout}\n{proc.stderr}\n{detail}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server (initdb, start, stop) for the whole test session."""
    bindir = _pg_bin()
    prefix, uid, gid = _as_user()
    root = Path(tempfile.mkdtemp(prefix="tolls-pg-", dir=_scratch()))
    data, sockets, log = root / "data", root / "sock", root / "server.log"
    sockets.mkdir()
    if uid is not None and gid is not None:
        for p in (root, sockets):
            os.chown(p, uid, gid)
    port = _free_port()
    pg_ctl = [*prefix, str(bindir / "pg_ctl"), "-D", str(data)]

    def stop() -> None:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*pg_ctl, "-m", "immediate", "-w", "stop"], capture_output=True, check=False, cwd="/"
            )
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)  # also when the session ends without tearing fixtures down
    try:
        _run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        _run([*pg_ctl, "-o", options, "-l", str(log), "-w", "-t", "30", "start"], log)
        yield PgServer(host="127.0.0.1", port=port, user="postgres")
    finally:
        stop()
        atexit.unregister(stop)


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A migrated template database, cloned for each test."""
    pg_server.admin("CREATE DATABASE tolls_template")
    upgrade(pg_server.url("tolls_template"))  # disposes its engine: the template is unused
    return "tolls_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "tolls.sqlite"
    upgrade(f"sqlite:///{path}")
    return path


def _pg_database(request: pytest.FixtureRequest, *, template: str | None) -> str:
    server: PgServer = request.getfixturevalue("pg_server")
    name = f"test_{os.getpid()}_{next(_counter)}"
    clause = f" TEMPLATE {template}" if template else ""
    server.admin(f"CREATE DATABASE {name}{clause}")
    return server.url(name)


def _sqlite_copy(template: Path, folder: Path) -> str:
    path = folder / "tolls.sqlite"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database at the current schema: SQLite file or PostgreSQL database."""
    if request.param == "sqlite":
        return _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    return _pg_database(request, template=request.getfixturevalue("pg_template"))


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh SQLite file at the current schema, for what only SQLite has (its FTS5 index)."""
    return _sqlite_copy(sqlite_template, tmp_path)


def stop_fts_merging(session: Session) -> None:
    """Turn off FTS5's automatic merging of the text index, so that each committed batch of
    documents stays a segment of its own (a bulk load's pile-up, made small)."""
    session.execute(text("INSERT INTO documents_fts(documents_fts, rank) VALUES ('automerge', 0)"))


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database (never migrated) on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty' / 'tolls.sqlite'}"
    return _pg_database(request, template=None)


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on ``db_url``, disposed after the test."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()
