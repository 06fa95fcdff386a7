"""Event typing on the ACLED taxonomy: one hand-written sentence per sub-type, and the precedences.

Every sentence here was written for this test (no evaluation data). Each asserts the exact type,
so a change to the lexicon that moves a case shows up here.
"""

from __future__ import annotations

import pytest

from tolls.extract.event_types import EventTypeGuess, classify_event, find_event_triggers

CASES: list[tuple[str, str]] = [
    # Battles
    (
        "Heavy clashes broke out between the army and rebel fighters near the river crossing on Monday.",
        "Battles/Armed clash",
    ),
    (
        "Insurgents ambushed a military patrol outside the town and the two sides exchanged fire.",
        "Battles/Armed clash",
    ),
    (
        "Government troops recaptured the border town from the insurgents after three days of fighting.",
        "Battles/Government regains territory",
    ),
    (
        "The army said it had regained control of the district headquarters on Tuesday.",
        "Battles/Government regains territory",
    ),
    (
        "Rebels overran an army base and seized control of the town after a dawn assault.",
        "Battles/Non-state actor overtakes territory",
    ),
    # Explosions / remote violence
    (
        "Warplanes carried out air strikes on the village overnight, killing four people.",
        "Explosions/Remote violence/Air/drone strike",
    ),
    (
        "A drone strike hit a car carrying two commanders on the highway.",
        "Explosions/Remote violence/Air/drone strike",
    ),
    (
        "A suicide bomber blew himself up at the entrance of a crowded mosque.",
        "Explosions/Remote violence/Suicide bomb",
    ),
    (
        "Artillery shelling and mortar fire hit residential areas of the city for a second day.",
        "Explosions/Remote violence/Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb struck a passing minibus, wounding six passengers.",
        "Explosions/Remote violence/Remote explosive/landmine/IED",
    ),
    (
        "Two farmers were wounded when their cart hit a landmine near the village.",
        "Explosions/Remote violence/Remote explosive/landmine/IED",
    ),
    (
        "A man on a motorbike threw a hand grenade into a bar, injuring nine customers.",
        "Explosions/Remote violence/Grenade",
    ),
    (
        "Doctors said dozens of patients showed symptoms after a chlorine gas attack on the suburb.",
        "Explosions/Remote violence/Chemical weapon",
    ),
    # Violence against civilians
    (
        "Gunmen stormed the village at night and killed eleven civilians, including three children.",
        "Violence against civilians/Attack",
    ),
    (
        "Two girls were raped by armed men while collecting firewood outside the camp.",
        "Violence against civilians/Sexual violence",
    ),
    (
        "Militants abducted a priest and two teachers on the road to the district capital.",
        "Violence against civilians/Abduction/forced disappearance",
    ),
    # Protests and riots
    (
        "Hundreds of teachers staged a peaceful protest outside the ministry to demand unpaid salaries.",
        "Protests/Peaceful protest",
    ),
    (
        "Nurses went on strike on Monday over working conditions in the regional hospital.",
        "Protests/Peaceful protest",
    ),
    (
        "Police fired tear gas to disperse students protesting against the rise in tuition fees.",
        "Protests/Protest with intervention",
    ),
    (
        "Police arrested twelve demonstrators during a march against the new tax law.",
        "Protests/Protest with intervention",
    ),
    (
        "Security forces opened fire on protesters in the main square, killing three of them.",
        "Protests/Excessive force against protesters",
    ),
    (
        "Rioters burned tyres, threw stones at police and set up barricades on the main road.",
        "Riots/Violent demonstration",
    ),
    ("An angry mob lynched a suspected thief in the market on Sunday.", "Riots/Mob violence"),
    # Strategic developments and our two additions
    (
        "The government and the rebel alliance signed a ceasefire agreement in the capital.",
        "Strategic developments/Agreement",
    ),
    (
        "Both sides met in Geneva for a second round of talks, which ended without a deal.",
        "Negotiation",
    ),
    (
        "Police arrested the opposition leader at his home on charges of inciting violence.",
        "Strategic developments/Arrests",
    ),
    (
        "A bomb was discovered under a bridge and defused by the army's engineers.",
        "Strategic developments/Disrupted weapons use",
    ),
    (
        "Soldiers seized a large cache of weapons and ammunition in a farmhouse.",
        "Strategic developments/Disrupted weapons use",
    ),
    (
        "The militia set up a new base in the abandoned school north of the town.",
        "Strategic developments/Headquarters or base established",
    ),
    (
        "Fighters looted shops and torched several houses before leaving the village.",
        "Strategic developments/Looting/property destruction",
    ),
    (
        "Government forces withdrew from the town without a fight, and rebels moved in the next day.",
        "Strategic developments/Non-violent transfer of territory",
    ),
    (
        "About two hundred fighters defected from the rebel movement and joined the army.",
        "Strategic developments/Change to group/activity",
    ),
    (
        "The authorities declared a curfew in the capital until further notice.",
        "Strategic developments/Other",
    ),
    ("The authorities deported forty migrants to their country of origin on Friday.", "Displacement"),
    ("Thousands of families fled their homes as the fighting moved closer to the city.", "Displacement"),
]

