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


def _jsonl(tmp_path: Path, *lines: bytes) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


GOOD_LINE = b'{"id": "good", "text": "Two soldiers were killed."}'


def test_issue_18_a_lone_surrogate_refuses_its_line_only(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    items = ingest(_jsonl(tmp_path, b'{"id":"s","text":"x \\ud800"}', GOOD_LINE))
    assert codes(items) == ["E321", "good"]
    assert isinstance(items[0], IngestProblem) and items[0].locator == "line 1"
    assert "lone surrogate (U+D800) at character 2 in its text" in items[0].message


def test_issue_18_json_nested_5000_deep_is_refused_before_parsing(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    deep = b'{"id": "d", "text": "x", "title": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    items = ingest(_jsonl(tmp_path, deep, GOOD_LINE))
    assert codes(items) == ["E322", "good"]


def test_issue_18_a_raw_nul_byte_refuses_its_line_not_the_file(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    items = ingest(
        _jsonl(tmp_path, b'{"id": "n", "text": "x\x00y"}', GOOD_LINE, b'{"id": "g2", "text": "One."}')
    )
    assert codes(items) == ["E321", "good", "g2"]
    assert isinstance(items[0], IngestProblem) and "a NUL byte at byte 22" in items[0].message


def test_issue_18_an_escaped_nul_refuses_its_line(ingest: Callable[..., Items], tmp_path: Path) -> None:
    # valid JSON and valid Unicode, but PostgreSQL cannot store it in a text column
    items = ingest(_jsonl(tmp_path, b'{"id": "z", "text": "x \\u0000 y"}', GOOD_LINE))
    assert codes(items) == ["E321", "good"]


def test_a_file_of_nul_bytes_is_still_binary(ingest: Callable[..., Items], tmp_path: Path) -> None:
    utf16 = '{"id": "a", "text": "One killed."}\n'.encode("utf-16")
    assert codes(ingest(_jsonl(tmp_path, utf16))) == ["E303"]
    assert codes(ingest(_jsonl(tmp_path, b"\x00\x01\x02", b"\x00PNG"))) == ["E303"]
