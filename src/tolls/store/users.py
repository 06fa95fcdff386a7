"""Users, roles, API tokens and browser sessions: who may read and who may review the ledger.

- Passwords are stored as scrypt hashes (stdlib :func:`hashlib.scrypt`, by default at OWASP's
  cost ``n=2**17, r=8, p=1`` (:data:`OWASP_COST`; settings ``auth.scrypt_*`` choose another),
  16-byte random salt) in a self-describing string ``scrypt$131072$8$1$<salt b64>$<hash b64>``,
  compared with :func:`hmac.compare_digest`. A stored hash is verified at the cost written in
  it, so hashes made at an older cost (``2**14`` before) still verify;
  :func:`needs_rehash` tells a server to store a new hash at the current cost on a successful
  sign-in (:func:`upgrade_password_hash`). :func:`authenticate` does the same hash work for an
  unknown user as for a known one, and gives one error (E421) for every failure. A server
  splits it in two, :func:`read_credentials` in a short transaction and
  :func:`check_credentials` after it, so the hash work (tens of milliseconds) holds no
  transaction and no connection.
- API tokens (``tolls_`` + 43 URL-safe characters) are returned once by :func:`create_token`;
  only their SHA-256 is stored. :func:`find_token` looks one up read-only (a server caches the
  answer by the hash, :func:`token_hash`) and :func:`touch_token` records its use, which a
  server does at most once a minute per token.
- A browser session is a random cookie secret (its SHA-256 is the row id) and a CSRF token.

Like the rest of :mod:`tolls.store`, functions take a Session, flush but never commit, and
return :class:`UserRecord`; the ORM rows stay here. See ``docs/store.md``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Literal, get_args

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tolls.errors import AuthError, ErrorCode, NotFound, StoreError
from tolls.store.convert import aware
from tolls.store.models import TokenRow, UserRow, WebSessionRow, utcnow

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "OWASP_COST",
    "ROLE_RANK",
    "TOKEN_PREFIX",
    "Credentials",
    "Role",
    "ScryptCost",
    "TokenUse",
    "UserRecord",
    "add_user",
    "authenticate",
    "check_credentials",
    "create_token",
    "create_web_session",
    "end_web_session",
    "find_token",
    "get_user",
    "has_role",
    "hash_password",
    "list_users",
    "needs_rehash",
    "purge_expired_sessions",
    "read_credentials",
    "revoke_tokens",
    "set_password",
    "set_role",
    "token_hash",
    "touch_token",
    "upgrade_password_hash",
    "user_for_token",
    "web_session_user",
]

Role = Literal["viewer", "analyst", "admin"]
ROLE_RANK: dict[str, int] = {"viewer": 0, "analyst": 1, "admin": 2}
"""Each role can do what the roles ranked below it can."""
_ROLES: dict[str, Role] = {r: r for r in get_args(Role)}

MIN_PASSWORD_LENGTH = 8
TOKEN_PREFIX = "tolls_"

_USERNAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
_SALT_BYTES, _HASH_BYTES = 16, 32
_TOUCH_EVERY = timedelta(minutes=1)
"""``last_used_at`` is written at most this often per token, so a script's burst of API calls
does not turn every read into a write (SQLite has one writer)."""


@dataclass(frozen=True, slots=True)
class ScryptCost:
    """The scrypt parameters new password hashes are made with (``n`` a power of two > 1)."""

    n: int
    r: int
    p: int

    def __post_init__(self) -> None:
        if self.n < 2 or self.n & (self.n - 1) or self.r < 1 or self.p < 1:
            raise ValueError(f"invalid scrypt cost n={self.n} r={self.r} p={self.p}")


OWASP_COST = ScryptCost(n=2**17, r=8, p=1)
"""OWASP's Password Storage Cheat Sheet minimum for scrypt (about 128 MiB and, on the 2-core
benchmark machine, 0.3-0.7 s per hash)."""


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A user as callers see it (never the password hash)."""

    username: str
    role: Role
    disabled: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a password check needs, read by :func:`read_credentials` and checked by
    :func:`check_credentials` once the transaction that read it has ended. Opaque to callers:
    the hash is not shown in its ``repr``."""

    user: UserRecord | None
    """The user of that name, or None when there is none (or the name is not a valid one)."""
    password_hash: str | None = field(repr=False)
    """None for no such user: the check then hashes against a dummy, costing the same."""


# -- passwords ---------------------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # OpenSSL's default memory cap (32 MiB) would refuse larger parameters than ours; allow
    # exactly what the stored parameters need.
    maxmem = 128 * r * (n + 2) + 128 * r * p + 1024 * 1024
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=length)


def _hash_password(password: str, cost: ScryptCost) -> str:
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(password, salt, cost.n, cost.r, cost.p, _HASH_BYTES)
    return f"scrypt${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(digest)}"


def _verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored ``scrypt$n$r$p$salt$hash`` string (False when the
    string is malformed: such an account cannot be signed in to until its password is set)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(
            password, base64.b64decode(salt, validate=True), int(n), int(r), int(p), len(expected)
        )
    except (ValueError, OverflowError):  # malformed (binascii.Error is a ValueError)
        return False
    return hmac.compare_digest(actual, expected)


@cache
def _dummy_hash(cost: ScryptCost = OWASP_COST) -> str:
    """A hash no password is known to match, verified for unknown users so that a wrong name
    costs as much time as a wrong password (at ``cost``, the one new hashes get)."""
    return _hash_password(secrets.token_urlsafe(16), cost)


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# -- validation and lookup ---------------------------------------------------------------------


def _check_role(username: str, role: str) -> Role:
    if role not in _ROLES:
        raise StoreError(
            ErrorCode.E412, name=username, reason=f"role {role!r} is not one of {', '.join(_ROLES)}"
        )
    return _ROLES[role]


def _check_password(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StoreError(
            ErrorCode.E412,
            name=username,
            reason=f"the password must be at least {MIN_PASSWORD_LENGTH} characters long",
        )


def _record(row: UserRow) -> UserRecord:
    created = aware(row.created_at)
    assert created is not None  # NOT NULL column
    return UserRecord(
        username=row.username,
        role=_check_role(row.username, row.role),
        disabled=row.disabled,
        created_at=created,
    )


def _row(session: Session, username: str) -> UserRow:
    row = session.get(UserRow, username)
    if row is None:
        raise NotFound(ErrorCode.E404, what="User", name=username)
    return row


# -- users -------------------------------------------------------------------------------------


def add_user(
    session: Session, username: str, password: str, *, role: Role = "viewer", cost: ScryptCost = OWASP_COST
) -> UserRecord:
    """Create a user, the password hashed at ``cost``. ``E412`` when the name is not 1-64
    characters of ``[A-Za-z0-9_.@-]``, the role is unknown or the password is shorter than 8
    characters; ``E411`` when the name is taken (also when a concurrent writer took it first)."""
    if not _USERNAME.fullmatch(username):
        raise StoreError(
            ErrorCode.E412,
            name=username,
            reason="a name is 1 to 64 letters, digits or the characters _ . @ -",
        )
    checked = _check_role(username, role)
    _check_password(username, password)
    if session.get(UserRow, username) is not None:
        raise StoreError(ErrorCode.E411, name=username)
    row = UserRow(
        username=username, password_hash=_hash_password(password, cost), role=checked, disabled=False
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError as exc:
        raise StoreError(ErrorCode.E411, name=username) from exc
    return _record(row)


def get_user(session: Session, username: str) -> UserRecord:
    """One user; :class:`~tolls.errors.NotFound` (E404) if there is none by that name."""
    return _record(_row(session, username))


def list_users(session: Session) -> list[UserRecord]:
    """Every user, by name."""
    return [_record(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]


def set_password(session: Session, username: str, password: str, *, cost: ScryptCost = OWASP_COST) -> None:
    """Replace a user's password, hashed at ``cost`` (``E412`` if shorter than 8 characters,
    ``E404`` if no such user). The user's browser sessions end, so a stolen cookie stops
    working; API tokens are kept (see :func:`revoke_tokens`)."""
    row = _row(session, username)
    _check_password(username, password)
    row.password_hash = _hash_password(password, cost)
    session.execute(delete(WebSessionRow).where(WebSessionRow.username == username))
    session.flush()


def set_role(session: Session, username: str, role: Role) -> UserRecord:
    """Give a user another role (``E412`` for an unknown role). Sessions and tokens read the
    role afresh on every lookup, so the change applies at once."""
    row = _row(session, username)
    row.role = _check_role(username, role)
    session.flush()
    return _record(row)


def read_credentials(session: Session, username: str) -> Credentials:
    """What :func:`check_credentials` needs to check a password of ``username``: one read, so
    that the transaction can end before the (slow, deliberately) hash work."""
    row = session.get(UserRow, username) if _USERNAME.fullmatch(username) else None
    if row is None:
        return Credentials(None, None)
    return Credentials(_record(row), row.password_hash)


def check_credentials(
    credentials: Credentials, password: str, *, cost: ScryptCost = OWASP_COST
) -> UserRecord:
    """The user, if ``password`` is theirs and the account is enabled. Otherwise
    :class:`~tolls.errors.AuthError` E421, the same for an unknown name, a wrong password and a
    disabled account, after the same scrypt work in every case. Needs no session: call it
    outside any transaction. An unknown name is checked against a dummy hash made at ``cost``."""
    ok = _verify_password(password, credentials.password_hash or _dummy_hash(cost))
    user = credentials.user
    if user is None or not ok or user.disabled:
        raise AuthError(ErrorCode.E421)
    return user


def authenticate(
    session: Session, username: str, password: str, *, cost: ScryptCost = OWASP_COST
) -> UserRecord:
    """:func:`read_credentials` then :func:`check_credentials` in ``session``'s transaction (for
    scripts and the shell; a server should end the transaction between the two)."""
    return check_credentials(read_credentials(session, username), password, cost=cost)


def needs_rehash(credentials: Credentials, cost: ScryptCost) -> bool:
    """Whether the stored hash was made at another cost than ``cost`` (or is not one this
    module makes): after a successful check, the server may store a new one."""
    stored = credentials.password_hash
    if stored is None:
        return False
    return not stored.startswith(f"scrypt${cost.n}${cost.r}${cost.p}$")


def hash_password(password: str, *, cost: ScryptCost = OWASP_COST) -> str:
    """A new self-describing hash of ``password`` at ``cost`` (slow, deliberately: compute it
    outside any transaction and hand it to :func:`upgrade_password_hash`)."""
    return _hash_password(password, cost)


def upgrade_password_hash(session: Session, credentials: Credentials, new_hash: str) -> bool:
    """Store ``new_hash`` (of the password just checked against ``credentials``, made by
    :func:`hash_password`) unless the stored hash changed since ``credentials`` were read (a
    concurrent password change wins). Sessions and tokens are kept. Returns whether the hash
    was replaced."""
    if credentials.user is None or credentials.password_hash is None:
        return False
    row = session.get(UserRow, credentials.user.username)
    if row is None or row.password_hash != credentials.password_hash:
        return False
    row.password_hash = new_hash
    session.flush()
    return True


def has_role(user: UserRecord | None, role: Role) -> bool:
    """Whether ``user`` (None: anonymous) may act as ``role``: an enabled user whose role ranks
    at least as high. Anonymous reading is the web layer's decision (``web.public``)."""
    if user is None or user.disabled:
        return False
    return ROLE_RANK[user.role] >= ROLE_RANK[role]


