"""a living ledger: the change log, webhook deliveries, watched sources and their runs (issue 21)

- ``ledger_changes``: one row per change of the ledger (a new event, a claim joining an event, an
  estimate or ``contested`` flag or grade that moved, events merged, an event gone, a review
  action), with the value before and after; its integer id is the cursor of
  ``GET /api/v1/changes`` and of the Atom feeds.
- ``webhook_deliveries``: each signed POST of a batch of changes to a configured webhook, its
  attempts, last answer and when it is retried; the highest change a hook's deliveries cover is
  its cursor (a range none of whose changes passed the hook's filters is kept as ``skipped``).
- ``watch_sources``: each source ``tolls watch`` polls (its url, outlet, kind and interval as
  the sources file says), with its validators (ETag,
  Last-Modified) for conditional GETs, its consecutive failures and when it may be polled again.
- ``watch_runs``: one row per poll of a source (items seen, new, failed, duration); a row without
  ``finished_at`` is a poll that runs or was interrupted, ``owner`` names the watching process
  (host, pid, start time: as an extraction lease does) so that a restart can tell the two apart;
  ``reconciled`` says the ledger was rebuilt with its items (a watch killed before that rebuilds
  it when it starts again).
- ``watch_items``: each item url read from a feed, and the document it became, so a restarted
  watch does not fetch it again.

Revision ID: 0014_living
Revises: 0013_grades
Create Date: 2026-12-06 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_living"
down_revision: str | Sequence[str] | None = "0013_grades"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ledger_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("run", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_changes")),
    )
    op.create_index("ix_ledger_changes_event_id_id", "ledger_changes", ["event_id", "id"], unique=False)
    op.create_index("ix_ledger_changes_at", "ledger_changes", ["at"], unique=False)
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hook", sa.Text(), nullable=False),
        sa.Column("change_first", sa.Integer(), nullable=False),
        sa.Column("change_last", sa.Integer(), nullable=False),
        sa.Column("change_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
    )
    op.create_index("ix_webhook_deliveries_hook_id", "webhook_deliveries", ["hook", "id"], unique=False)
    op.create_index(
        "ux_webhook_deliveries_hook_change_first",
        "webhook_deliveries",
        ["hook", "change_first"],
        unique=True,
    )
    op.create_table(
        "watch_sources",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("interval_seconds", sa.Float(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_status", sa.String(length=16), nullable=True),
        sa.Column("last_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_watch_sources")),
    )
    op.create_table(
        "watch_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("cycle", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.Column("items_new", sa.Integer(), nullable=False),
        sa.Column("items_failed", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("reconciled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_runs")),
    )
    op.create_index("ix_watch_runs_source_id", "watch_runs", ["source", "id"], unique=False)
    op.create_table(
        "watch_items",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_watch_items")),
    )
    op.create_index(op.f("ix_watch_items_source"), "watch_items", ["source"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_watch_items_source"), table_name="watch_items")
    op.drop_table("watch_items")
    op.drop_index("ix_watch_runs_source_id", table_name="watch_runs")
    op.drop_table("watch_runs")
    op.drop_table("watch_sources")
    op.drop_index("ux_webhook_deliveries_hook_change_first", table_name="webhook_deliveries")
    op.drop_index("ix_webhook_deliveries_hook_id", table_name="webhook_deliveries")
    op.drop_table("webhook_deliveries")
    op.drop_index("ix_ledger_changes_at", table_name="ledger_changes")
    op.drop_index("ix_ledger_changes_event_id_id", table_name="ledger_changes")
    op.drop_table("ledger_changes")
