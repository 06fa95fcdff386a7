"""Every exported column is documented in docs/export.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from tolls.export import FORMATS
from tolls.export.acled import ACLED_COLUMNS, acled_row
from tolls.export.parquet import CLAIMS_SCHEMA, DOCUMENTS_SCHEMA, EVENTS_SCHEMA
from tolls.export.ucdp import UCDP_COLUMNS, ucdp_row
from tolls.model import LedgerEvent

DOC = (Path(__file__).parents[2] / "docs" / "export.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = DOC.index(f"## {title}")
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end != -1 else None]


@pytest.mark.parametrize(("title", "columns"), [("ACLED", ACLED_COLUMNS), ("UCDP GED", UCDP_COLUMNS)])
def test_csv_columns_are_documented_in_order(title: str, columns: tuple[str, ...]) -> None:
    section = _section(title)
    rows = [line.split("|")[1].strip().strip("`") for line in section.splitlines() if line.startswith("| `")]
    assert rows == list(columns)


def test_parquet_fields_are_documented() -> None:
    section = _section("Parquet")
    for field in [*EVENTS_SCHEMA.names, *CLAIMS_SCHEMA.names, *DOCUMENTS_SCHEMA.names]:
        assert f"`{field}`" in section, field


def test_formats_and_error_codes_are_documented() -> None:
    for name in FORMATS:
        assert f"| `{name}`" in DOC, name
    for code in ("E501", "E502", "E503", "E504"):
        assert code in DOC


def _examples(title: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _section(title).splitlines():
        cells = [c.strip() for c in line.split("|")]
        if line.startswith("| `") and len(cells) >= 4 and cells[3].startswith("`"):
            out[cells[1].strip("`")] = cells[3].split("`")[1]
    return out


def test_october_2025_examples_match_the_export(border_clash: LedgerEvent) -> None:
    acled, ucdp = acled_row(border_clash), ucdp_row(border_clash)
    for title, row in (("ACLED", acled), ("UCDP GED", ucdp)):
        examples = _examples(title)
        assert len(examples) > 20
        for column, example in examples.items():
            assert str(row[column]) == example, (title, column)
    assert " ".join(str(acled["notes"]).split()) in " ".join(DOC.replace("> ", "").split())
