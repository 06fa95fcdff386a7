"""``tolls db`` parses, calls the store and renders."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tolls.cli.db import app

runner = CliRunner()


def test_upgrade_then_counts(empty_db_url: str) -> None:
    first = runner.invoke(app, ["upgrade", "--url", empty_db_url])
    assert first.exit_code == 0, first.output
    assert "migrated empty database ->" in first.output
    again = runner.invoke(app, ["upgrade", "--url", empty_db_url])
    assert again.exit_code == 0 and "already at" in again.output
    shown = runner.invoke(app, ["counts", "--url", empty_db_url, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["documents"] == 0
    table = runner.invoke(app, ["counts", "--url", empty_db_url])
    assert "claims.reviewed" in table.output


def test_counts_on_an_unmigrated_database_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["counts", "--url", f"sqlite:///{tmp_path / 'x.sqlite'}"])
    assert result.exit_code == 1
    assert "[E409]" in result.output and "tolls db upgrade" in result.output


def test_bad_url(tmp_path: Path) -> None:
    result = runner.invoke(app, ["upgrade", "--url", "mysql://x@y/z"])
    assert result.exit_code == 1 and "[E408]" in result.output
