#!/usr/bin/env python3
"""Recall per kind of claim and per event type on one scored part:  breakdown.py WORK_DIR

Counts only (nothing of any text is printed), so it may be run on the test part: how many gold
claims of each kind, qualifier, claimant class and region are found at the figure, attributed and
strict levels, and how many gold events of each top-level type are matched. Standard library only;
reuses ../shared/eval/score.py's matching."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from scorer import score

HERE = Path(__file__).resolve().parent
CLAIMANT = {0: "unattributed (0)", 1: "state (1)", 2: "rebels (2)", 3: "militia (3)", 4: "militia (4)",
            7: "civilians/local (7)", 8: "external (8)"}


def main() -> None:
    work = Path(sys.argv[1])
    gold = score.load(str(work / "news.gold.jsonl"))
    pred = score.load(str(work / "news.pred.jsonl"))
    regions = {json.loads(x)["id"]: json.loads(x).get("region", "") for x in open(HERE / "gold.jsonl")}
    rows: dict[str, Counter[tuple[str, str]]] = {}
    for level in ("figure", "attributed", "strict"):
        for did, g in gold.items():
            ps = pred.get(did, {}).get("claims") or []
            hit = {i for i, _ in score.greedy(g["claims"], ps, lambda a, b: score.claim_match(a, b, level))}
            for i, c in enumerate(g["claims"]):
                groups = {
                    "kind": c["kind"],
                    "qualifier": c["figure"]["qualifier"],
                    "claimant": CLAIMANT.get(c["claimant"].get("inter") or 0, "other"),
                    "stance": c.get("stance", "asserted"),
                    "region": regions.get(did, ""),
                }
                for dim, val in groups.items():
                    key = f"{dim}: {val}"
                    rows.setdefault(key, Counter())[(level, "n")] += 1
                    rows[key][(level, "hit")] += i in hit
    print("| claims by | gold | figure | attributed | strict |\n|---|---|---|---|---|")
    for key in sorted(rows):
        r = rows[key]
        n = r[("figure", "n")]
        cells = " | ".join(f"{r[(lv, 'hit')] / n:.2f}" for lv in ("figure", "attributed", "strict"))
        print(f"| {key} | {n} | {cells} |")
    ev: Counter[tuple[str, str]] = Counter()
    for did, g in gold.items():
        ps = pred.get(did, {}).get("events") or []
        hit = {i for i, _ in score.greedy(g["events"], ps, score.event_match)}
        for i, e in enumerate(g["events"]):
            top = score._top(e.get("type"))
            ev[(top, "n")] += 1
            ev[(top, "hit")] += i in hit
    print("\n| events of type | gold | matched |\n|---|---|---|")
    for top in sorted({k for k, _ in ev}):
        print(f"| {top} | {ev[(top, 'n')]} | {ev[(top, 'hit')] / ev[(top, 'n')]:.2f} |")


if __name__ == "__main__":
    main()
