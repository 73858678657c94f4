"""Facet columns: a field's value of every document as one numpy array of codes.

Counting a facet over the matching documents is then one `bincount` instead of a Python loop
over a dict. Built once per searcher from the field's postings (`field_postings`: value →
docnums, no Python object per document) and cached with it.
"""

from __future__ import annotations

import numpy as np


class Column:
    """`codes[docnum]` indexes `labels` (the values as text, sorted); -1: no value."""

    __slots__ = ("codes", "labels")

    def __init__(self, values: dict[int, object], size: int):
        self.labels = sorted({str(v) for v in values.values()})
        at = {label: i for i, label in enumerate(self.labels)}
        self.codes = np.full(size, -1, dtype=np.int32)
        if values:
            docs = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
            self.codes[docs] = [at[str(v)] for v in values.values()]

    @classmethod
    def from_postings(cls, postings: list[tuple[object, np.ndarray]], size: int) -> Column:
        """The column of `field_postings` output: the same as `Column(field_values(...))`
        (a document under two terms keeps the later one), without a Python object per
        document: each term's docnums are assigned its code in one numpy store."""
        col = cls.__new__(cls)
        postings = [(v, ids) for v, ids in postings if len(ids)]  # all its documents deleted
        col.labels = sorted({str(v) for v, _ in postings})
        at = {label: i for i, label in enumerate(col.labels)}
        col.codes = np.full(size, -1, dtype=np.int32)
        for value, ids in postings:
            col.codes[ids] = at[str(value)]
        return col

    def counts(self, docs: np.ndarray) -> dict[str, int]:
        """Value → number of `docs` holding it, most frequent first (then by value); documents
        without a value are left out. The same as `results.facet_counts`."""
        codes = self.codes[docs]
        counts = np.bincount(codes[codes >= 0], minlength=len(self.labels))
        found = [(self.labels[i], int(counts[i])) for i in np.flatnonzero(counts).tolist()]
        return dict(sorted(found, key=lambda kv: (-kv[1], kv[0])))
