"""Would a small trained typer beat the rules on the news corpus? A numpy logistic-regression probe.

usage: python bench/event_types_news_lr.py TRAIN_WORK_DIR EVAL_WORK_DIR

Both arguments are work folders printed by ``eval/news/score.sh`` (``news.gold.jsonl`` and
``news.pred.jsonl``); train on one half of the tuning part (``tuneA``) and evaluate on the other
(``tuneB``), never on the test part: it exits with an error if any gold row's split is not
"tune". Each predicted event whose dates and places fit gold events of one top-level type only
(its type ignored, as ``events_diag.py`` tests them) is an example labelled with that type.
Features: the lower-cased words of the event's summary (its first sentence) plus the rule typer's
top-level type. A multinomial logistic regression (full-batch gradient descent,
L2, zero start: deterministic) is trained on the first folder; on the second it prints the
examples' accuracy for the rules and the model, and the events F1 after retyping each prediction
whose model probability for another top-level type reaches a threshold. Nothing is written.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import re
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
_DIAG = HERE.parent / "eval" / "news" / "events_diag.py"
_spec = importlib.util.spec_from_file_location("events_diag", _DIAG)
assert _spec is not None and _spec.loader is not None
diag: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(diag)
score = diag.score

TOPS = [
    "battles",
    "explosions",
    "violence against civilians",
    "strategic developments",
    "negotiation",
    "displacement",
    "protests",
    "riots",
]
DEFAULT = {
    "battles": "Battles/Armed clash",
    "explosions": "Explosions/Remote violence/Air/drone strike",
    "violence against civilians": "Violence against civilians/Attack",
    "strategic developments": "Strategic developments/Other",
    "negotiation": "Negotiation",
    "displacement": "Displacement",
    "protests": "Protests/Peaceful protest",
    "riots": "Riots/Mob violence",
}
WORD = re.compile(r"[a-z][a-z'-]+")

Example = tuple[list[str], int]


def features(event: dict[str, Any]) -> list[str]:
    words = {"w=" + w for w in WORD.findall((event.get("summary") or "").lower())}
    return sorted(words | {"rule=" + score._top(event["type"])})


def tuning_rows_only(gold: dict[str, Any], path: Path) -> None:
    """Refuse a gold file holding any row outside the tuning part: the test part is scored, never read."""
    other = sorted(did for did, g in gold.items() if g.get("split") != "tune")
    if other:
        raise SystemExit(
            f"error: {path} holds {len(other)} row(s) whose split is not 'tune' (first: {other[0]}); "
            "this probe reads only the tuning part: pass work folders of "
            "`eval/news/score.sh tuneA` / `tuneB` (or `tune`), never `test` or `all`"
        )


def examples(work: Path) -> tuple[list[Example], dict[str, Any], dict[str, Any]]:
    gold = score.load(str(work / "news.gold.jsonl"))
    tuning_rows_only(gold, work / "news.gold.jsonl")
    pred = score.load(str(work / "news.pred.jsonl"))
    out: list[Example] = []
    for did, g in sorted(gold.items()):
        for p in pred.get(did, {}).get("events") or []:
            fits = {
                score._top(x["type"])
                for x in g["events"]
                if score._names(x) and diag.dates_ok(x, p) and diag.place_ok(x, p)
            }
            if len(fits) == 1 and (label := fits.pop()) in TOPS:
                out.append((features(p), TOPS.index(label)))
    return out, gold, pred


class Model:
    def __init__(self, train: list[Example], l2: float, iters: int = 300, rate: float = 0.5) -> None:
        vocab = sorted({f for fs, _ in train for f in fs})
        self.index = {f: i for i, f in enumerate(vocab)}
        x = np.zeros((len(train), len(vocab)))
        for i, (fs, _) in enumerate(train):
            x[i, [self.index[f] for f in fs]] = 1.0
        y = np.eye(len(TOPS))[[label for _, label in train]]
        self.w = np.zeros((len(vocab), len(TOPS)))
        self.b = np.zeros(len(TOPS))
        for _ in range(iters):
            z = x @ self.w + self.b
            p = np.exp(z - z.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            self.w -= rate * (x.T @ (p - y) + l2 * self.w) / len(train)
            self.b -= rate * (p - y).mean(axis=0)

    def proba(self, fs: list[str]) -> Any:
        z = self.b + sum((self.w[self.index[f]] for f in fs if f in self.index), np.zeros(len(TOPS)))
        p = np.exp(z - z.max())
        return p / p.sum()


def events_f1(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    tp = n_gold = n_pred = 0
    for did, g in gold.items():
        preds = pred.get(did, {}).get("events") or []
        tp += len(score.greedy(g["events"], preds, score.event_match))
        n_gold, n_pred = n_gold + len(g["events"]), n_pred + len(preds)
    return 2 * tp / (n_gold + n_pred) if n_gold + n_pred else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train", type=Path)
    ap.add_argument("eval", type=Path)
    a = ap.parse_args()
    train, _, _ = examples(a.train)
    test, gold, pred = examples(a.eval)
    ruled = [next(f[5:] for f in fs if f.startswith("rule=")) for fs, _ in test]
    rules = np.mean([r == TOPS[y] for r, (_, y) in zip(ruled, test, strict=True)])
    print(f"train {len(train)} examples, eval {len(test)}; rules' accuracy on eval {rules:.3f}")
    print(f"events F1 on eval with the rules' types: {events_f1(gold, pred):.4f}")
    for l2 in (0.3, 1.0, 3.0, 10.0):
        model = Model(train, l2)
        acc = np.mean([int(np.argmax(model.proba(fs))) == y for fs, y in test])
        for threshold in (0.5, 0.6, 0.7, 0.8):
            retyped = copy.deepcopy(pred)
            n = 0
            for doc in retyped.values():
                for p in doc.get("events") or []:
                    pr = model.proba(features(p))
                    k = int(np.argmax(pr))
                    if pr[k] >= threshold and TOPS[k] != score._top(p["type"]):
                        p["type"], n = DEFAULT[TOPS[k]], n + 1
            print(
                f"l2 {l2:<4} model accuracy {acc:.3f}  threshold {threshold}: "
                f"{n:3d} retyped, events F1 {events_f1(gold, retyped):.4f}"
            )


if __name__ == "__main__":
    main()
