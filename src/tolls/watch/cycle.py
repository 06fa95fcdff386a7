"""Poll cycles: every due source polled (hosts in parallel, each host politely), the new items
stored, extracted and the ledger rebuilt once per cycle through :mod:`tolls.workflow`.

- **Politeness.** Sources are grouped by host; one thread per host polls its sources one after
  another, at least ``min_delay`` seconds apart (kept across cycles), so a host never sees two
  requests at once; at most ``concurrency`` hosts are polled at the same time.
- **Backoff.** A failed poll (no answer, an HTTP error such as 429 or 503, an unreadable body)
  counts a failure and moves the source's next poll ``Retry-After`` seconds ahead when the
  server said so, else ``interval x 2^failures`` (at most ``max_backoff``). A success clears
  the count. A source backing off is skipped until then, even by ``--once``.
- **Isolation.** A dead source fails its own poll only; one bad item is a problem of that item.
- **Resume.** Each poll is a ``watch_runs`` row written when it starts and closed when its items
  are stored; a run left ``running`` by a process that no longer runs is marked ``interrupted``
  when the next watch starts. Items are remembered in ``watch_items`` after their documents are
  stored, and documents are stored idempotently (by id, and by text as syndicated copies), so a
  watch killed at any point and started again stores each item once. Every cycle extracts
  whatever is pending; the ledger is rebuilt when something new came in, or when runs whose
  items no rebuild has taken in yet (``reconciled`` false) or interrupted runs are found.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from queue import Queue

import httpx
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tolls.errors import TollsError
from tolls.ingest.addresses import Resolver, resolve_host
from tolls.ingest.fetch import Validators, make_client
from tolls.model import Extraction, IngestProblem, InputDocument, SourceDocument
from tolls.notify import DeliveryReport, deliver_due
from tolls.settings import Settings
from tolls.store import compact_search_index, session_scope
from tolls.store.leases import new_owner
from tolls.store.models import utcnow
from tolls.store.watch import (
    SourceRow,
    SourceState,
    finish_watch_run,
    interrupt_dead_runs,
    known_items,
    last_run_id,
    mark_reconciled,
    owes_ledger,
    record_watch_items,
    source_states,
    start_watch_run,
    sync_watch_sources,
    update_watch_source,
)
from tolls.watch.config import SourceSpec, WatchConfig
from tolls.watch.poll import PollResult, item_key, poll_source
from tolls.workflow import Extractor, IngestReport, Progress, extract_pending, rebuild_ledger, store_sources

__all__ = ["CycleReport", "SourceReport", "Watcher", "pipeline_extractor"]

log = logging.getLogger(__name__)

WEBHOOK_POSTS_PER_CYCLE = 10
"""The most webhook deliveries per hook a watch cycle POSTs before polling again."""
MAX_SLEEP = 60.0
"""The longest a continuous watch sleeps between cycles (a new due time is seen within it)."""


def _quiet(_step: str, _n: int, /, *, total: int | None = None) -> None:
    return None


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One source's poll in a cycle."""

    name: str
    status: str
    http_status: int | None
    seen: int
    new: int
    failed: int
    error: str
    next_poll_at: datetime


@dataclass(slots=True)
class CycleReport:
    """What one cycle did: each poll, the sources it skipped (backing off or not yet due), the
    runs of a killed watch it found, and what was stored, extracted and reconciled."""

    cycle: str
    polls: list[SourceReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    interrupted: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)
    webhooks: DeliveryReport | None = None
    """The webhook round run after the cycle (None: no hook configured, or the round failed)."""
    seconds: float = 0.0

    @property
    def new_items(self) -> int:
        return sum(p.new for p in self.polls)


def pipeline_extractor(settings: Settings) -> Extractor:
    """Extraction with the spaCy pipeline in this process, loaded on first use."""
    loaded: list[object] = []

    def extract(docs: Iterable[InputDocument]) -> Iterable[Extraction]:
        from tolls.extract.pipeline import load_nlp, run_extraction  # spaCy: only when extracting

        if not loaded:
            loaded.append(load_nlp(settings))
        return run_extraction(loaded[0], docs, settings)  # type: ignore[arg-type]

    return extract


