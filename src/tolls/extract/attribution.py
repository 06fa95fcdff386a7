"""Who says so: the claimant of a figure and the stance they take.

A figure is attributed to the subject of the reporting verb that governs it ("the military
reported 23 ... killed", "while claiming to have killed over 200"), to the object of
"according to", to a source cited ("..., citing security sources"), or to the speaker a sentence
frames on the figure's line ("Mujahid countered with the reverse claim: 58 ..."). Pronouns and
definite descriptions ("he", "it", "the spokesman", "the statement") refer back to the last speaker
named anywhere before. Figures no one is said to state stay unattributed (inter 0): the outlet's
own voice, "reportedly", passive reports without an agent, a deed claimed ("claimed
responsibility for the attack that killed 9").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tolls.data import load_capitals, load_json
from tolls.extract.actors import ActorMention, demonym_country
from tolls.extract.doctext import doc_text
from tolls.extract.lexicon import CasualtyLexicon
from tolls.extract.line_breaks import ends_sentence
from tolls.model import UNATTRIBUTED, Party, Stance

__all__ = [
    "Attribution",
    "AttributionContext",
    "attribute",
    "capital_countries",
    "entity_of",
    "titled_people",
]

_SUBJ = ("nsubj",)  # a passive's subject ("seven people were reported dead") is what is reported
_CITING = frozenset({"cite", "quote"})
_BACK_REFERENCES = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ministry",
        "statement",
        "military",
        "army",
        "group",
        "official",
        "minister",
        "government",
        "we",
        "i",
    }
)
# nouns that refer back to a speaker only when definite ("the statement said", "the sources"):
# "a report said" names no one
_DEFINITE_BACK_REFERENCES = frozenset(
    {
        "statement",
        "report",
        "source",
        "sources",
        "officials",
        "commission",
        "committee",
        "board",
        "agency",
        "office",
        "authority",
        "authorities",
        "department",
        "directorate",
        "forum",
        "organisation",
        "organization",
        "mission",
        "force",
        "forces",
        "it",
    }
)
_DEFINITE_DETS = frozenset({"the", "this", "that", "its", "their", "these", "those"})
_ROLE_RANK = {
    "spokesperson": 6,
    "government": 5,
    "forces": 5,
    "rebels": 4,
    "militia": 4,
    "external": 4,
    "media": 3,
    "civilians": 3,
    "protesters": 2,
    "rioters": 2,
    "people": 1,
    "unknown": 0,
}


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: Party
    stance: Stance


@dataclass(slots=True)
class AttributionContext:
    """Per-document memory: actor mentions and the last claimant named (for "he said")."""

    actors: Sequence[ActorMention]
    focus_country: str = ""
    last: Party | None = None
    place_country: Callable[[int, int], str] | None = None
    """The country of a place named within a character range ("local officials in Paktika")."""
    people: dict[str, Party] = field(default_factory=dict)
    """Named people by full name and surname, with the side their title gives ("Hassan" after
    "Somali army spokesman Abukar Mohamed Hassan"): see :func:`titled_people`."""
    speakers: list[tuple[int, Party]] | None = None
    """Every speaker the document names before a reporting verb, in reading order (built on first
    use): what "it said", "the statement added" and "they announced" refer back to."""
    incident_country: Callable[[int, int], str] | None = None
    """The country where the incident a figure at a character range happened (its sentence's
    place, else the places and sides of the sentences before): an unnamed official's state."""
    figure_at: tuple[int, int] | None = None
    """The figure being attributed, while :func:`attribute` runs."""
    quotes: list[tuple[int, int]] | None = None
    """The document's quotations, (opening mark, closing mark) in characters (built on first use)."""
    quote_speakers: dict[int, Party | None] = field(default_factory=dict)
    """The speaker found for each quotation, by its opening mark."""
    _by_start: list[int] = field(default_factory=list)
    _longest: int | None = None
    """Length of the longest mention; None when the mentions are not sorted by start."""

    def __post_init__(self) -> None:
        self._by_start = [a.start for a in self.actors]
        if all(x <= y for x, y in pairwise(self._by_start)):  # as ActorDictionary.find gives them
            self._longest = max((a.end - a.start for a in self.actors), default=0)

    def party_in(
        self, start: int, end: int, *, head: Token | None = None, fallback_country: str | None = None
    ) -> Party | None:
        """The most specific actor mentioned within ``[start, end)`` (characters)."""
        best: ActorMention | None = None
        best_key: tuple[int, int, int, int] = (-1, -1, -1, -1)
        # only mentions starting after ``start - longest`` can reach into the range: bisect to
        # them rather than walk every mention before it (quadratic in long documents)
        lo = 0 if self._longest is None else bisect_right(self._by_start, start - self._longest)
        for i in range(lo, len(self.actors)):
            a = self.actors[i]
            if a.start >= end:
                break
            if a.end <= start:
                continue
            covers_head = int(head is not None and a.start <= head.idx < a.end)
            # a bare country name ranks below a body named beside it ("the UN mission in DR Congo")
            body = int(not (a.role == "government" and a.name == a.text and demonym_country(a.text)))
            key = (body, _ROLE_RANK.get(a.role, 0), covers_head, a.end - a.start)
            if key > best_key:
                best, best_key = a, key
        if best is None:
            return None
        inter = best.inter
        if not best.country and (named := self._named_before(best)):
            return Party(name=best.text, country=named, inter=inter, start=best.start, end=best.end)
        fill = (
            (self.place_in(start, end) or self.incident() or self.focus_country)
            if fallback_country is None
            else fallback_country
        )
        country = best.country or (fill if inter in (1, 7) or best.inter is None else "")
        return Party(name=best.text, country=country, inter=inter, start=best.start, end=best.end)

    def incident(self) -> str:
        """The country where the incident of the figure being attributed happened, or ""."""
        if self.incident_country is None or self.figure_at is None:
            return ""
        return self.incident_country(*self.figure_at)

    def place_in(self, start: int, end: int) -> str:
        """The country of a place named within ``[start, end)``, or ""."""
        return self.place_country(start, end) if self.place_country is not None else ""

    def _named_before(self, generic: ActorMention) -> str:
        """The country of the last mention before ``generic`` naming the same body with its
        country ("Pakistan's military" ... "the military said"; "Pakistan Army" ... "the army")."""
        word = generic.text.lower().split()[-1] if generic.text.strip() else ""
        if not word or generic.role not in ("forces", "government", "spokesperson"):
            return ""
        same = _same_body().get(word, frozenset({word}))
        for a in reversed(self.actors):
            if a.start >= generic.start or not a.country:
                continue
            if a.text.lower().replace("’", "'").split()[-1] in same:
                return a.country
        return ""

    def named_after(self, start: int, end: int) -> str:
        """The country of the first mention after ``[start, end)`` naming the same body as the
        generic one there with its country: a headline's "...: defence ministry" that the report
        names in full below ("Phnom Penh's defence ministry said")."""
        generic = next((a for a in self.actors if start <= a.start < end), None)
        if generic is None or generic.country or generic.role not in ("forces", "government", "spokesperson"):
            return ""
        word = generic.text.lower().split()[-1] if generic.text.strip() else ""
        same = _same_body().get(word, frozenset({word}))
        for a in self.actors:
            if a.start >= end and a.country and a.text.lower().replace("’", "'").split()[-1] in same:
                return a.country
        return ""

    def before(self, pos: int) -> Party | None:
        """The speaker named last before character ``pos`` (a pronoun's or a definite noun's)."""
        if self.speakers:
            i = bisect_right([p for p, _ in self.speakers], pos - 1)
            if i:
                return self.speakers[i - 1][1]
        return self.last

    def claimant_in(self, start: int, end: int, *, head: Token | None = None) -> Party | None:
        """Like :meth:`party_in`, for a speaker: an unknown status counts as unattributed (0)."""
        party = self.party_in(start, end, head=head)
        if party is None or party.inter is not None:
            return party
        return Party(party.name, "", 0, party.start, party.end)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if len(subjects) > 1 and (after := _inverted_subject(verb, subjects)) is not None:
        return after
    if subjects:
        return subjects[0]
    for child in verb.children:  # passive "was reported by X"
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _inverted_subject(verb: Token, subjects: Sequence[Token]) -> Token | None:
    """The speaker of an inverted report ("11 soldiers killed in the raid, says the army"), which
    the parser reads as a verb with two subjects: the one right after the verb speaks; the one
    before the comma is what is reported."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    after = [s for s in subjects if s.i > verb.i and s.left_edge.i == verb.i + 1]
    before = [s for s in subjects if s.i < verb.i - 1]
    return after[0] if after and before else None


def _on_line_of(tok: Token, verb: Token) -> bool:
    """Is no line that ends a sentence between ``tok`` and ``verb``? The line ends are the
    sentence hints' (tolls.extract.line_breaks): a wrap inside a sentence is none, a blank line
    or a headline's end is one, though the parser may have run the headline into the body."""
    lo, hi = sorted((tok.i, verb.i))
    return not any(ends_sentence(t) for t in tok.doc[lo:hi])


