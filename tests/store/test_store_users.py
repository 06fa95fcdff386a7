"""Users, roles, API tokens and browser sessions, on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import hashlib
from typing import Any, get_args

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tolls.errors import AuthError, NotFound, StoreError
from tolls.store import (
    UserRecord,
    add_user,
    authenticate,
    create_token,
    create_web_session,
    end_web_session,
    get_user,
    has_role,
    list_users,
    make_sessionmaker,
    purge_expired_sessions,
    revoke_tokens,
    set_password,
    set_role,
    user_for_token,
    web_session_user,
)
from tolls.store import users as users_module
from tolls.store.models import TokenRow, UserRow, WebSessionRow
from tolls.store.users import ROLE_RANK, Role

PASSWORD = "correct horse"


def _disable(session: Session, username: str) -> None:
    """No public function disables a user yet; the column is what the checks read."""
    row = session.get(UserRow, username)
    assert row is not None
    row.disabled = True
    session.flush()


# -- users -------------------------------------------------------------------------------------


def test_add_get_and_list_users(session: Session) -> None:
    ana = add_user(session, "ana", PASSWORD, role="analyst")
    add_user(session, "Zed.Admin@example.org", PASSWORD, role="admin")
    add_user(session, "bo_b-1", PASSWORD)
    session.commit()
    assert isinstance(ana, UserRecord)
    assert (ana.username, ana.role, ana.disabled) == ("ana", "analyst", False)
    assert ana.created_at.tzinfo is not None
    again = get_user(session, "ana")
    assert (again.username, again.role) == ("ana", "analyst")
    assert again.created_at.tzinfo is not None  # UTC on both backends after a reload
    assert [u.username for u in list_users(session)] == sorted(["ana", "Zed.Admin@example.org", "bo_b-1"])
    assert get_user(session, "bo_b-1").role == "viewer"  # the default


def test_records_survive_a_new_session(db_engine: Engine) -> None:
    with make_sessionmaker(db_engine)() as s:
        add_user(s, "ana", PASSWORD, role="admin")
        s.commit()
    with make_sessionmaker(db_engine)() as s:
        assert get_user(s, "ana").role == "admin"
        assert authenticate(s, "ana", PASSWORD).username == "ana"


def test_duplicate_user_is_refused(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    session.commit()
    with pytest.raises(StoreError) as err:
        add_user(session, "ana", "another password", role="admin")
    assert err.value.code == "E411" and "'ana'" in err.value.message
    assert get_user(session, "ana").role == "viewer"  # unchanged
    assert len(list_users(session)) == 1


@pytest.mark.parametrize(
    "name", ["", "x" * 65, "a b", "ana\n", "ünal", "a/b", "a:b", "<script>", "'; DROP TABLE users; --"]
)
def test_invalid_names_are_refused(session: Session, name: str) -> None:
    with pytest.raises(StoreError) as err:
        add_user(session, name, PASSWORD)
    assert err.value.code == "E412"
    assert list_users(session) == []


def test_longest_name_is_accepted(session: Session) -> None:
    assert add_user(session, "x" * 64, PASSWORD).username == "x" * 64


def test_bad_role_and_short_password_are_refused(session: Session) -> None:
    with pytest.raises(StoreError) as err:
        add_user(session, "ana", PASSWORD, role="root")  # type: ignore[arg-type]
    assert err.value.code == "E412" and "root" in err.value.message
    with pytest.raises(StoreError) as err:
        add_user(session, "ana", "1234567")
    assert err.value.code == "E412" and "8 characters" in err.value.message
    assert list_users(session) == []
    add_user(session, "ana", "12345678")  # eight is enough


def test_get_unknown_user(session: Session) -> None:
    with pytest.raises(NotFound) as err:
        get_user(session, "nobody")
    assert err.value.code == "E404" and "User 'nobody'" in err.value.message


def test_password_is_stored_as_salted_scrypt(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    add_user(session, "bo", PASSWORD)
    session.commit()
    stored = {r.username: r.password_hash for r in session.scalars(select(UserRow))}
    scheme, n, r, p, salt, digest = stored["ana"].split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    raw_salt = base64.b64decode(salt)
    assert len(raw_salt) == 16
    expected = hashlib.scrypt(PASSWORD.encode(), salt=raw_salt, n=2**14, r=8, p=1, dklen=32)
    assert base64.b64decode(digest) == expected
    assert PASSWORD not in stored["ana"]
    assert stored["ana"] != stored["bo"]  # same password, different salt


# -- authentication ----------------------------------------------------------------------------


def test_authenticate_right_and_wrong(session: Session) -> None:
    add_user(session, "ana", PASSWORD, role="analyst")
    session.commit()
    assert authenticate(session, "ana", PASSWORD) == get_user(session, "ana")
    messages = set()
    for name, password in [
        ("ana", "wrong password"),
        ("ana", PASSWORD.upper()),
        ("ana", ""),
        ("nobody", PASSWORD),
    ]:
        with pytest.raises(AuthError) as err:
            authenticate(session, name, password)
        assert err.value.code == "E421"
        messages.add(err.value.message)
    assert len(messages) == 1  # one message: a wrong name and a wrong password look alike


def test_disabled_user_cannot_sign_in(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    _disable(session, "ana")
    with pytest.raises(AuthError) as err:
        authenticate(session, "ana", PASSWORD)
    assert err.value.code == "E421"
    assert get_user(session, "ana").disabled


def test_unknown_user_costs_the_same_hash_work(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """No timing oracle: an unknown (or malformed) name runs scrypt just as a wrong password does."""
    add_user(session, "ana", PASSWORD)
    users_module._dummy_hash()  # built once per process; not part of what is counted
    calls: list[int] = []
    real = users_module._scrypt

    def counting(*args: Any) -> bytes:
        calls.append(args[2])  # n
        return real(*args)

    monkeypatch.setattr(users_module, "_scrypt", counting)
    for name in ("ana", "nobody", "not a valid name!"):
        with pytest.raises(AuthError):
            authenticate(session, name, "wrong password")
    assert calls == [2**14, 2**14, 2**14]


def test_malformed_stored_hash_never_matches(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    row = session.get(UserRow, "ana")
    assert row is not None
    for broken in ("", "plain", "scrypt$16384$8$1$!!$!!", "scrypt$3$8$1$AAAA$AAAA", "md5$1$1$1$AAAA$AAAA"):
        row.password_hash = broken
        with pytest.raises(AuthError):
            authenticate(session, "ana", PASSWORD)


def test_set_password(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    secret, _csrf = create_web_session(session, "ana", hours=1)
    set_password(session, "ana", "a new password")
    session.commit()
    with pytest.raises(AuthError):
        authenticate(session, "ana", PASSWORD)
    assert authenticate(session, "ana", "a new password").username == "ana"
    assert web_session_user(session, secret) is None  # the old cookie stopped working
    with pytest.raises(StoreError) as err:
        set_password(session, "ana", "short")
    assert err.value.code == "E412"
    with pytest.raises(NotFound):
        set_password(session, "nobody", "a new password")


def test_set_role(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    assert set_role(session, "ana", "admin").role == "admin"
    session.commit()
    assert get_user(session, "ana").role == "admin"
    with pytest.raises(StoreError) as err:
        set_role(session, "ana", "superuser")  # type: ignore[arg-type]
    assert err.value.code == "E412"
    with pytest.raises(NotFound):
        set_role(session, "nobody", "viewer")


# -- roles -------------------------------------------------------------------------------------


def test_role_ranks() -> None:
    assert ROLE_RANK == {"viewer": 0, "analyst": 1, "admin": 2}
    assert set(get_args(Role)) == set(ROLE_RANK)


@pytest.mark.parametrize(
    ("has", "needs", "allowed"),
    [
        ("viewer", "viewer", True),
        ("viewer", "analyst", False),
        ("viewer", "admin", False),
        ("analyst", "viewer", True),
        ("analyst", "analyst", True),
        ("analyst", "admin", False),
        ("admin", "viewer", True),
        ("admin", "analyst", True),
        ("admin", "admin", True),
    ],
)
def test_has_role(session: Session, has: Role, needs: Role, allowed: bool) -> None:
    user = add_user(session, "ana", PASSWORD, role=has)
    assert has_role(user, needs) is allowed


def test_anonymous_and_disabled_have_no_role(session: Session) -> None:
    assert has_role(None, "viewer") is False
    add_user(session, "root", PASSWORD, role="admin")
    _disable(session, "root")
    assert has_role(get_user(session, "root"), "viewer") is False


# -- API tokens --------------------------------------------------------------------------------


def test_token_round_trip_stores_only_the_hash(session: Session) -> None:
    add_user(session, "ana", PASSWORD, role="analyst")
    token = create_token(session, "ana", name="nightly export")
    session.commit()
    assert token.startswith("tolls_") and len(token) == len("tolls_") + 43
    [row] = session.scalars(select(TokenRow))
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert row.name == "nightly export" and row.last_used_at is None
    stored = [getattr(row, c.key) for c in TokenRow.__table__.columns]
    assert not any(isinstance(v, str) and token[6:] in v for v in stored)  # plaintext nowhere

    user = user_for_token(session, token)
    session.commit()
    assert user is not None and (user.username, user.role) == ("ana", "analyst")
    session.expire_all()
    [row] = session.scalars(select(TokenRow))
    assert row.last_used_at is not None


def test_unknown_tokens(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    token = create_token(session, "ana")
    assert user_for_token(session, token + "x") is None
    assert user_for_token(session, "tolls_nothing") is None
    assert user_for_token(session, token[len("tolls_") :]) is None  # the prefix is part of it
    assert user_for_token(session, "") is None
    with pytest.raises(NotFound):
        create_token(session, "nobody")


def test_tokens_are_distinct_and_revocable(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    add_user(session, "bo", PASSWORD)
    first, second = create_token(session, "ana"), create_token(session, "ana")
    other = create_token(session, "bo")
    assert first != second
    assert revoke_tokens(session, "ana") == 2
    session.commit()
    assert user_for_token(session, first) is None and user_for_token(session, second) is None
    bo = user_for_token(session, other)
    assert bo is not None and bo.username == "bo"
    assert revoke_tokens(session, "ana") == 0
    with pytest.raises(NotFound):
        revoke_tokens(session, "nobody")


def test_disabled_user_token_is_refused(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    token = create_token(session, "ana")
    _disable(session, "ana")
    assert user_for_token(session, token) is None


# -- browser sessions --------------------------------------------------------------------------


def test_web_session_round_trip(db_engine: Engine) -> None:
    with make_sessionmaker(db_engine)() as s:
        add_user(s, "ana", PASSWORD, role="analyst")
        secret, csrf = create_web_session(s, "ana", hours=12)
        s.commit()
    assert secret != csrf and len(secret) >= 43 and len(csrf) >= 43
    with make_sessionmaker(db_engine)() as s:
        found = web_session_user(s, secret)
        assert found is not None
        user, token = found
        assert (user.username, user.role, token) == ("ana", "analyst", csrf)
        [row] = s.scalars(select(WebSessionRow))
        assert row.id == hashlib.sha256(secret.encode()).hexdigest()  # the secret is not stored
        assert row.csrf_token == csrf
        assert web_session_user(s, csrf) is None
        assert web_session_user(s, secret + "x") is None
        assert web_session_user(s, "") is None


def test_web_session_expiry_and_purge(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    live, _ = create_web_session(session, "ana", hours=1)
    gone, _ = create_web_session(session, "ana", hours=-0.01)
    session.commit()
    assert web_session_user(session, live) is not None
    assert web_session_user(session, gone) is None
    assert len(list(session.scalars(select(WebSessionRow)))) == 2  # a lookup does not delete
    assert purge_expired_sessions(session) == 1
    session.commit()
    assert web_session_user(session, live) is not None
    assert purge_expired_sessions(session) == 0
    assert len(list(session.scalars(select(WebSessionRow)))) == 1


def test_end_web_session(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    one, _ = create_web_session(session, "ana", hours=1)
    two, _ = create_web_session(session, "ana", hours=1)
    end_web_session(session, one)
    session.commit()
    assert web_session_user(session, one) is None
    assert web_session_user(session, two) is not None  # another browser stays signed in
    end_web_session(session, one)  # signing out twice is harmless
    end_web_session(session, "never issued")


def test_disabled_user_sessions(session: Session) -> None:
    add_user(session, "ana", PASSWORD)
    secret, _ = create_web_session(session, "ana", hours=1)
    _disable(session, "ana")
    assert web_session_user(session, secret) is None
    with pytest.raises(AuthError) as err:
        create_web_session(session, "ana", hours=1)
    assert err.value.code == "E421"
    with pytest.raises(NotFound):
        create_web_session(session, "nobody", hours=1)


def test_role_change_applies_to_open_sessions_and_tokens(session: Session) -> None:
    add_user(session, "ana", PASSWORD, role="analyst")
    secret, _ = create_web_session(session, "ana", hours=1)
    token = create_token(session, "ana")
    set_role(session, "ana", "viewer")
    found = web_session_user(session, secret)
    by_token = user_for_token(session, token)
    assert found is not None and found[0].role == "viewer"
    assert by_token is not None and by_token.role == "viewer"
    assert not has_role(found[0], "analyst")
