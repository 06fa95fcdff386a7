"""live events by fatalities: the deadliest-first list walks an index instead of sorting

``sort=-fatalities`` with a broad filter (``type=Battles``: 29,000 of 100,000 events) sorted
every match for each page: 4.9 ms of the request. This partial index over live events, in the
list's order (``fatalities_best`` descending with unknown figures last, then ``id``) and
carrying the filter columns, lets such a page stop after its rows (0.1 ms). Written per
backend: SQLite orders NULLs last when descending and takes no ``NULLS LAST`` in an index;
PostgreSQL needs it said.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "id, date_start, date_end, contested, lat, lon, type, status"
_LIVE = "status NOT IN ('rejected', 'merged')"


def upgrade() -> None:
    bind = op.get_bind()
    order = "fatalities_best DESC" if bind.dialect.name == "sqlite" else "fatalities_best DESC NULLS LAST"
    bind.exec_driver_sql(
        f"CREATE INDEX ix_events_live_fatalities ON events ({order}, {_COLUMNS}) WHERE {_LIVE}"
    )


def downgrade() -> None:
    op.get_bind().exec_driver_sql("DROP INDEX IF EXISTS ix_events_live_fatalities")
