"""First-level divisions under two conventions (``data/lexicon/admin1.json``).

The ledger, the API and the dashboard name a division as news does ("Belgorod Oblast", "North
Kivu"); the gazetteer, and ACLED's and UCDP's own data, use the short or native form ("Belgorod",
"Nord-Kivu": ACLED's 2016 notes write Nord-Kivu 180 times, North Kivu 7). The ACLED and UCDP
exports write the latter so that a row joins the datasets it imitates."""

from __future__ import annotations

from functools import cache

from tolls.data import load_json

__all__ = ["source_admin1", "usual_admin1"]


def _table() -> dict[str, dict[str, str]]:
    return {k: v for k, v in load_json("lexicon", "admin1.json").items() if not k.startswith("_")}


@cache
def _reverse() -> dict[str, dict[str, str]]:
    return {country: {usual: short for short, usual in names.items()} for country, names in _table().items()}


def usual_admin1(country: str, admin1: str) -> str:
    """The division's usual English name ("Belgorod" of RUS -> "Belgorod Oblast"), else ``admin1``."""
    return _table().get(country, {}).get(admin1, admin1)


def source_admin1(country: str, admin1: str) -> str:
    """The gazetteer's (and ACLED's) form of a division named the usual way, else ``admin1``."""
    return _reverse().get(country, {}).get(admin1, admin1)
