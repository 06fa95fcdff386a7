"""The schema comes from Alembic and matches the ORM metadata on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, text

from tolls.errors import StoreError
from tolls.store import (
    content_hash,
    current_revision,
    ensure_current,
    head_revision,
    make_engine,
    make_sessionmaker,
    upgrade,
)
from tolls.store.migrate import MIGRATIONS_DIR, include_name, make_config
from tolls.store.models import Base, EventDocumentRow, EventNameRow, EventRow


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={"include_name": include_name, "compare_type": True, "compare_server_default": True},
            )
            return list(compare_metadata(ctx, Base.metadata))
    finally:
        engine.dispose()


def test_migrated_schema_matches_metadata(empty_db_url: str) -> None:
    assert current_revision(empty_db_url) is None
    assert upgrade(empty_db_url) == head_revision()
    assert _diff(empty_db_url) == []


def test_compare_detects_drift(empty_db_url: str) -> None:
    """The comparison can fail: a column the migrations never made shows up as a difference."""
    upgrade(empty_db_url)
    engine = make_engine(empty_db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_claims_kind"))
    engine.dispose()
    assert any("ix_claims_kind" in repr(d) for d in _diff(empty_db_url))


def test_upgrade_is_idempotent_and_reversible(empty_db_url: str) -> None:
    upgrade(empty_db_url)
    assert upgrade(empty_db_url) == head_revision()
    engine = make_engine(empty_db_url)
    try:
        with engine.begin() as conn:
            config = make_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert "claims" in inspect(engine).get_table_names()
        ensure_current(engine)
    finally:
        engine.dispose()


def test_event_names_are_back_filled_from_existing_events(empty_db_url: str) -> None:
    """Migration 0004 fills ``event_names`` for the events a ledger at 0003 already holds."""
    upgrade(empty_db_url, "0003")
    engine = make_engine(empty_db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO events (id, type, locations, actors, has_fatalities, contested, scope, "
                    "summary, notes, status, reviewed, version, created_at, date_text, country, "
                    "place_key, actor_key) VALUES ('e1', 'Battles', '[]', '[]', false, false, 'incident', "
                    "'', '', 'proposed', false, 1, '2025-10-12 00:00:00+00:00', '', 'AFG', "
                    "'|spin boldak|', '|afghan taliban|afg|')"
                )
            )
        upgrade(engine)
        with engine.connect() as conn:
            rows = set(conn.execute(text("SELECT kind, word FROM event_names WHERE event_id = 'e1'")))
    finally:
        engine.dispose()
    assert rows == {
        ("place", "spin boldak"),
        ("place", "boldak"),
        ("actor", "afghan taliban"),
        ("actor", "taliban"),
        ("actor", "afg"),
    }


def test_event_date_days_are_back_filled(empty_db_url: str) -> None:
    """Migration 0006 sets ``date_days`` of the events a ledger at 0005 holds: last day minus
    first, 0 for one day or no dates (both backends' date arithmetic)."""
    upgrade(empty_db_url, "0005")
    engine = make_engine(empty_db_url)
    try:
        with engine.begin() as conn:
            for event_id, start, end in (
                ("span", "'2025-01-30'", "'2025-03-02'"),
                ("day", "'2025-10-12'", "NULL"),
                ("same", "'2025-10-12'", "'2025-10-12'"),
                ("undated", "NULL", "NULL"),
            ):
                conn.execute(
                    text(
                        "INSERT INTO events (id, type, date_start, date_end, locations, actors, "
                        "has_fatalities, contested, scope, summary, notes, status, reviewed, version, "
                        "created_at, date_text, country, place_key, actor_key) VALUES "
                        f"('{event_id}', 'Battles', {start}, {end}, '[]', '[]', false, false, "
                        "'incident', '', '', 'proposed', false, 1, '2025-10-12 00:00:00+00:00', '', '', "
                        "'||', '||')"
                    )
                )
        upgrade(engine)
        with engine.connect() as conn:
            days = dict(conn.execute(text("SELECT id, date_days FROM events")).all())
    finally:
        engine.dispose()
    assert days == {"span": 31, "day": 0, "same": 0, "undated": 0}


def test_event_documents_carry_their_document_pk(empty_db_url: str) -> None:
    """Migration 0007 back-fills ``event_documents.document_pk`` and its trigger keeps it: on
    Core and ORM inserts, when a link moves to another document, and against a stray write."""
    upgrade(empty_db_url, "0006")
    engine = make_engine(empty_db_url)
    try:
        with engine.begin() as conn:
            # in SQL: the ORM's documents carry columns that later migrations add
            for doc_id in ("a", "b", "c"):
                conn.execute(
                    text(
                        "INSERT INTO documents (id, source, locator, format, text, content_hash, status, "
                        "ingested_at) VALUES (:id, 'test', '', 'text', :text, :hash, 'pending', "
                        "'2025-10-12 00:00:00+00:00')"
                    ),
                    {"id": doc_id, "text": f"Report {doc_id}.", "hash": content_hash(f"Report {doc_id}.")},
                )
            conn.execute(
                text(
                    "INSERT INTO events (id, type, locations, actors, has_fatalities, contested, scope, "
                    "summary, notes, status, reviewed, version, created_at, date_text, country, place_key, "
                    "actor_key) VALUES ('old', 'Battles', '[]', '[]', false, false, 'incident', '', '', "
                    "'proposed', false, 1, '2025-10-12 00:00:00+00:00', '', '', '||', '||')"
                )
            )
            conn.execute(
                text("INSERT INTO event_documents (event_id, document_id, position) VALUES ('old', 'b', 0)")
            )
        upgrade(engine)

        def pks() -> dict[tuple[str, str], int | None]:
            with engine.connect() as conn:
                rows = conn.execute(text("SELECT event_id, document_id, document_pk FROM event_documents"))
                return {(e, d): p for e, d, p in rows}

        with engine.connect() as conn:
            pk = dict(conn.execute(text("SELECT id, pk FROM documents")).all())
        assert pks() == {("old", "b"): pk["b"]}  # back-filled
        with engine.begin() as conn:
            conn.execute(
                insert(EventDocumentRow.__table__), [{"event_id": "old", "document_id": "a", "position": 1}]
            )
        with make_sessionmaker(engine)() as session:
            row = EventRow(id="new", type="Battles", locations=[], actors=[])
            row.document_links = [EventDocumentRow(document_id="c", position=0)]
            session.add(row)
            session.commit()
        assert pks() == {("old", "b"): pk["b"], ("old", "a"): pk["a"], ("new", "c"): pk["c"]}
        with engine.begin() as conn:
            conn.execute(text("UPDATE event_documents SET document_id = 'b' WHERE event_id = 'new'"))
            conn.execute(text("UPDATE event_documents SET document_pk = 999 WHERE document_id = 'a'"))
        assert pks() == {("old", "b"): pk["b"], ("old", "a"): pk["a"], ("new", "b"): pk["b"]}
    finally:
        engine.dispose()


def test_event_names_carry_their_events_liveness(empty_db_url: str) -> None:
    """Migration 0008 back-fills ``event_names.live`` from each event's status; its triggers set
    it on any insert of a name and follow every change of status."""
    upgrade(empty_db_url, "0007")
    engine = make_engine(empty_db_url)
    insert_event = (
        "INSERT INTO events (id, type, locations, actors, has_fatalities, contested, scope, summary, "
        "notes, status, reviewed, version, created_at, date_text, country, place_key, actor_key) VALUES "
        "(:id, 'Battles', '[]', '[]', false, false, 'incident', '', '', :status, false, 1, "
        "'2025-10-12 00:00:00+00:00', '', '', '||', '||')"
    )
    try:
        with engine.begin() as conn:
            for event_id, status in (("kept", "proposed"), ("gone", "rejected")):
                conn.execute(text(insert_event), {"id": event_id, "status": status})
                conn.execute(
                    text("INSERT INTO event_names (kind, word, event_id) VALUES ('actor', 'taliban', :id)"),
                    {"id": event_id},
                )
        upgrade(engine)

        def live() -> dict[tuple[str, str], bool]:
            with engine.connect() as conn:
                rows = conn.execute(text("SELECT event_id, word, live FROM event_names"))
                return {(e, w): bool(v) for e, w, v in rows}

        assert live() == {("kept", "taliban"): True, ("gone", "taliban"): False}  # back-filled
        with engine.begin() as conn:
            conn.execute(
                insert(EventNameRow.__table__), [{"kind": "place", "word": "kabul", "event_id": "gone"}]
            )
            conn.execute(text("UPDATE events SET status = 'merged' WHERE id = 'kept'"))
        assert live() == {("kept", "taliban"): False, ("gone", "taliban"): False, ("gone", "kabul"): False}
        with engine.begin() as conn:
            conn.execute(text("UPDATE events SET status = 'accepted' WHERE id = 'gone'"))
        assert live() == {("kept", "taliban"): False, ("gone", "taliban"): True, ("gone", "kabul"): True}
    finally:
        engine.dispose()


def test_full_text_objects_are_created(empty_db_url: str) -> None:
    upgrade(empty_db_url)
    engine = make_engine(empty_db_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                names = set(conn.scalars(text("SELECT name FROM sqlite_master")))
                assert {"documents_fts", "documents_fts_ai", "documents_fts_ad", "documents_fts_au"} <= names
            else:
                indexdef = conn.scalar(
                    text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_documents_fts'")
                )
                assert indexdef is not None and "gin" in indexdef and "to_tsvector" in indexdef
    finally:
        engine.dispose()


def test_unmigrated_database_is_refused(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        with pytest.raises(StoreError) as err:
            ensure_current(engine)
        assert err.value.code == "E409"
    finally:
        engine.dispose()


def test_migration_files_follow_the_naming_scheme() -> None:
    files = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
    assert files, "no migrations packaged"
    for name in files:
        assert name[:10].count("-") == 2 and name[10] == "_", name
    assert (MIGRATIONS_DIR / "env.py").exists() and (MIGRATIONS_DIR / "script.py.mako").exists()


def test_migrations_are_package_data() -> None:
    """An installed tolls can migrate: every migration file is matched by package-data."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[2]
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
        "tolls"
    ]
    package = root / "src" / "tolls"
    for path in MIGRATIONS_DIR.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(package).as_posix()
            assert any(fnmatch.fnmatch(rel, p) for p in patterns), rel


def test_alembic_ini_uses_the_packaged_migrations(tmp_path: Path) -> None:
    """`alembic` from the repo root sees the same scripts as tolls.store.upgrade."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    root = Path(__file__).resolve().parents[2]
    script = ScriptDirectory.from_config(Config(str(root / "alembic.ini")))
    assert Path(script.dir).resolve() == MIGRATIONS_DIR.resolve()
    assert script.get_current_head() == head_revision()
