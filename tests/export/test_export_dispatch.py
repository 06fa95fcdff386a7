from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import tolls
from tolls.errors import ExportError
from tolls.export import FORMATS, export_events
from tolls.export.acled import ACLED_COLUMNS
from tolls.model import LedgerEvent


def test_formats() -> None:
    assert sorted(FORMATS) == ["acled", "geojson", "parquet", "ucdp"]
    assert {f.target for f in FORMATS.values()} == {"stream", "folder"}


@pytest.mark.parametrize(("fmt", "rows"), [("acled", 4), ("ucdp", 4), ("geojson", 3)])
def test_export_to_a_file(tmp_path: Path, ledger: list[LedgerEvent], fmt: str, rows: int) -> None:
    out = tmp_path / f"ledger{FORMATS[fmt].suffix}"
    assert export_events(iter(ledger), fmt, out) == rows
    text = out.read_text(encoding="utf-8")
    if fmt == "geojson":
        assert len(json.loads(text)["features"]) == rows
    else:
        assert len(list(csv.reader(io.StringIO(text, newline="")))) == rows + 1


def test_export_to_a_stream(ledger: list[LedgerEvent]) -> None:
    buf = io.StringIO()
    assert export_events(ledger, "acled", buf) == 4
    assert buf.getvalue().splitlines()[0].split(",") == list(ACLED_COLUMNS)


def test_parquet_to_a_folder(tmp_path: Path, ledger: list[LedgerEvent]) -> None:
    assert export_events(ledger, "parquet", tmp_path / "out") == 4
    assert pq.read_table(tmp_path / "out" / "claims.parquet").num_rows == 8


def test_unknown_format_is_a_coded_error(ledger: list[LedgerEvent]) -> None:
    with pytest.raises(ExportError) as info:
        export_events(ledger, "xlsx", io.StringIO())
    assert info.value.code == "E501"
    assert "acled, geojson, parquet, ucdp" in info.value.message


def test_parquet_needs_a_folder(tmp_path: Path, ledger: list[LedgerEvent]) -> None:
    with pytest.raises(ExportError) as info:
        export_events(ledger, "parquet", io.StringIO())
    assert info.value.code == "E502"
    a_file = tmp_path / "ledger.parquet"
    a_file.write_text("")
    with pytest.raises(ExportError) as info:
        export_events(ledger, "parquet", a_file)
    assert info.value.code == "E502"


def test_unwritable_path_is_a_coded_error(tmp_path: Path, ledger: list[LedgerEvent]) -> None:
    with pytest.raises(ExportError) as info:
        export_events(ledger, "ucdp", tmp_path / "missing" / "ledger.csv")
    assert info.value.code == "E503"
    assert "missing" in info.value.message


def test_public_api() -> None:
    assert tolls.export_events is export_events
    assert tolls.ExportError is ExportError
