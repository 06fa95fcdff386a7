"""The casualty lexicon (``data/lexicon/casualty.json``) compiled into fast lookup tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from tolls.data import load_json
from tolls.model import ClaimKind

__all__ = ["CasualtyLexicon", "casualty_lexicon"]


class _Designated(frozenset[str]):
    """Materiel nouns: the listed words, and any designation the pattern reads with a known
    prefix ("f-35s", "mig-29s"; not "n-5" or "na-246"), and a listed word with a plural s, so that
    every ``lemma in lex.materiel_nouns`` knows aircraft by their names."""

    pattern: re.Pattern[str]
    prefixes: frozenset[str]

    def __new__(cls, words: Iterable[str], pattern: str, prefixes: Iterable[str]) -> _Designated:
        self = super().__new__(cls, words)
        self.pattern = re.compile(pattern)
        self.prefixes = frozenset(prefixes)
        return self

    def __contains__(self, item: object) -> bool:
        if frozenset.__contains__(self, item):
            return True
        if isinstance(item, str) and item.endswith("s") and frozenset.__contains__(self, item[:-1]):
            return True  # a proper noun's plural keeps its s as its lemma ("Rafales", "Shaheds")
        return (
            isinstance(item, str)
            and self.pattern.fullmatch(item) is not None
            and item.partition("-")[0] in self.prefixes
        )


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """Word sets for kinds of harm, reporting verbs and the nouns that name people."""

    verb_kind: dict[str, ClaimKind]
    noun_kind: dict[str, ClaimKind]
    adj_kind: dict[str, ClaimKind]
    take_objects: frozenset[str]
    lose_objects: frozenset[str]
    martyrdom_objects: frozenset[str]
    return_verbs: frozenset[str]
    migrant_nouns: frozenset[str]
    unsplit: frozenset[str]
    posts_nouns: frozenset[str]
    posts_verbs: frozenset[str]
    materiel_nouns: frozenset[str]
    materiel_verbs: frozenset[str]
    non_person: frozenset[str]
    person: frozenset[str]
    speech_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    dispute_verbs: frozenset[str]
    death_complements: frozenset[str]
    death_manner_verbs: frozenset[str]
    intransitive: frozenset[str]
    unquantified_words: frozenset[str]
    unquantified_value: int
    partitive: frozenset[str]
    status_adjectives: frozenset[str]
    spared: frozenset[str]
    prior_cues: frozenset[str]
    own_forces: frozenset[str] = frozenset()
    toll_verbs: frozenset[str] = frozenset()
    toll_causative_verbs: frozenset[str] = frozenset()
    loss_count_verbs: frozenset[str] = frozenset()
    manpower_nouns: frozenset[str] = frozenset()
    kin_nouns: frozenset[str] = frozenset()
    incident_nouns: frozenset[str] = frozenset()
    forced_adverbs: frozenset[str] = frozenset()
    forced_leave_verbs: frozenset[str] = frozenset()
    relocate_verbs: frozenset[str] = frozenset()
    safety_words: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    labelling_verbs: frozenset[str] = frozenset()
    false_words: frozenset[str] = frozenset()
    release_verbs: frozenset[str] = frozenset()
    plan_words: frozenset[str] = frozenset()
    whole_quantifiers: frozenset[str] = frozenset()
    materiel_harm_nouns: frozenset[str] = frozenset()
    cross_link: re.Pattern[str] = re.compile(r"(?!)")
    """The head of a line linking to another story, up to the linked title (``cross_links``)."""
    generic_person: frozenset[str] = frozenset()
    same_referent: dict[str, int] = field(default_factory=dict)
    lost_limbs: frozenset[str] = frozenset()
    injury_carry_verbs: frozenset[str] = frozenset()
    mover_nouns: frozenset[str] = frozenset()
    severity_words: frozenset[str] = frozenset()
    adversary_words: frozenset[str] = frozenset()
    stock_verbs: frozenset[str] = frozenset()
    refuge_verbs: frozenset[str] = frozenset()
    departure_verbs: frozenset[str] = frozenset()
    refuge_objects: frozenset[str] = frozenset()
    displaced_stock_verbs: frozenset[str] = frozenset()
    background_nouns: frozenset[str] = frozenset()
    assist_verbs: frozenset[str] = frozenset()
    comment_nouns: frozenset[str] = frozenset()
    materiel_particles: dict[str, frozenset[str]] = field(default_factory=dict)
    return_particles: dict[str, frozenset[str]] = field(default_factory=dict)
    return_preps: frozenset[str] = frozenset()
    returning_people: frozenset[str] = frozenset()
    return_places: frozenset[str] = frozenset()
    return_not_places: frozenset[str] = frozenset()
    lost_contact: frozenset[str] = frozenset()
    lost_contact_preps: frozenset[str] = frozenset()
    none_words: frozenset[str] = frozenset()
    not_none_before: frozenset[str] = frozenset()
    not_none_phrases: tuple[str, ...] = ()
    irrealis_marks: frozenset[str] = frozenset()
    found_verbs: frozenset[str] = frozenset()
    not_found_yet: frozenset[str] = frozenset()
    source_goal_preps: frozenset[str] = frozenset()
    self_reference: frozenset[str] = frozenset()
    hold_verbs: frozenset[str] = frozenset()
    fate_nouns: frozenset[str] = frozenset()
    unknown_words: frozenset[str] = frozenset()
    whereabouts_nouns: frozenset[str] = frozenset()
    unclear_words: frozenset[str] = frozenset()
    figurative_hold_preps: frozenset[str] = frozenset()
    held_nouns: frozenset[str] = frozenset()
    unharmed_modifiers: frozenset[str] = frozenset()
    part_verbs: frozenset[str] = frozenset()
    injury_have_verbs: frozenset[str] = frozenset()
    membership_heads: frozenset[str] = frozenset()
    interception_verbs: frozenset[str] = frozenset()
    interception_particles: dict[str, frozenset[str]] = field(default_factory=dict)
    airborne_materiel: frozenset[str] = frozenset()
    airborne_wreck_verbs: frozenset[str] = frozenset()
    uproot_verbs: frozenset[str] = frozenset()
    uproot_preps: frozenset[str] = frozenset()
    home_areas: frozenset[str] = frozenset()
    dwellings: frozenset[str] = frozenset()

    @property
    def rejecting_verbs(self) -> frozenset[str]:
        """Verbs that reject what they govern: deny, dispute and labelling verbs ("called it lies")."""
        return self.deny_verbs | self.dispute_verbs | self.labelling_verbs

    def is_kill_verb(self, tok_lemma: str, complements: set[str]) -> bool:
        """ "killed", and "shot dead" / "beaten to death" (a manner verb with a death complement)."""
        if self.verb_kind.get(tok_lemma) == "killed":
            return True
        return tok_lemma in self.death_manner_verbs and bool(complements & self.death_complements)

    def is_materiel_verb(self, tok_lemma: str, particles: set[str]) -> bool:
        """A verb of the class that wrecks or takes things: "destroyed", "shot down", "blew up",
        "brought down" (a verb that needs its particle: ``materiel_particle_verbs`` in
        ``casualty.json``)."""
        if tok_lemma in self.materiel_verbs:
            return True
        needed = self.materiel_particles.get(tok_lemma)
        return needed is not None and bool(particles & needed)

    def is_interception_verb(self, tok_lemma: str, particles: set[str]) -> bool:
        """A verb only projectiles and aircraft undergo: "intercepted", "downed", and "shot down",
        "brought down" (only with the particle: ``interception_particle_verbs``; "shot" alone is said
        of people)."""
        if tok_lemma in self.interception_verbs:
            return True
        needed = self.interception_particles.get(tok_lemma)
        return needed is not None and bool(particles & needed)

    def is_return_verb(self, tok_lemma: str, particles: set[str]) -> bool:
        """A verb of a return: "returned", "crossed", and "came back", "went home" (a verb that
        needs its particle: ``return_particle_verbs`` in ``casualty.json``)."""
        if tok_lemma in self.return_verbs:
            return True
        needed = self.return_particles.get(tok_lemma)
        return needed is not None and bool(particles & needed)

    def kind_of(self, lemma: str, pos: str) -> ClaimKind | None:
        """The kind of harm a word names, if any (verbs by lemma, nouns and adjectives by form)."""
        lemma = lemma.lower()
        if pos in ("VERB", "AUX"):
            return self.verb_kind.get(lemma)
        if pos == "ADJ":
            return self.adj_kind.get(lemma) or self.verb_kind.get(lemma)
        return self.noun_kind.get(lemma) or self.adj_kind.get(lemma)


@lru_cache(maxsize=1)
def casualty_lexicon() -> CasualtyLexicon:
    raw = load_json("lexicon", "casualty.json")
    materiel = load_json("lexicon", "materiel.json")
    verb: dict[str, ClaimKind] = {}
    noun: dict[str, ClaimKind] = {}
    adj: dict[str, ClaimKind] = {}
    for kind, words in raw["kinds"].items():
        for w in words.get("verbs", []):
            verb.setdefault(w, kind)
        for w in words.get("nouns", []):
            noun.setdefault(w, kind)
        for w in words.get("adjectives", []):
            adj.setdefault(w, kind)

    def fs(key: str) -> frozenset[str]:
        return frozenset(raw[key])

    def classes(key: str) -> frozenset[str]:
        return frozenset(w for words in raw[key].values() for w in words)

    return CasualtyLexicon(
        verb_kind=verb,
        noun_kind=noun,
        adj_kind=adj,
        take_objects=fs("take_objects"),
        lose_objects=fs("lose_objects"),
        martyrdom_objects=fs("martyrdom_objects"),
        return_verbs=fs("return_verbs"),
        migrant_nouns=fs("migrant_nouns"),
        unsplit=fs("unsplit_casualty_nouns"),
        posts_nouns=fs("posts_nouns"),
        posts_verbs=fs("posts_verbs"),
        materiel_nouns=_Designated(
            [*raw["materiel_nouns"], *(w for words in materiel["classes"].values() for w in words)],
            raw["materiel_designation"],
            raw["materiel_designation_prefixes"],
        ),
        materiel_verbs=fs("materiel_verbs"),
        non_person=fs("non_person_nouns"),
        person=fs("person_nouns"),
        speech_verbs=fs("speech_verbs"),
        deny_verbs=fs("deny_verbs"),
        dispute_verbs=fs("dispute_verbs"),
        death_complements=fs("death_complements"),
        death_manner_verbs=fs("death_manner_verbs"),
        intransitive=fs("intransitive_harm_verbs"),
        unquantified_words=frozenset(raw["unquantified"]["words"]),
        unquantified_value=int(raw["unquantified"]["value"]),
        partitive=fs("partitive_nouns"),
        status_adjectives=fs("status_adjectives"),
        spared=fs("spared_modifiers"),
        prior_cues=fs("prior_incident_cues"),
        own_forces=fs("own_forces_nouns"),
        toll_verbs=fs("toll_verbs"),
        toll_causative_verbs=fs("toll_causative_verbs"),
        loss_count_verbs=fs("loss_count_verbs"),
        manpower_nouns=fs("manpower_nouns"),
        kin_nouns=fs("kin_nouns"),
        incident_nouns=fs("incident_nouns"),
        forced_adverbs=fs("forced_adverbs"),
        forced_leave_verbs=fs("forced_leave_verbs"),
        relocate_verbs=fs("relocate_verbs"),
        safety_words=fs("safety_words"),
        claim_nouns=fs("claim_nouns"),
        labelling_verbs=fs("labelling_verbs"),
        false_words=fs("false_words"),
        release_verbs=fs("release_verbs"),
        plan_words=fs("plan_words"),
        whole_quantifiers=fs("whole_quantifiers"),
        materiel_harm_nouns=fs("materiel_harm_nouns"),
        mover_nouns=fs("mover_nouns"),
        severity_words=fs("severity_words"),
        adversary_words=fs("adversary_words"),
        stock_verbs=fs("stock_verbs"),
        refuge_verbs=fs("refuge_verbs"),
        departure_verbs=fs("departure_verbs"),
        refuge_objects=fs("refuge_objects"),
        displaced_stock_verbs=fs("displaced_stock_verbs"),
        background_nouns=fs("background_nouns"),
        assist_verbs=fs("assist_verbs"),
        comment_nouns=fs("comment_nouns"),
        cross_link=_cross_link_head(raw),
        generic_person=fs("generic_person_nouns"),
        same_referent={w: i for i, group in enumerate(raw["same_referent_nouns"]) for w in group},
        lost_limbs=fs("lost_limbs"),
        injury_carry_verbs=fs("injury_carry_verbs"),
        materiel_particles={v: frozenset(ws) for v, ws in raw["materiel_particle_verbs"].items()},
        return_particles={v: frozenset(ws) for v, ws in raw["return_particle_verbs"].items()},
        return_preps=fs("return_prepositions"),
        returning_people=classes("returning_people"),
        return_places=classes("return_places"),
        return_not_places=classes("return_not_places"),
        lost_contact=fs("lost_contact_objects"),
        lost_contact_preps=fs("lost_contact_prepositions"),
        none_words=fs("none_words"),
        not_none_before=fs("not_none_before"),
        not_none_phrases=tuple(raw["not_none_phrases"]),
        irrealis_marks=fs("irrealis_marks"),
        found_verbs=fs("found_verbs"),
        not_found_yet=fs("not_found_yet"),
        source_goal_preps=fs("source_goal_prepositions"),
        self_reference=fs("self_reference_words"),
        hold_verbs=fs("hold_verbs"),
        fate_nouns=fs("fate_nouns"),
        unknown_words=fs("unknown_words"),
        whereabouts_nouns=fs("whereabouts_nouns"),
        unclear_words=fs("unclear_words"),
        figurative_hold_preps=fs("figurative_hold_prepositions"),
        held_nouns=fs("held_nouns"),
        unharmed_modifiers=fs("unharmed_modifiers"),
        part_verbs=fs("part_verbs"),
        injury_have_verbs=fs("injury_have_verbs"),
        membership_heads=fs("membership_heads"),
        interception_verbs=fs("interception_verbs"),
        interception_particles={v: frozenset(ws) for v, ws in raw["interception_particle_verbs"].items()},
        airborne_materiel=fs("airborne_materiel_nouns"),
        airborne_wreck_verbs=fs("airborne_wreck_verbs"),
        uproot_verbs=fs("uproot_verbs"),
        uproot_preps=fs("uproot_prepositions"),
        home_areas=frozenset(raw["return_places"]["home_areas"]),
        dwellings=frozenset(raw["return_places"]["dwellings"]),
    )


def _cross_link_head(raw: dict[str, object]) -> re.Pattern[str]:
    """A link's head: a listed phrase and a colon, a bar or a dash ("Also Read: ", "ALSO READ | ",
    "Related — "); a bare phrase before a capitalised title ("Also read Gunmen kill nine"); a
    word in capitals and a colon ("WATCH: "). A weaker head ("Watch: ", "Read more Gunmen ...")
    is the group ``weak``: a link only on a headline-shaped line (``cross_link``)."""

    def alts(key: str) -> str:
        words = raw[key]
        assert isinstance(words, list)
        spelled = sorted((str(w).split() for w in words), key=len, reverse=True)
        return "|".join(r"[ \t]+".join(map(re.escape, w)) for w in spelled)

    return re.compile(
        rf"[ \t]*(?:(?i:{alts('cross_links')})[ \t]*(?::|\||[-–—](?=\s))"
        rf"|(?i:{alts('cross_links_bare')})[ \t]+(?=[A-Z\"“‘'])"
        rf"|(?:{alts('cross_links_capitals')})[ \t]*:"
        rf"|(?P<weak>(?i:{alts('cross_links_headline')})"
        rf"(?:[ \t]*(?::|\||[-–—](?=\s))|[ \t]+(?=[A-Z\"“‘']))))[ \t]*"
    )
