"""Events imported from an event dataset, given back as the dataset coded them.

An ACLED row read by ``tolls ingest --format acled`` keeps its cells (:class:`~tolls.model.CodedEvent`);
its ACLED export row is ACLED's own: the row's id as ``event_id_cnty``, its date, type, actors,
inter codes, place, coordinates and fatalities as coded, whichever of ACLED's column sets it came
in (2016's ``ALLY_ACTOR_1`` is ``assoc_actor_1``, ``30/12/2015`` is ``2015-12-30``). ``notes``
is ACLED's note followed by the claims tolls read from it.
"""

from __future__ import annotations

from tolls.export.notes import dispute_account
from tolls.model import CodedEvent, LedgerEvent

__all__ = ["coded_acled_columns"]

# current column -> the columns that hold it, current name first, then the 2016 one
_ACLED_CELLS: dict[str, tuple[str, ...]] = {
    "year": ("year",),
    "time_precision": ("time_precision",),
    "disorder_type": ("disorder_type",),
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type",),
    "actor1": ("actor1",),
    "assoc_actor_1": ("assoc_actor_1", "ally_actor_1"),
    "inter1": ("inter1",),
    "actor2": ("actor2",),
    "assoc_actor_2": ("assoc_actor_2", "ally_actor_2"),
    "inter2": ("inter2",),
    "interaction": ("interaction",),
    "civilian_targeting": ("civilian_targeting",),
    "iso": ("iso",),
    "region": ("region",),
    "country": ("country",),
    "admin1": ("admin1",),
    "admin2": ("admin2",),
    "admin3": ("admin3",),
    "location": ("location",),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "geo_precision": ("geo_precision",),
    "source": ("source",),
    "source_scale": ("source_scale",),
    "fatalities": ("fatalities",),
    "tags": ("tags",),
    "timestamp": ("timestamp",),
}


def _cell(row: CodedEvent, names: tuple[str, ...]) -> str | None:
    """The row's cell for a column (``None`` when the row's column set has no such column)."""
    have = dict(row.values)
    return next((have[n] for n in names if n in have), None)


def coded_acled_columns(event: LedgerEvent) -> dict[str, object]:
    """The ACLED columns of an event imported from ACLED, as ACLED coded them (an empty dict for
    any other event): laid over the row tolls derives, they replace what ACLED said itself."""
    row = event.coded
    if row is None or row.dataset != "acled":
        return {}
    out: dict[str, object] = {}  # the id: the row's own, as in every export (``_common.event_id``)
    for column, names in _ACLED_CELLS.items():
        cell = _cell(row, names)
        if cell is not None:
            out[column] = cell
    day = event.dates.start
    if day is not None:  # the date as read at ingest (any of ACLED's date spellings), in ISO form
        out["event_date"] = day.isoformat()
        out.setdefault("year", day.year)
    note = row.get("notes").strip()
    claims = dispute_account(event.claims)
    out["notes"] = " ".join(p for p in (note, f"[tolls] {claims}" if claims else "") if p)
    return out
