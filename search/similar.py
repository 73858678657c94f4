"""Similar improvement measures (or problems), and near-duplicate groups across reports.

Ranking (`similar`) has two stages.

1. Candidates: the postings of the query's rarest features (its jieba terms on `unit_text`,
   its character bigrams on `unit_ngrams`; rarest first, within a budget of postings) are
   summed term-at-a-time as idf in a numpy array; year/agency/region restrict it, and the top
   `max(CANDIDATES, 5 * limit)` units of the right kind (not of the `--report` itself) go on.
2. Re-ranking of those candidates with a score in [0, 1] that compares across queries:

       score = W_WORDS * words + (1 - W_WORDS) * chars            (W_WORDS = 0.2)

       words = min(1, BM25(q, d) / BM25(q, q))
           BM25 over the query's jieba words of two or more characters (k1=1.2, b=0.75,
           whoosh's idf, field lengths and average field length of `unit_text`); BM25(q, q) is
           the score the query itself would get as a unit, so a unit repeating it scores 1.
       chars = Σ_{g ∈ Q∩D} idf(g) / sqrt(Σ_{g ∈ Q} idf(g) · Σ_{g ∈ D} idf(g))
           Q, D: the sets of character bigrams (`char_ngrams`) of query and unit; idf from
           `unit_ngrams`. An idf-weighted cosine of the two sets: 1 for the same text, and
           high for paraphrases whose words jieba segments differently but which share most
           informative bigrams (提高业务能力 / 业务能力提升).

`common_measures` groups near-duplicate units. Units with the same text (up to punctuation,
width and case) count once; a datasketch MinHash (64 permutations, crc32) of each text's bigram set
goes into a MinHashLSH at `threshold`. Taking the most repeated texts first as centers, each
center gathers the not yet grouped texts that the LSH proposes and whose estimated Jaccard
with it reaches `threshold` (no chaining). A group is kept when its units come from at least
`min_reports` distinct reports; its representative is the center.
"""

from __future__ import annotations

import math
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary, ref

import numpy as np
from pydantic import BaseModel, Field
from whoosh import query as wq
from whoosh.searching import Searcher

from govsearch.indexer.engine.matching import bm25
from govsearch.indexer.engine.postings import postings
from govsearch.indexer.fold import fold
from govsearch.indexer.write.analysis import char_ngrams
from govsearch.indexer.write.codec import load_items
from govsearch.indexer.write.schema import REPORT_KIND

from .errors import BadQuery, ReportNotFound
from .query import YearRange, place_filters
from .units import owners, report_docnums

W_WORDS = 0.2
CANDIDATES = 50
POSTINGS_BUDGET = 40_000
MIN_FEATURES = 4
REPORTS_KEPT = 4096  # reports whose units' text and facts a searcher keeps (~2 KB each)
GROUP_JACCARD = 0.7
NUM_PERM = 64

YearFilter = int | tuple[int, int] | str | YearRange | None  # 2021, (2019, 2021), "2019..2021"


class EmptyQuery(BadQuery):
    """The query text has nothing to search for (empty, or punctuation only)."""


class Unit(BaseModel):
    """One indexed problem or improvement measure."""

    report_id: str
    agency: str | None = None
    region: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    agency_key: str | None = None
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
    """A searcher on a govsearch `Index`, a whoosh index, or an open whoosh `Searcher`.

    An open searcher is used as is and left open: a long-running caller that reuses one saves
    whoosh's reader opening (~20-40 ms on a 100k-unit index) on every call.
    """
    if isinstance(index, Searcher):
        yield index
        return
    with getattr(index, "whoosh_index", index).searcher() as searcher:
        yield searcher


def _restriction(year: YearFilter, **places: str | None) -> wq.Query | None:
    """Year, agency and place filters (folded like the index, places by short form too)."""
    parts: list[wq.Query] = []
    if year is not None:
        parts.append(YearRange.parse(year).to_whoosh())
    parts += place_filters(places)
    return wq.And(parts) if parts else None


