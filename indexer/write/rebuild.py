"""A build into a new directory, swapped in atomically: `govsearch index --rebuild`, and the
first build of an index that does not exist yet.

The live index is never emptied first. `staged_build` makes a fresh index in a staging
directory inside the live one (`engine.swap`), runs the ordinary build into it (`build_index`:
the parse workers are forked first, then the live index's write lock is taken, waiting up to
`timeout`, so a concurrent build waits its turn and no worker inherits the lock), and, if it
added anything, swaps it in under that lock. A build that added nothing leaves the live index
as it was, and creates none where there was none. Staging directories of killed rebuilds are
removed by the next one, under the lock.

Everything written is owner-only (`owner_only`: files 0600, directories 0700) whatever the
umask: an index directory is read with pickles (see `engine.safepickle`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from whoosh.index import Index as WhooshIndex

from ..engine.swap import (
    LiveLock,
    remove_live_leftovers,
    remove_stale_staging,
    staging_dir,
    swap_in,
)
from ..engine.writer import WriterBusy
from .build import BuildSummary, Progress, build_index

_umask_lock = threading.Lock()
_umask_users = 0
_umask_saved = 0


@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """Files and directories created inside the block are the owner's alone (umask |= 077).
    The umask belongs to the process (and is inherited by forked workers): nested or
    concurrent blocks share one change, undone when the last one ends."""
    global _umask_users, _umask_saved
    with _umask_lock:
        if not _umask_users:
            _umask_saved = os.umask(0o077)
            os.umask(_umask_saved | 0o077)
        _umask_users += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask_users -= 1
            if not _umask_users:
                os.umask(_umask_saved)


def staged_build(
    paths: Iterable[str | Path],
    live: Path,
    create: Callable[[Path], WhooshIndex],
    *,
    workers: int | None = None,
    on_progress: Progress | None = None,
    timeout: float = 10.0,
) -> BuildSummary:
    """Builds an index of `paths` (from nothing) with `create(dir)` and makes it the index at
    `live` in one step, if it added any report. Raises `WriterBusy` when another build holds
    the live index longer than `timeout` seconds."""
    with owner_only():
        created = not live.exists()
        live.mkdir(parents=True, exist_ok=True)
        lock = LiveLock(live)
        staging = staging_dir(live)
        summary = None
        try:
            ix = create(staging)

            def take_lock() -> None:
                if not lock.acquire(timeout):
                    raise WriterBusy(
                        f"index at {live} is being written by another process "
                        f"(waited {timeout:g}s); try again later"
                    )
                remove_stale_staging(live)
                remove_live_leftovers(live)

            summary = build_index(
                paths, ix, workers=workers, on_progress=on_progress, timeout=timeout,
                after_fork=take_lock,
            )  # fmt: skip
            ix.close()
            if summary.added:
                swap_in(staging, live)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            lock.release()
            if created and not (summary and summary.added):
                _remove_if_empty(live)
    return summary


def _remove_if_empty(live: Path) -> None:
    """The directory this run created for an index it did not make (only a lock file in it)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(live):
            if name.endswith("_WRITELOCK"):
                os.remove(live / name)
        live.rmdir()
