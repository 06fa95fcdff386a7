"""Toponym resolution in context.

Candidates are scored in two passes. Pass one uses what each mention says on its own (population,
feature type, whether the name is the place's main name, an explicit qualifier such as
"district of Paktika" or ", Texas"). Its confident picks give the document's focus: the countries
and admin1 units it is about. Pass two adds that focus and proximity to the other places, which
is what turns "Alexandria" in a story about Rapides Parish into Alexandria, Louisiana.
A name with no candidate stays unresolved (no coordinates) rather than being guessed, and so
does a small namesake alone in a far country when the text is clearly about another one
(:func:`_stray`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from tolls.geo.context import Context, read_context, type_of_word
from tolls.geo.gazetteer import Candidate, Gazetteer
from tolls.geo.lexicon import place_cues
from tolls.geo.normalize import normalize
from tolls.geo.offset import Offset, displace, read_offset
from tolls.model import Place, PlacePrecision

_GENERIC_TAIL = re.compile(
    r"\s+(district|province|county|parish|city|valley|region|state|governorate|agency|camp|border|crossing|"
    r"area|town|village|township|borough|local government area|local government|lga|woreda|territory|"
    r"chiefdom|sub-county|subcounty)$"
)
_PRECISIONS: dict[str, PlacePrecision] = {
    "town": "town",
    "district": "district",
    "province": "province",
    "country": "country",
    "line": "line",
    "area": "area",
}


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    name: str
    cands: tuple[Candidate, ...]
    ctx: Context
    qual_keys: frozenset[str]
    unit: Candidate | None = None
    """The admin unit an explicit qualifier names ("district of Paktika" -> Paktika)."""
    unit_whole: bool = False
    """The unit's name is the whole qualifier ("in North Carolina", not "in North Carolina's
    Sandhills", read as the North Region of Cameroon)."""
    pick: Candidate | None = None
    margin: float = 0.0
    local: Candidate | None = None
    names_country: bool = False
    """One of the candidates is a country (set once, from ``cands``)."""
    offset: Offset | None = None
    """A distance and bearing from another place stated right after the name ("(53km NE of
    Jowhar)")."""
    unit_countries: frozenset[str] | None = None
    """The countries of the candidates that are admin units (set on first use by :func:`_seat`)."""

    def __post_init__(self) -> None:
        self.names_country = _a_country(self.cands)


def _lookup(gaz: Gazetteer, name: str) -> tuple[Candidate, ...]:
    key = normalize(name)
    if key.startswith("the "):
        key = key[4:]
    if name.endswith(("'s", "’s", "\u0092s")):
        key = key[:-2]
    cands = gaz.lookup_key(key)
    if not cands:
        short = _GENERIC_TAIL.sub("", key)
        if short != key:
            cands = gaz.lookup_key(short)
    if not cands:
        # "Aweil East", "Sekondi-Takoradi Metropolis", "City of Tshwane": the place the name is built on
        cues = place_cues()
        short = key
        for _ in range(2):
            short = cues.head.sub("", cues.tail.sub("", short))
            if not short or short == key:
                break
            cands = tuple(c for c in gaz.lookup_key(short) if c.precision != "country")
            if cands:
                break
    if not cands and key.startswith(("st ", "ft ", "mt ")):
        full = {"st": "saint", "ft": "fort", "mt": "mount"}[key[:2]] + key[2:]
        cands = gaz.lookup_key(full)
    return cands


def _qualifier(gaz: Gazetteer, ctx: Context) -> tuple[frozenset[str], Candidate | None, bool]:
    """Admin1 names and ISO3 codes that an explicit qualifier may denote, the unit it most
    likely names (for a place the gazetteer does not hold inside it) and whether that unit's
    name is the whole qualifier."""
    keys: set[str] = set()
    unit: Candidate | None = None
    whole = False
    for qual in ctx.qualifiers:
        words = normalize(qual).split()
        if qual.endswith(("'s", "’s", "\u0092s")) and words:
            words[-1] = words[-1][:-1]
        for n in range(len(words), 0, -1):
            key = " ".join(words[:n])
            cands = gaz.lookup_key(key)
            admin = [c for c in cands if c.precision in ("province", "country", "district", "area")]
            if admin:
                for c in admin:
                    keys.add(c.country3 if c.precision == "country" else normalize(c.admin1 or c.name))
                    if c.precision in ("district", "area"):
                        keys.add(normalize(c.name))
                if unit is None:
                    unit = max(admin, key=_prior)
                    # a short other name is no full name: "the Miss category" is not Mississippi
                    whole = n == len(words) and (unit.primary or len(key) >= 6)
                break
    return frozenset(keys), unit, whole