# -- API tokens --------------------------------------------------------------------------------


def create_token(session: Session, username: str, *, name: str = "") -> str:
    """A new API token for ``username`` (``E404`` if no such user), labelled ``name``. The
    plaintext is returned this once; only its SHA-256 is stored."""
    _row(session, username)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(TokenRow(username=username, name=name, token_hash=_sha256(token)))
    session.flush()
    return token


@dataclass(frozen=True, slots=True)
class TokenUse:
    """What :func:`find_token` read: the token's user and when the token was last used."""

    token_hash: str
    user: UserRecord
    last_used_at: datetime | None


def token_hash(token: str) -> str:
    """The key a token is stored (and may be cached) under: its SHA-256, hex."""
    return _sha256(token)


def find_token(session: Session, token: str) -> TokenUse | None:
    """The token's user and last use, reading only (no write, whatever the last use): None for
    an unknown token or a disabled user."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    digest = _sha256(token)
    found = session.execute(
        select(TokenRow.last_used_at, UserRow)
        .join(UserRow, UserRow.username == TokenRow.username)
        .where(TokenRow.token_hash == digest)
    ).first()
    if found is None or found[1].disabled:
        return None
    return TokenUse(digest, _record(found[1]), aware(found[0]))


def touch_token(session: Session, digest: str, *, when: datetime | None = None) -> None:
    """Record a use of the token stored under ``digest`` (see :func:`token_hash`)."""
    session.execute(
        update(TokenRow).where(TokenRow.token_hash == digest).values(last_used_at=when or utcnow())
    )


def user_for_token(session: Session, token: str) -> UserRecord | None:
    """The user a token belongs to, or None for an unknown token or a disabled user. Records
    the use in ``last_used_at`` (at most once a minute per token)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    found = session.execute(
        select(TokenRow, UserRow)
        .join(UserRow, UserRow.username == TokenRow.username)
        .where(TokenRow.token_hash == _sha256(token))
    ).first()
    if found is None:
        return None
    token_row, user_row = found
    if user_row.disabled:
        return None
    now = utcnow()
    last = aware(token_row.last_used_at)
    if last is None or now - last >= _TOUCH_EVERY:
        token_row.last_used_at = now
        session.flush()
    return _record(user_row)


