"""event grades: how far each event can be trusted, why, and who set it by hand

Adds ``grade`` (confirmed, fair, weak, contested, discounted: ``tolls.reconcile.grade``),
``grade_reasons`` (a JSON list of sentences) and ``grade_by`` (the analyst who overrode the
computed grade, else NULL) to ``events`` (columns added in place: no CHECK constraint, which
SQLite would add only by rebuilding the table and its triggers), and a partial index for the
list's ``grade`` filter.
Events stored before are marked ``weak``, their reason saying they are not graded yet: the next
reconciliation (``tolls ingest``) grades every unreviewed event.

Revision ID: 0013_grades
Revises: 0012
Create Date: 2026-12-06 15:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_grades"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE = "status NOT IN ('rejected', 'merged')"
_NOT_YET = ["not graded yet: stored before grading; the next reconciliation grades it"]


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("grade", sa.String(length=16), server_default="weak", nullable=False))
        batch.add_column(sa.Column("grade_reasons", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("grade_by", sa.Text(), nullable=True))
    events = sa.table("events", sa.column("grade_reasons", sa.JSON()))
    op.execute(events.update().values(grade_reasons=_NOT_YET))
    op.create_index(
        "ix_events_live_grade",
        "events",
        ["grade", "date_start", "id", "fatalities_best", "status"],
        unique=False,
        sqlite_where=sa.text(_LIVE),
        postgresql_where=sa.text(_LIVE),
    )


def downgrade() -> None:
    op.drop_index("ix_events_live_grade", table_name="events")
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch would rebuild the table, and the
    # triggers on it (event_names_live_*) would name a table that is gone for a moment
    for column in ("grade_by", "grade_reasons", "grade"):
        op.drop_column("events", column)
