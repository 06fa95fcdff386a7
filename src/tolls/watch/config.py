"""The sources file of ``tolls watch``: a TOML file naming each source and the politeness rules.

.. code-block:: toml

    [politeness]
    min_delay = 2.0                  # seconds between two requests to one host
    user_agent = "tolls-watch/0.1 (+mailto:desk@example.org)"
    concurrency = 4                  # hosts polled at once
    max_backoff = 3600               # longest wait after failures (seconds)

    [[source]]
    name = "wire-east"               # unique: the key of its state and runs
    url = "https://example.org/feed.xml"
    outlet = "Example Wire"
    kind = "feed"                    # feed (RSS/Atom) or page (one HTML page, read again when it changes)
    interval = 300                   # seconds between polls

A bad file is refused whole, with a coded error naming the line (E350: not TOML; E351: a field).
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from tolls.errors import ConfigError, ErrorCode, IngestError
from tolls.ingest.fetch import canonical_url

__all__ = [
    "DEFAULT_USER_AGENT",
    "KINDS",
    "Politeness",
    "SourceKind",
    "SourceSpec",
    "WatchConfig",
    "load_sources",
    "parse_sources",
]

SourceKind = Literal["feed", "page"]
KINDS: tuple[SourceKind, ...] = ("feed", "page")
DEFAULT_USER_AGENT = "tolls-watch/0.1"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_SOURCE_HEADER = re.compile(r"^\s*\[\[\s*source\s*\]\]")
_POLITENESS_HEADER = re.compile(r"^\s*\[\s*politeness\s*\]")
_MAX_TEXT = 500


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source to poll."""

    name: str
    url: str
    outlet: str
    kind: SourceKind
    interval: float

    @property
    def host(self) -> str:
        """The host politeness is kept per (its name, whatever the port)."""
        return httpx.URL(self.url).host


@dataclass(frozen=True, slots=True)
class Politeness:
    """How hard ``tolls watch`` may knock: the least time between two requests to one host (and
    never two at once), the User-Agent it names itself with, how many hosts it polls at once and
    the longest wait after failures."""

    min_delay: float = 1.0
    user_agent: str = DEFAULT_USER_AGENT
    concurrency: int = 4
    max_backoff: float = 3600.0


_DEFAULT = Politeness()


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """A read sources file."""

    path: str
    politeness: Politeness
    sources: tuple[SourceSpec, ...]


def load_sources(path: Path) -> WatchConfig:
    """Read and check the sources file at ``path`` (E350 when unreadable, E351 for a bad field)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise ConfigError(ErrorCode.E350, path=str(path), reason=reason) from exc
    return parse_sources(text, path=str(path))


def parse_sources(text: str, *, path: str = "<sources>") -> WatchConfig:
    """A sources file's text, checked (see :func:`load_sources`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(ErrorCode.E350, path=path, reason=f"not valid TOML ({exc})") from exc
    lines = text.splitlines()
    source_lines = [n for n, line in enumerate(lines, 1) if _SOURCE_HEADER.match(line)]
    politeness_line = next((n for n, line in enumerate(lines, 1) if _POLITENESS_HEADER.match(line)), None)
    unknown = sorted(set(data) - {"politeness", "source"})
    if unknown:
        raise ConfigError(
            ErrorCode.E351, path=path, where="top level", field=unknown[0], reason="is not a known table"
        )
    raw_politeness = data.get("politeness", {})
    where = f"[politeness] (line {politeness_line})" if politeness_line else "[politeness]"
    if not isinstance(raw_politeness, dict):
        raise ConfigError(
            ErrorCode.E351, path=path, where="top level", field="politeness", reason="must be a table"
        )
    politeness = _politeness(raw_politeness, path=path, where=where)
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError(
            ErrorCode.E351,
            path=path,
            where="top level",
            field="source",
            reason="must list at least one [[source]]",
        )
    sources: list[SourceSpec] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(raw_sources):
        line = source_lines[n] if n < len(source_lines) else None
        where = f"source {n + 1}" + (f" (line {line})" if line else "")
        spec = _source(raw, path=path, where=where)
        if spec.name in seen:
            reason = f"repeats the name of source {seen[spec.name]}: names must be unique"
            raise ConfigError(ErrorCode.E351, path=path, where=where, field="name", reason=reason)
        seen[spec.name] = n + 1
        sources.append(spec)
    return WatchConfig(path=path, politeness=politeness, sources=tuple(sources))


