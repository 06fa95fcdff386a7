"""A CLI for scripts (issue 20, part 5): ``--db`` everywhere, JSON and CSV output, read commands
that refuse a ledger that does not exist, quiet closed pipes, whole rows when piped, progress
bars only on a terminal."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_ledger import PLACES, build_ledger
from rich.console import Console
from sqlalchemy import text
from typer.testing import CliRunner

from db_fixtures import PgServer
from tolls.cli import app
from tolls.cli.render import progress_bars
from tolls.store import load_ledger, make_engine, session_scope

runner = CliRunner(mix_stderr=False)
TOLLS = [sys.executable, "-m", "tolls"]


def _plain(screen: str) -> str:
    """``screen`` without terminal escape sequences."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


def _ids(db: str) -> list[str]:
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            return sorted(e.id for e in load_ledger(session))
    finally:
        engine.dispose()


# --db everywhere


def test_db_commands_take_db_and_still_the_hidden_url(ledger: str) -> None:
    for option in ("--db", "--url"):
        result = runner.invoke(app, ["db", "counts", option, ledger, "--json"])
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["documents"] == 2
    shown = runner.invoke(app, ["db", "counts", "--help"])
    assert "--db" in shown.stdout and "--url" not in shown.stdout


# read commands refuse a ledger that does not exist


