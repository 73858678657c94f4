"""`govsearch index | import | query | export`: options → one library call → a renderer.

`show`, `stats` and `trend` are in `results_cmds`. The library is imported inside the
commands, so `--help` and argument errors stay fast (tests/test_speed.py).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
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
    Csv,
    IndexDir,
    Json,
    JsonLines,
    Province,
    Region,
    Year,
    console,
    err_console,
    error,
    fail,
    open_index,
    print_csv,
    print_json,
    print_jsonl,
    render_results,
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
    """Add report files to the index: unchanged files are skipped, changed ones replaced.
    Exit 1 when any file was skipped, 2 when nothing at all was indexed."""
    from ..search import Index

    with user_errors(), _progress() as progress:
        summary = Index.build(
            paths, index, rebuild=rebuild, prune=prune, workers=workers,
            on_progress=progress, timeout=timeout,
        )  # fmt: skip
    for s in summary.skipped:
        error(f"skipped {s.path}: {s.reason}")
    console.print(
        f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"removed {summary.removed}, skipped {len(summary.skipped)}",
        markup=False,
    )
    if not summary.indexed:
        n = len(summary.skipped)
        found = f"{n} file{'s' * (n != 1)} skipped" if n else "no report files found"
        raise fail(f"nothing was indexed ({found})", code=2)
    if summary.skipped:
        raise typer.Exit(1)


@app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="Files of `export --format reports`.")],
    index: IndexDir = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds to wait for another writer.")
    ] = DEFAULT_TIMEOUT,
) -> None:
    """Index reports exported by `export --format reports` (data only: nothing is parsed or
    executed), the safe way to share a corpus. A bad line stops the import before anything
    is written.

    Example: govsearch export --format reports -o corpus.jsonl; govsearch import corpus.jsonl
    """
    from ..indexer.read.exported import read_exported
    from ..search import Index

    try:
        reports = [r for f in files for r in read_exported(f)]
    except (OSError, ValueError) as e:  # a missing file, or a line that is no report
        raise fail(str(e) if isinstance(e, ValueError) else f"{e.filename}: {e.strerror}") from None
    with user_errors():
        if not reports:
            raise fail("nothing to import: the files hold no reports", code=2)
        with Index.open_or_create(index) as ix:
            added = ix.add(reports, timeout=timeout)
    console.print(f"imported {added} reports", markup=False)


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


def _page(limit: int | None, export: bool) -> int:
    """The `Query.limit` of a query: 10 by default; an export's --limit caps `iter_hits`."""
    if limit is None or (export and limit >= 0):
        return 10
    return limit


@app.command()
def query(
    text: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, field:term.')] = "",
    index: IndexDir = None,
    section: Annotated[
        str | None, typer.Option(help="Search one section, e.g. s5_problems.")
    ] = None,
    year: Year = None,
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
    limit: Annotated[
        int | None,
        typer.Option(help="Hits to show (default 10; --json/--csv/--jsonl: all); 0: facets only."),
    ] = None,
    offset: Annotated[int, typer.Option(help="Hits to skip.")] = 0,
    facet: Annotated[
        list[str] | None,
        typer.Option(
            help="Count hits by year|agency|region|version|province|city|county|agency_key."
        ),
    ] = None,
    facet_limit: Annotated[
        int, typer.Option(help="Values shown per facet, most frequent first; 0: all.")
    ] = 10,
    json_: Json = False,
    jsonl: JsonLines = False,
    csv_: Csv = False,
    fields: Annotated[
        str | None, typer.Option(help="--csv/--jsonl columns, comma-separated (KEY,KEY).")
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", "--bom", help="Start the CSV with a UTF-8 BOM (Excel).")
    ] = False,
    show_query: Annotated[
        bool, typer.Option(help="Print the whoosh query instead of running it.")
    ] = False,
) -> None:
    """Search the indexed reports.

    Example: govsearch query 政策解读 --where "app_new__total>=10" --csv --excel > hits.csv
    """
    from ..search import Query
    from ..search.hits import hit_columns

    if excel and not csv_:
        raise fail("--excel (--bom) goes with --csv")
    with user_errors():
        q = Query.build(
            text=text, section=section, year=year, agency=agency, region=region, version=version,
            province=province, city=city, county=county, agency_key=agency_key,
            where=where or [], sort=sort, desc=desc, limit=_page(limit, csv_ or jsonl),
            offset=offset, facets=facet or [], facet_limit=facet_limit or None,
        )  # fmt: skip
        if json_ and limit is None:  # every hit (`build` drops None: it means "the default")
            q = q.model_copy(update={"limit": None})
        columns = hit_columns(q, fields.split(",") if fields is not None else None)
        with open_index(index) as ix:
            if show_query:
                typer.echo(ix.explain(q))
                return
            ix.check_filters(
                q
            )  # an unknown agency or place: one line naming the closest, not 0 hits
            if csv_ or jsonl:
                rows = ix.iter_hits(q, fields=columns, limit=limit)
                print_csv(rows, columns, bom=excel) if csv_ else print_jsonl(rows)
                return
            results = ix.search(q)
            short = ix.short_ids(h.id for h in results.hits)
    if json_:
        print_json(results)
    else:
        render_results(results, short)


