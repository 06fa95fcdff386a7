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
from tolls.store.users import (
    OWASP_COST,
    ROLE_RANK,
    Role,
    ScryptCost,
    find_token,
    hash_password,
    needs_rehash,
    read_credentials,
    token_hash,
    touch_token,
    upgrade_password_hash,
)

PASSWORD = "correct horse"
COST = ScryptCost(n=2**10, r=8, p=1)
"""The tests' own cost, chosen explicitly (OWASP's takes half a second a hash); the default is
tested once, in test_password_is_stored_as_salted_scrypt."""


def _disable(session: Session, username: str) -> None:
    """No public function disables a user yet; the column is what the checks read."""
    row = session.get(UserRow, username)
    assert row is not None
    row.disabled = True
    session.flush()


# -- users -------------------------------------------------------------------------------------


def test_add_get_and_list_users(session: Session) -> None:
    ana = add_user(session, "ana", PASSWORD, role="analyst", cost=COST)
    add_user(session, "Zed.Admin@example.org", PASSWORD, role="admin", cost=COST)
    add_user(session, "bo_b-1", PASSWORD, cost=COST)
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
        add_user(s, "ana", PASSWORD, role="admin", cost=COST)
        s.commit()
    with make_sessionmaker(db_engine)() as s:
        assert get_user(s, "ana").role == "admin"
        assert authenticate(s, "ana", PASSWORD, cost=COST).username == "ana"


def test_duplicate_user_is_refused(session: Session) -> None:
    add_user(session, "ana", PASSWORD, cost=COST)
    session.commit()
    with pytest.raises(StoreError) as err:
        add_user(session, "ana", "another password", role="admin", cost=COST)
    assert err.value.code == "E411" and "'ana'" in err.value.message
    assert get_user(session, "ana").role == "viewer"  # unchanged
    assert len(list_users(session)) == 1


@pytest.mark.parametrize(
    "name", ["", "x" * 65, "a b", "ana\n", "ünal", "a/b", "a:b", "<script>", "'; DROP TABLE users; --"]
)
def test_invalid_names_are_refused(session: Session, name: str) -> None:
    with pytest.raises(StoreError) as err:
        add_user(session, name, PASSWORD, cost=COST)
    assert err.value.code == "E412"
    assert list_users(session) == []


def test_longest_name_is_accepted(session: Session) -> None:
    assert add_user(session, "x" * 64, PASSWORD, cost=COST).username == "x" * 64


def test_bad_role_and_short_password_are_refused(session: Session) -> None:
    with pytest.raises(StoreError) as err:
        add_user(session, "ana", PASSWORD, role="root", cost=COST)  # type: ignore[arg-type]
    assert err.value.code == "E412" and "root" in err.value.message
    with pytest.raises(StoreError) as err:
        add_user(session, "ana", "1234567", cost=COST)
    assert err.value.code == "E412" and "8 characters" in err.value.message
    assert list_users(session) == []
    add_user(session, "ana", "12345678", cost=COST)  # eight is enough


def test_get_unknown_user(session: Session) -> None:
    with pytest.raises(NotFound) as err:
        get_user(session, "nobody")
    assert err.value.code == "E404" and "User 'nobody'" in err.value.message


def test_password_is_stored_as_salted_scrypt(session: Session) -> None:
    """By default at OWASP's cost, n=2**17, r=8, p=1 (the one test that pays it)."""
    assert OWASP_COST == ScryptCost(n=2**17, r=8, p=1)
    add_user(session, "ana", PASSWORD)
    add_user(session, "bo", PASSWORD)
    session.commit()
    stored = {r.username: r.password_hash for r in session.scalars(select(UserRow))}
    scheme, n, r, p, salt, digest = stored["ana"].split("$")
    assert (scheme, n, r, p) == ("scrypt", "131072", "8", "1")
    raw_salt = base64.b64decode(salt)
    assert len(raw_salt) == 16
    expected = hashlib.scrypt(PASSWORD.encode(), salt=raw_salt, n=2**17, r=8, p=1, dklen=32, maxmem=2**28)
    assert base64.b64decode(digest) == expected
    assert PASSWORD not in stored["ana"]
    assert stored["ana"] != stored["bo"]  # same password, different salt


# -- authentication ----------------------------------------------------------------------------


