"""English forms of subdivision names written with a compass word in the local language."""

from __future__ import annotations

import pytest

from tolls.geo import Gazetteer, resolve_toponyms
from tolls.geo.translate import english_forms


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Jawa Barat", ["west jawa", "west java"]),
        ("Papua Barat Daya", ["southwest papua"]),
        ("Nord-Kivu", ["north kivu"]),
        ("Kasaï-Oriental", ["east kasai"]),
        ("Bali", []),
        ("Est", []),  # only a compass word: "East" alone would be a place everywhere
        ("Nord-Ouest", []),
        ("Extrême-Nord", []),
        ("Norte de Santander", []),  # a Spanish name's own word order
        ("Agusan del Norte", []),
    ],
)
def test_english_forms(name: str, forms: list[str]) -> None:
    assert english_forms(name) == forms


def test_english_forms_are_names_in_the_gazetteer(gaz: Gazetteer) -> None:
    text = "Cases rose in West Java and in North Kivu."
    spans = [(text.index("West Java"), text.index(" and")), (text.index("North Kivu"), len(text) - 1)]
    java, kivu = resolve_toponyms(text, spans, gazetteer=gaz)
    assert (java.country, java.precision, java.admin1) == ("IDN", "province", "Jawa Barat")
    assert (kivu.country, kivu.precision) == ("COD", "province")
