"""Parallel index builds: every process runs the caller's `work` and writes a whoosh segment
of its own from the documents it returns.

One writer process could not keep up with the parsers (whoosh posts in pure Python), and its
commit ran alone at the end. Now the caller's process and `workers - 1` forked helpers each
take chunks of items from a shared counter, call `work(item) -> (result, documents)` (which
never touches the index), and add the documents to their own `FastWriter` (unlocked); a
helper finishes its segment and sends it back (a pickled whoosh `Segment`) with the results.
The caller, which holds the write lock, does all deletions and writes the TOC that lists the
new segments: until then no reader sees them, so a build killed mid-way leaves the previous
index intact (the unreferenced segment files are removed by the next commit).

A helper dies with the caller (Linux: `PR_SET_PDEATHSIG`; elsewhere it notices while waiting
to start). The helpers are forked before the caller takes the lock (a forked child would inherit it and
keep it past the caller's death) and wait for `start`. `preload` runs before the fork (jieba's
dictionary), so the helpers share its pages instead of each loading it again.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.index import Index

from .writer import FastWriter

CHUNK = 4  # items taken from the counter at a time
PR_SET_PDEATHSIG = 1  # prctl(2) option: a signal to receive when the parent dies
POLL_S = 0.5  # how often a waiting helper checks that its parent is alive

Work = Callable[[Any], tuple[Any, list[dict]]]  # item → (result, documents to add)


class _Shared:
    """What the processes of one build share: the items and the work (inherited by the fork),
    a chunk counter, a count of items done (for progress), and start / cancel flags."""

    def __init__(self, items: list, work: Work, ctx):
        self.items = items
        self.work = work
        self.next = ctx.Value("l", 0)
        self.done = ctx.Value("l", 0)
        self.start = ctx.Event()
        self.cancel = ctx.Value("b", 0, lock=False)

    def chunks(self) -> Iterator[list]:
        while not self.cancel.value:
            with self.next.get_lock():
                i = self.next.value
                self.next.value += CHUNK
            if i >= len(self.items):
                return
            yield self.items[i : i + CHUNK]


def _write(writer: FastWriter, shared: _Shared, items: list) -> list:
    """The work's results for `items`; their documents added to `writer`."""
    out = []
    for item in items:
        result, docs = shared.work(item)
        for doc in docs:
            writer.add_document(**doc)
        out.append(result)
    with shared.done.get_lock():
        shared.done.value += len(items)
    return out


def _die_with(parent: int) -> None:
    """Linux: the kernel kills this process when the one that forked it dies (a `kill -9`ed
    build would otherwise leave its helpers writing segment files for many seconds)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the helpers check their parent instead
        return
    if os.getppid() != parent:  # it died before the prctl
        os._exit(1)


def _helper(ix: Index, shared: _Shared, conn, parent: int) -> None:
    _die_with(parent)
    while not shared.start.wait(POLL_S):
        if os.getppid() != parent:  # the build died before starting us
            os._exit(1)
    writer = FastWriter.unlocked(ix)
    results: list = []
    try:
        for items in shared.chunks():
            results += _write(writer, shared, items)
        if shared.cancel.value:
            writer.cancel()
            conn.send(None)
            return
        conn.send((writer.detach_segment(), results))
    except BaseException as e:
        conn.send(e)
        raise


class SegmentBuild:
    """`workers` processes writing segments for `items`; this process is one of them.

    Create it before taking the write lock; then `run(writer, on_result)` with the locked
    writer: it adds this process's share to `writer`, calls `on_result` for every item (in
    this process, so deletions go through `writer`), and returns the helpers' segments.
    """

    def __init__(
        self, ix: Index, items: list, work: Work, workers: int, preload: Callable | None = None
    ):
        self.ix = ix
        ctx = mp.get_context("fork")
        self.shared = _Shared(items, work, ctx)
        self.helpers: list[tuple] = []
        if workers > 1 and items:
            if preload:
                preload()
            gc.freeze()  # refcount-free pages stay shared with the helpers
            for _ in range(workers - 1):
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(
                    target=_helper, args=(ix, self.shared, send, os.getpid()), daemon=True
                )
                proc.start()
                send.close()
                self.helpers.append((proc, recv))
            gc.unfreeze()

    def run(
        self,
        writer: FastWriter,
        on_result: Callable[[Any], None],
        on_progress: Callable[[int], None] | None = None,
    ) -> list:
        shared = self.shared
        shared.start.set()
        for items in shared.chunks():
            for result in _write(writer, shared, items):
                on_result(result)
            if on_progress:
                on_progress(shared.done.value)
        writer.finish_segment()  # in parallel with the helpers finishing theirs
        segments = []
        for proc, conn in self.helpers:
            try:
                result = conn.recv()
            except EOFError:
                result = RuntimeError(f"index worker {proc.pid} died")
            if isinstance(result, BaseException):
                raise result
            segment, results = result
            for r in results:
                on_result(r)
            if segment is not None:
                segments.append(segment)
        if on_progress:
            on_progress(shared.done.value)
        return segments

    def close(self) -> None:
        """Stops the helpers still running (after an error) and reaps them all."""
        self.shared.cancel.value = 1
        self.shared.start.set()
        for proc, conn in self.helpers:
            # Drain: a helper blocked sending a large result would never exit.
            while proc.is_alive():
                if conn.poll(0.1):
                    try:
                        conn.recv()
                    except EOFError:
                        break
            proc.join()
            conn.close()
