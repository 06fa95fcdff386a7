from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tolls.cli.gazetteer import app

FIXTURES = Path(__file__).parent / "fixtures"


def test_import_command_lists_malformed_rows(tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite"
    result = CliRunner().invoke(
        app,
        [
            "import",
            str(FIXTURES / "XX.txt"),
            "--db",
            str(db),
            "--admin1",
            str(FIXTURES / "admin1CodesASCII.txt"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "imported 3 places, skipped 4 malformed rows" in result.output
    assert "XX.txt:4: skipped: expected 19 tab-separated columns, got 9" in result.output
    lookup = CliRunner().invoke(app, ["lookup", "Qalat Sabz", "--db", str(db)])
    assert lookup.exit_code == 0
    assert "9900001\tQalat-e Sabz\tAFG\tPaktika\ttown" in lookup.output
