"""Stable identifiers of domain records, shared by the store and reconciliation.

A claim's id is derived from its document and what it says, so re-extracting an unchanged
document gives the same ids (ledger links and reviews survive a re-run), and reconciliation run
outside the store names claims exactly as the store does.
"""

from __future__ import annotations

import hashlib
import json
import re

from tolls.model import Claim

__all__ = ["claim_id", "page_of", "page_version_id"]

_VERSION = re.compile(r"#v[0-9a-f]{16}$")


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


def page_version_id(doc_id: str, text_hash: str) -> str:
    """The id of one version of a watched page (``tolls watch``, kind ``page``): the page's
    document id and the first 16 hex digits of its text's hash. Each version of the text is
    its own document; :func:`page_of` gives the page back."""
    return f"{doc_id}#v{text_hash[:16]}"


def page_of(doc_id: str) -> str:
    """The page a document id is a version of (:func:`page_version_id`), else the id itself:
    versions of one page are one source, never independent ones."""
    return _VERSION.sub("", doc_id)
