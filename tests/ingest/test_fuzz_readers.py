"""Issue 18: hypothesis against every reader. Whatever bytes a file holds, reading it never raises:
each item is a document whose text can be stored (no lone surrogate, no NUL, no control character
but tab, line feed and carriage return) or a coded problem, in bounded time.

The bytes are built from the formats' own syntax (JSONL lines, CSV rows, feed entries, HTML)
mixed with what broke ingest before: character references to surrogates, JSON escapes of lone
surrogates and NUL, raw NUL and control bytes, deep nesting, invalid UTF-8."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tolls.ingest import iter_sources
from tolls.model import IngestProblem, SourceDocument
from tolls.settings import IngestSettings

_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_CODE = re.compile(r"^E\d{3}$")

HOSTILE = [
    b"&#55296;",
    b"&#xDFFF;",
    b"&#x110000;",
    b"&#0;",
    b"&#1;",
    b"\\ud800",
    b"\\udc00\\ud800",
    b"\\u0000",
    b"\\u001b",
    b"\x00",
    b"\x1b[0m",
    b"\x0c",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # a surrogate encoded as UTF-8 bytes: invalid UTF-8
    b"[" * 100,
    b"]" * 100,
    b'{"a":' * 80,
    b"<!DOCTYPE x>",
    b"<![CDATA[",
    b"\r\n",
    b"\n",
    b'"',
    b",",
    "é—😀".encode(),
]
WORDS = [b"Two soldiers were killed", b" in Kurram", b" on Monday.", b"id", b"text", b"title", b"x"]
JSONL = [b'{"id": "a", "text": "', b'", "title": ', b', "published": "2025-10-21"}', b"}", b"\n"]
CSV = [b"id,text,title\n", b'1,"', b'",t\n', b"2,plain,x\n"]
FEED = [
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>',
    b"<item><link>https://example.org/",
    b"</link><title>",
    b"</title><description>",
    b"</description></item>",
    b"</channel></rss>",
]
HTML = [
    b"<html><head><title>",
    b"</title></head><body><article><p>",
    b"</p>",
    b"<div>" * 30,
    b"</body></html>",
]


def _content(skeleton: list[bytes]) -> st.SearchStrategy[bytes]:
    pieces = st.sampled_from([*skeleton, *HOSTILE, *WORDS]) | st.binary(max_size=8)
    return st.lists(pieces, min_size=1, max_size=40).map(b"".join)


FILES = st.one_of(
    st.tuples(st.just("in.jsonl"), _content(JSONL)),
    st.tuples(st.just("in.csv"), _content(CSV)),
    st.tuples(st.just("in.xml"), _content(FEED)),
    st.tuples(st.just("in.html"), _content(HTML)),
    st.tuples(st.just("in.txt"), _content(WORDS)),
)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=FILES)
def test_issue_18_no_bytes_make_a_reader_raise(tmp_path: Path, file: tuple[str, bytes]) -> None:
    name, data = file
    path = tmp_path / name
    path.write_bytes(data)
    items = list(iter_sources([str(path)], settings=IngestSettings()))
    # (a CSV header alone or a feed without entries gives no items: nothing to read, no failure)
    for item in items:
        if isinstance(item, IngestProblem):
            assert _CODE.match(item.code), item
            fields = (item.source, item.locator, item.message)
        else:
            assert isinstance(item, SourceDocument)
            doc = item.doc
            assert doc.text.strip()
            assert not _UNSTORABLE.search(doc.text), repr(doc.text)
            fields = (doc.id, doc.title or "", doc.url or "", item.locator)
        for value in fields:  # storable and printable
            assert "\x00" not in value
            value.encode("utf-8")
