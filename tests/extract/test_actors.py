"""Actor recogniser: hand-written sentences, exact spans, sides and inter codes."""

from __future__ import annotations

import pytest

from tolls.extract.actors import ActorDictionary, ActorMention, demonym_country


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


TTP = "Tehrik-i-Taliban Pakistan (TTP)"
GAZA_MOH = "Gaza health ministry"
IDF = "Israeli military (IDF)"
ACB = "Afghanistan Cricket Board"
SOHR = "Syrian Observatory for Human Rights (SOHR)"
HRAI = "Human Rights Activists in Iran (HRAI)"
DHQ = "Nigerian Defence Headquarters (DHQ)"
PDF = "People's Defence Forces (Myanmar)"
RCAF = "Royal Cambodian Armed Forces"
RTAF = "Royal Thai Armed Forces"


def only(actors: ActorDictionary, text: str, span: str) -> ActorMention:
    """The mention whose text is exactly ``span`` (and fail if there is none)."""
    found = [m for m in actors.find(text) if m.text == span]
    assert found, f"{span!r} not found in {[m.text for m in actors.find(text)]}"
    return found[0]


CASES = [
    # text, mention text, canonical name, country, inter, role
    (
        "Officials said 23 Pakistani soldiers were killed.",
        "Pakistani soldiers",
        "Pakistani soldiers",
        "PAK",
        1,
        "forces",
    ),
    ("Afghan forces opened fire on the posts.", "Afghan forces", "Afghan forces", "AFG", 1, "forces"),
    ("Afghan fighters crossed the line.", "Afghan fighters", "Afghan forces", "AFG", 1, "forces"),
    ("The attack was claimed by the Pakistani Taliban.", "Pakistani Taliban", TTP, "PAK", 2, "rebels"),
    ("Terrorists of Fitna al-Khawarij were killed.", "Fitna al-Khawarij", TTP, "PAK", 2, "rebels"),
    ("ISPR said the operation continued.", "ISPR", "Pakistani military (ISPR)", "PAK", 1, "forces"),
    (
        "The Taliban spokesman Zabiullah Mujahid said nine died.",
        "Zabiullah Mujahid",
        "Zabiullah Mujahid",
        "AFG",
        1,
        "spokesperson",
    ),
    ("Twelve civilians were wounded.", "civilians", "civilians", "", 7, "civilians"),
    (
        "Four Palestinian civilians were killed.",
        "Palestinian civilians",
        "Palestinian civilians",
        "PSE",
        7,
        "civilians",
    ),
    ("Nine people died in the blast.", "people", "people", "", None, "people"),
    ("Gunmen stormed the checkpoint.", "Gunmen", "Gunmen", "", 3, "militia"),
    ("Hundreds of protesters marched.", "protesters", "protesters", "", 6, "protesters"),
    ("UNAMA said 37 civilians were killed.", "UNAMA", "UNAMA", "", 8, "external"),
    ("The Gaza health ministry said 40 died.", "Gaza health ministry", GAZA_MOH, "PSE", 1, "government"),
    (
        "According to the Hamas-run health ministry, 12 died.",
        "Hamas-run health ministry",
        GAZA_MOH,
        "PSE",
        1,
        "government",
    ),
    (
        "The Ministry of Health in Gaza reported it.",
        "Ministry of Health in Gaza",
        GAZA_MOH,
        "PSE",
        1,
        "government",
    ),
    (
        "Jets of the Pakistan Air Force struck Kabul.",
        "Pakistan Air Force",
        "Pakistan Air Force",
        "PAK",
        1,
        "forces",
    ),
    ("The Taliban said the posts fell.", "Taliban", "Afghan Taliban", "AFG", 1, "forces"),
    (
        "The Taliban government denied it.",
        "Taliban government",
        "Afghan Taliban government",
        "AFG",
        1,
        "government",
    ),
    ("Tehreek-e-Taliban Pakistan claimed it.", "Tehreek-e-Taliban Pakistan", TTP, "PAK", 2, "rebels"),
    ("Hideouts of khawarij were raided.", "khawarij", TTP, "PAK", 2, "rebels"),
    ("TTP militants ambushed a convoy.", "TTP militants", TTP, "PAK", 2, "rebels"),
    ("Hamas fighters fired rockets.", "Hamas fighters", "Hamas", "PSE", 2, "rebels"),
    ("The IDF said two soldiers died.", "IDF", IDF, "ISR", 1, "forces"),
    ("The Israel Defense Forces said so.", "Israel Defense Forces", IDF, "ISR", 1, "forces"),
    ("FC personnel repulsed the attack.", "FC personnel", "Frontier Corps", "PAK", 1, "forces"),
    ("Khawaja Asif told parliament.", "Khawaja Asif", "Khawaja Asif", "PAK", 1, "government"),
    ("PM Shehbaz Sharif condemned it.", "PM Shehbaz Sharif", "Shehbaz Sharif", "PAK", 1, "government"),
    (
        "Enayatullah Khwarazmi said the forces responded.",
        "Enayatullah Khwarazmi",
        "Enayatullah Khwarazmi",
        "AFG",
        1,
        "spokesperson",
    ),
    (
        "The Afghan Ministry of Defence said.",
        "Afghan Ministry of Defence",
        "Afghan Ministry of Defence",
        "AFG",
        1,
        "government",
    ),
    ("al Shabaab militants attacked.", "al Shabaab militants", "Al-Shabaab", "SOM", 2, "rebels"),
    ("AMISOM troops retook the town.", "AMISOM troops", "AMISOM", "", 8, "external"),
    ("Fulani herdsmen attacked the village.", "Fulani herdsmen", "Fulani ethnic militia", "", 4, "militia"),
    ("The Nigerian Army said.", "Nigerian Army", "Nigerian military", "NGA", 1, "forces"),
    (
        "Ethiopian security forces arrested them.",
        "Ethiopian security forces",
        "Ethiopian security forces",
        "ETH",
        1,
        "forces",
    ),
    (
        "The Somali National Army fought back.",
        "Somali National Army",
        "Somali National Army",
        "SOM",
        1,
        "forces",
    ),
    ("Unidentified gunmen shot a trader.", "Unidentified gunmen", "Unidentified gunmen", "", 3, "militia"),
    ("Militants attacked the post.", "Militants", "Militants", "", 2, "rebels"),
    ("Rioters torched cars.", "Rioters", "Rioters", "", 5, "rioters"),
    ("Villagers fled.", "Villagers", "Villagers", "", 7, "civilians"),
    ("Afghan refugees were deported.", "Afghan refugees", "Afghan refugees", "AFG", 7, "civilians"),
    ("Thousands of Afghans were expelled.", "Afghans", "Afghans", "AFG", None, "people"),
    ("Qatari mediators hosted the talks.", "Qatari mediators", "Qatari mediators", "QAT", 8, "external"),
    ("Qatar hosted the talks.", "Qatar", "Qatar", "QAT", 1, "government"),
    ("Doctors said the toll rose.", "Doctors", "Doctors", "", 7, "civilians"),
    ("Local officials said 5 died.", "Local officials", "Local officials", "", 1, "government"),
    ("Kurdish fighters held the ridge.", "Kurdish fighters", "Kurdish fighters", "", 2, "rebels"),
    ("US troops withdrew.", "US troops", "US troops", "USA", 1, "forces"),
    ("Pakistan’s army said.", "Pakistan’s army", "Pakistan Army", "PAK", 1, "forces"),
    ("ISIS-K claimed the bombing.", "ISIS-K", "Islamic State Khorasan Province (ISKP)", "AFG", 2, "rebels"),
    ("The RSF shelled El Fasher.", "RSF", "Rapid Support Forces", "SDN", 2, "rebels"),
    ("M23 rebels seized Goma.", "M23 rebels", "M23", "COD", 2, "rebels"),
    ("SPLA-IO forces withdrew.", "SPLA-IO forces", "SPLA-IO", "SSD", 2, "rebels"),
    (
        "Palestinian Islamic Jihad fired.",
        "Palestinian Islamic Jihad",
        "Palestinian Islamic Jihad",
        "PSE",
        2,
        "rebels",
    ),
    ("The Houthis fired a missile.", "Houthis", "Houthis (Ansar Allah)", "YEM", 1, "forces"),
    ("The Indian Army said.", "Indian Army", "Indian Army", "IND", 1, "forces"),
    ("The ICRC said.", "ICRC", "International Committee of the Red Cross", "", 8, "external"),
    ("Amnesty International said.", "Amnesty International", "Amnesty International", "", 8, "external"),
    ("The PTM held a rally.", "PTM", "Pashtun Tahafuz Movement (PTM)", "PAK", 6, "protesters"),
    ("The BLA claimed it.", "BLA", "Balochistan Liberation Army (BLA)", "PAK", 2, "rebels"),
    (
        "Tigrayan forces advanced.",
        "Tigrayan forces",
        "Tigray People's Liberation Front (TPLF)",
        "ETH",
        2,
        "rebels",
    ),
    ("Balochistan police said.", "Balochistan police", "Pakistani police", "PAK", 1, "forces"),
    ("Quetta police said.", "Quetta police", "Quetta police", "PAK", 1, "forces"),
    ("Sudanese army chief Burhan said.", "Burhan", "Sudanese Armed Forces", "SDN", 1, "forces"),
    # named actors of the conflicts in the real-news corpus
    ("The Afghanistan Cricket Board said.", "Afghanistan Cricket Board", ACB, "AFG", 1, "government"),
    (
        "the Syrian Observatory for Human Rights said",
        "Syrian Observatory for Human Rights",
        SOHR,
        "",
        8,
        "external",
    ),
    ("SOHR reported 40 deaths.", "SOHR", SOHR, "", 8, "external"),
    ("HRAI said 406 people died.", "HRAI", HRAI, "", 8, "external"),
    ("Israel Hayom reported.", "Israel Hayom", "Israeli media", "ISR", 0, "media"),
    ("The DHQ said.", "DHQ", DHQ, "NGA", 1, "forces"),
    ("Director Markus Kangye said.", "Markus Kangye", DHQ, "NGA", 1, "forces"),
    ("Kyauk Lone Gyi People's Defense Force said", "People's Defense Force", PDF, "MMR", 2, "rebels"),
    ("Vyacheslav Gladkov wrote.", "Vyacheslav Gladkov", "Russian officials", "RUS", 1, "government"),
    ("Nasser Hospital said.", "Nasser Hospital", "Gaza hospitals", "PSE", 1, "government"),
    ("Maly Socheata said.", "Maly Socheata", RCAF, "KHM", 1, "forces"),
    ("The Royal Thai Army said.", "Royal Thai Army", RTAF, "THA", 1, "forces"),
    ("ELN guerrillas attacked.", "ELN guerrillas", "ELN", "COL", 2, "rebels"),
    ("Viv Ansanm gangs attacked.", "Viv Ansanm gangs", "Haitian gangs", "HTI", 3, "militia"),
    (
        "The Haitian National Police said.",
        "Haitian National Police",
        "Haitian National Police",
        "HTI",
        1,
        "forces",
    ),
    ("JNIM fighters attacked.", "JNIM fighters", "JNIM", "MLI", 2, "rebels"),
    ("Al-Masirah reported.", "Al-Masirah", "Houthi-run media", "YEM", 0, "media"),
    (
        "Sumy regional military administration said",
        "Sumy regional military administration",
        "Sumy regional military administration",
        "UKR",
        1,
        "government",
    ),
    (
        "Pakistani security sources said.",
        "Pakistani security sources",
        "Pakistani security sources",
        "PAK",
        1,
        "government",
    ),
    (
        "Kurram deputy commissioner said.",
        "Kurram deputy commissioner",
        "Kurram deputy commissioner",
        "PAK",
        1,
        "government",
    ),
    ("Iranian media reported.", "Iranian media", "Iranian media", "IRN", 0, "media"),
]


