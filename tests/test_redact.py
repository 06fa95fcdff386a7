"""tolls.redact: the secrets a traceback or an error line can hold are hidden, the rest kept."""

from __future__ import annotations

import pytest

from tolls.redact import redact, secrets_in


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql+psycopg://ana:S3cret@db:5432/ledger", "postgresql+psycopg://ana:***@db:5432/ledger"),
        ("url='postgresql://ana:p@ss@db/x' next", "url='postgresql://ana:***@db/x' next"),
        ("bad port in postgresql://ana:pa/ss@db:x/y", "bad port in postgresql://ana:***@db:x/y"),
        ("{'user': 'ana', 'password': 'S3cret', 'port': 1}", "{'user': 'ana', 'password': '***', 'port': 1}"),
        ("host=db password=S3cret dbname=x", "host=db password=*** dbname=x"),
        ("Authorization: Bearer tolls_abcdefghijkl", "Authorization: ***"),
        (
            "{'authorization': 'Bearer abc', 'cookie': 'tolls_session=x; a=b'}",
            "{'authorization': '***', 'cookie': '***'}",
        ),
        ("Set-Cookie: tolls_session=abc; HttpOnly", "Set-Cookie: ***"),
        ("X-CSRF-Token: abc123", "X-CSRF-Token: ***"),
        ("sent Bearer abc.def-ghi to the API", "sent Bearer *** to the API"),
        ("token tolls_Zm9vYmFyYmF6cXV4 was used", "token tolls_*** was used"),
        ("hash scrypt$16384$8$1$c2FsdA==$aGFzaA== stored", "hash scrypt$*** stored"),
        ("sqlite:////var/tolls.sqlite and a tokenizer", "sqlite:////var/tolls.sqlite and a tokenizer"),
    ],
)
def test_patterns(text: str, shown: str) -> None:
    assert redact(text) == shown


def test_literal_secrets_plain_and_url_quoted() -> None:
    found = secrets_in(
        ["events", "--db", "postgresql://ana:p%40ss@db/x"], {"HOME": "/root", "APP_TOKEN": "tk-123456"}
    )
    assert found == {"p%40ss", "tk-123456"}
    text = "connect postgresql://ana:p%40ss@db/x failed for p@ss; used tk-123456"
    out = redact(text, found)
    assert "p@ss" not in out and "p%40ss" not in out and "tk-123456" not in out
    assert out.startswith("connect postgresql://ana:***@db/x failed")


def test_environment_names_that_are_not_secret_are_left_alone() -> None:
    assert secrets_in([], {"HOME": "/root", "PATH": "/bin"}) == set()


def test_a_database_url_in_the_environment_gives_only_its_password() -> None:
    env = {"TOLLS_DB__URL": "postgresql://ana:pw-123@db/x", "OTHER_DB__URL": "sqlite:///var/tolls.sqlite"}
    assert secrets_in([], env) == {"pw-123"}


def test_a_flag_named_like_a_secret_is_not_a_secret() -> None:
    # TOKENIZERS_PARALLELISM=false would otherwise blank every "false" in an error line
    env = {"TOKENIZERS_PARALLELISM": "false", "SOME_TOKEN": "1", "DB_PASSWORD": "long-enough-pw"}
    assert secrets_in([], env) == {"long-enough-pw"}
    assert secrets_in(["postgresql://ana:pa/ss@db/x"]) == {"pa/ss"}
