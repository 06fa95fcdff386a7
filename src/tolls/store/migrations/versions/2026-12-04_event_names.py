"""event names: the word-starts of events' place and actor names, for the list's name filters

The place and actor filters were ``LIKE '%x%'`` over ``place_key``/``actor_key``: on a
100,000-event ledger that reads the whole live-event index twice (the page and its total), so
they were the slowest filtered lists. ``event_names`` holds every word-start of every name
("spin boldak", "boldak"); a filter is now one range of its primary key ("kab" finds Kabul,
"boldak" finds Spin Boldak), the events found are then read by primary key. On PostgreSQL the
word column uses the "C" collation, so a prefix is a byte range whatever the database locale.
Back-filled here from the existing keys.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WORD_CHARS = 200
_BATCH = 5_000


_WORD = re.compile(r"[^\W_]+")


def _words(key: str) -> list[str]:
    """Frozen copy of ``tolls.store.models.name_words`` as it was at this revision."""
    out: dict[str, None] = {}
    for raw in key.split("|"):
        name = " ".join(raw.split())
        for word in _WORD.finditer(name):
            out[name[word.start() :][:_WORD_CHARS]] = None
    return list(out)


def upgrade() -> None:
    op.create_table(
        "event_names",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("word", sa.Text().with_variant(sa.Text(collation="C"), "postgresql"), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_names_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("kind", "word", "event_id", name=op.f("pk_event_names")),
    )
    op.create_index("ix_event_names_event_id", "event_names", ["event_id"], unique=False)

    events = sa.table("events", sa.column("id", sa.Text()), sa.column("place_key"), sa.column("actor_key"))
    names = sa.table("event_names", sa.column("kind"), sa.column("word"), sa.column("event_id"))
    conn = op.get_bind()

    def rows() -> Iterator[dict[str, str]]:
        keys = conn.execute(sa.select(events.c.id, events.c.place_key, events.c.actor_key)).all()
        for event_id, place_key, actor_key in keys:
            for kind, key in (("place", place_key), ("actor", actor_key)):
                for word in _words(str(key or "")):
                    yield {"kind": kind, "word": word, "event_id": str(event_id)}

    batch: list[dict[str, str]] = []
    for row in rows():
        batch.append(row)
        if len(batch) >= _BATCH:
            conn.execute(names.insert(), batch)
            batch = []
    if batch:
        conn.execute(names.insert(), batch)


def downgrade() -> None:
    op.drop_index("ix_event_names_event_id", table_name="event_names")
    op.drop_table("event_names")
