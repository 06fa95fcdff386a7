"""How a table is read: which reader (``csv``, ``acled``, ``ucdp``), which of its columns hold a
document's fields, and how its dates are written.

``tolls ingest table.csv --columns text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE
--date-format %d/%m/%Y`` reads any CSV whose columns are named otherwise; ``--format acled`` or
``--format ucdp`` reads a file of an event dataset as its events (:mod:`tolls.ingest.datasets`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Literal

from tolls.errors import ErrorCode, IngestError
from tolls.ingest.dates import parse_date

__all__ = ["FIELDS", "TABLE_FORMATS", "TableFormat", "TableOptions", "parse_columns", "read_date"]

TableFormat = Literal["csv", "acled", "ucdp"]
TABLE_FORMATS: tuple[TableFormat, ...] = ("csv", "acled", "ucdp")
FIELDS = ("id", "published", "text", "title", "url")
"""The document fields a CSV column can be mapped to."""


@dataclass(frozen=True, slots=True)
class TableOptions:
    """How tables are read. ``format`` forces the reader of every file given (``None``: by its
    extension); ``columns`` maps a document field to the column holding it (case-insensitive);
    ``date_format`` is a :func:`datetime.strptime` format for dates no ISO/RFC reading takes."""

    format: TableFormat | None = None
    columns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    date_format: str | None = None


def parse_columns(spec: str) -> dict[str, str]:
    """``{"text": "notes", "id": "event_id_cnty"}`` from ``text=NOTES,id=EVENT_ID_CNTY``; raises
    E326 for anything else (a field tolls does not know, a pair without ``=``, a field twice)."""

    def bad(reason: str) -> IngestError:
        return IngestError(ErrorCode.E326, spec=spec, reason=reason, fields=", ".join(FIELDS))

    out: dict[str, str] = {}
    for pair in (p.strip() for p in spec.split(",")):
        if not pair:
            continue
        name, sep, column = pair.partition("=")
        name, column = name.strip().lower(), column.strip().lower()
        if not sep or not column:
            raise bad(f"{pair!r} is not FIELD=COLUMN")
        if name not in FIELDS:
            raise bad(f"{name!r} is not a document field")
        if name in out:
            raise bad(f"{name!r} is mapped twice")
        out[name] = column
    if not out:
        raise bad("no FIELD=COLUMN pair")
    return out


def read_date(value: str, date_format: str | None) -> date | None:
    """The date in ``value``: by ``date_format`` when given, else ISO 8601 or RFC 822; ``None``
    when it reads neither way (an empty value too)."""
    if date_format and value.strip():
        try:
            return datetime.strptime(value.strip(), date_format).date()
        except ValueError:
            pass
    return parse_date(value)