_BIG_CITY = 500_000
_BIG_CITY_ALIAS = 0.6
"""Of the 0.9 a name other than a place's main one costs, what a city of ``_BIG_CITY`` gets back."""


_SEAT = 1.0
"""What a town gets when the text names a district-level unit after it ("Dodola district")."""

_CAPITAL = 1.0
"""What being a national capital adds to a candidate the text does not type as something else."""
_DATELINE_CAPITAL = 2.0
"""What a national capital adds when its name is a dateline's ("WASHINGTON —"): news datelines
name the capital, not a namesake near the story's other places."""


def _prior(c: Candidate) -> float:
    pop = math.log10(c.population + 1)
    if c.precision == "country":
        base = 3.0
    elif c.precision == "province":
        base = 1.0 + pop / 16
    elif c.precision == "town":
        base = pop / 6.5
    else:
        base = 1.3
    if c.coord_source == "supplement":
        base += 0.3
    if c.coord_source == "admin1_point":
        base -= 0.4
    if not c.primary:
        base -= 0.9
    if c.lat is None:
        base -= 2.0
    return base


def _a_country(cands: Sequence[Candidate]) -> bool:
    return _of_kind(cands, "country")


def _of_kind(cands: Sequence[Candidate], precision: str | None) -> bool:
    return any(c.precision == precision for c in cands)


def _qual_match(c: Candidate, keys: frozenset[str]) -> bool:
    return bool(keys) and (c.country3 in keys or normalize(c.admin1) in keys or normalize(c.admin2) in keys)


def _seat(c: Candidate, m: _Mention, in_focus: Callable[[str], bool]) -> bool:
    """Whether town ``c`` may stand for the district-level unit the text names after it ("Beni
    territory", "Dodola district"): only where the gazetteer holds no unit of that name in the
    town's country ("Krasnodar territory" is the krai), and, where a unit of the name exists
    abroad, only in a country the document is about ("deployed to the Yukon territory" is
    Canada's, not a town in Oklahoma)."""
    if m.unit_countries is None:  # once per mention: a common name has thousands of candidates
        m.unit_countries = frozenset(
            o.country3 for o in m.cands if o.precision in ("province", "district", "area")
        )
    if c.country3 in m.unit_countries:
        return False
    return not m.unit_countries or in_focus(c.country3)


def _no_focus(country3: str) -> bool:
    return False


def _local_score(c: Candidate, m: _Mention, in_focus: Callable[[str], bool] = _no_focus) -> float:
    score = _prior(c)
    if not c.primary and c.population >= _BIG_CITY and not m.names_country:
        # a big city's other name is still in common use ("Port Elizabeth" for Gqeberha), unlike a
        # village's variant spelling; but a country's name ("Mexico") means the country
        score += _BIG_CITY_ALIAS
    if _qual_match(c, m.qual_keys):
        score += 4.0
    if m.ctx.type_hint and m.ctx.type_hint == c.precision:
        score += 1.5
    elif (
        m.ctx.type_hint == "district" and c.precision == "town" and not m.qual_keys and _seat(c, m, in_focus)
    ):
        # "Beni territory", "Dodola district": where the gazetteer has no such unit, the town the
        # unit is named after (its seat) stands for it, before a province abroad of that name;
        # not a quarter of a city the text names ("the Cibitoke district of Bujumbura")
        score += _SEAT
    if (
        c.feature_code == "PPLC"
        and m.ctx.type_hint in (None, "town")
        and any(o.precision == "province" and o.country3 == c.country3 for o in m.cands)
    ):
        # news names a government by its capital ("Washington and Cairo should..."): the capital
        # outranks its country's province of the same name unless the text says otherwise (a
        # qualifier, "state", or the province's other places around it); against a foreign
        # namesake (Dublin, Ohio) the document's focus decides
        score += _CAPITAL
    if m.ctx.dateline and c.feature_code == "PPLC":
        score += _DATELINE_CAPITAL
    return score


