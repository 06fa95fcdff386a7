import io
import json
from datetime import date

from tolls.errors import BadEncoding, InputError
from tolls.extract.contract import extraction_to_json, read_input_lines
from tolls.model import Claim, DateSpan, Event, Extraction, Fatalities, Figure, InputDocument, Party, Place


def _lines(*raw: bytes) -> list[object]:
    return list(read_input_lines(io.BytesIO(b"\n".join(raw) + b"\n")))


def test_reads_good_lines_and_keeps_going_past_bad_ones():
    items = _lines(
        json.dumps({"id": "a", "text": "x", "published": "2025-10-21"}).encode(),
        b"{not json",
        json.dumps({"text": "no id"}).encode(),
        b"\xff\xfe bad bytes",
        json.dumps(
            {"id": "b", "text": "y", "published": None, "toponyms": [{"start": 0, "end": 1}]}
        ).encode(),
        json.dumps({"id": "c", "text": "z", "published": "21 Oct"}).encode(),
        json.dumps([1, 2]).encode(),
    )
    assert isinstance(items[0], InputDocument) and items[0].published == date(2025, 10, 21)
    assert isinstance(items[1], InputError) and items[1].code == "E104"
    assert isinstance(items[2], InputError) and items[2].code == "E105"
    assert isinstance(items[3], BadEncoding) and items[3].code == "E103"
    assert isinstance(items[4], InputDocument) and items[4].toponyms == ((0, 1),)
    assert isinstance(items[5], InputError) and items[5].code == "E106"
    assert isinstance(items[6], InputError) and items[6].code == "E104"


def test_output_line_has_schema_fields():
    claim = Claim(
        claimant=Party("ISPR", "PAK", 1),
        kind="killed",
        victims=Party("Afghan fighters", "AFG", 1),
        figure=Figure("more than 200", 200, 201, None, "more_than"),
        span=(10, 23),
        event_ref=0,
    )
    event = Event(
        type="Battles/Armed clash",
        dates=DateSpan(date(2025, 10, 11), date(2025, 10, 12), "day"),
        fatalities=Fatalities(200, 200, 201),
    )
    out = extraction_to_json(Extraction("d1", claims=[claim], events=[event]))
    c = out["claims"][0]
    assert c["claimant"] == {"name": "ISPR", "country": "PAK", "inter": 1}
    assert c["victims"] == {"text": "Afghan fighters", "country": "AFG", "inter": 1}
    assert c["figure"] == {
        "text": "more than 200",
        "value": 200,
        "low": 201,
        "high": None,
        "qualifier": "more_than",
    }
    assert c["span"] == [10, 23] and c["stance"] == "asserted"
    e = out["events"][0]
    assert (e["date_start"], e["date_end"], e["date_precision"]) == ("2025-10-11", "2025-10-12", "day")
    assert e["fatalities"] == {"low": 200, "best": 200, "high": 201}
    assert "error" not in out


def test_error_line_shape():
    out = extraction_to_json(Extraction("d2", error="E101: [E101] The document has no text"))
    assert out == {
        "id": "d2",
        "claims": [],
        "events": [],
        "error": {"code": "E101", "message": "[E101] The document has no text"},
    }


def test_toponyms_are_emitted_without_gold_spans():
    kabul = Place(
        "Kabul",
        start=4,
        end=9,
        admin1="Kabul",
        country="AFG",
        precision="town",
        lat=34.5,
        lon=69.2,
        geonameid=1,
    )
    out = extraction_to_json(Extraction("d3", toponyms=[kabul]))
    assert out["toponyms"] == [
        {
            "start": 4,
            "end": 9,
            "name": "Kabul",
            "lat": 34.5,
            "lon": 69.2,
            "geonameid": 1,
            "precision": "town",
            "country": "AFG",
        }
    ]
    assert extraction_to_json(Extraction("d4"))["toponyms"] == []
