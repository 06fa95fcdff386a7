"""Spelling keys: the transliteration rules file and the keys it gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tolls.geo.normalize import spelling_key, transliteration_rules


@pytest.mark.parametrize(
    ("somali", "english"), [("xudur", "hudur"), ("ceel xaaji", "ceel haji"), ("xamar weyne", "hamar weyne")]
)
def test_somali_x_is_h(somali: str, english: str) -> None:
    assert spelling_key(somali) == spelling_key(english) != ""


def test_unrelated_names_keep_apart() -> None:
    assert spelling_key("xudur") != spelling_key("kudur")
    assert spelling_key("hudur") != spelling_key("hadur")


def test_rules_are_read_in_order_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.csv"
    path.write_text("# a comment\npattern,replacement,why\nou,u,French ou\n^el ,,article\n", encoding="utf-8")
    rules = transliteration_rules(path)
    assert [(p.pattern, r) for p, r in rules] == [("ou", "u"), ("^el ", "")]
    assert all(isinstance(p, re.Pattern) for p, _ in rules)


def test_packaged_rules_compile_and_invent_nothing() -> None:
    rules = transliteration_rules()
    assert rules, "the packaged rules file is empty"
    for pattern, replacement in rules:
        assert pattern.sub(replacement, "") == ""  # no rule invents letters from nothing