def _km(a: Candidate, b: Candidate) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return 1e9
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def _near(a: Candidate, b: Candidate) -> bool:
    """Within ~150 km; a cheap latitude test first, since most candidate pairs are continents apart."""
    if a.lat is None or b.lat is None or abs(a.lat - b.lat) > 1.4:
        return False
    return _km(a, b) < 150


def _choose(scored: list[tuple[float, Candidate]], m: _Mention) -> tuple[Candidate, float]:
    scored.sort(key=lambda sc: -sc[0])
    best_score, best = scored[0]
    if (
        best.precision in ("province", "district")
        and m.ctx.type_hint not in ("province", "district")
        and best.country3 != "USA"
        and best.coord_source != "supplement"
    ):
        # "Kabul", "Istanbul": a city sharing its province's name is what news means by the bare name
        # (not so for US states: "New York" alone is usually the state in American local news).
        # The city lies near the province's point or is filed under it: a desert governorate's
        # point is far from its capital ("Giza").
        for score, c in scored[1:]:
            if (
                c.precision == "town"
                and c.primary
                and c.country3 == best.country3
                and (_km(c, best) < 150 or _norm(c.admin1) == _norm(best.name))
                and c.population >= 20000
                and score > best_score - 2.5
            ):
                return c, 1.0
    margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
    return best, margin


def _to_place(m: _Mention) -> Place:
    c = m.pick
    if c is None or c.lat is None:
        return Place(name=m.name, start=m.start, end=m.end)
    place = _placed_at(m, c, geonameid=c.public_id)
    if m.ctx.type_hint == "district" and c.precision == "town" and c.coord_source != "city_point":
        # "Dodola district" at its seat's point: the text names the district, not the town (a
        # city's quarter called a district, "Hodan District" of Mogadishu, is where it is)
        place = replace(place, precision="district")
    return place


def _placed_at(m: _Mention, c: Candidate, *, geonameid: int | None) -> Place:
    """The mention's name and span at the candidate's point, admin1, country and precision."""
    return Place(
        name=m.name,
        start=m.start,
        end=m.end,
        admin1=c.admin1 if c.precision != "country" else "",
        country=c.country3,
        precision=_PRECISIONS.get(c.precision),
        lat=c.lat,
        lon=c.lon,
        geonameid=geonameid,
    )


def _abbrev_tail(text: str, start: int) -> bool:
    """True when the span starts inside an initialism: "S." of "U.S."."""
    return (
        start > 1
        and text[start - 1] == "."
        and text[start - 2].isupper()
        and text[start + 1 : start + 2] == "."
    )


def snap_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Align a span to word boundaries: some corpora's offsets are off by a character or two."""
    start, end = max(0, start), min(len(text), end)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    if start == end:
        return start, end
    if text[end - 1] == "." and "." not in text[start : end - 1] and len(text[start:end].split()[-1]) > 4:
        end -= 1  # a sentence's full stop, not an abbreviation ("Mo.", "St.", "U.S.")
    while start > 0:
        if (
            text[start - 1].isalnum()
            or (text[start - 1] in "’'")
            or (
                text[start - 1] == "-" and not text[start].isupper()  # "Maridi" of "Yei-Maridi" is whole
            )
        ):
            start -= 1
        elif _abbrev_tail(text, start):
            start -= 2  # "U.S." given as "S."
        else:
            break
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


_ROUNDS = 2

_norm = lru_cache(maxsize=1 << 16)(normalize)
"""``normalize`` memoised: the focus compares the same few admin1 names for every candidate."""


