from collections.abc import Callable
from datetime import date
from pathlib import Path

from tolls.model import IngestProblem, InputDocument, SourceDocument

from .conftest import Items, codes


def test_rows_become_documents_and_bad_rows_problems(ingest: Callable[..., Items], fixtures: Path) -> None:
    source = str(fixtures / "reports.csv")
    items = ingest(fixtures / "reports.csv")
    assert codes(items) == ["csv-1", "csv-2", "E312", "E312", "csv-5", "E312"]
    assert [i.locator for i in items] == ["row 2", "row 3", "row 4", "row 5", "row 6", "row 7"]
    assert items[1] == SourceDocument(
        doc=InputDocument(
            id="csv-2",
            text="Gunmen killed a driver on the Orlen road, police said.",
            published=date(2025, 10, 21),
            title="Ambush",
        ),
        source=source,
        locator="row 3",
        format="csv",
    )
    assert isinstance(items[4], SourceDocument)
    assert items[4].doc.text == "First line of the report.\nSecond line: eleven families displaced."
    messages = [i.message for i in items if isinstance(i, IngestProblem)]
    assert "'21/10/2025' is not an ISO 8601 or RFC 822 date" in messages[0]
    assert "7 fields where the header names 6" in messages[1]
    assert "the `id` cell is empty" in messages[2]


def test_missing_text_column_is_one_problem_for_the_file(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    assert ingest(fixtures / "missing-text.csv") == [
        IngestProblem(
            source=str(fixtures / "missing-text.csv"),
            locator="",
            code="E311",
            message=f"[E311] {str(fixtures / 'missing-text.csv')!r} has no 'text' column (header: headline, "
            "body); the first row must name the columns, with at least `text`.",
        )
    ]


def test_without_an_id_column_rows_get_stable_distinct_ids(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    first = codes(ingest(fixtures / "no-id.csv"))
    assert first == ["no-id.csv#b28323133e8bbdc0", "no-id.csv#fec27e787fd03625"]
    assert codes(ingest(fixtures / "no-id.csv")) == first


def test_header_names_are_case_insensitive_and_a_bom_is_dropped(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    (tmp_path / "r.csv").write_bytes(b'\xef\xbb\xbfID,TEXT\r\nk-1,"Two wounded, one missing."\r\n\r\n')
    [item] = ingest(tmp_path / "r.csv")
    assert isinstance(item, SourceDocument)
    assert (item.doc.id, item.doc.text) == ("k-1", "Two wounded, one missing.")


def test_empty_text_cell_is_a_row_problem(ingest: Callable[..., Items], tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("id,text\na,\nb,Five killed.\n")
    assert codes(ingest(tmp_path / "r.csv")) == ["E312", "b"]
