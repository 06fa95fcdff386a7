"""Claims on hand-written sentences: figure, kind, victims, claimant, stance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from tests.extract.claim_lookup import one, side

from tolls.model import Claim, Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def vside(c: Claim) -> tuple[str, int | None]:
    return (c.victims.country, c.victims.inter)


def test_both_sides_of_a_border_clash(extract: Extract) -> None:
    x = extract(
        "The Pakistani army said 14 of its soldiers died in the fighting and claimed to have killed more "
        "than 90 Afghan fighters. The Taliban spokesman countered that 40 Pakistani troops were killed "
        "while six of their own men died."
    )
    assert len([c for c in x.claims if c.kind == "killed"]) == 4
    own = one(x, 14)
    assert side(own) == ("PAK", 1) and vside(own) == ("PAK", 1) and own.figure.qualifier == "exact"
    enemy = one(x, 90)
    assert side(enemy) == ("PAK", 1) and vside(enemy) == ("AFG", 1)
    assert (enemy.figure.qualifier, enemy.figure.low, enemy.figure.high) == ("more_than", 91, None)
    assert enemy.figure.text == "more than 90"
    counter = one(x, 40)
    assert side(counter) == ("AFG", 1) and vside(counter) == ("PAK", 1)
    theirs = one(x, 6)
    assert side(theirs) == ("AFG", 1) and vside(theirs) == ("AFG", 1)


def test_span_points_at_the_figure(extract: Extract) -> None:
    text = "Officials said at least 12 civilians were killed in the shelling."
    c = one(extract(text), 12)
    assert text[c.span[0] : c.span[1]] == "at least 12"
    assert c.figure.qualifier == "at_least" and c.figure.low == 12 and c.figure.high is None


def test_according_to_and_unattributed(extract: Extract) -> None:
    x = extract(
        "According to the UN refugee agency, 3,000 families fled their homes. Two people were killed."
    )
    fled = one(x, 3000, "displaced")
    assert side(fled) == ("", 8)
    killed = one(x, 2)
    assert side(killed) == ("", 0) and killed.claimant.name == ""
    assert killed.victims.inter is None


def test_pronoun_refers_back_to_the_last_claimant(extract: Extract) -> None:
    x = extract("ISPR said five soldiers were killed in the attack. It added that 11 others were wounded.")
    assert side(one(x, 5)) == ("PAK", 1)
    assert side(one(x, 11, "injured")) == ("PAK", 1)


def test_kinds_of_harm(extract: Extract) -> None:
    x = extract(
        "Police detained 30 protesters. Gunmen abducted seven aid workers. Twelve people are missing. "
        "Authorities deported 400 migrants. Troops captured three enemy posts."
    )
    assert one(x, 30, "detained").victims.inter == 6
    assert one(x, 7, "captured")
    assert one(x, 12, "missing")
    assert one(x, 400, "deported")
    assert one(x, 3, "posts_captured")


def test_agents_are_not_victims(extract: Extract) -> None:
    x = extract("Around 30 armed men stormed the village, killing four farmers.")
    assert [c.figure.value for c in x.claims] == [4]
    assert one(x, 4).victims.inter == 7


def test_a_single_named_or_unnamed_victim_counts_as_one(extract: Extract) -> None:
    x = extract("A policeman was shot dead at a checkpoint on Monday.")
    c = one(x, 1)
    assert c.figure.text == "A" and c.victims.inter == 1


def test_identity_subset_is_its_own_claim_and_not_summed(extract: Extract) -> None:
    x = extract("Nine people, including four children, were killed in the air strike.")
    assert one(x, 4).subset and not one(x, 9).subset
    assert x.events[0].fatalities is not None and x.events[0].fatalities.low == 9


def test_vague_words(extract: Extract) -> None:
    x = extract("Dozens of civilians were wounded and hundreds of families were displaced.")
    c = one(x, 24, "injured")
    assert c.figure.qualifier == "vague" and c.figure.low is None
    assert one(x, 200, "displaced")


def test_denial_and_no_casualties(extract: Extract) -> None:
    x = extract("The ministry denied that 50 soldiers had been killed and said there were no casualties.")
    denied = one(x, 50)
    assert denied.stance == "denied"
    zero = one(x, 0, kind="other")  # unsplit casualties (SCHEMA: other)
    assert zero.stance == "denied" and zero.figure.qualifier == "exact"


def test_headline_restating_the_body_is_one_claim(extract: Extract) -> None:
    x = extract(
        "Eight killed in market bombing\n\nEight people were killed when a bomb exploded in a market, "
        "police said."
    )
    killed = [c for c in x.claims if c.kind == "killed"]
    assert len(killed) == 1 and killed[0].claimant.inter == 1


def test_unquantified_victims_follow_acled(extract: Extract) -> None:
    x = extract("Rebels attacked the base and killed an unknown number of soldiers.")
    c = one(x, 10)
    assert c.figure.qualifier == "vague"


def test_deaths_told_as_a_plural_without_a_count_are_at_least_two(extract: Extract) -> None:
    assert _low(extract("A number of residents were reportedly killed and injured in the shelling.")) == 2
    assert _low(extract("The shelling hit the market on Monday, wounding and killing multiple people.")) == 2
    assert _low(extract("A number of residents were wounded when a shell hit the market on Monday.")) is None
    # ACLED's reading of "heavy casualties" (10) wins over the plural
    assert _low(extract("A number of fighters were killed and the rebels suffered heavy casualties.")) == 10


def test_plural_deaths_are_the_events_own_neither_denied_nor_negated(extract: Extract) -> None:
    # background deaths in another sentence are not the dated incident's
    x = extract(
        "In 2016, a number of fishermen were killed near Tyre. On Tuesday a drone struck a car "
        "near Tyre, wounding three people."
    )
    tuesday = [e for e in x.events if e.dates.text == "Tuesday"]
    assert len(tuesday) == 1 and tuesday[0].fatalities is None
    # ("none killed" is itself a zero: the event's low is 0, not the plural's 2)
    assert (
        _low(extract("A number of guards were hurt but none killed when the mortar landed on Tuesday.")) == 0
    )
    assert (
        _low(extract("The ministry denied that a number of pilgrims were killed in the crush on Tuesday."))
        is None
    )
    # the simple past active tells them too
    assert _low(extract("The mortar killed a number of pilgrims near the shrine on Tuesday.")) == 2
    assert _low(extract("A number of pilgrims were injured and killed by the mortar on Tuesday.")) == 2
    assert _low(extract("The mortar killed and wounded multiple pilgrims near the shrine on Tuesday.")) == 2
    assert _low(extract("The mortar injured a number of pilgrims near the shrine on Tuesday.")) is None


def test_generations_and_sources_are_not_victims(extract: Extract) -> None:
    x = extract("At least 14 members of three generations of one family were killed in the strike.")
    assert [c.figure.value for c in x.claims if c.kind == "killed"] == [14]
    x = extract(
        "Many outlets reported injuries, and three sources, the Daily Star, Radio Nile and a local "
        "reporter, reported that four of the injured were in a coma."
    )
    assert [c.figure.value for c in x.claims if c.kind == "injured"] == [4]


def test_a_family_of_n_and_relatives_after_a_name(extract: Extract) -> None:
    assert _low(extract("A strike on a house in the camp on Monday killed a family of five.")) == 5
    assert _low(extract("A woman and her baby were killed when a shell hit the camp on Monday.")) == 2
    # relatives after a name in apposition are the named person's, added to one
    assert _low(extract("The shelling on Monday killed a woman, Hala Nasser, and her two daughters.")) == 3
    # after a count of several, the names and relatives list the counted: nothing is added
    x = extract(
        "On Monday, five civilians, Sami Nasser (41 years old), his wife Rana Nasser (36 years old), "
        "and their three children were killed when a shell hit the camp."
    )
    assert _low(x) == 5


def test_a_family_without_a_count_is_not_one_person(extract: Extract) -> None:
    x = extract("Four generations of a single household died when the shell struck on Tuesday.")
    assert [c.figure.value for c in x.claims if c.kind == "killed"] == []
    x = extract("The shell that struck the camp on Tuesday killed one family.")
    assert [c.figure.value for c in x.claims if c.kind == "killed"] == []
    assert _low(extract("The shell that struck the camp on Tuesday killed a family of four.")) == 4


def test_the_second_count_of_killed_and_injured_clauses_is_the_second_verbs(extract: Extract) -> None:
    x = extract(
        "On Monday, one woman was reportedly killed and up to six residents, including a boy, "
        "were injured when a shell hit the camp."
    )
    assert one(x, 1).kind == "killed" and one(x, 6, kind="injured").figure.high == 6
    x = extract(
        "On Monday, between three and 9 residents, including at least two children, were killed, and "
        "between 12 and 30 residents, including at least four children, were injured in the shelling."
    )
    assert [(c.kind, c.figure.low) for c in x.claims if not c.subset] == [("killed", 3), ("injured", 12)]


def test_a_second_count_set_off_by_commas_after_a_place_takes_its_own_verb(extract: Extract) -> None:
    x = extract(
        "Three police officers died in Jenin on Tuesday and eight bystanders, among them a nurse, were hurt."
    )
    assert [(c.kind, c.figure.value) for c in x.claims if not c.subset] == [("killed", 3), ("injured", 8)]


def test_a_number_after_a_persons_name_is_an_age(extract: Extract) -> None:
    x = extract(
        "Six members of the Mansour family were killed when a strike hit their house on Monday. "
        "Karim Saleh Mansour, 58, and his wife were among them; "
        "their son, Omar Karim Mansour, 23 was also killed."
    )
    assert [c.figure.value for c in x.claims if c.kind == "killed" and c.figure.value in (58, 23)] == []
    assert _low(extract("In the village, 23 were killed when the shelling began on Monday.")) == 23


def test_a_count_after_a_speakers_name_is_no_age(extract: Extract) -> None:
    # a plural verb agrees with a count; a name the attribution introduces is the speaker's
    x = extract("According to spokesman Yusuf Karam, 17 were killed when the shell hit the market.")
    c = one(x, 17)
    assert c.kind == "killed" and c.claimant.name == "Yusuf Karam"
    x = extract("By Monday evening, the nurse Rami Aziz, 19 were wounded in the shelling, the council said.")
    assert [(c.kind, c.figure.value) for c in x.claims if c.figure.value == 19] == [("injured", 19)]
    # a pair of names agrees with the plural verb: the number after the second is still an age
    x = extract("Her brother, Rami Aziz, 33, and his son, Fadi Aziz, 19 were also wounded on Monday.")
    assert [c.figure.value for c in x.claims if c.figure.value in (19, 33)] == []


def test_a_grievance_is_an_earlier_incident(extract: Extract) -> None:
    x = extract("Hundreds of residents marched in the town on Friday over the killing of nine farmers.")
    c = one(x, 9)
    assert c.prior and c.event_ref is None
    assert x.events and x.events[0].type.startswith("Protests") and x.events[0].fatalities is None


def _low(x: Extraction) -> int | None:
    f = x.events[0].fatalities if x.events else None
    return None if f is None else f.low


def test_a_bare_count_and_a_reflexive_object_name_no_agent(extract: Extract) -> None:
    assert _low(extract("Shelling hit two hamlets near the river. 2 killed 3 wounded.")) == 2
    assert _low(extract("Three attackers blew themselves up at the gate of the base.")) is None
    assert _low(extract("Four gunmen killed themselves when the police closed in.")) == 4


def test_reported_deaths_and_agents_behind_a_misattached_by(extract: Extract) -> None:
    assert _low(extract("At least 6 miners said to have been killed after the raid on the camp.")) == 6
    assert _low(extract("All four of the raiders were reported dead.")) == 4
    x = extract("A guard was killed on 3 May in a hit-and-run attack in the port by two unknown gunmen.")
    assert _low(x) == 1


def test_coordinated_victims_add_up(extract: Extract) -> None:
    x = extract("A customs officer and three soldiers were killed when the convoy was ambushed.")
    assert _low(x) == 4
    x = extract("The ambush left three guards and a passerby dead on Sunday.")
    assert _low(x) == 4 and one(x, 1).victims.inter == 7
    x = extract("Militiamen shot dead a shopkeeper and two of his nephews outside the market.")
    assert _low(x) == 3


def test_a_breakdown_of_a_stated_total_is_not_added(extract: Extract) -> None:
    x = extract("Seven civilians were killed in the strike: two men and five children, relatives said.")
    assert _low(x) == 7


def test_fighters_who_lost_their_lives_are_victims_not_agents(extract: Extract) -> None:
    x = extract("The spokesman said 40 soldiers were killed and nine Afghan fighters lost their lives.")
    nine = one(x, 9)
    assert vside(nine) == ("AFG", 1)


def test_a_downed_jet_is_materiel(extract: Extract) -> None:
    x = extract("One Su-30 was shot down over the border, the army said.")
    assert one(x, 1, kind="other").claimant.inter == 1


def test_the_victims_own_words_give_their_side(extract: Extract) -> None:
    x = extract(
        "Pakistani troops captured 21 hostile positions on the Afghan side, the army said. "
        "Officials said three Afghan cricketers were killed."
    )
    assert one(x, 21, kind="posts_captured").victims.country == "AFG"
    assert one(x, 3).victims.country == "AFG"


def test_a_named_spokesman_keeps_his_title_later(extract: Extract) -> None:
    x = extract(
        "Somali army spokesman Abukar Mohamed Hassan spoke to reporters in the morning. "
        "Later, Hassan said 20 militants were killed in the raid."
    )
    assert side(one(x, 20)) == ("SOM", 1)


def test_a_capital_that_speaks_is_its_government(extract: Extract) -> None:
    x = extract("Kabul said 58 Pakistani soldiers were killed in the fighting.")
    assert side(one(x, 58)) == ("AFG", 1)


def test_martyrdom_returns_and_bare_vague_groups(extract: Extract) -> None:
    x = extract("The clashes resulted in the martyrdom of 23 soldiers, the army said.")
    assert one(x, 23).victims.inter == 1
    x = extract("Major Hamza Israr, 29, embraced martyrdom during the operation.")
    assert one(x, 1).figure.text == "Hamza Israr"
    x = extract("The conflict killed dozens and injured hundreds.")
    assert one(x, 24).figure.qualifier == "vague" and one(x, 200, kind="injured")
    x = extract("Approximately 18,630 Afghans returned through Torkham on Friday.")
    assert one(x, 18630, kind="other").figure.qualifier == "about"


def test_materiel_and_positions_destroyed_are_other_captured_posts_are_posts(extract: Extract) -> None:
    x = extract("Security officials said a Taliban tank was destroyed and 19 posts were captured.")
    assert one(x, 1, kind="other").victims.name.endswith("tank")
    assert one(x, 19, kind="posts_captured")
    x = extract("The army destroyed four posts used by the militants.")
    assert one(x, 4, kind="other")


def test_who_said_refers_back_and_titles_make_officials(extract: Extract) -> None:
    x = extract(
        "The denial followed claims by Afghan Taliban spokesperson Zabihullah Mujahid, who said that "
        "the strikes in Khost killed nine children."
    )
    assert side(one(x, 9)) == ("AFG", 1)
    x = extract("Health Minister Mohammad Reza Zafarqandi said 107 people were killed.")
    assert one(x, 107).claimant.inter == 1


def test_a_member_of_a_harmed_group(extract: Extract) -> None:
    x = extract("The official said the deceased included six drivers and two passengers.")
    assert one(x, 6).kind == "killed"
    x = extract("At least three Afghan cricketers were among eight people killed in the strikes.")
    assert one(x, 3).figure.qualifier == "at_least"


def test_the_victims_side_is_not_the_attackers(extract: Extract) -> None:
    x = extract(
        "Pakistani forces fired into Afghan territory near Spin Boldak and Chaman, killing 12 civilians, "
        "Taliban spokesman Zabihullah Mujahid said."
    )
    assert one(x, 12).victims.country != "PAK"
    # a domestic operation: the army's own country is the militants'
    x = extract("Pakistani security forces killed 13 terrorists in an operation, the ISPR said.")
    assert one(x, 13).victims.country == "PAK"


def test_a_harm_noun_counted_by_the_figure_says_what_happened(extract: Extract) -> None:
    x = extract("UNAMA recorded 120 civilian casualties, including 47 deaths and 73 injuries, in the period.")
    assert one(x, 47).kind == "killed" and one(x, 73, kind="injured")


def test_sustained_injuries_and_no_one_killed(extract: Extract) -> None:
    x = extract("Eighteen people sustained severe injuries and no one was killed, officials said.")
    assert one(x, 18, kind="injured") and one(x, 0).stance in ("asserted", "denied")


def test_civilian_only_groups_are_civilians(extract: Extract) -> None:
    x = extract("Three Afghan cricketers and 26 tourists were killed in the attacks, officials said.")
    assert vside(one(x, 3)) == ("AFG", 7) and one(x, 26).victims.inter == 7


def test_a_state_bodys_unmarked_forces_are_its_own(extract: Extract) -> None:
    x = extract(
        "Cambodia's defence ministry said shelling hit two villages. "
        "The Thai army has said one soldier was killed and 18 others were wounded since the fighting began."
    )
    assert vside(one(x, 1)) == ("THA", 1)
    assert one(x, 18, "injured").victims.country == "THA"
    # the same noun with a doer named is the adversary's, not the speaker's
    z = extract("The Thai army said its forces killed 12 soldiers in Oddar Meanchey, Cambodia.")
    assert one(z, 12).victims.country == "KHM"


def test_a_headline_names_its_source_after_a_colon(extract: Extract) -> None:
    x = extract(
        "Over 40 Afghan troops killed, 5 soldiers martyred in retaliatory strikes: ISPR  "
        "Security forces repelled the attack on Sunday, and the fighting went on into the night."
    )
    assert side(one(x, 40)) == ("PAK", 1)
    # a colon that introduces the body's own words names no source
    y = extract("The toll was given as follows:\nAt least 40 people were killed in the strike.")
    assert side(one(y, 40))[1] in (0, None)


def test_a_titled_persons_surname_later_is_the_same_official(extract: Extract) -> None:
    x = extract(
        "Maj.-Gen. Markus Kangye, Director of Defence Media Operations, briefed reporters in Abuja "
        "on Thursday. In the Niger Delta, Kangye said troops arrested 19 suspects."
    )
    assert side(one(x, 19, "detained")) == ("NGA", 1)


def test_a_statement_that_continues_is_the_speaker(extract: Extract) -> None:
    x = extract('"Two soldiers were killed and nine wounded in the fighting," the army statement continued.')
    assert one(x, 2).claimant.inter == 1


def test_a_running_toll_moved_to_a_figure(extract: Extract) -> None:
    x = extract("The death toll from the bombing near the police headquarters in Quetta has climbed to 12.")
    assert one(x, 12).kind == "killed"
    y = extract("The number of people injured in the attack has risen to 32, the ministry said.")
    assert one(y, 32, "injured").claimant.inter == 1
    z = extract("The death toll of Cambodian civilians rose to 17 on Friday.")
    assert vside(one(z, 17)) == ("KHM", 7)
    assert not extract("Fuel prices rose to 12 dollars in Quetta.").claims


def test_a_dateline_is_not_the_doer(extract: Extract) -> None:
    x = extract(
        "KABUL, AFGHANISTAN – Pakistan’s airstrikes in Khost province, eastern Afghanistan, have killed "
        "30 people and wounded nine others, according to the Taliban spokesperson."
    )
    assert one(x, 30).victims.country == "AFG"
    assert one(x, 9, "injured").victims.country == "AFG"


def test_killed_or_injured_counts_casualties_not_deaths(extract: Extract) -> None:
    x = extract(
        "The Taliban said their forces killed 58 Pakistani soldiers. It also said that 20 Afghan troops "
        "were killed or injured. Police said five people were killed and seven injured."
    )
    assert one(x, 58).kind == "killed"
    assert one(x, 20, "other").victims.country == "AFG"  # neither 20 dead nor 20 hurt
    assert one(x, 5).kind == "killed" and one(x, 7, "injured")


def test_one_figure_for_the_dead_and_the_hurt_together_is_unsplit(extract: Extract) -> None:
    x = extract("Overnight shelling killed and wounded dozens of villagers near the frontier.")
    assert one(x, 24, kind="other")
    x = extract("Dozens of people were killed and wounded when the market was shelled.")
    assert one(x, 24, kind="other")
    # each verb with its own count keeps its kind
    x = extract("The raid killed four guards and wounded nine others, the police said.")
    assert one(x, 4).kind == "killed" and one(x, 9, kind="injured")
    x = extract("Several hikers were feared killed and at least 12 injured when gunmen opened fire.")
    assert one(x, 12, kind="injured")
    x = extract("The clinic said 7 patients had died and 60 were injured.")
    assert one(x, 60, kind="injured")


def test_losses_forced_returns_and_moves_to_safety(extract: Extract) -> None:
    x = extract("The enemy lost up to 300 soldiers and two tanks in the fighting, the ministry said.")
    assert one(x, 300, kind="other").figure.qualifier == "up_to"
    assert one(x, 2, kind="other")
    x = extract("Eleven miners lost their lives when the tunnel was bombed.")
    assert one(x, 11).kind == "killed"
    x = extract("Provincial officials said more than 300 families were forcibly returned across the border.")
    assert one(x, 300, kind="deported")
    x = extract("Since the campaign began, at least 900,000 people have been forced to leave the country.")
    assert one(x, 900000, kind="deported")
    x = extract("Local officials said thousands of villagers have moved to safer areas.")
    assert one(x, 2000, kind="displaced")
    x = extract("The regional death toll has crossed 4,000, the ministry said.")
    assert not [c for c in x.claims if c.kind == "other"]


def test_materiel_taken_is_not_people_captured(extract: Extract) -> None:
    x = extract("The rebels said they had captured a tank and seized six trucks from the army.")
    assert one(x, 1, kind="other") and one(x, 6, kind="other")
    assert not [c for c in x.claims if c.kind == "captured"]


def test_harm_noun_before_a_preposition(extract: Extract) -> None:
    x = extract("The shelling caused the death of three herders and injuries to 14 others.")
    assert one(x, 14, kind="injured")


def test_a_rejected_figure_is_denied_by_the_rejecter_and_disputed_for_its_source(extract: Extract) -> None:
    x = extract(
        "The RSF said army shelling killed seven farmers in the valley. "
        "The Sudanese army rejected the RSF's claims on Monday."
    )
    mine = [c for c in x.claims if c.figure.value == 7]
    assert sorted(c.stance for c in mine) == ["denied", "disputed"]
    assert next(c for c in mine if c.stance == "denied").claimant.country == "SDN"
    x = extract(
        "Rebels said they had captured a tank in the hills. "
        "However, an army spokesman denied that the rebels had captured a tank."
    )
    tanks = [c for c in x.claims if c.kind == "other" and c.figure.value == 1]
    assert sorted(c.stance for c in tanks) == ["denied", "disputed"]
    # a rejection of something that is no figure leaves the figures asserted
    x = extract("Police said two protesters were killed. The opposition rejected the talks.")
    assert one(x, 2).stance == "asserted"
    # the rejecter's own figure beside the rejection is asserted, and the rival's is disputed
    for text in (
        "The Taliban said 58 Pakistani soldiers were killed. Pakistan's military rejected the "
        "Taliban's claims, saying 23 soldiers had been killed in the clashes.",
        "The Taliban said 58 Pakistani soldiers were killed. Pakistan's military dismissed the "
        "claims as propaganda and said 23 soldiers were killed.",
    ):
        x = extract(text)
        assert [c.stance for c in x.claims if c.figure.value == 23] == ["asserted"], text
        assert "disputed" in [c.stance for c in x.claims if c.figure.value == 58], text


def test_captives_released_or_still_held_are_no_capture(extract: Extract) -> None:
    x = extract("The group freed 31 hostages on Friday in exchange for 90 detainees.")
    assert not [c for c in x.claims if c.kind == "captured" and c.figure.value == 31]
    x = extract("About 40 hostages remain in the compound.")
    assert not [c for c in x.claims if c.kind == "captured"]
    x = extract("Gunmen seized 20 hostages at the hotel.")
    assert one(x, 20, kind="captured")
    x = extract("Police said a further 25 prisoners were deported across the border.")
    assert one(x, 25, kind="deported")
    x = extract("The attackers killed two guards and took six soldiers away.")
    assert one(x, 6, kind="captured")


def test_plans_projections_negations_and_stocks_are_no_claims(extract: Extract) -> None:
    for text in (
        "The ministry is set to deport two million migrants next year.",
        "Aid groups warn another 400,000 could be displaced by the offensive.",
        "The town of 5,000 residents has not been evacuated.",
        "Neighbouring states host an estimated 3 million refugees.",
    ):
        assert not extract(text).claims, text
    x = extract("Officials believe up to 30 fighters may have been killed in the raid.")
    assert one(x, 30).figure.qualifier == "up_to"


def test_a_headline_and_its_body_telling_are_one_claim(extract: Extract) -> None:
    x = extract(
        "Air strike kills 14 civilians in border village\n\n"
        "At least 14 people were killed in an air strike on the village on Sunday, the governor said."
    )
    fourteen = [c for c in x.claims if c.figure.value == 14]
    assert len(fourteen) == 1 and fourteen[0].claimant.inter == 1


def test_a_list_that_leaves_out_the_noun_and_verb_repeats_the_first_item(extract: Extract) -> None:
    x = extract(
        "The ministry said 14 drones were shot down over the Kursk Region, 9 over the Oryol Region "
        "and 3 over the Tula Region."
    )
    assert {c.figure.value for c in x.claims if c.kind == "other"} == {14, 9, 3}
    assert one(x, 9, kind="other").claimant.inter == 1
    # a count that names its own group is read on its own
    x = extract("Police said 12 people were killed in the north, and 30 houses in the south.")
    assert not [c for c in x.claims if c.figure.value == 30]


def test_forces_and_their_materiel_are_state_forces_unless_named_otherwise(extract: Extract) -> None:
    x = extract("The Taliban said they had captured 12 Pakistani posts and destroyed two tanks.")
    assert one(x, 12, kind="posts_captured").victims.inter == 1
    assert one(x, 2, kind="other").victims.inter == 1
    x = extract("Nine Afghan soldiers were killed in the clash, Mujahid said.")
    assert vside(one(x, 9)) == ("AFG", 1)


def test_coordinated_groups_with_the_same_count_are_two_claims(extract: Extract) -> None:
    x = extract("Eight people died in the shelling, including four women and four children, officials said.")
    assert len([c for c in x.claims if c.figure.value == 4 and c.kind == "killed"]) == 2


def test_hospitalised_sent_to_hell_and_wounded_who_later_died(extract: Extract) -> None:
    x = extract("At least 30 people were killed and 140 hospitalised after the strike.")
    assert one(x, 140, kind="injured")
    x = extract("Troops raided the compound, as a result of which five khwarij were sent to hell.")
    assert one(x, 5).kind == "killed"
    x = extract("The toll rose to nine after three wounded policemen succumbed to their injuries.")
    assert one(x, 3).kind == "killed"
    x = extract("The hospital received 12 injured people.")
    assert one(x, 12, kind="injured")


def test_members_named_one_by_one_in_an_including_list_count_one_each(extract: Extract) -> None:
    x = extract("The drone strike killed six people, including a teacher and a 12-year-old boy.")
    ones = [c for c in x.claims if c.figure.value == 1 and c.kind == "killed"]
    assert len(ones) == 2
    x = extract("The shelling damaged several buildings, including a hospital.")
    assert not x.claims


def test_one_person_among_the_dead_or_wounded(extract: Extract) -> None:
    x = extract("Among the dead is a three-month-old baby.")
    assert one(x, 1).victims.inter == 7
    x = extract("Officials said the deputy governor was among the wounded.")
    assert one(x, 1, kind="injured")
    x = extract("The port was among the targets.")
    assert not x.claims


def test_custody_abandoned_posts_sunk_ships_and_border_crossings(extract: Extract) -> None:
    x = extract("Four aid workers were taken into custody at the port.")
    assert one(x, 4, kind="detained")
    x = extract("The offensive forced the rebels to abandon nine posts along the ridge.")
    assert one(x, 9, kind="posts_captured")
    x = extract("The raids resulted in the sinking of three boats, the coast guard said.")
    assert one(x, 3, kind="other")
    x = extract("About 12,000 people crossed the border on Monday.")
    assert one(x, 12000, kind="other")
    x = extract("Over 300 fighters crossed the border and attacked a checkpoint.")
    assert not [c for c in x.claims if c.figure.value == 300]


def test_severity_breakdowns_and_counts_of_wounds_are_no_victim_groups(extract: Extract) -> None:
    x = extract("Twelve people were wounded - four with serious injuries and eight with minor injuries.")
    assert one(x, 12, kind="injured") and not [c for c in x.claims if c.figure.value in (4, 8)]
    x = extract("A medic said one guard suffered three gunshot wounds.")
    assert not [c for c in x.claims if c.figure.value == 3]


def test_a_party_telling_its_own_losses_tells_its_dead(extract: Extract) -> None:
    x = extract("In last week's fighting, the army said it lost 14 soldiers.")
    assert one(x, 14).kind == "killed"


def test_a_nationality_sharing_the_next_groups_noun_is_that_group(extract: Extract) -> None:
    # "nine Afghan and 58 Pakistani soldiers": nine Afghan soldiers, not nine Afghans of no status
    x = extract(
        "The Taliban spokesman told reporters in Kabul that nine Afghan and 58 Pakistani soldiers "
        "were killed in the fighting."
    )
    assert vside(one(x, 9)) == ("AFG", 1) and vside(one(x, 58)) == ("PAK", 1)
    assert side(one(x, 9)) == ("AFG", 1)
    # a plural nationality alone stays people of unknown status
    people = one(extract("Officials said nine Afghans were killed near the crossing."), 9)
    assert people.victims.inter != 1


def test_manpower_eliminated_is_an_unsplit_loss(extract: Extract) -> None:
    x = extract("The ministry said its northern group has eliminated over 140 enemy military personnel.")
    assert one(x, 140, kind="other").figure.qualifier == "more_than"
    x = extract("The ministry said its units had eliminated 75 servicemen near the river.")
    assert one(x, 75, kind="other")
    x = extract("Security forces eliminated 9 terrorists in an operation in the district, the army said.")
    assert one(x, 9).kind == "killed"


def test_tally_noun_counts_the_people_the_sentence_named(extract: Extract) -> None:
    x = extract(
        "The monitor said 640 civilians were killed in the province, with 37 deaths recorded in the capital."
    )
    assert one(x, 640).victims.inter == 7
    assert one(x, 37).victims.inter == 7


def test_relatives_named_with_a_possessive_join_one_count(extract: Extract) -> None:
    x = extract("Gunmen killed a trader and his two sons on the highway near the town.")
    assert one(x, 3).figure.qualifier == "exact"
    x = extract("A shopkeeper, his wife and son were shot dead in their home on Friday night.")
    assert one(x, 3)
    x = extract("A woman and two children were killed in the shelling.")
    assert one(x, 1) and one(x, 2)  # no possessive: two groups


def test_restatements_keep_the_body_and_attributed_telling(extract: Extract) -> None:
    x = extract(
        "Shelling kills 12 villagers in border district\n"
        "At least 12 villagers were killed when shells hit the market on Monday, officials said."
    )
    assert one(x, 12).figure.qualifier == "at_least"
    x = extract(
        "At least 9 rebels were killed in the ambush on Sunday. "
        "All 9 rebels were killed after they attacked the convoy, the army said in a statement."
    )
    assert one(x, 9).figure.qualifier == "exact"


def test_killing_nouns_count_their_object_not_incidents(extract: Extract) -> None:
    x = extract("The raid resulted in the elimination of 14 insurgents, the army said.")
    assert one(x, 14).figure.qualifier == "exact"
    x = extract("The massacre of 30 villagers drew condemnation from the region's leaders.")
    assert one(x, 30)
    x = extract("Three massacres were documented in the coastal towns, the monitor said.")
    assert not [c for c in x.claims if c.figure.value == 3]


def test_a_quote_may_open_on_the_qualifier(extract: Extract) -> None:
    x = extract("The army said on Thursday that “about 40 insurgents had been killed” in the ambush.")
    assert one(x, 40).figure.qualifier == "about"


def test_a_merged_or_widened_figure_keeps_its_span_on_its_words(extract: Extract) -> None:
    text = "Blast kills 10 in Quetta\nAt least 10 people were killed in a blast in Quetta, police said."
    x = extract(text)
    c = one(x, 10)
    assert text[c.span[0] : c.span[1]] == c.figure.text == "At least 10"
    text = "A father and his two sons were killed in the shelling, officials said."
    x = extract(text)
    c = one(x, 3)
    assert text[c.span[0] : c.span[1]] == c.figure.text


def test_a_restated_figure_keeps_the_incident_of_its_first_telling(extract: Extract) -> None:
    # the lede tells "at least four" unattributed; a later sentence names who says "four" (a side):
    # one claim, its span on the later words that give its figure, on the lede's incident
    text = (
        "On October 14th 2025, at least one woman was killed and at least four civilians were injured "
        "in an alleged strike on the home of a family in the town of Beit Lahia. No sources identified "
        "the perpetrator of the attack.Sources on social media named the victim as a teacher. The Gaza "
        "health ministry said four residents were injured as a result of the bombing. Friends and "
        "neighbours mourned her online."
    )
    x = extract(text, published=date(2025, 10, 15))
    (c,) = [c for c in x.claims if c.kind == "injured"]
    assert text[c.span[0] : c.span[1]] == c.figure.text == "four"
    assert c.claimant.name == "Gaza health ministry"
    lede = next(c for c in x.claims if c.kind == "killed")
    assert c.event_ref == lede.event_ref == 0
    assert c.sentence is not None and lede.sentence is not None and c.sentence > lede.sentence  # the span's


def kinds(x: Extraction) -> list[tuple[str, int | None]]:
    return sorted((c.kind, c.figure.value) for c in x.claims)


def test_items_listed_after_a_counted_loss(extract: Extract) -> None:
    x = extract(
        "The army said the enemy lost up to 300 soldiers, a tank, an armoured personnel carrier "
        "and nine vehicles."
    )
    assert kinds(x) == [("other", 1), ("other", 1), ("other", 9), ("other", 300)]
    x = extract(
        "The losses of the rebels amounted to over 120 fighters, a tank, a pickup truck and four armoured "
        "vehicles, 12 mortars, the ministry said."
    )
    assert kinds(x) == [("other", 1), ("other", 1), ("other", 4), ("other", 12), ("other", 120)]
    assert one(x, 120, "other").figure.qualifier == "more_than"
    x = extract(
        "The losses of the Ukrainian armed forces amounted to over 480 servicemen, the ministry said."
    )
    assert vside(one(x, 480, "other")) == ("UKR", 1)


def test_people_listed_after_a_harm_noun(extract: Extract) -> None:
    assert kinds(
        extract("The clash resulted in the deaths of at least 12 soldiers and a senior rebel commander.")
    ) == [
        ("killed", 1),
        ("killed", 12),
    ]
    x = extract("The attack resulted in the death of a police official and injuries to four others.")
    assert kinds(x) == [("injured", 4), ("killed", 1)]
    assert kinds(extract("Troops reported the arrest of a local gang leader in the raid.")) == [
        ("detained", 1)
    ]


def test_an_ordinal_adds_one_and_is_no_restatement(extract: Extract) -> None:
    assert kinds(extract("Local media reported the death of a third soldier on Friday.")) == [("killed", 1)]
    x = extract(
        "A tank was destroyed near the border on Monday. "
        "Officials said a second tank was destroyed near the post."
    )
    assert kinds(x) == [("other", 1), ("other", 1)]


def test_elided_list_items_that_count_alike_stay_apart(extract: Extract) -> None:
    x = extract(
        "Eight drones were shot down over the Kherson region, three over the Sumy region, three over the "
        "Kursk region, one over the Oryol region and one over the Tula region."
    )
    assert kinds(x) == [("other", 1), ("other", 1), ("other", 3), ("other", 3), ("other", 8)]


def test_things_and_bodies_of_people_are_no_victims(extract: Extract) -> None:
    assert kinds(extract("The UN body also said the pace of returns had slowed.")) == []
    assert kinds(extract("At least 25 people were killed in raids on four army bases in the region.")) == [
        ("killed", 25)
    ]
    x = extract("The group said its fighters had captured four army bases and killed dozens of soldiers.")
    assert kinds(x) == [("killed", 24), ("posts_captured", 4)]
    assert kinds(extract("A man was injured after dozens of drones struck the city.")) == [("injured", 1)]
    assert kinds(extract("Dozens of gunmen stormed the base and 9 soldiers were killed.")) == [("killed", 9)]
    x = extract("At least nine soldiers were killed when dozens of militants staged an attack in the south.")
    assert kinds(x) == [("killed", 9)]


def test_stocks_of_people_are_no_claims(extract: Extract) -> None:
    assert (
        kinds(extract("Neighbouring countries host an estimated 3 million refugees who fled the war.")) == []
    )
    assert kinds(extract("More than 90,000 people remain displaced in the province.")) == []
    assert kinds(extract("Both countries have long hosted millions of refugees escaping the war.")) == []
    assert kinds(extract("Two sailors died and 14 remain missing after the attack.")) == [
        ("killed", 2),
        ("missing", 14),
    ]


def test_a_group_whose_verb_the_parser_lost(extract: Extract) -> None:
    x = extract("Many were killed, including three guards, and more than 15 others were injured.")
    assert kinds(x) == [("injured", 15), ("killed", 3)]
    x = extract("In addition to the 12 soldiers who died, a further 9 were wounded.")
    assert kinds(x) == [("injured", 9), ("killed", 12)]
    assert kinds(extract("Police had gunned down 11 suspects during a raid in the district.")) == [
        ("killed", 11)
    ]


def test_one_person_named_beside_a_count_or_by_an_injury(extract: Extract) -> None:
    x = extract("At least eight people, including minors and a woman, lost their lives in the shelling.")
    assert kinds(x) == [("killed", 1), ("killed", 8)]
    assert kinds(extract("A farmer suffered head injuries when the shell landed.")) == [("injured", 1)]


def test_a_toll_that_rose_to_a_counted_group(extract: Extract) -> None:
    c = one(
        extract("The death toll in the coastal region rose to 1,120 civilians, the monitor said on Tuesday."),
        1120,
    )
    assert c.victims.name == "1,120 civilians"


def test_refuge_and_homicides(extract: Extract) -> None:
    assert kinds(extract("Hundreds sought refuge in the nearby town, where shelters were set up.")) == [
        ("displaced", 200)
    ]
    assert kinds(
        extract("The first five months of the year have already seen 2,310 recorded homicides.")
    ) == [("killed", 2310)]


def test_rates_and_investigations_count_no_one(extract: Extract) -> None:
    x = extract("The country has one of the highest rates, with 41 murders per 100,000 people last year.")
    assert kinds(x) == []
    x = extract("Prosecutors opened 7 investigations into the killings of the 12 victims.")
    assert kinds(x) == [("killed", 12)]


def test_counts_that_say_who_someone_is_or_whom_aid_reached(extract: Extract) -> None:
    assert kinds(extract("The closure caused millions of rupees of losses to the two countries.")) == []
    assert kinds(extract("Millions are displaced and starving as two generals fight for power.")) == [
        ("displaced", 2000000)
    ]
    assert kinds(extract("She is a mother of four children who fled the city on Monday.")) == []
    assert kinds(extract("The agency supported more than 68,000 returnees with shelter and food.")) == []
    x = extract(
        "According to hospital officials, 24 injured individuals have been discharged after treatment."
    )
    assert kinds(x) == []


def test_departures_and_a_count_after_a_dated_clause(extract: Extract) -> None:
    x = extract(
        "Officials say more than 650,000 Cambodian workers have left Thailand since the fighting began."
    )
    assert kinds(x) == [("other", 650000)]
    x = extract("As of 12 June, 1,210,000 Afghans have returned to Afghanistan this year.")
    assert kinds(x) == [("other", 1210000)]


def test_more_forms_of_no_casualties(extract: Extract) -> None:
    assert kinds(extract("The command said it assessed that no civilians were killed in the strike.")) == [
        ("killed", 0)
    ]
    assert kinds(extract("No report of any casualty or injury has so far been received.")) == [("other", 0)]
    assert kinds(extract("Shooting continued, although no additional casualties were noted.")) == [
        ("other", 0)
    ]


def test_them_counts_the_things_just_named(extract: Extract) -> None:
    assert kinds(extract("The attackers looted supplies from 33 trucks, burning 12 of them.")) == [
        ("other", 12)
    ]
    x = extract(
        "Air defences shot down 74 drones overnight. It is noted that 26 of them were destroyed over the "
        "Belgorod region, 25 over Bryansk, 23 over Rostov."
    )
    assert kinds(x) == [("other", 23), ("other", 25), ("other", 26), ("other", 74)]


def test_a_post_destroyed_and_a_pilot_captured(extract: Extract) -> None:
    x = extract(
        "In a fierce engagement at the ridge, the army destroyed a fourth tank position within an hour."
    )
    assert kinds(x) == [("other", 1)]
    x = extract("Iranian sources report the downing of two jets and the capture of a pilot.")
    assert kinds(x) == [("captured", 1), ("other", 2)]


def test_sent_back_is_a_deportation_and_a_cache_no_captive(extract: Extract) -> None:
    assert kinds(extract("Nearly 400 families were sent back from Iran last week.")) == [("deported", 400)]
    assert kinds(extract("Security forces seized 12 rifles and a large cache of ammunition.")) == [
        ("other", 12)
    ]


def test_a_comment_after_a_count_is_not_one_more_victim(extract: Extract) -> None:
    for text, kind, value in (
        ("The military said it killed 35 fighters, a figure the rebels disputed.", "killed", 35),
        ("Troops detained seven men, a step that drew protests.", "detained", 7),
        ("The ambush killed six policemen, a heavy loss for the force.", "killed", 6),
    ):
        x = extract(text)
        assert [c.figure.value for c in x.claims if c.kind == kind] == [value]
    # a person listed beside the count is still one more
    x = extract("The raid killed eight soldiers and a commander.")
    assert sorted(c.figure.value or 0 for c in x.claims if c.kind == "killed") == [1, 8]
    x = extract("Four Peruvians, a Greek sailor, and a Kenyan guard are among the six suspected fatalities.")
    assert sorted(c.victims.name for c in x.claims if c.figure.value == 1) == [
        "a Greek sailor",
        "a Kenyan guard",
    ]


def test_a_zero_claim_names_whose_people_none_were(extract: Extract) -> None:
    x = extract("Ghana's army said no Ghanaian troops were killed, while 9 gunmen died in the fight.")
    zero = one(x, 0)
    assert vside(zero) == ("GHA", 1) and zero.victims.name == "Ghanaian troops"
    zero = one(extract("Officials said no civilians were wounded in the raid."), 0, "injured")
    assert zero.victims.inter == 7


def test_people_helped_who_name_their_own_harm_are_counted(extract: Extract) -> None:
    x = extract("Volunteers helped 25 wounded villagers out of the ruins after the shelling killed 6.")
    assert one(x, 25, "injured").figure.value == 25
    # people assisted with no harm of their own, or discharged, stay a stock
    assert extract("The agency supported 12,000 returnees last year.").claims == []
    assert extract("The clinic discharged 19 injured people on Monday.").claims == []


def test_of_them_does_not_stand_for_its_own_clauses_subject(extract: Extract) -> None:
    x = extract("Gunners downed 9 drones, and soldiers seized 3 of them intact.")
    assert [c.kind for c in x.claims if c.figure.value == 3] == ["other"]


def test_claims_leave_in_the_order_they_are_first_told_with_or_without_denials(extract: Extract) -> None:
    x = extract(
        "Bomb kills 12 in Peshawar\nThe rebels said 40 Pakistani soldiers were killed. Pakistan's army "
        "rejected the claim. At least 12 people were killed in a bomb blast in Peshawar, police said."
    )
    firsts = [c.span[0] if c.told_at is None else c.told_at for c in x.claims]
    assert firsts == sorted(firsts) and x.claims[0].figure.value == 12


def _figs(x: Extraction) -> list[tuple[str, int | None]]:
    return sorted((c.kind, c.figure.value) for c in x.claims)


def test_aircraft_designations_are_materiel(extract: Extract) -> None:
    x = extract("Air defences shot down two MiG-29s over the valley, the ministry said.")
    assert _figs(x) == [("other", 2)]
    x = extract("The army said it destroyed three F-16s and captured a pilot.")
    assert _figs(x) == [("captured", 1), ("other", 3)]
    # a hyphened number after an ordinary prefix is no aircraft: "in their mid-20s"
    x = extract("Two men in their mid-20s were killed by gunmen on Sunday.")
    assert _figs(x) == [("killed", 2)]


def test_a_line_linking_to_another_story_makes_no_claim(extract: Extract) -> None:
    x = extract(
        "Three soldiers were killed near the border on Monday.\n"
        "Also Read: Bus Crash in Kerala: Four Students Dead, 12 Injured\n"
        "READ MORE: Two fishermen killed in storm\n"
        "Officials said two more soldiers were wounded."
    )
    assert _figs(x) == [("injured", 2), ("killed", 3)]


def test_among_those_harmed_and_among_the_casualties(extract: Extract) -> None:
    x = extract("Among those killed were village elder Tomas Ruiz and two farmers.")
    assert _figs(x) == [("killed", 1), ("killed", 2)]
    x = extract("Among those wounded was a local journalist, the hospital said.")
    assert _figs(x) == [("injured", 1)]
    x = extract("Among the casualties was a senior commander of the group.")
    assert _figs(x) == [("other", 1)]


def test_two_indefinite_single_victims_are_two_people(extract: Extract) -> None:
    x = extract("A security guard was killed in the attack. Later, a driver was shot dead near the road.")
    assert [c.victims.name for c in x.claims] == ["A security guard", "a driver"]
    # a generic noun may restate the specific one; a repeated noun is a restatement
    assert len(extract("A farmer was killed by shelling. A person was killed in the village.").claims) == 1
    x = extract("Soldier killed in ambush\nA soldier was killed on Monday, the army said.")
    assert len(x.claims) == 1
    # things too: two weapons recovered
    x = extract("Police recovered a pistol from the car. Officers also recovered a shotgun in the house.")
    assert [c.victims.name for c in x.claims] == ["a pistol", "a shotgun"]


def test_lost_limbs_and_injuries_carried_are_injuries(extract: Extract) -> None:
    x = extract("One crew member lost a leg in the explosion, the company said.")
    assert _figs(x) == [("injured", 1)]
    x = extract("Two people lost their lives and a boy lost his leg.")
    assert _figs(x) == [("injured", 1), ("killed", 2)]
    x = extract("One person was evacuated with minor injuries after the fire.")
    assert _figs(x) == [("injured", 1)]
    # evacuated with no injury named is displacement, as before
    assert _figs(extract("Two hundred residents were evacuated after the fire.")) == [("displaced", 200)]


def test_fatalities_a_force_suffered_are_its_dead(extract: Extract) -> None:
    x = extract("The army had suffered six fatalities from roadside bombs since 2020.")
    assert _figs(x) == [("killed", 6)]
    # wounds one person suffered still count the person, not the wounds
    assert _figs(extract("One officer suffered five gunshot wounds.")) == [("injured", 1)]


def test_of_them_skips_a_passives_agent_and_an_elided_lost_item_stays_a_loss(extract: Extract) -> None:
    x = extract(
        '"Overnight, 60 enemy drones were destroyed and intercepted by air defence units on duty," '
        "the statement said.\n\nIt is noted that 20 of them were destroyed over the Kursk region, "
        "15 over Oryol."
    )
    assert _figs(x) == [("other", 15), ("other", 20), ("other", 60)]
    x = extract(
        "The enemy has lost up to 400 soldiers in battles with the Western group, and another 220 "
        "soldiers in battles with the Central group, the ministry said."
    )
    assert _figs(x) == [("other", 220), ("other", 400)]


def test_a_headline_figure_is_one_claim_with_the_body_telling_in_another_country(extract: Extract) -> None:
    x = extract(
        "Border Clashes Killed at Least 40 Civilians in Afghanistan\n"
        "At least 40 civilians were killed in the clashes, Pakistan's military said on Monday."
    )
    told = [c for c in x.claims if c.figure.value == 40]
    assert len(told) == 1 and told[0].claimant.name == "Pakistan's military"
    assert told[0].victims.name == "At least 40 civilians"  # the body's telling, not the headline's guess


def test_a_link_to_another_story_ends_with_its_first_sentence(extract: Extract) -> None:
    # a text without line breaks goes on with its own story after the link's headline
    x = extract(
        "Related: 9 hurt in market fire. Four police officers were killed near the bridge on "
        "Friday, the ministry said."
    )
    assert _figs(x) == [("killed", 4)]
    # a bare "Read:" opens the document's own words, no link
    x = extract("Read: The ministry's statement said 17 guards were killed.")
    assert _figs(x) == [("killed", 17)]


def test_with_injuries_never_overrides_another_harm(extract: Extract) -> None:
    x = extract("Three farmers were found dead with gunshot wounds near the well.")
    assert _figs(x) == [("killed", 3)]
    x = extract("Five protesters were detained with injuries, the police said.")
    assert _figs(x) == [("detained", 5)]
    x = extract("Six workers were airlifted to the capital with serious wounds after the blast.")
    assert _figs(x) == [("injured", 6)]


def test_a_headline_naming_other_victims_is_another_group(extract: Extract) -> None:
    x = extract(
        "12 Syrian soldiers killed near Aleppo\n"
        "Syria's army said 12 Turkish soldiers were killed in the clashes on Tuesday."
    )
    assert sorted(c.victims.country for c in x.claims if c.figure.value == 12) == ["SYR", "TUR"]


def test_losing_sight_of_something_is_no_injury(extract: Extract) -> None:
    assert _figs(extract("The captain lost sight of the convoy in the dust storm.")) == []
    assert _figs(extract("A boy lost his sight in the explosion.")) == [("injured", 1)]


def test_two_single_victims_named_by_synonyms_are_one(extract: Extract) -> None:
    x = extract(
        "A police officer died in the blast. A policeman, who had been directing traffic, was "
        "shot dead, the ministry said."
    )
    assert _figs(x) == [("killed", 1)]
    x = extract("A girl was killed by shelling. A child, aged nine, was killed in the same street.")
    assert _figs(x) == [("killed", 1)]
    x = extract("Air defences shot down a drone over the city. A UAV was downed near the airport.")
    assert len(x.claims) == 1


def test_only_known_prefixes_make_a_designation() -> None:
    from tolls.extract.lexicon import casualty_lexicon

    materiel = casualty_lexicon().materiel_nouns
    assert all(w in materiel for w in ("f-16s", "mig-31", "ak-74", "s-300"))
    assert not any(w in materiel for w in ("n-25", "pk-101", "g-7", "na-12"))


def test_materiel_is_read_by_class_and_verb_class(extract: Extract) -> None:
    # a noun of a materiel class (materiel.json) as object or passive subject of a verb of the
    # class that wrecks or takes things, particle verbs included
    assert _figs(extract("Militants torched 12 lorries on the highway.")) == [("other", 12)]
    assert _figs(extract("The navy said it sank two gunboats.")) == [("other", 2)]
    assert _figs(extract("Air defences brought down two helicopters.")) == [("other", 2)]
    assert _figs(extract("Rebels blew up a bridge and two trucks.")) == [("other", 1), ("other", 2)]
    assert _figs(extract("The drone strike wrecked two ambulances.")) == [("other", 2)]
    # people stay people: a fighter is no aircraft, a bomber no plane
    assert _figs(extract("The army said 30 fighters were killed in the raid.")) == [("killed", 30)]


def test_materiel_through_a_preposition_beside_another_object_is_not_taken(extract: Extract) -> None:
    x = extract("The attackers looted food and supplies from 33 trucks, burning 12 of them.")
    assert _figs(x) == [("other", 12)]
    assert _figs(extract("Jets destroyed terror infrastructure at nine targets.")) == [("other", 9)]


def test_none_read_by_structure(extract: Extract) -> None:
    x = extract("The army denied that any soldiers were killed.")
    assert [(c.kind, c.figure.value, c.stance) for c in x.claims] == [("killed", 0, "denied")]
    assert _figs(extract("The army said there were no Pakistani casualties.")) == [("other", 0)]
    assert _figs(extract("No aircraft were shot down, the air force said.")) == [("other", 0)]
    assert _figs(extract("None of the soldiers were injured, the ministry said.")) == [("injured", 0)]
    assert _figs(extract("The army said it did not lose any soldiers in the clash.")) == [("killed", 0)]
    assert _figs(extract("Police said they could not kill any of the attackers.")) == []
    # a none that is no group harmed, and "no more than"
    assert _figs(extract("There is no evidence that 30 civilians were killed.")) == [("killed", 30)]
    assert _figs(extract("The group said no more than 20 fighters were killed.")) == [("killed", 20)]


def test_a_figure_rejected_as_exaggerated_is_denied(extract: Extract) -> None:
    x = extract("Pakistan said 200 Taliban fighters were killed. Kabul dismissed the figure as exaggerated.")
    assert sorted(c.stance for c in x.claims if c.figure.value == 200) == ["denied", "disputed"]


def test_missing_by_status_and_lost_contact(extract: Extract) -> None:
    assert _figs(extract("Authorities are searching for 17 missing fishermen.")) == [("missing", 17)]
    assert _figs(extract("Contact was lost with three soldiers after the ambush.")) == [("missing", 3)]
    # a status is no claim when something else happened to the group
    assert _figs(extract("The bodies of two missing fishermen were found on the beach.")) == [("killed", 2)]


def test_a_list_hung_on_the_first_items_modifier_keeps_its_verb(extract: Extract) -> None:
    x = extract(
        "The army said it had destroyed eight depots for assembling rockets, five tanks, and seven trucks."
    )
    assert _figs(x) == [("other", 5), ("other", 7), ("other", 8)]


def test_a_fixed_phrase_starting_with_no_is_no_zero(extract: Extract) -> None:
    assert _figs(extract("Three scouts were killed in no-man's land overnight.")) == [("killed", 3)]
    assert _figs(extract("Four guards died in no man's land near the wire.")) == [("killed", 4)]
    assert _figs(extract("Six fighters were killed inside the no-fly zone.")) == [("killed", 6)]


def test_a_none_in_a_question_condition_future_or_order_is_no_claim(extract: Extract) -> None:
    assert _figs(extract("Were no guards hurt in the ambush?")) == []
    assert _figs(extract("If no civilians are harmed, the raid will count as a success.")) == []
    assert _figs(extract("Reporters asked why no drones were shot down over the port.")) == []
    assert _figs(extract("There will be no troops killed once we pull back, the minister said.")) == []
    assert _figs(extract("Do not injure any prisoners, the officer told his men.")) == []
    # told as facts they stay
    assert _figs(extract("There were no guards hurt in the ambush.")) == [("injured", 0)]
    assert _figs(extract("The colonel said no drones were shot down over the port.")) == [("other", 0)]


def test_any_is_a_denied_none_only_inside_what_a_denial_rejects(extract: Extract) -> None:
    assert _figs(extract("The ministry did not deny that any police were killed.")) == []
    assert _figs(extract("Moscow rejected the account and said any jets downed were Georgian.")) == []
    assert _figs(extract("Officials denied that any soldiers were wounded.")) == [("injured", 0)]


def test_none_of_a_counted_group_is_no_zero(extract: Extract) -> None:
    assert _figs(extract("None of the 12 guards killed were officers.")) == [("killed", 12)]
    assert _figs(extract("The army denied that any of the 40 fighters killed were children.")) == [
        ("killed", 40)
    ]


def test_a_none_the_claimant_caused_is_not_its_own_sides_loss(extract: Extract) -> None:
    x = extract("The Indian army said its shelling killed no civilians in Lahore.")
    zero = one(x, 0)
    assert zero.claimant.country == "IND" and zero.victims.country != "IND"
    x = extract("Nigeria's army said it did not kill any civilians in Chad.")
    assert one(x, 0).victims.country != "NGA"
    # its own people spared stay its own
    assert vside(one(extract("The Indian army said no Indian soldiers were killed."), 0)) == ("IND", 1)


def test_a_none_the_claimant_caused_with_no_place_is_the_other_sides(extract: Extract) -> None:
    # no place in view: the civilians it says it spared are the side it struck, not its own
    x = extract(
        "Indian jets struck a market on Sunday, Pakistani officials said. "
        "It did not kill any civilians, the Indian army said."
    )
    zero = one(x, 0)
    assert zero.claimant.country == "IND"
    assert vside(zero) == ("PAK", 7)
    x = extract(
        "Indian jets struck a market on Sunday, Pakistani officials said. "
        "The Indian army said it killed no civilians."
    )
    assert vside(one(x, 0)) == ("PAK", 7)


def test_the_group_of_none_of_starts_after_of(extract: Extract) -> None:
    x = extract("The ministry said none of its guards were hurt.")
    assert one(x, 0, "injured").victims.name == "its guards"


def test_a_group_missing_no_more_is_no_missing_claim(extract: Extract) -> None:
    assert _figs(extract("The 9 missing sailors were found alive on Sunday.")) == []
    assert _figs(extract("Volunteers found the three missing climbers unharmed.")) == []
    assert _figs(extract("Officials said they had located 14 missing children.")) == []
    assert _figs(extract("Detectives closed 30 missing persons cases.")) == []
    assert _figs(extract("Divers are looking for 5 missing sailors.")) == [("missing", 5)]
    # a finding that did not happen leaves them missing
    assert _figs(extract("Divers have not found the 9 missing sailors.")) == [("missing", 9)]
    assert _figs(extract("Officials have yet to locate 14 missing children.")) == [("missing", 14)]
    assert _figs(extract("Volunteers failed to find the three missing climbers.")) == [("missing", 3)]


def test_a_particle_verb_moving_a_load_wrecks_nothing(extract: Extract) -> None:
    assert _figs(extract("Volunteers took out 15 trucks of flour from the warehouse.")) == []
    assert _figs(extract("Porters brought down 30 trucks of grain from the hills.")) == []
    assert _figs(extract("Gunners brought down three drones.")) == [("other", 3)]
    assert _figs(extract("A missile took out 4 tanks near the river.")) == [("other", 4)]


def test_a_blast_that_claimed_lives_tells_no_figure(extract: Extract) -> None:
    x = extract("A car bomb near the army camp in the town has claimed nine lives and left 20 injured.")
    assert side(one(x, 9)) == ("", 0)
    assert side(one(x, 20, "injured")) == ("", 0)


def test_one_person_owned_by_a_possessor(extract: Extract) -> None:
    x = extract("Gunmen ambushed a convoy near the town, injuring the province's deputy commissioner.")
    assert one(x, 1, "injured").figure.text == "commissioner"
    assert not extract("The army's spokesman said the convoy reached the town.").claims


def test_a_possessed_victim_keeps_its_possessor(extract: Extract) -> None:
    x = extract("A roadside bomb killed the army's chief engineer.")
    assert one(x, 1).victims.name == "the army's chief engineer"
    assert one(x, 1).victims.inter == 1


def test_an_attempt_on_a_possessed_person_harms_no_one(extract: Extract) -> None:
    for text in (
        "Assailants tried to shoot the mayor's nephew outside the mosque.",
        "A bid to kill the region's police chief failed on Sunday.",
        "Security forces foiled a plot to abduct the minister's cousin.",
        "Two men attempted to kidnap a shopkeeper in the bazaar.",
    ):
        assert not extract(text).claims, text


def test_titles_name_one_victim(extract: Extract) -> None:
    x = extract("The group vowed to avenge the killing of the minister last week.")
    assert one(x, 1).victims.name == "the minister"


def test_a_part_counted_of_which_is_not_the_whole(extract: Extract) -> None:
    x = extract("The insurgents fired 12 rockets, four of which were intercepted.")
    assert [(c.kind, c.figure.value) for c in x.claims] == [("other", 4)]
    y = extract("The ferry carried 50 pilgrims, nine of whom were killed.")
    assert [(c.kind, c.figure.value) for c in y.claims] == [("killed", 9)]


def test_all_of_whom_is_the_whole(extract: Extract) -> None:
    x = extract("The van carried 14 pilgrims, all of whom were killed.")
    assert [(c.kind, c.figure.value) for c in x.claims] == [("killed", 14)]
    y = extract("The rebels launched 9 rockets, each of which was intercepted.")
    assert [(c.kind, c.figure.value) for c in y.claims] == [("other", 9)]


def test_the_part_after_a_fronted_of_which(extract: Extract) -> None:
    x = extract("The enemy sent 75 drones overnight, of which 61 were shot down.")
    assert [(c.kind, c.figure.value) for c in x.claims] == [("other", 61)]
    y = extract("Out of the 75 drones, 61 were shot down.")
    assert [(c.kind, c.figure.value) for c in y.claims] == [("other", 61)]
    z = extract("The militia fired 20 rockets and 35 drones, 44 of which were intercepted.")
    assert [(c.kind, c.figure.value) for c in z.claims] == [("other", 44)]
    w = extract("Militants seized 80 passengers, of whom 17 remain in captivity.")
    assert [(c.kind, c.figure.value) for c in w.claims] == [("captured", 80)]


def test_a_whole_that_is_a_toll_is_kept(extract: Extract) -> None:
    x = extract("Of the 25 casualties, nine were children.")
    assert [(c.kind, c.figure.value) for c in x.claims] == [("other", 25)]
    y = extract("Three of the 18 wounded were in a serious state.")
    assert [(c.kind, c.figure.value) for c in y.claims] == [("injured", 18)]
    z = extract("Four of the 18 wounded later died.")
    assert sorted((c.kind, c.figure.value) for c in z.claims) == [("injured", 18), ("killed", 4)]
    w = extract("Six of the 22 hurt were taken to a hospital in the capital.")
    assert [(c.kind, c.figure.value) for c in w.claims] == [("injured", 22)]


def test_the_whole_a_part_is_counted_from(extract: Extract) -> None:
    x = extract("Of the 40 people on the bus, six were abducted.")
    assert [(c.kind, c.figure.value) for c in x.claims] == [("captured", 6)]
    y = extract("The governor said 11 of the 25 workers were killed.")
    assert [(c.kind, c.figure.value) for c in y.claims] == [("killed", 11)]
    z = extract("Of the 30 soldiers killed, eight were officers.")
    assert ("killed", 30) in [(c.kind, c.figure.value) for c in z.claims]