class Watcher:
    """Polls the sources of ``config`` into the ledger on ``engine``, a cycle at a time.

    ``extractor`` extracts the new documents (None: they are stored, pending, and the ledger is
    still rebuilt); ``transport`` and ``resolver`` replace httpx's network and the DNS lookup
    (tests). Politeness (the last request per host) is kept across the cycles of one watcher.
    """

    def __init__(
        self,
        engine: Engine,
        config: WatchConfig,
        settings: Settings,
        *,
        extractor: Extractor | None = None,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
        progress: Progress = _quiet,
        stop: threading.Event | None = None,
    ) -> None:
        self.engine = engine
        self.config = config
        self.settings = settings
        self.extractor = extractor
        self.transport = transport
        self.resolver = resolver or resolve_host
        self.progress = progress
        self.stop = stop or threading.Event()
        self.owner = new_owner()
        self._last_request: dict[str, float] = {}
        self._sync()

    def _sync(self) -> None:
        with session_scope(self.engine, write=True) as session:
            rows = [SourceRow(s.name, s.url, s.outlet, s.kind, s.interval) for s in self.config.sources]
            sync_watch_sources(session, rows)

    # -- one cycle ---------------------------------------------------------------------------

    def cycle(self, *, once: bool = False) -> CycleReport:
        """Poll every due source once, store what is new, extract it, rebuild the ledger.

        Due: never polled, or its next poll time has come; with ``once`` every source is due
        except those backing off after a failure."""
        started = time.monotonic()
        now = utcnow()
        report = CycleReport(cycle=f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}")
        with session_scope(self.engine, write=True) as session:
            # cycles of one watcher never overlap: a run of ours still running is a failed cycle's
            report.interrupted = interrupt_dead_runs(session, own=self.owner)
            states = source_states(session)
        if any(spec.name not in states for spec in self.config.sources):
            # another watch on this ledger synced its own file over ours: take our sources back
            # (one ledger is meant to have one watcher, docs/watch.md; this keeps it alive)
            self._sync()
            with session_scope(self.engine) as session:
                states = source_states(session)
        due: list[tuple[SourceSpec, SourceState]] = []
        for spec in self.config.sources:
            state = states[spec.name]
            waiting = state.next_poll_at is not None and state.next_poll_at > now
            if waiting and (not once or state.failures > 0):
                report.skipped.append(spec.name)
            else:
                due.append((spec, state))
        self.progress("poll", 0, total=len(due))
        if due:
            self._poll_all(due, report)
        self._finish(report)
        report.webhooks = self._deliver()
        report.seconds = time.monotonic() - started
        return report

    def _deliver(self) -> DeliveryReport | None:
        """One webhook round (:func:`tolls.notify.deliver_due`) for the changes of the cycle, when
        hooks are configured. A receiver that fails is retried on its backoff by a later round; a
        round that cannot run (the ledger unreachable) is logged and never stops the watch."""
        if not self.settings.webhooks.hooks:
            return None
        try:
            # a few POSTs per hook: a slow receiver must not hold the next poll back for long;
            # the rest go in the following rounds (or in tolls serve's own delivery thread)
            return deliver_due(self.engine, self.settings, max_per_hook=WEBHOOK_POSTS_PER_CYCLE)
        except (SQLAlchemyError, httpx.HTTPError, OSError, TollsError) as e:
            log.warning("webhook round failed: %s", type(e).__name__)
            return None

    def _poll_all(self, due: Sequence[tuple[SourceSpec, SourceState]], report: CycleReport) -> None:
        by_host: dict[str, list[tuple[SourceSpec, SourceState]]] = {}
        for spec, state in due:
            by_host.setdefault(spec.host, []).append((spec, state))
        polite = self.config.politeness
        results: Queue[PollResult | BaseException] = Queue()
        abort = threading.Event()
        client = make_client(
            self.settings.ingest,
            self.transport,
            user_agent=polite.user_agent,
            max_connections=polite.concurrency,
        )

        def host_task(host: str, jobs: list[tuple[SourceSpec, SourceState]]) -> None:
            for spec, state in jobs:
                if abort.is_set() or self.stop.is_set():
                    results.put(_skipped(spec))
                    continue
                try:
                    results.put(self._poll_one(host, spec, state, client, report.cycle))
                except BaseException as exc:  # the ledger failing: the cycle stops (main thread)
                    results.put(exc)

        try:
            with ThreadPoolExecutor(max_workers=polite.concurrency, thread_name_prefix="tolls-watch") as pool:
                for host, jobs in by_host.items():
                    pool.submit(host_task, host, jobs)
                try:
                    self._collect(results, len(due), report, abort)
                except BaseException:
                    abort.set()  # the hosts' threads skip what they have not begun
                    raise
        finally:
            client.close()

    def _collect(
        self, results: Queue[PollResult | BaseException], n: int, report: CycleReport, abort: threading.Event
    ) -> None:
        """Store the polls' results as they come; the first failure of the ledger is raised
        once every poll under way has ended (each polled source has its run closed or left
        ``running`` for the next start to mark interrupted)."""
        failure: BaseException | None = None
        for _ in range(n):
            got = results.get()
            if isinstance(got, BaseException):
                failure = failure or got
                abort.set()
                continue
            if got.run_id is None:  # skipped: the watch is stopping
                continue
            if failure is None:
                try:
                    report.polls.append(self._store(got, report))
                except Exception as exc:
                    failure = exc
                    abort.set()
            self.progress("poll", 1)
        if failure is not None:
            raise failure

    def _poll_one(
        self, host: str, spec: SourceSpec, state: SourceState, client: httpx.Client, cycle: str
    ) -> PollResult:
        delay = self.config.politeness.min_delay
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0 and self.stop.wait(wait):
                return _skipped(spec)
        with session_scope(self.engine, write=True) as session:
            run_id = start_watch_run(session, spec.name, cycle=cycle, owner=self.owner)
        try:
            result = poll_source(
                spec,
                Validators(state.etag, state.last_modified),
                client=client,
                settings=self.settings.ingest,
                resolver=self.resolver,
            )
        finally:
            self._last_request[host] = time.monotonic()
        result.run_id = run_id
        if result.status == "failed":  # kept for the next poll: the body was not read
            result.etag, result.last_modified = state.etag, state.last_modified
        result.failures = state.failures
        return result

    def _store(self, result: PollResult, report: CycleReport) -> SourceReport:
        """Store a poll's new items, then close its run and keep the source's state."""
        spec = result.source
        assert result.run_id is not None
        docs: dict[str, SourceDocument] = {}
        problems: list[IngestProblem] = []
        for item in result.items:
            if isinstance(item, IngestProblem):
                problems.append(item)
            else:
                docs.setdefault(item_key(item), item)  # an entry listed twice is one item
        if docs:
            with session_scope(self.engine) as session:
                known = known_items(session, docs)
            fresh = {k: d for k, d in docs.items() if k not in known}
        else:
            fresh = {}
        mine = IngestReport()
        if fresh or problems:
            store_sources(
                self.engine,
                [*fresh.values(), *problems],
                batch_size=self.settings.ingest.batch_size,
                report=mine,
                compact=False,
            )
        refused = {p.locator for p in mine.problems if p.code == "E324"}
        kept = [(k, d.doc.id) for k, d in fresh.items() if not (d.locator and d.locator in refused)]
        failed = len(mine.problems)
        polite = self.config.politeness
        now = utcnow()
        if result.status == "failed":
            failures = result.failures + 1
            if result.retry_after is not None:
                wait = max(result.retry_after, polite.min_delay)
            else:
                wait = min(polite.max_backoff, spec.interval * 2 ** min(failures, 20))
        else:
            failures, wait = 0, spec.interval
        next_poll = now + timedelta(seconds=wait)
        duration = int((time.monotonic() - result.started) * 1000)
        with session_scope(self.engine, write=True) as session:
            new = record_watch_items(session, spec.name, kept)
            finish_watch_run(
                session,
                result.run_id,
                status=result.status,
                http_status=result.http_status,
                seen=len(result.items),
                new=new,
                failed=failed,
                duration_ms=duration,
                error=result.error,
            )
            update_watch_source(
                session,
                spec.name,
                status=result.status,
                code=result.http_status,
                error=result.error,
                polled_at=now,
                next_poll_at=next_poll,
                failures=failures,
                etag=result.etag,
                last_modified=result.last_modified,
            )
        report.ingest.outcomes.update(mine.outcomes)
        report.ingest.problems.extend(mine.problems)
        if result.status == "failed":
            log.info("watch: %s failed: %s", spec.name, result.error)
        return SourceReport(
            name=spec.name,
            status=result.status,
            http_status=result.http_status,
            seen=len(result.items),
            new=new,
            failed=failed,
            error=result.error,
            next_poll_at=next_poll,
        )

    def _finish(self, report: CycleReport) -> None:
        """Compact the text index, extract what is pending, and rebuild the ledger once when
        something new came in, or a killed watch (interrupted runs, or runs whose items no
        rebuild has taken in) left it behind; a cycle of 304s costs no rebuild."""
        added = report.ingest.outcomes["added"] + report.ingest.outcomes["syndicated"]
        if added:
            with session_scope(self.engine, write=True) as session:
                compact_search_index(session)
        began = utcnow()
        with session_scope(self.engine) as session:
            up_to = last_run_id(session)
            owed = owes_ledger(session)
        if self.extractor is not None:  # nothing pending: returns at once, no model loaded
            extract_pending(
                self.engine,
                self.extractor,
                batch_size=self.settings.ingest.batch_size,
                report=report.ingest,
                progress=self.progress,
                lease_seconds=self.settings.ingest.lease_seconds,
            )
        if added or report.new_items or report.ingest.extracted or owed:
            # the change log names who changed the ledger: the source when one brought news
            fed = sorted({p.name for p in report.polls if p.new})
            report.ingest.ledger = rebuild_ledger(
                self.engine,
                progress=self.progress,
                contested_margin=self.settings.reconcile.contested_margin,
                actor=f"watch:{fed[0]}" if len(fed) == 1 else "watch",
                run=report.cycle,
            )
        if self.extractor is not None and report.ingest.ledger is not None:
            with session_scope(self.engine, write=True) as session:
                mark_reconciled(session, up_to, ended_by=began)

    # -- watching ----------------------------------------------------------------------------

    def next_due(self) -> float:
        """Seconds until the next source is due (0 when one is), at most :data:`MAX_SLEEP`."""
        with session_scope(self.engine) as session:
            states = source_states(session)
        now = utcnow()
        waits = [
            (s.next_poll_at - now).total_seconds() if s.next_poll_at is not None else 0.0
            for s in states.values()
        ]
        return max(0.0, min([MAX_SLEEP, *waits]))

    def run(self, on_cycle: Callable[[CycleReport], None] | None = None) -> None:
        """Poll in cycles until :attr:`stop` is set: each cycle polls the due sources, then the
        watcher sleeps until the next is due. A cycle that fails (the ledger unreachable) is
        logged and the next one tried after a pause; the sources' own faults never stop it."""
        pause = 1.0
        while not self.stop.is_set():
            try:
                report = self.cycle()
            except Exception as exc:
                log.error("watch: a cycle failed (%s); trying again in %.0f s", type(exc).__name__, pause)
                self.stop.wait(pause)
                pause = min(pause * 2, MAX_SLEEP)
                continue
            pause = 1.0
            if on_cycle is not None:
                on_cycle(report)
            self.stop.wait(max(self.next_due(), 0.5))


def _skipped(spec: SourceSpec) -> PollResult:
    return PollResult(source=spec, status="failed")
