"""Small data files used by recognition and resolution, loaded once per path."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

NOT_PLACES_PATH = Path(str(files("tolls") / "data" / "geo" / "not_places.csv"))
PLACE_CUES_PATH = Path(str(files("tolls") / "data" / "geo" / "place_cues.json"))


@lru_cache(maxsize=8)
def not_places(path: Path = NOT_PLACES_PATH, *, demonyms: bool = True) -> frozenset[str]:
    """Normalised words that look like place names but never are (demonyms, groups, months);
    ``demonyms=False`` leaves out the rows whose reason is "demonym"."""
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["word"] for row in csv.DictReader(fh) if demonyms or row["reason"] != "demonym")


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """Compiled context cues: ``before`` ends right before a name ("in", "the town of"), ``after``
    starts right after it ("area", "village"), ``admin`` is the part of ``after`` that belongs to the
    name when capitalised ("Kanawha County"), ``title`` ends right before a person's name;
    ``tail`` and ``head`` match, on a normalised name, the words a resolver may drop when the
    whole name is unknown ("Aweil East", "City of Tshwane"); ``route`` starts right after a
    road named by the places it joins ("Yei-Maridi road")."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    admin: re.Pattern[str]
    title: re.Pattern[str]
    joiner: re.Pattern[str]
    tail: re.Pattern[str]
    head: re.Pattern[str]
    route: re.Pattern[str]
    feature: re.Pattern[str]
    """Starts right after a feature named by the capitalised words before it ("Zamzam camp",
    "Ben Gurion airport", "the Torkham crossing"): the name and the word are a place, known to
    the gazetteer or not."""
    people: re.Pattern[str]
    """Starts right after a people's name, alone or closing a list of them ("the Kaba ethnic
    group", "Tabu and Tuareg tribes"): a name so followed is no place. Group ``first`` is the
    list's first link: a comma there may end a place instead ("In Kidal, Arab and Tuareg
    tribes clashed")."""
    compound_where: re.Pattern[str]
    """Starts right after a place inside a hyphenated compound that says where, not whose
    ("the Khyber-area town", "a Helmand-province village"), unlike "Iran-backed" or "US-led"."""
    zone: re.Pattern[str]
    """Starts right after a place named as a time zone ("6 pm Islamabad time"), not before an
    idiom that only opens with the word ("struck Kharkiv time and again")."""
    organisation: re.Pattern[str]
    """Starts right after a place that opens an organisation's name, the capitalised head written
    as listed ("the Kuwait News Agency", "the Washington Post", "the Pakistan Army said"): a
    newsroom, a ministry or a state's force, no place of an incident; but not before one of its
    venues (``organisation_venues``: "the Quetta Press Club", "the Bannu Army cantonment"), a place."""
    organisation_any: re.Pattern[str]
    """Like ``organisation``, a venue's name too ("the Kabul Press Club"): the speaker's venue, when
    it is in the subject of a reporting verb, is no place of the incident either."""
    article: re.Pattern[str]
    """An Arabic article written in lower case and joined to a name by a hyphen ("el-Fasher",
    "al-Mawasi"), ending right before the name (``name_articles``)."""
    feature_openers: frozenset[str]
    """Words that open no feature's name: a name starts after them ("Thousands of Afghans
    crossing", "On Monday crossing points": quantity, function and question words)."""


_CAP_NAME = r"[A-Z][\w'’-]*+(?:\s+[A-Z][\w'’-]*+){0,2}"
"""A capitalised name of up to three words; possessive, so a word is never split to try again."""
_PEOPLE_JOINER = r"\s*(?:,|&|\band\b)\s*"


def _alternation(words: list[str], *, cased: bool = False) -> str:
    """The words as one regex alternation, longest first, lowercased unless ``cased`` (the words
    kept as written, for a case-sensitive pattern)."""
    ordered = sorted({w if cased else w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=4)
def place_cues(path: Path = PLACE_CUES_PATH) -> PlaceCues:
    """The cue words of ``place_cues.json``, compiled (case-insensitive)."""
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return PlaceCues(
        before=re.compile(
            rf"(?<![\w-])(?:{_alternation(data['before'])})\s+(?:(?:the|an?)\s+)?$", re.IGNORECASE
        ),
        after=re.compile(rf"\s+(?:{_alternation(data['after'])})\b", re.IGNORECASE),
        admin=re.compile(rf"\s+(?:{_alternation(data['admin_after'])})\b", re.IGNORECASE),
        title=re.compile(rf"(?<![\w-])(?:{_alternation(data['titles'])})\.?\s+$", re.IGNORECASE),
        tail=re.compile(rf"\s+(?:{_alternation(data['name_tails'])})$"),
        head=re.compile(rf"^(?:{_alternation(data['name_heads'])})\s+"),
        joiner=re.compile(rf"^\s*(?:{_alternation(data['list_joiners'])})\s*(?:the\s+)?$", re.IGNORECASE),
        route=re.compile(rf"\s+(?:{_alternation(data['route_words'])})\b", re.IGNORECASE),
        feature=re.compile(rf"\s+(?:{_alternation(data['feature_names'])})\b", re.IGNORECASE),
        people=re.compile(
            rf"(?:(?P<first>{_PEOPLE_JOINER}){_CAP_NAME}(?:{_PEOPLE_JOINER}{_CAP_NAME})*)?"
            rf"\s+(?i:{_alternation(data['people_after'])})\b"
        ),
        compound_where=re.compile(rf"[-‐‑](?:{_alternation(data['compound_where'])})\b", re.IGNORECASE),
        zone=re.compile(
            rf"\s+(?!(?:{_alternation(data['time_zone_idioms'])})\b)"
            rf"(?:{_alternation(data['time_zone_after'])})\b",
            re.IGNORECASE,
        ),
        # a venue the organisation names ("the Quetta Press Club", "the Peshawar Army Public
        # School", "the Gaza Post office") is a place: the name's place is kept
        organisation=re.compile(
            rf"[ \t]+(?:{_alternation(data['organisation_heads'], cased=True)})\b"
            rf"(?!(?:[ \t]+[A-Z][\w'-]*){{0,2}}[ \t]+(?i:{_alternation(data['organisation_venues'])})\b)"
        ),
        organisation_any=re.compile(rf"[ \t]+(?:{_alternation(data['organisation_heads'], cased=True)})\b"),
        article=re.compile(rf"(?<![\w-])(?:{_alternation(data['name_articles'], cased=True)})-$"),
        feature_openers=frozenset(w.lower() for w in data["feature_name_openers"]),
    )
