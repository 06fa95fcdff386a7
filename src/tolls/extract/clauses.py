"""The clause around a character offset, from the dependency parse: where it starts and its tense.

A day and month told without a year ("on 20 June") is resolved against the publication date, and
when it could be either a date a few months ahead or one most of a year back, the clause decides:
"clashes killed five on 20 June" tells what happened, "the vote takes place on 20 June" what is to
come. :func:`clause_finder` answers, for an offset in a parsed ``Doc``, the verb that governs the
token there (the first verb or auxiliary up its chain of heads), the start of that verb's clause
(its subtree's first character) and its tense, read from the Penn tags of the verb and its
auxiliaries: a modal ("will", "would", "must") makes it future; a past tense ("killed", "was
extended", "did not") or a perfect ("has been detained") past; a present or an infinitive
("takes place", "are slated", "agreed to meet") present; a bare participle with no auxiliary
("the man killed on 20 June") past. No verb (a headline's noun phrase): no tense.
:func:`verb_finder` gives that governing verb itself: two offsets with one verb are told in one
clause (events read it to tell whose toll a figure is).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

__all__ = ["Clause", "Tense", "clause_finder", "verb_finder"]

Tense = Literal["past", "present", "future"]

_CLIMB = 12  # heads followed at most from the token to its verb (a parse is a tree; this bounds work)


@dataclass(frozen=True, slots=True)
class Clause:
    """The clause governing an offset: its first character and its tense (None: no verb)."""

    start: int
    tense: Tense | None


def _is_verb(tok: Token) -> bool:
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _governor(tok: Token) -> Token | None:
    for _ in range(_CLIMB):
        if _is_verb(tok):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _tense(verb: Token) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    tags = [verb.tag_, *(a.tag_ for a in auxes)]
    if "MD" in tags:
        return "future"
    if "VBD" in tags:
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"  # a perfect: "has been detained since", "have fled"
    if verb.tag_ == "VBN" and not auxes:
        return "past"  # a bare participle: "the man killed on 20 June"
    return "present"


def clause_finder(doc: Doc) -> Callable[[int], Clause | None]:
    """For a character offset of ``doc`` (parsed), the :class:`Clause` of the token there."""
    starts = [t.idx for t in doc] if doc.has_annotation("DEP") else []

    def at(offset: int) -> Clause | None:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        tok = doc[i]
        verb = _governor(tok)
        if verb is None:
            return Clause(tok.sent.start_char, None)
        return Clause(verb.left_edge.idx, _tense(verb))

    return at


def verb_finder(doc: Doc) -> Callable[[int], int | None]:
    """For a character offset of ``doc`` (parsed), the index of the verb that governs the token
    there (None: no verb, or no parse): two offsets with one verb are told in one clause."""
    starts = [t.idx for t in doc] if doc.has_annotation("DEP") else []

    def at(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        verb = _governor(doc[i])
        return None if verb is None else verb.i

    return at
