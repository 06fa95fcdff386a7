"""Event datasets read as what they are: each row of an ACLED or UCDP GED CSV file is one event.

A row becomes a document whose text is the row's notes (ACLED ``notes``, UCDP ``source_headline``)
and which carries the row as coded (:class:`~tolls.model.CodedEvent`: its cells, its own id).
Extraction reads the notes for claims and attaches every one of them to that event
(:func:`coded_incident`), never to incidents of its own; rows are never syndicated copies of each
other, however alike their notes.

Both of ACLED's column sets are read: the 2016 one (``GWNO``, ``EVENT_ID_CNTY``, ``ALLY_ACTOR_1``,
nine event types such as ``Battle-No change of territory``, dates as ``30/12/2015``) and the
current one (``event_id_cnty``, ``sub_event_type``, ``assoc_actor_1``, inter codes as numbers or
text labels, ISO dates). How their values read as tolls values is data
(``tolls/data/datasets/acled.json``, ``ucdp.json``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any, Literal

import pycountry

from tolls.data import data_path, load_json
from tolls.errors import ErrorCode, IngestError
from tolls.ingest.base import Item, Payload, problem, unexpected
from tolls.ingest.clean import unclean
from tolls.ingest.csvfile import table_rows
from tolls.ingest.tables import TableOptions, read_date
from tolls.model import (
    CodedEvent,
    DatePrecision,
    DateSpan,
    Event,
    Fatalities,
    InputDocument,
    Party,
    Place,
    PlacePrecision,
    SourceDocument,
)

__all__ = ["coded_incident", "read_acled", "read_ucdp"]

Dataset = Literal["acled", "ucdp"]
_ACLED_DATES = ("%d/%m/%Y", "%d %B %Y", "%Y-%m-%d")
_UCDP_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


class _RowError(ValueError):
    """A cell the row's event cannot be read from (becomes E327 for that row)."""


def _acled() -> dict[str, Any]:
    data: dict[str, Any] = load_json("datasets", "acled.json")
    return data


def _ucdp() -> dict[str, Any]:
    data: dict[str, Any] = load_json("datasets", "ucdp.json")
    return data


@lru_cache(maxsize=1)
def _gwno() -> dict[str, str]:
    import csv

    with data_path("export", "countries.csv").open(encoding="utf-8", newline="") as fh:
        return {row["gwno"]: row["iso3"] for row in csv.DictReader(fh) if row["gwno"]}


@lru_cache(maxsize=512)
def _iso3(name: str, gwno: str = "", iso_numeric: str = "") -> str:
    """ISO 3166-1 alpha-3 of a dataset's country: by its ISO number, its Gleditsch-Ward number,
    ACLED's own spelling, then any name pycountry knows; ``""`` when none tells."""
    if iso_numeric.strip().isdigit():
        pc = pycountry.countries.get(numeric=iso_numeric.strip().zfill(3))
        if pc is not None:
            return str(pc.alpha_3)
    if gwno.strip() in _gwno():
        return _gwno()[gwno.strip()]
    alias = _acled()["country_names"].get(name.strip())
    if alias:
        return str(alias)
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_3) if name.strip() else ""
    except LookupError:
        return ""


def _int(value: str, column: str, *, required: bool = False) -> int | None:
    v = value.strip()
    if not v:
        if required:
            raise _RowError(f"`{column}` is empty")
        return None
    try:
        return int(float(v))
    except ValueError:
        raise _RowError(f"`{column}` {value!r} is not a number") from None


def _float(value: str, column: str) -> float | None:
    v = value.strip()
    if not v:
        return None
    try:
        number = float(v)
    except ValueError:
        raise _RowError(f"`{column}` {value!r} is not a number") from None
    return number if number == number else None  # NaN: no coordinate


def _day(value: str, column: str, date_format: str | None, formats: tuple[str, ...]) -> date:
    for fmt in (date_format, *formats):
        if fmt is None:
            continue
        found = read_date(value, fmt)
        if found is not None:
            return found
    if not value.strip():
        raise _RowError(f"`{column}` is empty")
    how = f"a {date_format!r} date" if date_format else "a date (see --date-format)"
    raise _RowError(f"`{column}` {value!r} is not {how}")


