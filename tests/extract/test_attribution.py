"""The claimant's side from the actor mention, the place named with it, or the document's focus."""

from __future__ import annotations

from tolls.extract.actors import ActorMention
from tolls.extract.attribution import AttributionContext

OFFICIALS = ActorMention(0, 15, "Local officials", "officials", "", 1, "government")


def test_a_place_named_with_the_claimant_gives_its_country() -> None:
    ctx = AttributionContext(
        [OFFICIALS], focus_country="PAK", place_country=lambda s, e: "AFG" if s < 19 < e else ""
    )
    party = ctx.claimant_in(0, 40)  # "Local officials in Paktika province"
    assert party is not None and (party.country, party.inter) == ("AFG", 1)


def test_without_a_place_the_focus_country_fills_in() -> None:
    ctx = AttributionContext([OFFICIALS], focus_country="PAK", place_country=lambda s, e: "")
    party = ctx.claimant_in(0, 15)
    assert party is not None and party.country == "PAK"


def test_a_stated_fallback_wins_over_the_place() -> None:
    ctx = AttributionContext([OFFICIALS], focus_country="PAK", place_country=lambda s, e: "AFG")
    party = ctx.party_in(0, 40, fallback_country="IRN")
    assert party is not None and party.country == "IRN"


def test_the_military_said_is_the_military_named_before() -> None:
    named = ActorMention(0, 19, "Pakistan's military", "Pakistani military (ISPR)", "PAK", 1, "forces")
    generic = ActorMention(60, 72, "the military", "military", "", 1, "forces")
    ctx = AttributionContext([named, generic], focus_country="AFG")
    party = ctx.claimant_in(60, 72)
    assert party is not None and party.country == "PAK"


def test_a_body_named_beside_a_country_speaks_not_the_country() -> None:
    mission = ActorMention(0, 10, "UN mission", "UN peacekeeping missions", "", 8, "external")
    country = ActorMention(14, 21, "Somalia", "Somalia", "SOM", 1, "government")
    ctx = AttributionContext([mission, country], focus_country="SOM")
    party = ctx.claimant_in(0, 21)  # "UN mission in Somalia"
    assert party is not None and (party.name, party.inter) == ("UN mission", 8)


def test_the_army_said_is_the_military_named_before() -> None:
    # "Pakistan's military reported ... In a statement, the army said ...": one body, two words
    named = ActorMention(0, 19, "Pakistan's military", "Pakistani military (ISPR)", "PAK", 1, "forces")
    generic = ActorMention(60, 68, "the army", "army", "", 1, "forces")
    ctx = AttributionContext([named, generic], focus_country="AFG")
    party = ctx.claimant_in(60, 68)
    assert party is not None and party.country == "PAK"
    # a body of another kind named before does not lend its country
    police = ActorMention(0, 16, "Pakistani police", "police", "PAK", 1, "forces")
    ctx = AttributionContext([police, generic], focus_country="AFG")
    party = ctx.claimant_in(60, 68)
    assert party is not None and party.country == "AFG"
