"""Free-text queries evaluated with numpy: the documents matching a parsed whoosh query and
their BM25F scores, equal to whoosh's own (same formula, idf, field lengths and average).

whoosh scores one posting at a time in Python: a common word in seven section fields costs
~100 ms at 20k reports, a phrase of common words ~500 ms. Here a term is two arrays read a
block at a time (`postings.py`), Or/And are sorted-array unions/intersections with summed
scores, and a phrase reads each word's postings once (ids, weights and positions together),
decodes the positions of all documents in C (`positions.py`) and checks adjacency by binary
search from the rarest word. Decoded positions are cached with the terms (the cache may be an
LRU: `search/cache.py`).

`evaluate` returns None for query types it does not handle; the caller then asks whoosh.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .positions import POS_BITS, phrase_docs, position_keys
from .postings import EMPTY_IDS, EMPTY_WEIGHTS, field_postings, postings

K1, B = 1.2, 0.75  # whoosh's BM25F defaults, which `Index` uses
_LENGTHS = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=np.float64)

Scored = tuple[np.ndarray, np.ndarray]  # sorted unique docnums, their scores


def bm25(idf, tf, length, avg):
    """whoosh's BM25F of one field with its defaults (k1=1.2, b=0.75): the one BM25 of
    govsearch, for scalars (similar measures) and numpy arrays (term matching) alike."""
    return scoring.bm25(idf, tf, length, avg, B, K1)


class Unsupported(Exception):
    pass


def field_lengths(searcher: Searcher, field: str) -> np.ndarray:
    """Every document's (byte-encoded, as whoosh scores with) length of `field`."""
    out = []
    for sub, _ in searcher.leaf_searchers():
        perdoc = sub.reader()._perdoc
        n = perdoc.doc_count_all()
        col = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        raw = np.zeros(n, dtype=np.uint8)
        if col is not None:
            count = min(n, col._count)
            raw[:count] = np.frombuffer(col._dbfile.get(col._basepos, count), dtype=np.uint8)
        out.append(_LENGTHS[raw])
    return np.concatenate(out) if out else EMPTY_WEIGHTS


class Matcher:
    """Evaluates queries on one searcher, caching term postings and field lengths."""

    def __init__(self, searcher: Searcher, cache: dict):
        self.s = searcher
        self.cache = cache

    def _lengths(self, field: str) -> np.ndarray:
        key = ("lengths", field)
        if key not in self.cache:
            self.cache[key] = field_lengths(self.s, field)
        return self.cache[key]

    def term(self, field: str, text: str) -> Scored:
        key = ("term", field, text)
        if key not in self.cache:
            ids, tf, _ = postings(self.s, field, text)
            self.cache[key] = self._score(field, text, ids, tf)
        return self.cache[key]

    def _score(self, field: str, text: str, ids: np.ndarray, tf: np.ndarray) -> Scored:
        if not len(ids):
            return ids, EMPTY_WEIGHTS
        idf = self.s.idf(field, text)
        avg = self.s.avg_field_length(field) or 1
        return ids, bm25(idf, tf, self._lengths(field)[ids], avg)

    def positions(self, field: str, text: str) -> np.ndarray:
        """Sorted `(docnum << POS_BITS) + position` keys of `text`; the postings are read once,
        for the term's scores too."""
        key = ("positions", field, text)
        if key not in self.cache:
            ids, tf, values = postings(self.s, field, text, values=True)
            if ("term", field, text) not in self.cache:
                self.cache["term", field, text] = self._score(field, text, ids, tf)
            self.cache[key] = position_keys(self.s.schema[field].format, ids, values)
        return self.cache[key]

    def phrase(self, q: wq.Phrase) -> Scored:
        """The documents holding the words of `q` at consecutive positions, scored as the And
        of the words. Words are read rarest first; each after the first only in the documents
        still possible (`postings(within=...)` skips the other blocks), so a phrase of a rare
        and a common word reads a few blocks of the common one."""
        if q.slop != 1:
            raise Unsupported
        field, words = q.fieldname, list(q.words)
        frequency = [self.s.doc_frequency(field, w) for w in words]
        if not all(frequency):
            return EMPTY_IDS, EMPTY_WEIGHTS
        found: dict[int, tuple[np.ndarray, Scored]] = {}  # word → (position keys, Scored)
        docs = None
        for i in sorted(range(len(words)), key=frequency.__getitem__):
            found[i] = self._word(field, words[i], docs)
            docs = found[i][1][0]
            if not len(docs):
                return EMPTY_IDS, EMPTY_WEIGHTS
        keys = [found[i][0] for i in range(len(words))]
        keys = [k[np.isin(k >> POS_BITS, docs)] for k in keys]
        matched = phrase_docs(keys)
        total = np.zeros(len(matched))
        for i in range(len(words)):  # summed in word order, as `_intersect` sums an And
            ids, score = found[i][1]
            total += score[np.searchsorted(ids, matched)]
        return matched, total

    def _word(self, field: str, text: str, docs: np.ndarray | None) -> tuple[np.ndarray, Scored]:
        """(position keys, Scored) of a phrase word, in `docs` only when given. A word read in
        full is cached; one read within `docs` is not (the phrase's result is)."""
        if docs is None or ("positions", field, text) in self.cache:
            keys = self.positions(field, text)
            ids, score = self.term(field, text)
            if docs is not None:
                keep = np.isin(ids, docs, assume_unique=True)
                ids, score = ids[keep], score[keep]
            return keys, (ids, score)
        ids, tf, values = postings(self.s, field, text, values=True, within=docs)
        keys = position_keys(self.s.schema[field].format, ids, values)
        return keys, self._score(field, text, ids, tf)

    def evaluate(self, q: wq.Query) -> Scored:
        if isinstance(q, wq.Term):
            ids, score = self.term(q.fieldname, q.text)
        elif isinstance(q, wq.Phrase):  # cached with the terms: a phrase repeats as a query
            key = ("term", "phrase", repr(q))
            if key not in self.cache:
                self.cache[key] = self.phrase(q)
            ids, score = self.cache[key]
        elif type(q) in (wq.Or, wq.And):
            parts = [self.evaluate(sub) for sub in q.subqueries]
            combine = _union if type(q) is wq.Or else _intersect
            ids, score = combine(parts, self.s.doc_count_all())
        elif q is wq.NullQuery:
            return EMPTY_IDS, EMPTY_WEIGHTS
        else:
            raise Unsupported
        return (ids, score * q.boost) if q.boost != 1 else (ids, score)


