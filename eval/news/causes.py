#!/usr/bin/env python3
"""Why claims found at the figure level miss the attributed level:  causes.py WORK_DIR

Counts only (nothing of any text is printed), so it may be run on the test part. For each gold
claim matched at the figure level (kind + value) but not at the attributed level, the predicted
claim it was paired with at the figure level is compared: only the victims' country wrong, only
the claimant's side wrong, or both. Victims' country errors are further counted by what was
predicted (empty, or another country). Standard library only; reuses ../shared/eval/score.py."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from scorer import score


def victims_ok(g: dict, p: dict) -> bool:
    gv, pv = g["victims"], p.get("victims") or {}
    return not gv.get("country") or gv["country"] == pv.get("country")


def main() -> None:
    work = Path(sys.argv[1])
    gold = score.load(str(work / "news.gold.jsonl"))
    pred = score.load(str(work / "news.pred.jsonl"))
    causes: Counter[str] = Counter()
    detail: Counter[str] = Counter()
    for did, g in gold.items():
        ps = pred.get(did, {}).get("claims") or []
        fig = dict(score.greedy(g["claims"], ps, lambda a, b: score.claim_match(a, b, "figure")))
        att = score.greedy(g["claims"], ps, lambda a, b: score.claim_match(a, b, "attributed"))
        hit = {i for i, _ in att}
        for i, c in enumerate(g["claims"]):
            if i in hit or i not in fig:
                continue
            p = ps[fig[i]]
            side = score._side(c["claimant"]) == score._side(p.get("claimant"))
            vic = victims_ok(c, p)
            cause = "victims' country only" if side and not vic else "claimant only" if vic else "both"
            causes[cause] += 1
            if not vic:
                got = (p.get("victims") or {}).get("country") or ""
                detail["victims: predicted empty" if not got else "victims: predicted another country"] += 1
                detail[f"victims: gold inter {c['victims'].get('inter')}"] += 1
                own = c["claimant"].get("country") or ""
                if own and c["claimant"].get("inter"):
                    rel = "the claimant's" if c["victims"]["country"] == own else "not the claimant's"
                    said = "the claimant's" if got == own else "not the claimant's"
                    detail[f"victims: gold {rel} country, predicted {said}"] += 1
                else:
                    detail["victims: claimant unattributed or without country"] += 1
    print(f"found by figure, not attributed: {sum(causes.values())}")
    for k in ("victims' country only", "claimant only", "both"):
        print(f"  {k}: {causes[k]}")
    for k in sorted(detail):
        print(f"  {k}: {detail[k]}")


if __name__ == "__main__":
    main()
