"""Query parameters with a real schema: ``bbox`` (4 or 6 numbers, WGS84 degrees) and
``datetime`` (an RFC 3339 instant or interval), declared in the OpenAPI document as what they
are, so a client (or schemathesis) building values from the schema gets them accepted, and
parsed here; anything else is refused with 400 / E430.

FastAPI receives both as one string (``bbox`` is a comma-separated array: ``style: form,
explode: false``, see :mod:`tolls.web.openapi`); the schemas replace the string's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from tolls.errors import ErrorCode, InputError

__all__ = [
    "BBOX_SCHEMA",
    "DATETIME_PATTERN",
    "BboxQuery",
    "CountryQuery",
    "DatetimeQuery",
    "day_query",
    "instant_query",
    "no_unknown_parameters",
    "parse_bbox",
    "parse_datetime",
    "parse_day",
    "parse_instant",
]

_LON = {"type": "number", "minimum": -180, "maximum": 180}
_LAT = {"type": "number", "minimum": -90, "maximum": 90}
_Z = {"type": "number", "minimum": -1e9, "maximum": 1e9, "description": "height (ignored)"}
BBOX_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {"type": "number"},
    "oneOf": [
        {"minItems": 4, "maxItems": 4, "prefixItems": [_LON, _LAT, _LON, _LAT]},
        {"minItems": 6, "maxItems": 6, "prefixItems": [_LON, _LAT, _Z, _LON, _LAT, _Z]},
    ],
}
"""OGC API - Features' ``bbox``: min lon, min lat, (min height,) max lon, max lat, (max
height). A box whose min lon is east of its max lon crosses the antimeridian; one whose min lat
is north of its max lat holds nothing."""

_DATE = (
    r"\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-9]))"
)
_TIME = r"([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)"
_INSTANT = rf"{_DATE}([Tt ]{_TIME})?"
DATETIME_PATTERN = rf"^({_INSTANT}(/({_INSTANT}|\.\.)?)?|(\.\.)?/{_INSTANT})$"
"""An RFC 3339 date or date-time, or an interval of two with either end open (``..`` or
empty), as OGC API - Features' ``datetime`` takes it."""

_MAX_CHARS = 1_000


def _schema(schema: dict[str, Any]) -> Any:
    def replace(target: dict[str, Any]) -> None:
        description = target.get("description")
        target.clear()
        target.update(schema)
        if description:
            target["description"] = description

    return replace


BboxQuery = Annotated[
    str | None,
    Query(
        description="Only events inside this box: min_lon,min_lat,max_lon,max_lat (WGS84 degrees; "
        "a 6-number 3D box's heights are ignored).",
        json_schema_extra=_schema(BBOX_SCHEMA),
    ),
]
DatetimeQuery = Annotated[
    str | None,
    Query(
        alias="datetime",
        description="Only events on this day or overlapping this interval: an RFC 3339 date or "
        "date-time, or an interval `start/end` with `..` (or nothing) for an open end (one that "
        "ends before it starts holds nothing). Events are dated by day: a date-time counts for the "
        "day it names.",
        json_schema_extra=_schema({"type": "string", "pattern": DATETIME_PATTERN}),
    ),
]


def day_query(description: str) -> Any:
    """A query parameter holding a day as RFC 3339's full-date (``YYYY-MM-DD``) and nothing
    else (pydantic's ``date`` would also take ``0``, a Unix time, and midnight date-times);
    read it with :func:`parse_day`."""
    return Query(description=description, json_schema_extra=_schema({"type": "string", "format": "date"}))


CountryQuery = Annotated[
    str | None,
    Query(
        pattern="^[A-Za-z]{3}$",
        description="Only events in this country: its ISO 3166-1 alpha-3 code (the first located place's).",
        examples=["AFG"],
    ),
]


