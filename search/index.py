"""`Index`: open, build and search a govsearch index (a whoosh index directory).

Warning: whoosh pickles its schema (and stored fields) into the index, so opening an index runs
code from it. Only open index directories you built or otherwise trust.

Searches share one whoosh searcher per `Index`, refreshed when the index changed on disk, and
a per-searcher cache of filter document sets and field values (facets, sorting), so repeated
filters cost a set intersection. Readers and the parser are imported only by `update`: a
query process never loads them.

Writes are the indexer's (`govsearch.indexer.write.build`): they take whoosh's write lock
(waiting up to `timeout` seconds, then `IndexBusy`), go through one writer and end with one
commit; a run that changes nothing cancels instead of committing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from whoosh import index as windex
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher

from govsearch.indexer.engine.postings import field_postings, field_values
from govsearch.indexer.engine.safepickle import UnsafePickle
from govsearch.indexer.engine.swap import index_exists
from govsearch.indexer.models import Report
from govsearch.indexer.write.codec import load_report
from govsearch.indexer.write.schema import REPORT_KIND, build_schema, fingerprint

from .cache import LRU
from .columns import Column
from .corpus import ALL_REPORTS, CORPUS_KEYS, corpus_docs, corpus_values, q_field
from .defaults import DEFAULT_TIMEOUT
from .errors import IndexBusy, IndexNotFound, IndexVersionError, ReportNotFound, UnsafeIndex
from .query import Query, figure_keys
from .results import (
    Results,
    Stats,
    facet_counts,
    make_hit,
    query_words,
    report_row,
    sort_docs,
    top_facets,
)

if TYPE_CHECKING:  # the writing side loads only in a process that writes
    from govsearch.indexer.write.build import BuildSummary

META_FILE = "govsearch.json"
Progress = Callable[[int, int], None]
TERM_CACHE_BYTES = 256 << 20  # term postings, positions and phrases per searcher (an LRU)
FILTER_CACHE = 512  # filter document sets kept per searcher (a set of 20k ints is ~1 MB)


def default_index_path() -> Path:
    """$GOVSEARCH_INDEX, else the per-user data dir."""
    if env := os.environ.get("GOVSEARCH_INDEX"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("govsearch")) / "index"


@contextmanager
def refusing_unsafe():
    """An index pickle that would run code (refused by the engine) as `UnsafeIndex`."""
    try:
        yield
    except UnsafePickle as e:
        raise UnsafeIndex(str(e)) from None


def _index_dir(path: str | Path | None) -> Path:
    path = Path(path) if path else default_index_path()
    if path.exists() and not path.is_dir():
        raise IndexNotFound(f"{path} is a file, not an index directory")
    return path


def _rebuild_hint(path: Path) -> str:
    return f"rebuild it with: govsearch index --rebuild PATH... --index {path}"


class Index:
    """A govsearch index. Use `Index.open`, `Index.create` or `Index.open_or_create`."""

    def __init__(self, whoosh_index: windex.Index, path: Path):
        self._ix = whoosh_index
        self.path = path
        self._searcher: Searcher | None = None
        self._cache: dict = {}
        self._terms = LRU(TERM_CACHE_BYTES)

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None) -> Index:
        path = _index_dir(path)
        if not index_exists(path):
            raise IndexNotFound(
                f"no index at {path}; build one with: govsearch index PATH... --index {path}"
            )
        expected = fingerprint(build_schema())
        try:
            meta = json.loads((path / META_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            meta = {}
        if meta.get("fingerprint") != expected:
            raise IndexVersionError(
                f"index at {path} was built by another govsearch version "
                f"(schema {meta.get('fingerprint')}, this version needs {expected}); {_rebuild_hint(path)}"
            )
        # No mmap: whoosh would copy every memory-mapped sub-file of a segment into memory.
        with refusing_unsafe():
            return cls(FileStorage(str(path), supports_mmap=False).open_index(), path)

    @classmethod
    def create(cls, path: str | Path | None = None) -> Index:
        """A new empty index at `path`, replacing any index already there (at once: to replace
        a live index readers use, `Index.build(..., rebuild=True)`)."""
        from govsearch.indexer.write.rebuild import owner_only

        path = _index_dir(path)
        with owner_only():
            path.mkdir(parents=True, exist_ok=True)
            schema = build_schema()
            tmp = path / f".{META_FILE}.{os.getpid()}"
            tmp.write_text(json.dumps({"fingerprint": fingerprint(schema)}), "utf-8")
            os.replace(tmp, path / META_FILE)
            return cls(windex.create_in(str(path), schema), path)

    @classmethod
    def build(
        cls,
        paths: Iterable[str | Path],
        path: str | Path | None = None,
        *,
        rebuild: bool = False,
        prune: bool = False,
        workers: int | None = None,
        on_progress: Progress | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> BuildSummary:
        """What `govsearch index` does. An index at `path` is updated in place (`update`).
        With `rebuild`, or when there is no index yet, the reports are built into a new
        directory that becomes the index in one step once built (`write.rebuild`): readers
        see the old index until then, a build killed before leaves it untouched, and a run
        that added no report creates (or replaces) nothing."""
        from govsearch.indexer.write.rebuild import staged_build

        path = _index_dir(path)
        if rebuild or not index_exists(path):
            with cls._busy():
                return staged_build(
                    paths, path, lambda p: cls.create(p).whoosh_index, workers=workers,
                    on_progress=on_progress, timeout=timeout,
                )  # fmt: skip
        with cls.open(path) as ix:
            return ix.update(
                paths, prune=prune, workers=workers, on_progress=on_progress, timeout=timeout
            )

    @classmethod
    def open_or_create(cls, path: str | Path | None = None) -> Index:
        path = _index_dir(path)
        return cls.open(path) if index_exists(path) else cls.create(path)

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def whoosh_index(self) -> windex.Index:
        return self._ix

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        with self._ix.searcher() as s:
            yield s

    def _shared(self) -> Searcher:
        """The searcher all reads share, reopened (and its caches dropped) after a commit."""
        s = self._searcher
        if s is None or not s.up_to_date():
            # Not `s.refresh()`: whoosh reuses the reader of an unchanged segment then, with
            # the deletions it had before, so removed reports would still match.
            if s is not None:
                s.close()
            self._searcher = self._ix.searcher()
            self._cache = {}
            self._terms = LRU(TERM_CACHE_BYTES)
        return self._searcher

    def _values(self, s: Searcher, field: str) -> dict[int, object]:
        """docnum → the figure `field` of each document that has one: as indexed, or, for
        the figures that need the whole index (`corpus.CORPUS_KEYS`), computed from it."""
        if field not in CORPUS_KEYS:
            return self._indexed(s, field)
        if ("corpus",) not in self._cache:
            self._cache[("corpus",)] = corpus_values(self, s)
        return self._cache[("corpus",)][field]

    def _indexed(self, s: Searcher, field: str) -> dict[int, object]:
        """docnum → the indexed value of `field`, read from the postings once per searcher."""
        key = ("values", field)
        if key not in self._cache:
            self._cache[key] = field_values(s.reader(), field)
        return self._cache[key]

    def _column(self, s: Searcher, field: str) -> Column:
        key = ("column", field)
        if key not in self._cache:
            size = s.doc_count_all()
            if field in CORPUS_KEYS:  # computed figures: only a dict exists
                self._cache[key] = Column(self._values(s, field), size)
            else:  # straight from the postings: no docnum → value dict for a facet
                self._cache[key] = Column.from_postings(field_postings(s.reader(), field), size)
        return self._cache[key]

    def _docs(self, s: Searcher, q: wq.Query) -> set[int]:
        """The documents matching a filter query; an And is the intersection of its parts,
        each cached, so `kind:report AND year AND where` reuses the sets of earlier queries.
        Plain sets (whoosh takes no frozenset as a filter): callers never modify them."""
        if isinstance(q, wq.And):
            parts = sorted((self._docs(s, p) for p in q.subqueries), key=len)
            return parts[0].intersection(*parts[1:]) if parts else set()
        if q_field(q) in CORPUS_KEYS:  # not in the index: computed (`corpus.py`)
            return corpus_docs(q, self._values(s, q_field(q)), self._docs(s, ALL_REPORTS))
        key = ("docs", repr(q))
        found = self._cache.get(key)
        if found is None:
            if sum(k[0] == "docs" for k in self._cache) >= FILTER_CACHE:
                self._cache = {k: v for k, v in self._cache.items() if k[0] != "docs"}
            from govsearch.indexer.engine.matching import filter_docs

            fast = filter_docs(s, q)
            found = set(s.docs_for_query(q) if fast is None else fast.tolist())
            self._cache[key] = found
        return found

    # --- writing (the indexer's build) -------------------------------------------------------

    @staticmethod
    @contextmanager
    def _busy():
        from govsearch.indexer.engine.writer import WriterBusy
        from govsearch.indexer.write.rebuild import owner_only

        try:
            with owner_only():
                yield
        except WriterBusy as e:
            raise IndexBusy(str(e)) from None

    def add(self, reports: Iterable[Report], *, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Adds (or replaces, by id) reports; returns how many."""
        with self._busy():
            from govsearch.indexer.write.build import build_index

            summary = build_index(list(reports), self._ix, timeout=timeout)
        return summary.added + summary.updated

    def remove(self, ids: Iterable[str], *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Removes reports and their units."""
        with self._busy():
            from govsearch.indexer.write.build import remove_reports

            remove_reports(ids, self._ix, timeout=timeout)

    def update(
        self,
        paths: Iterable[str | Path],
        *,
        prune: bool = False,
        workers: int | None = None,
        on_progress: Progress | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> BuildSummary:
        """Incremental build from files (`build_index`): unchanged content is skipped, changed
        replaced, and with `prune` reports whose files are gone are removed. One commit."""
        from govsearch.indexer.write.build import build_index

        with self._busy():
            return build_index(
                paths, self._ix, prune=prune, workers=workers, on_progress=on_progress,
                timeout=timeout,
            )  # fmt: skip

    # --- reading ---------------------------------------------------------------------------

    @refusing_unsafe()
    def search(self, query: Query | str | None = None, /, **kw: object) -> Results:
        """Search with a `Query`, or with its fields as keywords: `search("政策解读", year=2021)`."""
        q = query if isinstance(query, Query) else Query.build(text=query or "", **kw)
        s = self._shared()
        text_q = q.text_query(s.schema)
        if not s.doc_count_all():  # whoosh's idf is log(0) on an empty index
            return Results(total=0, facets={f: {} for f in q.facets})
        q.check_expansion(text_q, s.reader())
        allow = self._docs(s, q.filter_query())
        scored = self._scored(s, text_q, q.filter_query()) if text_q is not None else None
        matched: list[int] | None = None
        end = None if q.limit is None else q.offset + q.limit  # the page's end; None: every hit
        if scored is not None:  # numpy path (engine/matching.py): scores equal whoosh's
            docs, scores = scored
            matched = docs.tolist()
            total = len(matched)
            if q.sort == "score":
                top = np.lexsort((docs, -scores))[:end][q.offset :]
                page = [(int(docs[i]), float(scores[i])) for i in top]
        elif text_q is not None and (q.sort != "score" or q.facets):
            matched = [d for d in s.docs_for_query(text_q) if d in allow]
        elif text_q is None:
            matched = sorted(allow)
        if scored is not None and q.sort == "score":
            pass
        elif q.sort == "score" and text_q is not None and allow:  # whoosh: an empty filter = none
            r = s.search(
                text_q, filter=allow, limit=None if end is None else max(end, q.offset + 1)
            )
            total = len(matched) if matched is not None else len(r)
            page = [(hit.docnum, hit.score) for hit in r[q.offset :]]
        elif q.sort == "score":  # filters only: index order, as whoosh's Every() scores them
            matched = matched or []
            total = len(matched)
            page = [(d, 1.0) for d in matched[q.offset : end]]
        else:
            total = len(matched)
            ordered = sort_docs(self._values(s, q.sort), matched, q.desc)
            page = [(d, None) for d in ordered[q.offset : end]]
        if q.facets:
            found = docs if scored is not None else np.array(matched or [], dtype=np.int64)
            facets = {f: self._column(s, f).counts(found) for f in q.facets}
        else:
            facets = {}
        facets, more = top_facets(facets, q.facet_limit)
        words = query_words(text_q)
        keys = tuple(dict.fromkeys([c.key for c in q.where] + [q.sort]))
        figures = {k: self._values(s, k) for k in keys if k in figure_keys()}
        page = page[: q.limit]  # whoosh's page holds at least one hit
        hits = [
            make_hit(
                s.stored_fields(d), sc, words, q.section, {k: v.get(d) for k, v in figures.items()}
            )
            for d, sc in page
        ]
        return Results(total=total, hits=hits, facets=facets, facets_more=more)

    def _scored(self, s: Searcher, text_q: wq.Query, filter_q: wq.Query):
        """(docnums, scores) of the text within the filter via numpy, or None (whoosh's turn)."""
        from govsearch.indexer.engine.matching import evaluate

        got = evaluate(s, self._terms, text_q)
        if got is None:
            return None
        key = ("mask", repr(filter_q))
        if key not in self._cache:
            mask = np.zeros(s.doc_count_all(), dtype=bool)
            mask[list(self._docs(s, filter_q))] = True
            self._cache[key] = mask
        keep = self._cache[key][got[0]]
        return got[0][keep], got[1][keep]

    @refusing_unsafe()
    def explain(self, query: Query) -> str:
        """The whoosh query that `search` would run (for `--show-query`)."""
        return repr(query.to_whoosh(self._ix.schema))

    @refusing_unsafe()
    def get(self, report_id: str) -> Report:
        """The stored report with this id, or with this unique id prefix."""
        with self.searcher() as s:
            return load_report(s.stored_fields(self._report_doc(s, report_id))["report_json"])

    def _report_doc(self, s: Searcher, report_id: str) -> int:
        """The docnum of the report with this id or unique id prefix; `ReportNotFound` else."""
        ids = list(s.reader().expand_prefix("id", report_id)) if report_id else []
        matches = [d for i in ids for d in s.document_numbers(id=i.decode(), kind=REPORT_KIND)]
        if len(matches) != 1:
            what = "no report" if not matches else f"{len(matches)} reports"
            raise ReportNotFound(f"{what} with id {report_id!r} in {self.path}")
        return matches[0]

    def reports(self) -> Iterator[Report]:
        """Every stored report, in index order."""
        with refusing_unsafe(), self.searcher() as s:
            for d in s.docs_for_query(wq.Term("kind", REPORT_KIND)):
                yield load_report(s.stored_fields(d)["report_json"])

    def rows(self) -> Iterator[dict]:
        """Every report as a flat row (`export_columns()`): what `govsearch export` writes."""
        from .hits import iter_figured

        return (report_row(r, f) for r, f in iter_figured(self, Query(limit=None)))

    @refusing_unsafe()
    def stats(self) -> Stats:
        with self.searcher() as s:
            reports = list(s.docs_for_query(wq.Term("kind", REPORT_KIND)))
            units = s.doc_count() - len(reports)
            years = facet_counts(field_values(s.reader(), "year"), reports)
            versions = facet_counts(field_values(s.reader(), "version"), reports)
        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        return Stats(
            path=str(self.path),
            reports=len(reports),
            units=units,
            years=dict(sorted(years.items())),
            versions=versions,
            size_bytes=size,
            schema_fingerprint=fingerprint(self._ix.schema),
        )

    # --- similar measures (search/similar.py) ------------------------------------------------

    @refusing_unsafe()
    def similar(self, text=None, **kw):
        from .similar import similar

        return similar(self._shared(), text, **kw)  # the shared searcher: no reader opening

    @refusing_unsafe()
    def common_measures(self, **kw):
        from .similar import common_measures

        return common_measures(self._shared(), **kw)

    # --- results that lead somewhere (search/hits.py, aggregate.py, trend.py) ----------------

    @refusing_unsafe()
    def iter_hits(self, query: Query | str | None = None, /, *, fields=None, limit=None, **kw):
        """Every hit of the query (not capped by `query.limit`; `limit` caps), as flat dicts
        with `fields` as keys (default: id, agency, places, year, ..., score, and every
        `where`/`sort` key). A generator: stream it."""
        from .hits import iter_hits

        q = query if isinstance(query, Query) else Query.build(text=query or "", **kw)
        return iter_hits(self, q, fields, limit)

    @refusing_unsafe()
    def iter_reports(self, query: Query | str | None = None, /, *, limit=None, **kw):
        """The stored `Report` of every hit of the query, in its order (a generator)."""
        from .hits import iter_reports

        q = query if isinstance(query, Query) else Query.build(text=query or "", **kw)
        return iter_reports(self, q, limit)

    @refusing_unsafe()
    def iter_figured(self, query: Query | str | None = None, /, *, limit=None, **kw):
        """(Report, its whole-index figures) of every hit of the query, in its order."""
        from .hits import iter_figured

        q = query if isinstance(query, Query) else Query.build(text=query or "", **kw)
        return iter_figured(self, q, limit)

    @refusing_unsafe()
    def to_sqlite(self, path: str | Path, query: Query | str | None = None, /, **kw):
        """The reports (all, or the query's hits) as a SQLite database (`search/sqlite.py`):
        tables `reports`, `measures`, `consistency`, full-text search; a `SqliteSummary`."""
        from .sqlite import write_sqlite

        limit = kw.pop("limit", None)
        return write_sqlite(self.iter_figured(query, limit=limit, **kw), path)

    @refusing_unsafe()
    def check_filters(self, query: Query) -> None:
        """`BadQuery` naming the closest values when an agency, region or place filter of
        `query` names nothing in the index (searches themselves just match nothing): for a
        CLI's one line."""
        from .hits import check_filters

        check_filters(self._shared(), query)

    @refusing_unsafe()
    def short_ids(self, ids: Iterable[str]) -> dict[str, str]:
        """id → the shortest prefix (≥ 8 characters) unique in this index."""
        from .hits import short_ids

        return short_ids(self, ids)

    @refusing_unsafe()
    def aggregate(self, query: Query | str | None = None, /, *, by=(), sum=(), mean=(),  # noqa: A002
                  count: bool = True, rank: str | None = None, min_n: int = 0, **kw):  # fmt: skip
        """Counts, sums and (pooled) means of the matching reports, grouped `by` facet fields."""
        from .aggregate import aggregate

        q = query if isinstance(query, Query) else Query.build(text=query or "", **kw)
        return aggregate(self, q, by=by, sum=sum, mean=mean, count=count, rank=rank, min_n=min_n)

    @refusing_unsafe()
    def trend(self, who: str, fields: list[str] | None = None):
        """One agency's figures year by year (`who`: agency_key, agency name or report id)."""
        from .trend import trend

        return trend(self, who, fields)

    @refusing_unsafe()
    def quality(self, report_id: str):
        """The report's six-part quality score: its own five parts and how specific its items
        are against the rest of the index (`search/corpus.py`)."""
        from govsearch.indexer.quality import score_report

        s = self._shared()
        d = self._report_doc(s, report_id)
        report = load_report(s.stored_fields(d)["report_json"])
        return score_report(report, self._values(s, "boilerplate_share").get(d))

    @refusing_unsafe()
    def cross_year(self, report_id: str):
        """The report checked against its agency's previous year (`search/crossyear.py`)."""
        from .crossyear import check_report

        return check_report(self, report_id)

    @refusing_unsafe()
    def cross_year_summary(self, query: Query | str | None = None, /, **kw):
        """Cross-year checks of every matching report, counted per rule and status."""
        from .crossyear import check_all

        q = query if isinstance(query, Query) else Query.build(text=query or "", **kw)
        return check_all(self, q)

    @refusing_unsafe()
    def region_trend(self, region: str, fields: list[str] | None = None, year=None):
        """One line per agency of a province, city or county, each field's values by year
        (`year`: 2021 or a range, "2019..2023")."""
        from .trend import region_trend

        return region_trend(self, region, fields, year)
