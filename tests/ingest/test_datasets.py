"""Event datasets (ACLED 2016 and current columns, UCDP GED) read row by row as events, and the
``--columns``/``--date-format`` mapping of any CSV. Every row here is invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tolls.errors import IngestError
from tolls.ingest import iter_sources
from tolls.ingest.datasets import coded_incident
from tolls.ingest.tables import TableOptions, parse_columns
from tolls.model import IngestProblem, Party, SourceDocument
from tolls.settings import IngestSettings

from .conftest import Items

ACLED_2016 = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,"
    "INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,"
    "LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES\n"
    "615,7XYZ,,30/12/2015,2015,1,Riots/Protests,Protesters (Algeria),,6,,,0,60,Algeria,Biskra,Biskra,,"
    "Biskra,34.85,5.73,1,Daily Paper,Residents gathered outside the town hall over housing.,0\n"
    "615,8XYZ,,31/12/2015,2015,1,Riots/Protests,Protesters (Algeria),,6,,,0,60,Algeria,Chlef,Chlef,,"
    "Chlef,36.16,1.33,1,Daily Paper,Residents gathered outside the town hall over housing.,0\n"
    '475,9XYZ,,02/01/2016,2016,2,Battle-No change of territory,Military Forces of Nigeria (2015-),"CJTF; '
    'Hunters",1,Boko Haram,,2,12,Nigeria,Borno,Bama,,Bama,11.52,13.69,2,Wire,'
    '"Soldiers said 12 militants were killed in a clash near Bama.",12\n'
    "475,,,03/01/2016,2016,1,Remote violence,Boko Haram,,2,,,0,20,Nigeria,Borno,,,Maiduguri,11.8,13.1,1,"
    "Wire,A blast.,1\n"
    "475,10XYZ,,2016-13-45,2016,1,Remote violence,Boko Haram,,2,,,0,20,Nigeria,Borno,,,Maiduguri,11.8,"
    "13.1,1,Wire,A blast.,1\n"
)

ACLED_CURRENT = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp\n"
    "SDN123,2024-05-04,2024,1,Political violence,Violence against civilians,Attack,Rapid Support Forces,,"
    "Rebel group,Civilians (Sudan),,Civilians,Rebel group-Civilians,Civilian targeting,729,Northern Africa,"
    "Sudan,North Darfur,El Fasher,,El Fasher,13.63,25.35,1,Radio,National,"
    "On 4 May 2024 gunmen killed 5 civilians in El Fasher.,5,,1715000000\n"
)

UCDP = (
    "id,relid,year,type_of_violence,conflict_name,side_a,side_b,source_headline,where_prec,"
    "where_coordinates,adm_1,latitude,longitude,country,country_id,date_prec,date_start,date_end,best,high,low\n"
    "501,ABC-1,2020,1,Country A: Government,Government of Country A,Rebels of the North,"
    "Troops clash with rebels,1,Lowtown,North province,10.5,20.5,Mali,432,1,2020-03-01 00:00:00.000,"
    "2020-03-01 00:00:00.000,7,9,6\n"
    "502,ABC-2,2020,9,Country A: Government,Government of Country A,Rebels,Headline,1,Lowtown,,10.5,20.5,"
    "Mali,432,1,2020-03-02,2020-03-02,1,1,1\n"
)


def _read(path: Path, **table: object) -> Items:
    options = TableOptions(**table)  # type: ignore[arg-type]
    return list(iter_sources([str(path)], settings=IngestSettings(), table=options))


def _file(tmp_path: Path, text: str, name: str = "rows.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_acled_2016_rows_are_events_with_their_own_ids(tmp_path: Path) -> None:
    items = _read(_file(tmp_path, ACLED_2016), format="acled")
    docs = [i for i in items if isinstance(i, SourceDocument)]
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [d.doc.id for d in docs] == ["rows.csv#7XYZ", "rows.csv#8XYZ", "rows.csv#9XYZ"]
    assert [d.coded.external_id for d in docs if d.coded] == ["7XYZ", "8XYZ", "9XYZ"]
    assert [d.doc.published for d in docs] == [date(2015, 12, 30), date(2015, 12, 31), date(2016, 1, 2)]
    assert all(d.format == "acled" for d in docs)
    # the row without an id and the row with an impossible date are coded problems, in place
    assert [(p.code, p.locator) for p in problems] == [("E327", "row 5"), ("E327", "row 6")]
    assert "`event_id_cnty` is empty" in problems[0].message
    assert "'2016-13-45'" in problems[1].message

    battle = docs[2].coded
    assert battle is not None
    event = coded_incident(battle)
    assert event.type == "Battles/Armed clash"
    assert event.dates.start == event.dates.end == date(2016, 1, 2)
    assert event.dates.precision == "week"  # time_precision 2
    assert [(p.name, p.inter) for p in event.actors] == [
        ("Military Forces of Nigeria (2015-)", 1),
        ("CJTF", 1),
        ("Hunters", 1),
        ("Boko Haram", 2),
    ]
    place = event.locations[0]
    assert (place.name, place.admin1, place.country, place.precision) == ("Bama", "Borno", "NGA", "district")
    assert (place.lat, place.lon) == (11.52, 13.69)
    assert event.fatalities is not None and event.fatalities.best == 12
    assert coded_incident(docs[0].coded).type == "Protests"  # type: ignore[arg-type]


def test_acled_current_columns_read_text_inter_labels(tmp_path: Path) -> None:
    (doc,) = _read(_file(tmp_path, ACLED_CURRENT), format="acled")
    assert isinstance(doc, SourceDocument) and doc.coded is not None
    assert doc.coded.get("inter1") == "Rebel group"
    event = coded_incident(doc.coded)
    assert event.type == "Violence against civilians/Attack"
    assert event.actors == [Party("Rapid Support Forces", inter=2), Party("Civilians (Sudan)", inter=7)]
    assert event.locations[0].country == "SDN"
    assert doc.doc.text == "On 4 May 2024 gunmen killed 5 civilians in El Fasher."


def test_ucdp_rows_are_events(tmp_path: Path) -> None:
    items = _read(_file(tmp_path, UCDP), format="ucdp")
    doc, bad = items
    assert isinstance(doc, SourceDocument) and doc.coded is not None
    assert doc.doc.id == "rows.csv#501" and doc.doc.text == "Troops clash with rebels"
    event = coded_incident(doc.coded)
    assert event.type == "Battles/Armed clash"
    assert event.dates.start == date(2020, 3, 1)
    assert event.fatalities is not None
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (6, 7, 9)
    assert event.actors[0] == Party("Government of Country A", inter=1)
    assert isinstance(bad, IngestProblem) and bad.code == "E327" and "type_of_violence" in bad.message


def test_a_dataset_missing_its_id_column_is_refused(tmp_path: Path) -> None:
    (item,) = _read(_file(tmp_path, "event_date,notes\n2020-01-01,x\n"), format="acled")
    assert isinstance(item, IngestProblem) and item.code == "E311" and "event_id_cnty" in item.message


def test_any_csv_maps_columns_and_reads_day_first_dates(tmp_path: Path) -> None:
    path = _file(tmp_path, ACLED_2016)
    columns = parse_columns("text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE")
    items = _read(path, columns=columns, date_format="%d/%m/%Y")
    docs = [i for i in items if isinstance(i, SourceDocument)]
    assert [d.doc.id for d in docs[:3]] == ["7XYZ", "8XYZ", "9XYZ"]
    assert docs[0].doc.published == date(2015, 12, 30)
    assert docs[0].coded is None and docs[0].format == "csv"
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [p.code for p in problems] == ["E312", "E312"]  # the empty id, the impossible date
    assert "'%d/%m/%Y' date" in problems[1].message
    # without the date format, 30/12/2015 is refused and says how to read it
    refused = [i for i in _read(path, columns=columns) if isinstance(i, IngestProblem)]
    assert "see --date-format" in refused[0].message


def test_a_mapped_column_that_is_missing_names_itself(tmp_path: Path) -> None:
    (item,) = _read(_file(tmp_path, "body,id\nx,1\n"), columns={"text": "notes"})
    assert isinstance(item, IngestProblem) and item.code == "E311" and "'notes'" in item.message


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("text", "is not FIELD=COLUMN"),
        ("body=NOTES", "'body' is not a document field"),
        ("text=A,text=B", "'text' is mapped twice"),
        (",", "no FIELD=COLUMN pair"),
    ],
)
def test_a_bad_column_mapping_is_a_coded_error(spec: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_columns(spec)
    assert caught.value.code == "E326" and reason in caught.value.message


def test_a_rows_date_format_is_kept_so_the_row_reads_the_same_day_again(tmp_path: Path) -> None:
    from tolls.store.convert import coded_from_json, coded_to_json

    month_first = ACLED_2016.replace("02/01/2016", "03/04/2016").replace("30/12/2015", "12/30/2015")
    items = _read(_file(tmp_path, month_first), format="acled", date_format="%m/%d/%Y")
    docs = {i.doc.id: i for i in items if isinstance(i, SourceDocument)}
    battle = docs["rows.csv#9XYZ"]
    assert battle.doc.published == date(2016, 3, 4) and battle.coded is not None
    stored = coded_from_json(coded_to_json(battle.coded))  # as extraction and rebuilds read it
    assert stored == battle.coded
    assert coded_incident(stored).dates.start == date(2016, 3, 4)  # not 3 April
    assert coded_incident(docs["rows.csv#7XYZ"].coded).dates.start == date(2015, 12, 30)  # type: ignore[arg-type]
