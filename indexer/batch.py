"""Reading and parsing many files, on all cores. Shared by `govsearch parse` and `index`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .models import Report
from .parse import NotAReport, parse_report
from .read import UnreadableFile, iter_report_files, read_path


@dataclass
class Outcome:
    """One file's fate: a `report`, or the one-line `error` it was skipped for."""

    path: str
    report: Report | None = None
    error: str | None = None


def content_id(data: bytes) -> str:
    """The stable report id: a hash of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def file_id(path: str | Path) -> str:
    return content_id(Path(path).read_bytes())


def parse_file(path: str | Path) -> Outcome:
    """Read and parse one file; never raises for bad input."""
    try:
        text = read_path(path)
        report = parse_report(text, source=str(path), report_id=file_id(path))
    except UnreadableFile as e:
        return Outcome(str(path), error=e.reason)
    except NotAReport as e:
        return Outcome(str(path), error=str(e))
    except OSError as e:
        return Outcome(str(path), error=e.strerror or str(e))
    except Exception as e:  # a parser bug must not stop a batch of thousands of files
        return Outcome(str(path), error=f"parser error: {type(e).__name__}: {e}")
    return Outcome(str(path), report=report)


def parse_files(
    paths: Iterable[str | Path],
    workers: int | None = None,
    skip: Callable[[Path], bool] | None = None,
) -> Iterator[Outcome]:
    """Parse every report file under `paths` (directories expanded), in input order.

    `skip(path)` lets a caller (the incremental indexer) pass over unchanged files.
    `workers` defaults to all cores; 1 parses in this process.
    """
    files = [p for p in iter_report_files(paths) if not (skip and skip(p))]
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(files) < 4:
        yield from map(parse_file, files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(parse_file, files, chunksize=8)
