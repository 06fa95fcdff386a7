"""The text of a spaCy ``Doc``, built once per document.

spaCy's ``Doc.text`` is not stored: every access joins the text of every token again, so a rule
that reads it once per figure or per sentence pays for the whole document each time (it was the
largest share of the extractor's own time). :func:`doc_text` builds it on the first call and keeps
it in ``doc.user_data``. A document's text never changes after tokenization (retokenizing merges
or splits tokens, not characters), so the kept copy cannot go stale.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["doc_text"]

_KEY = "tolls.doc_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once and then kept on the document."""
    text: str | None = doc.user_data.get(_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_KEY] = text
    return text
