"""Fetching one URL, carefully: only http(s), only public addresses (unless allowed), a few
redirects each checked again, a byte cap on the streamed body and one deadline for all of it.

A fetch may be conditional (:class:`Validators`: ``If-None-Match`` / ``If-Modified-Since`` from
a previous answer's ``ETag`` / ``Last-Modified``): a ``304 Not Modified`` answer is then a
:class:`Fetched` with ``status`` 304 and no body. An HTTP error answer raises E316 whose
``fields`` carry ``status`` and, when the server sent one, ``retry_after`` (its ``Retry-After``
header), so a poller can back off as asked (:mod:`tolls.watch`).

The connection goes to the very address that was checked (the request names the IP, with the
original ``Host`` header and TLS server name), so a second DNS answer cannot swap in a private
address between the check and the connection.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from tolls.errors import ErrorCode, IngestError
from tolls.ingest.addresses import Resolver, check_host
from tolls.settings import IngestSettings

__all__ = [
    "MAX_REDIRECTS",
    "USER_AGENT",
    "Fetched",
    "Validators",
    "canonical_url",
    "fetch",
    "is_url",
    "make_client",
]

MAX_REDIRECTS = 5
USER_AGENT = "tolls-ingest/0.1"
ACCEPT_ENCODING = "gzip, deflate"  # the codings _decoded inflates with a bound
_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body: the URL it finally came from, its media type and charset, its bytes; the
    answer's status (304: not modified since the :class:`Validators` sent, ``data`` empty) and
    its validators for the next conditional fetch."""

    url: str
    content_type: str
    charset: str | None
    data: bytes
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Validators:
    """What a previous answer said about its version (``ETag``, ``Last-Modified``), sent back as
    ``If-None-Match`` / ``If-Modified-Since`` so that an unchanged resource answers 304."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


def is_url(value: str) -> bool:
    """True when ``value`` is meant as a URL (it has a scheme), whatever the scheme."""
    head, sep, _ = value.partition("://")
    return bool(sep) and head.isascii() and head.isalpha() and len(head) > 1


def canonical_url(value: str) -> str:
    """``value`` as a checked http(s) URL without its fragment: the stable id of what it serves."""
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        raise IngestError(ErrorCode.E319, source=value, reason=str(exc)) from exc
    if url.scheme not in _SCHEMES:
        raise IngestError(ErrorCode.E319, source=value, reason=f"scheme {url.scheme!r}")
    if not url.host:
        raise IngestError(ErrorCode.E319, source=value, reason="no host")
    return str(url.copy_with(fragment=None))


def make_client(
    settings: IngestSettings,
    transport: httpx.BaseTransport | None = None,
    *,
    user_agent: str = USER_AGENT,
    max_connections: int = 100,
) -> httpx.Client:
    """The client every fetch of one ingest run shares; redirects are followed by :func:`fetch`."""
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
    )


def _pinned(
    client: httpx.Client, url: httpx.URL, address: str, headers: dict[str, str] | None = None
) -> httpx.Request:
    """A GET for ``url`` sent to ``address``, still naming the host in ``Host`` and TLS SNI.

    Built by the client so that its headers and timeouts apply.
    """
    extensions = {"sni_hostname": url.host} if url.scheme == "https" and url.host != address else {}
    return client.build_request(
        "GET",
        url.copy_with(host=address),
        headers={"Host": url.netloc.decode("ascii"), **(headers or {})},
        extensions=extensions,
    )


def _read_capped(
    response: httpx.Response, *, source: str, settings: IngestSettings, deadline: float
) -> bytes:
    """The body, refused (E305) once past ``max_bytes`` or (E316) past the fetch's deadline."""
    limit = settings.max_bytes
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise IngestError(ErrorCode.E305, source=source, limit=limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in _decoded(response, limit, source=source):
        size += len(chunk)
        if size > limit:
            raise IngestError(ErrorCode.E305, source=source, limit=limit)
        if time.monotonic() > deadline:
            reason = f"no complete answer within {settings.fetch_timeout:g} s"
            raise IngestError(ErrorCode.E316, source=source, reason=reason)
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded(response: httpx.Response, limit: int, *, source: str) -> Iterator[bytes]:
    """The body's bytes, decompressed here a bounded piece at a time (a gzip bomb of a few
    kilobytes must not inflate past ``limit`` in memory before the cap is checked). Only gzip and
    deflate are asked for (ACCEPT_ENCODING); a body in another coding is refused."""
    coding = response.headers.get("content-encoding", "").strip().lower()
    if coding in ("", "identity") or response.is_stream_consumed:
        yield from response.iter_bytes()  # nothing to inflate, or a body already held whole
        return
    if coding not in ("gzip", "x-gzip", "deflate"):
        reason = f"a body in content coding {coding!r}, which was not asked for"
        raise IngestError(ErrorCode.E316, source=source, reason=reason)
    # a gzip or zlib header, auto-detected (32 + MAX_WBITS)
    inflate = zlib.decompressobj(32 + zlib.MAX_WBITS)
    step = min(limit + 1, _INFLATE_STEP)
    try:
        for raw in response.iter_raw():
            out = inflate.decompress(raw, step)
            while True:
                if out:
                    yield out
                if not inflate.unconsumed_tail:
                    break
                out = inflate.decompress(inflate.unconsumed_tail, step)
        rest = inflate.flush()
        if rest:
            yield rest
    except zlib.error as exc:
        raise IngestError(ErrorCode.E316, source=source, reason=f"a corrupt {coding} body ({exc})") from None


_INFLATE_STEP = 1 << 16  # bytes of decompressed output per step


def fetch(
    url: str,
    *,
    client: httpx.Client,
    settings: IngestSettings,
    resolver: Resolver,
    validators: Validators | None = None,
) -> Fetched:
    """The body at ``url`` after at most :data:`MAX_REDIRECTS` redirects; raises E305/E315-E319.

    With ``validators`` the request is conditional, and a 304 answer is returned (no body)."""
    conditional = validators.headers() if validators is not None else {}
    deadline = time.monotonic() + settings.fetch_timeout
    current = httpx.URL(canonical_url(url))
    for _ in range(MAX_REDIRECTS + 1):
        port = current.port or _DEFAULT_PORTS[current.scheme]
        addresses = check_host(
            current.host, port, source=url, allow_private=settings.allow_private_addresses, resolver=resolver
        )
        try:
            response = client.send(_pinned(client, current, addresses[0], conditional), stream=True)
        except httpx.TimeoutException as exc:
            reason = f"no answer within {settings.fetch_timeout:g} s ({type(exc).__name__})"
            raise IngestError(ErrorCode.E316, source=url, reason=reason) from exc
        except httpx.HTTPError as exc:
            raise IngestError(ErrorCode.E316, source=url, reason=f"{type(exc).__name__}: {exc}") from exc
        try:
            location = response.headers.get("location")
            if response.is_redirect and location:
                current = httpx.URL(canonical_url(str(current.join(location))))
                continue
            if response.status_code >= 400:
                reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                retry_after = response.headers.get("retry-after")
                raise IngestError(
                    ErrorCode.E316,
                    source=url,
                    reason=reason,
                    status=response.status_code,
                    retry_after=retry_after[:64] if retry_after else None,
                )
            etag = response.headers.get("etag") or None
            last_modified = response.headers.get("last-modified") or None
            if response.status_code == 304 and validators is not None and conditional:
                return Fetched(
                    url=str(current),
                    content_type="",
                    charset=None,
                    data=b"",
                    status=304,
                    etag=etag or validators.etag,
                    last_modified=last_modified or validators.last_modified,
                )
            data = _read_capped(response, source=url, settings=settings, deadline=deadline)
            return Fetched(
                url=str(current),
                content_type=response.headers.get("content-type", ""),
                charset=response.charset_encoding,
                data=data,
                status=response.status_code,
                etag=etag,
                last_modified=last_modified,
            )
        except httpx.HTTPError as exc:
            raise IngestError(ErrorCode.E316, source=url, reason=f"{type(exc).__name__}: {exc}") from exc
        finally:
            response.close()
    raise IngestError(ErrorCode.E317, source=url, limit=MAX_REDIRECTS)
