"""Linking precision on a dataset of distinct events (issue 20, part 2).

ACLED's notes are ingested as plain text documents, one per row (``--columns
text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE --date-format %d/%m/%Y``): every row is a distinct
event, so a ledger event that merges rows of different countries, or of dates more than two days
apart, is a wrong merge. This prints how many ledger events do, against the 1% target.

    PYTHONPATH=src python bench/dataset_linking.py                      # ingest into a temp ledger
    PYTHONPATH=src python bench/dataset_linking.py --db sqlite:///x.sqlite --reuse   # relink only

``--reuse`` skips reading and extracting (the slow part: spaCy over every note) and only
rebuilds the ledger of an existing database, so a change to linking is measured in seconds.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tolls.ingest.tables import TableOptions
from tolls.model import LedgerEvent
from tolls.settings import Settings
from tolls.store import load_ledger, session_scope
from tolls.store.models import DocumentRow
from tolls.workflow import ingest, open_ledger, rebuild_ledger

_HERE = Path(__file__).resolve()
DEV = (
    next(
        (p for p in (_HERE.parents[1].parent / "shared", _HERE.parents[2] / "shared") if p.is_dir()),
        Path("/work/shared"),
    )
    / "eval"
    / "acled-africa-2016"
    / "dev.csv"
)
COLUMNS = {"text": "notes", "id": "event_id_cnty", "published": "event_date"}
DATE_FORMAT = "%d/%m/%Y"
TARGET = 0.01
APART_DAYS = 2


@dataclass(frozen=True, slots=True)
class Row:
    country: str
    day: date


def read_rows(path: Path) -> dict[str, Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            r["EVENT_ID_CNTY"]: Row(r["COUNTRY"], datetime.strptime(r["EVENT_DATE"], DATE_FORMAT).date())
            for r in csv.DictReader(fh)
        }


@dataclass(frozen=True, slots=True)
class Precision:
    events: int
    merging: int
    wrong: int
    countries: int
    dates: int
    linked: int
    """Wrong merges made by linking: counting only documents that were linked (syndicated
    copies, rows whose note repeats another's word for word, left out)."""

    @property
    def rate(self) -> float:
        return self.wrong / self.events if self.events else 0.0

    @property
    def linked_rate(self) -> float:
        return self.linked / self.events if self.events else 0.0


def _wrong(mine: list[Row]) -> tuple[bool, bool]:
    days = [r.day for r in mine]
    if len(mine) < 2:
        return False, False
    return len({r.country for r in mine}) > 1, (max(days) - min(days)).days > APART_DAYS


def measure(
    events: Iterable[LedgerEvent], rows: dict[str, Row], copies: frozenset[str] = frozenset()
) -> Precision:
    """Ledger events merging rows of different countries or of dates more than two days apart;
    ``copies`` are the documents stored as syndicated copies of another (never linked)."""
    n = merging = wrong = countries = dates = linked = 0
    for e in events:
        n += 1
        mine = [rows[d] for d in e.documents if d in rows]
        if len(mine) < 2:
            continue
        merging += 1
        other_country, apart = _wrong(mine)
        countries += other_country
        dates += apart
        wrong += other_country or apart
        linked += any(_wrong([rows[d] for d in e.documents if d in rows and d not in copies]))
    return Precision(n, merging, wrong, countries, dates, linked)


def syndicated(session: Session) -> frozenset[str]:
    return frozenset(session.scalars(select(DocumentRow.id).where(DocumentRow.canonical_id.is_not(None))))


def subset_csv(path: Path, out: Path, limit: int | None) -> Path:
    if limit is None:
        return path
    with path.open(encoding="utf-8", newline="") as fh, out.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(fh)
        writer = csv.writer(dst)
        for i, row in enumerate(reader):
            if i > limit:
                break
            writer.writerow(row)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEV, help="ACLED 2016 CSV (default: the eval dev split)")
    ap.add_argument("--db", help="ledger database URL (default: a temporary SQLite file)")
    ap.add_argument("--reuse", action="store_true", help="only rebuild the ledger of --db (no ingest)")
    ap.add_argument("--limit", type=int, help="first N rows only")
    args = ap.parse_args(argv)
    rows = read_rows(args.csv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{Path(tmp, 'ledger.sqlite')}"
        base = Settings()
        settings = base.model_copy(update={"db": base.db.model_copy(update={"url": db})})
        engine = open_ledger(settings.db)
        started = time.perf_counter()
        if args.reuse:
            rebuild_ledger(engine)
        else:
            from tolls.extract.pipeline import load_nlp

            source = subset_csv(args.csv, Path(tmp, "rows.csv"), args.limit)
            table = TableOptions(columns=COLUMNS, date_format=DATE_FORMAT)
            ingest([str(source)], settings=settings, engine=engine, nlp=load_nlp(settings), table=table)
        seconds = time.perf_counter() - started
        with session_scope(engine) as session:
            events = load_ledger(session)
            copies = syndicated(session)
        engine.dispose()
    p = measure(events, rows, copies)
    print(f"ledger events: {p.events} ({p.merging} merge two or more rows) in {seconds:.1f} s")
    print(f"  merging rows of different countries: {p.countries}")
    print(f"  merging rows > {APART_DAYS} days apart: {p.dates}")
    print(f"  ({len(copies)} rows stored as syndicated copies of a row with the same note)")
    verdict = "PASS" if p.rate <= TARGET else "FAIL"
    print(f"wrong merges: {p.wrong} = {p.rate:.2%} of events (target <= {TARGET:.0%}): {verdict}")
    print(f"  made by linking (copies left out): {p.linked} = {p.linked_rate:.2%}")
    return 0 if p.rate <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
