"""event list indexes: partial covering indexes over live events for filtered, paged lists

On a 100,000-event ledger every list query went through ``ix_events_status`` (SQLite has no
statistics and takes an equality on an indexed column to be selective, but nearly every event is
proposed or accepted), then read and sorted the whole table: 50-1,500 ms a page, and as much
again for the page's ``total``. These indexes hold only live events (``status NOT IN
('rejected', 'merged')``, the predicate :mod:`tolls.store.queries` repeats literally) and carry
the filter columns, so both the page and its count are read from an index: newest first
overall, by bounding box, by type and by contested. They replace the plain ``(lon, lat)`` and
``(contested, date_start)`` indexes, which the planner preferred and then had to visit every
matching row for. The full-text filter maps documents to events through
``ix_event_documents_document_id_event_id`` without reading the link table (it replaces the
one-column ``ix_event_documents_document_id``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 19:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (not imported from the models) so this revision never changes under a later edit.
_LIVE = "status NOT IN ('rejected', 'merged')"
_INDEXES: dict[str, list[str]] = {
    "ix_events_live_date_start": [
        "date_start",
        "id",
        "date_end",
        "contested",
        "lat",
        "lon",
        "type",
        "actor_key",
        "place_key",
        "fatalities_best",
        "status",
    ],
    "ix_events_live_lon_lat": ["lon", "lat", "date_start", "id", "fatalities_best", "status"],
    "ix_events_live_type": ["type", "date_start", "id", "fatalities_best", "status"],
    "ix_events_live_contested": [
        "contested",
        "date_start",
        "id",
        "date_end",
        "lat",
        "lon",
        "fatalities_best",
        "status",
    ],
}


def upgrade() -> None:
    op.drop_index("ix_event_documents_document_id", table_name="event_documents")
    op.create_index(
        "ix_event_documents_document_id_event_id",
        "event_documents",
        ["document_id", "event_id"],
        unique=False,
    )
    op.drop_index("ix_events_contested_date_start", table_name="events")
    op.drop_index("ix_events_lon_lat", table_name="events")
    for name, columns in _INDEXES.items():
        op.create_index(
            name,
            "events",
            columns,
            unique=False,
            sqlite_where=sa.text(_LIVE),
            postgresql_where=sa.text(_LIVE),
        )


def downgrade() -> None:
    for name in reversed(_INDEXES):
        op.drop_index(name, table_name="events")
    op.create_index("ix_events_lon_lat", "events", ["lon", "lat"], unique=False)
    op.create_index("ix_events_contested_date_start", "events", ["contested", "date_start"], unique=False)
    op.drop_index("ix_event_documents_document_id_event_id", table_name="event_documents")
    op.create_index("ix_event_documents_document_id", "event_documents", ["document_id"], unique=False)
