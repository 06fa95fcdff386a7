"""How far a reporting verb reaches and whose side its speaker is, on sentences written for these
tests: a participle of speech after a rival's clause, a speaker put after the verb, a headline's
source named in full below, a country's adjective before an international body."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.extract.claim_lookup import one, side

from tolls.extract.actors import ActorDictionary
from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def test_a_country_adjective_before_an_international_body_gives_its_country() -> None:
    found = ActorDictionary.load().find("Two sailors died, a Norwegian U.N. delegation said.")
    assert [(a.text, a.country, a.inter) for a in found] == [("Norwegian U.N. delegation", "NOR", 8)]
    # a media phrase keeps no country: an outlet is no state's voice
    found = ActorDictionary.load().find("Chilean state media reported it.")
    assert all(a.country == "" for a in found if a.role == "media")


def test_a_participle_of_speech_goes_with_the_clause_before_its_comma(extract: Extract) -> None:
    x = extract(
        "The rebels claimed to have seized four army outposts, though Peruvian defence sources "
        "countered, asserting that seven rebel positions had been destroyed in the fighting."
    )
    assert one(x, 7, "other").claimant.name == "Peruvian defence sources"


def test_a_speaker_after_the_verb_is_the_speaker(extract: Extract) -> None:
    x = extract(
        "Gunmen stormed a market in the Nigerian town of Zaria on Monday.\n\n"
        "The toll could rise above 30, estimated a senior police official without giving details."
    )
    assert side(one(x, 30)) == ("NGA", 1)
    # "..., claiming the lives of 12 people, including two children": the children do not speak
    x = extract(
        "A strike hit the Ukrainian town of Sumy on Sunday, claiming the lives of 12 people, "
        "including two children."
    )
    assert one(x, 2).claimant.inter in (0, None)


def test_a_headline_source_named_in_full_below_is_that_states(extract: Extract) -> None:
    x = extract(
        "Death toll in clashes on the Thai border rises to 9: defence ministry\n\n"
        "Thai artillery hit villages near the frontier overnight. Phnom Penh's defence ministry said "
        "on Tuesday that the dead were farmers."
    )
    assert side(one(x, 9)) == ("KHM", 1)


def test_a_sentence_the_parser_cuts_mid_line_keeps_its_reporting_verb(extract: Extract) -> None:
    # the parser ends a sentence after "(VBIED)" with no full stop: "said" still governs the bus
    x = extract(
        "Fighting flared in Cameroon's Northwest region. In a statement, Ambazonian rebel spokesman "
        "Ali Musa said the group's fighters carried out a Vehicle-Borne Improvised Explosive Device "
        "(VBIED) “Fidayee” (suicide) attack near the old mill on the main highway, destroying at "
        "least one army truck completely."
    )
    assert one(x, 1, "other").claimant.inter not in (0, None)


def test_a_headline_source_after_a_dash_or_a_trailing_says(extract: Extract) -> None:
    x = extract("Troops kill 14 rebels in Cauca - army\n\nSoldiers raided a camp in Cauca on Sunday.")
    assert side(one(x, 14)) == ("COL", 1)
    x = extract(
        "Drone strike kills nine in Kandahar, says Taliban spokesman\n\n"
        "A drone hit a house in Kandahar province on Sunday night."
    )
    assert side(one(x, 9)) == ("AFG", 1)


def test_a_provincial_department_is_a_state_body(extract: Extract) -> None:
    x = extract("Eleven people were killed in the blast in Quetta, the provincial health department said.")
    assert side(one(x, 11)) == ("PAK", 1)


def test_who_recovered_the_bodies_is_the_source_of_their_count(extract: Extract) -> None:
    x = extract(
        "A car bomb hit a checkpoint in the Somali town of Baidoa on Monday. Police recovered six "
        "bodies from the wreckage."
    )
    assert side(one(x, 6)) == ("SOM", 1)
    # a report of the recovery still belongs to who reports it
    x = extract(
        "A car bomb hit a checkpoint in the Somali town of Baidoa on Monday. Residents said police "
        "recovered six bodies from the wreckage."
    )
    assert one(x, 6).claimant.inter == 7


def test_as_detailed_in_a_report_is_the_reports_author(extract: Extract) -> None:
    x = extract(
        "Fighting raged in Khartoum. Seven civilians were killed, as detailed in a report released "
        "by the health ministry."
    )
    assert side(one(x, 7)) == ("SDN", 1)


def test_a_commissioner_is_a_state_official(extract: Extract) -> None:
    x = extract(
        "Gunmen attacked a village in Zamfara state. The state's commissioner for information said "
        "12 villagers were killed."
    )
    assert side(one(x, 12)) == ("NGA", 1)


def test_a_surname_alone_keeps_the_title_given_beside_it_before(extract: Extract) -> None:
    # the tagger takes only the surname for a person: the title beside it still says who speaks
    x = extract(
        "A blast hit a market in Peshawar on Friday. Bilal Faizi, a rescue official, said the "
        "wounded were taken to hospital. Faizi said 12 people were killed."
    )
    assert side(one(x, 12)) == ("PAK", 1)


def test_a_police_rank_before_a_name_is_an_official(extract: Extract) -> None:
    x = extract(
        "A blast hit a market in Peshawar on Friday. DIG Ashfaq Anwar told reporters that 12 people "
        "were killed."
    )
    assert side(one(x, 12)) == ("PAK", 1)
    x = extract(
        "A blast hit a market in Peshawar on Friday. Station House Officer Zafarullah told Dawn that "
        "12 people were killed."
    )
    assert side(one(x, 12)) == ("PAK", 1)


def test_per_a_party_and_figures_a_body_released_show_its_count(extract: Extract) -> None:
    x = extract("Clashes erupted in Kurram district. Per the ISPR, 12 militants were killed.")
    assert side(one(x, 12)) == ("PAK", 1)
    x = extract(
        "Clashes erupted in Kurram district. Data from the health ministry showed 12 people were killed."
    )
    assert side(one(x, 12)) == ("PAK", 1)


def test_he_is_the_titled_person_just_named_not_an_earlier_speaker(extract: Extract) -> None:
    x = extract(
        "The Israeli military said it struck 20 sites in Tehran. Later on Sunday, Iran's Deputy "
        "Foreign Minister Ali Rezaei condemned the strikes. He said four civilians were wounded."
    )
    assert side(one(x, 4, "injured")) == ("IRN", 1)


def test_a_quotation_cut_off_at_the_end_of_an_excerpt_is_still_its_speakers(extract: Extract) -> None:
    x = extract(
        "The Israeli military said it struck 20 sites in Tehran. Later on Sunday, Iran's Deputy "
        "Foreign Minister Ali Rezaei condemned the strikes. In a post on X, he wrote that a ministry "
        "building was hit. “Four civilians were wounded in the attack, including"
    )
    assert side(one(x, 4, "injured")) == ("IRN", 1)


def test_an_as_reported_clause_tells_the_whole_sentence(extract: Extract) -> None:
    # the relative clause on the violence is background, unless the sentence as a whole is
    # reported ("..., as reported by the governor")
    x = extract(
        "Fighting raged in Colombia's Catatumbo region. Twenty others were hurt in the violence, "
        "which has led to thousands fleeing the area as the army worked to move residents out on "
        "Sunday, as reported by William Villamizar, the governor of North Santander."
    )
    assert side(one(x, 2000, "displaced")) == ("COL", 1)


def test_survivors_activists_and_community_leaders_are_local_sources(extract: Extract) -> None:
    for speaker in ("Survivors", "A community leader", "Activists", "A relative of the victims"):
        x = extract(
            f"A drone struck a wedding in Sudan's North Kordofan. {speaker} said 12 people were killed."
        )
        assert side(one(x, 12)) == ("SDN", 7), speaker


def test_an_inverted_says_after_a_headline_speaks_with_the_name_after_it(extract: Extract) -> None:
    # the parser gives "says" two subjects: the victims before the comma and the source after it
    x = extract("Nine policemen martyred in Bannu ambush, says ISPR")
    assert one(x, 9).claimant.name == "ISPR"
    x = extract("Lakki Marwat raid: 14 terrorists killed, says ISPR")
    assert side(one(x, 14)) == ("PAK", 1)


def test_a_source_opening_a_headline_before_a_colon_tells_its_figure(extract: Extract) -> None:
    x = extract("ISPR: 14 terrorists killed in Lakki Marwat raid\n\nThe raid took place on Sunday.")
    assert side(one(x, 14)) == ("PAK", 1)
    # a country or a place heading the story is no source
    x = extract("Pakistan: Bomb kills four, six terrorists killed in raid\n\nThe raid took place on Sunday.")
    assert side(one(x, 4)) == ("", 0)


def test_a_victim_group_or_an_armed_group_opening_a_headline_is_its_topic(extract: Extract) -> None:
    body = "\n\nThe attack took place on Sunday."
    for head in (
        "Teachers: 25 killed in Darfur school raid",  # who died
        "Pilgrims: 18 dead as bus is shelled near Mosul",
        "Soldiers: 9 killed in Sahel ambush",  # a state's forces named as people
        "Militants: 12 killed in Kunar market attack",  # an armed group: the perpetrator
        "Wagner: 30 villagers killed in central Mali",  # a foreign force
    ):
        assert [side(c) for c in extract(head + body).claims] == [("", 0)], head
    # a witness, an official body or a group speaking in its own voice is a source
    x = extract("Eyewitnesses: 25 killed in Darfur market shelling" + body)
    assert side(one(x, 25)) == ("SDN", 7)
    x = extract("Interior ministry: 25 killed in Darfur market shelling" + body)
    assert one(x, 25).claimant.name == "Interior ministry"
    x = extract("Rebels: 'We lost 12 fighters near Mekelle'" + body)
    assert side(one(x, 12)) == ("", 2)


def test_a_source_at_a_headline_s_end_wins_over_one_opening_it(extract: Extract) -> None:
    # the opening name is more likely the topic; the end names who gives the figure
    x = extract("WHO: 22 killed in strike on Rafah clinic - health ministry\n\nThe strike came at dawn.")
    assert one(x, 22).claimant.name == "health ministry"


def test_a_quotation_after_a_headline_s_opening_source_is_its(extract: Extract) -> None:
    x = extract("Army chief: '11 of our soldiers were killed in Kordofan'")
    assert side(one(x, 11)) == ("", 1)


def test_a_line_wrapped_inside_a_sentence_keeps_its_subject_as_speaker(extract: Extract) -> None:
    # the body on the verb's line is the object of a preposition, not the speaker
    x = extract(
        "Amnesty International, in a report on the clashes between\n"
        "the police and the Houthis said 17 protesters were shot dead in Sanaa."
    )
    assert one(x, 17).claimant.name == "Amnesty International"
    x = extract(
        "UNICEF, in a report published on\n"
        "Friday together with the World Health Organization, said 14 children died in Gaza."
    )
    assert one(x, 14).claimant.name == "UNICEF"
    x = extract(
        "The Red Cross in a statement issued on Sunday by its office in\n"
        "Nairobi with Kenya's interior ministry said 9 people died in the floods."
    )
    assert one(x, 9).claimant.name == "Red Cross"
    # a coordinated speaker under a headline the parser ran in still speaks
    x = extract(
        '"Army Raid Kills Dozens, Medics Say"\n\n'
        "Witnesses and hospital sources report that an army raid has resulted in the deaths of 14 "
        "people in Mopti."
    )
    assert side(one(x, 14)) == ("MLI", 7)


def test_a_wrap_before_a_name_is_no_line_end_for_the_speaker(extract: Extract) -> None:
    # a wrap after a preposition, before a capitalised name, ends no line (the sentence hints'
    # rule, tolls.extract.line_breaks): the country named there is the preposition's, no speaker
    x = extract("Farmers near the frontier with\nAfghanistan said 12 herders were killed in the shelling.")
    assert one(x, 12).claimant.name == "Farmers"


def test_a_subject_on_a_headline_run_into_the_body_does_not_speak(extract: Extract) -> None:
    # the parser runs the repeated headline into the body and makes its first word the subject of
    # the body's "said": the phrase it spans names the army of the clashes, not the speaker
    head = "UNAMA: Shelling Left 30 Civilians Dead Across Afghanistan in Early 2025"
    x = extract(
        f"{head}\n\n{head}\n———————————\n"
        "At least 30 civilians were killed and 120 hurt across Afghanistan in the first quarter of "
        "2025 in shelling between Taliban units and Pakistan’s military, the United Nations "
        "Assistance Mission in Afghanistan (UNAMA) said in a new report on Monday."
    )
    assert side(one(x, 120, "injured")) == ("", 8)
