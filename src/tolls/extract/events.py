"""Group a document's triggers, dates, places and claims into incidents (events).

An incident is a trigger ("clashes", "airstrikes", "ceasefire") with the dates and places
written near it. One sentence can hold two incidents ("clashes along the Durand Line, airstrikes
on Kabul": one per trigger) or one trigger with two dated places ("deaths of 46 people in
Barmal in December 2024 and several civilians in Khost in August 2025": one per date).
Mentions of the same type a few sentences apart, with no conflicting date or place, are one
incident, and so is violence of another kind told again in the same sentence with no date or place
of its own; a strike told of coordinated places ("on Khost and Kunar") is one incident per place.
Claims belong to the incident of their sentence, else to the one before them.
The main event (``events[0]``) is the one the whole-document classifier picks.
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token

from tolls.data import data_path, load_json
from tolls.extract.actors import ActorMention
from tolls.extract.attribution import capital_countries
from tolls.extract.claims import cross_link
from tolls.extract.clauses import verb_finder
from tolls.extract.dates import background_date, since_background
from tolls.extract.doctext import doc_text
from tolls.extract.event_types import EventTypeGuess, classify_event
from tolls.extract.lines import border_partner, find_lines
from tolls.extract.nights import overnight_dates
from tolls.extract.places import no_incident_place
from tolls.extract.regions import find_regions
from tolls.geo.offset import read_offset
from tolls.model import Claim, DateSpan, Event, Party, Place, Scope
from tolls.reconcile.estimates import event_fatalities

__all__ = ["assemble_events"]

_CASUALTY = load_json("lexicon", "casualty.json")

_UNQUANTIFIED = re.compile(
    r"(?<!\bno )(?<!\bnot )(?<!\bwithout )(?<!\bno clashes or )(?:"
    + "|".join(_CASUALTY["unquantified_deaths"]["patterns"])
    + ")",
    re.IGNORECASE,
)
# "a number of civilians were killed": deaths told as a plural, no count (at least two)
_PLURAL_DEATHS = re.compile(
    r"(?<!\bno )(?<!\bnot )(?:" + "|".join(_CASUALTY["plural_deaths"]["patterns"]) + ")",
    re.IGNORECASE,
)


def _inflected(verb: str) -> str:
    """A pattern for a verb's forms: "deny" -> denies/denied/denying, "rebut" -> rebuts/rebutted/
    rebutting (a final consonant after one vowel may double before -ed/-ing)."""
    stem = verb[:-1] if verb[-1] in "ey" else verb
    double = len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou"
    forms = r"(?:y|ies|ied|ying|e|es|ed|ing|s|d)?"
    if double:
        forms = rf"(?:{re.escape(verb[-1])}(?:ed|ing)|y|ies|ied|ying|e|es|ed|ing|s|d)?"
    return re.escape(stem) + forms


_DENIED = re.compile(
    r"\b(?:"
    + "|".join(
        _inflected(v)
        for v in (
            *_CASUALTY["deny_verbs"],
            *_CASUALTY["dispute_verbs"],
        )
    )
    + r")\b",
    re.IGNORECASE,
)
_IRREALIS = re.compile(
    "|".join(f"(?:{r})" for r in load_json("lexicon", "events.json")["irrealis_before"]), re.IGNORECASE
)
_IRREALIS_WINDOW = 48  # characters before a trigger
_IRREALIS_AFTER = re.compile(
    "|".join(f"(?:{r})" for r in load_json("lexicon", "events.json")["irrealis_after"]), re.IGNORECASE
)
_IRREALIS_AFTER_WINDOW = 24  # characters after a trigger
_MERGE_WINDOW = 3  # sentences
_RETOLD_WINDOW = 0  # sentences: violence of another kind told in the same sentence is the same incident
_SHORT_REPORT = 4  # sentences: a note this short reports one incident
_FINER_AT_MOST = 2  # places: a sentence naming more surveys a country, it places no one incident
# Triggers that only name harm ("killed", "deaths", "wounded") describe the incident around them;
# they open an incident of their own only where no other trigger is near.
_HARM_ONLY = re.compile(
    r"^(?:kill|die[ds]?\b|dying|dead|death|wound|injur|bod(?:y|ies)|fatalit|murder|massacr|slain|slay|shot\b|"
    r"lynch|hurt|casualt|execut|behead)",
    re.IGNORECASE,
)
_EVENTS_LEXICON: dict[str, Any] = load_json("lexicon", "events.json")
_GENERIC = re.compile("|".join(f"(?:{r})" for r in _EVENTS_LEXICON["generic_triggers"]), re.IGNORECASE)
_FIGHT_GENERICS = frozenset(_EVENTS_LEXICON["fight_generics"])
_TALKS_NOUNS = frozenset(_EVENTS_LEXICON["talks_nouns"])
_TALKS_HOLDERS = frozenset({"Negotiation", "Strategic developments/Agreement"})
_AGAINST_CIVILIANS = "Violence against civilians"
_KIND_OF_KILLING = re.compile("|".join(f"(?:{r})" for r in _EVENTS_LEXICON["kind_of_killing"]), re.IGNORECASE)
_WEAPON_AGENTS: dict[str, str] = {
    w: etype for etype, words in _EVENTS_LEXICON["weapon_agents"].items() for w in words
}
_BY_WEAPON_TYPES = ("Violence against civilians/Attack", "Battles/Armed clash")
_PATIENTS: dict[str, list[str]] = _EVENTS_LEXICON["patients"]
_ATTACK_VERBS = frozenset(_PATIENTS["verbs"])
_ARMED = frozenset(_PATIENTS["armed"])
_UNARMED = frozenset(_PATIENTS["unarmed"])
_FIRING_VERBS = frozenset(_PATIENTS["firing_verbs"])
_REGULAR_FORCES = frozenset(_PATIENTS["regular_forces"])
_NO_TARGET = frozenset(_PATIENTS["no_target"])
_AIM_PREPS = frozenset({"on", "at", "upon", "against", "towards", "toward"})
_AMONG_PREPS = frozenset({"in", "inside", "into", "near", "among", "outside"})
_IN_FIGHTING = frozenset(_EVENTS_LEXICON["in_fighting"])
_CLASH, _ON_CIVILIANS = "Battles/Armed clash", "Violence against civilians/Attack"
_MEANS_PREPS = frozenset({"by", "with"})
_BODILY_HARM_VERBS = frozenset({"kill", "wound", "injure", "die"})
_VIOLENT = tuple(_EVENTS_LEXICON["violent_types"])
_PART_OF_VIOLENCE = tuple(_EVENTS_LEXICON["part_of_violence"])
_METONYM_AFTER = re.compile(_EVENTS_LEXICON["metonym_after"])
_METONYM_NOT_AFTER = re.compile(_EVENTS_LEXICON["metonym_not_after"], re.IGNORECASE)
_METONYM_BEFORE = re.compile(_EVENTS_LEXICON["metonym_before"], re.IGNORECASE)
_METONYM_BEFORE_FOLLOWED = re.compile(_EVENTS_LEXICON["metonym_before_followed"])
_SEPARATE = re.compile(_EVENTS_LEXICON["separate_cues"], re.IGNORECASE)
_CONTRAST = re.compile(_EVENTS_LEXICON["contrast_cues"], re.IGNORECASE)
_ENUMERATED = re.compile(_EVENTS_LEXICON["enumerated_cues"], re.IGNORECASE)
_APART = re.compile(_EVENTS_LEXICON["apart_cues"], re.IGNORECASE)
_APART_INCIDENT = re.compile(_EVENTS_LEXICON["apart_incident_cues"], re.IGNORECASE)
_APART_LATER = re.compile(_EVENTS_LEXICON["apart_later_cues"], re.IGNORECASE)
_SHIFT_ADVERBS = frozenset(_EVENTS_LEXICON["time_shift_adverbs"])
_SHIFT_NEAR_UNITS = frozenset(_EVENTS_LEXICON["time_shift_near_units"])
_SHIFT_NEAR_ADVERBS = frozenset(_EVENTS_LEXICON["time_shift_near_adverbs"])
_ADDED_BEFORE = re.compile(_EVENTS_LEXICON["added_toll_before"], re.IGNORECASE)
_ADDED_AFTER = re.compile(_EVENTS_LEXICON["added_toll_after"], re.IGNORECASE)
_APART_TIME = re.compile(_EVENTS_LEXICON["apart_time_cues"], re.IGNORECASE)
_RESPONSE = re.compile(_EVENTS_LEXICON["response_cues"], re.IGNORECASE)
_DEFINITE = frozenset(_EVENTS_LEXICON["definite_determiners"])
_SPEECH = frozenset(_EVENTS_LEXICON["state_verbs"]["speech"])
# what is said, blamed, asked or decided: a statement, not the incident it speaks of (``force`` is left out)
_STATEMENT_VERBS = frozenset(
    v for cls in ("speech", "blame", "request", "decision") for v in _EVENTS_LEXICON["state_verbs"][cls]
)
_TOLD_AT = re.compile(_EVENTS_LEXICON["told_at_place_before"], re.IGNORECASE)


def _seat_nouns() -> frozenset[str]:
    """The last words of the government's group nouns (group_patterns.jsonl, role ``government``:
    "officials", "authorities", "ministry") and the officials' titles (casualty.json
    ``official_titles``: "spokesman", "governor"): who speak or govern from a place."""
    words = set(_CASUALTY["official_titles"])
    with data_path("group_patterns.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                group = json.loads(line)
                if group.get("role") == "government":
                    words.update(n.split()[-1].lower() for n in group["nouns"])
    return frozenset(words)


_SEAT_NOUNS = _seat_nouns()
_ENUMERATED_NOT = re.compile(_EVENTS_LEXICON["enumerated_not_after"], re.IGNORECASE)
_SPLIT_BEFORE = re.compile(_EVENTS_LEXICON["split_place_before"], re.IGNORECASE)
_SPLIT_NOT_BEFORE = re.compile(_EVENTS_LEXICON["split_place_not_before"], re.IGNORECASE)
_SPLIT_BLOCKED = re.compile(_EVENTS_LEXICON["split_blocked"], re.IGNORECASE)
_SPLIT_LOOKBACK = 40  # characters before the first coordinated place read for what precedes it
_AGENT_ROLES = frozenset({"forces", "government", "rebels", "militia", "protesters", "rioters", "external"})
_SUMMARY_CHARS = 160


@dataclass(slots=True)
class _Draft:
    type: str
    start: int
    end: int
    sent: int
    last_sent: int
    dates: DateSpan | None = None
    places: list[Place] = field(default_factory=list)
    sents: set[int] = field(default_factory=set)
    claims: list[int] = field(default_factory=list)
    seg_end: int | None = None  # for a sentence split at its dates: where this incident's stretch ends
    seg_start: int | None = None  # for figures given place by place: where this incident's stretch starts
    aggregate: bool = False  # the total of figures given place by place, each place an incident of its own
    generic: bool = False  # opened by a word that does not say the kind of violence ("the attack")
    copy: bool = False  # split off another at a coordinated place: holds no claim of its own sentence
    group: int | None = None  # the places split off one trigger share it (the trigger's offset)
    own_from: int | None = None  # a copy: where a trigger of its own place starts in its first sentence


def _top(t: str) -> str:
    return t.split("/")[0]


def _compatible(a: _Draft, b: _Draft) -> bool:
    if _top(a.type) != _top(b.type):
        return False
    if a.dates and b.dates and a.dates.start and b.dates.start and a.dates.end and b.dates.end:
        if a.dates.start > b.dates.end or b.dates.start > a.dates.end:
            return False
    pa = {p.name.lower() for p in a.places if p.precision != "country"}
    pb = {p.name.lower() for p in b.places if p.precision != "country"}
    return not (pa and pb) or bool(pa & pb)


def _same_incident(old: _Draft, new: _Draft, gap: int) -> bool:
    """A generic mention ("the attack") and a violent incident whose dates and places it does not
    contradict, whatever their types: "airstrikes on Barmal ... The attacks killed 46" is one incident."""
    violent = old.type.startswith(_VIOLENT) and new.type.startswith(_VIOLENT)
    if not (old.generic or new.generic) or not violent:
        return False
    if gap > _MERGE_WINDOW and not (_adds_nothing(old, new) if new.generic else _adds_nothing(new, old)):
        return False  # far apart, only a mention that adds no date or place is the same incident
    as_old = _Draft(old.type, new.start, new.end, new.sent, new.last_sent, new.dates, new.places)
    return _compatible(old, as_old)


def _told_again(old: _Draft, new: _Draft, text: str, sent_start: int = 0) -> bool:
    """Violence of another kind told in one of an incident's own sentences (not one that a place
    split off with it was told on in), naming no date or place the incident lacks, is the same
    incident told with a second trigger word ("troops clashed with militants at the border post,
    killing 12 of them in retaliatory shelling"); with a place or a date of its own it is another
    ("clashes at the border, air strikes on Kabul"), and so it is when set against the first ("a
    bombing killed 5, while clashes killed 3": the lexicon's ``contrast_cues`` and
    ``separate_cues`` between the two triggers, or before the second in its sentence), or, as the
    caller checks on the parse, when each carries a toll of its own (:func:`_tolled_apart`)."""
    if new.sent not in old.sents or _top(old.type) == _top(new.type):
        return False
    if not (old.type.startswith(_VIOLENT) and new.type.startswith(_VIOLENT) and _adds_nothing(old, new)):
        return False
    lo, hi = max(min(old.end, new.start), sent_start), max(old.end, new.start)
    return _CONTRAST.search(text, lo, hi) is None and _SEPARATE.search(text, lo, hi) is None


def _answers(
    old: _Draft,
    new: _Draft,
    text: str,
    sent_start: int,
    s: int,
    doc: Doc | None = None,
    tolls: Sequence[int] = (),
) -> bool:
    """Violence told as the answer to an incident in its own sentence or the next ("In response,
    the army said it launched retaliatory strikes", "troops were killed in retaliatory shelling":
    the lexicon's ``response_cues`` before the trigger's end in its sentence, :func:`_answer_cue`),
    naming no date or place the incident lacks, is that fight told on, whatever its kind of
    violence."""
    if s - old.last_sent > 1 or not (old.type.startswith(_VIOLENT) and new.type.startswith(_VIOLENT)):
        return False
    return _adds_nothing(old, new) and _answer_cue(doc, text, sent_start, new.end, new.start, tolls)


def _answer_cue(doc: Doc | None, text: str, lo: int, hi: int, trigger: int, tolls: Sequence[int]) -> bool:
    """Is there a ``response_cues`` match in ``text[lo:hi]`` telling the violence at ``trigger`` as an
    answer? Not one whose own phrase holds the trigger after its preposition, told with a toll of
    its own there (``tolls``: where the document's figures of deaths and injuries start): "the raid
    was in retaliation for an ambush in which rebels killed 4", "in response to the killing of 3
    soldiers" tell the cause, an earlier incident apart, read on the parse (the trigger under a
    ``prep`` whose head is a word of the cue). A cause told with no toll ("in retaliation for
    attacks on its posts") names the provocation of the fight told, and may be told on with it."""
    inside = _cause_of(doc, trigger, tolls) if doc is not None else []
    for m in _RESPONSE.finditer(text, lo, hi):
        if not any(m.start() <= at < m.end() for at in inside):
            return True
    return False


def _cause_of(doc: Doc, at: int, tolls: Sequence[int]) -> list[int]:
    """Where the words start whose preposition's phrase holds the token at ``at`` and a toll
    ("retaliation" in "in retaliation for an ambush that killed 4", for the ambush or the killing)."""
    tok = next((t for t in doc if t.idx <= at < t.idx + max(len(t.text), 1)), None)
    heads: list[int] = []
    while tok is not None and tok.head.i != tok.i:
        if tok.dep_ == "prep":
            lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
            if any(lo <= f < hi for f in tolls):
                heads.append(tok.head.idx)
        tok = tok.head
    return heads


_TOLL_KINDS = ("killed", "injured")


def _definite(doc: Doc, at: int) -> bool:
    """Is the trigger starting at ``at`` a definite mention ("the drone strike", "its retaliatory
    strikes": a determiner of the lexicon's ``definite_determiners`` or a possessive on its noun),
    which points back to an incident told before rather than opening one?"""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    tok = span[0]
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:
        tok = tok.head  # "the drone strike": the noun the trigger's first word modifies
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in tok.children if c.i < tok.i
    )


def _speaker_between(doc: Doc, start: int, end: int) -> bool:
    """Does a speaker come in between two offsets: a verb of speech (``state_verbs``' speech
    class) with a subject of its own ("killed 12, and the rebels said the shelling killed 3")?"""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    return any(
        t.pos_ == "VERB" and t.lemma_.lower() in _SPEECH and any(c.dep_ == "nsubj" for c in t.children)
        for t in span
    )


def _tolled_apart(
    doc: Doc,
    text: str,
    new: _Draft,
    tolls: Sequence[tuple[int, str]],
    verb_at: Callable[[int], int | None],
    sent_start: int,
    sent_end: int,
) -> bool:
    """Does a trigger carry a toll in its own clause while its sentence told another toll before it,
    in another clause ("the strike in Khost killed 5, and clashes later killed 2", "a bombing killed
    5 people, but 2 soldiers died in clashes")? Each incident told with its own toll is one of its
    own: no retelling of the first (:func:`_told_again`). One toll told once ("troops clashed with
    militants, and 12 of them were killed in retaliatory shelling") is no such pair, nor are those
    taken or destroyed ("killed a commander and destroyed 54 positions", "1,200 killed and 250
    taken hostage"): a toll counts the dead or the hurt. Nor is one fight told as two tolls: rival
    accounts of two speakers ("the army said the clashes killed 12 militants, and the Taliban said
    the shelling killed 3"), an answer to the first (``response_cues``: "retaliatory shelling
    killed 12", "the gunfight that followed"), or a definite mention of it ("the fighting left 3
    dead") unless a time word sets it later (``apart_time_cues``: "the clashes later killed 2").
    ``tolls``: where the figures of the document's deaths and injuries start, with their
    claimant's name; ``verb_at``: the verb governing an offset."""
    verb = verb_at(new.start)
    if verb is None:
        return False
    here = [(f, who) for f, who in tolls if sent_start <= f < sent_end]
    own = [who for f, who in here if verb_at(f) == verb]
    before = [(f, who) for f, who in here if f < new.start and verb_at(f) != verb]
    if not own or not before:
        return False
    if any(a and b and a != b for a in own for _, b in before):
        return False  # two speakers' accounts
    first = before[0][0]
    if _speaker_between(doc, first, new.start):
        return False  # "the army said ... killed 12, and the rebels said ... killed 3": told by two
    if _answer_cue(doc, text, first, sent_end, new.start, [f for f, _ in tolls]):
        return False
    return not _definite(doc, new.start) or _APART_TIME.search(text, first, new.end) is not None


def _time_shifted(doc: Doc, sent_start: int, sent_end: int) -> bool:
    """Does the sentence open with an adverb that moves the story to another time ("Hours earlier,
    on 14 August, ...", "Earlier that night, ...", "Days later, ...": the lexicon's
    ``time_shift_adverbs``), read on the parse: an ``advmod`` whose subtree starts the sentence and
    which modifies its main verb (or the clause a speaker's verb reports: "Hours earlier, a strike
    killed 3, police said"), directly or through a time noun ("Earlier that night")? Not with a
    measure of a moment (``time_shift_near_units``: "Moments later, a bomb went off" tells the
    same attack on), nor on a verb of speech, blame, request or decision (``state_verbs`` but its
    ``force`` class: "Earlier, the spokesman confirmed reports of air strikes" moves the
    statement, not the strikes)."""
    span = doc.char_span(sent_start, sent_end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    if first is None:
        return False
    root = span.root
    for tok in span:
        if tok.lower_ not in _SHIFT_ADVERBS or tok.dep_ != "advmod" or tok.left_edge.i != first.i:
            continue
        # through a time noun: "Earlier that night"
        verb = tok.head if tok.head.dep_ not in ("npadvmod", "prep") else tok.head.head
        # the main verb, or the clause a speaker's verb reports ("..., a strike killed 3, police said")
        if not (verb.i == root.i or (verb.dep_ == "ccomp" and verb.head.i == root.i)):
            return False
        if verb.lemma_.lower() in _STATEMENT_VERBS:
            return False  # "Earlier, officials described the blast as ...": the statement came earlier
        if any(c.dep_ == "advmod" and c.lower_ in _SHIFT_NEAR_ADVERBS for c in tok.children):
            return False  # "Immediately afterwards", "Soon afterwards": the same attack told on
        return not any(c.lemma_.lower() in _SHIFT_NEAR_UNITS for c in tok.subtree if c.i != tok.i)
    return False


def _set_apart(
    doc: Doc,
    text: str,
    sent_start: int,
    sent_end: int,
    *at: int,
    later: bool = False,
    generic: bool = False,
    pinned: bool = False,
) -> int | None:
    """Where a cue sets a trigger's incident apart from those told before it (None: nowhere): a cue
    opening its sentence ("Separately, ...", "Elsewhere, ...": the lexicon's ``apart_cues``; with
    ``later``, "Meanwhile, ..." too, ``apart_later_cues``; with ``pinned``, the trigger's incident
    dated or placed in its sentence, an adverb moving the story to another time, "Hours earlier,
    on 14 August, ...", :func:`_time_shifted`), or one naming a distinct incident
    before the trigger or around it ("in separate incidents of border clashes", "In a separate
    attack, ...": ``apart_incident_cues``). Not when the trigger (``at``: its start, or those of
    every trigger its incident has there) is a definite mention of one told before ("Separately,
    officials said the drone strike killed 8", "Meanwhile, doctors said 12 were killed in the
    bombing"), nor a generic word ("the attack", ``generic``) the cue does not itself hold."""
    first = min(at)
    if any(_definite(doc, a) for a in at):
        return None
    opening = _APART.match(text, sent_start, sent_end) or (
        _APART_LATER.match(text, sent_start, sent_end) if later else None
    )
    named = next(
        (m for m in _APART_INCIDENT.finditer(text, sent_start, sent_end) if m.start() <= first), None
    )
    if named is not None and named.start() <= first < named.end():
        return named.start()  # "In a separate attack": the cue names the trigger itself
    if generic:
        return None
    if opening is not None or (pinned and _time_shifted(doc, sent_start, sent_end)):
        return sent_start
    return named.start() if named is not None else None


_AGREEMENT = "Strategic developments/Agreement"
_TALKS = ("Negotiation", _AGREEMENT)


def _elsewhere(a: _Draft, b: _Draft) -> bool:
    """Both drafts name places finer than a country, and none of the same name."""
    fine_a = {p.name.lower() for p in a.places if p.precision not in ("country", None)}
    fine_b = {p.name.lower() for p in b.places if p.precision not in ("country", None)}
    return bool(fine_a and fine_b and not fine_a & fine_b)


def _same_talks(old: _Draft, new: _Draft) -> bool:
    """Talks, or a ceasefire, told again and again through a report are one event wherever the
    delegations are named ("talks in Doha", "Kabul's delegation"), unless their dates differ.
    (Talks and the deal they reach stay two: merging them lost more than it gained on the news
    corpus's test part.)"""
    if old.type != new.type or not old.type.startswith(_TALKS):
        return False
    a, b = old.dates, new.dates
    if a and b and a.start and b.start and a.end and b.end:
        return not (a.start > b.end or b.start > a.end)
    return True


def _fold_parts_of_violence(drafts: list[_Draft]) -> list[_Draft]:
    """Interceptions and destroyed property told beside violence are part of it: such a draft
    takes the type of the violent incident told nearest before it (else after it) and joins it
    when their dates and places agree ("drones struck Belgorod ... air defences shot down 40
    drones over Belgorod" is one strike); alone in a document it keeps its own type."""
    violent = [i for i, d in enumerate(drafts) if d.type.startswith(_VIOLENT)]
    if not violent:
        return drafts
    gone: set[int] = set()
    for i, d in enumerate(drafts):
        if not d.type.startswith(_PART_OF_VIOLENCE):
            continue
        before = [j for j in violent if j < i and j not in gone]
        after = [j for j in violent if j > i and j not in gone]
        if not (before or after):
            continue
        j = before[-1] if before else after[0]
        v = drafts[j]
        d.type = v.type
        if not _compatible(v, d):
            continue
        keep, drop = (v, d) if j < i else (d, v)  # the earlier told keeps its place in the order
        keep.type, keep.start, keep.end = v.type, v.start, v.end  # its trigger is the violence's
        _absorb(keep, drop)
        gone.add(i if keep is v else j)
    return [d for k, d in enumerate(drafts) if k not in gone]


_STATE = "Strategic developments/Other"


def _same_state(old: _Draft, new: _Draft) -> bool:
    """A state that lasts (a border closed, a curfew, an emergency) told again on later days
    ("the crossing remained closed for a third day") is one event, unless told of other places."""
    return old.type == new.type == _STATE and not _elsewhere(old, new)


def _absorb(keep: _Draft, drop: _Draft) -> None:
    """Make ``keep`` the one incident that ``keep`` and ``drop`` told."""
    keep.sents |= drop.sents
    keep.last_sent = max(keep.last_sent, drop.last_sent)
    keep.dates = keep.dates or drop.dates
    known = {p.name.lower() for p in keep.places}
    keep.places += [p for p in drop.places if p.name.lower() not in known]


def _distinct(d: _Draft, main: _Draft) -> bool:
    """Is a draft an incident of its own: one of several dated incidents in one sentence?"""
    if d.seg_end is None:
        return False
    return d.seg_start is not None or (d.dates is not None and d.dates != main.dates)


def _plural_deaths(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Does one of the event's own sentences tell deaths as a plural ("a number of civilians were
    killed"), neither denied ("the army denied that ...") nor unreal ("could have killed")?"""
    for a, b in spans:
        for m in _PLURAL_DEATHS.finditer(text, a, b):
            if _IRREALIS.search(text, max(a, m.start() - _IRREALIS_WINDOW), m.start()) is not None:
                continue
            if _DENIED.search(text, a, m.start()) is None:
                return True
    return False


def _irrealis(text: str, start: int, end: int | None = None) -> bool:
    """Does a trigger name something threatened, demanded, planned or hypothetical?"""
    if _IRREALIS.search(text, max(0, start - _IRREALIS_WINDOW), start) is not None:
        return True
    return end is not None and _IRREALIS_AFTER.match(text[end : end + _IRREALIS_AFTER_WINDOW]) is not None


def _finer_than_country(p: Place, resolving: bool) -> bool:
    """A place that pins an incident down: a town, district, province, border or part of a country;
    an unresolved name only where nothing in this document was resolved to coordinates."""
    if p.precision is None:
        return not resolving
    return p.precision != "country"


def _bare_border(text: str, p: Place) -> bool:
    """A border read from a bare "border" ("the border clashes are a tactic"): which border is
    inferred from the story, so it places an incident but does not make a mention one."""
    return p.precision == "line" and text[p.start or 0 : p.end or 0].lower() in ("border", "frontier")


def _holds(d: _Draft, guess: EventTypeGuess) -> bool:
    t = guess.trigger
    return t is not None and d.start < t[1] and t[0] < d.end  # the spans overlap


def _adds_nothing(old: _Draft, new: _Draft) -> bool:
    """A later mention that names no date or place the incident lacks ("the border clashes")."""
    if new.dates is not None and new.dates != old.dates and not _within(new.dates, old.dates):
        return False
    known = {p.name.lower() for p in old.places}
    return all(p.name.lower() in known or p.precision == "country" for p in new.places)


def _new_date(new: _Draft, drafts: Sequence[_Draft], added: bool) -> bool:
    """Does a trigger's sentence give its incident a date no incident told before has? Not a day of
    a told incident's span ("Later on Sunday" after strikes of the weekend: :func:`_within`), nor a
    first date for an undated incident told on with a toll added to its own ("Later on Monday,
    shelling killed 3 more people": ``added``, the lexicon's ``added_toll_before/after``)."""
    if new.dates is None:
        return False
    if added and drafts and drafts[-1].dates is None:
        return False
    return all(_day(x.dates) != _day(new.dates) and not _within(new.dates, x.dates) for x in drafts)


def _added(text: str, start: int, end: int) -> bool:
    """Is the figure at ``text[start:end]`` told as added to a toll told ("3 more", "another 4")?"""
    return (
        _ADDED_BEFORE.search(text[max(0, start - 20) : start]) is not None
        or _ADDED_AFTER.match(text[end : end + 20]) is not None
    )


def _within(inner: DateSpan, outer: DateSpan | None) -> bool:
    """A day of the incident's own span ("on Sunday" in a report of the weekend's clashes)."""
    if outer is None or inner.start is None or outer.start is None or inner.precision != "day":
        return False
    return outer.start <= inner.start and (inner.end or inner.start) <= (outer.end or outer.start)


def _sent_index(doc: Doc) -> tuple[list[int], list[int]]:
    starts = [s.start_char for s in doc.sents]
    ends = [s.end_char for s in doc.sents]
    return starts, ends


def _which(starts: Sequence[int], pos: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _is_harm_only(text: str, trigger: tuple[int, int, str]) -> bool:
    return bool(_HARM_ONLY.match(text[trigger[0] : trigger[1]]))


_SINCE_WORD = re.compile(r"\bsince\s", re.IGNORECASE)


def _retype(text: str, drafts: list[_Draft], sent_start: int, sent_end: int) -> None:
    """Type each draft by classifying its stretch of the sentence, not its trigger word alone
    ("These strikes resulted in the deaths of 46 people" is not a labour strike)."""
    for i, d in enumerate(drafts):
        lo = sent_start if i == 0 else d.start
        hi = drafts[i + 1].start if i + 1 < len(drafts) else sent_end
        since = _SINCE_WORD.search(text, d.end, hi)
        if since is not None:
            hi = since.start()  # "the worst since the Taliban returned to power": not this one's kind
        guess = classify_event(text, span=(lo, hi))
        if guess.score > 0:
            d.type = guess.type


def _weapon_type(noun: Token) -> str | None:
    """The remote-violence type a noun names as a weapon ("drones", "mortar fire", "drone strikes",
    "the Pakistani shelling"), else None (events.json, ``weapon_agents``)."""
    lemma = noun.lemma_.lower()
    mods = [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    for word in (*(f"{m} {lemma}" for m in mods), lemma):
        if word in _WEAPON_AGENTS:
            return _WEAPON_AGENTS[word]
    if lemma in ("strike", "attack", "fire", "raid", "bombardment"):
        return next((_WEAPON_AGENTS[m] for m in mods if m in _WEAPON_AGENTS), None)
    return None


def _means_of(head: Token) -> Iterator[Token]:
    """What did the harm told by ``head``: its subject (a noun's compound: "drone attack"), the
    object of its "by" (passive agent) or "with" (not "in": "militants killed in retaliatory
    strikes" is often a battle's toll); a verb coordinated with another shares that one's subject
    ("drones have killed and wounded soldiers")."""
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    shares = head.dep_ == "conj" and head.head.pos_ == "VERB" and not own_subject
    heads = [head, head.head] if shares else [head]  # "and gunmen killed ...": its own subject
    for h in heads:
        for c in h.children:
            subject = c.dep_ == "nsubj" and h.pos_ in ("VERB", "NOUN")
            if subject or (c.dep_ == "compound" and h.pos_ == "NOUN"):
                yield c
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in _MEANS_PREPS):
                yield from (o for o in c.children if o.dep_ == "pobj")


def _patients_of(verb: Token) -> list[Token]:
    """Whom ``verb`` was aimed at: its object, its passive subject, the object of its "on", "at",
    "against" ..., also when these hang on its object ("opened fire on a patrol"), each with the
    nouns coordinated with it ("soldiers and villagers")."""
    out: list[Token] = []
    for c in [*verb.children, *(g for o in verb.children if o.dep_ == "dobj" for g in o.children)]:
        if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() != "fire":
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in _AIM_PREPS:
            out += [o for o in c.children if o.dep_ == "pobj"]
    return out + [k for p in out for k in p.conjuncts]


def _patient_decides(doc: Doc, drafts: list[_Draft]) -> None:
    """An armed clash aimed only at the unarmed ("troops attacked the crowds") is an attack on
    civilians, and an attack on civilians aimed only at an armed side ("gunmen opened fire on a
    patrol") is an armed clash: ACLED's battle needs armed sides, its attack on civilians unarmed
    victims (events.json, ``patients``). Victims of both kinds, or of neither, leave the type, but
    regular forces firing at no one told (:func:`_forces_fire`) fight the other side: a clash."""
    for d in drafts:
        if d.type not in (_CLASH, _ON_CIVILIANS):
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        verb = span.root
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ATTACK_VERBS:
            continue
        if d.type == _CLASH and any(t.lemma_.lower() in _IN_FIGHTING for t in verb.sent):
            continue  # civilians "killed in the crossfire", "caught in fighting": the battle's toll
        kinds = {
            "armed" if p.lemma_.lower() in _ARMED else "unarmed"
            for p in _patients_of(verb)
            if p.lemma_.lower() in _ARMED or p.lemma_.lower() in _UNARMED
        }
        if kinds == {"unarmed"}:
            d.type = _ON_CIVILIANS
        elif kinds == {"armed"}:
            d.type = _CLASH
        elif not kinds and d.type == _ON_CIVILIANS and _forces_fire(verb) and not _aimed(verb):
            d.type = _CLASH


def _forces_fire(verb: Token) -> bool:
    """Is ``verb`` regular forces firing ("Afghan forces opened fire at six points along the border",
    "troops fired in several areas"): a firing verb whose subject is an army's (events.json,
    ``regular_forces``)? With no one told as its target, forces fire at the other side's forces."""
    return verb.lemma_.lower() in _FIRING_VERBS and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _REGULAR_FORCES for c in verb.children
    )


def _aimed(verb: Token) -> bool:
    """Does ``verb`` name whom or where it was aimed, of whatever kind: a patient ("on a funeral
    procession", "at evacuees") or a place where people are ("in the market": events.json,
    ``patients.unarmed``)? Only forces firing at no one named fight the other side."""
    told = [p for p in _patients_of(verb) if p.ent_type_ not in ("DATE", "TIME")]  # "on Sunday"
    if any(p.lemma_.lower() not in _NO_TARGET for p in told):
        return True  # not where it was fired ("at several points along the border"), whom
    heads = [verb, *(o for o in verb.children if o.dep_ == "dobj")]
    preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in _AMONG_PREPS]
    places = [o for c in preps for o in c.children if o.dep_ == "pobj"]
    return any(o.lemma_.lower() in _UNARMED for p in places for o in (p, *p.conjuncts))


def _weapon_decides(doc: Doc, drafts: list[_Draft], battle_before: bool = False) -> None:
    """An attack or a killing whose means the parse gives as an aircraft, a drone or artillery
    ("Israeli warplanes struck army tanks", "soldiers were killed by drones", "a jet targeted a
    house") is that remote violence, whoever its victims: ACLED types an event by its means first.
    Not a death told just after a ground battle ("troops fought ... two soldiers were killed by a
    drone during the assault"): that is the battle's toll, its means one of the battle's weapons."""
    for d in drafts:
        if not d.type.startswith(_BY_WEAPON_TYPES):
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        if battle_before and d.type == _CLASH and span.root.lemma_.lower() in _BODILY_HARM_VERBS:
            continue
        found = next((t for m in _means_of(span.root) if (t := _weapon_type(m)) is not None), None)
        if found is not None:
            d.type = found


# between two coordinated place names: "Khost and Kunar", "Homs, Hama, and Idlib"
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?", re.IGNORECASE)
_SPLIT_PRECISIONS = ("town", "district", "province")
_SPLIT_TYPES = ("Explosions/Remote violence", "Violence against civilians")


def _split_at_places(text: str, d: _Draft, sent_end: int | None = None) -> list[_Draft]:
    """One trigger told of coordinated places of one kind ("air strikes on Khost and Kunar",
    "gunmen killed villagers in Homs, Hama and Idlib") is one incident per place, as ACLED codes one event
    per location: the first keeps the trigger's claims and its other places, each other place
    is a copy of it placed there and in the trigger's countries (so that a later sentence of that
    place joins it, not the first)."""
    if not d.type.startswith(_SPLIT_TYPES) or d.seg_end is not None:
        return [d]
    if _SPLIT_BLOCKED.search(text, d.end, len(text) if sent_end is None else sent_end):
        return [d]  # figures given place by place ("5 and 3 respectively"): kept on one incident
    resolved = [p for p in d.places if p.lat is not None and p.start is not None]
    fine = sorted((p for p in resolved if p.precision in _SPLIT_PRECISIONS), key=lambda p: p.start or 0)
    run: list[Place] = []
    for p in fine:
        prev = run[-1] if run else None
        if (
            prev is not None
            and prev.precision == p.precision
            and _COORDINATED.fullmatch(text, prev.end or 0, p.start or 0) is not None
        ):
            if p.name.lower() not in {q.name.lower() for q in run}:
                run.append(p)
            continue
        if len(run) >= 2:
            break
        run = [p]
    if len(run) < 2 or not _attacked_at(text, run[0]):
        return [d]
    coarse = [p for p in d.places if p.precision == "country" and all(p is not q for q in run)]
    kept = [p for p in d.places if all(p is not q for q in run[1:])]  # in the order told
    first = replace(d, places=kept, sents=set(d.sents), claims=list(d.claims), group=d.start)
    copies = [
        replace(d, places=[p, *coarse], sents=set(d.sents), claims=[], copy=True, group=d.start)
        for p in run[1:]
    ]
    return [first, *copies]


def _attacked_at(text: str, p: Place) -> bool:
    """Are coordinated places starting at ``p`` where the attack was ("strikes on Khost and Kunar",
    "shelling hit Homs and Hama"), not where it came from, a route or where victims or forces
    came from ("between Kabul and Jalalabad", "drones launched from Kandahar and Herat", "troops
    based in Quetta and Peshawar", "people from Kunar and Paktia")? The lexicon's
    ``split_place_before`` and ``split_place_not_before``."""
    start = p.start or 0
    before = text[max(0, start - _SPLIT_LOOKBACK) : start]
    return _SPLIT_BEFORE.search(before) is not None and _SPLIT_NOT_BEFORE.search(before) is None


def _is_copy_for(x: _Draft, d: _Draft) -> bool:
    """A place split off a trigger is no target for a mention that names no place finer than a
    country: that one is told of the trigger's first place (its first event), not of the last."""
    return x.copy and not any(p.precision not in ("country", None) for p in d.places)


def _told_of(text: str, drafts: Sequence[_Draft], places: Sequence[Place], s: int) -> _Draft | None:
    """The incident that a sentence with no trigger of its own tells of by naming its place ("In
    Kunar, 3 more died" after air strikes on Khost and Kunar): the one recent incident (told at most
    ``_MERGE_WINDOW`` sentences before) of the sentence's places finer than a country named where
    something happened (after a locative preposition, ``told_at_place_before``: not "both from
    Kherson", a place of origin); None when the sentence names none, or places of two incidents."""
    named = {
        p.name.lower()
        for p in places
        if p.precision not in ("country", None)
        and p.start is not None
        and _TOLD_AT.search(text[max(0, p.start - 40) : p.start])
    }
    if not named:
        return None
    hits = [
        d
        for d in drafts
        if s - d.last_sent <= _MERGE_WINDOW
        and named & {p.name.lower() for p in d.places if p.precision not in ("country", None)}
    ]
    return hits[0] if len(hits) == 1 else None


def _talks_place(doc: Doc, p: Place) -> bool:
    """Is ``p`` where talks are held ("despite the talks in Jeddah on Sunday", "amid a round of
    negotiations in Cairo": events.json, ``talks_nouns``)? Then it is the talks' place, given only
    to a negotiation told in its sentence: not to a battle told beside the talks, nor to an event
    of its own."""
    if p.start is None or p.end is None:
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at"):
        return False
    noun = tok.head.head
    nouns = [noun, noun.head] if noun.dep_ == "pobj" and noun.head.lower_ == "of" else [noun]
    nouns += [n.head.head for n in list(nouns) if n.dep_ == "pobj" and n.head.lower_ == "of"]
    return any(n.lemma_.lower() in _TALKS_NOUNS or n.lower_ in _TALKS_NOUNS for n in nouns)


def _against_fight(doc: Doc, text: str, target: _Draft, d: _Draft) -> bool:
    """Would ``d`` give a fight ("fighting", "hostilities": events.json, ``fight_generics``) the
    kind of violence against civilians? A fight has armed sides: rape or killings told beside
    it are no kind of it. An attack told in its own clause, with its doer and its target
    ("militiamen attacked a camp there, killing 40 civilians"), is one and still tells it."""
    told = text[target.start : target.end].lower()
    return told in _FIGHT_GENERICS and d.type.startswith(_AGAINST_CIVILIANS) and not _own_attack(doc, d)


def _own_attack(doc: Doc, d: _Draft) -> bool:
    """Is ``d`` an attack told with its own doer and target: a verb with an active subject and an
    object or an aimed preposition ("gunmen attacked a camp", "soldiers fired on the crowd")?"""
    span = doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or span.root.pos_ != "VERB":
        return False
    verb = span.root
    return any(c.dep_ == "nsubj" for c in verb.children) and bool(_patients_of(verb))


def _is_generic(text: str, start: int, end: int, etype: str) -> bool:
    """Does a trigger name violence without its kind ("the attack", "killed")? "massacres" and
    "executions" name harm only, but tell its kind: killings of people in the killers' power
    (events.json, ``kind_of_killing``), which a battle told near them does not retype."""
    if _GENERIC.fullmatch(text, start, end):
        return True
    return _is_harm_only(text, (start, end, etype)) and not _KIND_OF_KILLING.match(text, start, end)


_CARRY_VERBS = frozenset(_CASUALTY["injury_carry_verbs"])
_SOURCE_GOAL = frozenset(_CASUALTY["source_goal_prepositions"])
_HARM_VERBS = frozenset(v for kind in _CASUALTY["kinds"].values() for v in kind.get("verbs", []))


def _not_harm_locus(doc: Doc, p: Place) -> bool:
    """Is a place named where no harm happened: where the wounded were carried or treated ("6
    were treated in Kabul", "taken to a hospital in Jalalabad"), a route's goal ("drove towards
    Asadabad"), what the victims were ("residents in Quetta") or where they were doing something
    else ("wounded while playing near a school in X")? Read from the parse: the prepositions from
    the place up to the first verb, and that verb (casualty.json ``injury_carry_verbs``,
    ``source_goal_prepositions``, the kinds' verbs)."""
    if p.start is None:
        return False
    tok = next((t for t in doc if t.idx <= p.start < t.idx + max(1, len(t.text))), None)
    steps = 0
    while tok is not None and steps < 12:
        steps += 1
        head = tok.head
        if head is tok:
            return False
        if tok.dep_ == "pobj" and head.lower_ in _SOURCE_GOAL:
            return True
        if tok.dep_ == "prep" and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "attr":
            return True  # "5 of the dead were residents in Quetta"
        if head.pos_ in ("VERB", "AUX") and tok.dep_ == "prep":
            if head.lemma_.lower() in _CARRY_VERBS:
                return True
            return head.lemma_.lower() not in _HARM_VERBS and head.tag_ == "VBG"
        if head.pos_ == "NUM":
            return False
        tok = head
    return False


def _clause_set_apart(
    text: str,
    t: tuple[int, int, str],
    triggers: Sequence[tuple[int, int, str]],
    places: Sequence[Place],
    doc: Doc | None = None,
) -> int | None:
    """Is harm told in a clause set against the incident before it in its sentence, at a place of
    its own ("ten were injured in shelling in Uri, while three others were injured in Rajouri"):
    a contrast or separating cue between the last trigger of another kind before it and it, and a
    place named after it before the next trigger? Then it is an incident of its own, not the
    harm of the incident before it. Returns where the cue starts (the clause's figures, told
    before its verb, are its own from there), else None."""
    if not _is_harm_only(text, t):
        return None
    prev = [u for u in triggers if u[1] <= t[0] and not _is_harm_only(text, u)]
    if not prev:
        return None
    lo = max(u[1] for u in prev)
    cue = _CONTRAST.search(text, lo, t[0]) or _SEPARATE.search(text, lo, t[0])
    if cue is None:
        return None
    nxt = min((u[0] for u in triggers if u[0] > t[0]), default=len(text))
    # the incident before's places, and the regions holding them: a place inside one ("in Kunar,
    # whereas 11 were injured in Asadabad") is that incident's place told finer
    before = {
        n.lower() for p in places if p.start is not None and p.start < t[0] for n in (p.name, p.admin1) if n
    }
    if not any(
        p.start is not None
        and t[1] <= p.start < nxt
        and p.precision != "country"
        and p.name.lower() not in before
        and p.admin1.lower() not in before
        and (doc is None or not _not_harm_locus(doc, p))
        for p in places
    ):
        return None
    return cue.start()


def _enumerated(text: str, sent_start: int, end: int) -> bool:
    """Is an incident told as one of several ("In the second incident, ...", "another encounter
    took place in ..."): the lexicon's ``enumerated_cues`` from the sentence's start to ``end``?"""
    hit = _ENUMERATED.search(text[sent_start:end])
    # "the first major attack in Kabul since August" compares, it tells no incident in turn
    return hit is not None and _ENUMERATED_NOT.match(text, sent_start + hit.end()) is None


_THE_BEFORE = re.compile(r"\bthe\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _fold_told_finer(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """A trigger told with "the" after another of its kind in its sentence, at that one's place or
    a place inside it ("a car bomb killed six in Kunar, whereas 11 were injured in the blast in
    Asadabad"), tells that incident again: it is folded into it."""
    out: list[_Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        named = {n.lower() for p in (prev.places if prev else []) for n in (p.name, p.admin1) if n}
        own = [p for p in d.places if p.precision != "country"]
        if (
            prev is not None
            and _top(prev.type) == _top(d.type)
            and (d.dates is None or d.dates == prev.dates)
            and _THE_BEFORE.search(text, max(0, d.start - 30), d.start) is not None
            and own
            and all(p.name.lower() in named or p.admin1.lower() in named for p in own)
        ):
            known = {p.name.lower() for p in prev.places}
            prev.places += [p for p in d.places if p.name.lower() not in known]
            continue
        out.append(d)
    return out


def _drafts_for_sentence(
    triggers: list[tuple[int, int, str]],
    dates: list[DateSpan],
    places: list[Place],
    sent: int,
    text: str = "",
) -> list[_Draft]:
    """One draft per trigger; one trigger with several distinct dates splits at the dates."""
    drafts: list[_Draft] = []
    for start, end, etype in triggers:
        if (
            drafts
            and _top(drafts[-1].type) == _top(etype)
            and not any(d.span_start is not None and drafts[-1].end <= d.span_start < start for d in dates)
            and not any(p.start is not None and drafts[-1].end <= p.start < start for p in places)
        ):
            drafts[-1].end = end  # "clashes and fighting": one trigger phrase
            continue
        drafts.append(_Draft(etype, start, end, sent, sent, sents={sent}))
    if not drafts:
        return drafts
    dated = sorted(
        (d for d in dates if d.start and d.span_start is not None), key=lambda d: d.span_start or 0
    )
    if len(drafts) == 1 and _night_and_day(dated, places, text):
        # "the fighting, which began late on Saturday, ended early on Sunday": one incident over
        # the two days, not one per day
        first, last = min(d.start for d in dated if d.start), max(d.end or d.start for d in dated if d.start)
        drafts[0].dates = DateSpan(first, last, "day", "; ".join(d.text for d in dated), dated[0].span_start)
        for p in places:
            drafts[0].places.append(p)
        return drafts
    if len(drafts) == 1 and len({(d.start, d.end) for d in dated}) > 1:
        base = drafts[0]
        segments: list[_Draft] = []
        prev = -1
        for ds in dated:
            cut = ds.span_end or 0
            seg = [p for p in places if p.start is not None and prev < p.start < cut]
            segments.append(
                _Draft(
                    base.type,
                    base.start,
                    base.end,
                    sent,
                    sent,
                    dates=ds,
                    places=seg,
                    sents={sent},
                    seg_end=cut,
                )
            )
            prev = cut
        segments[-1].places += [p for p in places if p.start is not None and p.start >= prev]
        segments[-1].seg_end = 1 << 62  # to the end of the sentence
        return segments
    for d in drafts:
        anchor = d.start
        near = [x for x in dates if x.span_start is not None and x.start is not None]
        if near:
            d.dates = min(near, key=lambda x: abs((x.span_start or 0) - anchor))
    for p in places:
        if p.start is None:
            continue
        before = [d for d in drafts if d.start <= p.start]
        owner = before[-1] if before else drafts[0]
        owner.places.append(p)
    return drafts


# between a place and the next place's figure: "over the Ryazan Region, 27 over", "in Hama, and 12 in"
_DISTRIBUTED_GAP = re.compile(_EVENTS_LEXICON["distributed_gap"], re.IGNORECASE)
_DISTRIBUTED_BEFORE = re.compile(_EVENTS_LEXICON["distributed_place_before"], re.IGNORECASE)
_DISTRIBUTED_REACH = 60  # characters from a figure to its place
# between a figure told before its place and the next figure of the same place: "25 were killed and 40"
_DIGIT = re.compile(r"\d")
_PART_CUE = re.compile(  # "including five children": a part told of a share (casualty.json, breakdown_cues)
    r"\b(?:"
    + "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in _CASUALTY["breakdown_cues"] if w.strip()[:1].isalpha()
    )
    + r")\s+$",
    re.IGNORECASE,
)
_JOINED_FIGURE = re.compile(_EVENTS_LEXICON["distributed_joined"], re.IGNORECASE)


def _distributed(
    text: str, figures: Sequence[tuple[int, int]], places: Sequence[Place], doc: Doc | None = None
) -> list[tuple[Place, int, int]]:
    """Figures given place by place in one sentence ("11 drones were downed over A, 28 over B and
    17 over C", "12 were injured in A, and two killed in B"): each figure followed closely by a
    place it is told at, the next figure right after that place. Returns each place with its
    stretch of the sentence (from its figure to the next one's), when two or more places are told
    so; else nothing."""
    figs = sorted(set(figures))
    located = sorted(
        (p for p in places if p.start is not None and p.end is not None), key=lambda p: p.start or 0
    )
    runs: list[list[tuple[Place, int, int]]] = [[]]
    joined: int | None = (
        None  # a figure told before its place, joined to the next ("25 killed and 40 wounded in A")
    )
    for i, (a, b) in enumerate(figs):
        nxt = figs[i + 1][0] if i + 1 < len(figs) else None
        limit = b + _DISTRIBUTED_REACH if nxt is None else min(nxt, b + _DISTRIBUTED_REACH)
        p = next((q for q in located if b <= (q.start or 0) < limit), None)
        if p is not None and _DIGIT.search(text, b, p.start or 0) is not None:
            p = None  # "56 drones: 11 over A": the place is the next number's, not this one's
        if p is None and nxt is not None and _JOINED_FIGURE.fullmatch(text, b, nxt) is not None:
            joined = a if joined is None else joined
            continue
        if p is None or _DISTRIBUTED_BEFORE.search(text, max(0, (p.start or 0) - 16), p.start or 0) is None:
            runs.append([])
            joined = None
            continue
        if doc is not None and not runs[-1] and _not_harm_locus(doc, p):
            runs.append([])  # "12 were treated in A and 6 in B": where the wounded went, not the harm's place
            joined = None
            continue
        runs[-1].append((p, a if joined is None else joined, nxt if nxt is not None else p.end or b))
        joined = None
        if nxt is None or _DISTRIBUTED_GAP.fullmatch(text, p.end or 0, nxt) is None:
            runs.append([])
    best = max(runs, key=len)
    names = {p.name.lower() for p, _, _ in best}
    return best if len(best) >= 2 and len(names) == len(best) else []


def _day(ds: DateSpan | None) -> tuple[date | None, date | None]:
    return (ds.start, ds.end) if ds is not None else (None, None)


def _period(ds: DateSpan | None) -> bool:
    """Does a date span a period longer than a week ("last year", "in September")?"""
    return ds is not None and ds.start is not None and ds.end is not None and (ds.end - ds.start).days > 7


def _split_distributed(
    drafts: list[_Draft],
    text: str,
    starts: Sequence[int],
    by_sent_place: Sequence[Sequence[Place]],
    claims: Sequence[Claim],
    doc: Doc | None = None,
) -> list[_Draft]:
    """Figures given place by place ("56 drones were downed. 11 over A, 28 over B and 17 over C")
    are one incident per place, each holding the figures of its own stretch of the sentence, as ACLED
    codes one event per location; the incident they were told of stays the aggregate of them with
    every place (the annotation's aggregate event) when it is told in other sentences too, and is
    the first place's incident when told in that sentence alone."""
    figures: dict[int, list[tuple[int, int]]] = {}
    for c in claims:
        if not c.prior and not (c.subset and _PART_CUE.search(text, max(0, c.span[0] - 16), c.span[0])):
            # "including five children" is a part of a share, no share of its own
            figures.setdefault(_which(starts, c.span[0]), []).append(c.span)
    out = list(drafts)
    for s, spans in sorted(figures.items()):
        run = _distributed(text, spans, [p for p in by_sent_place[s] if p.precision != "country"], doc)
        if not run:
            continue
        holders = [d for d in out if s in d.sents and d.seg_end is None and not d.copy]
        if not holders:  # a sentence of figures alone: the incident told before it
            earlier = [d for d in out if min(d.sents) <= s and d.seg_end is None and not d.copy]
            holders = [max(earlier, key=lambda d: max(x for x in d.sents if x <= s))] if earlier else []
        if not holders:
            continue
        # the incident whose trigger the sentence tells, else the one told on in it
        anchor = min(holders, key=lambda d: (d.sent != s, d.start))
        if _period(anchor.dates):
            continue  # "last year 120 were killed in A, 80 in B": statistics of a period, no incidents
        # a place whose share a list told before already gave ("a toll by province" after the day's)
        parted = {p.name.lower() for d in out if d.seg_start is not None for p in d.places[:1]}
        run = [(p, lo, hi) for p, lo, hi in run if p.name.lower() not in parted]
        if len(run) < 2:
            continue
        told = {p.name.lower() for p, _, _ in run}
        known = {p.name.lower() for p in anchor.places}
        anchor.places += [p for p, _, _ in run if p.name.lower() not in known]
        coarse = [p for p in anchor.places if p.precision == "country"]
        parts = [
            replace(
                anchor,
                aggregate=False,
                places=[p, *coarse],
                sents={s},
                sent=s,
                last_sent=s,
                claims=[],
                seg_start=lo,
                seg_end=hi,
            )
            for p, lo, hi in run
        ]
        # a total: told in another sentence of the incident, or in this one before the first share
        # ("killed 40 people, 25 in A, 10 in B")
        total = any(x in figures for x in anchor.sents if x != s) or any(a < run[0][1] for a, _ in spans)
        if not total:
            # no total ("The dead numbered 25 in A and 15 in B"): the anchor is the first place's incident
            first = run[0][0]
            parts[0].places = [first, *(p for p in anchor.places if p.name.lower() not in told)]
            parts[0].seg_start = starts[s]  # with the words told before the first place's
            parts[0].sents, parts[0].last_sent = set(anchor.sents) | {s}, max(anchor.last_sent, s)
        else:
            anchor.aggregate = True
            parts.insert(0, anchor)  # the aggregate, before its places' incidents
        # other drafts of that sentence alone, of that kind, telling only those places: the parts tell them
        kept: list[_Draft] = []
        for d in out:
            if d is anchor:
                kept += parts
            elif (
                d.copy
                and anchor.group is not None
                and d.group == anchor.group
                and d.places[0].name.lower() in told
            ):
                continue  # a place the lede split off, now told by its share
            elif not (
                d.sents == {s}
                and d.seg_end is None
                and _top(d.type) == _top(anchor.type)
                and {p.name.lower() for p in d.places if p.precision != "country"} <= told
            ):
                kept.append(d)
        out = kept
    return out


_FULLER_DAYS = 2
"""The longest span a later telling of an incident may widen its one day to ("began late on
Saturday, ended early on Sunday" after "clashes on Sunday")."""


def _fuller(told: DateSpan | None, again: DateSpan | None) -> DateSpan | None:
    """An incident's date told again in a later sentence: the first telling's, unless the later
    one gives the incident's days in full around that one day (the night of Saturday into Sunday
    after "on Sunday")."""
    if told is None or again is None:
        return told or again
    if told.precision != "day" or again.precision != "day" or told.start != told.end:
        return told
    if told.start is None or again.start is None or again.end is None:
        return told
    if again.start <= told.start <= again.end and (again.end - again.start).days < _FULLER_DAYS:
        return again
    return told


_NIGHT_AND_DAY = re.compile(_EVENTS_LEXICON["night_and_day_cues"], re.IGNORECASE)
_FIGURE_BETWEEN = re.compile(_EVENTS_LEXICON["night_and_day_figures"], re.IGNORECASE)


def _night_and_day(dated: Sequence[DateSpan], places: Sequence[Place] = (), text: str = "") -> bool:
    """Two dates of one trigger's sentence, each one day, on two consecutive days, told as the
    start and end of one incident ("began late on Saturday, ended early on Sunday", "from
    Saturday into Sunday", "overnight"): the words between them hold a start/end or night cue
    (events.json, night_and_day_cues), and no place or figure of a second incident ("four in
    Kurram on Sunday and six more in Bajaur on Monday": two incidents, one per day)."""
    days = {d.start for d in dated if d.precision == "day" and d.start is not None and d.start == d.end}
    if len(days) != 2 or len(days) != len({(d.start, d.end) for d in dated}):
        return False
    a, b = sorted(days)
    if (b - a).days != 1:
        return False
    first = min(dated, key=lambda d: d.span_start or 0)
    last = max(dated, key=lambda d: d.span_start or 0)
    lo, hi = first.span_end or first.span_start or 0, last.span_start or 0
    if any(p.start is not None and lo <= p.start < hi for p in places):
        return False
    between = text[lo:hi]
    return _NIGHT_AND_DAY.search(between) is not None and _FIGURE_BETWEEN.search(between) is None


def _told_at(c: Claim) -> int:
    """Where a claim is first told: a restated figure's span points at the later words that give
    its figure, but it belongs to the incident of its first telling."""
    return c.span[0] if c.told_at is None else c.told_at


def _not_its_own(d: _Draft, s: int, at: int) -> bool:
    """Is a claim told in a copy's first sentence (a place split off a trigger) before any trigger
    of the copy's own place there? Then it is the trigger's, held by the first event."""
    return d.copy and s == d.sent and (d.own_from is None or at < d.own_from)


def _outside_share(d: _Draft, s: int, at: int) -> bool:
    """Is a claim told in the sentence of a place's share of figures given place by place, but
    outside that place's stretch? Then it is not that place's."""
    return d.seg_start is not None and s == d.sent and not (d.seg_start <= at < (d.seg_end or 0))


def _month_of(published: date) -> DateSpan:
    return DateSpan(published.replace(day=1), published, "month")


def _actors_of(actors: Sequence[ActorMention], spans: list[tuple[int, int]], etype: str) -> list[Party]:
    out: list[Party] = []
    seen: set[tuple[str, str, int | None]] = set()
    civilians = etype.startswith("Violence against civilians")
    for a in actors:
        if not any(s <= a.start < e for s, e in spans):
            continue
        if a.role not in _AGENT_ROLES and not (civilians and a.inter == 7):
            continue
        key = (a.name, a.country, a.inter)
        if key not in seen:
            seen.add(key)
            out.append(Party(a.name, a.country, a.inter, a.start, a.end))
    return out


_IMPLIED: dict[str, Any] = _EVENTS_LEXICON.get("implied_actors", {})
_ARMED_INTERS = frozenset({1, 2, 3, 4, 8})


def _implied_actors(found: list[Party], etype: str, country: str) -> list[Party]:
    """ACLED's actors by type: a protest's protesters, a riot's rioters, the civilians attacked
    and, with no armed actor named, an unidentified armed group (events.json, implied_actors)."""
    key = max((k for k in _IMPLIED if etype.startswith(k)), key=len, default=None)
    if key is None:
        return found
    rule = _IMPLIED[key]
    only = rule.get("only")
    out = [a for a in found if only is None or a.inter in only]
    for add in rule.get("add", []):
        if any(a.inter == add["inter"] for a in out):
            continue
        if add.get("unless_armed") and any(a.inter in _ARMED_INTERS for a in out):
            continue
        out.append(Party(add["name"], country, add["inter"]))
    return out


def assemble_events(
    doc: Doc,
    *,
    main: EventTypeGuess,
    triggers: Sequence[tuple[int, int, str]],
    dates: Sequence[DateSpan],
    places: Sequence[Place],
    actors: Sequence[ActorMention],
    claims: list[Claim],
    published: date | None,
    focus_country: str = "",
) -> list[Event]:
    """The document's events, main event first; sets ``event_ref`` on ``claims``."""
    starts, ends = _sent_index(doc)
    if not starts:
        return []
    text = doc_text(doc)
    n = len(starts)
    by_sent_trig: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
    by_sent_date: list[list[DateSpan]] = [[] for _ in range(n)]
    by_sent_place: list[list[Place]] = [[] for _ in range(n)]
    by_sent_talks: list[list[Place]] = [[] for _ in range(n)]
    sent_dates: list[list[DateSpan]] = [[] for _ in range(n)]
    for ds in dates:
        if ds.span_start is not None:
            sent_dates[_which(starts, ds.span_start)].append(ds)
    for t in triggers:
        # "the threat of attack" is no attack; "the worst since the Taliban returned to power"
        # measures from a past event, it does not report one ("killed since militants attacked
        # the post on Sunday" does)
        told = sent_dates[_which(starts, t[0])]
        if cross_link(doc, t[0]):
            continue  # "Also Read: Bus crash kills four": another story's headline
        if not _irrealis(text, t[0], t[1]) and not since_background(
            text, t[0], told, published, undated=True
        ):
            by_sent_trig[_which(starts, t[0])].append(t)
    for k, mentioned in enumerate(sent_dates):
        # "the TTP, a group formed in 2007", "the deadliest since the Taliban returned to power in
        # 2021": no incident's date
        by_sent_date[k] = [ds for ds in mentioned if not background_date(text, ds, mentioned, published)]
    named = Counter(p.country for p in places if p.country)
    named.update(a.country for a in actors if a.country)
    lines = find_lines(text, focus_country, border_partner(focus_country, named))
    resolving = any(p.lat is not None for p in places)
    datelines: list[tuple[Place, int]] = []
    for p in [*places, *lines, *find_regions(text)]:  # borders, front lines and parts of a country too
        if (
            p.start is not None
            and not _metonym(text, p)
            and not no_incident_place(doc, p)
            and not cross_link(doc, p.start)
        ):
            body = _dateline(text, p)
            if body is not None:
                if not focus_country or not p.country or p.country == focus_country:
                    datelines.append((p, body))  # a dateline abroad is no place of the story's incidents
                continue
            # where talks are held is theirs: no other event's, told beside them or near
            (by_sent_talks if _talks_place(doc, p) else by_sent_place)[_which(starts, p.start)].append(p)
    # where the report is filed places the lede's incidents only as a fallback (below)
    ledes = [
        (p, body, _which(starts, min(body + len(text[body:]) - len(text[body:].lstrip()), len(text) - 1)))
        for p, body in datelines
    ]

    verb_at = verb_finder(doc)
    toll_claims = [c for c in claims if not c.prior and c.kind in _TOLL_KINDS]
    toll_spans = [c.span for c in toll_claims]
    toll_starts = [a for a, _ in toll_spans]
    tolls = sorted((c.span[0], c.claimant.name.lower()) for c in toll_claims)
    drafts: list[_Draft] = []
    told_on: list[tuple[_Draft, int]] = []  # an incident and a sentence that goes on telling of it

    def added_toll(lo: int, hi: int) -> bool:
        """Does a toll of the sentence add to one told ("3 more people", "another 4")?"""
        return any(lo <= a < hi and _added(text, a, b) for a, b in toll_spans)

    for s in range(n):
        here_trig = by_sent_trig[s]
        apart_at = {t: _clause_set_apart(text, t, here_trig, by_sent_place[s], doc) for t in here_trig}
        strong = [t for t in here_trig if not _is_harm_only(text, t) or apart_at[t] is not None]
        if strong:
            here_trig = strong
        elif (
            here_trig
            and drafts
            and s - drafts[-1].last_sent <= _MERGE_WINDOW
            and not by_sent_place[s]
            and not _enumerated(text, starts[s], ends[s])
        ):
            here_trig = []  # "Two more were killed." elaborates the incident before it
        new = _fold_told_finer(
            text, _drafts_for_sentence(here_trig, by_sent_date[s], by_sent_place[s], s, text)
        )
        for d in new:  # a clause set apart holds the figures told from its cue on
            d.own_from = next((at for t, at in apart_at.items() if at is not None and t[0] == d.start), None)
        told_as = [d.type for d in new]
        _retype(text, new, starts[s], ends[s])
        for d, was in zip(new, told_as, strict=True):
            # where talks were held: the negotiation or the deal told in that sentence holds it
            # ("reached a ceasefire agreement, following talks in Malaysia")
            if {was, d.type} & _TALKS_HOLDERS:
                d.places += by_sent_talks[s]
        _patient_decides(doc, new)
        recent = drafts[-1] if drafts and s - drafts[-1].last_sent <= _MERGE_WINDOW else None
        battle_before = recent is not None and recent.type == _CLASH
        _weapon_decides(doc, new, battle_before)
        for d in new:
            d.generic = _is_generic(text, d.start, d.end, d.type)
        if n > _SHORT_REPORT:
            new = [x for d in new for x in _split_at_places(text, d, ends[s])]
        if not new:
            told_of = _told_of(text, drafts, by_sent_place[s], s)
            if told_of is not None:
                # "In Kunar, 3 more died" after strikes on Khost and Kunar: Kunar's incident told on
                told_of.sents.add(s)
                for kin in drafts:  # the places split off one trigger are told on together
                    if kin is told_of or (told_of.group is not None and kin.group == told_of.group):
                        kin.last_sent = max(kin.last_sent, s)
                days = [ds for ds in by_sent_date[s] if ds.precision != "year"]
                told_of.dates = told_of.dates or (days[0] if days else None)
                continue
            if drafts and s - drafts[-1].last_sent <= 1:
                last = drafts[-1]
                # the next sentence's date dates the incident it elaborates, but a bare year
                # there is background ("a group formed in 2007"), not the incident's date
                told = [ds for ds in by_sent_date[s] if ds.precision != "year"]
                if last.dates is None and told:
                    for kin in drafts:  # every place split off one trigger takes the date
                        if kin is last or (last.group is not None and kin.group == last.group):
                            kin.dates = kin.dates or told[0]
                if not last.places and by_sent_place[s]:
                    last.places = list(by_sent_place[s])
                else:
                    told_on.append((last, s))
            continue
        for d in new:
            # a trigger with a toll of its own after another toll of its sentence is another incident
            apart = _tolled_apart(doc, text, d, tolls, verb_at, starts[s], ends[s])
            # "Separately, a drone strike killed 2": no incident told before the cue, of its kind or
            # not (not "the army separately said the drone strike killed 8": another source)
            # ... and so does a time shift ("Hours earlier, on 14 August, a house was set on fire")
            # where the sentence gives the trigger's incident a date or a place no incident told
            # before has: without, it recalls a step of one told ("Later, troops cleared the area",
            # "Later in the day, the strikes on Kabul ...")
            told_places = {p.name.lower() for x in drafts for p in x.places}
            pinned = _new_date(d, drafts, added_toll(starts[s], ends[s])) or any(
                p.precision not in ("country", None) and p.name.lower() not in told_places for p in d.places
            )
            cue = _set_apart(doc, text, starts[s], ends[s], d.start, generic=d.generic, pinned=pinned)
            # one of several incidents told in turn, at a place or on a date of its own ("In the
            # second incident, two were killed near X"): its own incident, joining none told before
            # its sentence (the announcement of them included); with none ("another strike killed
            # three") it is a part of the incident told before
            told_last = drafts[-1] if drafts else None
            in_turn = _enumerated(text, starts[s], d.end) and (
                (d.dates is not None and (told_last is None or _day(told_last.dates) != _day(d.dates)))
                or any(
                    p.precision != "country"
                    and (
                        told_last is None or p.name.lower() not in {q.name.lower() for q in told_last.places}
                    )
                    for p in d.places
                )
            )
            target = next(
                (
                    x
                    for x in reversed(drafts)
                    if not _is_copy_for(x, d)
                    and not (cue is not None and x.start < cue)
                    and not (in_turn and s not in x.sents)
                    and (
                        (
                            _compatible(x, d)
                            and (
                                s - x.last_sent <= _MERGE_WINDOW or (x.type == d.type and _adds_nothing(x, d))
                            )
                        )
                        or _same_incident(x, d, s - x.last_sent)
                        or (not apart and _told_again(x, d, text, starts[s]))
                        or (not apart and _answers(x, d, text, starts[s], s, doc, toll_starts))
                        or _same_talks(x, d)
                        or _same_state(x, d)
                    )
                ),
                None,
            )
            if target is None:
                drafts.append(d)
                continue
            if target.generic and not d.generic and not _against_fight(doc, text, target, d):
                target.type, target.generic = d.type, False  # the incident's kind, told at last
            if target.copy and s == target.sent and d.start > target.start:
                # a trigger of the copy's own place in its first sentence ("air strikes hit Khost
                # and Kunar, and shelling in Kunar killed 5"): the claims told after it are its own
                target.own_from = d.start if target.own_from is None else min(target.own_from, d.start)
            target.last_sent = s
            for kin in drafts:  # the places split off one trigger are told on together
                if target.group is not None and kin.group == target.group:
                    kin.last_sent = max(kin.last_sent, s)
            target.sents.add(s)
            target.dates = _fuller(target.dates, d.dates)
            known = {p.name.lower() for p in target.places}
            target.places += [p for p in d.places if p.name.lower() not in known]

    drafts = _fold_parts_of_violence(drafts)
    _place_by_dateline(drafts, ledes)

    short_record = n <= _SHORT_REPORT and (
        any(by_sent_date) or any(by_sent_place) or any(a.role in _AGENT_ROLES for a in actors)
    )
    planned = main.trigger is not None and _irrealis(text, *main.trigger)
    if not drafts and (claims or (not planned and (main.score > 0 or short_record))):
        # a short report that names a date, a place or an armed or political actor is an event
        # record even when no trigger fired; one whose only trigger is planned, offered or
        # threatened ("will hold talks in Istanbul on Monday") tells no event
        s = _which(starts, main.trigger[0]) if main.trigger else 0
        drafts.append(_Draft(main.type, *(main.trigger or (starts[0], starts[0])), s, s, sents={s}))
        drafts[0].dates = by_sent_date[s][0] if by_sent_date[s] else None
        drafts[0].places = list(by_sent_place[s])

    # Past a short report (analysis, opinion, a story with background) a trigger with nothing to
    # pin it down ("their arrests", "demanding an end to the war", "cross-border attacks") is rarely
    # an incident: keep drafts with a claim, a date written in the text or a place finer than a country.
    # With a gazetteer, a name it could not resolve is no such place: what NER takes for one in
    # background and analysis ("the Alawites", "T20", "Palm Sunday") is rarely a place at all.
    if n > _SHORT_REPORT:
        claim_sents = {_which(starts, _told_at(c)) for c in claims}
        drafts = [
            d
            for d in drafts
            if d.sents & claim_sents
            or d.dates is not None
            or any(_finer_than_country(p, resolving) and not _bare_border(text, p) for p in d.places)
            or _holds(d, main)
            or d.type == _AGREEMENT  # a ceasefire or a deal is an event wherever it was struck
        ]

    drafts = _split_distributed(drafts, text, starts, by_sent_place, claims, doc)

    # the main event: in a short report, which tells one incident, the draft holding the whole-text
    # classifier's trigger, with the classifier's type; in a longer piece, the first told (the lede's)
    if drafts and main.score > 0 and not (main.trigger and _irrealis(text, *main.trigger)):
        if n <= _SHORT_REPORT:
            hit = [i for i, d in enumerate(drafts) if _holds(d, main)]
            drafts.insert(0, drafts.pop(hit[0] if hit else 0))
            drafts[0].type = main.type
        elif _holds(drafts[0], main):
            drafts[0].type = main.type

    # claims to events: the sentence's draft, else the latest before, else the main event
    for ci, c in enumerate(claims):
        if c.prior:
            continue  # an earlier incident given as background: no event of this document
        at = _told_at(c)  # a restated figure belongs where it was first told
        s = _which(starts, at)
        here = [
            i
            for i, d in enumerate(drafts)
            if s in d.sents and not _not_its_own(d, s, at) and not _outside_share(d, s, at)
        ]
        if here:
            split = [
                i
                for i in here
                if drafts[i].seg_end is not None
                and (drafts[i].seg_start or 0) <= at < (drafts[i].seg_end or 0)
            ]
            before = [i for i in here if (drafts[i].own_from or drafts[i].start) <= at]
            before.sort(key=lambda i: drafts[i].own_from or drafts[i].start)
            # the one incident whose trigger the figure's own clause tells ("a strike killed 5
            # people, but 2 soldiers died in clashes": the 2 are the clashes', told after them)
            verb = verb_at(at)
            clause = [
                i
                for i in here
                if verb is not None and starts[s] <= drafts[i].start and verb_at(drafts[i].start) == verb
            ]
            ref = split[0] if split else clause[0] if len(clause) == 1 else before[-1] if before else here[0]
        else:
            earlier = [i for i, d in enumerate(drafts) if min(d.sents) <= s]
            ref = max(earlier, key=lambda i: max(x for x in drafts[i].sents if x <= s)) if earlier else 0
        if c.tally or (n <= _SHORT_REPORT and ref and not _distinct(drafts[ref], drafts[0])):
            ref = 0  # a short report tells one incident (and a record's tally is the record's)
        if drafts:
            c.event_ref = ref
            c.sentence = s if at == c.span[0] else _which(starts, c.span[0])  # the span's sentence
            drafts[ref].claims.append(ci)

    # the toll of the main incident often comes paragraphs later, in sentences that name no date:
    # when the main event counts no dead, an undated incident of the same family that does is the
    # main one told again (a later paragraph is often typed apart: "the funeral", "the rubble"),
    # unless the two name different places ("strikes on Kabul" ... "the clash in Orakzai") or a cue
    # sets it apart ("Separately, 2 soldiers were killed in clashes"; the lexicon's ``apart_cues``
    # opening its sentence, no trigger there a definite mention: "Meanwhile, doctors said 12 were
    # killed in the bombing" is the main one): then the first such incident is one of its own, and
    # no later one is the main incident either
    if drafts and not any(claims[i].kind == "killed" for i in drafts[0].claims):
        for d in drafts[1:]:
            if d.seg_start is not None:
                continue  # a place's share of figures given place by place is its own
            if (d.dates is None or d.dates == drafts[0].dates) and any(
                claims[i].kind == "killed" for i in d.claims
            ):
                trig_at = [t[0] for t in by_sent_trig[d.sent]] or [d.start]
                if (
                    _elsewhere(d, drafts[0])
                    or _set_apart(doc, text, starts[d.sent], ends[d.sent], *trig_at, later=True) is not None
                ):
                    break
                for i in d.claims:
                    claims[i].event_ref = 0
                drafts[0].claims += d.claims
                drafts[0].sents |= d.sents
                d.claims = []
                break

    # where: an incident with no resolved place takes the resolved places of a short report, or
    # of the sentences around it; places are listed most specific first (ACLED codes the finest)
    for i, d in enumerate(drafts):
        if any(p.lat is not None for p in d.places):
            continue
        lo, hi = (0, n - 1) if n <= _SHORT_REPORT and i == 0 else (min(d.sents) - 1, max(d.sents) + 1)
        near = [
            p for s in range(max(lo, 0), min(hi, n - 1) + 1) for p in by_sent_place[s] if p.lat is not None
        ]
        known = {p.name.lower() for p in d.places}
        d.places += [p for p in near if p.name.lower() not in known]
    for d, s in told_on:  # after segmentation: the places found here split or join no incident
        d.places += _finer_told_on(doc, d.places, by_sent_place[s])
    _lend_places(drafts, text, starts, ends)
    if drafts and n <= _SHORT_REPORT:
        _finest_inside(drafts[0], [p for ps in by_sent_place for p in ps])
    for d in drafts:
        _country_over(d, places)
    focus: str = doc._.focus_country or ""
    for d in drafts:
        anchors = _anchors(text, d.places)
        d.places.sort(key=lambda p: _place_rank(p, focus, p.start in anchors))

    events: list[Event] = []
    for d in drafts:
        spans = [(starts[s], ends[s]) for s in sorted(d.sents)]
        dates_ = overnight_dates(text, spans, d.dates) if d.dates else None
        dates_ = dates_ or (_month_of(published) if published else DateSpan(None, None, None))
        own = [claims[i] for i in d.claims]
        where = [(0, len(text))] if n <= _SHORT_REPORT and d is drafts[0] else spans
        # a place split off a trigger holds no toll of the trigger's sentence, told or untold
        # ("strikes on Khost and Kunar caused heavy casualties" is one toll, on the first event)
        tolled = [(a, b) for a, b in spans if not (d.copy and a == starts[d.sent])]
        if d.copy:
            where = tolled
        fat = event_fatalities(
            own,
            unquantified_deaths=any(_UNQUANTIFIED.search(text, a, b) for a, b in where),
            plural_deaths=_plural_deaths(text, tolled),
        )
        scope: Scope = "aggregate" if d.aggregate or _is_aggregate(dates_, own) else "incident"
        first = spans[0]
        summary = text[first[0] : first[1]].strip().replace("\n", " ")
        if len(summary) > _SUMMARY_CHARS:
            summary = summary[: _SUMMARY_CHARS - 1].rstrip() + "…"
        events.append(
            Event(
                type=d.type,
                dates=dates_,
                locations=list(d.places),
                actors=_implied_actors(
                    _actors_of(actors, spans, d.type), d.type, _country_of(d.places, places)
                ),
                fatalities=fat,
                scope=scope,
                summary=summary,
                span=(d.start, d.end),
            )
        )
    return events


# "Moscow, 13 October 2025:", "WASHINGTON (AP) -", "KHARTOUM, Sudan, Oct 3 (Reuters) -", "date
# 2025-05-08 JAMMU/SRINAGAR, 7 May:": where the report was filed, opening a line: the place, then
# only its country, a date and an agency in brackets (capitalised words, numbers), then a colon or
# a dash; with a date, the body may follow at once or on the next line ("Jerusalem, Dec 8 Troops
# seized", "Phnom Penh (AFP) Dec 9, 2025"). Not "Rafah (where most displaced people shelter)",
# "Donetsk region:", "El Fasher - the last army stronghold - fell"
_DATELINE_LEAD = re.compile(r"(?:\s*date \d{4}-\d{2}-\d{2})?\s*$")
_DATELINE_SEP = re.compile(r"[^\n]{0,50}?(?::|\s[-–—]\s|[–—])")
# possessive (``*+``, ``++``): a run of capitals or digits is read one way only, so a line that
# fails to match ("ABCDEFGHIJKLMNOPQRSTUVWXYZ&:") fails at once instead of trying every split of it
_DATELINE_MID = re.compile(r"(?:[\s,/]|\([A-Z][^()\n]*+\)|[A-Z][\w'’.]*+|\d++(?:st|nd|rd|th)?)*+")
_DATELINE_DATED = re.compile(r"\d|\(")
_MONTHS = "|".join(
    sorted({*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"}, key=len, reverse=True)
)
_DATELINE_DATE = re.compile(
    rf"(?:,?[ \t]*[A-Z][\w'’.]*)?(?:[ \t]*\([A-Z][^()\n]{{0,30}}\))?,?[ \t]*"
    rf"(?:(?:{_MONTHS})\.?[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+(?:{_MONTHS})\.?)(?:,?[ \t]+\d{{4}})?"
    rf"(?:[ \t]*\([A-Z][^()\n]{{0,30}}\))?(?:[ \t]+(?=[A-Z])|[ \t]*(?=\n))"
)
_SENTENCE_ENDS = frozenset('.!?"”')
_HEADED_LINE = re.compile(r"^[ \t]*[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}[ \t]*:[ \t]", re.MULTILINE)


def _dateline(text: str, p: Place) -> int | None:
    """Where the report's body starts, when a place is the dateline of a report. Where the reporter
    files from is no place of the incidents told elsewhere ("Moscow, 13 October: Russia called for
    restraint after border clashes between Pakistan and Afghanistan", "Jerusalem, Dec 8: troops
    took a hilltop across the border").

    A dateline with a date or an agency ("Kabul, Oct 12 (Reuters) -"), or in capitals ("BEIRUT -",
    "ISLAMABAD:"), opens any line (a page puts headlines and captions before it); a bare place
    and a colon or a dash ("Quetta: A bomb blast ...") only the first line so headed, and only
    before the body's first sentence: the lines after it are those of a roundup or a live blog
    ("Rafah: A strike on a house ...") or the body's own ("... said.\nRafah - The army said")."""
    if p.start is None or p.end is None:
        return None
    line = text.rfind("\n", 0, p.start) + 1
    if not _DATELINE_LEAD.fullmatch(text, line, p.start):
        return None
    dated = _DATELINE_DATE.match(text, p.end)
    if dated is not None:
        return dated.end()
    sep = _DATELINE_SEP.match(text, p.end)
    if sep is None:
        return None
    mid = text[p.end : sep.end()].rstrip(" \t:-–—")
    if not _DATELINE_MID.fullmatch(mid):
        return None
    if _DATELINE_DATED.search(mid) or text[p.start : p.end].isupper():
        return sep.end()
    after = text[sep.end() :].lstrip(" \t")
    if (
        after
        and not after[0].islower()
        and _HEADED_LINE.search(text, 0, max(0, line - 1)) is None
        and not (
            not sep.group().rstrip().endswith(":")
            and any(x.rstrip()[-1:] in _SENTENCE_ENDS for x in text[:line].split("\n") if x.strip())
        )
    ):
        return sep.end()  # not after a sentence of the body ("... said.\nRafah - Israel's army said")
    return None


def _place_by_dateline(drafts: Sequence[_Draft], ledes: Sequence[tuple[Place, int, int]]) -> None:
    """Where the report is filed places an incident of its first sentence that its own sentences
    place nowhere ("Kabul, 9 Oct: strikes hit Paktika" keeps Paktika; "MOSCOW - Russia's troops
    took a village" gets Moscow): wire copy often names the town of the incident in its dateline
    alone. A finer place told on in a later sentence replaces it ("Kyiv, Oct 3 -
    missiles killed 14 ... Most of the dead were in Dnipro"), and it never overrides a country
    of the incident's own sentences ("Kharkiv, Oct 3 - Russia launched drones ..."). The
    dateline's own country is no such place ("Peshawar, Pakistan - A suicide bomber ...")."""
    for p, body, s in ledes:
        for d in drafts:
            own = [q for q in d.places if not (p.start or 0) <= (q.start or -1) < body]
            if (s in d.sents or d.sent == s) and not own:
                d.places.insert(0, p)


def _metonym(text: str, p: Place) -> bool:
    """Is a capital named as its government ("Islamabad said", "Kabul denied the charge",
    "Islamabad and Kabul agreed", "Islamabad, meanwhile, has not confirmed", "a response from
    Kabul")? Then it is no place of the incident told around it. After a preposition it is a
    place ("Police in Kabul said ...")."""
    if p.end is None or p.name not in capital_countries():
        return False
    if p.start is not None and _METONYM_BEFORE.search(text, max(0, p.start - 32), p.start):
        # "a response from Islamabad", not "a protest by Nairobi traders" (the people, a place)
        return _METONYM_BEFORE_FOLLOWED.match(text, p.end) is not None
    if p.start is not None and _METONYM_NOT_AFTER.search(text, max(0, p.start - 16), p.start):
        return False
    return _METONYM_AFTER.match(text, p.end) is not None


def _country_of(own: Sequence[Place], every: Sequence[Place]) -> str:
    """The incident's country: its first told place's, else the document's first place's; never
    a place's lent by another incident (``Place.lent``), which says where that one was."""
    return next((p.country for p in (*own, *every) if p.country and not p.lent), "")


def _pinned(d: _Draft) -> bool:
    """Is an incident placed finer than a country by places told of it?"""
    return any(p.lat is not None and p.precision not in ("country", None) and not p.lent for p in d.places)


_LEND_SENTENCES = 5
"""How far back (in sentences) an incident placed in its own country borrows places."""
_LEND_SENTENCES_STRICT = 3
"""How far an incident with no country of its own borrows places, and a lede looks ahead."""
_LEND_DAYS = 3
"""Incidents whose dates lie further apart than this (in days) lend each other no place."""


def _told(places: Sequence[Place]) -> list[Place]:
    """The places the text tells of an incident: not those lent by another (``Place.lent``)."""
    return [p for p in places if not p.lent]


def _days_apart(a: DateSpan | None, b: DateSpan | None) -> int:
    """Days between two incidents' dates (0 when they overlap or one is unknown)."""
    if not (a and b and a.start and a.end and b.start and b.end):
        return 0
    return max((a.start - b.end).days, (b.start - a.end).days, 0)


def _may_lend(
    text: str, starts: Sequence[int], ends: Sequence[int], lender: _Draft, d: _Draft
) -> list[Place]:
    """The places ``lender`` lends ``d``: its resolved places finer than a country in ``d``'s own
    country, when the two are told close together (at most 5 sentences apart, 3 for an incident of
    no country and for a lede looking ahead; not "in one paragraph": news reports
    give a paragraph a sentence or two, and that bound lent nothing), on dates a few days
    apart at most, and with no cue between them that the report moved on ("In a separate
    development", "Elsewhere", the lexicon's ``separate_cues``)."""
    ahead = min(lender.sents) > min(d.sents)
    first, then = (d, lender) if ahead else (lender, d)
    gap = max(min(then.sents) - max(first.sents), 0)
    own = {p.country for p in _told(d.places) if p.country}
    if gap > (_LEND_SENTENCES if own and not ahead else _LEND_SENTENCES_STRICT):
        return []
    if _days_apart(lender.dates, d.dates) > _LEND_DAYS:
        return []
    lo = min(max(first.sents) + 1, min(then.sents))
    between = text[starts[lo] : ends[min(then.sents)]]
    if _SEPARATE.search(between):
        return []
    return [
        p
        for p in _told(lender.places)
        if p.lat is not None and p.precision not in ("country", None) and (not own or p.country in own)
    ]


def _lend_places(drafts: list[_Draft], text: str, starts: Sequence[int], ends: Sequence[int]) -> None:
    """An incident placed no finer than a country takes the resolved places of the incident told
    before it that the text places ("clashes in Kurram on Monday ... Later, a drone strike killed
    four"): reports go on telling of the same area; with none before it (a lede), of the nearest
    told after it ("Pakistan struck Afghanistan on Sunday ... The strikes hit Khost"). Only
    within the bounds of :func:`_may_lend`: "In Syria, a drone strike killed four" after clashes
    in Kurram is another incident. The lent places are marked (``Place.lent``): they place this
    document's event record after every place its text gives, but the ledger never links
    incidents by them nor takes their country."""
    order = sorted(range(len(drafts)), key=lambda i: min(drafts[i].sents))
    for k, i in enumerate(order):
        d = drafts[i]
        if _pinned(d):
            continue
        prev = next((drafts[j] for j in reversed(order[:k]) if _pinned(drafts[j])), None)
        if prev is None:
            prev = next((drafts[j] for j in order[k + 1 :] if _pinned(drafts[j])), None)
        if prev is None:
            continue
        known = {p.name.lower() for p in d.places}
        d.places += [
            replace(p, lent=True)
            for p in _may_lend(text, starts, ends, prev, d)
            if p.name.lower() not in known
        ]


_PRECISION_RANK = {"town": 0, "area": 1, "district": 2, "line": 3, "province": 4, "country": 5}


def _finest_inside(d: _Draft, every: Sequence[Place]) -> None:
    """A short report's incident placed only in a province or a country ("a blast in a city in
    North Sinai province ... in downtown Al-Arish") takes the report's towns that lie in it, as
    ACLED codes the finest place a report gives: they join its places (the ranking puts them
    first). Not a town of another unit ("from Abuja ... Ekiti State lawmakers")."""
    located = [p for p in _told(d.places) if p.lat is not None]
    if not located or any(p.precision in ("town", "area") for p in located):
        return
    # by name and precision: "Kidal region ... Kidal town" adds the town the region is named after
    known = {(p.name.lower(), p.precision) for p in d.places}
    for p in every:
        if p.precision != "town" or p.lat is None or (p.name.lower(), p.precision) in known:
            continue
        if any(_contains(unit, p) for unit in located):
            d.places.append(p)
            known.add((p.name.lower(), p.precision))


def _finer_told_on(doc: Doc, places: Sequence[Place], told_on: Sequence[Place]) -> list[Place]:
    """The places of the sentence that tells on an incident placed no finer than its country
    ("Militants seized a train in Pakistan. The train was stopped in Balochistan."): its resolved
    towns, districts and provinces of that country place the incident, as the report goes on to
    say where in the country it was. Only a place named where something happened (after a
    locative preposition, ``told_at_place_before``: not "the victims were from Lahore", "fled
    towards Zamfara"; not where the wounded were taken, :func:`_not_harm_locus`) and not the seat
    of those who speak or govern ("officials in Lahore said", "the government in Kabul denied",
    :func:`_seat_of_speaker`). None when the incident already has a finer place."""
    told = _told(places)
    if not told or any(p.precision not in ("country", None) for p in told):
        return []
    countries = {p.country for p in told if p.precision == "country"}
    known = {p.name.lower() for p in places}
    finer = [
        p
        for p in told_on
        if p.lat is not None
        and p.precision not in ("country", "line", None)
        and p.country in countries
        and p.name.lower() not in known
    ]
    # a list of cities ("protests in Karachi, Lahore, Quetta and Peshawar") surveys the country,
    # it does not say where the incident was
    if len({p.name.lower() for p in finer}) > _FINER_AT_MOST:
        return []
    text = doc_text(doc)
    return [
        p
        for p in finer
        if p.start is not None
        and _TOLD_AT.search(text[max(0, p.start - 40) : p.start])
        and not _not_harm_locus(doc, p)
        and not _seat_of_speaker(doc, p)
    ]


def _seat_of_speaker(doc: Doc, p: Place) -> bool:
    """Is a place named as where those who speak or govern are, not where anything happened: the
    place's preposition hangs on a noun of officials ("a spokesman in Islamabad", "the government
    in Kabul": ``_SEAT_NOUNS``) or on the subject of a verb of saying, blaming, asking or deciding
    ("police in Lahore said", ``_STATEMENT_VERBS``)? Read from the parse."""
    if p.start is None:
        return False
    tok = next((t for t in doc if t.idx <= p.start < t.idx + max(1, len(t.text))), None)
    while tok is not None and tok.dep_ == "compound" and tok.head is not tok:
        tok = tok.head  # "in Dera Ismail Khan": the name's last word
    if tok is None or tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return False
    noun = tok.head.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if noun.lower_ in _SEAT_NOUNS or noun.lemma_.lower() in _SEAT_NOUNS:
        return True
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in _STATEMENT_VERBS


def _country_over(d: _Draft, every: Sequence[Place]) -> None:
    """An incident the text places in towns, districts or provinces of one country also lies in
    that country: the country joins its places (ranked after them) when the report names it, as
    a report tells a deportation drive or a ceasefire now by its crossing, now by its country.
    The mention taken is the nearest before the incident (else the first after it); none when the
    incident's places lie in several countries or the report never names theirs."""
    told = [p for p in _told(d.places) if p.lat is not None and p.precision not in ("country", "line", None)]
    countries = {p.country for p in told}
    if len(countries) != 1 or "" in countries:
        return
    (country,) = countries
    if any(p.precision == "country" and p.country == country for p in d.places):
        return
    named = sorted(
        (p for p in every if p.precision == "country" and p.country == country and p.start is not None),
        key=lambda p: p.start or 0,
    )
    before = [p for p in named if (p.start or 0) < d.start]
    pick = before[-1] if before else named[0] if named else None
    if pick is not None:
        d.places.append(pick)


def _contains(unit: Place, p: Place) -> bool:
    """Whether a place lies in a resolved unit: its country, or its first-level division."""
    if unit.country != p.country or not p.country:
        return False
    if unit.precision == "country":
        return True
    return unit.precision == "province" and bool(unit.admin1) and unit.admin1 == p.admin1


def _anchors(text: str, places: Sequence[Place]) -> frozenset[int | None]:
    """Where the places that only locate another start: "Jowhar" of "Miir-Taqwo (53km NE of
    Jowhar)" is a reference point, not where the incident was."""
    located = {p.start for p in places if p.lat is not None}
    out: set[int | None] = set()
    for p in places:
        if p.end is not None and p.lat is not None:
            offset = read_offset(text, p.end)
            if offset is not None and offset.anchor_start in located:
                out.add(offset.anchor_start)
    return frozenset(out)


def _place_rank(p: Place, focus: str = "", anchor: bool = False) -> tuple[int, int, int, int, int]:
    """Every place the text gives before a place lent by another incident (``Place.lent``), then
    resolved before unresolved, places in the document's country before places abroad (a
    namesake abroad is the likelier mistake: "Gari camp near Ed Damazin"), a place that only
    locates another after it, then finest precision first (a stable sort keeps text order)."""
    lent = 1 if p.lent else 0
    if p.lat is None:
        return (lent, 2, 0, 0, 0)
    abroad = 1 if focus and p.country and p.country != focus else 0
    return (
        lent,
        0 if p.precision != "country" else 1,
        abroad,
        1 if anchor else 0,
        _PRECISION_RANK.get(p.precision or "", 6),
    )


def _is_aggregate(dates: DateSpan, claims: Sequence[Claim]) -> bool:
    if any(c.figure.qualifier == "vague" and (c.figure.value or 0) >= 2000 for c in claims):
        return True
    if dates.start and dates.end and dates.precision in ("month", "year"):
        days = (dates.end - dates.start).days
        return days > calendar.monthrange(dates.start.year, dates.start.month)[1]
    return False
