"""initial schema: documents, claims, doc events, the ledger, review versions, full-text search

Full-text search is backend-specific and not in the ORM metadata: on SQLite an FTS5
external-content table ``documents_fts`` over ``documents(title, text)`` kept in sync by
triggers; on PostgreSQL a GIN index ``ix_documents_fts`` on the same tsvector expression that
:mod:`tolls.store.search` queries.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 10:25:47.880108
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (not imported) so this revision never changes under a later edit of the query code.
_FTS_SQLITE = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "title, text, content='documents', content_rowid='pk', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); "
    "END",
    "CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
)
_FTS_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS documents_fts_au",
    "DROP TRIGGER IF EXISTS documents_fts_ad",
    "DROP TRIGGER IF EXISTS documents_fts_ai",
    "DROP TABLE IF EXISTS documents_fts",
)
_FTS_POSTGRESQL = (
    "CREATE INDEX ix_documents_fts ON documents USING gin "
    "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text))",
)
_FTS_POSTGRESQL_DROP = ("DROP INDEX IF EXISTS ix_documents_fts",)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("canonical_id", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error_code", sa.String(length=8), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'extracted', 'failed', 'syndicated')", name=op.f("ck_documents_status")
        ),
        sa.ForeignKeyConstraint(
            ["canonical_id"],
            ["documents.id"],
            name=op.f("fk_documents_canonical_id_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_documents")),
        sa.UniqueConstraint("id", name=op.f("uq_documents_id")),
    )
    op.create_index(op.f("ix_documents_canonical_id"), "documents", ["canonical_id"], unique=False)
    op.create_index(op.f("ix_documents_content_hash"), "documents", ["content_hash"], unique=False)
    op.create_index(op.f("ix_documents_published"), "documents", ["published"], unique=False)
    op.create_index(op.f("ix_documents_status"), "documents", ["status"], unique=False)
    op.create_index(op.f("ix_documents_url"), "documents", ["url"], unique=False)
    op.create_index(
        "uq_documents_content_hash_original",
        "documents",
        ["content_hash"],
        unique=True,
        sqlite_where=sa.text("canonical_id IS NULL"),
        postgresql_where=sa.text("canonical_id IS NULL"),
    )

    op.create_table(
        "events",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=False),
        sa.Column("locations", sa.JSON(), nullable=False),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_best", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("has_fatalities", sa.Boolean(), nullable=False),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("merged_into", sa.Text(), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("reviewed_by", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('proposed', 'accepted', 'rejected', 'merged')", name=op.f("ck_events_status")
        ),
        sa.ForeignKeyConstraint(
            ["merged_into"], ["events.id"], name=op.f("fk_events_merged_into_events"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_date_start"), "events", ["date_start"], unique=False)
    op.create_index(op.f("ix_events_reviewed"), "events", ["reviewed"], unique=False)
    op.create_index(op.f("ix_events_status"), "events", ["status"], unique=False)
    op.create_index(op.f("ix_events_type"), "events", ["type"], unique=False)

    op.create_table(
        "ingest_problems",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("run_id", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_problems")),
    )
    op.create_index(op.f("ix_ingest_problems_run_id"), "ingest_problems", ["run_id"], unique=False)

    op.create_table(
        "versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_versions")),
    )
    op.create_index("ix_versions_entity_entity_id", "versions", ["entity", "entity_id"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("doc_event", sa.Integer(), nullable=True),
        sa.Column("claimant_name", sa.Text(), nullable=False),
        sa.Column("claimant_country", sa.String(length=3), nullable=False),
        sa.Column("claimant_inter", sa.Integer(), nullable=True),
        sa.Column("claimant_start", sa.Integer(), nullable=True),
        sa.Column("claimant_end", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("victims_name", sa.Text(), nullable=False),
        sa.Column("victims_country", sa.String(length=3), nullable=False),
        sa.Column("victims_inter", sa.Integer(), nullable=True),
        sa.Column("victims_start", sa.Integer(), nullable=True),
        sa.Column("victims_end", sa.Integer(), nullable=True),
        sa.Column("figure_text", sa.Text(), nullable=False),
        sa.Column("figure_value", sa.Integer(), nullable=True),
        sa.Column("figure_low", sa.Integer(), nullable=True),
        sa.Column("figure_high", sa.Integer(), nullable=True),
        sa.Column("figure_qualifier", sa.String(length=16), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("subset", sa.Boolean(), nullable=False),
        sa.Column("prior", sa.Boolean(), nullable=False),
        sa.Column("tally", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("reviewed_by", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('extracted', 'accepted', 'corrected', 'rejected')", name=op.f("ck_claims_status")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_claims_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_document_id"), "claims", ["document_id"], unique=False)
    op.create_index(op.f("ix_claims_kind"), "claims", ["kind"], unique=False)
    op.create_index(op.f("ix_claims_reviewed"), "claims", ["reviewed"], unique=False)
    op.create_index(op.f("ix_claims_status"), "claims", ["status"], unique=False)

    op.create_table(
        "doc_events",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=False),
        sa.Column("date_span_start", sa.Integer(), nullable=True),
        sa.Column("date_span_end", sa.Integer(), nullable=True),
        sa.Column("locations", sa.JSON(), nullable=False),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_best", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("has_fatalities", sa.Boolean(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "idx", name=op.f("pk_doc_events")),
    )
    op.create_table(
        "estimates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("victim_group", sa.String(length=16), nullable=False),
        sa.Column("victims", sa.JSON(), nullable=False),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("claim_ids", sa.JSON(), nullable=False),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_estimates_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_estimates")),
    )
    op.create_index(op.f("ix_estimates_event_id"), "estimates", ["event_id"], unique=False)

    op.create_table(
        "event_documents",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_event_documents_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_documents_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "document_id", name=op.f("pk_event_documents")),
    )
    op.create_index(op.f("ix_event_documents_document_id"), "event_documents", ["document_id"], unique=False)

    op.create_table(
        "merge_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("doc_event", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("linked", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name=op.f("fk_merge_decisions_doc_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_decisions")),
    )
    op.create_index(op.f("ix_merge_decisions_doc_id"), "merge_decisions", ["doc_id"], unique=False)
    op.create_index(op.f("ix_merge_decisions_event_id"), "merge_decisions", ["event_id"], unique=False)

    op.create_table(
        "event_claims",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_event_claims_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_claims_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "claim_id", name=op.f("pk_event_claims")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_event_claims_claim_id")),
    )
    _create_fts()


def _create_fts() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _FTS_SQLITE if dialect == "sqlite" else _FTS_POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _FTS_SQLITE_DROP if dialect == "sqlite" else _FTS_POSTGRESQL_DROP:
        op.execute(statement)
    for table in (
        "event_claims",
        "merge_decisions",
        "event_documents",
        "estimates",
        "doc_events",
        "claims",
        "versions",
        "ingest_problems",
        "events",
        "documents",
    ):
        op.drop_table(table)