def _invalid(reason: str) -> InputError:
    return InputError(ErrorCode.E430, reason=reason)


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` (or the 6-number 3D form) as a 2D box, or None
    when not given."""
    if bbox is None:
        return None
    usage = f"bbox must be min_lon,min_lat,max_lon,max_lat in degrees (4 or 6 numbers), not {bbox[:100]!r}"
    if len(bbox) > _MAX_CHARS:
        raise _invalid(usage)
    try:
        parts = [float(x) for x in bbox.split(",")]
    except ValueError:
        raise _invalid(usage) from None
    if len(parts) == 6:  # a 3D box: keep the horizontal part
        parts = [parts[0], parts[1], parts[3], parts[4]]
    if len(parts) != 4:
        raise _invalid(usage)
    min_lon, min_lat, max_lon, max_lat = parts
    if not all(-180 <= lon <= 180 for lon in (min_lon, max_lon)) or not all(
        -90 <= lat <= 90 for lat in (min_lat, max_lat)
    ):  # NaN fails these too
        raise _invalid(usage)
    return (min_lon, min_lat, max_lon, max_lat)


def _day(value: str) -> date | None:
    """The day an RFC 3339 date or date-time names (``..`` or nothing: None). Year 0, which
    RFC 3339 has and Python's dates do not, is read as the first day Python has: no event is
    dated before it either way."""
    if value in ("", ".."):
        return None
    try:
        if value.startswith("0000"):
            date.fromisoformat("2000" + value[4:10])  # year 0 is a leap year, as 2000 is
            return date.min
        return date.fromisoformat(value[:10])
    except ValueError:
        raise _invalid(f"{value[:100]!r} is not a calendar day") from None


def parse_day(name: str, value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` query parameter called ``name`` as a date, or None when not given."""
    if value is None:
        return None
    if not re.fullmatch(_DATE, value):
        raise _invalid(f"{name} must be a day as YYYY-MM-DD, not {value[:100]!r}")
    return _day(value)


def parse_datetime(value: str | None) -> tuple[date | None, date | None]:
    """An OGC ``datetime`` (instant or interval, open ends as ``..`` or empty) as the range of
    days it covers: ``(first, last)``, None for an open end or when not given."""
    if value is None:
        return None, None
    if len(value) > _MAX_CHARS or not re.fullmatch(DATETIME_PATTERN, value):
        raise _invalid(
            f"datetime must be an RFC 3339 date or date-time, or an interval of two (a/b, ../b, a/..), "
            f"not {value[:100]!r}"
        )
    if "/" not in value:
        day = _day(value)
        return day, day
    first, _, last = value.partition("/")
    return _day(first), _day(last)  # an interval that ends before it starts holds nothing


def instant_query(description: str) -> Any:
    """A query parameter holding an instant as RFC 3339's date-time (``2026-12-06T18:00:00Z``);
    read it with :func:`parse_instant`."""
    return Query(
        description=description, json_schema_extra=_schema({"type": "string", "format": "date-time"})
    )


_DATE_TIME = rf"{_DATE}[Tt]{_TIME}"
_MIN = datetime.min.replace(tzinfo=UTC)
_MAX = datetime.max.replace(tzinfo=UTC)


def parse_instant(name: str, value: str | None) -> datetime | None:
    """An RFC 3339 date-time query parameter called ``name`` as an aware UTC instant, or None
    when not given. A leap second is read as the second before it; instants beyond Python's
    range (year 0, an offset past year 9999) as its first or last."""
    if value is None:
        return None
    if len(value) > 64 or not re.fullmatch(_DATE_TIME, value):
        raise _invalid(f"{name} must be an RFC 3339 date-time (2026-12-06T18:00:00Z), not {value[:100]!r}")
    text = value.upper()
    if text[17:19] == "60":
        text = text[:17] + "59" + text[19:]
    if text.startswith("0000"):
        return _MIN
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise _invalid(f"{name} is not a calendar date-time: {value[:100]!r}") from None
    try:
        return when.astimezone(UTC)
    except OverflowError:
        return _MIN if when.year < 2 else _MAX


def _query_params(dependant: Dependant) -> Iterator[str]:
    yield from (p.alias for p in dependant.query_params)
    for sub in dependant.dependencies:
        yield from _query_params(sub)


def _query_names(route: APIRoute) -> frozenset[str]:
    """The query parameters ``route`` takes (its own and its dependencies')."""
    return frozenset(_query_params(route.dependant))


async def no_unknown_parameters(request: Request) -> None:
    """A query parameter the operation does not take is an error (400, E430), not silently
    ignored (OGC API - Features Req. /req/core/query-param-unknown; the change log's routes)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _query_names(route)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise _invalid(f"unknown parameter {', '.join(map(repr, unknown))[:200]} (this takes: {takes})")
