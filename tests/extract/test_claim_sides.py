"""Who says a figure and whose the victims are, on sentences written for these tests in the forms
real reporting uses (attribution forms, the speaker's own people, the other side's posts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.extract.afghan_places import PROVINCES, extractor
from tests.extract.claim_lookup import one, side

from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def test_a_states_count_of_unarmed_people_is_of_its_own(extract: Extract) -> None:
    x = extract(
        "Shelling resumed along the frontier with Peru. Bolivia's interior ministry said seven villagers "
        "died and 20 people were hurt, while Peru reported two soldiers wounded."
    )
    dead = one(x, 7)
    assert side(dead) == ("BOL", 1) and dead.victims.country == "BOL"
    assert one(x, 20, "injured").victims.country == "BOL"


def test_hostile_posts_and_downed_drones_are_the_other_sides(extract: Extract) -> None:
    x = extract(
        "Fighting with Pakistan went on for a third night. The Indian army said 12 hostile posts were "
        "captured before dawn."
    )
    posts = one(x, 12, "posts_captured")
    assert side(posts) == ("IND", 1) and posts.victims.country == "PAK"
    x = extract(
        "Ukraine launched another wave of attacks on Sunday. Russia's defence ministry said 18 drones "
        "were shot down overnight."
    )
    drones = one(x, 18, "other")
    assert side(drones) == ("RUS", 1) and drones.victims.country == "UKR"


def test_their_own_is_the_speakers_but_their_posts_on_the_enemy_side_are_not(extract: Extract) -> None:
    x = extract(
        "Fighting with Pakistan went on overnight. Indian officials said the enemy side suffered heavy "
        "losses after four of their posts were destroyed, and that two of their own soldiers died."
    )
    assert one(x, 4, "other").victims.country == "PAK"
    assert one(x, 2).victims.country == "IND"


def test_it_said_refers_to_the_last_speaker_even_without_a_figure(extract: Extract) -> None:
    x = extract("The Nigerian army confirmed the raid on Monday. It said 14 bandits were killed there.")
    assert side(one(x, 14)) == ("NGA", 1)


def test_a_passive_subject_is_what_is_reported(extract: Extract) -> None:
    x = extract("Another eleven people were reported dead near the camp, according to the Red Cross.")
    c = one(x, 11)
    assert c.claimant.inter == 8 and "Red Cross" in c.claimant.name


def test_a_cited_source_is_the_claimant(extract: Extract) -> None:
    x = extract(
        "Geo News reported that 25 militants were killed in Bajaur, citing Pakistani security officials."
    )
    assert side(one(x, 25)) == ("PAK", 1)


def test_a_demonym_before_a_count_is_that_state(extract: Extract) -> None:
    x = extract("According to Sudanese figures, 120 people died in the attack on the market.")
    assert side(one(x, 120)) == ("SDN", 1)


def test_where_a_body_is_based_is_not_who_speaks(extract: Extract) -> None:
    x = extract("The London-based Syrian Observatory for Human Rights said 40 fighters were killed in Idlib.")
    assert side(one(x, 40)) == ("", 8)


def test_claiming_responsibility_is_not_reporting_the_toll(extract: Extract) -> None:
    x = extract("A separatist group claimed responsibility for the blast that killed 9 soldiers in Quetta.")
    assert one(x, 9).claimant.inter == 0


def test_a_headline_is_not_framed_by_the_body_verb_run_into_it(extract: Extract) -> None:
    x = extract("Nine dead in market bombing\nThe interior ministry of Iraq said the bomber was filmed.")
    assert one(x, 9).claimant.inter == 0


def test_people_returned_from_a_country_are_not_its_own(extract: Extract) -> None:
    x = extract("The UN refugee agency said 5,000 people returned from Iran to Afghanistan on Tuesday.")
    assert one(x, 5000, "other").victims.country == "AFG"


def test_victims_on_a_named_side_of_the_border(extract: Extract) -> None:
    x = extract(
        "The United Nations reported that at least 30 civilians were killed and more than 90 were "
        "wounded on the Afghan side during the week of clashes with Pakistan."
    )
    assert one(x, 30).victims.country == "AFG"


def test_no_casualties_from_a_party_is_about_its_own_side(extract: Extract) -> None:
    x = extract("Kenya's army rejected the report, saying there were no casualties at the base.")
    zero = one(x, 0, "other")
    assert side(zero) == ("KEN", 1) and zero.victims.country == "KEN" and zero.stance == "denied"


def test_a_harm_noun_counts_the_group_named_among_or_of_it(extract: Extract) -> None:
    x = extract(
        "Clashes spread across the northern districts of Chad. The interior ministry said there were "
        "40 casualties among security forces and 9 deaths of civilians."
    )
    assert one(x, 40, "other").victims.inter == 1
    assert one(x, 9).victims.inter == 7


def test_pilots_and_ministers_are_state_people(extract: Extract) -> None:
    x = extract(
        "Peru's army said an enemy drone struck the convoy. "
        "Bolivia's ministry said a Peruvian pilot was captured."
    )
    assert one(x, 1, "captured").victims.inter == 1
    x = extract("Officials in Lima said an air strike in the capital killed several ministers on Monday.")
    assert one(x, 3).victims.inter == 1


def test_a_country_named_once_in_passing_is_not_where_the_victims_are(extract: Extract) -> None:
    x = extract(
        "Gunmen raided a village in Nigeria on Sunday, and Nigerian troops were sent to the area. "
        "Twelve villagers were killed days after the governor came back from Japan."
    )
    assert one(x, 12).victims.country == "NGA"


def test_an_unplaced_armed_group_a_state_reports_fighting_is_that_states(extract: Extract) -> None:
    x = extract(
        "Ceasefire talks were held in Qatar this week. Meanwhile the Colombian army said it killed 14 "
        "guerrillas in two operations."
    )
    rebels = one(x, 14)
    assert (rebels.victims.country, rebels.victims.inter) == ("COL", 2)
    x = extract("French airstrikes killed 12 militants in Mali on Sunday, the French army said.")
    assert one(x, 12).victims.country == "MLI"  # a named foreign doer: the country in view


def test_what_a_side_lost_or_abandoned_is_its_own(extract: Extract) -> None:
    x = extract(
        "Fighting raged inside Azerbaijan. Armenia has lost 40 soldiers in that direction, the "
        "Azerbaijani defence ministry claimed."
    )
    assert one(x, 40, "other").victims.country == "ARM"


def test_what_another_side_is_said_to_have_taken_is_the_claimants(extract: Extract) -> None:
    x = extract(
        "Shelling went on along the border with Cambodia. A Thai army spokesman denied that Cambodian "
        "troops had captured a tank."
    )
    tank = one(x, 1, "other")
    assert side(tank) == ("THA", 1) and tank.victims.country == "THA"


def test_posts_of_a_named_armed_group_take_its_status(extract: Extract) -> None:
    x = extract("The Somali army said it destroyed 12 positions held by al-Shabaab fighters near Jilib.")
    posts = one(x, 12, "other")
    assert (posts.victims.country, posts.victims.inter) == ("SOM", 2)


def test_people_sent_back_are_of_their_nationality_not_the_hosts(extract: Extract) -> None:
    x = extract(
        "Tajiks are also being expelled from Russia. Since the campaign began in March, at least 40,000 "
        "people have been forced to leave."
    )
    assert one(x, 40000, "deported").victims.country == "TJK"
    x = extract("A builder who had worked in Moscow for a decade was deported to Tajikistan on Monday.")
    assert one(x, 1, "deported").victims.country == "TJK"


def test_a_bare_tally_counts_the_people_named_just_before(extract: Extract) -> None:
    x = extract(
        "Rebels shelled the market, killing 40 civilians, the monitor said. By district, the toll "
        "includes 25 in Kidal and 15 in Gao."
    )
    assert one(x, 25).victims.inter == 7
    x = extract(
        "The civilian death toll rose to 19 after two more deaths were reported in Kharkiv on Friday."
    )
    assert one(x, 2).victims.inter == 7
    x = extract(
        "The Indian army said 12 of its soldiers and more than 40 militants were killed in the clash."
    )
    own = one(x, 12)
    assert (own.victims.country, own.victims.inter) == ("IND", 1)


def test_a_reporting_verb_hanging_on_another_takes_its_subject(extract: Extract) -> None:
    x = extract(
        "The Arakan Army claimed responsibility for the raid on the outpost, saying its fighters "
        "killed 30 junta soldiers."
    )
    assert side(one(x, 30)) == ("MMR", 2)


def test_a_quotation_is_its_speakers_even_with_the_verb_on_the_next_line(extract: Extract) -> None:
    x = extract(
        '"The convoy had eight buses, and one bus was destroyed in the blast,"\nthe BLA statement read.'
    )
    assert side(one(x, 1, "other")) == ("PAK", 2)


def test_a_quotation_opening_a_sentence_continues_the_speaker_before_it(extract: Extract) -> None:
    x = extract(
        "“We heard the jets first,” a villager told reporters. "
        "“Then the bombs fell and we buried nine bodies.”"
    )
    assert one(x, 9).claimant.inter == 7


def test_a_relative_clause_about_the_speaker_does_not_speak(extract: Extract) -> None:
    x = extract(
        "The Syrian Observatory for Human Rights, which relies on sources inside areas held by the "
        "Syrian government, said 40 fighters were killed."
    )
    assert side(one(x, 40)) == ("", 8)


def test_no_casualties_is_denied_only_where_it_rebuts(extract: Extract) -> None:
    own = extract("After the clash, Kenya's army reported no fatalities and three injuries among its troops.")
    assert one(own, 0).stance == "asserted"
    answer = extract(
        "A local broadcaster said the militant commander was killed, while the Taliban said there had "
        "been no casualties in the strike."
    )
    zero = one(answer, 0, "other")
    assert side(zero) == ("AFG", 1) and zero.stance == "denied"


def test_denying_an_accusation_of_a_deed_rejects_no_figure(extract: Extract) -> None:
    x = extract(
        "The Taliban government denied allegations of harbouring militants. Earlier, Pakistan's "
        "military said it had killed 15 Taliban fighters near Chaman."
    )
    assert [(side(c), c.stance) for c in x.claims if c.figure.value == 15] == [(("PAK", 1), "asserted")]


def test_a_count_told_in_a_with_clause_is_not_the_sentences_toll(extract: Extract) -> None:
    x = extract(
        "The death toll in the border fighting has risen to 32, with Thai officials reporting 12 more deaths."
    )
    assert one(x, 32).claimant.inter == 0 and side(one(x, 12)) == ("THA", 1)


def test_an_outlet_aligned_with_a_force_is_the_outlet(extract: Extract) -> None:
    x = extract("Army-aligned media outlets reported that the strikes killed 20 militants.")
    assert one(x, 20).claimant.inter == 0


def test_saying_a_figure_is_false_denies_it(extract: Extract) -> None:
    x = extract(
        "The Thai army said it had killed at least 165 Cambodian soldiers in the clashes, while "
        "Cambodia told reporters that this information was false."
    )
    told = sorted((side(c), c.stance) for c in x.claims if c.figure.value == 165)
    assert told == [(("KHM", 1), "denied"), (("THA", 1), "disputed")]
    capital = extract(
        "Kabul said the figures given by Islamabad were baseless. "
        "Pakistan's military said 200 Taliban fighters were killed."
    )
    assert sorted((side(c), c.stance) for c in capital.claims) == [
        (("AFG", 1), "denied"),
        (("PAK", 1), "disputed"),
    ]


def test_an_outlets_figure_rejected_by_a_party_is_disputed(extract: Extract) -> None:
    x = extract(
        "Israel denied the claims. Iranian media reported that the army had captured an Israeli pilot "
        "after his jet was shot down."
    )
    pilots = sorted((c.claimant.name, c.stance) for c in x.claims if c.kind == "captured")
    assert pilots == [("Iranian media", "disputed"), ("Israel", "denied")]


def test_an_official_whose_title_names_no_state_is_the_states_where_it_happened(extract: Extract) -> None:
    x = extract(
        "Pakistani troops were travelling in a convoy. Ali Khan, Station House Officer (SHO) of the City "
        "Police Station, told local media that the convoy came under attack.\n"
        "“One bus was completely destroyed by the explosion,”\nMr. Khan said."
    )
    assert side(one(x, 1, "other")) == ("PAK", 1)


def test_a_rejecters_counter_figure_says_which_toll_it_disputes(extract: Extract) -> None:
    x = extract(
        "Pakistan's military said 23 soldiers were killed and more than 200 Taliban fighters died in "
        "the clashes. However, Kabul disputed Pakistan's account, claiming that 58 Pakistani soldiers "
        "were killed."
    )
    assert sorted((side(c), c.stance) for c in x.claims if c.figure.value == 23) == [
        (("AFG", 1), "denied"),
        (("PAK", 1), "disputed"),
    ]
    assert [(side(c), c.stance) for c in x.claims if c.figure.value == 200] == [(("PAK", 1), "asserted")]


def test_a_course_of_violence_framing_a_report_is_the_outlets_background(extract: Extract) -> None:
    x = extract(
        "Nasser Hospital said it received the bodies of 11 people who were shot near an aid site, part "
        "of a deadly pattern that has killed more than 500 Palestinians."
    )
    assert side(one(x, 11)) == ("PSE", 1) and one(x, 500).claimant.inter == 0
    # a party speaking inside the clause still says its figure
    x = extract(
        "The talks come a week after the border fighting, in which the Indian army said 14 of its "
        "soldiers were killed."
    )
    assert one(x, 14).claimant.country == "IND"


def test_militants_a_state_kills_abroad_are_of_the_country_they_are_in(extract: Extract) -> None:
    x = extract("Chad's army said its aircraft killed 30 militants in Nigeria on Friday.")
    assert one(x, 30).victims.country == "NGA"
    x = extract("The French military said 11 militants were killed in Mali.")
    assert one(x, 11).victims.country == "MLI"
    # a state's insurgency at home keeps the state's country
    x = extract("Niger's army said it killed 18 militants in Tillaberi.")
    assert one(x, 18).victims.country == "NER"
    x = extract("Nigeria's army said it killed 22 insurgents in an ambush.")
    assert one(x, 22).victims.country == "NGA"


def test_a_bare_count_of_a_new_incident_does_not_inherit_an_earlier_groups_status(extract: Extract) -> None:
    x = extract(
        "Four rebels died in a police raid on Tuesday. Separately, a car bomb near a school killed 11."
    )
    assert one(x, 4).victims.inter == 2 and one(x, 11).victims.inter is None
    x = extract(
        "Dozens of civilians died during the blockade, aid groups said. On Friday, shelling killed 16."
    )
    assert one(x, 16).victims.inter is None
    # a toll still counts the group just named
    x = extract(
        "Forty civilians were killed in the shelling of the town. The death toll rose to 52 on Tuesday."
    )
    assert one(x, 52).victims.inter == 7


def test_a_civilian_toll_qualifies_only_its_own_figure(extract: Extract) -> None:
    x = extract("The civilian death toll has climbed to 23, while the police said they lost 6.")
    assert one(x, 23).victims.inter == 7
    assert one(x, 6).victims.inter != 7


def test_a_place_outside_the_harms_clause_does_not_send_militants_abroad(extract: Extract) -> None:
    x = extract("During the peace talks in Norway, the Colombian army said it killed 17 guerrillas.")
    assert one(x, 17).victims.country == "COL"


def test_people_expelled_are_not_of_a_nationality_named_about_another_country(extract: Extract) -> None:
    x = extract(
        "France has tightened its rules for Malian migrants. Separately, Algeria expelled 600 people."
    )
    assert one(x, 600, "deported").victims.country != "MLI"
    x = extract(
        "Kenya reviewed its policy on Somali refugees. Separately, 800 people were expelled last week."
    )
    assert one(x, 800, "deported").victims.country != "SOM"


def test_unmarked_militants_are_of_the_armed_group_the_sentence_names(extract: Extract) -> None:
    # the group hit is named beside the place abroad: its country, not the place's
    x = extract(
        "Pakistani jets struck hideouts of the Hafiz Gul Bahadur group in Afghanistan's Khost province, "
        "killing 12 militants, officials said."
    )
    assert one(x, 12).victims.country == "PAK"
    x = extract(
        "Pakistani strikes on camps of the TTP in Afghanistan's Paktika province killed 12 militants."
    )
    assert one(x, 12).victims.country == "PAK"
    # no group named: the place in view, as before
    x = extract(
        "Pakistani jets struck hideouts in Afghanistan's Khost province, killing 12 militants, officials "
        "said."
    )
    assert one(x, 12).victims.country == "AFG"


def test_unnamed_sources_of_a_report_from_the_striking_capital_keep_its_side_for_its_own_insurgents(
    extract: Extract,
) -> None:
    # militants of the striking state's own insurgency hit abroad: the unnamed officials are still
    # that state's when the report is filed from its capital
    x = extract(
        "ISLAMABAD: Pakistan's air force struck camps of the TTP in Afghanistan's Paktika province on "
        "Friday, killing 12 militants, security officials said."
    )
    dead = one(x, 12)
    assert dead.victims.country == "PAK" and side(dead) == ("PAK", 1)


def test_speakers_named_together_are_told_by_the_first(extract: Extract) -> None:
    # the source named first tells the figure, whatever the rank of the others named with it
    x = extract(
        "An airstrike killed 20 people at a monastery in Sagaing region, a resident and local media said."
    )
    assert side(one(x, 20)) == ("MMR", 7)
    x = extract("An airstrike killed 20 people at a monastery in Sagaing region, local media said.")
    assert side(one(x, 20))[1] == 0


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Extract:
    return extractor(Path(tmp_path_factory.mktemp("geo")), PROVINCES)


@pytest.mark.parametrize(
    "text",
    [
        # the group fought them, attacked them, or is named in passing: not the militants' own,
        # so the place in view tells their side
        "Twelve militants died in clashes with TTP fighters in Khost province, a monitoring group said.",
        "Nine militants were killed in an attack by TTP gunmen in Khost province, local media reported.",
        "Six militants were killed in a raid on a checkpoint in Kunar province, local media reported, "
        "adding that the TTP had praised the raid.",
    ],
)
def test_militants_are_not_of_a_group_named_as_their_foe_or_in_passing(placed: Extract, text: str) -> None:
    dead = [c for c in placed(text).claims if c.kind == "killed"]
    assert dead and all(c.victims.country == "AFG" for c in dead)


def test_militants_belonging_to_a_group_named_are_its(placed: Extract) -> None:
    x = placed("Jets struck Kunar province, killing 12 militants belonging to the TTP, local media reported.")
    assert one(x, 12).victims.country == "PAK"
