"""Places lent by one incident of a report to another (``Place.lent``, docs/extraction.md): only
within the borrower's country, close by, on near dates and with no cue that the report moved on;
ranked after every place the text gives; never a source of an incident's country; kept in the
output line. The tests' settings resolve no place, so the drafts are built with resolved places."""

from __future__ import annotations

from datetime import date

from tolls.extract.contract import extraction_to_json
from tolls.extract.events import _country_of, _Draft, _finest_inside, _lend_places, _metonym, _place_rank
from tolls.model import DateSpan, Event, Extraction, Place

KURRAM = Place("Kurram", 0, 6, country="PAK", precision="district", lat=33.8, lon=70.1)
ORAKZAI = Place("Orakzai", 0, 7, country="PAK", precision="district", lat=33.7, lon=70.9)
PARACHINAR = Place("Parachinar", 0, 10, country="PAK", precision="town", lat=33.9, lon=70.1)
PAKISTAN = Place("Pakistan", 0, 8, country="PAK", precision="country", lat=30.0, lon=70.0)
SOMALIA = Place("Somalia", 0, 7, country="SOM", precision="country", lat=6.0, lon=46.0)
MONDAY = DateSpan(date(2025, 10, 20), date(2025, 10, 20), "day")
TUESDAY = DateSpan(date(2025, 10, 21), date(2025, 10, 21), "day")


def _draft(sent: int, *places: Place, dates: DateSpan | None = None) -> _Draft:
    d = _Draft("Battles/Armed clash", 0, 1, sent, sent, dates=dates, sents={sent})
    d.places = list(places)
    return d


def _lend(sentences: list[str], *drafts: _Draft) -> None:
    """Lend among ``drafts`` of a text made of ``sentences`` (each draft names its sentence)."""
    starts: list[int] = []
    ends: list[int] = []
    text = ""
    for s in sentences:
        if text and not text.endswith("\n"):
            text += " "
        starts.append(len(text))
        text += s
        ends.append(len(text))
    _lend_places(list(drafts), text, starts, ends)


def _lent(d: _Draft) -> list[str]:
    return [p.name for p in d.places if p.lent]


PLAIN = ["Troops fought militants in the hills on Monday."] + ["Officials gave few details."] * 6


def test_an_incident_placed_only_in_its_country_borrows_the_places_of_the_one_just_before() -> None:
    first, later = _draft(0, KURRAM), _draft(2, PAKISTAN)
    main = _draft(1)  # no country of its own: the sentence right after the lender
    own, after = _draft(4, ORAKZAI), _draft(5)
    _lend(PLAIN, main, first, later, own, after)
    assert [(p.name, p.lent) for p in later.places] == [("Pakistan", False), ("Kurram", True)]
    assert _lent(main) == ["Kurram"]
    assert [(p.name, p.lent) for p in own.places] == [("Orakzai", False)]  # placed by its own text
    assert _lent(after) == ["Orakzai"]  # the nearest one before
    lede, detail = _draft(0), _draft(1, PARACHINAR)
    _lend(PLAIN, lede, detail)  # nothing placed before the lede: the nearest placed after it
    assert _lent(lede) == ["Parachinar"]


def test_no_place_is_lent_to_an_incident_in_another_country() -> None:
    kurram, abroad = _draft(0, KURRAM), _draft(1, SOMALIA)
    _lend(PLAIN, kurram, abroad)
    assert _lent(abroad) == []
    lede, detail = _draft(0, SOMALIA), _draft(1, PARACHINAR)
    _lend(PLAIN, lede, detail)
    assert _lent(lede) == []


def test_no_place_is_lent_far_across_the_text() -> None:
    near, far = _draft(0, KURRAM), _draft(6, PAKISTAN)
    _lend(PLAIN, near, far)
    assert _lent(far) == []  # six sentences on
    near, close = _draft(0, KURRAM), _draft(5, PAKISTAN)
    _lend(PLAIN, near, close)
    assert _lent(close) == ["Kurram"]  # five at most
    nowhere, later = _draft(0, KURRAM), _draft(4)
    _lend(PLAIN, nowhere, later)
    assert _lent(later) == []  # no country of its own: three sentences at most
    lede, detail = _draft(0, PAKISTAN), _draft(4, PARACHINAR)
    _lend(PLAIN, lede, detail)
    assert _lent(lede) == []  # a lede looks three sentences ahead at most


