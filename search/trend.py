"""Year over year for one agency: `Index.trend(who, fields=[...])`, what `govsearch trend`
prints.

`who` is an `agency_key`, an agency name (when one agency carries it) or a report id (or
unique prefix). The result has one row per year from the first report to the last; a year
without a report is a row with `missing=True` and no values, never zeros. `change` is the
difference with the previous year's value, None when either is missing. Two reports of one
year (a re-publication): the later published is used and the others are listed in `also`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from whoosh import query as wq

from govsearch.indexer.write.schema import REPORT_KIND, numeric_keys

from .errors import BadQuery
from .query import closest

if TYPE_CHECKING:
    from .index import Index

DEFAULT_FIELDS = ("app_new__total", "app_results_total__total", "disclosure_rate")


class TrendRow(BaseModel):
    year: int
    missing: bool = False
    report_id: str | None = None
    published: str | None = None
    values: dict[str, float | int | None] = Field(default_factory=dict)
    change: dict[str, float | int | None] = Field(default_factory=dict)
    also: list[str] = Field(default_factory=list, description="other reports of that year")


class Trend(BaseModel):
    agency: str | None
    agency_key: str | None
    fields: list[str]
    reports: int
    rows: list[TrendRow]


def _lexicon(s, field: str) -> list[str]:
    return [t.decode() for t in s.reader().lexicon(field)]


def _resolve(ix: Index, s, who: str) -> tuple[str, str]:
    """(field, value) selecting the agency's reports: agency_key, or agency when keyless."""
    reader = s.reader()
    if who and reader.doc_frequency("agency_key", who):
        return "agency_key", who
    if who and reader.doc_frequency("agency", who):
        docs = ix._docs(s, wq.And([wq.Term("kind", REPORT_KIND), wq.Term("agency", who)]))
        keys = ix._values(s, "agency_key")
        found = sorted({keys[d] for d in docs if d in keys})
        if len(found) > 1:
            raise BadQuery(
                f"{len(found)} agencies are named {who!r}; give one agency_key: " + ", ".join(found)
            )
        return ("agency_key", found[0]) if found else ("agency", who)
    ids = list(reader.expand_prefix("id", who)) if len(who) >= 4 else []
    if len(ids) == 1:
        d = next(iter(s.document_numbers(id=ids[0].decode(), kind=REPORT_KIND)))
        stored = s.stored_fields(d)
        if stored.get("agency_key"):
            return "agency_key", stored["agency_key"]
        if stored.get("agency"):
            return "agency", stored["agency"]
        raise BadQuery(f"report {who!r} names no agency: no trend to draw")
    names = _lexicon(s, "agency") + _lexicon(s, "agency_key")
    raise BadQuery(f"no agency, agency_key or report id {who!r}; {closest(who, names)}")


def trend(ix: Index, who: str, fields: list[str] | None = None) -> Trend:
    fields = list(dict.fromkeys(fields or DEFAULT_FIELDS))
    for f in fields:
        if f not in numeric_keys():
            raise BadQuery(f"unknown field {f!r} in --field; {closest(f, numeric_keys())}")
    s = ix._shared()
    field, value = _resolve(ix, s, who)
    docs = ix._docs(s, wq.And([wq.Term("kind", REPORT_KIND), wq.Term(field, value)]))
    values = {f: ix._values(s, f) for f in fields}
    by_year: dict[int, list[tuple[str, str, int]]] = {}
    agency = None
    for d in docs:
        stored = s.stored_fields(d)
        agency = agency or stored.get("agency")
        if stored.get("year") is not None:
            by_year.setdefault(stored["year"], []).append(
                (stored.get("published") or "", stored["id"], d)
            )
    rows: list[TrendRow] = []
    if by_year:
        for year in range(min(by_year), max(by_year) + 1):
            if year not in by_year:
                rows.append(TrendRow(year=year, missing=True))
                continue
            chosen, *others = sorted(by_year[year], reverse=True)
            d = chosen[2]
            rows.append(
                TrendRow(
                    year=year,
                    report_id=chosen[1],
                    published=chosen[0] or None,
                    values={f: values[f].get(d) for f in fields},
                    also=sorted(o[1] for o in others),
                )
            )
    for prev, row in zip(rows, rows[1:], strict=False):
        row.change = {
            f: _change(prev.values.get(f), row.values.get(f)) for f in fields if not row.missing
        }
    return Trend(
        agency=agency,
        agency_key=value if field == "agency_key" else None,
        fields=fields,
        reports=len(docs),
        rows=rows,
    )


def _change(before: float | int | None, now: float | int | None) -> float | int | None:
    if before is None or now is None:
        return None
    diff = now - before
    return round(diff, 4) if isinstance(diff, float) else diff
