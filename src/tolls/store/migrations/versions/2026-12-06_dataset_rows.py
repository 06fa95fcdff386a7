"""dataset rows: documents and events imported from an event dataset keep the row as coded

``tolls ingest FILE --format acled`` (or ``ucdp``) reads each row of an event dataset as one
event: the document is the row's notes, and ``documents.coded`` keeps the row's cells as the
dataset coded them, ``documents.external_id`` its own id (ACLED ``event_id_cnty``). The ledger
event built from it keeps the same row in ``events.coded``, so exports give it back as coded.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("external_id", sa.Text(), nullable=True))
    op.add_column("documents", sa.Column("coded", sa.JSON(none_as_null=True), nullable=True))
    op.create_index("ix_documents_external_id", "documents", ["external_id"], unique=False)
    op.add_column("events", sa.Column("coded", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of ``events`` would trip over
    # the triggers of ``event_names`` and ``event_documents`` that name it
    op.execute("ALTER TABLE events DROP COLUMN coded")
    op.drop_index("ix_documents_external_id", table_name="documents")
    op.execute("ALTER TABLE documents DROP COLUMN coded")
    op.execute("ALTER TABLE documents DROP COLUMN external_id")
