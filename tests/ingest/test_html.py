from collections.abc import Callable
from datetime import date
from pathlib import Path

from tolls.ingest.html import extract_article
from tolls.model import IngestProblem, InputDocument, SourceDocument

from .conftest import Items

ARTICLE_TEXT = (
    "Drone strike near Kestrel Ridge\n"
    "Three fighters of the Ridge Defence Front were killed in a drone strike near Kestrel Ridge on "
    "Sunday night, a spokesman for the group said on Monday.\n"
    'The provincial army command said the strike hit a weapons depot and that "at least twelve" '
    "fighters had died, a figure the group rejected.\n"
    "Residents said the blast broke windows across the lower village."
)


def test_article_main_text_title_and_date_from_metadata(ingest: Callable[..., Items], fixtures: Path) -> None:
    assert ingest(fixtures / "article.html") == [
        SourceDocument(
            doc=InputDocument(
                id="article.html",
                text=ARTICLE_TEXT,
                published=date(2025, 10, 21),
                title="Drone strike near Kestrel Ridge",
            ),
            source=str(fixtures / "article.html"),
            format="html",
        )
    ]


def test_navigation_footer_and_scripts_are_left_out(ingest: Callable[..., Items], fixtures: Path) -> None:
    [item] = ingest(fixtures / "article.html")
    assert isinstance(item, SourceDocument)
    for boilerplate in ("Home", "Sport", "All rights reserved", "analytics"):
        assert boilerplate not in item.doc.text


def test_fragment_too_small_for_trafilatura_falls_back_to_the_stdlib_extractor(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    [item] = ingest(fixtures / "fragment.html")
    assert isinstance(item, SourceDocument)
    assert (item.doc.text, item.doc.title, item.doc.published) == ("Five detained in Orlen.", None, None)


def test_title_element_is_the_fallback_title() -> None:
    article = extract_article("<html><head><title> Kelm  &amp; Orlen </title></head><body><p>Two hurt.</p>")
    assert (article.text, article.title) == ("Two hurt.", "Kelm & Orlen")


def test_html_without_text_is_a_problem_not_an_empty_document(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    [item] = ingest(fixtures / "script-only.html")
    assert isinstance(item, IngestProblem)
    assert (item.code, item.source, item.locator) == ("E307", str(fixtures / "script-only.html"), "")


def test_declared_charset_decodes_a_latin1_page(ingest: Callable[..., Items], tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Deux bless\u00e9s \u00e0 Br\u00e9la.</p>'
    (tmp_path / "latin.html").write_bytes(page.encode("latin-1"))
    [item] = ingest(tmp_path / "latin.html")
    assert isinstance(item, SourceDocument)
    assert item.doc.text == "Deux blessés à Bréla."


def test_undeclared_non_utf8_page_is_refused(ingest: Callable[..., Items], tmp_path: Path) -> None:
    (tmp_path / "latin.html").write_bytes("<p>Deux bless\u00e9s.</p>".encode("latin-1"))
    [item] = ingest(tmp_path / "latin.html")
    assert isinstance(item, IngestProblem)
    assert item.code == "E304"
