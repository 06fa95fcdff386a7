"""Train the learned event re-typer (``learned_types``) on the real-news tuning part.

    python -m tolls.extract.typer_train [--gold eval/news/gold.jsonl] [--texts eval/news/texts]
                                        [--cache FILE] [--write]      (``make train``)

Runs the extractor (rules only) over the corpus once, keeping each predicted event's features
(``learned_types.event_features``) and its scorer form (cached in ``--cache``). Predicted events
are matched to gold incidents as the scorer matches them but ignoring the type (events that
match with their type first); the gold type of the matched incident is the label. A multinomial
logistic regression (numpy, full-batch gradient descent from zero: deterministic) is fit on
tuneA, its threshold chosen on tuneB, and events F1 printed for the rules and the model on tuneA,
tuneB and the test part (scores only: nothing of the test part is printed). ``--write`` refits on
the whole tuning part with the chosen threshold and writes ``tolls/data/learned_types.json`` and
its model card ``learned_types.md`` (documents named by url and sha256, never text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from tolls.extract.learned_types import DEFAULT_PATH, TypeModel, recording, retype

Row = dict[str, Any]  # one document: gold events, predicted events, feature rows
_THRESHOLDS = [round(0.4 + 0.05 * i, 2) for i in range(12)]  # 0.40 .. 0.95
_MIN_COUNT = 2
_KEYS = ("type", "date_start", "date_end", "locations")  # what the scorer's event match reads
_L2 = 0.01
_STEPS = 400
_RATE = 1.0


def _part(doc: dict[str, Any]) -> str:
    if doc["split"] != "tune":
        return str(doc["split"])
    return "tuneA" if hashlib.sha256(doc["id"].encode()).digest()[0] % 2 == 0 else "tuneB"


def _extract(gold: Path, texts: Path) -> list[Row]:
    from tolls.extract.contract import extraction_to_json
    from tolls.extract.pipeline import _to_extraction, load_nlp
    from tolls.settings import get_settings

    nlp = load_nlp(get_settings())
    nlp.get_pipe("tolls_events").type_model = None  # type: ignore[attr-defined]  # the rules alone
    out: list[Row] = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        path = texts / f"{g['id']}.txt"
        if not path.exists():
            continue
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        doc._.published = date.fromisoformat(g["published"]) if g.get("published") else None
        doc._.gold_toponyms = None
        with recording() as rows:
            doc = nlp(doc)
        preds = extraction_to_json(_to_extraction(g["id"], doc)).get("events") or []
        assert len(preds) == len(rows), g["id"]
        out.append(
            {
                "id": g["id"],
                "url": g.get("url"),
                "sha256": g.get("sha256"),
                "part": _part(g),
                "gold": [
                    {k: e.get(k) for k in ("type", "date_start", "date_end", "locations")}
                    for e in g["events"]
                ],
                "pred": [
                    {k: e.get(k) for k in ("type", "date_start", "date_end", "locations")} for e in preds
                ],
                "rows": [{"features": f, "rule": r} for f, r in rows],
            }
        )
    return out


def _scorer() -> Any:
    import importlib.util

    shared = os.environ.get("SHARED")
    here = Path(__file__).resolve()
    tried = [Path(shared) / "eval" / "score.py"] if shared else []
    tried += [up.parent / "shared" / "eval" / "score.py" for up in here.parents]
    for cand in tried:
        if cand.exists():
            spec = importlib.util.spec_from_file_location("score", cand)
            assert spec and spec.loader
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod
    raise SystemExit("the shared scorer (SHARED/eval/score.py) was not found")


def _labels(doc: Row, score: Any) -> list[str | None]:
    """The gold type of the incident each predicted event matches (ignoring type), or None."""
    golds, preds = doc["gold"], doc["pred"]
    label: list[str | None] = [None] * len(preds)
    pairs = score.greedy(golds, preds, score.event_match)
    gi = {i for i, _ in pairs}
    for i, j in pairs:
        label[j] = golds[i]["type"]
    rest = [j for j in range(len(preds)) if label[j] is None]
    left = [i for i in range(len(golds)) if i not in gi]
    untyped = [{**preds[j], "type": ""} for j in rest]
    for i, j in score.greedy([{**golds[i], "type": ""} for i in left], untyped, score.event_match):
        label[rest[j]] = golds[left[i]]["type"]
    return label


def _fit(xs: Sequence[list[str]], ys: Sequence[str], threshold: float) -> TypeModel:
    counts = Counter(f for x in xs for f in set(x))
    vocab = sorted(f for f, c in counts.items() if c >= _MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    classes = sorted(set(ys))
    x = np.zeros((len(xs), len(vocab)))
    for r, feats in enumerate(xs):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
    y = np.zeros((len(ys), len(classes)))
    for r, lab in enumerate(ys):
        y[r, classes.index(lab)] = 1.0
    w = np.zeros((len(vocab), len(classes)))
    b = np.zeros(len(classes))
    n = len(xs)
    for _ in range(_STEPS):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = p - y
        w -= _RATE * (x.T @ grad / n + _L2 * w)
        b -= _RATE * grad.mean(axis=0)
    weights = {
        f: tuple(round(float(v), 4) for v in w[i]) for f, i in index.items() if np.abs(w[i]).max() >= 0.01
    }
    return TypeModel(tuple(classes), weights, tuple(round(float(v), 4) for v in b), threshold)


def _events_f1(docs: Sequence[Row], score: Any, typer: Callable[[list[str], str], str] | None) -> float:
    tp = n_pred = n_gold = 0
    for doc in docs:
        preds = doc["pred"]
        if typer is not None:
            preds = [
                {**p, "type": typer(r["features"], r["rule"])}
                for p, r in zip(preds, doc["rows"], strict=True)
            ]
        tp += len(score.greedy(doc["gold"], preds, score.event_match))
        n_pred += len(preds)
        n_gold += len(doc["gold"])
    prec, rec = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
    return round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0


def _training(docs: Sequence[Row], score: Any) -> tuple[list[list[str]], list[str]]:
    xs: list[list[str]] = []
    ys: list[str] = []
    for doc in docs:
        for row, lab in zip(doc["rows"], _labels(doc, score), strict=True):
            if lab is not None:
                xs.append(row["features"])
                ys.append(lab)
    return xs, ys


def _report(parts: dict[str, list[Row]], score: Any, model: TypeModel) -> dict[str, tuple[float, float]]:
    return {
        name: (
            _events_f1(docs, score, None),
            _events_f1(docs, score, lambda f, r: retype(f, r, model)),
        )
        for name, docs in parts.items()
    }


def _card(model: TypeModel, train: Sequence[Row], n_rows: int, scores: dict[str, tuple[float, float]]) -> str:
    lines = [
        "# Model card: learned event re-typer (`learned_types.json`)",
        "",
        "What: a multinomial logistic regression over bag-of-features of a predicted event, applied",
        "after the rules (`tolls.extract.events`). It re-types an event to another top-level type only",
        f"when its most probable class has probability >= {model.threshold} (chosen on tuneB while",
        "trained on tuneA). Trained by `make train` (`python -m tolls.extract.typer_train --write`).",
        "",
        "Features: `rule=` the rules' type, `top=` its top-level type, `w=` the lowercased lemma of",
        "every verb and noun in the event's sentences, `kind=` the harm kind of each of its claims.",
        f"Features seen in fewer than {_MIN_COUNT} training events are dropped. Full-batch gradient",
        f"descent from zero ({_STEPS} steps, rate {_RATE}, L2 {_L2}): deterministic.",
        "",
        "Labels: predicted events (the rules alone) matched to gold incidents of eval/news/gold.jsonl",
        "as the scorer matches them, ignoring type; the gold type of the matched incident.",
        "",
        f"Final weights: trained on the whole tuning part ({len(train)} documents, {n_rows} labelled",
        "events);",
        "the threshold was chosen on tuneB with weights trained on tuneA only.",
        "",
        "Events F1 (scorer of ../shared/eval; rules -> rules + model, final weights; tuneA and tuneB are",
        "training data of these weights, the test part is not):",
        "",
    ]
    lines += [f"- {name}: {a} -> {b}" for name, (a, b) in scores.items()]
    lines += ["", "Training documents (url, sha256 of the text):", ""]
    lines += [f"- {d['url']} `{d['sha256']}`" for d in sorted(train, key=lambda d: str(d["id"]))]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=Path("eval/news/gold.jsonl"))
    ap.add_argument("--texts", type=Path, default=Path("eval/news/texts"))
    ap.add_argument("--cache", type=Path, default=None, help="keep the extracted events here (re-used)")
    ap.add_argument("--write", action="store_true", help="refit on the tuning part and write the model")
    a = ap.parse_args()
    if a.cache is not None and a.cache.exists():
        docs: list[Row] = json.loads(a.cache.read_text(encoding="utf-8"))
    else:
        docs = _extract(a.gold, a.texts)
        if a.cache is not None:
            a.cache.write_text(json.dumps(docs), encoding="utf-8")
    score = _scorer()
    parts = {p: [d for d in docs if d["part"] == p] for p in ("tuneA", "tuneB", "test")}
    xs, ys = _training(parts["tuneA"], score)
    base = _fit(xs, ys, 1.0)

    def on_b(t: float) -> tuple[float, float]:
        at = TypeModel(base.classes, base.weights, base.bias, t)
        return _events_f1(parts["tuneB"], score, lambda f, r: retype(f, r, at)), t

    best = max(_THRESHOLDS, key=on_b)
    model = TypeModel(base.classes, base.weights, base.bias, best)
    print(f"trained on tuneA ({len(xs)} events), threshold chosen on tuneB: {best}")
    for name, (r, m) in _report(parts, score, model).items():
        print(f"  {name}: events F1 rules {r} -> model {m}")
    if not a.write:
        return
    tune = parts["tuneA"] + parts["tuneB"]
    xs, ys = _training(tune, score)
    final = _fit(xs, ys, best)
    scores = _report(parts, score, final)
    print(f"final: trained on tune ({len(xs)} events), threshold {best}")
    for name, (r, m) in scores.items():
        print(f"  {name}: events F1 rules {r} -> model {m}")
    payload = {
        "version": 1,
        "about": "Learned event re-typer (tolls.extract.learned_types); model card: learned_types.md.",
        "classes": list(final.classes),
        "bias": list(final.bias),
        "threshold": final.threshold,
        "weights": {f: list(w) for f, w in final.weights.items()},
    }
    DEFAULT_PATH.write_text(json.dumps(payload, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    DEFAULT_PATH.with_suffix(".md").write_text(_card(final, tune, len(xs), scores), encoding="utf-8")


if __name__ == "__main__":
    main()
