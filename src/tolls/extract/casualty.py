"""From a figure to a casualty reading: which group it counts and what happened to them.

Given a figure's tokens in a parsed sentence, find the noun it counts (the victim group) and
the word that says what happened to that group (killed, injured, captured, ...). The search
goes, in order: modifiers of the victim noun ("soldiers killed", "dead civilians"), the
figure's syntactic ancestors ("the deaths of 46 people", "killed over 200 soldiers"), then a
short linear window each side for parses that went astray ("23 of its personnel killed").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from tolls.extract.figures import vague_count_words
from tolls.extract.lexicon import CasualtyLexicon
from tolls.model import ClaimKind

__all__ = [
    "CasualtyReading",
    "is_return",
    "loses_limb",
    "read_casualty",
    "suffers_injury",
    "uprooted",
    "victim_noun",
    "zero_readings",
]

_NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})
_MODEL = re.compile(r"^[A-Za-z]+-[0-9]+[A-Za-z]*$")  # a model's designation: "MQ-9", "Shahed-136"
_MOD_DEPS = frozenset({"nummod", "quantmod", "amod", "compound", "det", "nmod"})
_CLAUSE_STOP = frozenset({";", ".", "!", "?", ":"})
_MAX_UP = 5
_RIGHT_WINDOW = 6
_LEFT_WINDOW = 4


@dataclass(frozen=True, slots=True)
class CasualtyReading:
    kind: ClaimKind
    trigger: Token
    noun: Token
    victims: Span


_REFLEXIVE = frozenset({"themselves", "himself", "herself"})
_SUFFER = frozenset({"sustain", "suffer", "receive"})


def _suffered(injury: Token) -> bool:
    """ "have sustained injuries" parsed as "have" with an object "sustained injuries": the
    participle of suffering that the parser hung on the injury as a modifier."""
    return any(c.dep_ == "amod" and c.lemma_.lower() in _SUFFER for c in injury.children)


def _injury_suffered(lemma: str, obj: Token, lex: CasualtyLexicon) -> bool:
    """Does a verb of ``lemma`` with the object ``obj`` tell an injury suffered: a verb of suffering
    with an injury ("sustained severe injuries"), or "have" with one the parser hung the
    participle of suffering on ("have sustained injuries")?"""
    if lex.noun_kind.get(obj.lemma_.lower()) != "injured":
        return False
    return lemma in _SUFFER or (lemma in lex.injury_have_verbs and _suffered(obj))


def suffers_injury(verb: Token, lex: CasualtyLexicon) -> bool:
    """ "suffered head injuries", "sustained severe injuries": a verb of suffering whose object is
    an injury (also "have sustained injuries" where the parser made "have" the verb)."""
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return any(c.dep_ == "dobj" and _injury_suffered(lemma, c, lex) for c in verb.children)


def _limb(obj: Token, lex: CasualtyLexicon) -> bool:
    """A part of the body lost ("lost a leg", "lost his sight"), but not sight "of" something
    ("lost sight of the target", "lost track of")."""
    return obj.lower_ in lex.lost_limbs and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in obj.children
    )


def loses_limb(verb: Token, lex: CasualtyLexicon) -> bool:
    """ "a crew member lost a leg", "two children lost their eyes": the subject is injured."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() == "lose"
        and any(c.dep_ == "dobj" and _limb(c, lex) for c in verb.children)
    )


def _with_injuries(verb: Token, lex: CasualtyLexicon) -> bool:
    """ "one person was evacuated with minor injuries", "three were rushed to hospital with
    wounds": a verb that moves or treats people (``injury_carry_verbs``), whose "with" names an
    injury, counts the injured; never one found or left "dead" ("found dead with stab wounds")."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() in lex.injury_carry_verbs
        and not _complements(verb) & lex.death_complements
        and any(
            o.dep_ == "pobj" and lex.noun_kind.get(o.lemma_.lower()) == "injured"
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "with"
            for o in p.children
        )
    )


def victim_noun(fig: Span, partitive: frozenset[str] = frozenset()) -> Token:
    """The noun a figure counts: its head ("58 soldiers"; "15 members of the family"), its "of"
    object ("23 of its personnel"), or the figure itself ("thousands"). A head noun that names
    people ("2 staff of the demining group") is the group itself."""
    root = fig.root
    doc = root.doc
    if (
        fig.end + 1 < len(doc)
        and _MODEL.match(doc[fig.end].text)
        and doc[fig.end + 1].pos_ == "NOUN"
        and doc[fig.end + 1].tag_ == "NNS"
    ):
        return doc[fig.end + 1]  # "12 Shahed-136 drones", "22 MQ-9 drones": the parser lost the noun
    whole = root.head
    if (
        root.dep_ == "quantmod"
        and whole.like_num
        and whole.i == root.i + 2
        and root.doc[root.i + 1].lower_ == "of"
        and whole.dep_ == "nummod"
        and whole.head.pos_ in _NOUN_POS
    ):
        return whole.head  # "destroyed 45 of 52 drones": the parser hung the part on the whole
    if root.dep_ in _MOD_DEPS and root.head.pos_ in _NOUN_POS and root.head.i > root.i:
        between = root.doc[root.i + 1 : root.head.i]
        inside = range(root.i + 1, root.head.i + 1)  # "200 Taliban and affiliated fighters"
        if any(
            (t.pos_ in ("CCONJ", "PUNCT") and (t.head.i not in inside or t.text == ","))
            or (t.pos_ == "VERB" and t.dep_ not in ("amod", "compound", "conj"))
            or (t.dep_ == "conj" and t.head.i not in inside)
            for t in between
        ):
            # "killing four and recovering weapons": a bad parse, the figure stands alone, or with
            # its own "of" object ("23 of its troops and 200 fighters")
            return _of_object(root) or root
        head = root.head
        if between and head.tag_ == "NNS" and head.lower_ in vague_count_words():
            # "left 12 dead and injured scores of others": no number counts "scores" (a vague count
            # of its own, unlike "three separate groups of"); the parser hung it there, it stands
            # alone ("12 dead")
            return root
        return (_of_object(head) or head) if head.lemma_.lower() in partitive else head
    return _of_object(root) or root


def _of_object(tok: Token) -> Token | None:
    for child in tok.rights:
        if child.lower_ == "of" and child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _of_object(obj) if obj.like_num else obj
    return None


def _complements(verb: Token) -> set[str]:
    """Lemmas completing a verb: "shot dead", "beaten to death"."""
    out: set[str] = set()
    for c in verb.children:
        out.add(c.lemma_.lower())
        if c.dep_ == "prep":
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    return out


def is_return(verb: Token, lex: CasualtyLexicon) -> bool:
    """Does ``verb`` tell of a return ("returned", "crossed back", "came back", "went home")?"""
    return verb.pos_ == "VERB" and lex.is_return_verb(verb.lemma_.lower(), _particles(verb))


_PREDICATIVE = frozenset({"acomp", "oprd", "attr"})


def _person_return(verb: Token, noun: Token, lex: CasualtyLexicon) -> bool:
    """Does the return told by ``verb`` bring people back to a country or a home area ("3,000
    families came back to their villages", "Cambodians went home from Thailand", "16,000
    returned on Friday"), not results ("came back negative"), workers back to work or a crowd
    home after an event ("50,000 people went home after the rally")? Decided by the verb's
    complement and its destination or origin, then by who returns (``person_return_about`` in
    ``casualty.json``)."""
    if any(c.dep_ in _PREDICATIVE for c in verb.children):
        return False  # "the results came back negative"
    ends = _return_ends(verb, lex)
    if any(t.lemma_.lower() in lex.return_not_places or t.lower_ in lex.return_not_places for t in ends):
        return False  # "went back to work", "returned to school"
    places = [t for t in ends if t.dep_ in ("pobj", "dobj")]
    if any(t.ent_type_ in ("GPE", "LOC") or t.lemma_.lower() in lex.return_places for t in places):
        return True  # "to Afghanistan", "from Iran", "to their villages", "crossed the border"
    if noun.lemma_.lower() in lex.returning_people or noun.tag_ == "NNPS" or noun.ent_type_ == "NORP":
        return True  # "3,000 families came back", "200,000 Cambodians went home"
    # a plain return verb, not told as going home ("16,000 returned on Friday")
    return verb.lemma_.lower() in lex.return_verbs and len(places) == len(ends)


def _return_ends(verb: Token, lex: CasualtyLexicon) -> list[Token]:
    """Where a return goes or comes from: the objects of the verb's ``return_prepositions`` (also
    hung on its particle: "came back to their villages"), its own object ("crossed the border")
    and a "home" it goes to."""
    out: list[Token] = []
    for head in (verb, *(c for c in verb.children if c.dep_ in ("prt", "advmod"))):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in lex.return_preps:
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        out.extend((obj, *obj.conjuncts))
            elif c.dep_ == "dobj" and head.i == verb.i:
                out.append(c)
            elif c.dep_ in ("advmod", "npadvmod") and c.lower_ == "home":
                out.append(c)
    return out


def _particles(verb: Token) -> set[str]:
    """A verb's particle: "blew up", "shot down", "took out" (not its subject's or objects' words)."""
    return {c.lemma_.lower() for c in verb.children if c.dep_ in ("prt", "advmod")}


def _carries(verb: Token, lex: CasualtyLexicon) -> bool:
    """A verb that wrecks only with its particle ("took out", "brought down") moving its object
    from or to a place ("took out 20 trucks of aid from the depot", "brought down supplies
    from the mountains"): a load carried, nothing wrecked (``source_goal_prepositions``)."""
    return verb.lemma_.lower() not in lex.materiel_verbs and any(
        c.dep_ == "prep" and c.lower_ in lex.source_goal_preps for c in verb.children
    )


