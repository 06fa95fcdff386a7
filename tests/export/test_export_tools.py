"""The exports as data users and GIS users read them: pandas, DuckDB, geopandas, GDAL.

Every table export is read by DuckDB and joined on the one event id; the ACLED CSV keeps its
integer columns integers in pandas; the GeoParquet has valid GeoParquet 1.1 ``geo`` metadata
and geopandas reads its geometry and CRS; GDAL's ``ogr2ogr`` turns the GeoJSON into a GeoPackage;
the same inputs give the same bytes whatever the hash seed.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import geopandas
import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely

from tolls.errors import ExportError
from tolls.export import BOM, export_events
from tolls.export.context import ExportContext, Review, SourceInfo
from tolls.export.parquet import CLAIMS_FILE, DOCUMENTS_FILE, EVENTS_FILE
from tolls.model import LedgerEvent, SourcedClaim

HERE = Path(__file__).parent


@pytest.fixture
def context(ledger: list[LedgerEvent]) -> ExportContext:
    """Sources with urls, review states, and a claim that no event holds."""
    docs = sorted({d for e in ledger for d in [*e.documents, *(c.doc_id for c in e.claims)]})
    loose_claim = replace(ledger[0].claims[0].claim, span=(400, 402))
    loose = SourcedClaim(id="loose-1", claim=loose_claim, doc_id="99-unlinked", published=date(2025, 10, 20))
    sources = {
        d: SourceInfo(id=d, title=f"Report {d}", url=f"https://www.outlet-{i % 2}.example/{d}")
        for i, d in enumerate([*docs, "99-unlinked"])
    }
    return ExportContext(
        sources=sources,
        event_review={ledger[0].id: Review("accepted", True, "alice")},
        claim_review={"c1": Review("corrected", True, "alice"), "loose-1": Review("rejected", True, "bob")},
        loose_claims=(loose,),
    )


def _write_all(ledger: list[LedgerEvent], context: ExportContext, folder: Path) -> dict[str, Path]:
    out = {f: folder / f"out.{f}" for f in ("acled", "ucdp", "geojson")}
    for fmt, path in out.items():
        export_events(ledger, fmt, path, context=context)
    out["parquet"] = folder / "parquet"
    export_events(ledger, "parquet", out["parquet"], context=context)
    return out


def test_duckdb_reads_every_table_and_the_ids_join(
    tmp_path: Path, ledger: list[LedgerEvent], context: ExportContext
) -> None:
    out = _write_all(ledger, context, tmp_path)
    pq_dir = out["parquet"]
    db = duckdb.connect()
    db.execute(f"CREATE VIEW acled AS SELECT * FROM read_csv('{out['acled']}')")
    db.execute(f"CREATE VIEW ucdp AS SELECT * FROM read_csv('{out['ucdp']}')")
    db.execute(f"CREATE VIEW events AS SELECT * FROM '{pq_dir / EVENTS_FILE}'")
    db.execute(f"CREATE VIEW claims AS SELECT * FROM '{pq_dir / CLAIMS_FILE}'")
    db.execute(f"CREATE VIEW documents AS SELECT * FROM '{pq_dir / DOCUMENTS_FILE}'")
    n = len(ledger)
    count = db.execute  # one number from a query
    assert count("SELECT count(*) FROM acled").fetchone() == (n,)
    assert count("SELECT count(*) FROM ucdp").fetchone() == (n,)
    assert count("SELECT count(*) FROM events").fetchone() == (n,)
    # one id everywhere: ACLED's event_id_cnty is UCDP's relid is Parquet's id is the ledger id
    joined = (
        "SELECT count(*) FROM acled JOIN ucdp ON acled.event_id_cnty = ucdp.relid "
        "JOIN events ON events.id = acled.event_id_cnty"
    )
    assert count(joined).fetchone() == (n,)
    ids = {r[0] for r in db.execute("SELECT event_id_cnty FROM acled").fetchall()}
    assert ids == {e.id for e in ledger}
    # every claim is there: the events' and the one no event holds, with review states
    assert count("SELECT count(*) FROM claims").fetchone() == (sum(len(e.claims) for e in ledger) + 1,)
    assert count("SELECT count(*) FROM claims WHERE event_id IS NULL").fetchone() == (1,)
    assert count("SELECT status, reviewed_by FROM claims WHERE id = 'loose-1'").fetchone() == (
        "rejected",
        "bob",
    )
    assert count("SELECT status FROM claims WHERE id = 'c1'").fetchone() == ("corrected",)
    orphans = (
        "SELECT count(*) FROM claims LEFT JOIN events ON claims.event_id = events.id "
        "WHERE claims.event_id IS NOT NULL AND events.id IS NULL"
    )
    assert count(orphans).fetchone() == (0,)
    # every claim's document is in the documents table, with title, url and outlet
    missing = "SELECT count(*) FROM claims LEFT JOIN documents d ON claims.doc_id = d.id WHERE d.id IS NULL"
    assert count(missing).fetchone() == (0,)
    row = count("SELECT title, url, outlet FROM documents WHERE id = '99-unlinked'").fetchone()
    assert (
        row is not None
        and row[0] == "Report 99-unlinked"
        and row[2] in ("outlet-0.example", "outlet-1.example")
    )
    assert count(f"SELECT status, reviewed FROM events WHERE id = '{ledger[0].id}'").fetchone() == (
        "accepted",
        True,
    )
    # ACLED's integer columns are integers to DuckDB too
    types = dict(db.execute("SELECT column_name, column_type FROM (DESCRIBE acled)").fetchall())
    for column in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"):
        assert types[column] == "BIGINT", (column, types[column])


def test_pandas_keeps_integers_and_labels(
    tmp_path: Path, ledger: list[LedgerEvent], context: ExportContext
) -> None:
    out = _write_all(ledger, context, tmp_path)
    acled = pd.read_csv(out["acled"])
    for column in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"):
        assert acled[column].dtype == "int64", (column, acled[column].dtype)
    # the bare event has no place, no date: zeros, not NaN turning the columns into floats
    bare = acled[acled.event_id_cnty == "bare"].iloc[0]
    assert (bare.iso, bare.geo_precision, bare.year, bare.timestamp) == (0, 0, 0, 0)
    assert acled["tags"].notna().all()  # always tolls' own facts: never an all-empty float column
    assert acled["admin2"].dtype != "float64"  # the Paktika strike's place is a district
    assert set(acled["inter1"].dropna()) <= {
        "State forces",
        "Rebel group",
        "Political militia",
        "Identity militia",
        "Rioters",
        "Protesters",
        "Civilians",
        "External/Other forces",
    }
    assert "State forces-Civilians" in set(acled["interaction"])
    assert not acled["event_id_cnty"].str.startswith("XXX").any()
    # with a context, the source column names outlets, not claimants or mentions
    assert set("; ".join(acled["source"].dropna()).split("; ")) <= {"outlet-0.example", "outlet-1.example"}
    ucdp = pd.read_csv(out["ucdp"])
    headlines = ucdp.set_index("relid")["source_headline"]
    assert headlines["pak-afg-2025-10-11-border"].startswith("Report 01-ispr-border-posts; Report ")
    assert pd.isna(headlines["bare"])  # no documents, no headline


def test_geoparquet_metadata_is_valid_and_geopandas_reads_it(
    tmp_path: Path, ledger: list[LedgerEvent], context: ExportContext
) -> None:
    out = _write_all(ledger, context, tmp_path)
    path = out["parquet"] / EVENTS_FILE
    meta = json.loads(pq.read_schema(path).metadata[b"geo"])
    # GeoParquet 1.1: required keys and values (https://geoparquet.org/releases/v1.1.0/)
    assert meta["version"] == "1.1.0"
    assert meta["primary_column"] == "geometry"
    column = meta["columns"]["geometry"]
    assert column["encoding"] == "WKB"
    assert column["geometry_types"] == ["Point"]
    assert column["edges"] in ("planar", "spherical")
    assert column["crs"]["type"] == "GeographicCRS"
    assert column["crs"]["id"] == {"authority": "OGC", "code": "CRS84"}
    frame = geopandas.read_parquet(path)
    assert frame.crs is not None and frame.crs.to_string() == "OGC:CRS84"
    assert frame.geometry.name == "geometry"
    by_id = dict(zip(frame["id"], frame.geometry, strict=True))
    border = by_id["pak-afg-2025-10-11-border"]
    assert isinstance(border, shapely.Point) and (border.x, border.y) == (69.37, 32.33)
    assert by_id["bare"] is None  # no coordinates: a null geometry, the row is kept
    assert len(frame) == len(ledger)


def test_ogr2ogr_turns_the_geojson_into_a_geopackage(
    tmp_path: Path, ledger: list[LedgerEvent], context: ExportContext
) -> None:
    ogr2ogr, ogrinfo = shutil.which("ogr2ogr"), shutil.which("ogrinfo")
    if ogr2ogr is None or ogrinfo is None:
        pytest.fail("GDAL's ogr2ogr is needed for the GeoJSON test: run `make system` (as root)")
    out = _write_all(ledger, context, tmp_path)
    gpkg = tmp_path / "events.gpkg"
    run = subprocess.run(
        [ogr2ogr, "-f", "GPKG", str(gpkg), str(out["geojson"])], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    info = subprocess.run(
        [ogrinfo, "-ro", "-al", "-so", str(gpkg)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    located = sum(1 for e in ledger if e.locations and e.locations[0].lat is not None)
    assert f"Feature Count: {located}" in info
    assert "Point" in info
    assert "WGS 84" in info
    features = subprocess.run(
        [ogrinfo, "-ro", "-al", "-q", str(gpkg)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "pak-afg-2025-10-11-border" in features
    assert "outlet-" in features  # the sources' outlets came through as a property


def test_bom_is_optional_and_for_csv_only(ledger: list[LedgerEvent]) -> None:
    plain, marked = io.StringIO(), io.StringIO()
    export_events(ledger, "acled", plain)
    export_events(ledger, "acled", marked, bom=True)
    assert not plain.getvalue().startswith(BOM)
    assert marked.getvalue() == BOM + plain.getvalue()
    assert marked.getvalue().encode("utf-8")[:3] == b"\xef\xbb\xbf"
    header = pd.read_csv(io.StringIO(marked.getvalue().encode("utf-8").decode("utf-8-sig"))).columns
    assert header[0] == "event_id_cnty"  # read as Excel would, the mark is not part of the first name
    with pytest.raises(ExportError, match="E504"):
        export_events(ledger, "geojson", io.StringIO(), bom=True)


_SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from pathlib import Path
import conftest as c
from tolls.export import export_events
f = lambda name: getattr(c, name).__wrapped__()
ledger = [f("border_clash"), f("paktika_strike"), f("bare_event"), f("hostile_event")]
out = Path(sys.argv[1])
for fmt in ("acled", "ucdp", "geojson"):
    export_events(ledger, fmt, out / ("out." + fmt))
export_events(ledger, "parquet", out / "parquet")
"""


def test_same_inputs_give_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    script = _SCRIPT.format(here=str(HERE))
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, str(folder)], env=env, capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        outputs.append(
            {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.*"))}
        )
    assert len(outputs[0]) == 6 and all(outputs[0].values())
    assert outputs[0] == outputs[1]
