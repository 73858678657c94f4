"""Similar improvement measures (or problems), and near-duplicate groups across reports.

Ranking (`similar`) has two stages.

1. Candidates: one whoosh query, an OR of the query's jieba terms on `unit_text` and of its
   character bigrams on `unit_ngrams`, filtered by kind/year/agency/region, keeps the top
   `max(CANDIDATES, 5 * limit)` units by whoosh's BM25F.
2. Re-ranking of those candidates with a score in [0, 1] that compares across queries:

       score = W_WORDS * words + (1 - W_WORDS) * chars            (W_WORDS = 0.2)

       words = min(1, BM25(q, d) / BM25(q, q))
           BM25 over the jieba terms of `unit_text` (k1=1.2, b=0.75, whoosh's idf and average
           field length); BM25(q, q) is the score the query itself would get as a document,
           so a unit that repeats the query scores 1.
       chars = Σ_{g ∈ Q∩D} idf(g) / sqrt(Σ_{g ∈ Q} idf(g) · Σ_{g ∈ D} idf(g))
           Q, D: the sets of character bigrams (`char_ngrams`) of query and unit; idf from
           `unit_ngrams`. An idf-weighted cosine of the two sets: 1 for the same text, and
           high for paraphrases whose words jieba segments differently but which share most
           informative bigrams (提高业务能力 / 业务能力提升).

`common_measures` groups near-duplicate units: a datasketch MinHash (128 permutations) of each
unit's bigram set, MinHashLSH at `threshold` to find candidate pairs, pairs kept when the
estimated Jaccard reaches `threshold`, connected components are the groups. A group is kept
when its units come from at least `min_reports` distinct reports.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from datasketch import MinHash, MinHashLSH
from pydantic import BaseModel, Field
from whoosh import query as wq
from whoosh.searching import Searcher

from govsearch.indexer.units import char_ngrams

from .errors import BadQuery, ReportNotFound

W_WORDS = 0.2
CANDIDATES = 50
GROUP_JACCARD = 0.7
K1, B = 1.2, 0.75
NUM_PERM = 128

YearFilter = int | tuple[int, int] | None


class EmptyQuery(BadQuery):
    """The query text has nothing to search for (empty, or punctuation only)."""


class Unit(BaseModel):
    """One indexed problem or improvement measure."""

    report_id: str
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str = "measure"
    position: int
    text: str


class SimilarHit(Unit):
    score: float = Field(description="weighted sum in [0, 1], see the module docstring")
    words: float = Field(description="normalised BM25 over jieba terms")
    chars: float = Field(description="idf-weighted character-bigram cosine")
    matched: list[str] = Field(default_factory=list, description="query terms found in the text")
    highlights: list[str] = Field(default_factory=list, description="runs of shared bigrams")
    query_position: int | None = Field(None, description="--report: which of its units matched")
    count: int = Field(1, description="group=True: number of near-identical units folded here")
    folded: list[Unit] = Field(default_factory=list, description="group=True: the other units")


class SimilarResults(BaseModel):
    query: list[str]
    report_id: str | None = None
    hits: list[SimilarHit]


class MeasureGroup(BaseModel):
    representative: str
    reports: int = Field(description="distinct reports in the group")
    members: list[Unit]


# --- access to the index ---------------------------------------------------------------------


@contextmanager
def _searcher(index: Any) -> Iterator[Searcher]:
    """A whoosh searcher from a govsearch `Index` (`whoosh_index`) or a bare whoosh index."""
    with getattr(index, "whoosh_index", index).searcher() as searcher:
        yield searcher


def _filters(kind: str, year: YearFilter, agency: str | None, region: str | None) -> wq.Query:
    parts: list[wq.Query] = [wq.Term("kind", kind)]
    if isinstance(year, tuple):
        parts.append(wq.NumericRange("year", year[0], year[1]))
    elif year is not None:
        parts.append(wq.NumericRange("year", year, year))
    if agency:
        parts.append(wq.Term("agency", agency))
    if region:
        parts.append(wq.Term("region", region))
    return wq.And(parts)


def _unit(fields: dict) -> Unit:
    return Unit(text=fields.get("unit_text", ""), **{k: fields.get(k) for k in _UNIT_KEYS})


_UNIT_KEYS = ("report_id", "agency", "region", "year", "kind", "position")


# --- scoring ---------------------------------------------------------------------------------


def _bm25(idf: float, tf: int, length: int, avg: float) -> float:
    return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg))


class _Scorer:
    """The re-ranking score of one query text against candidate units."""

    def __init__(self, searcher: Searcher, text: str):
        self.searcher = searcher
        self.analyzer = searcher.schema["unit_text"].analyzer
        tokens = self._terms(text)
        self.grams = set(char_ngrams(text))
        if not tokens and not self.grams:
            raise EmptyQuery(f"nothing to search for in {text!r}")
        self.tf = {t: tokens.count(t) for t in set(tokens)}
        self.avg = searcher.avg_field_length("unit_text") or 1.0
        self.words_self = self._words(self.tf, len(tokens)) or 1.0
        self.grams_weight = sum(self._idf("unit_ngrams", g) for g in self.grams) or 1.0

    def _terms(self, text: str) -> list[str]:
        return [t.text for t in self.analyzer(text, mode="query")]

    def _idf(self, field: str, term: str) -> float:
        return self.searcher.idf(field, term)

    def _words(self, doc_tf: dict[str, int], length: int) -> float:
        return sum(
            _bm25(self._idf("unit_text", t), doc_tf[t], length, self.avg)
            for t in self.tf
            if doc_tf.get(t)
        )

    def query(self) -> wq.Query:
        terms = [wq.Term("unit_text", t) for t in self.tf]
        grams = [wq.Term("unit_ngrams", g) for g in self.grams]
        return wq.Or(terms + grams)

    def hit(self, fields: dict) -> SimilarHit:
        text = fields.get("unit_text", "")
        tokens = self._terms(text)
        doc_tf: dict[str, int] = {}
        for t in tokens:
            doc_tf[t] = doc_tf.get(t, 0) + 1
        words = min(1.0, self._words(doc_tf, len(tokens)) / self.words_self)
        doc_grams = set(char_ngrams(text))
        shared = self.grams & doc_grams
        doc_weight = sum(self._idf("unit_ngrams", g) for g in doc_grams) or 1.0
        chars = sum(self._idf("unit_ngrams", g) for g in shared)
        chars = min(1.0, chars / math.sqrt(self.grams_weight * doc_weight))
        return SimilarHit(
            **_unit(fields).model_dump(),
            score=round(W_WORDS * words + (1 - W_WORDS) * chars, 4),
            words=round(words, 4),
            chars=round(chars, 4),
            matched=[t for t in self.tf if len(t) > 1 and doc_tf.get(t)],
            highlights=shared_runs(text, shared),
        )


def shared_runs(text: str, grams: set[str]) -> list[str]:
    """Maximal runs of `text` covered by bigrams in `grams`, in order, without repeats."""
    covered = [False] * len(text)
    lowered = text.lower()
    for i in range(len(text) - 1):
        if lowered[i : i + 2] in grams:
            covered[i] = covered[i + 1] = True
    runs: list[str] = []
    start = None
    for i, flag in enumerate([*covered, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if text[start:i] not in runs:
                runs.append(text[start:i])
            start = None
    return runs


# --- similar ---------------------------------------------------------------------------------


def resolve_report_id(searcher: Searcher, report_id: str) -> str:
    """The full report id for an id or a unique id prefix."""
    ids = {t.decode() for t in searcher.reader().expand_prefix("report_id", report_id)}
    if report_id in ids:
        return report_id
    if len(ids) != 1:
        what = "no report" if not ids else f"{len(ids)} reports"
        raise ReportNotFound(f"{what} with id {report_id!r}")
    return ids.pop()


def _report_units(searcher: Searcher, report_id: str, kind: str, position: int | None) -> list:
    q = wq.And([wq.Term("kind", kind), wq.Term("report_id", report_id)])
    units = sorted(
        (_unit(searcher.stored_fields(n)) for n in searcher.docs_for_query(q)),
        key=lambda u: u.position,
    )
    if not units:
        raise ReportNotFound(f"no {kind}s indexed for report {report_id!r}")
    if position is not None:
        units = [u for u in units if u.position == position]
        if not units:
            raise ReportNotFound(f"report {report_id!r} has no {kind} number {position}")
    return units


def _rank(searcher, text: str, filters: wq.Query, mask, limit: int) -> list[SimilarHit]:
    scorer = _Scorer(searcher, text)
    results = searcher.search(
        scorer.query(), filter=filters, mask=mask, limit=max(CANDIDATES, 5 * limit)
    )
    return [scorer.hit(hit.fields()) for hit in results]


def _fold(hits: list[SimilarHit]) -> list[SimilarHit]:
    """Fold each hit into the first better-scoring hit whose bigram Jaccard ≥ GROUP_JACCARD."""
    leads: list[tuple[SimilarHit, set[str]]] = []
    for hit in hits:
        grams = set(char_ngrams(hit.text))
        for lead, lead_grams in leads:
            union = grams | lead_grams
            if union and len(grams & lead_grams) / len(union) >= GROUP_JACCARD:
                lead.count += 1
                lead.folded.append(Unit(**hit.model_dump(include=set(Unit.model_fields))))
                break
        else:
            leads.append((hit, grams))
    return [lead for lead, _ in leads]


def similar(
    index: Any,
    text: str | None = None,
    *,
    report_id: str | None = None,
    measure: int | None = None,
    problems: bool = False,
    year: YearFilter = None,
    agency: str | None = None,
    region: str | None = None,
    limit: int = 10,
    group: bool = False,
) -> SimilarResults:
    """Units most similar to `text`, or to the units of `report_id` (that report excluded)."""
    kind = "problem" if problems else "measure"
    filters = _filters(kind, year, agency, region)
    with _searcher(index) as searcher:
        if report_id is not None:
            report_id = resolve_report_id(searcher, report_id)
            sources = _report_units(searcher, report_id, kind, measure)
            queries = [(u.text, u.position) for u in sources]
            mask = wq.Term("report_id", report_id)
        else:
            if text is None or not text.strip():
                raise EmptyQuery("empty query: give a text or --report")
            queries, mask = [(text, None)], None
        best: dict[tuple[str, int], SimilarHit] = {}
        for query_text, position in queries:
            for hit in _rank(searcher, query_text, filters, mask, limit):
                hit.query_position = position
                key = (hit.report_id, hit.position)
                if key not in best or hit.score > best[key].score:
                    best[key] = hit
    hits = sorted(best.values(), key=lambda h: (-h.score, h.report_id, h.position))
    if group:
        hits = _fold(hits)
    return SimilarResults(query=[q for q, _ in queries], report_id=report_id, hits=hits[:limit])


# --- common measures -------------------------------------------------------------------------


def _minhashes(units: list[Unit]) -> list[MinHash]:
    shingles = [[g.encode() for g in set(char_ngrams(u.text))] for u in units]
    return MinHash.bulk(shingles, num_perm=NUM_PERM)


def _components(n: int, edges: Iterator[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _representative(members: list[int], hashes: list[MinHash]) -> int:
    """The member closest to all others (estimated Jaccard), on at most 50 members."""
    sample = members[:50]
    return max(sample, key=lambda i: sum(hashes[i].jaccard(hashes[j]) for j in sample))


def common_measures(
    index: Any,
    *,
    year: YearFilter = None,
    min_reports: int = 2,
    problems: bool = False,
    threshold: float = 0.5,
) -> list[MeasureGroup]:
    """Groups of near-duplicate measures (or problems) found in ≥ `min_reports` reports."""
    kind = "problem" if problems else "measure"
    with _searcher(index) as searcher:
        docnums = searcher.docs_for_query(_filters(kind, year, None, None))
        units = [_unit(searcher.stored_fields(n)) for n in docnums]
    units = [u for u in units if char_ngrams(u.text)]
    hashes = _minhashes(units)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, h in enumerate(hashes):
            session.insert(i, h, check_duplication=False)

    def edges() -> Iterator[tuple[int, int]]:
        for i, h in enumerate(hashes):
            for j in lsh.query(h):
                if j > i and h.jaccard(hashes[j]) >= threshold:
                    yield i, j

    groups = []
    for members in _components(len(units), edges()):
        reports = {units[i].report_id for i in members}
        if len(reports) < min_reports:
            continue
        rep = _representative(members, hashes)
        ordered = sorted(members, key=lambda i: (units[i].year or 0, units[i].report_id))
        groups.append(
            MeasureGroup(
                representative=units[rep].text,
                reports=len(reports),
                members=[units[i] for i in ordered],
            )
        )
    return sorted(groups, key=lambda g: (-g.reports, -len(g.members), g.representative))
