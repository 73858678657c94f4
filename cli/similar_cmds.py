"""`govsearch similar` and `govsearch measures --common`: thin wrappers over search/similar.py."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .output import (
    Agency,
    AgencyKey,
    City,
    County,
    IndexDir,
    Json,
    Province,
    Region,
    Year,
    console,
    fail,
    open_index,
    print_json,
    render_groups,
    render_hits,
    similar_json,
    user_errors,
)

ProblemsOption = Annotated[bool, typer.Option("--problems", help="Problems, not measures.")]


@app.command("similar")
def similar_cmd(
    text: Annotated[str | None, typer.Argument(help="A measure to find similar ones to.")] = None,
    report: Annotated[str | None, typer.Option(help="Use this report's measures.")] = None,
    measure: Annotated[int | None, typer.Option(help="With --report: only measure N.")] = None,
    problems: ProblemsOption = False,
    year: Year = None,
    agency: Agency = None,
    region: Region = None,
    province: Province = None,
    city: City = None,
    county: County = None,
    agency_key: AgencyKey = None,
    limit: Annotated[int, typer.Option(min=1, help="Number of hits.")] = 10,
    group: Annotated[bool, typer.Option("--group", help="Fold near-identical hits.")] = False,
    json_: Json = False,
    index: IndexDir = None,
) -> None:
    """Find improvement measures (or problems) similar to TEXT or to a report's own."""
    with user_errors(), open_index(index) as ix:
        results = ix.similar(
            text, report_id=report, measure=measure, problems=problems,
            year=year, agency=agency, region=region, province=province, city=city,
            county=county, agency_key=agency_key, limit=limit, group=group,
        )  # fmt: skip
    if json_:
        print_json(similar_json(results, group))
    else:
        console.print(render_hits(results))


@app.command("measures")
def measures_cmd(
    common: Annotated[bool, typer.Option("--common", help="Group near-duplicates.")] = False,
    year: Year = None,
    min_reports: Annotated[int, typer.Option(min=1, help="Keep groups seen in N reports.")] = 2,
    threshold: Annotated[float, typer.Option(min=0.1, max=1.0, help="Jaccard to group.")] = 0.5,
    problems: ProblemsOption = False,
    limit: Annotated[
        int | None, typer.Option(min=0, help="Groups shown (table: 20 by default; 0: all).")
    ] = None,
    json_: Json = False,
    index: IndexDir = None,
) -> None:
    """Measures (or problems) that recur across reports.

    Example: govsearch measures --common --min-reports 3 --limit 10
    """
    if not common:
        raise fail("nothing to do: pass --common")
    with user_errors(), open_index(index) as ix:
        groups = ix.common_measures(
            year=year, min_reports=min_reports, problems=problems, threshold=threshold
        )
    shown = limit if limit is not None else (None if json_ else 20)
    kept = groups[:shown] if shown else groups
    if json_:
        print_json(kept)
    elif not groups:
        console.print(f"no near-duplicates found in {min_reports} or more reports")
    else:
        console.print(render_groups(kept))
        if len(kept) < len(groups):
            console.print(f"… and {len(groups) - len(kept)} more groups (--limit 0: all)")
