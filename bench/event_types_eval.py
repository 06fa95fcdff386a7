"""Measure tolls.extract.event_types on the shared evaluation sets (read at run time, never copied).

usage: python bench/event_types_eval.py [--eval DIR] [--errors N] [--set acled|case|satp|speed|all]

Scoring replicates ``score.py``: ACLED old types are mapped as in ``ACLED_OLD`` and compared on
the top type (the part before the first "/", lowercased); CASE 2021 sub-types are compared by
the suffix after the last event_type part (``CASE`` map), macro-F1 over gold labels in the 25
ACLED types. SATP is multi-label (armed assault / bombing / kidnapping / other): we report how
often the main type's SATP class is one of the gold labels, and per-class P/R of that class.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

from tolls.extract.event_types import classify_event

ACLED_OLD = {
    "battle-no change of territory": "battles",
    "battle-government regains territory": "battles",
    "battle-non-state actor overtakes territory": "battles",
    "violence against civilians": "violence against civilians",
    "remote violence": "explosions",
    "strategic development": "strategic developments",
    "headquarters or base established": "strategic developments",
    "non-violent transfer of territory": "strategic developments",
    "riots/protests": "protests|riots",
}

CASE = {
    "armed clash": "ARMED_CLASH",
    "government regains territory": "GOV_REGAINS_TERIT",
    "non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "sexual violence": "SEX_VIOL",
    "attack": "ATTACK",
    "abduction/forced disappearance": "ABDUCT_DISSAP",
    "chemical weapon": "CHEM_WEAP",
    "air/drone strike": "AIR_STRIKE",
    "suicide bomb": "SUIC_BOMB",
    "shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "remote explosive/landmine/ied": "REM_EXPLOS",
    "grenade": "GRENADE",
    "peaceful protest": "PEACE_PROTEST",
    "protest with intervention": "PROTEST_WITH_INTER",
    "excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "violent demonstration": "VIOL_DEMONSTR",
    "mob violence": "MOB_VIOL",
    "agreement": "AGREEMENT",
    "arrests": "ARREST",
    "change to group/activity": "CHANGE_TO_GROUP_ACT",
    "disrupted weapons use": "DISR_WEAP",
    "headquarters or base established": "HQ_ESTABLISHED",
    "looting/property destruction": "PROPERTY_DISTRUCT",
    "non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "other": "OTHER",
}

SATP_COLS = ("armed_assault", "bombing", "kidnapping", "other")


def top(t: str) -> str:
    return t.split("/")[0].strip().lower()


def case_label(t: str) -> str:
    low = t.lower()
    for sub, code in CASE.items():
        if low.endswith("/" + sub):
            return code
    return "NONE"


def f1(tp: int, npred: int, ngold: int) -> float:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def eval_acled(root: Path, errors: int) -> None:
    with open(root / "acled-africa-2016" / "dev.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    ok = 0
    conf: Counter[tuple[str, str]] = Counter()
    wrong: list[tuple[str, str, str]] = []
    for r in rows:
        want = ACLED_OLD.get(r["EVENT_TYPE"].lower(), r["EVENT_TYPE"].lower())
        got_full = classify_event(r["NOTES"]).type
        got = top(got_full)
        hit = any(got.startswith(w) for w in want.split("|"))
        ok += hit
        conf[(want, got)] += 1
        if not hit:
            wrong.append((want, got_full, r["NOTES"]))
    print(f"ACLED Africa 2016 dev: n={len(rows)} top-type accuracy {ok / len(rows):.3f}")
    golds = sorted({g for g, _ in conf})
    preds = sorted({p for _, p in conf})
    short = {p: p[:10] for p in preds}
    print(f"{'gold vs pred':28}" + "".join(f"{short[p]:>11}" for p in preds))
    for g in golds:
        print(f"{g:28}" + "".join(f"{conf[(g, p)]:>11}" for p in preds))
    random.Random(0).shuffle(wrong)
    for want, got_full, note in wrong[:errors]:
        print(f"  [{want} <- {got_full}] {note[:300]}")


def eval_case(root: Path, errors: int) -> None:
    with open(root / "case2021-task2" / "dev.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    labels = set(CASE.values())
    pairs = []
    wrong = []
    for r in rows:
        if r["SubType"] not in labels:
            continue
        got = case_label(classify_event(r["EventSnippet"]).type)
        pairs.append((r["SubType"], got))
        if got != r["SubType"]:
            wrong.append((r["SubType"], got, r["EventSnippet"]))
    f1s = {
        lab: f1(
            sum(g == lab == p for g, p in pairs),
            sum(p == lab for _, p in pairs),
            sum(g == lab for g, _ in pairs),
        )
        for lab in sorted({g for g, _ in pairs})
    }
    micro = sum(g == p for g, p in pairs) / len(pairs)
    print(f"CASE 2021 dev: n={len(pairs)} macro-F1 {sum(f1s.values()) / len(f1s):.3f} micro-F1 {micro:.3f}")
    print("  per label: " + ", ".join(f"{k} {v:.2f}" for k, v in f1s.items()))
    print("  confusions:", Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(10))
    for g, p, text in wrong[:errors]:
        print(f"  [{g} <- {p}] {text[:250]}")


def satp_class(t: str) -> str:
    low = t.lower()
    if low.startswith("explosions"):
        return "bombing"
    if "abduction" in low:
        return "kidnapping"
    if low.startswith("battles") or low.startswith("violence against civilians"):
        return "armed_assault"
    return "other"


def eval_satp(root: Path, errors: int) -> None:
    n = ok = 0
    stats: Counter[str] = Counter()
    wrong = []
    for path in sorted((root / "satp").glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 5 or not parts[-1].strip().isdigit():
                    continue
                gold = {c for c, v in zip(SATP_COLS, parts[-4:], strict=True) if v.strip() == "1"}
                got = satp_class(classify_event("\t".join(parts[:-4])).type)
                n += 1
                ok += got in gold
                stats[f"pred_{got}"] += 1
                stats[f"tp_{got}"] += got in gold
                for c in gold:
                    stats[f"gold_{c}"] += 1
                if got not in gold:
                    wrong.append((sorted(gold), got, parts[0]))
    print(f"SATP (all splits): n={n} main type's class among gold labels {ok / n:.3f}")
    print(
        "  "
        + ", ".join(
            f"{c} P {stats[f'tp_{c}'] / max(1, stats[f'pred_{c}']):.2f} "
            f"(pred {stats[f'pred_{c}']}, gold {stats[f'gold_{c}']})"
            for c in SATP_COLS
        )
    )
    for g, p, text in wrong[:errors]:
        print(f"  [{g} <- {p}] {text[:250]}")


def eval_speed(root: Path) -> None:
    with open(root / "acled-africa-2016" / "dev.csv", encoding="utf-8", newline="") as fh:
        notes = [r["NOTES"] for r in csv.DictReader(fh)]
    blob = " ".join(notes)
    chunks = [blob[i : i + 500] for i in range(0, min(len(blob), 500 * 2000), 500)]
    classify_event(chunks[0])
    runs = []
    for _ in range(5):  # best of five: the machine may be shared
        t0 = time.perf_counter()
        for c in chunks:
            classify_event(c)
        runs.append((time.perf_counter() - t0) / len(chunks))
    print(f"speed: {min(runs) * 1e6:.1f} µs per 500-character text (best of 5 runs over {len(chunks)} texts)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    ap.add_argument("--errors", type=int, default=0, help="print this many misclassified examples per set")
    ap.add_argument("--set", default="all", choices=["acled", "case", "satp", "speed", "all"])
    a = ap.parse_args()
    if not a.eval.is_dir():
        sys.exit(f"no evaluation data at {a.eval}")
    if a.set in ("acled", "all"):
        eval_acled(a.eval, a.errors)
    if a.set in ("case", "all"):
        eval_case(a.eval, a.errors)
    if a.set in ("satp", "all"):
        eval_satp(a.eval, a.errors)
    if a.set in ("speed", "all"):
        eval_speed(a.eval)


if __name__ == "__main__":
    main()
