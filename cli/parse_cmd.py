"""`govsearch parse`: parse report files and print what was read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..indexer.batch import parse_files
from ..indexer.models import Report
from .app import app
from .output import console, error, print_json, print_jsonl


def render_summary(report: Report) -> Table:
    known = sum(v is not None for v in report.fields.values())
    table = Table(title=report.source, show_header=False, title_justify="left", box=None)
    table.add_column(style="bold cyan")
    table.add_column()
    rows = {
        "agency": report.agency,
        "region": report.region,
        "year": report.year,
        "published": report.published,
        "format": report.format,
        "fields": f"{known} of {len(report.fields)} known",
        "sections": ", ".join(report.sections) or "none",
        "problems": len(report.problems),
        "measures": "\n".join(
            f"{n}. {m[:60]}" for n, m in enumerate(report.improvement_measures, 1)
        )
        or "none",
        "consistency": "; ".join(
            f"{c.rule} {c.where}: expected {c.expected}, found {c.found}"
            for c in report.consistency
        )
        or "ok",
        "warnings": "\n".join(report.warnings) or "none",
    }
    for name, value in rows.items():
        table.add_row(name, "—" if value is None else str(value))
    return table


@app.command()
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories of them.")],
    json_: Annotated[bool, typer.Option("--json", help="Print a JSON array of reports.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one JSON report per line.")] = False,
    workers: Annotated[
        int | None, typer.Option(help="Parallel parsers (default: all cores).")
    ] = None,
) -> None:
    """Parse reports and print them. Exit 1 when any file was skipped."""
    reports: list[Report] = []
    skipped = 0
    for outcome in parse_files(paths, workers=workers):
        if outcome.report is None:
            skipped += 1
            error(f"skipped {outcome.path}: {outcome.error}")
            continue
        if jsonl:
            print_jsonl([outcome.report])
        elif json_:
            reports.append(outcome.report)
        else:
            console.print(render_summary(outcome.report))
    if json_ and not jsonl:
        print_json(reports)
    raise typer.Exit(1 if skipped else 0)
