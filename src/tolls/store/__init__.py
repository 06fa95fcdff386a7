"""The ledger store: SQLAlchemy 2 models, Alembic migrations, core functions and review.

Everything takes a :class:`~sqlalchemy.orm.Session` (from :func:`session_scope`) and typed
inputs, and returns :mod:`tolls.model` dataclasses or the records of
:mod:`tolls.store.records`; ORM rows stay inside. The caller owns the transaction: batch
writes in one ``session_scope`` (SQLite has a single writer). See ``docs/store.md``.

>>> engine = make_engine(settings.db)  # doctest: +SKIP
>>> upgrade(engine)
>>> with session_scope(engine, write=True) as session:
...     add_document(session, source_doc)
"""

from tolls.store.claims import claim_id, get_claim, load_claims, load_doc_events, save_extraction
from tolls.store.documents import (
    add_document,
    coded_documents,
    content_hash,
    documents_to_extract,
    get_document,
    ids_to_extract,
    load_document,
    record_problem,
)
from tolls.store.engine import make_engine, make_sessionmaker, session_scope, writer
from tolls.store.ledger import load_ledger, lock_ledger, regrade_event, replace_estimates, replace_ledger
from tolls.store.migrate import current_revision, ensure_current, head_revision, require_ledger, upgrade
from tolls.store.records import (
    AddResult,
    LedgerResult,
    SaveResult,
    SearchHit,
    StoredClaim,
    StoredDocument,
    StoredEvent,
    VersionRecord,
)
from tolls.store.review import (
    accept_claim,
    accept_event,
    correct_claim,
    get_event,
    grade_event_by_hand,
    history,
    merge_events,
    reject_claim,
    reject_event,
    split_event,
)
from tolls.store.search import compact_search_index, search_documents
from tolls.store.stats import counts
from tolls.store.users import (
    Credentials,
    UserRecord,
    add_user,
    authenticate,
    check_credentials,
    create_token,
    create_web_session,
    end_web_session,
    get_user,
    has_role,
    list_users,
    purge_expired_sessions,
    read_credentials,
    revoke_tokens,
    set_password,
    set_role,
    user_for_token,
    web_session_user,
)

__all__ = [
    "AddResult",
    "Credentials",
    "LedgerResult",
    "SaveResult",
    "SearchHit",
    "StoredClaim",
    "StoredDocument",
    "StoredEvent",
    "UserRecord",
    "VersionRecord",
    "accept_claim",
    "accept_event",
    "add_document",
    "add_user",
    "authenticate",
    "check_credentials",
    "claim_id",
    "coded_documents",
    "compact_search_index",
    "content_hash",
    "correct_claim",
    "counts",
    "create_token",
    "create_web_session",
    "current_revision",
    "documents_to_extract",
    "end_web_session",
    "ensure_current",
    "get_claim",
    "get_document",
    "get_event",
    "get_user",
    "grade_event_by_hand",
    "has_role",
    "head_revision",
    "history",
    "ids_to_extract",
    "list_users",
    "load_claims",
    "load_doc_events",
    "load_document",
    "load_ledger",
    "lock_ledger",
    "make_engine",
    "make_sessionmaker",
    "merge_events",
    "purge_expired_sessions",
    "read_credentials",
    "record_problem",
    "regrade_event",
    "reject_claim",
    "reject_event",
    "replace_estimates",
    "replace_ledger",
    "require_ledger",
    "revoke_tokens",
    "save_extraction",
    "search_documents",
    "session_scope",
    "set_password",
    "set_role",
    "split_event",
    "upgrade",
    "user_for_token",
    "web_session_user",
    "writer",
]
