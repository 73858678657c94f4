"""Turning `Report` objects into index documents, and the bookkeeping of incremental builds.

Nothing here reads files: callers hash and parse (`batch`) and pass reports in. Every change
goes through one whoosh writer that the caller commits once at the end, or cancels; whoosh
commits by writing a new TOC generation last, so a build killed before that leaves the previous
index intact.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel, Field
from whoosh.reading import IndexReader
from whoosh.writing import IndexWriter

from .models import SECTION_KEYS, Report
from .schema import (
    REPORT_KIND,
    analyse,
    build_schema,
    numeric_keys,
    numeric_type,
    report_preset,
)
from .units import unit_documents

INT32 = (-(2**31), 2**31 - 1)


class Skipped(BaseModel):
    path: str
    reason: str


class BuildSummary(BaseModel):
    """What one `index` run did. `skipped` has one entry, with its reason, per file left out."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Skipped] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def _number(key: str, value: float | int | None) -> float | int | None:
    """The value as the field's type, or None when it cannot be indexed as that type."""
    if value is None:
        return None
    if numeric_type(key) is float:
        return float(value)
    if isinstance(value, float) and not value.is_integer():
        return None  # a fraction in a count column: a parser problem, not something to round
    value = int(value)
    return value if INT32[0] <= value <= INT32[1] else None


def report_document(report: Report, path: str | None = None) -> dict:
    """The `kind="report"` document; None values are left out (nulls are not indexed)."""
    sections = [report.sections.get(k, "") for k in SECTION_KEYS]
    doc = {
        "kind": REPORT_KIND,
        "id": report.id,
        "report_id": report.id,
        "path": path,
        "source": report.source,
        "title": report.title,
        "agency": report.agency,
        "region": report.region,
        "year": report.year,
        "published": report.published.isoformat() if report.published else None,
        "format": report.format,
        "report_json": compress_report(report),
    }
    doc.update({k: v for k, v in zip(SECTION_KEYS, sections, strict=True) if v})
    values = {**report.fields, **report.derived()}
    doc.update({k: _number(k, values.get(k)) for k in numeric_keys()})
    return {k: v for k, v in doc.items() if v is not None and v != ""}


def report_documents(report: Report, path: str | None = None) -> list[dict]:
    """The report document followed by its problem and measure units."""
    units = [{**u, "report_id": report.id} for u in unit_documents(report)]
    return [report_document(report, path), *units]


# A stored report is PRESET + zlib with `schema.report_preset()` as its dictionary (a zlib
# stream itself starts with 0x78, so older plain-zlib values stay readable).
PRESET = b"\x01"


def compress_report(report: Report) -> bytes:
    """The stored form of a report: its JSON, compressed with the preset dictionary."""
    z = zlib.compressobj(6, zdict=report_preset())
    return PRESET + z.compress(report.model_dump_json().encode()) + z.flush()


def load_report(stored: bytes | str) -> Report:
    """The `Report` from a stored `report_json` (compressed; plain JSON accepted too)."""
    if isinstance(stored, bytes):
        if stored.startswith(PRESET):
            z = zlib.decompressobj(zdict=report_preset())
            stored = z.decompress(stored[len(PRESET) :]) + z.flush()
        else:
            stored = zlib.decompress(stored)
    return Report.model_validate_json(stored)


@cache
def _schema():
    return build_schema()


def analysed_documents(report: Report, path: str | None = None) -> list[dict]:
    """`report_documents` with the text already analysed: run in the parse workers, so the
    single writer process only posts (jieba is most of the indexing CPU)."""
    schema = _schema()
    return [analyse(schema, doc) for doc in report_documents(report, path)]


def remove_report(writer: IndexWriter, report_id: str) -> None:
    """Deletes a report and all its units (they share `report_id`)."""
    writer.delete_by_term("report_id", report_id)


def add_report(
    writer: IndexWriter, report: Report, path: str | None = None, docs: list[dict] | None = None
) -> None:
    """Adds a report, replacing any earlier version with the same id. `docs`: its documents
    from `analysed_documents`, when a worker prepared them."""
    remove_report(writer, report.id)
    for doc in docs if docs is not None else report_documents(report, path):
        writer.add_document(**doc)


def field_values(reader: IndexReader, fieldname: str) -> dict[int, object]:
    """docnum → value of a single-valued indexed field, read from the postings (no columns).

    Values come in term order, so `rank` (the insertion index) sorts like the values do.
    """
    fieldobj = reader.schema[fieldname]
    values: dict[int, object] = {}
    for btext in fieldobj.sortable_terms(reader, fieldname):
        value = fieldobj.from_bytes(btext)
        for docnum in reader.postings(fieldname, btext).all_ids():
            values[docnum] = value
    return values


def indexed_reports(reader: IndexReader) -> dict[str, str | None]:
    """report id → resolved source path (None when added by the library without a path)."""
    if not reader.doc_count():
        return {}
    reports = (
        set(reader.postings("kind", REPORT_KIND).all_ids())
        if ("kind", REPORT_KIND) in reader
        else set()
    )
    ids = field_values(reader, "id")
    paths = field_values(reader, "path")
    return {ids[d]: paths.get(d) for d in reports if d in ids}


@dataclass
class Plan:
    """What to do with each file of an `index` run, decided from content hashes alone."""

    unchanged: list[str] = field(default_factory=list)
    parse: list[str] = field(default_factory=list)
    replaces: dict[str, str] = field(default_factory=dict)  # path → id of its previous version
    skipped: list[Skipped] = field(default_factory=list)
    prune: list[str] = field(default_factory=list)  # ids whose files are gone


def plan_update(
    indexed: dict[str, str | None], hashed: dict[str, str], gone: set[str], prune: bool
) -> Plan:
    """`indexed`: id → path in the index; `hashed`: path → content id of each file given;
    `gone`: indexed paths that no longer exist on disk."""
    plan = Plan()
    by_path = {p: i for i, p in indexed.items() if p}
    seen: dict[str, str] = {}
    for path, cid in hashed.items():
        if by_path.get(path) == cid:
            plan.unchanged.append(path)
        elif cid in seen:
            plan.skipped.append(Skipped(path=path, reason=f"same content as {seen[cid]}"))
        elif cid in indexed and indexed[cid] not in (None, path) and indexed[cid] not in gone:
            plan.skipped.append(Skipped(path=path, reason=f"same content as {indexed[cid]}"))
        else:
            plan.parse.append(path)
            if path in by_path:
                plan.replaces[path] = by_path[path]
        seen.setdefault(cid, path)
    if prune:
        moved = {hashed[p] for p in plan.parse}
        plan.prune = [i for i, p in indexed.items() if p in gone and i not in moved]
    return plan
