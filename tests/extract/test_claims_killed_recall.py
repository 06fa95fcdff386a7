"""Killed and injured figures that shapes of news text used to lose or misread: a subject that lost
its life beside a second object the parser invented, a second group of "the deaths of" hung on the
verb, lists of bare participles broken at a comma, a number hung on "scores", "taken prisoner"
parsed as a modifier, a running toll moved by a causative verb."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from tests.extract.claim_lookup import one

from tolls.extract.casualty import read_casualty
from tolls.extract.lexicon import casualty_lexicon
from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def _kinds(x: Extraction, value: int) -> list[str]:
    return [c.kind for c in x.claims if c.figure.value == value]


def test_lost_their_lives_beside_a_second_object(extract: Extract) -> None:
    # the parser makes "attempts" a second object of "lost": the lives still make the subject the victim
    x = extract(
        "Over the weekend, more than 60 individuals lost their lives in southern Sudan after the "
        "government’s unsuccessful attempts to negotiate a truce with the Popular Army, according to "
        "a regional official."
    )
    assert one(x, 60).victims.name == "more than 60 individuals"


def test_second_group_of_a_harm_noun_hung_on_the_verb(nlp: Language) -> None:
    # the parse the model gives some such sentences: "over 90 rebels" a conjunct of "reported"
    rows = [
        ("The", "DET", "DT", "det", 1, "the"),
        ("army", "NOUN", "NN", "nsubj", 2, "army"),
        ("reported", "VERB", "VBD", "ROOT", 2, "report"),
        ("the", "DET", "DT", "det", 4, "the"),
        ("deaths", "NOUN", "NNS", "dobj", 2, "death"),
        ("of", "ADP", "IN", "prep", 4, "of"),
        ("12", "NUM", "CD", "nummod", 7, "12"),
        ("guards", "NOUN", "NNS", "pobj", 5, "guard"),
        ("and", "CCONJ", "CC", "cc", 2, "and"),
        ("over", "ADP", "IN", "quantmod", 10, "over"),
        ("90", "NUM", "CD", "nummod", 11, "90"),
        ("rebels", "NOUN", "NNS", "conj", 2, "rebel"),
        (".", "PUNCT", ".", "punct", 2, "."),
    ]
    doc = Doc(
        nlp.vocab,
        words=[r[0] for r in rows],
        spaces=[True] * (len(rows) - 2) + [False, False],
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )
    reading = read_casualty(doc[9:11], casualty_lexicon())
    assert reading is not None
    assert reading.kind == "killed"
    assert reading.noun.text == "rebels"


@pytest.mark.parametrize(
    "text",
    [
        "Four people were killed, wounded or abducted in the raids.",
        "Twenty-one fighters were killed, injured and captured, the group said.",
    ],
)
def test_a_list_of_participles_broken_at_a_comma_is_one_casualty_figure(extract: Extract, text: str) -> None:
    x = extract(text)
    value = 4 if text.startswith("Four") else 21
    assert _kinds(x, value) == ["other"]


def test_a_list_of_counted_harms_keeps_each_count(extract: Extract) -> None:
    x = extract("Five soldiers were killed, two wounded and one captured.")
    assert one(x, 5).kind == "killed"
    assert one(x, 2, "injured").kind == "injured"


def test_no_number_counts_scores_across_the_harm_words(extract: Extract) -> None:
    x = extract("The attack left 12 dead and injured scores of others.")
    assert one(x, 12).kind == "killed"
    assert one(x, 40, "injured").kind == "injured"


def test_taken_prisoner_parsed_as_a_modifier_is_a_capture(extract: Extract) -> None:
    x = extract("The militants killed seven soldiers, with nine taken prisoner.")
    assert one(x, 7).kind == "killed"
    assert _kinds(x, 9) == ["captured"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The attack killed 23 people and wounded 60, taking the toll this month to 115.", 115),
        ("The attack killed 23 people and wounded 60, pushing the number of dead this week to 140.", 140),
    ],
)
def test_a_toll_moved_by_a_causative_verb_is_the_tolls(extract: Extract, text: str, value: int) -> None:
    assert _kinds(extract(text), value) == ["killed"]


def test_coordinated_groups_share_a_participle_hung_on_the_verb(extract: Extract) -> None:
    # the parser makes "killed" a conjunct of "reported": the first group still shares it
    x = extract(
        "Laos reported six soldiers and 11 civilians, including children, killed, with 25 soldiers "
        "and 31 civilians wounded."
    )
    assert one(x, 6).victims.name == "six soldiers"
    assert one(x, 11).kind == "killed"


@pytest.mark.parametrize(
    ("text", "toll", "place"),
    [
        ("Health officials put the death toll at 52 at four clinics.", 52, 4),
        ("The shelling took the toll to 64 at two markets.", 64, 2),
        ("The authorities put the death toll at the two crossings at 19.", 19, 2),
        ("The death toll climbed to 38 at five villages.", 38, 5),
        ("The death toll at the two markets rose to 17.", 17, 2),
    ],
)
def test_a_number_after_the_tolls_own_preposition_is_no_toll(
    extract: Extract, text: str, toll: int, place: int
) -> None:
    # the toll is the number of the first "to"/"at" of the verb; clinics, markets are where
    x = extract(text)
    assert _kinds(x, toll) == ["killed"]
    assert _kinds(x, place) == []


@pytest.mark.parametrize(
    "text",
    [
        "Medics put the number of dead at 25 and the wounded at 80.",
        "Officials put the number of killed at 25 and the wounded at 80.",
    ],
)
def test_a_second_count_put_at_a_number_keeps_its_own_kind(extract: Extract, text: str) -> None:
    x = extract(text)
    assert _kinds(x, 25) == ["killed"]
    assert _kinds(x, 80) == ["injured"]


@pytest.mark.parametrize(
    "text", ["The agency put the toll of wounded at 320.", "The toll of wounded climbed to 320."]
)
def test_a_toll_of_the_wounded_counts_the_wounded(extract: Extract, text: str) -> None:
    assert _kinds(extract(text), 320) == ["injured"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Six gunmen took refuge in a school and shot two guards.", 6),
        ("Seven rebels took refuge in the hills and held 20 hostages.", 7),
    ],
)
def test_a_refuge_does_not_excuse_the_subjects_other_verb(extract: Extract, text: str, value: int) -> None:
    # the refuge rules out only a second object of "took": the subject acts in the verb joined to it
    assert _kinds(extract(text), value) == []


def test_a_refuge_with_a_joined_verb_that_harms_no_one_stays_a_refuge(extract: Extract) -> None:
    # only a joined verb that harms or holds people makes the sheltering group an agent
    x = extract("Around 2,500 villagers took refuge in churches and received blankets from volunteers.")
    assert _kinds(x, 2500) == ["displaced"]


def test_a_subject_that_lost_its_life_is_the_victim_whatever_its_other_verb(extract: Extract) -> None:
    x = extract("Eight fighters lost their lives and wounded five policemen.")
    assert _kinds(x, 8) == ["killed"]
    assert _kinds(x, 5) == ["injured"]


@pytest.mark.parametrize(
    "text",
    [
        "Some 150 villagers were displaced, wounded or killed by the militia.",
        "Some 150 villagers were displaced, injured and killed in the floods.",
    ],
)
def test_a_list_of_participles_is_one_figure_whichever_harm_comes_first(extract: Extract, text: str) -> None:
    assert _kinds(extract(text), 150) == ["other"]


def test_a_number_before_an_adjective_and_a_group_noun_counts_the_groups(extract: Extract) -> None:
    x = extract("Troops arrested two rival groups of smugglers.")
    assert one(x, 2, "detained").victims.name == "two rival groups of smugglers"


def test_the_event_a_toll_is_of_is_not_its_victims(extract: Extract) -> None:
    x = extract("The latest count takes the toll of the conflict to 8,200.")
    assert one(x, 8200).victims.name == "8,200"
