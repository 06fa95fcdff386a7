"""What an export needs beyond the events: source documents, review states, loose claims.

A ledger event names its documents and claims by id. :class:`ExportContext` holds what the
store knows about them, so that an export can name each source's title, url and outlet, say
whether an event or claim was reviewed, and keep the claims no exported event holds (a claim
about an incident that was not linked, a rejected claim). The store fills it
(:func:`tolls.store.exports.load_export_context`); every field may be empty, and every export
still works without one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from tolls.model import LedgerEvent, SourcedClaim

__all__ = ["CUT", "ExportContext", "Review", "SourceInfo", "outlet_of", "whole_sentence"]


def outlet_of(url: str | None) -> str:
    """The outlet a url belongs to: its host name without ``www.`` (``""`` without a url)."""
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A source document as exported: where it came from, not its text."""

    id: str
    title: str = ""
    url: str = ""
    published: date | None = None
    source: str = ""
    """The file, feed or url it was ingested from."""
    locator: str = ""
    """The item inside ``source`` (a line, a row, a feed entry)."""
    status: str = ""
    """``extracted``, ``syndicated`` (a copy of ``canonical``), ``failed``, ``pending``."""
    canonical: str = ""

    @property
    def outlet(self) -> str:
        return outlet_of(self.url)


@dataclass(frozen=True, slots=True)
class Review:
    """Where an event or a claim stands in review."""

    status: str
    """Events: ``proposed``, ``accepted``, ``rejected``, ``merged``; claims: ``extracted``,
    ``accepted``, ``corrected``, ``rejected``."""
    reviewed: bool
    reviewed_by: str = ""


@dataclass(frozen=True, slots=True)
class ExportContext:
    sources: Mapping[str, SourceInfo] = field(default_factory=dict)
    event_review: Mapping[str, Review] = field(default_factory=dict)
    claim_review: Mapping[str, Review] = field(default_factory=dict)
    loose_claims: tuple[SourcedClaim, ...] = ()
    """Claims that no exported event holds, in a stable order (document, then claim id)."""
    summaries: Mapping[str, str] = field(default_factory=dict)
    """By event id: the whole first sentence where the ledger keeps a summary cut with "…"."""

    def summary(self, event: LedgerEvent) -> str:
        """The event's summary, whole when the store could find its sentence."""
        return self.summaries.get(event.id, event.summary)


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)")
CUT = "…"


def whole_sentence(text: str, cut: str, *, limit: int = 2000) -> str | None:
    """The sentence a summary cut with "…" was taken from: found in the document ``text`` by
    its beginning and ended at the next sentence end, at most ``limit`` characters on; ``None``
    when it cannot be found or does not end within the limit."""
    prefix = cut.removesuffix(CUT).rstrip()
    if not prefix:
        return None
    flat = text.replace("\r", " ").replace("\n", " ")  # as the summary was flattened: same length
    start = flat.find(prefix)
    if start < 0:
        return None
    end = _SENTENCE_END.search(flat, start + len(prefix), start + limit)
    if end is None:
        return None
    return flat[start : end.end()].strip()
