"""live events, narrowly: count the whole list from the smallest index

The unfiltered list (and every deep page of it) counts the live events: SQLite read the
narrowest covering index it had, ``ix_events_live_contested`` (eight columns), 5 ms for 96,000
events. This partial index holds the status alone (1.4 ms).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE = "status NOT IN ('rejected', 'merged')"


def upgrade() -> None:
    op.create_index(
        "ix_events_live_status",
        "events",
        ["status"],
        unique=False,
        sqlite_where=sa.text(_LIVE),
        postgresql_where=sa.text(_LIVE),
    )


def downgrade() -> None:
    op.drop_index("ix_events_live_status", table_name="events")