def _contact_lost(verb: Token, noun: Token, lex: CasualtyLexicon) -> bool:
    """ "lost contact with three soldiers", "contact was lost with two crews": the group, the
    object of "with" (``lost_contact_prepositions``), is missing (``lost_contact_objects``)."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ in lex.lost_contact_preps
        and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.lost_contact for c in verb.children
        )
    )


def _list_head(noun: Token) -> Token | None:
    """The counted noun a list item belongs with when the parser made it a conjunct of an uncounted
    noun inside that noun's modifier ("eight depots for assembling rockets, six bases": the depots),
    or None. Only a counted item, and a counted group as object or passive subject."""
    if noun.dep_ != "conj" or not _counted(noun):
        return None
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if _counted(first) or first.pos_ != "NOUN":
        return None
    tok = first
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and _counted(tok) and tok.i < first.i:
            return tok
        if tok.pos_ == "VERB" and tok.dep_ not in ("pcomp", "acl", "relcl"):
            return None
    return None


_EITHER_KINDS = frozenset({"killed", "injured", "captured", "detained", "missing"})


def _either_harm(tok: Token, kind: ClaimKind, noun: Token, lex: CasualtyLexicon) -> bool:
    """ "20 troops were killed or injured": one figure for the dead and the hurt together, which
    counts neither alone (a casualty figure, kind ``other``), however the parser hung the pair;
    so does one for either of two harms to people ("killed or captured 30 militants", "were
    killed, wounded or captured")."""
    listed = _comma_list(tok)
    if listed:
        # "were killed, wounded or abducted", "were killed, injured and captured": a list of bare
        # participles the parser broke at its first comma shares the one counted group, whichever
        # harm comes first ("were displaced, injured or killed": the parse reaches the first)
        kinds = {_kind(word, noun, lex) for word in listed} | {kind}
        closing = next((c.lower_ for w in listed for c in w.children if c.dep_ == "cc"), "")
        if closing == "or" and len(kinds & _EITHER_KINDS) > 1:
            return True
        if closing == "and" and {"killed", "injured"} <= kinds:
            return True
    if kind not in _EITHER_KINDS:
        return False
    if kind in ("killed", "injured") and any(
        {kind, _kind(word, noun, lex)} == {"killed", "injured"} for word in _paired_words(tok, lex)
    ):
        return True  # "45 dead and wounded", "counted 70 killed and wounded", however parsed
    pair = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        pair.append(tok.head)
    for other in pair:
        cc = _coordinator(tok, other)
        other_kind = _kind(other, noun, lex)
        if cc == "or" and other_kind in _EITHER_KINDS and other_kind != kind:
            return True
        if {kind, other_kind} != {"killed", "injured"}:
            continue
        # "killed and injured dozens", "dozens were killed and wounded": one group for both verbs
        # (but "killed five and injured ten" gives each verb its own figure)
        if cc != "and" or tok.pos_ != "VERB" or other.pos_ != "VERB":
            continue
        anchor = _attached(noun, (tok.i, other.i), lex)
        if (
            anchor is not None
            and not min(tok.i, other.i) < anchor.i < max(tok.i, other.i)  # "X killed and 20 injured"
            and not _own_victims(other, noun, min(tok.i, other.i), lex)
        ):
            return True
    return False


def bare_participle(tok: Token) -> bool:
    """A past participle with nothing of its own: no subject, auxiliary, object or subordinator."""
    return tok.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj", "mark") for c in tok.children
    )


def _comma_list(verb: Token) -> list[Token]:
    """The other participles of a list the parser broke at its first comma ("were killed, wounded or
    abducted": "wounded" made a clause of "killed", "abducted" its conjunct): a bare participle right
    after ``verb`` and a comma, with its conjuncts; [] when there is none."""
    doc = verb.doc
    if verb.tag_ != "VBN" or verb.i + 2 >= len(doc) or doc[verb.i + 1].text != ",":
        return []
    nxt = doc[verb.i + 2]
    if nxt.head.i != verb.i or nxt.dep_ not in ("advcl", "conj") or not bare_participle(nxt):
        return []
    return [nxt, *(c for c in nxt.conjuncts if c.i > nxt.i and bare_participle(c))]


def _coordinator(one: Token, two: Token) -> str:
    """The word ("and", "or") that joins the conjuncts ``one`` and ``two``: a coordinator of their
    coordination lying between them ("killed or captured"), or, when only a comma parts them, the
    one that closes their list ("killed, wounded or captured"). Not a coordinator of another pair
    hung on either ("were killed and three were captured or wounded": killed and captured are
    joined by "and"); "" when there is none."""
    lo, hi = sorted((one.i, two.i))
    doc = one.doc
    members = {one.i, two.i, *(t.i for t in one.conjuncts), *(t.i for t in two.conjuncts)}
    between = [t for t in doc[lo + 1 : hi] if t.dep_ == "cc" and t.head.i in members]
    if between:
        return between[-1].lower_
    if not any(t.lower_ == "," for t in doc[lo + 1 : hi]):
        return ""
    # a list: its coordinator stands before its last conjunct, after this pair
    closing = [t for t in doc[hi + 1 : max(members) + 1] if t.dep_ == "cc" and t.head.i in members]
    return closing[0].lower_ if closing else ""


def _paired_words(tok: Token, lex: CasualtyLexicon) -> list[Token]:
    """The words ``tok`` makes a fixed pair with, nothing but "and" between them, right after a
    bare count ("45 dead and wounded", "counted 70 killed and injured"): the group the pair names
    is counted once for both harms, whichever way the parser hung the second word -- when the two
    words head that one group (``_heads_one_group``)."""
    doc = tok.doc
    out: list[Token] = []
    for lo in (tok.i, tok.i - 2):
        hi = lo + 2
        if lo < 1 or hi >= len(doc) or doc[lo + 1].lower_ != "and":
            continue
        if doc[lo - 1].like_num and doc[lo - 1].pos_ == "NUM" and _heads_one_group(doc[lo], doc[hi], lex):
            out.append(doc[hi] if lo == tok.i else doc[lo])
    return out


def _heads_one_group(first: Token, second: Token, lex: CasualtyLexicon) -> bool:
    """In "N first and second", do the two words describe the one group N counts ("45 dead and
    wounded in the camp", "12 dead and injured people")? Not when the second opens a clause of its
    own, with its own object or count ("left 4 dead and wounded 11 others", "and injured scores
    of others"), nor when it is an adjective of a noun the first does not describe ("7 died and
    injured people were taken to hospital")."""
    doc = second.doc
    if any(c.dep_ in ("dobj", "nummod", "nsubj", "nsubjpass", "det", "attr") for c in second.children):
        return False
    after = doc[second.i + 1] if second.i + 1 < len(doc) else None
    if after is None or not (after.like_num or after.pos_ in ("DET", "NUM", "NOUN", "PROPN", "PRON", "ADJ")):
        return True  # nothing counted follows the pair
    # a noun follows: both words are modifiers of the noun the count counts, and that noun is no
    # count of its own ("and injured scores of others")
    group = after
    return (
        group.pos_ == "NOUN"
        and doc[first.i - 1].head.i == group.i
        and first.head.i == group.i
        and second.head.i in (first.i, group.i)
        and group.lemma_.lower() not in lex.partitive
    )


def _attached(noun: Token, verbs: tuple[int, int], lex: CasualtyLexicon) -> Token | None:
    """The token of ``noun``'s phrase that hangs on one of ``verbs`` ("dozens" of "dozens of
    villagers"), or None when the group is not an argument of either."""
    tok = noun
    for _ in range(4):
        if tok.head.i in verbs:
            return tok
        head = tok.head
        partitive = head.lower_ == "of" or head.like_num or head.lemma_.lower() in lex.partitive
        if head.i == tok.i or not partitive:
            return None
        tok = head
    return None


_VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "npadvmod", "attr", "oprd", "dep"})


def _own_victims(verb: Token, noun: Token, first: int, lex: CasualtyLexicon) -> bool:
    """Does ``verb`` have a group of its own, other than ``noun`` ("killed 15 and injured several
    others", "five killed and dozens injured")? An active subject before both verbs is their agent
    ("clashes killed and injured dozens"), unless it is a count."""
    for c in verb.children:
        if c.i == noun.i or c.i in range(noun.left_edge.i, noun.right_edge.i + 1):
            continue
        if c.dep_ in _VICTIM_DEPS:
            return True
        if c.dep_ == "nsubj" and (
            c.i > first
            or c.like_num
            or c.lower_ in lex.partitive
            or any(g.dep_ in ("nummod", "quantmod") or g.like_num for g in c.children)
        ):
            return True
    # "one man was killed and up to five civilians, including a child, were injured": the parser
    # made the second count a conjunct of the first verb; between the verbs, it is the second's
    return any(_hung_on_verb(t) and _counted(t) for t in verb.doc[first + 1 : verb.i] if t.i != noun.i)


def _hung_on_verb(tok: Token) -> bool:
    """A group the parser hung on a verb: its conjunct ("killed and five civilians"), or an
    "and between 11 and 20 civilians" made the verb's preposition."""
    if tok.head.pos_ != "VERB" or tok.head.i == tok.i:
        return False
    if tok.lower_ == "between" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "and":
        return tok.dep_ in ("conj", "prep")
    return tok.dep_ == "conj"


def _counted(tok: Token) -> bool:
    """A counted group ("five civilians"), or "between 11 and 20 civilians" hung on its "between"."""
    if tok.pos_ == "ADP" and tok.lower_ == "between":
        return any(c.dep_ == "pobj" and _counted(c) for c in tok.children)
    return tok.pos_ == "NOUN" and any(g.dep_ in ("nummod", "quantmod") or g.like_num for g in tok.children)


