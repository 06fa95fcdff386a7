from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tolls.geo import Gazetteer, GazetteerStats
from tolls.geo.normalize import normalize


def test_build_counts(built: GazetteerStats) -> None:
    # how long the build takes is measured by bench/, not asserted here (it depends on the load)
    assert built.seconds > 0
    assert built.towns > 200_000
    assert built.countries >= 249
    assert built.provinces > 3000
    assert built.supplement >= 60
    assert built.names > built.places


def test_provinces_record_how_their_point_was_derived(built: GazetteerStats) -> None:
    conn = sqlite3.connect(built.path)
    adm1 = "FROM places WHERE feature_code='ADM1'"
    sources = {r[0] for r in conn.execute(f"SELECT DISTINCT coord_source {adm1}")}
    missing = conn.execute(f"SELECT count(*) {adm1} AND lat IS NULL").fetchone()[0]
    conn.close()
    assert "countrystatecity" in sources
    assert sources <= {"countrystatecity", "most_populous_city", "supplement", ""}
    assert missing < 50


def test_alternate_names_are_folded(built: GazetteerStats) -> None:
    conn = sqlite3.connect(built.path)
    ids = {r[0] for r in conn.execute("SELECT geonameid FROM names WHERE norm = ?", (normalize("Paktīkā"),))}
    conn.close()
    assert normalize("Paktīkā") == "paktika"
    assert normalize("Deir al-Balah") == "deir al balah"
    assert normalize("Khan Yūnis") == "khan yunis"
    assert ids


def test_supplement_names_border_crossings(gaz: Gazetteer) -> None:
    (torkham,) = [c for c in gaz.candidates("Torkham") if c.coord_source == "supplement"]
    assert torkham.country3 == "PAK"
    assert torkham.precision == "town"
    (line,) = [c for c in gaz.candidates("Durand Line")]
    assert line.precision == "line"
    assert line.public_id is None


def test_quarters_stand_at_their_citys_point(gaz: Gazetteer) -> None:
    """A city's quarter (quarters.csv) is placed at the city's GeoNames point, in its admin1,
    with no GeoNames id of its own: cities500 holds no sections of cities."""
    (city,) = [c for c in gaz.candidates("Mogadishu") if c.precision == "town" and c.country3 == "SOM"]
    (hodan,) = [c for c in gaz.candidates("Hodan") if c.country3 == "SOM"]
    assert (hodan.lat, hodan.lon, hodan.admin1) == (city.lat, city.lon, city.admin1)
    assert hodan.coord_source == "city_point" and hodan.public_id is None
    # its other spellings are names of it too
    (hamar,) = [c for c in gaz.candidates("Hamar Weyne") if c.country3 == "SOM"]
    assert [c for c in gaz.candidates("Xamar Weyne") if c.country3 == "SOM"] == [hamar]


def test_quarter_ids_do_not_depend_on_row_order(tmp_path: Path) -> None:
    """A quarter's synthetic id is a digest of its name and city: a row inserted above it does not
    renumber it (exports keyed on the id stay the same across releases)."""
    from tolls.geo.quarters import load_quarters, quarter_rows

    cities = {
        "1": {
            "name": "Eastport",
            "alternatenames": [],
            "countrycode": "SO",
            "population": 10,
            "latitude": "2.0",
            "longitude": "45.0",
            "admin1code": "13",
        },
    }
    iso1 = {"SO": {"alpha_3": "SOM"}}
    header = "name,alt_names,city,country3\n"
    one, two = "Harbour Side,,Eastport,SOM\n", "Hill Side,,Eastport,SOM\n"
    ids = []
    for body in (one + two, two + one):
        path = tmp_path / f"q{len(ids)}.csv"
        path.write_text(header + body, encoding="utf-8")
        load_quarters.cache_clear()
        ids.append({r.name: r.geonameid for r in quarter_rows(cities, iso1, {}, path=path)})
    assert ids[0] == ids[1]
    assert len(set(ids[0].values())) == 2 and all(i < 0 for i in ids[0].values())


def test_quarters_file_repeats_no_alternate() -> None:
    from tolls.geo.quarters import load_quarters

    for row in load_quarters():
        alts = [a for a in row["alt_names"].split("|") if a]
        assert len(alts) == len(set(alts)) and row["name"] not in alts, row


def test_a_failed_build_leaves_the_gazetteer_it_would_replace_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tolls.geo import compile as compile_module

    def broken(conn: sqlite3.Connection) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(compile_module, "add_aliases", broken)
    out = tmp_path / "gazetteer.sqlite"
    out.write_bytes(b"the previous build")
    with pytest.raises(RuntimeError, match="disk full"):
        compile_module.build_gazetteer(out)
    assert out.read_bytes() == b"the previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer.sqlite"]


def test_the_built_gazetteer_is_readable_by_others(built: GazetteerStats) -> None:
    """Each build writes a file of its own (two builds at once never share one) and renames it
    over the target: the result is as readable as a file SQLite creates."""
    assert built.path.stat().st_mode & 0o044 == 0o044
