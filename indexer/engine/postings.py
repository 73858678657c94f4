"""A term's postings as numpy arrays, read a block at a time from whoosh3 segments.

whoosh's matchers step through postings one Python call at a time (and a segment with
deletions adds a FilterMatcher per posting): reading whole blocks is ~10x faster for the
common terms of this corpus, which occur in most reports. Deleted documents are dropped
with numpy; other codecs fall back to the matcher.
"""

from __future__ import annotations

from itertools import compress
from weakref import WeakKeyDictionary

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermsReader
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher

EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


_LIVE: WeakKeyDictionary = WeakKeyDictionary()


def _live(reader) -> np.ndarray | None:
    """A mask over a segment's docnums, False where deleted (None without deletions): one
    gather a postings read, where `np.isin` against the deleted docnums hashed them each time
    (40% of the query mix's CPU on an index with 1% of its reports replaced). A reader's
    deletions never change, so the mask is kept as long as the reader lives."""
    if not reader.has_deletions():
        return None
    if (live := _LIVE.get(reader)) is None:
        live = np.ones(reader.doc_count_all(), dtype=bool)
        live[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = False
        _LIVE[reader] = live
    return live


def _leaf(reader, fieldname: str, info, format_):
    """The matcher of a term's postings (`info`, its term info). A whoosh3 block list is read
    from one in-memory copy of its bytes: whoosh reads a block header with `pickle.load` on
    the file, dozens of tiny reads a block without mmap (the index opens without it)."""
    terms = reader._terms
    if info.is_inlined() or not hasattr(info, "extent"):
        return terms._codec.postings_reader(terms._postfile, info, format_)
    offset, length = _extent(info)
    return W3LeafMatcher(BufferFile(terms._postfile.get(offset, length)), 0, length, format_)


def _matcher(reader, fieldname: str, text):
    """The matcher of `reader.postings(fieldname, text)` with no scorer. On a whoosh3 segment
    it is the bare block list, deleted documents included (whoosh's FilterMatcher would read
    the first block to skip them even when `postings` skips that block): the caller drops
    them."""
    terms = getattr(reader, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        return reader.postings(fieldname, text)
    if fieldname not in reader.schema:
        raise TermNotFound(fieldname)
    btext = reader._text_to_bytes(fieldname, text)
    info = terms.term_info(fieldname, btext)  # TermNotFound when absent
    return _leaf(reader, fieldname, info, reader.schema[fieldname].format)


def postings(
    searcher: Searcher,
    field: str,
    term: str,
    values: bool = False,
    within: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, list | None]:
    """(docnums, weights, raw values or None) of `term` in `field`, in docnum order.

    With `within` (sorted docnums), only the postings of those documents: a whoosh3 block
    whose docnum range holds none of them is skipped from its header (its max docnum), not
    decompressed and unpickled. A phrase of one rare and one common word reads few blocks
    of the common one."""
    ids, weights, vals = [], [], [] if values else None
    for sub, offset in searcher.leaf_searchers():
        local = None
        if within is not None:
            local = within[(within >= offset) & (within < offset + sub.doc_count_all())] - offset
            if not len(local):
                continue
        try:
            m = _matcher(sub.reader(), field, term)
        except TermNotFound:
            continue
        if isinstance(m, W3LeafMatcher):
            seg_ids, seg_w, seg_v = _blocks(m, values, local)
        else:  # another codec, or postings inlined in the term info: one posting at a time
            got = [(m.id(), m.weight(), m.value() if values else None) for _ in _each(m)]
            seg_ids = np.array([g[0] for g in got], dtype=np.int64)
            seg_w = np.array([g[1] for g in got], dtype=np.float64)
            seg_v = [g[2] for g in got] if values else None
        keep = None
        if (live := _live(sub.reader())) is not None:  # `_matcher` leaves them in on whoosh3
            keep = live[seg_ids]
        if local is not None:
            inside = np.isin(seg_ids, local)
            keep = inside if keep is None else keep & inside
        if keep is not None:
            seg_ids, seg_w = seg_ids[keep], seg_w[keep]
            if values:
                seg_v = list(compress(seg_v, keep.tolist()))
        ids.append(seg_ids + offset)
        weights.append(seg_w)
        if values:
            vals.extend(seg_v)
    if not ids:
        return EMPTY_IDS, EMPTY_WEIGHTS, [] if values else None
    return np.concatenate(ids), np.concatenate(weights), vals


def _blocks(leaf, values: bool, within: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, list]:
    """The ids, weights and values of a whoosh3 posting list, a block at a time; with
    `within`, only the blocks whose docnum range holds one of them."""
    bi, bw, bv = [], [], []
    last = -1  # the max docnum of the block before: a block holds docnums (last, _maxid]
    while leaf.is_active():
        if within is not None:
            lo, hi = np.searchsorted(within, (last + 1, leaf._maxid + 1))
            last = leaf._maxid
            if lo == hi:
                leaf._next_block()
                continue
        ids, weights = _block(leaf)
        bi.append(ids)
        if weights is None or isinstance(weights, float):
            bw.append(np.full(len(ids), 1.0 if weights is None else weights))
        else:
            bw.append(np.asarray(weights, dtype=np.float64))
        if values:
            leaf._read_values()
            bv.extend(leaf._values)
        leaf._next_block()
    return (
        np.concatenate(bi) if bi else EMPTY_IDS,
        np.concatenate(bw) if bw else EMPTY_WEIGHTS,
        bv,
    )


def _block(leaf) -> tuple[np.ndarray, tuple | float | None]:
    """The docnums of a whoosh3 matcher's current block, and its weights as stored (None: all
    1.0; a float: all that; else a tuple). whoosh's `_read_ids` undoes the delta coding in a
    Python generator and `_read_weights` builds an array a posting at a time: together the
    largest cost of reading a common word (~14M generator steps in the 240-query mix at
    100k reports). numpy does both in C from the same unpickled block."""
    if leaf._data is None:
        leaf._read_data()
    ids = np.asarray(leaf._data[0], dtype=np.int64)
    return (ids if leaf._byteids else np.cumsum(ids)), leaf._data[1]


def _each(m):
    while m.is_active():
        yield
        m.next()


def field_values(reader: IndexReader, fieldname: str) -> dict[int, object]:
    """docnum → value of a single-valued indexed field, read from the postings (no columns).
    Values come in term order (a document under two terms keeps the last)."""
    docs: list[int] = []
    values: list[object] = []
    for value, ids in field_postings(reader, fieldname):
        docs += ids.tolist()
        values += [value] * len(ids)
    return dict(zip(docs, values, strict=True))


def field_postings(
    reader: IndexReader, fieldname: str, terms: set[bytes] | None = None
) -> list[tuple[object, np.ndarray]]:
    """(value, docnums) of every term of a single-valued indexed field (or of `terms`, as
    indexed bytes, only), in term order.

    On whoosh3 segments the terms and their postings are read in one pass over the term
    index (`items_from` on its term infos): looking each term up again, as `reader.postings`
    does, cost ~0.4 ms a term (an agency facet at 20k reports has thousands). The postings
    of all the field's terms are then read from the file at once (`_span`): a read a term
    was half of the rest.
    """
    fieldobj = reader.schema[fieldname]
    sortable = set(fieldobj.sortable_terms(reader, fieldname)) if terms is None else terms
    if not sortable:
        return []
    first, last = min(sortable), max(sortable)
    found: dict[bytes, list[np.ndarray]] = {}
    for sub, offset in reader.leaf_readers():
        if not isinstance(getattr(sub, "_terms", None), W3TermsReader):  # not whoosh3
            for btext in sortable:
                if sub.has_word(fieldname, btext):
                    ids = np.fromiter(sub.postings(fieldname, btext).all_ids(), dtype=np.int64)
                    found.setdefault(btext, []).append(ids + offset)
            continue
        live, index = _live(sub), sub._terms
        items = []
        for (name, btext), info in index.items_from(fieldname, first):
            if name != fieldname or btext > last:
                break
            if btext in sortable:
                items.append((btext, info))
        base, blob = _span(index, [info for _, info in items])
        for btext, info in items:
            if info.is_inlined():
                ids = np.asarray(info.inlined_postings()[0], dtype=np.int64)
            elif blob is None:
                ids = _all_ids(_leaf(sub, fieldname, info, fieldobj.format), info)
            else:
                at, length = _extent(info)
                raw = BufferFile(blob[at - base : at - base + length])
                ids = _all_ids(W3LeafMatcher(raw, 0, length, fieldobj.format), info)
            if live is not None:
                ids = ids[live[ids]]
            found.setdefault(btext, []).append(ids + offset)
    return [(fieldobj.from_bytes(b), np.concatenate(found[b])) for b in sorted(found)]


def _extent(info) -> tuple[int, int]:
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh-reloaded 2.7.5 decodes it as a 1-tuple
        (length,) = length
    return offset, length


def _span(terms, infos) -> tuple[int, bytes | None]:
    """(offset, bytes) of one read covering the postings of `infos`, or None when there are
    none or they lie far apart. whoosh writes postings in term order, so one field's are
    contiguous in its segment."""
    extents = [_extent(info) for info in infos if not info.is_inlined()]
    if not extents:
        return 0, None
    lo = min(at for at, _ in extents)
    hi = max(at + length for at, length in extents)
    if hi - lo > 2 * sum(length for _, length in extents):
        return 0, None
    return lo, terms._postfile.get(lo, hi - lo)


def _all_ids(m, info) -> np.ndarray:
    """Every docnum of a term's postings (in order), a block at a time."""
    if info.is_inlined():
        return np.asarray(info.inlined_postings()[0], dtype=np.int64)
    blocks = []
    while m.is_active():
        blocks.append(_block(m)[0])
        m._next_block()
    return np.concatenate(blocks) if blocks else EMPTY_IDS
