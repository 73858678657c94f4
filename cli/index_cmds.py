"""`govsearch index | query | show | stats | export`: options → one library call → a renderer."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..search import Index, Query, Results, SearchError
from ..search.index import DEFAULT_TIMEOUT
from ..search.results import export_columns
from .app import app
from .output import console, err_console, error, fail, print_json, print_jsonl
from .parse_cmd import render_summary

IndexDir = Annotated[
    Path | None,
    typer.Option(
        "--index", help="Index directory (default: $GOVSEARCH_INDEX, else the user data dir)."
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _open(index: Path | None) -> Index:
    try:
        return Index.open(index)
    except SearchError as e:
        raise fail(str(e)) from None


@app.command("index")
def index_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories of them.")],
    index: IndexDir = None,
    prune: Annotated[bool, typer.Option(help="Remove reports whose files are gone.")] = False,
    rebuild: Annotated[bool, typer.Option(help="Start from an empty index.")] = False,
    workers: Annotated[
        int | None, typer.Option(help="Parallel parsers (default: all cores).")
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds to wait for another writer.")
    ] = DEFAULT_TIMEOUT,
) -> None:
    """Add report files to the index: unchanged files are skipped, changed ones replaced."""
    try:
        ix = Index.create(index) if rebuild else Index.open_or_create(index)
        with ix, _progress() as progress:
            summary = ix.update(
                paths, prune=prune, workers=workers, on_progress=progress, timeout=timeout
            )
    except SearchError as e:
        raise fail(str(e)) from None
    for s in summary.skipped:
        error(f"skipped {s.path}: {s.reason}")
    console.print(
        f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"removed {summary.removed}, skipped {len(summary.skipped)}",
        markup=False,
    )


class _progress:
    """A rich progress bar on a terminal, nothing otherwise; called as (done, total)."""

    def __enter__(self):
        if not err_console.is_terminal:
            return None
        from rich.progress import Progress  # only the index command draws one: keep it lazy

        self.bar = Progress(console=err_console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("indexing", total=None)
        return lambda done, total: self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if err_console.is_terminal:
            self.bar.stop()


@app.command()
def query(
    text: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, field:term.')] = "",
    index: IndexDir = None,
    section: Annotated[
        str | None, typer.Option(help="Search one section, e.g. s5_problems.")
    ] = None,
    year: Annotated[str | None, typer.Option(help="2021 or 2019..2021.")] = None,
    agency: Annotated[str | None, typer.Option(help="Exact agency name.")] = None,
    region: Annotated[str | None, typer.Option(help="Exact region name.")] = None,
    format: Annotated[str | None, typer.Option(help="Template version, e.g. v2_2021.")] = None,
    where: Annotated[
        list[str] | None, typer.Option(help='"KEY OP NUMBER", repeatable (ANDed).')
    ] = None,
    sort: Annotated[
        str, typer.Option(help="score, year, published, agency or a spec key.")
    ] = "score",
    desc: Annotated[bool, typer.Option(help="Sort descending.")] = False,
    limit: Annotated[int, typer.Option(help="Hits to show.")] = 10,
    offset: Annotated[int, typer.Option(help="Hits to skip.")] = 0,
    facet: Annotated[
        list[str] | None, typer.Option(help="Count hits by year|agency|region|format.")
    ] = None,
    json_: Json = False,
    show_query: Annotated[
        bool, typer.Option(help="Print the whoosh query instead of running it.")
    ] = False,
) -> None:
    """Search the indexed reports."""
    try:
        q = Query.build(
            text=text, section=section, year=year, agency=agency, region=region, format=format,
            where=where or [], sort=sort, desc=desc, limit=limit, offset=offset, facets=facet or [],
        )  # fmt: skip
        with _open(index) as ix:
            if show_query:
                typer.echo(ix.explain(q))
                return
            results = ix.search(q)
    except SearchError as e:
        raise fail(str(e)) from None
    if json_:
        print_json(results)
    else:
        render_results(results)


def render_results(results: Results) -> None:
    table = Table(title=f"{results.total} reports", title_justify="left")
    for name in ("agency", "year", "section", "snippet"):
        table.add_column(name, overflow="fold")
    for hit in results.hits:
        snippet = Text(hit.snippet)
        for h in hit.highlights:
            snippet.stylize("bold reverse", h.start, h.end)
        table.add_row(hit.agency or hit.id, str(hit.year or "—"), hit.section or "—", snippet)
    console.print(table)
    for name, counts in results.facets.items():
        console.print(
            f"{name}: " + ", ".join(f"{k} ({n})" for k, n in counts.items()), markup=False
        )


@app.command()
def show(
    report_id: Annotated[str, typer.Argument(metavar="ID", help="Report id (or a unique prefix).")],
    index: IndexDir = None,
    json_: Json = False,
) -> None:
    """Show one indexed report."""
    try:
        with _open(index) as ix:
            report = ix.get(report_id)
    except SearchError as e:
        raise fail(str(e)) from None
    if json_:
        print_json(report)
    else:
        console.print(render_summary(report))


@app.command()
def stats(index: IndexDir = None, json_: Json = False) -> None:
    """Reports, years, formats and size of the index."""
    with _open(index) as ix:
        result = ix.stats()
    if json_:
        print_json(result)
        return
    for name, value in result.model_dump().items():
        console.print(f"{name}: {value}", markup=False)


@app.command()
def export(
    index: IndexDir = None,
    format: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
) -> None:
    """Every report as one row, every spec key a column."""
    if format not in ("jsonl", "csv"):
        raise fail(f"unknown export format {format!r}; use jsonl or csv")
    with _open(index) as ix:
        if format == "jsonl":
            print_jsonl(ix.rows())
            return
        writer = csv.DictWriter(sys.stdout, fieldnames=export_columns(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(ix.rows())
