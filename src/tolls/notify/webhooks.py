"""Webhooks: the ledger's changes POSTed to configured URLs, signed, retried, logged.

:func:`deliver_due` is one round, for every configured hook:

1. the changes after the hook's cursor that pass its filters become delivery rows of at most
   ``batch_size`` changes each, in order (:mod:`tolls.store.webhooks`);
2. its oldest pending delivery, once due, is claimed for one attempt (committed before the
   POST), then POSTed; a 2xx marks it delivered and the next one goes, anything else schedules
   a retry (exponential backoff, or the receiver's ``Retry-After`` on 429/503) and the hook's
   later deliveries wait; after ``max_attempts`` it is ``failed`` and the next one goes.

Delivery is at least once: a process killed between the POST and recording its answer sends
the same delivery (same ``X-Tolls-Delivery``, same body) again, so receivers dedupe by it.
The body is signed with HMAC-SHA256 over ``"<timestamp>." + body``; receivers check it with
:func:`verify_signature`. See docs/webhooks.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tolls import __version__
from tolls.errors import IngestError
from tolls.ingest.addresses import Resolver, check_host, resolve_host
from tolls.redact import redact
from tolls.settings import Settings, WebhookSettings, WebhooksSettings
from tolls.store.engine import session_scope
from tolls.store.webhooks import (
    DeliveryRecord,
    add_delivery,
    changes_payload,
    claim_attempt,
    extend_skipped,
    finish_attempt,
    hook_cursor,
    last_delivery,
    lock_changes,
    next_pending,
    scan_changes,
)

__all__ = [
    "MAX_BATCHES_PER_ROUND",
    "MAX_RETRY_AFTER_SECONDS",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "DeliveryReport",
    "backoff_seconds",
    "deliver_due",
    "delivery_dict",
    "make_client",
    "payload_bytes",
    "sign",
    "verify_signature",
]

log = logging.getLogger("tolls.notify")

USER_AGENT = f"tolls-webhooks/{__version__}"
TIMESTAMP_HEADER = "X-Tolls-Timestamp"
SIGNATURE_HEADER = "X-Tolls-Signature"
DELIVERY_HEADER = "X-Tolls-Delivery"
HOOK_HEADER = "X-Tolls-Hook"
ATTEMPT_HEADER = "X-Tolls-Attempt"
MAX_BATCHES_PER_ROUND = 100
"""Deliveries made for one hook in one round (a new hook on a long change log catches up over
several rounds, each a short transaction)."""
MAX_RETRY_AFTER_SECONDS = 86_400
"""The longest ``Retry-After`` honoured; a longer one waits this long."""
_ERROR_CHARS = 200
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(slots=True)
class DeliveryReport:
    """What one round did: deliveries made, POSTs that succeeded, failed (to be retried), given
    up, and hooks whose next delivery is not due yet."""

    hooks: int = 0
    created: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    waiting: int = 0
    sent: list[int] = field(default_factory=list)
    """Ids of the deliveries POSTed this round, in the order sent."""

    @property
    def ok(self) -> bool:
        """No attempt of this round failed."""
        return self.retrying == 0 and self.failed == 0

    def summary(self) -> str:
        return (
            f"webhooks: {self.hooks} hook(s), {self.created} new deliveries, {self.delivered} delivered, "
            f"{self.retrying} to retry, {self.failed} given up, {self.waiting} waiting"
        )


@dataclass(frozen=True, slots=True)
class _Outcome:
    ok: bool
    code: int | None
    error: str
    retry_after: float | None = None


def sign(secret: str | bytes, timestamp: str, body: bytes) -> str:
    """The ``X-Tolls-Signature`` value: ``sha256=`` and the hex HMAC-SHA256, keyed by ``secret``,
    of ``timestamp``, a dot and ``body``."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    digest = hmac.new(key, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(
    secret: str | bytes,
    body: bytes,
    timestamp: str,
    signature: str,
    *,
    tolerance: float | None = 300.0,
    now: float | None = None,
) -> bool:
    """True when ``signature`` (the ``X-Tolls-Signature`` header) signs ``body`` (the raw request
    body, unparsed) with ``timestamp`` (``X-Tolls-Timestamp``), and the timestamp is within
    ``tolerance`` seconds of ``now`` (default: the clock; ``tolerance=None`` skips that check,
    which lets an old request be replayed). Compared in constant time."""
    if not timestamp.isdigit():
        return False
    if tolerance is not None:
        current = time.time() if now is None else now
        if abs(current - int(timestamp)) > tolerance:
            return False
    try:
        expected = sign(secret, timestamp, body)
    except (UnicodeError, ValueError):
        return False
    return hmac.compare_digest(expected.encode("ascii"), signature.strip().encode("utf-8", "replace"))


