"""`govsearch parse`: parse report files and print what was read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .output import Json, JsonLines, console, error, print_json, print_jsonl, render_summary


@app.command()
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories of them.")],
    json_: Json = False,
    jsonl: JsonLines = False,
    workers: Annotated[
        int | None, typer.Option(help="Parallel parsers (default: all cores).")
    ] = None,
) -> None:
    """Parse reports and print them. Exit 1 when any file was skipped."""
    from ..indexer.batch import parse_files  # lazy: start-up time

    reports = []
    skipped = 0
    for outcome in parse_files(paths, workers=workers):
        if outcome.report is None:
            skipped += 1
            error(f"skipped {outcome.path}: {outcome.reason}")
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