@dataclass(slots=True)
class _Focus:
    """The document's current picks, one vote per distinct name: countries, admin1 units, points."""

    picks: dict[str, Candidate]
    countries: defaultdict[str, float]
    admin1s: defaultdict[str, float]
    anchors: list[tuple[str, Candidate]]
    countries_named: Mapping[str, float]
    theatres: frozenset[str] = frozenset()
    """Countries the document's actors also fight in: support for a place there, no vote."""
    total_c: float = 0.0
    total_a: float = 0.0

    @classmethod
    def of(
        cls,
        mentions: Sequence[_Mention],
        countries_named: Mapping[str, float],
        theatres: frozenset[str] = frozenset(),
    ) -> _Focus:
        picks: dict[str, Candidate] = {}
        anchors: dict[str, Candidate] = {}
        for m in mentions:
            if m.pick is not None:
                picks.setdefault(normalize(m.name), m.pick)
            if m.local is not None and m.local.precision in ("town", "district") and m.local.lat is not None:
                # proximity counts only what each name means on its own, so that small namesakes
                # (Mecca, Medina and Cairo in Ohio) cannot vouch for one another
                anchors.setdefault(normalize(m.name), m.local)
        countries: defaultdict[str, float] = defaultdict(float, countries_named)
        admin1s: defaultdict[str, float] = defaultdict(float)
        for c in picks.values():
            countries[c.country3] += 2.0 if c.precision == "country" else 1.0
            if c.precision != "country" and c.admin1:
                admin1s[_norm(c.admin1)] += 1.0
        return cls(
            picks,
            countries,
            admin1s,
            list(anchors.items()),
            countries_named,
            theatres,
            sum(countries.values()),
            sum(admin1s.values()),
        )

    def voted(self, country3: str, *, key: str) -> bool:
        """Whether the document's other names (or its actors) point to the country: the votes
        leaving out the mention named ``key``."""
        own = self.picks.get(key)
        own_c = (
            (2.0 if own.precision == "country" else 1.0)
            if own is not None and own.country3 == country3
            else 0.0
        )
        return self.countries[country3] - own_c > 0

    def bonus(self, c: Candidate, key: str) -> float:
        """Context score for candidate ``c`` of the mention named ``key``, leaving out its own vote."""
        own = self.picks.get(key)
        own_c = (2.0 if own.precision == "country" else 1.0) if own is not None else 0.0
        own_a = _norm(own.admin1) if own is not None and own.precision != "country" else ""
        n_c = self.total_c - own_c
        n_a = self.total_a - (1.0 if own_a else 0.0)
        score = 0.0
        if n_c > 0:
            same = own is not None and own.country3 == c.country3
            votes = self.countries[c.country3] - (own_c if same else 0.0)
            score += 2.0 * votes / n_c
        if c.country3 in self.theatres:
            score += _THEATRE
        a_key = _norm(c.admin1)
        if n_a > 0 and a_key:
            score += 1.5 * (self.admin1s[a_key] - (1.0 if a_key == own_a else 0.0)) / n_a
        if c.precision != "country":
            near = sum(1 for k, a in self.anchors if k != key and _near(a, c))
            score += min(1.5, 0.75 * near)
        return score


_THEATRE = 0.5
"""What a candidate in a country the document's actors also fight in gets ("Bondo" beside the LRA
is the Congolese town, not Kenya's)."""

_SUPPORT_CONTAINS = 1.5
"""What another name that may be the candidate's county (or a town of that county) adds."""


def _named_once(mentions: Sequence[_Mention], keys: Sequence[str]) -> Iterator[tuple[str, Candidate]]:
    """Each distinct name's candidates (names with none, or too many to be telling, left out)."""
    seen: set[str] = set()
    for m, key in zip(mentions, keys, strict=True):
        if key in seen or not m.cands or len(m.cands) > 60:
            continue
        seen.add(key)
        for c in m.cands:
            yield key, c


@dataclass(slots=True)
class _Support:
    """Which counties the document's names may denote, and which counties' towns, before any is
    picked: "Paris" beside "Henry County" is Paris, Tennessee, the one Paris in a Henry County,
    though neither name alone says so. (Votes for a shared admin1 from every candidate were
    measured too and dropped: they pull a disease report's countries to namesakes.)"""

    districts: dict[tuple[str, str, str], set[str]]
    towns_in: dict[tuple[str, str, str], set[str]]

    @classmethod
    def of(cls, mentions: Sequence[_Mention], keys: Sequence[str]) -> _Support:
        """``keys`` are the mentions' normalised names. Units are matched by the gazetteer's own
        strings (one source names a county and its towns' county alike), which skips normalising
        every candidate."""
        districts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        towns_in: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for key, c in _named_once(mentions, keys):
            if c.precision == "district" and c.admin1:
                districts[(c.country3, c.admin1, c.name)].add(key)
        if not districts:
            return cls({}, {})  # no county named: nothing to contain or be contained
        for key, c in _named_once(mentions, keys):
            if c.precision == "town" and c.admin2:
                towns_in[(c.country3, c.admin1, c.admin2)].add(key)
        return cls(dict(districts), dict(towns_in))

    def bonus(self, c: Candidate, key: str) -> float:
        """What the other names (``key`` is this mention's) say for candidate ``c``."""
        if not self.districts:
            return 0.0
        if c.precision == "district":
            named = self.towns_in.get((c.country3, c.admin1, c.name))
        elif c.precision == "town" and c.admin2:
            named = self.districts.get((c.country3, c.admin1, c.admin2))
        else:
            return 0.0
        return _SUPPORT_CONTAINS if named and (len(named) > 1 or key not in named) else 0.0