READS = [
    ["events"],
    ["events", "--json"],
    ["export", "-f", "acled"],
    ["db", "counts"],
    ["db", "compact"],
    ["user", "list"],
]


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c))
def test_a_read_command_refuses_a_missing_ledger_and_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "typo" / "ledger.sqlite"
    result = runner.invoke(app, [*command, "--db", f"sqlite:///{typo}"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [E413]") and len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stdout == ""
    assert not typo.parent.exists()


def test_an_empty_database_file_is_no_ledger_and_stays_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    result = runner.invoke(app, ["events", "--db", f"sqlite:///{empty}"])
    assert result.exit_code == 2 and "[E413]" in result.stderr and "no ledger tables" in result.stderr
    assert empty.stat().st_size == 0


def test_a_missing_postgresql_ledger_is_refused(pg_server: PgServer) -> None:
    """A PostgreSQL database without the ledger's tables is not given them by a read."""
    pg_server.admin("DROP DATABASE IF EXISTS cli_no_ledger")
    pg_server.admin("CREATE DATABASE cli_no_ledger")
    url = pg_server.url("cli_no_ledger")
    result = runner.invoke(app, ["export", "-f", "geojson", "--db", url])
    assert result.exit_code == 2 and "[E413]" in result.stderr
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(
                text("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            )
            assert tables.scalar() == 0
    finally:
        engine.dispose()


# a closed pipe ends quietly


@pytest.mark.parametrize("command", [["export", "-f", "acled"], ["events"], ["events", "--json"]])
def test_a_closed_pipe_ends_quietly_with_status_0(ledger: str, command: list[str]) -> None:
    """The reader is gone before tolls writes a byte: no "Broken pipe", no usage, status 0."""
    proc = subprocess.Popen(
        [*TOLLS, *command, "--db", ledger], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Broken pipe" not in err and "Usage" not in err and "Error" not in err and "Exception" not in err


def test_head_takes_the_first_line(ledger: str) -> None:
    script = f'set -o pipefail; {" ".join(TOLLS)} export -f acled --db "{ledger}" | head -1'
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("event_id_cnty,") and out.stdout.count("\n") == 1
    assert "Broken pipe" not in out.stderr and "Usage" not in out.stderr


# events: ids, whole cells when piped, JSON and CSV


def test_events_piped_show_ids_and_whole_cells(ledger: str) -> None:
    result = runner.invoke(app, ["events", "--db", ledger], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for event_id in _ids(ledger):
        assert event_id in out
    long_place = PLACES["b"]
    assert any(long_place in line for line in out.splitlines()), out  # on one line, markup kept as text
    assert "…" not in out and "tolls ledger:" not in out  # nothing cut, no title line


def test_events_json_lines(ledger: str) -> None:
    result = runner.invoke(app, ["events", "--db", ledger, "--json"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["id"] for r in rows) == _ids(ledger)
    by_place = {r["place"]: r for r in rows}
    kurram = by_place["Kurram"]
    assert kurram["date_start"] == "2025-10-11" and kurram["claims"] == 1 and kurram["documents"] == 1
    assert [(e["kind"], e["low"], e["best"], e["high"]) for e in kurram["estimates"]] == [
        ("killed", 10, 10, 10)
    ]
    assert PLACES["b"] in by_place
    same = runner.invoke(app, ["events", "--db", ledger, "--format", "json"])
    assert same.stdout == result.stdout


def test_events_csv(ledger: str) -> None:
    result = runner.invoke(app, ["events", "--db", ledger, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["id"] for r in rows) == _ids(ledger)
    assert {r["place"] for r in rows} == set(PLACES.values())
    assert {r["contested"] for r in rows} == {"false"}
    assert all(r["estimates"].startswith("killed side PAK/1: 1") for r in rows)


def test_json_and_csv_together_is_a_usage_error(ledger: str) -> None:
    result = runner.invoke(app, ["events", "--db", ledger, "--json", "--format", "csv"])
    assert result.exit_code == 2 and result.stdout == ""


def test_counts_as_csv(ledger: str) -> None:
    result = runner.invoke(app, ["db", "counts", "--db", ledger, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = dict(csv.reader(io.StringIO(result.stdout)))
    assert rows["what"] == "count" and rows["documents"] == "2" and rows["events"] == "2"


# ingest: its summary for scripts


def test_ingest_summary_as_json_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Three soldiers were killed in Kurram.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "a.txt"), missing, "--db", db, "--no-extract", "--json"]
    )
    assert result.exit_code == 3, result.stderr
    summary = json.loads(result.stdout)
    assert summary["documents_added"] == 1 and summary["unreadable_items"] == 1
    assert [p["code"] for p in summary["problems"]] == ["E301"] and summary["problems"][0][
        "source"
    ] == missing
    assert "[E301]" in result.stderr  # and on stderr for people


def test_ingest_summary_as_csv(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Three soldiers were killed in Kurram.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--no-extract", "--summary", "csv"]
    )
    assert result.exit_code == 0, result.stderr
    rows = dict(csv.reader(io.StringIO(result.stdout)))
    assert rows["documents_added"] == "1" and rows["documents_duplicate"] == "0"


# progress: totals and ETA on a terminal, nothing when piped


def test_progress_bars_with_totals_on_a_terminal(tmp_path: Path) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120, color_system=None)
    with progress_bars(console) as progress:
        build_ledger(tmp_path / "in", f"sqlite:///{tmp_path / 'l.sqlite'}", progress=progress)
    shown = _plain(screen.getvalue())
    for label, total, unit in (
        ("reading", 2, "inputs"),
        ("extracting", 2, "documents"),
        ("linking", 2, "incidents"),
    ):
        final = [line for line in shown.splitlines() if label in line]
        assert final and f"{total}/{total} {unit}" in final[-1], shown
    assert "ETA" in shown


def test_no_progress_when_stderr_is_piped(tmp_path: Path) -> None:
    screen = io.StringIO()
    with progress_bars(Console(file=screen)) as progress:
        build_ledger(tmp_path / "in", f"sqlite:///{tmp_path / 'l.sqlite'}", progress=progress)
    assert screen.getvalue() == ""


def test_ingest_draws_bars_only_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"{n}.txt").write_text(
            f"Report {n}: {n + 2} soldiers were killed.", encoding="utf-8"
        )
    args = ["ingest", str(tmp_path / "in"), "--db", f"sqlite:///{tmp_path / 'l.sqlite'}", "--no-extract"]
    piped = runner.invoke(app, args, env={"TTY_COMPATIBLE": None, "FORCE_COLOR": None})
    assert piped.exit_code == 0 and "reading" not in piped.stderr, piped.stderr
    terminal = runner.invoke(app, args, env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"})
    assert terminal.exit_code == 0
    shown = _plain(terminal.stderr)
    assert "reading" in shown and "3/3 inputs" in shown and "ETA" in shown, shown
