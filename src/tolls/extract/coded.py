"""Extraction for a row of an event dataset: the notes are read for claims, the event is the row's.

A dataset row (:class:`~tolls.model.CodedEvent`) already says which incident its notes describe:
its own date, place, actors and fatalities. The incidents the extractor finds in the notes are
replaced by that one event, and every claim read from them attaches to it, except a figure of an
earlier incident given as background (``prior``), which stays unattached as everywhere else.
"""

from __future__ import annotations

from dataclasses import replace

from tolls.model import Event, Extraction

__all__ = ["onto_coded_event"]


def onto_coded_event(extraction: Extraction, event: Event) -> Extraction:
    """``extraction`` with ``event`` as its only incident and its claims attached to it."""
    if extraction.error:
        return extraction
    claims = [c if c.prior else replace(c, event_ref=0) for c in extraction.claims]
    return replace(extraction, claims=claims, events=[event])
