"""A small ledger for the CLI tests (the ``ledger`` fixture is in conftest.py), built by the
real workflow with a hand-written extractor (no spaCy): two files, two documents, two events,
one of them at a place whose name looks like rich markup (article text is never markup)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from tolls.model import Claim, DateSpan, Event, Extraction, Figure, InputDocument, Party, Place
from tolls.settings import GeoSettings, Settings
from tolls.workflow import Progress, ingest, open_ledger

ARMY = Party("army spokesman", "PAK", 1)
SOLDIERS = Party("soldiers", "PAK", 1)
PLACES = {"a": "Kurram", "b": "[bold]Chaman[/] district of a very long name " + "x" * 120}
"""The second place is long (a piped table must not cut it) and holds markup-like brackets."""


def fake_extractor(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
    """One event and one claim per document, the place and date taken from its id."""
    for n, doc in enumerate(sorted(docs, key=lambda d: d.id)):
        key = doc.id.rsplit("/", 1)[-1][0]
        day = date(2025, 10, 11 + 5 * n)
        figure = Figure(str(10 + n), 10 + n, 10 + n, 10 + n, "exact")
        yield Extraction(
            doc.id,
            claims=[
                Claim(ARMY, "killed", SOLDIERS, figure, (0, 2), event_ref=0, evidence="said", sentence=0)
            ],
            events=[
                Event(
                    "armed_clash",
                    DateSpan(day, day, "day", "on Monday"),
                    [Place(PLACES[key], country="PAK", precision="district")],
                )
            ],
        )


def build_ledger(folder: Path, db: str, progress: Progress | None = None) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("10 soldiers were killed in Kurram, the army said.", encoding="utf-8")
    (folder / "b.txt").write_text("11 soldiers were killed in Chaman, the army said.", encoding="utf-8")
    settings = Settings(geo=GeoSettings(resolve=False))
    engine = open_ledger(db)
    try:
        if progress is None:
            ingest([str(folder)], settings=settings, engine=engine, extractor=fake_extractor)
        else:
            ingest(
                [str(folder)], settings=settings, engine=engine, extractor=fake_extractor, progress=progress
            )
    finally:
        engine.dispose()
