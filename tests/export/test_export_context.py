"""What an export reads beside the events: outlets and whole summaries."""

from __future__ import annotations

import pytest

from tolls.export.context import ExportContext, outlet_of, whole_sentence
from tolls.export.notes import analyst_notes
from tolls.model import LedgerEvent

TEXT = (
    "Pakistan says 23 soldiers killed\n\nPakistan's military media wing, ISPR, said on Sunday that 23 "
    "Pakistani soldiers were killed and 29 wounded when Afghan Taliban forces attacked border posts "
    "along the Durand Line on the night of 11/12 October. It said 19 posts were captured."
)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.dawn.com/news/1", "dawn.com"),
        ("http://Reuters.com/x?y=1", "reuters.com"),
        ("", ""),
        (None, ""),
        ("not a url", ""),
        ("http://[::1", ""),
    ],
)
def test_outlet_is_the_host_without_www(url: str | None, outlet: str) -> None:
    assert outlet_of(url) == outlet


def test_a_cut_summary_is_made_whole_from_its_document() -> None:
    # as the extraction cuts a long first sentence: 159 characters, flattened, then "…"
    sentence = TEXT[34 : TEXT.index("October.") + len("October.")]
    cut = sentence[:159].rstrip() + "…"
    assert whole_sentence(TEXT, cut) == sentence
    assert whole_sentence(TEXT.replace("\n", " "), cut) == sentence


def test_a_summary_that_cannot_be_found_or_ended_stays_as_it_is() -> None:
    assert whole_sentence(TEXT, "Nothing like this…") is None
    assert whole_sentence("a b c " * 1000, "a b c…") is None  # no sentence end within the limit
    assert whole_sentence(TEXT, "…") is None
    event = LedgerEvent(id="e", type="Battles", summary="Cut…")
    assert ExportContext().summary(event) == "Cut…"
    assert ExportContext(summaries={"e": "Cut whole."}).summary(event) == "Cut whole."


def test_analyst_notes_keep_review_lines_and_drop_the_reconcilers() -> None:
    notes = (
        "Disputed killed (soldiers): soldiers: 23; ISPR: 23.\nMerged e-2 by alice.\n\n  Checked with Dawn.  "
    )
    assert analyst_notes(notes) == "Merged e-2 by alice. Checked with Dawn."
