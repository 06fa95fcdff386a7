"""extraction leases: concurrent ingests claim the documents they extract

Two ``tolls ingest`` runs on one ledger both read the pending documents and extracted each of
them (issue 18): the counts stayed right, the work was done twice. A run now claims a batch of
pending documents by writing one lease per document (its owner and an expiry) before extracting
them, and removes the leases when it saves their results; another run skips a leased document
until the lease expires or its owner is seen to be dead.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "extraction_leases",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_extraction_leases_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_extraction_leases")),
    )
    op.create_index(op.f("ix_extraction_leases_owner"), "extraction_leases", ["owner"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_extraction_leases_owner"), table_name="extraction_leases")
    op.drop_table("extraction_leases")
