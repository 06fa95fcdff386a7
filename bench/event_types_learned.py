"""Would a small learned typer beat the rule lexicon? A numpy naive Bayes probe (issue 17).

usage: python bench/event_types_learned.py [--eval DIR]

Trains a multinomial naive Bayes over word unigrams and bigrams on the data we may train on --
the ACLED 2016 notes (old taxonomy, mapped to top-level types as ``score.py`` maps them) and the
single-label bombing / kidnapping rows of the SATP train split -- and compares it with
``classify_event`` on the main (top-level) type:

- ACLED, 5-fold cross-validation (ACLED dev is a scored set: never report it on rows trained on);
- CASE 2021 dev, never trained on (a held-out check of generalization), its sub-types mapped to
  top-level types.

Nothing is written: the data are read at run time and no text or weight leaves this process.
The ACLED labels carry only top-level (old) types, SATP four coarse classes, so a learned model
here can at most break ties between top-level types; the sub-type stays the lexicon's.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import re
from pathlib import Path

import numpy as np

from tolls.extract.event_types import classify_event

OLD = {
    "battle-no change of territory": "Battles",
    "battle-government regains territory": "Battles",
    "battle-non-state actor overtakes territory": "Battles",
    "violence against civilians": "Violence against civilians",
    "remote violence": "Explosions",
    "strategic development": "Strategic developments",
    "headquarters or base established": "Strategic developments",
    "non-violent transfer of territory": "Strategic developments",
    "riots/protests": "Protests|Riots",
}
CASE_TOP = {
    "ARMED_CLASH": "Battles",
    "GOV_REGAINS_TERIT": "Battles",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Battles",
    "SEX_VIOL": "Violence against civilians",
    "ATTACK": "Violence against civilians",
    "ABDUCT_DISSAP": "Violence against civilians",
    "CHEM_WEAP": "Explosions",
    "AIR_STRIKE": "Explosions",
    "SUIC_BOMB": "Explosions",
    "ART_MISS_ATTACK": "Explosions",
    "REM_EXPLOS": "Explosions",
    "GRENADE": "Explosions",
    "PEACE_PROTEST": "Protests|Riots",
    "PROTEST_WITH_INTER": "Protests|Riots",
    "FORCE_AGAINST_PROTEST": "Protests|Riots",
    "VIOL_DEMONSTR": "Protests|Riots",
    "MOB_VIOL": "Protests|Riots",
    "AGREEMENT": "Strategic developments",
    "ARREST": "Strategic developments",
    "CHANGE_TO_GROUP_ACT": "Strategic developments",
    "DISR_WEAP": "Strategic developments",
    "HQ_ESTABLISHED": "Strategic developments",
    "PROPERTY_DISTRUCT": "Strategic developments",
    "NON_VIOL_TERRIT_TRANSFER": "Strategic developments",
    "OTHER": "Strategic developments",
}
_TOKEN = re.compile(r"[a-z]+")
Model = tuple[dict[str, int], np.ndarray, np.ndarray, list[str]]


def top(type_: str) -> str:
    head = type_.split("/")[0]
    return "Protests|Riots" if head in ("Protests", "Riots") else head


def feats(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    return words + [a + "_" + b for a, b in itertools.pairwise(words)]


def train(xs: list[list[str]], ys: list[str], alpha: float = 0.1) -> Model:
    labels = sorted(set(ys))
    vocab: dict[str, int] = {}
    for f in xs:
        for w in f:
            vocab.setdefault(w, len(vocab))
    counts = np.zeros((len(labels), len(vocab)))
    prior = np.zeros(len(labels))
    for f, y in zip(xs, ys, strict=True):
        k = labels.index(y)
        prior[k] += 1
        for w in f:
            counts[k, vocab[w]] += 1
    logp = np.log((counts + alpha) / (counts + alpha).sum(1, keepdims=True))
    return vocab, logp, np.log(prior / prior.sum()), labels


def predict(model: Model, f: list[str]) -> str:
    vocab, logp, log_prior, labels = model
    idx = [vocab[w] for w in f if w in vocab]
    return labels[int(np.argmax(log_prior + logp[:, idx].sum(1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    root = ap.parse_args().eval
    with open(root / "acled-africa-2016" / "dev.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    xs = [feats(r["NOTES"]) for r in rows]
    ys = [OLD[r["EVENT_TYPE"].lower()] for r in rows]
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    nb_ok = rule_ok = 0
    for k in range(5):
        held = set(folds[k])
        model = train([xs[i] for i in order if i not in held], [ys[i] for i in order if i not in held])
        for i in folds[k]:
            nb_ok += predict(model, xs[i]) == ys[i]
            rule_ok += top(classify_event(rows[i]["NOTES"]).type) == ys[i]
    print(
        f"ACLED top type, 5-fold CV on {len(rows)} notes: "
        f"naive Bayes {nb_ok / len(rows):.3f}, rules {rule_ok / len(rows):.3f}"
    )
    all_x, all_y = list(xs), list(ys)
    with open(root / "satp" / "train.tsv", encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t"):
            armed, bomb, kidnap = (int(v) for v in r[1:4])
            if bomb and not armed and not kidnap:
                all_x.append(feats(r[0]))
                all_y.append("Explosions")
            elif kidnap and not armed and not bomb:
                all_x.append(feats(r[0]))
                all_y.append("Violence against civilians")
    model = train(all_x, all_y)
    with open(root / "case2021-task2" / "dev.tsv", encoding="utf-8") as fh:
        case = [r for r in csv.DictReader(fh, delimiter="\t") if r["SubType"] in CASE_TOP]
    nb = sum(predict(model, feats(r["EventSnippet"])) == CASE_TOP[r["SubType"]] for r in case)
    rules = sum(top(classify_event(r["EventSnippet"]).type) == CASE_TOP[r["SubType"]] for r in case)
    print(
        f"CASE 2021 dev top type ({len(case)} snippets, never trained on): "
        f"naive Bayes {nb / len(case):.3f}, rules {rules / len(case):.3f}"
    )


if __name__ == "__main__":
    main()
