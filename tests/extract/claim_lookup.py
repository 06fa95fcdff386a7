"""Finding one claim in an extraction, and its claimant's side, for the claim tests."""

from __future__ import annotations

from tolls.model import Claim, Extraction


def one(x: Extraction, value: int | None, kind: str = "killed") -> Claim:
    """The one claim of ``kind`` whose figure is ``value`` (fails, listing the claims, unless there is
    exactly one)."""
    found = [c for c in x.claims if c.figure.value == value and c.kind == kind]
    assert len(found) == 1, [(c.kind, c.figure.text, c.claimant.name) for c in x.claims]
    return found[0]


def side(c: Claim) -> tuple[str, int | None]:
    """The claimant's country and ACLED inter code."""
    return (c.claimant.country, c.claimant.inter)