PRECEDENCE: list[tuple[str, str]] = [
    # explosives found, not exploded
    (
        "Police found an improvised explosive device near the market and made it safe.",
        "Strategic developments/Disrupted weapons use",
    ),
    (
        "Sappers defused two landmines planted on the road to the airport.",
        "Strategic developments/Disrupted weapons use",
    ),
    # a clash that kills civilians is still a battle
    (
        "Three civilians were killed in crossfire during clashes between two armed groups in the market.",
        "Battles/Armed clash",
    ),
    # soldiers as victims make a battle, civilians as victims an attack
    ("Militants killed four soldiers in an attack on a checkpoint.", "Battles/Armed clash"),
    ("Soldiers killed two farmers in their field, witnesses said.", "Violence against civilians/Attack"),
    # tear gas on protesters is an intervention, not a chemical weapon
    (
        "Riot police used water cannon and tear gas against the marchers.",
        "Protests/Protest with intervention",
    ),
    # protesters who clash with police are rioting
    (
        "Protesters clashed with police and smashed shop windows in the city centre.",
        "Riots/Violent demonstration",
    ),
    # ceasefire versus talks
    (
        "After weeks of negotiations the parties agreed to a ceasefire starting at midnight.",
        "Strategic developments/Agreement",
    ),
    ("Negotiations between the government and the rebels resumed in the capital on Monday.", "Negotiation"),
    # a ceasefire that was broken is not the event
    (
        "Fighting erupted again in the north despite the ceasefire, killing six fighters.",
        "Battles/Armed clash",
    ),
    # expulsions
    ("Hundreds of refugees were expelled across the border by the authorities.", "Displacement"),
    # air strikes, not labour strikes
    (
        "Fighter jets launched strikes on positions held by the militants.",
        "Explosions/Remote violence/Air/drone strike",
    ),
    # a town taken by government forces versus by rebels
    (
        "Rebels recaptured the town that the army had taken last month.",
        "Battles/Non-state actor overtakes territory",
    ),
    ("The army took control of the town after the rebels fled.", "Battles/Government regains territory"),
    # a raid that ends in arrests is an arrest
    ("Police raided a house in the old town and arrested five suspects.", "Strategic developments/Arrests"),
    # casualties of a mine: the weapon decides
    (
        "Four soldiers were killed when their truck struck a landmine.",
        "Explosions/Remote violence/Remote explosive/landmine/IED",
    ),
    # a missile treaty is not a missile attack
    (
        "The country announced it would leave the missile treaty signed in 1987.",
        "Strategic developments/Agreement",
    ),
    # a brawl between party supporters is mob violence, not a battle
    (
        "Supporters of two rival parties clashed at a polling station, injuring six people.",
        "Riots/Mob violence",
    ),
    # looting with killing is an attack on civilians
    ("Gunmen looted the market and killed three traders.", "Violence against civilians/Attack"),
    # burning by protesters makes the protest a riot
    (
        "Protesters set fire to the governor's office after police killed two demonstrators.",
        "Riots/Violent demonstration",
    ),
    # an arrest for a killing: the killing is the event
    (
        "Police arrested three men for the murder of a shopkeeper who was stabbed on Sunday.",
        "Violence against civilians/Attack",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES + PRECEDENCE)
def test_classify_event(text: str, expected: str) -> None:
    assert classify_event(text).type == expected


def test_every_sub_type_is_covered() -> None:
    assert len({t for _, t in CASES}) == 27


def test_guess_carries_the_trigger_span() -> None:
    text = "A suicide bomber blew himself up at the gate."
    guess = classify_event(text)
    assert isinstance(guess, EventTypeGuess)
    assert guess.score > 0.0
    assert guess.trigger is not None
    start, end = guess.trigger
    assert text[start:end] == "suicide bomber"


def test_fallback_when_nothing_fires() -> None:
    assert classify_event("The weather in the capital was mild on Tuesday.") == EventTypeGuess(
        type="Strategic developments/Other", score=0.0, trigger=None
    )


def test_empty_text() -> None:
    assert classify_event("").score == 0.0
    assert find_event_triggers("") == []


def test_find_event_triggers_lists_each_incident() -> None:
    text = "An air strike hit the market. Later, gunmen abducted two aid workers."
    found = find_event_triggers(text)
    assert [text[s:e] for s, e, _ in found] == ["air strike", "abducted"]
    assert [t for _, _, t in found] == [
        "Explosions/Remote violence/Air/drone strike",
        "Violence against civilians/Abduction/forced disappearance",
    ]


def test_case_does_not_matter() -> None:
    assert classify_event("REBELS SEIZED CONTROL OF THE TOWN.").type == (
        "Battles/Non-state actor overtakes territory"
    )


def test_displaced_people_are_not_a_displacement() -> None:
    assert classify_event("Displaced families in the camp received food aid.").type == (
        "Strategic developments/Other"
    )


def test_negated_arrest_does_not_count() -> None:
    assert find_event_triggers("No arrests were made.") == []


def test_spans_survive_characters_that_lower_to_two() -> None:
    text = "İzmir: troops clashed with rebels."
    (start, end, _), *_ = find_event_triggers(text)
    assert text[start:end] == "clashed"


def test_march_the_month_is_not_a_march() -> None:
    assert (
        classify_event("On 3 March the minister visited the province.").type == "Strategic developments/Other"
    )


def test_issue_strikes_that_kill_are_not_labour_strikes() -> None:
    assert classify_event("Those strikes killed eleven villagers near the border.").type == (
        "Explosions/Remote violence/Air/drone strike"
    )
    assert classify_event("Teachers went on strike over unpaid wages.").type == "Protests/Peaceful protest"


def test_a_bare_attack_takes_its_type_from_the_war_words_around_it() -> None:
    text = "The fighting erupted after what Pakistan called unprovoked attacks by Afghan forces."
    assert ("attacks", "Battles/Armed clash") in [(text[a:b], t) for a, b, t in find_event_triggers(text)]
    text = "The attacks by drones on the town continued overnight."
    found = [(text[a:b], t) for a, b, t in find_event_triggers(text)]
    assert ("attacks", "Explosions/Remote violence/Air/drone strike") in found
    text = "Gunmen attacks on villagers left homes burned."
    assert all(not t.startswith("Battles") for _, _, t in find_event_triggers(text))


def test_a_sentence_is_typed_with_context_from_the_whole_text() -> None:
    text = "Officials said 12 civilians were killed. Houses collapsed in the strikes."
    guess = classify_event(text, span=(text.index("Houses"), len(text)))
    assert guess.type == "Explosions/Remote violence/Air/drone strike"


def test_war_reporting_words_are_not_protests() -> None:
    text = (
        "Pakistan launched air strikes on Taliban hideouts after the army said soldiers were killed. "
        "Kabul demanded an explanation, and the clashes along the border with tribal fighters went on."
    )
    types = [t for _, _, t in find_event_triggers(text)]
    assert types and not any(t.startswith(("Protests", "Riots")) for t in types), types


def test_a_strike_by_workers_in_a_war_zone_is_still_a_strike() -> None:
    text = "Teachers went on strike over unpaid salaries while the army fought militants nearby."
    assert any(t.startswith("Protests") for _, _, t in find_event_triggers(text))


def test_a_generals_title_does_not_make_war_strikes_a_labour_strike() -> None:
    text = (
        "Lieutenant General Ahmed Sharif Chaudhry said the Indian strikes hit Kotli and Bahawalpur. "
        "The military said 26 people were killed."
    )
    assert find_event_triggers(text)[0][2].startswith("Explosions")
    general = "Teachers and doctors held a general strike on Monday over pay."
    assert find_event_triggers(general)[0][2] == "Protests/Peaceful protest"


def test_a_month_named_march_is_no_march() -> None:
    assert not find_event_triggers("Half came from Iran following a March 20 government deadline to leave.")
    march = find_event_triggers("Thousands joined a march through the capital on Sunday.")
    assert march[0][2].startswith("Protests")


def test_a_bare_strike_in_a_single_sentence_is_a_strike_from_the_air() -> None:
    # No war word in the text at all: the conflict sense is the default, the labour sense needs
    # labour or protest words near the strike.
    assert classify_event("Officials have not yet commented on these strikes.").type == (
        "Explosions/Remote violence/Air/drone strike"
    )
    drivers = "The bus drivers' strike entered its third day."
    assert classify_event(drivers).type == "Protests/Peaceful protest"
    assert classify_event("Nurses at the regional hospital staged a two-day strike.").type == (
        "Protests/Peaceful protest"
    )


def test_clashes_with_armed_groups_near_a_crowd_stay_battles() -> None:
    text = "Soldiers and insurgents exchanged fire for hours while a crowd of villagers fled."
    assert classify_event(text).type == "Battles/Armed clash"
    text = "Fighting between two armed groups killed nine people, among them four students."
    assert classify_event(text).type == "Battles/Armed clash"
    # protesters against soldiers or police remain a riot
    text = "Protesting farmers clashed with soldiers at the district office; two were killed."
    assert classify_event(text).type == "Riots/Violent demonstration"


def test_residents_reporting_a_clash_do_not_make_it_mob_violence() -> None:
    text = "Fighting broke out on the edge of the town on Sunday evening, residents said."
    assert classify_event(text).type == "Battles/Armed clash"
    text = "Residents of two neighbouring villages clashed over a water point, leaving one dead."
    assert classify_event(text).type == "Riots/Mob violence"


def test_border_forces_trading_heavy_fire_is_a_clash() -> None:
    text = "Border guards of the two states traded heavy fire overnight along the frontier."
    assert classify_event(text).type == "Battles/Armed clash"


def test_talks_that_produce_a_deal_type_as_one_agreement() -> None:
    text = "Envoys of the two governments held talks in the capital and signed a ceasefire deal."
    assert {t for _, _, t in find_event_triggers(text)} == {"Strategic developments/Agreement"}


def test_a_ceasefire_called_for_or_missed_is_no_agreement() -> None:
    text = "The regional bloc called for restraint and an immediate ceasefire on Friday."
    assert not any(t.startswith("Strategic developments/Agreement") for _, _, t in find_event_triggers(text))
    text = "The envoys were invited to the capital to negotiate a lasting truce."
    assert classify_event(text).type == "Negotiation"
    text = "Two rounds of mediated talks ended without an agreement on the frontier."
    assert classify_event(text).type == "Negotiation"
    text = "After weeks of negotiations the parties agreed to a truce starting at dawn."
    assert classify_event(text).type == "Strategic developments/Agreement"


def test_demonstrating_an_ability_is_no_protest() -> None:
    text = "The group has demonstrated the ability to strike far from its bases."
    assert all(not t.startswith("Protests") for _, _, t in find_event_triggers(text))


def test_a_dispersal_needs_a_crowd_and_unrest_alone_is_no_riot() -> None:
    assert not find_event_triggers("The old satellite will break up high over the ocean.")
    text = "Police dispersed the gathering of shopkeepers outside the town hall."
    assert classify_event(text).type == "Protests/Protest with intervention"
    guess = classify_event("Cross-border unrest could benefit armed groups, analysts say.")
    assert guess.score < 1.5


def test_ransacking_by_gunmen_is_not_a_riot() -> None:
    text = "Dozens of gunmen on motorbikes ransacked the district offices before dawn."
    assert not classify_event(text).type.startswith("Riots")
    text = "Angry protesters ransacked the district offices after the vote."
    assert classify_event(text).type == "Riots/Violent demonstration"


def test_a_bare_explosion_in_a_report_of_air_strikes_is_the_strike() -> None:
    text = (
        "Fighter jets crossed into the neighbouring country's airspace on Thursday night. "
        "Explosions were heard across the capital shortly after midnight, residents said."
    )
    later = text.index("Explosions")
    guess = classify_event(text, span=(later, len(text)))
    assert guess.type == "Explosions/Remote violence/Air/drone strike"
    # an explosive device is still an explosive device, whatever else the report says
    text = (
        "The air force carried out raids in the north last month, according to the ministry's weekly "
        "statement. On Sunday a roadside bomb exploded under a police van, wounding two officers."
    )
    guess = classify_event(text, span=(text.index("On Sunday"), len(text)))
    assert guess.type == "Explosions/Remote violence/Remote explosive/landmine/IED"
    # with no aircraft in the report, an explosion of unknown cause stays a remote explosive
    assert classify_event("Explosions were heard across the capital shortly after midnight.").type == (
        "Explosions/Remote violence/Remote explosive/landmine/IED"
    )


def test_casualties_told_without_their_means_are_the_incident_before() -> None:
    text = (
        "Missiles hit five towns overnight, the army said. A child was killed and 12 people "
        "were injured in one town, and two civilians were killed in another."
    )
    types = [t for _, _, t in find_event_triggers(text)]
    assert types == ["Explosions/Remote violence/Shelling/artillery/missile attack"] * 4, types
    # a casualty sentence after a separate incident, or after an attack of another kind, is not
    text = "Jets bombed the depot on Monday. In a separate incident, three villagers were killed."
    assert find_event_triggers(text)[-1][2] == "Violence against civilians/Attack"
    text = "Drones struck a convoy at dawn. Later gunmen stormed a school, and two teachers were killed."
    assert find_event_triggers(text)[-1][2] == "Violence against civilians/Attack"


def test_talks_told_in_another_sentence_than_the_deal_stay_a_negotiation() -> None:
    text = "The two governments agreed to a truce on Sunday. Envoys will hold further talks next week."
    found = [(text[a:b], t) for a, b, t in find_event_triggers(text)]
    assert ("talks", "Negotiation") in found, found


@pytest.mark.parametrize(
    "text",
    [
        # its own sentence tells the killers or the means
        "Jets bombed a depot in Sirte at dawn. Masked gunmen killed two shepherds near Misrata.",
        "Artillery pounded the town. A farmer was killed by a soldier who opened fire on his truck.",
        "A drone hit a convoy on the highway. The bodies of four herders executed by rebels were found.",
        # a new day or a new place opens the sentence
        "Rockets struck a market in the north on Friday. On Sunday, a shepherd was killed near the river.",
        "Fighters clashed with troops in the hills. Later, a village chief was killed in the valley.",
        "Mortars hit the port on 3 May. A fisherman was killed on 9 May, relatives said.",
    ],
)
def test_casualties_of_another_incident_do_not_inherit_the_strike_or_battle_before(text: str) -> None:
    assert find_event_triggers(text)[-1][2] == "Violence against civilians/Attack", find_event_triggers(text)


def test_casualties_of_the_same_day_still_inherit_the_strike_before() -> None:
    text = "Mortars hit the port on 3 May. A fisherman was killed and four were hurt on 3 May, medics said."
    types = [t for _, _, t in find_event_triggers(text)]
    assert set(types) == {"Explosions/Remote violence/Shelling/artillery/missile attack"}, types


@pytest.mark.parametrize(
    "text",
    [
        "The talks in Vienna reached a stalemate on Friday.",
        "Talks in Nairobi struck a hopeful note, envoys said.",
        "The envoys held talks in Muscat and agreed to resume them next month.",
    ],
)
def test_talks_with_a_verb_but_no_deal_stay_a_negotiation(text: str) -> None:
    assert classify_event(text).type == "Negotiation"


def test_talks_with_a_deal_noun_after_the_verb_are_the_agreement() -> None:
    text = "Talks in Muscat ended as the envoys signed a truce accord."
    assert classify_event(text).type == "Strategic developments/Agreement"


def test_dismissing_a_claim_is_no_change_to_a_group() -> None:
    change = "Strategic developments/Change to group/activity"
    said = "A spokesman dismissed the claims as propaganda."
    assert not [t for t in find_event_triggers(said) if t[2] == change]
    assert not [t for t in find_event_triggers("Rebel leaders dismissed the statement.") if t[2] == change]
    assert [t for t in find_event_triggers("The army chief dismissed two commanders.") if t[2] == change]


def test_a_splinter_faction_named_as_an_author_is_no_change_to_a_group() -> None:
    change = "Strategic developments/Change to group/activity"
    named = "A splinter faction of the group claimed the bombing in the city."
    assert not [t for t in find_event_triggers(named) if t[2] == change]
    assert [t for t in find_event_triggers("Commanders formed a splinter group.") if t[2] == change]


def test_border_closures_are_other_strategic_developments() -> None:
    other = "Strategic developments/Other"
    for text in (
        "The closure of the Torkham crossing entered its third week.",
        "Border trade remained suspended for a third day.",
        "The border crossing remained closed on Tuesday.",
        "Pakistan closed its airspace for 48 hours.",
    ):
        assert [t for t in find_event_triggers(text) if t[2] == other], text


def test_intercepted_drones_and_missiles_are_the_attack_that_sent_them() -> None:
    drones = find_event_triggers("Air defences shot down 40 drones over the region overnight.")
    assert {t[2] for t in drones} == {"Explosions/Remote violence/Air/drone strike"}
    missiles = find_event_triggers("The army said it intercepted two ballistic missiles fired at the city.")
    assert "Explosions/Remote violence/Shelling/artillery/missile attack" in {t[2] for t in missiles}
    found = find_event_triggers("Police defused a bomb found near the market.")
    assert {t[2] for t in found} == {"Strategic developments/Disrupted weapons use"}


def test_attacks_on_ships_are_missile_attacks() -> None:
    missile = "Explosions/Remote violence/Shelling/artillery/missile attack"
    for text in (
        "Rebels claimed the attack on a bulk carrier off the port on Monday.",
        "Fighters of the movement attacked a Panama-flagged tanker in the gulf.",
        "It was the first deadly sea attack this year.",
        "The group has targeted merchant ships for months.",
    ):
        assert classify_event(text).type == missile, text
    # the crew of a ship that was attacked, held by the attackers, are part of that attack ...
    held = find_event_triggers("The rebels hit the vessel with missiles and kidnapped its crew members.")
    assert "Violence against civilians/Abduction/forced disappearance" not in {t[2] for t in held}
    # ... but pirates who board a ship to take its crew abduct them
    crew = classify_event("Pirates boarded the cargo vessel and kidnapped nine crew members.")
    assert crew.type == "Violence against civilians/Abduction/forced disappearance"
    # not near a ship: an attack on soldiers, and a kidnapping on land, keep their types
    assert classify_event("Militants attacked soldiers near the shipping yard.").type == "Battles/Armed clash"
    kidnap = classify_event("Gunmen kidnapped the crew of a road construction firm.")
    assert kidnap.type == "Violence against civilians/Abduction/forced disappearance"


# Each test of the typing round's changes below fails on the code before the round (61adab7). The
# guards keep 61adab7's behaviour: the review's sentences among them (a car, migrants, aid seekers,
# a funeral, a wedding; trading briskly; raids ending in arrests; shooting down into a street)
# failed on the round's code at cb66fc4.
@pytest.mark.parametrize(
    "text",
    [
        "The guerrillas launched an assault on a rival armed group in the hills.",
        "Gunmen fired on guerrillas camped by the river.",
    ],
)
def test_bare_violence_aimed_at_an_armed_side_is_a_battle(text: str) -> None:
    assert classify_event(text).type == "Battles/Armed clash"


# Guards: the armed word must be what is attacked, not the shooter nor a place near (review #5).
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire on tourists visiting a lake near the town, killing six.",
        "Militants opened fire on a bus on the highway.",
        "Soldiers opened fire on villagers gathered near the army post.",
        "Militiamen opened fire in the market town, injuring three.",
        "A soldier manning a checkpoint opened fire on a minibus outside the town.",
        "Troops opened fire on a car that failed to stop at a checkpoint, killing two.",
        "Border guards opened fire on migrants trying to cross the frontier, killing two.",
        "Troops opened fire on aid seekers near a distribution site, killing 20.",
        "Israeli troops opened fire on Palestinians waiting for aid near the border, killing 20.",
        "Security forces opened fire on a funeral procession, killing five.",
        "A gunman opened fire at a wedding near the army base, killing eight guests.",
    ],
)
def test_bare_violence_against_unarmed_people_stays_an_attack(text: str) -> None:
    assert classify_event(text).type == "Violence against civilians/Attack"


