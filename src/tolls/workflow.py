"""The ledger workflow: read sources into the store, extract what is pending, reconcile.

Each step commits in batches, so an interrupted run (even SIGKILL) loses at most one batch and
a rerun resumes: documents already stored are recognised by id (or by text, as syndicated
copies), documents already extracted are not extracted again, and the ledger is rebuilt from
every stored claim (reviewed events and claims are kept by the store). The CLI and the web app
call these functions; they never touch the ORM themselves.

Every transaction that writes is opened with ``session_scope(engine, write=True)``: each of them
reads before it writes, and on SQLite a plain (deferred) transaction whose snapshot another
writer (the web app signing someone in, an analyst's review) has moved past cannot take the
write lock and fails at once with "database is locked"; ``BEGIN IMMEDIATE`` waits its turn.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError, StatementError
from sqlalchemy.orm import Session

from tolls.errors import ErrorCode, IngestError
from tolls.export.context import ExportContext
from tolls.extract.coded import onto_coded_event
from tolls.ingest import iter_sources
from tolls.ingest.clean import clean_problem, printable
from tolls.ingest.datasets import coded_incident
from tolls.ingest.fetch import is_url
from tolls.ingest.files import expand_path
from tolls.ingest.tables import TableOptions
from tolls.model import (
    CodedEvent,
    Event,
    Extraction,
    IngestProblem,
    InputDocument,
    LedgerEvent,
    SourceDocument,
)
from tolls.reconcile.ledger import reconcile
from tolls.settings import DbSettings, Settings
from tolls.store import (
    add_document,
    coded_documents,
    compact_search_index,
    documents_to_extract,
    ids_to_extract,
    load_claims,
    load_doc_events,
    load_ledger,
    lock_ledger,
    make_engine,
    record_problem,
    replace_ledger,
    require_ledger,
    save_extraction,
    session_scope,
    upgrade,
)
from tolls.store.exports import load_export_context
from tolls.store.leases import claim_documents, new_owner, owned, release, renew, waiting
from tolls.store.records import LedgerResult

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "IngestReport",
    "Progress",
    "count_inputs",
    "extract_pending",
    "ingest",
    "open_ledger",
    "read_export",
    "read_ledger",
    "rebuild_ledger",
    "store_sources",
]


class Progress(Protocol):
    """Told how a run advances, for progress bars: ``progress(step, n)`` when ``n`` more items of
    ``step`` are done, with ``total=`` when the step knows how many it will do. The steps are
    ``read`` (inputs: files and URLs), ``extract`` (documents) and ``reconcile`` (incidents)."""

    def __call__(self, step: str, n: int, /, *, total: int | None = None) -> None: ...


Extractor = Callable[[Iterable[InputDocument]], Iterable[Extraction]]
"""Extracts a stream of documents lazily, one Extraction per document."""


def _quiet(_step: str, _n: int, /, *, total: int | None = None) -> None:
    return None


def count_inputs(inputs: Sequence[str]) -> int:
    """How many files and URLs ``inputs`` stand for (a folder: its files), the ``read`` total."""
    n = 0
    for given in inputs:
        try:
            n += 1 if is_url(given) else sum(1 for _ in expand_path(given))
        except (IngestError, OSError):  # reading it will give one problem
            n += 1
    return n


def _per_input(
    items: Iterable[SourceDocument | IngestProblem], progress: Progress
) -> Iterator[SourceDocument | IngestProblem]:
    """``items``, telling ``progress`` each time an input (a file, a URL) has been read."""
    current: str | None = None
    for item in items:
        if item.source != current:
            if current is not None:
                progress("read", 1)
            current = item.source
        yield item
    if current is not None:
        progress("read", 1)


@dataclass(slots=True)
class IngestReport:
    """What one ``tolls ingest`` run did."""

    outcomes: Counter[str] = field(default_factory=Counter)
    """Documents by outcome: ``added``, ``duplicate``, ``syndicated``."""
    problems: list[IngestProblem] = field(default_factory=list)
    extracted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    """Documents whose extraction failed: (id, coded message)."""
    ledger: LedgerResult | None = None


def store_sources(
    engine: Engine,
    items: Iterable[SourceDocument | IngestProblem],
    *,
    batch_size: int,
    report: IngestReport,
    progress: Progress = _quiet,
    compact: bool = True,
) -> None:
    """Add documents to the store, ``batch_size`` per transaction; problems are recorded;
    ``progress`` hears of each input read. With ``compact`` the text index is compacted when
    documents were added (``tolls watch`` stores a source at a time and compacts once a cycle).

    A batch the database refuses (PostgreSQL's DataError on a value it cannot hold) is written
    again item by item, so its good items land and each refused one is recorded as a problem
    (E324). Errors of the database itself (it is locked, gone, or out of space) still stop the run.
    """
    batch: list[SourceDocument | IngestProblem] = []

    def write(items: Sequence[SourceDocument | IngestProblem]) -> None:
        outcomes: list[str] = []
        with session_scope(engine, write=True) as session:
            for item in items:
                if isinstance(item, IngestProblem):
                    _record(session, item)
                else:
                    outcomes.append(add_document(session, item).outcome)
        report.outcomes.update(outcomes)  # counted once committed, so a retried batch counts once
        report.problems.extend(i for i in items if isinstance(i, IngestProblem))

    def flush() -> None:
        try:
            write(batch)
        except OperationalError:
            raise
        except _REFUSED:
            for item in batch:
                try:
                    write([item])
                except OperationalError:
                    raise
                except _REFUSED as exc:
                    write([_refused(item, exc)])
        batch.clear()

    for item in _per_input(items, progress):
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    if compact and report.outcomes["added"]:
        with session_scope(engine, write=True) as session:
            compact_search_index(session)


def _record(session: Session, p: IngestProblem) -> None:
    record_problem(session, source=p.source, locator=p.locator, code=p.code, message=p.message)


_REFUSED = (DataError, IntegrityError, StatementError, UnicodeError, ValueError)
"""What a database raises for a value it will not store. OperationalError (a StatementError too)
is re-raised before: a locked, lost or full database is no item's fault."""


def _why(exc: Exception) -> str:
    """The first line of what the database (or its driver) said."""
    return (str(getattr(exc, "orig", None) or exc).splitlines() or [type(exc).__name__])[0][:200]


def _refused(item: SourceDocument | IngestProblem, exc: Exception) -> IngestProblem:
    """The problem to record for an item the database refused."""
    reason = _why(exc)
    if isinstance(item, IngestProblem):  # the problem's own text could not be stored: keep its code
        return clean_problem(
            IngestProblem(item.source[:200], item.locator[:200], item.code, f"[{item.code}]")
        )
    error = IngestError(ErrorCode.E324, what=f"document {item.doc.id!r} from {item.source!r}", reason=reason)
    return clean_problem(IngestProblem(item.source, item.locator, error.code, error.message))


def extract_pending(
    engine: Engine,
    extractor: Extractor,
    *,
    batch_size: int,
    report: IngestReport,
    progress: Progress = _quiet,
    lease_seconds: float = 600.0,
    poll_seconds: float = 1.0,
) -> None:
    """Extract every pending document through ``extractor``, saving results ``batch_size`` at a
    time in their own transactions as they arrive (a crash loses at most one batch).

    The documents are read from the store lazily, a batch at a time, so the extractor can be a
    pipeline in this process or a long-lived Dask stream (:func:`tolls.distributed.extract_on_cluster`).

    A row of an event dataset is extracted like any document, then given its coded event as its
    one incident (:func:`tolls.extract.coded.onto_coded_event`).

    Each batch is first claimed (:func:`tolls.store.leases.claim_documents`): concurrent runs on
    one ledger share the pending documents out and none is extracted twice. A claim lasts
    ``lease_seconds`` and is renewed at every claim and save; a run that was killed leaves its
    leases behind, and the next run takes them over at once (same host) or when they expire.
    When nothing is left to claim, the run waits (polling every ``poll_seconds``) for documents
    other runs hold, taking over any whose lease ends without results, so that when it returns
    every document pending at its start has been extracted by someone."""
    owner = new_owner()
    with session_scope(engine) as session:
        todo = ids_to_extract(session)
    held: set[str] = set()  # claimed, not yet saved or released
    tried: set[str] = set()  # saved (or lost to another run) in this run: never claimed again
    coded: dict[str, CodedEvent] = {}
    progress("extract", 0, total=len(todo))

    def claim(ids: Sequence[str]) -> list[InputDocument]:
        with session_scope(engine, write=True) as session:
            renew(session, owner, seconds=lease_seconds)
            got = claim_documents(session, owner, ids, seconds=lease_seconds)
        if not got:
            return []
        held.update(got)
        with session_scope(engine) as session:
            chunk = documents_to_extract(session, ids=got)
            coded.update(coded_documents(session, ids=[d.id for d in chunk]))
        gone = sorted(set(got) - {d.id for d in chunk})  # extracted meanwhile by another run
        if gone:
            with session_scope(engine, write=True) as session:
                release(session, owner, gone)
            held.difference_update(gone)
        return chunk

    def docs() -> Iterator[InputDocument]:
        for n in range(0, len(todo), batch_size):
            yield from claim(todo[n : n + batch_size])

    done: list[Extraction] = []

    def write(xs: Sequence[Extraction]) -> None:
        with session_scope(engine, write=True) as session:
            mine = owned(session, owner, [x.doc_id for x in xs])
            kept = [x for x in xs if x.doc_id in mine]  # a lease lost (expired): its new owner saves
            for x in kept:
                save_extraction(session, x.doc_id, x)
            release(session, owner, [x.doc_id for x in xs])
            renew(session, owner, seconds=lease_seconds)
        held.difference_update(x.doc_id for x in xs)
        tried.update(x.doc_id for x in xs)
        for x in kept:  # counted once committed, so a batch written again counts once
            if x.error:
                report.failed.append((x.doc_id, x.error))
            else:
                report.extracted += 1

    def save() -> None:
        # as in store_sources: a batch the database refuses is saved again one document at a
        # time, and a document whose results it refuses is marked failed (E324)
        try:
            write(done)
        except OperationalError:
            raise
        except _REFUSED:
            for x in done:
                try:
                    write([x])
                except OperationalError:
                    raise
                except _REFUSED as exc:
                    what = f"the extraction results of document {x.doc_id!r}"
                    error = IngestError(ErrorCode.E324, what=what, reason=_why(exc))
                    write([Extraction(x.doc_id, error=f"{error.code}: {printable(error.message)}")])
        done.clear()

    try:
        while todo:
            before = len(tried)
            stream = docs()
            first = next(stream, None)  # none to claim: no extractor (a Dask one starts a cluster)
            for x in extractor(chain([first], stream)) if first is not None else ():
                row = coded.pop(x.doc_id, None)
                if row is not None:
                    x = _with_coded_event(x, row)
                done.append(x)
                progress("extract", 1)
                if len(done) >= batch_size:
                    save()
            if done:
                save()
            # what is left is held by other runs (or was stored after this run read the queue)
            with session_scope(engine) as session:
                todo = [i for i in waiting(session, todo) if i not in tried]
            if todo and len(tried) == before:
                time.sleep(poll_seconds)
    finally:
        if held:  # stopped early: leave what it claimed to the next run at once
            with suppress(SQLAlchemyError), session_scope(engine, write=True) as session:
                release(session, owner)


def _coded_event(row: CodedEvent) -> Event | None:
    try:
        return coded_incident(row)
    except ValueError:  # read once at ingest; a row stored by an older reader may not read now
        return None


def _with_coded_event(x: Extraction, row: CodedEvent) -> Extraction:
    event = _coded_event(row)
    return x if event is None else onto_coded_event(x, event)


def open_ledger(db: DbSettings | str, *, create: bool = True) -> Engine:
    """An engine on the ledger database, its schema migrated to the current version.

    With ``create=False`` (read commands) a database that holds no ledger is refused with E413
    and left as it was (:func:`tolls.store.require_ledger`)."""
    if not create:
        require_ledger(db)
    engine = make_engine(db)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()  # an unreachable or refused database leaves no pool behind
        raise
    return engine


def read_ledger(db: DbSettings | str) -> list[LedgerEvent]:
    """Every ledger event (rejected ones left out), with claims, documents and estimates;
    a database without a ledger is refused (E413), never created."""
    engine = open_ledger(db, create=False)
    try:
        with session_scope(engine) as session:
            return load_ledger(session)
    finally:
        engine.dispose()


def read_export(db: DbSettings | str) -> tuple[list[LedgerEvent], ExportContext]:
    """Every ledger event (rejected ones left out) and what an export says beside them: the
    source documents, review states and every claim no event holds; a database without a ledger
    is refused (E413), never created."""
    engine = open_ledger(db, create=False)
    try:
        with session_scope(engine) as session:
            events = load_ledger(session)
            return events, load_export_context(session, events)
    finally:
        engine.dispose()


def _claimless_rows(
    session: Session, rows: dict[str, CodedEvent], with_claims: set[str]
) -> list[tuple[InputDocument, Extraction]]:
    """The dataset rows no claim was read from: each is still its event (a protest without
    fatalities is an event of the dataset), from its stored incident or else its coded values."""
    out: list[tuple[InputDocument, Extraction]] = []
    for doc_id, row in rows.items():
        if doc_id in with_claims:
            continue
        events = load_doc_events(session, doc_id)[:1]
        if not events:
            event = _coded_event(row)
            events = [event] if event is not None else []
        if events:
            doc = InputDocument(id=doc_id, text="", published=events[0].dates.start)
            out.append((doc, Extraction(doc_id, [], events)))
    return out


def rebuild_ledger(
    engine: Engine,
    *,
    progress: Progress = _quiet,
    contested_margin: float = 0.0,
    actor: str = "ingest",
    run: str | None = None,
) -> LedgerResult:
    """Reconcile every stored claim into ledger events, in one transaction (``progress`` hears
    of each incident linked; ``contested_margin``: the ``reconcile.contested_margin`` setting).
    Only the events that changed are written, and the changes are recorded in the change log
    by ``actor`` (e.g. ``ingest``, ``watch:<source>``) in ``run`` (the caller's id of the run),
    see :func:`tolls.store.replace_ledger`."""
    with session_scope(engine, write=True) as session:
        lock_ledger(session)  # a concurrent ingest's rebuild commits first; its claims are read after
        claims = load_claims(session)
        ident = {id(sc.claim): sc.id for sc in claims}
        grouped: dict[str, list[int]] = {}
        for n, sc in enumerate(claims):
            grouped.setdefault(sc.doc_id, []).append(n)
        pairs: list[tuple[InputDocument, Extraction]] = []
        copies: dict[str, tuple[str, ...]] = {}
        for doc_id, idx in grouped.items():
            mine = [claims[i] for i in idx]
            copies[doc_id] = tuple(s for s in mine[0].sources if s != doc_id)
            doc = InputDocument(id=doc_id, text="", published=mine[0].published)
            pairs.append(
                (doc, Extraction(doc_id, [sc.claim for sc in mine], load_doc_events(session, doc_id)))
            )
        rows = coded_documents(session)
        pairs += _claimless_rows(session, rows, set(grouped))
        result = reconcile(
            pairs,
            ident=lambda _d, c: ident[id(c)],
            copies=copies,
            coded=rows,
            progress=lambda n, total: progress("reconcile", n, total=total),
            contested_margin=contested_margin,
        )
        return replace_ledger(session, result.events, result.decisions, actor=actor, run=run)


def ingest(
    inputs: Sequence[str],
    *,
    settings: Settings,
    engine: Engine,
    nlp: Language | None = None,
    extractor: Extractor | None = None,
    extract: bool = True,
    progress: Progress = _quiet,
    table: TableOptions | None = None,
    actor: str = "ingest",
    run: str | None = None,
) -> IngestReport:
    """Read ``inputs`` into the store, extract what is pending, rebuild the ledger.

    Pass ``nlp`` (a loaded pipeline) or an ``extractor`` (a Dask stream); with neither, nothing
    is extracted but the ledger is still rebuilt. ``extract=False`` only reads. ``table`` says
    how CSV files are read (a column mapping, a date format, an event dataset's format).
    ``actor`` and ``run`` name who changed the ledger in its change log (:func:`rebuild_ledger`)."""
    report = IngestReport()
    progress("read", 0, total=count_inputs(inputs))
    store_sources(
        engine,
        iter_sources(inputs, settings=settings.ingest, table=table),
        batch_size=settings.ingest.batch_size,
        report=report,
        progress=progress,
    )
    if not extract:
        return report
    if extractor is None and nlp is not None:
        loaded = nlp

        def extractor(docs: Iterable[InputDocument]) -> Iterable[Extraction]:
            from tolls.extract.pipeline import run_extraction  # spaCy: only when extracting

            return run_extraction(loaded, docs, settings)

    if extractor is not None:
        extract_pending(
            engine,
            extractor,
            batch_size=settings.ingest.batch_size,
            report=report,
            progress=progress,
            lease_seconds=settings.ingest.lease_seconds,
        )
    report.ledger = rebuild_ledger(
        engine,
        progress=progress,
        contested_margin=settings.reconcile.contested_margin,
        actor=actor,
        run=run,
    )
    return report
