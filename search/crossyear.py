"""Checks no single report can make: one agency's report against its previous year's.

- `X1` carry-over: this year's 上年结转 (`app_carried_in__COL`) equals last year's
  结转下年度继续办理 (`app_carried_out__COL`), for each applicant column and the total;
- `X2` rules in force (both reports on the v2_2021 form): this year's 现行有效件数 equals
  last year's plus 本年制发 minus 本年废止 (`pd_rules_*`, `pd_normdocs_*`);
- `X3` copied text: a problem or measure that repeats one of last year's word for word (up to
  digits and punctuation: `fold.item_key`), one failure per repeated item.

The previous report is the same `agency_key`'s report of year − 1 (the later published
one, as `trend` picks). A report with no previous year, or a figure blank on either side,
is "not checkable" for that check, never a failure. Values are read from the index's
postings, so checking every report of a 20k index is a pass over cached field values.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from govsearch.indexer.fold import item_key
from govsearch.indexer.parse.templates import APP_COLUMNS
from govsearch.indexer.write.codec import load_report
from govsearch.indexer.write.schema import REPORT_KIND

from .corpus import report_items
from .query import Query

if TYPE_CHECKING:
    from .index import Index

RULES: dict[str, str] = {
    "X1": "上年结转 equals the previous year's 结转下年度继续办理",
    "X2": "现行有效件数 equals the previous year's plus 本年制发 minus 本年废止",
    "X3": "no problem or measure repeats the previous year's word for word",
}
# (rule, where, this year's key, previous year's key, this year's added, this year's removed)
CHECKS: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
    *((("X1", f"app_carried_in__{c}", f"app_carried_in__{c}", f"app_carried_out__{c}",
        None, None)) for c in APP_COLUMNS),
    *((("X2", f"pd_{k}_in_force", f"pd_{k}_in_force", f"pd_{k}_in_force", f"pd_{k}_issued",
        f"pd_{k}_repealed")) for k in ("rules", "normdocs")),
)  # fmt: skip
Status = Literal["ok", "failed", "not checkable"]


class CrossYearIssue(BaseModel):
    """One failure: X1/X2 a figure (`expected`, `found`); X3 an item (`where`: problem 2,
    measure 1) and its `text`."""

    rule: str
    where: str
    expected: float | int | None = None
    found: float | int | None = None
    text: str | None = None


class CrossYearCheck(BaseModel):
    """One report's checks against its previous year; `status` per rule."""

    report_id: str
    year: int | None
    previous_id: str | None = None
    status: dict[str, Status] = Field(default_factory=dict)
    issues: list[CrossYearIssue] = Field(default_factory=list)
    copied: int | None = Field(None, description="X3: items repeated; None: not checkable")

    @property
    def failures(self) -> int | None:
        """The number of failures, None when no rule could be checked."""
        checked = any(v != "not checkable" for v in self.status.values())
        return len(self.issues) if checked else None


class CrossYearSummary(BaseModel):
    """Counts over many reports: per rule, how many reports are ok, failed, not checkable."""

    reports: int
    counts: dict[str, dict[str, int]]
    failed: list[str] = Field(description="ids of the reports failing any rule")


def _keys() -> set[str]:
    keys = {"agency_key", "year", "published", "version"}
    for _, _, this, prev, added, removed in CHECKS:
        keys |= {this, prev} | ({added, removed} - {None})
    return keys


def _fields(ix: Index, s) -> dict[str, dict]:
    return {k: ix._indexed(s, k) for k in _keys()}


def _previous(ix: Index, s) -> dict[int, int]:
    """docnum → docnum of the same agency_key's report of the year before."""
    keys, years = ix._indexed(s, "agency_key"), ix._indexed(s, "year")
    published, kinds = ix._indexed(s, "published"), ix._indexed(s, "kind")
    latest: dict[tuple, int] = {}
    for d, key in keys.items():
        year = years.get(d)
        if year is None or kinds.get(d) != REPORT_KIND:  # units carry agency_key and year too
            continue
        best = latest.get((key, year))
        if best is None or (published.get(d) or "", d) > (published.get(best) or "", best):
            latest[(key, year)] = d
    return {
        d: latest[(keys[d], years[d] - 1)]
        for d in keys
        if d in years and kinds.get(d) == REPORT_KIND and (keys[d], years[d] - 1) in latest
    }


