from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tolls.errors import IngestError
from tolls.ingest.feed import screen_xml
from tolls.model import IngestProblem, InputDocument, SourceDocument

from .conftest import Items, codes


def test_rss_items_become_documents_and_an_item_without_text_a_problem(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    source = str(fixtures / "feed.rss")
    items = ingest(fixtures / "feed.rss")
    assert items == [
        SourceDocument(
            doc=InputDocument(
                id="courier-1001",
                text="The bridge at Orlen was destroyed overnight.\n"
                "No casualties were reported, the district office said.",
                published=date(2025, 10, 21),  # the outlet's own day, not 22 October in UTC
                title="Bridge at Orlen destroyed",
                url="https://courier.example.org/2025/10/orlen-bridge",
            ),
            source=source,
            locator="courier-1001",
            format="rss",
        ),
        SourceDocument(
            doc=InputDocument(
                id="https://courier.example.org/2025/10/varno-wounded",
                text="Seven people were wounded by artillery fire in Varno.",
                published=date(2025, 10, 20),
                title="Seven wounded in Varno",
                url="https://courier.example.org/2025/10/varno-wounded",
            ),
            source=source,
            locator="https://courier.example.org/2025/10/varno-wounded",
            format="rss",
        ),
        IngestProblem(
            source=source,
            locator="courier-1003",
            code="E310",
            message=f"[E310] Feed entry 'courier-1003' of {source!r} has no text (no content or summary); "
            "it was skipped.",
        ),
    ]


def test_atom_entries_use_content_or_summary_and_iso_dates(
    ingest: Callable[..., Items], fixtures: Path
) -> None:
    items = ingest(fixtures / "feed.atom")
    assert [(i.doc.id, i.doc.text, i.doc.published, i.doc.title, i.doc.url) for i in items] == [  # type: ignore[union-attr]
        (
            "urn:uuid:relief-2001",
            "About 1,200 people have left Dalsk district since Friday.",
            date(2025, 10, 22),
            "Displacement from Dalsk district",
            "https://relief.example.org/updates/2001",
        ),
        (
            "urn:uuid:relief-2002",
            "The clinic in Orlen reopened on Sunday.",
            date(2025, 10, 19),
            "Clinic reopens",
            None,
        ),
    ]


@pytest.mark.parametrize("name", ["bomb.xml", "external-entity.rss"])
def test_dtd_and_entity_declarations_are_refused_never_expanded(
    ingest: Callable[..., Items], fixtures: Path, name: str
) -> None:
    [item] = ingest(fixtures / name)
    assert isinstance(item, IngestProblem)
    assert item.code == "E308"
    assert "Remove the DOCTYPE" in item.message
    assert "lol" not in item.message and "root:" not in item.message


def test_a_declaration_in_malformed_xml_is_still_refused() -> None:
    data = b'<?xml version="1.0" encoding="bogus-codec"?><!DOCTYPE rss [<!ENTITY a "b">]><rss>&a;</rss>'
    with pytest.raises(IngestError) as err:
        screen_xml(data, source="f.rss")
    assert err.value.code == "E308"


def test_malformed_feed_without_declarations_is_read_leniently(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    (tmp_path / "loose.rss").write_text(
        '<rss version="2.0"><channel><title>Loose</title>'
        "<item><guid>loose-1</guid><title>Kelm&nbsp;harbour</title>"
        "<description>Two boats sunk at Kelm.</description></item></channel></rss>"
    )
    assert codes(ingest(tmp_path / "loose.rss")) == ["loose-1"]


def test_xml_that_is_not_a_feed_is_a_problem(ingest: Callable[..., Items], fixtures: Path) -> None:
    [item] = ingest(fixtures / "not-a-feed.xml")
    assert isinstance(item, IngestProblem)
    assert item.code == "E309"


def test_entry_without_id_or_link_gets_a_stable_content_hash(
    ingest: Callable[..., Items], tmp_path: Path
) -> None:
    (tmp_path / "f.rss").write_text(
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>A</title><description>One killed.</description></item>"
        "<item><title>B</title><description>Two killed.</description></item></channel></rss>"
    )
    first = codes(ingest(tmp_path / "f.rss"))
    assert [i.split("#")[0] for i in first] == ["f.rss", "f.rss"]
    assert first[0] != first[1]
    assert codes(ingest(tmp_path / "f.rss")) == first


def test_latin1_feed_with_its_encoding_declared(ingest: Callable[..., Items], tmp_path: Path) -> None:
    feed = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>T</title>'
        "<item><guid>b-1</guid><description>Deux bless\u00e9s \u00e0 Br\u00e9la.</description></item>"
        "</channel></rss>"
    )
    (tmp_path / "latin.xml").write_bytes(feed.encode("latin-1"))
    [item] = ingest(tmp_path / "latin.xml")
    assert isinstance(item, SourceDocument)
    assert item.doc.text == "Deux blessés à Bréla."


def test_undeclared_latin1_feed_is_refused(ingest: Callable[..., Items], tmp_path: Path) -> None:
    feed = '<rss version="2.0"><channel><item><description>Br\u00e9la</description></item></channel></rss>'
    (tmp_path / "latin.rss").write_bytes(feed.encode("latin-1"))
    assert codes(ingest(tmp_path / "latin.rss")) == ["E304"]


@pytest.mark.parametrize("reference", ["&#55296;", "&#xDFFF;", "&#x110000;"])
def test_issue_18_a_reference_to_no_character_refuses_its_entry_only(
    ingest: Callable[..., Items], tmp_path: Path, reference: str
) -> None:
    # feedparser cannot decode it and used to fail on the whole feed (UnicodeEncodeError)
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><link>https://example.org/bad</link>"
        f"<description>Three {reference} killed.</description></item>"
        "<item><link>https://example.org/good</link>"
        "<description>Two soldiers were killed.</description></item>"
        "</channel></rss>"
    )
    items = ingest(path)
    assert codes(items) == ["E321", "https://example.org/good"]
    bad = items[0]
    assert isinstance(bad, IngestProblem) and bad.locator == "https://example.org/bad"
    assert "a character reference to no character" in bad.message and "in its text" in bad.message
