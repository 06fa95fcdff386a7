"""``/api/v1/session``: who is signed in (and the CSRF token for their writes), sign in, sign
out. The session cookie is ``HttpOnly`` and ``SameSite=Strict``; its value is a random secret
of which the server keeps only a hash."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from tolls.store.users import authenticate, create_web_session, end_web_session
from tolls.web.deps import SESSION_COOKIE, LedgerDep, PrincipalDep, SettingsDep
from tolls.web.schemas import Login, SessionPublic, user_public

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


@router.post("", response_model=SessionPublic, summary="Sign in")
def post_session(body: Login, response: Response, ledger: LedgerDep, settings: SettingsDep) -> SessionPublic:
    with ledger.write() as session:
        user = authenticate(session, body.username, body.password)
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
