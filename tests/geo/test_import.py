from __future__ import annotations

import shutil
from pathlib import Path

from tolls.geo import Gazetteer, GazetteerStats, import_alternate_names, import_geonames, resolve_toponyms

FIXTURES = Path(__file__).parent / "fixtures"


def test_import_reports_malformed_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite"
    report = import_geonames(db, FIXTURES / "XX.txt", admin1_file=FIXTURES / "admin1CodesASCII.txt")
    assert report.imported == 3
    assert [line for line, _ in report.skipped] == [3, 4, 5, 6]
    reasons = dict(report.skipped)
    assert "not numbers" in reasons[3]
    assert "expected 19 tab-separated columns, got 9" == reasons[4]
    assert "not an integer" in reasons[5]
    assert "out of range" in reasons[6]
    gaz = Gazetteer.open(db)
    (qalat,) = gaz.candidates("Kalat-i-Sabz")
    assert (qalat.geonameid, qalat.admin1) == (9900001, "Paktika")
    assert (qalat.country3, qalat.precision) == ("AFG", "town")
    (garrison,) = gaz.candidates("shinkai garrison")
    assert (garrison.admin1, garrison.precision) == ("Zabul", "area")
    gaz.close()


def test_import_into_built_gazetteer_adds_villages(built: GazetteerStats, tmp_path: Path) -> None:
    db = tmp_path / "copy.sqlite"
    shutil.copy(built.path, db)
    report = import_geonames(db, FIXTURES / "XX.txt")  # admin1 names taken from the gazetteer itself
    assert report.imported == 3
    gaz = Gazetteer.open(db)
    (village,) = gaz.candidates("Zarghoon Kalay")
    assert village.country3 == "AFG"
    assert village.admin1 == "Paktika"
    gaz.close()


def _geonames_line(
    gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, code: str, cc: str, a1: str, pop: int
) -> str:
    """One row in GeoNames' 19-column dump format (the columns tolls does not read left empty)."""
    cols = [str(gid), name, name, alts, f"{lat}", f"{lon}", fclass, code, cc, "", a1, "", "", "", str(pop)]
    return "\t".join([*cols, "", "1200", "Asia/Kabul", "2025-01-01"]) + "\n"


def _country_file(path: Path) -> Path:
    """A generated GeoNames country file: Paktika's own admin1 row, two villages, a road and
    a hotel (class R and S: one left out by default, one kept)."""
    rows = [
        _geonames_line(9910001, "Paktika", "Paktika Province", 32.5, 68.75, "A", "ADM1", "AF", "29", 700000),
        _geonames_line(9910002, "Gulbahar Kalay", "Gul Bahar Kalay", 32.61, 68.93, "P", "PPL", "AF", "29", 0),
        _geonames_line(9910003, "Gulbahar Kalay", "", 36.20, 69.10, "P", "PPL", "AF", "18", 0),
        _geonames_line(9910004, "Sharana Road", "", 33.1, 68.8, "R", "RD", "AF", "29", 0),
        _geonames_line(9910005, "Sharana Hotel", "", 33.13, 68.83, "S", "HTL", "AF", "29", 0),
    ]
    path.write_text("".join(rows), encoding="utf-8")
    return path


def test_imported_country_file_resolves_a_village_the_packaged_gazetteer_lacks(
    built: GazetteerStats, tmp_path: Path
) -> None:
    db = tmp_path / "copy.sqlite"
    shutil.copy(built.path, db)
    before = Gazetteer.open(db)
    assert before.candidates("Gulbahar Kalay") == ()
    derived = [c for c in before.candidates("Paktika") if c.coord_source == "countrystatecity"]
    before.close()
    assert len(derived) == 1 and derived[0].geonameid < 0  # the unit the build derived

    source = _country_file(tmp_path / "AF.txt")
    seen: list[int] = []
    report = import_geonames(db, source, progress=seen.append)
    assert sum(seen) == source.stat().st_size
    assert (report.imported, report.filtered, report.skipped) == (4, 1, [])

    gaz = Gazetteer.open(db)
    text = "Two children died when a mortar hit Gulbahar Kalay in Sharana district of Paktika province."
    start = text.index("Gulbahar")
    (place,) = resolve_toponyms(text, [(start, start + len("Gulbahar Kalay"))], gazetteer=gaz)
    # the namesake in another province is not the one the text puts in Paktika
    assert (place.geonameid, place.country, place.admin1) == (9910002, "AFG", "Paktika")
    # GeoNames' own admin1 row replaced the derived one, and brought its point and id
    paktika = {c.geonameid: c for c in gaz.candidates("Paktika") if c.precision == "province"}
    assert derived[0].geonameid not in paktika
    assert (paktika[9910001].lat, paktika[9910001].lon) == (32.5, 68.75)
    assert gaz.candidates("Sharana Road") == ()
    assert [c.geonameid for c in gaz.candidates("Sharana Hotel")] == [9910005]
    gaz.close()


def test_alternate_names_attach_to_held_places_only(tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite"
    import_geonames(db, FIXTURES / "XX.txt", admin1_file=FIXTURES / "admin1CodesASCII.txt")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t9900001\ten\tQalat Sabzak\t\t\t\t\t\t\n"
        "2\t9900001\tlink\thttps://example.org/Qalat\t\t\t\t\t\t\n"
        "3\t123\ten\tNowhere Held\t\t\t\t\t\t\n"
        "not a row\n",
        encoding="utf-8",
    )
    report = import_alternate_names(db, alt)
    assert report.imported == 1
    assert report.filtered == 2
    assert [line for line, _ in report.skipped] == [4]
    gaz = Gazetteer.open(db)
    assert [c.geonameid for c in gaz.candidates("Qalat Sabzak")] == [9900001]
    assert gaz.candidates("Nowhere Held") == ()
    gaz.close()
