"""Webhooks against a real receiver on loopback, on SQLite and PostgreSQL: signed deliveries,
retries on the backoff schedule (the clock injected), Retry-After, giving up, order, filters,
no redirects, the address guard, and the secret kept out of every log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine
from tests.notify.receiver import receiving

from tolls.notify import deliver_due, sign, verify_signature
from tolls.notify.webhooks import backoff_seconds, payload_bytes
from tolls.settings import REVEAL_SECRETS, Settings, WebhookSettings, WebhooksSettings
from tolls.store import make_engine, session_scope
from tolls.store.models import ChangeRow, EventRow
from tolls.store.webhooks import DeliveryRecord, list_deliveries

SECRET = "s3cret-webhook-key-0123456789"
T0 = datetime(2026, 12, 6, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def hooks(url: str, *, allow_private: bool = True, **options: Any) -> WebhooksSettings:
    hook = WebhookSettings.model_validate({"name": "desk", "url": url, "secret": SECRET, **options})
    return WebhooksSettings(hooks=[hook], allow_private_addresses=allow_private)


def add_event(engine: Engine, event_id: str, *, country: str = "SDN", contested: bool = False) -> None:
    with session_scope(engine, write=True) as s:
        place = {"name": "Somewhere", "country": country, "lat": 15.5, "lon": 32.5}
        s.add(EventRow(id=event_id, type="Battles", locations=[place], contested=contested))


def add_changes(engine: Engine, *specs: tuple[str, str]) -> list[int]:
    """Changes (kind, event id) in order; their ids."""
    ids = []
    with session_scope(engine, write=True) as s:
        for n, (kind, event_id) in enumerate(specs):
            row = ChangeRow(
                at=T0 - timedelta(minutes=10) + timedelta(seconds=n),
                kind=kind,
                event_id=event_id,
                claim_id=f"c{n}" if kind == "claim" else None,
                subject="killed/civilians" if kind == "estimate" else None,
                before={"best": 12} if kind == "estimate" else None,
                after={"best": 23 + n} if kind == "estimate" else None,
                actor="reconcile",
                run="run-1",
                summary=f"{kind} of {event_id} #{n}",
            )
            s.add(row)
            s.flush()
            ids.append(row.id)
    return ids


def deliveries(engine: Engine, **filters: Any) -> list[DeliveryRecord]:
    with session_scope(engine) as s:
        rows, _ = list_deliveries(s, **filters)
    return sorted(rows, key=lambda d: d.id)


def test_a_signed_delivery_arrives_once(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    add_event(engine, "ev1")
    ids = add_changes(engine, ("event", "ev1"), ("claim", "ev1"), ("estimate", "ev1"))
    with receiving(SECRET) as rx:
        report = deliver_due(engine, hooks(rx.url), now=T0)
        assert (report.created, report.delivered, report.retrying, report.failed) == (1, 1, 0, 0)
        assert len(rx.received) == 1
        got = rx.received[0]
        assert got.signed
        assert got.headers["x-tolls-timestamp"] == str(int(T0.timestamp()))
        assert got.headers["x-tolls-signature"].startswith("sha256=")
        assert got.headers["x-tolls-hook"] == "desk" and got.headers["x-tolls-attempt"] == "1"
        assert got.headers["content-type"] == "application/json"
        body = got.json
        [log] = deliveries(engine)
        assert body["hook"] == "desk" and body["delivery"] == log.id == got.delivery
        assert got.change_ids == ids
        estimate = body["changes"][2]
        assert estimate == {
            "id": ids[2],
            "at": "2026-12-06T11:50:02Z",
            "kind": "estimate",
            "event_id": "ev1",
            "claim_id": None,
            "subject": "killed/civilians",
            "before": {"best": 12},
            "after": {"best": 25},
            "actor": "reconcile",
            "run": "run-1",
            "summary": "estimate of ev1 #2",
        }
        assert (log.status, log.attempts, log.last_code, log.last_error) == ("delivered", 1, 200, "")
        assert (log.change_first, log.change_last, log.change_ids) == (1, ids[-1], tuple(ids))
        assert log.delivered_at == T0
        # nothing new: nothing sent
        again = deliver_due(engine, hooks(rx.url), now=T0 + timedelta(hours=1))
        assert (again.created, again.delivered) == (0, 0) and len(rx.received) == 1
        # a new change goes in a delivery of its own
        more = add_changes(engine, ("grade", "ev1"))
        deliver_due(engine, hooks(rx.url), now=T0 + timedelta(hours=2))
        assert len(rx.received) == 2 and rx.received[1].change_ids == more
        assert rx.received[1].delivery != got.delivery
    assert SECRET not in caplog.text


def test_verify_signature_refuses_tampering_other_keys_and_stale_timestamps() -> None:
    body = payload_bytes("desk", 7, [{"id": 1}])
    ts = "1765022400"
    signature = sign(SECRET, ts, body)
    assert verify_signature(SECRET, body, ts, signature, now=1765022400 + 10)
    assert not verify_signature(SECRET, body + b" ", ts, signature, now=1765022400)
    assert not verify_signature("another-secret-of-16+", body, ts, signature, now=1765022400)
    assert not verify_signature(SECRET, body, "1765022401", signature, now=1765022400)
    assert not verify_signature(SECRET, body, ts, signature, now=1765022400 + 301)
    assert verify_signature(SECRET, body, ts, signature, tolerance=None)
    assert not verify_signature(SECRET, body, "abc", signature, tolerance=None)
    assert not verify_signature(SECRET, body, ts, "sha256=" + "0" * 64, tolerance=None)


def test_a_500_is_retried_after_the_backoff_with_the_same_delivery(engine: Engine) -> None:
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"), ("estimate", "ev1"))
    with receiving(SECRET, script=[(500, {})]) as rx:
        settings = hooks(rx.url, backoff_base=30, backoff_cap=600)
        first = deliver_due(engine, settings, now=T0)
        assert (first.delivered, first.retrying) == (0, 1) and not first.ok
        [log] = deliveries(engine)
        assert (log.status, log.attempts, log.last_code) == ("pending", 1, 500)
        assert log.last_error.startswith("HTTP 500")
        assert log.next_attempt_at == T0 + timedelta(seconds=30)
        early = deliver_due(engine, settings, now=T0 + timedelta(seconds=29))
        assert (early.waiting, len(rx.received)) == (1, 1)
        second = deliver_due(engine, settings, now=T0 + timedelta(seconds=30))
        assert second.delivered == 1 and second.ok
        assert len(rx.received) == 2
        a, b = rx.received
        assert a.delivery == b.delivery == log.id
        assert a.body == b.body and a.signed and b.signed
        assert (a.headers["x-tolls-attempt"], b.headers["x-tolls-attempt"]) == ("1", "2")
        [log] = deliveries(engine)
        assert (log.status, log.attempts, log.last_code, log.last_error) == ("delivered", 2, 200, "")


def test_the_backoff_doubles_up_to_its_cap() -> None:
    hook = WebhookSettings(
        name="h", url="http://example.org/", secret=SECRET, backoff_base=30, backoff_cap=100
    )  # type: ignore[arg-type]
    assert [backoff_seconds(hook, n) for n in range(1, 6)] == [30, 60, 100, 100, 100]
    assert backoff_seconds(hook, 10_000) == 100


def test_retry_after_of_a_503_is_honoured(engine: Engine) -> None:
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"))
    with receiving(SECRET, script=[(503, {"Retry-After": "120"}), (429, {"Retry-After": "junk"})]) as rx:
        settings = hooks(rx.url, backoff_base=30)
        deliver_due(engine, settings, now=T0)
        [log] = deliveries(engine)
        assert (log.last_code, log.next_attempt_at) == (503, T0 + timedelta(seconds=120))
        deliver_due(engine, settings, now=T0 + timedelta(seconds=119))
        assert len(rx.received) == 1
        deliver_due(engine, settings, now=T0 + timedelta(seconds=120))
        assert len(rx.received) == 2
        [log] = deliveries(engine)  # an unreadable Retry-After: the backoff (2nd failure: 60 s)
        assert (log.last_code, log.next_attempt_at) == (429, T0 + timedelta(seconds=180))


def test_gives_up_after_max_attempts_and_the_next_delivery_goes(engine: Engine) -> None:
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"))
    with receiving(SECRET, default=500) as rx:
        settings = hooks(rx.url, max_attempts=3, backoff_base=10, backoff_cap=1000)
        at = T0
        for wait in (10, 20, 0):
            deliver_due(engine, settings, now=at)
            at += timedelta(seconds=wait)
        [log] = deliveries(engine)
        assert (log.status, log.attempts, log.last_code, log.next_attempt_at) == ("failed", 3, 500, None)
        assert log.last_error.startswith("HTTP 500")
        assert len(rx.received) == 3
        later = deliver_due(engine, settings, now=at + timedelta(days=1))
        assert later.delivered == 0 and len(rx.received) == 3
        rx.default = 200
        new = add_changes(engine, ("estimate", "ev1"))
        deliver_due(engine, settings, now=at + timedelta(days=2))
        assert rx.received[-1].change_ids == new
        assert [d.status for d in deliveries(engine)] == ["failed", "delivered"]


def test_order_is_kept_a_later_batch_waits_for_an_earlier_one(engine: Engine) -> None:
    add_event(engine, "ev1")
    ids = add_changes(engine, *[("claim", "ev1")] * 5)
    with receiving(SECRET, script=[(500, {})]) as rx:
        settings = hooks(rx.url, batch_size=2, backoff_base=60)
        report = deliver_due(engine, settings, now=T0)
        assert report.created == 3 and len(rx.received) == 1  # the next two wait
        logs = deliveries(engine)
        assert [d.change_ids for d in logs] == [tuple(ids[0:2]), tuple(ids[2:4]), tuple(ids[4:5])]
        assert [d.attempts for d in logs] == [1, 0, 0]
        deliver_due(engine, settings, now=T0 + timedelta(seconds=60))
        assert [r.change_ids for r in rx.received] == [ids[0:2], ids[0:2], ids[2:4], ids[4:5]]
        assert [r.delivery for r in rx.received] == [logs[0].id, logs[0].id, logs[1].id, logs[2].id]
        assert all(r.signed for r in rx.received)


def test_filtered_out_changes_are_not_sent(engine: Engine) -> None:
    add_event(engine, "sdn", country="SDN", contested=True)
    add_event(engine, "pak", country="PAK", contested=True)
    add_event(engine, "quiet", country="SDN", contested=False)
    with receiving(SECRET) as rx:
        settings = hooks(rx.url, kinds=["estimate", "contested"], countries=["sdn"], contested=True)
        # none passes: nothing sent, one "skipped" row covers them, widened while none passes
        add_changes(engine, ("claim", "sdn"), ("estimate", "pak"), ("estimate", "quiet"))
        deliver_due(engine, settings, now=T0)
        add_changes(engine, ("event", "sdn"), ("estimate", "gone-event"))
        deliver_due(engine, settings, now=T0 + timedelta(seconds=1))
        assert rx.received == []
        [skipped] = deliveries(engine)
        assert (skipped.status, skipped.change_first, skipped.change_last, skipped.change_ids) == (
            "skipped",
            1,
            5,
            (),
        )
        kept = add_changes(engine, ("claim", "sdn"), ("estimate", "sdn"), ("contested", "sdn"))[1:]
        add_changes(engine, ("estimate", "pak"))
        report = deliver_due(engine, settings, now=T0 + timedelta(seconds=2))
        assert report.delivered == 1
        [got] = rx.received
        assert got.change_ids == kept
        assert [c["event_id"] for c in got.json["changes"]] == ["sdn", "sdn"]
        assert [(d.status, d.change_first, d.change_last) for d in deliveries(engine)] == [
            ("skipped", 1, 5),
            ("delivered", 6, 9),
        ]


def test_redirects_are_not_followed(engine: Engine) -> None:
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"))
    with receiving(SECRET) as elsewhere, receiving(SECRET, default=307) as rx:
        rx.script = [(307, {"Location": elsewhere.url})]
        report = deliver_due(engine, hooks(rx.url), now=T0)
        assert report.retrying == 1
        assert len(rx.received) == 1 and elsewhere.received == []
        [log] = deliveries(engine)
        assert (log.last_code, log.status) == (307, "pending")
        assert "redirects are not followed" in log.last_error


def test_private_addresses_are_refused_unless_allowed(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"))
    with receiving(SECRET) as rx:
        named = rx.url.replace("127.0.0.1", "receiver.example")
        report = deliver_due(
            engine,
            hooks(named, allow_private=False),
            now=T0,
            resolver=lambda host, port: ["127.0.0.1"],  # a public-looking name resolving to loopback
        )
        assert report.retrying == 1 and rx.received == []
        [log] = deliveries(engine)
        assert log.last_error.startswith("refused: receiver.example points at a private")
        assert log.last_code is None
        # allowed: the POST goes to the address checked, naming the host
        deliver_due(
            engine,
            hooks(named, allow_private=True),
            now=T0 + timedelta(hours=1),
            resolver=lambda host, port: ["127.0.0.1"],
        )
        [got] = rx.received
        assert got.signed and got.headers["host"] == named.split("/")[2]
    assert SECRET not in caplog.text
    assert SECRET not in json.dumps([str(d) for d in deliveries(engine)])


def test_an_unreachable_receiver_is_a_failed_attempt(engine: Engine) -> None:
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"))
    with receiving(SECRET) as rx:
        url = rx.url
    report = deliver_due(engine, hooks(url), now=T0)  # the receiver is gone: connection refused
    assert report.retrying == 1
    [log] = deliveries(engine)
    assert log.last_code is None and log.last_error.startswith("ConnectError")


def test_the_settings_never_show_the_secret() -> None:
    settings = hooks("http://127.0.0.1:9/x")
    assert SECRET not in repr(settings) and SECRET not in settings.model_dump_json()
    assert SECRET not in str(settings.model_dump())


def test_serve_workers_get_the_secret_through_their_settings_json() -> None:
    """``tolls serve --workers`` hands its settings to the workers as JSON: the secret must
    survive that (asked for explicitly), and only that."""
    settings = Settings(webhooks=hooks("http://127.0.0.1:9/x"))
    masked = settings.model_dump_json()
    assert SECRET not in masked
    with pytest.raises(ValidationError, match="shorter than 16"):  # never signs with "**********"
        Settings.model_validate_json(masked)
    handed = Settings.model_validate_json(settings.model_dump_json(context={REVEAL_SECRETS: True}))
    assert handed.webhooks.hooks[0].secret.get_secret_value() == SECRET
    assert handed.webhooks == settings.webhooks


def test_two_rounds_at_once_send_each_delivery_once(engine: Engine) -> None:
    import threading

    add_event(engine, "ev1")
    add_changes(engine, *[("claim", "ev1")] * 6)
    with receiving(SECRET, hang=0.2) as rx:
        settings = hooks(rx.url, batch_size=2)
        errors: list[BaseException] = []

        def run() -> None:
            try:
                deliver_due(engine, settings, now=T0)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert errors == []
        deliver_due(engine, settings, now=T0)  # whatever a lost race left for later
        sent = [r.delivery for r in rx.received]
        assert sorted(sent) == sent and len(set(sent)) == len(sent) == 3
        assert [d.status for d in deliveries(engine)] == ["delivered"] * 3


def test_the_documented_receiver_snippet_verifies_a_real_delivery(engine: Engine) -> None:
    """The Python snippet of docs/webhooks.md, run on what a receiver got."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "webhooks.md").read_text(encoding="utf-8")
    [snippet] = [b for b in re.findall(r"```python\n(.*?)```", doc, re.S) if "def verify" in b]
    scope: dict[str, Any] = {}
    exec(compile(snippet, "docs/webhooks.md", "exec"), scope)
    verify = scope["verify"]
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"))
    with receiving(SECRET) as rx:
        deliver_due(engine, hooks(rx.url))  # the real clock: the snippet checks the age
        [got] = rx.received
    ts, signature = got.headers["x-tolls-timestamp"], got.headers["x-tolls-signature"]
    assert verify(SECRET, got.body, ts, signature)
    assert not verify(SECRET, got.body.replace(b'"ev1"', b'"ev2"'), ts, signature)
    assert not verify("another-secret-of-16+", got.body, ts, signature)
    assert not verify(SECRET, got.body, str(int(ts) - 3600), signature)