def test_an_exchange_or_trade_of_fire_with_weapon_words_is_a_battle() -> None:
    for text in (
        "Residents said both sides exchanged heavy weapons fire across the frontier.",
        "The two armies traded small-arms fire overnight.",
        "Both sides exchanged sniper fire overnight.",
    ):
        assert classify_event(text).type == "Battles/Armed clash", text


def test_trading_is_no_exchange_of_fire_unless_weapon_words_stand_between() -> None:
    text = "Shops traded briskly until fire broke out in the market."
    assert "Battles/Armed clash" not in {t[2] for t in find_event_triggers(text)}


def test_an_intelligence_based_strike_is_a_clash_like_an_operation() -> None:
    text = "Security forces carried out an intelligence-based strike in the valley, the military said."
    assert classify_event(text).type == "Battles/Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "Police carried out intelligence-based raids and arrested 12 suspects.",
        "The army carried out intelligence-based raids in the district, arresting 12 suspects.",
    ],
)
def test_intelligence_based_raids_ending_in_arrests_stay_arrests(text: str) -> None:
    assert classify_event(text).type == "Strategic developments/Arrests"


def test_shooting_down_a_drone_is_the_drone_strike() -> None:
    text = "A video showed soldiers shooting down a UAV over the northern city."
    assert classify_event(text).type == "Explosions/Remote violence/Air/drone strike"


