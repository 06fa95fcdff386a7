#!/usr/bin/env python3
"""Which gold claims the figure level misses, by kind:  misses.py WORK_DIR

Counts only (nothing of any text is printed), so it may be run on the test part. Each gold claim
left unmatched at the figure level (kind + value) is counted by its kind and by what the
document's unmatched predictions hold: a claim of the same value under another kind ("value under
another kind"), a claim of the same kind with another value ("kind with another value"), or
neither ("absent"). Unmatched predictions are counted by kind. Standard library only; reuses
../shared/eval/score.py."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from scorer import score


def main() -> None:
    work = Path(sys.argv[1])
    gold = score.load(str(work / "news.gold.jsonl"))
    pred = score.load(str(work / "news.pred.jsonl"))
    kinds: Counter[str] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    extra: Counter[str] = Counter()
    for did, g in gold.items():
        ps = pred.get(did, {}).get("claims") or []
        pairs = score.greedy(g["claims"], ps, lambda a, b: score.claim_match(a, b, "figure"))
        hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
        free = [p for j, p in enumerate(ps) if j not in hit_p]
        for i, c in enumerate(g["claims"]):
            kinds[c["kind"]] += 1
            if i in hit_g:
                continue
            value = c["figure"]["value"]
            if any((p.get("figure") or {}).get("value") == value for p in free):
                why = "value under another kind"
            elif any(p.get("kind") == c["kind"] for p in free):
                why = "kind with another value"
            else:
                why = "absent"
            missed[(c["kind"], why)] += 1
        for p in free:
            extra[str(p.get("kind"))] += 1
    print(f"gold claims missed at the figure level: {sum(missed.values())} of {sum(kinds.values())}")
    for (kind, why), n in sorted(missed.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {kind} ({kinds[kind]} gold): {why}: {n}")
    print(f"unmatched predictions: {sum(extra.values())}")
    for kind, n in sorted(extra.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {kind}: {n}")


if __name__ == "__main__":
    main()
