"""OGC API - Features and the GeoJSON export read by a real GIS client: GDAL's ``ogrinfo`` and
``ogr2ogr`` (Debian ``gdal-bin``), the library QGIS opens such services with, against a real
server (uvicorn on loopback) on the sample ledger, copied into GeoPackages."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest

BBOX = (69.0, 32.0, 71.5, 35.0)  # the Kurram / Khost / Paktika border belt


def ogrinfo(*args: str) -> str:
    exe = shutil.which("ogrinfo")
    if not exe:
        pytest.fail("GDAL's ogrinfo is needed for the OGC test: run `make system` (as root)")
    # GDAL must not look anywhere but the test server (no proxies, no HTTP cache)
    env = {
        "PATH": "/usr/bin:/bin",
        "GDAL_HTTP_PROXY": "",
        "CPL_CURL_VERBOSE": "NO",
        "GDAL_HTTP_TIMEOUT": "20",
    }
    done = subprocess.run(
        [exe, "-ro", *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def points(listing: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"POINT \(([-\d.]+) ([-\d.]+)\)", listing)]


def test_ogrinfo_lists_the_events_collection(live_url: str) -> None:
    out = ogrinfo(f"OAPIF:{live_url}/ogc")
    assert re.search(r"^\d+: events \(title: .+\) \(Point\)$", out, re.M), out
    summary = ogrinfo("-so", f"OAPIF:{live_url}/ogc", "events")
    total = httpx.get(f"{live_url}/ogc/collections/events/items", params={"limit": 1}).json()["numberMatched"]
    assert f"Feature Count: {total}" in summary
    assert "TEMPORAL_INTERVAL_MIN=" in summary


def test_ogrinfo_reads_features_inside_a_bbox(live_url: str) -> None:
    west, south, east, north = BBOX
    out = ogrinfo(f"OAPIF:{live_url}/ogc", "events", "-spat", *map(str, BBOX))
    got = points(out)
    assert got, out
    assert all(west <= x <= east and south <= y <= north for x, y in got)
    served = httpx.get(
        f"{live_url}/ogc/collections/events/items", params={"bbox": ",".join(map(str, BBOX)), "limit": 1000}
    ).json()
    assert len(got) == len(served["features"])
    # and the attributes come through: every feature has its event id and type
    assert len(re.findall(r"^\s+id \(String\) = e-", out, re.M)) == len(got)
    everything = points(ogrinfo(f"OAPIF:{live_url}/ogc", "events"))
    assert len(everything) > len(got)  # the filter did filter


def ogr2ogr(*args: str) -> None:
    exe = shutil.which("ogr2ogr")
    if not exe:
        pytest.fail("GDAL's ogr2ogr is needed for the GPKG test: run `make system` (as root)")
    env = {"PATH": "/usr/bin:/bin", "GDAL_HTTP_PROXY": "", "GDAL_HTTP_TIMEOUT": "20"}
    done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=180, env=env, check=False)
    assert done.returncode == 0, done.stderr


def gpkg_rows(path: Path, layer: str) -> list[dict[str, Any]]:
    """The rows of a GeoPackage layer, read as the SQLite database it is (geometry as bytes)."""
    with closing(sqlite3.connect(path)) as db:
        db.row_factory = sqlite3.Row
        (kind,) = db.execute("SELECT data_type FROM gpkg_contents WHERE table_name = ?", (layer,)).fetchone()
        assert kind == "features"
        return [dict(r) for r in db.execute(f'SELECT * FROM "{layer}"')]


def test_ogr2ogr_copies_the_ogc_api_into_a_geopackage(live_url: str, tmp_path: Path) -> None:
    """Every event, located or not, lands in the GPKG with its id and date."""
    served = httpx.get(f"{live_url}/ogc/collections/events/items", params={"limit": 1000}).json()
    assert served["numberMatched"] == len(served["features"])
    out = tmp_path / "events.gpkg"
    ogr2ogr("-f", "GPKG", str(out), f"OAPIF:{live_url}/ogc", "events")
    rows = gpkg_rows(out, "events")
    assert sorted(r["id"] for r in rows) == sorted(f["id"] for f in served["features"])
    by_id = {f["id"]: f for f in served["features"]}
    for row in rows:
        props = by_id[row["id"]]["properties"]
        assert row["date_start"] == props["date_start"] and row["type"] == props["type"]
        assert (row["geom"] is None) == (by_id[row["id"]]["geometry"] is None)
    assert any(r["geom"] is None and r["date_start"] for r in rows), "unlocated events keep their date"


def test_gdal_reads_the_geojson_export(live_url: str, tmp_path: Path) -> None:
    download = httpx.get(f"{live_url}/api/v1/exports/geojson")
    assert download.status_code == 200
    path = tmp_path / "tolls-events.geojson"
    path.write_bytes(download.content)
    summary = ogrinfo("-so", str(path), "tolls-events")
    features = download.json()["features"]
    assert f"Feature Count: {len(features)}" in summary and "Point" in summary
    assert re.search(r"^date_start: (String|Date) ", summary, re.M), summary
    out = tmp_path / "events.gpkg"
    ogr2ogr("-f", "GPKG", str(out), str(path), "-nln", "events")
    rows = gpkg_rows(out, "events")
    assert sorted(r["id"] for r in rows) == sorted(f["properties"]["id"] for f in features)
    assert all(r["geom"] is not None for r in rows)