class _Reports:
    """What units take from their report (`units.py`): the report id, the unit's text (the
    stored report has every problem and measure), and the agency, places and year (indexed on
    units for filtering, not stored). One per open searcher (`_reports`), so the reports read
    and the docnum arrays outlive a call on an `Index`'s shared searcher."""

    def __init__(self, searcher: Searcher):
        # weakly: `_PER_SEARCHER` holds this object as long as the searcher lives, so a
        # strong reference back would keep every searcher ever used alive
        self._searcher = ref(searcher)
        self._docnums: np.ndarray | None = None
        self._kinds: dict[str, np.ndarray] = {}
        self._read: OrderedDict[int, tuple[str, dict, dict[str, list[str]]]] = OrderedDict()

    @property
    def searcher(self) -> Searcher:
        return self._searcher()

    def owner(self, docnum: int) -> int:
        """The docnum of the report of the unit at `docnum`."""
        if self._docnums is None:
            self._docnums = report_docnums(self.searcher)
        return int(owners(self._docnums, np.array([docnum]))[0])

    def of_kind(self, kind: str) -> np.ndarray:
        """A mask over docnums: the units of `kind`."""
        if kind not in self._kinds:
            mask = np.zeros(self.searcher.doc_count_all(), dtype=bool)
            mask[postings(self.searcher, "kind", kind)[0]] = True
            self._kinds[kind] = mask
        return self._kinds[kind]

    def _report(self, docnum: int) -> tuple[str, dict, dict[str, list[str]]]:
        """(id, agency/places/year, items by kind) of the report at `docnum`."""
        if docnum in self._read:
            self._read.move_to_end(docnum)
        else:
            stored = self.searcher.stored_fields(docnum)
            facts = {k: stored.get(k) for k in _REPORT_KEYS}
            self._read[docnum] = (stored["id"], facts, load_items(stored["report_json"]))
            if len(self._read) > REPORTS_KEPT:
                self._read.popitem(last=False)
        return self._read[docnum]

    def units(self, kind: str, docnum: int) -> list[Unit]:
        """The units of `kind` of the report at `docnum`, as `unit_documents` indexed them."""
        report_id, facts, items = self._report(docnum)
        return [
            Unit(report_id=report_id, kind=kind, position=position, text=text.strip(), **facts)
            for position, text in enumerate(items[kind], start=1)
            if text.strip()
        ]

    def unit(self, kind: str, docnum: int) -> Unit:
        """The unit of `kind` at `docnum`."""
        report_id, facts, items = self._report(self.owner(docnum))
        position = self.searcher.stored_fields(docnum)["position"]
        text = items[kind][position - 1].strip()
        return Unit(report_id=report_id, kind=kind, position=position, text=text, **facts)


_PER_SEARCHER: WeakKeyDictionary[Searcher, _Reports] = WeakKeyDictionary()


def _reports(searcher: Searcher) -> _Reports:
    if (reports := _PER_SEARCHER.get(searcher)) is None:
        reports = _PER_SEARCHER[searcher] = _Reports(searcher)
    return reports


_REPORT_KEYS = ("agency", "region", "year", "province", "city", "county", "agency_key")


# --- scoring ---------------------------------------------------------------------------------


