from __future__ import annotations

import shutil
from pathlib import Path

from tolls.geo import Gazetteer, GazetteerStats, import_geonames

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