def _check(
    s, v: dict[str, dict], d: int, prev: int | None, items: dict[int, list[str]], ids: bool = True
) -> CrossYearCheck:
    """`v`: field → docnum → value (`_keys()`), as `Index._values` gives them; `items`: report
    docnum → its item keys (`corpus.report_items`); `ids`: fill in the report ids and the
    copied items' text (a stored-fields read each)."""
    out = CrossYearCheck(report_id=s.stored_fields(d)["id"] if ids else "", year=v["year"].get(d))
    if prev is not None and ids:
        out.previous_id = s.stored_fields(prev)["id"]
    for rule in RULES:
        out.status[rule] = "not checkable"
    if prev is None:
        return out
    both_v2 = v["version"].get(d) == v["version"].get(prev) == "v2_2021"
    for rule, where, this, before, added, removed in CHECKS:
        if rule == "X2" and not both_v2:
            continue
        found, last = v[this].get(d), v[before].get(prev)
        plus = v[added].get(d) if added else 0
        minus = v[removed].get(d) if removed else 0
        if None in (found, last, plus, minus):
            continue
        expected = last + plus - minus
        if out.status[rule] == "not checkable":
            out.status[rule] = "ok"
        if found != expected:
            out.status[rule] = "failed"
            out.issues.append(
                CrossYearIssue(rule=rule, where=where, expected=expected, found=found)
            )
    if items.get(d) and items.get(prev):
        before = set(items[prev])
        out.copied = sum(k in before for k in items[d])
        out.status["X3"] = "failed" if out.copied else "ok"
        if out.copied and ids:
            out.issues += _copied(s, d, before)
        elif out.copied:  # counted only: the items are named when one report is shown
            out.issues += [CrossYearIssue(rule="X3", where="item")] * out.copied
    return out


def _copied(s, d: int, before: set[str]) -> list[CrossYearIssue]:
    """The X3 failures of report `d`, each item named and quoted."""
    report = load_report(s.stored_fields(d)["report_json"])
    return [
        CrossYearIssue(rule="X3", where=f"{kind} {i}", text=text)
        for kind, texts in (("problem", report.problems), ("measure", report.improvement_measures))
        for i, text in enumerate(texts, start=1)
        if text.strip() and item_key(text.strip()) in before
    ]


def check_report(ix: Index, report_id: str) -> CrossYearCheck:
    """The cross-year checks of one report (id or unique prefix)."""
    s = ix._shared()
    d = ix._report_doc(s, report_id)
    return _check(s, _fields(ix, s), d, _previous(ix, s).get(d), report_items(ix, s))


def check_values(ix: Index, s, items: dict[int, list[str]]) -> dict[int, CrossYearCheck]:
    """Report docnum → its checks (counts only: no ids, no texts), for every report."""
    v, previous = _fields(ix, s), _previous(ix, s)
    reports = [d for d, kind in ix._indexed(s, "kind").items() if kind == REPORT_KIND]
    return {d: _check(s, v, d, previous.get(d), items, ids=False) for d in reports}


def check_all(ix: Index, query: Query | None = None) -> CrossYearSummary:
    """Every matching report's checks, counted per rule and status."""
    from .hits import ranked

    s = ix._shared()
    query = query or Query()
    docs = [d for d, _ in ranked(ix, s, query)]
    previous = _previous(ix, s)
    counts = {rule: Counter() for rule in RULES}
    failed = []
    v, items = _fields(ix, s), report_items(ix, s)
    for d in docs:
        result = _check(s, v, d, previous.get(d), items, ids=False)
        for rule, status in result.status.items():
            counts[rule][status] += 1
        if result.issues:
            failed.append(s.stored_fields(d)["id"])
    return CrossYearSummary(
        reports=len(docs),
        counts={
            r: {k: c.get(k, 0) for k in ("ok", "failed", "not checkable")}
            for r, c in counts.items()
        },
        failed=sorted(failed),
    )