class _Scorer:
    """The re-ranking score of one query text against candidate units.

    Term frequencies in a unit are substring counts of the query's jieba terms (index-mode
    analysis emits the sub-words too, so they match what the index counted), and unit lengths
    are whoosh's stored field lengths: re-ranking never runs jieba on the candidates.
    """

    def __init__(self, searcher: Searcher, text: str):
        self.searcher = searcher
        analyzer = searcher.schema["unit_text"].analyzer
        terms = [t.text for t in analyzer(text, mode="query")]
        self.grams = set(char_ngrams(text))
        if not terms and not self.grams:
            raise EmptyQuery(f"nothing to search for in {text!r}")
        # Single characters (不, 后, 地) would be counted inside every word that holds them.
        self.terms = list(dict.fromkeys(t for t in terms if len(t) > 1))
        self.avg = searcher.avg_field_length("unit_text") or 1.0
        length = sum(1 for _ in analyzer(text))
        self.words_self = self._words(fold(text), length) or 1.0
        self.grams_weight = sum(self._idf("unit_ngrams", g) for g in self.grams) or 1.0

    def _idf(self, field: str, term: str) -> float:
        return self.searcher.idf(field, term)

    def _words(self, text: str, length: int) -> float:
        return sum(
            bm25(self._idf("unit_text", t), tf, length, self.avg)
            for t in self.terms
            if (tf := text.count(t))
        )

    def features(self) -> list[tuple[str, str]]:
        """(field, term) of every jieba term and bigram of the query."""
        return [("unit_text", t) for t in self.terms] + [("unit_ngrams", g) for g in self.grams]

    def hit(self, docnum: int, unit: Unit) -> SimilarHit:
        text = unit.text
        normal = fold(text)
        length = self.searcher.doc_field_length(docnum, "unit_text", 1)
        words = min(1.0, self._words(normal, length) / self.words_self)
        doc_grams = set(char_ngrams(text))
        shared = self.grams & doc_grams
        doc_weight = sum(self._idf("unit_ngrams", g) for g in doc_grams) or 1.0
        chars = sum(self._idf("unit_ngrams", g) for g in shared)
        chars = min(1.0, chars / math.sqrt(self.grams_weight * doc_weight))
        return SimilarHit(
            **unit.model_dump(),
            score=round(W_WORDS * words + (1 - W_WORDS) * chars, 4),
            words=round(words, 4),
            chars=round(chars, 4),
            matched=[t for t in self.terms if t in normal],
            highlights=shared_runs(text, shared),
        )


def shared_runs(text: str, grams: set[str]) -> list[str]:
    """Maximal runs of `text` covered by bigrams in `grams`, in order, without repeats."""
    covered = [False] * len(text)
    lowered = fold(text)  # as the bigrams were taken
    if len(lowered) != len(text):
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


def _report_units(
    reports: _Reports, docnum: int, report_id: str, kind: str, position: int | None
) -> list:
    units = reports.units(kind, docnum)
    if not units:
        raise ReportNotFound(f"no {kind}s indexed for report {report_id!r}")
    if position is not None:
        units = [u for u in units if u.position == position]
        if not units:
            raise ReportNotFound(f"report {report_id!r} has no {kind} number {position}")
    return units


def _candidates(
    reports: _Reports, scorer: _Scorer, kind: str, restrict: wq.Query | None, exclude: int | None
) -> Iterator[int]:
    """Docnums of the units of `kind` sharing the query's rarest features, most idf in common
    first, none of the report at docnum `exclude`.

    Term-at-a-time over the postings of the rarest features (at most POSTINGS_BUDGET ids once
    MIN_FEATURES are read), summed in a numpy array: whoosh's scored OR over every feature
    is ~10x slower.
    """
    searcher = reports.searcher
    features = []
    for field, term in scorer.features():
        if df := searcher.doc_frequency(field, term):
            features.append((df, field, term))
    features.sort()
    acc = np.zeros(searcher.doc_count_all(), dtype=np.float32)
    budget = POSTINGS_BUDGET
    for n, (df, field, term) in enumerate(features):
        if n >= MIN_FEATURES and df > budget:
            break
        budget -= df
        acc[postings(searcher, field, term)[0]] += searcher.idf(field, term)
    allowed = reports.of_kind(kind).copy()
    if restrict is not None:
        matching = np.zeros_like(allowed)
        matching[list(searcher.docs_for_query(restrict))] = True
        allowed &= matching
    acc[~allowed] = 0
    docnums = np.flatnonzero(acc)
    for docnum in docnums[np.argsort(-acc[docnums], kind="stable")].tolist():
        if exclude is None or reports.owner(docnum) != exclude:
            yield docnum


