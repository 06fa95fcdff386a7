"""No traceback reaches a user (issue 18, part 4): every failure of a command is one coded line
on stderr and a non-zero exit; ``--debug`` adds a traceback with the secrets hidden and never
local variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tolls.cli import app
from tolls.settings import get_settings

runner = CliRunner(mix_stderr=False)

SECRET = "S3cret-pw"
REFUSED = f"postgresql+psycopg://ana:{SECRET}@127.0.0.1:1/ledger"
"""A PostgreSQL URL with a password, on a loopback port where nothing listens."""


def _one_coded_line(stderr: str, code: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: [{code}]"), stderr
    assert "Traceback" not in stderr


def test_export_to_a_folder_that_does_not_exist_is_one_coded_line(ledger: str) -> None:
    result = runner.invoke(app, ["export", "-f", "acled", "-o", "/nonexistent/x.csv", "--db", ledger])
    assert result.exit_code == 2
    _one_coded_line(result.stderr, "E503")
    assert "/nonexistent/x.csv" in result.stderr
    assert "Kurram" not in result.stderr + result.stdout  # no ledger content
    assert result.stdout == ""


def test_the_same_through_the_installed_entry_point(ledger: str) -> None:
    """``python -m tolls`` (main()), not only the app: one line, exit 2, nothing on stdout."""
    out = subprocess.run(
        [sys.executable, "-m", "tolls", "export", "-f", "acled", "-o", "/nonexistent/x.csv", "--db", ledger],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2
    _one_coded_line(out.stderr, "E503")
    assert out.stdout == ""


@pytest.mark.parametrize(
    "command", [["events"], ["export", "-f", "geojson"], ["db", "counts"], ["user", "list"]]
)
def test_a_password_in_the_database_url_is_never_printed(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--db", REFUSED])
    assert result.exit_code == 2
    _one_coded_line(result.stderr, "E414")
    assert SECRET not in result.stderr + result.stdout
    debug = runner.invoke(app, ["--debug", *command, "--db", REFUSED])
    assert debug.exit_code == 2
    assert "Traceback (most recent call last)" in debug.stderr and "OperationalError" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1].startswith("Error: [E414]")
    assert SECRET not in debug.stderr + debug.stdout


def test_a_password_in_the_environment_is_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOLLS_DB__URL", REFUSED)
    get_settings.cache_clear()
    try:
        for args in (["events"], ["--debug", "events"]):
            result = runner.invoke(app, args)
            assert result.exit_code == 2 and "[E414]" in result.stderr
            assert SECRET not in result.stderr + result.stdout
    finally:
        get_settings.cache_clear()


def test_a_malformed_url_is_coded_and_its_password_hidden() -> None:
    bad = f"postgresql://ana:{SECRET}@db.example:notaport/ledger"
    for args in (["events", "--db", bad], ["--debug", "events", "--db", bad]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "[E408]" in result.stderr
        assert SECRET not in result.stderr


def _boom(db: str) -> list[object]:
    """A core function failing unexpectedly, a secret and ledger text in its message."""
    local_value = "LOCAL-" + "VALUE"  # a local variable: never printed, even with --debug
    raise RuntimeError(
        f"boom: token={SECRET} at postgresql://ana:{SECRET}@h/db; row Kurram {len(local_value)}"
    )


def test_an_unexpected_error_is_one_generic_coded_line(ledger: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tolls.cli.ledger.read_ledger", _boom)
    result = runner.invoke(app, ["events", "--db", ledger])
    assert result.exit_code == 1
    _one_coded_line(result.stderr, "E003")
    assert "RuntimeError" in result.stderr and "--debug" in result.stderr
    assert "boom" not in result.stderr and "Kurram" not in result.stderr and SECRET not in result.stderr


def test_debug_prints_the_traceback_without_secrets_or_locals(
    ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tolls.cli.ledger.read_ledger", _boom)
    result = runner.invoke(app, ["--debug", "events", "--db", ledger])
    assert result.exit_code == 1
    err = result.stderr
    assert "Traceback (most recent call last)" in err and "in _boom" in err and "RuntimeError: boom" in err
    assert SECRET not in err and "token=***" in err and "postgresql://ana:***@h/db" in err
    assert "LOCAL-VALUE" not in err and "local_value =" not in err
    assert err.strip().splitlines()[-1].startswith("Error: [E003]")


def test_debug_from_the_environment(ledger: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tolls.cli.ledger.read_ledger", _boom)
    monkeypatch.setenv("TOLLS_DEBUG", "1")
    result = runner.invoke(app, ["events", "--db", ledger])
    assert result.exit_code == 1 and "Traceback" in result.stderr and SECRET not in result.stderr


def test_no_pretty_exceptions_even_outside_the_edge(tmp_path: Path) -> None:
    """Typer's rich tracebacks (which print local variables) are off for the app itself."""
    info = app.pretty_exceptions_enable, app.pretty_exceptions_show_locals
    assert info == (False, False)
    env = {**os.environ, "TOLLS_DB__URL": f"sqlite:///{tmp_path / 'none.sqlite'}"}
    out = subprocess.run(
        [sys.executable, "-m", "tolls", "events"], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 2 and "[E413]" in out.stderr and "locals" not in out.stderr


def test_a_ledger_url_without_password_is_shown_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "missing.sqlite"
    monkeypatch.setenv("TOLLS_DB__URL", f"sqlite:///{missing}")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["events"])
    finally:
        get_settings.cache_clear()
    assert (
        result.exit_code == 2 and f"There is no ledger at sqlite:///{missing} (no such file)" in result.stderr
    )


def test_a_file_that_cannot_be_opened_is_a_coded_line_not_an_internal_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "gazetteer.sqlite"
    result = runner.invoke(app, ["gazetteer", "lookup", "Kurram", "--db", str(missing)])
    assert result.exit_code == 2
    _one_coded_line(result.stderr, "E004")
    assert str(missing) in result.stderr
