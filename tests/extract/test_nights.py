"""A night's incident dated by the day after it (tolls.extract.nights); sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tolls.extract.nights import overnight_dates
from tolls.model import DateSpan


def dated(text: str, mention: str, day: date) -> DateSpan:
    at = text.index(mention)
    return DateSpan(day, day, "day", mention, at, at + len(mention))


SUNDAY = date(2025, 3, 9)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The army said on Sunday that 12 soldiers died in overnight fighting on the frontier.", "Sunday"),
        ("QUETTA, March 9, 2025 - Heavy overnight clashes left 12 soldiers dead.", "March 9, 2025"),
        ("Posts were attacked through the night, the army said in a statement on Sunday.", "Sunday"),
    ],
)
def test_a_night_told_by_the_day_after_it_spans_that_night(text: str, mention: str) -> None:
    d = overnight_dates(text, [(0, len(text))], dated(text, mention, SUNDAY))
    assert (d.start, d.end, d.precision) == (date(2025, 3, 8), SUNDAY, "day")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Border posts came under fire overnight on Sunday, and 12 soldiers died.", "Sunday"),
        ("Militants attacked the post on Sunday night, killing 12 soldiers.", "Sunday night"),
        ("The night of 9 March saw heavy fighting overnight near the post.", "9 March"),
        ("Fighting on Sunday killed 12 soldiers near the post.", "Sunday"),
    ],
)
def test_a_date_written_with_the_night_or_no_night_is_left_as_written(text: str, mention: str) -> None:
    span = dated(text, mention, SUNDAY)
    assert overnight_dates(text, [(0, len(text))], span) == span


def test_the_night_must_be_told_of_the_incident_itself() -> None:
    text = "Fighting killed 12 soldiers, the army said on Sunday. Shops stayed shut overnight."
    span = dated(text, "Sunday", SUNDAY)
    first = (0, text.index("Shops") - 1)
    assert overnight_dates(text, [first], span) == span
    assert overnight_dates(text, [(0, len(text))], span).start == date(2025, 3, 8)


def test_a_night_into_a_day_and_a_late_night_span_the_night_before() -> None:
    for text, mention in (
        ("Heavy clashes raged overnight into Sunday along the border.", "Sunday"),
        ("Militants launched late-night attacks on posts, the army said on Sunday.", "Sunday"),
    ):
        d = overnight_dates(text, [(0, len(text))], dated(text, mention, SUNDAY))
        assert (d.start, d.end) == (date(2025, 3, 8), SUNDAY), text