def _rank(
    reports: _Reports, text: str, kind: str, restrict, exclude: int | None, limit: int
) -> list[SimilarHit]:
    scorer = _Scorer(reports.searcher, text)
    candidates = _candidates(reports, scorer, kind, restrict, exclude)
    return [
        scorer.hit(n, reports.unit(kind, n)) for n in islice(candidates, max(CANDIDATES, 5 * limit))
    ]


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
    province: str | None = None,
    city: str | None = None,
    county: str | None = None,
    agency_key: str | None = None,
    limit: int = 10,
    group: bool = False,
) -> SimilarResults:
    """Units most similar to `text`, or to the units of `report_id` (that report excluded).
    Agency and place filters fold scripts; places also match their short form (浙江)."""
    kind = "problem" if problems else "measure"
    restrict = _restriction(
        year, agency=agency, region=region, province=province, city=city, county=county,
        agency_key=agency_key,
    )  # fmt: skip
    with _searcher(index) as searcher:
        reports = _reports(searcher)
        exclude = None
        if report_id is not None:
            report_id = resolve_report_id(searcher, report_id)
            exclude = searcher.document_number(id=report_id)
            sources = _report_units(reports, exclude, report_id, kind, measure)
            queries = [(u.text, u.position) for u in sources]
        else:
            if text is None or not text.strip():
                raise EmptyQuery("empty query: give a text or --report")
            queries = [(text, None)]
            if not searcher.doc_count_all():  # whoosh's idf is log(0) on an empty index
                return SimilarResults(query=[text], hits=[])
        best: dict[tuple[str, int], SimilarHit] = {}
        for query_text, position in queries:
            for hit in _rank(reports, query_text, kind, restrict, exclude, limit):
                hit.query_position = position
                key = (hit.report_id, hit.position)
                if key not in best or hit.score > best[key].score:
                    best[key] = hit
        hits = sorted(best.values(), key=lambda h: (-h.score, h.report_id, h.position))
        if group:
            hits = _fold(hits)
        hits = hits[:limit]
    return SimilarResults(query=[q for q, _ in queries], report_id=report_id, hits=hits)


# --- common measures -------------------------------------------------------------------------


def _near_duplicates(texts: list[str], weights: list[int], threshold: float) -> list[list[int]]:
    """Groups of `texts` (space-separated bigrams) as [center, members...], each member near
    the center.

    Centers are taken in order of weight (how many units have that text); MinHashLSH proposes
    each center's neighbours, those with an estimated Jaccard ≥ threshold on the signatures
    and not yet grouped join it. Groups do not chain: A~B and B~C do not put A with C.
    """
    from datasketch import MinHash, MinHashLSH  # pulls scipy: ~0.3 s, only for this command

    shingles = [[g.encode() for g in set(t.split())] for t in texts]
    hashes = MinHash.bulk(shingles, num_perm=NUM_PERM, hashfunc=zlib.crc32)
    if not hashes:
        return []
    signatures = np.vstack([h.hashvalues for h in hashes])
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, h in enumerate(hashes):
            session.insert(i, h, check_duplication=False)
    grouped = np.zeros(len(texts), dtype=bool)
    groups = []
    for center in sorted(range(len(texts)), key=lambda i: -weights[i]):
        if grouped[center]:
            continue
        grouped[center] = True
        near = np.fromiter(lsh.query(hashes[center]), dtype=np.int64)
        near = near[~grouped[near]]
        near = near[(signatures[near] == signatures[center]).mean(axis=1) >= threshold]
        grouped[near] = True
        groups.append([center, *near.tolist()])
    return groups


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
        restrict = _restriction(year)
        kinds = wq.Term("kind", REPORT_KIND)
        q = kinds if restrict is None else wq.And([kinds, restrict])
        reports = _reports(searcher)
        units = [u for n in sorted(searcher.docs_for_query(q)) for u in reports.units(kind, n)]
        groups = _groups(units, min_reports, threshold)
    for g in groups:
        g.members.sort(key=lambda u: (u.year or 0, u.report_id, u.position))
    return sorted(groups, key=lambda g: (-g.reports, -len(g.members), g.representative))


def _groups(units: list[Unit], min_reports: int, threshold: float) -> list[MeasureGroup]:
    """The groups of `common_measures`, members in index order."""
    by_text: dict[str, list[Unit]] = {}  # identical up to punctuation, width and case
    for unit in units:
        if key := " ".join(char_ngrams(unit.text)):
            by_text.setdefault(key, []).append(unit)
    texts = list(by_text)
    groups = []
    for center, *near in _near_duplicates(texts, [len(by_text[t]) for t in texts], threshold):
        members = [u for i in (center, *near) for u in by_text[texts[i]]]
        reports = {u.report_id for u in members}
        if len(reports) < min_reports:
            continue
        groups.append(
            MeasureGroup(
                representative=by_text[texts[center]][0].text,
                reports=len(reports),
                members=members,
            )
        )
    return groups
