"""Parallel index builds: every process parses, analyses and writes a whoosh segment of its own.

One writer process could not keep up with the parsers (whoosh posts in pure Python), and its
commit ran alone at the end. Now the caller's process and `workers - 1` forked helpers each
take chunks of files from a shared counter, parse them, and add the documents to their own
`FastWriter` (unlocked); a helper finishes its segment and sends it back with one line per
file. The caller, which holds the write lock, does all deletions and writes the TOC that lists
the new segments: until then no reader sees them, so a build killed mid-way leaves the previous
index intact (the unreferenced segment files are removed by the next commit).

The helpers are forked before the caller takes the lock (a forked child would inherit it and
keep it past the caller's death) and wait for `start`. jieba's dictionary is loaded before the
fork, so the helpers share its pages instead of each loading it again.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from whoosh.index import Index

from .batch import parse_file
from .build import analysed_documents
from .writer import FastWriter

CHUNK = 4  # files taken from the counter at a time
POLL_S = 0.5  # how often a waiting helper checks that its parent is alive


@dataclass
class Parsed:
    """One file's fate, without the report: `report_id`, or the `error` it was skipped for."""

    path: str
    report_id: str | None = None
    error: str | None = None


class _Shared:
    """What the processes of one build share: the file list (inherited by the fork), a chunk
    counter, a count of files done (for progress), and start / cancel flags."""

    def __init__(self, files: list[str], ctx):
        self.files = files
        self.next = ctx.Value("l", 0)
        self.done = ctx.Value("l", 0)
        self.start = ctx.Event()
        self.cancel = ctx.Value("b", 0, lock=False)

    def chunks(self) -> Iterator[list[str]]:
        while not self.cancel.value:
            with self.next.get_lock():
                i = self.next.value
                self.next.value += CHUNK
            if i >= len(self.files):
                return
            yield self.files[i : i + CHUNK]


def _write(writer: FastWriter, shared: _Shared, paths: list[str]) -> list[Parsed]:
    """Parse `paths` and add their documents to `writer`."""
    out = []
    for path in paths:
        outcome = parse_file(path, prepare=analysed_documents)
        if outcome.report is None:
            out.append(Parsed(path, error=outcome.error or "unknown"))
            continue
        for doc in outcome.prepared:
            writer.add_document(**doc)
        out.append(Parsed(path, report_id=outcome.report.id))
    with shared.done.get_lock():
        shared.done.value += len(paths)
    return out


def _helper(ix: Index, shared: _Shared, conn) -> None:
    parent = os.getppid()
    while not shared.start.wait(POLL_S):
        if os.getppid() != parent:  # the build died before starting us
            os._exit(1)
    writer = FastWriter(ix, _lk=False)
    parsed: list[Parsed] = []
    try:
        for paths in shared.chunks():
            parsed += _write(writer, shared, paths)
        if shared.cancel.value:
            writer.cancel()
            conn.send(None)
            return
        segment = writer._finalize_segment() if writer._added else None
        if segment is None:
            writer._close_segment()
        writer._finish()
        conn.send((segment, parsed))
    except BaseException as e:
        conn.send(e)
        raise


class SegmentBuild:
    """`workers` processes writing segments for `files`; this process is one of them.

    Create it before taking the write lock; then `run(writer, on_parsed)` with the locked
    writer: it adds this process's share to `writer`, calls `on_parsed` for every file (in
    this process, so deletions go through `writer`), and returns the helpers' segments.
    """

    def __init__(self, ix: Index, files: list[str], workers: int):
        from .analysis import jieba_tokenizer

        self.ix = ix
        ctx = mp.get_context("fork")
        self.shared = _Shared(files, ctx)
        self.helpers: list[tuple] = []
        if workers > 1 and files:
            jieba_tokenizer()
            gc.freeze()  # refcount-free pages stay shared with the helpers
            for _ in range(workers - 1):
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_helper, args=(ix, self.shared, send), daemon=True)
                proc.start()
                send.close()
                self.helpers.append((proc, recv))
            gc.unfreeze()

    def run(
        self,
        writer: FastWriter,
        on_parsed: Callable[[Parsed], None],
        on_progress: Callable[[int], None] | None = None,
    ) -> list:
        shared = self.shared
        shared.start.set()
        for paths in shared.chunks():
            for parsed in _write(writer, shared, paths):
                on_parsed(parsed)
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
            segment, parsed = result
            for p in parsed:
                on_parsed(p)
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
