#!/usr/bin/env python3
"""Issue 17's ledger check: the 11-12 October 2025 border clash is ONE contested event.

usage: PYTHONPATH=src python eval/news/clash.py [tune|test] [--keep DIR]

Ingests the Pakistan-Afghanistan documents of one part of the corpus (gold.jsonl rows of the
part with region "pak-afg", texts/<id>.txt) into a fresh SQLite ledger with the CLI
(``tolls ingest``), then reads the ledger back and checks the acceptance:

- one event holds the clash's figures (ISPR: 23 Pakistani soldiers, 200+ Taliban; the Taliban:
  58 Pakistani soldiers, 9 of their own), typed a battle, contested, dated across 11-12 October
  and placed at the border rather than at a capital;
- per victim group, each side's own and adversary figures are kept: Pakistani soldiers
  low/best/high 23/23/58 (the admission is the best), Afghan fighters low 9, best 9, high >= 200;
- the part's documents that report these figures (by the gold annotation) are all in it;
- no event is typed a protest where no document of it has a protest in the gold annotation;
- no contested incident (what the dashboard's "widest disagreements" sets side by side) holds a
  killed figure the gold annotation gives to an aggregate (a period's or a war's toll).

On the tuning part the event, its estimates and its documents are printed; on the test part only
pass/fail facts and counts (its texts and errors are never read).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CLASH = (date(2025, 10, 11), date(2025, 10, 12))
# (victims' country, inter) -> the claimant's country for each figure the acceptance names
FIGURES = {
    ("PAK", 1): {23: "PAK", 58: "AFG"},
    ("AFG", 1): {200: "PAK", 9: "AFG"},
}


def _docs(part: str) -> list[dict]:
    rows = [json.loads(line) for line in open(HERE / "gold.jsonl", encoding="utf-8") if line.strip()]
    return [
        g
        for g in rows
        if g["region"] == "pak-afg" and g["split"] == part and (HERE / "texts" / f"{g['id']}.txt").exists()
    ]


def _clash_figures(g: dict) -> list[tuple[dict, dict, bool]]:
    """A gold document's killed claims of the clash's figures in an incident of those days (or
    undated), each with its event and whether its own claimant says it (ISPR's 23, the
    Taliban's 58)."""
    out = []
    for c in g["claims"]:
        v = c["victims"]
        wanted = FIGURES.get((v["country"], v["inter"]), {})
        if c["kind"] != "killed" or c["figure"]["value"] not in wanted:
            continue
        ev = g["events"][c["event_ref"]] if c.get("event_ref") is not None else {}
        start = ev.get("date_start")
        if start is not None and not "2025-10-09" <= start <= "2025-10-13":
            continue
        out.append((c, ev, wanted[c["figure"]["value"]] == c["claimant"]["country"]))
    return out


def _expected(docs: list[dict]) -> set[str]:
    """The documents whose gold annotation gives the clash's figures: one said by its claimant
    (ISPR's 23, the Taliban's 58), or two of them unattributed, in an event of those days."""
    out = set()
    for g in docs:
        said, bare = 0, 0
        for c, _ev, own in _clash_figures(g):
            if own:
                said += 1
            else:
                bare += 1
        if said or bare >= 2:
            out.add(g["id"])
    return out


def given(docs: list[dict]) -> tuple[set[tuple[str, int, int, str]], bool]:
    """What the documents' gold annotation gives of the clash, to judge a fact only where its
    documents are there: the figures, as (victims' country, inter, value, claimant's country),
    said by their own claimant in an incident of those days (or undated); and whether some
    report dates the clash across both days (a span of a week at most covering 11 and 12
    October). A draw of documents lacking the Taliban's 9 cannot keep it."""
    figures: set[tuple[str, int, int, str]] = set()
    dated = False
    for g in docs:
        for c, ev, own in _clash_figures(g):
            if ev.get("scope") == "aggregate":
                continue
            v = c["victims"]
            start, end = ev.get("date_start"), ev.get("date_end") or ev.get("date_start")
            if own:
                figures.add((v["country"], v["inter"], c["figure"]["value"], c["claimant"]["country"]))
            if start is not None and end is not None and start <= CLASH[0].isoformat():
                span = (date.fromisoformat(end) - date.fromisoformat(start)).days
                dated = dated or (end >= CLASH[1].isoformat() and span <= 7)
    return figures, dated


def _aggregate(sc: object, docs: list[dict]) -> bool:
    """Is a ledger claim one the gold annotation gives to an aggregate (a period's or a war's
    toll), matched by its document and an overlapping character span?"""
    by_id = {g["id"]: g for g in docs}
    g = by_id.get(sc.doc_id)  # type: ignore[attr-defined]
    if g is None:
        return False
    start, end = sc.claim.span  # type: ignore[attr-defined]
    for c in g["claims"]:
        a, b = c["evidence_span"]
        if a < end and start < b and c.get("event_ref") is not None:
            if g["events"][c["event_ref"]].get("scope") == "aggregate":
                return True
    return False


def _aggregates(ev: object, docs: list[dict]) -> list[object]:
    """The event's killed claims that the gold gives to an aggregate, unless the incident's own
    reports state the same figure for the same group (a recap restating ISPR's 23)."""
    killed = [sc for sc in ev.claims if sc.claim.kind == "killed"]  # type: ignore[attr-defined]

    def key(sc: object) -> tuple[object, ...]:
        c = sc.claim  # type: ignore[attr-defined]
        return (c.victims.country, c.victims.inter, c.figure.value)

    flagged = [sc for sc in killed if _aggregate(sc, docs)]
    own = {key(sc) for sc in killed if not _aggregate(sc, docs)}
    return [sc for sc in flagged if key(sc) not in own]


def _protest_docs(docs: list[dict]) -> set[str]:
    return {g["id"] for g in docs if any(e["type"].startswith("Protests") for e in g["events"])}


def _ingest(docs: list[dict], folder: Path) -> str:
    src = folder / "pak-afg.jsonl"
    with open(src, "w", encoding="utf-8") as out:
        for g in docs:
            text = (HERE / "texts" / f"{g['id']}.txt").read_text(encoding="utf-8")
            line = {
                "id": g["id"],
                "text": text,
                "published": g.get("published"),
                "title": None,
                "url": g.get("url"),
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    url = f"sqlite:///{folder / 'ledger.sqlite'}"
    run = subprocess.run(
        [sys.executable, "-m", "tolls", "ingest", str(src), "--db", url, "--json"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    if run.returncode not in (0, 3):
        sys.exit(f"tolls ingest failed ({run.returncode}): {run.stderr.strip()[-500:]}")
    return url


def _capitals() -> set[str]:
    with open(ROOT / "src" / "tolls" / "data" / "capitals.csv", encoding="utf-8") as f:
        return {name.lower() for row in csv.DictReader(f) for name in row["capitals"].split("|")}


def _holds(ev: object) -> int:
    n = 0
    for sc in ev.claims:  # type: ignore[attr-defined]
        c = sc.claim
        want = FIGURES.get((c.victims.country, c.victims.inter), {})
        if c.kind == "killed" and want.get(c.figure.value) == c.claimant.country:
            n += 1
    return n


def facts(events: list, docs: list[dict]) -> list[tuple[str, bool]]:
    """The acceptance's facts about a ledger's ``events`` ingested from ``docs`` (gold rows)."""
    holders = sorted((e for e in events if _holds(e)), key=lambda e: -_holds(e))
    facts: list[tuple[str, bool]] = [("one event holds the clash's figures", len(holders) == 1)]
    expected = _expected(docs)
    ev = holders[0] if holders else None
    if ev is not None:
        killed = {(e.victims.country, e.victims.inter): e for e in ev.estimates if e.kind == "killed"}
        said = {
            (c.claim.victims.country, c.claim.victims.inter, c.claim.figure.value, c.claim.claimant.country)
            for c in ev.claims
            if c.claim.kind == "killed"
        }
        pak, afg = killed.get(("PAK", 1)), killed.get(("AFG", 1))
        first = ev.locations[0].name.lower() if ev.locations else ""
        facts += [
            ("typed a battle", ev.type.startswith("Battles")),
            ("contested", ev.contested),
            (
                "dated across 11-12 October",
                ev.dates.start is not None
                and ev.dates.start <= CLASH[0]
                and ev.dates.end is not None
                and ev.dates.end >= CLASH[1],
            ),
            ("placed at no capital", bool(first) and first not in _capitals()),
            (
                "PAK soldiers: ISPR's 23 and the Taliban's 58 kept",
                {("PAK", 1, 23, "PAK"), ("PAK", 1, 58, "AFG")} <= said,
            ),
            (
                "AFG fighters: ISPR's 200 and the Taliban's 9 kept",
                {("AFG", 1, 200, "PAK"), ("AFG", 1, 9, "AFG")} <= said,
            ),
            (
                "PAK soldiers low/best/high 23/23/58",
                pak is not None and (pak.low, pak.best, pak.high) == (23, 23, 58),
            ),
            (
                "AFG fighters low 9, best 9, high >= 200",
                afg is not None and (afg.low, afg.best) == (9, 9) and afg.high >= 200,
            ),
            (f"all {len(expected)} documents giving the figures in it", expected <= set(ev.documents)),
        ]
    protest_docs = _protest_docs(docs)
    protests = [e for e in events if e.type.startswith("Protests") and not set(e.documents) & protest_docs]
    facts.append((f"no protest event where none is reported ({len(protests)} found)", not protests))
    # "widest disagreements" (the dashboard) sets contested incidents' killed figures side by side
    gaps = [e for e in events if e.contested and e.scope != "aggregate" and e.fatalities is not None]
    mixed = [e for e in gaps if _aggregates(e, docs)]
    facts.append((f"no aggregate's figure in a contested incident ({len(mixed)} of {len(gaps)})", not mixed))
    return facts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("part", nargs="?", default="tune", choices=("tune", "test"))
    ap.add_argument("--keep", type=Path, help="ingest into this folder and keep the ledger")
    args = ap.parse_args()
    details = args.part == "tune"
    docs = _docs(args.part)
    if not docs:
        sys.exit(f"no texts of the {args.part} part: re-pull them (eval/news/README.md)")
    from tolls.store import load_ledger, make_engine, session_scope

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        url = _ingest(docs, folder)
        engine = make_engine(url)
        with session_scope(engine) as session:
            events = load_ledger(session)
        engine.dispose()

    facts_ = facts(events, docs)
    expected = _expected(docs)
    holders = sorted((e for e in events if _holds(e)), key=lambda e: -_holds(e))
    ev = holders[0] if holders else None
    protest_docs = _protest_docs(docs)
    protests = [e for e in events if e.type.startswith("Protests") and not set(e.documents) & protest_docs]
    gaps = [e for e in events if e.contested and e.scope != "aggregate" and e.fatalities is not None]
    mixed = [e for e in gaps if _aggregates(e, docs)]

    print(f"{args.part}: {len(docs)} pak-afg documents, {len(events)} ledger events")
    if details:
        for h in holders:
            print(
                f"\nevent {h.id} {h.type} {h.dates.start}..{h.dates.end} ({h.dates.precision})"
                f" at {', '.join(p.name for p in h.locations[:4])}; contested={h.contested}"
            )
            print(f"  {len(h.documents)} documents: {' '.join(sorted(h.documents))}")
            if h is ev:
                print(f"  expected but missing: {' '.join(sorted(expected - set(h.documents))) or '-'}")
            for e in h.estimates:
                who = f"{e.victims.country}/{e.victims.inter}" if e.group == "side" else e.group
                cl = {c.id: c.claim for c in h.claims}
                by = sorted(
                    {f"{cl[i].claimant.country or '?'}:{cl[i].figure.value}" for i in e.claims if i in cl}
                )
                print(
                    f"  {e.kind:15} {who:9} {e.low}/{e.best}/{e.high} {e.rule}"
                    f"{' CONTESTED' if e.contested else ''}  [{' '.join(by)}]"
                )
        for e in protests:
            print(f"\nprotest event {e.id}: {' '.join(e.documents)}")
        for e in mixed:
            agg = _aggregates(e, docs)
            print(
                f"\naggregate in incident {e.id} {e.type}: "
                + " ".join(f"{sc.doc_id}:{sc.claim.figure.text}" for sc in agg)
            )
        print()
    for name, ok in facts_:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(ok for _, ok in facts_) else 1


if __name__ == "__main__":
    sys.exit(main())
