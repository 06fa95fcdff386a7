"""Extraction on a Dask cluster: chunks out, bounded in flight, results back to one consumer.

The client reads documents lazily and keeps at most ``max_in_flight`` chunks between the
oldest result not yet handed back and the newest chunk submitted, so memory on the client and
the scheduler is bounded whatever the corpus size. Results come back to the caller, the single
writer, in input order (``ordered=True``, the default, as :func:`run_extraction` does) or as
chunks complete (``ordered=False``).

Failures:

* a worker that dies mid-task: the scheduler re-runs its tasks on the other workers (up to
  ``retries`` times on a LocalCluster started here; on an existing cluster its
  ``distributed.scheduler.allowed-failures`` setting decides);
* a task that raises: Dask re-runs it up to ``retries`` times; if it still raises, the chunk is
  re-run one document per task, so only the documents that fail alone come back as
  Extractions with an ``E601`` error naming the reason;
* a chunk whose workers kept dying (``KilledWorker``): every document in it comes back with an
  ``E601`` error (it is not split: that would kill more workers).

Nothing is dropped: one Extraction per input item, whatever fails.

Per-document problems (empty text, over ``extract.max_chars``, unreadable input lines) stay
per-document errors exactly as in the serial path.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count

from distributed import Client, Future, KilledWorker, as_completed

from tolls.distributed import tasks
from tolls.distributed.cluster import DEFAULT_TIMEOUT, connect
from tolls.errors import DistributedError, ErrorCode, TollsError
from tolls.model import Extraction, InputDocument
from tolls.settings import Settings

__all__ = ["DEFAULT_CHUNK_SIZE", "DEFAULT_RETRIES", "extract_on_cluster"]

DEFAULT_CHUNK_SIZE = 64
DEFAULT_RETRIES = 2
_IN_FLIGHT_PER_THREAD = 3


@dataclass(slots=True)
class _Chunk:
    seq: int
    items: list[InputDocument | Extraction] = field(default_factory=list)
    """Documents to extract, and lines that already failed on the client, in input order."""

    @property
    def docs(self) -> list[InputDocument]:
        return [x for x in self.items if isinstance(x, InputDocument)]

    def merge(self, results: list[Extraction]) -> list[Extraction]:
        done = iter(results)
        return [x if isinstance(x, Extraction) else next(done) for x in self.items]

    def fail(self, reason: str, attempts: int) -> list[Extraction]:
        docs = self.docs
        task = "its own task" if len(docs) == 1 else f"its chunk of {len(docs)} documents"
        return self.merge([_failed(d.id, task, reason, attempts) for d in docs])


def _failed(doc_id: str, task: str, reason: str, attempts: int) -> Extraction:
    err = DistributedError(ErrorCode.E601, doc_id=doc_id, task=task, attempts=attempts, reason=reason)
    return Extraction(doc_id=doc_id, error=f"{err.code}: {err.message}")


@dataclass(slots=True)
class _Split:
    """A chunk whose task kept raising, re-run one document per task to find the culprit."""

    chunk: _Chunk
    results: dict[int, Extraction] = field(default_factory=dict)


def _chunks(docs: Iterable[InputDocument | TollsError], size: int) -> Iterator[_Chunk]:
    seq = count()
    chunk = _Chunk(next(seq))
    n_docs = 0
    for item in docs:
        if isinstance(item, TollsError):
            doc_id = str(item.fields.get("doc_id", ""))
            chunk.items.append(Extraction(doc_id=doc_id, error=f"{item.code}: {item.message}"))
        else:
            chunk.items.append(item)
            n_docs += 1
        if n_docs >= size or len(chunk.items) >= 4 * size:
            yield chunk
            chunk, n_docs = _Chunk(next(seq)), 0
    if chunk.items:
        yield chunk


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return reason if len(reason) <= 300 else reason[:297] + "..."


def _warm_up(client: Client, settings_json: str) -> None:
    """Load the pipeline on every current worker before any chunk is sent, so a worker that
    cannot load it fails the run at once (E604) instead of failing every chunk."""
    futures = [
        client.submit(tasks.warm_up, settings_json, workers=[addr], allow_other_workers=True, pure=False)
        for addr in client.nthreads()
    ]
    try:
        client.gather(futures)
    except Exception as exc:
        raise DistributedError(ErrorCode.E604, reason=_reason(exc)) from exc


def _stream(
    client: Client,
    docs: Iterable[InputDocument | TollsError],
    *,
    settings_json: str,
    chunk_size: int,
    max_in_flight: int,
    retries: int,
    ordered: bool,
) -> Iterator[Extraction]:
    chunks = _chunks(docs, chunk_size)
    run = uuid.uuid4().hex[:8]
    ac = as_completed(loop=client.loop)
    # a future runs a whole chunk (part None) or, after the chunk failed, one of its documents
    pending: dict[Future[list[Extraction]], tuple[_Chunk, int | None]] = {}
    splits: dict[int, _Split] = {}
    ready: dict[int, list[Extraction]] = {}
    next_seq = 0
    exhausted = False

    def submit(chunk: _Chunk, part: int | None) -> None:
        docs = chunk.docs if part is None else [chunk.docs[part]]
        key = f"tolls-extract-{run}-{chunk.seq}" + ("" if part is None else f"-{part}")
        fut = client.submit(
            tasks.extract_chunk, settings_json, docs, key=key, retries=retries if part is None else 0
        )
        pending[fut] = (chunk, part)
        ac.add(fut)

    def refill() -> None:
        nonlocal exhausted
        while not exhausted and len(pending) + len(ready) < max_in_flight:
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
            elif chunk.docs:
                submit(chunk, None)
            else:
                ready[chunk.seq] = chunk.merge([])

    def settle(chunk: _Chunk, part: int | None, fut: Future[list[Extraction]]) -> None:
        expected = 1 if part is not None else len(chunk.docs)
        try:
            results = fut.result()
            if len(results) != expected:
                raise RuntimeError(f"{len(results)} results for {expected} documents")
        except KilledWorker as exc:  # the scheduler's own re-runs after worker deaths ran out: no split
            if part is None:
                ready[chunk.seq] = chunk.fail(_reason(exc), exc.allowed_failures + 1)
                return
            results = [_failed(chunk.docs[part].id, "its own task", _reason(exc), exc.allowed_failures + 1)]
        except Exception as exc:  # the task raised on every attempt: isolate the culprit
            if part is None and len(chunk.docs) > 1:
                splits[chunk.seq] = _Split(chunk)
                for i in range(len(chunk.docs)):
                    submit(chunk, i)
                return
            if part is None:
                ready[chunk.seq] = chunk.fail(_reason(exc), retries + 1)
                return
            results = [_failed(chunk.docs[part].id, "its own task", _reason(exc), retries + 2)]
        if part is None:
            ready[chunk.seq] = chunk.merge(results)
            return
        split = splits[chunk.seq]
        split.results[part] = results[0]
        if len(split.results) == len(chunk.docs):
            del splits[chunk.seq]
            ready[chunk.seq] = chunk.merge([split.results[i] for i in range(len(chunk.docs))])

    try:
        refill()
        while pending or ready:
            if ordered:
                while next_seq in ready:
                    yield from ready.pop(next_seq)
                    next_seq += 1
            else:
                for seq in list(ready):
                    yield from ready.pop(seq)
            refill()
            if not pending:
                continue
            fut = next(ac)
            chunk, part = pending.pop(fut)
            settle(chunk, part, fut)
            fut.release()
            refill()
    finally:
        for fut in pending:
            fut.cancel()


def extract_on_cluster(
    docs: Iterable[InputDocument | TollsError],
    *,
    settings: Settings,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    max_in_flight: int | None = None,
    retries: int = DEFAULT_RETRIES,
    ordered: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Extraction]:
    """Extract from ``docs`` on a Dask cluster: one Extraction per input item.

    Give ``workers=N`` to start a LocalCluster of N single-threaded processes on loopback
    (closed when the iterator ends or is closed), or ``scheduler="tcp://HOST:PORT"`` to use a
    running cluster. Each worker loads the pipeline once. ``chunk_size`` documents go in one
    task; at most ``max_in_flight`` chunks (default: 3 per worker thread) are submitted or
    waiting to be handed back at any time. ``ordered=False`` yields chunks as they complete.
    Items that are already errors (unreadable input lines) come back as error Extractions.
    """
    if chunk_size < 1:
        raise DistributedError(ErrorCode.E605, reason=f"chunk_size must be >= 1, not {chunk_size}")
    if retries < 0:
        raise DistributedError(ErrorCode.E605, reason=f"retries must be >= 0, not {retries}")
    if max_in_flight is not None and max_in_flight < 1:
        raise DistributedError(ErrorCode.E605, reason=f"max_in_flight must be >= 1, not {max_in_flight}")
    settings_json = settings.model_dump_json()
    with connect(workers=workers, scheduler=scheduler, retries=retries, timeout=timeout) as client:
        _warm_up(client, settings_json)
        window = max_in_flight or max(2, _IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
        yield from _stream(
            client,
            docs,
            settings_json=settings_json,
            chunk_size=chunk_size,
            max_in_flight=window,
            retries=retries,
            ordered=ordered,
        )
