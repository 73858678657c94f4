"""`build_index`: report files (or `Report` objects) into an index, in one commit.

The one place for the bookkeeping of a build: hashing the files, planning what changed
(`plan_update`, from content hashes alone), the workers (`engine.segments`: each process
parses and analyses files, `build_worker`, and writes a segment of its own), the deletions and
the commit. Workers return documents and never touch the index; everything goes through the
locked writer of this process, committed once at the end, or cancelled. whoosh commits by
writing a new TOC generation last, so a build killed before that leaves the previous index
intact.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field
from whoosh.index import Index as WhooshIndex
from whoosh.reading import IndexReader

from ..engine.postings import field_values
from ..engine.writer import FastWriter, WriterBusy, open_writer
from ..files import file_id, path_from_key, path_key
from ..models import Outcome, Report
from .documents import analysed_documents, report_documents
from .schema import REPORT_KIND

Progress = Callable[[int, int], None]
RETRIES = 3  # plans made again when another build committed first


class BuildSummary(BaseModel):
    """What one build did. `skipped` has one entry, with its reason, per file left out."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Outcome] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    @property
    def indexed(self) -> int:
        """Files of this run whose report is in the index afterwards."""
        return self.added + self.updated + self.unchanged


class IndexChanged(WriterBusy):
    """Another build committed between this build's plan and its commit."""


def indexed_reports(reader: IndexReader) -> dict[str, str | None]:
    """report id → resolved source path (None when added by the library without a path)."""
    if not reader.doc_count():
        return {}
    reports = (
        set(reader.postings("kind", REPORT_KIND).all_ids())
        if ("kind", REPORT_KIND) in reader
        else set()
    )
    ids = field_values(reader, "id")
    paths = field_values(reader, "path")
    return {ids[d]: paths.get(d) for d in reports if d in ids}


@dataclass
class Plan:
    """What to do with each file of a build, decided from content hashes alone."""

    unchanged: list[str] = field(default_factory=list)
    parse: list[str] = field(default_factory=list)
    replaces: dict[str, str] = field(default_factory=dict)  # path → id of its previous version
    skipped: list[Outcome] = field(default_factory=list)
    prune: list[str] = field(default_factory=list)  # ids whose files are gone


def plan_update(
    indexed: dict[str, str | None], hashed: dict[str, str], gone: set[str], prune: bool
) -> Plan:
    """`indexed`: id → path in the index; `hashed`: path → content id of each file given;
    `gone`: indexed paths that no longer exist on disk."""
    plan = Plan()
    by_path = {p: i for i, p in indexed.items() if p}
    seen: dict[str, str] = {}
    for path, cid in hashed.items():
        if by_path.get(path) == cid:
            plan.unchanged.append(path)
        elif cid in seen:
            plan.skipped.append(Outcome.skipped(path, f"same content as {seen[cid]}"))
        elif cid in indexed and indexed[cid] not in (None, path) and indexed[cid] not in gone:
            plan.skipped.append(Outcome.skipped(path, f"same content as {indexed[cid]}"))
        else:
            plan.parse.append(path)
            if path in by_path:
                plan.replaces[path] = by_path[path]
        seen.setdefault(cid, path)
    if prune:
        moved = {hashed[p] for p in plan.parse}
        plan.prune = [i for i, p in indexed.items() if p in gone and i not in moved]
    return plan


def build_worker(path: str) -> tuple[Outcome, list[dict]]:
    """A build worker's job for one file: its outcome (without the report, which stays here)
    and its analysed documents. Reads and parses; never touches the index."""
    from ..batch import bug_reason, parse_file

    outcome = parse_file(path)
    if outcome.report is None:
        return outcome, []
    try:
        docs = analysed_documents(outcome.report, path_key(Path(path).resolve()))
    except Exception as e:  # a bug must not stop a batch of thousands of files
        return Outcome.skipped(path, bug_reason(e)), []
    return outcome.without_report(), docs


def _preload() -> None:
    from .analysis import jieba_tokenizer

    jieba_tokenizer()


def _hash_files(paths: Iterable[str | Path]) -> tuple[dict[str, str], dict[str, str], list]:
    """(resolved path → content id, resolved path → path as given, unreadable outcomes)."""
    from ..read import iter_report_files

    hashed: dict[str, str] = {}
    originals: dict[str, str] = {}
    unreadable: list[Outcome] = []
    for p in iter_report_files(paths):
        try:
            cid = file_id(p)  # first: its reason beats resolve()'s for a broken link
            resolved = path_key(p.resolve())
            hashed[resolved] = cid
            originals[resolved] = str(p)
        except (OSError, RuntimeError) as e:  # RuntimeError: resolve() of a symlink loop
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            unreadable.append(Outcome.skipped(str(p), reason))
    return hashed, originals, unreadable


def _commit_or_cancel(writer: FastWriter, summary: BuildSummary, body: Callable[[], None]):
    try:
        body()
    except BaseException:
        writer.cancel()
        raise
    if summary.changed:
        writer.commit()
    else:
        writer.cancel()