def test_shooting_down_needs_something_in_the_air() -> None:
    snipers = "Snipers kept shooting down into the street from the roofs, killing four residents."
    assert classify_event(snipers).type == "Violence against civilians/Attack"
    crowd = "Gunmen were shooting down at the crowd from rooftops."
    assert "Strategic developments/Disrupted weapons use" not in {t[2] for t in find_event_triggers(crowd)}


def test_a_threat_to_grow_worse_is_no_attack() -> None:
    found = find_event_triggers("The clashes threatened to spill over into a wider war.")
    assert "Violence against civilians/Attack" not in {t[2] for t in found}
    threat = find_event_triggers("Armed men threatened the villagers with death.")
    assert "Violence against civilians/Attack" in {t[2] for t in threat}


@pytest.mark.parametrize(
    "text",
    [
        "A wave of violence during the country's fragile peace process has killed 40 people.",
        "Two soldiers were killed amid peace talks in the capital.",
        "The attack came amid mediation efforts by a neighbouring state.",
    ],
)
def test_talks_as_the_frame_of_violence_do_not_type_it(text: str) -> None:
    assert classify_event(text).type != "Negotiation"


def test_an_offer_to_mediate_is_no_talks() -> None:
    for text in (
        "The foreign minister offered on Monday to also mediate between the two sides.",
        "Ankara offers to mediate.",
    ):
        assert "Negotiation" not in {t[2] for t in find_event_triggers(text)}, text
    held = classify_event("Delegations of the two countries held talks in Doha on Sunday.")
    assert held.type == "Negotiation"


