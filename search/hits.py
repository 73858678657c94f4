"""Every hit of a query, in the query's order, as flat rows: what `query --csv | --jsonl`
streams, and the short ids the results table shows.

Rows are read from the index's stored metadata and the numeric postings (`field_values`,
cached per searcher), never from the compressed report JSON, so exporting 20k hits costs a
stored-fields read per hit. Numbers are the indexed values of the spec keys and derived
figures; a null cell is None (an empty CSV cell), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np
from whoosh.searching import Searcher

from govsearch.indexer.fold import fold, place_key
from govsearch.indexer.models import Report
from govsearch.indexer.write.codec import load_report
from govsearch.indexer.write.schema import FOLDED_FIELDS, PLACE_FIELDS

from .corpus import INDEX_FIGURES
from .errors import BadQuery
from .query import Query, closest, figure_keys
from .results import sort_docs

if TYPE_CHECKING:
    from .index import Index

# Metadata columns a hit row can have, in this order; `format` is the stored `version`.
META_FIELDS: tuple[str, ...] = (
    "id", "short_id", "agency", "agency_key", "province", "city", "county", "region", "year",
    "published", "format", "source", "title", "score",
)  # fmt: skip
DEFAULT_FIELDS: tuple[str, ...] = (
    "id", "agency", "agency_key", "province", "city", "county", "year", "published", "format",
    "source", "score",
)  # fmt: skip
SHORT_ID = 8  # shortest id prefix shown, even when fewer characters would be unique


def hit_fields() -> tuple[str, ...]:
    """Every valid `--fields` key: metadata, then spec table keys and derived figures."""
    return (*META_FIELDS, *figure_keys())


def default_fields(query: Query) -> list[str]:
    """The default columns: metadata and score, then every `--where` and `--sort` key."""
    keys = [c.key for c in query.where] + [query.sort]
    return list(dict.fromkeys([*DEFAULT_FIELDS, *(k for k in keys if k not in DEFAULT_FIELDS)]))


def check_fields(fields: Iterable[str]) -> list[str]:
    """The fields, or `BadQuery` naming the valid keys closest to an unknown one."""
    fields = [f.strip() for f in fields if f.strip()]
    valid = hit_fields()
    for f in fields:
        if f not in valid:
            raise BadQuery(f"unknown field {f!r} in --fields; {closest(f, valid)}")
    if not fields:
        raise BadQuery("--fields is empty; " + closest("id", valid))
    return fields


def check_filters(s: Searcher, query: Query) -> Query:
    """The query, after checking that each name filter (agency, region, province, city,
    county, agency_key) names something in the index, in either script (places also in
    short form: 浙江 for 浙江省); `BadQuery` naming the closest values when one does not."""
    reader = s.reader()
    for name in FOLDED_FIELDS:
        value = getattr(query, name)
        if not value:
            continue
        places = name in PLACE_FIELDS
        field, term = (f"{name}_key", place_key(value)) if places else (name, fold(value))
        if reader.doc_frequency(field, term):
            continue
        names = [t.decode() for t in reader.lexicon(name)]
        raise BadQuery(f"no {name} {value!r} in the index; {closest(fold(value), names)}")
    return query


def hit_columns(query: Query, fields: Iterable[str] | None = None) -> list[str]:
    """The columns `iter_hits` gives: `fields` checked, else `default_fields(query)`."""
    return check_fields(fields) if fields is not None else default_fields(query)


def ranked(ix: Index, s: Searcher, q: Query) -> list[tuple[int, float | None]]:
    """(docnum, score) of every match, in the order `Index.search` pages through them."""
    text_q = q.text_query(s.schema)
    if not s.doc_count_all():  # an empty index (whoosh's idf would be log(0))
        return []
    q.check_expansion(text_q, s.reader())
    filter_q = q.filter_query()
    if text_q is None:  # filters only: index order, score 1.0 (whoosh's Every())
        scored: list[tuple[int, float | None]] = [(d, 1.0) for d in sorted(ix._docs(s, filter_q))]
    else:
        got = ix._scored(s, text_q, filter_q)
        if got is not None:
            docs, scores = got
            order = np.lexsort((docs, -scores))
            scored = [(int(docs[i]), float(scores[i])) for i in order]
        else:
            allow = ix._docs(s, filter_q)
            found = s.search(text_q, filter=allow, limit=None) if allow else []
            scored = [(h.docnum, h.score) for h in found]
    if q.sort == "score":
        return scored
    ordered = sort_docs(ix._values(s, q.sort), [d for d, _ in scored], q.desc)
    return [(d, None) for d in ordered]


def iter_hits(
    ix: Index, query: Query, fields: Iterable[str] | None = None, limit: int | None = None
) -> Iterator[dict]:
    """Every match of `query` from its `offset` (its `limit` ignored; `limit` here caps),
    one dict per report with `fields` (default `default_fields`) as keys."""
    fields = hit_columns(query, fields)
    s = ix._shared()
    docs = ranked(ix, s, query)[query.offset :]
    if limit is not None:
        docs = docs[:limit]
    numeric = set(figure_keys())
    values = {f: ix._values(s, f) for f in fields if f in numeric}
    shorts = (
        short_ids(ix, [s.stored_fields(d)["id"] for d, _ in docs]) if "short_id" in fields else {}
    )
    for d, score in docs:
        stored = s.stored_fields(d)
        row = {}
        for f in fields:
            if f in values:
                row[f] = values[f].get(d)
            elif f == "score":
                row[f] = None if score is None else round(score, 4)
            elif f == "format":
                row[f] = stored.get("version")
            elif f == "short_id":
                row[f] = shorts[stored["id"]]
            else:
                row[f] = stored.get(f)
        yield row


def _matches(ix: Index, s: Searcher, query: Query, limit: int | None) -> list[int]:
    """The docnums of the matches of `query` from its `offset`, at most `limit`."""
    docs = [d for d, _ in ranked(ix, s, query)[query.offset :]]
    return docs if limit is None else docs[:limit]


def iter_figured(
    ix: Index, query: Query, limit: int | None = None
) -> Iterator[tuple[Report, dict]]:
    """Each match's stored `Report` and its figures that need the whole index (`INDEX_FIGURES`:
    `quality` with its sixth part, copied items, boilerplate, cross-year failures): what
    `export` writes, so an export and a query say the same `quality`."""
    s = ix._shared()
    values = {k: ix._values(s, k) for k in INDEX_FIGURES}
    for d in _matches(ix, s, query, limit):
        report = load_report(s.stored_fields(d)["report_json"])
        yield report, {k: v.get(d) for k, v in values.items()}


def iter_reports(ix: Index, query: Query, limit: int | None = None) -> Iterator[Report]:
    """The stored `Report` of every match of `query`, in its order (what a filtered
    `govsearch export --format reports` writes)."""
    s = ix._shared()
    for d in _matches(ix, s, query, limit):
        yield load_report(s.stored_fields(d)["report_json"])


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def short_ids(ix: Index, ids: Iterable[str], minimum: int = SHORT_ID) -> dict[str, str]:
    """id → its shortest prefix (at least `minimum` characters) that no other report shares.

    Only the ids sharing its first `minimum` characters can make it longer: they are read
    from the term index (a seek), not the whole id lexicon (~0.5 s at 100k reports)."""
    reader = ix._shared().reader()
    out = {}
    for rid in ids:
        others = (t.decode() for t in reader.expand_prefix("id", rid[:minimum]))
        shared = max((_common(rid, o) for o in others if o != rid), default=0)
        out[rid] = rid[: max(minimum, shared + 1)]
    return out


__all__ = [
    "DEFAULT_FIELDS",
    "PLACE_FIELDS",
    "check_fields",
    "default_fields",
    "hit_columns",
    "hit_fields",
    "iter_hits",
    "short_ids",
]