def _left_speaker(
    verb: Token, ctx: AttributionContext, *, subjectless: bool = True, whole: bool = False
) -> Party | None:
    """The speaker right before a reporting verb the parser gave no subject (", Mexico's
    defence secretary announced Tuesday", the name taken for an apposition of the victims):
    an actor between the last comma or dash and the verb; with ``whole``, not the object of a
    preposition in that stretch."""
    if verb.i == verb.sent.start or (subjectless and any(c.dep_ in _SUBJ for c in verb.children)):
        return None
    doc = verb.doc
    lo = verb.i
    while lo > verb.sent.start and doc[lo - 1].text not in (",", "—", "–", ";", ":", "“", '"'):
        if "\n" in doc[lo - 1].text:  # a headline the parser ran in: the body line starts here
            break
        lo -= 1
    if lo == verb.i or verb.i - lo > 12 or lo == verb.sent.start:
        return None
    start, end = doc[lo].idx, doc[verb.i - 1].idx + len(doc[verb.i - 1])
    party = ctx.claimant_in(start, end)
    if whole and party is not None and party.start is not None:
        if any(t.tag_ in ("IN", "TO") and t.idx < party.start for t in doc[lo : verb.i]):
            return None  # "... on\nMonday alongside the Red Crescent said": a preposition's object
    return party


_RELATIVE = frozenset({"who", "which", "that"})


def _party_of(subj: Token, ctx: AttributionContext) -> Party | None:
    if subj.lower_ in _RELATIVE and subj.head.dep_ == "relcl" and subj.head.head.i != subj.head.i:
        subj = subj.head.head  # "spokesperson Zabihullah Mujahid, who ... said": the antecedent
    left, right = _own_span(subj)
    party = ctx.claimant_in(*_first_speaker(subj, left, right, ctx), head=subj)
    if party is None:  # "X, who is a Taliban commander, said": the clause says who X is
        left, right = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
        party = ctx.claimant_in(left, right, head=subj)
    if party is not None:
        return party
    if subj.lower_ in ("he", "she") and (person := _person_before(subj, ctx)) is not None:
        return person
    if subj.lower_ in _BACK_REFERENCES or subj.lemma_.lower() in _BACK_REFERENCES:
        return ctx.before(subj.idx)
    if subj.lower_ in _DEFINITE_BACK_REFERENCES and any(
        c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE_DETS for c in subj.children
    ):
        return ctx.before(subj.idx)
    ent = entity_of(subj) if subj.ent_type_ else None
    named = ent.text if ent is not None else subj.text
    known = _known_person(named, ctx) if subj.ent_type_ in ("PERSON", "ORG", "") else None
    if known is not None:  # a surname the tagger takes for an organisation ("Kangye said")
        return Party(known.name, known.country, known.inter, left, right)
    if subj.ent_type_ == "PERSON" or (ent is not None and _rank_first(ent)):
        if ent is not None and _titled(ent):  # "Health Minister Mohammad Reza Zafarqandi said"
            return Party(ent.text, ctx.place_in(left, right) or ctx.focus_country, 1, left, right)
    code = (
        capital_countries().get(named)
        if subj.ent_type_ == "GPE" or subj.text in capital_countries()
        else None
    )
    if code:  # "Kabul said": the government seated there
        return Party(named, code, 1, left, right)
    if subj.ent_type_ == "PERSON" and ent is not None and len(ent) >= 2:
        # a named person with no title or body: a witness or resident of the place in view
        return Party(ent.text, ctx.place_in(left, right) or ctx.focus_country, 7, left, right)
    if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        ent_tokens = [t for t in subj.subtree if t.ent_type_ == subj.ent_type_]
        name = " ".join(t.text for t in ent_tokens) or subj.text
        return Party(name=name, country="", inter=0, start=left, end=right)
    return None


