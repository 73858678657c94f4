"""Replacing a whole index at once: the segments of an index built in a staging directory
become the live index in one step, a new TOC generation.

A rebuild never empties the live index: it builds into a new directory next to it (inside the
live directory, so the same file system), and `swap_in` then, under the live index's write lock
(held by the caller), moves the staging segment files into the live directory (unreferenced
files: no reader sees them), writes a TOC of the next generation that lists only those
segments and has the staging schema (whoosh writes it to a temp file and renames it: the
atomic step), moves the remaining files (govsearch.json) and removes the old generation's
files. Readers see the old index until the rename and the new one after; a process killed at
any point leaves one of the two.

Relies on whoosh internals: `TOC` (`read`, `write`, `_pattern`, `_segment_pattern`,
`_latest_generation`) and `whoosh.index.clean_files`.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, clean_files
from whoosh.util.filelock import try_for

INDEX_NAME = "MAIN"
LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"  # the lock whoosh's writers take
STAGING_PREFIX = ".staging-"


class LiveLock:
    """The live index's write lock (whoosh's own lock file), taken with a timeout."""

    def __init__(self, folder: str | Path):
        self._lock = FileStorage(str(folder)).lock(LOCK_NAME)
        self.held = False

    def acquire(self, timeout: float) -> bool:
        self.held = bool(try_for(self._lock.acquire, timeout=timeout, delay=0.1))
        return self.held

    def release(self) -> None:
        if self.held:
            self._lock.release()
            self.held = False


def index_exists(folder: str | Path) -> bool:
    """Whether `folder` holds a TOC, read from the file names alone: whoosh's `exists_in`
    opens the index (unpickling its TOC) to find out."""
    return (
        os.path.isdir(folder) and TOC._latest_generation(FileStorage(str(folder)), INDEX_NAME) >= 0
    )


def staging_dir(live: Path) -> Path:
    """A new, private staging directory inside `live` (named for this process)."""
    path = live / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    path.mkdir(mode=0o700)
    return path


def remove_stale_staging(live: Path) -> list[Path]:
    """Removes staging directories whose process is gone (a killed rebuild); returns them."""
    removed = []
    for path in live.glob(f"{STAGING_PREFIX}*"):
        pid = path.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def remove_live_leftovers(live: Path) -> list[str]:
    """Temp folders of killed builds in the live folder (the caller holds `LiveLock`, and no
    writer of its own is open there). The live TOC is not read: it may be an old version's or
    a refused one, which a rebuild replaces; its unlisted segment files go at the swap."""
    from .writer import remove_leftovers

    return remove_leftovers(str(live), INDEX_NAME, segments=None)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(staging: Path, live: Path) -> None:
    """Makes the index in `staging` the live index at `live`. The caller holds `LiveLock`."""
    src, dst = FileStorage(str(staging)), FileStorage(str(live))
    toc = TOC.read(src, INDEX_NAME)
    toc_file = TOC._pattern(INDEX_NAME)
    segment_file = TOC._segment_pattern(INDEX_NAME)
    names = [n for n in os.listdir(staging) if (staging / n).is_file() and n != LOCK_NAME]
    for name in names:
        if segment_file.match(name) and not toc_file.match(name):
            os.replace(staging / name, live / name)
    generation = max(TOC._latest_generation(dst, INDEX_NAME), toc.generation) + 1
    TOC(toc.schema, toc.segments, generation).write(dst, INDEX_NAME)  # the swap
    for name in names:
        if (staging / name).exists() and not toc_file.match(name):
            os.replace(staging / name, live / name)
    clean_files(dst, INDEX_NAME, generation, toc.segments)
