"""`govsearch similar` and `govsearch measures --common`: thin wrappers over search/similar.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..search import Index, SearchError
from ..search.similar import MeasureGroup, SimilarResults, YearFilter
from .app import app
from .output import console, fail, print_json

YEAR_RANGE = re.compile(r"^\s*(?P<lo>\d{4})\s*(?:\.\.\s*(?P<hi>\d{4})\s*)?$")

IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index", help="Index directory (default: $GOVSEARCH_INDEX, else the user data dir)."
    ),
]
YearOption = Annotated[str | None, typer.Option(help="A year (2021) or a range (2019..2021).")]
ProblemsOption = Annotated[bool, typer.Option("--problems", help="Problems, not measures.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def parse_year(value: str | None) -> YearFilter:
    if value is None:
        return None
    match = YEAR_RANGE.match(value)
    if not match:
        raise fail(f"bad --year {value!r}: use 2021 or 2019..2021")
    lo, hi = int(match["lo"]), int(match["hi"] or match["lo"])
    return lo if lo == hi else (lo, hi)


def open_index(path: Path | None) -> Index:
    try:
        return Index.open(path)
    except SearchError as exc:
        raise fail(str(exc)) from exc


def highlighted(text: str, runs: list[str]) -> Text:
    out = Text(text)
    for run in runs:
        for match in re.finditer(re.escape(run), text):
            out.stylize("bold yellow", match.start(), match.end())
    return out


def render_hits(results: SimilarResults) -> Table:
    table = Table(show_lines=True)
    for name in ("agency", "year", "score"):
        table.add_column(name, no_wrap=name != "agency")
    table.add_column("measure", ratio=1)
    for hit in results.hits:
        label = f" (×{hit.count})" if hit.count > 1 else ""
        table.add_row(
            hit.agency or hit.report_id,
            str(hit.year or "—"),
            f"{hit.score:.2f}{label}",
            highlighted(f"{hit.position}. {hit.text}", hit.highlights),
        )
    return table


def render_groups(groups: list[MeasureGroup]) -> Table:
    table = Table(show_lines=True)
    table.add_column("reports", justify="right")
    table.add_column("representative", ratio=2)
    table.add_column("agencies", ratio=1)
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
    json_: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """Find improvement measures (or problems) similar to TEXT or to a report's own."""
    years = parse_year(year)
    try:
        with open_index(index) as ix:
            results = ix.similar(
                text, report_id=report, measure=measure, problems=problems,
                year=years, agency=agency, region=region, limit=limit, group=group,
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
    json_: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """Measures (or problems) that recur across reports."""
    if not common:
        raise fail("nothing to do: pass --common")
    years = parse_year(year)
    with open_index(index) as ix:
        groups = ix.common_measures(
            year=years, min_reports=min_reports, problems=problems, threshold=threshold
        )
    if json_:
        print_json(groups)
    else:
        console.print(render_groups(groups))
