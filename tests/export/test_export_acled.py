from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tolls.export._common import safe_text
from tolls.export.acled import (
    ACLED_COLUMNS,
    acled_row,
    disorder_type,
    interaction,
    time_precision,
    write_acled,
)
from tolls.export.notes import dispute_account
from tolls.model import (
    Claim,
    DatePrecision,
    DateSpan,
    EventGrade,
    Figure,
    LedgerEvent,
    Party,
    Place,
    SourcedClaim,
)

EXPECTED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp,tolls_grade"
)  # ACLED's current columns in its order, then tolls' own


def read(events: list[LedgerEvent]) -> tuple[str, list[dict[str, str]]]:
    buf = io.StringIO()
    n = write_acled(events, buf)
    text = buf.getvalue()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert n == len(rows) == len(events)
    return text, rows


def test_header_is_acleds_current_columns_in_order_then_the_grade(border_clash: LedgerEvent) -> None:
    text, _ = read([border_clash])
    assert text.splitlines()[0] == EXPECTED_HEADER
    assert ",".join(ACLED_COLUMNS) == EXPECTED_HEADER


def test_border_clash_row(border_clash: LedgerEvent) -> None:
    _, [row] = read([border_clash])
    assert row["event_id_cnty"] == border_clash.id  # the ledger id, as every other export names it
    assert row["event_date"] == "2025-10-11"
    assert row["year"] == "2025"
    assert row["time_precision"] == "1"  # a night across midnight is one day
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert row["actor1"] == "Pakistani military (ISPR)"
    assert row["assoc_actor_1"] == "Pakistan Air Force"
    assert (row["actor2"], row["assoc_actor_2"]) == ("Afghan Taliban", "")
    assert (row["inter1"], row["inter2"], row["interaction"]) == (
        "State forces",
        "State forces",
        "State forces-State forces",
    )
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["region"], row["country"]) == ("586", "South Asia", "Pakistan")
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Khyber Pakhtunkhwa", "", "")
    assert (row["location"], row["latitude"], row["longitude"]) == ("Angoor Adda", "32.33", "69.37")
    assert row["geo_precision"] == "1"
    # no context: the documents by id (with one, their outlets)
    assert row["source"] == "01-ispr-border-posts; 02-mujahid-statement; reuters-2025-10-12"
    assert row["fatalities"] == "32"  # 23 soldiers (ISPR's admission) + 9 fighters (Mujahid's)
    assert row["source_scale"] == ""
    assert row["tags"] == "fatalities best=32; fatalities high=259; claims=5; fatalities contested"
    assert row["timestamp"] == str(int(datetime(2025, 10, 12, tzinfo=UTC).timestamp()))
    assert row["tolls_grade"] == "contested"


def test_the_grade_column_is_the_events_grade_and_empty_when_never_graded(
    border_clash: LedgerEvent, bare_event: LedgerEvent
) -> None:
    hand = replace(border_clash, grade=EventGrade("fair", ("set by ana: checked",), by="ana"))
    _, rows = read([hand, bare_event])
    assert [r["tolls_grade"] for r in rows] == ["fair", ""]


def test_fatalities_are_the_sum_of_the_killed_lows(border_clash: LedgerEvent) -> None:
    killed = [e for e in border_clash.estimates if e.kind == "killed"]
    assert acled_row(border_clash)["fatalities"] == sum(e.low for e in killed) == 32


def test_unknown_group_is_not_added_to_the_named_groups(paktika_strike: LedgerEvent) -> None:
    # "at least 10 people" may already hold the eight civilians: the larger, not 18
    assert acled_row(paktika_strike)["fatalities"] == 10


def test_notes_tell_the_dispute_from_the_claims(border_clash: LedgerEvent) -> None:
    notes = str(acled_row(border_clash)["notes"])
    assert notes.startswith("Afghan Taliban forces attacked Pakistani border posts")
    assert (
        "Pakistani military (ISPR) said 23 Pakistani soldiers were killed; Zabiullah Mujahid said 58."
        in notes
    )
    assert (
        "Pakistani military (ISPR) said more than 200 Taliban and affiliated fighters were killed; "
        "Zabiullah Mujahid said nine Afghan fighters." in notes
    )
    assert "29" not in notes  # the wounded are not part of the fatality dispute
    assert notes.endswith("Fatalities are contested; coded as the lowest figures (32).")


def test_reconciler_lines_give_way_and_analyst_notes_stay(border_clash: LedgerEvent) -> None:
    border_clash.notes = (
        "Disputed killed (Pakistani soldiers): ISPR: 23; soldiers: 23; Zabiullah Mujahid: 58.\n"
        "Merged e-2 into this event by alice: same night, same posts."
    )
    notes = str(acled_row(border_clash)["notes"])
    assert "Disputed killed" not in notes and "soldiers: 23" not in notes
    assert "Zabiullah Mujahid said 58." in notes
    assert "Merged e-2 into this event by alice: same night, same posts." in notes
    assert "…" not in notes


