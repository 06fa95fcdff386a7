"""The webhook deliveries as a background task of the app (when webhooks are configured): a
:class:`~tolls.notify.worker.WebhookWorker` started and stopped with the app's lifespan."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from tolls.notify.worker import WebhookWorker
from tolls.settings import Settings

__all__ = ["run_webhooks_in_background"]


def run_webhooks_in_background(app: FastAPI, settings: Settings) -> None:
    """Deliver webhooks from ``app``'s process while it serves, if any are configured. The app's
    own lifespan (and any other background task wrapped around it) is kept."""
    if not settings.webhooks.hooks:
        return
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(served: Any) -> AsyncIterator[Any]:
        worker = WebhookWorker(served.state.ledger.engine, settings.webhooks)
        served.state.webhook_worker = worker
        worker.start()
        try:
            async with inner(served) as state:
                yield state
        finally:
            await asyncio.to_thread(worker.stop)

    app.router.lifespan_context = lifespan
