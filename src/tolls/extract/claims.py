"""Casualty claims of one parsed document: figure -> what happened -> to whom -> who says so.

The steps are separate modules (:mod:`casualty`, :mod:`attribution`); this one walks a
document's figures in reading order, adds the figures no number parser sees ("a soldier was
killed", a named victim, "no casualties"), and merges restatements: a headline or lede that
repeats a body figure is the same claim (SCHEMA.md).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tolls.extract.actors import ActorMention, demonym_country
from tolls.extract.attribution import (
    AttributionContext,
    attribute,
    capital_countries,
    entity_of,
    titled_people,
)
from tolls.extract.attributive import made_by_at
from tolls.extract.casualty import (
    CasualtyReading,
    bare_captivity,
    bare_participle,
    is_return,
    loses_limb,
    negated,
    read_casualty,
    status_word,
    suffers_injury,
    taken_captive,
    uprooted,
    victim_noun,
    zero_readings,
)
from tolls.extract.doctext import doc_text
from tolls.extract.figures import parse_figure
from tolls.extract.lexicon import CasualtyLexicon, casualty_lexicon
from tolls.model import Claim, ClaimKind, Figure, FigureMention, Party

__all__ = ["cross_link", "extract_claims"]

_OWN = frozenset({"its", "their", "our", "own"})
_SUBSET_MARKERS = frozenset({"including", "among", "incl"})
_NONE_RE = re.compile(
    r"\b(?:no|zero|no\s+reports?\s+of\s+any)\s+(?:(?:immediate|reported|civilian|human|additional|further)\s+)?"
    r"(casualt(?:y|ies)|deaths|fatalities|injuries|loss(?:es)? of (?:life|lives))\b"
    r"|\b(?:no one|nobody|none|no\s+"
    r"(?P<group>(?:[a-z]+\s+)?(?:civilians?|people|persons?|soldiers?|troops?|personnel)))"
    r"\s+(?:was|were|had been|have been)\s+(?:\w+\s+)?(killed|hurt|injured|wounded|martyred)\b",
    re.IGNORECASE,
)
_ARTICLE_FIGURE = Figure(text="", value=1, low=1, high=1, qualifier="exact")
_EVIDENCE_CHARS = 160
_TALLY = re.compile(r"\s*(?:fatalit(?:y|ies)\s+)?(?:were\s+|was\s+)?(?:coded|recorded)\b", re.IGNORECASE)

CountryAt = Callable[[int, int], str]
BesidesAt = Callable[[int, int, str], str]
"""The country of a place near a character range, other than the one given (the attacker's)."""


def _unquantified(doc: Doc, lex: CasualtyLexicon) -> list[tuple[Span, Figure]]:
    """ "an unknown number of soldiers": ACLED's convention reads it as a figure (casualty.json)."""
    out: list[tuple[Span, Figure]] = []
    if "number" not in doc_text(doc).lower():
        return out  # (a scan of every token's text for a word most documents do not hold)
    for tok in doc:
        if tok.lower_ != "number" or tok.i == 0 or doc[tok.i - 1].lower_ not in lex.unquantified_words:
            continue
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "of":
            continue
        start = tok.i - 1
        if start > 0 and doc[start - 1].lower_ in ("a", "an"):
            start -= 1
        span = doc[start : tok.i + 1]
        out.append((span, Figure(span.text, lex.unquantified_value, None, None, "vague")))
    return out


def _figure_spans(doc: Doc, figures: Sequence[FigureMention]) -> list[tuple[Span, Figure]]:
    out: list[tuple[Span, Figure]] = []
    for fm in figures:
        span = doc.char_span(fm.start, fm.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span, fm.figure))
    return out


_IMPLICIT_DETS = frozenset({"a", "an", "another", "the", "its", "his", "her", "their"})
_DEFINITE = frozenset({"the", "its", "his", "her", "their"})
_BODY_NOUNS = frozenset({"body", "corpse"})


def _harm_objects(tok: Token, lex: CasualtyLexicon) -> list[Token]:
    """The victims of a harm verb: its passive subject or object, the subject of "died", or
    those of the verb it is coordinated with ("was shot and killed")."""
    lemma = tok.lemma_.lower()
    headline = not any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "aux") for c in tok.children)
    deps = ("nsubjpass", "dobj", "nsubj") if lemma in lex.intransitive or headline else ("nsubjpass", "dobj")
    verbs = [tok, tok.head] if tok.dep_ in ("conj", "xcomp", "oprd") else [tok]  # "reported killed"
    if any(taken_captive(tok, c, lex) for c in tok.children if c.dep_ == "dobj"):
        # "and a colleague taken hostage": the elided passive's victim is its subject, however the
        # parser hung it ("a driver" may be made a noun-phrase adverb)
        return [c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj", "npadvmod") and c.i < tok.i]
    for verb in verbs:
        found = [c for c in verb.children if c.dep_ in deps]
        if found:
            return found
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.tag_ == "VBN":
        return [tok.head]  # "Mother and 2 sons killed in air raids"
    return []


_OF_HARM_KINDS = frozenset({"killed", "injured", "captured", "detained", "missing"})


def _organisation(tok: Token) -> bool:
    """ "the UN body said", "a regional body": a body of people, not a dead one."""
    if any(c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.text.isupper()) for c in tok.children):
        return True
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in casualty_lexicon().speech_verbs


