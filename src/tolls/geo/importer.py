"""Import full GeoNames dumps (allCountries.txt or XX.txt) into a built gazetteer.

The packaged extracts stop at places of 500 people; a project that needs villages imports the
dump for its countries. Malformed rows are reported with their line number and reason, and the
rest are imported, so one bad line never loses a country.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tolls.geo.normalize import normalize
from tolls.geo.schema import PlaceRow, connect_for_write, write_places
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


def import_geonames(db_path: Path, file: Path, *, admin1_file: Path | None = None) -> ImportReport:
    """Add (or replace, by geonameid) the rows of a GeoNames dump to the gazetteer at ``db_path``."""
    iso1, _ = iso_tables()
    iso3 = {cc: rec["alpha_3"] for cc, rec in iso1.items()}
    admin1 = _read_admin1(admin1_file) if admin1_file else {}
    if not admin1:
        admin1 = _admin1_from_db(db_path)
    report = ImportReport(admin1_names=len(admin1))
    rows: list[PlaceRow] = []
    with file.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            try:
                rows.append(_parse(line.split("\t"), iso3, admin1))
            except ValueError as exc:
                report.skipped.append((lineno, str(exc)))
    conn = connect_for_write(str(db_path))
    try:
        conn.executemany("DELETE FROM names WHERE geonameid = ?", [(r.geonameid,) for r in rows])
        report.imported = write_places(conn, rows)
        conn.commit()
    finally:
        conn.close()
    return report


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
