"""Exports of the reconciled ledger: ACLED- and UCDP GED-compatible CSV, GeoJSON, Parquet.

One module per format (``acled``, ``ucdp``, ``geojson``, ``parquet``), and one entry point::

    export_events(events, "acled", Path("ledger.csv"), context=ctx)   # -> rows written

CSV and GeoJSON are written row by row to a text stream or a file; Parquet writes three files
(``events.parquet``, ``claims.parquet``, ``documents.parquet``) into a folder. Every format
names an event by the same id (:func:`tolls.export._common.event_id`). An
:class:`~tolls.export.context.ExportContext` (from :func:`tolls.store.exports.load_export_context`)
adds the source documents' titles, urls and outlets, review states and the claims no event
holds; without one the exports still work, with less beside the events. CSV formats can start
with a UTF-8 byte order mark (``bom=True``) so that Excel reads them as UTF-8.

Per-document extractions are written in the interchange format by
:func:`tolls.extract.contract.write_jsonl`, not here: they are not ledger events.
Column-by-column derivations: ``docs/export.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal, TextIO

from tolls.errors import ErrorCode, ExportError
from tolls.export.acled import write_acled
from tolls.export.context import ExportContext
from tolls.export.geojson import write_geojson
from tolls.export.ucdp import write_ucdp
from tolls.model import LedgerEvent

__all__ = ["BOM", "FORMATS", "ExportContext", "ExportFormat", "export_events"]

BOM = "\ufeff"
"""The UTF-8 byte order mark a CSV export starts with when asked (``bom=True``)."""


def _write_parquet(events: Iterable[LedgerEvent], folder: Path, context: ExportContext | None) -> int:
    from tolls.export.parquet import write_parquet  # pyarrow loads only when asked for

    return write_parquet(events, folder, context)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A registered export: where it writes and the function that writes it."""

    name: str
    description: str
    target: Literal["stream", "folder"]
    """``stream``: one text file or stream; ``folder``: several files in a folder."""
    suffix: str
    """The usual file name ending (``""`` for a folder)."""
    stream_writer: Callable[[Iterable[LedgerEvent], TextIO, ExportContext | None], int] | None = None
    folder_writer: Callable[[Iterable[LedgerEvent], Path, ExportContext | None], int] | None = None

    @property
    def csv(self) -> bool:
        """A CSV format (the only ones a byte order mark is written for)."""
        return self.suffix == ".csv"


FORMATS: Mapping[str, ExportFormat] = MappingProxyType(
    {
        "acled": ExportFormat(
            "acled", "ACLED-compatible CSV, one row per event", "stream", ".csv", stream_writer=write_acled
        ),
        "ucdp": ExportFormat(
            "ucdp", "UCDP GED-compatible CSV, one row per event", "stream", ".csv", stream_writer=write_ucdp
        ),
        "geojson": ExportFormat(
            "geojson",
            "GeoJSON FeatureCollection of located events",
            "stream",
            ".geojson",
            stream_writer=write_geojson,
        ),
        "parquet": ExportFormat(
            "parquet",
            "events.parquet and claims.parquet in a folder",
            "folder",
            "",
            folder_writer=_write_parquet,
        ),
    }
)


def export_events(
    events: Iterable[LedgerEvent],
    fmt: str,
    out: Path | TextIO,
    *,
    context: ExportContext | None = None,
    bom: bool = False,
) -> int:
    """Write ledger events in format ``fmt`` to ``out``; returns the number of rows written.

    ``out`` is a text stream or a file path for the CSV and GeoJSON formats (a path is
    overwritten, UTF-8) and a folder path for Parquet. ``bom`` starts a CSV export with a UTF-8
    byte order mark. Raises :class:`ExportError`: E501 for an unknown format, E502 for a stream
    where a folder is needed, E503 when writing fails, E504 for ``bom`` with a format that is
    not CSV."""
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ExportError(ErrorCode.E501, fmt=fmt, known=", ".join(sorted(FORMATS)))
    if bom and not spec.csv:
        raise ExportError(
            ErrorCode.E504, fmt=fmt, known=", ".join(sorted(k for k, f in FORMATS.items() if f.csv))
        )
    try:
        stream_writer, folder_writer = spec.stream_writer, spec.folder_writer
        if folder_writer is not None or stream_writer is None:
            if folder_writer is None or not isinstance(out, Path) or (out.exists() and not out.is_dir()):
                raise ExportError(ErrorCode.E502, fmt=fmt, what="several files", out=_describe(out))
            return folder_writer(events, out, context)
        if isinstance(out, Path):
            with out.open("w", encoding="utf-8", newline="") as fh:
                if bom:
                    fh.write(BOM)
                return stream_writer(events, fh, context)
        if bom:
            out.write(BOM)
        return stream_writer(events, out, context)
    except OSError as exc:
        raise ExportError(ErrorCode.E503, fmt=fmt, out=_describe(out), reason=exc.strerror or exc) from exc


def _describe(out: Path | TextIO) -> str:
    return str(out) if isinstance(out, Path) else str(getattr(out, "name", type(out).__name__))