@pytest.mark.parametrize(("text", "span", "name", "country", "inter", "role"), CASES)
def test_mention(
    actors: ActorDictionary, text: str, span: str, name: str, country: str, inter: int | None, role: str
) -> None:
    m = only(actors, text, span)
    assert (m.name, m.country, m.inter, m.role) == (name, country, inter, role)
    assert text[m.start : m.end] == span


def test_longest_match_wins(actors: ActorDictionary) -> None:
    texts = [m.text for m in actors.find("The Pakistan Air Force and Pakistan struck.")]
    assert texts == ["Pakistan Air Force", "Pakistan"]


def test_no_match_inside_words(actors: ActorDictionary) -> None:
    assert actors.find("UNDER the fun, Unanimous") == []
    assert actors.find("a sunny funfair in Taliban-free Punjab") == [
        ActorMention(19, 26, "Taliban", "Afghan Taliban", "AFG", 1, "forces")
    ]


@pytest.mark.parametrize(
    "text", ["the un said", "who said so", "it is what it is", "us and them", "fc", "rsf"]
)
def test_acronyms_are_case_sensitive(actors: ActorDictionary, text: str) -> None:
    assert actors.find(text) == []


def test_acronyms_upper_case_match(actors: ActorDictionary) -> None:
    found = actors.find("The UN and WHO said IS fighters fled.")
    assert [(m.text, m.name) for m in found] == [
        ("UN", "United Nations"),
        ("WHO", "World Health Organization"),
        ("IS fighters", "Islamic State"),
    ]