def payload_bytes(hook: str, delivery: int, changes: list[dict[str, object]]) -> bytes:
    """The body of a delivery: the same bytes at every attempt (keys sorted, compact UTF-8)."""
    body = {"hook": hook, "delivery": delivery, "changes": changes}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def backoff_seconds(hook: WebhookSettings, failures: int) -> float:
    """Seconds to wait after the ``failures``-th failed attempt: ``backoff_base`` doubled each
    time, at most ``backoff_cap``; no jitter, so the schedule is known in advance."""
    exponent = max(0, failures - 1)
    if exponent > 60:
        return hook.backoff_cap
    return float(min(hook.backoff_cap, hook.backoff_base * 2.0**exponent))


def make_client() -> httpx.Client:
    """The client deliveries share: no redirects, no proxies from the environment."""
    return httpx.Client(follow_redirects=False, trust_env=False, headers={"User-Agent": USER_AGENT})


def _short(text: str, secret: str) -> str:
    """An error for the delivery log: one line, no secret, at most 200 characters."""
    line = " ".join(redact(text, [secret]).split())
    return line[:_ERROR_CHARS]


def _retry_after(response: httpx.Response, now: datetime) -> float | None:
    """Seconds the receiver asked to wait (``Retry-After``: seconds or an HTTP date)."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        seconds = float(int(value))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    return min(max(seconds, 0.0), float(MAX_RETRY_AFTER_SECONDS))


def _post(
    client: httpx.Client,
    hook: WebhookSettings,
    *,
    body: bytes,
    delivery: int,
    attempt: int,
    now: datetime,
    allow_private: bool,
    resolver: Resolver,
) -> _Outcome:
    """One POST of ``body`` to the hook, to the very address that was checked."""
    secret = hook.secret.get_secret_value()
    url = httpx.URL(hook.url)
    port = url.port or _DEFAULT_PORTS[url.scheme]
    try:
        addresses = check_host(
            url.host, port, source=hook.name, allow_private=allow_private, resolver=resolver
        )
    except IngestError as exc:
        if "address" in exc.fields:
            reason = (
                f"refused: {url.host} points at a private, loopback, link-local "
                "or reserved address (webhooks.allow_private_addresses allows it)"
            )
        else:
            reason = f"cannot resolve {url.host}"
        return _Outcome(ok=False, code=None, error=_short(reason, secret))
    timestamp = str(int(now.timestamp()))
    headers = {
        "Content-Type": "application/json",
        "Host": url.netloc.decode("ascii"),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        DELIVERY_HEADER: str(delivery),
        HOOK_HEADER: hook.name,
        ATTEMPT_HEADER: str(attempt),
    }
    extensions = {"sni_hostname": url.host} if url.scheme == "https" and url.host != addresses[0] else {}
    request = client.build_request(
        "POST",
        url.copy_with(host=addresses[0]),
        content=body,
        headers=headers,
        extensions=extensions,
        timeout=httpx.Timeout(hook.timeout),
    )
    try:
        response = client.send(request, stream=True, follow_redirects=False)
    except httpx.TimeoutException:
        return _Outcome(ok=False, code=None, error=f"no answer within {hook.timeout:g} s")
    except httpx.HTTPError as exc:
        return _Outcome(ok=False, code=None, error=_short(f"{type(exc).__name__}: {exc}", secret))
    try:
        code = response.status_code
        if 200 <= code < 300:
            return _Outcome(ok=True, code=code, error="")
        if 300 <= code < 400:
            return _Outcome(ok=False, code=code, error=f"HTTP {code}: redirects are not followed")
        retry_after = _retry_after(response, now) if code in (429, 503) else None
        reason = f"HTTP {code} {response.reason_phrase}".strip()
        return _Outcome(ok=False, code=code, error=_short(reason, secret), retry_after=retry_after)
    finally:
        response.close()


def _make_deliveries(engine: Engine, hook: WebhookSettings, now: datetime) -> int:
    """Batch the hook's new changes into delivery rows; returns how many carry changes."""
    try:
        with session_scope(engine, write=True) as session:
            lock_changes(session)
            cursor = hook_cursor(session, hook.name)
            created = 0
            for _ in range(MAX_BATCHES_PER_ROUND):
                scan = scan_changes(
                    session,
                    after=cursor,
                    limit=hook.batch_size,
                    kinds=hook.kinds,
                    countries=hook.countries,
                    contested=hook.contested,
                )
                if scan.top <= cursor:
                    break
                if scan.ids:
                    add_delivery(
                        session,
                        hook=hook.name,
                        change_first=cursor + 1,
                        change_last=scan.top,
                        change_ids=scan.ids,
                        now=now,
                    )
                    created += 1
                else:
                    last = last_delivery(session, hook.name)
                    if last is not None and last.status == "skipped":
                        extend_skipped(session, last.id, scan.top)
                    else:
                        add_delivery(
                            session,
                            hook=hook.name,
                            change_first=cursor + 1,
                            change_last=scan.top,
                            change_ids=[],
                            now=now,
                        )
                cursor = scan.top
            return created
    except IntegrityError:
        # Another deliverer batched the same changes first (one delivery per starting change).
        log.info("webhook %s: another deliverer made these deliveries", hook.name)
        return 0