def build_index(
    sources: Iterable[str | Path] | Iterable[Report],
    index: WhooshIndex,
    *,
    prune: bool = False,
    workers: int | None = None,
    on_progress: Progress | None = None,
    timeout: float = 10.0,
    after_fork: Callable[[], None] | None = None,
) -> BuildSummary:
    """Adds report files (paths, directories expanded) or `Report` objects to `index`.

    Files: incremental, by content hash (unchanged content is skipped, changed content
    replaced, and with `prune` reports whose files are gone are removed), parsed on
    `workers` processes (default: all cores). Reports: added, replacing any with the same id.
    One commit at the end, none when nothing changed. Raises `WriterBusy` when another
    writer holds the index longer than `timeout` seconds. A build that finds another build's
    commit once it holds the lock plans again against the new state (up to `RETRIES` times).
    `after_fork` (files only) runs once the parse workers are forked, before the index's lock
    is taken: a rebuild takes the live index's lock there (`write.rebuild`).
    """
    sources = list(sources)
    if sources and all(isinstance(s, Report) for s in sources):
        return _add_reports(sources, index, timeout)
    hashed = _hash_files(sources)
    for attempt in range(RETRIES + 1):
        try:
            return _build_from_files(
                hashed, index, prune, workers, on_progress, timeout, after_fork
            )
        except IndexChanged:
            if attempt == RETRIES:
                raise
            after_fork = None  # a hook runs once
    raise AssertionError("unreachable")


def _add_reports(reports: list[Report], index: WhooshIndex, timeout: float) -> BuildSummary:
    writer = open_writer(index, timeout)
    summary = BuildSummary()

    def add() -> None:
        with index.reader() as reader:
            indexed = indexed_reports(reader)
        for report in reports:
            writer.delete_by_term("report_id", report.id)
            for doc in report_documents(report):
                writer.add_document(**doc)
            if report.id in indexed:
                summary.updated += 1
            else:
                summary.added += 1
            indexed[report.id] = None

    _commit_or_cancel(writer, summary, add)
    return summary


def remove_reports(ids: Iterable[str], index: WhooshIndex, timeout: float = 10.0) -> int:
    """Removes reports and their units (they share `report_id`); returns how many."""
    writer = open_writer(index, timeout)
    summary = BuildSummary()

    def remove() -> None:
        for report_id in ids:
            summary.removed += writer.delete_by_term("report_id", report_id) > 0

    _commit_or_cancel(writer, summary, remove)
    return summary.removed


def _build_from_files(
    hashes: tuple, index: WhooshIndex, prune: bool, workers: int | None, on_progress, timeout,
    after_fork: Callable[[], None] | None,
) -> BuildSummary:  # fmt: skip
    from ..engine.segments import SegmentBuild

    hashed, originals, unreadable = hashes
    # Wait for other writers first, but fork the workers before holding the lock:
    # forked workers would inherit the lock and keep it if this process were killed.
    open_writer(index, timeout).cancel()
    generation = index.latest_generation()
    with index.reader() as reader:
        indexed = indexed_reports(reader)
    gone = {
        p
        for p in indexed.values()
        if p and not os.path.exists(p) and not os.path.exists(path_from_key(p))
    }
    plan = plan_update(indexed, hashed, gone, prune)
    files = [originals[p] for p in plan.parse]
    workers = workers or os.cpu_count() or 1
    build = SegmentBuild(
        index,
        files,
        build_worker,
        workers if len(files) >= 2 * workers else 1,
        preload=_preload,
    )
    summary = BuildSummary(unchanged=len(plan.unchanged), skipped=unreadable + plan.skipped)
    total = len(hashed) + len(unreadable)
    before = total - len(plan.parse)

    def parsed(outcome: Outcome) -> None:
        path = path_key(Path(outcome.path).resolve())
        old = plan.replaces.get(path)
        if outcome.report_id is None:
            summary.skipped.append(outcome)
            if old:  # the file no longer holds the indexed content
                writer.delete_by_term("report_id", old)
                summary.removed += 1
            return
        if old and old != outcome.report_id:
            writer.delete_by_term("report_id", old)
        if old or outcome.report_id in indexed:
            summary.updated += 1
        else:
            summary.added += 1
        writer.delete_by_term("report_id", outcome.report_id)  # an earlier version of it

    def progress(done: int) -> None:
        if on_progress:
            on_progress(before + done, total)

    def run() -> None:
        if index.latest_generation() != generation:
            raise IndexChanged(f"index at {index.storage.folder} changed during this build")
        writer.remove_leftovers()  # of killed builds, before this one's helpers write
        for report_id in plan.prune:
            writer.delete_by_term("report_id", report_id)
            summary.removed += 1
        writer.add_segments(build.run(writer, parsed, progress))

    try:
        if after_fork:
            after_fork()
        writer = open_writer(index, timeout)
        _commit_or_cancel(writer, summary, run)
    finally:
        build.close()
    return summary
