"""``/api/v1/session``: who is signed in (and the CSRF token for their writes), sign in, sign
out. The session cookie is ``HttpOnly`` and ``SameSite=Strict``; its value is a random secret
of which the server keeps only a hash.

Signing in reads the user in one short transaction, checks the password (scrypt, about half a
second at OWASP's cost) outside any, on the process's one low-priority hashing thread
(:mod:`tolls.web.credentials`), then writes the session in another (and a password hash made
at an older cost, remade at the current one): a flood of sign-ins holds
neither SQLite's write lock nor a pooled connection while it hashes. Too many failed sign-ins
for an account or from an address are refused first (429 / E424 with ``Retry-After``,
:mod:`tolls.web.throttle`), without touching the database.

Signing in rotates the session: a session cookie the browser presents with its sign-in ends in
the same transaction that opens the new one, so a cookie planted or copied before sign-in is
worth nothing after it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from tolls.errors import AuthError, ErrorCode, Throttled
from tolls.store.users import create_web_session, end_web_session, read_credentials, upgrade_password_hash
from tolls.web.deps import (
    SESSION_COOKIE,
    LedgerDep,
    LoginThrottleDep,
    PasswordChecksDep,
    PrincipalDep,
    SettingsDep,
)
from tolls.web.schemas import ErrorPublic, Login, SessionPublic, user_public

__all__ = ["router"]

router = APIRouter(prefix="/session", tags=["session"])


@router.get("", response_model=SessionPublic, summary="The current user and CSRF token")
def get_session(who: PrincipalDep, settings: SettingsDep) -> SessionPublic:
    return SessionPublic(
        user=user_public(who.user) if who.user else None,
        csrf_token=who.csrf_token,
        public=settings.web.public,
        tile_url=settings.web.tile_url,
    )


def _client_address(request: Request) -> str:
    return request.client.host if request.client else ""


@router.post(
    "",
    response_model=SessionPublic,
    summary="Sign in",
    responses={429: {"model": ErrorPublic, "description": "Too many failed sign-ins (E424)"}},
)
def post_session(
    body: Login,
    request: Request,
    response: Response,
    ledger: LedgerDep,
    settings: SettingsDep,
    throttle: LoginThrottleDep,
    checks: PasswordChecksDep,
) -> SessionPublic:
    address = _client_address(request)
    wait = throttle.retry_after(body.username, address)
    if wait is not None:
        source = "for this account or from this address"
        raise Throttled(ErrorCode.E424, source=source, seconds=wait)
    with ledger.read() as session:
        credentials = read_credentials(session, body.username)
    try:
        user, rehashed = checks.check(credentials, body.password, address)
    except Throttled:  # the hashing thread is busy: not a failure of this account
        raise
    except AuthError:
        throttle.failed(body.username, address)
        raise
    throttle.succeeded(body.username)
    previous = request.cookies.get(SESSION_COOKIE)
    with ledger.write() as session:
        if rehashed is not None:
            upgrade_password_hash(session, credentials, rehashed)
        if previous:
            end_web_session(session, previous)
        secret, csrf = create_web_session(session, user.username, hours=settings.web.session_hours)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(settings.web.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=settings.web.secure_cookies,
        path="/",
    )
    return SessionPublic(
        user=user_public(user), csrf_token=csrf, public=settings.web.public, tile_url=settings.web.tile_url
    )


@router.delete("", status_code=204, summary="Sign out")
def delete_session(request: Request, ledger: LedgerDep, settings: SettingsDep) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        with ledger.write() as session:
            end_web_session(session, secret)
    response = Response(status_code=204)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=settings.web.secure_cookies
    )
    return response
