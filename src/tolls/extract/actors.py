"""Actor and group recogniser: names, acronyms and group nouns mapped to a side and an ACLED inter code.

Claims need to know *who* speaks and *about whom*: "ISPR said 23 soldiers ..." is the Pakistani military
(PAK/1) talking about state forces, "residents said" is a civilian source (7), "the Pakistani Taliban" is the
TTP (PAK/2) even though "Taliban" alone is the Afghan de facto government's forces (AFG/1). This module finds
such mentions with plain regular expressions compiled once from three data files in ``tolls/data/``:

* ``actors.jsonl``: canonical actors with aliases (named forces, governments, people, armed groups, UN
  agencies, NGOs, outlets);
* ``demonyms.csv``: countries, regions and ethnic groups with their adjectives and plurals, so that
  "<demonym> <group noun>" ("Palestinian civilians", "Nigerian troops") gets a country;
* ``group_patterns.jsonl``: generic group nouns with their role and inter code, used bare ("gunmen"),
  after a demonym, or as a suffix that extends a named actor ("TTP militants").

Mentions are leftmost-longest and non-overlapping across all expressions. Aliases without lower-case
letters (acronyms: "UN", "FC", "IS", "ADF") and those listed under ``cs`` match case-sensitively; everything
else ignores case. No spaCy is needed: this is pure regex work, about 0.1 ms per KB of news text.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from tolls.extract.attributive import made_by_at

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ROLES = frozenset(
    {
        "forces",
        "government",
        "spokesperson",
        "rebels",
        "militia",
        "civilians",
        "protesters",
        "rioters",
        "external",
        "media",
        "people",
        "unknown",
    }
)
_ROLE_OVERRIDES = frozenset({"forces", "government", "spokesperson"})
_SEP = re.compile(r"[\s\-\u2010-\u2013]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_SEP_PATTERN = r"[\s\-\u2010-\u2013]+"
_APOS_PATTERN = "['\u2018\u2019]"
_WORD = re.compile(r"\w+")
_ADJECTIVE_BEFORE = re.compile(r"(?<![\w'\u2019-])([A-Z][\w-]+)[ \t]+\Z")
_NEGATED_PREFIXES = ("anti-", "pro-")
_PLACE_SUFFIXES = ("-based", "\u2010based", " based", "-headquartered")
_TIE_SUFFIXES = (
    "-aligned",
    "-affiliated",
    "-linked",
    "-allied",
    "-leaning",
    "-backed",
    "-sponsored",
    "-supported",
)

_Trie = dict[str, "_Trie"]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor or group mention with its character span and its side."""

    start: int
    end: int
    text: str
    name: str
    country: str
    inter: int | None
    role: str
    theatre: tuple[str, ...] = ()
    """Other countries the actor fights in ("LRA": DR Congo, CAR, South Sudan): where an
    ambiguous place name of the report may lie (``theatre`` in ``actors.jsonl``)."""


@dataclass(frozen=True, slots=True)
class _Actor:
    name: str
    country: str
    inter: int | None
    role: str
    theatre: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Group:
    role: str
    inter: int | None
    dem_role: str
    dem_inter: int | None
    armed: bool


@dataclass(frozen=True, slots=True)
class _Demonym:
    iso3: str
    kind: str  # "country" | "region" | "ethnic"
    form: str  # "name" | "adjective" | "plural"
    armed_inter: int | None


@lru_cache(maxsize=1)
def _state_branch_words() -> tuple[str, ...]:
    """Nouns for a state's part of an international body (``state_branch_words``)."""
    from tolls.data import load_json

    return tuple(load_json("lexicon", "casualty.json")["state_branch_words"])


def _key(text: str, *, fold: bool) -> str:
    """Normalise an alias or a matched span: hyphens and spaces alike, straight apostrophes, maybe folded."""
    if text.isalnum():
        return text.lower() if fold else text
    out = _SEP.sub(" ", text.translate(_APOSTROPHES)).strip()
    return out.lower() if fold else out


def _is_acronym(alias: str) -> bool:
    return not any(c.islower() for c in alias) and any(c.isupper() for c in alias)


