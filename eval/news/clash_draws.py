#!/usr/bin/env python3
"""How robust the clash check is to which documents are ingested: random draws of the TUNING
part's Pakistan-Afghanistan documents, reconciled again from a kept ledger's extraction.

usage: PYTHONPATH=src python eval/news/clash_draws.py LEDGER_DIR [--draws 40] [--size 24] [--seed 7]

LEDGER_DIR is a folder kept by ``clash.py tune --keep LEDGER_DIR`` (its ``ledger.sqlite``): the
documents' extraction is read back from it and only reconciliation is rerun per draw
(:func:`tolls.reconcile.ledger.reconcile`, as ``tolls ingest`` rebuilds the ledger), so a draw
takes a fraction of a second. The test part has 24 such documents: draws of that size show how
often each of clash.py's ledger facts fails when a part holds fewer reports of the clash. Prints
one line: per fact, the draws failing it over the draws judging it (a fact is judged only in
draws whose documents give, by the gold annotation, the figures or dates it asks for:
:func:`_applies`). Tuning part only (the test part is scored, never read).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import clash


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ledger", type=Path)
    ap.add_argument("--draws", type=int, default=40)
    ap.add_argument("--size", type=int, default=24)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from tolls.model import Extraction, InputDocument
    from tolls.reconcile.ledger import reconcile
    from tolls.store import load_claims, load_doc_events, make_engine, session_scope

    engine = make_engine(f"sqlite:///{args.ledger / 'ledger.sqlite'}")
    pairs: list[tuple[InputDocument, Extraction]] = []
    with session_scope(engine) as session:
        claims = load_claims(session)
        ident = {id(sc.claim): sc.id for sc in claims}
        grouped: dict[str, list] = {}
        for sc in claims:
            grouped.setdefault(sc.doc_id, []).append(sc)
        for doc_id, mine in grouped.items():
            doc = InputDocument(id=doc_id, text="", published=mine[0].published)
            pairs.append(
                (doc, Extraction(doc_id, [sc.claim for sc in mine], load_doc_events(session, doc_id)))
            )
    engine.dispose()
    gold = {g["id"]: g for g in clash._docs("tune")}
    if not set(grouped) <= set(gold):
        sys.exit("the ledger holds documents that are not the tuning part's pak-afg ones")
    rng = random.Random(args.seed)
    fails: dict[str, int] = {}
    judged: dict[str, int] = {}
    for _ in range(args.draws):
        pick = set(rng.sample(sorted(gold), args.size))
        docs = [gold[i] for i in sorted(pick)]
        events = reconcile([p for p in pairs if p[0].id in pick], ident=lambda _d, c: ident[id(c)]).events
        figures, dated = clash.given(docs)
        for name, ok in clash.facts(events, docs):
            key = re.sub(r"^all \d+ ", "all ", name.split(" (")[0])
            fails.setdefault(key, 0)
            judged.setdefault(key, 0)
            if not _applies(key, figures, dated):
                continue  # the draw lacks the documents giving what the fact asks for
            judged[key] += 1
            fails[key] += not ok
    print(
        f"{args.draws} draws of {args.size}, failing/judged per fact: "
        + "; ".join(f"{k}: {fails[k]}/{judged[k]}" for k in fails)
    )
    return 0


_PAK = {("PAK", 1, 23, "PAK"), ("PAK", 1, 58, "AFG")}
_AFG = {("AFG", 1, 200, "PAK"), ("AFG", 1, 9, "AFG")}


def _applies(fact: str, figures: set[tuple[str, int, int, str]], dated: bool) -> bool:
    """Whether a draw's documents give what ``fact`` asks for (by their gold annotation,
    :func:`clash.given`): a fact is judged only then, so a draw holding no report of the
    Taliban's 9 does not count as failing to keep it. An extraction that misses a figure the
    annotation gives still fails."""
    if fact.startswith("PAK soldiers"):
        return _PAK <= figures
    if fact.startswith("AFG fighters"):
        return _AFG <= figures
    if fact == "contested":
        return _PAK <= figures or _AFG <= figures
    if fact.startswith("dated"):
        return dated
    if fact.startswith("one event holds"):
        return bool(figures)
    return True


if __name__ == "__main__":
    sys.exit(main())
