"""What each field costs on disk: postings, term index and stored bytes, per field.

For deciding what to cut from the index (issue #13: index size). Postings are the extents
the term infos point at (inlined postings count in the term index, where they live); the
term index is each key and value of whoosh3's ordered hash table; stored bytes are each
field's value pickled alone (whoosh pickles a document's stored dict in one go, so this is
an estimate, within a few bytes a field). Relies on `W3TermsReader._tindex` (raw key and
value bytes), `_keydecoder` and `W3TermInfo.from_bytes` / `extent`.
"""

from __future__ import annotations

import pickle
from collections import defaultdict

from whoosh.codec.whoosh3 import W3TermInfo, W3TermsReader
from whoosh.reading import IndexReader


def field_sizes(reader: IndexReader, stored_sample: int = 2000) -> dict[str, dict[str, int]]:
    """field → {"terms", "postings", "term_index", "stored"} bytes over all segments.
    Stored bytes are measured on the first `stored_sample` documents and scaled up."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_KEYS, 0))
    for sub, _ in reader.leaf_readers():
        terms = getattr(sub, "_terms", None)
        if not isinstance(terms, W3TermsReader):
            continue
        for key, value in terms._tindex.items():
            field, _ = terms._keydecoder(key)
            row = out[field]
            row["terms"] += 1
            row["term_index"] += len(key) + len(value)
            info = W3TermInfo.from_bytes(value)
            if not info.is_inlined():
                length = info.extent()[1]
                row["postings"] += length[0] if isinstance(length, tuple) else length
    docs = reader.doc_count_all()
    sample = min(docs, stored_sample)
    for docnum in range(sample):
        if reader.is_deleted(docnum):
            continue
        for field, value in reader.stored_fields(docnum).items():
            out[field]["stored"] += len(pickle.dumps(value, 2))
    if sample:
        for row in out.values():
            row["stored"] = row["stored"] * docs // sample
    return dict(out)


_KEYS = ("terms", "postings", "term_index", "stored")
