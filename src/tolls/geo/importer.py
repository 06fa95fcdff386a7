"""Import full GeoNames dumps into a built gazetteer.

``allCountries.txt``, ``XX.txt`` and ``cities500.txt`` share one format (:func:`import_geonames`);
``alternateNamesV2.txt`` adds names (:func:`import_alternate_names`); ``admin1CodesASCII.txt``
names the first-order units.

The packaged extracts stop at places of 500 people; a project that needs villages imports the
dump for its countries. Malformed rows are reported with their line number and reason, and the
rest are imported, so one bad line never loses a country.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tolls.geo.normalize import normalize
from tolls.geo.schema import PlaceRow, connect_for_write, index_spellings, write_places
from tolls.geo.sources import iso_tables, name_keys

N_COLUMNS = 19
_PRECISION_BY_CODE = {
    "PCLI": "country",
    "PCLD": "country",
    "PCLS": "country",
    "PCLF": "country",
    "ADM1": "province",
    "ADM2": "district",
    "ADM3": "district",
    "ADM4": "town",
}


@dataclass(slots=True)
class ImportReport:
    """Counts and the malformed rows (line number, reason) of one import."""

    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    admin1_names: int = 0
    filtered: int = 0
    """Rows left out on purpose: feature classes not asked for, names of places not held."""


def _precision(feature_class: str, feature_code: str) -> str:
    if feature_class == "P":
        return "town"
    if feature_class == "A":
        return _PRECISION_BY_CODE.get(feature_code, "district")
    return "area"


def _read_admin1(path: Path) -> dict[str, str]:
    """admin1CodesASCII.txt: ``CC.code <tab> name <tab> asciiname <tab> geonameid``."""
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and "." in parts[0]:
            names[parts[0]] = parts[1]
    return names


def _parse(parts: list[str], iso3: dict[str, str], admin1: dict[str, str]) -> PlaceRow:
    """One dump row as a place row; raises ValueError with the reason if it is malformed."""
    if len(parts) != N_COLUMNS:
        raise ValueError(f"expected {N_COLUMNS} tab-separated columns, got {len(parts)}")
    gid_s, name, ascii_name, alts_s, lat_s, lon_s, fclass, fcode, cc = parts[:9]
    if not gid_s.isdigit():
        raise ValueError(f"geonameid {gid_s!r} is not an integer")
    if not name.strip():
        raise ValueError("empty name")
    try:
        lat, lon = float(lat_s), float(lon_s)
    except ValueError as exc:
        raise ValueError(f"latitude/longitude {lat_s!r}/{lon_s!r} not numbers") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    pop_s = parts[14] or "0"
    if not pop_s.lstrip("-").isdigit():
        raise ValueError(f"population {pop_s!r} is not an integer")
    alts = [a for a in alts_s.split(",") if a]
    keys = name_keys(name, ascii_name, *alts)
    a1 = parts[10]
    return PlaceRow(
        geonameid=int(gid_s),
        name=name,
        asciiname=ascii_name,
        alternatenames="|".join(a for a in alts if normalize(a) in keys),
        lat=lat,
        lon=lon,
        feature_class=fclass,
        feature_code=fcode,
        country2=cc,
        country3=iso3.get(cc, ""),
        admin1_code=a1,
        admin1_name=admin1.get(f"{cc}.{a1}", ""),
        admin2_name="",
        population=int(pop_s),
        precision=_precision(fclass, fcode),
        coord_source="geonames",
        source="geonames dump",
        names=keys,
        primary=normalize(name),
    )


ProgressFn = Callable[[int], None]
"""Called with the number of bytes read since the last call (for a progress bar)."""

DEFAULT_CLASSES = frozenset("AHLPST")
"""GeoNames feature classes imported unless asked otherwise: admin units, water, areas, populated
places, spots (garrisons, border crossings, airports, camps) and terrain. Roads, undersea and
vegetation features (R, U, V) are opt-in: few news toponyms are among them, and their names
crowd the candidates of real places."""

_BATCH = 20_000
_ALT_SKIP_LANGS = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "phon", "piny"})


def _rows(
    file: Path,
    iso3: dict[str, str],
    admin1: dict[str, str],
    classes: frozenset[str],
    report: ImportReport,
    progress: ProgressFn | None,
) -> Iterator[PlaceRow]:
    """Stream a dump's rows of the wanted classes, recording malformed lines in ``report``."""
    with file.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if progress is not None:
                progress(len(raw))
            line = raw.decode("utf-8", errors="replace").rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) > 6 and parts[6] not in classes:
                report.filtered += 1
                continue
            try:
                yield _parse(parts, iso3, admin1)
            except ValueError as exc:
                report.skipped.append((lineno, str(exc)))