_LIST_JOINER = re.compile(r"\s*(?:,|and|or|&|, and|, or)\s*")
_LIST_KIND = 1.5
"""What a list's other members add, by their share, to a candidate of the kind they are: in
"Mexico, China, Japan and Brazil" each is a country, in "Washington, Pennsylvania and California"
a state, in "British Columbia, Alberta, Ontario and New Brunswick" a province."""


def _lists(text: str, mentions: Sequence[_Mention]) -> list[list[int]]:
    """For each mention, the indices of the other names of the list it stands in (empty if none)."""
    out: list[list[int]] = [[] for _ in mentions]
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    group: list[int] = []
    for i in order:
        if group and _LIST_JOINER.fullmatch(text, mentions[group[-1]].end, mentions[i].start):
            group.append(i)
            continue
        _close(group, out)
        group = [i]
    _close(group, out)
    return out


def _close(group: list[int], out: list[list[int]]) -> None:
    # two names may be a place and its unit ("Paris, Texas", "Melbourne and Victoria"); three
    # or more make a list of one kind
    if len(group) >= 3:
        for i in group:
            out[i] = [j for j in group if j != i]


def _list_kinds(others: Sequence[int], mentions: Sequence[_Mention]) -> dict[str, float]:
    """What a candidate of each kind gets from the other names of its list (by their share)."""
    picked = [p.precision for j in others if (p := mentions[j].pick) is not None]
    return {k: _LIST_KIND * picked.count(k) / len(picked) for k in set(picked)}


_FULLER = 3.0
"""What a country's name loses as another place that the text names by a fuller name: beside
"Mexico City", "Mexico" is the country (and "Kuwait" beside "Kuwait City")."""


def _longer(mentions: Sequence[_Mention], keys: Sequence[str]) -> dict[str, list[int]]:
    """For each name that is a country's, the mentions of longer names that start with it."""
    short = {k for m, k in zip(mentions, keys, strict=True) if m.names_country}
    if not short:
        return {}
    out: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        for s in short:
            if k != s and k.startswith(s + " "):
                out[s].append(i)
    return dict(out)


def _fuller(mentions: Sequence[_Mention], longer: Mapping[str, list[int]]) -> dict[str, frozenset[int]]:
    """The places picked for each country's name's longer names ("Mexico City" for "Mexico")."""
    return {
        s: frozenset(p.geonameid for i in idx if (p := mentions[i].pick) is not None)
        for s, idx in longer.items()
    }