def test_mixed_case_aliases_listed_as_cs(actors: ActorDictionary) -> None:
    assert actors.find("an amnesty at dawn") == []
    assert [m.name for m in actors.find("Amnesty said, Dawn reported")] == [
        "Amnesty International",
        "News media",
    ]


def test_sentence_spans_sorted_and_disjoint(actors: ActorDictionary) -> None:
    text = "ISPR said 23 Pakistani soldiers and more than 200 Taliban fighters were killed, residents said."
    found = actors.find(text)
    assert [(m.start, m.end, m.text) for m in found] == [
        (0, 4, "ISPR"),
        (13, 31, "Pakistani soldiers"),
        (50, 66, "Taliban fighters"),
        (80, 89, "residents"),
    ]
    assert [m.inter for m in found] == [1, 1, 1, 7]


def test_hyphen_and_space_variants(actors: ActorDictionary) -> None:
    for text in ("Tehrik-i-Taliban Pakistan", "Tehrik i Taliban Pakistan", "Tehrik-i-Taliban  Pakistan"):
        (m,) = actors.find(text)
        assert (m.start, m.end, m.country, m.inter) == (0, len(text), "PAK", 2)


def test_names_with_parenthesised_acronym(actors: ActorDictionary) -> None:
    found = actors.find("Tehrik-i-Taliban Pakistan (TTP) fighters")
    assert [(m.text, m.inter) for m in found] == [
        ("Tehrik-i-Taliban Pakistan", 2),
        ("TTP", 2),
        ("fighters", 2),
    ]


