"""``tolls user``: parse, call tolls.store.users, render; coded errors on stderr with status 2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tolls.cli import app
from tolls.errors import AuthError
from tolls.settings import get_settings
from tolls.store import authenticate, get_user, make_engine, session_scope, upgrade, user_for_token

runner = CliRunner(mix_stderr=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A new, empty ledger (only ``user add`` would create one; the other commands refuse E413)."""
    url = f"sqlite:///{tmp_path}/t.sqlite"
    upgrade(url)
    return url


def _user(db: str, *args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["user", *args, "--db", db], input=stdin)


def _check(db: str, name: str, password: str) -> bool:
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            authenticate(session, name, password)
            return True
    except AuthError:
        return False
    finally:
        engine.dispose()


def test_add_from_stdin_then_list(db: str) -> None:
    added = _user(db, "add", "ana", "--role", "analyst", "--password-stdin", stdin="s3cret-pass\n")
    assert added.exit_code == 0, added.stderr
    assert added.stdout.strip() == "added ana (analyst)"
    assert _check(db, "ana", "s3cret-pass")  # the newline is not part of the password
    _user(db, "add", "bo", "--password-stdin", stdin="another-pass")
    shown = _user(db, "list")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["user", "role", "state", "created"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["ana", "analyst", "active"],
        ["bo", "viewer", "active"],
    ]


def test_add_prompts_twice_with_hidden_input(db: str) -> None:
    result = _user(db, "add", "ana", stdin="first-try\nmistyped!\nfinal-pass\nfinal-pass\n")
    assert result.exit_code == 0, result.stderr
    assert "Password" in result.stdout and "Repeat for confirmation" in result.stdout
    for typed in ("first-try", "mistyped!", "final-pass"):
        assert typed not in result.stdout  # hidden input is not echoed
    assert _check(db, "ana", "final-pass") and not _check(db, "ana", "first-try")


def test_token_is_printed_once_and_works(db: str) -> None:
    _user(db, "add", "ana", "--role", "admin", "--password-stdin", stdin="s3cret-pass\n")
    result = _user(db, "token", "ana", "--name", "nightly")
    assert result.exit_code == 0, result.stderr
    token = result.stdout.strip()
    assert token.startswith("tolls_") and "\n" not in token  # stdout is the token alone
    assert "cannot be shown again" in result.stderr
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            user = user_for_token(session, token)
            assert user is not None and (user.username, user.role) == ("ana", "admin")
    finally:
        engine.dispose()


def test_passwd(db: str) -> None:
    _user(db, "add", "ana", "--password-stdin", stdin="old-password\n")
    result = _user(db, "passwd", "ana", "--password-stdin", stdin="new-password\n")
    assert result.exit_code == 0, result.stderr
    assert _check(db, "ana", "new-password") and not _check(db, "ana", "old-password")
    prompted = _user(db, "passwd", "ana", stdin="third-password\nthird-password\n")
    assert prompted.exit_code == 0, prompted.stderr
    assert _check(db, "ana", "third-password")


@pytest.mark.parametrize(
    ("args", "stdin", "code"),
    [
        (["add", "ana", "--password-stdin"], "short\n", "[E412]"),
        (["add", "not valid", "--password-stdin"], "long enough\n", "[E412]"),
        (["add", "ana", "--password-stdin"], "", "[E412]"),
        (["token", "nobody"], None, "[E404]"),
        (["passwd", "nobody", "--password-stdin"], "long enough\n", "[E404]"),
    ],
)
def test_domain_errors_exit_2_with_the_code_on_stderr(
    db: str, args: list[str], stdin: str | None, code: str
) -> None:
    result = _user(db, *args, stdin=stdin)
    assert result.exit_code == 2
    assert code in result.stderr and result.stdout == ""


def test_duplicate_user(db: str) -> None:
    _user(db, "add", "ana", "--password-stdin", stdin="s3cret-pass\n")
    again = _user(db, "add", "ana", "--role", "admin", "--password-stdin", stdin="other-pass\n")
    assert again.exit_code == 2 and "[E411]" in again.stderr
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            assert get_user(session, "ana").role == "viewer"
    finally:
        engine.dispose()


def test_unknown_role_is_a_usage_error(db: str) -> None:
    result = _user(db, "add", "ana", "--role", "root", "--password-stdin", stdin="s3cret-pass\n")
    assert result.exit_code == 2 and "root" in result.stderr
    assert "no users" in _user(db, "list").stdout


def test_bad_database_url() -> None:
    result = runner.invoke(app, ["user", "list", "--db", "mysql://x@y/z"])
    assert result.exit_code == 2 and "[E408]" in result.stderr


@pytest.fixture
def default_db(db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TOLLS_DB__URL", db)
    get_settings.cache_clear()
    yield db
    get_settings.cache_clear()


def test_database_defaults_to_the_settings(default_db: str) -> None:
    added = runner.invoke(app, ["user", "add", "ana", "--password-stdin"], input="s3cret-pass\n")
    assert added.exit_code == 0, added.stderr
    assert _check(default_db, "ana", "s3cret-pass")
    assert "ana" in runner.invoke(app, ["user", "list"]).stdout