def _write_batch(conn: sqlite3.Connection, batch: list[PlaceRow]) -> int:
    """Replace each row's place and names; a GeoNames admin1 row also replaces the unit the
    packaged build derived for the same country and admin1 code (its synthetic id and point)."""
    conn.executemany("DELETE FROM names WHERE geonameid = ?", [(r.geonameid,) for r in batch])
    units = [(r.country2, r.admin1_code) for r in batch if r.feature_code == "ADM1" and r.admin1_code]
    if units:
        derived = [
            (gid,)
            for key in units
            for (gid,) in conn.execute(
                "SELECT geonameid FROM places WHERE geonameid < 0 AND feature_code = 'ADM1' "
                "AND country2 = ? AND admin1_code = ?",
                key,
            )
        ]
        conn.executemany("DELETE FROM names WHERE geonameid = ?", derived)
        conn.executemany("DELETE FROM places WHERE geonameid = ?", derived)
    return write_places(conn, batch)


def import_geonames(
    db_path: Path,
    file: Path,
    *,
    admin1_file: Path | None = None,
    classes: frozenset[str] = DEFAULT_CLASSES,
    progress: ProgressFn | None = None,
) -> ImportReport:
    """Add (or replace, by geonameid) the rows of a GeoNames dump (``allCountries.txt``,
    ``XX.txt``, ``cities500.txt``: one format) to the gazetteer at ``db_path``.

    The file is streamed and written in batches, so ``allCountries.txt`` needs no more memory
    than a country file. GeoNames' own country and admin1 rows bring GeoNames' points with them.
    """
    iso1, _ = iso_tables()
    iso3 = {cc: rec["alpha_3"] for cc, rec in iso1.items()}
    admin1 = _read_admin1(admin1_file) if admin1_file else {}
    if not admin1:
        admin1 = _admin1_from_db(db_path)
    report = ImportReport(admin1_names=len(admin1))
    conn = connect_for_write(str(db_path))
    try:
        batch: list[PlaceRow] = []
        for row in _rows(file, iso3, admin1, classes, report, progress):
            batch.append(row)
            if len(batch) >= _BATCH:
                report.imported += _write_batch(conn, batch)
                batch = []
        report.imported += _write_batch(conn, batch)
        conn.execute("CREATE INDEX IF NOT EXISTS names_by_id ON names (geonameid)")
        index_spellings(conn)
        conn.commit()
    finally:
        conn.close()
    return report


def import_alternate_names(db_path: Path, file: Path, *, progress: ProgressFn | None = None) -> ImportReport:
    """Add the Latin-script names of ``alternateNamesV2.txt`` (or ``alternateNames.txt``) to the
    places the gazetteer already holds; links, codes and names of other places are left out.

    Columns: alternateNameId, geonameid, isolanguage, name, isPreferred, isShort, isColloquial,
    isHistoric[, from, to]."""
    report = ImportReport()
    conn = connect_for_write(str(db_path))
    try:
        known = {gid for (gid,) in conn.execute("SELECT geonameid FROM places WHERE geonameid > 0")}
        pending: list[tuple[str, int]] = []
        with file.open("rb") as fh:
            for lineno, raw in enumerate(fh, start=1):
                if progress is not None:
                    progress(len(raw))
                parts = raw.decode("utf-8", errors="replace").rstrip("\r\n").split("\t")
                if len(parts) < 4 or not parts[1].isdigit():
                    if raw.strip():
                        report.skipped.append(
                            (lineno, f"expected an alternate name row, got {len(parts)} columns")
                        )
                    continue
                gid = int(parts[1])
                if gid not in known or parts[2] in _ALT_SKIP_LANGS:
                    report.filtered += 1
                    continue
                for key in name_keys(parts[3]):
                    pending.append((key, gid))
                if len(pending) >= _BATCH:
                    report.imported += _add_names(conn, pending)
                    pending = []
        report.imported += _add_names(conn, pending)
        index_spellings(conn)
        conn.commit()
    finally:
        conn.close()
    return report


def _add_names(conn: sqlite3.Connection, pending: list[tuple[str, int]]) -> int:
    conn.executemany("INSERT OR IGNORE INTO names (norm, geonameid, is_primary) VALUES (?, ?, 0)", pending)
    return len(pending)


def _admin1_from_db(db_path: Path) -> dict[str, str]:
    """Admin1 names already known to the gazetteer, keyed like admin1CodesASCII (``CC.code``)."""
    if not db_path.is_file():
        return {}
    conn = sqlite3.connect(str(db_path))
    try:
        rows = conn.execute(
            "SELECT country2, admin1_code, admin1_name FROM places "
            "WHERE feature_class='P' AND admin1_name != '' GROUP BY country2, admin1_code"
        ).fetchall()
    finally:
        conn.close()
    return {f"{cc}.{code}": name for cc, code, name in rows}
