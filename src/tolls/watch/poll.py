"""One poll of one source: a conditional GET through the guarded fetch of :mod:`tolls.ingest.fetch`
(public addresses only unless allowed, redirects checked, bytes capped), then the feed's entries
through the RSS/Atom reader, or the page's article through trafilatura (:mod:`tolls.ingest.html`).

Nothing here writes: the poll gives its items (documents and problems, cleaned at the same edge
as ``tolls ingest``) and what the server said, and :mod:`tolls.watch.cycle` stores them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from tolls.errors import IngestError, TollsError
from tolls.ids import page_version_id
from tolls.ingest.addresses import Resolver
from tolls.ingest.base import Item, Payload, problem, unexpected
from tolls.ingest.clean import clean_document, clean_problem
from tolls.ingest.feed import read_feed
from tolls.ingest.fetch import Validators, fetch
from tolls.ingest.html import read_html
from tolls.model import IngestProblem, SourceDocument
from tolls.settings import IngestSettings
from tolls.store.documents import content_hash
from tolls.watch.config import SourceSpec

__all__ = ["PollResult", "item_key", "poll_source", "retry_after_seconds"]

MAX_RETRY_AFTER = 7 * 24 * 3600.0
"""The longest ``Retry-After`` honoured (a week); a longer one is cut to this."""


@dataclass(slots=True)
class PollResult:
    """What one poll got: ``status`` ``ok`` (read), ``not_modified`` (304) or ``failed``; the HTTP
    status; the items read (documents and problems); the validators for the next poll; the coded
    error of a failed poll and the server's ``Retry-After`` in seconds, if it sent one."""

    source: SourceSpec
    status: str
    http_status: int | None = None
    items: list[SourceDocument | IngestProblem] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error: str = ""
    retry_after: float | None = None
    started: float = 0.0
    """``time.monotonic()`` when the poll began."""
    run_id: int | None = None
    failures: int = 0
    """The source's consecutive failures before this poll."""


def item_key(doc: SourceDocument) -> str:
    """The url ``watch_items`` knows an item by: a feed entry's link, else its id; a page's
    version (its url and its text's hash), so that each new text of the page is an item."""
    if doc.format == "url":
        return doc.doc.id
    return doc.doc.url or doc.doc.id


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date; None when
    absent or unreadable, at most :data:`MAX_RETRY_AFTER`."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _read(spec: SourceSpec, payload: Payload) -> Iterator[Item]:
    if spec.kind == "feed":
        for item in read_feed(payload):
            if isinstance(item, SourceDocument) and not item.doc.id.startswith(("http://", "https://")):
                # an entry id such as "42" or a urn is the feed's own: named after the feed, so
                # that two feeds' entries "42" stay two documents
                named = f"{spec.url}#{item.doc.id}"
                item = replace(item, doc=replace(item.doc, id=named))
            yield item
        return
    for item in read_html(payload, format="url"):
        if isinstance(item, SourceDocument):
            # each version of a page is its own document: the page's url and its text's hash
            version = page_version_id(item.doc.id, content_hash(item.doc.text))
            item = replace(item, doc=replace(item.doc, id=version), locator=version)
        yield item


def _edge(items: Iterator[Item], source: str) -> Iterator[SourceDocument | IngestProblem]:
    """Every item cleaned or refused as ``tolls ingest`` does; a reader failing part-way gives
    one problem and the items read before it are kept."""
    try:
        for item in items:
            if isinstance(item, IngestProblem):
                yield clean_problem(item)
                continue
            try:
                yield clean_document(item)
            except IngestError as exc:
                yield clean_problem(problem(exc, source=item.source, locator=item.locator))
    except TollsError as exc:
        yield clean_problem(problem(exc, source=source))
    except Exception as exc:  # isolation: one source never aborts the cycle
        yield clean_problem(unexpected(exc, item="The source", source=source))


def poll_source(
    spec: SourceSpec,
    validators: Validators,
    *,
    client: httpx.Client,
    settings: IngestSettings,
    resolver: Resolver,
) -> PollResult:
    """Fetch ``spec`` (conditionally) and read its items; never raises for the source's faults."""
    result = PollResult(source=spec, status="failed", started=time.monotonic())
    try:
        fetched = fetch(spec.url, client=client, settings=settings, resolver=resolver, validators=validators)
    except TollsError as exc:
        status = exc.fields.get("status")
        result.http_status = status if isinstance(status, int) else None
        after = exc.fields.get("retry_after")
        result.retry_after = retry_after_seconds(after if isinstance(after, str) else None)
        result.error = exc.message
        return result
    except Exception as exc:  # isolation: a transport failing in an unforeseen way fails this poll
        result.error = unexpected(exc, item="The source", source=spec.url).message
        return result
    result.http_status = fetched.status
    result.etag, result.last_modified = fetched.etag, fetched.last_modified
    if fetched.status == 304:
        result.status = "not_modified"
        return result
    payload = Payload(
        data=fetched.data, source=spec.url, doc_id=spec.url, url=fetched.url, charset=fetched.charset
    )
    result.items = list(_edge(_read(spec, payload), spec.url))
    first = result.items[0] if len(result.items) == 1 else None
    if isinstance(first, IngestProblem) and not first.locator:
        # the body itself was refused (not a feed, a page without text): the poll failed, and
        # its validators are not kept, so that the next poll reads the body again
        result.items, result.error = [], first.message
        result.etag = result.last_modified = None
        return result
    result.status = "ok"
    return result
