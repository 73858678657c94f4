"""Year over year for one agency: `Index.trend(who, fields=[...])`, what `govsearch trend`
prints.

`who` is an `agency_key`, an agency name (when one agency carries it) or a report id (or
unique prefix). The result has one row per year from the first report to the last; a year
without a report is a row with `missing=True` and no values, never zeros. `change` is the
difference with the previous year's value, None when either is missing. Two reports of one
year (a re-publication): the later published is used and the others are listed in `also`.
Each row carries that year's improvement measures.

`region_trend(region)` gives one line per agency of a province, city or county instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from whoosh import query as wq

from govsearch.indexer.fold import fold, place_key
from govsearch.indexer.write.codec import load_report
from govsearch.indexer.write.schema import PLACE_FIELDS, REPORT_KIND

from .errors import BadQuery
from .query import closest, figure_keys

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
    measures: list[str] = Field(default_factory=list, description="its improvement measures")
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
    """(field, folded value) selecting the agency's reports: agency_key, or agency when
    keyless. `who` is folded as the index folds these fields (either script)."""
    reader = s.reader()
    folded = fold(who)
    if folded and reader.doc_frequency("agency_key", folded):
        return "agency_key", folded
    if folded and reader.doc_frequency("agency", folded):
        docs = ix._docs(s, wq.And([wq.Term("kind", REPORT_KIND), wq.Term("agency", folded)]))
        keys = ix._values(s, "agency_key")
        found = sorted({keys[d] for d in docs if d in keys})
        if len(found) > 1:
            raise BadQuery(
                f"{len(found)} agencies are named {who!r}; give one agency_key: " + ", ".join(found)
            )
        return ("agency_key", found[0]) if found else ("agency", folded)
    ids = list(reader.expand_prefix("id", who)) if len(who) >= 4 else []
    if len(ids) == 1:
        d = next(iter(s.document_numbers(id=ids[0].decode(), kind=REPORT_KIND)))
        stored = s.stored_fields(d)
        if stored.get("agency_key"):
            return "agency_key", fold(stored["agency_key"])
        if stored.get("agency"):
            return "agency", fold(stored["agency"])
        raise BadQuery(f"report {who!r} names no agency: no trend to draw")
    names = _lexicon(s, "agency") + _lexicon(s, "agency_key")
    raise BadQuery(f"no agency, agency_key or report id {who!r}; {closest(folded, names)}")


def _check_fields(fields: list[str] | None) -> list[str]:
    fields = list(dict.fromkeys(fields or DEFAULT_FIELDS))
    for f in fields:
        if f not in figure_keys():
            raise BadQuery(f"unknown field {f!r} in --field; {closest(f, figure_keys())}")
    return fields


def _by_year(s, docs) -> dict[int, list[tuple[str, str, int]]]:
    """year → [(published, id, docnum)], the latest published first (the one a trend uses)."""
    by_year: dict[int, list[tuple[str, str, int]]] = {}
    for d in docs:
        stored = s.stored_fields(d)
        if stored.get("year") is not None:
            entry = (stored.get("published") or "", stored["id"], d)
            by_year.setdefault(stored["year"], []).append(entry)
    return {y: sorted(e, reverse=True) for y, e in by_year.items()}


def trend(ix: Index, who: str, fields: list[str] | None = None) -> Trend:
    fields = _check_fields(fields)
    s = ix._shared()
    field, value = _resolve(ix, s, who)
    docs = sorted(ix._docs(s, wq.And([wq.Term("kind", REPORT_KIND), wq.Term(field, value)])))
    values = {f: ix._values(s, f) for f in fields}
    first = s.stored_fields(docs[0]) if docs else {}
    agency, agency_key = first.get("agency"), first.get("agency_key")
    by_year = _by_year(s, docs)
    rows: list[TrendRow] = []
    for year in range(min(by_year), max(by_year) + 1) if by_year else ():
        if year not in by_year:
            rows.append(TrendRow(year=year, missing=True))
            continue
        (published, rid, d), *others = by_year[year]
        report = load_report(s.stored_fields(d)["report_json"])
        rows.append(
            TrendRow(
                year=year,
                report_id=rid,
                published=published or None,
                values={f: values[f].get(d) for f in fields},
                measures=report.improvement_measures,
                also=sorted(o[1] for o in others),
            )
        )
    for prev, row in zip(rows, rows[1:], strict=False):
        row.change = {
            f: _change(prev.values.get(f), row.values.get(f)) for f in fields if not row.missing
        }
    return Trend(
        agency=agency,
        agency_key=agency_key,
        fields=fields,
        reports=len(docs),
        rows=rows,
    )


class AgencyLine(BaseModel):
    """One agency of a region: each field's value per year of `RegionTrend.years`, None
    where the report has no value or (see `present`) there is no report."""

    agency: str | None
    agency_key: str | None
    reports: int
    present: list[int] = Field(description="the years with a report")
    values: dict[str, list[float | int | None]]


class RegionTrend(BaseModel):
    region: str
    level: str = Field(description="province, city or county")
    fields: list[str]
    years: list[int]
    agencies: list[AgencyLine]


def region_trend(
    ix: Index, region: str, fields: list[str] | None = None, year: object = None
) -> RegionTrend:
    """Every agency of a province, city or county (exact, or a unique prefix: 浙江), one
    line each, over the years of the region's first to last report (or `year`, a range)."""
    from .query import YearRange

    fields = _check_fields(fields)
    s = ix._shared()
    key = place_key(region)
    level = next((f for f in PLACE_FIELDS if s.reader().doc_frequency(f"{f}_key", key)), None)
    if level is None:
        names = [n for f in PLACE_FIELDS for n in _lexicon(s, f)]
        raise BadQuery(f"no province, city or county {region!r}; {closest(fold(region), names)}")
    parts = [wq.Term("kind", REPORT_KIND), wq.Term(f"{level}_key", key)]
    if year is not None:
        parts.append((year if isinstance(year, YearRange) else YearRange.parse(year)).to_whoosh())
    docs = sorted(ix._docs(s, wq.And(parts)))
    keys, names = ix._values(s, "agency_key"), ix._values(s, "agency")  # folded
    region = s.stored_fields(docs[0]).get(level, region) if docs else region
    groups: dict[str, list[int]] = {}
    for d in docs:
        groups.setdefault(str(keys.get(d) or names.get(d)), []).append(d)
    values = {f: ix._values(s, f) for f in fields}
    every = {s.stored_fields(d).get("year") for d in docs} - {None}
    years = list(range(min(every), max(every) + 1)) if every else []
    lines = []
    for members in groups.values():
        by_year = _by_year(s, members)
        chosen = {y: e[0][2] for y, e in by_year.items()}
        stored = s.stored_fields(members[0])
        lines.append(
            AgencyLine(
                agency=stored.get("agency"),
                agency_key=stored.get("agency_key"),
                reports=len(members),
                present=sorted(chosen),
                values={
                    f: [values[f].get(chosen[y]) if y in chosen else None for y in years]
                    for f in fields
                },
            )
        )
    lines.sort(key=lambda a: (-a.reports, a.agency or "", a.agency_key or ""))
    return RegionTrend(region=region, level=level, fields=fields, years=years, agencies=lines)


def _change(before: float | int | None, now: float | int | None) -> float | int | None:
    if before is None or now is None:
        return None
    diff = now - before
    return round(diff, 4) if isinstance(diff, float) else diff
