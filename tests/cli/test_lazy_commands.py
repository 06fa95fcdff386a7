"""``tolls COMMAND`` builds only that command: ``tolls extract`` never imports the web server or
the database layer (a second of start-up on every run), while ``tolls --help`` and
``tolls.cli.app`` still hold every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tolls.cli import _COMMANDS, _named_command, app, build_app

_PROBE = """
import runpy, sys
sys.argv = ["tolls", *sys.argv[1:]]
try:
    runpy.run_module("tolls", run_name="__main__")
except SystemExit as exit:
    code = exit.code
names = ("sqlalchemy", "fastapi", "uvicorn", "tolls.workflow", "tolls.store")
heavy = sorted(m for m in names if m in sys.modules)
print("HEAVY", heavy, code, file=sys.stderr)
"""


def _heavy_modules(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True)
    line = next(x for x in out.stderr.splitlines() if x.startswith("HEAVY"))
    return [m.strip(" '[],") for m in line.split("[", 1)[1].split("]", 1)[0].split(",") if m.strip(" '[],")]


def test_extract_imports_neither_the_web_server_nor_the_database_layer(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Gunmen killed five people on Monday."}) + "\n")
    assert _heavy_modules("extract", "--input", str(src), "--output", str(tmp_path / "out.jsonl")) == []
    assert (tmp_path / "out.jsonl").read_text().startswith('{"id": "a"')
    # a command that needs them still has them
    assert "sqlalchemy" in _heavy_modules("db", "current", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}")


def test_the_command_is_the_first_argument_that_is_no_root_option() -> None:
    assert _named_command(["extract", "--input", "x"]) == "extract"
    assert _named_command(["--debug", "ingest", "a.txt"]) == "ingest"
    assert _named_command(["--help"]) is None
    assert _named_command(["nonsense", "extract"]) is None  # the whole app answers "no such command"
    assert _named_command([]) is None


def test_the_whole_app_and_one_command_give_the_same_help() -> None:
    runner = CliRunner()
    whole = runner.invoke(app, ["--help"])
    assert whole.exit_code == 0
    assert all(name in whole.output for name in _COMMANDS)
    for name in ("extract", "db"):
        alone = runner.invoke(build_app(name), [name, "--help"])
        assert alone.exit_code == 0
        assert alone.output == runner.invoke(app, [name, "--help"]).output
    unknown = runner.invoke(app, ["nonsense"])
    assert unknown.exit_code == 2 and "nonsense" in unknown.output
