"""A report's dateline (where it was filed) and the places of its incidents (docs/extraction.md,
"Events"). A small gazetteer (tests/extract/afghan_places.py); the sentences are written for
these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.extract.afghan_places import PROVINCES, Extract, extractor

from tolls.extract.events import _dateline
from tolls.model import Place

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Extract:
    return extractor(Path(tmp_path_factory.mktemp("geo")), PROVINCES)


def _at(text: str, name: str) -> Place:
    start = text.lower().index(name.lower())
    end = start + len(name)
    return Place(text[start:end], start, end, country="AFG", precision="province")


def test_a_dateline_is_the_reports_opening_place_form() -> None:
    for text in (
        "Khost, Nov 3 (Wire) - A roadside bomb hit a van, police said.",
        "KHOST — A roadside bomb hit a van on Monday, police said.",
        "Khost, Afghanistan, 3 November: A roadside bomb hit a van.",
        "Khost: A roadside bomb hit a van on Monday, police said.",
        "Breaking\nKhost: A roadside bomb hit a van on Monday, police said.",
    ):
        assert _dateline(text, _at(text, "Khost")), text


def test_a_place_heading_a_line_of_the_body_is_no_dateline() -> None:
    body = "Police said the roads were closed after a long night of fighting.\n"
    for text in (
        body + "Khost: a roadside bomb hit a van on Monday, police said.",
        "Kunar: A bomb hit a bus, police said.\nKhost: A roadside bomb hit a van, police said.",
        "Khost: a roadside bomb hit a van on Monday, police said.",  # no capital after the colon
        "Khost (where the market stands) was shelled on Monday.",
        body + "Khost - the biggest town of the area - was shelled on Monday.",
        "Khost province: a roadside bomb hit a van on Monday, police said.",
    ):
        assert not _dateline(text, _at(text, "Khost")), text


def test_a_dateline_that_is_the_only_place_places_the_incident(placed: Extract) -> None:
    x = placed("Khost, Nov 3 (Wire) - A roadside bomb killed five passengers in a van, police said.")
    assert x.events and [p.name for p in x.events[0].locations] == ["Khost"]


def test_a_dateline_is_set_aside_for_a_place_the_report_names(placed: Extract) -> None:
    x = placed("Khost, Nov 3 (Wire) - A roadside bomb killed five passengers in Paktika, police said.")
    names = {p.name for e in x.events for p in e.locations}
    assert "Paktika" in names and "Khost" not in names
    # the dateline's own country is no place of the report's
    y = placed("Khost, Afghanistan, Nov 3 (Wire) - A roadside bomb killed five passengers, police said.")
    assert y.events and "Khost" in {p.name for p in y.events[0].locations}
    z = placed("Khost, Afghanistan - A roadside bomb killed five passengers on Monday, police said.")
    assert z.events and "Khost" in {p.name for p in z.events[0].locations}


def test_each_line_of_a_roundup_keeps_its_place(placed: Extract) -> None:
    x = placed(
        "Latest updates:\n"
        "Khost: A roadside bomb killed five passengers on Monday, police said.\n"
        "Kunar: Gunmen killed two guards at a checkpoint on Monday, police said.\n"
    )
    names = [{p.name for p in e.locations} for e in x.events]
    assert any("Khost" in n for n in names) and any("Kunar" in n for n in names)


def test_a_body_line_headed_by_a_place_and_a_dash_is_no_dateline() -> None:
    body = "Police said the roads were closed after a long night of fighting.\n"
    text = body + "Khost - Gunmen killed two guards at a checkpoint on Monday, police said."
    assert not _dateline(text, _at(text, "Khost"))
    # before the body's first sentence a headline may stand above it
    text = "Night of fear\nKhost - Gunmen killed two guards at a checkpoint on Monday, police said."
    assert _dateline(text, _at(text, "Khost"))


@pytest.mark.parametrize(
    "text",
    [
        "Khost, Nov 3 (Wire) - A roadside bomb killed five passengers on Monday, police said. "
        "Most of the dead were in Paktika, the governor said.",
        "Khost, Nov 3 (Wire) - A roadside bomb killed five passengers on Monday. "
        "The bomb hit a van in Paktika, police said.",
        "Khost: Roadside bomb kills five passengers\n"
        "Police said five passengers were killed when a roadside bomb hit a van in Paktika on Monday.",
    ],
)
def test_a_finer_place_told_on_replaces_the_dateline(placed: Extract, text: str) -> None:
    x = placed(text)
    names = [[p.name for p in e.locations] for e in x.events]
    assert names and all("Khost" not in n for n in names), names
    # one incident, with the figure, at the place the report names
    assert any("Paktika" in n for n in names)
    assert all(
        c.event_ref is None or "Paktika" in names[c.event_ref] for c in x.claims if c.figure.value == 5
    )


def test_a_long_capitalised_run_before_a_colon_is_judged_at_once() -> None:
    """Article text is untrusted: a line opening with a place and a long run of capitals or digits
    that is no dateline ("Kabul ABCD...&:") must fail the dateline pattern in linear time. With
    an ambiguous pattern every split of the run was tried (24 capitals took a second, each more
    doubled it), so this test would not finish."""
    from tolls.extract.events import _DATELINE_MID

    assert _DATELINE_MID.fullmatch(" " + "A" * 60 + "&") is None
    assert _DATELINE_MID.fullmatch(" " + "1" * 60 + "x") is None
    assert _DATELINE_MID.fullmatch(", Pakistan, Oct 12 (Reuters) ") is not None