def _trie_pattern(words: Iterable[str]) -> str:
    """One alternation as a character trie, so the regex engine never retries a shared prefix.

    At every node "go on" is tried before "stop here", which makes the match at a given start the longest.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie) or "(?!)"


def _emit(node: _Trie) -> str:
    alts = [_char(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _char(ch: str) -> str:
    if ch == " ":
        return _SEP_PATTERN
    if ch == "'":
        return _APOS_PATTERN
    return re.escape(ch)


class ActorDictionary:
    """Compiled actor, demonym and group-noun expressions; build once with :meth:`load` and share."""

    def __init__(
        self,
        *,
        actors: Iterable[dict[str, Any]],
        demonyms: Iterable[dict[str, str]],
        groups: Iterable[dict[str, Any]],
    ) -> None:
        self._names: dict[str, _Actor] = {}
        self._ci: dict[str, _Actor] = {}
        self._cs: dict[str, _Actor] = {}
        for row in actors:
            actor = _Actor(
                row["name"], row["country"], row["inter"], row["role"], tuple(row.get("theatre", ()))
            )
            if actor.role not in ROLES:
                raise ValueError(
                    f"[E201] actor {actor.name!r} has unknown role {actor.role!r}; use one of {sorted(ROLES)}"
                )
            self._names.setdefault(_key(actor.name, fold=True), actor)
            aliases = list(row.get("aliases", []))
            if "(" not in actor.name:
                aliases.append(actor.name)
            for alias in aliases:
                if _is_acronym(alias):
                    self._cs.setdefault(_key(alias, fold=False), actor)
                else:
                    self._ci.setdefault(_key(alias, fold=True), actor)
            for alias in row.get("cs", []):
                self._cs.setdefault(_key(alias, fold=False), actor)

        self._bare: dict[str, _Group] = {}
        self._dem_nouns: dict[str, _Group] = {}
        self._suffixes: dict[str, _Group] = {}
        for row in groups:
            role, inter = row["role"], row["inter"]
            dem_role, dem_inter = row.get("demonym_role", role), row.get("demonym_inter", inter)
            group = _Group(role, inter, dem_role, dem_inter, row["armed"])
            for noun in row["nouns"]:
                k = _key(noun, fold=True)
                if row["bare"]:
                    self._bare.setdefault(k, group)
                if row["demonym"]:
                    self._dem_nouns.setdefault(k, group)
                if row["actor_suffix"]:
                    self._suffixes.setdefault(k, group)

        self._dem_ci: dict[str, _Demonym] = {}
        self._dem_cs: dict[str, _Demonym] = {}
        attributive_ci: list[str] = []
        attributive_cs: list[str] = []
        bare_ci: list[str] = []
        bare_cs: list[str] = []
        for row in demonyms:
            armed = int(row["armed_inter"]) if row.get("armed_inter") else None
            for column, form in (("names", "name"), ("adjectives", "adjective"), ("plurals", "plural")):
                for word in filter(None, (w.strip() for w in row[column].split("|"))):
                    dem = _Demonym(row["iso3"], row["kind"], form, armed)
                    cs = _is_acronym(word)
                    if cs:
                        table, attributive, bare = self._dem_cs, attributive_cs, bare_cs
                    else:
                        table, attributive, bare = self._dem_ci, attributive_ci, bare_ci
                    k = _key(word, fold=not cs)
                    table.setdefault(k, dem)
                    if form == "plural" or (form == "name" and row["kind"] == "country"):
                        bare.append(k)
                    if form != "plural":
                        attributive.append(k)
                        attributive.append(k + "'s")
                        table.setdefault(k + "'s", dem)

        suffix = _trie_pattern(self._suffixes)
        nouns = _trie_pattern(self._dem_nouns)
        # Priority order breaks ties between equally long matches at one start: named actors first.
        # CI expressions run on the lower-cased text (faster than re.IGNORECASE); CS ones on the original.
        self._patterns: tuple[tuple[re.Pattern[str], str], ...] = (
            (re.compile(rf"(?P<a>{_trie_pattern(self._cs)})(?:\s+(?P<s>(?i:{suffix})))?(?!\w)"), "x_cs"),
            (re.compile(rf"(?P<a>{_trie_pattern(self._ci)})(?:\s+(?P<s>{suffix}))?(?!\w)"), "x_ci"),
            (
                re.compile(
                    rf"(?:(?P<d>{_trie_pattern(attributive_cs)})\s+(?P<n>(?i:{nouns}))|(?P<c>{_trie_pattern(bare_cs)}))(?!\w)"
                ),
                "d_cs",
            ),
            (
                re.compile(
                    rf"(?:(?P<d>{_trie_pattern(attributive_ci)})\s+(?P<n>{nouns})|(?P<c>{_trie_pattern(bare_ci)}))(?!\w)"
                ),
                "d_ci",
            ),
            (re.compile(rf"(?P<g>{_trie_pattern(self._bare)})(?!\w)"), "bare"),
        )
        # Every expression is tried only where the (lower-cased) first word of one of its phrases starts.
        firsts: dict[str, list[int]] = {}
        for index, words in enumerate(
            (self._cs, self._ci, attributive_cs + bare_cs, attributive_ci + bare_ci, self._bare)
        ):
            for word in words:
                first = _WORD.match(word)
                if first is not None:
                    tried = firsts.setdefault(first.group().lower(), [])
                    if index not in tried:
                        tried.append(index)
        self._firsts: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in firsts.items()}
        self._starts = re.compile(rf"\b(?:{_trie_pattern(firsts)})(?!\w)")

    @classmethod
    def load(cls, path: Path | None = None) -> ActorDictionary:
        """The dictionary built from a data directory (or its ``actors.jsonl``); cached per path."""
        return _load_cached(_resolved(path or DATA_DIR))

    def find(self, text: str) -> list[ActorMention]:
        """All mentions in ``text``: sorted, leftmost-longest, non-overlapping across every expression."""
        low = text.lower()
        if len(low) != len(text):  # a few characters ("İ") grow when lower-cased: keep offsets aligned
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        sources = (text, low, text, low, low)
        patterns, firsts = self._patterns, self._firsts
        out: list[ActorMention] = []
        pos = 0
        for start in self._starts.finditer(low):
            s = start.start()
            if s < pos or low.endswith(_NEGATED_PREFIXES, max(0, s - 5), s):
                continue  # overlapping, or "anti-Taliban" / "pro-government": a stance, not the actor
            best: re.Match[str] | None = None
            best_i = 0
            for i in firsts[start.group()]:  # in priority order: a later one must be strictly longer
                m = patterns[i][0].match(sources[i], s)
                if m is not None and (best is None or m.end() > best.end()):
                    best, best_i = m, i
            if best is None:
                continue
            mention = self._resolve(best, patterns[best_i][1], text)
            if mention is None:  # rare: fall back to the other expressions at this start
                for i in firsts[start.group()]:
                    m = patterns[i][0].match(sources[i], s)
                    if i != best_i and m is not None:
                        mention = self._resolve(m, patterns[i][1], text)
                        if mention is not None:
                            break
            if mention is not None and low.startswith(_PLACE_SUFFIXES, mention.end):
                continue  # "the Britain-based Observatory", "a Kabul-based outlet": where, not who
            if mention is not None and low.startswith(_TIE_SUFFIXES, mention.end):
                continue  # "military-aligned outlets", "Iran-backed rebels": a tie, not the actor
            if mention is not None and made_by_at(low, mention.end):
                continue
            if mention is not None:
                if not mention.country and mention.role != "media" and s >= pos:
                    mention = self._of_a_state(mention, text, pos)
                out.append(mention)
                pos = mention.end
        return out

    def _of_a_state(self, mention: ActorMention, text: str, floor: int) -> ActorMention:
        """A body of no country named right after a country's adjective ("a Liberian U.N.
        delegation", "Kenyan Red Cross officials"): that country's, the adjective taken in."""
        if mention.inter == 8 and not mention.text.lower().endswith(_state_branch_words()):
            return mention  # "Chinese UN peacekeepers": the staff's nationality, not a claimant's
        m = _ADJECTIVE_BEFORE.search(text, max(floor, mention.start - 40), mention.start)
        if m is None:
            return mention
        word = m.group(1)
        dem = self._dem_cs.get(_key(word, fold=False)) or self._dem_ci.get(_key(word, fold=True))
        if dem is None or dem.form != "adjective" or dem.kind != "country" or not dem.iso3:
            return mention
        start = m.start(1)
        return replace(mention, start=start, text=text[start : mention.end], country=dem.iso3)

    def lookup(self, name: str) -> ActorMention | None:
        """A name, alias or generic group phrase taken as a whole, or ``None`` if it is not one mention."""
        text = name.strip()
        actor = (
            self._cs.get(_key(text, fold=False))
            or self._ci.get(_key(text, fold=True))
            or self._names.get(_key(text, fold=True))
        )
        if actor is not None:
            return ActorMention(
                0, len(text), text, actor.name, actor.country, actor.inter, actor.role, actor.theatre
            )
        found = self.find(text)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
            return found[0]
        return None

    def named_actor(self, name: str) -> ActorMention | None:
        """The dictionary actor ``name`` stands for (``name`` is its canonical name), or ``None``
        for a generic group ("soldiers"), a demonym phrase ("Pakistani troops") or an unknown name."""
        mention = self.lookup(name)
        if mention is None or _key(mention.name, fold=True) not in self._names:
            return None
        return mention

    def demonym_country(self, word: str) -> str | None:
        """ISO3 of a country name, adjective or plural ("Afghans" -> "AFG"); ``None`` if unknown."""
        dem = self._dem_cs.get(_key(word, fold=False)) or self._dem_ci.get(_key(word, fold=True))
        return (dem.iso3 or None) if dem is not None else None

    def _resolve(self, m: re.Match[str], kind: str, text: str) -> ActorMention | None:
        start, end = m.span()
        if kind == "bare":
            group = self._bare.get(_key(m.group("g"), fold=True))
            if group is None:
                return None
            return ActorMention(start, end, text[start:end], text[start:end], "", group.inter, group.role)
        if kind[0] == "x":
            cs = kind == "x_cs"
            actor = (self._cs if cs else self._ci).get(_key(m.group("a"), fold=not cs))
            if actor is None:
                return None
            role = actor.role
            if m.group("s") is not None:
                suffix = self._suffixes.get(_key(m.group("s"), fold=True))
                if suffix is not None and actor.inter == 1 and suffix.role in _ROLE_OVERRIDES:
                    role = suffix.role
            return ActorMention(
                start, end, text[start:end], actor.name, actor.country, actor.inter, role, actor.theatre
            )
        cs = kind == "d_cs"
        table = self._dem_cs if cs else self._dem_ci
        if m.group("c") is not None:
            dem = table.get(_key(m.group("c"), fold=not cs))
            if dem is None:
                return None
            inter, role = (None, "people") if dem.form == "plural" else (1, "government")
            return ActorMention(start, end, text[start:end], text[start:end], dem.iso3, inter, role)
        dem = table.get(_key(m.group("d"), fold=not cs))
        noun = self._dem_nouns.get(_key(m.group("n"), fold=True))
        if dem is None or noun is None:
            return None
        inter, role = noun.dem_inter, noun.dem_role
        if dem.kind == "ethnic" and noun.armed:
            inter = 4 if noun.role == "militia" else dem.armed_inter
            role = "rebels" if inter == 2 else "militia"
        country = "" if role == "media" else dem.iso3
        return ActorMention(start, end, text[start:end], text[start:end], country, inter, role)


@lru_cache(maxsize=16)
def _resolved(path: Path) -> Path:
    """``path.resolve()``, once per path: resolving makes a system call per folder of the path,
    and the dictionary is asked for on every demonym looked up (several per document)."""
    return path.resolve()


@lru_cache(maxsize=8)
def _load_cached(path: Path) -> ActorDictionary:
    directory, actors_file = (path.parent, path) if path.is_file() else (path, path / "actors.jsonl")
    with actors_file.open(encoding="utf-8") as f:
        actors = [json.loads(line) for line in f if line.strip()]
    with (directory / "group_patterns.jsonl").open(encoding="utf-8") as f:
        groups = [json.loads(line) for line in f if line.strip()]
    with (directory / "demonyms.csv").open(encoding="utf-8", newline="") as f:
        demonyms = list(csv.DictReader(f))
    return ActorDictionary(actors=actors, demonyms=demonyms, groups=groups)


def demonym_country(word: str) -> str | None:
    """ISO3 for a country name, demonym or plural in the packaged data: "Pakistani" -> "PAK"."""
    return ActorDictionary.load().demonym_country(word)
