"""The registered spaCy components of the tolls pipeline (see ``config.cfg``).

Each component reads what earlier ones left on ``doc._`` and adds its own layer. They hold no
global state: data files are loaded (and cached) by the modules they call. ``Doc`` objects never
leave the pipeline; :mod:`tolls.extract.pipeline` converts them to :class:`~tolls.model.Extraction`.
"""

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tolls.extract.actors import ActorDictionary, ActorMention, demonym_country
from tolls.extract.attributive import placed_by_at
from tolls.extract.claims import extract_claims
from tolls.extract.clauses import clause_finder
from tolls.extract.dates import find_dates
from tolls.extract.doctext import doc_text
from tolls.extract.event_types import classify_event, find_event_triggers
from tolls.extract.events import assemble_events
from tolls.extract.figures import find_figures
from tolls.extract.places import PlaceResolver
from tolls.model import Place

__all__ = ["EXTENSIONS", "register_extensions"]

EXTENSIONS: dict[str, Any] = {
    "published": None,
    "gold_toponyms": None,
    "figures": None,
    "actors": None,
    "dates": None,
    "triggers": None,
    "main_type": None,
    "places": None,
    "focus_country": "",
    "shared_names": None,
    "claims": None,
    "events": None,
    "error": None,
}


def register_extensions() -> None:
    """Declare the ``doc._`` attributes the components use (idempotent)."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


class _Guarded:
    """A component that never drops a document: a failure is recorded on ``doc._.error``
    (spaCy's own error handler would drop the doc from the stream) and later components skip it."""

    name = "tolls"

    def __call__(self, doc: Doc) -> Doc:
        if doc._.error is None:
            try:
                self.process(doc)
            except Exception as exc:  # one bad document must not abort the batch
                doc._.error = f"{self.name}: {type(exc).__name__}: {exc}"
        return doc

    def process(self, doc: Doc) -> None:
        raise NotImplementedError


class _Figures(_Guarded):
    def process(self, doc: Doc) -> None:
        doc._.figures = find_figures(doc_text(doc))


class _Actors(_Guarded):
    def __init__(self) -> None:
        self.dictionary = ActorDictionary.load()

    def process(self, doc: Doc) -> None:
        doc._.actors = self.dictionary.find(doc_text(doc))


class _Dates(_Guarded):
    def process(self, doc: Doc) -> None:
        doc._.dates = find_dates(doc_text(doc), doc._.published, clause=clause_finder(doc))


class _EventTypes(_Guarded):
    def process(self, doc: Doc) -> None:
        doc._.triggers = find_event_triggers(doc_text(doc))
        doc._.main_type = classify_event(doc_text(doc))


class _Places(_Guarded):
    def __init__(self, *, gazetteer_path: str, ner_labels: list[str]) -> None:
        self.resolver = PlaceResolver(
            Path(gazetteer_path) if gazetteer_path else None, labels=tuple(ner_labels)
        )

    def process(self, doc: Doc) -> None:
        gold = doc._.gold_toponyms
        places = self.resolver.places(doc, spans=gold)
        doc._.places = places
        doc._.shared_names = frozenset(
            p.start for p in places if self.resolver.shared_name(replace(p, name=_bare_name(p.name)))
        )
        doc._.focus_country = _focus_country(doc, places)


def _focus_country(doc: Doc, places: list[Place]) -> str:
    """The country the document is most about: resolved places and country-marked actors."""
    votes: Counter[str] = Counter()
    for p in places:
        if p.country and not _COMPASS.fullmatch(p.name):
            votes[p.country] += 2 if p.precision != "country" else 1
    for a in doc._.actors or []:
        if a.country:
            votes[a.country] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = demonym_country(ent.text)
            if code:
                votes[code] += 1
    return votes.most_common(1)[0][0] if votes else ""


# "the North East", "the South-South": a country's own regions by compass point, which a
# gazetteer resolves to whatever district abroad bears the name
_COMPASS = re.compile(
    r"(?i)(?:north|south|east|west|central|northern|southern|eastern|western)"
    r"(?:[ -]+(?:north|south|east|west|central))*"
)
_ADMIN_WORDS = re.compile(
    r"(?i)[ -]+(?:township|district|province|region|state|city|county|division|municipality|village|town)s?$"
)


def _bare_name(name: str) -> str:
    """A place's name without its administrative word ("Kani Township" is "Kani")."""
    return _ADMIN_WORDS.sub("", name.strip()).lower()


def _in_actor_name(place: Place, actors: list[ActorMention]) -> bool:
    if place.start is None or place.end is None:
        return False
    return any(
        a.start <= place.start
        and place.end <= a.end
        and a.end - a.start > place.end - place.start
        and a.role in ("forces", "government", "spokesperson", "rebels", "militia")
        for a in actors
    )


class _Claims(_Guarded):
    """Casualty claims; a victim group with no stated side takes the country of the place named
    in its sentence, else the country the last few sentences talk about, else the document's."""

    window = 4  # sentences looked back for a local country focus

    def process(self, doc: Doc) -> None:
        places: list[Place] = doc._.places or []
        actors = doc._.actors or []
        focus: str = doc._.focus_country
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        # a place named inside an actor's name ("the Pakistan army opened fire") is who, not where
        text = doc_text(doc)
        places = [
            p
            for p in places
            if not _in_actor_name(p, actors)
            and not (p.end is not None and placed_by_at(text, p.end))
            and not _COMPASS.fullmatch(p.name)
        ]

        # a place whose country nothing else in the document names is more often an ambiguous name
        # resolved abroad (a village sharing its name with a town on another continent) than where
        # the victims are
        # (a country's name is both a place and an actor: one mention, counted once)
        # a name the gazetteer shares between countries counts once however often it is repeated:
        # "Kani" named twice in a story on Myanmar is still one ambiguous name (a town in Japan),
        # not two places in Japan; a name of one sense ("Kabul") counts each time
        shared: frozenset[int | None] = doc._.shared_names or frozenset()
        mentions = {
            (_bare_name(p.name) if p.start in shared else p.start, p.country) for p in places if p.country
        }
        mentions |= {(a.start, a.country) for a in actors if a.country}
        support: Counter[str] = Counter(country for _, country in mentions)
        in_view = {c for c, n in support.items() if n >= 2} | {focus}

        def country_at(start: int, end: int, besides: str = "") -> str:
            i = max(0, bisect_right(starts, start) - 1)
            s = sents[i]
            near = [
                p
                for p in places
                if p.country
                and p.country in in_view
                and p.country != besides
                and p.start is not None
                and s.start_char <= p.start < s.end_char
            ]
            if near:
                return min(near, key=lambda p: abs((p.start or 0) - start)).country
            lo = sents[max(0, i - self.window)].start_char
            votes: Counter[str] = Counter()
            own = [
                p
                for p in places
                if p.country and p.start is not None and s.start_char <= p.start < s.end_char
            ]
            # a town whose country is not in view is an ambiguous name; a country's own name, even
            # named once, is not, nor a name of one sense in the figure's own sentence when nothing
            # else there is in view (it outranks a country named elsewhere)
            lone = (
                set()
                if any(p.country in in_view for p in own)
                else {p.start for p in own if p.start not in shared}
            )
            for p in places:
                if (
                    p.country
                    and (p.country in in_view or p.precision == "country" or p.start in lone)
                    and p.country != besides
                    and p.start is not None
                    and lo <= p.start < s.end_char
                ):
                    votes[p.country] += 2
            for a in actors:
                if a.country and a.country != besides and lo <= a.start < s.end_char:
                    votes[a.country] += 1
            if votes:
                return votes.most_common(1)[0][0]
            if besides:  # nothing but the attacker's country: a domestic incident
                return country_at(start, end)
            return focus

        def place_country(start: int, end: int) -> str:
            inside = (
                p.country for p in places if p.country and p.start is not None and start <= p.start < end
            )
            return next(inside, "")

        def local_country(start: int, end: int) -> str:
            """The country of the place finer than a country nearest ``start`` in its sentence."""
            s = sents[max(0, bisect_right(starts, start) - 1)]
            near = [
                p
                for p in places
                if p.country
                and p.country in in_view
                and p.precision not in (None, "country")
                and p.start is not None
                and s.start_char <= p.start < s.end_char
            ]
            return min(near, key=lambda p: abs((p.start or 0) - start)).country if near else ""

        def scene_country(start: int, end: int) -> str:
            """The country of the place finer than a country told last before ``start`` (in its
            sentence or the ``window`` before; else the first after it in its sentence): where
            the incident in view happened."""
            i = max(0, bisect_right(starts, start) - 1)
            lo = sents[max(0, i - self.window)].start_char
            seen = [
                p
                for p in places
                if p.country
                and p.precision not in (None, "country")
                and p.start is not None
                and lo <= p.start < sents[i].end_char
            ]
            before = [p for p in seen if (p.start or 0) < start]
            if before:
                return max(before, key=lambda p: p.start or 0).country
            return min(seen, key=lambda p: p.start or 0).country if seen else ""

        doc._.claims = extract_claims(
            doc,
            doc._.figures or [],
            actors,
            focus_country=focus,
            country_at=country_at,
            place_country=place_country,
            local_country=local_country,
            scene_country=scene_country,
        )


class _Events(_Guarded):
    def __init__(self, *, undated_fallback: str) -> None:
        self.fallback = undated_fallback == "publication_month"

    def process(self, doc: Doc) -> None:
        doc._.events = assemble_events(
            doc,
            main=doc._.main_type,
            triggers=doc._.triggers or [],
            dates=doc._.dates or [],
            places=doc._.places or [],
            actors=doc._.actors or [],
            claims=doc._.claims or [],
            published=doc._.published if self.fallback else None,
            focus_country=doc._.focus_country or "",
        )


_PHRASE_OPENING_TAGS = frozenset({"IN", "TO", "DT", "CC", "PRP$", "WDT"})
"""Tags of words that open a phrase (a preposition, an article, a conjunction, a possessive): a
line ending in one is wrapped inside a sentence, whatever the case of the next line. Not "ago",
tagged IN but closing its phrase ("a day ago" ending a byline)."""


class _SentenceHints:
    """Runs before the parser: a number that opens a sentence ("... area. 2 militiamen were
    killed") is not a numbered-list item standing alone, so the parser must not split after it.
    A line break ends a sentence: a headline or a subtitle has no final stop, and read as one
    sentence with the line after it, it glues two reports into one ("Rockets fired at the north
    after a strike kills 10" over "Soldiers wounded in a drone attack" over the lead); not
    before a lower-case word, nor after a word that opens a phrase ("on", "the", "and": a line
    broken inside a sentence). A single line break only: a
    blank line between paragraphs is left to the parser (forcing it too split pages' titles,
    bylines and repeated titles into sentences of their own, and the 11-12 October clash's
    reports lost its date or its toll: docs/extraction.md, "Events")."""

    def __call__(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            broken = doc[i - 1].is_space and doc[i - 1].text.count("\n") == 1
            opens = i >= 2 and doc[i - 2].tag_ in _PHRASE_OPENING_TAGS and doc[i - 2].lower_ != "ago"
            if broken and opens:
                continue  # "... a report released on\nMonday": a line wrapped inside a phrase
            if broken and not doc[i].is_space and not doc[i].is_lower:
                doc[i].is_sent_start = True
                if i + 1 < len(doc) and not doc[i + 1].is_space:
                    doc[i + 1].is_sent_start = False  # the line's first word is no sentence alone
        for i in range(2, len(doc)):
            if doc[i - 1].like_num and doc[i - 2].text in (".", "!", "?") and not doc[i].is_punct:
                doc[i - 1].is_sent_start = True
                doc[i].is_sent_start = False
        return doc


@Language.factory("tolls_sentence_hints_v1", assigns=["token.is_sent_start"])
def make_sentence_hints(nlp: Language, name: str) -> _SentenceHints:
    return _SentenceHints()


@Language.factory("tolls_figures_v1", assigns=["doc._.figures"])
def make_figures(nlp: Language, name: str) -> _Figures:
    return _Figures()


@Language.factory("tolls_actors_v1", assigns=["doc._.actors"])
def make_actors(nlp: Language, name: str) -> _Actors:
    return _Actors()


@Language.factory("tolls_dates_v1", assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str) -> _Dates:
    return _Dates()


@Language.factory("tolls_event_types_v1", assigns=["doc._.triggers", "doc._.main_type"])
def make_event_types(nlp: Language, name: str) -> _EventTypes:
    return _EventTypes()


@Language.factory(
    "tolls_places_v1",
    assigns=["doc._.places", "doc._.focus_country"],
    requires=["doc.ents", "doc._.actors"],
    default_config={"gazetteer_path": "", "ner_labels": ["GPE", "LOC", "FAC"]},
)
def make_places(nlp: Language, name: str, *, gazetteer_path: str, ner_labels: list[str]) -> _Places:
    return _Places(gazetteer_path=gazetteer_path, ner_labels=ner_labels)


@Language.factory(
    "tolls_claims_v1",
    assigns=["doc._.claims"],
    requires=["token.dep", "doc._.figures", "doc._.actors", "doc._.places"],
)
def make_claims(nlp: Language, name: str) -> _Claims:
    return _Claims()


@Language.factory(
    "tolls_events_v1",
    assigns=["doc._.events"],
    requires=["doc._.claims", "doc._.dates", "doc._.triggers"],
    default_config={"undated_fallback": "publication_month"},
)
def make_events(nlp: Language, name: str, *, undated_fallback: str) -> _Events:
    return _Events(undated_fallback=undated_fallback)
