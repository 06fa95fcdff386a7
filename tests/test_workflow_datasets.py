"""An event dataset through the whole workflow: each row one ledger event, claims read from its
notes attached to it, and the ACLED export giving the row back as ACLED coded it. Invented rows;
runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import Engine

from tolls.export import export_events
from tolls.ingest.tables import TableOptions
from tolls.settings import Settings
from tolls.store import load_ledger, session_scope
from tolls.workflow import ingest

HEADER = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,"
    "INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,"
    "LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES\n"
)
ROWS = (
    # the same note on two days in two places: two events, never a syndicated copy
    "475,11ABC,,05/01/2016,2016,1,Violence against civilians,Unidentified Armed Group (Nigeria),,3,"
    "Civilians (Nigeria),,7,37,Nigeria,Borno,Bama,,Bama,11.52,-13.69,1,Wire,"
    "Gunmen killed 4 villagers.,4\n"
    "475,12ABC,,09/01/2016,2016,1,Violence against civilians,Unidentified Armed Group (Nigeria),,3,"
    "Civilians (Nigeria),,7,37,Nigeria,Yobe,Damaturu,,Damaturu,11.74,11.96,1,Wire,"
    "Gunmen killed 4 villagers.,4\n"
    "615,13ABC,,10/01/2016,2016,1,Riots/Protests,Protesters (Algeria),,6,,,0,60,Algeria,Biskra,Biskra,,"
    'Biskra,34.85038,5.72805,1,El Watan,"Residents protested over housing, peacefully.",0\n'
)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "acled.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def _export(engine: Engine) -> list[dict[str, str]]:
    with session_scope(engine) as session:
        events = load_ledger(session)
    out = io.StringIO()
    export_events(events, "acled", out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_rows_are_events_and_export_as_coded_without_extraction(
    db_engine: Engine, settings: Settings, dataset: Path
) -> None:
    table = TableOptions(format="acled")
    report = ingest([str(dataset)], settings=settings, engine=db_engine, table=table)
    assert report.outcomes["added"] == 3 and report.outcomes["syndicated"] == 0
    assert report.ledger is not None and report.ledger.events_written == 3
    rows = {r["event_id_cnty"]: r for r in _export(db_engine)}
    assert sorted(rows) == ["11ABC", "12ABC", "13ABC"]
    protest = rows["13ABC"]
    assert protest["event_date"] == "2016-01-10"
    assert protest["event_type"] == "Riots/Protests"  # the 2016 type, as ACLED coded it
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == (
        "Protesters (Algeria)",
        "6",
        "60",
    )
    assert (protest["latitude"], protest["longitude"], protest["geo_precision"]) == (
        "34.85038",
        "5.72805",
        "1",
    )
    assert (protest["location"], protest["admin1"], protest["country"]) == ("Biskra", "Biskra", "Algeria")
    assert protest["notes"] == "Residents protested over housing, peacefully."
    assert rows["12ABC"]["location"] == "Damaturu" and rows["12ABC"]["fatalities"] == "4"
    assert rows["11ABC"]["longitude"] == "-13.69"  # a negative number, not a neutralised formula
    # read again: every row is a duplicate of itself, nothing new
    again = ingest([str(dataset)], settings=settings, engine=db_engine, table=table)
    assert again.outcomes["duplicate"] == 3 and again.ledger is not None and again.ledger.events_written == 3


def test_claims_read_from_each_note_attach_to_its_row(
    db_engine: Engine, nlp: Language, settings: Settings, dataset: Path
) -> None:
    ingest([str(dataset)], settings=settings, engine=db_engine, nlp=nlp, table=TableOptions(format="acled"))
    with session_scope(db_engine) as session:
        events = load_ledger(session)
    by_id = {e.coded.external_id: e for e in events if e.coded is not None}
    assert sorted(by_id) == ["11ABC", "12ABC", "13ABC"] and len(events) == 3
    for external in ("11ABC", "12ABC"):
        killed = [c.claim for c in by_id[external].claims if c.claim.kind == "killed"]
        assert [c.figure.value for c in killed] == [4]
        assert by_id[external].documents == [f"acled.csv#{external}"]
    assert by_id["13ABC"].claims == []
    rows = {r["event_id_cnty"]: r for r in _export(db_engine)}
    assert rows["11ABC"]["notes"].startswith("Gunmen killed 4 villagers. [tolls] ")
    assert "4 villagers were killed" in rows["11ABC"]["notes"]
    assert rows["11ABC"]["location"] == "Bama" and rows["11ABC"]["event_date"] == "2016-01-05"
