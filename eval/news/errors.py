#!/usr/bin/env python3
"""Read the errors of one scored part (the tuning part only):  errors.py WORK_DIR [--level attributed]

WORK_DIR is the folder score.sh printed. For each document: gold claims not matched at the level,
with the predicted claims of the same kind and value (what differs), then predicted claims that
match no gold claim, then event counts. Standard library only; reuses ../shared/eval/score.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from scorer import score


def brief(c: dict) -> str:
    cl, v, f = c.get("claimant") or {}, c.get("victims") or {}, c.get("figure") or {}
    return (f"{c.get('kind')} {f.get('value')} {f.get('qualifier')} | by {cl.get('name', '')[:28]!r} "
            f"{cl.get('country')}/{cl.get('inter')} | of {v.get('text', '')[:28]!r} {v.get('country')}/{v.get('inter')} "
            f"{c.get('stance', 'asserted')}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("--level", default="attributed", choices=["figure", "attributed", "strict"])
    ap.add_argument("--events", action="store_true")
    a = ap.parse_args()
    work = Path(a.work)
    gold = score.load(str(work / "news.gold.jsonl"))
    pred = score.load(str(work / "news.pred.jsonl"))
    for did, g in sorted(gold.items()):
        ps = pred.get(did, {}).get("claims") or []
        pairs = score.greedy(g["claims"], ps, lambda x, y: score.claim_match(x, y, a.level))
        gi = {i for i, _ in pairs}
        pj = {j for _, j in pairs}
        miss = [c for i, c in enumerate(g["claims"]) if i not in gi]
        extra = [c for j, c in enumerate(ps) if j not in pj]
        if not miss and not extra and not a.events:
            continue
        print(f"== {did}  gold {len(g['claims'])} pred {len(ps)}  events gold {len(g['events'])} pred {len(pred.get(did, {}).get('events') or [])}")
        for c in miss:
            print("  MISS", brief(c))
            for p in ps:
                if p.get("kind") == c["kind"] and (p.get("figure") or {}).get("value") == c["figure"]["value"]:
                    print("     ~", brief(p))
        for c in extra:
            print("  EXTRA", brief(c))
        if a.events:
            for e in g["events"]:
                print("  GE", e.get("type"), e.get("date_start"), [x.get("name") for x in e.get("locations") or []])
            for e in pred.get(did, {}).get("events") or []:
                print("  PE", e.get("type"), e.get("date_start"), [x.get("name") for x in e.get("locations") or []], e.get("scope"))


if __name__ == "__main__":
    main()
