"""Atom 1.0 (RFC 4287) feeds of the ledger's changes (``docs/changes.md``).

Rendering only: the routes hand over the changes (newest first). Every text is XML-escaped by
the serializer, and characters XML 1.0 cannot carry (control characters, lone surrogates, which
article text may hold) are dropped first, so any feed reader parses the feed. Entry ids are
``tag:`` URIs (RFC 4151) of the change id: stable whatever the URL the feed was read from.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from tolls.store.changes import ChangeRecord

__all__ = ["ATOM_MEDIA_TYPE", "TAG_DATE", "atom_feed", "tag_uri"]

ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8"
TAG_DATE = "2026"
"""The date part of every tag URI (RFC 4151): when the change log began; never changes."""
_ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_JSON = 20_000


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def tag_uri(authority: str, specific: str) -> str:
    """``tag:AUTHORITY,DATE:SPECIFIC`` (the authority a host name, lower case, without its port;
    an IPv6 address with ``-`` for ``:``)."""
    host = authority.lower().strip("[]")
    if host.count(":") == 1:  # name:port
        host = host.split(":")[0]
    host = re.sub(r"[^a-z0-9.-]", "", host.replace(":", "-")).strip(".-") or "localhost"
    return f"tag:{host},{TAG_DATE}:{specific}"


def _stamp(when: datetime) -> str:
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return text if len(text) <= _MAX_JSON else text[:_MAX_JSON] + "\n…"


def _content(c: ChangeRecord) -> str:
    """The entry's HTML: the summary, then before and after (escaped here, and again as XML)."""
    parts = [f"<p>{html.escape(c.summary)}</p>"]
    meta = [("kind", c.kind), ("event", c.event_id), ("claim", c.claim_id), ("subject", c.subject)]
    meta += [("by", c.actor), ("run", c.run)]
    parts.append("<ul>" + "".join(f"<li>{k}: {html.escape(str(v))}</li>" for k, v in meta if v) + "</ul>")
    for label, value in (("Before", c.before), ("After", c.after)):
        if value is not None:
            parts.append(f"<h4>{label}</h4><pre>{html.escape(_json(value))}</pre>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def atom_feed(
    changes: Sequence[ChangeRecord],
    *,
    feed_id: str,
    title: str,
    self_url: str,
    site_url: str,
    authority: str,
) -> bytes:
    """The feed of ``changes`` (newest first) as UTF-8 XML. ``site_url``: the dashboard's root,
    each entry linking to its event's page there; ``authority``: the host of the tag URIs."""
    feed = ET.Element("feed", {"xmlns": _ATOM})
    _sub(feed, "id", feed_id)
    _sub(feed, "title", title)
    _sub(feed, "updated", _stamp(max((c.at for c in changes), default=_EPOCH)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=site_url)
    author = _sub(feed, "author")
    _sub(author, "name", "tolls")
    _sub(feed, "generator", "tolls")
    for c in changes:
        entry = _sub(feed, "entry")
        _sub(entry, "id", tag_uri(authority, f"change/{c.id}"))
        _sub(entry, "title", c.summary or f"{c.kind} {c.event_id}")
        _sub(entry, "updated", _stamp(c.at))
        _sub(entry, "published", _stamp(c.at))
        _sub(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=f"{site_url}#/events/{quote(c.event_id, safe='')}",
        )
        who = _sub(entry, "author")
        _sub(who, "name", c.actor or "tolls")
        _sub(entry, "category", term=c.kind)
        _sub(entry, "content", _content(c), type="html")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
