"""`govsearch show | stats | trend`: where search results lead. Options → one library call
→ a renderer (`results_output`)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..search.errors import SearchError
from .app import app
from .output import (
    Csv,
    IndexDir,
    Json,
    Year,
    console,
    error,
    fail,
    open_index,
    print_csv,
    print_json,
)
from .results_output import (
    emit,
    region_csv,
    render_aggregate,
    render_cross_year,
    render_cross_year_summary,
    render_region_trend,
    render_report,
    render_trend,
    trend_csv,
)


@app.command()
def show(
    report_id: Annotated[str, typer.Argument(metavar="ID", help="Report id (or a unique prefix).")],
    index: IndexDir = None,
    section: Annotated[
        str | None, typer.Option(help="Print only this section's text, e.g. s5_problems.")
    ] = None,
    json_: Json = False,
) -> None:
    """Show one indexed report, whole: metadata, sections, tables, checks, warnings.

    Example: govsearch show 2358508584629988 --section s5_problems
    """
    from ..indexer.models import SECTION_KEYS  # pydantic: not loaded for --help

    if section is not None and section not in SECTION_KEYS:
        raise fail(f"unknown section {section!r}; valid: {', '.join(SECTION_KEYS)}")
    try:
        with open_index(index) as ix:
            report = ix.get(report_id)
            checks = ix.cross_year(report.id) if section is None else None
            quality = ix.quality(report.id)
    except SearchError as e:
        raise fail(str(e)) from None
    if json_ and section is not None:
        print_json({section: report.sections.get(section)})
    elif json_:  # the stored Report, its quality score's parts and its cross-year checks
        extra = {"quality": quality.model_dump(), "cross_year": checks.model_dump()}
        print_json(report.model_dump(mode="json") | extra)
    elif section is not None:
        if section not in report.sections:
            raise fail(f"report {report.id} has no section {section}")
        typer.echo(report.sections[section])
    else:
        for part in render_report(report, quality):
            emit(console, part)
        console.print(render_cross_year(checks))


@app.command()
def stats(
    index: IndexDir = None,
    by: Annotated[
        list[str] | None, typer.Option(help="Group by year|province|city|county|agency|...")
    ] = None,
    sum_: Annotated[list[str] | None, typer.Option("--sum", help="Sum a spec key.")] = None,
    mean: Annotated[
        list[str] | None, typer.Option(help="Mean of a key; rates are pooled (Σnum/Σden).")
    ] = None,
    count: Annotated[bool, typer.Option(help="Count reports per group.")] = True,
    rank: Annotated[
        str | None, typer.Option(help="Rank groups by this key, highest first.")
    ] = None,
    min_n: Annotated[
        int, typer.Option(help="With --rank: the least denominator (rates) or reports.")
    ] = 0,
    text: Annotated[str, typer.Option(help="Only reports matching this query text.")] = "",
    year: Year = None,
    province: Annotated[str | None, typer.Option(help="Exact province.")] = None,
    where: Annotated[list[str] | None, typer.Option(help='"KEY OP NUMBER", repeatable.')] = None,
    cross_year: Annotated[
        bool, typer.Option("--cross-year", help="Count the cross-year checks X1, X2.")
    ] = False,
    json_: Json = False,
    csv_: Csv = False,
) -> None:
    """Index statistics; with --by/--sum/--mean/--rank, aggregates of the reports;
    with --cross-year, how many reports pass each check against their previous year.

    Example: govsearch stats --by province --by year --sum app_new__total --mean disclosure_rate
    """
    from ..search import Query

    try:
        with open_index(index) as ix:
            if cross_year:
                q = Query.build(text=text, year=year, province=province, where=where or [])
                ix.check_filters(q)
                result = ix.cross_year_summary(q)
            elif not (by or sum_ or mean or rank):
                result = ix.stats()
            else:
                q = Query.build(text=text, year=year, province=province, where=where or [])
                ix.check_filters(q)
                result = ix.aggregate(q, by=by or [], sum=sum_ or [], mean=mean or [],
                                      count=count, rank=rank, min_n=min_n)  # fmt: skip
    except SearchError as e:
        raise fail(str(e)) from None
    if json_:
        print_json(result)
    elif cross_year:
        console.print(render_cross_year_summary(result))
    elif not hasattr(result, "rows"):
        for name, value in result.model_dump().items():
            console.print(f"{name}: {value}", markup=False)
    elif csv_:
        print_csv(result.rows, result.columns)
    else:
        console.print(render_aggregate(result))


@app.command()
def trend(
    agency: Annotated[
        str | None, typer.Argument(help="Agency name, agency_key or report id.")
    ] = None,
    index: IndexDir = None,
    field: Annotated[
        list[str] | None,
        typer.Option(help="Figure to follow, repeatable (default: applications, disclosure_rate)."),
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="Instead of AGENCY: every agency of a province/city/county.")
    ] = None,
    year: Annotated[str | None, typer.Option(help="With --region: 2021 or 2019..2023.")] = None,
    json_: Json = False,
    csv_: Csv = False,
) -> None:
    """One agency year by year (figures, change, missing years, measures), or with --region
    one line per agency of a province, city or county.

    Example: govsearch trend 盘锦市商务局 --field pd_license_decisions; govsearch trend --region 河南
    """
    if (agency is None) == (region is None):
        raise fail("give an AGENCY or --region, not both")
    try:
        with open_index(index) as ix:
            if region is not None:
                result = ix.region_trend(region, field, year)
            else:
                result = ix.trend(agency, field)
            ids = [r.report_id for r in getattr(result, "rows", []) if r.report_id]
            short = ix.short_ids(ids)
    except SearchError as e:
        raise fail(str(e)) from None
    if json_:
        print_json(result)
    elif csv_:
        print_csv(*(region_csv(result) if region is not None else trend_csv(result)))
    elif region is not None:
        console.print(render_region_trend(result))
    else:
        console.print(render_trend(result, short))
        if result.reports == 1:
            error(
                f"{result.agency or agency} has one report only ({result.rows[0].year}): no change"
            )
