"""FastAPI dependencies: the ledger (engine + transactions), settings, the signed-in principal
and role checks. Routes receive these as ``Annotated`` aliases; tests override them through
``create_app(settings, engine=...)``.

Dependencies that never block are ``async def``: FastAPI runs a plain ``def`` dependency in its
thread pool, a hop per dependency per request that costs more than the dependency itself;
only :func:`get_principal` (which may read the database) stays a thread-pool function."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tolls.errors import AuthError, ErrorCode, StoreError
from tolls.settings import Settings
from tolls.store import session_scope
from tolls.store.changes import hold_changes_lock
from tolls.store.convert import aware
from tolls.store.models import utcnow
from tolls.store.users import (
    Role,
    TokenUse,
    UserRecord,
    find_token,
    has_role,
    token_hash,
    touch_token,
    web_session_user,
)
from tolls.web.credentials import PasswordChecks, TokenCache
from tolls.web.throttle import LoginThrottle

__all__ = [
    "SESSION_COOKIE",
    "AdminDep",
    "AnalystDep",
    "Ledger",
    "LedgerDep",
    "LoginThrottleDep",
    "PasswordChecksDep",
    "Principal",
    "PrincipalDep",
    "ReaderDep",
    "SettingsDep",
]

log = logging.getLogger("tolls.web")

SESSION_COOKIE = "tolls_session"
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True, slots=True)
class Ledger:
    """The database behind the app: read and write transactions on one engine."""

    engine: Engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, committed when the block ends (SQLite: waits for the lock)."""
        with session_scope(self.engine, write=True) as session:
            yield session

    @contextmanager
    def review(self) -> Iterator[Session]:
        """One write transaction of a review action: it records changes, so it takes the change
        log's lock before touching a row (:func:`tolls.store.changes.hold_changes_lock`)."""
        with session_scope(self.engine, write=True) as session:
            hold_changes_lock(session)
            yield session


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: a user (or nobody) and how they proved it."""

    user: UserRecord | None
    via: Literal["session", "token", "anonymous"]
    csrf_token: str | None = None

    @property
    def actor(self) -> str:
        return self.user.username if self.user else ""


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


async def get_login_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


async def get_password_checks(request: Request) -> PasswordChecks:
    checks: PasswordChecks = request.app.state.password_checks
    return checks


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
PasswordChecksDep = Annotated[PasswordChecks, Depends(get_password_checks)]
LedgerDep = Annotated[Ledger, Depends(get_ledger)]
LoginThrottleDep = Annotated[LoginThrottle, Depends(get_login_throttle)]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def _token_user(request: Request, ledger: Ledger, token: str) -> UserRecord | None:
    """The token's user: from the process's :class:`TokenCache`, else read (a read transaction)
    and cached; its last use written when a minute old, in a transaction of its own."""
    cache: TokenCache = request.app.state.token_cache
    use = cache.get(token_hash(token))
    if use is not None:
        return use.user
    with ledger.read() as session:
        use = find_token(session, token)
    if use is None:
        return None
    now = utcnow()
    last = aware(use.last_used_at)
    if last is None or now - last >= cache.touch_every:
        try:
            with ledger.write() as session:
                touch_token(session, use.token_hash, when=now)
            use = TokenUse(use.token_hash, use.user, now)
        except (SQLAlchemyError, StoreError) as exc:  # a busy ledger: the use is recorded next time
            log.warning("could not record an API token's use: %s", type(exc).__name__)
    cache.put(use)
    return use.user


def get_principal(request: Request, ledger: LedgerDep) -> Principal:
    """The bearer token's user, else the session cookie's, else anonymous. A token that is
    given but unknown is refused (E420) rather than silently treated as anonymous."""
    token = _bearer(request)
    if token is not None:
        user = _token_user(request, ledger, token)
        if user is None:
            raise AuthError(ErrorCode.E420, reason="the API token is unknown or revoked")
        return Principal(user, "token")
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        with ledger.read() as session:
            found = web_session_user(session, secret)
        if found is not None:
            return Principal(found[0], "session", found[1])
    return Principal(None, "anonymous")


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def _require(principal: Principal, request: Request, role: Role) -> Principal:
    if principal.user is None:
        raise AuthError(ErrorCode.E420, reason=f"this needs the {role!r} role")
    if not has_role(principal.user, role):
        raise AuthError(ErrorCode.E422, role=role, username=principal.user.username, has=principal.user.role)
    if principal.via == "session" and request.method in _WRITE_METHODS:
        sent = request.headers.get("x-csrf-token", "")
        if not principal.csrf_token or not hmac.compare_digest(sent, principal.csrf_token):
            raise AuthError(ErrorCode.E423)
    return principal


async def require_reader(request: Request, principal: PrincipalDep, settings: SettingsDep) -> Principal:
    """Anyone when the app is public; else a signed-in viewer or above."""
    if settings.web.public:
        return principal
    return _require(principal, request, "viewer")


async def require_analyst(request: Request, principal: PrincipalDep) -> Principal:
    return _require(principal, request, "analyst")


async def require_admin(request: Request, principal: PrincipalDep) -> Principal:
    return _require(principal, request, "admin")


ReaderDep = Annotated[Principal, Depends(require_reader)]
AnalystDep = Annotated[Principal, Depends(require_analyst)]
AdminDep = Annotated[Principal, Depends(require_admin)]
