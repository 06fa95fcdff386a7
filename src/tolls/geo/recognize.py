"""Recognising place names: spaCy's GPE/LOC/FAC entities plus gazetteer-backed capitalised names.

NER misses rare names ("Barmal", "Angoor Adda", small towns) and mislabels some as PERSON or ORG.
The gazetteer catches the well-known ones on their own; a name of any size is taken when the words
around it say it is a place ("in Bori", "the village of Etabe", "the Lubero area", and the names
listed after such a one: "in Nefta and Menzel Bourguiba"; cue words in ``place_cues.json``).
Demonyms, groups and months are never places (``not_places.csv``). A name inside a longer
PERSON/ORG/NORP entity is left alone; a cue outweighs NER's label on the bare name itself, unless
the document shows it is a person's (after a title, or ending a longer PERSON entity).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from tolls.geo.aliases import abbreviations, demonym_keys
from tolls.geo.context import datelines
from tolls.geo.gazetteer import Candidate, Gazetteer
from tolls.geo.lexicon import PlaceCues, not_places, place_cues
from tolls.geo.normalize import normalize
from tolls.geo.offset import read_offset
from tolls.geo.resolve import _km

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCK_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”\n])\s*$")
_PERSON_LABELS = frozenset({"PERSON", "NORP"})
_INSTITUTION_LABELS = frozenset({"ORG", "FAC"})
_WORD = r"[A-Z][a-zà-ÿ]+(?:[A-Z][a-zà-ÿ]+)*(?:[-’'][A-Za-z]+)*"
_RUN = re.compile(rf"\b{_WORD}(?:\s+(?:(?:al|el|of|de)[\s-])?{_WORD}){{0,3}}")
"""A run of capitalised words that may be a name. One with a possessive inside is read in two
parts unless the gazetteer knows the whole name (see ``_pieces``)."""
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"[’'\u0092]s$")
"""A possessive ending; U+0092 is the right quote of a cp1252 text read as Latin-1 ("Tripoli\x92s")."""
_OWNER = re.compile(r"[’'\u0092]s\s")
"""A possessive inside an entity: "Tripoli's Algeria Square" is a place in Tripoli."""
_MAX_WORDS = 4
_CAPS_WORD = re.compile(r"[A-Z]{2,}")
_ROUTE = re.compile(r"\b[A-Z][a-zà-ÿ’']+(?:-[A-Z][a-zà-ÿ’']+)+")
"""Places joined by hyphens, read as a road's name when a route word follows ("Yei-Maridi road")."""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    m = _LEADING_THE.match(span)
    if m:
        start += m.end()
    p = _POSSESSIVE.search(text[start:end])
    if p:
        end = start + p.start()
    return start, end


def _strong(key: str, cands: Sequence[Candidate]) -> bool:
    """Whether a bare capitalised word is safe to take as a place without NER support.

    Short alternate names ("Miss", "Mass", "Ill" for US states) are left to NER.
    """
    for c in cands:
        if c.lat is None or (not c.primary and len(key) < 6):
            continue
        if c.precision in ("country", "province", "line") or c.coord_source == "supplement":
            return True
        if c.precision == "town" and c.primary and c.population >= 100_000:
            return True
    return False


