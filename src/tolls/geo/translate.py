"""English forms of first-level units named in their country's language with a compass word.

"Jawa Barat" is West Java and "Nord-Kivu" North Kivu in English news: the subdivision tables name
them in the local language, so the build adds the English form as another name. The compass words
and the few stems English spells otherwise ("Jawa" -> Java) are data (``compass_words.csv``); a
name made only of compass words ("Est", "Nord-Ouest") gets no English form, since "East" alone
would become a place everywhere.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from tolls.geo.normalize import normalize

_LINKS = frozenset({"de", "del", "du", "do", "da", "des"})
COMPASS_PATH = Path(str(files("tolls") / "data" / "geo" / "compass_words.csv"))


@lru_cache(maxsize=4)
def _words(path: Path = COMPASS_PATH) -> tuple[dict[str, str], dict[str, str]]:
    """(compass words, stems), normalised, to their English."""
    compass: dict[str, str] = {}
    stems: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            (compass if r["kind"] == "compass" else stems)[normalize(r["word"])] = r["english"]
    return compass, stems


def english_forms(name: str) -> list[str]:
    """English forms of ``name`` ("Jawa Barat" -> ["west jawa", "west java"]), or [] when it
    carries no compass word at its start or end."""
    words = normalize(name).split()
    compass, stems = _words()
    if " ".join(words) in compass:
        return []  # "Extrême-Nord"
    for n in (2, 1):
        if len(words) <= n:
            continue
        tail, head = " ".join(words[-n:]), " ".join(words[:n])
        if tail in compass:
            rest, english = words[:-n], compass[tail]
        elif head in compass and words[n] not in _LINKS:
            rest, english = words[n:], compass[head]
        else:
            continue
        if all(w in compass for w in rest) or rest[-1] in _LINKS:
            return []  # "Nord-Ouest": only compass words; "Agusan del Norte": a Spanish name's own
        forms = [f"{english} {' '.join(rest)}"]
        renamed = [stems.get(w, w) for w in rest]
        if renamed != rest:
            forms.append(f"{english} {' '.join(renamed)}")
        return forms
    return []
