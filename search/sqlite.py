"""Reports into a SQLite database that datasette, DuckDB and pandas open as they are:
`Index.to_sqlite(path, query)`, what `govsearch export --format sqlite --output FILE` writes.

Written with sqlite-utils (tables, types, keys and full-text search declared, no SQL by hand):
- `reports`: one row per report, `id` the primary key; metadata (agency, agency_key,
  province, city, county, region, region_code, year, published, format, source, title), one
  column per spec table key and derived figure (INTEGER or REAL; a blank cell is NULL, never
  0), and each section's text (`s1_overview` … `s6_other`);
- `measures`: one row per improvement measure and problem (`kind`), with `report_id` a
  foreign key to `reports`, `position` (1-based), `text`, and the report's agency and year;
- `consistency`: one row per failed R1–R4 or P1 check (`report_id`, `rule`, `where`, `expected`,
  `found`);
- full-text search (FTS5) over the title and sections of `reports` and over `measures.text`,
  with SQLite's `trigram` tokenizer where it has one (3.34+): Chinese has no spaces, so
  `MATCH '政策解读'` finds substrings of three or more characters.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from govsearch.indexer.models import SECTION_KEYS, Report

from .query import figure_keys, figure_type

META = (
    "id", "agency", "agency_key", "province", "city", "county", "region", "region_code",
    "year", "published", "format", "source", "title",
)  # fmt: skip
BATCH = 200


class SqliteSummary(BaseModel):
    path: str
    reports: int
    measures: int
    problems: int
    consistency: int
    tokenizer: str


def _columns() -> dict[str, type]:
    types: dict[str, type] = {k: str for k in META} | {"year": int}
    types |= {k: figure_type(k) for k in figure_keys()}
    return types | {k: str for k in SECTION_KEYS}


def _row(report: Report, figures: dict) -> dict:
    meta = report.model_dump(mode="json", include=set(META))
    values = {**report.fields, **report.derived(), **figures}
    return (
        {k: meta.get(k) for k in META}
        | {k: values.get(k) for k in figure_keys()}
        | {k: report.sections.get(k) for k in SECTION_KEYS}
    )


def _units(report: Report) -> Iterator[dict]:
    for kind, items in (("measure", report.improvement_measures), ("problem", report.problems)):
        for position, text in enumerate(items, 1):
            yield {
                "report_id": report.id, "kind": kind, "position": position, "text": text,
                "agency": report.agency, "year": report.year,
            }  # fmt: skip


def _trigram() -> bool:
    try:
        sqlite3.connect(":memory:").execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')"
        )
    except sqlite3.OperationalError:
        return False
    return True


def write_sqlite(reports: Iterable[tuple[Report, dict]], path: str | Path) -> SqliteSummary:
    """Writes `reports` (each with its whole-index figures, `Index.iter_figured`) into a new
    database at `path` (replacing any file there)."""
    import sqlite_utils  # only this export needs it

    path = Path(path)
    # Written to a temporary file without fsyncs (it is rebuilt from the index anyway), then
    # moved into place: an interrupted export leaves no half-written database at `path`.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    try:
        counts, tokenizer = _write(db, reports)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)
    return SqliteSummary(
        path=str(path),
        reports=counts["reports"],
        measures=counts["measure"],
        problems=counts["problem"],
        consistency=counts["consistency"],
        tokenizer=tokenizer,
    )


def _write(db, reports: Iterable[tuple[Report, dict]]) -> tuple[dict[str, int], str]:
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA journal_mode = MEMORY")
    table, units, checks = db["reports"], db["measures"], db["consistency"]
    table.create(_columns(), pk="id")
    units.create(
        {"id": int, "report_id": str, "kind": str, "position": int, "text": str,
         "agency": str, "year": int},
        pk="id", foreign_keys=[("report_id", "reports", "id")],
    )  # fmt: skip
    checks.create(
        {"report_id": str, "rule": str, "where": str, "expected": float, "found": float},
        foreign_keys=[("report_id", "reports", "id")],
    )
    counts = {"reports": 0, "measure": 0, "problem": 0, "consistency": 0}
    batch: list[Report] = []
    figures: list[dict] = []

    def flush() -> None:
        table.insert_all(map(_row, batch, figures), batch_size=BATCH)
        rows = [u for r in batch for u in _units(r)]
        units.insert_all(rows, batch_size=BATCH)
        issues = [{"report_id": r.id, **c.model_dump()} for r in batch for c in r.consistency]
        checks.insert_all(issues, batch_size=BATCH)
        counts["reports"] += len(batch)
        counts["consistency"] += len(issues)
        for u in rows:
            counts[u["kind"]] += 1
        batch.clear()
        figures.clear()

    with db.conn:
        for report, figured in reports:
            batch.append(report)
            figures.append(figured)
            if len(batch) >= BATCH:
                flush()
        flush()
    tokenizer = "trigram" if _trigram() else "unicode61"
    table.enable_fts(["title", *SECTION_KEYS], tokenize=tokenizer)
    units.enable_fts(["text"], tokenize=tokenizer)
    for t, cols in ((table, ["agency_key"]), (table, ["province", "year"]), (units, ["report_id"])):
        t.create_index(cols, if_not_exists=True)
    return counts, tokenizer