def _send_next(
    engine: Engine,
    hook: WebhookSettings,
    report: DeliveryReport,
    *,
    client: httpx.Client,
    clock: Callable[[], datetime],
    allow_private: bool,
    resolver: Resolver,
) -> bool:
    """Try the hook's oldest pending delivery if due; True when the next one may go now."""
    now = clock()
    with session_scope(engine, write=True) as session:
        delivery = next_pending(session, hook.name)
        if delivery is None:
            return False
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
            report.waiting += 1
            return False
        if delivery.attempts >= hook.max_attempts:  # its last attempt never reported back
            _give_up(session, delivery, error=delivery.last_error or "the last attempt was interrupted")
            report.failed += 1
            return True
        attempt = delivery.attempts + 1
        # Should this process die during the POST, the delivery is sent again from then on.
        lease = max(backoff_seconds(hook, attempt), hook.timeout + 5.0)
        if not claim_attempt(session, delivery, retry_at=now + timedelta(seconds=lease)):
            return False  # another deliverer took this attempt; the later ones wait for it
        changes = changes_payload(session, delivery.change_ids)
    body = payload_bytes(hook.name, delivery.id, changes)
    outcome = _post(
        client,
        hook,
        body=body,
        delivery=delivery.id,
        attempt=attempt,
        now=now,
        allow_private=allow_private,
        resolver=resolver,
    )
    report.sent.append(delivery.id)
    done = clock()
    with session_scope(engine, write=True) as session:
        if outcome.ok:
            finish_attempt(
                session,
                delivery.id,
                attempts=attempt,
                status="delivered",
                code=outcome.code,
                error="",
                next_attempt_at=None,
                delivered_at=done,
            )
            report.delivered += 1
            log.info("webhook %s: delivery %d delivered (HTTP %s)", hook.name, delivery.id, outcome.code)
            return True
        if attempt >= hook.max_attempts:
            finish_attempt(
                session,
                delivery.id,
                attempts=attempt,
                status="failed",
                code=outcome.code,
                error=outcome.error,
                next_attempt_at=None,
                delivered_at=None,
            )
            report.failed += 1
            log.warning(
                "webhook %s: delivery %d given up after %d attempts: %s",
                hook.name,
                delivery.id,
                attempt,
                outcome.error,
            )
            return True
        wait = outcome.retry_after if outcome.retry_after is not None else backoff_seconds(hook, attempt)
        finish_attempt(
            session,
            delivery.id,
            attempts=attempt,
            status="pending",
            code=outcome.code,
            error=outcome.error,
            next_attempt_at=done + timedelta(seconds=wait),
            delivered_at=None,
        )
        report.retrying += 1
        log.info(
            "webhook %s: delivery %d attempt %d failed (%s); retry in %g s",
            hook.name,
            delivery.id,
            attempt,
            outcome.error,
            wait,
        )
        return False


def _give_up(session: Session, delivery: DeliveryRecord, *, error: str) -> None:
    finish_attempt(
        session,
        delivery.id,
        attempts=delivery.attempts,
        status="failed",
        code=delivery.last_code,
        error=error,
        next_attempt_at=None,
        delivered_at=None,
    )


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value is not None else None


def delivery_dict(delivery: DeliveryRecord) -> dict[str, object]:
    """A row of the delivery log as JSON-ready values (what the CLI and the API show)."""
    return {
        "id": delivery.id,
        "hook": delivery.hook,
        "change_first": delivery.change_first,
        "change_last": delivery.change_last,
        "changes": len(delivery.change_ids),
        "change_ids": list(delivery.change_ids),
        "status": delivery.status,
        "attempts": delivery.attempts,
        "next_attempt_at": _iso(delivery.next_attempt_at) if delivery.status == "pending" else None,
        "last_code": delivery.last_code,
        "last_error": delivery.last_error,
        "created_at": _iso(delivery.created_at),
        "delivered_at": _iso(delivery.delivered_at),
    }


def _section(settings: Settings | WebhooksSettings) -> WebhooksSettings:
    return settings.webhooks if isinstance(settings, Settings) else settings


def deliver_due(
    engine: Engine,
    settings: Settings | WebhooksSettings,
    *,
    now: datetime | None = None,
    client: httpx.Client | None = None,
    resolver: Resolver | None = None,
    max_per_hook: int = 1000,
) -> DeliveryReport:
    """One round for every configured hook (module docstring): new changes batched, due
    deliveries POSTed in order. ``now`` fixes the clock (tests); ``client`` and ``resolver``
    replace the HTTP client and DNS. At most ``max_per_hook`` POSTs per hook."""
    section = _section(settings)
    report = DeliveryReport(hooks=len(section.hooks))
    if not section.hooks:
        return report

    def clock() -> datetime:
        return now if now is not None else datetime.now(UTC)

    own = client is None
    http = make_client() if client is None else client
    try:
        for hook in section.hooks:
            report.created += _make_deliveries(engine, hook, clock())
            for _ in range(max_per_hook):
                more = _send_next(
                    engine,
                    hook,
                    report,
                    client=http,
                    clock=clock,
                    allow_private=section.allow_private_addresses,
                    resolver=resolver or resolve_host,
                )
                if not more:
                    break
    finally:
        if own:
            http.close()
    return report
