"""Reading and parsing many files, on all cores. Shared by `govsearch parse` and `index`."""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from .models import Report

CHUNK = 8  # files per task: amortises the pickling round trip
IN_FLIGHT = 4  # tasks queued per worker: the writer falls behind, memory stays bounded

# The readers (docx, pdf, html) and the parser are imported on first use, not with this
# module: `govsearch query` imports the CLI's parse command, and must start fast.


@dataclass
class Outcome:
    """One file's fate: a `report`, or the one-line `error` it was skipped for. `prepared`:
    what the caller's `prepare(report, resolved_path)` made of the report, in the worker."""

    path: str
    report: Report | None = None
    error: str | None = None
    prepared: Any = None


def content_id(data: bytes) -> str:
    """The stable report id: a hash of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def file_id(path: str | Path) -> str:
    return content_id(Path(path).read_bytes())


Prepare = Callable[[Report, str], Any]


def parse_file(path: str | Path, prepare: Prepare | None = None) -> Outcome:
    """Read and parse one file, then `prepare` it; never raises for bad input."""
    from .parse import NotAReport, parse_report
    from .read import UnreadableFile, read_bytes, read_file

    try:
        data = read_file(path)  # read once: the same bytes give the text and the id
        report = parse_report(
            read_bytes(data, str(path)), source=str(path), report_id=content_id(data)
        )
        prepared = prepare(report, str(Path(path).resolve())) if prepare else None
    except UnreadableFile as e:
        return Outcome(str(path), error=e.reason)
    except NotAReport as e:
        return Outcome(str(path), error=str(e))
    except OSError as e:
        return Outcome(str(path), error=e.strerror or str(e))
    except Exception as e:  # a parser bug must not stop a batch of thousands of files
        return Outcome(str(path), error=f"parser error: {type(e).__name__}: {e}")
    return Outcome(str(path), report=report, prepared=prepared)


def parse_files(
    paths: Iterable[str | Path],
    workers: int | None = None,
    skip: Callable[[Path], bool] | None = None,
    prepare: Prepare | None = None,
) -> Iterator[Outcome]:
    """Parse every report file under `paths` (directories expanded), in input order.

    `skip(path)` lets a caller (the incremental indexer) pass over unchanged files.
    `prepare` (a module-level function, so it pickles) runs in the workers after parsing.
    `workers` defaults to all cores; 1 parses in this process.
    """
    from .read import iter_report_files

    files = [p for p in iter_report_files(paths) if not (skip and skip(p))]
    workers = workers or os.cpu_count() or 1
    task = partial(parse_file, prepare=prepare)
    if workers == 1 or len(files) < 4:
        yield from map(task, files)
        return
    # Not pool.map: it submits every file at once, and prepared results of a slower consumer
    # (the index writer) would pile up in memory. A bounded window of chunks instead.
    chunks = (files[i : i + CHUNK] for i in range(0, len(files), CHUNK))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = deque(pool.submit(_map, task, c) for c in islice(chunks, workers * IN_FLIGHT))
        while pending:
            done = pending.popleft().result()
            pending.extend(pool.submit(_map, task, c) for c in islice(chunks, 1))
            yield from done


def _map(task: Callable[[Path], Outcome], paths: list[Path]) -> list[Outcome]:
    return [task(p) for p in paths]
