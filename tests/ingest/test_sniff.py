import pytest

from tolls.ingest.sniff import kind_for_content_type, kind_for_file, sniff


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "html"),
        (b"<!-- saved page --><HTML>", "html"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<rdf:RDF xmlns:rdf='x'>", "feed"),
        (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss>', "feed"),
        (b'<?xml version="1.0"?><inventory/>', None),
        (b"Four killed in Varno.", None),
        (b'{"id": "a"}', None),
    ],
)
def test_sniff(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected


@pytest.mark.parametrize(
    ("suffix", "data", "expected"),
    [
        (".txt", b"Four killed.", "text"),
        (".TXT", b"Four killed.", "text"),
        (".md", b"# Title", "text"),
        (".txt", b"<!doctype html><p>x</p>", "html"),
        ("", b"Four killed.", "text"),
        ("", b"<rss version='2.0'>", "feed"),
        (".htm", b"<p>x</p>", "html"),
        (".rss", b"garbage", "feed"),
        (".atom", b"<feed>", "feed"),
        (".xml", b"<inventory/>", "feed"),
        (".ndjson", b"{}", "jsonl"),
        (".jsonl", b"{}", "jsonl"),
        (".csv", b"text\n", "csv"),
        (".pdf", b"%PDF", None),
        (".log", b"<html><body>x</body></html>", "html"),
    ],
)
def test_kind_for_file(suffix: str, data: bytes, expected: str | None) -> None:
    assert kind_for_file(suffix, data) == expected


@pytest.mark.parametrize(
    ("content_type", "data", "expected"),
    [
        ("text/html; charset=utf-8", b"", "html"),
        ("application/xhtml+xml", b"", "html"),
        ("application/rss+xml", b"", "feed"),
        ("application/atom+xml; charset=utf-8", b"", "feed"),
        ("text/xml", b"<rss version='2.0'>", "feed"),
        ("application/xml", b"<inventory/>", None),
        ("", b"<!doctype html><p>x</p>", "html"),
        ("application/pdf", b"<html>", None),
        ("image/png", b"", None),
    ],
)
def test_kind_for_content_type(content_type: str, data: bytes, expected: str | None) -> None:
    assert kind_for_content_type(content_type, data) == expected
