"""Figures given place by place, and harm set apart in a clause of its own (docs/extraction.md,
"Events"): "40 were killed ... 25 in Khost, 10 in Kunar and 5 in Paktika" is one event per place,
each holding its own figure, besides the aggregate event that holds the total; with no total told
apart, the list's places are its events; "four killed in Khost, while two others were wounded in
Kunar" is two incidents. With a small gazetteer (afghan_places.py) that resolves three provinces; the
sentences are written for these tests, and a five-sentence tail makes each a longer report."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.extract.afghan_places import PROVINCES, Extract, extractor, row

from tolls.extract.events import _distributed
from tolls.model import Extraction, Place


def _spans(text: str, *words: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for w in words:
        at = text.index(w, at)
        out.append((at, at + len(w)))
        at += len(w)
    return out


def _places(text: str, *names: str) -> list[Place]:
    return [
        Place(n, a, b, country="AFG", precision="province", lat=33.0, lon=69.0)
        for n, (a, b) in zip(names, _spans(text, *names), strict=True)
    ]


def test_each_figure_with_the_place_told_right_after_it() -> None:
    text = "Of them, 25 were killed in Khost, 10 in the Kunar region and 5 in Paktika."
    run = _distributed(text, _spans(text, "25", "10", "5"), _places(text, "Khost", "Kunar", "Paktika"))
    assert [(p.name, text[lo:hi]) for p, lo, hi in run] == [
        ("Khost", "25 were killed in Khost, "),
        ("Kunar", "10 in the Kunar region and "),
        ("Paktika", "5 in Paktika"),
    ]


def test_no_list_without_a_figure_before_each_place() -> None:
    text = "Strikes in Khost killed 25 people, and clashes broke out in Kunar and Paktika."
    assert _distributed(text, _spans(text, "25"), _places(text, "Khost", "Kunar", "Paktika")) == []
    text = "25 people from Khost, 10 from Kunar were killed."  # where victims came from, not where
    assert _distributed(text, _spans(text, "25", "10"), _places(text, "Khost", "Kunar")) == []


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Extract:
    return extractor(
        Path(tmp_path_factory.mktemp("geo")),
        (*PROVINCES, row(5, "Asadabad", "city", 34.87, 71.15, admin1="Kunar")),
    )


def _by_event(x: Extraction) -> list[tuple[str, list[int | None]]]:
    return [
        (e.locations[0].name, [c.figure.value for c in x.claims if c.event_ref == i])
        for i, e in enumerate(x.events)
    ]


@pytest.mark.slow
def test_a_total_and_its_share_by_place_are_an_aggregate_and_one_event_per_place(placed: Extract) -> None:
    x = placed(
        "Air strikes killed 40 people in Afghanistan on Sunday, officials said. "
        "Officials said 25 people were killed in Khost, 10 in Kunar and 5 in Paktika."
    )
    events = _by_event(x)
    assert events[1:] == [("Khost", [25]), ("Kunar", [10]), ("Paktika", [5])]
    assert 40 in events[0][1]
    assert {p.name for p in x.events[0].locations} >= {"Khost", "Kunar", "Paktika"}  # the aggregate
    assert [e.scope for e in x.events] == ["aggregate", "incident", "incident", "incident"]


@pytest.mark.slow
def test_shares_told_alone_are_the_places_events(placed: Extract) -> None:
    x = placed("Shelling killed 12 people in Khost and 3 in Kunar on Sunday, officials said.")
    assert _by_event(x) == [("Khost", [12]), ("Kunar", [3])]


@pytest.mark.slow
def test_harm_set_apart_by_while_at_a_place_of_its_own_is_an_incident_of_its_own(placed: Extract) -> None:
    x = placed("Shelling killed four people in Khost on Sunday, while two others were wounded in Kunar.")
    assert _by_event(x) == [("Khost", [4]), ("Kunar", [2])]
    # with no place of its own, the harm is the shelling's
    x = placed("Shelling killed four people in Khost on Sunday, while two others were wounded.")
    assert _by_event(x) == [("Khost", [4, 2])]


@pytest.mark.slow
def test_a_total_in_the_list_sentence_stays_on_the_aggregate(placed: Extract) -> None:
    x = placed(
        "Air strikes killed 40 people on Sunday, 25 in Khost, 10 in Kunar and 5 in Paktika, officials said."
    )
    assert _by_event(x) == [("Khost", [40]), ("Khost", [25]), ("Kunar", [10]), ("Paktika", [5])]
    assert [e.scope for e in x.events] == ["aggregate", "incident", "incident", "incident"]
    x = placed(
        "Jets struck Khost on Sunday, officials said. "
        "The toll stood at 40 by evening, with 25 dead in Khost and 15 in Kunar."
    )
    assert [c.figure.value for c in x.claims if c.event_ref == 0] == [40]
    for e in x.events:  # each place once
        names = [p.name for p in e.locations]
        assert len(names) == len(set(names)), names


@pytest.mark.slow
def test_a_list_sentence_with_no_trigger_gives_each_place_its_figure(placed: Extract) -> None:
    x = placed(
        "Jets struck targets in Afghanistan on Sunday, officials said. "
        "The dead numbered 25 in Khost and 15 in Kunar."
    )
    assert _by_event(x) == [("Khost", [25]), ("Kunar", [15])]


@pytest.mark.slow
def test_figures_told_before_their_place_are_that_places(placed: Extract) -> None:
    x = placed(
        "Air strikes killed 35 people in Afghanistan on Sunday, officials said. "
        "Officials said 25 were killed and 40 wounded in Khost, and 10 killed in Kunar."
    )
    assert _by_event(x)[1:] == [("Khost", [25, 40]), ("Kunar", [10])]


@pytest.mark.slow
def test_places_where_no_harm_happened_do_not_split_the_incident(placed: Extract) -> None:
    x = placed(
        "A suicide bomber killed five people at a mosque in Khost on Sunday, police said. "
        "Of the wounded, 12 were treated in Khost and 6 in Kunar."
    )
    assert len(x.events) == 1
    x = placed(
        "A roadside bomb killed four soldiers in Khost on Sunday, "
        "while six others were wounded and taken to a hospital in Kunar."
    )
    assert len(x.events) == 1
    x = placed(
        "Gunmen killed three police officers in Khost on Sunday, "
        "while two children were wounded while playing near a school in Kunar."
    )
    assert len(x.events) == 1


@pytest.mark.slow
def test_a_lede_split_by_place_and_its_shares_give_one_event_per_place(placed: Extract) -> None:
    x = placed(
        "Air strikes on Khost and Kunar killed 15 people on Sunday, officials said. "
        "Officials said 12 were killed in Khost and 3 in Kunar."
    )
    assert _by_event(x) == [("Khost", [15]), ("Khost", [12]), ("Kunar", [3])]


@pytest.mark.slow
def test_statistics_of_a_past_period_are_not_split_by_place(placed: Extract) -> None:
    x = placed(
        "A landmine killed 3 children in Khost on Tuesday. "
        "Last year 120 children were killed by landmines in Khost, 80 in Kunar and 40 in Paktika, "
        "the UN said."
    )
    assert len(x.events) <= 2


@pytest.mark.slow
def test_a_second_blast_at_the_same_place_is_the_same_incident(placed: Extract) -> None:
    x = placed(
        "A bomber blew himself up at a mosque in Khost on Friday, killing 20 worshippers. "
        "The second explosion hit the mosque in Khost minutes later, killing 10 more."
    )
    assert _by_event(x) == [("Khost", [20, 10])]


@pytest.mark.slow
def test_harm_at_a_town_inside_the_incidents_province_is_the_same_incident(placed: Extract) -> None:
    x = placed(
        "A car bomb killed six soldiers in Kunar on Sunday, whereas 11 others were injured in Asadabad."
    )
    assert len(x.events) == 1
    x = placed(
        "A car bomb killed six soldiers in Kunar on Sunday, "
        "whereas 11 others were injured in the blast in Asadabad."
    )
    assert len(x.events) == 1