def resolve_toponyms(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    gazetteer: Gazetteer,
    countries: Mapping[str, float] | None = None,
    theatres: Collection[str] = (),
) -> list[Place]:
    """Resolve each (start, end) span of ``text`` to a Place; unknown names keep lat/lon None.

    ``countries`` are ISO3 votes from outside the place names, such as the countries of the
    actors the text names ("FARDC" -> COD, "Somali forces" -> SOM): they join the document's
    focus like a place resolved in that country, so "Beni" near FARDC is the Congolese town.
    ``theatres`` are the countries those actors also fight in ("LRA": DR Congo, CAR, South
    Sudan): a candidate there gets a small fixed lift, without diluting the votes.
    """
    theatre = frozenset(theatres)
    mentions: list[_Mention] = []
    for raw_start, raw_end in spans:
        start, end = snap_span(text, raw_start, raw_end)
        name = text[start:end]
        ctx = read_context(text, start, end)
        own_type = type_of_word(name.rsplit(" ", 1)[-1]) if " " in name else None
        if ctx.type_hint is None and own_type is not None:
            ctx = replace(ctx, type_hint=own_type)  # the span names its type: "Washington state"
        qual_keys, unit, whole = _qualifier(gazetteer, ctx)
        cands = _lookup(gazetteer, name)
        if unit is not None and unit.precision == "country" and not ctx.inside and _a_country(cands):
            # "China, Japan" lists two countries: Japan does not qualify China as "Paris, Texas" does
            qual_keys, unit, whole = frozenset(), None, False
        mention = _Mention(start, end, name, cands, ctx, qual_keys, unit, whole)
        mention.offset = read_offset(text, end)
        mentions.append(mention)
    lists = _lists(text, mentions)
    named = frozenset(cc for cc, v in (countries or {}).items() if v > 0)
    for m, others in zip(mentions, lists, strict=True):
        unit = m.unit
        if (
            others
            and unit is not None
            and not m.ctx.inside
            and any(c.precision == unit.precision for c in m.cands)
        ):
            # "Virginia, Washington, West Virginia and Wyoming": a state's name in a list of
            # states is not qualified by the next one, as "Washington, West Virginia" alone is
            m.qual_keys, m.unit, m.unit_whole = frozenset(), None, False
        if m.cands:
            m.pick, m.margin = _choose([(_local_score(c, m, named.__contains__), c) for c in m.cands], m)
            m.local = m.pick
    keys = [_norm(m.name) for m in mentions]
    support = _Support.of(mentions, keys)
    longer = _longer(mentions, keys)
    for _ in range(_ROUNDS):
        focus = _Focus.of(mentions, countries or {}, theatre)
        fuller = _fuller(mentions, longer) if longer else {}
        for m, key, others in zip(mentions, keys, lists, strict=True):
            if len(m.cands) >= 2:
                taken = fuller.get(key, frozenset()) if fuller else frozenset()
                kinds = _list_kinds(others, mentions) if others else {}
                scored = [
                    (
                        _local_score(c, m, partial(focus.voted, key=key))
                        + focus.bonus(c, key)
                        + support.bonus(c, key)
                        + kinds.get(c.precision, 0.0)
                        - (_FULLER if c.geonameid in taken else 0.0),
                        c,
                    )
                    for c in m.cands
                ]
                m.pick, m.margin = _choose(scored, m)
    _one_sense(mentions, keys)
    focus = _Focus.of(mentions, countries or {}, theatre)
    for m in mentions:
        if _stray(m, focus) or _unsupported_spelling(m, focus, gazetteer):
            m.pick = None
    places = [_contained(m) or _quarter_elsewhere(text, m, mentions) or _to_place(m) for m in mentions]
    for i, (m, place) in enumerate(zip(mentions, places, strict=True)):
        if m.offset is not None and place.precision in (None, "town"):
            moved = _offset_place(m, m.offset, mentions, gazetteer, focus)
            if moved is not None and not _agrees(place, moved, m.offset):
                places[i] = moved
    return places


_OFFSET_AREA_KM = 60.0
"""An offset this short places the name "near" its anchor (precision ``area``, which UCDP's
where_prec 2 reads as within ~25 km); a longer one is a province-sized guess: a bearing such as
"east" is ±22.5°, some 25 km aside at 60 km out, 40 km at 100 km."""