def test_readiness_to_mediate_is_no_talks() -> None:
    for text in (
        "The neighbouring state repeated its readiness to mediate between the two capitals.",
        "Oslo said it was willing to help mediate.",
    ):
        assert "Negotiation" not in {t[2] for t in find_event_triggers(text)}, text


def test_the_summit_of_a_mountain_is_no_meeting() -> None:
    text = "Troops took a hilltop post at the summit of Mount Ararat. Officers later visited the summit."
    assert "Negotiation" not in {t[2] for t in find_event_triggers(text)}
    assert classify_event("Leaders met at a summit in the capital on Friday.").type == "Negotiation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers seized a rebel army outpost near the lake on Sunday.", "Battles/"),
        ("The rebels occupied two towns in the valley.", "Battles/Non-state actor overtakes territory"),
        ("Police seized weapons from the base.", "Strategic developments/Disrupted weapons use"),
    ],
)
def test_capturing_places_told_with_modifiers_or_in_the_plural(text: str, expected: str) -> None:
    assert classify_event(text).type.startswith(expected), text


def test_a_capture_without_encountering_resistance_is_a_non_violent_transfer() -> None:
    text = "Commandos captured the hill post without encountering resistance, the broadcaster said."
    assert classify_event(text).type == "Strategic developments/Non-violent transfer of territory"


