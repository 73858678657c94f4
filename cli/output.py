"""What every command prints, in one place: the shared options (`--index`, `--json`,
`--jsonl`, `--csv`), the renderers (rich tables, JSON, JSON lines, CSV) and one-line errors.

Command modules declare options and make one library call; the shape of what they print
(which keys the JSON of a hit has, which columns a table shows) is decided here.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..search.errors import SearchError

if TYPE_CHECKING:  # the library (whoosh, numpy) loads only when a command runs
    from ..indexer.models import Report
    from ..search import Index, Results
    from ..search.similar import MeasureGroup, SimilarResults

console = Console(emoji=False)  # report text and paths are never markup nor emoji codes
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

# --- shared options ------------------------------------------------------------------------

IndexDir = Annotated[
    Path | None,
    typer.Option(
        "--index", help="Index directory (default: $GOVSEARCH_INDEX, else the user data dir)."
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
JsonLines = Annotated[bool, typer.Option("--jsonl", help="Print one JSON object per line.")]
Csv = Annotated[bool, typer.Option("--csv", help="Print CSV.")]

# Agency and place filters of `query` and `similar` (folded: 長春市 finds 长春市).
Year = Annotated[str | None, typer.Option(help="2021 or 2019..2021.")]
Agency = Annotated[str | None, typer.Option(help="Agency name (either script).")]
Region = Annotated[str | None, typer.Option(help="Region name (either script).")]
Province = Annotated[str | None, typer.Option(help="Province: 浙江省 or 浙江.")]
City = Annotated[str | None, typer.Option(help="City: 杭州市 or 杭州.")]
County = Annotated[str | None, typer.Option(help="County or district: 湛河区 or 湛河.")]
AgencyKey = Annotated[str | None, typer.Option(help="The same agency across years (agency_key).")]


@contextmanager
def user_errors() -> Iterator[None]:
    """A library error becomes its one-line message and exit code 1, never a traceback."""
    try:
        yield
    except SearchError as e:
        raise fail(str(e)) from None


def emit(obj: Any, as_json: bool, render: Callable[[Any], Any]) -> None:
    """`obj` as JSON with `--json`, else its rendering (printed when it returns a table)."""
    if as_json:
        print_json(obj)
    elif (shown := render(obj)) is not None:
        console.print(shown)


def open_index(index: Path | None) -> Index:
    """The index of `--index`, or a one-line error and exit 1."""
    from ..search import Index

    try:
        return Index.open(index)
    except SearchError as e:
        raise fail(str(e)) from None


# --- plain output ----------------------------------------------------------------------------


def to_jsonable(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):  # a pydantic model (not imported here: start-up time)
        return obj.model_dump(mode="json")
    if isinstance(obj, list | tuple):
        return [to_jsonable(o) for o in obj]
    return obj


# Undecodable bytes of a file name (kept by Python as lone surrogates) and control characters
# (ANSI escapes in a name would reach the terminal).
SURROGATE = re.compile("[\ud800-\udfff]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """`text` safe to print: undecodable file-name bytes as `\\xff`, control characters as
    `\\x1b`; everything else as is."""
    if SURROGATE.search(text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def plain(value: object) -> Text:
    """A table cell or title that rich never reads as markup (report text, paths)."""
    return Text(shown(str(value)))


def _json(obj: Any, indent: int | None = None) -> str:
    """JSON that is valid UTF-8: a lone surrogate (an undecodable file-name byte) becomes its
    \\u escape, which JSON allows and Python reads back to the same string."""
    out = json.dumps(to_jsonable(obj), ensure_ascii=False, indent=indent)
    return SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def print_json(obj: Any) -> None:
    sys.stdout.write(_json(obj, indent=2) + "\n")


def print_jsonl(objs: Any, out: Any = None) -> None:
    out = out or sys.stdout
    for obj in objs:
        out.write(_json(obj) + "\n")


def print_csv(
    rows: Iterable[dict], columns: Iterable[str], bom: bool = False, out: Any = None
) -> None:
    """Rows as CSV on stdout (or `out`), streamed; `bom`: a UTF-8 byte order mark first."""
    out = out or sys.stdout
    rows = iter(rows)
    first = next(rows, None)  # a bad request fails here, before anything is printed
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    if first is not None:
        writer.writerow(first)
    writer.writerows(rows)


def error(message: str) -> None:
    """One line on stderr, no markup interpretation (paths may contain brackets), control
    characters and undecodable bytes escaped."""
    err_console.print(shown(message), markup=False, emoji=False)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise: `raise fail("...")`."""
    error(f"error: {message}")
    return typer.Exit(code)


