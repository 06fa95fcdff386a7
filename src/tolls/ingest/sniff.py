"""Which reader a file gets: by its extension, with a look at its first bytes where that helps."""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Kind", "kind_for_content_type", "kind_for_file", "sniff"]

Kind = Literal["text", "html", "feed", "jsonl", "csv"]

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}

_LEAD = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*", re.S)
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(?:rss|feed|RDF)[\s>]")
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")
_DOCTYPE = re.compile(rb"<!doctype", re.I)


def sniff(data: bytes) -> Kind | None:
    """``feed`` or ``html`` when the first markup says so, else ``None``."""
    lead = _LEAD.match(data[:4096])
    rest = data[lead.end() if lead else 0 :]
    if _HTML_START.match(rest):
        return "html"
    if _DOCTYPE.match(rest):
        # A DTD before the root (refused later by the feed reader): look past it for the root.
        return "feed" if _FEED_ROOT.search(rest[:65536]) else None
    return "feed" if _FEED_ROOT.match(rest) else None


def kind_for_file(suffix: str, data: bytes) -> Kind | None:
    """The reader for a file, or ``None`` when neither its extension nor its content tells.

    Plain-text files that are really HTML or a feed (a saved page named ``.txt``) go to that
    reader; a file without an extension is plain text unless it sniffs as markup.
    """
    by_ext = EXTENSIONS.get(suffix.lower())
    if by_ext == "text" or (by_ext is None and suffix == ""):
        return sniff(data) or "text"
    if by_ext is not None:
        return by_ext
    return sniff(data)


def kind_for_content_type(content_type: str, data: bytes) -> Kind | None:
    """The reader for a fetched body: HTML or a feed by media type, generic XML and none sniffed."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in (
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+xml",
    ):
        return "feed"
    if media in ("", "text/xml", "application/xml", "application/octet-stream", "text/plain"):
        return sniff(data)
    return None
