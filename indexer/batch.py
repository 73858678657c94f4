"""Reading and parsing many files, on all cores: paths in, one `Outcome` (a `Report`, or the
reason the file was skipped) per file out, in input order. Shared by `govsearch parse` and the
index build (`write.build`); it knows nothing about the index.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from .files import content_id, file_id, path_key
from .models import Outcome

__all__ = ["content_id", "file_id", "parse_file", "parse_files"]

CHUNK = 8  # files per task: amortises the pickling round trip
IN_FLIGHT = 4  # tasks queued per worker: a slow consumer falls behind, memory stays bounded

# The readers (docx, pdf, html) and the parser are imported on first use, not with this
# module: `govsearch query` imports the CLI's parse command, and must start fast.


def parse_file(path: str | Path) -> Outcome:
    """Read and parse one file; never raises for bad input."""
    from .parse import NotAReport, parse_report
    from .read import UnreadableFile, read_bytes, read_file

    try:
        data = read_file(path)  # read once: the same bytes give the text and the id
        report = parse_report(
            read_bytes(data, str(path)), source=path_key(path), report_id=content_id(data)
        )
    except UnreadableFile as e:
        return Outcome.skipped(str(path), e.reason)
    except NotAReport as e:
        return Outcome.skipped(str(path), str(e))
    except OSError as e:
        return Outcome.skipped(str(path), e.strerror or str(e))
    except Exception as e:  # a parser bug must not stop a batch of thousands of files
        return Outcome.skipped(str(path), bug_reason(e))
    return Outcome.parsed(str(path), report)


def bug_reason(e: Exception) -> str:
    """The skip reason for a file that made our own code raise."""
    return f"parser error: {type(e).__name__}: {e}"


def parse_files(paths: Iterable[str | Path], workers: int | None = None) -> Iterator[Outcome]:
    """Parse every report file under `paths` (directories expanded), in input order.

    `workers` defaults to all cores; 1 parses in this process.
    """
    from .read import iter_report_files

    files = list(iter_report_files(paths))
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(files) < 4:
        yield from map(parse_file, files)
        return
    # Not pool.map: it submits every file at once, and the results of a slower consumer
    # would pile up in memory. A bounded window of chunks instead.
    chunks = (files[i : i + CHUNK] for i in range(0, len(files), CHUNK))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = deque(
            pool.submit(_map, parse_file, c) for c in islice(chunks, workers * IN_FLIGHT)
        )
        while pending:
            done = pending.popleft().result()
            pending.extend(pool.submit(_map, parse_file, c) for c in islice(chunks, 1))
            yield from done


def _map(task: Callable[[Path], Outcome], paths: list[Path]) -> list[Outcome]:
    return [task(p) for p in paths]
