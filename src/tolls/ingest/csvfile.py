"""CSV files: a header row naming ``text`` (required), and ``id``, ``title``, ``published``, ``url``
where present (names are case-insensitive; other columns are ignored). Without an ``id`` column
each row gets a stable id: the file's id and a hash of the file, the row number and the text.

Columns named otherwise are mapped to these fields (:class:`~tolls.ingest.tables.TableOptions`,
``--columns text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE``): a mapped field is read from its
column only, and dates written otherwise than ISO 8601 or RFC 822 are read with a ``--date-format``.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from tolls.errors import ErrorCode, IngestError
from tolls.ingest.base import Item, Payload, problem, stable_id, unexpected
from tolls.ingest.decode import check_not_binary, decode
from tolls.ingest.tables import TableOptions, read_date
from tolls.model import InputDocument, SourceDocument

__all__ = ["read_csv", "table_rows"]

_REQUIRED = "text"


def _document(
    cells: dict[str, str], n: int, payload: Payload, has_id: bool, date_format: str | None
) -> SourceDocument:
    def bad(reason: str) -> IngestError:
        return IngestError(ErrorCode.E312, row=n, source=payload.source, reason=reason)

    text = cells[_REQUIRED]
    if not text.strip():
        raise bad("the `text` cell is empty")
    if has_id:
        doc_id = cells["id"].strip()
        if not doc_id:
            raise bad("the `id` cell is empty")
    else:
        doc_id = f"{payload.doc_id}#{stable_id(payload.doc_id, str(n), text)}"
    published_cell = cells.get("published", "").strip()
    published = read_date(published_cell, date_format)
    if published_cell and published is None:
        how = f"a {date_format!r} date" if date_format else "an ISO 8601 or RFC 822 date (see --date-format)"
        raise bad(f"`published` {published_cell!r} is not {how}")
    doc = InputDocument(
        id=doc_id,
        text=text,
        published=published,
        title=cells.get("title", "").strip() or None,
        url=cells.get("url", "").strip() or None,
    )
    return SourceDocument(doc=doc, source=payload.source, locator=f"row {n}", format="csv")


def _renamed(header: list[str], columns: dict[str, str]) -> list[str]:
    """The header with each mapped column named by its field; a column named like a mapped field
    but not mapped to it is left out (``text=NOTES`` ignores a ``text`` column)."""
    by_column = {column: name for name, column in columns.items()}
    return [by_column.get(h, "" if h in columns else h) for h in header]


def table_rows(
    payload: Payload, *, required: tuple[str, ...], columns: dict[str, str] | None = None
) -> Iterator[tuple[int, dict[str, str]] | Item]:
    """The records of a CSV file as (row number, cells by lower-cased column name), or the
    problem of a row that cannot be read (E312); raises E306 for an empty file and E311 when a
    ``required`` column is missing. Blank rows are skipped."""
    check_not_binary(payload.data, source=payload.source)
    text = decode(payload.data, source=payload.source, declared=payload.charset)
    if not text.strip():
        raise IngestError(ErrorCode.E306, source=payload.source)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        raw = [name.strip().lower() for name in next(reader)]
    except csv.Error as exc:
        raise IngestError(ErrorCode.E312, row=1, source=payload.source, reason=str(exc)) from exc
    header = _renamed(raw, columns or {})
    for name in required:
        if name not in header:
            missing = (columns or {}).get(name, name)
            raise IngestError(ErrorCode.E311, source=payload.source, column=missing, header=", ".join(raw))
    n = 1
    while True:
        n += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a cell over csv.field_size_limit(); the reader goes on after it
            yield problem(
                IngestError(ErrorCode.E312, row=n, source=payload.source, reason=str(exc)),
                source=payload.source,
                locator=f"row {n}",
            )
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            error = IngestError(
                ErrorCode.E312,
                row=n,
                source=payload.source,
                reason=f"{len(row)} fields where the header names {len(header)}",
            )
            yield problem(error, source=payload.source, locator=f"row {n}")
            continue
        yield n, {h: cell for h, cell in zip(header, row, strict=True) if h}


def read_csv(payload: Payload, options: TableOptions | None = None) -> Iterator[Item]:
    """One document per record; a bad record is a problem for that row, the rest goes on."""
    options = options or TableOptions()
    columns = dict(options.columns)
    rows = table_rows(payload, required=(_REQUIRED,), columns=columns)
    has_id: bool | None = None
    for got in rows:
        if not isinstance(got, tuple):
            yield got
            continue
        n, cells = got
        if has_id is None:
            has_id = "id" in cells
        try:
            yield _document(cells, n, payload, has_id, options.date_format)
        except IngestError as exc:
            yield problem(exc, source=payload.source, locator=f"row {n}")
        except Exception as exc:  # isolation: one row never ends the file
            yield unexpected(exc, item=f"Row {n}", source=payload.source, locator=f"row {n}")