def _bad(path: str, where: str, field: str, reason: str) -> ConfigError:
    return ConfigError(ErrorCode.E351, path=path, where=where, field=field, reason=reason)


_MAX_SECONDS = 30 * 24 * 3600.0
"""The longest interval, delay or backoff a sources file may give (30 days): a larger one would
overflow the poll times and fail every cycle."""


def _number(raw: dict[str, Any], key: str, default: float, *, path: str, where: str, low: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad(path, where, key, f"must be a number of seconds, not {value!r}"[:_MAX_TEXT])
    if value < low:
        raise _bad(path, where, key, f"must be at least {low:g}, not {value!r}")
    if value > _MAX_SECONDS:
        raise _bad(path, where, key, f"must be at most {_MAX_SECONDS:g} seconds (30 days), not {value!r}")
    return float(value)


def _text(raw: dict[str, Any], key: str, *, path: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if value is None:
        raise _bad(path, where, key, "is missing")
    if not isinstance(value, str):
        raise _bad(path, where, key, f"must be a string, not {type(value).__name__}")
    if len(value) > _MAX_TEXT or any(ord(c) < 32 for c in value):
        raise _bad(path, where, key, f"must be one line of at most {_MAX_TEXT} characters")
    return value.strip()


def _politeness(raw: dict[str, Any], *, path: str, where: str) -> Politeness:
    unknown = sorted(set(raw) - {"min_delay", "user_agent", "concurrency", "max_backoff"})
    if unknown:
        raise _bad(path, where, unknown[0], "is not a politeness setting")
    concurrency = raw.get("concurrency", _DEFAULT.concurrency)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or not 1 <= concurrency <= 64:
        raise _bad(path, where, "concurrency", f"must be a whole number from 1 to 64, not {concurrency!r}")
    user_agent = _text(raw, "user_agent", path=path, where=where, default=DEFAULT_USER_AGENT)
    if not user_agent:
        raise _bad(path, where, "user_agent", "must not be empty")
    return Politeness(
        min_delay=_number(raw, "min_delay", _DEFAULT.min_delay, path=path, where=where, low=0),
        user_agent=user_agent,
        concurrency=concurrency,
        max_backoff=_number(raw, "max_backoff", _DEFAULT.max_backoff, path=path, where=where, low=1),
    )


def _source(raw: object, *, path: str, where: str) -> SourceSpec:
    if not isinstance(raw, dict):
        raise _bad(path, where, "source", "must be a table")
    unknown = sorted(set(raw) - {"name", "url", "outlet", "kind", "interval"})
    if unknown:
        raise _bad(path, where, unknown[0], "is not a source field (name, url, outlet, kind, interval)")
    name = _text(raw, "name", path=path, where=where)
    if not _NAME.match(name):
        raise _bad(
            path,
            where,
            "name",
            "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    given_url = _text(raw, "url", path=path, where=where)
    try:
        url = canonical_url(given_url)
    except IngestError as exc:
        raise _bad(path, where, "url", f"is not an http(s) URL ({exc.fields.get('reason')})") from exc
    if urlsplit(url).username is not None or "@" in urlsplit(url).netloc:
        # the url is shown to every reader (status API, dashboard) and names page documents
        raise _bad(path, where, "url", "must not hold a user name or password")
    kind = raw.get("kind", "feed")
    if kind not in KINDS:
        raise _bad(path, where, "kind", f"must be one of {', '.join(KINDS)}, not {kind!r}"[:_MAX_TEXT])
    return SourceSpec(
        name=name,
        url=url,
        outlet=_text(raw, "outlet", path=path, where=where, default=""),
        kind=kind,
        interval=_number(raw, "interval", 300.0, path=path, where=where, low=1),
    )
