"""The ingest entry point: inputs (files, folders, http(s) URLs) to documents and problems.

Every input gives documents, or a problem that says what went wrong and what to do; one bad
file, line, row, entry or URL never stops the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import httpx

from tolls.errors import ErrorCode, IngestError, TollsError
from tolls.ingest.addresses import Resolver, resolve_host
from tolls.ingest.base import Item, Payload, problem, unexpected
from tolls.ingest.clean import clean_document, clean_problem
from tolls.ingest.csvfile import read_csv
from tolls.ingest.datasets import read_acled, read_ucdp
from tolls.ingest.decode import check_not_binary
from tolls.ingest.feed import read_feed
from tolls.ingest.fetch import canonical_url, fetch, is_url, make_client
from tolls.ingest.files import FileInput, expand_path, read_capped, regular_file
from tolls.ingest.html import read_html
from tolls.ingest.jsonl import read_jsonl
from tolls.ingest.plain import read_plain
from tolls.ingest.sniff import Kind, kind_for_content_type, kind_for_file
from tolls.ingest.tables import TableFormat, TableOptions
from tolls.model import IngestProblem, SourceDocument
from tolls.settings import IngestSettings

__all__ = ["iter_sources"]

READERS: dict[Kind, Callable[[Payload], Iterator[Item]]] = {
    "text": read_plain,
    "html": read_html,
    "feed": read_feed,
    "jsonl": read_jsonl,
    "csv": read_csv,
}
TABLE_READERS: dict[TableFormat, Callable[[Payload, TableOptions], Iterator[Item]]] = {
    "csv": read_csv,
    "acled": read_acled,
    "ucdp": read_ucdp,
}


def _guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """``items``, ending in a problem when reading the whole input fails, whatever the failure
    (a parser's RecursionError on hostile markup ends this input, never the run)."""
    try:
        yield from items
    except TollsError as exc:
        yield problem(exc, source=source)
    except Exception as exc:  # isolation: one input never aborts the rest
        yield unexpected(exc, item="The input", source=source)


def _at_the_edge(items: Iterator[Item]) -> Iterator[Item]:
    """Every item as it may be stored and printed: documents cleaned or refused (E321), problems
    made printable (:mod:`tolls.ingest.clean`)."""
    for item in items:
        if isinstance(item, IngestProblem):
            yield clean_problem(item)
            continue
        try:
            yield clean_document(item)
        except IngestError as exc:
            yield clean_problem(problem(exc, source=item.source, locator=item.locator))


def _read_file(file: FileInput, settings: IngestSettings, table: TableOptions) -> Iterator[Item]:
    data = read_capped(file.path, source=file.source, limit=settings.max_bytes)
    if not data.strip():
        raise IngestError(ErrorCode.E306, source=file.source)
    payload = Payload(data=data, source=file.source, doc_id=file.doc_id)
    if table.format is not None:  # the reader asked for: every file given is such a table
        yield from TABLE_READERS[table.format](payload, table)
        return
    suffix = file.path.suffix
    kind = kind_for_file(suffix, data)
    if kind is None:
        check_not_binary(data, source=file.source)
        raise IngestError(ErrorCode.E302, source=file.source, reason=f"unknown extension {suffix!r}")
    if kind == "csv":
        yield from read_csv(payload, table)
        return
    yield from READERS[kind](payload)


def _path_items(
    given: str, settings: IngestSettings, seen: set[tuple[int, int]], table: TableOptions
) -> Iterator[Item]:
    for file in expand_path(given):
        try:  # only regular files: a FIFO would block the read, a link loop has no end
            key = regular_file(file.path, source=file.source)
        except IngestError as exc:
            yield problem(exc, source=file.source)
            continue
        if key not in seen:  # a file named twice (or inside a folder also named) is read once
            seen.add(key)
            yield from _guarded(_read_file(file, settings, table), file.source)


def _read_url(url: str, client: httpx.Client, settings: IngestSettings, resolver: Resolver) -> Iterator[Item]:
    doc_id = canonical_url(url)
    fetched = fetch(url, client=client, settings=settings, resolver=resolver)
    kind = kind_for_content_type(fetched.content_type, fetched.data)
    payload = Payload(data=fetched.data, source=url, doc_id=doc_id, url=fetched.url, charset=fetched.charset)
    if kind == "html":
        yield from read_html(payload, format="url")
    elif kind == "feed":
        yield from read_feed(payload)
    else:
        raise IngestError(ErrorCode.E318, source=url, content_type=fetched.content_type)


def iter_sources(
    inputs: Sequence[str],
    *,
    settings: IngestSettings,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver | None = None,
    table: TableOptions | None = None,
) -> Iterator[SourceDocument | IngestProblem]:
    """Documents read from ``inputs``, in order, each bad item a problem in its place.

    ``inputs`` are paths (a file, or a folder read recursively in sorted order without hidden
    entries) or http(s) URLs, fetched only when ``settings.fetch_urls`` is set. ``transport``
    replaces httpx's network transport (tests pass an ``httpx.MockTransport``); ``resolver``
    replaces the system DNS lookup used to check that a host is public.

    Only regular files are read (a FIFO, device, socket or symbolic-link loop is a problem,
    E323), any failure inside one input is a problem for it (E325), and every document passes
    the edge of :mod:`tolls.ingest.clean` (E321) before anything stores it. ``table`` says how
    CSV files are read (:class:`~tolls.ingest.tables.TableOptions`: a column mapping, a date
    format, or ``format="acled"``/``"ucdp"`` to read every file given as an event dataset).
    """
    options = table or TableOptions()
    yield from _at_the_edge(
        _sources(inputs, settings=settings, transport=transport, resolver=resolver, table=options)
    )


def _sources(
    inputs: Sequence[str],
    *,
    settings: IngestSettings,
    transport: httpx.BaseTransport | None,
    resolver: Resolver | None,
    table: TableOptions,
) -> Iterator[Item]:
    client: httpx.Client | None = None
    seen: set[tuple[int, int]] = set()
    try:
        for given in inputs:
            if not is_url(given):
                yield from _guarded(_path_items(given, settings, seen, table), given)
            elif not settings.fetch_urls:
                yield problem(IngestError(ErrorCode.E314, source=given), source=given)
            else:
                client = client or make_client(settings, transport)
                yield from _guarded(_read_url(given, client, settings, resolver or resolve_host), given)
    finally:
        if client is not None:
            client.close()
