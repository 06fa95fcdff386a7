from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tolls.export.parquet import CLAIMS_FILE, CLAIMS_SCHEMA, EVENTS_FILE, EVENTS_SCHEMA, write_parquet
from tolls.model import LedgerEvent


def test_round_trip_with_the_expected_schemas(tmp_path: Path, ledger: list[LedgerEvent]) -> None:
    assert write_parquet(ledger, tmp_path) == 4
    events = pq.read_table(tmp_path / EVENTS_FILE)
    claims = pq.read_table(tmp_path / CLAIMS_FILE)
    assert events.schema.equals(EVENTS_SCHEMA)
    assert claims.schema.equals(CLAIMS_SCHEMA)
    assert events.num_rows == 4
    assert claims.num_rows == sum(len(e.claims) for e in ledger) == 8
    assert events.column("id").to_pylist() == [e.id for e in ledger]


def test_event_columns(tmp_path: Path, border_clash: LedgerEvent, bare_event: LedgerEvent) -> None:
    write_parquet([border_clash, bare_event], tmp_path)
    border, bare = pq.read_table(tmp_path / EVENTS_FILE).to_pylist()
    assert (border["date_start"], border["date_end"], border["date_precision"]) == (
        date(2025, 10, 11),
        date(2025, 10, 12),
        "day",
    )
    assert (border["fatalities_low"], border["fatalities_best"], border["fatalities_high"]) == (32, 32, 259)
    assert border["contested"] is True
    assert border["claim_count"] == 5
    assert border["locations"][0]["name"] == "Angoor Adda"
    assert (border["locations"][0]["latitude"], border["locations"][0]["longitude"]) == (32.33, 69.37)
    assert border["actors"][1] == {"name": "Afghan Taliban", "country": "AFG", "inter": 1}
    assert border["estimates"][0]["victims"]["name"] == "Pakistani soldiers"
    assert border["estimates"][0]["claims"] == ["c1", "c4"]
    assert (bare["date_start"], bare["fatalities_low"], bare["locations"], bare["estimates"]) == (
        None,
        None,
        [],
        [],
    )
    assert bare["contested"] is False
    assert (border["grade"], border["grade_by"]) == ("contested", None)
    assert border["grade_reasons"][-1] == "2 independent sources"
    assert (bare["grade"], bare["grade_reasons"], bare["grade_by"]) == (None, None, None)  # never graded


def test_claims_keep_document_and_span(tmp_path: Path, border_clash: LedgerEvent) -> None:
    write_parquet([border_clash], tmp_path)
    rows = pq.read_table(tmp_path / CLAIMS_FILE).to_pylist()
    third = rows[2]
    assert third["id"] == "c3"
    assert third["event_id"] == "pak-afg-2025-10-11-border"
    assert third["doc_id"] == "01-ispr-border-posts"
    assert (third["span_start"], third["span_end"]) == (380, 393)
    assert third["published"] == date(2025, 10, 12)
    assert third["claimant"] == {"name": "Pakistani military (ISPR)", "country": "PAK", "inter": 1}
    assert (third["figure_text"], third["figure_value"], third["figure_low"], third["qualifier"]) == (
        "more than 200",
        200,
        201,
        "more_than",
    )
    assert third["sources"] == ["reuters-2025-10-12"]
    assert [r["kind"] for r in rows] == ["killed", "injured", "killed", "killed", "killed"]


def test_small_batches_write_the_same_rows(tmp_path: Path, ledger: list[LedgerEvent]) -> None:
    write_parquet(ledger, tmp_path / "one", batch_size=1)
    write_parquet(ledger, tmp_path / "all")
    for name in (EVENTS_FILE, CLAIMS_FILE):
        one, whole = pq.read_table(tmp_path / "one" / name), pq.read_table(tmp_path / "all" / name)
        assert one.to_pylist() == whole.to_pylist()
    assert pq.ParquetFile(tmp_path / "one" / EVENTS_FILE).metadata.num_row_groups == 4


def test_no_events_still_writes_both_schemas(tmp_path: Path) -> None:
    assert write_parquet([], tmp_path / "new") == 0
    events = pq.read_table(tmp_path / "new" / EVENTS_FILE)
    assert events.num_rows == 0
    assert events.schema.equals(EVENTS_SCHEMA)
    assert pq.read_table(tmp_path / "new" / CLAIMS_FILE).schema.field("span_start").type == pa.int64()
