"""Aggregates over the reports a query matches: `Index.aggregate(query, by=[...], sum=[...],
mean=[...], count=True)`, what `govsearch stats --by` prints.

- Groups are the values of facet fields (`year`, `province`, `agency_key`, ...); reports
  without a value form the group `None`, shown, never dropped.
- Nulls are excluded from sums and means and counted: `KEY_n` is the number of reports in the
  group with a value, so a sum over 40 of 300 reports says so.
- Rates (`disclosure_rate`, `denial_rate`, `review_correction_rate`) are pooled, not means of
  ratios: Σ numerators / Σ denominators over the reports whose rate is defined (the report's
  own rate is not null), with `KEY_denominator` the pooled denominator.
- `rank=KEY` orders groups by that mean (or sum), highest first, keeping only groups where the
  denominator (for a rate) or the number of reports with a value (otherwise) is ≥ `min_n`.

Values come from the numeric postings (`field_values`, cached per searcher): no report is
decompressed, so 20k reports by province × year take well under a second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from govsearch.indexer.parse.templates import APPLICATION

from .errors import BadQuery
from .hits import ranked
from .query import FACETS, Query, closest, figure_keys

if TYPE_CHECKING:
    from .index import Index

_DENY = tuple(
    k for row in APPLICATION["v2_2021"] for k in row.fields
    if k.startswith("app_deny_") and k.endswith("__total")
)  # fmt: skip

# rate → (numerator keys, denominator key), as `Report.derived()` defines them.
RATES: dict[str, tuple[tuple[str, ...], str]] = {
    "disclosure_rate": (("app_granted__total", "app_partial__total"), "app_results_total__total"),
    "denial_rate": (_DENY, "app_results_total__total"),
    "review_correction_rate": (("rl_review_corrected",), "rl_review_total"),
}


class Aggregate(BaseModel):
    """One row per group; `columns` in display order (the CSV header)."""

    total: int = Field(description="reports the query matched")
    columns: list[str]
    rows: list[dict[str, str | int | float | None]]


def _check(keys: Iterable[str], what: str, valid: tuple[str, ...]) -> list[str]:
    keys = list(dict.fromkeys(keys))
    for k in keys:
        if k not in valid:
            raise BadQuery(f"unknown {what} {k!r}; {closest(k, valid)}")
    return keys


def _group_order(row: dict, by: list[str]) -> tuple:
    return tuple((row[b] is None, str(row[b]) if row[b] is not None else "") for b in by)


def aggregate(
    ix: Index,
    query: Query | None = None,
    *,
    by: Iterable[str] = (),
    sum: Iterable[str] = (),  # noqa: A002 - the CLI's word
    mean: Iterable[str] = (),
    count: bool = True,
    rank: str | None = None,
    min_n: int = 0,
) -> Aggregate:
    query = query or Query()
    by = _check(by, "--by field", FACETS)
    sums = _check(sum, "--sum field", figure_keys())
    means = _check(mean, "--mean field", figure_keys())
    for k in sums:
        if k in RATES:
            raise BadQuery(f"{k} is a rate: use --mean {k} (pooled), not --sum")
    if rank is not None:
        _check([rank], "--rank field", figure_keys())
        if rank not in sums and rank not in means:
            means.append(rank)
    s = ix._shared()
    if query.text.strip():
        docs = [d for d, _ in ranked(ix, s, query)]
    else:
        docs = sorted(ix._docs(s, query.filter_query()))
    group_values = [ix._values(s, b) for b in by]
    needed = set(sums) | {m for m in means if m not in RATES}
    for m in means:
        if m in RATES:
            needed |= {m, RATES[m][1], *RATES[m][0]}
    values = {k: ix._values(s, k) for k in needed}

    groups: dict[tuple, list[int]] = defaultdict(list)
    for d in docs:
        groups[tuple(g.get(d) for g in group_values)].append(d)

    rows = []
    for key, members in groups.items():
        row: dict = dict(zip(by, key, strict=True))
        if count:
            row["count"] = len(members)
        for k in sums:
            got = [values[k][d] for d in members if d in values[k]]
            row[f"{k}_sum"], row[f"{k}_n"] = (_tidy(_total(got)) if got else None), len(got)
        for k in means:
            if k in RATES:
                nums, den = RATES[k]
                defined = [d for d in members if d in values[k]]
                num_sum = _total(values[n][d] for d in defined for n in nums)
                den_sum = _total(values[den][d] for d in defined)
                row[f"{k}_mean"] = round(num_sum / den_sum, 4) if den_sum else None
                row[f"{k}_n"], row[f"{k}_denominator"] = len(defined), _tidy(den_sum)
            else:
                got = [values[k][d] for d in members if d in values[k]]
                row[f"{k}_mean"] = round(_total(got) / len(got), 4) if got else None
                row[f"{k}_n"] = len(got)
        rows.append(row)

    if rank is None:
        rows.sort(key=lambda r: _group_order(r, by))
    else:
        col = f"{rank}_mean" if rank in means else f"{rank}_sum"
        floor = f"{rank}_denominator" if rank in RATES and rank in means else f"{rank}_n"
        rows = [r for r in rows if r[col] is not None and (r[floor] or 0) >= min_n]
        rows.sort(key=lambda r: (-r[col], _group_order(r, by)))
        for i, r in enumerate(rows, 1):
            r["rank"] = i
    columns = ([] if rank is None else ["rank"]) + by + (["count"] if count else [])
    for k in sums:
        columns += [f"{k}_sum", f"{k}_n"]
    for k in means:
        columns += [f"{k}_mean", f"{k}_n"] + ([f"{k}_denominator"] if k in RATES else [])
    columns = list(dict.fromkeys(columns))
    return Aggregate(
        total=len(docs), columns=columns, rows=[{c: r.get(c) for c in columns} for r in rows]
    )


def _total(values: Iterable[float | int]) -> float | int:
    return sum(values, 0)


def _tidy(v: float | int) -> float | int:
    """Sums of decimal columns (万元) without float noise."""
    return round(v, 4) if isinstance(v, float) else v
