#!/usr/bin/env python3
"""Build eval/news/gold.jsonl from the annotators' batches (eval/news/work/*.jsonl, not committed).

    python3 eval/news/build.py            # check every batch line, write gold.jsonl, print a summary

A batch line is a gold line with each claim's `evidence` quoted from the text. The committed gold
keeps no sentence of any text: each quote becomes `evidence_span` [start, end] into the text, event
summaries (paraphrases that can echo the text) are left out, and
the line gets `chars`, `sha256`, `norm_sha256` and `split` (tune 75% / test 25%, fixed by a hash
of the url, so a document never changes part). Documents of the held-out set (by url or text) are
refused. Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXCLUDED = HERE.parents[2] / "shared" / "eval" / "news" / "excluded.txt"
KINDS = {"killed", "injured", "captured", "missing", "detained", "displaced", "deported", "posts_captured", "other"}
QUALIFIERS = {"exact", "at_least", "more_than", "about", "up_to", "range", "vague"}
STANCES = {"asserted", "denied", "disputed"}
PRECISIONS = {"day", "week", "month", "year", None}
ORDER = ("id", "url", "query", "outlet", "published", "region", "conflict", "split", "chars", "sha256",
         "norm_sha256", "claims", "events")


def url_key(url: str) -> str:
    u = url.strip().lower()
    u = re.sub(r"^[a-z]+://", "", u)
    u = re.sub(r"^(www\.|m\.|amp\.)", "", u)
    u = u.split("#")[0].rstrip("/")
    return hashlib.sha256(u.encode()).hexdigest()


def norm_sha256(text: str) -> str:
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(t.encode()).hexdigest()


def split_of(url: str) -> str:
    """25% test by the url's hash: stable whatever else changes."""
    return "test" if int(hashlib.sha256(("split:" + url_key(url)).encode()).hexdigest()[:8], 16) % 4 == 0 else "tune"


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """The quote's span in the text: exact, else with white space and quote marks folded."""
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    words = [re.escape(w) for w in re.split(r"\s+", quote.strip()) if w]
    if not words:
        return None
    fold = {"'": "['‘’`]", '"': "[\"“”]"}
    pat = r"\s+".join("".join(fold.get(ch, re.escape(ch)) for ch in re.sub(r"\\(.)", r"\1", w)) for w in words)
    m = re.search(pat, text)
    return (m.start(), m.end()) if m else None


def check_line(d: dict, text: str, problems: list[str]) -> None:
    did = d["id"]
    n_events = len(d.get("events", []))
    for k, c in enumerate(d.get("claims", [])):
        where = f"{did} claim {k}"
        if c.get("kind") not in KINDS:
            problems.append(f"{where}: kind {c.get('kind')!r}")
        f = c.get("figure") or {}
        if f.get("qualifier") not in QUALIFIERS:
            problems.append(f"{where}: qualifier {f.get('qualifier')!r}")
        if not isinstance(f.get("value"), int):
            problems.append(f"{where}: figure value {f.get('value')!r} is not a whole number")
        if c.get("stance", "asserted") not in STANCES:
            problems.append(f"{where}: stance {c.get('stance')!r}")
        for side in ("claimant", "victims"):
            a = c.get(side) or {}
            if a.get("inter") not in (0, 1, 2, 3, 4, 5, 6, 7, 8, None):
                problems.append(f"{where}: {side}.inter {a.get('inter')!r}")
            if a.get("country") and not re.fullmatch(r"[A-Z]{3}", a["country"]):
                problems.append(f"{where}: {side}.country {a.get('country')!r}")
        ref = c.get("event_ref")
        if ref is not None and not (isinstance(ref, int) and 0 <= ref < n_events):
            problems.append(f"{where}: event_ref {ref!r} out of range ({n_events} events)")
        if "evidence_span" not in c:
            quote = c.get("evidence") or ""
            span = find_span(text, quote) if quote else None
            if span is None:
                problems.append(f"{where}: evidence not found in the text: {quote[:60]!r}")
            else:
                c["evidence_span"] = list(span)
        c.pop("evidence", None)
    for k, e in enumerate(d.get("events", [])):
        e.pop("summary", None)  # annotators' paraphrases can echo the text: not committed
        if not e.get("type"):
            problems.append(f"{did} event {k}: no type")
        if e.get("date_precision") not in PRECISIONS:
            problems.append(f"{did} event {k}: date_precision {e.get('date_precision')!r}")
        for key in ("date_start", "date_end"):
            v = e.get(key)
            if v is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                problems.append(f"{did} event {k}: {key} {v!r}")
    if d.get("published") is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["published"]):
        problems.append(f"{did}: published {d['published']!r}")


def main() -> int:
    excluded = set(EXCLUDED.read_text().split()) if EXCLUDED.exists() else set()
    gold_path = HERE / "gold.jsonl"
    batches = sorted((HERE / "work").glob("*.jsonl"))
    if not batches:
        print("no batches in eval/news/work: gold.jsonl left as it is")
        return 0
    problems: list[str] = []
    lines: dict[str, dict] = {}
    seen_urls: dict[str, str] = {}
    for batch in batches:
        for lineno, raw in enumerate(batch.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            try:
                d = json.loads(raw)
            except json.JSONDecodeError as exc:
                problems.append(f"{batch.name}:{lineno}: not JSON ({exc})")
                continue
            did = d.get("id")
            path = HERE / "texts" / f"{did}.txt"
            if not did or not path.exists():
                problems.append(f"{batch.name}:{lineno}: text missing for id {did!r}")
                continue
            text = path.read_text(encoding="utf-8")
            if url_key(d["url"]) in excluded or norm_sha256(text) in excluded:
                problems.append(f"{did}: held-out document, dropped")
                lines.pop(did, None)
                continue
            key = url_key(d["url"])
            if key in seen_urls and seen_urls[key] != did:
                problems.append(f"{did}: same url as {seen_urls[key]}, dropped")
                continue
            seen_urls[key] = did
            check_line(d, text, problems)
            d["chars"] = len(text)
            d["sha256"] = hashlib.sha256(text.encode()).hexdigest()
            d["norm_sha256"] = norm_sha256(text)
            d["split"] = split_of(d["url"])
            lines[did] = {k: d[k] for k in ORDER if k in d} | {k: v for k, v in d.items() if k not in ORDER}
    tmp = gold_path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for did in sorted(lines):
            out.write(json.dumps(lines[did], ensure_ascii=False, sort_keys=False) + "\n")
    os.replace(tmp, gold_path)  # several annotators run this at once
    docs = list(lines.values())
    outlets = {d.get("outlet") for d in docs}
    conflicts = {d.get("conflict") for d in docs}
    pakafg = sum(d.get("region") == "pak-afg" for d in docs)
    test = sum(d["split"] == "test" for d in docs)
    print(f"{len(docs)} documents ({test} test), {len(outlets)} outlets, {len(conflicts)} conflicts, "
          f"{pakafg} pak-afg, {sum(len(d['claims']) for d in docs)} claims, {sum(len(d['events']) for d in docs)} events")
    for p in problems:
        print("problem:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
