"""``tolls db`` parses, calls the store and renders; errors are one coded line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from store_builders import source_doc
from typer.testing import CliRunner

from db_fixtures import stop_fts_merging
from tolls.cli import app
from tolls.store import add_document, make_engine, session_scope
from tolls.store.search import search_index_segments

runner = CliRunner(mix_stderr=False)


def test_upgrade_then_counts(empty_db_url: str) -> None:
    first = runner.invoke(app, ["db", "upgrade", "--db", empty_db_url])
    assert first.exit_code == 0, first.output
    assert "migrated empty database ->" in first.output
    again = runner.invoke(app, ["db", "upgrade", "--url", empty_db_url])  # the old name still works
    assert again.exit_code == 0 and "already at" in again.output
    shown = runner.invoke(app, ["db", "counts", "--db", empty_db_url, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["documents"] == 0
    table = runner.invoke(app, ["db", "counts", "--db", empty_db_url])
    assert "claims.reviewed" in table.output


def test_counts_on_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "counts", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"])
    assert result.exit_code == 2
    assert "[E413]" in result.stderr and "tolls db upgrade" in result.stderr
    assert not (tmp_path / "x.sqlite").exists()


def test_bad_url(tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "upgrade", "--db", "mysql://x@y/z"])
    assert result.exit_code == 2 and "[E408]" in result.stderr


def test_compact_merges_the_text_index(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with session_scope(engine, write=True) as session:
        stop_fts_merging(session)
    for i in range(2):
        with session_scope(engine, write=True) as session:
            add_document(session, source_doc(f"c{i}", f"Clashes at Chaman, report {i}."))
    first = runner.invoke(app, ["db", "compact", "--db", sqlite_url])
    assert first.exit_code == 0 and "text index merged" in first.output, first.output
    with session_scope(engine) as session:
        assert search_index_segments(session) == 1
    engine.dispose()
    again = runner.invoke(app, ["db", "compact", "--db", sqlite_url])
    assert again.exit_code == 0 and "nothing to merge" in again.output


def test_compact_on_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "compact", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"])
    assert result.exit_code == 2 and "tolls db upgrade" in result.stderr


def test_counts_on_an_old_schema_says_to_upgrade(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'old.sqlite'}"
    assert runner.invoke(app, ["db", "upgrade", "--db", db, "--revision", "0001"]).exit_code == 0
    result = runner.invoke(app, ["db", "counts", "--db", db])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [E409]") and "tolls db upgrade" in result.stderr
