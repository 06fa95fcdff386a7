from collections.abc import Callable
from datetime import date
from pathlib import Path

from tolls.model import IngestProblem, InputDocument, SourceDocument

from .conftest import Items, codes


def test_schema_lines_become_documents_and_bad_lines_problems(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    source = str(fixtures / "docs.jsonl")
    items = ingest(fixtures / "docs.jsonl")
    assert codes(items) == ["wire-001", "E104", "E105", "wire-004", "E313"]
    assert items[0] == SourceDocument(
        doc=InputDocument(
            id="wire-001",
            text="Six police officers were killed in an attack on a checkpoint in Orlen.",
            published=date(2025, 10, 20),
            title="Checkpoint attacked",
            url="https://wire.example.org/001",
        ),
        source=source,
        locator="line 1",
        format="jsonl",
    )
    assert [(i.source, i.locator) for i in items if isinstance(i, IngestProblem)] == [
        (source, "line 2"),
        (source, "line 3"),
        (source, "line 6"),
    ]


def test_an_undecodable_line_is_a_problem_for_that_line_only(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "One killed."}\r\n'
        b'{"id": "b", "text": "Br\xe9la"}\r\n'
        b'{"id": 7, "text": "Two killed.", "title": ["not", "a", "string"]}\n'
        b'{"id": "c", "text": "Three killed.", "published": "Oct 2025"}\n'
        b'{"id": "d", "text": "Four killed."}'
    )
    items = ingest(path)
    assert codes(items) == ["a", "E103", "E106", "E106", "d"]
    assert [i.locator for i in items] == ["line 1", "line 2", "line 3", "line 4", "line 5"]
