"""A term's positions in every document holding it, decoded at once with numpy.

A posting of a `CompactPositions` field is one type byte and the position deltas as a machine
array (`fields.py`). The postings are joined into one buffer; the offsets of every delta are
computed from the postings' sizes, gathered and summed per posting, all in numpy (no Python
step per posting but `len`); other formats fall back to whoosh's `decode_positions`, one
posting at a time.

The result is a sorted array of keys `(docnum << POS_BITS) + position`: a phrase matches where
the keys of word i, minus i, are present for every word.
"""

from __future__ import annotations

from array import array

import numpy as np

from .fields import CompactPositions

POS_BITS = 24  # (doc << POS_BITS) + position: positions stay below 16M tokens per field
_DTYPES = {code: np.dtype(f"=u{array(code).itemsize}") for code in "BHI"}


def position_keys(fmt, ids: np.ndarray, values: list[bytes]) -> np.ndarray:
    """Sorted `(docnum << POS_BITS) + position` of every position in `values` (one posting
    a document of `ids`, in docnum order)."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    if type(fmt) is not CompactPositions:
        parts = [fmt.decode_positions(v) for v in values]
        sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
        pos = np.fromiter((p for ps in parts for p in ps), dtype=np.int64, count=sizes.sum())
        return (np.repeat(ids, sizes) << POS_BITS) + pos
    blob = np.frombuffer(b"".join(values), dtype=np.uint8)
    sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    starts = np.cumsum(sizes) - sizes  # where each posting (its type byte) starts in `blob`
    codes = blob[starts]
    keys = []
    for code, dtype in _DTYPES.items():
        take = np.flatnonzero(codes == ord(code))
        if not len(take):
            continue
        width = dtype.itemsize
        counts = (sizes[take] - 1) // width  # positions in each posting
        # the byte offsets of every delta: each posting's first delta is after its type byte
        first = np.repeat(starts[take] + 1, counts)
        nth = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        at = first + nth * width
        if width > 1:
            at = at[:, None] + np.arange(width)
        deltas = blob[at].view(dtype).reshape(-1).astype(np.int64)
        run = np.concatenate(([0], np.cumsum(deltas)))
        firsts = np.cumsum(counts) - counts  # where each posting's deltas start in `deltas`
        pos = run[1:] - np.repeat(run[firsts], counts)
        keys.append((np.repeat(ids[take], counts) << POS_BITS) + pos)
    out = np.concatenate(keys)
    if len(keys) > 1:
        out.sort()
    return out


def phrase_docs(keys: list[np.ndarray]) -> np.ndarray:
    """Sorted unique docnums where word i is at position p + i for every word i (`keys[i]`
    from `position_keys`). Starts from the rarest word and checks the others by binary search."""
    order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
    first = order[0]
    starts = keys[first] - first
    for i in order[1:]:
        if not len(starts):
            break
        want = starts + i
        k = keys[i]
        at = np.searchsorted(k, want)
        hit = at < len(k)
        hit[hit] = k[at[hit]] == want[hit]
        starts = starts[hit]
    docs = starts >> POS_BITS  # sorted: unique by dropping repeats, no sort or hash
    return docs[np.concatenate(([True], docs[1:] != docs[:-1]))] if len(docs) else docs