def _kind(tok: Token, noun: Token, lex: CasualtyLexicon) -> ClaimKind | None:
    """The kind of harm ``tok`` names for the group headed by ``noun``, if any."""
    lemma = tok.lemma_.lower()
    noun_lemma = noun.lemma_.lower()
    if loses_limb(tok, lex) and noun.lower_ not in lex.lost_limbs:
        return "injured"  # "one crew member lost a leg"
    if lemma in lex.take_objects and tok.head.lemma_.lower() in lex.hold_verbs and _figurative_hold(tok, lex):
        return None  # "holding 2 million commuters hostage to its demands", however it was parsed
    if lemma == "lose" and tok.pos_ == "VERB" and _contact_lost(tok, noun, lex):
        return "missing"  # "contact was lost with three soldiers", "lost touch with a patrol of 12"
    own_dead = _own_loss(tok) and noun_lemma not in lex.materiel_nouns
    if tok.pos_ == "VERB" and lemma == "lose" and _lost_object(tok, noun) and not own_dead:
        # "the enemy lost up to 650 soldiers, a tank": losses, not split into the dead and the hurt
        counted = noun_lemma in lex.person or noun_lemma in lex.materiel_nouns or noun.like_num
        return "other" if counted else None
    if tok.pos_ == "VERB" and lemma in lex.loss_count_verbs and noun_lemma in lex.manpower_nouns:
        # "the battlegroup eliminated over 220 military personnel": a force's unsplit losses
        return "other"
    if lemma == "loss" and tok.pos_ == "NOUN" and noun_lemma in lex.non_person and not noun.like_num:
        return None  # "losses to the two countries": whose losses, not what was lost
    if lemma == "loss" and tok.pos_ == "NOUN" and noun_lemma not in lex.lose_objects:
        # "the loss of two aircraft", "the losses amounted to 480 servicemen" (unsplit); but
        # "the tragic loss of three displaced persons" are their deaths
        plural = tok.lower_ == "losses" or noun_lemma in lex.materiel_nouns
        return "other" if plural else "killed"
    if tok.pos_ == "VERB" and lemma in lex.death_manner_verbs and lex.is_kill_verb(lemma, _complements(tok)):
        return "killed"
    posts = noun_lemma in lex.posts_nouns or noun.lower_ in lex.posts_nouns  # "bases" (lemma "basis")
    if tok.pos_ in ("VERB", "AUX") and lemma in lex.posts_verbs and posts:
        return "posts_captured"
    materiel = (
        noun_lemma in lex.materiel_nouns or noun.lower_ in lex.posts_nouns
    ) and not _through_preposition(noun, tok, lex)
    if (
        tok.pos_ == "VERB"
        and materiel
        and lex.is_materiel_verb(lemma, _particles(tok))
        and not _carries(tok, lex)
    ):
        if noun_lemma in lex.posts_nouns and any(
            c.dep_ == "conj" and c.lemma_.lower() in lex.posts_verbs for c in tok.children
        ):
            return "posts_captured"  # "posts destroyed or taken over": the capture is the claim
        return "other"
    if lemma == "embrace" and any(c.lemma_.lower() in lex.martyrdom_objects for c in tok.children):
        return "killed"  # "23 soldiers embraced martyrdom"
    if suffers_injury(tok, lex):  # "18 individuals sustained severe injuries"
        return "injured"
    if (
        is_return(tok, lex)
        and noun_lemma not in lex.non_person
        # "the toll crossed 55,000" moves no one, "200 militants crossed the border" attack
        and (lemma == "return" or noun_lemma in lex.mover_nouns or noun.tag_ == "NNPS")
        and _person_return(tok, noun, lex)
    ):
        return "deported" if _forced(tok, lex) else "other"  # a neutral "returned" is no deportation
    if tok.pos_ == "VERB" and lemma in lex.departure_verbs and _left_country(tok, noun, lex):
        return "deported" if _forced(tok, lex) else "other"  # "650,000 workers have left Thailand"
    if tok.pos_ == "VERB" and lemma in lex.forced_leave_verbs and _forced(tok, lex):
        return "deported"  # "forcibly crossed"
    if (
        tok.pos_ == "VERB"
        and lemma in _FORCE
        and any(c.dep_ == "xcomp" and c.lemma_.lower() in lex.forced_leave_verbs for c in tok.children)
    ):
        return "deported"  # "1.3 million people have been forced to leave"
    if tok.pos_ == "VERB" and lemma in lex.refuge_verbs and _refuge(tok, lex):
        return "displaced"  # "hundreds sought refuge in the town"
    if tok.pos_ == "VERB" and lemma in lex.relocate_verbs and _to_safety(tok, lex):
        return "displaced"  # "thousands of residents have moved to safer areas"
    if uprooted(tok, lex):
        return "displaced"  # "3,000 residents were forced from their homes"
    if (
        lemma == "send"
        and tok.pos_ == "VERB"
        and any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children)
    ):
        return "deported"  # "400 families were sent back from Iran": a forced return
    if lemma in lex.hold_verbs and tok.pos_ == "VERB":
        # "are holding 400 passengers hostage": a captivity word completing the verb (not the
        # counted noun itself: "are holding six hostages" tells a stock, not a capture; the word
        # may hang on the noun it follows: "kept 12 villagers captive")
        group = range(noun.left_edge.i, noun.i + 1)
        held = [
            c
            for c in tok.subtree
            if c.i not in group and c.i != tok.i and c.lemma_.lower() in lex.take_objects
        ]
        if any(_figurative_hold(word, lex) for word in held):
            return None  # "holding 3 million residents hostage to its demands": an idiom, no capture
        return "captured" if held else None
    if lemma == "take":
        objs = {c.lemma_.lower() for c in tok.subtree}
        if tok.dep_ == "amod" and tok.tag_ == "VBN":
            objs.add(tok.head.lemma_.lower())  # "with nine taken prisoner" parsed "taken" a modifier
        if "custody" in objs:
            return "detained"  # "five activists were taken into custody"
        if objs & lex.take_objects:
            return "captured"
        away = any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in tok.children)
        if away and noun_lemma in lex.person:
            return "captured"  # "took four soldiers away"
        return "injured" if _with_injuries(tok, lex) else None  # "taken to hospital with wounds"
    if tok.pos_ == "NOUN" and lemma in lex.materiel_harm_nouns and noun_lemma in lex.materiel_nouns:
        return "other"  # "the sinking of four ships", "the downing of two jets"
    if lemma in lex.unsplit and tok.pos_ == "NOUN":
        return "killed" if noun_lemma in lex.lose_objects else "other"  # "the loss of 30 lives"
    if tok.pos_ == "VERB" and tok.lower_ in lex.adj_kind:  # "are missing" tagged as a verb
        return lex.adj_kind[tok.lower_]
    kind = lex.kind_of(lemma, tok.pos_) or (lex.kind_of(tok.lower_, tok.pos_) if tok.pos_ != "VERB" else None)
    if kind in (None, "displaced") and _with_injuries(tok, lex):
        return "injured"  # "was evacuated with minor injuries": a casualty evacuation, no flight
    return kind


def _through_preposition(noun: Token, verb: Token, lex: CasualtyLexicon) -> bool:
    """Does ``noun`` hang on ``verb`` through a preposition while the verb wrecks or takes
    something else ("looted food from 33 trucks": the food is what was taken)? What such a verb
    counts is its object or passive subject ("destroyed 33 trucks", "two tanks were destroyed"),
    and things beside them ("destroyed two jets along with several drones", "destroyed
    infrastructure at nine targets")."""
    crossed = False
    tok = noun
    for _ in range(6):
        if tok.head.i == tok.i:
            return False  # the verb is not above the noun (a reading by the linear window)
        tok = tok.head
        if tok.i == verb.i:
            break
        crossed = crossed or (tok.pos_ == "ADP" and tok.lower_ != "of")
    else:
        return False
    return crossed and any(
        c.dep_ in ("dobj", "nsubjpass")
        and c.pos_ == "NOUN"
        and not c.text[:1].isupper()  # (not a name the parser hung there: "... in Pakistan and PoK")
        and c.i not in range(noun.left_edge.i, noun.right_edge.i + 1)
        and c.lemma_.lower() not in lex.materiel_nouns
        for c in verb.children
    )


def _unrealised(verb: Token, lex: CasualtyLexicon) -> bool:
    """A harm that did not happen or has not yet: negated ("were not evacuated"), a projection
    ("could be deported", but "may have been killed" reports a likely toll) or a plan ("is set to
    deport", "plans to expel")."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return True
    if any(c.tag_ == "MD" and c.lower_ not in ("may", "might") for c in children) and not any(
        c.lemma_.lower() == "have" and c.dep_ == "aux" for c in children
    ):
        return True
    head = verb.head
    if verb.dep_ in ("xcomp", "acl") and head.i != verb.i and head.lemma_.lower() in lex.plan_words:
        return True
    # "foiled a plot to kidnap": an infinitive right after a plan or attempt, however it was hung
    to = next((c for c in children if c.dep_ == "aux" and c.lower_ == "to"), None)
    return to is not None and to.i > 0 and verb.doc[to.i - 1].lemma_.lower() in lex.plan_words


def _figurative_hold(word: Token, lex: CasualtyLexicon) -> bool:
    """ "holding residents hostage to its demands", "holding tenants hostage with high rents": a
    captivity word with a preposition of ``figurative_hold_prepositions`` whose object is not people
    tells a pressure, not a capture ("holding them hostage with their children" is one)."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in lex.figurative_hold_preps
        and not any(o.dep_ == "pobj" and o.lemma_.lower() in lex.person for o in c.children)
        for c in word.children
    )


def negated(tok: Token) -> bool:
    """ "did not go missing", "is no longer unknown", "was never found": a negation on the word
    or on an adverb of it ("no longer")."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and any(n.dep_ == "neg" for n in c.children))
        for c in tok.children
    )


def _fate_unknown(noun: Token, victims: Span, lex: CasualtyLexicon) -> CasualtyReading | None:
    """A group whose fate is unknown (``fate_nouns``, ``unknown_words``) or whose whereabouts are
    unknown or unclear (``whereabouts_nouns``, also ``unclear_words``) is missing: "the fate of 17
    miners remains unknown" (not when they are known: "the fate of 17 miners was sealed", "is no
    longer unknown"; nor a fate "uncertain", which tells of a future, as of jobs: "the fate of 30
    employees remains uncertain")."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.lemma_.lower() not in lex.person:
        return None  # (people only: "the fate of 40 villages is unknown" counts no one)
    fate = noun.head.head
    fate_lemma = fate.lemma_.lower()
    if fate_lemma not in lex.fate_nouns | lex.whereabouts_nouns or fate.dep_ not in ("nsubj", "nsubjpass"):
        return None
    words = lex.unknown_words | (lex.unclear_words if fate_lemma in lex.whereabouts_nouns else frozenset())
    verb = fate.head
    status = next(
        (c for c in verb.children if c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in words), None
    )
    if status is None or negated(verb) or negated(status) or _unrealised(verb, lex):
        return None
    return CasualtyReading(kind="missing", trigger=verb, noun=noun, victims=victims)


def _severity_subset(fig: Span, lex: CasualtyLexicon) -> bool:
    """ "three with severe injuries", "at least six sustaining serious wounds" after a total."""
    doc = fig.doc
    words = [t.lower_ for t in doc[fig.end : min(fig.end + 3, fig.sent.end)]]
    return (
        len(words) >= 2
        and words[0] in ("with", "sustaining", "suffering", "in")
        and words[1] in lex.severity_words
    )


def _held_stock(noun: Token, lex: CasualtyLexicon) -> bool:
    """ "105 hostages were released", "129 hostages remain in Gaza", "the bodies of three
    hostages were recovered": people named by their captivity whom this sentence does not take."""
    verb = noun
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.lemma_.lower() in lex.release_verbs or any(
        c.dep_ == "amod" and c.lower_ in lex.spared for c in noun.children
    )


