"""Negative cases for the speaker, source and quotation rules of the claimant round, on sentences
written for these tests: a participle's object is no speaker, "per" before a bare noun is a rate,
a body sentence's dash or colon names no headline source, a victim is not "he", a medical
officer is no official, an inch mark opens no quotation, a UN body keeps no staff nationality."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.extract.claim_lookup import one

from tolls.extract.actors import ActorDictionary
from tolls.model import Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]


def test_the_object_of_a_participle_of_speech_is_not_the_speaker(extract: Extract) -> None:
    x = extract(
        "Border guards shot 8 smugglers near Tabriz on Friday, the interior ministry said, "
        "blaming nobody and accusing Turkey of arming them. It said 5 guards were hurt."
    )
    assert one(x, 5, "injured").claimant.name != "Turkey"
    x = extract(
        "Militia fighters killed 11 herders near Bentiu on Tuesday, warning the governor of further raids."
    )
    assert one(x, 11).claimant.name != "governor"


def test_per_before_a_bare_noun_or_after_an_amount_is_a_rate(extract: Extract) -> None:
    x = extract(
        "Raiders killed 17 herders near Gao, and the council paid 300 dollars per herder to the families."
    )
    assert one(x, 17).claimant.name == ""
    x = extract("Gunmen killed 13 fishermen on the lake, where crews pay a fee of 500 shillings per boatman.")
    assert one(x, 13).claimant.name == ""


def test_a_dash_or_colon_in_a_body_sentence_names_no_source(extract: Extract) -> None:
    x = extract(
        "Shelling killed 33 people in the old town this month, the heaviest toll since the "
        "blockade began - a blockade kept up by the RSF."
    )
    assert one(x, 33).claimant.name == ""
    x = extract(
        "A car bomb killed 19 people at a checkpoint near Kirkuk on Thursday. "
        "The bombing was claimed by a single group: the Islamic State."
    )
    assert one(x, 19).claimant.name == ""


def test_he_is_not_a_person_named_among_the_dead(extract: Extract) -> None:
    x = extract(
        "Police spokesman Inspector Musa Bello said bandits raided the depot before dawn. "
        "Captain Ibrahim Sani and 4 other guards were among the dead, he said."
    )
    assert one(x, 4).claimant.name != "Ibrahim Sani"


def test_a_medical_officer_is_a_local_source(extract: Extract) -> None:
    x = extract(
        "Dr Farid Malik, a medical officer at the district hospital in Quetta, said 16 bodies "
        "had been brought in after the bombing."
    )
    assert one(x, 16).claimant.inter == 7


def test_an_inch_mark_opens_no_quotation(extract: Extract) -> None:
    x = extract(
        'The ministry said gunboats fired 3" shells at the harbour on Friday. '
        "At least 21 fishermen were killed in the shelling."
    )
    assert one(x, 21).claimant.name == ""


def test_a_country_adjective_gives_no_country_to_un_peacekeepers() -> None:
    found = ActorDictionary.load().find("Indian UN peacekeepers said it.")
    assert [(a.country, a.inter) for a in found] == [("", 8)]


def test_the_object_of_citing_is_the_source_the_sources_refer_to(extract: Extract) -> None:
    x = extract(
        "At least 9 villagers were killed in a drone strike in Kunduz overnight, a local radio "
        "station reported, citing police sources.\n\n"
        "The strike also wounded 14 others, according to the sources."
    )
    assert one(x, 14, "injured").claimant.name == "police sources"


def test_a_quotation_left_open_before_more_sentences_quotes_none_of_them(extract: Extract) -> None:
    x = extract(
        "Raiders burned the market on Saturday.\n\n"
        "The governor described the raid as “pure cruelty against the traders. At least 26 traders "
        "were killed in the fire."
    )
    assert one(x, 26).claimant.name == ""
