"""`tolls export --bom`: a UTF-8 byte order mark for Excel, CSV formats only, off by default."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tolls.cli import app
from tolls.store import upgrade


def test_bom_flag(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    upgrade(db)
    runner = CliRunner()
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    for out, extra in ((plain, []), (marked, ["--bom"])):
        result = runner.invoke(app, ["export", "-f", "ucdp", "-o", str(out), "--db", db, *extra])
        assert result.exit_code == 0, result.output
    assert plain.read_bytes().startswith(b"id,relid,")
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    refused = runner.invoke(app, ["export", "-f", "geojson", "--db", db, "--bom"])
    assert refused.exit_code == 2
    assert "E504" in refused.output
    assert "Traceback" not in refused.output
