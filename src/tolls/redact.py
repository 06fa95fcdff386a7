"""Hide secrets in text before it reaches a user: a traceback, an error line, a log message.

:func:`redact` replaces with ``***`` the password of every URL (``postgresql://ana:SECRET@host``),
values given to secret-looking keys (``password=...``, ``'token': '...'``), ``Authorization``,
``Cookie`` and CSRF header values, bearer tokens, tolls API tokens and stored password hashes,
plus any literal secret the caller knows (:func:`secrets_in` finds them in command-line
arguments and the environment). Pure text in, text out: the edges (CLI, web) call it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, unquote

__all__ = ["MASK", "redact", "secrets_in"]

MASK = "***"

# a URL's password may hold "/" and "@": mask to the last "@" of the URL (more, never less)
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s'\"]*:)(?P<secret>[^\s'\"]*)@")
_HEADER = re.compile(
    r"(?P<head>\b(?:proxy-)?authorization|\bset-cookie|\bcookie|\bx-csrf-token|\bx-api-key)"
    r"(?P<sep>['\"]?\s*[:=]\s*)(?:(?P<q>['\"])(?P<quoted>.*?)(?P=q)|(?P<bare>[^\r\n]+))",
    re.IGNORECASE,
)
_KEY_VALUE = re.compile(
    r"(?P<head>(?<![A-Za-z0-9])(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token|csrf[_-]?token"
    r"|session[_-]?id)['\"]?\s*[:=]\s*)(?:(?P<q>['\"])(?P<quoted>.*?)(?P=q)|(?P<bare>[^\s'\",;&})\]]+))",
    re.IGNORECASE,
)
_BEARER = re.compile(r"\b(?P<head>Bearer\s+)[A-Za-z0-9._~+/=\-]+", re.IGNORECASE)
_TOLLS_TOKEN = re.compile(r"\btolls_[A-Za-z0-9_\-]{8,}")
_PASSWORD_HASH = re.compile(r"\bscrypt\$[^\s'\"]+")
_SECRET_NAME = re.compile(r"(?:^|_)(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)(?:_|$)", re.IGNORECASE)
"""Variables whose whole value is a secret (in any other, such as TOLLS_DB__URL, a URL's password is)."""
_SHORTEST_SECRET = 8
"""A shorter value of such a variable is a flag ("false", "1"), and masking it would blank words."""


def _masked(m: re.Match[str]) -> str:
    q = m.group("q") or ""
    return f"{m.group('head')}{m.group('sep') if 'sep' in m.re.groupindex else ''}{q}{MASK}{q}"


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret it holds replaced by ``***`` (see the module docstring).

    ``secrets`` are literal values to hide wherever they appear (also URL-quoted), longest first."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        for form in {secret, quote(secret, safe=""), unquote(secret)}:
            if form:
                text = text.replace(form, MASK)
    text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}{MASK}@", text)
    text = _HEADER.sub(_masked, text)
    text = _KEY_VALUE.sub(_masked, text)
    text = _BEARER.sub(lambda m: f"{m.group('head')}{MASK}", text)
    text = _TOLLS_TOKEN.sub(f"tolls_{MASK}", text)
    return _PASSWORD_HASH.sub(f"scrypt${MASK}", text)


def secrets_in(values: Iterable[str], environ: Mapping[str, str] | None = None) -> set[str]:
    """The literal secrets in ``values`` (command-line arguments: a URL's password) and in
    ``environ`` (the whole value of a variable named like a secret, and URL passwords)."""
    found: set[str] = set()
    texts = list(values)
    for name, value in (environ or {}).items():
        texts.append(value)
        if _SECRET_NAME.search(name) and len(value) >= _SHORTEST_SECRET:
            found.add(value)
    for text in texts:
        found.update(m.group("secret") for m in _URL_PASSWORD.finditer(text) if m.group("secret"))
    return found
