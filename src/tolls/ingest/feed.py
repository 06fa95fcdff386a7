"""RSS and Atom feeds: one document per entry.

The bytes are screened with defusedxml before feedparser sees them: a feed that declares a DTD
or entities is refused (E308), so entity expansion (XML bombs) and external entities never run.
feedparser is given a byte stream, never a URL or a path, so it fetches nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from tolls.errors import ErrorCode, IngestError
from tolls.ingest.base import Item, Payload, problem, stable_id, unexpected
from tolls.ingest.clean import item_name
from tolls.ingest.dates import parse_date
from tolls.ingest.decode import check_not_binary, declared_charset, decode
from tolls.ingest.text import html_to_text
from tolls.model import InputDocument, SourceDocument

__all__ = ["read_feed", "screen_xml"]

_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]{1,16})|([0-9]{1,20}));")
_UNTEXT = "\ufdd0"
"""A Unicode noncharacter put where the feed referred to a code point that is no character (a
lone surrogate such as ``&#55296;``, or one beyond U+10FFFF), which feedparser cannot decode: the
entry holding it is refused (E321) and the others are read."""


def _neutralise_references(data: bytes) -> bytes:
    """``data`` with character references to lone surrogates or to nothing in Unicode replaced by
    :data:`_UNTEXT`, before any parser sees them (feedparser fails on the whole feed)."""

    def fix(m: re.Match[bytes]) -> bytes:
        hexa, dec = m.groups()
        code = int(hexa, 16) if hexa else int(dec)
        return b"&#xFDD0;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else m.group()

    return _CHAR_REF.sub(fix, data) if b"&#" in data else data


def screen_xml(data: bytes, *, source: str) -> None:
    """Raise E308 when ``data`` declares a DTD or entities.

    Well-formed XML goes through defusedxml with DTDs, entities and external references
    forbidden. Malformed XML (feeds often hold HTML entities such as ``&nbsp;``) is left to
    feedparser's lenient parser, but only when no declaration appears anywhere in the bytes.
    """
    try:
        fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(ErrorCode.E308, source=source, reason=type(exc).__name__) from exc
    except (ParseError, LookupError, ValueError) as exc:  # malformed, or an encoding expat lacks
        match = _DECLARATION.search(data)
        if match:
            raise IngestError(
                ErrorCode.E308, source=source, reason=f"{match.group(0).decode()} in malformed XML"
            ) from exc


def _value(detail: Mapping[str, Any] | None, fallback: str | None) -> str:
    """Text of a feedparser ``*_detail`` dict (HTML reduced to text), or ``fallback``."""
    if detail is None:
        return (fallback or "").strip()
    value = str(detail.get("value") or "")
    kind = str(detail.get("type") or "")
    return (html_to_text(value) if kind in _HTML_TYPES else value).strip()


def _entry_text(entry: Mapping[str, Any]) -> str:
    for content in entry.get("content") or ():
        text = _value(content, None)
        if text:
            return text
    return _value(entry.get("summary_detail"), entry.get("summary"))


def _entry_date(entry: Mapping[str, Any]) -> date | None:
    for key in ("published", "updated", "created"):
        day = parse_date(entry.get(key))
        if day is not None:
            return day
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed is not None:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry(entry: Mapping[str, Any], payload: Payload) -> Item:
    link = str(entry.get("link") or "") or None
    if link is not None and not link.startswith(("http://", "https://")):
        link = None  # an Atom id such as urn:uuid:... is an id, not an address
    title = _value(entry.get("title_detail"), entry.get("title")) or None
    text = _entry_text(entry)
    entry_id = str(entry.get("id") or "") or link
    if entry_id is None:
        entry_id = f"{payload.doc_id}#{stable_id(payload.doc_id, title or '', text)}"
    if not text:
        error = IngestError(ErrorCode.E310, source=payload.source, entry=entry_id)
        return problem(error, source=payload.source, locator=entry_id)
    for name, value in (("id", entry_id), ("title", title or ""), ("text", text)):
        if _UNTEXT in value:
            what = f"a character reference to no character (a lone surrogate) in its {name}"
            error = IngestError(ErrorCode.E321, item=item_name(entry_id), source=payload.source, what=what)
            return problem(error, source=payload.source, locator=entry_id)
    doc = InputDocument(id=entry_id, text=text, published=_entry_date(entry), title=title, url=link)
    return SourceDocument(doc=doc, source=payload.source, locator=entry_id, format="rss")


def read_feed(payload: Payload) -> Iterator[Item]:
    """One document per entry; an entry without text is a problem and the others go on."""
    data = payload.data
    check_not_binary(data, source=payload.source)
    if not data.strip():
        raise IngestError(ErrorCode.E306, source=payload.source)
    screen_xml(data, source=payload.source)
    data = _neutralise_references(data)
    decode(data, source=payload.source, declared=payload.charset or declared_charset(data, kind="xml"))
    headers = {"content-type": f"application/xml; charset={payload.charset}"} if payload.charset else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> root"
        raise IngestError(ErrorCode.E309, source=payload.source, reason=str(reason).strip() or "unknown")
    for n, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry(entry, payload)
        except Exception as exc:  # isolation: one entry never ends the feed
            yield unexpected(exc, item=f"Entry {n}", source=payload.source, locator=f"entry {n}")
