"""`govsearch index | query | show | stats | export`: options → one library call → a renderer.

The library is imported inside the commands, so `--help` and argument errors stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..search.defaults import DEFAULT_TIMEOUT
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
    console,
    emit,
    err_console,
    error,
    fail,
    open_index,
    print_csv,
    print_json,
    print_jsonl,
    render_results,
    render_summary,
    user_errors,
)


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
    from ..search import Index

    with user_errors():
        ix = Index.create(index) if rebuild else Index.open_or_create(index)
        with ix, _progress() as progress:
            summary = ix.update(
                paths, prune=prune, workers=workers, on_progress=progress, timeout=timeout
            )
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
    agency: Agency = None,
    region: Region = None,
    province: Province = None,
    city: City = None,
    county: County = None,
    agency_key: AgencyKey = None,
    version: Annotated[
        str | None, typer.Option(help="Template version: v0_legacy, v1_2019_trial or v2_2021.")
    ] = None,
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
        list[str] | None,
        typer.Option(
            help="Count hits by year|agency|region|version|province|city|county|agency_key."
        ),
    ] = None,
    json_: Json = False,
    show_query: Annotated[
        bool, typer.Option(help="Print the whoosh query instead of running it.")
    ] = False,
) -> None:
    """Search the indexed reports."""
    from ..search import Query

    with user_errors():
        q = Query.build(
            text=text, section=section, year=year, agency=agency, region=region, version=version,
            province=province, city=city, county=county, agency_key=agency_key,
            where=where or [], sort=sort, desc=desc, limit=limit, offset=offset, facets=facet or [],
        )  # fmt: skip
        with open_index(index) as ix:
            if show_query:
                typer.echo(ix.explain(q))
                return
            results = ix.search(q)
    emit(results, json_, render_results)


@app.command()
def show(
    report_id: Annotated[str, typer.Argument(metavar="ID", help="Report id (or a unique prefix).")],
    index: IndexDir = None,
    json_: Json = False,
) -> None:
    """Show one indexed report."""
    with user_errors(), open_index(index) as ix:
        report = ix.get(report_id)
    emit(report, json_, render_summary)


@app.command()
def stats(index: IndexDir = None, json_: Json = False) -> None:
    """Reports, years, template versions and size of the index."""
    with open_index(index) as ix:
        result = ix.stats()
    if json_:
        print_json(result)
        return
    for name, value in result.model_dump().items():
        console.print(f"{name}: {value}", markup=False)


@app.command()
def export(
    directory: Annotated[
        Path | None, typer.Argument(metavar="[DIR]", help="With --to opensearch: write here.")
    ] = None,
    index: IndexDir = None,
    output: Annotated[str, typer.Option("--format", help="Output: jsonl or csv.")] = "jsonl",
    to: Annotated[
        str | None, typer.Option("--to", help="opensearch: a mapping and bulk files in DIR.")
    ] = None,
) -> None:
    """Every report as one row, every spec key a column; or, with --to opensearch DIR, an
    OpenSearch mapping and bulk NDJSON files."""
    from ..search.results import export_columns

    if to is not None:
        if to != "opensearch" or directory is None:
            raise fail("use: govsearch export --to opensearch DIR")
        from ..search.opensearch import export_opensearch

        with open_index(index) as ix:
            done = export_opensearch(ix.reports(), directory)
        console.print(
            f"{done.reports} reports: mapping.json and {len(done.files)} bulk files in {directory}",
            markup=False,
        )
        return
    if output not in ("jsonl", "csv"):
        raise fail(f"unknown export format {output!r}; use jsonl or csv")
    with open_index(index) as ix:
        if output == "jsonl":
            print_jsonl(ix.rows())
            return
        print_csv(ix.rows(), export_columns())
