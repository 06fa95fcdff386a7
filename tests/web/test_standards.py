"""The API as standards and their tools read it: OGC API - Features (links, conformance, 400 on
bad or unknown parameters, the REST filters), typed ``bbox``/``datetime``, the OpenAPI 3.1
document at ``/openapi.json`` (checked by an OpenAPI validator), and the downloads (distinct
names, Parquet). Read-only, on one shared copy of the sample ledger."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from tests.web.conftest import web_settings
from tests.web.test_api import _error

from tolls.web import create_app
from tolls.web.params import DATETIME_PATTERN

ITEMS = "/ogc/collections/events/items"


@pytest.fixture(scope="module")
def reader(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    target = tmp_path_factory.mktemp("standards") / "ledger.sqlite"
    shutil.copyfile(sample_db, target)
    app = create_app(web_settings(f"sqlite:///{target}"))
    with TestClient(app) as c:
        yield c
    app.state.ledger.engine.dispose()


def _items(c: TestClient, **params: Any) -> dict[str, Any]:
    r = c.get(ITEMS, params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


# --- OpenAPI -------------------------------------------------------------------------------------


def test_openapi_at_the_root_is_valid_3_1(reader: TestClient) -> None:
    root = reader.get("/openapi.json")
    assert root.status_code == 200
    spec = root.json()
    assert spec == reader.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1.")
    validate(spec)  # openapi-spec-validator: the document is valid OpenAPI 3.1
    broken = {**spec, "paths": {"/x": {"get": {"responses": {"200": {"content": 3}}}}}}
    with pytest.raises(OpenAPIValidationError):  # and the validator does catch a broken one
        validate(broken)


def test_openapi_documents_problems_and_typed_parameters(reader: TestClient) -> None:
    spec = reader.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ProblemPublic" in schemas
    for path, item in spec["paths"].items():
        for method, op in item.items():
            for status, response in op["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], (path, method, status)
            if "requestBody" not in op:
                assert "422" not in op["responses"], (path, method)
    items = {p["name"]: p for p in spec["paths"][ITEMS]["get"]["parameters"]}
    bbox = items["bbox"]
    assert (bbox["style"], bbox["explode"], bbox["schema"]["type"]) == ("form", False, "array")
    assert [len(s["prefixItems"]) for s in bbox["schema"]["oneOf"]] == [4, 6]
    datetime = items["datetime"]["schema"]
    assert (datetime["type"], datetime["pattern"]) == ("string", DATETIME_PATTERN)
    events = {p["name"]: p for p in spec["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert events["bbox"]["schema"] == bbox["schema"] and events["bbox"]["explode"] is False


@pytest.mark.parametrize(
    "value",
    [
        "2025-10-11",
        "2025-10-11T10:00:00Z",
        "2025-10-11t10:00:00.25+05:30",
        "2025-10-11T23:59:60Z",  # a leap second
        "2025-10-11/2025-10-12",
        "2025-10-11/..",
        "../2025-10-12",
        "/2025-10-12",
        "2025-10-11T00:00:00Z/",
    ],
)
def test_rfc_3339_datetimes_are_accepted(reader: TestClient, value: str) -> None:
    assert re.fullmatch(DATETIME_PATTERN, value)
    body = _items(reader, datetime=value)
    assert body["numberReturned"] >= 1, value  # the October sample has events on 11-12 October


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2025-13-01", "2025-02-30", "2023-02-29", "2025-10-11T10:00", "../..", "", "2025-10-11/x"],
)
def test_bad_datetimes_are_400(reader: TestClient, value: str) -> None:
    _error(reader.get(ITEMS, params={"datetime": value}), 400, "E430")


def test_datetime_selects_days(reader: TestClient) -> None:
    day = _items(reader, datetime="2025-10-11")
    assert day["features"]
    for f in day["features"]:
        assert f["properties"]["date_start"] <= "2025-10-11" <= f["properties"]["date_end"]
    instant = _items(reader, datetime="2025-10-11T08:00:00Z")
    assert [f["id"] for f in instant["features"]] == [f["id"] for f in day["features"]]
    assert _items(reader, datetime="2025-10-12/2025-10-11")["features"] == []  # ends before it starts


def test_bbox_forms(reader: TestClient) -> None:
    flat = _items(reader, bbox="60,29,75,38")
    assert flat["features"]
    assert (
        _items(reader, bbox="60,29,-1000,75,38,1000")["features"] == flat["features"]
    )  # 3D: heights ignored
    assert _items(reader, bbox="60,38,75,29")["features"] == []  # south of north: holds nothing
    crossing = _items(reader, bbox="170,-90,65,90")  # across the antimeridian
    assert crossing["features"] and all(
        f["geometry"]["coordinates"][0] <= 65 or f["geometry"]["coordinates"][0] >= 170
        for f in crossing["features"]
    )
    for bad in ("", "1,2,3", "1,2,3,4,5", "a,b,c,d", "-181,0,0,1", "0,-91,1,1", "nan,0,1,1"):
        _error(reader.get(ITEMS, params={"bbox": bad}), 400, "E430")
        _error(reader.get("/api/v1/events", params={"bbox": bad}), 400, "E430")


# --- OGC API - Features --------------------------------------------------------------------------


def test_conformance_and_landing(reader: TestClient) -> None:
    conforms = reader.get("/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms
    assert not any(c.endswith("/oas30") for c in conforms)  # the document is OpenAPI 3.1
    links = {link["rel"]: link for link in reader.get("/ogc").json()["links"]}
    desc = links["service-desc"]
    assert desc["href"].endswith("/openapi.json") and desc["type"].endswith("version=3.1")
    assert reader.get(desc["href"]).json()["openapi"].startswith("3.1.")


def test_a_single_item_has_links(reader: TestClient) -> None:
    first = _items(reader, limit=1)["features"][0]
    r = reader.get(f"{ITEMS}/{first['id']}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    links = {link["rel"]: link for link in r.json()["links"]}
    assert links["self"]["href"].endswith(f"{ITEMS}/{first['id']}")
    assert links["self"]["type"] == "application/geo+json"
    collection = reader.get(links["collection"]["href"])
    assert collection.status_code == 200 and collection.json()["id"] == "events"
    assert {k: v for k, v in r.json().items() if k != "links"} == first


def test_unlocated_features_keep_their_properties(reader: TestClient) -> None:
    features = _items(reader)["features"]
    unlocated = [f for f in features if f["geometry"] is None]
    located = [f for f in features if f["geometry"] is not None]
    assert unlocated and located, "the sample has both kinds"
    for f in unlocated:
        assert set(f["properties"]) == set(located[0]["properties"])
        assert f["properties"]["id"] == f["id"] and f["properties"]["type"]
        event = reader.get(f"/api/v1/events/{f['id']}").json()
        assert f["properties"]["date_start"] == event["date_start"]
    assert any(f["properties"]["date_start"] for f in unlocated)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (ITEMS, {"colour": "red"}),
        (ITEMS, {"bbox": "60,29,75,38", "sort": "-date"}),  # a REST parameter, not an OGC one
        ("/ogc/collections", {"limit": "5"}),
        ("/ogc", {"x": ""}),
        (f"{ITEMS}/e-1", {"f": "json"}),
    ],
)
def test_unknown_parameters_are_400(reader: TestClient, path: str, params: dict[str, str]) -> None:
    r = reader.get(path, params=params)
    _error(r, 400, "E430")
    assert "unknown parameter" in r.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": "0"}, {"limit": "x"}, {"offset": "-1"}, {"contested": "maybe"}])
def test_bad_parameters_are_400_not_422(reader: TestClient, params: dict[str, str]) -> None:
    _error(reader.get(ITEMS, params=params), 400, "E430")


def test_ogc_items_take_the_rest_filters(reader: TestClient) -> None:
    """Each filter selects the same events as the REST list with it."""
    for params in (
        {"country": "PAK"},
        {"type": "Battles"},
        {"contested": "true"},
        {"contested": "false"},
        {"place": "kabul"},
        {"actor": "taliban"},
        {"q": "killed"},
    ):
        rest = reader.get("/api/v1/events", params={**params, "limit": 500}).json()
        ogc = _items(reader, **params)
        assert 0 < rest["total"] == ogc["numberMatched"] == len(ogc["features"]), params
        assert {e["id"] for e in rest["items"]} == {f["id"] for f in ogc["features"]}, params
    assert all(f["properties"]["contested"] for f in _items(reader, contested="true")["features"])


# --- downloads -----------------------------------------------------------------------------------


def test_downloads_have_distinct_names(reader: TestClient) -> None:
    names = {}
    for fmt in ("acled", "ucdp", "geojson", "parquet"):
        r = reader.get(f"/api/v1/exports/{fmt}")
        assert r.status_code == 200, r.text
        disposition = r.headers["content-disposition"]
        match = re.fullmatch(r'attachment; filename="([^"]+)"', disposition)
        assert match, disposition
        names[fmt] = match.group(1)
    assert names == {
        "acled": "tolls-events-acled.csv",
        "ucdp": "tolls-events-ucdp-ged.csv",
        "geojson": "tolls-events.geojson",
        "parquet": "tolls-events.parquet",
    }


def test_parquet_download(reader: TestClient) -> None:
    everything = reader.get("/api/v1/events", params={"limit": 1}).json()["total"]
    r = reader.get("/api/v1/exports/parquet")
    assert r.headers["content-type"] == "application/vnd.apache.parquet"
    events = pq.read_table(io.BytesIO(r.content))
    assert events.num_rows == everything and "id" in events.column_names
    pak = pq.read_table(io.BytesIO(reader.get("/api/v1/exports/parquet", params={"country": "PAK"}).content))
    assert 0 < pak.num_rows < everything
    claims = reader.get("/api/v1/exports/parquet", params={"table": "claims"})
    assert claims.headers["content-disposition"] == 'attachment; filename="tolls-claims.parquet"'
    table = pq.read_table(io.BytesIO(claims.content))
    held = [e for e in table.column("event_id").to_pylist() if e is not None]
    assert held and set(held) <= set(events.column("id").to_pylist())
    assert None in table.column("event_id").to_pylist()  # and the claims no event holds
    documents = reader.get("/api/v1/exports/parquet", params={"table": "documents"})
    assert pq.read_table(io.BytesIO(documents.content)).num_rows > 0
    _error(reader.get("/api/v1/exports/parquet", params={"table": "places"}), 400, "E430")
    _error(reader.get("/api/v1/exports/shapefile"), 400, "E430")


def test_rest_days_are_full_dates(reader: TestClient) -> None:
    assert reader.get("/api/v1/events", params={"start": "2025-10-11"}).json()["total"] > 0
    for bad in ("0", "", "2025-10-11T00:00:00", "20251011", "2025-02-30"):
        _error(reader.get("/api/v1/events", params={"start": bad}), 400, "E430")
    reversed_ = reader.get("/api/v1/events", params={"start": "2025-10-12", "end": "2025-10-11"})
    assert reversed_.status_code == 200 and reversed_.json()["total"] == 0  # holds nothing
