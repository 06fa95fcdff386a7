from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from typing import Any

from tolls.export.geojson import UNLOCATED, feature, write_geojson
from tolls.model import LedgerEvent, Place


def collection(events: list[LedgerEvent]) -> tuple[int, dict[str, Any]]:
    buf = io.StringIO()
    n = write_geojson(events, buf)
    return n, json.loads(buf.getvalue())


def test_feature_collection_with_lon_lat_order(ledger: list[LedgerEvent]) -> None:
    n, fc = collection(ledger)
    assert fc["type"] == "FeatureCollection"
    assert n == len(fc["features"]) == 3
    assert fc[UNLOCATED] == 1  # the bare event has no place
    border = fc["features"][0]
    assert border["type"] == "Feature"
    assert border["id"] == "pak-afg-2025-10-11-border"
    assert border["geometry"] == {"type": "Point", "coordinates": [69.37, 32.33]}  # [lon, lat]
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_border_clash_properties(border_clash: LedgerEvent) -> None:
    _, fc = collection([border_clash])
    props = fc["features"][0]["properties"]
    assert props["id"] == "pak-afg-2025-10-11-border"
    assert props["type"] == "Battles/Armed clash"
    assert (props["event_type"], props["sub_event_type"]) == ("Battles", "Armed clash")
    assert (props["date_start"], props["date_end"], props["date_precision"]) == (
        "2025-10-11",
        "2025-10-12",
        "day",
    )
    assert (props["fatalities_low"], props["fatalities_best"], props["fatalities_high"]) == (32, 32, 259)
    assert props["contested"] is True
    assert props["claim_count"] == 5
    assert props["documents"] == ["01-ispr-border-posts", "02-mujahid-statement", "reuters-2025-10-12"]
    assert (props["place"], props["place_precision"], props["country"]) == ("Angoor Adda", "town", "PAK")
    soldiers = props["estimates"][0]
    assert soldiers == {
        "kind": "killed",
        "group": "side",
        "victims": {"name": "Pakistani soldiers", "country": "PAK", "inter": 1},
        "low": 23,
        "best": 23,
        "high": 58,
        "rule": "admission",
        "contested": True,
        "claims": ["c1", "c4"],
    }
    assert [e["kind"] for e in props["estimates"]] == ["killed", "killed", "injured"]
    assert props["grade"] == "contested" and props["grade_by"] is None
    assert border_clash.grade is not None and props["grade_reasons"] == list(border_clash.grade.reasons)
    assert props["grade_reasons"][0].startswith("claimants disagree on killed (Pakistani soldiers)")


def test_no_events_is_an_empty_collection() -> None:
    n, fc = collection([])
    assert n == 0
    assert fc == {"type": "FeatureCollection", "features": [], UNLOCATED: 0}


def test_unusable_coordinates_are_unlocated() -> None:
    events = [
        LedgerEvent(id="a", type="Battles/Armed clash", locations=[Place("Kurram", precision="district")]),
        LedgerEvent(id="b", type="Battles/Armed clash", locations=[Place("X", lat=math.nan, lon=1.0)]),
        LedgerEvent(id="c", type="Battles/Armed clash", locations=[Place("Y", lat=95.0, lon=1.0)]),
    ]
    assert all(feature(e) is None for e in events)
    n, fc = collection(events)
    assert (n, fc["features"], fc[UNLOCATED]) == (0, [], 3)


def test_first_located_place_is_used() -> None:
    event = LedgerEvent(
        id="a",
        type="Battles/Armed clash",
        locations=[
            Place("Kurram", precision="district"),
            Place("Parachinar", precision="town", lat=33.9, lon=70.1),
        ],
    )
    f = feature(event)
    assert f is not None
    assert f["geometry"]["coordinates"] == [70.1, 33.9]
    assert f["properties"]["place"] == "Parachinar"


def test_hostile_text_stays_valid_json(hostile_event: LedgerEvent) -> None:
    _, fc = collection([hostile_event])
    props = fc["features"][0]["properties"]
    assert props["summary"] == "=cmd|' /C calc'!A0"  # JSON is not a spreadsheet: kept verbatim
    assert props["documents"] == ["=evil-doc"]


def test_features_are_streamed(border_clash: LedgerEvent, paktika_strike: LedgerEvent) -> None:
    buf = io.StringIO()
    seen: list[bool] = []

    def events() -> Iterator[LedgerEvent]:
        yield border_clash
        seen.append(border_clash.id in buf.getvalue())
        yield paktika_strike

    assert write_geojson(events(), buf) == 2
    assert seen == [True]
