"""The cost of the change log and of the incremental ledger write (issue 21).

Builds a ledger of ``--docs`` invented reports (one incident each, two claims, a place and a
day of their own; stored with hand-made extractions, so no spaCy), then times
:func:`tolls.workflow.rebuild_ledger`:

  first   into an empty ledger: every event is new (one ``event`` change each);
  again   nothing changed: no event is written, no change recorded;
  grown   after ``--new`` more reports, half of them the other side's higher figure for an
          existing incident (claim, estimate, contested and grade changes), half new incidents.

and prints seconds (the whole rebuild, and of it the write: ``replace_ledger``, which compares,
writes and records the changes), events rewritten and changes recorded for each. Run it with another tree's
``src`` on PYTHONPATH to compare (fields that tree lacks print as ``-``).

usage: PYTHONPATH=src python bench/ledger_changes.py [--docs 5000] [--new 100] [--db URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

import tolls.workflow
from tolls.model import (
    Claim,
    DateSpan,
    Event,
    Extraction,
    Figure,
    InputDocument,
    Party,
    Place,
    SourceDocument,
)
from tolls.store import add_document, save_extraction, session_scope
from tolls.workflow import open_ledger, rebuild_ledger

ARMY = Party("the army", "PAK", 1)
REBELS = Party("the rebels", "PAK", 2)
SOLDIERS = Party("soldiers", "PAK", 1)
START = date(2020, 1, 1)


def _report(i: int, *, other_side: bool = False) -> tuple[SourceDocument, Extraction]:
    """Report ``i``: the army's figure for its incident (or, ``other_side``, the rebels' higher one)."""
    day = START + timedelta(days=3 * i)
    place = f"Place{i:05d}"
    doc_id = f"r{i:05d}" + ("-rebels" if other_side else "")
    claimant, value = (REBELS, 40 + i % 50) if other_side else (ARMY, 2 + i % 20)
    text = f"{claimant.name} said {value} soldiers were killed and 3 wounded in {place} on {day}. ({doc_id})"
    doc = InputDocument(id=doc_id, text=text, published=day, title=f"Attack in {place}")

    def claim(kind: str, n: int) -> Claim:
        return Claim(claimant, kind, SOLDIERS, Figure(str(n), n, n, n, "exact"), (0, 2), event_ref=0)  # type: ignore[arg-type]

    event = Event(
        type="Battles/Armed clash",
        dates=DateSpan(day, day, "day", str(day)),
        locations=[Place(place, country="PAK", precision="town", lat=30 + i % 50 / 10, lon=70 + i % 30 / 10)],
        actors=[ARMY, REBELS],
        summary=f"Attack in {place}",
    )
    return SourceDocument(doc, "bench"), Extraction(
        doc_id, [claim("killed", value), claim("injured", 3)], [event]
    )


def _store(engine: Engine, reports: list[tuple[SourceDocument, Extraction]]) -> None:
    with session_scope(engine, write=True) as session:
        for doc, x in reports:
            add_document(session, doc)
            save_extraction(session, doc.doc.id, x)


_WRITES: list[float] = []
_REPLACE = tolls.workflow.replace_ledger


def _replace_timed(*args: Any, **kw: Any) -> Any:
    started = time.perf_counter()
    try:
        return _REPLACE(*args, **kw)
    finally:
        _WRITES.append(time.perf_counter() - started)


def _timed(engine: Engine, label: str) -> None:
    tolls.workflow.replace_ledger = _replace_timed  # type: ignore[assignment]
    started = time.perf_counter()
    result = rebuild_ledger(engine)
    seconds = time.perf_counter() - started
    rewritten = getattr(result, "events_rewritten", "-")
    recorded = getattr(result, "changes_recorded", "-")
    counts = f"events {result.events_written:6}  rewritten {rewritten!s:>6}  changes {recorded!s:>6}"
    print(f"{label:6} {seconds:8.2f} s (write {_WRITES[-1]:6.2f} s)  {counts}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--new", type=int, default=100)
    ap.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_ledger(args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        try:
            _store(engine, [_report(i) for i in range(args.docs)])
            print(f"{args.docs} reports, then {args.new} more")
            _timed(engine, "first")
            _timed(engine, "again")
            half = args.new // 2
            more = [
                _report(i, other_side=True) for i in range(0, args.docs, max(1, args.docs // max(1, half)))
            ][:half]
            more += [_report(args.docs + i) for i in range(args.new - len(more))]
            _store(engine, more)
            _timed(engine, "grown")
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
