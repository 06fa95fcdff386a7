"""OGC API - Features read by a real GIS client: GDAL's ``ogrinfo`` (Debian ``gdal-bin``), the
library QGIS opens such services with, against a real server on the sample ledger."""

from __future__ import annotations

import re
import shutil
import subprocess

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
