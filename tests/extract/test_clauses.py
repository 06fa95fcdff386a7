"""The clause and tense around an offset, from the parse (tolls.extract.clauses). Sentences are
written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tolls.extract.clauses import Clause, clause_finder, verb_finder


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("Gunmen killed five people on 20 June.", "past"),
        ("The truce was extended until 30 June.", "past"),
        ("He has been detained since 30 June.", "past"),
        ("A man wounded on 20 June died.", "past"),
        ("The summit takes place on 20 June.", "present"),
        ("Elections are slated for 20 June.", "present"),
        ("The parties agreed to meet on 20 June.", "present"),
        ("Talks will resume on 20 June.", "future"),
        ("The army must withdraw by 20 June.", "future"),
    ],
)
def test_the_tense_of_the_verb_governing_the_date(nlp: Language, text: str, tense: str) -> None:
    found = clause_finder(nlp(text))(text.index("20 June") if "20 June" in text else text.index("30 June"))
    assert found is not None and found.tense == tense


def test_the_clause_starts_at_its_verbs_first_word(nlp: Language) -> None:
    text = "Officials said on Monday that rebels attacked the camp on 20 June."
    at = clause_finder(nlp(text))
    assert at(text.index("20 June")) == Clause(text.index("that rebels"), "past")
    # a reported clause spans its reporting verb: the date hangs from "said" in this parse
    text = "Talks will resume, both sides said after a long meeting in the capital, on 20 June."
    assert clause_finder(nlp(text))(text.index("20 June")) == Clause(0, "past")


def test_no_verb_no_tense_and_an_offset_before_the_text(nlp: Language) -> None:
    text = "Ahead of the 15 June vote"
    at = clause_finder(nlp(text))
    assert at(text.index("15")) == Clause(0, None)
    assert at(-1) is None


def test_the_verb_of_an_offset_tells_which_clause_it_is_in(nlp: Language) -> None:
    text = "A bomb killed 4 people, but 2 guards died in a gunfight."
    at = verb_finder(nlp(text))
    assert at(text.index("4")) == at(text.index("bomb"))  # "killed"
    assert at(text.index("2")) == at(text.index("gunfight")) != at(text.index("4"))  # "died"