def test_dispute_account_skips_subsets_and_repeats(border_clash: LedgerEvent) -> None:
    repeat = border_clash.claims[0]
    assert (
        dispute_account([repeat, repeat])
        == "Pakistani military (ISPR) said 23 Pakistani soldiers were killed."
    )
    repeat.claim.subset = True
    assert dispute_account([repeat]) == ""


def test_one_sided_strike_targets_civilians(paktika_strike: LedgerEvent) -> None:
    row = acled_row(paktika_strike)
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    # the report's "civilians" are coded as ACLED names them, with the country
    assert (row["actor1"], row["actor2"]) == ("Pakistan Air Force", "Civilians (Afghanistan)")
    assert row["interaction"] == "State forces-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["geo_precision"]) == (4, "Afghanistan", 2)
    assert row["source"] == "05-paktika-strikes"


def test_bare_event_keeps_every_column(bare_event: LedgerEvent) -> None:
    _, [row] = read([bare_event])
    assert list(row) == list(ACLED_COLUMNS)
    assert row["event_id_cnty"] == bare_event.id  # no place: still its own id, never "XXX..."
    # integer columns stay integers: 0 is "not known" where ACLED's codes start at 1
    assert (row["event_date"], row["year"], row["time_precision"]) == ("", "0", "0")
    assert (row["disorder_type"], row["event_type"]) == ("Strategic developments", "Strategic developments")
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("", "", "")
    assert (row["iso"], row["country"], row["latitude"], row["geo_precision"]) == ("0", "", "", "0")
    assert (row["fatalities"], row["notes"], row["source"], row["timestamp"]) == ("0", "", "", "0")


def test_violence_against_civilians_without_actors_gets_acled_defaults() -> None:
    event = LedgerEvent(
        id="1234",
        type="Violence against civilians/Attack",
        locations=[Place("Chaman", country="PAK", precision="town", lat=30.92, lon=66.45)],
    )
    row = acled_row(event)
    assert row["event_id_cnty"] == "1234"
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Pakistan)", "Political militia")
    assert (row["actor2"], row["inter2"]) == ("Civilians (Pakistan)", "Civilians")
    assert row["interaction"] == "Political militia-Civilians"


def test_hostile_text_is_neutralised_and_parses_back(
    hostile_event: LedgerEvent, border_clash: LedgerEvent
) -> None:
    hostile_event.locations[0] = replace(hostile_event.locations[0], name="@Kabul\r\nold town")
    text, rows = read([hostile_event, border_clash])
    row = rows[0]
    assert row["actor1"] == "'=cmd|' /C calc'!A0"  # a name the dictionary does not know is kept
    assert row["notes"].startswith("'=cmd|' /C calc'!A0 =HYPERLINK(")
    assert row["notes"].endswith("He said \"stop\", then left; she said 'no'.")  # one line
    assert row["location"] == "'@Kabul\r\nold town"
    assert row["admin1"] == "'+Kabul"
    assert row["source"] == "'=evil-doc"
    assert rows[1]["event_id_cnty"] == border_clash.id  # the line break did not split the row
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_safe_text_prefixes_formula_starts(prefix: str) -> None:
    assert safe_text(prefix + "1+1") == "'" + prefix + "1+1"


@pytest.mark.parametrize("text", ["Kabul", "", " =x", "a-b", "'quoted'"])
def test_safe_text_leaves_plain_text(text: str) -> None:
    assert safe_text(text) == text


@pytest.mark.parametrize("number", ["-8.83833", "+3", "-0.5", "-1e-3", "-12"])
def test_safe_text_leaves_numbers_written_as_text(number: str) -> None:
    # an imported row's coordinates arrive as the dataset wrote them; a number is no formula
    assert safe_text(number) == number


def test_negative_coordinates_stay_numbers() -> None:
    event = LedgerEvent(
        id="1", type="Battles/Armed clash", locations=[Place("X", precision="town", lat=-1.5, lon=-70.25)]
    )
    _, [row] = read([event])
    assert (row["latitude"], row["longitude"]) == ("-1.5", "-70.25")


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Agreement", "Strategic developments"),
    ],
)
def test_disorder_type(event_type: str, sub: str, expected: str) -> None:
    assert disorder_type(event_type, sub) == expected


