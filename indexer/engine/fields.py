"""Field types that post what the parse workers analysed, and compact position postings.

- `PreTEXT` is a TEXT field that also indexes an `Analysed` value: postings computed in a
  worker process (`analyse`), so jieba runs in parallel and the writer only posts. For an
  analyzer that can say what it yields as a mapping (`term_positions(value)`, or
  `term_counts(value)`), the postings are built from that mapping without whoosh's token
  stream (`direct_items`).
- `CompactPositions` stores a posting's positions as one machine array of deltas.

Relies on whoosh internals: the `(term bytes, frequency, weight, value bytes)` items that
`FieldType.index` yields and the writer posts, the `Positions`/`Frequency` value encodings
(`pack_uint`), replacing `field.format` on a built field, and copying a field's `__dict__`
into a subclass instance (`pre_text`).
"""

from __future__ import annotations

from array import array
from itertools import accumulate

from whoosh.fields import TEXT, FieldType, Schema
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint


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
        if not kwargs and (items := direct_items(self, value)) is not None:
            return iter(items)
        return super().index(value, **kwargs)


def direct_items(field: TEXT, value: str) -> list | None:
    """`field.index(value)` computed without whoosh's token stream, for analyzers that give
    term → positions (`term_positions`) or term → frequency (`term_counts`); None for any
    other field. The same postings, in another order (the writer sorts them)."""
    ana, fmt = field.analyzer, field.format
    fb = fmt.field_boost
    if isinstance(fmt, Positions) and hasattr(ana, "term_positions"):
        terms = ana.term_positions(value)
        return [(w.encode(), len(p), len(p) * fb, fmt.encode(p)) for w, p in terms.items()]
    if type(fmt) is Frequency and hasattr(ana, "term_positions"):
        terms = ana.term_positions(value)
        return [(w.encode(), len(p), len(p) * fb, pack_uint(len(p))) for w, p in terms.items()]
    if type(fmt) is Frequency and hasattr(ana, "term_counts"):
        counts = ana.term_counts(value)
        return [(w.encode(), n, n * fb, pack_uint(n)) for w, n in counts.items()]
    return None


def pre_text(field: FieldType) -> FieldType:
    """`field` as a `PreTEXT` when it is a plain TEXT."""
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
