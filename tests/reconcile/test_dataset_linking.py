"""Linking precision on real distinct events (issue 20, part 2): ACLED's notes ingested as plain
text documents, one per row, as ``--columns text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE
--date-format %d/%m/%Y`` reads them. Each row is a distinct event, so a ledger event that links
rows of different countries, or of dates more than two days apart, is a wrong merge; at most 1%
of events may be one. The file is read from ../shared at run time (never copied); the test takes
its first rows, ``bench/dataset_linking.py`` measures all 3,446."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import select

from tolls.ingest.tables import TableOptions, parse_columns
from tolls.settings import Settings
from tolls.store import load_ledger, session_scope
from tolls.store.models import DocumentRow
from tolls.workflow import ingest, open_ledger

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DEV = next(
    (
        p / "eval" / "acled-africa-2016" / "dev.csv"
        for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared")
        if (p / "eval" / "acled-africa-2016" / "dev.csv").is_file()
    ),
    None,
)
ROWS = 500


@pytest.mark.skipif(DEV is None, reason="../shared/eval/acled-africa-2016/dev.csv is not here")
def test_distinct_acled_events_are_not_linked_across_countries_or_days(
    tmp_path: Path, nlp: Language, settings: Settings
) -> None:
    assert DEV is not None
    with DEV.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        lines = [next(reader) for _ in range(ROWS + 1)]
    subset = tmp_path / "acled.csv"
    with subset.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(lines)
    header = lines[0]
    col = {name: i for i, name in enumerate(header)}
    truth = {
        r[col["EVENT_ID_CNTY"]]: (
            r[col["COUNTRY"]],
            datetime.strptime(r[col["EVENT_DATE"]], "%d/%m/%Y").date(),
        )
        for r in lines[1:]
    }

    engine = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    try:
        table = TableOptions(
            columns=parse_columns("text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE"), date_format="%d/%m/%Y"
        )
        report = ingest([str(subset)], settings=settings, engine=engine, nlp=nlp, table=table)
        assert not report.problems and not report.failed
        assert report.outcomes["added"] + report.outcomes["syndicated"] == ROWS
        with session_scope(engine) as session:
            events = load_ledger(session)
            copies = set(session.scalars(select(DocumentRow.id).where(DocumentRow.canonical_id.is_not(None))))
    finally:
        engine.dispose()

    wrong = []
    for e in events:
        # the rows linking put together (a syndicated copy, the same note word for word in another
        # row, is stored as one document: it is never linked, and is counted by the bench)
        linked = [truth[d] for d in e.documents if d not in copies]
        days = [day for _, day in linked]
        if len(linked) > 1 and (len({c for c, _ in linked}) > 1 or (max(days) - min(days)).days > 2):
            wrong.append((e.id, sorted(e.documents)))
    assert len(events) > ROWS // 2
    assert len(wrong) <= 0.01 * len(events), wrong
