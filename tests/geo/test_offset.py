"""A place given by its distance and bearing from another ("X (53km NE of Jowhar)"), and names
written in another transliteration than the gazetteer's ("Beled Weyne" for Beledweyne)."""

from __future__ import annotations

import math

import pytest

from tolls.geo import Gazetteer, acled_geo_precision, find_toponyms, resolve_toponyms
from tolls.geo.normalize import spelling_key
from tolls.geo.offset import displace, read_offset
from tolls.model import Place


def _km(a: Place | tuple[float, float], b: Place | tuple[float, float]) -> float:
    (lat1, lon1) = (a.lat, a.lon) if isinstance(a, Place) else a
    (lat2, lon2) = (b.lat, b.lon) if isinstance(b, Place) else b
    assert lat1 is not None and lon1 is not None and lat2 is not None and lon2 is not None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _bearing(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2, dl = math.radians(a.lat), math.radians(b.lat), math.radians(b.lon - a.lon)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360


@pytest.mark.parametrize(
    ("text", "name", "km", "bearing", "anchor"),
    [
        ("Gunmen raided Dhagax Weyn (53km NE of Jowhar) at dawn.", "Dhagax Weyn", 53, 45, "Jowhar"),
        ("A camp at Qoolka, 140 kilometres east of Sirte, was hit.", "Qoolka", 140, 90, "Sirte"),
        ("Fighting in Gaduud village (approx. 20 km SW of Baidoa) went on.", "Gaduud", 20, 225, "Baidoa"),
        ("A post in Waraq, about 80km (50 miles) south of Misrata, fell.", "Waraq", 80, 180, "Misrata"),
        ("Troops left Bariga, 10 miles north-west of the town of Kismayo.", "Bariga", 16.093, 315, "Kismayo"),
    ],
)
def test_read_offset(text: str, name: str, km: float, bearing: float, anchor: str) -> None:
    offset = read_offset(text, text.index(name) + len(name))
    assert offset is not None
    assert offset.km == pytest.approx(km, abs=1e-3)
    assert offset.bearing == bearing
    assert offset.anchor == anchor
    assert text[offset.anchor_start : offset.anchor_end] == anchor


@pytest.mark.parametrize(
    "text",
    [
        "SAF shelled Bouli 3kms from Sortony.",  # no bearing: "s" of "kms" is no south
        "They met in Gaduud, 20km south of the river.",  # no place named
        "The Gaduud 20km race was run.",
    ],
)
def test_no_offset(text: str) -> None:
    assert read_offset(text, text.index("Gaduud" if "Gaduud" in text else "Bouli") + 6) is None


def test_the_anchor_is_a_run_of_capitalised_words_only() -> None:
    text = "Nufaliya, 140 kilometres east of Sirte on Monday and"
    offset = read_offset(text, len("Nufaliya"))
    assert offset is not None and offset.anchor == "Sirte"
    text = "Xoo (20km NE of Jowhar in the Middle Shabelle)"
    offset = read_offset(text, len("Xoo"))
    assert offset is not None and offset.anchor == "Jowhar"


def test_displace() -> None:
    assert displace(0.0, 0.0, 111.19493, 0.0) == pytest.approx((1.0, 0.0), abs=1e-4)
    assert displace(0.0, 0.0, 111.19493, 90.0) == pytest.approx((0.0, 1.0), abs=1e-4)
    lat, lon = displace(0.0, 179.9, 111.19493, 90.0)  # across the antimeridian
    assert lon == pytest.approx(-179.1, abs=1e-4)
    assert displace(10.0, 20.0, 0.0, 45.0) == (10.0, 20.0)


def test_an_unknown_village_is_placed_by_its_distance_and_bearing(gaz: Gazetteer) -> None:
    text = "Gunmen raided Dhagax Weyn (53km NE of Jowhar) at dawn."
    spans = find_toponyms(text, [], gazetteer=gaz)
    assert (text.index("Dhagax"), text.index(" (")) in spans  # the phrase says it is a place
    village, town = resolve_toponyms(text, spans, gazetteer=gaz)
    assert (village.name, town.name) == ("Dhagax Weyn", "Jowhar")
    assert village.geonameid is None and village.country == "SOM" and village.admin1 == town.admin1
    assert village.precision == "area" and acled_geo_precision(village) == 2
    assert _km(village, town) == pytest.approx(53, abs=0.5)
    assert _bearing(town, village) == pytest.approx(45, abs=1)


def test_a_long_offset_is_a_province_sized_guess(gaz: Gazetteer) -> None:
    text = "A camp at Qoolka, 140 kilometres east of Sirte, was hit."
    village, town = resolve_toponyms(text, find_toponyms(text, [], gazetteer=gaz), gazetteer=gaz)
    assert village.name == "Qoolka" and village.precision == "province"
    assert _km(village, town) == pytest.approx(140, abs=1)


def test_a_namesake_elsewhere_gives_way_to_the_stated_geometry(gaz: Gazetteer) -> None:
    # the gazetteer's Bondos are in Kenya, DR Congo and Italy; the text puts this one by Jowhar
    text = "Clashes were reported in Bondo (20km N of Jowhar) on Monday."
    start = text.index("Bondo")
    bondo, jowhar = resolve_toponyms(
        text, [(start, start + 5), (text.index("Jowhar"), text.index("Jowhar") + 6)], gazetteer=gaz
    )
    assert bondo.country == "SOM" and bondo.geonameid is None
    assert _km(bondo, jowhar) == pytest.approx(20, abs=0.5)


def test_an_unknown_anchor_places_nothing(gaz: Gazetteer) -> None:
    text = "Gunmen raided Dhagax Weyn (53km NE of Qarqarsheeg) at dawn."
    start = text.index("Dhagax")
    (village, *_) = resolve_toponyms(text, [(start, start + 11)], gazetteer=gaz)
    assert village.lat is None and village.precision is None


@pytest.mark.parametrize(
    ("a", "b"),
    [("beled weyne", "beledweyne"), ("garbahaarey", "garbahaarrey"), ("buur hakaba", "buurhakaba")],
)
def test_spelling_key_joins_transliterations(a: str, b: str) -> None:
    assert spelling_key(a) == spelling_key(b) != ""


def test_spelling_key_ignores_short_names() -> None:
    assert spelling_key("lamu") == ""


def test_another_transliteration_finds_the_place(gaz: Gazetteer) -> None:
    (exact,) = [c for c in gaz.candidates("Buurhakaba") if c.country3 == "SOM"]
    assert not exact.spelled
    spelled = gaz.candidates("Buur Hakaba")
    assert [c.geonameid for c in spelled] == [exact.geonameid]
    assert spelled[0].spelled and not spelled[0].primary
    text = "A grenade was thrown at a tea-shop in Buur Hakaba on Monday."
    (place,) = resolve_toponyms(text, find_toponyms(text, [], gazetteer=gaz), gazetteer=gaz)
    assert place.geonameid == exact.geonameid


def test_a_transliteration_far_from_the_story_is_dropped(gaz: Gazetteer) -> None:
    text = "A grenade was thrown at a tea-shop in Buur Hakaba on Monday."
    start = text.index("Buur")
    span = [(start, start + len("Buur Hakaba"))]
    (kept,) = resolve_toponyms(text, span, gazetteer=gaz, countries={"ETH": 1.0})  # a neighbour's troops
    assert kept.country == "SOM"
    (dropped,) = resolve_toponyms(text, span, gazetteer=gaz, countries={"VNM": 1.0})
    assert dropped.lat is None


def test_actors_theatre_lifts_a_namesake_there(gaz: Gazetteer) -> None:
    text = "Rebels fought with security forces in the Bondo area."
    start = text.index("Bondo")
    (home,) = resolve_toponyms(text, [(start, start + 5)], gazetteer=gaz, countries={"UGA": 1.0})
    (abroad,) = resolve_toponyms(
        text, [(start, start + 5)], gazetteer=gaz, countries={"UGA": 1.0}, theatres=["COD", "CAF"]
    )
    assert home.country != "COD"
    assert abroad.country == "COD"


def test_a_state_or_country_is_not_moved_by_an_offset(gaz: Gazetteer) -> None:
    text = "Storms hit Kentucky, about 35 miles south of Austin, and Mexico, 300 miles southeast of Tijuana."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Kentucky", "Mexico")]
    kentucky, mexico = resolve_toponyms(text, spans, gazetteer=gaz)
    assert (kentucky.precision, kentucky.country) == ("province", "USA")
    assert mexico.precision == "country"


def test_a_spelling_may_join_words_but_not_split_them(gaz: Gazetteer) -> None:
    (region,) = [c for c in gaz.candidates("Grand Est") if c.country3 == "FRA"]  # Grand-Est
    assert gaz.candidates("Grandest") == ()
    assert [c.geonameid for c in gaz.candidates("Grand Estt") if c.spelled] == [region.geonameid]
    joined = [c for c in gaz.candidates("Bu Aale") if c.country3 == "SOM"]  # Bu'aale, joined
    assert joined and joined[0].spelled and region.geonameid not in {c.geonameid for c in joined}


def test_a_word_spelled_with_a_letter_more_is_not_recognised(gaz: Gazetteer) -> None:
    assert gaz.candidates("House") and all(c.spelled for c in gaz.candidates("House"))  # Housse
    assert find_toponyms("Funding was restored in the House on Monday.", [], gazetteer=gaz) == []