def test_an_attack_on_a_camp_of_the_displaced_is_an_attack_on_civilians() -> None:
    text = "Paramilitary fighters attacked the Kalma displacement camp at dawn, residents said."
    assert classify_event(text).type == "Violence against civilians/Attack"
    assert classify_event("Insurgents attacked an army camp at dawn.").type == "Battles/Armed clash"


def test_militants_neutralised_by_troops_are_a_battle() -> None:
    for text in (
        "Troops of the task force neutralised many of them near the river.",
        "Three more insurgents were neutralised in the operation's second phase.",
    ):
        assert "Battles/Armed clash" in {t[2] for t in find_event_triggers(text)}, text


def test_invading_forces_name_the_actor_not_an_invasion() -> None:
    text = "The invading forces shelled the border village at night."
    assert [text[a:b] for a, b, _ in find_event_triggers(text)] == ["shelled"]
    assert classify_event("The invading forces shelled the border village at night.").type.startswith(
        "Explosions/Remote violence/Shelling"
    )


def test_property_damaged_by_a_strike_is_no_crowd_violence() -> None:
    text = "Several people were killed. Another strike damaged a mosque in the old town."
    assert "Riots/Mob violence" not in {t[2] for t in find_event_triggers(text)}
    crowd = "Angry residents damaged a mosque in the old town."
    assert "Riots/Mob violence" in {t[2] for t in find_event_triggers(crowd)}