_COORDINATION = re.compile(r"\A\s*(?:,\s*)?(?:and|&)\s+(?:the\s+|a\s+|an\s+)?\Z|\A\s*,\s*(?:the\s+)?\Z")


def _first_speaker(subj: Token, start: int, end: int, ctx: AttributionContext) -> tuple[int, int]:
    """The characters of the first of speakers named together ("a resident and local media said",
    "the UN and local authorities said"): the source named first tells the figure, whatever the
    rank of the others; a single speaker's whole phrase otherwise."""
    text = doc_text(subj.doc)
    found = [a for a in ctx.actors if start <= a.start and a.end <= end]
    if len(found) < 2 or not _COORDINATION.match(text[found[0].end : found[1].start]):
        return start, end
    return start, found[0].end


_NOT_SPEAKING = frozenset({"be", "die"})  # a subject these verbs describe is not one who speaks


def _person_before(pronoun: Token, ctx: AttributionContext) -> Party | None:
    """The titled person "he" or "she" refers to: the last one named in the sentences before,
    when named after the last speaker ("X's Deputy Foreign Minister Y condemned the strikes. ...,
    he claimed ..." is Y, not the army that spoke before)."""
    doc = pronoun.doc
    lo = doc[max(0, pronoun.sent.start - 1)].sent.start
    named = [e for e in doc.ents if e.label_ == "PERSON" and lo <= e.start and e.end <= pronoun.i]
    for ent in reversed(named):
        subjects = [
            t
            for t in ent.sent
            if t.dep_ == "nsubj" and t.left_edge.i <= ent.start and ent.end <= t.right_edge.i + 1
        ]
        if not subjects:
            continue  # the one a sentence is about ("Minister X condemned"), not a name in passing
        if any(t.head.lemma_ in _NOT_SPEAKING for t in subjects):
            continue  # "Major X and 3 soldiers were among the dead, he said": a victim, no speaker
        known = ctx.people.get(ent.text.lower())
        if known is None or len(ent) < 2 or not known.inter:
            continue
        last = ctx.before(pronoun.idx)
        if last is not None and last.start is not None and last.start >= ent.start_char:
            return None  # the person speaks already, or a speaker named after: "he" is theirs
        return Party(known.name, known.country, known.inter, ent.start_char, ent.end_char)
    return None


def _own_span(subj: Token) -> tuple[int, int]:
    """The characters of a speaker's phrase without a relative clause about it: "the monitor,
    which is critical of the government in Tehran, said" is the monitor, not the government."""
    last = subj.right_edge
    cut = [c for c in subj.subtree if c.i > subj.i and c.dep_ == "relcl"]
    if cut:
        doc = subj.doc
        stop = min(c.left_edge.i for c in cut)
        while stop - 1 > subj.i and doc[stop - 1].is_punct:
            stop -= 1
        last = doc[stop - 1]
    return subj.left_edge.idx, last.idx + len(last)


