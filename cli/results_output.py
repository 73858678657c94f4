"""Renderers of `show` (the whole report, tables laid out like the form), `stats --by`
and `trend`. Blank cells (null) print blank, never 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..indexer.parse.templates import (
    APP_COLUMN_LABELS,
    APP_COLUMNS,
    APPLICATION,
    PROACTIVE,
    PROACTIVE_COLUMN_LABELS,
    PROACTIVE_PART_LABELS,
    RL_COLUMN_LABELS,
    RL_COLUMNS,
    RL_GROUP_LABELS,
    SECTION_TITLES,
    field_keys,
)

if TYPE_CHECKING:  # the renderers' argument types; the library loads when a command runs
    from ..indexer.models import Report
    from ..indexer.quality import Quality
    from ..search.aggregate import Aggregate
    from ..search.crossyear import CrossYearCheck, CrossYearSummary
    from ..search.trend import RegionTrend, Trend

META = (
    "id", "agency", "agency_key", "province", "city", "county", "region", "region_code",
    "year", "published", "format", "source", "title",
)  # fmt: skip
SPARKS = "▁▂▃▄▅▆▇█"


class Verbatim(str):
    """Text to write as is (a section keeps its tabs and line breaks), not through rich."""


def emit(console, part: RenderableType | Verbatim) -> None:
    if isinstance(part, Verbatim):
        console.file.write(part + "\n")
    else:
        console.print(part)


def cell(value: object) -> str:
    """A value as a table shows it: blank for null, integers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _grid(title: str, columns: list[str], rows: list[tuple[str, list]]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("", overflow="fold")
    for c in columns:
        table.add_column(c, justify="right")
    for label, values in rows:
        table.add_row(label, *(cell(v) for v in values))
    return table


def report_tables(report: Report) -> list[Table]:
    """The report's tables, rows × columns as on the form, for its template version."""
    f, version = report.fields, report.format
    tables = []
    if version in PROACTIVE:
        labels = PROACTIVE_COLUMN_LABELS[version]
        for part, rows in groupby(PROACTIVE[version], key=lambda r: r.part):
            rows = list(rows)
            table_rows = [(r.labels[-1], [f.get(k) for k in r.fields]) for r in rows]
            tables.append(
                _grid(f"主动公开 · {PROACTIVE_PART_LABELS[part]}", list(labels[part]), table_rows)
            )
    if version in APPLICATION:
        rows = [(r.labels[0], [f.get(k) for k in r.fields]) for r in APPLICATION[version]]
        columns = [APP_COLUMN_LABELS[c] for c in APP_COLUMNS]
        tables.append(_grid("收到和处理政府信息公开申请", columns, rows))
    if version in APPLICATION:  # the 复议/诉讼 table exists from 2019 on
        rows = [
            (label, [f.get(f"{g}_{c}") for c in RL_COLUMNS]) for g, label in RL_GROUP_LABELS.items()
        ]
        tables.append(_grid("行政复议、行政诉讼", [RL_COLUMN_LABELS[c] for c in RL_COLUMNS], rows))
    return tables


def _pairs(title: str, items: dict) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in items.items():
        table.add_row(name, Text(cell(value)))
    return table


def _listing(title: str, items: list[str]) -> RenderableType:
    body = "\n".join(f"{n}. {text}" for n, text in enumerate(items, 1)) or "none"
    return Group(Text(title, style="bold"), Text(body))


def render_report(
    report: Report, quality: Quality | None = None
) -> Iterator[RenderableType | Verbatim]:
    """Everything stored: metadata, every section in full, every table, the derived figures,
    problems and measures itemised, consistency failures and warnings."""
    from ..indexer.models import SECTION_KEYS  # pydantic: loaded when a report is shown

    yield _pairs("report", {k: getattr(report, k) for k in META})
    for key in SECTION_KEYS:
        if key in report.sections:
            yield Text(f"\n{SECTION_TITLES[key]} ({key})", style="bold")
            yield Verbatim(report.sections[key])
    yield from report_tables(report)
    shown = set(field_keys(report.format))
    extra = {k: v for k, v in report.fields.items() if k not in shown}
    if extra:
        yield _pairs("other figures", extra)
    yield _pairs("derived", report.derived())
    quality = quality or report.quality()  # the index's six parts, else the report's five
    yield Group(
        Text(f"quality {cell(quality.score)} of 100", style="bold"),
        Text("\n".join(f"{p.name}: {cell(p.points)} of {cell(p.max)} ({p.detail})"
                        for p in quality.parts)),
    )  # fmt: skip
    yield _listing("problems", report.problems)
    yield _listing("improvement measures", report.improvement_measures)
    failures = [f"{c.rule} {c.where}: expected {cell(c.expected)}, found {cell(c.found)}"
                for c in report.consistency]  # fmt: skip
    yield _listing("consistency failures", failures)
    yield _listing("warnings", report.warnings)


def _heading(column: str) -> str:
    """A short table heading for an aggregate column (the CSV/JSON keep the full names)."""
    for suffix, label in (("_sum", "Σ {}"), ("_mean", "{}"), ("_denominator", "Σ denominator")):
        if column.endswith(suffix):
            key = column[: -len(suffix)]
            from ..search.aggregate import RATES

            return label.format(key + (" (pooled)" if suffix == "_mean" and key in RATES else ""))
    return "n" if column.endswith("_n") else column


def render_aggregate(result: Aggregate) -> Table:
    table = Table(title=f"{result.total} reports", title_justify="left")
    for c in result.columns:
        text = c in ("province", "city", "county", "agency", "agency_key", "region", "version")
        table.add_column(_heading(c), justify="left" if text else "right", overflow="fold")
    for row in result.rows:
        table.add_row(*(Text(cell(row[c])) for c in result.columns))
    return table


def sparkline(values: list[float | int | None]) -> str:
    """One block character per value, scaled from the series' min to max; ' ' for missing."""
    known = [v for v in values if v is not None]
    if not known:
        return "no values"
    lo, hi = min(known), max(known)
    span = (hi - lo) or 1
    return "".join(
        " " if v is None else SPARKS[round((v - lo) / span * (len(SPARKS) - 1))] for v in values
    )


def _signed(v: float | int | None) -> str:
    return "" if v is None else ("+" if v > 0 else "") + cell(v)


def render_trend(result: Trend, short_ids: dict[str, str] | None = None) -> Group:
    short_ids = short_ids or {}
    reports = f"{result.reports} report" + ("s" if result.reports != 1 else "")
    title = f"{result.agency or '?'} ({result.agency_key or 'no agency_key'}): {reports}"
    table = Table(title=Text(title), title_justify="left")
    table.add_column("year")
    table.add_column("report")
    for f in result.fields:
        table.add_column(f, justify="right")
        table.add_column("Δ", justify="right")
    for row in result.rows:
        if row.missing:
            table.add_row(str(row.year), "missing", *([""] * (2 * len(result.fields))))
            continue
        cells = []
        for f in result.fields:
            cells += [cell(row.values.get(f)), _signed(row.change.get(f))]
        rid = row.report_id or ""
        table.add_row(str(row.year), short_ids.get(rid, rid), *cells)
    lines = [
        f"{f}: {sparkline([None if r.missing else r.values.get(f) for r in result.rows])}"
        for f in result.fields
    ]
    measures = [
        f"{r.year}: " + ("; ".join(f"{n}. {m}" for n, m in enumerate(r.measures, 1)) or "none")
        for r in result.rows
        if not r.missing
    ]
    return Group(table, Text("\n".join(lines)), Text("improvement measures", style="bold"),
                 Text("\n".join(measures)))  # fmt: skip


def trend_csv(result: Trend) -> tuple[list[dict], list[str]]:
    """(rows, columns) of `trend --csv`: year, missing, report id, each field and its change."""
    rows = [
        {"year": r.year, "missing": r.missing, "report_id": r.report_id,
         **r.values, **{f"{k}_change": v for k, v in r.change.items()}}
        for r in result.rows
    ]  # fmt: skip
    columns = ["year", "missing", "report_id", *result.fields]
    return rows, columns + [f"{f}_change" for f in result.fields]


def region_csv(result: RegionTrend) -> tuple[list[dict], list[str]]:
    """(rows, columns) of `trend --region --csv`: one row per agency and field, a column per
    year; a year without a report is `missing`, a report without the value blank."""
    rows = []
    for a in result.agencies:
        for f in result.fields:
            row = {"agency": a.agency, "agency_key": a.agency_key, "field": f}
            for y, v in zip(result.years, a.values[f], strict=True):
                row[str(y)] = v if y in a.present else "missing"
            rows.append(row)
    return rows, ["agency", "agency_key", "field", *map(str, result.years)]


def render_region_trend(result: RegionTrend) -> Table:
    """One line per agency (and field): each year's value, '·' where there is no report."""
    title = f"{result.region} ({result.level}): {len(result.agencies)} agencies"
    table = Table(title=Text(title), title_justify="left")
    table.add_column("agency", overflow="fold")
    if len(result.fields) > 1:
        table.add_column("field", overflow="fold")
    for y in result.years:
        table.add_column(str(y), justify="right")
    table.add_column("trend", no_wrap=True)
    for a in result.agencies:
        for f in result.fields:
            cells = [
                cell(v) if y in a.present else "·"
                for y, v in zip(result.years, a.values[f], strict=True)
            ]
            lead = [a.agency or a.agency_key or "?"] + ([f] if len(result.fields) > 1 else [])
            series = [
                v if y in a.present else None
                for y, v in zip(result.years, a.values[f], strict=True)
            ]
            table.add_row(*map(Text, lead), *cells, sparkline(series))
    return table


def render_cross_year(check: CrossYearCheck) -> Group:
    """`show`'s cross-year section: each rule's status, then each failure."""
    against = (
        f"against {check.previous_id}" if check.previous_id else "no report of the year before"
    )
    from ..search.crossyear import RULES

    lines = [f"{rule} {check.status[rule]}: {RULES[rule]}" for rule in RULES]
    lines += [
        f"{i.rule} {i.where}: the same as the year before: {i.text}"
        if i.text is not None
        else f"{i.rule} {i.where}: expected {cell(i.expected)}, found {cell(i.found)}"
        for i in check.issues
    ]
    return Group(Text(f"cross-year checks ({against})", style="bold"), Text("\n".join(lines)))


def render_cross_year_summary(summary: CrossYearSummary) -> Table:
    from ..search.crossyear import RULES

    table = Table(title=f"{summary.reports} reports", title_justify="left")
    for name in ("rule", "ok", "failed", "not checkable", "check"):
        table.add_column(name, justify="left" if name in ("rule", "check") else "right")
    for rule, counts in summary.counts.items():
        table.add_row(
            rule, *(str(counts[k]) for k in ("ok", "failed", "not checkable")), RULES[rule]
        )
    return table