def _inter(value: str, column: str) -> int | None:
    v = value.strip()
    if not v:
        return None
    label = _acled()["inter_labels"].get(v.lower())
    if label is not None:
        return int(label)
    code = _int(v, column)
    return code


def _acled_type(cells: dict[str, str]) -> str:
    family, sub = cells.get("event_type", "").strip(), cells.get("sub_event_type", "").strip()
    if not family:
        raise _RowError("`event_type` is empty")
    old = _acled()["types_2016"].get(family)
    if old is not None and not sub:
        if family == "Riots/Protests" and cells.get("inter1", "").strip() == "5":
            return "Riots"
        return str(old)
    return f"{family}/{sub}" if sub else family


def _acled_actors(cells: dict[str, str]) -> list[Party]:
    out: list[Party] = []
    for n in ("1", "2"):
        inter = _inter(cells.get(f"inter{n}", ""), f"inter{n}")
        names = [cells.get(f"actor{n}", "")]
        for column in (f"assoc_actor_{n}", f"ally_actor_{n}"):
            names += cells.get(column, "").split(";")
        for name in (x.strip() for x in names):
            if name and all(p.name != name for p in out):
                out.append(Party(name=name, inter=inter))
    return out


def _acled_event(cells: dict[str, str], date_format: str | None) -> tuple[Event, str]:
    data = _acled()
    day = _day(cells.get("event_date", ""), "event_date", date_format, _ACLED_DATES)
    dprec: DatePrecision = data["time_precision"].get(cells.get("time_precision", "").strip(), "day")
    iso3 = _iso3(cells.get("country", ""), cells.get("gwno", ""), cells.get("iso", ""))
    lat, lon = _float(cells.get("latitude", ""), "latitude"), _float(cells.get("longitude", ""), "longitude")
    pprec: PlacePrecision | None = data["geo_precision"].get(cells.get("geo_precision", "").strip())
    name = cells.get("location", "").strip() or cells.get("admin1", "").strip() or cells.get("country", "")
    places = [
        Place(
            name=name.strip(),
            admin1=cells.get("admin1", "").strip(),
            country=iso3,
            precision=pprec if lat is not None else None,
            lat=lat if lon is not None else None,
            lon=lon if lat is not None else None,
        )
    ]
    killed = _int(cells.get("fatalities", ""), "fatalities")
    notes = cells.get("notes", "").strip()
    event = Event(
        type=_acled_type(cells),
        dates=DateSpan(day, day, dprec, text=cells.get("event_date", "").strip()),
        locations=[p for p in places if p.name],
        actors=_acled_actors(cells),
        fatalities=Fatalities(killed, killed, killed) if killed is not None else None,
        summary=notes,
    )
    return event, notes


