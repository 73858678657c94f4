"""The whoosh schema, declared as data.

One index holds two kinds of documents, all carrying `report_id` so that deleting a report's
term removes everything it contributed:
- `kind="report"`: metadata, the title and each section as its own TEXT field (the text is
  indexed once: free text searches all of them, `--section` one), every spec table key and
  every derived figure as NUMERIC (nulls are not indexed), and the whole `Report` JSON,
  zlib-compressed, in `report_json` (STORED) for `show` and snippets;
- one unit per problem / improvement measure, whose fields come from `govsearch.indexer.units`.

Every TEXT field is a `PreTEXT`: it indexes either a string, or the `Analysed` postings the
parse workers computed for it, so jieba runs in parallel, not in the single writer process.

`SCHEMA_VERSION` changes whenever a change here makes older indexes unreadable; `fingerprint()`
also covers the unit fields, so an index built before they changed is caught as well.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from functools import cache
from itertools import accumulate

from whoosh.analysis import LowercaseFilter
from whoosh.fields import ID, NUMERIC, STORED, TEXT, FieldType, Schema
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from .analysis import (
    ChineseAnalyzer,
    ChineseTokenizer,
    StopFilter,
    domain_words,
    index_positions,
)
from .models import SECTION_KEYS, ConsistencyIssue, Report
from .templates import DECIMAL_FIELDS, all_field_keys
from .units import UNIT_FIELDS, CharNgramTokenizer, char_ngrams

SCHEMA_VERSION = 4
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

TEXT_FIELDS: tuple[str, ...] = ("title", *SECTION_KEYS)
FACET_FIELDS: tuple[str, ...] = ("year", "agency", "region", "format")
SORT_FIELDS: tuple[str, ...] = ("year", "published", "agency")


class Analysed:
    """A text value already analysed (in a parse worker): `field.index()` output, ready to post."""

    __slots__ = ("items",)

    def __init__(self, items: tuple):
        self.items = items

    def __reduce__(self):  # compact pickles: they cross the process pool for every report
        return (Analysed, (self.items,))


class CompactPositions(Positions):
    """`Positions` whose posting value is the position deltas as a machine array: one type
    byte, then 1, 2 or 4 bytes a delta (the smallest that holds the largest). whoosh pickles
    each list (14 bytes for one position), text postings are half the index, and `array`
    decodes in C as `pickle` did."""

    def encode(self, poslist: list[int]) -> bytes:
        deltas = [b - a for a, b in zip([0, *poslist], poslist, strict=False)]
        top = max(deltas, default=0)
        packed = array("B" if top < 256 else "H" if top < 65536 else "I", deltas)
        return packed.typecode.encode() + packed.tobytes()

    def _deltas(self, valuestring: bytes) -> array:
        return array(chr(valuestring[0]), valuestring[1:])

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(accumulate(self._deltas(valuestring)))

    def decode_frequency(self, valuestring: bytes) -> int:
        return (len(valuestring) - 1) // array(chr(valuestring[0])).itemsize

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


def compact(field: FieldType) -> FieldType:
    """`field` with its `Positions` postings stored as `CompactPositions`."""
    if type(field.format) is Positions:
        field.format = CompactPositions(field_boost=field.format.field_boost)
    return field


class PreTEXT(TEXT):
    """A TEXT field that also accepts an `Analysed` value (the writer then only posts it)."""

    def index(self, value, **kwargs):
        if isinstance(value, Analysed):
            return iter(value.items)
        if not kwargs and (items := _direct_items(self, value)) is not None:
            return iter(items)
        return super().index(value, **kwargs)


def _direct_items(field: TEXT, value: str) -> list | None:
    """`field.index(value)` computed without whoosh's token stream, for the two analyzers of
    this schema (jieba words with positions or frequencies, character bigrams with
    frequencies); None for any other field. The same postings, in another order (the writer
    sorts them)."""
    ana, fmt = field.analyzer, field.format
    fb = fmt.field_boost
    if isinstance(fmt, Positions) and _is_chinese(ana):
        terms = index_positions(value, ana.items[2].stops)
        return [(w.encode(), len(p), len(p) * fb, fmt.encode(p)) for w, p in terms.items()]
    if type(fmt) is Frequency and _is_chinese(ana):
        terms = index_positions(value, ana.items[2].stops)
        return [(w.encode(), len(p), len(p) * fb, pack_uint(len(p))) for w, p in terms.items()]
    if type(fmt) is Frequency and type(ana) is CharNgramTokenizer:
        counts = Counter(char_ngrams(value))
        return [(w.encode(), n, n * fb, pack_uint(n)) for w, n in counts.items()]
    return None


def _is_chinese(analyzer) -> bool:
    parts = getattr(analyzer, "items", ())
    return [type(p) for p in parts] == [ChineseTokenizer, LowercaseFilter, StopFilter]


def pre_text(field: FieldType) -> FieldType:
    """`field` as a `PreTEXT` when it is a plain TEXT (unit fields come from `units`)."""
    if type(field) is not TEXT:
        return field
    pre = PreTEXT.__new__(PreTEXT)
    pre.__dict__.update(field.__dict__)
    return pre


def analyse(schema: Schema, doc: dict) -> dict:
    """`doc` with every TEXT value replaced by its postings; stored text kept via `_stored_`."""
    out = dict(doc)
    for name, value in doc.items():
        if name not in schema or not isinstance(value, str):
            continue
        if isinstance(field := schema[name], PreTEXT):
            out[name] = Analysed(tuple(field.index(value)))
            if field.stored:
                out[f"_stored_{name}"] = value
    return out


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
        "agency": ID(stored=True),
        "region": ID(stored=True),
        # one term per year: ranges over ~20 values stay cheap, and postings shrink 8 times
        "year": NUMERIC(int, stored=True, shift_step=0),
        "published": ID(stored=True),  # ISO date: term order is date order
        "format": ID(stored=True),
        "report_json": STORED(),
    }
    for name in TEXT_FIELDS:
        fields[name] = compact(PreTEXT(analyzer=analyzer, phrase=True, stored=name == "title"))
    for key in numeric_keys():
        fields[key] = _numeric(numeric_type(key))
    return fields


def build_schema() -> Schema:
    fields = report_fields()
    for name, field in UNIT_FIELDS.items():
        if name not in fields:
            fields[name] = compact(pre_text(field))
        elif type(pre_text(field)) is not type(fields[name]):
            raise TypeError(f"unit field {name!r} conflicts with the report field of that name")
    return Schema(**fields)


@cache
def report_preset() -> bytes:
    """zlib's preset dictionary for stored reports (`build.compress_report`): the domain words,
    then a report's JSON with every key and no values. Each report repeats those ~230 key
    names, which zlib alone re-sends every time: stored reports shrink by about 15%.
    Stored reports need the same bytes to decompress, so the fingerprint covers them."""
    skeleton = Report(
        id="",
        fields=dict.fromkeys(numeric_keys()),
        sections=dict.fromkeys(SECTION_KEYS, ""),
        consistency=[ConsistencyIssue(rule="R1", where="", expected=0, found=0)],
    )
    return "".join(domain_words()).encode() + skeleton.model_dump_json().encode()


def fingerprint(schema: Schema) -> str:
    """A short digest of field names and types, and of the stored reports' preset dictionary:
    differs when an index cannot be reused."""
    desc = ";".join(f"{n}:{type(f).__name__}" for n, f in sorted(schema.items()))
    preset = hashlib.sha256(report_preset()).hexdigest()
    return hashlib.sha256(f"{SCHEMA_VERSION}|{desc}|{preset}".encode()).hexdigest()[:12]
