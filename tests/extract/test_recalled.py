"""Recalled tolls: a figure of an earlier incident or a past period told in a later report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tolls.extract.recalled import recalled
from tolls.model import Extraction

Extract = Callable[..., Extraction]


def _recalled(sentence: str, figure: str, current: date | None = None) -> bool:
    at = sentence.index(figure)
    return recalled(sentence, (0, len(sentence)), (at, at + len(figure)), current)


@pytest.mark.parametrize(
    ("sentence", "figure", "current"),
    [
        # an adverbial opening the sentence dates every clause of it
        ("Last year, aid groups counted 80 dead, while the army said 12 soldiers died.", "12", None),
        ("Earlier this year, 40 people died in similar raids.", "40", None),
        # the figure's own clause names a past period or an earlier incident
        ("The district has seen earlier tribal clashes that killed over 60 people.", "over 60", None),
        ("Feuds over grazing land have claimed at least 30 lives in recent months.", "at least 30", None),
        # a relative clause reaches back to the incident it describes
        ("The truce agreed after March's fighting - which left 35 dead - failed.", "35", date(2024, 5, 2)),
        # a short fronted date before the figure's clause
        ("It was the second such raid: in June 2023, gunmen killed 14 there.", "14", date(2024, 2, 9)),
        # another year's month
        ("Militants killed 6 guards in March 2023.", "6", date(2024, 3, 20)),
        ("Soldiers killed in the August clashes numbered 19, the ministry said.", "19", date(2024, 9, 4)),
    ],
)
def test_a_figure_naming_an_earlier_time_is_recalled(
    sentence: str, figure: str, current: date | None
) -> None:
    assert _recalled(sentence, figure, current)


@pytest.mark.parametrize(
    ("sentence", "figure", "current"),
    [
        ("The death toll from the bombing has risen to 31, officials said.", "31", date(2024, 3, 3)),
        ("Police said 9 people were killed on Sunday in the attack.", "9", date(2024, 3, 3)),
        # the current incident's own month, or a day of a month, is no earlier period
        ("The March clashes killed 22 soldiers, the army said.", "22", date(2024, 3, 20)),
        ("Militants killed 6 guards in March 2024.", "6", date(2024, 3, 20)),
        ("Gunmen killed 5 people on a bus.", "5", None),
        # a month names no earlier time when the report dates its incident nowhere
        ("The March clashes killed 22 soldiers.", "22", None),
        # a cue in another clause of the sentence is not the figure's
        ("Officials said 8 were wounded, and the valley has seen feuds in recent months.", "8", None),
    ],
)
def test_a_figure_of_the_incident_told_is_not_recalled(
    sentence: str, figure: str, current: date | None
) -> None:
    assert not _recalled(sentence, figure, current)


@pytest.mark.slow
def test_a_later_report_keeps_the_recalled_toll_off_its_incident(extract: Extract) -> None:
    x = extract(
        "Drone strikes hit two villages in the north of the province on Tuesday night, killing 7 farmers, "
        "local officials said.\n"
        "The army has not commented on the strikes.\n"
        "Last month, a monitoring group said 60 civilians were killed during a week of fighting near the "
        "border, while the army said 15 of its soldiers were killed in those battles.",
        published=date(2024, 11, 20),
    )
    by_value = {c.figure.value: c for c in x.claims}
    assert not by_value[7].prior and by_value[7].event_ref == 0
    for value in (60, 15):
        assert by_value[value].prior and by_value[value].event_ref is None


@pytest.mark.slow
def test_a_report_recalling_a_toll_in_its_lede_keeps_it(extract: Extract) -> None:
    """A report whose first figure is told with "last month" is about that incident: no own
    incident was told before it, so nothing is recalled."""
    x = extract(
        "Last month, gunmen killed 11 passengers on a highway bus, the police said on Monday.",
        published=date(2024, 11, 20),
    )
    [c] = [c for c in x.claims if c.figure.value == 11]
    assert not c.prior and c.event_ref is not None
