"""users, API tokens and web sessions; events' search columns for fast filtered lists

The web app signs people in (``users``, ``web_sessions``) and scripts in (``api_tokens``, only
hashes stored). Events gain ``lat``/``lon``/``country``/``place_key``/``actor_key``, derived from
their ``locations`` and ``actors`` JSON (kept in step by the ORM, back-filled here), so bounding
box, place and actor filters use indexes instead of parsing JSON on every row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _keys(locations: list[Any], actors: list[Any]) -> dict[str, Any]:
    """Frozen copy of ``tolls.store.models.search_keys`` as it was at this revision."""
    located = next((p for p in locations if p.get("lat") is not None and p.get("lon") is not None), None)
    first = located or (locations[0] if locations else {})
    places = [str(p.get("name", "")).strip().lower() for p in locations]
    parties = [str(a.get("name", "")).strip().lower() for a in actors]
    parties += [str(a.get("country", "")).strip().lower() for a in actors]
    return {
        "lat": located.get("lat") if located else None,
        "lon": located.get("lon") if located else None,
        "country": str(first.get("country", "") or "")[:3],
        "place_key": "|" + "|".join(dict.fromkeys(p for p in places if p)) + "|",
        "actor_key": "|" + "|".join(dict.fromkeys(p for p in parties if p)) + "|",
    }


def _json(value: Any) -> list[Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('viewer', 'analyst', 'admin')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_users")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["username"], ["users.username"], name=op.f("fk_api_tokens_username_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_username"), "api_tokens", ["username"], unique=False)
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["username"], ["users.username"], name=op.f("fk_web_sessions_username_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"], unique=False)
    op.create_index(op.f("ix_web_sessions_username"), "web_sessions", ["username"], unique=False)

    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch.add_column(sa.Column("country", sa.String(length=3), nullable=False, server_default=""))
        batch.add_column(sa.Column("place_key", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("actor_key", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("events") as batch:
        batch.alter_column("country", server_default=None)
        batch.alter_column("place_key", server_default=None)
        batch.alter_column("actor_key", server_default=None)
    op.create_index(op.f("ix_events_country"), "events", ["country"], unique=False)
    op.create_index("ix_events_lon_lat", "events", ["lon", "lat"], unique=False)
    op.create_index("ix_events_contested_date_start", "events", ["contested", "date_start"], unique=False)

    events = sa.table(
        "events",
        sa.column("id", sa.Text()),
        sa.column("locations", sa.JSON()),
        sa.column("actors", sa.JSON()),
        sa.column("lat", sa.Float()),
        sa.column("lon", sa.Float()),
        sa.column("country", sa.String()),
        sa.column("place_key", sa.Text()),
        sa.column("actor_key", sa.Text()),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(events.c.id, events.c.locations, events.c.actors)).all()
    for event_id, locations, actors in rows:
        conn.execute(
            events.update().where(events.c.id == event_id).values(**_keys(_json(locations), _json(actors)))
        )


def downgrade() -> None:
    op.drop_index("ix_events_contested_date_start", table_name="events")
    op.drop_index("ix_events_lon_lat", table_name="events")
    op.drop_index(op.f("ix_events_country"), table_name="events")
    with op.batch_alter_table("events") as batch:
        for column in ("actor_key", "place_key", "country", "lon", "lat"):
            batch.drop_column(column)
    op.drop_index(op.f("ix_web_sessions_username"), table_name="web_sessions")
    op.drop_index(op.f("ix_web_sessions_expires_at"), table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_index(op.f("ix_api_tokens_username"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