# --- reports and search results --------------------------------------------------------------


def render_summary(report: Report) -> Table:
    known = sum(v is not None for v in report.fields.values())
    title = plain(report.source) if report.source else None
    table = Table(title=title, show_header=False, title_justify="left", box=None)
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
        table.add_row(name, plain("—" if value is None else value))
    return table


def render_results(results: Results, short_ids: dict[str, str] | None = None) -> None:
    """The hits (short id, agency, year, each --where/--sort value, section, snippet), then
    the facets, each cut to its top values with '… and N more'."""
    short_ids = short_ids or {}
    keys = list(results.hits[0].values) if results.hits else []
    if results.hits:
        table = Table(title=f"{results.total} reports", title_justify="left")
        for name in ("id", "agency", "year", *keys, "section", "snippet"):
            table.add_column(name, overflow="fold", no_wrap=name == "id")
        for hit in results.hits:
            snippet = Text(hit.snippet)
            for h in hit.highlights:
                snippet.stylize("bold reverse", h.start, h.end)
            values = ["" if hit.values.get(k) is None else f"{hit.values[k]:g}" for k in keys]
            table.add_row(
                short_ids.get(hit.id, hit.id), plain(hit.agency or "—"), plain(hit.year or "—"),
                *values, plain(hit.section or "—"), snippet,
            )  # fmt: skip
        console.print(table)
    else:
        console.print(f"{results.total} reports", markup=False)
    for name, counts in results.facets.items():
        line = f"{name}: " + ", ".join(f"{k} ({n})" for k, n in counts.items())
        more = results.facets_more.get(name)
        line += f", … and {more} more" if more else ""
        console.print(shown(line), markup=False, emoji=False)


# --- similar measures ------------------------------------------------------------------------

SIMILAR_JSON_KEYS = {"report_id", "agency", "year", "text", "score"}


def similar_json(results: SimilarResults, grouped: bool) -> dict:
    """The `similar --json` object: a few keys per hit (and `count` when grouped)."""
    keys = SIMILAR_JSON_KEYS | ({"count"} if grouped else set())
    return {"hits": [hit.model_dump(include=keys) for hit in results.hits]}


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
            plain(hit.agency or hit.report_id),
            plain(hit.year or "—"),
            f"{hit.score:.2f}{label}",
            str(hit.position),
            highlighted(hit.text, hit.highlights),
        )
    return table


AGENCIES_SHOWN = 5  # per group of `measures --common`; the JSON has them all


def render_groups(groups: list[MeasureGroup]) -> Table:
    table = Table(show_lines=True)
    table.add_column("reports", justify="right")
    table.add_column("representative", ratio=2, overflow="fold")
    table.add_column("agencies", ratio=1, overflow="fold")
    for group in groups:
        agencies = sorted({m.agency or m.report_id for m in group.members})
        more = (
            f"\n… and {len(agencies) - AGENCIES_SHOWN} more"
            if len(agencies) > AGENCIES_SHOWN
            else ""
        )
        names = "\n".join(agencies[:AGENCIES_SHOWN]) + more
        table.add_row(str(group.reports), plain(group.representative), plain(names))
    return table
