"""The whoosh schema, declared as data.

One index holds two kinds of documents, all carrying `report_id` so that deleting a report's
term removes everything it contributed:
- `kind="report"`: metadata, the title and each section as its own TEXT field (the text is
  indexed once: free text searches all of them, `--section` one), every spec table key and
  every derived figure as NUMERIC (nulls are not indexed), and the whole `Report` JSON,
  zlib-compressed, in `report_json` (STORED) for `show` and snippets;
- `kind="measure"` / `"problem"`: one unit per problem / improvement measure (`UNIT_FIELDS`),
  what `govsearch similar` ranks.

Every TEXT field is a `PreTEXT` (`engine.fields`): it indexes either a string, or the
`Analysed` postings the parse workers computed for it, so jieba runs in parallel.

`SCHEMA_VERSION` changes whenever a change here makes older indexes unreadable; `fingerprint()`
also covers the unit fields, so an index built before they changed is caught as well.
"""

from __future__ import annotations

import hashlib

from whoosh.fields import ID, NUMERIC, STORED, TEXT, FieldType, Schema

from ..engine.fields import PreTEXT, compact, pre_text
from ..models import SECTION_KEYS
from ..parse.templates import DECIMAL_FIELDS, all_field_keys
from .analysis import CharNgramTokenizer, ChineseAnalyzer

# 5: the analyzers and field types moved to the modules of `indexer.write` and `.engine`;
# whoosh pickles them by module name, so an index of version 4 cannot be opened.
# 6: text and ID values are folded (`fold`) when indexed.
# 7: units carry `unit_key` (copied and boilerplate items, `search/corpus.py`).
# 8: units store no text (`search/similar.py` reads it from the stored report).
SCHEMA_VERSION = 8
REPORT_KIND = "report"

# Types of the spec §8 figures returned by `Report.derived()`.
DERIVED_FIELDS: dict[str, type] = {
    "disclosure_rate": float,
    "denial_rate": float,
    "review_correction_rate": float,
    "backlog": int,
    "sections_present": int,
    "consistency_failures": int,
    "quality": float,  # 0–100, `indexer/quality.py`
}

TEXT_FIELDS: tuple[str, ...] = ("title", *SECTION_KEYS)
# Keyword fields indexed in their folded form (`fold.fold`; stored as written), so filters and
# facets treat traditional and simplified spellings as one.
FOLDED_FIELDS: tuple[str, ...] = ("agency", "region", "province", "city", "county", "agency_key")
# Place fields, filtered on their `place_key` (浙江 finds 浙江省) in `<field>_key`.
PLACE_FIELDS: tuple[str, ...] = ("province", "city", "county")
FACET_FIELDS: tuple[str, ...] = (
    *("year", "agency", "region", "version"),
    *("province", "city", "county", "agency_key"),
)
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
        "kind": ID(),
        "id": ID(stored=True, unique=True),
        "report_id": ID(),
        "path": ID(stored=True),  # resolved source path: what incremental indexing compares
        "source": STORED(),
        "agency": ID(stored=True),
        "region": ID(stored=True),
        "province": ID(stored=True),
        "city": ID(stored=True),
        "county": ID(stored=True),
        "region_code": ID(stored=True),
        "agency_key": ID(stored=True),
        **{f"{name}_key": ID() for name in PLACE_FIELDS},
        # one term per year: ranges over ~20 values stay cheap, and postings shrink 8 times
        "year": NUMERIC(int, stored=True, shift_step=0),
        "published": ID(stored=True),  # ISO date: term order is date order
        "version": ID(stored=True),  # the template version (`Report.format`)
        "report_json": STORED(),
    }
    for name in TEXT_FIELDS:
        fields[name] = compact(PreTEXT(analyzer=analyzer, phrase=True, stored=name == "title"))
    for key in numeric_keys():
        fields[key] = _numeric(numeric_type(key))
    return fields


UNIT_KINDS = ("measure", "problem")
UNIT_FIELDS: dict[str, FieldType] = {
    "kind": ID(),
    "report_id": ID(),
    "agency": ID(stored=True),
    "region": ID(stored=True),
    "agency_key": ID(stored=True),
    **{f"{name}_key": ID() for name in PLACE_FIELDS},
    "year": NUMERIC(int, stored=True),
    # one term per value (no 8 precision tiers): nothing searches a range of positions
    "position": NUMERIC(int, stored=True, shift_step=0),
    # no positions: nothing runs a phrase query on units (free text searches report fields)
    "unit_text": TEXT(analyzer=ChineseAnalyzer(), phrase=False),
    "unit_ngrams": TEXT(analyzer=CharNgramTokenizer(), phrase=False),
    "unit_key": ID(),  # `fold.item_key`: the same text in other reports
}


def build_schema() -> Schema:
    fields = report_fields()
    for name, field in UNIT_FIELDS.items():
        if name not in fields:
            fields[name] = compact(pre_text(field))
        elif type(pre_text(field)) is not type(fields[name]):
            raise TypeError(f"unit field {name!r} conflicts with the report field of that name")
    return Schema(**fields)


def fingerprint(schema: Schema) -> str:
    """A short digest of field names and types, and of the stored reports' preset dictionary:
    differs when an index cannot be reused."""
    desc = ";".join(f"{n}:{type(f).__name__}" for n, f in sorted(schema.items()))
    from .codec import report_preset  # the codec's preset depends on this module's keys

    preset = hashlib.sha256(report_preset()).hexdigest()
    return hashlib.sha256(f"{SCHEMA_VERSION}|{desc}|{preset}".encode()).hexdigest()[:12]
