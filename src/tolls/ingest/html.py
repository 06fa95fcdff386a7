"""HTML pages: the article's main text, title and date through trafilatura (offline, on a string),
with the standard-library extractor of :mod:`tolls.ingest.text` as the fallback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html import unescape

import trafilatura

from tolls.errors import ErrorCode, IngestError
from tolls.ingest.base import Item, Payload
from tolls.ingest.dates import parse_date
from tolls.ingest.decode import check_not_binary, declared_charset, decode
from tolls.ingest.text import html_to_text
from tolls.model import InputDocument, SourceDocument

__all__ = ["Article", "extract_article", "read_html"]

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""Dates from the page's metadata only: a date guessed from the text may be the incident's."""
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str | None
    published: date | None


def extract_article(html: str, *, url: str | None = None) -> Article:
    """Main text, title and publication date of a page; text is ``""`` when there is none."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    text = title = published = None
    if result is not None and not isinstance(result, dict):
        text = (result.text or "").strip() or None
        title = (result.title or "").strip() or None
        published = parse_date(result.date)
    if text is None:
        text = html_to_text(html)
    if title is None and (match := _TITLE.search(html)):
        title = " ".join(unescape(match.group(1)).split()) or None
    return Article(text=text, title=title, published=published)


def read_html(payload: Payload, *, format: str = "html") -> Iterator[Item]:
    """One document from an HTML page, or E307 when the page has no readable text."""
    check_not_binary(payload.data, source=payload.source)
    declared = payload.charset or declared_charset(payload.data, kind="html")
    html = decode(payload.data, source=payload.source, declared=declared)
    if not html.strip():
        raise IngestError(ErrorCode.E306, source=payload.source)
    article = extract_article(html, url=payload.url)
    if not article.text.strip():
        raise IngestError(ErrorCode.E307, source=payload.source)
    doc = InputDocument(
        id=payload.doc_id,
        text=article.text,
        published=article.published,
        title=article.title,
        url=payload.url,
    )
    yield SourceDocument(doc=doc, source=payload.source, format=format)
