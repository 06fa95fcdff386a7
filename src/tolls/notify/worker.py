"""Delivery rounds in a background thread, every ``webhooks.interval_seconds``: what ``tolls
serve`` runs when webhooks are configured (:mod:`tolls.web.webhook_task`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine

from tolls.notify.webhooks import DeliveryReport, deliver_due
from tolls.redact import redact
from tolls.settings import WebhooksSettings

__all__ = ["WebhookWorker"]

log = logging.getLogger("tolls.notify")


class WebhookWorker:
    """Runs :func:`~tolls.notify.webhooks.deliver_due` now and then every interval until
    :meth:`stop`; a failing round is logged (secrets hidden) and the next one goes on."""

    def __init__(
        self,
        engine: Engine,
        settings: WebhooksSettings,
        *,
        deliver: Callable[[Engine, WebhooksSettings], DeliveryReport] = deliver_due,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.rounds = 0
        self._deliver = deliver
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tolls-webhooks", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Ask the loop to end and wait for a round in progress (at most its POST's timeout)."""
        self._stop.set()
        if self._thread is not None:
            longest = max((h.timeout for h in self.settings.hooks), default=0.0)
            self._thread.join(timeout=longest + 10.0)

    def _run(self) -> None:
        secrets = [h.secret.get_secret_value() for h in self.settings.hooks]
        while not self._stop.is_set():
            try:
                report = self._deliver(self.engine, self.settings)
                if report.sent:
                    log.info("%s", report.summary())
            except Exception as exc:  # a round failing must not end the server's deliveries
                log.warning("webhook round failed (%s): %s", type(exc).__name__, redact(str(exc), secrets))
            self.rounds += 1
            self._stop.wait(self.settings.interval_seconds)