def test_a_change_committed_late_with_a_lower_id_is_not_skipped(db_url: str, engine: Engine) -> None:
    """PostgreSQL hands out ids from a sequence: change 1's transaction may commit after change
    2's. The round waits for it (LOCK TABLE ... IN SHARE MODE) instead of moving past 1."""
    import threading

    from sqlalchemy.orm import Session

    if db_url.startswith("sqlite"):
        pytest.skip("SQLite has a single writer: change ids are committed in order")
    add_event(engine, "ev1")
    late = Session(engine)
    try:
        row = ChangeRow(at=T0, kind="claim", event_id="ev1", actor="slow", summary="late")
        late.add(row)
        late.flush()
        late_id = row.id
        [early_id] = add_changes(engine, ("estimate", "ev1"))
        assert late_id < early_id
        with receiving(SECRET) as rx:
            done = threading.Event()

            def run() -> None:
                deliver_due(engine, hooks(rx.url), now=T0)
                done.set()

            thread = threading.Thread(target=run)
            thread.start()
            assert not done.wait(timeout=1.5), "the round did not wait for the open transaction"
            late.commit()
            thread.join(timeout=60)
            assert done.is_set()
            [got] = rx.received
            assert got.change_ids == [late_id, early_id]
    finally:
        late.close()


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_attempt(engine: Engine) -> None:
    add_event(engine, "ev1")
    add_changes(engine, ("event", "ev1"))
    with receiving(SECRET, hang=3) as rx:
        report = deliver_due(engine, hooks(rx.url, timeout=0.5), now=T0)
        assert report.retrying == 1 and len(rx.received) == 1
    [log] = deliveries(engine)
    assert (log.status, log.last_code, log.last_error) == ("pending", None, "no answer within 0.5 s")
    # retried on the backoff schedule like any failed attempt
    assert log.next_attempt_at == T0 + timedelta(seconds=30)
