"""A small gazetteer of Afghan provinces (and towns in them), built for the end-to-end event tests,
and an extractor that resolves places with it. A five-sentence tail makes each text a longer
report, where the event splits apply."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from spacy.language import Language

from tolls.extract.pipeline import load_nlp, run_extraction
from tolls.geo.normalize import normalize
from tolls.geo.schema import SCHEMA_VERSION, PlaceRow, connect_for_write, index_spellings, write_places
from tolls.model import Extraction, InputDocument
from tolls.settings import GeoSettings, Settings

Extract = Callable[[str], Extraction]

TAIL = " Residents said the firing lasted hours. Schools were closed. Traders said markets stayed shut. " + (
    "Officials gave no further details. The army said it would respond."
)


def row(gid: int, name: str, precision: str, lat: float, lon: float, admin1: str = "") -> PlaceRow:
    """A country, a province (its own admin1) or a town in the province ``admin1``."""
    country = precision == "country"
    return PlaceRow(
        geonameid=gid,
        name=name,
        asciiname=normalize(name),
        alternatenames="",
        lat=lat,
        lon=lon,
        feature_class="A",
        feature_code="PCLI" if country else "PPLA" if admin1 else "ADM1",
        country2="AF",
        country3="AFG",
        admin1_code="" if country else str(gid),
        admin1_name="" if country else admin1 or name,
        admin2_name="",
        population=1000,
        precision=precision,
        coord_source="test",
        source="test",
        names=frozenset({normalize(name)}),
        primary=normalize(name),
    )


PROVINCES = (
    row(1, "Afghanistan", "country", 33.0, 66.0),
    row(2, "Khost", "province", 33.3, 69.9),
    row(3, "Kunar", "province", 34.8, 71.1),
    row(4, "Paktika", "province", 32.3, 68.6),
)


def extractor(folder: Path, rows: Sequence[PlaceRow]) -> Extract:
    """Run the pipeline with a gazetteer of ``rows`` written in ``folder``; each text gets the tail
    and is published on 2025-10-21."""
    path = folder / "gazetteer.sqlite"
    conn = connect_for_write(str(path))
    write_places(conn, list(rows))
    index_spellings(conn)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    conn.commit()
    conn.close()
    settings = Settings(geo=GeoSettings(gazetteer=path))
    nlp: Language = load_nlp(settings)

    def run(text: str) -> Extraction:
        doc = InputDocument(id="t", text=text + TAIL, published=date(2025, 10, 21))
        return next(run_extraction(nlp, [doc], settings))

    return run
