"""The export's shared helpers (tolls.export._common)."""

from __future__ import annotations

from tolls.export._common import event_country
from tolls.model import LedgerEvent, Party, Place


def test_a_lent_place_gives_no_country() -> None:
    # a place lent by another incident of the report (Place.lent) says where that one was
    lent = Place("Khost", country="AFG", precision="town", lat=33.3, lon=69.9, lent=True)
    told = Place("Wana", country="PAK", precision="town")  # told of it, not resolved
    state = Party("Pakistan", "PAK", 1)
    assert (
        event_country(LedgerEvent(id="a", type="Battles/Armed clash", locations=[lent], actors=[state]))
        == "PAK"
    )
    assert event_country(LedgerEvent(id="b", type="Battles/Armed clash", locations=[lent, told])) == "PAK"
    assert event_country(LedgerEvent(id="c", type="Battles/Armed clash", locations=[lent])) == ""
