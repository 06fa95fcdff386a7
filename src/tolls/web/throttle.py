"""Sign-in throttling: after too many failed sign-ins for one account, or from one client
address, within a window, further sign-ins are refused (429, E424, with ``Retry-After``)
before the database or the password hash is touched.

The window slides: an account or address is throttled while its last ``limit`` failures all
fall within ``window`` seconds, until the oldest of them leaves it. Throttled attempts are not
counted (they cost the server nothing, and counting them would keep a flooded account locked
for as long as the flood lasts plus a window). A successful sign-in clears its account's
failures, not its address's (a valid account must not buy an address more guesses).

The state is in process memory: each server process counts on its own (with ``--workers N`` an
attacker gets up to N times the limit). It is bounded: at most ``max_keys`` accounts and
addresses are remembered, each with at most ``limit`` timestamps; the least recently failed are
forgotten first.

:class:`SignInGate` answers a throttled address before the app parses the request: under a
flood from one address that is most requests, and each then costs little more than its HTTP
parsing (the account rule needs the body's name, so the route applies it). It holds each 429
``web.login_throttle_delay_seconds`` before answering (a tarpit: see the class)."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tolls.errors import ErrorCode, Throttled
from tolls.web.errors import error_response

__all__ = ["LoginThrottle", "SignInGate"]


class LoginThrottle:
    """Failed sign-ins per account and per client address, in one process."""

    def __init__(
        self,
        *,
        per_account: int,
        per_address: int,
        window: float,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window = window
        self.max_keys = max_keys
        self._limits = {"account": per_account, "address": per_address}
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _wait(self, key: tuple[str, str], now: float) -> float:
        times = self._failures.get(key)
        if times is None:
            return 0.0
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
            return 0.0
        if len(times) < self._limits[key[0]]:
            return 0.0
        return times[0] + self.window - now

    def retry_after(self, username: str, address: str) -> int | None:
        """Whole seconds until a sign-in of ``username`` from ``address`` may be tried again, or
        None when it may be tried now."""
        with self._lock:
            now = self._clock()
            wait = max(self._wait(("account", username), now), self._wait(("address", address), now))
        return max(1, math.ceil(wait)) if wait > 0 else None

    def address_retry_after(self, address: str) -> int | None:
        """:meth:`retry_after` for the address alone."""
        with self._lock:
            wait = self._wait(("address", address), self._clock())
        return max(1, math.ceil(wait)) if wait > 0 else None

    def failed(self, username: str, address: str) -> None:
        """Count a failed sign-in of ``username`` from ``address``."""
        with self._lock:
            now = self._clock()
            for key in (("account", username), ("address", address)):
                times = self._failures.get(key)
                if times is None:
                    times = self._failures[key] = deque(maxlen=self._limits[key[0]])
                else:
                    self._failures.move_to_end(key)
                times.append(now)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, username: str) -> None:
        """Forget the failed sign-ins of ``username`` (it just signed in)."""
        with self._lock:
            self._failures.pop(("account", username), None)

    def __len__(self) -> int:
        """How many accounts and addresses are remembered."""
        return len(self._failures)


class SignInGate:
    """Refuse ``POST path`` from a throttled client address with 429 / E424 and ``Retry-After``,
    in the one error shape, before the request body is read; and hold every 429 of that path
    (this one, or the route's) ``delay`` seconds before answering it.

    The hold is a tarpit: a flooding client waits for each answer before sending its next
    guess, so a throttled flood costs the server a few requests a second per connection instead
    of hundreds (the 429s of 16 clients were 800-900 requests/s, answered on the cores the
    readers and analysts need). Waiting costs a coroutine, no thread; at most ``max_held`` are
    held at once, past that 429s are answered at once."""

    def __init__(
        self, app: ASGIApp, *, throttle: LoginThrottle, path: str, delay: float = 0.0, max_held: int = 1000
    ) -> None:
        self.app = app
        self.throttle = throttle
        self.path = path
        self.delay = delay
        self.max_held = max_held
        self.held = 0

    async def _hold(self) -> None:
        if self.delay <= 0 or self.held >= self.max_held:
            return
        self.held += 1
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.held -= 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.throttle.address_retry_after(client[0] if client else "")
        if wait is not None:
            err = Throttled(ErrorCode.E424, source="from this address", seconds=wait)
            await self._hold()
            response = error_response(err.code, err.message, 429, headers={"Retry-After": str(wait)})
            await response(scope, receive, send)
            return

        async def holding_send(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 429:
                await self._hold()
            await send(message)

        await self.app(scope, receive, holding_send)
