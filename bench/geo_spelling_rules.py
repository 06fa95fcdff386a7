"""Measure each transliteration rule of the spelling key on a gold file's place names.

Usage: python bench/geo_spelling_rules.py GAZETTEER GOLD.jsonl [RULES.csv]
GOLD holds rows with ``location``, ``lat`` and ``lon`` (the ACLED gold that
``/work/shared/eval/prepare.py`` writes). For each gold name no gazetteer name has exactly, the
spelling key finds places (or none): a place within 50 km of the gold point is a find ("near"),
only places farther are namesakes ("far"). Printed for no rule, all rules, and all rules but one.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

import tolls.geo.normalize as normalize_module
from tolls.geo.normalize import TRANSLITERATIONS_PATH, normalize, transliteration_rules

Rules = tuple[tuple[re.Pattern[str], str], ...]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def main(gazetteer: str, gold_path: str, rules_path: Path) -> None:
    conn = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    names = conn.execute("SELECT norm, geonameid FROM names").fetchall()
    points = {
        g: (la, lo) for g, la, lo in conn.execute("SELECT geonameid, lat, lon FROM places") if la is not None
    }
    exact = {n for n, _ in names}
    gold = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line]

    def run(rules: Rules) -> tuple[int, int, int]:
        normalize_module.transliteration_rules = lambda path=rules_path: rules  # type: ignore[assignment]
        index: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for norm, gid in names:
            if skey := normalize_module.spelling_key(norm):
                index[skey].add((gid, norm.count(" ") + 1))
        near = far = none = 0
        for row in gold:
            key = normalize(row["location"])
            if key in exact:
                continue
            words = key.count(" ") + 1
            skey = normalize_module.spelling_key(key)
            found = [g for g, w in index.get(skey, ()) if w <= words and g in points] if skey else []
            if not found:
                none += 1
            elif any(_km(points[g], (row["lat"], row["lon"])) <= 50 for g in found):
                near += 1
            else:
                far += 1
        return near, far, none

    rules = transliteration_rules(rules_path)
    print("no rule     near/far/none", run(()))
    print("all rules   near/far/none", run(rules))
    for i, (pattern, _) in enumerate(rules):
        print(f"without {pattern.pattern!r:12}", run(rules[:i] + rules[i + 1 :]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]) if len(sys.argv) > 3 else TRANSLITERATIONS_PATH)
