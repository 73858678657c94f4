"""whoosh's `SegmentWriter`, minus three costs that dominate a large build.

- Run files of the posting pool are pickled in batches: whoosh pickles (and at commit
  unpickles) each of the ~1,000 postings of a report with its own call.
- At commit whoosh asks the per-document reader for the field length of every posting; for
  a field without lengths (ID, NUMERIC: a third of all postings) that is a `stat` of the disk
  each time. Unscored fields now answer 0 without asking.
- whoosh names the temp dir `<indexname>.tmp` for every writer of an index, and the first
  writer to finish deletes it under the others (the parallel builds of `segments` run several
  at once): the posting pool gets a private dir, and the shared one is removed once empty.

It also lets a helper process write an unlocked segment (`unlocked`, `detach_segment`) that
the locked writer lists in its commit (`add_segments`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import shutil
from itertools import islice

from whoosh.index import TOC, Index, LockError
from whoosh.util import random_name
from whoosh.writing import PostingPool, SegmentWriter

from . import safepickle

# Postings per pickle call in a run file. The final merge holds one batch of every run in
# memory: a process has ~35 runs at 10k reports and ~140 at 100k, and a batch of 5,000 was
# ~1 MB (140 MB a process at 100k, half the tree's peak growth there); 2,000 costs no
# measurable build time.
RUN_BATCH = 2_000
LIMIT_MB = 48  # whoosh's estimate; the pool's real size is about twice that


class BatchedPool(PostingPool):
    """A `PostingPool` whose sorted runs are written and read in batches."""

    def _write_run(self, f, items):
        it = iter(items)
        while batch := list(islice(it, RUN_BATCH)):
            pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    batch = safepickle.load(f)  # run files hold plain tuples
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            with contextlib.suppress(OSError):  # cancelled: the temp dir is already gone
                self._remove_run(path)

    def add_posts(self, fieldname: str, items, docnum: int) -> None:
        """`add` for all the postings of one field of one document (the same size estimate)."""
        current = self.current
        size = n = 0
        for tbytes, _freq, weight, vbytes in items:
            current.append((fieldname, tbytes, docnum, weight, vbytes))
            size += 2 * len(tbytes) + len(vbytes or b"")
            n += 1
        self.fieldnames.add(fieldname)
        self.currentsize += size + n * (150 + len(fieldname))
        if self.currentsize > self.limit:
            self.save()


class _Lengths:
    """The per-document reader as `add_postings` uses it, once per posting: lengths of scored
    fields read once per field, and none looked up for the others."""

    def __init__(self, reader, schema, doc_count: int):
        self._reader = reader
        self._count = doc_count
        self._scored = {name for name, field in schema.items() if field.scorable}
        self._cache: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        if fieldname not in self._scored:
            return default
        if (lengths := self._cache.get(fieldname)) is None:
            length = self._reader.doc_field_length
            lengths = [length(d, fieldname, default) for d in range(self._count)]
            self._cache[fieldname] = lengths
        return lengths[docnum]


class FastWriter(SegmentWriter):
    """A `SegmentWriter` (locking unless `_lk=False`) with the changes above."""

    def __init__(self, ix: Index, limitmb: int = LIMIT_MB, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self._shared_temp = self._tempstorage.folder  # also holds the column writer's files
        self._tempstorage = self.storage.temp_storage(f"{self.indexname}.{random_name()}.tmp")
        self.pool = BatchedPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        self._extra: list = []
        self._plain: bool | None = None
        self._own = None  # this writer's segment, once `finish_segment` wrote it

    def cancel(self):
        """whoosh's cancel, and this writer's segment files removed (whoosh leaves them: six
        orphan files for every build that changed nothing)."""
        super().cancel()
        _remove_segment_files(self.storage.folder, {self.newsegment.segment_id()}, keep=False)

    def remove_leftovers(self) -> list[str]:
        """What killed or cancelled builds left in the index folder: temp folders other than
        this writer's, and segment files no TOC lists (except this writer's own). Call it
        holding the lock, before any helper process writes; returns the names removed."""
        mine = {os.path.basename(self._tempstorage.folder), os.path.basename(self._shared_temp)}
        keep = {s.segment_id() for s in self.segments} | {self.newsegment.segment_id()}
        return remove_leftovers(self.storage.folder, self.indexname, keep, mine)

    def _finish(self):
        super()._finish()
        # whoosh deletes the shared dir outright, under any other writer's column files;
        # removing it only when empty is enough: the last writer to finish does.
        with contextlib.suppress(OSError):
            os.rmdir(self._shared_temp)

    def add_document(self, **fields):
        """whoosh's `add_document` for schemas without vectors or spelling fields, and
        documents without boosts, with the postings of each field added at once."""
        if self._plain is None:
            self._plain = not any(f.vector or f.separate_spelling() for _, f in self.schema.items())
        if not self._plain or any(n.endswith("_boost") for n in fields):
            return super().add_document(**fields)
        self._check_state()
        schema, perdoc, pool, docnum = self.schema, self.perdocwriter, self.pool, self.docnum
        names = sorted(n for n in fields if not n.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                if (value := fields[name]) is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    items = field.index(value)
                    if field.scorable:
                        items = list(items)
                        length = sum(item[1] for item in items)
                    pool.add_posts(name, items, docnum)
                stored = fields.get(f"_stored_{name}", value)
                perdoc.add_field(name, field, stored if field.stored else None, length)
                if (column := field.column_type) and stored is not None:
                    perdoc.add_column_value(name, column, field.to_column_value(stored))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    @classmethod
    def unlocked(cls, ix: Index) -> FastWriter:
        """A writer for a helper process of a parallel build: it takes no lock (the caller's
        writer holds it) and only writes a segment, returned by `detach_segment`."""
        return cls(ix, _lk=False)

    def detach_segment(self):
        """Finishes this writer's segment and returns it (None when nothing was added) for
        another process's `add_segments`; the writer is closed."""
        segment = self._finalize_segment() if self._added else None
        if segment is None:
            self._close_segment()
        self._finish()
        return segment

    def add_segments(self, segments: list) -> None:
        """Finished segments (written by other processes) for `commit` to list after this one."""
        self._extra.extend(segments)

    def finish_segment(self) -> None:
        """Writes this writer's own segment now (while other processes still write theirs);
        deletions and `commit` may follow, but no more documents. Only into an empty index:
        otherwise the commit may merge small segments into this one, so it waits."""
        if self._added and self._own is None and not self.segments:
            self._own = self._finalize_segment()

    def commit(self, mergetype=None, optimize=None, merge=None):
        self._check_state()
        segments = self._merge_segments(mergetype, optimize, merge)
        if self._own is not None:
            segments.append(self._own)
        elif self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments + self._extra)  # the TOC last: the commit itself
        self._finish()

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader()
        lengths = _Lengths(pdr, self.schema, self.docnum)
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        pdr.close()


