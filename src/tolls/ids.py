"""Stable identifiers of domain records, shared by the store and reconciliation.

A claim's id is derived from its document and what it says, so re-extracting an unchanged
document gives the same ids (ledger links and reviews survive a re-run), and reconciliation run
outside the store names claims exactly as the store does.
"""

from __future__ import annotations

import hashlib
import json

from tolls.model import Claim

__all__ = ["claim_id"]


def claim_id(doc_id: str, claim: Claim) -> str:
    """A stable id for a claim: the document id plus a digest of its span and content."""
    key = json.dumps(
        [
            claim.span,
            claim.kind,
            claim.stance,
            claim.claimant.name,
            claim.victims.name,
            claim.figure.text,
        ],
        ensure_ascii=False,
    )
    return f"{doc_id}#{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"
