"""An incident's days over a night: a sentence giving its start and end on two days, and a later
sentence giving in full the days around the one day told first. Reports written for these
tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tolls.extract.events import _fuller
from tolls.model import DateSpan, Extraction

pytestmark = pytest.mark.slow

Extract = Callable[..., Extraction]
SAT, SUN = date(2025, 3, 8), date(2025, 3, 9)


def test_a_start_and_an_end_on_two_days_are_one_incident_over_both(extract: Extract) -> None:
    x = extract(
        "The army said on Sunday that 12 soldiers were killed in clashes with militants near the post. "
        "The fighting, which began late on Saturday, ended early on Sunday.",
        published=SUN,
    )
    assert [(e.dates.start, e.dates.end) for e in x.events if e.type.startswith("Battles")] == [(SAT, SUN)]


def test_a_later_telling_widens_one_day_to_the_days_around_it() -> None:
    sunday = DateSpan(SUN, SUN, "day", "Sunday")
    both = DateSpan(SAT, SUN, "day", "Saturday; Sunday")
    assert _fuller(sunday, both) == both
    assert _fuller(both, sunday) == both  # a later single day narrows nothing
    week = DateSpan(date(2025, 3, 3), SUN, "day", "last week")
    assert _fuller(sunday, week) == sunday  # a week is no telling of a night
    assert _fuller(None, sunday) == sunday


def test_two_places_on_two_days_in_one_sentence_stay_two_incidents(extract: Extract) -> None:
    x = extract(
        "Shelling killed three farmers in Kherson on Saturday and five more in Zaporizhzhia on Sunday.",
        published=SUN,
    )
    days = sorted((e.dates.start, e.dates.end) for e in x.events if e.dates.start)
    assert days == [(SAT, SAT), (SUN, SUN)]


def test_a_later_claim_on_another_day_does_not_widen_the_incident(extract: Extract) -> None:
    x = extract(
        "The bombing at the market on Saturday that killed 9 people was claimed on Sunday by rebels.",
        published=SUN,
    )
    assert [(e.dates.start, e.dates.end) for e in x.events if e.dates.start] == [(SAT, SAT)]
