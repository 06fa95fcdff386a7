"""Place names in a document: recognised, then resolved when a gazetteer is available.

Without a compiled gazetteer the statistical NER's GPE/LOC/FAC entities are kept as text
(country names still get their country code); with one, :mod:`tolls.geo` recognises and
resolves them in context. Given gold spans (geoparsing sets), exactly those are resolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from tolls.data import load_json
from tolls.extract.actors import ActorMention, demonym_country
from tolls.extract.admin1 import usual_admin1
from tolls.extract.attribution import capital_countries
from tolls.extract.doctext import doc_text
from tolls.extract.lexicon import casualty_lexicon
from tolls.geo.lexicon import place_cues
from tolls.model import Place

__all__ = ["PlaceResolver", "no_incident_place"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# a place this populous is what its name means, whatever smaller namesakes abroad share it
_BIG_CITY = 500_000


class PlaceResolver:
    def __init__(
        self, gazetteer_path: Path | None, *, labels: tuple[str, ...] = ("GPE", "LOC", "FAC")
    ) -> None:
        self.labels = frozenset(labels)
        self.gazetteer: Any = None
        if gazetteer_path is not None and gazetteer_path.exists():
            from tolls.geo import Gazetteer

            self.gazetteer = Gazetteer.open(gazetteer_path)

    def shared_name(self, place: Place) -> bool:
        """True when the gazetteer knows ``place``'s name in more than one country and the sense
        chosen is no big city ("Kani": a town in Japan, a township in Myanmar), so naming it again
        is no further evidence of its country; "Kabul" is the capital whatever villages share it."""
        if self.gazetteer is None or not place.country:
            return False
        cands = self.gazetteer.candidates(place.name)
        if len({c.country3 for c in cands}) < 2:
            return False
        chosen = [c.population for c in cands if c.country3 == place.country]
        return max(chosen, default=0) < _BIG_CITY

    def places(self, doc: Doc, *, spans: Sequence[tuple[int, int]] | None = None) -> list[Place]:
        text = doc_text(doc)
        all_ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # doc.ents builds Spans
        ents = [(*_strip_article(text, s, e), label) for s, e, label in all_ents if label in self.labels]
        # the other entities tell recognition where a name belongs to a person or an organisation
        others = [x for x in all_ents if x[2] not in _PLACE_LABELS]
        if self.gazetteer is not None:
            from tolls.geo import find_toponyms, resolve_toponyms

            if spans is None:
                spans = find_toponyms(
                    text,
                    ents + others,
                    gazetteer=self.gazetteer,
                    verbs={t.idx for t in doc if t.tag_.startswith("VB")},
                    groups=_groups(doc._.actors or [], ents),
                )
            resolved = resolve_toponyms(
                text,
                spans,
                gazetteer=self.gazetteer,
                countries=_named_countries(text, doc._.actors or [], others, spans),
                theatres=sorted({code for a in doc._.actors or [] for code in a.theatre}),
            )
            return [_usual_admin1(p) for p in resolved]
        if spans is None:
            spans = [(s, e) for s, e, _ in ents]
        out: list[Place] = []
        for s, e in spans:
            name = text[s:e]
            code = demonym_country(name) if name[:1].isupper() else None
            out.append(
                Place(name=name, start=s, end=e, country=code or "", precision="country" if code else None)
            )
        return out


# "Britain-based", "Iran-backed", "US-led", "Gaza-bound": a place inside a compound adjective
_COMPOUND_AFTER = re.compile(r"[-‐‑][a-z]")
# "6 pm Islamabad time", "at 9:20 a.m. Washington": a time zone
_CLOCK_BEFORE = re.compile(r"\b\d{1,2}(?::\d{2}|\s*[ap]\.?m\b\.?)(?:\s*[ap]\.?m\b\.?)?\s+$", re.IGNORECASE)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def no_incident_place(doc: Doc, p: Place) -> bool:
    """Is a place named for something other than where an incident happened? A capital standing
    for its government (:func:`_acts_as_state`), a place inside a compound adjective ("the
    Britain-based Observatory", "Iran-backed rebels": whose, not where; but "the Khyber-area
    town" says where: ``compound_where`` in ``place_cues.json``), and a time zone ("at 6 pm
    Islamabad time", "9:20 a.m. Washington": when, not where; but "struck Kharkiv time and
    again" and "At 3 am Kabul was rocked", the clause's subject, are places), and a place that opens
    an organisation's name ("the Kuwait News Agency", "the Pakistan Army said": who, not where;
    ``organisation_heads`` in ``place_cues.json``, capitalised as written; one of its venues,
    "the Quetta Press Club", is a place, unless it is the speaker's: :func:`_in_speaker`)."""
    if p.start is None or p.end is None:
        return False
    text = doc_text(doc)
    cues = place_cues()
    if _COMPOUND_AFTER.match(text, p.end) and not cues.compound_where.match(text, p.end):
        return True
    if cues.zone.match(text, p.end) or cues.organisation.match(text, p.end):
        return True
    if cues.organisation_any.match(text, p.end) and _in_speaker(doc, p):
        return True  # "The Kabul Times office reported", "A spokesman at the Kabul Press Club said"
    if _CLOCK_BEFORE.search(text, max(0, p.start - 24), p.start) and not _is_subject(doc, p):
        return True
    return _acts_as_state(doc, p)


def _in_speaker(doc: Doc, p: Place) -> bool:
    """Is the place inside the subject of a reporting verb ("The Kabul Times office reported",
    "A spokesman at the Kabul Press Club said")? The venue is the speaker's, not the incident's
    ("A blast at the Quetta Press Club killed five": the subject of the harm keeps it)."""
    tok = _root(doc, p)
    while tok is not None and tok.head is not tok and tok.pos_ not in ("VERB", "AUX"):
        if tok.dep_ in _SUBJECTS:
            return tok.head.lemma_.lower() in casualty_lexicon().speech_verbs
        tok = tok.head
    return False


def _root(doc: Doc, p: Place) -> Token | None:
    if p.start is None or p.end is None:
        return None
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    return None if span is None else span.root


def _is_subject(doc: Doc, p: Place) -> bool:
    tok = _root(doc, p)
    return tok is not None and tok.dep_ in _SUBJECTS


def _acts_as_state(doc: Doc, p: Place) -> bool:
    """Is a capital the subject of a verb of what governments do -- speak, dispute, accuse,
    demand, decide, agree, extend ("Kabul disputed the account", "with Islamabad reporting the
    deaths of", "Islamabad and Kabul extended their ceasefire"; ``state_verbs`` in
    ``lexicon/events.json``), or of "hit" naming its target ("Islamabad hit back at Kabul":
    ``state_verbs_targeted``, :func:`_names_target`)? Then it stands for its government and is no
    place of an incident.
    A capital that undergoes or is ("Kyiv came under attack", "Damascus witnessed clashes",
    "Kabul remains tense", "Kabul was where the blast happened", "Kabul was rocked by
    explosions") is where it happened."""
    if p.name not in capital_countries():
        return False
    tok = _root(doc, p)
    if tok is None:
        return False
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "Islamabad and Kabul extended": the second of two subjects
    if tok.dep_ != "nsubj":
        return False
    verb = tok.head
    lemma = verb.lemma_.lower()
    return lemma in state_verbs() or (lemma in _targeted().verbs and _names_target(verb))


@lru_cache(maxsize=1)
def state_verbs() -> frozenset[str]:
    """The lemmas of ``state_verbs`` in ``lexicon/events.json``, all classes together."""
    classes: dict[str, list[str]] = load_json("lexicon", "events.json")["state_verbs"]
    return frozenset(w.lower() for words in classes.values() for w in words)


@dataclass(frozen=True, slots=True)
class _Targeted:
    verbs: frozenset[str]
    prepositions: frozenset[str]
    particles: frozenset[str]
    entities: frozenset[str]
    nouns: frozenset[str]


@lru_cache(maxsize=1)
def _targeted() -> _Targeted:
    """``state_verbs_targeted`` in ``lexicon/events.json``."""
    block: dict[str, list[str]] = load_json("lexicon", "events.json")["state_verbs_targeted"]
    return _Targeted(
        frozenset(block["verbs"]),
        frozenset(block["target_prepositions"]),
        frozenset(block["particles"]),
        frozenset(block["target_entities"]),
        frozenset(block["target_nouns"]),
    )


def _a_target(tok: Token) -> bool:
    """Is an object a place, a government, a people or an armed group ("Taliban positions", "the
    neighbours", "Kabul"), not a time, a quantity or an idiom ("at dawn", "at least 12 times", "a
    new low")? ``target_entities`` and ``target_nouns`` of ``state_verbs_targeted``."""
    lex = _targeted()
    named = [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss"))]
    return tok.lemma_.lower() in lex.nouns or any(t.ent_type_ in lex.entities for t in named)


def _names_target(verb: Token) -> bool:
    """Does an active force verb name what it was used against: an object ("Islamabad hit Taliban
    positions") or "at" after it or its particle ("Islamabad hit back at Kabul", "hit out at"),
    the object a target (:func:`_a_target`; not "Kabul hit at dawn", "hit a new low")?
    Not with an agent: "Kabul hit by blasts" is a headline's passive, the capital the place hit."""
    lex = _targeted()
    kids = list(verb.children)
    if any(c.dep_ == "agent" for c in kids):
        return False
    heads = [verb, *(c for c in kids if c.lower_ in lex.particles and c.dep_ in ("prt", "advmod"))]
    return any(c.dep_ == "dobj" and _a_target(c) for c in kids) or any(
        c.dep_ == "prep"
        and c.lower_ in lex.prepositions
        and any(o.dep_ == "pobj" and _a_target(o) for o in c.children)
        for h in heads
        for c in h.children
    )


def _groups(actors: Sequence[ActorMention], ents: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans of the actors the text names that are no place entity ("the Syrian Democratic
    Forces", not "Georgia" said): a feature word after one names a group's post, not a place. A
    group's name that holds a place entity and reaches beyond it is the group's ("the Islamic
    State in Iraq and al-Sham")."""
    places = [(s, e) for s, e, label in ents if label in _PLACE_LABELS]
    return [
        (a.start, a.end)
        for a in actors
        if not any(s < a.end and a.start < e and s <= a.start and a.end <= e for s, e in places)
    ]


def _usual_admin1(p: Place) -> Place:
    """The first-level division by its usual English name: the gazetteer's admin1 "Belgorod" of a
    Russian town is Belgorod Oblast, "Sumska" of a Ukrainian one Sumy Oblast (``admin1.json``).
    The place's own name stays as the text gives it."""
    usual = usual_admin1(p.country, p.admin1) if p.admin1 else ""
    return replace(p, admin1=usual) if usual and usual != p.admin1 else p


def _strip_article(text: str, start: int, end: int) -> tuple[int, int]:
    """ "the Durand Line" -> "Durand Line": the article is not part of a place's name."""
    if text[start : start + 4].lower() == "the " and end - start > 4:
        return start + 4, end
    return start, end


def _named_countries(
    text: str,
    actors: Sequence[ActorMention],
    ents: Sequence[tuple[int, int, str]],
    spans: Sequence[tuple[int, int]],
) -> dict[str, float]:
    """Countries the text names other than by place: its actors' ("FARDC", "al Shabaab") and its
    demonyms' ("Somali forces"), one vote each, for resolving ambiguous place names. An actor
    that is one of the place names ("Georgia" said) votes as a place, not again here."""
    named: dict[str, float] = {}
    for a in actors:
        if a.country and not any(s < a.end and a.start < e for s, e in spans):
            named[a.country] = 1.0
    for start, end, label in ents:
        if label == "NORP":
            code = demonym_country(text[start:end])
            if code:
                named[code] = 1.0
    return named
