#!/usr/bin/env python3
"""Why events fail to match on one scored part:  events_diag.py WORK_DIR [--details]

Counts only by default (so it may be run on either part). The scorer matches a gold event to a
predicted one when the top-level type is equal, the dates overlap (when both have one) and they
share a place name (when the gold event has places). For each unmatched gold event the first
test it fails against the document's predictions is counted:

  no prediction      the document has no predicted event at all
  type               no predicted event of its top-level type
  date               events of its type, none whose dates overlap
  place              events of its type and dates, none sharing a place name
  taken              an event matches it, but greedy matching gave that one to another gold event
                     (under-segmentation: one predicted event for two incidents)

and for each unmatched predicted event:

  duplicate          it would match a gold event already matched (over-segmentation)
  wrong type         it would match a gold event but for its type
  wrong date         ... but for its dates          wrong place   ... but for its places
                     (", of a matched incident": that gold event is matched by another prediction:
                     the incident told again as an event of another type, date or place)
  no incident        it matches no gold event on any two of the three tests (a spurious event)

``--details`` (tuning part only) prints each document's unmatched events with their type, dates
and place names. Standard library only; reuses ../shared/eval/score.py."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from scorer import score


def same_type(g: dict, p: dict) -> bool:
    return bool(score._top(g.get("type")) == score._top(p.get("type")))


def dates_ok(g: dict, p: dict) -> bool:
    if not (g.get("date_start") and p.get("date_start")):
        return True
    return not (
        p["date_start"] > (g.get("date_end") or g["date_start"])
        or (p.get("date_end") or p["date_start"]) < g["date_start"]
    )


def place_ok(g: dict, p: dict) -> bool:
    gn = score._names(g)
    return not gn or bool(gn & score._names(p))


def gold_reason(g: dict, preds: list[dict], used: set[int]) -> str:
    if not preds:
        return "no prediction"
    typed = [p for p in preds if same_type(g, p)]
    if not typed:
        return "type"
    dated = [p for p in typed if dates_ok(g, p)]
    if not dated:
        return "date"
    if not any(place_ok(g, p) for p in dated):
        return "place"
    return "taken"


def pred_reason(p: dict, golds: list[dict], matched: set[int]) -> str:
    if any(score.event_match(g, p) for i, g in enumerate(golds) if i in matched):
        return "duplicate"
    tests = [(same_type, "wrong type"), (dates_ok, "wrong date"), (place_ok, "wrong place")]
    for _test, name in tests:
        near = [i for i, g in enumerate(golds) if all(t(g, p) for t, n in tests if n != name)]
        if near:
            return name if any(i not in matched for i in near) else f"{name}, of a matched incident"
    return "no incident"


def brief(e: dict) -> str:
    names = sorted(score._names(e))
    return f"{e.get('type')} {e.get('date_start')}..{e.get('date_end')} {names}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("--details", action="store_true", help="tuning part only: print the unmatched events")
    a = ap.parse_args()
    work = Path(a.work)
    gold = score.load(str(work / "news.gold.jsonl"))
    pred = score.load(str(work / "news.pred.jsonl"))
    miss: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    date_exact = date_n = 0
    n_gold = n_pred = tp = 0
    for did, g in sorted(gold.items()):
        golds = g["events"]
        preds = pred.get(did, {}).get("events") or []
        pairs = score.greedy(golds, preds, score.event_match)
        gi, pj = {i for i, _ in pairs}, {j for _, j in pairs}
        n_gold, n_pred, tp = n_gold + len(golds), n_pred + len(preds), tp + len(pairs)
        more, fewer = len(preds) > len(golds), len(preds) < len(golds)
        docs["more predicted" if more else "fewer predicted" if fewer else "as many"] += 1
        for i, j in pairs:
            if golds[i].get("date_start"):
                date_n += 1
                date_exact += golds[i]["date_start"] == preds[j].get("date_start")
        lines = []
        for i, e in enumerate(golds):
            if i not in gi:
                r = gold_reason(e, preds, pj)
                miss[r] += 1
                lines.append(f"  MISS[{r}] {brief(e)}")
        for j, e in enumerate(preds):
            if j not in pj:
                r = pred_reason(e, golds, gi)
                extra[r] += 1
                lines.append(f"  EXTRA[{r}] {brief(e)}")
        if a.details and lines:
            print(f"== {did} gold {len(golds)} pred {len(preds)} matched {len(pairs)}")
            for i, j in pairs:
                print(f"  OK {brief(golds[i])}  ~ {brief(preds[j])}")
            print("\n".join(lines))
    print(f"events: gold {n_gold} predicted {n_pred} matched {tp}")
    print("unmatched gold events, first failed test:", dict(miss.most_common()))
    print("unmatched predicted events:", dict(extra.most_common()))
    print("documents:", dict(docs.most_common()))
    print(f"matched with the gold start date exactly: {date_exact}/{date_n}")


if __name__ == "__main__":
    main()
