"""Documents in the store: adding them (idempotently), ingest problems, the extraction queue.

Identity is the database's (house style 8): ``documents.id`` is unique, and so is the content
hash among originals, so two writers adding the same text cannot both store an original.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tolls.errors import ErrorCode, NotFound
from tolls.model import CodedEvent, InputDocument, SourceDocument
from tolls.store.convert import aware, coded_from_json, coded_to_json
from tolls.store.models import DocumentRow, IngestProblemRow, utcnow
from tolls.store.records import AddResult, StoredDocument

__all__ = [
    "add_document",
    "coded_documents",
    "content_hash",
    "documents_to_extract",
    "get_document",
    "ids_to_extract",
    "load_document",
    "record_problem",
    "stored_document",
]

_WS = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace runs collapsed: a syndicated copy re-wrapped or
    re-indented by another outlet hashes the same; any change of wording does not."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()


def _lookup(session: Session, doc_id: str, digest: str) -> tuple[DocumentRow | None, DocumentRow | None]:
    same_id = session.scalar(select(DocumentRow).where(DocumentRow.id == doc_id))
    original = session.scalar(
        select(DocumentRow).where(DocumentRow.content_hash == digest, DocumentRow.canonical_id.is_(None))
    )
    return same_id, original


def add_document(session: Session, source_doc: SourceDocument) -> AddResult:
    """Store one ingested document, idempotently; see :class:`~tolls.store.records.AddResult`.

    - Same id already stored: nothing is written (``duplicate``).
    - Same text (:func:`content_hash`) as a stored original under another id or URL: stored as
      a **syndicated copy** (``canonical_id`` = the original, status ``syndicated``), kept for
      provenance and never extracted; :func:`tolls.store.load_claims` lists copies as sources.
    - Otherwise stored with status ``pending``: :func:`documents_to_extract` will return it.
    - A row of an event dataset (``source_doc.coded``) is one event, never a copy of another
      row: its content is its notes *and* its coded values, so two rows with the same notes but
      other dates or places are both originals (and the same row read again is a duplicate).

    Runs in a savepoint, so a concurrent writer adding the same document makes this call report
    ``duplicate``/``syndicated`` instead of failing the caller's transaction.
    """
    doc = source_doc.doc
    coded = coded_to_json(source_doc.coded)
    digest = content_hash(doc.text) if coded is None else content_hash(f"{doc.text}\x1f{_canonical(coded)}")
    for _attempt in range(2):
        same_id, original = _lookup(session, doc.id, digest)
        if same_id is not None:
            return AddResult(
                doc_id=doc.id,
                outcome="duplicate",
                canonical_id=same_id.canonical_id,
                changed=same_id.content_hash != digest,
            )
        row = DocumentRow(
            id=doc.id,
            source=source_doc.source,
            locator=source_doc.locator,
            format=source_doc.format,
            url=doc.url,
            title=doc.title,
            published=doc.published,
            text=doc.text,
            content_hash=digest,
            external_id=source_doc.coded.external_id if source_doc.coded is not None else None,
            coded=coded,
            canonical_id=original.id if original is not None else None,
            status="syndicated" if original is not None else "pending",
        )
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            continue  # someone else stored it meanwhile: look again
        if original is not None:
            return AddResult(doc_id=doc.id, outcome="syndicated", canonical_id=original.id)
        return AddResult(doc_id=doc.id, outcome="added")
    raise AssertionError("unreachable: the second lookup finds the concurrent row")  # pragma: no cover


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def record_problem(
    session: Session, *, source: str, locator: str, code: str, message: str, run_id: str | None = None
) -> int:
    """Keep an ingest problem (an unreadable file, feed entry or line) so nothing is lost
    silently; returns its row id. ``code`` is the error code (``E3xx``), ``message`` its text.

    A problem already recorded for the same source, locator and code (a rerun over the same bad
    input) is one row: its message, run id and time are brought up to date instead of adding a
    second row, so reruns do not inflate the problem count."""
    row = session.scalars(
        select(IngestProblemRow)
        .where(
            IngestProblemRow.source == source,
            IngestProblemRow.locator == locator,
            IngestProblemRow.code == code,
        )
        .order_by(IngestProblemRow.id)
        .limit(1)
    ).first()
    if row is None:
        row = IngestProblemRow(source=source, locator=locator, code=code, message=message, run_id=run_id)
        session.add(row)
    else:
        row.message, row.run_id, row.created_at = message, run_id, utcnow()
    session.flush()
    return row.id


RETRIED_CODES = ("E601",)
"""Failures of the cluster rather than of the document (its workers kept dying): every run
extracts such a document again, as it does a pending one."""


def _waiting(retry_failed: bool) -> ColumnElement[bool]:
    if retry_failed:
        return DocumentRow.status.in_(["pending", "failed"])
    retried = and_(DocumentRow.status == "failed", DocumentRow.error_code.in_(RETRIED_CODES))
    return or_(DocumentRow.status == "pending", retried)


def documents_to_extract(
    session: Session,
    *,
    limit: int | None = None,
    retry_failed: bool = False,
    ids: Sequence[str] | None = None,
) -> list[InputDocument]:
    """The resume point: documents still waiting for extraction (status ``pending``, those that
    failed on the cluster (:data:`RETRIED_CODES`), and every ``failed`` one with
    ``retry_failed``), oldest first, as extraction inputs; only those among ``ids`` when given.

    Call again after saving a batch with :func:`tolls.store.save_extraction` to get the next
    batch; a crashed run simply resumes where it stopped. Syndicated copies are never returned.
    """
    stmt = select(DocumentRow).where(_waiting(retry_failed)).order_by(DocumentRow.pk)
    if ids is not None:
        stmt = stmt.where(DocumentRow.id.in_(list(ids)))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_input(row) for row in session.scalars(stmt)]


def ids_to_extract(session: Session, *, retry_failed: bool = False) -> list[str]:
    """The ids of :func:`documents_to_extract`, oldest first, without loading any text."""
    stmt = select(DocumentRow.id).where(_waiting(retry_failed)).order_by(DocumentRow.pk)
    return list(session.scalars(stmt))


def coded_documents(session: Session, ids: Sequence[str] | None = None) -> dict[str, CodedEvent]:
    """The dataset rows among the stored documents (those of ``ids`` when given), by document id."""
    stmt = select(DocumentRow.id, DocumentRow.coded).where(DocumentRow.coded.is_not(None))
    if ids is not None:
        stmt = stmt.where(DocumentRow.id.in_(list(ids)))
    out: dict[str, CodedEvent] = {}
    for row in session.execute(stmt.order_by(DocumentRow.pk)):
        found = coded_from_json(row.coded)
        if found is not None:
            out[row.id] = found
    return out


def _input(row: DocumentRow) -> InputDocument:
    return InputDocument(id=row.id, text=row.text, published=row.published, title=row.title, url=row.url)


def _row(session: Session, doc_id: str) -> DocumentRow:
    row = session.scalar(select(DocumentRow).where(DocumentRow.id == doc_id))
    if row is None:
        raise NotFound(ErrorCode.E404, what="Document", name=doc_id)
    return row


def load_document(session: Session, doc_id: str) -> SourceDocument:
    """A stored document back as it was ingested. Raises :class:`~tolls.errors.NotFound`."""
    row = _row(session, doc_id)
    return SourceDocument(
        doc=_input(row),
        source=row.source,
        locator=row.locator,
        format=row.format,
        coded=coded_from_json(row.coded),
    )


def get_document(session: Session, doc_id: str) -> StoredDocument:
    """A document's bookkeeping: status, error, syndication link, times."""
    return stored_document(_row(session, doc_id))


def stored_document(row: DocumentRow) -> StoredDocument:
    """The bookkeeping record of a document row."""
    return StoredDocument(
        id=row.id,
        source=row.source,
        locator=row.locator,
        format=row.format,
        url=row.url,
        title=row.title,
        published=row.published,
        content_hash=row.content_hash,
        canonical_id=row.canonical_id,
        status=row.status,  # type: ignore[arg-type]
        error_code=row.error_code,
        error_message=row.error_message,
        ingested_at=aware(row.ingested_at) or row.ingested_at,
        extracted_at=aware(row.extracted_at),
    )