def test_authenticate_right_and_wrong(session: Session) -> None:
    add_user(session, "ana", PASSWORD, role="analyst", cost=COST)
    session.commit()
    assert authenticate(session, "ana", PASSWORD, cost=COST) == get_user(session, "ana")
    messages = set()
    for name, password in [
        ("ana", "wrong password"),
        ("ana", PASSWORD.upper()),
        ("ana", ""),
        ("nobody", PASSWORD),
    ]:
        with pytest.raises(AuthError) as err:
            authenticate(session, name, password, cost=COST)
        assert err.value.code == "E421"
        messages.add(err.value.message)
    assert len(messages) == 1  # one message: a wrong name and a wrong password look alike


def test_disabled_user_cannot_sign_in(session: Session) -> None:
    add_user(session, "ana", PASSWORD, cost=COST)
    _disable(session, "ana")
    with pytest.raises(AuthError) as err:
        authenticate(session, "ana", PASSWORD, cost=COST)
    assert err.value.code == "E421"
    assert get_user(session, "ana").disabled


def test_unknown_user_costs_the_same_hash_work(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """No timing oracle: an unknown (or malformed) name runs scrypt just as a wrong password does."""
    add_user(session, "ana", PASSWORD, cost=COST)
    users_module._dummy_hash(COST)  # built once per process; not part of what is counted
    calls: list[int] = []
    real = users_module._scrypt

    def counting(*args: Any) -> bytes:
        calls.append(args[2])  # n
        return real(*args)

    monkeypatch.setattr(users_module, "_scrypt", counting)
    for name in ("ana", "nobody", "not a valid name!"):
        with pytest.raises(AuthError):
            authenticate(session, name, "wrong password", cost=COST)
    assert calls == [COST.n, COST.n, COST.n]


def test_malformed_stored_hash_never_matches(session: Session) -> None:
    add_user(session, "ana", PASSWORD, cost=COST)
    row = session.get(UserRow, "ana")
    assert row is not None
    for broken in ("", "plain", "scrypt$16384$8$1$!!$!!", "scrypt$3$8$1$AAAA$AAAA", "md5$1$1$1$AAAA$AAAA"):
        row.password_hash = broken
        with pytest.raises(AuthError):
            authenticate(session, "ana", PASSWORD, cost=COST)


def test_set_password(session: Session) -> None:
    add_user(session, "ana", PASSWORD, cost=COST)
    secret, _csrf = create_web_session(session, "ana", hours=1)
    set_password(session, "ana", "a new password", cost=COST)
    session.commit()
    with pytest.raises(AuthError):
        authenticate(session, "ana", PASSWORD, cost=COST)
    assert authenticate(session, "ana", "a new password", cost=COST).username == "ana"
    assert web_session_user(session, secret) is None  # the old cookie stopped working
    with pytest.raises(StoreError) as err:
        set_password(session, "ana", "short", cost=COST)
    assert err.value.code == "E412"
    with pytest.raises(NotFound):
        set_password(session, "nobody", "a new password", cost=COST)


def test_set_role(session: Session) -> None:
    add_user(session, "ana", PASSWORD, cost=COST)
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
    user = add_user(session, "ana", PASSWORD, role=has, cost=COST)
    assert has_role(user, needs) is allowed


def test_anonymous_and_disabled_have_no_role(session: Session) -> None:
    assert has_role(None, "viewer") is False
    add_user(session, "root", PASSWORD, role="admin", cost=COST)
    _disable(session, "root")
    assert has_role(get_user(session, "root"), "viewer") is False


# -- API tokens --------------------------------------------------------------------------------


def test_token_round_trip_stores_only_the_hash(session: Session) -> None:
    add_user(session, "ana", PASSWORD, role="analyst", cost=COST)
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
    add_user(session, "ana", PASSWORD, cost=COST)
    token = create_token(session, "ana")
    assert user_for_token(session, token + "x") is None
    assert user_for_token(session, "tolls_nothing") is None
    assert user_for_token(session, token[len("tolls_") :]) is None  # the prefix is part of it
    assert user_for_token(session, "") is None
    with pytest.raises(NotFound):
        create_token(session, "nobody")


def test_tokens_are_distinct_and_revocable(session: Session) -> None:
    add_user(session, "ana", PASSWORD, cost=COST)
    add_user(session, "bo", PASSWORD, cost=COST)
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
    add_user(session, "ana", PASSWORD, cost=COST)
    token = create_token(session, "ana")
    _disable(session, "ana")
    assert user_for_token(session, token) is None


# -- browser sessions --------------------------------------------------------------------------


def test_web_session_round_trip(db_engine: Engine) -> None:
    with make_sessionmaker(db_engine)() as s:
        add_user(s, "ana", PASSWORD, role="analyst", cost=COST)
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
    add_user(session, "ana", PASSWORD, cost=COST)
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
    add_user(session, "ana", PASSWORD, cost=COST)
    one, _ = create_web_session(session, "ana", hours=1)
    two, _ = create_web_session(session, "ana", hours=1)
    end_web_session(session, one)
    session.commit()
    assert web_session_user(session, one) is None
    assert web_session_user(session, two) is not None  # another browser stays signed in
    end_web_session(session, one)  # signing out twice is harmless
    end_web_session(session, "never issued")


def test_disabled_user_sessions(session: Session) -> None:
    add_user(session, "ana", PASSWORD, cost=COST)
    secret, _ = create_web_session(session, "ana", hours=1)
    _disable(session, "ana")
    assert web_session_user(session, secret) is None
    with pytest.raises(AuthError) as err:
        create_web_session(session, "ana", hours=1)
    assert err.value.code == "E421"
    with pytest.raises(NotFound):
        create_web_session(session, "nobody", hours=1)


def test_role_change_applies_to_open_sessions_and_tokens(session: Session) -> None:
    add_user(session, "ana", PASSWORD, role="analyst", cost=COST)
    secret, _ = create_web_session(session, "ana", hours=1)
    token = create_token(session, "ana")
    set_role(session, "ana", "viewer")
    found = web_session_user(session, secret)
    by_token = user_for_token(session, token)
    assert found is not None and found[0].role == "viewer"
    assert by_token is not None and by_token.role == "viewer"
    assert not has_role(found[0], "analyst")


# -- cost changes and read-only token lookups ----------------------------------------------------


def test_hashes_of_an_older_cost_still_verify_and_are_upgraded(session: Session) -> None:
    """A hash made at 2**14 (the cost before OWASP's) verifies at its own cost; a server then
    stores one at the current cost, unless the password changed meanwhile."""
    old_cost = ScryptCost(n=2**14, r=8, p=1)
    add_user(session, "ana", PASSWORD, cost=old_cost)
    credentials = read_credentials(session, "ana")
    assert credentials.password_hash is not None
    assert credentials.password_hash.startswith("scrypt$16384$8$1$")
    assert authenticate(session, "ana", PASSWORD, cost=COST).username == "ana"
    assert needs_rehash(credentials, COST) and not needs_rehash(credentials, old_cost)
    assert upgrade_password_hash(session, credentials, hash_password(PASSWORD, cost=COST))
    upgraded = read_credentials(session, "ana")
    assert upgraded.password_hash is not None and upgraded.password_hash.startswith("scrypt$1024$8$1$")
    assert not needs_rehash(upgraded, COST)
    assert authenticate(session, "ana", PASSWORD, cost=COST).username == "ana"
    # A password changed after the check was read wins over the upgrade.
    set_password(session, "ana", "a newer password", cost=COST)
    assert not upgrade_password_hash(session, upgraded, hash_password(PASSWORD, cost=COST))
    assert authenticate(session, "ana", "a newer password", cost=COST).username == "ana"


def test_invalid_costs_are_refused() -> None:
    for n, r, p in ((1000, 8, 1), (1, 8, 1), (1024, 0, 1), (1024, 8, 0)):
        with pytest.raises(ValueError):
            ScryptCost(n=n, r=r, p=p)


def test_find_token_reads_only_and_touch_token_records_the_use(session: Session) -> None:
    add_user(session, "ana", PASSWORD, role="analyst", cost=COST)
    token = create_token(session, "ana", name="script")
    session.commit()
    use = find_token(session, token)
    assert use is not None and use.user.username == "ana" and use.user.role == "analyst"
    assert use.token_hash == token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
    assert use.last_used_at is None
    assert not session.dirty and not session.new  # nothing written
    assert find_token(session, token + "x") is None and find_token(session, "nothing") is None
    touch_token(session, use.token_hash)
    session.commit()
    again = find_token(session, token)
    assert again is not None and again.last_used_at is not None
    _disable(session, "ana")
    assert find_token(session, token) is None