def test_no_place_is_lent_across_a_cue_that_the_report_moved_on() -> None:
    for cue in (
        "In a separate development, a",
        "Elsewhere, a",
        "In an unrelated incident, a",
        "Separately, a",
    ):
        sentences = [PLAIN[0], "Officials gave few details.", f"{cue} drone struck a car in Pakistan."]
        first, later = _draft(0, KURRAM), _draft(2, PAKISTAN)
        _lend(sentences, first, later)
        assert _lent(later) == [], cue
        lede, detail = _draft(0, PAKISTAN), _draft(1, PARACHINAR)
        _lend(
            ["A drone struck a car in Pakistan on Monday.", f"{cue} bomb went off in a market."], lede, detail
        )
        assert _lent(lede) == [], cue


def test_no_place_is_lent_between_incidents_years_apart() -> None:
    years_ago = DateSpan(date(2023, 1, 1), date(2023, 1, 31), "month")
    lede, background = _draft(0, PAKISTAN, dates=MONDAY), _draft(1, PARACHINAR, dates=years_ago)
    _lend(PLAIN, lede, background)
    assert _lent(lede) == []
    first, later = _draft(0, KURRAM, dates=MONDAY), _draft(1, PAKISTAN, dates=TUESDAY)
    _lend(PLAIN, first, later)
    assert _lent(later) == ["Kurram"]  # the next day: the same area


def test_a_lent_place_ranks_after_every_place_the_text_gives() -> None:
    lent = Place("Parachinar", 0, 10, country="PAK", precision="town", lat=33.9, lon=70.1, lent=True)
    unresolved = Place("Sadda", 20, 25)
    ranked = sorted([lent, unresolved, PAKISTAN], key=lambda p: _place_rank(p, "PAK"))
    assert [p.name for p in ranked] == ["Pakistan", "Sadda", "Parachinar"]


def test_a_lent_place_gives_the_incident_no_country() -> None:
    lent = Place("Khost", 0, 5, country="AFG", precision="town", lat=33.3, lon=69.9, lent=True)
    told = Place("Bannu", 9, 14, country="PAK", precision="town", lat=33.0, lon=70.6)
    assert _country_of([lent], [told]) == "PAK"
    assert _country_of([lent], []) == ""


def test_a_lent_town_keeps_no_province_from_taking_its_towns() -> None:
    province = Place("Kurram", 0, 6, "KP", "PAK", "province", 33.8, 70.1)
    town = Place("Sadda", 30, 35, "KP", "PAK", "town", 33.7, 70.3)
    lent = Place("Khost", 40, 45, "Khost", "AFG", "town", 33.3, 69.9, lent=True)
    d = _draft(0, province, lent)
    _finest_inside(d, [province, town])
    assert "Sadda" in [p.name for p in d.places]


def test_the_output_line_marks_a_lent_place() -> None:
    lent = Place("Khost", 0, 5, country="AFG", precision="town", lat=33.3, lon=69.9, lent=True)
    told = Place("Afghanistan", 9, 20, country="AFG", precision="country", lat=33.0, lon=65.0)
    event = Event("Battles/Armed clash", DateSpan(None, None, None), locations=[told, lent])
    out = extraction_to_json(Extraction("d1", events=[event]))["events"][0]["locations"]
    assert [loc.get("lent") for loc in out] == [None, True]
    assert "lent" not in out[0]  # a place the text gives is written as before


def _capital(text: str, name: str) -> bool:
    i = text.index(name)
    return _metonym(text, Place(name, i, i + len(name)))


def test_a_capital_describing_the_people_after_it_is_a_place() -> None:
    assert not _capital("Riot police dispersed a protest by Nairobi hawkers on Friday.", "Nairobi")
    assert not _capital("A statement by Baghdad police put the toll at seven.", "Baghdad")
    assert not _capital("Retaliation by Damascus troops left nine dead.", "Damascus")
    assert _capital("The raid drew a swift response from Kabul.", "Kabul")  # its government
    assert _capital("The raid drew a swift response from Kabul on Friday.", "Kabul")


def test_a_capital_after_on_over_across_into_or_towards_is_a_place() -> None:
    assert not _capital("The assault on Kabul, meanwhile, has claimed nine lives.", "Kabul")
    assert not _capital("Shelling over Kyiv, in turn, has not yet confirmed any damage.", "Kyiv")
    assert not _capital("Strikes into Beirut, meanwhile, have not confirmed any toll.", "Beirut")
    assert not _capital("The push towards Khartoum has again claimed many lives.", "Khartoum")
    assert not _capital("Fire across Juba, however, has claimed two lives.", "Juba")
    assert _capital("Kabul, meanwhile, has not confirmed the raid.", "Kabul")  # its government