@pytest.mark.parametrize(
    ("type_", "expected"),
    [
        ("Negotiation", ("Strategic developments", "Other")),
        ("Displacement", ("Strategic developments", "Other")),
        (
            "Strategic developments/Looting/property destruction",
            ("Strategic developments", "Looting/property destruction"),
        ),
    ],
)
def test_tolls_types_map_to_acled(type_: str, expected: tuple[str, str]) -> None:
    row = acled_row(LedgerEvent(id="x", type=type_))
    assert (row["event_type"], row["sub_event_type"]) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"), [(1, 2, 12), (2, 1, 12), (7, 3, 37), (1, 1, 11), (6, 0, 60), (0, 0, 0)]
)
def test_interaction_puts_the_lower_code_first(inter1: int, inter2: int, expected: int) -> None:
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2025, 10, 15), date(2025, 10, 15), "day", 1),
        (date(2025, 10, 11), date(2025, 10, 12), "day", 1),
        (date(2025, 10, 11), date(2025, 10, 14), "day", 2),
        (date(2025, 10, 13), date(2025, 10, 19), "week", 2),
        (date(2025, 10, 1), date(2025, 10, 31), "month", 3),
        (date(2025, 1, 1), date(2025, 12, 31), "year", 3),
        (date(2025, 10, 1), date(2025, 10, 20), "day", 3),
        (None, None, None, None),
    ],
)
def test_time_precision(
    start: date | None, end: date | None, precision: DatePrecision | None, expected: int | None
) -> None:
    assert time_precision(DateSpan(start, end, precision)) == expected


def test_rows_are_streamed(border_clash: LedgerEvent, paktika_strike: LedgerEvent) -> None:
    buf = io.StringIO()
    seen: list[int] = []

    def events() -> Iterator[LedgerEvent]:
        yield border_clash
        seen.append(len(buf.getvalue().splitlines()))
        yield paktika_strike

    assert write_acled(events(), buf) == 2
    assert seen == [2]  # header and the first row were out before the second event was read


def _said(cid: str, claimant: Party, figure_text: str = "23") -> SourcedClaim:
    claim = Claim(
        claimant=claimant,
        kind="killed",
        victims=Party("Pakistani soldiers", "PAK", 1),
        figure=Figure(figure_text, int(figure_text), int(figure_text), int(figure_text), "exact"),
        span=(0, 2),
    )
    return SourcedClaim(id=cid, claim=claim, doc_id="d", published=date(2025, 10, 12))


def test_one_claimant_side_is_told_once() -> None:
    # the "soldiers: 23; Pakistan's military: 23; Military spokesman: 23"
    event = LedgerEvent(
        id="e-1",
        type="Battles/Armed clash",
        actors=[Party("Pakistan's military", "PAK", 1), Party("TTP militants", "PAK", 2)],
        claims=[
            _said("a", Party("soldiers", "", 1)),
            _said("b", Party("Pakistan's military", "PAK", 1)),
            _said("c", Party("Military spokesman", "", 1)),
            _said("d", Party("Tehrik-i-Taliban Pakistan", "PAK", 2), "40"),
        ],
    )
    account = dispute_account(event.claims, actors=event.actors)
    assert account == (
        "Pakistani military (ISPR) said 23 Pakistani soldiers were killed; "
        "Tehrik-i-Taliban Pakistan (TTP) said 40."
    )


def test_actor_columns_hold_actors_not_mentions() -> None:
    event = LedgerEvent(
        id="e-2",
        type="Battles/Armed clash",
        locations=[Place("Wana", country="PAK", precision="town", lat=32.3, lon=69.57)],
        actors=[
            Party("soldiers", "", 1),
            Party("Pakistan's military", "PAK", 1),
            Party("security forces", "", 1),
            Party("TTP militants", "PAK", 2),
            Party("militants", "", 3),
        ],
    )
    row = acled_row(event)
    # "Pakistan's military" is the dictionary's Pakistani military; "soldiers" and "security
    # forces" are that same side's generic mentions, never listed as associated actors
    assert (row["actor1"], row["assoc_actor_1"]) == ("Pakistani military (ISPR)", "")
    assert (row["actor2"], row["inter2"]) == ("Tehrik-i-Taliban Pakistan (TTP)", "Rebel group")
    assert row["assoc_actor_2"] == ""  # the generic third side ("militants") is not listed
    assert row["interaction"] == "State forces-Rebel group"
    sole = acled_row(LedgerEvent(id="e-3", type="Battles/Armed clash", actors=[Party("soldiers", "PAK", 1)]))
    assert (sole["actor1"], sole["interaction"]) == ("Military Forces of Pakistan", "State forces only")


def test_admin1_is_written_as_acled_names_it_not_as_news_does(paktika_strike: LedgerEvent) -> None:
    """The ledger says North Kivu (tolls.extract.admin1); ACLED's own rows say Nord-Kivu."""
    goma = Place("Goma", admin1="North Kivu", country="COD", precision="town", lat=-1.68, lon=29.22)
    _, [row] = read([replace(paktika_strike, locations=[goma])])
    assert row["admin1"] == "Nord-Kivu"
