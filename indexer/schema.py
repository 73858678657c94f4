"""The whoosh schema, declared as data.

One index holds two kinds of documents, all carrying `report_id` so that deleting a report's
term removes everything it contributed:
- `kind="report"`: metadata, each section as its own TEXT field plus `body` (title and all
  sections), every spec table key and every derived figure as NUMERIC (nulls are not indexed),
  and the whole `Report` JSON in `report_json` (STORED) for `show` and snippets;
- one unit per problem / improvement measure, whose fields come from `govsearch.indexer.units`.

`SCHEMA_VERSION` changes whenever a change here makes older indexes unreadable; `fingerprint()`
also covers the unit fields, so an index built before they changed is caught as well.
"""

from __future__ import annotations

import hashlib

from whoosh.fields import ID, NUMERIC, STORED, TEXT, FieldType, Schema

from .analysis import ChineseAnalyzer
from .models import SECTION_KEYS
from .templates import DECIMAL_FIELDS, all_field_keys

try:
    from .units import UNIT_FIELDS
except ImportError:  # the units module is optional: reports are searchable without it
    UNIT_FIELDS: dict[str, FieldType] = {}

SCHEMA_VERSION = 1
REPORT_KIND = "report"

# Types of the spec §8 figures returned by `Report.derived()`.
DERIVED_FIELDS: dict[str, type] = {
    "disclosure_rate": float,
    "denial_rate": float,
    "review_correction_rate": float,
    "backlog": int,
    "sections_present": int,
    "consistency_failures": int,
}

TEXT_FIELDS: tuple[str, ...] = ("body", *SECTION_KEYS)
FACET_FIELDS: tuple[str, ...] = ("year", "agency", "region", "format")
SORT_FIELDS: tuple[str, ...] = ("year", "published", "agency")


def numeric_keys() -> tuple[str, ...]:
    """Every key usable in `--where` and `--sort`: spec table keys, then derived figures."""
    return (*all_field_keys(), *DERIVED_FIELDS)


def numeric_type(key: str) -> type:
    if key in DERIVED_FIELDS:
        return DERIVED_FIELDS[key]
    return float if key in DECIMAL_FIELDS else int


def _numeric(numtype: type) -> NUMERIC:
    # Not sortable: 230 columns would cost more than the text; sorting reads the postings.
    # shift_step=0: one term per value instead of 8-16 precision tiers. Counts take few distinct
    # values, so a range query enumerating them stays cheap, and the index is several times smaller.
    if numtype is float:
        return NUMERIC(float, shift_step=0)
    return NUMERIC(int, bits=32, signed=True, shift_step=0)


def report_fields() -> dict[str, FieldType]:
    analyzer = ChineseAnalyzer()
    fields: dict[str, FieldType] = {
        "kind": ID(stored=True),
        "id": ID(stored=True, unique=True),
        "report_id": ID(stored=True),
        "path": ID(stored=True),  # resolved source path: what incremental indexing compares
        "source": STORED(),
        "title": STORED(),
        "agency": ID(stored=True),
        "region": ID(stored=True),
        "year": NUMERIC(int, stored=True),
        "published": ID(stored=True),  # ISO date: term order is date order
        "format": ID(stored=True),
        "report_json": STORED(),
    }
    for name in TEXT_FIELDS:
        fields[name] = TEXT(analyzer=analyzer, phrase=True)
    for key in numeric_keys():
        fields[key] = _numeric(numeric_type(key))
    return fields


def build_schema() -> Schema:
    fields = report_fields()
    for name, field in UNIT_FIELDS.items():
        if name not in fields:
            fields[name] = field
        elif type(field) is not type(fields[name]):
            raise TypeError(f"unit field {name!r} conflicts with the report field of that name")
    return Schema(**fields)


def fingerprint(schema: Schema) -> str:
    """A short digest of field names and types: differs when an index cannot be reused."""
    desc = ";".join(f"{n}:{type(f).__name__}" for n, f in sorted(schema.items()))
    return hashlib.sha256(f"{SCHEMA_VERSION}|{desc}".encode()).hexdigest()[:12]
