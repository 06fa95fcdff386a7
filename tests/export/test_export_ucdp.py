from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest

from tolls.export._common import stable_number
from tolls.export.ucdp import UCDP_COLUMNS, date_prec, deaths, dyad, priogrid_gid, ucdp_row, write_ucdp
from tolls.extract.admin1 import source_admin1
from tolls.model import DatePrecision, DateSpan, Estimate, LedgerEvent, Party, Place, PlacePrecision

EXPECTED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "tolls_grade",
]  # fmt: skip


def read(events: list[LedgerEvent]) -> list[dict[str, str]]:
    buf = io.StringIO()
    n = write_ucdp(events, buf)
    reader = csv.DictReader(io.StringIO(buf.getvalue(), newline=""))
    rows = list(reader)
    assert reader.fieldnames == EXPECTED_COLUMNS
    assert n == len(rows) == len(events)
    return rows


def test_columns() -> None:
    assert list(UCDP_COLUMNS) == EXPECTED_COLUMNS


def test_border_clash_row(border_clash: LedgerEvent) -> None:
    [row] = read([border_clash])
    assert row["id"] == str(stable_number(border_clash.id))
    assert row["relid"] == "pak-afg-2025-10-11-border"
    assert row["year"] == "2025"
    assert row["type_of_violence"] == "1"
    assert row["side_a"] == "Government of Pakistan"
    assert row["side_b"] == "Government of Afghanistan"
    assert row["dyad_name"] == "Government of Pakistan - Government of Afghanistan"
    assert row["conflict_name"] == "Afghanistan - Pakistan"
    for internal in ("active_year", "code_status", "conflict_dset_id", "dyad_new_id", "side_a_dset_id"):
        assert row[internal] == ""
    assert row["number_of_sources"] == "3"
    assert row["source_article"] == "01-ispr-border-posts; 02-mujahid-statement; reuters-2025-10-12"
    assert row["source_date"] == "2025-10-12"
    assert row["source_original"] == "Pakistani military (ISPR); Zabiullah Mujahid"
    assert row["where_prec"] == "1"
    assert row["where_coordinates"] == "Angoor Adda"
    assert row["where_description"] == "Angoor Adda; Durand Line"
    assert row["adm_1"] == "Khyber Pakhtunkhwa"
    assert (row["latitude"], row["longitude"]) == ("32.33", "69.37")
    assert row["geom_wkt"] == "POINT (69.37 32.33)"
    assert row["priogrid_gid"] == "176179"
    assert (row["country"], row["country_id"], row["region"]) == ("Pakistan", "770", "Asia")
    assert row["event_clarity"] == "1"
    assert (row["date_prec"], row["date_start"], row["date_end"]) == ("2", "2025-10-11", "2025-10-12")
    # ISPR's admission about its own soldiers is side a's best; Mujahid's about his fighters, side b's
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (
        "23",
        "9",
        "0",
        "0",
    )
    assert (row["low"], row["best"], row["high"]) == ("32", "32", "259")
    assert row["tolls_grade"] == "contested"  # tolls' own, after the GED's columns


