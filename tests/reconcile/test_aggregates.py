"""A period's total recalled in an incident's report: which figures are one (pure, no spaCy)."""

from __future__ import annotations

import pytest

from tolls.model import Claim, Figure, Party
from tolls.reconcile.aggregates import period_total


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