def _agrees(place: Place, moved: Place, offset: Offset) -> bool:
    """Whether a resolved place lies where the text's distance and bearing put it (within half
    the distance, and at least 25 km): a namesake elsewhere ("Taraka" in another province) gives
    way to the text's own geometry. Only towns are checked: a state or a country ("Kentucky,
    about 35 miles south of Austin") is no point to move."""
    if place.lat is None or place.lon is None or moved.lat is None or moved.lon is None:
        return False
    dlat = math.radians(moved.lat - place.lat)
    dlon = math.radians(moved.lon - place.lon) * math.cos(math.radians((moved.lat + place.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon) <= max(25.0, offset.km / 2)


def _offset_place(
    m: _Mention, offset: Offset, mentions: Sequence[_Mention], gaz: Gazetteer, focus: _Focus
) -> Place | None:
    """A name the gazetteer lacks, placed by the distance and bearing the text gives from a place
    it knows: "Miir-Taqwo (53km NE of Jowhar)" is 53 km north-east of Jowhar, at precision
    ``area`` (``province`` beyond 60 km), with Jowhar's admin1 and country and no GeoNames id."""
    anchor: Candidate | None = None
    for other in mentions:
        if other.start <= offset.anchor_start < other.end:
            anchor = other.pick
            break
    else:
        cands = [c for c in _lookup(gaz, offset.anchor) if c.lat is not None]
        if focus.total_c > 0:
            # a name found only here must lie in a country the document is about: "Buaale" is
            # not the namesake in France beside al Shabaab and Kenyan jets
            cands = [
                c for c in cands if focus.countries.get(c.country3, 0.0) > 0 or c.country3 in focus.theatres
            ]
        elif any(c.spelled for c in cands):
            cands = []  # another spelling of an unknown name, in a document about no country
        if cands:
            anchor = max(cands, key=lambda c: _prior(c) + focus.bonus(c, ""))
    if anchor is None or anchor.lat is None or anchor.lon is None or anchor.precision == "country":
        return None
    lat, lon = displace(anchor.lat, anchor.lon, offset.km, offset.bearing)
    return Place(
        name=m.name,
        start=m.start,
        end=m.end,
        admin1=anchor.admin1,
        country=anchor.country3,
        precision="area" if offset.km <= _OFFSET_AREA_KM else "province",
        lat=lat,
        lon=lon,
        geonameid=None,
    )


def _one_sense(mentions: Sequence[_Mention], keys: Sequence[str]) -> None:
    """A name the text once qualifies ("Athens, Greece") or types ("the province of Ontario")
    means that place wherever else the text repeats it bare: one sense per document, not a
    namesake the later context leans to."""
    qualified: dict[str, Candidate] = {}
    typed: dict[str, Candidate] = {}
    for m, key in zip(mentions, keys, strict=True):
        if m.pick is None:
            continue
        if m.qual_keys and _qual_match(m.pick, m.qual_keys):
            qualified.setdefault(key, m.pick)
        elif m.ctx.type_before and m.ctx.type_hint == m.pick.precision:
            typed.setdefault(key, m.pick)  # "the province of Ontario"
    if not qualified and not typed:
        return
    for m, key in zip(mentions, keys, strict=True):
        sense = qualified.get(key) or typed.get(key)
        if (
            sense is not None
            and not m.qual_keys
            and not m.ctx.type_before
            and m.pick is not sense
            and sense in m.cands
        ):
            m.pick = sense


_STRAY_POPULATION = 100_000
"""A pick this populous (or a country, or a province) is never a stray, and on another country it
tells what the document is about."""
_STRAY_KM = 1_500.0
"""A stray is farther than this from every other place the document names."""


_UNIT_KM = 150.0
"""A pick this close to the unit its text puts it in is taken even when the gazetteer files it
under a neighbouring unit."""
_NEAR_KM = 50.0
"""A town this far from a quarter's city is another town."""


def _stray(m: _Mention, focus: _Focus) -> bool:
    """A small place alone in its country, far from a document about another country: "Bole"
    (a town in China) in a report that also names Addis Ababa, "Western Region" (Malta) beside
    Ghanaian towns. The gazetteer lacks the local place of that name, and a namesake thousands of
    kilometres away is a guess, not a resolution: the mention stays unresolved."""
    c = m.pick
    if c is None or c.precision == "country" or c.population >= _STRAY_POPULATION or m.qual_keys:
        return False
    key = normalize(m.name)
    own = any(k != key and p.country3 == c.country3 for k, p in focus.picks.items())
    if own or focus.countries_named.get(c.country3, 0.0) > 0 or c.country3 in focus.theatres:
        return False
    others = [p for k, p in focus.picks.items() if k != key and p.country3 != c.country3]
    strong = any(p.precision in ("country", "province") or p.population >= _STRAY_POPULATION for p in others)
    if not strong:
        return False
    located = [p for p in others if p.lat is not None]
    return all(_km(p, c) > _STRAY_KM for p in located)


def _unsupported_spelling(m: _Mention, focus: _Focus, gaz: Gazetteer) -> bool:
    """A place found only under another transliteration of the name ("Beled Weyne" for
    Beledweyne) is a guess unless the document points its way: when its other places, actors or
    demonyms all point to countries more than 1,500 km from it, it is dropped ("Malam" beside
    Sudanese forces is no village in Vietnam; "Garbahaarey" beside Ethiopian troops stays)."""
    c = m.pick
    if c is None or not c.spelled or c.lat is None:
        return False
    key = normalize(m.name)
    others = [p for k, p in focus.picks.items() if k != key]
    named = [cc for cc, v in focus.countries_named.items() if v > 0] + sorted(focus.theatres)
    if not others and not named:
        return False
    if any(p.country3 == c.country3 for p in others) or c.country3 in named:
        return False
    points = [(p.lat, p.lon) for p in others if p.lat is not None and p.lon is not None]
    points += [pt for cc in {*named, *(p.country3 for p in others)} if (pt := gaz.country_point(cc))]
    return all(_km_to(c, lat, lon) > _STRAY_KM for lat, lon in points)


def _km_to(c: Candidate, lat: float, lon: float) -> float:
    assert c.lat is not None and c.lon is not None
    dlat = math.radians(lat - c.lat)
    dlon = math.radians(lon - c.lon) * math.cos(math.radians((lat + c.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


_QUARTER_LINK = re.compile(
    r"\s*(?:(?:neighbou?rhood|district|quarter|suburb|section|village|area|township)\s*)?"
    r"(?:(?:of|in)\s+(?:the\s+(?:town|city)\s+of\s+)?|\(\s*|,\s*)",
    re.IGNORECASE,
)
"""The whole text between a quarter's name and the town it is said to be a quarter of:
"neighbourhood of", "village in", "neighbourhood (", a comma; not "and", a list or a full stop."""
_LIST_GOES_ON = re.compile(r"\s*(?:,|&|\b(?:and|or)\b)", re.IGNORECASE)
"""After "Hodan, Baidoa": the comma opened a list ("Hodan, Baidoa and Kismayo"), not a town."""


def _quarter_elsewhere(text: str, m: _Mention, mentions: Sequence[_Mention]) -> Place | None:
    """A city's quarter (a ``city_point`` entry: "Hawl-Wadaag" of Mogadishu) that the text puts in
    another town named right after it ("Hawl-Wadaag neighbourhood of Belet Weyne", "Yaba
    village in Abaji", "Hawl-Wadaag (Baidoa)"): a quarter of that name there, placed at that
    town, with no GeoNames id of its own."""
    c = m.pick
    if c is None or c.coord_source != "city_point":
        return None
    for other in mentions:
        town = other.pick
        if (
            other.start >= m.end
            and (link := _QUARTER_LINK.fullmatch(text, m.end, other.start)) is not None
            and not ("," in link.group(0) and _LIST_GOES_ON.match(text, other.end))
            and town is not None
            and town.precision == "town"
            and town.coord_source != "city_point"
            and _km(town, c) > _NEAR_KM
        ):
            return _placed_at(m, town, geonameid=None)
    return None


def _contained(m: _Mention) -> Place | None:
    """A place the text puts inside a unit that no candidate lies in: a district or province
    ("Argun district of Paktika"), or a place said to be in or of the unit ("Bole in Addis
    Ababa") whose pick is far from it. The gazetteer lacks it, and a namesake elsewhere (a
    town in Chechnya, in China) contradicts the text. It is placed at the unit it was said to be
    in, at that unit's precision, with no GeoNames id of its own."""
    unit = m.unit
    if unit is None or unit.lat is None:
        return None
    if m.pick is not None and _qual_match(m.pick, m.qual_keys):
        return None
    if m.ctx.type_hint not in ("district", "province"):
        # a namesake far from the province or district the text puts it in by its full name:
        # "Bole in Addis Ababa" is not the town in China. Not a country in a continent, a
        # metaphor ("the Nice of Russia") or a list; and a name the gazetteer lacks stays
        # unresolved (its unit may be a namesake too: "Beni territory" is no Bolivian department)
        if (
            m.pick is None
            or m.pick.lat is None
            or not (m.ctx.inside and m.unit_whole and unit.precision in ("province", "district"))
            or m.pick.precision == "country"
            or _km(m.pick, unit) <= _UNIT_KM
        ):
            return None
    return _placed_at(m, unit, geonameid=None)