def _found_again(noun: Token, lex: CasualtyLexicon) -> bool:
    """A group named missing that is not missing now, or no group at all: "the 12 missing
    soldiers were found alive", "traced 25 missing migrants", "rescued" (``found_verbs``), or
    "40 missing persons cases" (a thing, not people). A finding that did not happen ("have not
    found", "have yet to trace", "failed to locate") leaves them missing."""
    if noun.lemma_.lower() in lex.non_person:
        return True
    verb = noun
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.found_verbs:
        return False
    # "have not found the 12 missing miners", "have yet to trace 25", "failed to locate": still missing
    before = verb.doc[max(verb.i - 3, 0) : verb.i]
    return not (_unrealised(verb, lex) or any(t.lemma_.lower() in lex.not_found_yet for t in before))


def _same(a: Token | None, b: Token) -> bool:
    """Are two tokens the same word? (spaCy makes a new Token object on every access.)"""
    return a is not None and a.i == b.i


def _stock(noun: Token, fig: Span, verbs: frozenset[str]) -> bool:
    """People counted where they are, not by what befell them: the subject or object of a stock
    verb ("host an estimated 3 million refugees", "more than 90,000 people remain displaced")."""
    group = fig.root if noun.dep_ == "pobj" and _same(_of_object(fig.root), noun) else noun
    return (
        group.dep_ in ("nsubj", "nsubjpass", "dobj")
        and group.head.pos_ in ("VERB", "AUX")
        and group.head.lemma_.lower() in verbs
    )


def _assisted_harmed(noun: Token, lex: CasualtyLexicon) -> bool:
    """A group helped that names its own harm ("helped 40 injured people out of the rubble"): a
    count of the injured, not a stock of people assisted."""
    return noun.head.lemma_.lower() in lex.assist_verbs and any(
        c.dep_ in ("amod", "compound") and c.lower_ in lex.adj_kind for c in noun.children
    )


def _own_loss(verb: Token) -> bool:
    """ "Pakistan said it lost 23 soldiers": a party telling its own dead (killed), where "the enemy
    lost up to 650 soldiers" counts an adversary's unsplit losses."""
    return any(c.dep_ == "nsubj" and c.lower_ in ("it", "we", "they") for c in verb.children)


def _lost_object(verb: Token, noun: Token) -> bool:
    """Is ``noun`` (or the group it is listed with) what ``verb`` ("lose") has as its object?"""
    tok = noun
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        if tok.head.i == verb.i and tok.pos_ in ("NOUN", "PROPN"):
            return True  # "lost 400 soldiers ..., and another 220 soldiers ...": the verb elided
        tok = tok.head
    return tok.dep_ == "dobj" and tok.head.i == verb.i


_FORCE = frozenset({"force", "compel", "order"})


def _forced(verb: Token, lex: CasualtyLexicon) -> bool:
    """ "forcibly returned", "forced to return": a deportation."""
    if any(c.dep_ == "advmod" and c.lower_ in lex.forced_adverbs for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FORCE


def _left_country(verb: Token, noun: Token, lex: CasualtyLexicon) -> bool:
    """People who left a country ("workers have left Thailand"): a departure, like a return."""
    movers = noun.lemma_.lower() in lex.mover_nouns or noun.tag_ == "NNPS"
    return movers and any(c.dep_ == "dobj" and c.ent_type_ == "GPE" for c in verb.children)


def _refuge(verb: Token, lex: CasualtyLexicon) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lex.refuge_objects for c in verb.children)


def _to_safety(verb: Token, lex: CasualtyLexicon) -> bool:
    """ "moved to safer areas", "shifted to safe places": people leaving danger, not a transfer."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "towards", "toward"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and any(m.lower_ in lex.safety_words for m in obj.children):
                    return True
    return False


def uprooted(verb: Token, lex: CasualtyLexicon) -> bool:
    """ "forced from their homes", "driven out of their villages": a verb of ``uproot_verbs`` takes
    people from where they live (a preposition of ``uproot_prepositions``, its object or that
    object's "of" object one of the ``home_areas`` with a possessive: "drove 200 militants out of
    the area", "chased 5 thieves from the village" are no flight; a dwelling, ``dwellings``, needs
    none: "forced 600 civilians from homes")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.uproot_verbs:
        return False
    for prep in verb.children:
        if prep.dep_ not in ("prep", "prt", "advmod") or prep.lower_ not in lex.uproot_preps:
            continue
        objs = [o for o in prep.children if o.dep_ == "pobj"]
        objs += [o for p in prep.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        homes = [o for o in objs if o.lemma_.lower() in lex.home_areas]
        if any(o.lemma_.lower() in lex.dwellings or any(c.dep_ == "poss" for c in o.children) for o in homes):
            return True
    return False


def bare_captivity(tok: Token, lex: CasualtyLexicon) -> bool:
    """ "taken hostage", "taken prisoner": a captivity word with no determiner says how people were
    taken, it is no victim ("took a hostage" is one)."""
    return tok.lemma_.lower() in lex.take_objects and not any(c.dep_ == "det" for c in tok.children)


def taken_captive(verb: Token, obj: Token, lex: CasualtyLexicon) -> bool:
    """ "and a colleague taken hostage": a participle of "take" (the parser may tag it a past
    tense) with a bare captivity word, an elided passive whose subject is the victim ("the
    gunmen took hostages": an active, its subject the agent)."""
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.lower_ == "taken")
    return verb.lemma_.lower() == "take" and participle and not _perfect(verb) and bare_captivity(obj, lex)


def _perfect(verb: Token) -> bool:
    """ "the gunmen have taken hostages", "had stormed the mall and taken hostages", "having taken
    hostages": a perfect (its auxiliary, or that of the verb it shares its subject with) is an
    active, its subject the captor; an elided passive has no auxiliary."""
    if any(c.dep_ == "aux" for c in verb.children):
        return True
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "npadvmod") for c in verb.children)
    return (
        verb.dep_ == "conj"
        and not own_subject
        and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.head.children)
    )


def _subject_is_victim(verb: Token, obj: Token, lex: CasualtyLexicon) -> bool:
    """ "nine fighters lost their lives", "23 soldiers embraced martyrdom", "took refuge": the
    subject is the victim, not an agent."""
    lemma = verb.lemma_.lower()
    return (
        (lemma in lex.refuge_verbs and obj.lemma_.lower() in lex.refuge_objects)
        or (lemma in lex.departure_verbs and obj.ent_type_ == "GPE")
        or _subject_harmed(verb, obj, lex)
        or taken_captive(verb, obj, lex)
    )


def _subject_harmed(verb: Token, obj: Token, lex: CasualtyLexicon) -> bool:
    """ "lost their lives", "embraced martyrdom", "suffered injuries", "lost a leg": the verb's
    object is the subject's own death or wound (it fled or was taken in ``_subject_is_victim``'s
    other cases, which leave it free to act in a verb of its own)."""
    lemma = verb.lemma_.lower()
    return (
        (lemma == "lose" and obj.lower_ in lex.lose_objects)
        or (lemma == "embrace" and obj.lemma_.lower() in lex.martyrdom_objects)
        or _injury_suffered(lemma, obj, lex)
        or (lemma == "lose" and _limb(obj, lex))
    )


def _group_of(tok: Token, found: Callable[[Token], CasualtyReading | None]) -> CasualtyReading | None:
    """A figure listed as part of a harmed group: "the dead included six drivers", "three
    cricketers were among eight people killed" (the group's word says what happened)."""
    if tok.lemma_.lower() == "include" and tok.pos_ == "VERB":
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                hit = found(c)
                if hit:
                    return hit
    amongs = [tok] if tok.lower_ == "among" else []
    if tok.lemma_.lower() == "be":
        amongs += [c for c in tok.children if c.lower_ == "among" and c.dep_ == "prep"]
    for prep in amongs:
        for obj in prep.children:
            if obj.dep_ == "pobj":
                hit = found(obj) or next(
                    (h for c in obj.children if c.dep_ in ("acl", "amod") and (h := found(c))), None
                )
                if hit:
                    return hit
    return None


def _reported_harm(verb: Token, found: Callable[[Token], CasualtyReading | None]) -> CasualtyReading | None:
    for child in verb.children:
        if child.dep_ == "xcomp" or (child.dep_ in ("oprd", "acomp") and child.lower_ == "dead"):
            hit = found(child)
            if hit:
                return hit
        if child.dep_ == "prep" and child.lower_ == "as":
            # "three delegates were reported as kidnapped": the harm is the complement of "as"
            for word in child.children:
                hit = found(word) if word.tag_ in ("VBN", "JJ") else None
                if hit:
                    return hit
        if child.dep_ == "advcl" and _as_complement(child):
            hit = found(child)  # the same, "as" parsed as the subordinator of a clause of its own
            if hit:
                return hit
    return None


