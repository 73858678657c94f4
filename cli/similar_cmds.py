"""`govsearch similar` and `govsearch measures --common`: thin wrappers over search/similar.py."""

from __future__ import annotations

import re
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..search import SearchError
from ..search.similar import MeasureGroup, SimilarResults
from .app import app
from .index_cmds import IndexDir, Json
from .index_cmds import _open as open_index
from .output import console, fail, print_json

YearOption = Annotated[str | None, typer.Option(help="A year (2021) or a range (2019..2021).")]
ProblemsOption = Annotated[bool, typer.Option("--problems", help="Problems, not measures.")]


def highlighted(text: str, runs: list[str]) -> Text:
    out = Text(text)
    for run in runs:
        for match in re.finditer(re.escape(run), text):
            out.stylize("bold yellow", match.start(), match.end())
    return out


def render_hits(results: SimilarResults) -> Table:
    table = Table(show_lines=True)
    table.add_column("agency", overflow="fold")
    table.add_column("year", no_wrap=True)
    table.add_column("score", no_wrap=True)
    table.add_column("#", justify="right")
    table.add_column("measure", ratio=1, overflow="fold")
    for hit in results.hits:
        label = f" ×{hit.count}" if hit.count > 1 else ""
        table.add_row(
            hit.agency or hit.report_id,
            str(hit.year or "—"),
            f"{hit.score:.2f}{label}",
            str(hit.position),
            highlighted(hit.text, hit.highlights),
        )
    return table


def render_groups(groups: list[MeasureGroup]) -> Table:
    table = Table(show_lines=True)
    table.add_column("reports", justify="right")
    table.add_column("representative", ratio=2, overflow="fold")
    table.add_column("agencies", ratio=1, overflow="fold")
    for group in groups:
        agencies = sorted({m.agency or m.report_id for m in group.members})
        table.add_row(str(group.reports), group.representative, "\n".join(agencies))
    return table


@app.command("similar")
def similar_cmd(
    text: Annotated[str | None, typer.Argument(help="A measure to find similar ones to.")] = None,
    report: Annotated[str | None, typer.Option(help="Use this report's measures.")] = None,
    measure: Annotated[int | None, typer.Option(help="With --report: only measure N.")] = None,
    problems: ProblemsOption = False,
    year: YearOption = None,
    agency: Annotated[str | None, typer.Option(help="Only this agency.")] = None,
    region: Annotated[str | None, typer.Option(help="Only this region.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Number of hits.")] = 10,
    group: Annotated[bool, typer.Option("--group", help="Fold near-identical hits.")] = False,
    json_: Json = False,
    index: IndexDir = None,
) -> None:
    """Find improvement measures (or problems) similar to TEXT or to a report's own."""
    try:
        with open_index(index) as ix:
            results = ix.similar(
                text, report_id=report, measure=measure, problems=problems,
                year=year, agency=agency, region=region, limit=limit, group=group,
            )  # fmt: skip
    except SearchError as exc:
        raise fail(str(exc)) from exc
    if json_:
        keys = {"report_id", "agency", "year", "text", "score"} | ({"count"} if group else set())
        print_json({"hits": [hit.model_dump(include=keys) for hit in results.hits]})
    else:
        console.print(render_hits(results))


@app.command("measures")
def measures_cmd(
    common: Annotated[bool, typer.Option("--common", help="Group near-duplicates.")] = False,
    year: YearOption = None,
    min_reports: Annotated[int, typer.Option(min=1, help="Keep groups seen in N reports.")] = 2,
    threshold: Annotated[float, typer.Option(min=0.1, max=1.0, help="Jaccard to group.")] = 0.5,
    problems: ProblemsOption = False,
    json_: Json = False,
    index: IndexDir = None,
) -> None:
    """Measures (or problems) that recur across reports."""
    if not common:
        raise fail("nothing to do: pass --common")
    try:
        with open_index(index) as ix:
            groups = ix.common_measures(
                year=year, min_reports=min_reports, problems=problems, threshold=threshold
            )
    except SearchError as exc:
        raise fail(str(exc)) from exc
    if json_:
        print_json(groups)
    elif not groups:
        console.print(f"no near-duplicates found in {min_reports} or more reports")
    else:
        console.print(render_groups(groups))
