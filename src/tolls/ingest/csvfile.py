"""CSV files: a header row naming ``text`` (required), and ``id``, ``title``, ``published``, ``url``
where present (names are case-insensitive; other columns are ignored). Without an ``id`` column
each row gets a stable id: the file's id and a hash of the file, the row number and the text.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from tolls.errors import ErrorCode, IngestError
from tolls.ingest.base import Item, Payload, problem, stable_id, unexpected
from tolls.ingest.dates import parse_date
from tolls.ingest.decode import check_not_binary, decode
from tolls.model import InputDocument, SourceDocument

__all__ = ["read_csv"]

_REQUIRED = "text"


def _document(cells: dict[str, str], n: int, payload: Payload, has_id: bool) -> SourceDocument:
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
    published = parse_date(published_cell)
    if published_cell and published is None:
        raise bad(f"`published` {published_cell!r} is not an ISO 8601 or RFC 822 date")
    doc = InputDocument(
        id=doc_id,
        text=text,
        published=published,
        title=cells.get("title", "").strip() or None,
        url=cells.get("url", "").strip() or None,
    )
    return SourceDocument(doc=doc, source=payload.source, locator=f"row {n}", format="csv")


def read_csv(payload: Payload) -> Iterator[Item]:
    """One document per record; a bad record is a problem for that row, the rest goes on."""
    check_not_binary(payload.data, source=payload.source)
    text = decode(payload.data, source=payload.source, declared=payload.charset)
    if not text.strip():
        raise IngestError(ErrorCode.E306, source=payload.source)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as exc:
        raise IngestError(ErrorCode.E312, row=1, source=payload.source, reason=str(exc)) from exc
    if _REQUIRED not in header:
        raise IngestError(ErrorCode.E311, source=payload.source, column=_REQUIRED, header=", ".join(header))
    has_id = "id" in header
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
        try:
            if len(row) != len(header):
                raise IngestError(
                    ErrorCode.E312,
                    row=n,
                    source=payload.source,
                    reason=f"{len(row)} fields where the header names {len(header)}",
                )
            yield _document(dict(zip(header, row, strict=True)), n, payload, has_id)
        except IngestError as exc:
            yield problem(exc, source=payload.source, locator=f"row {n}")
        except Exception as exc:  # isolation: one row never ends the file
            yield unexpected(exc, item=f"Row {n}", source=payload.source, locator=f"row {n}")
