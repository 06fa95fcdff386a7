"""Scaling of distributed extraction: 1 worker vs 2 workers, and cost per document by size.

Reads the ACLED dev notes prepared by ``../shared/eval/prepare.py`` at run time (it runs the
preparation into ``--ev`` when the input file is missing; nothing is copied into the repo), then

  cluster  the same documents through ``extract_on_cluster`` on a loopback LocalCluster of 1 and
           of 2 single-threaded worker processes: documents/s and peak RSS per worker. Starting
           the cluster and loading the model in each worker (the one-time warm-up) happen before
           the clock starts; the timed part is submitting, extracting and collecting every result.
  serial   the same documents through ``run_extraction`` in this process (model load excluded),
           for the cost of going through Dask at all.
  sizes    serial cost per document as documents grow from 1 KB to 100 KB (synthetic documents
           made by concatenating consecutive notes), to see whether cost grows linearly.

and prints a table. On a machine shared with other jobs the figures are noisy: the load average
is printed before and after so a reader can judge.

usage: PYTHONPATH=src python bench/scale.py [--limit N] [--ev /tmp/ev] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from distributed import Client
from spacy.language import Language

from tolls.distributed import extract_on_cluster, local_cluster
from tolls.distributed.tasks import peak_rss_mb
from tolls.extract.contract import read_jsonl
from tolls.extract.pipeline import load_nlp, run_extraction
from tolls.model import InputDocument
from tolls.settings import Settings, get_settings

HERE = Path(__file__).resolve().parent
SIZES_KB = (1, 3, 10, 30, 100)


@dataclass
class Row:
    label: str
    docs: int
    seconds: float
    warm_up: float
    rss_per_worker: list[float]

    @property
    def rate(self) -> float:
        return self.docs / self.seconds


def corpus(ev: Path, shared: Path) -> Path:
    found = sorted(ev.glob("acled*.input.jsonl"))
    if not found:
        ev.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(shared / "eval" / "prepare.py"), str(shared / "eval"), str(ev)], check=True
        )
        found = sorted(ev.glob("acled*.input.jsonl"))
    if not found:
        raise SystemExit(f"no acled*.input.jsonl in {ev} after prepare.py")
    return found[0]


def read_docs(path: Path, limit: int | None) -> list[InputDocument]:
    docs = [d for d in read_jsonl(path) if isinstance(d, InputDocument) and d.text.strip()]
    return docs[:limit] if limit else docs


def on_cluster(workers: int, docs: list[InputDocument], settings: Settings, chunk_size: int) -> Row:
    cluster = local_cluster(workers)
    try:
        address = cluster.scheduler_address
        with Client(cluster, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
            t = time.perf_counter()
            list(extract_on_cluster(docs[:workers], settings=settings, scheduler=address))  # warm-up
            warm = time.perf_counter() - t
            t = time.perf_counter()
            n = sum(
                1
                for _ in extract_on_cluster(docs, settings=settings, scheduler=address, chunk_size=chunk_size)
            )
            dt = time.perf_counter() - t
            rss = list(client.run(peak_rss_mb).values())
    finally:
        cluster.close()
    return Row(f"dask, {workers} worker{'s' if workers > 1 else ''}", n, dt, warm, rss)


def serial(docs: list[InputDocument], settings: Settings) -> tuple[Row, Language]:
    t = time.perf_counter()
    nlp = load_nlp(settings)
    warm = time.perf_counter() - t
    t = time.perf_counter()
    n = sum(1 for _ in run_extraction(nlp, docs, settings))
    dt = time.perf_counter() - t
    return Row(
        "serial, in-process", n, dt, warm, [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
    ), nlp


def synthetic(docs: list[InputDocument], size: int, count: int) -> list[InputDocument]:
    """``count`` documents of about ``size`` characters, each a run of consecutive notes."""
    out: list[InputDocument] = []
    i = 0
    for k in range(count):
        parts: list[str] = []
        length = 0
        while length < size:
            note = docs[i % len(docs)].text
            parts.append(note)
            length += len(note) + 2
            i += 1
        text = "\n\n".join(parts)[:size]
        text = text[: text.rfind(" ")] if " " in text[-200:] else text
        out.append(InputDocument(id=f"synthetic-{size}-{k}", text=text, published=docs[0].published))
    return out


def sizes(
    nlp: Language, docs: list[InputDocument], settings: Settings, budget_kb: int
) -> list[tuple[int, int, float]]:
    rows = []
    for kb in SIZES_KB:
        batch = synthetic(docs, kb * 1000, max(2, budget_kb // kb))
        t = time.perf_counter()
        for _ in run_extraction(nlp, batch, settings):
            pass
        rows.append((kb, len(batch), time.perf_counter() - t))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None, help="use the first N notes")
    ap.add_argument("--ev", type=Path, default=Path("/tmp/ev"), help="prepared evaluation inputs")
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--chunk-size", type=int, default=16)
    ap.add_argument("--size-budget-kb", type=int, default=200, help="text per size step (at least 2 docs)")
    args = ap.parse_args()
    settings = get_settings()
    path = corpus(args.ev, args.shared)
    docs = read_docs(path, args.limit)
    load_before = os.getloadavg()
    rows = [on_cluster(1, docs, settings, args.chunk_size), on_cluster(2, docs, settings, args.chunk_size)]
    ser, nlp = serial(docs, settings)
    by_size = sizes(nlp, docs, settings, args.size_budget_kb)
    load_after = os.getloadavg()

    kb = sum(len(d.text) for d in docs) / 1000
    mean = kb * 1000 / len(docs)
    print(f"corpus: {len(docs)} ACLED dev notes from {path} ({kb:.0f} KB, mean {mean:.0f} chars)")
    print(f"cpus: {os.cpu_count()}  load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f}")
    print(f"chunk size {args.chunk_size}; warm-up (cluster start + model load per worker) is not timed\n")
    head = ("run", "docs", "seconds", "docs/s", "warm-up s", "peak RSS MB per process")
    print(f"{head[0]:<20} {head[1]:>6} {head[2]:>8} {head[3]:>8} {head[4]:>10} {head[5]:>24}")
    for r in [*rows, ser]:
        rss = ", ".join(f"{x:.0f}" for x in r.rss_per_worker)
        print(f"{r.label:<20} {r.docs:>6} {r.seconds:>8.2f} {r.rate:>8.1f} {r.warm_up:>10.1f} {rss:>24}")
    ratio = rows[1].rate / rows[0].rate
    print(f"\nspeed-up 2 workers / 1 worker : {ratio:.2f}  (target >= 1.6 on 2 idle cores)")
    print(f"dask 1 worker / serial        : {rows[0].rate / ser.rate:.2f}  (cost of going through Dask)\n")
    print("serial cost by document size (synthetic: consecutive notes concatenated)")
    print(f"{'size':>7} {'docs':>5} {'seconds':>8} {'ms/doc':>9} {'ms/KB':>7}")
    for size_kb, n, dt in by_size:
        print(f"{size_kb:>5}KB {n:>5} {dt:>8.2f} {dt / n * 1000:>9.1f} {dt / n / size_kb * 1000:>7.2f}")


if __name__ == "__main__":
    main()