def test_a_power_station_is_no_armed_target() -> None:
    text = "A Monday attack on the river power station cut electricity to the port."
    assert classify_event(text).type != "Battles/Armed clash"
    assert classify_event("Militants attacked a police station on Monday.").type == "Battles/Armed clash"


def test_killings_after_a_town_falls_are_no_part_of_its_capture() -> None:
    text = "Rebels seized control of the town on Saturday. Forty patients were killed at the hospital."
    types = {text[a:b]: t for a, b, t in find_event_triggers(text)}
    assert types["killed"] == "Violence against civilians/Attack"
    shelled = "Artillery shelled the town on Saturday. Forty patients were killed at the hospital."
    assert {shelled[a:b]: t for a, b, t in find_event_triggers(shelled)}["killed"].startswith("Explosions/")


@pytest.mark.parametrize(
    "text",
    [
        "Aid groups said abuses were common across the occupied areas of the south.",
        "The ministry recalled that the neighbour captured the peninsula's territory in 2014.",
        "Satellite imagery captured burned villages along the border on Monday.",
        "Drivers occupied the main roads of the port city on Thursday.",
        "Workers occupied the Bir Sahra oil field on Sunday, halting output.",
    ],
)
def test_an_adjective_a_past_year_or_an_unarmed_subject_is_no_capture(text: str) -> None:
    assert classify_event(text).type != "Battles/Non-state actor overtakes territory", text


def test_rebels_taking_towns_still_overtake_territory() -> None:
    text = "Rebels captured two towns near the lake on Sunday, the army said."
    assert classify_event(text).type == "Battles/Non-state actor overtakes territory"


def test_devices_neutralised_are_no_battle() -> None:
    text = "Police discovered four roadside bombs near the bridge and neutralised three of them."
    assert "Battles/Armed clash" not in {t[2] for t in find_event_triggers(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked a displaced persons camp near the lake on Sunday, killing nine people.",
        "Fighters stormed a camp for the displaced near the town on Friday.",
        "Fighters stormed the Dara camp on Friday, where thousands of displaced families live.",
        "Militants stormed a polling station in the valley on Thursday.",
        "Militants raided a fire station in the city on Monday.",
    ],
)
def test_a_camp_of_the_displaced_or_a_civil_station_is_no_armed_target(text: str) -> None:
    assert classify_event(text).type != "Battles/Armed clash", text


def test_a_mountain_summit_mutes_only_its_own_mention() -> None:
    text = (
        "Regional leaders met at a summit in the capital on Monday. "
        "Climbers later reached the summit of Mount Patti."
    )
    assert "Negotiation" in {t[2] for t in find_event_triggers(text)}