def test_lookup(actors: ActorDictionary) -> None:
    ttp = actors.lookup("TTP")
    assert ttp is not None and (ttp.name, ttp.country, ttp.inter) == (TTP, "PAK", 2)
    ispr = actors.lookup("Pakistani military (ISPR)")
    assert ispr is not None and (ispr.country, ispr.inter, ispr.role) == ("PAK", 1, "forces")
    generic = actors.lookup(" Afghan soldiers ")
    assert generic is not None and (generic.name, generic.country, generic.inter) == (
        "Afghan soldiers",
        "AFG",
        1,
    )
    assert actors.lookup("soldiers of Pakistan") is None
    assert actors.lookup("ttp") is None


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Pakistani", "PAK"),
        ("Afghans", "AFG"),
        ("Pakistan", "PAK"),
        ("Congolese", "COD"),
        ("Emirati", "ARE"),
        ("Filipino", "PHL"),
        ("Somalis", "SOM"),
        ("south sudanese", "SSD"),
        ("US", "USA"),
        ("us", None),
        ("Kurdish", None),
        ("Atlantean", None),
    ],
)
def test_demonym_country(word: str, iso3: str | None) -> None:
    assert demonym_country(word) == iso3


def test_load_is_cached() -> None:
    assert ActorDictionary.load() is ActorDictionary.load()


def test_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="E201"):
        ActorDictionary(
            actors=[{"name": "X", "country": "", "inter": 1, "role": "army"}], demonyms=[], groups=[]
        )


def test_stance_prefixes_are_not_the_actor(actors: ActorDictionary) -> None:
    found = actors.find(
        "anti-Taliban forces and pro-government militias clashed with anti-government protesters"
    )
    assert [(m.text, m.inter) for m in found] == [("pro-government militias", 3), ("protesters", 6)]
    assert [(m.text, m.inter) for m in actors.find("Anti-Balaka fighters")] == [("Anti-Balaka fighters", 4)]


def test_outlet_names_are_not_their_country(actors: ActorDictionary) -> None:
    """An outlet named after a country is the outlet (media, 0), not the country's government."""
    found = actors.find("Israel Hayom and Afghanistan International reported, the Times of India said")
    assert [(m.text, m.role, m.inter) for m in found] == [
        ("Israel Hayom", "media", 0),
        ("Afghanistan International", "media", 0),
        ("Times of India", "media", 0),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the nation mourned the times of war",  # no outlet names in lower case
        "at a press conference in the general security situation",
        "the mayor said",  # titles need a place or a demonym before them
        "opposition media says",
    ],
)
def test_generic_words_are_no_new_actors(actors: ActorDictionary, text: str) -> None:
    assert actors.find(text) == []


def test_a_place_used_to_say_where_a_body_sits_is_not_an_actor(actors: ActorDictionary) -> None:
    found = actors.find("A Kenya-based monitor and a Britain-based group said Kenya's police fired.")
    assert [m.text for m in found if m.country in ("KEN", "GBR")] == ["Kenya's police"]


def test_a_demonym_before_an_official_count_is_that_state(actors: ActorDictionary) -> None:
    m = only(actors, "according to Ethiopian figures released on Monday", "Ethiopian figures")
    assert (m.country, m.inter, m.role) == ("ETH", 1, "government")


def test_theatre_is_carried_to_the_mention(actors: ActorDictionary) -> None:
    (lra,) = actors.find("LRA rebels raided a village.")
    assert lra.country == "UGA" and "COD" in lra.theatre
    assert all(m.theatre == () for m in actors.find("The Pakistan Air Force struck."))