def _dead_subjects(tok: Token) -> list[Token]:
    """ "A man was confirmed dead", "the attack left a passerby dead", "a soldier went missing",
    "a pilot is still unaccounted for" (a status word of kind missing completing the verb)."""
    missing = casualty_lexicon().adj_kind
    if negated(tok):
        return []  # "the soldier did not go missing", "was not confirmed dead"
    if any(
        (c.dep_ in ("acomp", "oprd") and c.lower_ == "dead")
        or (status_word(c) and missing.get(c.lower_) == "missing")
        for c in tok.children
    ):
        return [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return []


def _dead_after(tok: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ == "dead" and c.i > tok.i for c in tok.children)


def _implicit_figures(doc: Doc, lex: CasualtyLexicon, taken: set[int]) -> list[tuple[Span, Figure]]:
    """Figures no number parser sees: "a soldier was killed", "another civilian was shot dead",
    "gunmen killed the chief", "a body was found", a named victim (a named person = 1)."""
    out: list[tuple[Span, Figure]] = []
    seen: set[int] = set()
    listed: set[int] = set()
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma == "embrace":
            if not any(c.lemma_.lower() in lex.martyrdom_objects for c in tok.children):
                continue
            candidates = [c for c in tok.children if c.dep_ == "nsubj"]  # "Major X embraced martyrdom"
        elif loses_limb(tok, lex):
            candidates = [c for c in tok.children if c.dep_ == "nsubj"]  # "a boy lost a leg"
        elif tok.pos_ == "VERB" and (
            lex.verb_kind.get(lemma)
            or lemma in lex.death_manner_verbs
            or lemma in lex.materiel_verbs
            or lemma in lex.materiel_particles  # "blew up a bridge" (read by _kind with its particle)
        ):
            candidates = _harm_objects(tok, lex)
        elif tok.pos_ in ("VERB", "AUX") and (dead := _dead_subjects(tok)):
            candidates = dead
        elif suffers_injury(tok, lex):
            candidates = [c for c in tok.children if c.dep_ == "nsubj"]  # "a farmer suffered head injuries"
        elif tok.lemma_.lower() in _BODY_NOUNS and tok.tag_ == "NN" and not _organisation(tok):
            candidates = [tok]
        elif tok.pos_ == "NOUN" and lex.noun_kind.get(lemma) in _OF_HARM_KINDS and lemma not in _BODY_NOUNS:
            # "resulted in the death of a police official", "the arrest of a gang leader", "the
            # killing of their minister": one person named as the harm's object
            candidates = [
                o
                for prep in tok.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for o in prep.children
                if o.dep_ == "pobj" and o.lemma_.lower() in lex.person
            ]
        elif tok.pos_ == "NOUN" and _dead_after(tok):
            candidates = [tok]  # "left two policemen and a passerby dead" (parsed as "passerby dead")
        elif tok.lower_ in ("including", "among") and tok.dep_ == "prep":
            # "killed eight people, including a 9-year-old child and a pharmacist": members named one
            # by one (people only: "including a market" names a place)
            objects = [c for c in tok.children if c.dep_ == "pobj"]
            candidates = [
                x
                for c in objects
                for x in (c, *c.conjuncts)  # "including minors and a woman"
                if x.lemma_.lower() in lex.person or x.ent_type_ == "PERSON"
            ]
            if tok.lower_ == "among" and any(
                c.dep_ == "pobj"
                and (
                    lex.kind_of(c.lemma_, c.pos_)
                    or lex.kind_of(c.lower_, "ADJ")
                    or c.lemma_.lower() in lex.unsplit
                    or any(a.dep_ == "acl" and lex.kind_of(a.lemma_, a.pos_) for a in c.children)
                )
                for c in tok.children
            ):
                # "among the dead is a six-week-old infant", "the ambassador was among the wounded",
                # "among those killed was a teacher", "among the casualties was a commander"
                members = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass", "attr")]
                listed.update(c.i for c in members)
                candidates += members
        else:
            continue
        candidates = [x for c in candidates for x in (c, *c.conjuncts)]  # "a farmer and a trader"
        for child in candidates:
            if child.i in taken or child.i in seen:
                continue
            seen.add(child.i)
            if lemma == "take" and bare_captivity(child, lex):
                continue  # "11 were taken hostage": the bare captivity word says how, it is no victim
            if child.pos_ == "PRON" and child.lower_ in ("him", "her", "himself", "herself"):
                out.append((doc[child.i : child.i + 1], Figure(child.text, 1, 1, 1, "exact")))
                continue
            if child.ent_type_ == "PERSON":
                ent = entity_of(child)
                if ent is not None and len(ent) >= 2 and not any(t.i in taken for t in ent):
                    out.append((ent, Figure(ent.text, 1, 1, 1, "exact")))
                continue
            is_person = child.lemma_.lower() in lex.person or child.i in listed  # one "among the dead"
            # a post or position destroyed is materiel ("destroyed a fourth tank position"), as is a
            # thing the non-person nouns list for its other uses ("intercepted a missile", "torched a
            # truck": "a missile attack" or "a truck driver" count no one)
            taken_post = lemma in lex.materiel_verbs and (
                child.lemma_.lower() in lex.posts_nouns or child.lemma_.lower() in lex.materiel_nouns
            )
            if (child.lemma_.lower() in lex.non_person and not taken_post) or (
                child.tag_ not in ("NN", "NNP") and child.pos_ != "ADJ"
            ):
                continue  # ("a conscript" may be tagged as an adjective)
            if any(
                c.dep_ == "nummod" or (c.like_num and c.dep_ not in ("conj", "amod")) for c in child.children
            ):
                continue  # (an ordinal is no count: "a fourth soldier" is one more)
            det = next(
                (c for c in child.children if c.dep_ in ("det", "poss") and c.lower_ in _IMPLICIT_DETS), None
            )
            body = child.lemma_.lower() in _BODY_NOUNS
            if det is None and is_person and _possessed(child):
                # "injuring the district's deputy commissioner": a possessor makes one person definite
                out.append((doc[child.i : child.i + 1], Figure(child.text, 1, 1, 1, "exact")))
                continue
            if det is None or (body and det.lower_ == "the"):
                # "Soldier shot dead", "Mother and 2 sons killed", "the body of a colonel was found"
                if (is_person or body) and child.tag_ in ("NN", "NNP"):
                    if det is not None or child.i == child.left_edge.i or child.dep_ == "conj":
                        out.append((doc[child.i : child.i + 1], Figure(child.text, 1, 1, 1, "exact")))
                continue
            if det.lower_ in _DEFINITE and not is_person:
                continue
            family = _family_of(child)
            if family is None and child.lemma_.lower() in _GROUP_OF:
                continue  # "a family was killed": several people, not one, and no count
            out.append((doc[det.i : det.i + 1], family or Figure(det.text, 1, 1, 1, "exact")))
    return out


_GROUP_OF = frozenset({"family", "household"})


def _possessed(noun: Token) -> bool:
    """ "the province's governor", "Kurram's deputy commissioner": a singular noun owned by a noun
    phrase marked with "'s" (not "the soldiers' commander"s plural possessor alone: the noun's own
    number decides)."""
    return noun.tag_ == "NN" and any(
        c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") and any(m.dep_ == "case" for m in c.children)
        for c in noun.children
    )


def _family_of(noun: Token) -> Figure | None:
    """ "killed a family of six": the number after "of" counts the family's members."""
    if noun.lemma_.lower() not in _GROUP_OF:
        return None
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            num = obj if obj.like_num else next((c for c in obj.children if c.dep_ == "nummod"), None)
            fig = parse_figure(num.text) if num is not None else None
            if fig is not None and fig.qualifier == "exact" and (fig.value or 0) >= 2:
                return fig
    return None


def _one_family(noun: Token, figure: Figure) -> bool:
    """ "one family", "a household" counted as one: the figure counts the group, not its members."""
    return noun.lemma_.lower() in _GROUP_OF and noun.tag_ in ("NN", "NNP") and figure.value == 1


_PEOPLE_KINDS = frozenset({"killed", "injured", "captured", "missing", "detained", "displaced", "deported"})
_LIST_DETS = frozenset({"a", "an", "another"})


def _fits(kind: ClaimKind, noun: Token, lex: CasualtyLexicon, *, single: bool) -> bool:
    """Can ``noun`` be counted under ``kind`` when it is only listed beside a counted group? People
    kinds take people, other (losses, materiel) takes people or materiel and posts_captured posts. A
    lone "a X" must name a known person or materiel; a numbered one only no known non-person."""
    lemma = noun.lemma_.lower()
    things = lemma in lex.materiel_nouns or lemma in lex.posts_nouns
    if kind in _PEOPLE_KINDS:
        return lemma in lex.person if single else not things and lemma not in lex.non_person
    if kind == "posts_captured":
        return lemma in lex.posts_nouns
    return things or lemma in lex.person or (not single and lemma not in lex.non_person)


_LIST_DEPS = frozenset({"conj", "appos"})


def _list_head(noun: Token) -> Token:
    """The first item of the list ``noun`` stands in ("300 soldiers, a tank and nine vehicles"; the
    parser hangs the items as conjuncts or appositions)."""
    head = noun
    for _ in range(12):
        if head.dep_ not in _LIST_DEPS or head.head.i == head.i or head.head.i > head.i:
            break
        head = head.head
    return head


def _list_items(noun: Token) -> list[Token]:
    """The items listed after ``noun``, however the parser chained them."""
    out: list[Token] = []
    todo = [noun]
    while todo and len(out) < 24:
        tok = todo.pop()
        for c in tok.children:
            if c.dep_ in _LIST_DEPS and c.i > tok.i:
                out.append(c)
                todo.append(c)
    return sorted(out, key=lambda t: t.i)


def _listed_reading(
    span: Span, lex: CasualtyLexicon, listed: dict[int, CasualtyReading]
) -> CasualtyReading | None:
    """A figure listed after a counted group with no verb of its own: "the enemy lost up to 300
    soldiers, a tank and nine vehicles", "the deaths of 12 soldiers and a commander" count the
    tank, the vehicles and the commander as the first item says."""
    noun = victim_noun(span, lex.partitive)
    if (
        noun.i in range(span.start, span.end)
        or noun.pos_ not in ("NOUN", "PROPN")
        or noun.dep_ not in _LIST_DEPS
    ):
        return None  # a bare count ("killed five and wounded 12") has its own verb
    first = listed.get(_list_head(noun).i)
    if first is None or first.noun.i == noun.i:
        return None
    if first.kind in _PEOPLE_KINDS and any(
        t.dep_ == "appos" for t in (noun, *noun.ancestors) if t.i > first.noun.i
    ):
        return None  # "killed three people, a woman and two children" names who the three were
    single = span.end - span.start == 1 and span[0].lower_ in _LIST_DETS
    if not _fits(first.kind, noun, lex, single=single):
        return None
    victims = span.doc[span.start : max(span.end, noun.i + 1)]
    return CasualtyReading(kind=first.kind, trigger=first.trigger, noun=noun, victims=victims)


def _shared_reading(
    span: Span, lex: CasualtyLexicon, spans: Sequence[tuple[Span, Figure]]
) -> CasualtyReading | None:
    """A counted group coordinated with a later one that carries the harm for both: "eight
    soldiers and 14 civilians killed" (a participle after the last item), "nine civilian and four
    soldier deaths" (a harm noun the last item heads). The first item takes the last one's reading
    when the word that tells the harm hangs on that last item, after it."""
    noun = victim_noun(span, lex.partitive)
    if noun.i in range(span.start, span.end) or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if not _bare_group(noun, lex):
        return None
    items = [t for t in _list_items(noun) if t.dep_ == "conj"]
    if not items:
        return None
    last = items[-1]
    for other, _ in spans:
        if other.start <= noun.i or other.start > last.i:
            continue
        reading = read_casualty(other, lex)
        if reading is None or reading.kind not in ("killed", "injured"):
            continue
        if not _person_group(reading.kind, noun, lex):
            return None  # "45 attacks and 120 civilians killed": the attacks are no victims
        trigger = reading.trigger
        post = trigger.head.i == last.i and trigger.dep_ in ("acl", "amod") and trigger.i > last.i
        heads = trigger.i == last.i and reading.noun.dep_ == "compound" and reading.noun.head.i == last.i
        # "reported six soldiers and 11 civilians, including children, killed": the participle the
        # parser hung on the verb, nothing but commas after the last item's phrase
        loose = (
            trigger.i > last.right_edge.i
            and bare_participle(trigger)
            and all(t.is_punct for t in span.doc[last.right_edge.i + 1 : trigger.i])
        )
        if not (post or heads or loose) or last.i < reading.noun.i:
            continue
        victims = span.doc[span.start : max(span.end, noun.i + 1)]
        return CasualtyReading(kind=reading.kind, trigger=trigger, noun=noun, victims=victims)
    return None


def _person_group(kind: ClaimKind, noun: Token, lex: CasualtyLexicon) -> bool:
    """Can ``noun``, which carries no harm word of its own, take a harm told of another group? It
    must fit the kind as a listed item does (:func:`_fits`: no thing, no known non-person) and
    name people: a known person noun or a people by name ("nine Afghans")."""
    if not _fits(kind, noun, lex, single=False):
        return False
    return noun.lemma_.lower() in lex.person or noun.ent_type_ == "NORP"


_BARE_HEADS = frozenset({"be"})
_STATE_DEPS = frozenset({"amod", "acl", "relcl"})


def _bare_group(noun: Token, lex: CasualtyLexicon) -> bool:
    """Is ``noun`` a counted group with no state of its own, so that a harm told after a later
    group can be shared ("reported eight soldiers and 14 civilians killed")? A group marked
    unharmed or by a participle ("20 living hostages"), or the object or subject of a verb that
    is no verb of telling ("released 20 hostages", "treated 40 patients"), has its own state."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl"):
            return False
        if c.dep_ == "amod" and (
            c.tag_ in ("VBG", "VBN") or c.lower_ in lex.unharmed_modifiers or c.lower_ in lex.spared
        ):
            return False
    head = noun.head
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        return lemma in lex.speech_verbs or lemma in _BARE_HEADS
    return True


def _parts_of_whole(
    span: Span, lex: CasualtyLexicon, listed: dict[int, CasualtyReading]
) -> CasualtyReading | None:
    """A count of the parts a harmed group was just told to comprise, however the parser hung the
    participle: "the deaths of nine children, comprising five boys and four girls" counts the boys
    (and, as a list, the girls) as the nine were counted. The whole is the counted noun right
    before the participle's comma, and it must have been read already."""
    noun = victim_noun(span, lex.partitive)
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in lex.part_verbs or verb.tag_ != "VBG":
        return None
    if verb.i < 2 or span.doc[verb.i - 1].text != ",":
        return None
    whole = listed.get(span.doc[verb.i - 2].i)
    if whole is None or whole.kind not in ("killed", "injured") or whole.noun.i >= verb.i:
        return None
    if noun.pos_ not in ("NOUN", "PROPN") or not _person_group(whole.kind, noun, lex):
        return None  # "killed 30 people, comprising 12 attacks on markets": the attacks are no parts
    victims = span.doc[span.start : max(span.end, noun.i + 1)]
    return CasualtyReading(kind=whole.kind, trigger=whole.trigger, noun=noun, victims=victims)


def _comment(noun: Token, lex: CasualtyLexicon) -> bool:
    """Does ``noun`` name a comment on what was counted ("a claim", "a move", "a blow")?"""
    lemma = noun.lemma_.lower()
    return lemma in lex.comment_nouns or lemma in lex.claim_nouns or lemma in lex.non_person


def _listed_singles(
    spans: list[tuple[Span, Figure]], lex: CasualtyLexicon, taken: set[int]
) -> list[tuple[Span, Figure]]:
    """ "a tank" and "an armoured carrier" listed beside a counted group ("lost 300 soldiers, a
    tank, an armoured carrier and nine vehicles"): one each, read by :func:`_listed_reading`."""
    out: list[tuple[Span, Figure]] = []
    seen: set[int] = set()
    for span, _ in spans:
        noun = victim_noun(span, lex.partitive)
        for conj in _list_items(noun):
            if conj.i in taken or conj.i in seen or conj.pos_ != "NOUN":
                continue
            seen.add(conj.i)
            if any(c.dep_ == "nummod" for c in conj.children):
                continue
            det = next((c for c in conj.children if c.dep_ == "det" and c.lower_ in _LIST_DETS), None)
            if det is not None and det.i not in taken:
                out.append((span.doc[det.i : det.i + 1], Figure(det.text, 1, 1, 1, "exact")))
    return out


def _is_prior(noun: Token, lex: CasualtyLexicon) -> bool:
    """Is the harm a grievance or a cause given as background: "protests over the killing of
    17", "in reaction to the deaths of two children", "commemorating the deaths of 22"?"""
    harm_noun = False
    for anc in list(noun.ancestors)[:5]:
        lemma = anc.lemma_.lower()
        if anc.pos_ == "NOUN" and (lex.noun_kind.get(lemma) == "killed" or lemma in ("killing", "murder")):
            harm_noun = True
        elif harm_noun and (lemma in lex.prior_cues or anc.lower_ in lex.prior_cues):
            return True
    return False


def _denominator(span: Span) -> bool:
    """ "two of three robbers": the second number is the whole the first is taken from."""
    i = span.start
    return i >= 2 and span.doc[i - 1].lower_ == "of" and span.doc[i - 2].like_num


# what follows an age: a singular verb or a break. A plural verb ("Name, 30 were killed") agrees
# with a count, so "were"/"are"/"have" are no cue of an age.
_AFTER_AGE = frozenset({",", ")", "and", "was", "is", "had", "has", ";"})
_PLURAL_AFTER_AGE = frozenset({"were", "are", "have"})
_MAX_AGE = 120


def _coordinated_name(tok: Token) -> bool:
    """Is the name a conjunct ("X and Y", "his son, X, and his wife, Y"), however the parser hung it?"""
    return any(t.dep_ == "conj" for t in [tok, *list(tok.ancestors)[:4]])


def _age_after_name(span: Span, lex: CasualtyLexicon) -> bool:
    """ "Name Surname, 61, and his wife": a bare number set off by a comma after a person's name
    is the person's age, not a count ("the victims, 12, ..." with no name before stays a count).
    A name that "according to" or a speech verb introduces ("according to spokesman Name, 30
    ...", "said Name, 30 ...") is the speaker's, and the number after it a count."""
    doc, i = span.doc, span.start
    if len(span) != 1 or not span[0].is_digit or int(span[0].text) > _MAX_AGE or i < 2:
        return False
    if doc[i - 1].text != "," or doc[i - 2].ent_type_ != "PERSON":
        return False
    if span.end < len(doc) and doc[span.end].lower_ not in _AFTER_AGE:
        # a plural verb agrees with a count, unless the name is one of a pair ("Name, 25, and his
        # wife, Name, 21 were killed")
        if doc[span.end].lower_ not in _PLURAL_AFTER_AGE or not _coordinated_name(doc[i - 2]):
            return False
    j = i - 2  # back over the name and its title ("spokesman", "the ministry's")
    while j > span.sent.start and i - j < 8 and doc[j - 1].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PART"):
        j -= 1
    cue = doc[j - 1] if j > span.sent.start else None
    if cue is None:
        return True
    if cue.lower_ == "to" and cue.i > 0 and doc[cue.i - 1].lower_ == "according":
        return False
    return not (cue.pos_ in ("VERB", "AUX") and cue.lemma_.lower() in lex.speech_verbs)


def _is_subset(noun: Token, fig: Span) -> bool:
    for tok in (fig.root, noun):
        for anc in list(tok.ancestors)[:3]:
            if anc.lower_ in _SUBSET_MARKERS:
                return True
    return False


def _victims(
    reading: CasualtyReading,
    claimant: Party,
    ctx: AttributionContext,
    country_at: BesidesAt,
    local_at: CountryAt | None = None,
) -> Party:
    span = reading.victims
    text = span.text
    lex = casualty_lexicon()
    own = _own_marker(span, claimant)
    if own is not None:
        return Party(text, own.country, own.inter, span.start_char, span.end_char)
    agent = _agent_country(reading, ctx)
    stated = _stated_country(span, reading.noun) or _loser_country(reading, ctx)
    state = claimant.inter == 1 and bool(claimant.country)
    noun = reading.noun.lemma_.lower()
    if not stated and state and _adversary(span, reading, lex):
        # "21 hostile positions were captured", "the ministry said 11 drones were shot down":
        # what a state body says it took or downed is the other side's; what it says another
        # side took ("denied that Afghan forces had captured a tank") would be its own
        taker = _taker_country(reading, ctx)
        other = country_at(span.start_char, span.end_char, claimant.country)
        country = other if other != claimant.country else ""
        if taker and taker != claimant.country:
            country = claimant.country
        party = ctx.party_in(span.start_char, span.end_char, head=reading.noun, fallback_country=country)
        if party is None or party.inter is None:
            party = _armed_owner(reading, ctx, claimant) or party
        taken: int | None = party.inter if party is not None and party.inter is not None else 1
        country = (party.country if party is not None else "") or country
        return Party(text, country, taken, span.start_char, span.end_char)
    if (
        not stated
        and not agent
        and not any(
            c.dep_ in ("nsubj", "agent") and c.i not in range(span.start, span.end) and c.i != reading.noun.i
            for c in reading.trigger.children
        )  # the victims as the subject ("with 29 soldiers wounded") name no doer
        and state
        and noun in lex.own_forces
    ):
        # "the Thai army said one soldier was killed": a state body's unmarked forces are its own
        return Party(text, claimant.country, 1, span.start_char, span.end_char)
    if not stated and state and agent != claimant.country and _home(span, claimant, local_at):
        # "Thai authorities reported 13 civilian deaths": a state's count of unarmed people is of
        # its own unless the sentence places them elsewhere or says the state did it
        bare = ctx.party_in(span.start_char, span.end_char, head=reading.noun, fallback_country="")
        bare = bare or _group_of_harm(reading, ctx, "")
        if bare is None or (not bare.country and bare.inter in (None, 7)):
            status = bare.inter if bare is not None else None
            if status is None and reading.noun.tag_ in ("NNPS", "NNS") and reading.noun.text[:1].isupper():
                status = 7
            return Party(text, claimant.country, status, span.start_char, span.end_char)
    host = _host_country(reading, lex) if not agent else ""
    fallback = (
        stated
        or _migrants_country(reading, lex, host)
        or country_at(span.start_char, span.end_char, agent or host)
    )
    party = ctx.party_in(span.start_char, span.end_char, head=reading.noun, fallback_country=fallback)
    if party is None or party.inter is None:
        party = _group_of_harm(reading, ctx, fallback) or party
    if party is None and _materiel(reading, lex):
        party = _armed_owner(reading, ctx, claimant)
    if party is None:
        return Party(text, fallback, _forces_inter(reading), span.start_char, span.end_char)
    inter = party.inter if party.inter is not None else _forces_inter(reading)
    if inter is None and reading.noun.tag_ in ("NNPS", "NNS") and reading.noun.text[:1].isupper():
        inter = 7  # a people named by nationality or ethnicity ("millions of Afghans"): civilians
    # an armed group with no stated country fights where the incident is ("25 militants" in Bannu)
    country = party.country
    if not country and inter in (2, 3, 4):
        # the reporting state's own insurgency unless the place in view is another country
        # ("Kenya's army said it killed 25 militants in Somalia": Somalia's militants)
        home = "" if agent or _abroad(reading, claimant, ctx) else _insurgents_country(claimant)
        country = stated or home or _armed_named(reading, ctx, claimant) or fallback
    return Party(text, country, inter, span.start_char, span.end_char)


def _armed_named(reading: CasualtyReading, ctx: AttributionContext, claimant: Party) -> str:
    """The country of the armed group the figure's sentence names, when the victims' own words name
    none ("strikes on camps of the TTP in Afghanistan's Paktika province killed several suspected
    militants": the TTP's, Pakistan, not the place's): every non-state armed group named in the
    sentence outside the victims, the doer and the claimant is of one country, and no state of
    another country is named beside them ("attacks by Afghan Taliban and allied militants")."""
    span, sent = reading.victims, reading.victims.sent
    # the doer's own words ("Pakistani strikes"), not what it struck ("strikes on camps of the TTP")
    doers = [c for c in reading.trigger.children if c.dep_ == "nsubj"]
    agents = [c for c in reading.trigger.children if c.dep_ == "agent"]
    doers += [o for c in agents for o in c.children if o.dep_ == "pobj"]
    words = [w for d in doers for c in d.children if c.dep_ in _AGENT_MODS for w in c.subtree]
    own = [(t.idx, t.idx + len(t)) for t in (*doers, *words)]
    named = [
        a
        for a in ctx.actors
        if sent.start_char <= a.start < sent.end_char
        and a.country
        and a.inter in (1, 2, 3, 4)
        and not span.start_char <= a.start < span.end_char
        and not any(a.start < hi and lo < a.end for lo, hi in own)
        and not (claimant.start is not None and claimant.start <= a.start < (claimant.end or 0))
    ]
    armed = {a.country for a in named if a.inter != 1 and _belonged_to(span, a)}
    # a bare country name is as often the place ("in Afghanistan's Paktika province")
    states = {a.country for a in named if a.inter == 1 and not (a.name == a.text and demonym_country(a.text))}
    return armed.pop() if len(armed) == 1 and states <= armed else ""


def _belonged_to(victims: Span, actor: ActorMention) -> bool:
    """Is ``actor`` told as what the victims or the places struck belong to: a modifier or an
    apposition of the victims ("militants, TTP fighters"), the object of an "of" ("camps of the
    TTP", "members of al-Shabaab") or of a word of belonging ("militants linked to the TTP":
    casualty.json, ``membership_heads``)? Not an opponent ("clashes with Hezbollah fighters"), an
    attacker ("an attack by X") or a group named in passing ("X praised the attack")."""
    doc = victims.doc
    tok = next((t for t in doc[victims.sent.start : victims.sent.end] if t.idx >= actor.start), None)
    if tok is None:
        return False
    head = tok
    while head.dep_ in _AGENT_MODS | {"det", "flat", "punct"} and head.head is not head:
        head = head.head  # the phrase's head: "Hezbollah fighters" -> "fighters"
        if head.i in range(victims.start, victims.end):
            return True  # a word of the victims' own phrase
    if head.dep_ == "appos":
        return head.head.i in range(victims.start, victims.end)
    if head.dep_ != "pobj":
        return False
    prep = head.head
    return prep.lower_ == "of" or (
        prep.lower_ in ("to", "with") and prep.head.lemma_.lower() in casualty_lexicon().membership_heads
    )


def _insurgents_country(claimant: Party) -> str:
    """Where an armed group no dictionary places fights, when no state is named doing the harm
    and no other country is in view: the country of the state that reports fighting it ("the
    army said it killed 25 extremists", wherever talks about it are held). A named doer ("US
    airstrikes killed three militants in Somalia") leaves it to the caller's fallback, the country
    in view other than the doer's."""
    return claimant.country if claimant.inter == 1 else ""


def _abroad(reading: CasualtyReading, claimant: Party, ctx: AttributionContext) -> bool:
    """Does the figure's sentence place the harm in a country other than the claimant's ("Kenya's
    army said it killed 25 militants in Somalia")? A place where something else happens ("during
    the talks in Turkey, the army said it killed 25 extremists") or in the claimant's name does
    not count."""
    trigger = reading.trigger
    for ent in reading.victims.sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        prep = ent.root.head if ent.root.dep_ == "pobj" else None
        owner = prep.head if prep is not None and prep.dep_ == "prep" else None
        if (
            owner is not None
            and owner.pos_ == "NOUN"
            and owner.i != trigger.i
            and trigger not in owner.ancestors
            and owner not in trigger.ancestors
        ):
            continue  # "during the talks in Turkey": where something outside the harm's clause happens
        if claimant.start is not None and claimant.end is not None:
            if ent.start_char < claimant.end and claimant.start < ent.end_char:
                continue
        code = ctx.place_in(ent.start_char, ent.end_char)
        if code and code != claimant.country:
            return True
    return False


_LOSING = frozenset({"lose", "loss", "abandon", "vacate"})


def _loser_country(reading: CasualtyReading, ctx: AttributionContext) -> str:
    """The side that says it lost what is counted, or is said to: the subject of "lose" ("Kiev
    has lost over 170 soldiers"), of "abandon" ("forced the Taliban to abandon six posts"), or of
    the verb that owns "the loss of" ("India acknowledges the loss of three aircraft")."""
    trigger = reading.trigger
    if trigger.lemma_.lower() not in _LOSING:
        return ""
    owners: list[Token] = []
    if trigger.pos_ == "NOUN":
        owners = [c for c in trigger.children if c.dep_ == "poss"]
        if not owners and trigger.dep_ == "dobj":
            owners = [c for c in trigger.head.children if c.dep_ == "nsubj"]
    else:
        owners = [c for c in trigger.children if c.dep_ == "nsubj"]
        if not owners and trigger.dep_ == "xcomp":  # "forced X to abandon"
            owners = [c for c in trigger.head.children if c.dep_ == "dobj"]
    for owner in owners:
        if owner.pos_ == "PRON":
            continue
        words = list(owner.subtree)
        party = ctx.party_in(words[0].idx, words[-1].idx + len(words[-1]), head=owner, fallback_country="")
        if party is not None and party.country:
            return party.country
        for t in words:
            code = demonym_country(t.text) if t.text[:1].isupper() else None
            code = code or (ctx.place_in(t.idx, t.idx + len(t)) if t.pos_ == "PROPN" else "")
            if code:
                return code
    return ""


def _taker_country(reading: CasualtyReading, ctx: AttributionContext) -> str:
    """The country of who took or destroyed what is counted, named as the subject of the verb
    itself ("Afghan forces had captured a tank", "a tank was captured by Afghan forces"); a
    pronoun or a subject of another clause names no one here."""
    trigger = reading.trigger
    doers = [c for c in trigger.children if c.dep_ == "nsubj"]
    doers += [o for c in trigger.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    for doer in doers:
        if doer.pos_ == "PRON" or doer.i in range(reading.victims.start, reading.victims.end):
            continue
        words = list(doer.subtree)
        lo, hi = words[0].idx, words[-1].idx + len(words[-1])
        party = ctx.party_in(lo, hi, head=doer, fallback_country="")
        if party is not None and party.country and party.inter in (1, 2, 3, 4):
            return party.country
    return ""


def _materiel(reading: CasualtyReading, lex: CasualtyLexicon) -> bool:
    noun = reading.noun.lemma_.lower()
    return reading.kind in ("other", "posts_captured") and (
        noun in lex.materiel_nouns or noun in lex.posts_nouns
    )


def _armed_owner(reading: CasualtyReading, ctx: AttributionContext, claimant: Party) -> Party | None:
    """The armed group whose posts or materiel are counted when their own words name no owner
    ("destroyed 54 positions" in a sentence about Hezbollah's drone unit, "weapons seized from
    the attackers"): the non-state armed group named in the sentence (or, when it names no one
    but the taker, in the one before), other than the taker -- and none when a state other than
    the claimant's is named there too, whose the posts may as well be ("eight Afghan posts ...
    Afghan Taliban and TTP fighters")."""
    doc = reading.trigger.doc
    sent = reading.trigger.sent
    takers = [c for c in reading.trigger.children if c.dep_ in ("nsubj", "agent")]
    taker_chars = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in takers]
    sents = [sent]
    if sent.start > 0:
        sents.append(doc[sent.start - 1].sent)
    for s in sents:
        named = [
            a
            for a in ctx.actors
            if s.start_char <= a.start < s.end_char
            and not any(lo <= a.start < hi for lo, hi in taker_chars)
            and a.role not in ("media", "people", "unknown", "spokesperson")
        ]
        if any(a.inter == 1 and a.country and a.country != claimant.country for a in named):
            return None
        armed = [a for a in named if a.inter in (2, 3, 4)]
        if armed:
            a = armed[0]
            return Party(a.text, a.country, a.inter, a.start, a.end)
        if any(a.inter for a in named if (a.start, a.end) != (claimant.start, claimant.end)):
            return None
    return None


_GROUP_PREPS = frozenset({"among", "of"})


def _group_of_harm(reading: CasualtyReading, ctx: AttributionContext, fallback: str) -> Party | None:
    """The group a harm noun counts ("130 casualties among security forces", "12 deaths of
    civilians"): the actor named in its "among"/"of" phrase, when the figure's own words name none.
    Not a partitive ("23 of its troops"), whose own words the caller reads."""
    if reading.noun.pos_ != "NOUN" or reading.noun.like_num:
        return None
    holders = [reading.noun]
    if reading.trigger.lemma_.lower() in casualty_lexicon().toll_verbs:
        # "the losses of the Ukrainian armed forces amounted to over 480 servicemen"
        holders += [c for c in reading.trigger.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    for prep in (p for h in holders for p in h.children):
        if prep.dep_ != "prep" or prep.lower_ not in _GROUP_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            words = list(obj.subtree)
            party = ctx.party_in(
                words[0].idx, words[-1].idx + len(words[-1]), head=obj, fallback_country=fallback
            )
            if party is not None and party.inter is not None:
                return party
    return None


_KIN_POSSESSIVES = frozenset({"his", "her", "their"})


def _named(noun: Token) -> list[Token]:
    """Names in apposition after ``noun`` ("a woman, Mona X, ...")."""
    return [c for c in noun.children if c.dep_ == "appos" and c.i > noun.i]


def _kin(noun: Token, lex: CasualtyLexicon) -> list[Token]:
    """Relatives coordinated after ``noun`` (or after a name in apposition to it: "a woman, Mona
    X, and her three sons") with a possessive ("a father and his two sons", "an official, his
    wife and child"): the token indices of their nouns, or none."""
    later = [c for c in noun.conjuncts if c.i > noun.i]
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.i != noun.i:
        # "a shopkeeper, his wife and son were shot": the parser may make them sibling subjects
        twins = [c for c in noun.head.children if c.dep_ == noun.dep_ and c.i > noun.i]
        later += [x for c in twins for x in (c, *c.conjuncts) if x.i > noun.i and x not in later]
    if not later:  # "a woman, Mona X, and her three sons": the relatives are coordinated with the name
        later = [x for a in _named(noun) for x in a.conjuncts if x.i > a.i]
    kin = [c for c in later if c.lemma_.lower() in lex.kin_nouns or c.lower_ in lex.kin_nouns]
    if not kin or len(kin) != len(later):
        return []
    owned = any(p.dep_ == "poss" and p.lower_ in _KIN_POSSESSIVES for c in kin for p in c.children)
    return kin if owned else []


def _with_kin(claim: Claim, count: int, rel: Token, text: str) -> Claim:
    """``claim`` with ``count`` relatives (named by ``rel``) added to its group."""
    value = (claim.figure.value or 0) + count
    start = claim.victims.start if claim.victims.start is not None else claim.span[0]
    end = max(rel.idx + len(rel.text), claim.victims.end or 0)
    return replace(
        claim,
        figure=Figure(text[claim.span[0] : end], value, value, value, "exact"),
        span=(claim.span[0], end),  # the span covers the figure's words, relatives included
        victims=replace(claim.victims, name=text[start:end], end=end),
        coordination=None,
    )


def _harm_noun(noun: Token, lex: CasualtyLexicon) -> bool:
    """Does ``noun`` name the harm rather than the people ("deaths", "injuries", "casualties")?"""
    lemma = noun.lemma_.lower()
    return lemma in lex.noun_kind or lemma in lex.unsplit


def _forces_inter(reading: CasualtyReading) -> int | None:
    """Soldiers, troops and the posts, tanks or drones lost by a side are a state's forces (1)
    unless an actor named with them says otherwise."""
    lex = casualty_lexicon()
    lemma = reading.noun.lemma_.lower()
    if lemma in lex.own_forces:
        return 1
    materiel = lemma in lex.materiel_nouns or lemma in lex.posts_nouns
    if reading.kind in ("other", "posts_captured") and materiel:
        return 1
    return None


def _host_country(reading: CasualtyReading, lex: CasualtyLexicon) -> str:
    """The country people were sent back or expelled from ("returned from Iran", "deported from
    Pakistan"): their host, not their own."""
    if reading.kind not in ("deported", "other"):
        return ""
    trigger = reading.trigger
    if reading.kind == "other" and not is_return(trigger, lex):
        return ""
    for tok in (trigger, reading.noun):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                for obj in prep.children:
                    code = demonym_country(obj.text) if obj.dep_ == "pobj" else None
                    if code:
                        return code
    return ""


_CIVILIANS = 7  # the inter code of civilians (group_patterns.jsonl)
_MIGRANT_REACH = 3  # sentences before a figure of people moved where their nationality may be named


_NEW_TOPIC = frozenset({"separately", "elsewhere"})  # a sentence opening on another matter


def _migrants_country(reading: CasualtyReading, lex: CasualtyLexicon, host: str) -> str:
    """Where people sent back, expelled or returning come from, when their own words do not say:
    the country they are sent to ("was deported to Afghanistan"), else the people the sentence or
    one of the few before names by nationality ("Afghans are being expelled from Pakistan. ... at least
    1.3 million people have been forced to leave"), never the host. The scan back does not leave
    a sentence opening on another matter ("Germany tightened its rules for Syrian refugees.
    Separately, Iran expelled 1,000 people": not Syrians)."""
    trigger = reading.trigger
    moving = reading.kind in ("deported", "displaced") or (
        reading.kind == "other" and is_return(trigger, lex)
    )
    if not moving:
        return ""
    for verb in (trigger, *trigger.conjuncts):
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                for obj in prep.children:
                    code = demonym_country(obj.text) if obj.dep_ == "pobj" and obj.pos_ == "PROPN" else None
                    if code and code != host:
                        return code
    if reading.kind == "displaced":
        return ""  # the displaced flee inside their own country: the place in view says which
    sents = [trigger.sent]
    opener = trigger.sent[0].lower_
    while len(sents) <= _MIGRANT_REACH and sents[-1].start > 0 and opener not in _NEW_TOPIC:
        sents.append(trigger.doc[sents[-1].start - 1].sent)
    for s in sents:
        for t in s:
            if not t.text[:1].isupper() or t.pos_ not in ("PROPN", "ADJ", "NOUN"):
                continue
            plural = t.tag_ in ("NNPS", "NNS")
            people = t.dep_ in ("amod", "compound") and t.head.lower_ in lex.migrant_nouns
            code = demonym_country(t.text) if plural or people else None
            if code and code != host and (not plural or t.text.lower().endswith("s")):
                return code
    return ""


def _home(span: Span, claimant: Party, local_at: CountryAt | None) -> bool:
    """Does no place finer than a country put the figure's sentence outside the claimant's?"""
    local = local_at(span.start_char, span.end_char) if local_at is not None else ""
    return not local or local == claimant.country


def _adversary(span: Span, reading: CasualtyReading, lex: CasualtyLexicon) -> bool:
    """Are the victims marked as the other side ("enemy", "hostile"), or are they posts or
    materiel taken or downed (which a side reports of its adversary's)?"""
    if any(t.lower_ in lex.adversary_words for t in span) or any(
        t.lower_ in lex.adversary_words for t in reading.noun.children
    ):
        return True
    if any(t.lower_ == "their" for t in span) and any(
        t.lower_ in lex.adversary_words for t in span.doc[span.sent.start : span.start]
    ):
        return True  # "many casualties on the enemy side after several of their posts were destroyed"
    noun = reading.noun.lemma_.lower()
    taken = noun in lex.posts_nouns or noun in lex.materiel_nouns
    return reading.kind in ("posts_captured", "other") and taken


def _own_marker(span: Span, claimant: Party) -> Party | None:
    """The claimant, when an own-word in the victims' phrase points to them ("its soldiers",
    "their own fighters", "our positions"); not "their posts" after the enemy side is named
    ("many casualties on the enemy side after several of their posts were destroyed")."""
    if not claimant.inter:
        return None
    own = any(t.lower_ == "own" for t in span)
    for t in span:
        if t.lower_ not in _OWN or t.dep_ not in ("poss", "amod"):
            continue
        if (
            t.lower_ == "their"
            and not own
            and any(w.lower_ in casualty_lexicon().adversary_words for w in t.doc[t.sent.start : t.i])
        ):
            return None
        return claimant
    return None


_AGENT_PREPS = frozenset({"in", "during", "from", "after"})
_ATTACKS = frozenset(
    {
        "strike",
        "airstrike",
        "attack",
        "shelling",
        "bombing",
        "raid",
        "bombardment",
        "assault",
        "offensive",
        "fire",
    }
)
_AGENT_MODS = frozenset({"compound", "amod", "poss", "nmod"})
_PEOPLE = frozenset({"civilian", "people", "person", "other", "resident", "child", "woman", "man"})


def _state_doer(
    reading: CasualtyReading, claimant: Party, victims: Party, ctx: AttributionContext, lex: CasualtyLexicon
) -> str:
    """The state whose forces the sentence names doing the harm, when the figure's claimant is an
    unnamed official or source (no country of its own) given another country, and the victims are
    an armed group or what a side took from its enemy: the sources are the doer's. Civilians
    harmed abroad are told by the side they belong to, so they do not count."""
    if claimant.inter != 1 or claimant.start is None or not claimant.country:
        return ""
    if victims.inter not in (2, 3, 4) and not _materiel(reading, lex):
        return ""
    unnamed = any(a.start == claimant.start and a.end == claimant.end and not a.country for a in ctx.actors)
    if not unnamed:
        return ""
    doer = _doer_country(reading, ctx)
    if not doer or doer == claimant.country or (doer == victims.country and victims.inter not in (2, 3, 4)):
        return ""
    # only a document whose sources are that state's ("Indian security sources said"), or filed
    # from its capital ("ISLAMABAD: ..."), tells that the unnamed sources are its; elsewhere they
    # are as likely the local officials'
    named = any(a.country == doer and _SOURCES.search(a.text) for a in ctx.actors)
    return doer if named or doer in _dateline_countries(doc_text(reading.trigger.doc)) else ""


_SOURCES = re.compile(r"(?i)\bsources?\b")
# "ISLAMABAD: ...", "date 2025-05-08 NEW DELHI, 7 May -", "Beirut (AP) -": a capital the report
# is filed from, at the start of a line
_DATELINE = re.compile(
    r"(?m)^(?:date \d{4}-\d{2}-\d{2}\s+)?([A-Z][A-Za-z'. ]{2,30}?)"
    r"(?:,[^.\n:]{0,30})?(?::|\s[-\u2013\u2014]\s|\s\()"
)


def _dateline_countries(text: str) -> set[str]:
    """The countries of the capitals the report says it is filed from."""
    capitals = capital_countries()
    return {capitals[m.group(1).title()] for m in _DATELINE.finditer(text) if m.group(1).title() in capitals}


def _agent_country(reading: CasualtyReading, ctx: AttributionContext) -> str:
    """The country of whoever did the harm, read from the doer's own words ("Pakistani forces
    ... killing 12 civilians", "Israeli strikes across Iran have killed", "killed in US
    airstrikes", "Israel killed"), not from the places around it."""
    if reading.kind not in ("killed", "injured"):
        return ""  # who moved people (evacuated, deported) is often their own government
    return _doer_country(reading, ctx)


def _doer_country(reading: CasualtyReading, ctx: AttributionContext) -> str:
    """The country of whoever did what is counted, whatever its kind (see :func:`_agent_country`)."""
    victims = range(reading.victims.start, reading.victims.end)
    speech = casualty_lexicon().speech_verbs
    heads: list[Token] = []
    tok = reading.trigger
    for _ in range(3):
        heads.append(tok)
        if tok.dep_ not in ("advcl", "xcomp", "conj", "acl", "pcomp") or tok.head.i == tok.i:
            break
        tok = tok.head
    doers: list[Token] = []
    deed = reading.trigger
    if deed.dep_ == "pcomp" and deed.head.lower_ in ("of", "for") and deed.head.head.pos_ == "VERB":
        # "accused Pakistani forces of killing three civilians", "blamed X for killing": the
        # accused, the object of the verb that frames the deed, did it
        doers += [c for c in deed.head.head.children if c.dep_ == "dobj"]
    for verb in heads:
        if verb.lemma_.lower() in speech:
            continue  # "Thailand reported 13 civilians killed": the speaker, not the doer
        # a bare participle's subject is who it befell ("with 29 soldiers wounded"), not a doer
        befell = verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        for c in verb.children:
            if c.dep_ == "nsubj" and c.lemma_.lower() not in _PEOPLE and not befell:
                doers.append(c)
            elif c.dep_ == "agent":
                doers += [o for o in c.children if o.dep_ == "pobj"]
            elif c.dep_ == "prep" and c.lower_ in _AGENT_PREPS:  # "killed in US airstrikes"
                doers += [o for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in _ATTACKS]
    for doer in doers:
        if doer.i in victims or _in_dateline(doer):
            continue
        words = [doer, *(t for c in doer.children if c.dep_ in _AGENT_MODS for t in c.subtree)]
        words = [t for t in words if _same_line(t, doer)]  # not a headline the parser ran in
        lo, hi = min(t.idx for t in words), max(t.idx + len(t) for t in words)
        party = ctx.party_in(lo, hi, fallback_country="")
        if party is not None and party.country and party.inter in (1, 8):
            return party.country
        for t in words:
            if t.text[:1].isupper() and not (t.dep_ == "compound" and t.head.i != doer.i):
                code = demonym_country(t.text)  # not "Haiti" of "Haiti gang attack": the gang's place
                if code:
                    return code
    return ""


def _same_line(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


_DATELINE_ENDS = frozenset({"–", "—", "-", ":", "--"})


def _in_dateline(tok: Token) -> bool:
    """Is ``tok`` in a dateline ("KABUL, AFGHANISTAN – Pakistan's airstrikes ...") that the
    parser took for the sentence's subject? Where a report was filed does no harm."""
    sent = tok.sent
    head = sent.doc[sent.start : min(sent.start + 6, sent.end)]
    ends = [t.i for t in head if t.text in _DATELINE_ENDS]
    return bool(ends) and tok.i < ends[0]


_SIDE_WORDS = frozenset({"side", "territory", "soil"})


def _stated_country(span: Span, noun: Token) -> str:
    """A country the victims' own words state: a demonym in the phrase ("three Afghan
    cricketers") or the side they are on ("positions on the Afghan side")."""
    words = [t for t in span if t.i != span.start or not t.like_num]
    # "on the Afghan side" after the noun, or after the verb the victims are the subject of
    # ("50 civilians were killed and 440 wounded on the Afghan side")
    heads = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = noun.head
        heads += [verb, *verb.conjuncts]
    for prep in (c for h in heads for c in h.children):
        if prep.dep_ == "prep" and prep.lower_ in ("on", "across", "from", "inside", "in"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lower_ in _SIDE_WORDS:
                    words.extend(t for t in obj.children if t.dep_ in ("amod", "compound", "poss"))
    text = doc_text(span.doc)
    for t in words:
        if t.pos_ in ("ADJ", "PROPN", "NOUN") and t.text[:1].isupper():
            if made_by_at(text, t.idx + len(t.text)):
                continue  # "five US-made vehicles", "Iran-backed fighters": who made or backs them
            code = demonym_country(t.text)
            if code:
                return code
    return ""


def _evidence(text: str, span: Span) -> str:
    """The figure's sentence, or a window of ``text`` (the document's) around it when long."""
    sent = span.sent
    own = sent.text.strip()
    if len(own) <= _EVIDENCE_CHARS:
        return own
    left = max(span.start_char - _EVIDENCE_CHARS // 2, sent.start_char)
    return text[left : left + _EVIDENCE_CHARS].strip()


def _rebuts(span: Span, speaker: Party, claims: Sequence[Claim], lex: CasualtyLexicon) -> bool:
    """Does a party's "no casualties" rebut: beside a denial ("rejected the report, saying there
    were no casualties"), or answering a figure someone else gives in the same sentence ("X said
    the commander was killed, while Y said there were no casualties")? Said of its own losses
    with nothing to answer ("reported no fatalities and three injuries") it is a report."""
    sent = span.sent
    rejecting = lex.deny_verbs | lex.dispute_verbs
    if any(t.pos_ == "VERB" and t.lemma_.lower() in rejecting for t in sent):
        return True
    return any(
        sent.start_char <= c.span[0] < sent.end_char
        and c.figure.value
        and (c.claimant.country, c.claimant.inter, c.claimant.name)
        != (speaker.country, speaker.inter, speaker.name)
        for c in claims
    )


def _claimant_agent(
    trigger: Token | None, claimant: Party, lex: CasualtyLexicon, ctx: AttributionContext
) -> bool:
    """Is the claimant the agent of the harm it says none of ("the army said its strikes killed
    no civilians", "said it did not kill any civilians"): the active subject of the harm verb
    names it by a pronoun (``self_reference_words``) or as an actor of its side?"""
    if trigger is None or trigger.pos_ != "VERB":
        return False
    for subj in trigger.children:
        if subj.dep_ != "nsubj":
            continue
        if any(t.lower_ in lex.self_reference for t in subj.subtree):
            return True
        party = ctx.party_in(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge), head=subj)
        if party is not None and claimant.country and party.country == claimant.country:
            return True
    return False


def _none_claims(
    doc: Doc,
    text: str,
    lex: CasualtyLexicon,
    ctx: AttributionContext,
    where: BesidesAt | None = None,
    told: Sequence[Claim] = (),
    scene: CountryAt | None = None,
) -> list[Claim]:
    out: list[Claim] = []
    found: list[tuple[int, int, str, Span, ClaimKind, Span | None, Token | None]] = []
    for m in _NONE_RE.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        word = (m.group(1) or m.group(3) or "").lower()  # the harm (group 2 is whose)
        kind: ClaimKind = (
            "injured"
            if word.startswith(("injur", "hurt", "wound"))
            else "other"  # unsplit: "no casualties" counts neither the dead nor the hurt alone
            if word.startswith("casualt")
            else "killed"
        )
        group_span = (
            doc.char_span(m.start("group"), m.end("group"), alignment_mode="expand")
            if m.group("group")
            else None
        )
        found.append((m.start(), m.end(), m.group(0), span, kind, group_span, None))
    taken = {i for *_, span, _, _, _ in found for i in range(span.start, span.end)}
    for sent in doc.sents:  # "no Pakistani casualties", "denied that any soldiers were killed"
        for span, reading in zero_readings(sent, lex):
            if span.start not in taken:
                # the group after the none ("no Pakistani soldiers"), or after its "of" ("none of
                # its soldiers")
                skip = 2 if len(span) > 2 and span[1].lower_ == "of" else 1
                group_span = span[skip:] if len(span) > skip else None
                found.append(
                    (
                        span.start_char,
                        span.end_char,
                        span.text,
                        span,
                        reading.kind,
                        group_span,
                        reading.trigger,
                    )
                )
    for start, end, said, span, kind, group, trigger in found:
        att = attribute(span, lex, ctx)
        rebuts = att.claimant.inter and _rebuts(span, att.claimant, told, lex)
        stance = "denied" if rebuts else att.stance
        fig = Figure(text=said, value=0, low=0, high=0, qualifier="exact")
        # "no casualties" from a party is about its own side; from no one, about the place in view
        # -- but not a none it says it caused ("its strikes killed no civilians", "it did not kill
        # any civilians"): those are the other side's, or the place's, never the speaker's own
        # unless nothing else is in view -- or the incident is on the speaker's own soil ("troops
        # killed 20 fighters in Borno near the border with Cameroon"): its own country's civilians
        agent = att.claimant.inter == 1 and _claimant_agent(trigger, att.claimant, lex, ctx)
        home = agent and scene is not None and scene(start, end) == att.claimant.country
        own = att.claimant.country if att.claimant.inter == 1 and (home or not agent) else ""
        besides = att.claimant.country if agent else ""
        country = own or (where(start, end, besides) if where is not None else "")
        victims = Party("", country, None)
        if group is not None:
            # "no Pakistani soldiers were killed": whose the none are, so it can contest their count
            party = ctx.party_in(group.start_char, group.end_char, head=group.root, fallback_country=country)
            victims = Party(
                group.text,
                (party.country if party is not None else "") or _stated_country(group, group.root) or country,
                party.inter if party is not None else None,
                group.start_char,
                group.end_char,
            )
        out.append(
            Claim(
                att.claimant,
                kind,
                victims,
                fig,
                (start, end),
                stance=stance,
                evidence=_evidence(text, span),
            )
        )
    return out


def _coordination(noun: Token) -> int | None:
    """The first conjunct of the phrase coordinating ``noun`` with other groups, if any."""
    if noun.dep_ in ("det", "nummod") and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # an implicit figure's determiner ("a driver and two brothers")
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.i == noun.i and not any(c.dep_ == "conj" for c in noun.children):
        return None
    return head.idx


def _same_group(a: Party, b: Party) -> bool:
    """Could two victim groups be one, told twice ("10 civilians" in a headline, "at least 10
    people" in the body)? A side or status left unknown in one telling is no difference."""
    return (not a.country or not b.country or a.country == b.country) and (
        a.inter is None or b.inter is None or a.inter == b.inter
    )


_HEADLINE_MAX = 160  # characters: a longer line without a full stop is body text


def _headline(text: str, at: int) -> bool:
    """Is the character at ``at`` on a headline: a short line that ends without a full stop?"""
    if not text:
        return False
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    return 0 < len(line) <= _HEADLINE_MAX and line[-1] not in ".\"”'"


def cross_link(doc: Doc, at: int, lex: CasualtyLexicon | None = None) -> bool:
    """Is the character at ``at`` in a link to another story ("Also Read: Bus crash kills four",
    "ALSO READ | ...", "WATCH: ..."; ``cross_links`` in ``casualty.json``)? The link opens a line
    and ends with its first sentence: a text without line breaks goes on with its own story after
    it; a line that is a headline (short, no full stop at its end) is the link whole, however many
    sentences its title has."""
    lex = lex or casualty_lexicon()
    text = doc_text(doc)
    start = text.rfind("\n", 0, at) + 1
    head = lex.cross_link.match(text, start, min(len(text), start + 40))
    if head is None:
        return False
    line_end = text.find("\n", start)
    end = len(text) if line_end < 0 else line_end
    if head.group("weak") is not None and not (line_end >= 0 and _headline(text, start)):
        return False  # "Watch: a video shows the strike, which wounded nine.": the page's own words
    if line_end >= 0 and _headline(text, start):
        return at < end  # a linked headline is the link whole ("Also Read: Record? Man Sets One")
    after = head.end()  # the link's own first words: its sentence ends it
    first = next((t for t in doc if t.idx >= after and not t.is_space), None)
    if first is not None and first.idx < end:
        end = min(end, first.sent.end_char)
    return at < end


def _take_telling(claim: Claim, other: Claim) -> None:
    """``claim`` told as ``other`` tells it: its figure with the figure's span, evidence and
    sentence, so that the span still points at the words of the figure (provenance); where it
    was first told stays its place among the incidents (``told_at``)."""
    if claim.told_at is None:
        claim.told_at = claim.span[0]
    claim.figure, claim.span = other.figure, other.span
    claim.evidence, claim.sentence = other.evidence, other.sentence


_ORDINALS = frozenset(
    {
        "another",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "further",
    }
)


def _one_more(name: str) -> bool:
    """Does the victims' phrase say it adds to what was told ("another 325 soldiers", "a fourth
    tank position", "a further 17")? Such a figure is never a restatement."""
    return any(w in _ORDINALS for w in name.lower().split()[:3])


def _other_one(a: Claim, b: Claim, text: str) -> bool:
    """Do two body tellings of one name two: each an indefinite "a X" with a different, specific
    person or materiel noun ("a security guard was killed" ... "a driver was shot dead";
    "recovered a pistol" ... "a shotgun")?
    An indefinite noun phrase brings in someone new; a generic one ("a person", "a woman") or a
    synonym ("a police officer" ... "a policeman", ``same_referent_nouns``) may restate."""
    if any(f.value != 1 or f.qualifier != "exact" for f in (a.figure, b.figure)):
        return False
    words_a, words_b = a.victims.name.lower().split(), b.victims.name.lower().split()
    if len(words_a) < 2 or len(words_b) < 2 or words_a[0] not in ("a", "an") or words_b[0] not in ("a", "an"):
        return False
    noun_a, noun_b = words_a[-1], words_b[-1]
    lex = casualty_lexicon()
    if noun_a == noun_b or noun_a in lex.generic_person or noun_b in lex.generic_person:
        return False
    same = lex.same_referent.get(noun_a)
    if same is not None and same == lex.same_referent.get(noun_b):
        return False  # "a police officer" ... "a policeman", "a drone" ... "a UAV": one, told twice
    if not (noun_a in lex.person and noun_b in lex.person) and not (
        noun_a in lex.materiel_nouns and noun_b in lex.materiel_nouns
    ):
        return False  # "a six-week-old infant — a tragic symbol of the war" is one infant
    return not _headline(text, a.span[0]) and not _headline(text, b.span[0])


def _headline_told(a: Claim, b: Claim, text: str) -> bool:
    """Is one of two tellings of a figure the headline's, with the same status of victims? A
    headline's victims take their country from the places it names ("... in Afghanistan"), the
    body's from who tells it: a difference of country there is no second group."""
    if a.victims.inter is not None and b.victims.inter is not None and a.victims.inter != b.victims.inter:
        return False
    head_a, head_b = _headline(text, a.span[0]), _headline(text, b.span[0])
    if head_a == head_b:
        return False
    head = a if head_a else b
    if a.victims.country and b.victims.country and a.victims.country != b.victims.country:
        # "30 Russian soldiers killed" over "... said 30 Ukrainian soldiers were killed": a
        # headline that names whose people it counts tells of another group
        words = head.victims.name.split("\n")[0].split()  # the headline's own words
        names = words + [f"{x} {y}" for x, y in pairwise(words)]
        return not any(w[:1].isupper() and demonym_country(w) for w in names)
    return True


def _merge_restatements(claims: list[Claim], text: str = "") -> list[Claim]:
    """Keep one claim per kind, figure and victim group for each side: the attributed one, else
    the first (a claimant-less telling of a figure a side gives is that side's claim restated)."""
    kept: list[Claim] = []
    by_figure: dict[tuple[object, ...], list[Claim]] = {}
    for c in claims:
        side = (c.claimant.country, c.claimant.inter) if c.claimant.inter else None
        bucket = by_figure.setdefault((c.kind, c.figure.value, c.subset), [])
        same = [
            k
            for k in bucket
            if (_same_group(k.victims, c.victims) or _headline_told(k, c, text))
            and (c.coordination is None or k.coordination != c.coordination)  # "3 women and 3 children"
            and not _one_more(c.victims.name)  # "another 325 soldiers", "a fourth tank"
            and not _other_one(k, c, text)  # "a security guard" ... "a driver"
        ]
        sides = [(k.claimant.country, k.claimant.inter) if k.claimant.inter else None for k in same]
        if not same:
            kept.append(c)
            bucket.append(c)
        elif side is None or side in sides:
            # a restatement of the same claim; a headline's bare "kill 10" keeps the body's
            # qualified telling ("at least 10 people were killed")
            prev = same[sides.index(side)] if side in sides else same[0]
            if _headline(text, prev.span[0]) and not _headline(text, c.span[0]):
                _take_telling(prev, c)
                if not _same_group(prev.victims, c.victims):
                    prev.victims = c.victims  # the body says whose people, the headline guessed
            continue
        elif None in sides:
            # the body names who says what the lede said unattributed: one claim, the body's
            # claimant, kept where it is first stated
            prev = same[sides.index(None)]
            prev.claimant, prev.stance = c.claimant, c.stance
            if not _same_group(prev.victims, c.victims) and _headline(text, prev.span[0]):
                prev.victims = c.victims  # the body says whose people, the headline guessed
            _take_telling(prev, c)  # and its telling: "at least 16 ..." then "all 16 ..., the army said"
        else:
            kept.append(c)
            bucket.append(c)
    return sorted(kept, key=_reading_order)


_HARM_KINDS = frozenset({"killed", "injured", "captured", "detained", "missing"})


def _returns_told_as_removals(claims: list[Claim], doc: Doc, lex: CasualtyLexicon) -> list[Claim]:
    """A neutral return (kind other, read from a verb of return or a returning group: "returned",
    "returning refugees") with the figure of a deportation the same side tells in another sentence
    is that deportation told neutrally ("128,000 returning refugees were registered" ...
    "registered 128,000 deportees"): one claim, the deportation (the corpus conventions keep the
    kind that says how people went). Not when the two sentences name dates that do not overlap
    ("last week" / "on Monday": ``doc._.dates``) or different countries the people left
    ("returned from Iran" / "deported from Pakistan", "Iran deported"): two groups. Casualties
    ("killed or wounded 12 people") are no return."""
    removals = [c for c in claims if c.kind == "deported"]
    if not removals:
        return claims

    starts = [sent.start_char for sent in doc.sents]

    def side(c: Claim) -> tuple[str, int] | None:
        return (c.claimant.country, c.claimant.inter) if c.claimant.inter else None

    def sentence(c: Claim) -> int:
        return bisect_right(starts, c.span[0])

    def reading(c: Claim) -> CasualtyReading | None:
        span = doc.char_span(c.span[0], c.span[1], alignment_mode="expand")
        return read_casualty(span, lex) if span is not None else None

    told = (doc._.dates or []) if Doc.has_extension("dates") else []

    def dates(r: CasualtyReading) -> list[tuple[date, date]]:
        sent = r.trigger.sent
        return [
            (d.start, d.end)
            for d in told
            if d.start and d.end and sent.start_char <= (d.span_start or -1) < sent.end_char
        ]

    def host(r: CasualtyReading) -> str:
        code = _host_country(r, lex)
        subjects = [s for s in r.trigger.children if s.dep_ == "nsubj" and s.pos_ == "PROPN"]
        return code or next((c for s in subjects if (c := demonym_country(s.text))), "")

    def harmed(tok: Token) -> bool:
        # "killed or wounded 40 returning refugees": a casualty figure (kind other), never a return
        words = [tok, *(c for c in tok.children if c.dep_ == "conj")]
        if tok.dep_ == "conj":
            words.append(tok.head)
        return any(
            lex.kind_of(w.lemma_ if w.pos_ in ("VERB", "AUX") else w.lower_, w.pos_) in _HARM_KINDS
            for w in words
        )

    def returning(r: CasualtyReading) -> bool:
        if r.kind != "other" or harmed(r.trigger):
            return False
        if r.noun.dep_ in ("dobj", "nsubjpass") and harmed(r.noun.head):
            return False  # "12 returning refugees were killed or wounded": harmed on the way
        if is_return(r.trigger, lex):
            return True  # "3,000 refugees returned"
        return any(c.dep_ == "amod" and is_return(c, lex) for c in r.noun.children)  # "returning refugees"

    def same_context(r: CasualtyReading, d: CasualtyReading) -> bool:
        rd, dd = dates(r), dates(d)
        rh, dh = host(r), host(d)
        overlap = any(a <= y and x <= b for a, b in rd for x, y in dd)
        return not (rd and dd and not overlap) and not (rh and dh and rh != dh)

    def told_as_removal(c: Claim) -> bool:
        if c.kind != "other":
            return False
        same = [
            d
            for d in removals
            if d.figure.value == c.figure.value
            and d.figure.qualifier == c.figure.qualifier
            and (side(d) is None or side(c) is None or side(d) == side(c))
            and sentence(d) != sentence(c)  # "3,000 returned, while 3,000 were deported": two groups
        ]
        if not same:
            return False
        mine = reading(c)
        if mine is None or not returning(mine):
            return False
        theirs = [r for r in map(reading, same) if r is not None and r.kind == "deported"]
        return any(same_context(mine, r) for r in theirs)

    return [c for c in claims if not told_as_removal(c)]


def _reading_order(c: Claim) -> tuple[int, int]:
    """The order claims leave :func:`extract_claims` in: where each is first told (a restated
    figure where its first telling is), then where its span is."""
    return (c.span[0] if c.told_at is None else c.told_at, c.span[0])


_REJECT_REACH = 3  # sentences before and after a rejection whose rival figures it answers


def _rejecter(tok: Token, lex: CasualtyLexicon, ctx: AttributionContext) -> Party | None:
    """The party that rejects a figure with ``tok``: "X denied the claims", "X rejected reports
    that ...", "X dismissed the claim as lies", "X called the claim fake news"."""
    lemma = tok.lemma_.lower()
    rejects = lemma in lex.deny_verbs or lemma in lex.dispute_verbs or lemma in lex.labelling_verbs
    if not rejects and lemma in lex.speech_verbs and tok.pos_ == "VERB" and _says_false(tok, lex):
        rejects = True  # "X said this information was false", "X told reporters the claims were lies"
        lemma = "deny"
    if not rejects or tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
        return None
    words = {t.lemma_.lower() for t in tok.subtree if t.i != tok.i}
    if lemma in lex.deny_verbs or lemma in lex.dispute_verbs:
        if not (words & lex.claim_nouns or any(c.dep_ == "ccomp" for c in tok.children)):
            return None  # "rejected the talks", "denied entry"
        if _about_a_deed(tok, lex):
            return None  # "denied allegations of harbouring militants": no figure is rejected
    elif not (lemma in lex.labelling_verbs and words & lex.false_words and words & lex.claim_nouns):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ in ("acl", "relcl") and tok.head.pos_ == "NOUN":
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)  # "a claim dismissed by X"
        subj = next((o for o in agent.children if o.dep_ == "pobj"), None) if agent is not None else None
    if subj is None or subj.pos_ == "PRON":
        return None
    party = ctx.claimant_in(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge), head=subj)
    if party is None and subj.text in capital_countries():  # "Kabul rejected the figures"
        party = Party(subj.text, capital_countries()[subj.text], 1, subj.idx, subj.idx + len(subj))
    return party if party is not None and party.inter else None


_CLAIM_PRONOUNS = frozenset({"this", "that", "it", "these", "those", "information"})


def _says_false(tok: Token, lex: CasualtyLexicon) -> bool:
    """Does a reporting verb say that a claim is false ("said the reports were baseless", "told
    the agency this information was fake")? Its clause: a claim (or "this", "it") and a word of
    falsehood as what it is."""
    for clause in tok.children:
        if clause.dep_ != "ccomp" or any(c.dep_ == "neg" for c in clause.children):
            continue
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not (subj.lemma_.lower() in lex.claim_nouns or subj.lower_ in _CLAIM_PRONOUNS):
            continue
        said = {t.lemma_.lower() for c in clause.children if c.dep_ in ("acomp", "attr") for t in c.subtree}
        if said & lex.false_words:
            return True
    return False


def _about_a_deed(tok: Token, lex: CasualtyLexicon) -> bool:
    """Is what a verb rejects a claim of doing something ("allegations of harbouring militants",
    "accusations about supporting the group") rather than a claim about casualties?"""
    doc = tok.doc
    for obj in tok.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in lex.claim_nouns or obj.i + 2 >= len(doc):
            continue
        if doc[obj.i + 1].lower_ in ("of", "about") and doc[obj.i + 2].tag_ == "VBG":
            return True
    return False


_DENIAL_DEPS = frozenset({"dobj", "ccomp", "prep", "attr", "oprd"})
"""The dependents of a rejecting verb that hold what it rejects; an ``advcl`` or ``conj`` only
when it rejects too ("calling it baseless"), not when it reports ("saying 23 were killed"), which
carries the speaker's own counter-figure."""


def _rejections(doc: Doc, claims: list[Claim], lex: CasualtyLexicon, ctx: AttributionContext) -> list[Claim]:
    """A party rejecting a rival's figure: its own claim of that figure, stance ``denied``, and the
    rival's claim ``disputed`` (SCHEMA.md). The rival's figures are those of another side in the
    rejection's sentence or a few sentences around it; a figure the rejection itself states
    ("denied that Afghan forces had captured a tank") is the denial, and rival claims of the same
    figure anywhere are disputed."""
    sents = list(doc.sents)
    out: list[Claim] = []
    for si, sent in enumerate(sents):
        for tok in sent:
            party = _rejecter(tok, lex, ctx)
            if party is None:
                continue
            side = (party.country, party.inter)
            # the denial is what the verb rejects (its object, its that-clause), not a clause
            # beside it: "rejected the claims, saying 23 soldiers had been killed" asserts the 23
            parts = [
                c
                for c in tok.children
                if c.dep_ in _DENIAL_DEPS
                or (c.dep_ in ("advcl", "conj") and c.lemma_.lower() in lex.rejecting_verbs)
            ]  # "dismissed the account, calling its claim that 200 died baseless" rejects the 200
            inside = [range(p.left_edge.idx, p.right_edge.idx + len(p.right_edge)) for p in parts]
            own = [
                c
                for c in claims
                if any(c.span[0] in r for r in inside) and (c.claimant.country, c.claimant.inter) == side
            ]
            for c in own:
                c.stance = "denied"
                for rival in claims:
                    if (
                        rival is not c
                        and (rival.kind, rival.figure.value) == (c.kind, c.figure.value)
                        and rival.claimant.inter
                        and (rival.claimant.country, rival.claimant.inter) != side
                        and rival.stance == "asserted"
                    ):
                        rival.stance = "disputed"
            if own:
                continue
            lo = sents[max(0, si - _REJECT_REACH)].start_char
            hi = sents[min(len(sents) - 1, si + _REJECT_REACH)].end_char
            # the rejecter's own counter-figure says which toll it answers: "disputed Pakistan's
            # account, claiming 58 Pakistani soldiers were killed" answers the soldiers' toll
            # only, not the same account's count of Taliban dead or of posts taken
            counter = {
                (c.kind, c.victims.country)
                for c in claims
                if sent.start_char <= c.span[0] < sent.end_char
                and (c.claimant.country, c.claimant.inter) == side
                and c.figure.value
            }
            for c in claims:
                if counter and (c.kind, c.victims.country) not in counter:
                    continue
                other = (c.claimant.country, c.claimant.inter) != side
                # a rival: another side, or an outlet that tells the figure ("Iranian media reported")
                rival_side = bool(c.claimant.inter or c.claimant.name) and other
                in_sent = sent.start_char <= c.span[0] < sent.end_char and other
                if not (lo <= c.span[0] < hi and (rival_side or in_sent)) or c.stance != "asserted":
                    continue
                if c.figure.value == 0:
                    continue  # "no casualties" rebuts; it is not the rival's toll
                c.stance = "disputed"
                out.append(replace(c, claimant=party, stance="denied"))
    return out


_LIST_PREPS = frozenset({"over", "in", "near", "at", "across", "on", "from", "along"})


def _elided(span: Span, figure: Figure, claims: list[Claim]) -> Claim | None:
    """A count whose noun and verb are left out in a list after a full telling: "11 drones were
    shot down over the Belgorod Region, 28 over the Voronezh Region and 17 over the Rostov Region"
    counts 28 and 17 drones shot down, as the first item says."""
    doc = span.doc
    if span.end >= span.sent.end or doc[span.end].lower_ not in _LIST_PREPS:
        return None
    if any(t.pos_ in ("NOUN", "PROPN") for t in span) or span.start == span.sent.start:
        return None  # "six drones over ..." names its own noun; a sentence opening is no list item
    before = doc[span.start - 1]
    if before.text not in (",", "and", ";") and before.lower_ != "and":
        return None
    prep = doc[span.end].lower_
    sent = span.sent
    for prev in reversed(claims):
        if not sent.start_char <= prev.span[0] < span.start_char:
            break
        head = doc.char_span(prev.span[0], prev.span[1], alignment_mode="expand")
        if head is None:
            continue
        between = doc[head.end : span.start]
        if not any(t.lower_ == prep for t in between) or any(t.lower_ in (";", ".") for t in between):
            continue
        return replace(
            prev,
            figure=figure,
            span=(span.start_char, span.end_char),
            victims=replace(
                prev.victims,
                name=prev.victims.name.replace(prev.figure.text, figure.text, 1),
                start=span.start_char,
                end=span.end_char,
            ),
            subset=False,
            tally=False,
            # the items of one list are apart even when they count alike ("three over Sumy, three
            # over Kursk"): a mark of their own list keeps the restatement merge from joining them
            coordination=prev.coordination if (prev.coordination or 0) < 0 else -1 - prev.span[0],
        )
    return None


def extract_claims(
    doc: Doc,
    figures: Sequence[FigureMention],
    actors: Sequence[ActorMention],
    *,
    focus_country: str = "",
    country_at: BesidesAt | None = None,
    place_country: CountryAt | None = None,
    local_country: CountryAt | None = None,
    scene_country: CountryAt | None = None,
) -> list[Claim]:
    """All casualty claims in ``doc`` (parsed), in reading order of their first telling
    (:func:`_reading_order`), restatements merged."""
    lex = casualty_lexicon()
    text = doc_text(doc)
    ctx = AttributionContext(
        actors,
        focus_country=focus_country,
        place_country=place_country,
        people=titled_people(doc, actors, focus_country),
    )
    where: BesidesAt = country_at or (lambda _s, _e, _besides: focus_country)  # no other place: the focus
    ctx.incident_country = local_country
    spans = _figure_spans(doc, figures) + _unquantified(doc, lex)
    taken = {t.i for span, _ in spans for t in span}
    spans += _implicit_figures(doc, lex, taken)
    taken |= {t.i for span, _ in spans for t in span}
    singles = _listed_singles(spans, lex, taken)
    single_at = {sp.start for sp, _ in singles}
    spans += singles
    spans.sort(key=lambda x: x[0].start)
    spans = [
        (sp, f)
        for sp, f in spans
        if not _denominator(sp) and not _age_after_name(sp, lex) and not cross_link(doc, sp.start_char, lex)
    ]
    claims: list[Claim] = []
    named: dict[int, Party] = {}
    sent_no = {s.start: i for i, s in enumerate(doc.sents)}
    elliptic: set[int] = set()  # "nine Afghan and 58 Pakistani soldiers": claims that share a head
    kin_of: dict[int, int] = {}  # token of a relative named after a victim -> that victim's claim
    listed: dict[int, CasualtyReading] = {}  # a claim's counted noun -> its reading, for its conjuncts
    for span, figure in spans:
        reading = read_casualty(span, lex)
        if (
            reading is not None
            and span.start in single_at
            and reading.noun.dep_ == "appos"
            and _comment(reading.noun, lex)
        ):
            # "killed 40 militants, a claim the Taliban rejected": a lone "a X" in apposition to a
            # count that names a comment is no victim
            reading = None
        reading = (
            reading
            or _listed_reading(span, lex, listed)
            or _shared_reading(span, lex, spans)
            or _parts_of_whole(span, lex, listed)
        )
        if reading is None:
            elided = _elided(span, figure, claims)
            if elided is not None:
                claims.append(elided)
            continue
        if _one_family(reading.noun, figure):
            continue  # "three generations of one family were killed": a family is no one person
        rel = reading.noun.i if reading.noun.dep_ not in ("poss", "det") else reading.noun.head.i
        if rel in kin_of and figure.value is not None and figure.qualifier == "exact":
            # "a father and his two children were killed": the relatives join the first victim's group
            at = kin_of.pop(rel)
            if at >= 0:
                claims[at] = _with_kin(claims[at], figure.value, reading.noun, text)
            continue
        listed.setdefault(reading.noun.i, reading)
        att = attribute(span, lex, ctx)
        victims = _victims(reading, att.claimant, ctx, where, local_country)
        doer = _state_doer(reading, att.claimant, victims, ctx, lex)
        if doer:
            # "Pakistani jets struck hideouts in Afghanistan, killing 12 militants, security
            # sources said": unnamed sources telling what a state's forces did to their enemy abroad
            # speak for that state, not for the country where it happened
            att = replace(att, claimant=replace(att.claimant, country=doer))
            victims = _victims(reading, att.claimant, ctx, where, local_country)
        sent = span.sent.start
        bare = reading.noun.i in range(span.start, span.end)
        if (bare or reading.noun.lower_ == "others") and sent in named:
            # "23 soldiers were killed and 29 wounded": the bare figure counts the group just named,
            # and so do "18 others" ("one soldier was killed and 18 others were wounded")
            prev = named[sent]
            victims = replace(victims, country=prev.country, inter=prev.inter)
        elif victims.inter is None and sent in named and _harm_noun(reading.noun, lex):
            # "1,383 civilians were killed, 49 deaths in Tartous": a tally noun ("deaths",
            # "injuries") counts the kind of people the sentence already named
            victims = replace(victims, inter=named[sent].inter)
        elif not bare and victims.inter is not None:
            named[sent] = victims
        if victims.inter is None and (bare or _harm_noun(reading.noun, lex)):
            # "the civilian death toll rose to 17 after two more deaths", "the toll per province
            # includes 683 in Latakia" after "civilians were killed": a tally of the people the
            # sentence or the last few name
            harm = _harm_noun(reading.noun, lex)
            toll = _toll_word(span) or (reading.noun if harm else None)
            # a bare figure takes the civilians of its own toll only; a tally noun ("two more
            # deaths") those of the sentence's ("the civilian death toll rose to 19 after ...")
            status = _toll_status(list(span.sent) if harm else [toll] if toll is not None else [])
            if status is None and toll is not None:
                # only a tally ("the toll rose to 40", "bringing the toll to", "49 deaths") counts
                # a group named before; "a bomb killed 9" is an incident of its own
                status = _recent_status(named, sent_no, sent, span, lex)
            if status is not None:
                victims = replace(victims, inter=status)
        party = victims.inter not in (None, _CIVILIANS)
        if reading.kind == "displaced" and party and uprooted(reading.trigger, lex):
            continue  # "drove 500 fighters from their villages": a party to the fighting, driven back
        if victims.inter is None and _elliptic(reading.noun):
            elliptic.add(len(claims))
        claims.append(
            Claim(
                claimant=att.claimant,
                kind=reading.kind,
                victims=victims,
                figure=figure,
                span=(span.start_char, span.end_char),
                stance=att.stance,
                evidence=_evidence(text, span),
                subset=_is_subset(reading.noun, span),
                tally=_TALLY.match(text, span.end_char) is not None,
                prior=_is_prior(reading.noun, lex),
                coordination=_coordination(reading.noun) or _coordination(span.root),
            )
        )
        if figure.qualifier == "exact" and figure.value is not None:
            kin_list = _kin(reading.noun, lex)
            if kin_list and figure.value > 1 and _named(reading.noun):
                # "six civilians, Karim X, his wife and their four children": the names and the
                # relatives list the six, nothing is added (their own figures are not counted)
                kin_of.update((kin.i, -1) for kin in kin_list)
                kin_list = []
            for kin in kin_list:
                if kin.tag_ == "NN" and not any(c.dep_ == "nummod" for c in kin.children):
                    # "his wife", "her son": one each, counted now; a figure read on them later is not
                    claims[-1] = _with_kin(claims[-1], 1, kin, text)
                    kin_of[kin.i] = -1
                else:
                    kin_of[kin.i] = len(claims) - 1  # "his two children": added when its figure is read
    claims += _none_claims(doc, text, lex, ctx, where, claims, scene_country)
    merged = _returns_told_as_removals(_merge_restatements(_share_heads(claims, elliptic), text), doc, lex)
    denied = _rejections(doc, merged, lex, ctx)
    return sorted(merged + denied, key=_reading_order) if denied else merged


_STATUS_REACH = 3  # sentences back a bare tally looks for the group it counts
_TOLL_NOUNS = frozenset({"toll", "death", "casualty", "fatality", "injury", "dead", "victim"})


_CLIMB = frozenset({"nummod", "quantmod", "compound", "pobj", "prep", "dobj", "attr", "npadvmod", "appos"})
_TOLL_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _toll_word(span: Span) -> Token | None:
    """The toll noun the figure is the value of, in its own clause: "the death toll rose to 17",
    "bringing the toll to 17", "a toll of 17"; none for "the army said it lost 9" after "the
    civilian death toll has reached 17", where the toll is another clause's."""
    node: Token = span.root
    for _ in range(6):
        if node.lemma_.lower() == "toll":
            return node
        for child in node.children:
            if child.dep_ in _TOLL_ROLES and child.lemma_.lower() == "toll":
                return child
        if node.dep_ not in _CLIMB or node.head is node:
            return None
        node = node.head
    return None


def _toll_status(tolls: list[Token]) -> int | None:
    """Civilians (7) when one of ``tolls`` (the figure's own toll noun, or its sentence) is
    qualified as theirs ("the civilian death toll rose to 17 after two more deaths", "2,300
    civilian deaths")."""
    for toll in tolls:
        for t in [toll, *toll.subtree]:
            if (
                t.lower_ == "civilian"
                and t.dep_ in ("amod", "compound")
                and t.head.lemma_.lower() in _TOLL_NOUNS
            ):
                return 7
    return None


def _recent_status(
    named: dict[int, Party], sent_no: dict[int, int], sent: int, span: Span, lex: CasualtyLexicon
) -> int | None:
    """The status of the last group named in the few sentences before ``sent``; none for a tally
    of "the enemy" ("bringing the enemy casualties to 90"), the other side of whoever speaks."""
    if any(t.lower_ in lex.adversary_words for t in span.sent):
        return None
    here = sent_no.get(sent)
    if here is None:
        return None
    best: tuple[int, int] | None = None
    for start, party in named.items():
        no = sent_no.get(start)
        if no is not None and here - _STATUS_REACH <= no < here and party.inter is not None:
            if best is None or no > best[0]:
                best = (no, party.inter)
    return best[1] if best is not None else None


def _elliptic(noun: Token) -> bool:
    """A number and a nationality standing for a group named by a conjunct's noun ("nine Afghan
    and 58 Pakistani soldiers": nine Afghan soldiers), a singular demonym with no noun of its own."""
    if noun.tag_ not in ("NNP", "JJ", "NN") or not any(c.dep_ == "nummod" for c in noun.children):
        return False
    if not any(c.dep_ == "conj" for c in noun.children):
        return False
    return demonym_country(noun.text) is not None


def _share_heads(claims: list[Claim], elliptic: set[int]) -> list[Claim]:
    """Give each elliptic group (:func:`_elliptic`) the status of the coordinated group whose noun
    it shares: the soldiers of "nine Afghan and 58 Pakistani soldiers" are both sides' forces."""
    for i in sorted(elliptic):
        c = claims[i]
        head = next(
            (
                o
                for j, o in enumerate(claims)
                if j not in elliptic
                and o.coordination is not None
                and o.coordination == c.coordination
                and o.kind == c.kind
                and o.victims.inter is not None
            ),
            None,
        )
        if head is not None:
            claims[i] = replace(c, victims=replace(c.victims, inter=head.victims.inter))
    return claims
