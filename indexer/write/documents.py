"""`Report` → index documents: one `kind="report"` document, then one unit per improvement
measure and problem (spec §6), all sharing `report_id` (see `schema`).

Units are what `govsearch similar` ranks and what `govsearch measures --common` groups;
`search/similar.py` holds that logic. `analysed_documents` is what a build worker returns:
the documents with their text already analysed, so the writer only posts.
"""

from __future__ import annotations

from functools import cache

from ..engine.fields import analyse
from ..fold import fold, item_key, place_key
from ..models import SECTION_KEYS, Report
from .codec import compress_report
from .schema import (
    FOLDED_FIELDS,
    PLACE_FIELDS,
    REPORT_KIND,
    UNIT_FIELDS,
    build_schema,
    numeric_keys,
    numeric_type,
)

INT32 = (-(2**31), 2**31 - 1)


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


def place_terms(report: Report, stored: bool) -> dict:
    """Agency and place fields as indexed: folded values (stored as written, or not stored
    at all), and the `place_key` of each place for the filters."""
    doc: dict = {}
    for name in FOLDED_FIELDS:
        if value := getattr(report, name):
            doc[name] = fold(value)
            doc[f"_stored_{name}"] = value if stored else None
    for name in PLACE_FIELDS:
        if value := getattr(report, name):
            doc[f"{name}_key"] = place_key(value)
    return doc


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
        **place_terms(report, stored=True),
        "region_code": report.region_code,
        "year": report.year,
        "published": report.published.isoformat() if report.published else None,
        "version": report.format,
        "report_json": compress_report(report),
    }
    doc.update({k: v for k, v in zip(SECTION_KEYS, sections, strict=True) if v})
    values = {**report.fields, **report.derived()}
    doc.update({k: _number(k, values.get(k)) for k in numeric_keys()})
    return {k: v for k, v in doc.items() if k.startswith("_stored_") or v not in (None, "")}


def unit_documents(report: Report) -> list[dict]:
    """One document per improvement measure, then one per problem; positions are 1-based."""
    docs = []
    for kind, items in (("measure", report.improvement_measures), ("problem", report.problems)):
        for position, text in enumerate(items, start=1):
            text = text.strip()
            if not text:
                continue
            doc = {
                "kind": kind,
                "report_id": report.id,
                "position": position,
                "unit_text": text,
                "unit_ngrams": text,
                "unit_key": item_key(text),  # copies across years and agencies (search/corpus)
            }
            # Indexed (similar units filter on them) but not stored: readers take them from
            # the report, and storing them on every unit cost ~3% of the index.
            places = place_terms(report, stored=False)
            doc.update(
                (k, v) for k, v in places.items() if k.removeprefix("_stored_") in UNIT_FIELDS
            )
            if report.year is not None:
                doc.update(year=report.year, _stored_year=None)
            docs.append(doc)
    return docs


def report_documents(report: Report, path: str | None = None) -> list[dict]:
    """The report document followed by its problem and measure units."""
    return [report_document(report, path), *unit_documents(report)]


@cache
def _schema():
    return build_schema()


def analysed_documents(report: Report, path: str | None = None) -> list[dict]:
    """`report_documents` with the text already analysed: run in the build workers, so
    posting is all that is left (jieba is most of the indexing CPU)."""
    schema = _schema()
    return [analyse(schema, doc) for doc in report_documents(report, path)]