# Past this share of the documents, sets of docnums are combined through a dense array of
# the index's size (a bincount or a mask: linear) rather than by hashing or sorting them.
DENSE = 1 / 16


def _union(parts: list[Scored], size: int) -> Scored:
    if not parts:
        return EMPTY_IDS, EMPTY_WEIGHTS
    ids = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    if len(ids) < DENSE * size:
        docs, inverse = np.unique(ids, return_inverse=True)
        return docs, np.bincount(inverse, weights=scores, minlength=len(docs))
    # the same sums, in the same order: each document's scores added as they come
    docs = np.flatnonzero(np.bincount(ids, minlength=size))
    return docs, np.bincount(ids, weights=scores, minlength=size)[docs]


def _intersect(parts: list[Scored], size: int) -> Scored:
    if not parts:
        return EMPTY_IDS, EMPTY_WEIGHTS
    docs = parts[0][0]
    for ids, _ in parts[1:]:
        docs = common(docs, ids, size)
    total = np.zeros(len(docs))
    for ids, score in parts:
        total += score[np.searchsorted(ids, docs)]
    return docs, total


def common(a: np.ndarray, b: np.ndarray, size: int) -> np.ndarray:
    """The docnums in both sorted unique arrays `a` and `b` (docnums below `size`)."""
    if len(a) + len(b) < DENSE * size:
        return np.intersect1d(a, b, assume_unique=True)
    inside = np.zeros(size, dtype=bool)
    inside[b] = True
    return a[inside[a]]


def evaluate(searcher: Searcher, cache: dict, q: wq.Query) -> Scored | None:
    """(docnums, scores) of `q`, or None when it holds a query type handled only by whoosh."""
    try:
        return Matcher(searcher, cache).evaluate(q)
    except Unsupported:
        return None


def filter_docs(searcher: Searcher, q: wq.Query) -> np.ndarray | None:
    """Docnums of a Term or numeric/term range filter from block-read postings (whoosh's
    union over a range's terms steps per posting: ~170 ms for a year range); else None."""
    reader = searcher.reader()
    inner = q.simplify(reader)
    if isinstance(inner, wq.ConstantScoreQuery):
        inner = inner.child
    if isinstance(inner, wq.Term):
        return postings(searcher, inner.fieldname, inner.text)[0]
    if not isinstance(inner, wq.TermRange):
        return None
    # a range's terms are read in one pass over the field's term index (`field_postings`),
    # and their documents joined in a mask: a `>0` range has a term per distinct count
    terms = {btext for _, btext in inner.expanded_terms(reader)}
    inside = np.zeros(searcher.doc_count_all(), dtype=bool)
    for _, ids in field_postings(reader, inner.fieldname, terms):
        inside[ids] = True
    return np.flatnonzero(inside)