def remove_leftovers(
    folder: str, indexname: str, segments: set[str] | None, temp_dirs: set[str] = frozenset()
) -> list[str]:
    """Removes `<indexname>.<name>.tmp` folders (but `temp_dirs`) and the files of segments
    not in `segments` (segment ids; None: no segment file) from an index folder; returns the
    names removed."""
    removed = []
    temp = re.compile(rf"^{re.escape(indexname)}\.[0-9a-z]+\.tmp$")
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if temp.match(name) and name not in temp_dirs and os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(name)
    if segments is None:
        return removed
    return removed + _remove_segment_files(folder, segments, keep=True, indexname=indexname)


def _remove_segment_files(
    folder: str, segments: set[str], keep: bool, indexname: str = "MAIN"
) -> list[str]:
    """Removes the files of the segments not in `segments` (`keep`) or of those in it."""
    pattern = TOC._segment_pattern(indexname)
    removed = []
    for name in os.listdir(folder):
        m = pattern.match(name)
        if m and (m.group(1) in segments) != keep:
            with contextlib.suppress(OSError):
                os.remove(os.path.join(folder, name))
                removed.append(name)
    return removed


class WriterBusy(Exception):
    """Another process holds the index's write lock and did not release it in time."""


def open_writer(ix: Index, timeout: float) -> FastWriter:
    """The locking writer of `ix`, waiting up to `timeout` seconds for another writer."""
    try:
        return FastWriter(ix, timeout=timeout)
    except LockError:
        raise WriterBusy(
            f"index at {ix.storage.folder} is being written by another process "
            f"(waited {timeout:g}s); try again later"
        ) from None