def test_deaths_add_up_to_best(ledger: list[LedgerEvent]) -> None:
    for row in read(ledger):
        parts = sum(int(row[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
        assert parts == int(row["best"]), row["relid"]
        assert int(row["low"]) <= int(row["best"]) <= int(row["high"])


def test_one_sided_strike(paktika_strike: LedgerEvent) -> None:
    row = ucdp_row(paktika_strike)
    assert row["type_of_violence"] == 3
    assert (row["side_a"], row["side_b"]) == ("Government of Pakistan", "Civilians")
    assert row["dyad_name"] == "Government of Pakistan - civilians"
    # eight civilians; "at least 10 people" may include them: the other two are of unknown status
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (0, 0, 8, 2)
    assert (row["low"], row["best"], row["high"]) == (10, 10, 12)
    assert (row["where_prec"], row["country"], row["country_id"]) == (3, "Afghanistan", 700)


def test_non_state_fighting() -> None:
    event = LedgerEvent(
        id="ns",
        type="Battles/Armed clash",
        actors=[Party("Islamic State Khorasan", "AFG", 2), Party("National Resistance Front", "AFG", 2)],
        estimates=[Estimate("killed", "side", Party("NRF fighters", "AFG", 2), 4, 4, 6, "independent")],
    )
    d = dyad(event)
    # sides are named by the actor dictionary's canonical names, not the report's words
    assert (d.type_of_violence, d.side_a, d.side_b) == (
        2,
        "Islamic State Khorasan Province (ISKP)",
        "National Resistance Front",
    )
    assert (
        d.conflict_name == d.dyad_name == "Islamic State Khorasan Province (ISKP) - National Resistance Front"
    )
    # both sides are AFG/2, so "NRF fighters" (AFG/2) cannot be told apart: their side is unknown
    dead = deaths(event, d.key_a, d.key_b)
    assert (dead.a, dead.b, dead.unknown, dead.best) == (0, 0, 4, 4)


def test_state_is_side_a_whoever_is_named_first() -> None:
    event = LedgerEvent(
        id="sb",
        type="Battles/Armed clash",
        actors=[Party("Tehrik-i-Taliban Pakistan (TTP)", "PAK", 2), Party("Frontier Corps", "PAK", 1)],
        estimates=[
            Estimate("killed", "side", Party("FC personnel", "PAK", 1), 5, 5, 5, "admission"),
            Estimate("killed", "side", Party("militants", "PAK", 2), 10, 12, 20, "lowest-adversary"),
            Estimate("killed", "civilians", Party("civilians", "PAK", 7), 1, 1, 1, "independent"),
        ],
    )
    row = ucdp_row(event)
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == (
        1,
        "Government of Pakistan",
        "Tehrik-i-Taliban Pakistan (TTP)",
    )
    assert row["conflict_name"] == ""  # government or territory: tolls cannot tell
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (5, 12, 1, 0)
    assert (row["low"], row["best"], row["high"]) == (16, 18, 26)


def test_protests_are_not_organised_violence() -> None:
    event = LedgerEvent(
        id="p", type="Protests/Peaceful protest", actors=[Party("Protesters (Pakistan)", "PAK", 6)]
    )
    row = ucdp_row(event)
    assert (row["type_of_violence"], row["side_a"], row["dyad_name"]) == (None, "", "")


def test_bare_event(bare_event: LedgerEvent) -> None:
    [row] = read([bare_event])
    assert row["relid"] == "bare"
    for empty in (
        "year",
        "type_of_violence",
        "where_prec",
        "latitude",
        "geom_wkt",
        "priogrid_gid",
        "date_prec",
    ):
        assert row[empty] == "", empty
    assert (row["country"], row["country_id"], row["date_start"], row["date_end"]) == ("", "", "", "")
    assert (row["low"], row["best"], row["high"], row["deaths_unknown"], row["number_of_sources"]) == (
        "0",
        "0",
        "0",
        "0",
        "0",
    )


def test_event_fatalities_without_estimates_are_all_unknown() -> None:
    from tolls.model import Fatalities

    event = LedgerEvent(id="t", type="Battles/Armed clash", fatalities=Fatalities(10, 10, None))
    row = ucdp_row(event)
    assert (row["deaths_unknown"], row["low"], row["best"], row["high"]) == (10, 10, 10, 10)


def test_aggregate_reports_are_unclear() -> None:
    assert ucdp_row(LedgerEvent(id="a", type="Battles/Armed clash", scope="aggregate"))["event_clarity"] == 2


def test_hostile_text_is_neutralised(hostile_event: LedgerEvent) -> None:
    [row] = read([hostile_event])
    assert row["source_article"] == "'=evil-doc"
    assert row["where_coordinates"] == "'@Kabul"
    assert row["adm_1"] == "'+Kabul"
    assert row["side_a"] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("precision", "expected"),
    [("town", 1), ("area", 2), ("district", 3), ("province", 4), ("line", 5), ("country", 6), (None, None)],
)
def test_where_prec_follows_the_place_precision(
    precision: PlacePrecision | None, expected: int | None
) -> None:
    event = LedgerEvent(
        id="w", type="Battles/Armed clash", locations=[Place("X", precision=precision, lat=1, lon=2)]
    )
    assert ucdp_row(event)["where_prec"] == expected


def test_where_prec_needs_coordinates() -> None:
    event = LedgerEvent(id="w", type="Battles/Armed clash", locations=[Place("Kurram", precision="district")])
    row = ucdp_row(event)
    assert (row["where_prec"], row["where_coordinates"], row["latitude"]) == (None, "Kurram", None)


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2025, 10, 15), date(2025, 10, 15), "day", 1),
        (date(2025, 10, 15), None, "day", 1),
        (date(2025, 10, 11), date(2025, 10, 12), "day", 2),
        (date(2025, 10, 11), date(2025, 10, 16), "day", 2),
        (date(2025, 10, 13), date(2025, 10, 19), "week", 3),
        (date(2025, 10, 13), date(2025, 10, 19), "day", 3),
        (date(2025, 10, 1), date(2025, 10, 20), "day", 4),
        (date(2025, 10, 1), date(2025, 10, 31), "month", 4),
        (date(2025, 10, 1), date(2025, 11, 30), "month", 5),
        (date(2025, 1, 1), date(2025, 12, 31), "year", 5),
        (None, None, None, None),
    ],
)
def test_date_prec(
    start: date | None, end: date | None, precision: DatePrecision | None, expected: int | None
) -> None:
    assert date_prec(DateSpan(start, end, precision)) == expected


