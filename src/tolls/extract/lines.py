"""Borders and front lines as places: "the Pak-Afghan border", "the Durand Line", "the Afghan border".

A border is where many incidents of an interstate war happen, and reporting names it more often
than any town ("clashes along the border"). It has no point, so it is kept as a place of precision
``line`` without coordinates, named by its usual English name whichever order the text gives the
countries in ("the Afghanistan-Pakistan border" and "the Pak-Afghan border" are both the
Pakistan-Afghanistan border); a pair with no usual name listed is "<Country>-<Country> border" in the
text's order. One country's adjective alone is its border with the story's country (a Pakistani
report of "the Afghan border"), and a bare "the border" ("border clashes", "shelling at the
border") is the border of the story's country with ``partner``, the other country the story names
most, when the two share a listed border ("cross-border attacks" says a kind of attack, not where).
Data: ``data/lexicon/lines.json``.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from tolls.data import data_path, load_json
from tolls.extract.actors import demonym_country
from tolls.model import Place

__all__ = ["border_partner", "find_lines", "line_countries"]

_WORD = r"[A-Z][A-Za-z]+"
_IN_A_NAME = re.compile(r"[ \t]+[A-Z][a-z]")  # "Frontier Corps", "Border Security Force"
_THEIR = re.compile(r"\btheir\s+(?:\w+\s+)?$", re.I)  # "their border", "their common border"
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


@lru_cache(maxsize=1)
def _borders() -> dict[frozenset[str], str]:
    return {frozenset(k.split()): v for k, v in load_json("lexicon", "lines.json")["borders"].items()}


def border_partner(focus: str, counts: dict[str, int]) -> str:
    """The country whose border with ``focus`` a bare "the border" means: of the countries the story
    names (``counts``: ISO3 -> mentions), the most named one that shares a listed border with it."""
    borders = _borders()
    shared = [c for c in counts if c != focus and frozenset((focus, c)) in borders]
    return max(shared, key=lambda c: (counts[c], c), default="")


@lru_cache(maxsize=1)
def _line_codes() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """The countries of each named line and usual border name (lines.json: named_countries,
    borders), and each country's code by its name (demonyms.csv)."""
    raw = load_json("lexicon", "lines.json")
    out = {name: frozenset(codes.split()) for name, codes in raw["named_countries"].items()}
    out.update({name: pair for pair, name in _borders().items()})
    return out, {name: code for code, name in _tables()[4].items()}


def line_countries(place: Place) -> frozenset[str]:
    """The countries a border or front line (a place of precision ``line``) lies in: both of its
    sides, whichever one's code it was written with ("Durand Line", "Pakistan-Afghanistan border",
    "Chad-Sudan border"); none when the line is not known."""
    known, codes = _line_codes()
    if place.name in known:
        return known[place.name]
    stem = place.name.removesuffix(" border")
    for i, ch in enumerate(stem):
        if ch == "-" and stem[:i] in codes and stem[i + 1 :] in codes and stem != place.name:
            return frozenset((codes[stem[:i]], codes[stem[i + 1 :]]))
    return frozenset()