def entity_of(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of, if any."""
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)


def _rank_first(ent: Span) -> bool:
    """An entity the tagger took for an organisation that opens with an official's rank in
    capitals ("DIG Ashfaq Anwar", "SSP Kashif Abbasi"): a titled person."""
    first = ent[0].text.rstrip(".")
    return ent.label_ == "ORG" and len(ent) >= 2 and first.isupper() and first.lower() in _official_titles()


def _titled(ent: Span) -> bool:
    """Does an official's title stand right before the name, or in apposition after it
    ("Health Minister X", "Lt. Col. X", "X, the mayor of Kyiv")?"""
    titles = _official_titles()
    before = ent.doc[max(ent.sent.start, ent.start - 3) : ent.start]
    if any(w in titles for t in before for w in re.split(r"[.-]+", t.lower_) if w):  # "Maj.-Gen."
        return True
    if any(t.lower_.rstrip(".") in titles for t in ent):
        return True
    root = ent.root
    return any(
        c.dep_ == "appos" and any(_title_word(t, titles) for t in c.subtree)
        for c in root.children
        if c.i >= ent.end
    )


def _title_word(tok: Token, titles: frozenset[str]) -> bool:
    """An official's title, but not "officer" after a qualifier of a doctor's or aid worker's post
    ("a medical officer at the hospital")."""
    if tok.lower_ not in titles:
        return False
    return not (
        tok.lower_ == "officer" and tok.i > 0 and tok.doc[tok.i - 1].lower_ in _rate_officer_qualifiers()
    )


@lru_cache(maxsize=1)
def _same_body() -> dict[str, frozenset[str]]:
    """Each word naming a state's body -> the words naming the same body ("army", "military")."""
    out: dict[str, frozenset[str]] = {}
    for group in load_json("lexicon", "casualty.json")["same_body_nouns"]:
        for word in group:
            out[word] = frozenset(group)
    return out


@lru_cache(maxsize=1)
def _colon_speech_verbs() -> frozenset[str]:
    """Verbs that speak only when a colon follows ("the Taliban responded: ..."), not in
    "forces responded with counterfire"."""
    return frozenset(load_json("lexicon", "casualty.json")["colon_speech_verbs"])


def _speaks(tok: Token, lex: CasualtyLexicon) -> bool:
    """A reporting verb, or one that reports only before a colon ("the Taliban responded: ...")."""
    lemma = tok.lemma_.lower()
    if lemma in lex.speech_verbs:
        return True
    return lemma in _colon_speech_verbs() and tok.i + 1 < len(tok.doc) and tok.nbor().text == ":"


@lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    """The reporting verbs (``speech_verbs``), for the speaker searches that get no lexicon."""
    return frozenset(load_json("lexicon", "casualty.json")["speech_verbs"])


@lru_cache(maxsize=1)
def _source_object_verbs() -> frozenset[str]:
    return frozenset(load_json("lexicon", "casualty.json")["source_object_verbs"])


@lru_cache(maxsize=1)
def _rate_officer_qualifiers() -> frozenset[str]:
    return frozenset(load_json("lexicon", "casualty.json")["rate_officer_qualifiers"])


@lru_cache(maxsize=1)
def _inverting_speech_verbs() -> frozenset[str]:
    return frozenset(load_json("lexicon", "casualty.json")["inverting_speech_verbs"])


@lru_cache(maxsize=1)
def _official_titles() -> frozenset[str]:
    return frozenset(load_json("lexicon", "casualty.json")["official_titles"])


@lru_cache(maxsize=1)
def capital_countries() -> dict[str, str]:
    """Capital -> ISO3 (``tolls/data/capitals.csv``)."""
    return {name: iso3 for iso3, names in load_capitals() for name in names}


def _known_person(name: str, ctx: AttributionContext) -> Party | None:
    words = name.split()
    return ctx.people.get(name.lower()) or (ctx.people.get(words[-1].lower()) if words else None)


_TITLE_ROLES = frozenset({"spokesperson", "government", "forces", "rebels", "militia", "external", "media"})
_TITLE_REACH = 60  # characters between a name and the title around it


def titled_people(doc: Doc, actors: Sequence[ActorMention], focus_country: str = "") -> dict[str, Party]:
    """The side of each named person whose title stands beside the name in its sentence
    ("Taliban spokesman Zabihullah Mujahid", "Abukar Mohamed Hassan, the Somali army
    spokesman"), keyed by full name and surname (lower case), first mention first. An official's
    title with no body named ("Maj.-Gen. X", "X, the governor") makes them the focus country's."""
    out: dict[str, Party] = {}
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        sent = ent.sent
        lo, hi = (
            max(sent.start_char, ent.start_char - _TITLE_REACH),
            min(sent.end_char, ent.end_char + _TITLE_REACH),
        )
        best: tuple[int, ActorMention] | None = None
        for a in actors:
            if a.end <= lo or a.start >= hi or a.role not in _TITLE_ROLES or (not a.country and not a.inter):
                continue
            if ent.start_char <= a.start < ent.end_char:
                continue
            gap = ent.start_char - a.end if a.end <= ent.start_char else a.start - ent.end_char
            between = text[min(a.end, ent.end_char) : max(a.start, ent.start_char)]
            if any(ch in between for ch in '.;!?\n"“”') or " said" in between:
                continue
            if best is None or gap < best[0]:
                best = (gap, a)
        if best is None:
            if _titled(ent):  # "Maj.-Gen. Markus Kangye": an official of the state the story is about
                party = Party(ent.text, _title_named_before(ent, actors) or focus_country, 1)
                for key in (ent.text.lower(), ent[-1].lower_):
                    out.setdefault(key, party)
            continue
        a = best[1]
        party = Party(ent.text, a.country, a.inter if a.inter is not None else 0)
        for key in (ent.text.lower(), ent[-1].lower_):
            out.setdefault(key, party)
    return out


def _title_named_before(ent: Span, actors: Sequence[ActorMention]) -> str:
    """The country of an earlier mention ending in the title before a name ("the French foreign
    minister said ... Foreign Minister Jean-Noel Barrot said")."""
    doc = ent.doc
    words = [t.lower_ for t in doc[max(ent.sent.start, ent.start - 2) : ent.start] if t.is_alpha]
    if not words:
        return ""
    title = " ".join(words)
    for a in reversed(actors):
        if a.end > ent.start_char or not a.country or a.inter != 1:
            continue
        if a.text.lower().endswith(title):
            return a.country
    return ""


def _according_to(sent: Span, ctx: AttributionContext, fig: Span) -> Party | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            if _same_line(fig, tok):
                return _according_object(tok, ctx)
        if tok.lower_ == "per" and _same_line(fig, tok) and not fig.start <= tok.i < fig.end:
            # "Per the ISPR, 12 militants were killed", "..., per police": a source, when it
            # names a party ("12 killed per day" names none)
            if _rate_per(tok):
                continue
            for obj in tok.children:
                if obj.dep_ == "pobj":
                    party = _party_of(obj, ctx)
                    if party is not None and party.inter:
                        return party
    return None


_DETERMINED = ("det", "poss", "compound")


def _rate_per(per: Token) -> bool:
    """Is "per" a rate ("$5,000 per soldier", "a levy of 20,000 naira per farmer"), not a source?
    A rate hangs on a number or an amount, or takes a bare singular noun."""
    head = per.head
    if head.i != per.i and (
        head.pos_ == "NUM" or head.tag_ == "$" or any(c.dep_ in ("nummod", "quantmod") for c in head.children)
    ):
        return True
    return any(
        c.dep_ == "pobj" and c.tag_ == "NN" and not any(d.dep_ in _DETERMINED for d in c.children)
        for c in per.children
    )


def _same_line(fig: Span, tok: Token) -> bool:
    """Is ``tok`` on the figure's line? A headline the parser runs into the body ("At least 22
    killed in Gaza\nNasser Hospital said ...") is not framed by the body's reporting verb."""
    text = doc_text(fig.doc)
    lo, hi = (tok.idx, fig.start_char) if tok.idx < fig.start_char else (fig.end_char, tok.idx)
    return "\n" not in text[lo:hi]


def _claims_responsibility(verb: Token) -> bool:
    """ "X claimed responsibility for the attack that killed 3": a deed owned, not a figure told."""
    return any(
        c.dep_ == "dobj" and (c.lemma_.lower() in ("responsibility", "credit", "life") or c.lower_ == "lives")
        for c in verb.children
    )  # and "the blast claimed 12 lives": a harm done, not a figure told


_SOURCE_VERBS = frozenset({"mention", "state", "say", "note", "write", "quote", "report"})


def _as_stated_in(tok: Token) -> bool:
    """ "as mentioned in", "as stated in": a verb of a source after "as" and before "in", not a
    noun ("the State in", "a report in")."""
    return (
        tok.pos_ == "VERB"
        and tok.lemma_.lower() in _SOURCE_VERBS
        and tok.i > 0
        and tok.nbor(-1).lower_ == "as"
        and tok.i + 1 < len(tok.doc)
        and tok.nbor().lower_ == "in"
    )


def _according_at(tok: Token) -> bool:
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to"


def _according_object(tok: Token, ctx: AttributionContext) -> Party | None:
    """Who "according to" names: its object, else an actor in the next few words."""
    obj = tok.nbor()
    for child in obj.children:
        if child.dep_ == "pobj":
            return _party_of(child, ctx)
    end = min(tok.i + 8, tok.sent.end)
    return ctx.claimant_in(obj.idx, tok.doc[end - 1].idx + 1)


def _stance(verb: Token, lex: CasualtyLexicon) -> Stance:
    lemma = verb.lemma_.lower()
    if lemma in lex.deny_verbs:
        return "denied"
    if lemma in lex.dispute_verbs:
        return "disputed"
    return "asserted"


def attribute(fig: Span, lex: CasualtyLexicon, ctx: AttributionContext) -> Attribution:
    """The claimant and stance of one figure (its tokens ``fig``)."""
    ctx.figure_at = (fig.start_char, fig.end_char)
    try:
        att = _attribute(fig, lex, ctx)
        who = att.claimant
        if who.inter in (1, 7) and not who.country:
            # an official or a local whose title names no state ("the station house officer of the
            # city police"): the state where the incident happened, as for unnamed officials
            here = ctx.place_in(who.start, who.end) if who.start is not None and who.end is not None else ""
            country = here or ctx.incident() or ctx.focus_country
            if country:
                att = Attribution(replace(who, country=country), att.stance)
        return att
    finally:
        ctx.figure_at = None


def _attribute(fig: Span, lex: CasualtyLexicon, ctx: AttributionContext) -> Attribution:
    if ctx.speakers is None:
        ctx.speakers = []
        _index_speakers(fig.doc, lex, ctx)
    sent = fig.sent
    tok = fig.root
    stance: Stance = "asserted"
    framed = False
    if _background(fig, lex):
        return Attribution(UNATTRIBUTED, stance)
    # 1. the reporting verb that governs the figure
    for _ in range(10):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if not _same_line(fig, tok):
            break  # a headline run into the body: the body's verb does not govern it
        if tok.pos_ == "VERB" and _speaks(tok, lex) and not _claims_responsibility(tok):
            if not framed:  # the nearest reporting verb says how the figure is told: "rejected
                stance = _stance(tok, lex)  # the claims, saying 23 were killed" asserts the 23
                framed = True
            party = _speaker(tok, ctx)
            if party is not None:
                return _remember(Attribution(party, stance), ctx)
    # 2. "according to X"
    sent = _whole_sentence(sent)
    party = _according_to(sent, ctx, fig)
    if party is not None:
        return _remember(Attribution(party, stance), ctx)
    # 3. a quotation and its speaker: '"... one person was killed. ...," the governor said'
    party = _quote_speaker(fig, lex, ctx)
    if party is not None:
        return _remember(Attribution(party, stance), ctx)
    # 4. a reporting verb framing the sentence: "X countered with the claim: 58 ...", "..., X said"
    best: tuple[int, Attribution] | None = None
    for t in sent:
        if t.pos_ != "VERB" or t.lemma_.lower() not in lex.speech_verbs or t.i in range(fig.start, fig.end):
            continue
        if not _same_line(fig, t) or _claims_responsibility(t):
            continue
        if t.dep_ == "pcomp" and t.head.lower_ == "with":
            continue  # "the toll rose to 32, with officials reporting 12 more": they tell the 12

        party = _speaker(t, ctx)
        if party is None:
            continue
        dist = abs(t.i - fig.start)
        if best is None or dist < best[0]:
            best = (dist, Attribution(party, _stance(t, lex) if stance == "asserted" else stance))
    if best is not None:
        return _remember(best[1], ctx)
    # 5. who took the bodies counted from the site: "Authorities recovered four bodies"
    party = _recovered_by(fig, ctx)
    if party is not None:
        return _remember(Attribution(party, stance), ctx)
    # 6. a headline that names its source at its end: "23 troops martyred ...: ISPR"
    party = _colon_source(fig, ctx)
    if party is not None:
        return Attribution(party, stance)
    return Attribution(UNATTRIBUTED, stance)


def _recovered_by(fig: Span, ctx: AttributionContext) -> Party | None:
    """The party that recovered the bodies a figure counts ("Authorities recovered four bodies
    from the debris", "rescue teams pulled out the body of the imam"): the source of the count,
    when no one is said to report it."""
    words = _recovery_words()
    tok = fig.root
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        if tok.lower_ in words[1] or tok.lemma_.lower() in words[1]:
            verb = tok.head
            if tok.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in words[0]:
                return None
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            party = _party_of(subj, ctx) if subj is not None else None
            return party if party is not None and party.inter else None
        if tok.pos_ == "VERB":
            return None
        tok = tok.head
    return None


@lru_cache(maxsize=1)
def _recovery_words() -> tuple[frozenset[str], frozenset[str]]:
    lex = load_json("lexicon", "casualty.json")
    return frozenset(lex["recovered_verbs"]), frozenset(lex["body_nouns"])


def _whole_sentence(sent: Span) -> Span:
    """The sentence with the part before it the parser cut off mid-line, with no full stop
    ("... carried out a suicide attack (VBIED) | “Fidayee” attack near the mill, destroying a
    bus"): the reporting verb of that part still governs what follows."""
    doc = sent.doc
    start = sent.start
    for _ in range(2):
        k = start - 1
        while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
            k -= 1
        if k < 0 or "\n" in doc[k].text or doc[k].text in _SENTENCE_ENDS:
            break
        if doc[k].text in _MARKS and k > 0 and doc[k - 1].text in _SENTENCE_ENDS:
            break  # '... killed."' ends a sentence too
        start = doc[k].sent.start
    return doc[start : sent.end] if start < sent.start else sent


_SENTENCE_ENDS = frozenset({".", "!", "?", "…", ":", ";"})
_MARKS = '“”"'
_QUOTE_MARKS = re.compile(f"[{_MARKS}]")
_QUOTE_REACH = 12  # tokens after a closing mark or before an opening one where its speaker may stand
_QUOTE_MIN = 25  # characters: a shorter quotation is a phrase quoted ("“fake news”"), no speech


def _quotations(text: str) -> list[tuple[int, int]]:
    """Quotations as (opening mark, closing mark) offsets: curly marks pair as written, straight
    ones in turn; none runs across a blank line (a paragraph left open is not followed), but one
    left open in the text's last paragraph runs to its end when no sentence ends inside it (an
    excerpt cut off mid-quotation; a mark left unclosed before more sentences quotes none)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in _QUOTE_MARKS.finditer(text):
        ch, at = m.group(), m.start()
        if start is not None and re.search(r"\n[ \t]*\n", text[start:at]):
            start = None
        if start is None:
            if ch != "”" and not (ch == '"' and at > 0 and text[at - 1].isdigit()):
                start = at  # a stray closing mark or an inch mark (5") opens nothing
        elif ch == "“":
            start = at  # a quotation opened again: the one before was left open
        elif text[start] == '"' or ch == "”":
            out.append((start, at))
            start = None
    tail = text[start + 1 :].rstrip() if start is not None else ""
    if (
        start is not None
        and not re.search(r"\n[ \t]*\n|[.!?][ \t]+[A-Z]", tail)
        and not _QUOTE_MARKS.search(tail)
    ):
        out.append((start, len(text)))  # an excerpt cut off inside its last quotation
    return out


def _quote_speaker(fig: Span, lex: CasualtyLexicon, ctx: AttributionContext) -> Party | None:
    """The speaker of the quotation a figure stands in: the reporting verb right after its closing
    mark ('"...," the governor said', even on the next line), right before its opening mark
    ('..., stating: "..."'), or, for a quotation that opens a sentence with neither, the speaker of
    the sentence just before it ('..., a witness told the BBC. "We found seven bodies."')."""
    doc = fig.doc
    text = doc_text(doc)
    if ctx.quotes is None:
        ctx.quotes = [q for q in _quotations(text) if q[1] - q[0] >= _QUOTE_MIN]
    i = bisect_right(ctx.quotes, (fig.start_char, len(text))) - 1
    if i < 0 or not ctx.quotes[i][0] < fig.start_char < ctx.quotes[i][1]:
        return None
    return _speaker_of_quote(doc, i, lex, ctx)


def _speaker_of_quote(doc: Doc, i: int, lex: CasualtyLexicon, ctx: AttributionContext) -> Party | None:
    assert ctx.quotes is not None
    opening, closing = ctx.quotes[i]
    if opening in ctx.quote_speakers:
        return ctx.quote_speakers[opening]
    ctx.quote_speakers[opening] = None  # no loop through a chain of quotations
    before = doc.char_span(opening, opening + 1, alignment_mode="expand")
    after = doc.char_span(closing, closing + 1, alignment_mode="expand")
    # 'X said: "..."': a colon ties the quotation to the speaker before it, whoever speaks in the
    # sentence after its closing mark
    text = doc_text(doc)
    k = opening
    while k > 0 and text[k - 1].isspace():
        k -= 1
    introduced = k > 0 and text[k - 1] == ":"
    party = _speaker_before(doc, before, lex, ctx, clause=True) if introduced else None
    if party is None:
        party = _speaker_after(doc, after, lex, ctx)
    if party is None and not introduced:
        party = _speaker_before(doc, before, lex, ctx)
    if party is None and before is not None and before.start > 0:
        prev = doc[before.start - 1]
        opens = prev.is_space or prev.text in (".", "!", "?") or prev.is_sent_end
        if opens and prev.i > 0:  # the quotation opens a sentence: the one before says who speaks
            last = doc[prev.i - 1] if prev.is_space else prev
            sent = last.sent
            for t in reversed(list(sent)):
                if t.pos_ == "VERB" and t.lemma_.lower() in lex.speech_verbs:
                    party = _speaker(t, ctx)
                    if party is not None:
                        break
            if party is None and i > 0 and ctx.quotes[i - 1][1] >= sent.start_char:
                party = _speaker_of_quote(doc, i - 1, lex, ctx)
    if party is not None and not (party.inter or party.name):
        party = None
    ctx.quote_speakers[opening] = party
    return party


def _speaker_after(
    doc: Doc, after: Span | None, lex: CasualtyLexicon, ctx: AttributionContext
) -> Party | None:
    """The speaker named right after a closing mark: '"...," the governor said', '"..." the
    statement read', '"...," according to the ministry', '"...," as mentioned in the statement'."""
    if after is None:
        return None
    for t in doc[after.end : after.end + _QUOTE_REACH]:
        if t.text in _MARKS or t.text in (".", "!", "?", ";"):
            break
        lemma = t.lemma_.lower()
        if (t.pos_ == "VERB" or t.dep_ == "ROOT") and (lemma in lex.speech_verbs or lemma == "read"):
            return _speaker(t, ctx)
        if _according_at(t):
            return _according_object(t, ctx)
        if _as_stated_in(t):
            return _according_object(t, ctx)  # "in the statement": the statement's author
    return None


def _speaker_before(
    doc: Doc, before: Span | None, lex: CasualtyLexicon, ctx: AttributionContext, *, clause: bool = False
) -> Party | None:
    """The speaker named on the line right before an opening mark: '..., stating: "..."', 'he
    told AFP: "..."', 'according to the agency's report: "..."'. With ``clause`` (the mark follows
    a colon) only in the colon's own clause: 'X said ..., and Y responded: "..."' is Y's, never X's
    across the conjunction."""
    if before is None:
        return None
    for t in reversed(doc[max(0, before.start - _QUOTE_REACH) : before.start]):
        if t.text in (".", "!", "?", ";") or "\n" in t.text or t.text in _MARKS:
            break
        if clause and (t.text in (",", "\u2013", "\u2014") or t.dep_ == "cc" or t.pos_ in ("CCONJ", "SCONJ")):
            break
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and (lemma in lex.speech_verbs or (clause and lemma in _colon_speech_verbs())):
            return _speaker(t, ctx)
        if _according_at(t):
            return _according_object(t, ctx)
    return None


_FRAME_DEPS = frozenset({"pobj", "appos", "npadvmod"})


def _background(fig: Span, lex: CasualtyLexicon) -> bool:
    """Is the figure the outlet's background inside what a party reports: a relative clause on a
    course of violence that only frames the report ("declared a truce following days of clashes
    that killed dozens", "..., part of a pattern that has killed more than 500")? Not when a party
    speaks inside the clause ("the fighting, in which the military said 23 soldiers were killed")."""
    tok = fig.root
    for _ in range(6):
        if tok.head.i == tok.i or (tok.pos_ == "VERB" and tok.lemma_.lower() in lex.speech_verbs):
            return False
        if tok.dep_ == "relcl":
            noun = tok.head
            framed = noun.lemma_.lower() in lex.background_nouns and noun.dep_ in _FRAME_DEPS
            return framed and not _reported_as(fig.sent.root, lex)
        tok = tok.head
    return False


def _reported_as(root: Token, lex: CasualtyLexicon) -> bool:
    """Does an "as"-clause of reporting on the sentence's main verb say who tells all of it
    ("..., which has led to thousands fleeing ..., as reported by the governor")?"""
    return any(
        c.dep_ == "advcl"
        and c.lemma_.lower() in lex.speech_verbs
        and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
        for c in root.children
    )


def _speaker(verb: Token, ctx: AttributionContext) -> Party | None:
    if verb.dep_ == "amod":
        return None  # "an estimated 1.9 million people", "the reported deaths": no one speaks
    cited = _cited(verb, ctx)
    if cited is not None:  # "TOLOnews reported, citing security sources": the sources speak
        return cited
    subj = _subject(verb)
    if subj is not None and not _on_line_of(subj, verb):
        # a subject on a line before is a headline the parser ran into the body ("UN mission:
        # ... \n ..., the UN mission said"): a speaker named right before the verb on its own
        # line speaks
        near = _left_speaker(verb, ctx, subjectless=False, whole=True)
        if near is not None and near.inter:
            return near
    if subj is not None:
        return _party_of(subj, ctx)
    return (
        _inverted_speaker(verb, ctx)
        or _source_in(verb, ctx)
        or _left_speaker(verb, ctx)
        or _governor_speaker(verb, ctx)
    )


def _source_in(verb: Token, ctx: AttributionContext) -> Party | None:
    """The author of the document an "as ... in" clause points to ("..., as detailed in a report
    released by the health ministry", "as stated in the army's statement")."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    party = _party_of(obj, ctx)
                    return party if party is not None and (party.inter or party.name) else None
    return None


def _inverted_speaker(verb: Token, ctx: AttributionContext) -> Party | None:
    """The speaker after a reporting verb put after what it reports ("the toll could pass 20,
    estimated a senior official"), which the parser takes for the verb's object; only a past
    verb of the inverting kind, or a verb whose object is its source ("..., citing police")."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in (",", "”", '"'):
        return None
    lemma = verb.lemma_.lower()
    inverted = verb.tag_ == "VBD" and lemma in _inverting_speech_verbs()
    if not inverted and lemma not in _source_object_verbs():
        return None  # "..., accusing Pakistan of ...": a participle's object is its target
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return None  # "..., claiming that ...": the verb's own report follows it
    for child in verb.children:
        if child.dep_ == "dobj" and child.left_edge.i == verb.i + 1:
            party = _party_of(child, ctx)
            if party is None or not (party.inter or party.name):
                return None
            if party.start is not None and party.end is not None and party.start <= child.idx < party.end:
                return party  # the object is the speaker, not a phrase naming one inside it
    return None


def _governor_speaker(verb: Token, ctx: AttributionContext) -> Party | None:
    """The speaker of a reporting verb that has no subject of its own because it hangs on another
    verb: "X claimed the attack, saying its fighters killed 40", "X took to social media to say
    that ...", "X visited the site and said ...": the subject of the verb it hangs on."""
    before = _speech_before_comma(verb, ctx)
    if before is not None:
        return before
    v = verb
    for _ in range(2):
        if v.head.i == v.i or v.dep_ not in ("advcl", "xcomp", "conj"):
            return None
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if v.dep_ == "advcl" and v.tag_ != "VBG" and not infinitive:
            return None  # "..., as the ministry said": a clause of its own, not the governor's words
        v = v.head
        subj = _subject(v)
        if subj is not None:
            return _party_of(subj, ctx)
    return None


def _speech_before_comma(verb: Token, ctx: AttributionContext) -> Party | None:
    """The speaker of a participle of speech right after another reporting clause ("..., though
    the ministry countered, asserting that ...", "X said, adding that ..."): the parser often hangs
    the participle on the sentence's first verb, but it goes on the clause just before its comma."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    w = doc[verb.i - 2]
    for _ in range(8):
        if w.pos_ == "VERB" and w.lemma_.lower() in _speech_lemmas() and w.i != verb.head.i:
            subj = _subject(w)
            return _party_of(subj, ctx) if subj is not None else None
        if w.head.i == w.i or w.head.i >= verb.i or w.i == verb.head.i:
            return None
        w = w.head
    return None


def _cited(verb: Token, ctx: AttributionContext) -> Party | None:
    """The source a reporting verb cites ("..., citing security sources", "quoting officials")."""
    for c in verb.subtree:  # on the verb, or on the clause it reports ("..., citing X" often is)
        if c.i <= verb.i or c.lemma_.lower() not in _CITING:
            continue
        if c.dep_ in ("advcl", "xcomp", "prep", "conj") and verb.i in (c.head.i, c.head.head.i):
            for obj in c.children:
                if obj.dep_ in ("dobj", "pobj"):
                    party = _party_of(obj, ctx)
                    if party is not None and (party.inter or party.name):
                        return party
    return None


def _index_speakers(doc: Doc, lex: CasualtyLexicon, ctx: AttributionContext) -> None:
    """Fill ``ctx.speakers`` with every speaker named before a reporting verb or after
    "according to", in reading order, each resolved against those before it."""
    assert ctx.speakers is not None
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.speech_verbs:
            party = _speaker(tok, ctx)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor().lower_ == "to":
            party = _according_object(tok, ctx)
        else:
            continue
        if party is not None and (party.inter or party.name):
            ctx.speakers.append((tok.idx, party))


# the end of a headline line: a short name after a colon or a dash, or with a reporting verb after
# a comma ("...: ISPR", "... - officials", "..., says Taliban spokesman", "..., police say"), then a
# line break, a run of spaces (headlines run into the body in scraped text) or the end of the text
_NAME = r"[A-Za-z][\w’'.&-]*(?: [\w’'.&-]+){0,5}?(?<!\.)"
_SAY = r"(?:says?|said|claims?|reports?)"
_LINE_END = r"(?=[ \t]*\n|\s{2,}|\s*\Z)"
_HEADLINE_SOURCES = (
    re.compile(rf"(?::[ \t]*|[ \t][-\u2013\u2014][ \t]*|,[ \t]*{_SAY}[ \t]+)({_NAME}){_LINE_END}"),
    re.compile(rf",[ \t]*({_NAME})[ \t]+{_SAY}{_LINE_END}"),
)
_HEADLINE_CHARS = 240


def _colon_source(fig: Span, ctx: AttributionContext) -> Party | None:
    """The source a headline names at its end, or at its start before a colon ("UN: gangs kill
    1,500 ..."), when the figure stands in that headline."""
    text = doc_text(fig.doc)
    line_end = text.find("\n", fig.end_char)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - fig.end_char > _HEADLINE_CHARS:
        return None
    for pattern in _HEADLINE_SOURCES:
        m = pattern.search(text, fig.end_char, line_end)
        if m is None or re.search(r"\s{2,}", text[fig.end_char : m.start()]):
            continue
        if re.search(r"[.!?][\s\"”’']", text[fig.end_char : m.start()]):
            continue  # a sentence ends before the marker: a body paragraph, not a headline
        party = ctx.claimant_in(m.start(1), m.end(1))
        if party is None or not party.inter:
            continue
        if party.start is not None and text[m.start(1) : party.start].strip().lower() not in ("", "the"):
            continue  # "- a siege imposed by the RSF": the name must open right after the marker
        named = ctx.named_after(m.start(1), m.end(1))
        return replace(party, country=named) if named else party
    # a source at the line's end names who gives the figure; one opening it only when none does
    # ("UN: 30 killed in ... - health ministry": the ministry)
    return _opening_source(fig, ctx, text, line_end)


_OPENING_SOURCE = re.compile(rf"[ \t]*({_NAME})[ \t]*:[ \t]")


def _opening_source(fig: Span, ctx: AttributionContext, text: str, line_end: int) -> Party | None:
    """The source that opens a headline before a colon ("ISPR: 30 terrorists killed in ..."): a
    speaking body named by the whole phrase before the colon (not "Gaza: ..." or "Pakistan:
    ...", a place, nor "Also Read: ..."; :func:`_speaks_in_headline`), on a short line that ends
    without a full stop."""
    line_start = text.rfind("\n", 0, fig.start_char) + 1
    line = text[line_start:line_end].rstrip()
    if not line or len(line) > _HEADLINE_CHARS or line[-1] == ".":
        return None
    m = _OPENING_SOURCE.match(text, line_start, fig.start_char)
    if m is None or demonym_country(m.group(1)):
        return None  # "Pakistan: blast kills six": a place that heads the story, no source
    party = ctx.claimant_in(m.start(1), m.end(1))
    if party is None or not party.inter or party.start is None or party.end is None:
        return None
    left, right = text[m.start(1) : party.start], text[party.end : m.end(1)]
    if left.strip().lower() not in ("", "the") or right.strip():
        return None  # "Pakistan Suicide Bombing: ...": the name must be all of the phrase
    mention = next((a for a in ctx.actors if a.start == party.start and a.end == party.end), None)
    if mention is None or not _speaks_in_headline(mention, text[m.end() : line_end]):
        return None  # "Journalists: 120 killed ...", "Wagner: 40 civilians killed ...": the topic
    named = ctx.named_after(m.start(1), m.end(1))
    return replace(party, country=named) if named else party


_OWN_VOICE = re.compile(r"\A\s*[\"“‘']|\b(?:[Ww]e|[Oo]ur|us)\b")


def _speaks_in_headline(mention: ActorMention, rest: str) -> bool:
    """Does a party opening a headline before its colon speak there, rather than name its topic?
    An official, a spokesperson or a state's body does (role government or spokesperson); a
    state's forces named as a body ("ISPR", "Israeli army", "Police"), not as people ("Soldiers:
    12 killed ..."); an international body or monitor (role external with no country of its own,
    not "Peacekeepers", nor a foreign force such as "Wagner"); a civilian only as a witness
    (``headline_witness_nouns``). Anyone else (victims, armed groups, protesters: "Wagner: 40
    civilians killed ...", "Rebels: 30 soldiers killed ...") is the story's topic unless what
    follows is in its own voice: a quotation or "we"/"our"/"us" ("Rebels: 'We lost 12 ...'")."""
    if _OWN_VOICE.search(rest) or mention.role in ("government", "spokesperson"):
        return True
    named = mention.name != mention.text or bool(mention.country)
    people = mention.text.lower().endswith("s") and not named  # a group noun in the plural
    if mention.role == "forces":
        return not people
    if mention.role == "external":
        return not mention.country and not people
    if mention.role == "civilians":
        return mention.text.lower() in _headline_witness_nouns()
    return False


@lru_cache(maxsize=1)
def _headline_witness_nouns() -> frozenset[str]:
    return frozenset(load_json("lexicon", "casualty.json")["headline_witness_nouns"])


def _remember(att: Attribution, ctx: AttributionContext) -> Attribution:
    if att.claimant.inter != 0 or att.claimant.name:
        ctx.last = att.claimant
    return att
