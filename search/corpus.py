"""Figures of a report that need the whole index, computed once per searcher.

- `boilerplate_share`: the share of the report's problems and measures that are
  boilerplate, text (up to digits and punctuation: `fold.item_key`) found in the reports of
  at least `BOILERPLATE_AGENCIES` different agencies; null for a report without items.
- `copied_items`: how many of its problems and measures repeat, word for word, an item of
  the same agency's report of the year before (cross-year check X3); null when there is no
  such report or either has no items.
- `crossyear_failures`: the failures of the cross-year checks X1–X3 (`crossyear.py`); null
  when the agency has no report of the year before.
- `quality`: the six-part score (`indexer/quality.py`): the five parts stored with the
  report and `specific` from `boilerplate_share`; `quality_band` its tens (a facet).

They are read wherever the index reads a figure (`Index._values`), so `--where`, `--sort`,
`--fields`, facets and `stats` take them like any spec key. Adding or removing a report
changes them for other reports; they are never stored, so they are never stale.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np
from whoosh import query as wq

from govsearch.indexer.quality import specific_part, with_specific
from govsearch.indexer.write.schema import REPORT_KIND

from .units import owners, report_docnums

if TYPE_CHECKING:
    from whoosh.searching import Searcher

    from .index import Index

BOILERPLATE_AGENCIES = 5
# Figures computed here; `quality` replaces the stored five-part score of the same name.
CORPUS_FIGURES: dict[str, type] = {
    "boilerplate_share": float,
    "copied_items": int,
    "crossyear_failures": int,
}
CORPUS_KEYS: tuple[str, ...] = (*CORPUS_FIGURES, "quality", "quality_band")
INDEX_FIGURES: tuple[str, ...] = (*CORPUS_FIGURES, "quality")  # the numbers among them
ALL_REPORTS = wq.Term("kind", REPORT_KIND)


def quality_band(score: float) -> str:
    """The facet value of a score: 0–9, 10–19, …, 90–100."""
    low = min(int(score // 10) * 10, 90)
    return f"{low}–{low + 9 if low < 90 else 100}"


def band_conditions(band: str) -> list[str]:
    """The `--where` conditions of a `quality_band` value: 80–89 → quality>=80, quality<90."""
    low = int(band.split("–")[0])
    return [f"quality>={low}"] + ([f"quality<{low + 10}"] if low < 90 else [])


def report_items(ix: Index, s: Searcher) -> dict[int, list[str]]:
    """Report docnum → the `item_key`s of its problems and measures (cached per searcher).

    A unit belongs to the nearest report document before it (`units.py`)."""
    if ("items",) in ix._cache:
        return ix._cache[("items",)]
    reports = report_docnums(s)
    units = ix._indexed(s, "unit_key")
    items: dict[int, list[str]] = defaultdict(list)
    if len(reports) and units:
        docs = np.fromiter(units, dtype=np.int64, count=len(units))
        for owner, key in zip(owners(reports, docs).tolist(), units.values(), strict=True):
            items[owner].append(key)
    ix._cache[("items",)] = items
    return items


def boilerplate(ix: Index, s: Searcher, items: dict[int, list[str]]) -> set[str]:
    """The item keys found in reports of at least `BOILERPLATE_AGENCIES` agencies (a report
    without an agency_key counts as its own agency)."""
    agencies = ix._indexed(s, "agency_key")
    seen: dict[str, set] = defaultdict(set)
    for d, keys in items.items():
        for key in keys:
            seen[key].add(agencies.get(d, d))
    return {key for key, who in seen.items() if len(who) >= BOILERPLATE_AGENCIES}


def corpus_values(ix: Index, s: Searcher) -> dict[str, dict[int, object]]:
    """Figure → report docnum → value, for every key of `CORPUS_KEYS` (nulls left out)."""
    from .crossyear import check_values

    items = report_items(ix, s)
    common = boilerplate(ix, s, items)
    share = {d: sum(k in common for k in keys) / len(keys) for d, keys in items.items() if keys}
    checks = check_values(ix, s, items)
    out: dict[str, dict[int, object]] = {
        "boilerplate_share": {d: round(v, 4) for d, v in share.items()},
        "copied_items": {d: c.copied for d, c in checks.items() if c.copied is not None},
        "crossyear_failures": {d: c.failures for d, c in checks.items() if c.failures is not None},
    }
    versions = ix._indexed(s, "version")
    quality = {}
    for d, score in ix._indexed(s, "quality").items():
        quality[d] = with_specific(score, versions.get(d), specific_part(share.get(d)))
    out["quality"] = quality
    out["quality_band"] = {d: quality_band(q) for d, q in quality.items()}
    return out


# --- `--where` on these figures: the conditions' whoosh queries, answered from the values ----


def q_field(q: wq.Query) -> str | None:
    """The field a `Condition.to_whoosh` part tests (a range, `Every`, or `Not` of one)."""
    if isinstance(q, wq.Not):
        return q_field(q.query)
    return q.fieldname if isinstance(q, wq.NumericRange | wq.Every) else None


def corpus_docs(q: wq.Query, values: dict[int, object], reports: set[int]) -> set[int]:
    """The report docnums whose computed `values` match `q`, as whoosh would match them if
    they were indexed: a null matches no range, `Not` is the rest of the `reports`."""
    if isinstance(q, wq.Not):
        return reports - corpus_docs(q.query, values, reports)
    if isinstance(q, wq.Every):
        return set(values)
    lo, hi = q.start, q.end
    return {
        d for d, v in values.items()
        if (lo is None or v > lo or (v == lo and not q.startexcl))
        and (hi is None or v < hi or (v == hi and not q.endexcl))
    }  # fmt: skip
