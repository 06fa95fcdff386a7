"""``tolls user``: add users, set passwords, issue API tokens (thin shell over tolls.store.users).

Registered in :mod:`tolls.cli` as ``app.add_typer(users_app, name="user", help=...)``. A domain
error is printed on stderr with its code and the command exits with status 2 (:mod:`tolls.cli.edge`).
Only ``add`` creates a ledger; the others refuse a database without one (E413).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, TypeVar, cast

import click
import typer
from sqlalchemy.orm import Session

from tolls.cli.edge import EXIT_ERROR
from tolls.cli.options import DbOption, db_url
from tolls.settings import get_settings
from tolls.store import add_user, create_token, list_users, session_scope, set_password
from tolls.store.users import ROLE_RANK, Role, ScryptCost
from tolls.workflow import open_ledger

__all__ = ["EXIT_ERROR", "app"]

app = typer.Typer(help="Users, roles and API tokens of the web app.", no_args_is_help=True)

T = TypeVar("T")

StdinOption = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from the first line of standard input."),
]


def _cost() -> ScryptCost:
    """The scrypt cost new password hashes get (settings ``auth.scrypt_*``; OWASP's by default)."""
    auth = get_settings().auth
    return ScryptCost(auth.scrypt_n, auth.scrypt_r, auth.scrypt_p)


def _run(db: str | None, work: Callable[[Session], T], *, write: bool = True, create: bool = False) -> T:
    """Run ``work`` in one transaction on the ledger, migrated to the current schema first
    (made first with ``create``)."""
    engine = open_ledger(db_url(db), create=create)
    try:
        with session_scope(engine, write=write) as session:
            return work(session)
    finally:
        engine.dispose()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return cast(str, typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command("add")
def add_cmd(
    name: Annotated[str, typer.Argument(help="User name: 1-64 of A-Z a-z 0-9 _ . @ -")],
    role: Annotated[
        str, typer.Option(click_type=click.Choice(list(ROLE_RANK)), help="What the user may do.")
    ] = "viewer",
    password_stdin: StdinOption = False,
    db: DbOption = None,
) -> None:
    """Add a user; the password (8 characters or more) is asked twice unless --password-stdin."""
    password = _password(password_stdin)
    user = _run(db, lambda s: add_user(s, name, password, role=cast(Role, role), cost=_cost()), create=True)
    typer.echo(f"added {user.username} ({user.role})")


@app.command("passwd")
def passwd_cmd(
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: StdinOption = False,
    db: DbOption = None,
) -> None:
    """Set a user's password (their browser sessions end; API tokens are kept)."""
    password = _password(password_stdin)
    _run(db, lambda s: set_password(s, name, password, cost=_cost()))
    typer.echo(f"password of {name} changed")


@app.command("token")
def token_cmd(
    name: Annotated[str, typer.Argument(help="User name.")],
    label: Annotated[str, typer.Option("--name", help="What the token is for.")] = "",
    db: DbOption = None,
) -> None:
    """Issue an API token for a user and print it; it is shown this once (only a hash is kept)."""
    token = _run(db, lambda s: create_token(s, name, name=label))
    typer.echo(token)
    typer.echo("Store it now: it cannot be shown again.", err=True)


@app.command("list")
def list_cmd(db: DbOption = None) -> None:
    """List users: name, role, whether disabled, when created."""
    users = _run(db, list_users, write=False)
    if not users:
        typer.echo("no users: add one with `tolls user add NAME --role admin`")
        return
    width = max(len("user"), *(len(u.username) for u in users))
    typer.echo(f"{'user':<{width}}  {'role':<7}  {'state':<8}  created")
    for u in users:
        state = "disabled" if u.disabled else "active"
        typer.echo(f"{u.username:<{width}}  {u.role:<7}  {state:<8}  {u.created_at:%Y-%m-%d %H:%M}Z")
