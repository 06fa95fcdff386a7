"""What a server process keeps to check credentials cheaply: one low-priority thread for
password hashes, and a short-lived cache of API tokens' users.

- :class:`PasswordChecks`: scrypt at OWASP's cost takes about 128 MiB and half a second of a
  core. Every sign-in's check runs on one thread per process, at a lower CPU priority than the
  request threads (Linux: ``nice`` 10 for that thread alone), so a flood of wrong passwords
  takes little of what the requests of readers and analysts need; at most ``waiting`` sign-ins
  queue for it, and at most ``per_address`` (2) from one client address: more at once are
  answered 429 / E424 with ``Retry-After: 1`` at once, as is one not checked within
  ``timeout`` (10 s).
- :class:`TokenCache`: an API token's user, read on a read path (never in a write transaction)
  and kept ``ttl`` seconds under the token's SHA-256. A revoke or role change (today made
  with the CLI: no route makes them) applies within ``ttl``; a route that one day makes them
  calls :meth:`TokenCache.forget_user` so that it applies at once in that process. A token's
  ``last_used_at`` is written at most once a ``touch_every`` per token, in its own short
  transaction, so API reads do not each become a write."""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import timedelta

from tolls.errors import ErrorCode, Throttled
from tolls.store.users import (
    Credentials,
    ScryptCost,
    TokenUse,
    UserRecord,
    check_credentials,
    hash_password,
    needs_rehash,
)

__all__ = ["PasswordChecks", "TokenCache"]


NICE = 10
"""The hashing thread's ``nice``: weight 110 against a request thread's 1024, so a flood's hashes
get about a tenth of a core the server's requests want, and all of what they leave."""


def _lower_priority() -> None:
    """Lower the calling thread's CPU priority (Linux applies ``setpriority`` to one thread)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
    except (AttributeError, OSError):  # not Linux, or not allowed: run at the normal priority
        pass


class PasswordChecks:
    """Password checks on one low-priority thread, with a bounded queue and a bounded wait."""

    def __init__(
        self, *, cost: ScryptCost, waiting: int, per_address: int = 2, timeout: float = 10.0
    ) -> None:
        self.cost = cost
        self.waiting = waiting
        self.per_address = per_address
        self.timeout = timeout
        self._by_address: dict[str, int] = {}
        self._pool = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="tolls-passwords", initializer=_lower_priority
        )
        self._pending = 0
        self._lock = threading.Lock()

    def _check(self, credentials: Credentials, password: str) -> tuple[UserRecord, str | None]:
        user = check_credentials(credentials, password, cost=self.cost)
        rehashed = hash_password(password, cost=self.cost) if needs_rehash(credentials, self.cost) else None
        return user, rehashed

    def _release(self, address: str) -> None:
        with self._lock:
            self._pending -= 1
            left = self._by_address[address] - 1
            if left:
                self._by_address[address] = left
            else:
                del self._by_address[address]

    def check(
        self, credentials: Credentials, password: str, address: str = ""
    ) -> tuple[UserRecord, str | None]:
        """:func:`~tolls.store.users.check_credentials` on the hashing thread (call it from a
        worker thread, not the event loop): the user, and a new hash of the password at
        :attr:`cost` when the stored one was made at another (else None).
        :class:`~tolls.errors.Throttled` (E424, retry in a second) when ``waiting`` checks are
        queued or running already, or ``per_address`` from the client ``address`` (so that one
        flooding address cannot fill the queue ahead of everyone else's sign-ins), or this one
        has not finished within ``timeout`` seconds (a machine too busy to hash: the answer is
        not left to the client's timeout); :class:`~tolls.errors.AuthError` (E421) as the check
        gives."""
        with self._lock:
            mine = self._by_address.get(address, 0)
            if self._pending >= self.waiting or mine >= self.per_address:
                raise Throttled(ErrorCode.E424, source="at once on this server", seconds=1)
            self._pending += 1
            self._by_address[address] = mine + 1
        future = self._pool.submit(self._check, credentials, password)
        future.add_done_callback(lambda _: self._release(address))
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            future.cancel()  # if it has not started; a started hash ends on its own, unread
            raise Throttled(ErrorCode.E424, source="at once on this server", seconds=1) from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class TokenCache:
    """API tokens' users by the token's SHA-256, each kept ``ttl`` seconds (at most
    ``max_entries``, the oldest dropped first)."""

    def __init__(
        self,
        *,
        ttl: float,
        touch_every: timedelta = timedelta(minutes=1),
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.touch_every = touch_every
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, TokenUse]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, digest: str) -> TokenUse | None:
        """The cached lookup of the token stored under ``digest``, if still fresh."""
        with self._lock:
            entry = self._entries.get(digest)
            if entry is None:
                return None
            if self._clock() - entry[0] >= self.ttl:
                del self._entries[digest]
                return None
            return entry[1]

    def put(self, use: TokenUse) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            self._entries[use.token_hash] = (self._clock(), use)
            self._entries.move_to_end(use.token_hash)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def forget_user(self, username: str) -> None:
        """Drop every cached token of ``username`` (after its tokens were revoked or its role or
        status changed)."""
        with self._lock:
            for digest in [d for d, (_, use) in self._entries.items() if use.user.username == username]:
                del self._entries[digest]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