def _overlaps(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _known(key: str, cands: Sequence[Candidate]) -> bool:
    """Whether the gazetteer has a located place under this name (short alternate names aside)."""
    return any(c.lat is not None and (c.primary or len(key) >= 5) for c in cands)


def _cued(text: str, start: int, end: int, cues: PlaceCues, found: Sequence[tuple[int, int]]) -> bool:
    """Do the words around ``text[start:end]`` say it is a place?"""
    if cues.before.search(text, max(0, start - 40), start):
        return True
    if cues.after.match(text, end) and (
        (not _SENTENCE_START.search(text, max(0, start - 3), start) and start > 0)
        or cues.admin.match(text, end)
    ):
        # "the Lubero area"; but "Many area cities" opens a sentence, unlike "Neno district staff"
        return True
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return True  # "near the market (Afgooye)"
    # the next name of a list that a place opened: "in Nefta and Menzel Bourguiba"
    prev = max((e for s, e in found if e <= start), default=-1)
    return prev >= 0 and start - prev <= 8 and cues.joiner.match(text[prev:start]) is not None


def _people(text: str, blocked: Sequence[tuple[int, int, str]], cues: PlaceCues) -> frozenset[str]:
    """Names the document uses for people: the last word of a PERSON entity of two or more words
    ("Joseph Kabila"), or a name after a title ("President Kabila")."""
    out: set[str] = set()
    for start, end, label in blocked:
        words = text[start:end].split()
        if label == "PERSON" and len(words) >= 2:
            out.add(normalize(words[-1]))
        if label == "PERSON" and cues.title.search(text, max(0, start - 16), start):
            out.add(normalize(text[start:end]))
    return frozenset(out)


def _match_run(
    text: str,
    base: int,
    words: Sequence[re.Match[str]],
    gazetteer: Gazetteer,
    cues: PlaceCues,
    stop: frozenset[str],
    people: frozenset[str],
    blocked: Sequence[tuple[int, int, str]],
    found: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """The longest prefix of a capitalised run that is a place: known well to the gazetteer, or
    known at all and marked as a place by the words around it."""
    start = base + words[0].start()
    for n in range(min(len(words), _MAX_WORDS), 0, -1):
        s, e = _trim(text, start, base + words[n - 1].end())
        key = normalize(text[s:e])
        if key in stop or len(key) < 3:
            continue
        cands = gazetteer.lookup_key(key)
        if " " not in key:
            # a word spelled with one letter more or less is another word ("House" is no Housse,
            # "Chapel" no Chappell): another transliteration makes a capitalised run a place only
            # when it joins words ("Beled Weyne" for Beledweyne); NER's places and offsets still
            # find single words the gazetteer spells otherwise
            cands = tuple(c for c in cands if not c.spelled)
        if not cands:
            continue  # most runs: no need to read the context
        # an entity reaching beyond the name is not overruled ("Imran Khan"), except an
        # institution named after its place by words inside it ("University of Ilorin", "Jos
        # University Teaching Hospital", "Adamawa State"): ACLED codes where it stands
        # (an entity that adds only the cue words is no longer: "SW of Afgooye", "Xudur Town")
        before = cues.before.search(text, max(0, s - 40), s)
        after = cues.after.match(text, e)
        lo = before.start() if before is not None else s
        hi = after.end() if after is not None else e
        beyond = [(bs, be, label) for bs, be, label in blocked if bs < e and s < be and (bs < lo or be > hi)]
        inside = any(
            not (
                label in _INSTITUTION_LABELS
                and (cues.after.match(text, e, be + 1) or cues.before.search(text, max(bs, s - 40), s))
            )
            for bs, be, label in beyond
        )
        # a well-known name counts inside an organisation's ("the Texas Forest Service"), not
        # inside a person's or a people's
        in_person = any(label in _PERSON_LABELS for _, _, label in beyond)
        if not in_person and key not in people and _strong(key, cands):
            return s, e
        if (
            (n == len(words) or after is not None)
            and not inside
            and key not in people
            and _known(key, cands)
            and not _common_word(text, s, e)
            and _cued(text, s, e, cues, found)
        ):
            typed = cues.admin.match(text, e)
            if (
                typed is not None
                and typed.end() <= base + words[-1].end()
                and text[typed.end() - 1].isalpha()
            ):
                e = typed.end()  # "Kanawha County": a capitalised type word is part of the name
            return s, e
    return None


def _generic(text: str, start: int, end: int, key: str, gazetteer: Gazetteer) -> bool:
    """A one-word entity that the text also writes in lower case and that names no well-known
    place is a generic noun NER took for a place ("Man", "Metro", "Gulf", "Delta")."""
    return _common_word(text, start, end) and not _strong(key, gazetteer.lookup_key(key))


def _common_word(text: str, start: int, end: int) -> bool:
    """A one-word name that the text also writes in lower case ("Border", "Many") is a word."""
    name = text[start:end]
    if " " in name or not name[1:].islower():
        return False
    # a plain scan: a pattern built per name missed the regex cache and was compiled per document
    word = name.lower()
    at = text.find(word)
    while at >= 0:
        after = at + len(word)
        if not (at and _in_word(text[at - 1])) and not (after < len(text) and _in_word(text[after])):
            return True
        at = text.find(word, at + 1)
    return False


def _in_word(ch: str) -> bool:
    """``[\\w-]``: a letter, digit, underscore or hyphen."""
    return ch.isalnum() or ch in "_-"


@lru_cache(maxsize=8)
def _not_names(gazetteer_demonyms: frozenset[str]) -> frozenset[str]:
    """Words never taken as a place by default: the lexicon's, the demonyms' and the gazetteer's
    demonyms (built once per gazetteer, not per document: a union of some 400 keys)."""
    return not_places() | demonym_keys() | gazetteer_demonyms


def find_toponyms(
    text: str,
    ents: Sequence[tuple[int, int, str]],
    *,
    gazetteer: Gazetteer,
    demonyms: bool = False,
    verbs: Collection[int] = (),
    groups: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Character spans of place names in ``text``, sorted, non-overlapping.

    ``demonyms``: also take a country's or continent's adjective ("Canadian", "European") as a
    mention of it, as corpora that annotate them do (LGL); by default they are not places.
    ``verbs`` (character offsets of the tokens a parse reads as verbs) and ``groups`` (spans of
    armed groups and parties the text names) keep a feature word that is a verb ("let him
    pass") and a group's post ("Syrian Democratic Forces checkpoint") from naming a place."""
    stop = not_places(demonyms=False) if demonyms else _not_names(gazetteer.demonyms())
    cues = place_cues()
    found: list[tuple[int, int]] = []
    blocked: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if label in _BLOCK_LABELS:
            while end > start and not text[end - 1].isalnum():
                end -= 1  # NER sometimes takes the comma: "Remada,"
            blocked.append((start, end, label))
    people = _people(text, blocked, cues) if blocked else frozenset()
    for start, end, label in ents:
        if label in _PLACE_LABELS:
            s, e = _trim(text, start, end)
            owner = _OWNER.search(text, s, e)
            if owner is not None:  # the owner, when the gazetteer knows it; else the whole span
                key = normalize(text[s : owner.start()])
                if key not in stop and _known(key, gazetteer.lookup_key(key)):
                    e = owner.start()
            key = normalize(text[s:e])
            if (
                e > s
                and key
                and key not in stop
                and key not in people  # "Kabila" where the text also says "Joseph Kabila"
                and any(ch.isupper() for ch in text[s:e])
                and not _generic(text, s, e, key, gazetteer)
            ):
                found.append((s, e))
    index = _SpanIndex(found)
    for m in _RUN.finditer(text):
        # a run starting inside a hyphenated word is no name of its own ("Natal" of "KwaZulu-Natal",
        # which the run takes whole); after an initial it is ("D-Raleigh": a Democrat from Raleigh)
        glued = m.start() >= 2 and text[m.start() - 1] == "-" and text[m.start() - 2].islower()
        pieces = _pieces(text, m, gazetteer, stop, found)
        if glued:
            # but a lower-case Arabic article opens the name it is joined to ("seized el-Fasher",
            # "the al-Mawasi area"): the name is read with it, as the gazetteer spells it
            article = cues.article.search(text, max(0, m.start() - 5), m.start())
            if article is None or _in_organisation(article.start(), m.end(), blocked, groups):
                continue  # "the Islamic State of Iraq and al-Sham": a group's name, no place
            pieces = [(article.start(), m.end(), True)]
        for start, end, whole in pieces:
            if index.overlaps(start, end):
                continue
            words = list(re.finditer(r"\S+", text[start:end]))
            # a name may also start after "of" inside the run: "Residents of Eket"
            # or after a capitalised cue that opens the run: "In Siyabuswa"
            firsts = [0] + [
                i
                for i in range(1, len(words))
                if words[i - 1].group(0) == "of"
                or (i == 1 and cues.before.search(text, start, start + words[1].start()))
            ]
            if not whole:
                firsts = firsts[1:]  # a name's inner words are no place, its "of X" part may be
            for first in firsts:
                span = _match_run(text, start, words[first:], gazetteer, cues, stop, people, blocked, found)
                if span is not None:
                    found.append(span)
                    index.add(*span)
                    break
    _feature_names(text, found, cues, stop, blocked, verbs=verbs, groups=groups)
    if _DISTANCE.search(text):
        _offset_names(text, found, cues, stop | people)
    _abbreviations(text, found, blocked)
    _datelines(text, found, gazetteer, stop)
    _split_routes(text, found, gazetteer, cues, stop | people)
    # a people's name is no place, whatever NER or a cue said: "the Kaba ethnic group" (not the
    # town in Hungary), "clashes between Tabu and Tuareg tribes"
    return sorted({f for f in found if not _peoples_name(text, f, cues)})


_OWNER_PRECISIONS = frozenset({"country", "province", "district", "town"})
_TOWN_REACH_KM = 60.0
"""How far from a town a place it owns ("Kyiv’s Boryspil airport") may lie."""
_PROVINCE_REACH_KM = 150.0


def _pieces(
    text: str, m: re.Match[str], gazetteer: Gazetteer, stop: frozenset[str], found: Sequence[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """The parts of a capitalised run to read as names, each with whether its first words may
    start one. A run with a possessive inside is one name when the gazetteer knows it ("Cox's
    Bazar", "Prince George's County", "Ra's al Khaimah"). Otherwise the owner and what it owns
    are two parts, and the owned part starts a name only when it is a place inside the owner
    ("Syria’s Suwayda province", "Paktika's Barmal district", "Kyiv’s Boryspil airport"); after
    an owner that is no place it is the rest of a name ("Henry’s Turkey Service", "Lay's Chile
    Lime"), and after a place, one elsewhere is another name ("Donetsk's Kyiv district": a city
    district, not Kyiv's province). Only an "of X" inside the owned part may still be a place
    ("Children's Hospital of Philadelphia")."""
    words = list(re.finditer(r"\S+", m.group(0)))
    cut = next((i for i, w in enumerate(words[:-1]) if _POSSESSIVE.search(w.group(0))), None)
    if cut is None:
        return [(m.start(), m.end(), True)]
    for i in range(cut + 1):
        for j in range(len(words), cut + 1, -1):
            key = normalize(text[m.start() + words[i].start() : m.start() + words[j - 1].end()])
            cands = [c for c in gazetteer.lookup_key(key) if not c.spelled]
            if key not in stop and _known(key, cands):
                return [(m.start(), m.end(), True)]
    owner_end = m.start() + words[cut].end()
    owned_start = m.start() + words[cut + 1].start()
    inside = _owns(text, m.start(), owner_end, owned_start, m.end(), gazetteer, stop, found)
    return [(m.start(), owner_end, True), (owned_start, m.end(), inside)]


def _owns(
    text: str,
    start: int,
    owner_end: int,
    owned_start: int,
    end: int,
    gazetteer: Gazetteer,
    stop: frozenset[str],
    found: Sequence[tuple[int, int]],
) -> bool:
    """Is the run at ``owned_start`` a place inside the place that owns it (the name before the
    possessive that ends at ``owner_end``)?"""
    possessive = owner_end - 2 if text[owner_end - 2] in "’'\u0092" else owner_end
    starts = [s for s, e in found if e == possessive] + [
        start + w.start() for w in re.finditer(r"\S+", text[start:owner_end])
    ]
    owners = []
    for s in starts:
        key = normalize(text[s:possessive])
        if key and key not in stop:
            owners += [
                c
                for c in gazetteer.lookup_key(key)
                if c.lat is not None
                and not c.spelled
                and (c.primary or len(key) >= 5)
                and c.precision in _OWNER_PRECISIONS
            ]
    if not owners:
        return False
    words = list(re.finditer(r"\S+", text[owned_start:end]))
    for n in range(min(len(words), _MAX_WORDS), 0, -1):
        s, e = _trim(text, owned_start, owned_start + words[n - 1].end())
        key = normalize(text[s:e])
        if key in stop:
            continue
        cands = [c for c in gazetteer.lookup_key(key) if c.lat is not None and not c.spelled]
        if any(_inside(c, o) for c in cands for o in owners):
            return True
    return False


def _inside(c: Candidate, owner: Candidate) -> bool:
    """Whether ``c`` may lie inside ``owner``: a country's province or town, a province's
    district or town, a town's quarter or neighbour."""
    if c.precision == "country" or c.country3 != owner.country3:
        return False
    if owner.precision == "country":
        return True
    if c.precision == "province":
        return False
    if owner.precision in ("province", "district"):
        return c.admin1 == owner.admin1 or _km(c, owner) <= _PROVINCE_REACH_KM
    return _km(c, owner) <= _TOWN_REACH_KM


_NOT_LOCATIVE = frozenset({"between", "among", "amongst"})


def _peoples_name(text: str, span: tuple[int, int], cues: PlaceCues) -> bool:
    """Whether the name opens or is a people's name ("the Kaba ethnic group", "Tabu and Tuareg
    tribes"). A name after a place cue and then a comma is a place before a clause about peoples
    ("In Kidal, Arab and Tuareg tribes clashed"), unless the cue is "between"."""
    people = cues.people.match(text, span[1])
    if people is None:
        return False
    if (people.group("first") or "").strip() != ",":
        return True
    cue = cues.before.search(text, max(0, span[0] - 40), span[0])
    return cue is None or cue.group(0).split()[0].lower() in _NOT_LOCATIVE


_DISTANCE = re.compile(r"\d\s*(?:km|kilomet|mi)", re.IGNORECASE)
"""A number with a distance unit: only then is a name's offset from another worth looking for."""


def _offset_names(text: str, found: list[tuple[int, int]], cues: PlaceCues, stop: frozenset[str]) -> None:
    """Add a capitalised name that the text places by its distance and bearing from another
    ("Miir-Taqwo (53km NE of Jowhar)", "Nufaliya, 140 kilometres east of Sirte"): the phrase says
    it is a place, known to the gazetteer or not."""
    for m in _RUN.finditer(text):
        if _overlaps(m.start(), m.end(), found) or read_offset(text, m.end()) is None:
            continue
        start = m.start()
        words = list(re.finditer(r"\S+", m.group(0)))
        if len(words) > 1 and cues.before.search(text, start, start + words[1].start()):
            start += words[1].start()  # "In Gurur Village (65km SE of Qandala)"
        s, e = _trim(text, start, m.end())
        key = normalize(text[s:e])
        if e > s and key not in stop and len(key) >= 3:
            found.append((s, e))


def _feature_names(
    text: str,
    found: list[tuple[int, int]],
    cues: PlaceCues,
    stop: frozenset[str],
    blocked: Sequence[tuple[int, int, str]],
    *,
    verbs: Collection[int] = (),
    groups: Sequence[tuple[int, int]] = (),
) -> None:
    """Add a feature that capitalised words name ("Zamzam camp", "the Abu Shouk camp", "Ben
    Gurion Airport", "Chaman check post"; ``feature_names`` in ``place_cues.json``), name and
    feature word together: the phrase says it is a place, known to the gazetteer or not.

    The name starts after the run's last "of", word never in a place's name (``not_places.csv``:
    demonyms, weekdays, months) or opener (``feature_name_openers``: "Thousands of Afghans
    crossing", "On Monday crossing points", "Will Congress pass"); nothing left, no place. Not
    a feature word the parse reads as a verb (``verbs``: the character offsets of verb tokens;
    "let Hamid Karzai pass through"), not a name holding an armed group or party the text names
    (``groups``: "Syrian Democratic Forces checkpoint guards"), not a name inside a longer
    organisation's or person's, nor one word opening a sentence ("Border crossing ..."). A
    person's name is not tested: NER reads camp names as people's ("Zamzam Camp" as PERSON), so
    "the Biden camp" (a faction) stays a place."""
    index = _SpanIndex(found)
    for m in _RUN.finditer(text):
        if index.overlaps(m.start(), m.end()):
            continue
        words = list(re.finditer(r"\S+", m.group(0)))
        # the run may hold the feature word ("Ben Gurion Airport") or be followed by it ("Zamzam camp")
        last = words[-1]
        inside = len(words) >= 2 and cues.feature.fullmatch(" " + last.group(0)) is not None
        after = None if inside else cues.feature.match(text, m.end())
        if not inside and after is None:
            continue
        if after is not None:
            word_at = after.end() - len(after.group(0).lstrip())
        else:
            word_at = m.start() + last.start()
        if word_at in verbs:
            continue  # "Officials let Hamid Karzai pass through": a verb, not a feature
        head = words[:-1] if inside else words
        cut = [i for i, w in enumerate(head) if _opens_no_name(w.group(0), cues, stop)]
        if cut:
            head = head[cut[-1] + 1 :]  # "Residents of Yarmouk camp": the name follows "of"
            if not head:
                continue
        start = m.start() + head[0].start()
        if len(head) > 1 and cues.before.search(text, start, m.start() + head[1].start()):
            start = m.start() + head[1].start()  # "In Zamzam camp": the cue is no part of the name
        name_end = m.start() + head[-1].end()
        s, _ = _trim(text, start, name_end)
        e = m.end() if after is None else after.end()
        key = normalize(text[s:name_end])
        if len(key) < 3 or key in stop or index.overlaps(s, e):
            continue
        if not inside and " " not in text[s:name_end] and _SENTENCE_START.search(text, max(0, s - 3), s):
            continue
        if any(bs <= s and e <= be and (bs, be) != (s, e) for bs, be, _ in blocked):
            continue  # inside a longer name: "the Zamzam Camp Coordination Committee"
        if any(gs < name_end and s < ge for gs, ge in groups):
            continue  # an armed group's or a party's post: "Syrian Democratic Forces checkpoint"
        found.append((s, e))
        index.add(s, e)


def _in_organisation(
    s: int, e: int, blocked: Sequence[tuple[int, int, str]], groups: Sequence[tuple[int, int]]
) -> bool:
    """Is a name part of an armed group's or a party's the text names, or of a longer entity
    NER gives ("Islamic State of Iraq and al-Sham": no town of Syria)?"""
    return any(gs < e and s < ge for gs, ge in groups) or any(
        bs <= s and e <= be and (bs, be) != (s, e) for bs, be, _ in blocked
    )


def _opens_no_name(word: str, cues: PlaceCues, stop: frozenset[str]) -> bool:
    """Is a word of a capitalised run one a feature's name starts after ("of", "Thousands",
    "Monday", "Afghans")?"""
    low = word.lower()
    return low == "of" or low in cues.feature_openers or normalize(word) in stop


class _SpanIndex:
    """Character spans kept sorted by start, so an overlap test reads only the spans that can
    reach the range (a document of thousands of names stays linear, not quadratic)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self._spans, (start - self._longest, -1))
        hi = bisect.bisect_left(self._spans, (end, -1))
        return any(s < end and start < e for s, e in self._spans[lo:hi])

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)


def _abbreviations(text: str, found: list[tuple[int, int]], blocked: Sequence[tuple[int, int, str]]) -> None:
    """Add the short forms of countries, states and bodies ("U.S.", "DRC", "NSW", "EU") found
    as written, inside an organisation's name too ("U.S. Centers for Disease Control"), but not
    inside a person's, in a line of capitals ("HELP US"), or as a money sign or an era ("US$",
    "500 BC")."""
    for m in _abbreviation_pattern().finditer(text):
        if _free_abbreviation(text, m.start(), m.end(), found, blocked):
            found.append(m.span())


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(a) for a in sorted(abbreviations(), key=lambda a: (-len(a), a)))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w$&])")


def _free_abbreviation(
    text: str, start: int, end: int, found: Sequence[tuple[int, int]], blocked: Sequence[tuple[int, int, str]]
) -> bool:
    if text[start - 2 : start - 1].isdigit() or _overlaps(start, end, found):
        return False
    if any(label in _PERSON_LABELS and s < end and start < e for s, e, label in blocked):
        return False
    before = text[max(0, start - 16) : start].split()
    after = text[end : end + 16].split()
    return not (before and _CAPS_WORD.fullmatch(before[-1])) and not (
        after and _CAPS_WORD.fullmatch(after[0].rstrip(".,;:"))
    )


def _datelines(text: str, found: list[tuple[int, int]], gazetteer: Gazetteer, stop: frozenset[str]) -> None:
    """Add a dateline's place written in capitals ("BEIRUT —", "COLUMBUS, Ohio (AP) —") when the
    gazetteer knows it: NER and the capitalised-name scan read neither."""
    for s, e in datelines(text):
        key = normalize(text[s:e])
        if key in stop or len(key) < 3 or _overlaps(s, e, found):
            continue
        if _known(key, gazetteer.lookup_key(key)):
            found.append((s, e))


def _split_routes(
    text: str, found: list[tuple[int, int]], gazetteer: Gazetteer, cues: PlaceCues, stop: frozenset[str]
) -> None:
    """Add to ``found`` the places a road is named after ("Yei-Maridi road", "the Juba-Bor road")
    when every part is a known, located name, first to last; a span found for the whole
    hyphenated name (an entity, which the gazetteer cannot resolve) gives way to its parts."""
    for m in _ROUTE.finditer(text):
        if cues.route.match(text, m.end()) is None:
            continue
        if any(f[0] < m.start() < f[1] or f[0] < m.end() < f[1] for f in found):
            continue  # inside a longer name
        parts = [(m.start() + p.start(), m.start() + p.end()) for p in re.finditer(r"[^-]+", m.group(0))]
        keys = [normalize(text[s:e]) for s, e in parts]
        if not all(k not in stop and len(k) >= 3 and _known(k, gazetteer.lookup_key(k)) for k in keys):
            continue  # every part must be a place: "Abu-Dhabi road" is not Abu's
        found[:] = [f for f in found if not (f[0] >= m.start() and f[1] <= m.end())]
        found.extend(parts)