def _as_complement(clause: Token) -> bool:
    """ "reported as kidnapped" parsed as an adverbial clause: "as" its only subordinator, and no
    subject or auxiliary of its own ("reported as four were kidnapped" is a clause)."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    return (
        len(marks) == 1
        and marks[0].lower_ == "as"
        and not any(c.dep_ in _CLAUSE_OWN and c.dep_ != "mark" for c in clause.children)
    )


_CLAUSE_OWN = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl", "csubj"})


def status_word(child: Token) -> bool:
    """Does ``child`` complete its verb as a status word ("were missing", "remains unaccounted for",
    "went missing": the parser makes the last an adverbial clause)? An adverbial clause with a
    subject, auxiliary or subordinator of its own is a clause of its own, not a status ("stayed
    after two were killed", "escaped when four were abducted")."""
    if child.dep_ in ("acomp", "oprd"):
        return True
    return child.dep_ == "advcl" and not any(
        c.dep_ in _CLAUSE_OWN or c.tag_ in ("WRB", "IN") for c in child.children
    )


def _status_complement(
    verb: Token, lex: CasualtyLexicon, found: Callable[[Token], CasualtyReading | None]
) -> CasualtyReading | None:
    """A status word (``status_word``) completing a verb: "... and 30 were missing", "a soldier
    went missing" (read before the clause this one is coordinated with, which may tell of another
    group: "12 died and 30 were missing")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if status_word(child) and child.tag_ in ("VBG", "VBN", "JJ"):
            hit = found(child) if child.lower_ in lex.adj_kind else None
            if hit:
                return hit
    return None


def _counts_dead_and_hurt(count: Token, lex: CasualtyLexicon) -> bool:
    """Does the running count ``count`` name the dead and the hurt as one pair ("the number of
    killed and wounded", "the toll of dead or injured", "the number of people killed and
    wounded"): two words of the two harms with only "and" or "or" between them, in its "of"
    phrase -- not in a clause on another noun ("the toll from the bombing, which killed and
    wounded scores, rose to 45": the toll is the bombing's dead)."""
    doc = count.doc
    of = next((c for c in count.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return False
    groups = {c.i for c in of.children if c.dep_ in ("pobj", "pcomp")}
    clauses = [
        t
        for t in count.subtree
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp") and t.head.i not in groups and t.head.i != count.i
    ]
    outside = {w.i for t in clauses for w in t.subtree}
    words = {t.i for t in count.subtree if t.i > of.i and t.i not in outside}
    for i in sorted(words):
        if i + 2 >= len(doc) or doc[i + 1].lower_ not in ("and", "or") or i + 2 not in words:
            continue
        if {_word_kind(doc[i], lex), _word_kind(doc[i + 2], lex)} == {"killed", "injured"}:
            return True
    return False


def _word_kind(tok: Token, lex: CasualtyLexicon) -> ClaimKind | None:
    return lex.kind_of(tok.lemma_, tok.pos_) or lex.kind_of(tok.lower_, "ADJ")


def _toll_reached(fig: Span, lex: CasualtyLexicon, *, causative: bool = False) -> CasualtyReading | None:
    """A running count moved to the figure: "the death toll rose to 12" (a ``toll_verbs`` verb, the
    count its subject) or, with ``causative``, "taking the toll to 115" (a ``toll_causative_verbs``
    verb, the count its object). The figure is the object of the verb's first "to"/"at" ("rose to
    45 at three hospitals": the hospitals are where, not the toll)."""
    root = fig.root
    if root.dep_ in ("nummod", "quantmod") and root.head.dep_ in ("pobj", "dobj") and root.head.i == fig.end:
        if not _people_noun(root.head, lex):
            return None  # "put the death toll at the three sites at 45": a place, not the toll's group
        root = root.head  # "the death toll rose to 1,120 civilians": the count's noun is the object
    verb = root.head
    prep = None
    if root.dep_ == "pobj" and verb.lower_ in ("to", "at"):
        prep, verb = verb, verb.head
    elif root.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB":
        return None
    if prep is not None and any(_count_given(c) for c in verb.children if c.i < prep.i):
        return None  # "rose to 45 at three hospitals": the toll was the 45
    if verb.lemma_.lower() in lex.toll_verbs and not causative:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif causative and verb.lemma_.lower() in lex.toll_causative_verbs and prep is not None:
        # "taking the toll this month to 115": the count moved is the object right before the
        # preposition, only a time between them ("put the number of dead at 40 and the wounded at
        # 100": the 100 is not the dead's)
        subj = next((c for c in reversed(list(verb.children)) if c.dep_ == "dobj" and c.i < prep.i), None)
        if subj is None or any(
            subj.i < c.i < prep.i and c.dep_ not in ("npadvmod", "advmod", "punct", "prep")
            for c in [*verb.children, *subj.conjuncts]
        ):
            return None
    else:
        return None
    if subj is None:
        return None
    if _counts_dead_and_hurt(subj, lex):  # "the number of killed and wounded rose to 500"
        return CasualtyReading(
            kind="other", trigger=verb, noun=root, victims=fig.doc[fig.start : max(fig.end, root.i + 1)]
        )
    kind: ClaimKind | None = None
    compound = next(
        (k for c in subj.children if c.dep_ == "compound" and (k := lex.noun_kind.get(c.lemma_.lower()))),
        None,
    )
    if subj.pos_ == "NOUN" and subj.lemma_.lower() not in lex.partitive:
        kind = lex.noun_kind.get(subj.lemma_.lower()) or compound  # "the death toll", "the casualties"
    group = _of_object(subj)
    counted = _of_group(subj)
    if counted is not None and compound is None:
        # "the number of people killed", "the number of dead", "the toll of injured": the count's
        # own "of" group says what harm it counts, before the count's noun ("toll" counts the dead)
        noun_kind = lex.noun_kind.get(counted.lemma_.lower())
        own = noun_kind if counted.pos_ in _NOUN_POS else _word_kind(counted, lex)
        of_kind = next(
            (k for t in counted.subtree if t.i != counted.i and (k := _kind(t, counted, lex)) is not None),
            own,
        )
        if kind is None or of_kind not in (None, "posts_captured", "other"):
            kind = of_kind or kind
    if kind is None or kind in ("posts_captured", "other"):
        return None
    if (
        group is not None
        and group.pos_ in _NOUN_POS
        and lex.noun_kind.get(group.lemma_.lower()) is None
        and group.lemma_.lower() not in lex.background_nouns
        and group.lemma_.lower() not in lex.non_person
    ):
        noun = group  # "the death toll of Cambodian civilians rose to 17": the civilians are counted
        # (not "the toll of the war": the war is what killed them)
        return CasualtyReading(
            kind=kind, trigger=verb, noun=noun, victims=fig.doc[group.left_edge.i : group.i + 1]
        )
    return CasualtyReading(
        kind=kind, trigger=verb, noun=root, victims=fig.doc[fig.start : max(fig.end, root.i + 1)]
    )


def _moved_count(tok: Token, lex: CasualtyLexicon) -> bool:
    """Is ``tok`` a running count moved to a number of its own: the subject of a ``toll_verbs`` verb
    or the object of a ``toll_causative_verbs`` verb with a "to"/"at" number ("the toll rose to 19",
    "put the death toll at 19")?"""
    verb = tok.head
    lemma = verb.lemma_.lower()
    moved = (tok.dep_ == "nsubj" and lemma in lex.toll_verbs) or (
        tok.dep_ == "dobj" and lemma in lex.toll_causative_verbs
    )
    return moved and verb.pos_ == "VERB" and any(_count_given(c) for c in verb.children)


def _count_given(prep: Token) -> bool:
    """Is ``prep`` a "to"/"at" whose object is a bare number ("rose to 45", "put the toll at 45")?"""
    return (
        prep.dep_ == "prep"
        and prep.lower_ in ("to", "at")
        and any(c.dep_ == "pobj" and c.like_num for c in prep.children)
    )


def _of_group(count: Token) -> Token | None:
    """The group a count's "of" names: its object ("the number of dead") or a participle the parser
    made its complement ("the toll of injured")."""
    for child in count.rights:
        if child.lower_ == "of" and child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _of_object(obj) if obj.like_num else obj
                if obj.dep_ == "pcomp" and obj.tag_ in ("VBN", "JJ"):
                    return obj
    return None


def _people_noun(tok: Token, lex: CasualtyLexicon) -> bool:
    """Does ``tok`` name people ("civilians", "Palestinians", "dead"), not a place or a thing?"""
    lemma = tok.lemma_.lower()
    return (
        lemma in lex.person
        or lemma in lex.generic_person
        or tok.ent_type_ == "NORP"
        or lex.noun_kind.get(lemma) is not None
    ) and lemma not in lex.non_person


def _losses_reached(fig: Span, noun: Token, lex: CasualtyLexicon) -> CasualtyReading | None:
    """ "the enemy's losses amounted to over 480 servicemen": a force's unsplit losses (other)."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("to", "at"):
        return None
    verb = noun.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.toll_verbs:
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ == "losses" for c in verb.children):
        return None
    if noun.lemma_.lower() not in lex.person and noun.lemma_.lower() not in lex.manpower_nouns:
        return None
    return CasualtyReading(
        kind="other", trigger=verb, noun=noun, victims=fig.doc[fig.start : max(fig.end, noun.i + 1)]
    )


_RELATIVES = frozenset({"which", "whom"})
_WHICH = frozenset({"which", "that"})


_SINGULAR_AUX = frozenset({"was", "is", "has"})
_PLURAL_AUX = frozenset({"were", "are", "have"})


def _fired_at_place(target: Token, lex: CasualtyLexicon) -> bool:
    """Is what was fired at a place: a name that is no aircraft's or model's ("at Dera, Tank and
    Bannu"; the entity recognizer often takes small towns for organisations) or a place noun of
    ``return_places.home_areas`` ("at the town")? A noun such as "fighter" or "boat" may be what
    was downed."""
    lemma = target.lemma_.lower()
    if target.pos_ == "PROPN":
        return lemma not in lex.materiel_nouns and target.lower_ not in lex.materiel_nouns
    return target.pos_ == "NOUN" and lemma in lex.home_areas


def _intercepted_after_target(
    named: Token, noun: Token, found: Callable[[Token], CasualtyReading | None], lex: CasualtyLexicon
) -> CasualtyReading | None:
    """ "fired six rockets at the town, which were intercepted": the parser hangs the relative
    clause on the target, the last noun before it, but a place is not intercepted or shot down
    (``interception_verbs``): what was is the airborne materiel the verb fired, its object. Only
    when the target is a place (:func:`_fired_at_place`: an aircraft fired at may be what was
    downed) and the clause's auxiliary agrees in number with the fired
    things ("fired three rockets at the fighter, which was shot down" tells of the fighter)."""
    if noun.dep_ != "dobj" or named.lemma_.lower() not in lex.airborne_materiel:
        return None
    # "fired eight missile ..., which were intercepted": the count says plural where the noun does not
    counts = [c for c in noun.children if c.dep_ == "nummod" and c.lower_ not in ("one", "1")]
    plural = noun.tag_ == "NNS" or bool(counts)
    for clause in noun.head.subtree:
        target = clause.head
        if not (
            clause.dep_ == "relcl"
            and clause.i > noun.i
            and lex.is_interception_verb(clause.lemma_.lower(), _particles(clause))
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _WHICH for c in clause.children)
            and target.dep_ in ("pobj", "conj", "appos")
            and _fired_at_place(target, lex)
        ):
            continue
        aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        if aux & (_SINGULAR_AUX if plural else _PLURAL_AUX):
            continue  # the clause's number is the target's, not the fired things'
        return found(clause)
    return None


def _whole_of_part(noun: Token, fig: Span) -> bool:
    """Is ``noun`` the object of an "of" after another count ("14 of the 20 soldiers") or one that
    opens its clause before the clause's subject ("Of the 12 people on board, five were
    detained", "Out of the 120 drones, 90 were shot down")? It names the whole a part is counted
    from."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return False
    owner = prep.head.head if prep.head.lower_ == "out" and prep.head.dep_ == "prep" else prep.head
    if fig.start <= owner.i < fig.end:
        return False  # "dozens of people": the figure's own "of"
    if owner.tag_ == "CD" and owner.i < prep.i:
        return True
    if owner.pos_ not in ("VERB", "AUX"):
        return False
    verb = owner
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and prep.i < subj.i and prep.i < verb.i


def _of_relative(tok: Token) -> bool:
    """Has ``tok`` an "of which" or "of whom" of its own? (The parser may hang a fronted "of which"
    on the verb as an unlabelled dependent: "55 drones, of which 40 were shot down".)"""
    return any(
        p.dep_ in ("prep", "dep") and p.lower_ == "of" and any(o.lower_ in _RELATIVES for o in p.children)
        for p in tok.children
    )


def _partitive_relative(clause: Token, lex: CasualtyLexicon) -> bool:
    """ "eight buses, one of which was destroyed", "40 migrants, 12 of whom drowned", "120 drones,
    of which 90 were shot down": the relative clause tells what befell the part it counts, not the
    whole it hangs on (but "30 passengers, all of whom were killed" tells of the whole)."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lower_ in lex.whole_quantifiers for s in subjects):
        return False
    return any(_of_relative(s) for s in subjects) or (bool(subjects) and _of_relative(clause))


def _of_the_whole(part: Token, word: Token) -> bool:
    """Does ``word``, hung on the count ``part``, follow the number of its "of the N" (the
    parser's reading of "Twelve of the 40 wounded died")? It tells of the whole."""
    return any(
        p.dep_ == "prep"
        and p.lower_ == "of"
        and p.i < word.i
        and word.i - 1 == p.right_edge.i
        and p.right_edge.like_num
        for p in part.children
    )


def _fronted_whole(count: Token) -> Token | None:
    """The plural noun of an "of" or "out of" that opens the clause a bare count is the subject of:
    "Of the 12 people on board, five ...", "Out of the 120 drones, 90 ..."."""
    for p in count.head.children:
        if p.dep_ != "prep" or p.i > count.i:
            continue
        of = p if p.lower_ == "of" else None
        if p.lower_ == "out":
            of = next((c for c in p.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            continue
        whole = next((o for o in of.children if o.dep_ == "pobj" and o.tag_ == "NNS"), None)
        if whole is not None:
            return whole
    return None


def _antecedent(noun: Token, fig: Span) -> Token | None:
    """The plural noun "them" stands for in "12 of them" (the last one named before it, in this
    sentence or the one before, other than the subject of the figure's own clause or a passive's
    agent), or the noun a relative clause hangs on for "three of which", or None."""
    if noun.lower_ in _RELATIVES and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        relative = next((t for t in noun.ancestors if t.dep_ in ("relcl", "advcl")), None)
        if relative is not None and relative.dep_ == "relcl":
            return relative.head if relative.head.pos_ == "NOUN" else None
        # "fired 40 missiles and 50 drones, 30 of which were intercepted" (parsed as an adverbial
        # clause): what "which" stands for is the last plural noun before it
        return next(
            (
                t
                for t in reversed(fig.doc[fig.sent.start : fig.start])
                if t.pos_ == "NOUN" and t.tag_ == "NNS" and not t.like_num
            ),
            None,
        )
    if (
        fig.start <= noun.i < fig.end
        and noun.dep_ in ("nsubj", "nsubjpass")
        and noun.head.dep_ == "relcl"
        and _of_relative(noun.head)
        and noun.head.head.pos_ == "NOUN"
    ):
        return noun.head.head  # "120 drones, of which 90 were shot down": the 90 are drones
    if fig.start <= noun.i < fig.end and noun.dep_ in ("nsubj", "nsubjpass"):
        return _fronted_whole(noun)  # "Out of the 120 drones, 90 were shot down": the 90 are drones
    if noun.lower_ != "them" or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    lo = fig.doc[fig.sent.start - 1].sent.start if fig.sent.start else 0  # the sentence before
    clause = {t.i for t in fig.root.ancestors}
    for i in range(fig.start - 1, lo - 1, -1):
        tok = fig.doc[i]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i in clause:
            continue  # "troops captured 4 of them": the doers are not what is counted
        if tok.dep_ == "pobj" and tok.head.lower_ == "by":
            continue  # "... were intercepted by air defence systems. 26 of them": doers too
        if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and not tok.like_num:
            return tok
    return None


def _wrecked_whole(noun: Token, fig: Span, lex: CasualtyLexicon) -> Token | None:
    """The things a bare count intercepted or downed stands for: "launched 60 drones and all 60
    were intercepted", "12 drones were destroyed and two were downed" (the last plural airborne
    materiel noun, ``airborne_materiel_nouns``, named before it in its sentence or the one before,
    other than a doer or a compound's modifier), or None. Only for a count that is the subject of
    an interception verb (``interception_verbs``) or of a verb said of materiel and people alike
    (``airborne_wreck_verbs``: "sent 90 drones; 70 were neutralised"); "shot", "recovered" are
    said of people. Never past a noun of people that has no count of its own ("stopped two
    drones carrying militants. All six were intercepted": the six may be the militants; but
    "killing 3 people; 28 were destroyed": the people are counted), except, for an interception
    verb, the subject of a clause of its own ("officials said", "where civilians sheltered":
    people are not intercepted, and these are not what the drones carried)."""
    verb = noun.head
    if not (
        fig.start <= noun.i < fig.end
        and noun.like_num
        and noun.dep_ in ("nsubj", "nsubjpass")
        and verb.pos_ == "VERB"
    ):
        return None
    intercepted = lex.is_interception_verb(verb.lemma_.lower(), _particles(verb))
    if not intercepted and verb.lemma_.lower() not in lex.airborne_wreck_verbs:
        return None
    lo = fig.doc[fig.sent.start - 1].sent.start if fig.sent.start else 0  # the sentence before
    for tok in reversed(fig.doc[lo : fig.start]):
        lemma = tok.lemma_.lower()
        if (
            tok.pos_ == "NOUN"
            and (lemma in lex.person or lemma in lex.generic_person)
            and not any(c.dep_ == "nummod" for c in tok.children)
            and not (intercepted and tok.dep_ == "nsubj")
        ):
            return None  # people named after the materiel, uncounted: the count may be theirs
        if tok.dep_ in ("nsubj", "compound") or (tok.dep_ == "pobj" and tok.head.lower_ == "by"):
            continue  # "air defences downed ...", "intercepted by air defence systems": doers
        if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and lemma in lex.airborne_materiel:
            return tok
    return None


def _harms_people(verb: Token, lex: CasualtyLexicon) -> bool:
    """Does ``verb`` harm, take or hold what it acts on ("shot two guards", "held a family"), or
    act on people ("attacked three soldiers")? Not "received aid", "reached the port"."""
    lemma = verb.lemma_.lower()
    if lex.kind_of(lemma, "VERB") is not None or lemma in lex.hold_verbs:
        return True
    return any(
        c.dep_ == "dobj" and (c.lemma_.lower() in lex.person or c.lemma_.lower() in lex.generic_person)
        for c in verb.children
    )


class _HeldNotLost(Exception):
    """Raised when people named by their captivity (``held_nouns``) are said to be missing: the
    figure is a stock of captives, no claim of any kind."""


def read_casualty(fig: Span, lex: CasualtyLexicon) -> CasualtyReading | None:
    """Read a figure as a casualty count, or ``None`` when nothing says what happened."""
    try:
        return _read_casualty(fig, lex)
    except _HeldNotLost:
        return None  # "90 hostages are still missing": held, not lost, nor taken now


def _read_casualty(fig: Span, lex: CasualtyLexicon) -> CasualtyReading | None:
    noun = victim_noun(fig, lex.partitive)
    doc = fig.doc
    sent = fig.sent
    # "burning 12 of them" counts the trucks just named, "and all 60 were intercepted" the drones
    named = _antecedent(noun, fig) or _wrecked_whole(noun, fig, lex) or noun
    noun_lemma = named.lemma_.lower()
    start = fig.start
    if fig.root.i == noun.i and noun.pos_ == "NOUN" and any(c.dep_ == "poss" for c in noun.children):
        start = min(start, noun.left_edge.i)  # "the army's commander": the possessor tells whose
    if any(c.dep_ == "amod" and c.lower_ in lex.spared for c in noun.children):
        return None  # "72 rescued civilians"
    if noun_lemma in lex.incident_nouns:
        return None  # "three massacres" counts incidents, not the dead
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lex.kin_nouns:
        return None  # "a mother of four children who fled": who she is, not who was harmed
    after = doc[noun.i + 1 : noun.i + 3] if noun.i + 3 <= len(doc) else doc[noun.i + 1 : noun.i + 1]
    if noun.i >= fig.end and len(after) == 2 and after[0].lower_ == "per" and after[1].like_num:
        return None  # "38 murders per 100,000 people": a rate, not a count
    if _stock(noun, fig, lex.stock_verbs) and not _assisted_harmed(noun, lex):
        return None  # "neighbours host 3 million refugees"
    wounds = lex.noun_kind.get(noun_lemma) == "injured"
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _SUFFER and wounds:
        return None  # "one officer suffered five gunshot wounds": wounds, not people ("the army
        # suffered six fatalities" counts the dead)
    if fig.start <= noun.i < fig.end and _severity_subset(fig, lex):
        return None  # "10 were wounded - three with severe injuries": a breakdown by severity
    end = max(fig.end, noun.i + 1)
    if noun.lemma_.lower() == "member":  # "37 members of the group": the group says whose
        end = max(end, (_of_object(noun) or noun).i + 1)
    victims = doc[start:end]

    def found(tok: Token) -> CasualtyReading | None:
        kind = _kind(tok, named, lex)
        if kind is None:
            return None
        if tok.pos_ in ("VERB", "AUX") and _unrealised(tok, lex):
            return None  # "could be deported", "plans to expel", "has not been evacuated"
        if _either_harm(tok, kind, noun, lex):
            return CasualtyReading(kind="other", trigger=tok, noun=noun, victims=victims)
        if kind == "captured" and (noun_lemma in lex.materiel_nouns or noun.lower_ in lex.posts_nouns):
            # "captured a tank", "seized six vehicles": materiel (posts captured are posts_captured)
            kind = (
                "posts_captured"
                if noun_lemma in lex.posts_nouns or noun.lower_ in lex.posts_nouns
                else "other"
            )
        if kind == "missing" and noun_lemma in lex.held_nouns:
            raise _HeldNotLost  # "90 hostages are still unaccounted for": no capture read later either
        if kind == "displaced" and _stock(noun, fig, lex.displaced_stock_verbs):
            return None  # "90,000 people remain displaced": a stock
        if kind == "displaced" and noun_lemma in lex.unsplit:
            kind = "other"  # "25 casualties were evacuated": the hurt and the dead moved, no flight
        bare = fig.start <= noun.i < fig.end  # "killed dozens": the figure is the group
        things = (
            noun_lemma in lex.non_person
            or noun_lemma in lex.materiel_nouns
            or noun_lemma in lex.posts_nouns
            or noun.lower_ in lex.posts_nouns  # "bases" (lemmatised "basis")
        )
        if things and kind not in ("posts_captured", "other") and not bare:
            return None  # "raids on four army bases", "dozens of drones struck": no people counted
        if (
            kind == "other"
            and noun_lemma not in lex.materiel_nouns
            and tok.lemma_.lower() not in lex.unsplit
            and not is_return(tok, lex)
            and tok.lemma_.lower() not in lex.departure_verbs
            and tok.lemma_.lower() not in ("lose", "loss")
            and not (tok.lemma_.lower() in lex.loss_count_verbs and noun_lemma in lex.manpower_nouns)
            and tok.lemma_.lower() not in lex.materiel_harm_nouns
        ):
            return None
        return CasualtyReading(kind=kind, trigger=tok, noun=noun, victims=victims)

    # 0. the counted group is the agent of a transitive verb ("12 gunmen attacked the village",
    #    "5 militants killed a farmer"): not a casualty count -- but "3,000 families fled their homes"
    #    -- nor "1 killed 1 wounded" (a bare count names no agent) or "two bombers killed themselves"
    # ("dozens of gunmen stormed the base": the subject is the count, the group its "of" object)
    agent = (
        fig.root
        if noun.dep_ == "pobj" and fig.root.dep_ == "nsubj" and _same(_of_object(fig.root), noun)
        else noun
    )
    if (
        agent.dep_ == "nsubj"
        and agent.head.pos_ == "VERB"
        and agent.head.lemma_.lower() not in lex.intransitive
        and not noun.like_num
        and agent.head.lemma_.lower() not in lex.speech_verbs  # "3 students said to have been killed"
    ):
        acting = agent.head
        objects = [c for c in acting.children if c.dep_ == "dobj"]
        verbs = [acting, *(c for c in acting.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        if any(_subject_is_victim(acting, c, lex) for c in objects):
            # "80 people lost their lives after the talks' failed attempts", "took refuge in the
            # village": an object that makes the subject the victim rules out the verb's other
            # objects (a second object the parser made of another noun), not a conjoined verb's
            # ("took refuge in a school and shot two guards": the subject acts there),
            # unless the subject's own death or wound settles it ("lost their lives and killed four")
            # -- and only a joined verb that harms or holds people makes it an agent ("took refuge in
            # schools and received aid": still the displaced)
            verbs = [] if any(_subject_harmed(acting, c, lex) for c in objects) else verbs[1:]
            verbs = [v for v in verbs if _harms_people(v, lex)]
        if any(
            c.dep_ in ("dobj", "xcomp") and c.lower_ not in _REFLEXIVE and not _subject_is_victim(v, c, lex)
            for v in verbs
            for c in v.children
        ):
            return None
    # 0b. "killed by (a group of) three gunmen": the agent of a passive
    tok = noun
    for _ in range(3):
        if tok.dep_ != "pobj":
            break
        if tok.head.lower_ == "by":  # the agent, however the parser attached it
            return None
        tok = tok.head.head
    # 1. the victim noun's own modifiers: "soldiers killed", "dead civilians", "wounded people"
    #    (relative clauses come last: "the bodies of three men who had disappeared")
    later = noun.head if noun.head.pos_ == "VERB" and noun.dep_ in ("nsubj", "nsubjpass") else None
    for child in noun.children:
        if child.dep_ == "amod" and child.lower_ in lex.status_adjectives:
            continue  # "a displaced man was killed": a status, not what happened here
        if child.dep_ == "amod" and later is not None and lex.adj_kind.get(child.lower_) == "injured":
            hit = found(later)  # "two injured victims succumbed": what happened next is the claim
            if hit:
                return hit
        if child.dep_ in ("acl", "amod") and _of_the_whole(noun, child):
            continue  # "Twelve of the 40 wounded died": the wounded are the whole, not the part
        if child.dep_ in ("acl", "amod") and child.i not in range(fig.start, fig.end):
            hit = found(child)
            if hit:
                return hit
    if _whole_of_part(noun, fig):
        # "Of the 30 passengers, 12 were killed": the 30 is the whole the 12 are part of, no toll
        # unless its own words name a harm ("Of the 40 casualties", "Two of the 40 wounded")
        if lex.kind_of(noun.lemma_, noun.pos_) or noun_lemma in lex.unsplit:
            return found(noun)
        if fig.start <= noun.i < fig.end and fig.end < sent.end:
            nxt = doc[fig.end]
            if lex.kind_of(nxt.lemma_, nxt.pos_) or lex.kind_of(nxt.lower_, "ADJ"):
                return found(nxt)
        return None
    # the noun has a count of its own: "Five of the 40 hurt" (the 40 are the hurt, not the five)
    counted_apart = any(c.dep_ == "nummod" and not fig.start <= c.i < fig.end for c in noun.children)
    # 1b. the counted noun is a harm noun: "456 injuries", "including 47 deaths" (before the words
    #     around it: "casualties, including 47 deaths and 456 injuries" counts no casualties)
    if (
        not counted_apart
        and noun.i != fig.root.i
        and noun.pos_ == "NOUN"
        and lex.noun_kind.get(noun_lemma)
        and noun_lemma not in lex.person  # "38 prisoners were deported": what happened comes first
    ):
        hit = found(noun)
        if hit:
            return hit
    # 1c. a bare count right before its participle: "... feared killed and at least 20 injured",
    #     however the parser coordinated the count
    if fig.start <= noun.i < fig.end and fig.end < sent.end:
        nxt = doc[fig.end]
        if nxt.pos_ in ("VERB", "ADJ") and nxt.tag_ in ("VBN", "JJ") and lex.kind_of(nxt.lemma_, nxt.pos_):
            hit = found(nxt)
            if hit:
                return hit
    # 1d. "injuries to 13 others", "deaths of 12 people" however the parser hung the preposition
    if start >= 2 and doc[start - 1].lower_ in ("to", "of") and doc[start - 2].pos_ == "NOUN":
        harm = doc[start - 2]
        if lex.noun_kind.get(harm.lemma_.lower()) in ("killed", "injured"):
            hit = found(harm)
            if hit:
                return hit
    # 1d'. "reported the deaths of 23 soldiers and over 200 militants" with the second group made a
    #      conjunct of the verb: the harm noun whose "of" holds the first counted group counts it too
    if noun.dep_ == "conj" and noun.head.pos_ == "VERB" and start - 2 >= sent.start:
        cc, first = doc[start - 1], doc[start - 2]
        of = first.head
        if cc.dep_ == "cc" and cc.head.i == noun.head.i and first.dep_ == "pobj" and _counted(first):
            harm = of.head
            if (
                of.lower_ in ("of", "to")
                and harm.head.i == noun.head.i
                and lex.noun_kind.get(harm.lemma_.lower()) in ("killed", "injured")
            ):
                hit = found(harm)
                if hit:
                    return hit
    # 1e. a group whose own verb the parser lost: "including three guards, and more than 15 others
    #     were injured" (the "others" made a conjunct of the guards), "to the 12 soldiers who died"
    #     ("up to five civilians, including a child, were injured": past the group's own phrase)
    between = (noun.lower_ == "between" and _hung_on_verb(noun)) or (
        noun.dep_ == "pobj" and noun.head.lower_ == "between" and _hung_on_verb(noun.head)
    )
    if (noun.dep_ in ("conj", "appos") or between) and noun.i + 2 < sent.end:
        past = noun.i + 1
        # a count hung on a verb (a misparsed subject), or set off by commas ("and five civilians,
        # including a child, were injured" made a conjunct of "Monday"): past its own phrase
        if doc[past].text == ",":
            close = next((t.i for t in doc[past + 1 : min(past + 10, sent.end)] if t.text == ","), None)
            past = past if close is None else close + 1
        if noun.head.pos_ == "VERB" or between:
            past = max(past, noun.right_edge.i + 1)
            while past < sent.end and doc[past].is_punct:
                past += 1
        ahead = doc[past : min(past + 3, sent.end)]
        aux = [t for t in ahead if t.pos_ == "AUX"]
        verb = next((t for t in ahead if t.pos_ == "VERB"), None)
        if aux and verb is not None and verb.tag_ == "VBN" and aux[0].i == past and aux[0].head.i == verb.i:
            hit = found(verb)
            if hit:
                return hit
    # 1f. a list the parser hung on the first item's modifier: "destroyed eight depots for
    #     assembling rockets, six bases and seven centres" (the bases made conjuncts of the rockets)
    listed = _list_head(noun)
    if listed is not None:
        hit = found(listed.head)
        if hit:
            return hit
    hit = _intercepted_after_target(named, noun, found, lex)
    if hit:
        return hit
    if noun.dep_ == "pobj" and noun.head.lower_ != "of":
        for child in noun.children:
            if child.dep_ == "relcl" and not _partitive_relative(child, lex):
                hit = found(child)
                if hit:
                    return hit
    # 1g. "..., taking the toll this month to 115": a count moved by a causative verb is the toll's,
    #     not that of the harm the verb's clause hangs on ("wounded 60, taking the toll to 115")
    moved = _toll_reached(fig, lex, causative=True)
    if moved:
        return moved
    # 2. ancestors: "killed over 200 soldiers", "the deaths of 46 people", "were killed"
    tok = fig.root
    steps = 0
    while steps < _MAX_UP:
        if tok.head.i == tok.i or (tok.dep_ == "conj" and tok.pos_ == "VERB"):
            break  # a coordinated verb ("rape five women and kill ...") is a clause of its own
        below, tok = tok, tok.head
        # "a total of", "a group of" only wrap the count: no steps of their own ("A total of 2,145
        # migrants, including 312 families, were deported" reaches the verb from the 312)
        steps += not (
            (tok.lower_ == "of" and tok.head.lemma_.lower() in lex.partitive)
            or (below.lower_ == "of" and tok.lemma_.lower() in lex.partitive)
        )
        if tok.i < sent.start or tok.i >= sent.end:
            break
        if tok.i == noun.i:
            continue
        if below.dep_ == "prep" and below.lower_ != "of" and _moved_count(tok, lex):
            break  # "the death toll at the two crossings rose to 19": the place's count is no toll
        hit = found(tok) or _group_of(tok, found) or _status_complement(tok, lex, found)
        if hit:
            return hit
        if tok.dep_ == "relcl" and _partitive_relative(tok, lex):
            break  # "251 hostages, of whom 47 remain": what befell the whole is not the part's
        if tok.lemma_.lower() in lex.speech_verbs:
            hit = _reported_harm(tok, found)  # "were reported to have been killed"
            if hit:
                return hit
            break
        if tok.pos_ == "VERB":  # "were attacked and killed"
            for conj in tok.children:
                if (
                    conj.dep_ == "conj"
                    and conj.pos_ == "VERB"
                    and not any(c.dep_ in ("dobj", "nsubjpass", "nsubj") for c in conj.children)
                ):
                    hit = found(conj)
                    if hit:
                        return hit
    for child in noun.children:
        if child.dep_ == "relcl" and not _partitive_relative(child, lex):
            hit = found(child)
            if hit:
                return hit
    if noun_lemma in lex.held_nouns and _fate_unknown(noun, victims, lex):
        return None  # "the fate of 50 hostages is unknown": held, not lost, nor taken now
    # 2b. the counted noun names the harm itself: "five hostages", "28 bodies", "thousands of refugees"
    if (noun.i != fig.root.i or fig.root.pos_ == "NOUN") and not counted_apart and not _held_stock(noun, lex):
        hit = found(noun)
        if hit:
            return hit
    # 2c. a running count moved to the figure: "the death toll rose to 12", "the number of people
    #     killed has reached 32", "the toll stands at 96"
    hit = _toll_reached(fig, lex) or _losses_reached(fig, noun, lex)
    if hit:
        return hit
    # 3. linear windows, for parses that went astray
    for i in range(end, min(end + _RIGHT_WINDOW, sent.end)):
        t = doc[i]
        if t.text in _CLAUSE_STOP or t.like_num:
            break
        if t.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") and c.i != noun.i for c in t.children):
            break  # "rescuing 350 people and killing 167 insurgents": that verb has victims of its own
        hit = found(t)
        if hit:
            return hit
    for i in range(start - 1, max(start - 1 - _LEFT_WINDOW, sent.start - 1), -1):
        t = doc[i]
        if t.text in _CLAUSE_STOP or t.like_num or (t.dep_ == "mark" and noun.dep_ == "nsubj"):
            break  # "millions are displaced as two generals fight": the subject's own clause
        if _whole_of_part(t, fig) or (t.lower_ in _RELATIVES and t.dep_ == "pobj"):
            break  # "Of the 40 casualties, 12 were soldiers", "251 hostages, of whom 47 remain":
            # the whole's harm is not the part's
        if _moved_count(t, lex):
            break  # "the death toll at the two crossings rose to 19": the toll's count is the 19
        hit = found(t)
        if hit:
            return hit
    # 3b. "the fate of 17 miners remains unknown", "the whereabouts of 12 crew members are unclear"
    hit = _fate_unknown(noun, victims, lex)
    if hit:
        return hit
    # 4. nothing else happened to a group named missing: its status is the claim ("searching for
    #    17 missing fishermen"; "a missing man was found dead" is read as killed above)
    status = next(
        (c for c in noun.children if c.dep_ == "amod" and lex.adj_kind.get(c.lower_) == "missing"), None
    )
    if status is not None and not _held_stock(noun, lex) and not _found_again(noun, lex):
        return CasualtyReading(kind="missing", trigger=status, noun=noun, victims=victims)
    return None


def _under_denial(tok: Token, lex: CasualtyLexicon) -> bool:
    """Is ``tok`` inside what a deny verb rejects ("denied that any soldiers were killed",
    "denied losing any aircraft")? Not a denial itself negated ("did not deny that any troops
    were killed"), nor one of another clause ("denied the report and said any aircraft shot
    down were ...": the "any" hangs on the conjoined "said")."""
    for a in tok.ancestors:
        if a.pos_ == "VERB" and a.lemma_.lower() in lex.deny_verbs:
            return not any(c.dep_ == "neg" for c in a.children)
        if a.dep_ == "conj" and a.pos_ in ("VERB", "AUX"):
            return False  # a clause coordinated with the denial is not what it denies
    return False


def _irrealis_zero(tok: Token, trigger: Token, lex: CasualtyLexicon) -> bool:
    """Is a none told of a harm that is no fact: a question ("were no soldiers killed?"), a
    condition or an indirect question ("if no soldiers are killed", "asked why no aircraft were
    shot down": ``irrealis_marks``), a future or projection ("there will be no soldiers killed":
    the checks ``_unrealised`` makes for counts, on each verb from the harm up to its clause) or
    an order ("do not kill any civilians": a bare verb with no subject)?"""
    sent = tok.sent
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is not None and last.text == "?":
        return True
    verbs = [trigger] if trigger.pos_ in ("VERB", "AUX") else []
    step = tok
    for _ in range(_MAX_UP):  # the verbs from the none up to its clause's head
        if step.head.i == step.i:
            break
        step = step.head
        if step.pos_ in ("VERB", "AUX"):
            verbs.append(step)
            if step.dep_ not in ("acl", "xcomp", "auxpass", "aux"):
                break
    for verb in verbs:
        if verb.i != trigger.i and _unrealised(verb, lex) and not any(c.dep_ == "neg" for c in verb.children):
            return True  # "will be no soldiers killed" (a negation of the clause is read as denial)
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in lex.irrealis_marks for c in verb.children):
            return True
        if (
            verb.tag_ == "VB"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") or c.tag_ == "MD" for c in verb.children)
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and (
                verb.dep_ in ("ROOT", "ccomp", "parataxis")
                or any(c.dep_ == "aux" and c.lemma_.lower() == "do" for c in verb.children)
            )
        ):
            return True  # an order: "do not kill any civilians" (a bare verb, no subject)
    return False


def _own_count(tok: Token, reading: CasualtyReading) -> bool:
    """ "none of the 30 soldiers killed were officers", "any of the 30 soldiers killed were
    civilians": the none is a part of a group counted on its own, or the harm only names the
    group ("soldiers killed") while the clause says something else of it."""
    if tok.lower_ == "no":
        return False
    noun = reading.noun
    if noun.i == tok.i:
        return False
    if any(c.dep_ == "nummod" or c.like_num for c in noun.children):
        return True
    trigger = reading.trigger
    return trigger.head.i == noun.i and trigger.dep_ in ("acl", "amod", "relcl") and tok.head.i != trigger.i


def _fixed_no_phrase(tok: Token, lex: CasualtyLexicon) -> bool:
    """ "no man's land", "a no-fly zone": a phrase that starts with "no" and names a thing."""
    doc = tok.doc
    text = doc.text[tok.idx : tok.idx + 24].lower().replace("\u2019", "'").replace("-", " ")
    text = " ".join(text.split())
    return any(text.startswith(p) for p in lex.not_none_phrases)


def _negated_harm(tok: Token, lex: CasualtyLexicon) -> CasualtyReading | None:
    """ "the army said it did not lose any soldiers", "no one said any tanks were not destroyed":
    "any" on the object or passive subject of a negated verb of harm (not a modal: "could not
    kill any" is no report)."""
    noun = tok.head
    if tok.dep_ != "det" or noun.i <= tok.i or noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    verb = noun.head
    children = list(verb.children)
    if (
        verb.pos_ != "VERB"
        or not any(c.dep_ == "neg" for c in children)
        or any(c.tag_ == "MD" for c in children)
    ):
        return None
    kind = _kind(verb, noun, lex)
    if kind is None:
        return None
    lemma = noun.lemma_.lower()
    if not (lemma in lex.person or lemma in lex.noun_kind or lemma in lex.materiel_nouns):
        return None
    return CasualtyReading(kind=kind, trigger=verb, noun=noun, victims=tok.doc[tok.i : noun.i + 1])


def _listed_harms(none: Token, lex: CasualtyLexicon) -> CasualtyReading | None:
    """A none over a list of nouns one of which names a harm ("no damage or casualties", "no
    damage or injuries"): the harm the list names, and a list that names two harms counts the
    dead and the hurt together (kind other). None unless the none heads a list."""
    head = none.head
    if none.dep_ != "det" or head.pos_ != "NOUN" or not head.conjuncts:
        return None
    kinds: dict[ClaimKind, Token] = {}
    for noun in (head, *head.conjuncts):
        named = lex.kind_of(noun.lemma_, noun.pos_) or lex.kind_of(noun.lower_, noun.pos_)
        kind: ClaimKind | None = "other" if noun.lemma_.lower() in lex.unsplit else named
        if kind in ("killed", "injured", "other"):
            kinds.setdefault(kind, noun)
    if not kinds:
        return None
    listed: ClaimKind = next(iter(kinds)) if len(kinds) == 1 else "other"
    noun = kinds.get(listed) or next(iter(kinds.values()))
    return CasualtyReading(kind=listed, trigger=noun, noun=noun, victims=none.doc[none.i : none.i + 1])


def zero_readings(sent: Span, lex: CasualtyLexicon) -> list[tuple[Span, CasualtyReading]]:
    """Harm said to be none, read by structure like any count: a "no" determiner ("no Pakistani
    casualties", "no soldiers had died", "no aircraft were shot down"), "none"/"nobody" as the
    group ("none of the soldiers were injured"), "any" inside a denial ("denied that any
    soldiers were killed") or on a negated harm ("did not lose any soldiers"). Each comes with
    the span of the none and its group ("no Pakistani casualties"); the harm is what
    ``read_casualty`` reads for that group."""
    out: list[tuple[Span, CasualtyReading]] = []
    doc = sent.doc
    for tok in sent:
        word = tok.lower_
        if word == "any":
            if not _under_denial(tok, lex):
                negated = _negated_harm(tok, lex)  # "did not lose any soldiers"
                if negated is not None and not _irrealis_zero(tok, negated.trigger, lex):
                    out.append((negated.victims, negated))
                continue
        elif word not in lex.none_words or (word == "no" and tok.dep_ != "det"):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in lex.not_none_before:
            continue  # "no more than 20", "no one" (read by its own pattern), "no other"
        if _fixed_no_phrase(tok, lex):
            continue  # "killed in no man's land"
        reading = _listed_harms(tok, lex) or read_casualty(doc[tok.i : tok.i + 1], lex)
        if reading is None:
            continue
        noun = reading.noun
        lemma = noun.lemma_.lower()
        if not (
            noun.i == tok.i
            or lemma in lex.person
            or lemma in lex.noun_kind
            or lemma in lex.lose_objects
            or lemma in lex.materiel_nouns
            or noun.lower_ in lex.posts_nouns
        ):
            continue  # "no evidence that 30 civilians were killed": the none is not a group harmed
        if _own_count(tok, reading) or _irrealis_zero(tok, reading.trigger, lex):
            continue  # "none of the 30 soldiers killed were officers", "if no soldiers are killed"
        end = noun.i + 1 if tok.i <= noun.i < sent.end and noun.i - tok.i <= 6 else tok.i + 1
        out.append((doc[tok.i : end], reading))
    return out