def revoke_tokens(session: Session, username: str) -> int:
    """Delete every API token of ``username`` (``E404`` if no such user); returns how many."""
    _row(session, username)
    rows = list(session.scalars(select(TokenRow).where(TokenRow.username == username)))
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


# -- browser sessions --------------------------------------------------------------------------


def create_web_session(session: Session, username: str, *, hours: float) -> tuple[str, str]:
    """Open a browser session lasting ``hours`` for an enabled user: returns the cookie secret
    and the CSRF token. The row's id is the secret's SHA-256, so the store cannot replay a
    cookie. ``E404`` for no such user, ``E421`` for a disabled one."""
    row = _row(session, username)
    if row.disabled:
        raise AuthError(ErrorCode.E421)
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        WebSessionRow(
            id=_sha256(secret),
            username=username,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.flush()
    return secret, csrf


def web_session_user(session: Session, secret: str) -> tuple[UserRecord, str] | None:
    """The user and CSRF token of a browser session; None when the session is unknown, expired
    or its user disabled. Expired rows are left for :func:`purge_expired_sessions`."""
    found = session.execute(
        select(WebSessionRow, UserRow)
        .join(UserRow, UserRow.username == WebSessionRow.username)
        .where(WebSessionRow.id == _sha256(secret))
    ).first()
    if found is None:
        return None
    web, user = found
    expires = aware(web.expires_at)
    if user.disabled or expires is None or expires <= utcnow():
        return None
    return _record(user), web.csrf_token


def end_web_session(session: Session, secret: str) -> None:
    """Sign a browser session out (nothing happens if there is no such session)."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.id == _sha256(secret)))
    session.flush()


def purge_expired_sessions(session: Session) -> int:
    """Delete the browser sessions that have expired; returns how many."""
    rows = list(session.scalars(select(WebSessionRow).where(WebSessionRow.expires_at <= utcnow())))
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)