@pytest.mark.parametrize(
    ("lat", "lon", "gid"),
    [
        (-90.0, -180.0, 1),
        (-89.9, -179.4, 2),
        (-89.4, -180.0, 721),
        (89.99, 179.99, 259200),
        (90.0, 180.0, 259200),
    ],
)
def test_priogrid_gid(lat: float, lon: float, gid: int) -> None:
    assert priogrid_gid(lat, lon) == gid


def test_a_countryless_state_mention_is_not_a_side_of_its_own() -> None:
    # the conflict "Pakistan - soldiers" with side_b "soldiers"
    event = LedgerEvent(
        id="ps",
        type="Battles/Armed clash",
        actors=[Party("Pakistan", "PAK", 1), Party("soldiers", "", 1)],
    )
    row = ucdp_row(event)
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == (1, "Government of Pakistan", "")
    assert "soldiers" not in str(row["conflict_name"]) + str(row["dyad_name"])


@pytest.mark.parametrize(
    ("type_", "actors", "expected"),
    [
        ("Battles/Armed clash", [], (2, "Unidentified Armed Group")),
        ("Battles/Armed clash", [Party("TTP militants", "PAK", 2)], (2, "Tehrik-i-Taliban Pakistan (TTP)")),
        (
            "Explosions/Remote violence/Air/drone strike",
            [Party("Pakistan Air Force", "PAK", 1)],
            (1, "Government of Pakistan"),
        ),
        ("Violence against civilians/Attack", [], (3, "Unidentified Armed Group")),
    ],
)
def test_organised_violence_always_has_a_type(
    type_: str, actors: list[Party], expected: tuple[int, str]
) -> None:
    row = ucdp_row(LedgerEvent(id="t", type=type_, actors=actors))
    assert (row["type_of_violence"], row["side_a"]) == expected


def test_adm_1_is_the_gazetteers_form_of_the_division(paktika_strike: LedgerEvent) -> None:
    sumy = Place("Sumy", admin1="Sumy Oblast", country="UKR", precision="town", lat=50.91, lon=34.8)
    [row] = read([replace(paktika_strike, locations=[sumy])])
    assert row["adm_1"] == source_admin1("UKR", "Sumy Oblast") != "Sumy Oblast"
