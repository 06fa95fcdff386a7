"""Which line breaks end a sentence, decided before the parser (tolls.extract.components runs it
in the sentence hints).

A headline, a subtitle or a list item has no final stop: read as one sentence with the line
after it, it glues two reports into one. A line hard-wrapped inside a sentence ("... killing" over
"11 soldiers, the army said.") must stay one sentence. A single line break is a sentence end
unless a signal shows the sentence goes on (data: ``data/lexicon/line_breaks.json``):

- the next line opens with a lower-case word, a number in digits, or punctuation that is no
  list marker;
- the line ends in a token whose tag needs a continuation (a preposition, a determiner, a
  conjunction, a modal, a gerund whose object follows, a comma; not a finite verb or a past
  participle, which end headlines: "Ceasefire holds", "Twelve soldiers killed");
- the line ends in a number and the next opens with a plural noun (the counted noun);
- the document is hard-wrapped (its widest line is short and most of its line breaks, and at
  least three, fall where the next word would not fit, and about a third of those full lines
  show the sentence going on by the signals above: short lines that each close their own item,
  "Dead: 30 villagers" over "Hurt: 140 people", fill the width too) and the line is full: with a space and
  the next line's first word it would not fit in the document's widest line, so the break was
  forced by the width (a short line of a wrapped document can still be a headline; a name split
  over two lines, "South" over "Waziristan", is told by this test only).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from tolls.data import load_json

__all__ = ["ends_sentence", "line_break_starts"]


@dataclass(frozen=True)
class _Lexicon:
    list_markers: frozenset[str]
    continuation_tags: frozenset[str]
    max_wrap_width: int
    fill: float
    min_full_lines: int
    min_mid_phrase: float
    counted_tags: frozenset[str]
    closing_words: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = load_json("lexicon", "line_breaks.json")
    return _Lexicon(
        list_markers=frozenset(raw["list_markers"]),
        continuation_tags=frozenset(raw["continuation_tags"]),
        max_wrap_width=int(raw["max_wrap_width"]),
        fill=float(raw["fill"]),
        min_full_lines=int(raw["min_full_lines"]),
        min_mid_phrase=float(raw["min_mid_phrase"]),
        counted_tags=frozenset(raw["counted_tags"]),
        closing_words=frozenset(raw["closing_words"]),
    )


def _widest_line(text: str) -> int:
    return max((len(line.rstrip()) for line in text.splitlines()), default=0)


def _continues(doc: Doc, brk: Token, width: int, lex: _Lexicon) -> bool:
    """Whether the sentence goes on over the line break token ``brk`` (a single newline);
    ``width`` 0: by the line's own words, without the width test."""
    nxt = doc[brk.i + 1]
    digits = nxt.like_num and not nxt.is_alpha
    if nxt.is_lower or digits or (nxt.is_punct and nxt.text not in lex.list_markers):
        return True
    if brk.i == 0:
        return False
    last = doc[brk.i - 1]
    if last.is_space:
        return False
    if last.tag_ in lex.continuation_tags and last.lower_ not in lex.closing_words:
        return True
    if last.like_num and nxt.tag_ in lex.counted_tags:
        return True  # "killed at least 44" over "Palestinians on Sunday": the count's noun
    return bool(width) and _full(doc, brk, width, lex)


def _full(doc: Doc, brk: Token, width: int, lex: _Lexicon) -> bool:
    """Whether the line before ``brk`` could not take the next line's first word."""
    start = doc.text.rfind("\n", 0, brk.idx) + 1
    line = doc.text[start : brk.idx].rstrip()
    first_word = doc.text[brk.idx + len(brk.text) :].split(None, 1)[0]
    return len(line) + 1 + len(first_word) > lex.fill * width


def line_break_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that open a sentence after a single line break (a headline's,
    a subtitle's or a list item's end)."""
    lex = _lexicon()
    breaks = [b for b in doc[:-1] if b.is_space and b.text.count("\n") == 1 and not doc[b.i + 1].is_space]
    widest = _widest_line(doc.text)
    width = widest if widest <= lex.max_wrap_width else 0
    full = [b for b in breaks if _full(doc, b, width, lex)] if width else []
    mid = sum(_continues(doc, b, 0, lex) for b in full)
    if len(full) < lex.min_full_lines or 2 * len(full) < len(breaks):
        width = 0  # a few short lines, or lines of unequal length: headlines, not a wrapped text
    elif mid < lex.min_mid_phrase * len(full):
        width = 0  # full lines that close their own item ("Killed: 40 civilians"): a list
    return [b.i + 1 for b in breaks if not _continues(doc, b, width, lex)]


def ends_sentence(brk: Token) -> bool:
    """Whether the line break token ``brk`` ends a sentence, as the sentence hints decided
    (a blank line always does)."""
    doc = brk.doc
    if brk.text.count("\n") > 1:
        return True
    if "\n" not in brk.text:
        return False
    starts = doc.user_data.get(_CACHE)
    if starts is None:
        starts = doc.user_data[_CACHE] = frozenset(line_break_starts(doc))
    return brk.i + 1 in starts


_CACHE = "tolls.line_break_starts"