@app.command()
def export(
    text: Annotated[str, typer.Argument(help="Only reports matching this query text.")] = "",
    index: IndexDir = None,
    output: Annotated[
        str, typer.Option("--format", help="jsonl, csv, sqlite, or reports (for `import`).")
    ] = "jsonl",
    to: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (sqlite: required).")
    ] = None,
    year: Year = None,
    agency: Agency = None,
    region: Region = None,
    province: Province = None,
    city: City = None,
    county: County = None,
    agency_key: AgencyKey = None,
    version: Annotated[str | None, typer.Option(help="Template version.")] = None,
    where: Annotated[
        list[str] | None, typer.Option(help='"KEY OP NUMBER", repeatable (ANDed).')
    ] = None,
    sort: Annotated[
        str, typer.Option(help="score, year, published, agency or a spec key.")
    ] = "score",
    desc: Annotated[bool, typer.Option(help="Sort descending.")] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many reports.")] = None,
    excel: Annotated[
        bool, typer.Option("--excel", "--bom", help="Start the CSV with a UTF-8 BOM (Excel).")
    ] = False,
    target: Annotated[
        str | None,
        typer.Option("--to", help="opensearch: a mapping and bulk files in the --output folder."),
    ] = None,
) -> None:
    """Every report (or every one a query matches, with `query`'s filters) as one row, every
    spec key a column.

    Example: govsearch export --format csv --province 河南 --year 2021 > henan-2021.csv
    Example: govsearch export --format sqlite --output reports.db
    Example: govsearch export --to opensearch --output os-out
    """
    from ..search import Query
    from ..search.results import export_columns, report_row

    if target is not None:
        if target != "opensearch" or to is None:
            raise fail("use: govsearch export --to opensearch --output DIR")
        from ..search.opensearch import export_opensearch

        with open_index(index) as ix:
            done = export_opensearch(ix.iter_figured(Query(limit=None)), to)
        console.print(
            f"{done.reports} reports: mapping.json and {len(done.files)} bulk files in {to}",
            markup=False,
        )
        return
    if output not in ("jsonl", "csv", "sqlite", "reports"):
        raise fail(f"unknown export format {output!r}; use jsonl, csv, sqlite or reports")
    if excel and output != "csv":
        raise fail("--excel (--bom) goes with --format csv")
    if output == "sqlite" and to is None:
        raise fail("--format sqlite writes a file: give --output FILE")
    with user_errors():
        q = Query.build(
            text=text, year=year, agency=agency, region=region, province=province, city=city,
            county=county, agency_key=agency_key, version=version, where=where or [],
            sort=sort, desc=desc,
        )  # fmt: skip
        with open_index(index) as ix:
            ix.check_filters(q)
            if output == "sqlite":
                summary = ix.to_sqlite(to, q, limit=limit)
            else:
                with _stdout_or(to) as out:
                    if output == "reports":  # whole reports, for `govsearch import`
                        for report in ix.iter_reports(q, limit=limit):
                            out.write(report.model_dump_json() + "\n")
                        return
                    rows = (report_row(r, f) for r, f in ix.iter_figured(q, limit=limit))
                    if output == "jsonl":
                        print_jsonl(rows, out)
                    else:
                        print_csv(rows, export_columns(), bom=excel, out=out)
                return
    typer.echo(
        f"wrote {summary.path}: {summary.reports} reports, {summary.measures} measures, "
        f"{summary.problems} problems, {summary.consistency} consistency failures "
        f"(full-text search: {summary.tokenizer})"
    )


@contextmanager
def _stdout_or(path: Path | None):
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as f:
        yield f
