"""Figure parser: hand-written sentences for every qualifier, the exclusions, spans, and robustness."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tolls.extract.figures import find_figures, parse_figure
from tolls.model import Figure

Row = tuple[str, int | None, int | None, int | None, str]


def _found(text: str) -> list[Row]:
    return [
        (m.figure.text, m.figure.value, m.figure.low, m.figure.high, m.figure.qualifier)
        for m in find_figures(text)
    ]


# (sentence, expected figures as (text, value, low, high, qualifier))
CASES: list[tuple[str, list[Row]]] = [
    # exact: digits, thousands separators, number words, capitalised, compound words
    ("Police said 12 people were killed.", [("12", 12, 12, 12, "exact")]),
    ("The ministry reported 1,200 casualties.", [("1,200", 1200, 1200, 1200, "exact")]),
    ("Nine soldiers died in the ambush.", [("Nine", 9, 9, 9, "exact")]),
    # a date in brackets is no count: "(September 17, 2024)"
    ("Radios exploded on Tuesday (March 14, 2024), wounding 40.", [("40", 40, 40, 40, "exact")]),
    ("Fifteen villagers were abducted overnight.", [("Fifteen", 15, 15, 15, "exact")]),
    # a whole month then a comma: the number after it counts ("on May 9" is a date)
    ("During April, 9 herders went missing.", [("9", 9, 9, 9, "exact")]),
    ("The strike killed twenty-three fighters.", [("twenty-three", 23, 23, 23, "exact")]),
    ("Officials counted one hundred and fifty bodies.", [("one hundred and fifty", 150, 150, 150, "exact")]),
    ("A hundred families fled the town.", [("A hundred", 100, 100, 100, "exact")]),
    ("Two thousand five hundred homes burned.", [("Two thousand five hundred", 2500, 2500, 2500, "exact")]),
    ("Aid agencies said 1.5 million need shelter.", [("1.5 million", 1500000, 1500000, 1500000, "exact")]),
    ("About 2 million refugees crossed the border.", [("About 2 million", 2000000, None, None, "about")]),
    ("Almost 3million people have fled the fighting.", [("Almost 3million", 3000000, None, None, "about")]),
    ("The rate reached 41 per 100,000 people.", [("41", 41, 41, 41, "exact")]),
    ("As of 12 June, 1,210,000 people had returned.", [("1,210,000", 1210000, 1210000, 1210000, "exact")]),
    ("On 4 May, 9 villagers were shot dead.", [("9", 9, 9, 9, "exact")]),
    ("On 21st March, 30 people died.", [("30", 30, 30, 30, "exact")]),
    ("Since March, 7 more were found.", []),
    ("One soldier was wounded, the army said.", [("One", 1, 1, 1, "exact")]),
    ("Two dozen rebels surrendered.", [("Two dozen", 24, 24, 24, "exact")]),
    ("Half a dozen guards were taken hostage.", [("Half a dozen", 6, 6, 6, "exact")]),
    ("Rebels freed 5 and kept 3 hostages.", [("5", 5, 5, 5, "exact"), ("3", 3, 3, 3, "exact")]),
    # at_least
    ("At least 40 people were killed in the blast.", [("At least 40", 40, 40, None, "at_least")]),
    ("No fewer than seven militants died.", [("No fewer than seven", 7, 7, None, "at_least")]),
    ("A minimum of 30 houses burned.", [("A minimum of 30", 30, 30, None, "at_least")]),
    ("The group lost 30 or more fighters.", [("30 or more", 30, 30, None, "at_least")]),
    ("The 200-plus detainees were moved.", [("200-plus", 200, 200, None, "at_least")]),
    # more_than
    ("More than 200 soldiers were killed.", [("More than 200", 200, 201, None, "more_than")]),
    ("The shelling killed over 50 civilians.", [("over 50", 50, 51, None, "more_than")]),
    ("Upwards of 300 people fled.", [("Upwards of 300", 300, 301, None, "more_than")]),
    ("In excess of 1,000 families were displaced.", [("In excess of 1,000", 1000, 1001, None, "more_than")]),
    ("More than a dozen police officers were hurt.", [("More than a dozen", 12, 13, None, "more_than")]),
    ("The army took over 3 posts near the border.", [("3", 3, 3, 3, "exact")]),
    # up_to
    ("Up to 80 people may have died.", [("Up to 80", 80, None, 80, "up_to")]),
    ("As many as 12 children were among the dead.", [("As many as 12", 12, None, 12, "up_to")]),
    ("No more than five detainees were released.", [("No more than five", 5, None, 5, "up_to")]),
    ("At most 4 guards remained.", [("At most 4", 4, None, 4, "up_to")]),
    # about
    ("Around 600 people were evacuated.", [("Around 600", 600, None, None, "about")]),
    ("Nearly 90 civilians died.", [("Nearly 90", 90, None, None, "about")]),
    ("Some 300 fighters joined the offensive.", [("Some 300", 300, None, None, "about")]),
    ("An estimated 4,500 people sheltered in schools.", [("An estimated 4,500", 4500, None, None, "about")]),
    ("Roughly 70 militants were captured.", [("Roughly 70", 70, None, None, "about")]),
    ("Close to 100 homes were razed.", [("Close to 100", 100, None, None, "about")]),
    (
        "Almost 20 were injured and 40 or so fled.",
        [("Almost 20", 20, None, None, "about"), ("40 or so", 40, None, None, "about")],
    ),
    # range
    ("Between 15 and 20 soldiers died.", [("Between 15 and 20", 15, 15, 20, "range")]),
    ("Witnesses said 15-20 people were shot.", [("15-20", 15, 15, 20, "range")]),
    ("The raid left 25 to 150 dead.", [("25 to 150", 25, 25, 150, "range")]),
    ("Two to three fighters were seen.", [("Two to three", 2, 2, 3, "range")]),
    ("Locals said 15 or 20 were buried.", [("15 or 20", 15, 15, 20, "range")]),
    ("Estimates ranged from 5 to 8 deaths.", [("ranged from 5 to 8", 5, 5, 8, "range")]),
    ("Two to three thousand people marched.", [("Two to three thousand", 2000, 2000, 3000, "range")]),
    # a floor before a range bounds its low end (SCHEMA: "at least 15-20" -> at_least 15)
    ("At least 30 to 40 villagers died.", [("At least 30 to 40", 30, 30, None, "at_least")]),
    ("More than 8-10 guards were hurt.", [("More than 8-10", 8, 9, None, "more_than")]),
    ("The toll rose from 20 to 30.", [("20", 20, 20, 20, "exact"), ("30", 30, 30, 30, "exact")]),
    # vague
    ("Several soldiers were hurt.", [("several".capitalize(), 3, None, None, "vague")]),
    ("Dozens of people were detained.", [("Dozens", 24, None, None, "vague")]),
    ("Scores of bodies were found.", [("Scores", 40, None, None, "vague")]),
    (
        "Hundreds fled and thousands are stranded.",
        [("Hundreds", 200, None, None, "vague"), ("thousands", 2000, None, None, "vague")],
    ),
    ("Millions face hunger.", [("Millions", 2000000, None, None, "vague")]),
    ("Tens of thousands were displaced.", [("Tens of thousands", 20000, None, None, "vague")]),
    ("Several hundred homes were destroyed.", [("Several hundred", 300, None, None, "vague")]),
    # not figures at all
    ("Many people and numerous families were hit; some fled.", []),
    ("The army reported heavy casualties.", []),
    ("A civilian was killed and an officer was hurt.", []),
    ("No one was injured; they blamed one another.", []),
    # exclusions: years, dates, times, ages, durations, money, measures, ordinals, identifiers
    ("In 2014 the militants attacked again.", []),
    ("The war that began in October 2023 continues.", []),
    ("Since 1990, the town has changed hands.", []),
    ("The attack on 25 October was repelled.", []),
    ("On October 7th, gunmen crossed the fence.", []),
    ("Fighting resumed on 11/12 after talks failed.", []),
    ("The blast happened at 11pm, and another at 3 am and 10:30.", []),
    ("The victim, 22 years old, was aged 12 when his brother, a 12-year-old, left.", []),
    ("After five days of clashes and two weeks of talks, a 3-day truce began.", []),
    ("They paid $5 million and 20,000 dollars; 20% of homes lost power.", []),
    ("The convoy travelled 30 km and carried 500 kg of food.", []),
    ("The third attack and the 2nd wave came later.", []),
    ("He won in PK 31 under Resolution 2334 as an F-16 flew over Route 7 and Brigade 51.", []),
    ("Call 0300 1234567 or 123456789 for help.", []),
    ("Dozens of times, hundreds of miles away, thousands of dollars were spent.", []),
    ("Several days later they returned.", []),
    ("The 1990s and the COVID-19 wave were different.", []),
    ("The score was 3-2 after 90 minutes.", []),
    ("The victim Karim (25) was shot; Umar Khan, 31, survived.", []),
    ("Gunmen killed Bashir Ahmad 45 in his shop.", []),
    ("The strike killed Dr. Sami Haddad, 69, and his wife Mona Haddad (Nasser) 66.", []),
    ("His mother Leila (Khalil) 58, and a neighbour died.", []),
    ("Deaths by town: Kabul, 14; Khost, 9.", [("14", 14, 14, 14, "exact"), ("9", 9, 9, 9, "exact")]),
    ("Three men of 24 Assam Rifles were hurt at the 31 Field Regiment camp.", [("Three", 3, 3, 3, "exact")]),
    ("The attack came on may 9 when children under the age of 16 were in a five storey building.", []),
    (
        "On Sunday 12 people died; soldiers killed one and injured 4.",
        [("12", 12, 12, 12, "exact"), ("one", 1, 1, 1, "exact"), ("4", 4, 4, 4, "exact")],
    ),
    ("It was one of the worst days, and the dead were buried one by one.", []),
    ("The strike hit at 2 pm.More than 20 were hurt.", [("More than 20", 20, 21, None, "more_than")]),
    ("A 15 member squad attacked from 2 to 4 km away during the 2019-2020 season, on 11-12 October.", []),
    (
        "Nearly two dozen people and zero casualties.",
        [("Nearly two dozen", 24, None, None, "about"), ("zero", 0, 0, 0, "exact")],
    ),
    (
        "A few hundred fled; several thousand stayed; hundreds of thousands waited.",
        [
            ("A few hundred", 300, None, None, "vague"),
            ("several thousand", 3000, None, None, "vague"),
            ("hundreds of thousands", 200000, None, None, "vague"),
        ],
    ),
    # years are counts when a qualifier or a count noun makes them one
    ("Over 2000 people were evacuated.", [("Over 2000", 2000, 2001, None, "more_than")]),
    ("Officials said 2000 people were evacuated.", [("2000", 2000, 2000, 2000, "exact")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_find_figures(text: str, expected: list[Row]) -> None:
    assert _found(text) == expected


def test_spans_cover_the_whole_phrase() -> None:
    text = "Medics said more than 200 were hurt and between 15 and 20 died."
    mentions = find_figures(text)
    assert [(m.start, m.end) for m in mentions] == [(12, 25), (40, 57)]
    for m in mentions:
        assert text[m.start : m.end] == m.figure.text


def test_mentions_sorted_and_disjoint() -> None:
    text = "At least 5, up to 10, some 20, 30-40 and dozens more: 7 or 8, nine."
    mentions = find_figures(text)
    expected = ["At least 5", "up to 10", "some 20", "30-40", "dozens", "7 or 8", "nine"]
    assert [m.figure.text for m in mentions] == expected
    for first, second in itertools.pairwise(mentions):
        assert first.end <= second.start


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("more than 200", Figure("more than 200", 200, 201, None, "more_than")),
        ("nine", Figure("nine", 9, 9, 9, "exact")),
        ("15-20", Figure("15-20", 15, 15, 20, "range")),
        ("dozens", Figure("dozens", 24, None, None, "vague")),
        ("  at least one  ", Figure("at least one", 1, 1, None, "at_least")),
        ("one", Figure("one", 1, 1, 1, "exact")),
        ("an", Figure("an", 1, 1, 1, "exact")),
        ("2000", Figure("2000", 2000, 2000, 2000, "exact")),
        ("a dozen", Figure("a dozen", 12, 12, 12, "exact")),
    ],
)
def test_parse_figure(phrase: str, expected: Figure) -> None:
    assert parse_figure(phrase) == expected


@pytest.mark.parametrize(
    "phrase", ["", "many", "some", "heavy casualties", "5 km", "12 and 14", "11pm", "a few", "10:30"]
)
def test_parse_figure_rejects(phrase: str) -> None:
    assert parse_figure(phrase) is None


ALPHABET = st.sampled_from([*"0123456789 ,.-–/:%$()aAnd\n", "one", "hundred", "more than ", "between ", "to"])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    for m in find_figures(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.figure.text
    parse_figure(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_number_like_noise_stays_consistent(text: str) -> None:
    mentions = find_figures(text)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        fig = m.figure
        if fig.qualifier == "range":
            assert fig.low is not None and fig.high is not None and fig.low < fig.high
        if fig.qualifier == "exact":
            assert fig.low == fig.high == fig.value
    for first, second in itertools.pairwise(mentions):
        assert first.end <= second.start


def test_pathological_inputs_are_fast() -> None:
    texts = ["one " * 5000, "1," * 5000, "-" * 10000 + "5", "more than " * 2000 + "5", " " * 9999, "9" * 9999]
    t0 = time.perf_counter()
    for text in texts:
        find_figures(text)
    assert time.perf_counter() - t0 < 2.0


def test_issue_second_day_of_a_month_range_is_not_a_count() -> None:
    assert [
        f.figure.value
        for f in find_figures("3 killed between Mar 23 and 24, and 12 in March 2024 and four later")
    ] == [3, 12, 4]
