"""One `Index` shared by every request, used by one thread at a time, under a time limit.

Whoosh's searcher reads its files through shared file objects, and `Index` keeps per-searcher
caches: neither is safe to use from two threads at once. So every library call goes through a
single worker thread (`run`), which is the lock; a request waits for its result at most
`time_limit` seconds (queueing included) and then gets `TooSlow` (a 503), never a stuck
worker: the server keeps answering other requests, and a call still waiting in the queue is
dropped. A call that is already running finishes in the background and its result is thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TypeVar

from govsearch.search import Index

T = TypeVar("T")
DEFAULT_TIME_LIMIT = 10.0  # seconds


class TooSlow(Exception):
    """A library call did not finish within the time limit."""


class Service:
    """The shared index and the worker thread that uses it."""

    def __init__(self, index: Index, time_limit: float = DEFAULT_TIME_LIMIT):
        self.index = index
        self.time_limit = time_limit
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govsearch-index")

    @classmethod
    def open(cls, path: str | Path | None, time_limit: float = DEFAULT_TIME_LIMIT) -> Service:
        return cls(Index.open(path), time_limit)

    def run(self, fn: Callable[..., T], /, *args: object, **kw: object) -> T:
        """`fn(index, *args, **kw)` on the worker thread; `TooSlow` after the time limit."""
        future = self._worker.submit(fn, self.index, *args, **kw)
        try:
            return future.result(timeout=self.time_limit)
        except FutureTimeout:
            future.cancel()
            raise TooSlow(f"the search took longer than {self.time_limit:g} s; narrow it") from None

    def submit(self, fn: Callable[..., T], /, *args: object) -> Future[T]:
        """`fn(index, *args)` on the worker thread, not waited for."""
        return self._worker.submit(fn, self.index, *args)

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)
        self.index.close()