@lru_cache(maxsize=1)
def _bare() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A bare "border" and the determiners that make it no border of the incidents (lines.json)."""
    raw = load_json("lexicon", "lines.json")["bare"]
    forms = sorted({f for w in raw["words"] for f in (w, w.capitalize(), w.upper())}, key=len, reverse=True)
    not_after = "".join(f"(?<!{re.escape(w)})" for w in raw["not_after"])
    bare = re.compile(rf"(?i:{not_after})\b(?:{'|'.join(map(re.escape, forms))})\b")
    dets = "|".join(map(re.escape, raw["determiners"]))
    return bare, re.compile(rf"\b(?:{dets})\s+(?:\w+\s+)?$", re.I)


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str], dict[str, str]]:
    raw = load_json("lexicon", "lines.json")
    named: dict[str, str] = raw["named"]
    short: dict[str, str] = raw["short"]
    words = "|".join(map(re.escape, raw["words"]))
    pair = re.compile(
        rf"\b({_WORD})\s*(?:-|–|/|\s+and\s+)\s*({_WORD})\s+(?:{words})\b|\b({_WORD})\s+(?:{words})\b"
        # "the border between Thailand and Cambodia", "a border dispute between Sudan and Chad"
        rf"|\b(?:{words})(?:\s+[a-z]+){{0,2}}?\s+between\s+({_WORD}(?:\s+{_WORD})?)\s+and\s+({_WORD}(?:\s+{_WORD})?)\b"
    )
    lines = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(named, key=len, reverse=True)) + r")\b", re.I
    )
    countries: dict[str, str] = {}
    with data_path("demonyms.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "country" and row["names"]:
                countries[row["iso3"]] = row["names"].split("|")[0]
    return pair, lines, named, short, countries


def _country(word: str, short: dict[str, str]) -> str:
    return short.get(word.lower()) or demonym_country(word) or ""


def _named(words: str, short: dict[str, str]) -> str:
    """The country of a name of one or two words ("South Sudan"), else of its first word alone
    ("Afghanistan Monday")."""
    return _country(words, short) or _country(words.split()[0], short)


def _countries_before(text: str, short: dict[str, str]) -> list[str]:
    """The countries named in ``text`` (names, adjectives, clipped forms), in text order."""
    return [c for m in _CAPITALISED.finditer(text) if (c := _named(m.group(), short))]


def _their_pair(text: str, start: int, focus: str, partner: str) -> bool:
    """Is "their" before a bare border at ``start`` the story's two countries? So when the last
    two countries its sentence names before it are ``focus`` and ``partner`` ("Thailand struck
    Cambodia, both sides trading fire on their border"), or the sentence names no country
    but those and calls them "the two countries" (lines.json ``their_antecedents``); not "after
    Iran and Afghanistan closed their border" in a Pakistani story."""
    _, _, _, short, _ = _tables()
    opened = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    before = text[opened:start]
    named = list(dict.fromkeys(reversed(_countries_before(before, short))))
    if set(named[:2]) == {focus, partner}:
        return True
    return set(named) <= {focus, partner} and bool(_their_antecedent().search(before))


@lru_cache(maxsize=1)
def _their_antecedent() -> re.Pattern[str]:
    words = load_json("lexicon", "lines.json")["bare"]["their_antecedents"]
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def find_lines(text: str, focus_country: str = "", partner: str = "") -> list[Place]:
    """Every border or named line in ``text``, in text order, as places of precision ``line``."""
    pair, lines, named, short, countries = _tables()
    borders = _borders()
    not_after = tuple(load_json("lexicon", "lines.json")["bare"]["not_after"])
    out: list[Place] = []
    for m in lines.finditer(text):
        word = m.group(1)
        if word.lower() == "loc" and word != "LoC":
            continue  # only the abbreviation as written for the Line of Control
        out.append(Place(named[word.lower()], m.start(), m.end(), precision="line"))
    for m in pair.finditer(text):
        if m.group(4) is not None:
            # only two countries that share a listed border, and not "cross-border strikes
            # between ..." (a kind of attack, as for a bare border)
            codes = [_named(m.group(4), short), _named(m.group(5), short)]
            if frozenset(codes) not in borders or text[: m.start()].lower().endswith(not_after):
                continue
        elif m.group(3) is not None:
            one = _country(m.group(3), short)
            if not one or not focus_country or one == focus_country:
                continue
            codes = [focus_country, one]
        else:
            codes = [_country(m.group(1), short), _country(m.group(2), short)]
            if not all(codes) or codes[0] == codes[1]:
                continue
        names = [countries.get(c) for c in codes]
        usual = borders.get(frozenset(codes))
        if usual or all(names):
            name = usual or f"{names[0]}-{names[1]} border"
            out.append(Place(name, m.start(), m.end(), country=codes[0], precision="line"))
    bare = borders.get(frozenset((focus_country, partner))) if focus_country and partner else None
    if bare:
        taken = [(p.start or 0, p.end or 0) for p in out]
        bare_rx, not_the_border = _bare()
        for m in bare_rx.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue  # part of a border named above
            if m.group().istitle() and _IN_A_NAME.match(text, m.end()):
                continue  # a proper name: "Frontier Corps", "India's Border Security Force"
            if not_the_border.search(text, max(0, m.start() - 24), m.start()):
                continue  # "its borders", "open borders": no border of the incidents
            if _THEIR.search(text, max(0, m.start() - 24), m.start()) and not _their_pair(
                text, m.start(), focus_country, partner
            ):
                continue  # "their border" of two other countries
            out.append(Place(bare, m.start(), m.end(), country=focus_country, precision="line"))
    out.sort(key=lambda p: p.start or 0)
    return out
