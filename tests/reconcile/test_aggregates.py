"""A period's total recalled in an incident's report: which figures are one (pure, no spaCy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tolls.model import Claim, DateSpan, Figure, Party
from tolls.reconcile.aggregates import period_total, recalled


def told(evidence: str, figure: str) -> Claim:
    return Claim(
        Party("", "", 0),
        "killed",
        Party("", "", None),
        Figure(figure, 1, 1, 1, "exact"),
        (0, 1),
        evidence=evidence,
    )


@pytest.mark.parametrize(
    ("evidence", "figure"),
    [
        (
            "The agencies said more than a million Afghans had been forced to return since late 2023.",
            "more than a million",
        ),
        ("At least 130 people had been killed in clashes since November.", "At least 130"),
        ("A truce followed days of deadly cross-border clashes that killed dozens.", "dozens"),
        ("Nearly two million people have returned in 2025 alone.", "Nearly two million"),
        ("The UN said 50 civilians were killed during a week of border clashes in October.", "50"),
        ("Fighting on Sunday killed 12 soldiers, bringing the toll since January to 300.", "300"),
        ("Some 400 people have been killed so far this year.", "Some 400"),
        ("Over the past months 70 officers were killed in the province.", "70"),
        # a sum over several incidents, wherever the figure stands in the sentence
        ("Two policemen died and 11 rebels were killed in two different encounters on Friday.", "Two"),
        ("A soldier was killed, while six fighters were killed in two separate operations.", "six"),
        ("The army said it killed over 30 attackers in separate incidents of border fighting.", "over 30"),
        ("Five rebels were killed during joint operations in the district.", "Five"),
    ],
)
def test_a_period_in_the_figures_own_clause_makes_a_total(evidence: str, figure: str) -> None:
    assert period_total(told(evidence, figure))


@pytest.mark.parametrize(
    ("evidence", "figure"),
    [
        ("Fighting on Sunday killed 12 soldiers, bringing the toll since January to 300.", "12"),
        (
            "The UN said 50 civilians died in a week of clashes, while Pakistan said 23 soldiers died.",
            "23",
        ),
        ("Twelve people were killed since Saturday in the district.", "Twelve"),
        ("The army said 23 soldiers were killed in the fighting on Saturday night.", "23"),
        ("Two days of fighting killed 23 soldiers at the border.", "23"),
        ("The army said 23 soldiers were killed in the clashes since October 11.", "23"),
        ("Eleven rebels were killed in an operation in the district on Friday.", "Eleven"),
        ("The army said 23 soldiers were killed in the clashes on Saturday night.", "23"),
        ("", "23"),
    ],
)
def test_an_incidents_own_figure_is_no_total(evidence: str, figure: str) -> None:
    assert not period_total(told(evidence, figure))


def sentence(evidence: str, *figures: str) -> list[Claim]:
    """The claims of one sentence (``sentence`` 4), one per figure."""
    return [replace(told(evidence, f), sentence=4) for f in figures]


DAY_IN_NOVEMBER = DateSpan(date(2025, 11, 24), date(2025, 11, 24), "day")
DAY_IN_OCTOBER = DateSpan(date(2025, 10, 12), date(2025, 10, 12), "day")


def test_a_sentence_framed_in_the_past_beside_a_periods_total_recalls_all_its_figures() -> None:
    framed = sentence(
        "Last month, the UN said 50 civilians died in a week of clashes, while the army said 23 died.",
        "50",
        "23",
    )
    assert recalled(framed[1], framed)
    in_month = sentence(
        "In March, the UN said 50 civilians died in a week of clashes, while the army said 23 died.",
        "50",
        "23",
    )
    assert recalled(in_month[1], in_month)


def test_no_past_frame_or_no_period_recalls_nothing() -> None:
    unframed = sentence(
        "The UN said 50 civilians died in a week of clashes, while the army said 23 died.", "50", "23"
    )
    assert not recalled(unframed[1], unframed, DAY_IN_OCTOBER)
    no_period = sentence("Last month, the army said 23 soldiers died in a clash at the border.", "23")
    assert not recalled(no_period[0], no_period)


def test_a_toll_of_a_month_named_before_its_incidents_is_recalled() -> None:
    c = told("The clashes in October killed 23 soldiers, the army said.", "23")
    assert recalled(c, [c], DAY_IN_NOVEMBER)
    assert not recalled(c, [c], DAY_IN_OCTOBER)  # the report's own incident
    assert not recalled(c, [c], DateSpan(None, None, None))  # nothing dates the incident
    ahead = told("Talks in December will count the 23 soldiers killed, the army said.", "23")
    assert not recalled(ahead, [ahead], DAY_IN_NOVEMBER)
    dated = told("The army said 23 soldiers were killed on October 11.", "23")
    assert not recalled(dated, [dated], DAY_IN_NOVEMBER)  # a day, not a month


def test_a_toll_told_as_a_month_or_more_past_is_recalled_unless_it_dates_the_incident() -> None:
    c = told("The clashes last month killed 23 soldiers, the army said.", "23")
    assert recalled(c, [c], DAY_IN_NOVEMBER)
    last_month = DateSpan(date(2025, 10, 1), date(2025, 10, 31), "month", "last month")
    assert not recalled(c, [c], last_month)  # the report's incident is last month's
    assert not recalled(c, [c], DateSpan(None, None, None))
    week = told("The clashes last week killed 23 soldiers, the army said.", "23")
    assert not recalled(week, [week], DAY_IN_NOVEMBER)  # a report's own incident is often last week's


@pytest.mark.parametrize(
    ("evidence", "figure"),
    [
        (
            "Rebels killed eight guards on Monday in the first raid since the truce signed in May.",
            "eight",
        ),
        (
            "Nine were killed on Monday when a mine fell on miners who had arrived in July.",
            "Nine",
        ),
        ("Ten guards died on Monday in the worst blast at the plant since it reopened in June.", "Ten"),
        ("Six farmers were killed on Monday in a raid on a village that was also hit last year.", "Six"),
        ("Four guards were killed on Monday in a raid claimed by a militia founded last year.", "Four"),
        (
            "Gunmen shot three guards on Monday in retaliation for the arrest of their chief last month.",
            "three",
        ),
        ("Gunmen on Monday killed two hostages they had seized earlier this month.", "two"),
    ],
)
def test_a_month_or_past_phrase_of_a_background_clause_recalls_nothing(evidence: str, figure: str) -> None:
    c = told(evidence, figure)
    assert not recalled(c, [c], DAY_IN_NOVEMBER)


def test_a_risen_toll_is_the_incidents_own() -> None:
    c = told("The toll from last month's flooding of the camp rose to 44, the governor said.", "44")
    assert not recalled(c, [c], DAY_IN_NOVEMBER)


def test_a_frame_dating_the_incident_itself_keeps_its_figures() -> None:
    framed = sentence(
        "Last month, the UN said 40 civilians died in a week of clashes, while the police said 17 died.",
        "40",
        "17",
    )
    last_month = DateSpan(date(2025, 10, 1), date(2025, 10, 31), "month", "Last month")
    assert not recalled(framed[1], framed, last_month)
    assert recalled(framed[1], framed, DAY_IN_NOVEMBER)  # a different, current incident


def test_recent_days_make_a_period() -> None:
    assert period_total(told("Raids along the river in recent days left dozens dead.", "dozens"))
    assert period_total(told("Over recent weeks 60 guards were killed in the valley.", "60"))