def _ucdp_event(cells: dict[str, str], date_format: str | None) -> tuple[Event, str]:
    data = _ucdp()

    def day(column: str) -> date:
        value = cells.get(column, "")
        m = _UCDP_DAY.match(value)
        return _day(m[1] if m else value, column, date_format, ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y"))

    start = day("date_start")
    end = day("date_end") if cells.get("date_end", "").strip() else start
    violence = cells.get("type_of_violence", "").strip()
    etype = data["type_of_violence"].get(violence)
    if etype is None:
        raise _RowError(f"`type_of_violence` {violence!r} is not 1, 2 or 3")
    iso3 = _iso3(cells.get("country", ""), cells.get("country_id", ""))
    lat, lon = _float(cells.get("latitude", ""), "latitude"), _float(cells.get("longitude", ""), "longitude")
    pprec: PlacePrecision | None = data["where_prec"].get(cells.get("where_prec", "").strip())
    name = cells.get("where_coordinates", "").strip() or cells.get("adm_1", "").strip()
    actors = [
        Party(
            name=cells.get(side, "").strip(),
            inter=1 if cells.get(side, "").startswith("Government of") else None,
        )
        for side in ("side_a", "side_b")
        if cells.get(side, "").strip()
    ]
    if violence == "3":
        actors.append(Party(name="Civilians", country=iso3, inter=7))
    best = _int(cells.get("best", ""), "best")
    low = _int(cells.get("low", ""), "low")
    high = _int(cells.get("high", ""), "high")
    text = cells.get("source_headline", "").strip() or cells.get("where_description", "").strip()
    event = Event(
        type=etype,
        dates=DateSpan(start, end, data["date_prec"].get(cells.get("date_prec", "").strip(), "day")),
        locations=[
            Place(
                name=name.split("(")[0].strip() or name,
                admin1=cells.get("adm_1", "").strip(),
                country=iso3,
                precision=pprec if lat is not None and lon is not None else None,
                lat=lat if lon is not None else None,
                lon=lon if lat is not None else None,
            )
        ]
        if name
        else [],
        actors=actors,
        fatalities=Fatalities(low if low is not None else best, best, high if high is not None else best)
        if best is not None
        else None,
        summary=text,
    )
    return event, text


_ID_COLUMN: dict[Dataset, str] = {"acled": "event_id_cnty", "ucdp": "id"}
_REQUIRED: dict[Dataset, tuple[str, ...]] = {
    "acled": ("event_id_cnty", "event_date", "event_type"),
    "ucdp": ("id", "date_start", "type_of_violence"),
}


def _fallback_text(coded: CodedEvent, event: Event) -> str:
    """A text for a row without notes (the event is kept; nothing is extracted from it)."""
    where = event.locations[0].name if event.locations else ""
    return f"{coded.dataset.upper()} event {coded.external_id}: {event.type}" + (
        f", {where}" if where else ""
    )


def coded_incident(coded: CodedEvent) -> Event:
    """The event a dataset row codes, as a tolls incident (type, dates, place, actors,
    fatalities), its dates read with the row's own ``date_format``; raises ``ValueError`` for
    a row whose cells do not read."""
    cells = dict(coded.values)
    if coded.dataset == "acled":
        return _acled_event(cells, coded.date_format)[0]
    return _ucdp_event(cells, coded.date_format)[0]


def _row_document(
    dataset: Dataset, n: int, cells: dict[str, str], payload: Payload, date_format: str | None
) -> SourceDocument:
    external = cells.get(_ID_COLUMN[dataset], "").strip()
    if not external:
        raise _RowError(f"`{_ID_COLUMN[dataset]}` is empty")
    for column, value in cells.items():
        what = unclean(value)
        if what is not None:
            raise _RowError(f"`{column}` holds {what}")
    reader = _acled_event if dataset == "acled" else _ucdp_event
    event, text = reader(cells, date_format)
    coded = CodedEvent(
        dataset=dataset, external_id=external, values=tuple(sorted(cells.items())), date_format=date_format
    )
    doc = InputDocument(
        id=f"{payload.doc_id}#{external}",
        text=text or _fallback_text(coded, event),
        published=event.dates.start,
        title=None,
        url=None,
    )
    return SourceDocument(doc=doc, source=payload.source, locator=f"row {n}", format=dataset, coded=coded)


def _read(dataset: Dataset, payload: Payload, options: TableOptions | None) -> Iterator[Item]:
    date_format = options.date_format if options else None
    seen: set[str] = set()
    for got in table_rows(payload, required=_REQUIRED[dataset]):
        if not isinstance(got, tuple):
            yield got
            continue
        n, cells = got
        try:
            document = _row_document(dataset, n, cells, payload, date_format)
            if document.coded is not None and document.coded.external_id in seen:
                raise _RowError(f"id {document.coded.external_id!r} is already a row of this file")
            if document.coded is not None:
                seen.add(document.coded.external_id)
            yield document
        except _RowError as exc:
            error = IngestError(
                ErrorCode.E327, row=n, source=payload.source, dataset=dataset.upper(), reason=str(exc)
            )
            yield problem(error, source=payload.source, locator=f"row {n}")
        except Exception as exc:  # isolation: one row never ends the file
            yield unexpected(exc, item=f"Row {n}", source=payload.source, locator=f"row {n}")


def read_acled(payload: Payload, options: TableOptions | None = None) -> Iterator[Item]:
    """One event per row of an ACLED CSV file (2016 or current column set)."""
    return _read("acled", payload, options)


def read_ucdp(payload: Payload, options: TableOptions | None = None) -> Iterator[Item]:
    """One event per row of a UCDP GED CSV file."""
    return _read("ucdp", payload, options)
