"""Claims of kind other on hand-written sentences: materiel, unsplit casualties, neutral returns."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.extract.claim_lookup import one

from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def _figs(x: Extraction) -> list[tuple[str, int | None]]:
    return sorted((c.kind, c.figure.value) for c in x.claims)


def test_a_lone_thing_the_non_person_nouns_list_is_materiel_when_wrecked(extract: Extract) -> None:
    # "missile", "truck", "rifle" are non-person nouns (a missile attack counts no one), but one
    # intercepted, torched or recovered is materiel
    assert _figs(extract("Air defences intercepted a missile fired from the south.")) == [("other", 1)]
    assert _figs(extract("Rioters torched a truck near the depot.")) == [("other", 1)]
    assert _figs(extract("Officers recovered a rifle from the hideout.")) == [("other", 1)]
    # one fired, or one that wrecks, is none
    assert _figs(extract("The gunmen fired a rocket at the checkpoint.")) == []
    assert _figs(extract("A missile destroyed the warehouse overnight.")) == []


def test_struck_down_is_a_particle_verb_of_materiel(extract: Extract) -> None:
    x = extract("The air defence command said it had struck down three hostile aircraft.")
    assert one(x, 3, kind="other")


def test_dead_and_wounded_after_a_bare_count_is_one_unsplit_figure(extract: Extract) -> None:
    assert _figs(extract("The mortar fire left 45 dead and wounded in the camp.")) == [("other", 45)]
    assert _figs(extract("Medics counted 70 killed and wounded after the raid.")) == [("other", 70)]
    # each harm with its own count keeps its kind
    assert _figs(extract("The raid left 5 dead and 12 wounded.")) == [("injured", 12), ("killed", 5)]


def test_systems_and_widely_known_models_are_materiel(extract: Extract) -> None:
    x = extract("The ministry said four air defence systems were destroyed near the coast.")
    assert one(x, 4, kind="other")
    x = extract("Islamabad said it downed six jets, including three Rafales.")
    assert one(x, 6, kind="other") and one(x, 3, kind="other")
    x = extract("The rebels said 14 Bayraktars had been shot down since spring.")
    assert one(x, 14, kind="other")
    x = extract("Two BMPs were destroyed on the road, the brigade said.")
    assert one(x, 2, kind="other")


def test_returns_told_with_a_particle_are_neutral_returns(extract: Extract) -> None:
    x = extract("Some 3,000 families have come back to their villages since the truce.")
    assert one(x, 3000, kind="other")
    x = extract("About 1,000 Cambodians went home from Thailand on Sunday.")
    assert one(x, 1000, kind="other").victims.country == "KHM"
    x = extract("More than 9,000 migrants arrived back in Afghanistan on Tuesday.")
    assert one(x, 9000, kind="other")
    # a return with no particle of return is none
    assert _figs(extract("More than 9,000 migrants arrived in the capital on Tuesday.")) == []


def test_casualties_evacuated_are_casualties_not_displaced(extract: Extract) -> None:
    x = extract("Twenty-five casualties were evacuated to the capital by helicopter.")
    assert one(x, 25, kind="other")


def test_a_figure_for_either_of_two_harms_to_people_is_unsplit(extract: Extract) -> None:
    x = extract("The brigade said it had killed or captured 30 insurgents in the valley.")
    assert _figs(x) == [("other", 30)]
    x = extract("More than 100 smugglers were killed or arrested during the operation.")
    assert _figs(x) == [("other", 100)]
    # each harm with its own count keeps its kind
    x = extract("Troops killed 12 insurgents and captured four others.")
    assert _figs(x) == [("captured", 4), ("killed", 12)]


def test_a_none_over_a_list_of_harm_nouns_reads_the_harm_listed(extract: Extract) -> None:
    x = extract("No damage or casualties were reported after the shelling.")
    assert [(c.kind, c.figure.value) for c in x.claims] == [("other", 0)]


def test_a_running_count_of_the_dead_and_the_hurt_together_is_unsplit(extract: Extract) -> None:
    x = extract("The number of killed and wounded has risen to 500, the governor said.")
    assert _figs(x) == [("other", 500)]
    x = extract("The toll of dead and injured reached 300 by the evening.")
    assert _figs(x) == [("other", 300)]
    # a count of one harm keeps its kind
    assert _figs(extract("The number of people killed rose to 40 on Monday.")) == [("killed", 40)]


def test_an_or_of_another_pair_does_not_make_a_figure_either_of_two_harms(extract: Extract) -> None:
    # the "or" joins the second verb to a third, not this figure's verb to the second
    x = extract("Six guards were killed and two were abducted or wounded near the gate.")
    assert one(x, 6, kind="killed") and one(x, 2, kind="other")
    x = extract("The raiders killed 8 herders and kidnapped or wounded 15 others.")
    assert one(x, 8, kind="killed") and one(x, 15, kind="other")
    # a list closed by "or" is one coordination: its first verb joins the rest by that "or"
    x = extract("Militants said 25 policemen were killed, wounded or captured in the raid.")
    assert _figs(x) == [("other", 25)]


def test_dead_and_wounded_pair_only_when_both_words_describe_one_counted_group(extract: Extract) -> None:
    # the second word opens its own clause, with its own count
    x = extract("The gunmen left 6 dead and wounded 14 others at the market.")
    assert one(x, 6, kind="killed") and one(x, 14, kind="injured")
    x = extract("The bomb left 9 dead and injured dozens of others near the mosque.")
    assert one(x, 24, kind="injured")
    # the second word is an adjective of another noun
    x = extract("At least 5 died and injured passengers were flown to the capital.")
    assert _figs(x) == [("killed", 5)]
    # two words describing the group the count counts
    x = extract("The attack left 12 dead and injured people in the street.")
    assert _figs(x) == [("other", 12)]


def test_a_running_count_reads_its_own_of_phrase_not_a_clause_on_another_noun(extract: Extract) -> None:
    x = extract("The death toll from the raid, which killed and injured many villagers, climbed to 30.")
    assert _figs(x) == [("killed", 30)]
    x = extract("The number of people who were killed or wounded has climbed to 650.")
    assert _figs(x) == [("other", 650)]
    x = extract("The toll of dead or injured reached 120 by nightfall.")
    assert _figs(x) == [("other", 120)]


def test_a_return_needs_people_going_back_to_a_country_or_home_area(extract: Extract) -> None:
    # results, work, school, a crowd home after an event: no return
    assert _figs(extract("Swab results for 300 people came back negative, the clinic said.")) == []
    assert _figs(extract("About 4,000 miners went back to work on Monday after the strike.")) == []
    assert _figs(extract("About 4,000 miners returned to work on Monday after the strike.")) == []
    assert _figs(extract("Some 600 pupils went back to school after the holiday.")) == []
    assert _figs(extract("Some 40,000 fans went home after the final in the capital.")) == []
    # a place named, or the displaced, or a plain return
    x = extract("Some 700 people came back from Iran during the week.")
    assert one(x, 700, kind="other")
    x = extract("Nearly 5,000 residents returned to their villages after the ceasefire.")
    assert one(x, 5000, kind="other")
    x = extract("More than 2,000 refugees went home over the weekend.")
    assert one(x, 2000, kind="other")
    x = extract("A further 12,000 returned on Thursday, the agency said.")
    assert one(x, 12000, kind="other")


def test_a_none_over_a_list_of_two_harms_counts_them_together(extract: Extract) -> None:
    # (the pattern for "no deaths" does not reach past the adjective: the list is read by parse)
    x = extract("No serious injuries or deaths were reported after the blast.")
    assert [(c.kind, c.figure.value) for c in x.claims] == [("other", 0)]


def test_a_fronted_of_which_hung_as_a_dependent_counts_the_part(extract: Extract) -> None:
    # the parser hangs "of which" on the verb as an unlabelled dependent: the 40 shot down are the
    # claim, not the 55 launched
    x = extract("The air force said the enemy launched 55 drones, of which 40 were shot down.")
    assert _figs(x) == [("other", 40)]


def test_a_bare_count_wrecked_stands_for_the_materiel_named_before_it(extract: Extract) -> None:
    x = extract("The enemy launched 60 drones overnight and all 60 were intercepted, the air force said.")
    assert _figs(x) == [("other", 60)]
    x = extract("The governor said 14 drones were destroyed and two were downed near the airport.")
    assert _figs(x) == [("other", 2), ("other", 14)]
    # a bare count of people keeps its own reading
    x = extract("Twelve soldiers were killed and two were wounded, the army said.")
    assert _figs(x) == [("injured", 2), ("killed", 12)]


def test_an_interception_told_in_a_relative_clause_on_the_target(extract: Extract) -> None:
    # the parser hangs "which were intercepted" on the place fired at; a place is not intercepted
    x = extract("The militants fired six rockets at the town, which were intercepted by air defences.")
    assert _figs(x) == [("other", 6)]
    x = extract("Gunmen fired four rockets aimed at Dera, Tank and Bannu, which were shot down by the army.")
    assert _figs(x) == [("other", 4)]
    # a target destroyed is the target's, not the rockets'
    assert _figs(extract("The militants fired six rockets at the depot, which was destroyed.")) == []


def test_a_part_of_a_bare_whole_counts_the_whole_s_noun(extract: Extract) -> None:
    # "45 of 52 drones": the parser hangs the 45 on the 52
    x = extract("Air defences destroyed 45 of 52 drones, the air force said.")
    assert _figs(x) == [("other", 45)]
    assert one(x, 45, kind="other").victims.name == "45 of 52 drones"


def test_a_model_designation_between_a_count_and_its_noun(extract: Extract) -> None:
    # the parser loses the noun after "Shahed-136", "MQ-9"; the designation's number counts nothing
    x = extract("The army said it shot down 12 Shahed-136 drones overnight.")
    assert _figs(x) == [("other", 12)]
    x = extract("The Houthis said they had shot down 22 MQ-9 drones since the war began.")
    assert _figs(x) == [("other", 22)]


def test_a_bare_count_borrows_only_airborne_materiel(extract: Extract) -> None:
    # a count neutralised or eliminated after places or vehicles counts people, not the places
    x = extract("Troops stormed rebel positions near the pass. Nine were neutralised, the army said.")
    assert _figs(x) == [("killed", 9)]
    x = extract("Commandos raided two insurgent hideouts at dawn, and eight were eliminated, officials said.")
    assert ("other", 8) not in _figs(x)
    # "shot" without "down", "recovered": people
    x = extract("Gunmen ambushed three police vans; five were shot, officials said.")
    assert ("other", 5) not in _figs(x)
    x = extract("Four guards were kidnapped in the raid on two checkposts; two were later recovered.")
    assert ("other", 2) not in _figs(x)
    # people named after the materiel: the count may be theirs
    x = extract("Guards stopped three drones carrying militants near the fence. All nine were intercepted.")
    assert ("other", 9) not in _figs(x)
    # drones intercepted keep the borrowed noun
    x = extract("The rebels launched 30 drones at the base and all 30 were shot down, the army said.")
    assert _figs(x) == [("other", 30)]


def test_airborne_materiel_neutralised_or_destroyed_is_never_people_killed(extract: Extract) -> None:
    # verbs said of drones and of people alike: the airborne antecedent is what they befell
    x = extract("The enemy sent 75 drones at the region overnight. 61 were neutralised by air defence units.")
    assert ("killed", 61) not in _figs(x)
    assert ("other", 61) in _figs(x)
    x = extract("The rebels launched 25 drones at dawn; 23 were destroyed by the army.")
    assert ("other", 23) in _figs(x)
    # an uncounted people noun between: the count may be theirs, not the drones'
    x = extract("The rebels launched 40 drones at the camp where fighters slept; 35 were eliminated.")
    assert ("other", 35) not in _figs(x)


def test_people_counted_in_their_own_clause_or_naming_a_source_do_not_block_an_interception(
    extract: Extract,
) -> None:
    x = extract("The rebels fired 45 drones and 4 missiles at the port, killing 2 people; 41 were shot down.")
    assert ("other", 41) in _figs(x)
    x = extract("The enemy launched 52 drones, military officials said, and 47 were shot down.")
    assert ("other", 47) in _figs(x)
    x = extract("The enemy launched 36 drones, killing 3 civilians; 30 were destroyed.")
    assert ("other", 30) in _figs(x)


def test_a_returning_group_killed_or_wounded_is_no_return_to_merge(extract: Extract) -> None:
    x = extract(
        "The blast killed or wounded 35 returning refugees near the border. "
        "Separately, Turkey deported 35 people."
    )
    assert _figs(x) == [("deported", 35), ("other", 35)]
    x = extract("Nine returning migrants were killed or injured in the strike. Pakistan deported nine men.")
    assert _figs(x) == [("deported", 9), ("other", 9)]


def test_an_interception_relative_agrees_with_the_fired_things_and_needs_its_particle(
    extract: Extract,
) -> None:
    # "which was" is the singular target's: the Kestrel was downed, not the two missiles
    assert _figs(extract("The crew fired two missiles at Kestrel, which was shot down.")) == []
    # the count says plural where the noun does not
    x = extract("The rebels had fired eight missile at Kobi and Lera, which were intercepted.")
    assert _figs(x) == [("other", 8)]
    # an aircraft fired at may be what was downed
    x = extract("The rebels fired four missiles at a patrolling fighter, which was shot down.")
    assert _figs(x) == []
    x = extract("The pilots fired three missiles at the enemy fighters, which were shot down.")
    assert _figs(x) == []
    # "shot up" is no interception
    assert _figs(extract("The gunmen fired seven rockets at the market, which was shot up.")) == []
    # a place fired at, the verb agreeing with the fired things: the rockets
    x = extract("The militants fired nine rockets at the city, which were shot down near the coast.")
    assert _figs(x) == [("other", 9)]
