from collections.abc import Callable
from pathlib import Path

import pytest

from tolls.ingest.plain import title_from_text
from tolls.model import InputDocument, SourceDocument

from .conftest import Items


def test_text_file_is_one_document_with_its_first_line_as_title(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    text = (fixtures / "report.txt").read_text()
    assert ingest(fixtures / "report.txt") == [
        SourceDocument(
            doc=InputDocument(id="report.txt", text=text, title="Shelling hits market in Varno"),
            source=str(fixtures / "report.txt"),
            format="text",
        )
    ]


def test_markdown_heading_marks_are_not_part_of_the_title(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    [item] = ingest(fixtures / "notes.md")
    assert isinstance(item, SourceDocument)
    assert item.doc.title == "Convoy ambushed on the Dalsk road"
    assert item.doc.text.startswith("# Convoy ambushed")  # the text itself is kept whole


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n\n  Ceasefire holds in Orlen  \nBody.", "Ceasefire holds in Orlen"),
        ("## Two killed\n", "Two killed"),
        ("x" * 150 + "\nBody", "x" * 150),
        ("x" * 151 + "\nBody", None),
        ("   \n\n", None),
    ],
)
def test_title_from_text(text: str, expected: str | None) -> None:
    assert title_from_text(text) == expected
