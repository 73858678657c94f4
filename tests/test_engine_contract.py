"""Contract tests of `govsearch.indexer.engine` against whoosh itself.

The engine reads and writes below whoosh's public API (see its docstring). These tests fail
loudly when a whoosh release changes what it relies on: numpy scores and totals equal
whoosh's own searcher, the block postings reader equals the matcher API, and a build split
over two processes equals a one-process build document for document.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq

from govsearch.indexer.engine.matching import evaluate, filter_docs
from govsearch.indexer.engine.postings import field_values, postings
from govsearch.search import Index, Query

from .docnames import document_names

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.run import PHRASES  # noqa: E402

QUERIES = [
    "政策解读",  # one word in every text field
    "政务公开",
    "信息公开",  # a sub-word of 政府信息公开: emitted at the same position
    "政府信息公开",
    "行政复议",
    '"政务公开日"',
    '"政府信息公开工作"',  # a phrase of common words
    '"依申请公开 政府信息"',
    "政策解读 OR 行政复议",
    "政务公开 AND 培训",
    "政策 解读 平台",
    "s5_problems:整改",
    "title:年度报告",
    "3.52",  # a number token
    "国办发〔2019〕60号",  # a 文号 token
    "不存在的词语甲乙",  # nothing
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Index:
    """A small generated corpus (all template versions, every layout), built on 2 processes."""
    out = tmp_path_factory.mktemp("generated")
    generate(40, out, seed=11)
    index = Index.create(out / "index")
    assert index.update([out / "reports"], workers=2).added == 40
    yield index
    index.close()


@pytest.fixture(params=["corpus", "generated"])
def index(request, built_index) -> Index:
    return built_index if request.param == "corpus" else request.getfixturevalue("generated")


@pytest.mark.parametrize("text", QUERIES)
def test_numpy_scores_and_totals_equal_whooshs(index, text):
    with index.searcher() as s:
        q = Query.build(text=text).text_query(s.schema)
        got = evaluate(s, {}, q)
        assert got is not None, f"{q!r} not evaluated with numpy"
        docs, scores = got
        expected = {hit.docnum: hit.score for hit in s.search(q, limit=None)}
        assert docs.tolist() == sorted(expected)
        assert scores.tolist() == pytest.approx([expected[d] for d in docs.tolist()], rel=1e-9)


@pytest.mark.parametrize("phrase", PHRASES[::3])
def test_benchmark_phrases_equal_whooshs_through_one_lru(generated, phrase):
    # The benchmark's phrases, evaluated twice through one LRU (the second from the cache).
    from govsearch.search.cache import LRU

    cache = LRU()
    with generated.searcher() as s:
        q = Query.build(text=f'"{phrase}"').text_query(s.schema)
        expected = {hit.docnum: hit.score for hit in s.search(q, limit=None)}
        for _ in range(2):
            docs, scores = evaluate(s, cache, q)
            assert docs.tolist() == sorted(expected)
            assert scores.tolist() == pytest.approx([expected[d] for d in docs.tolist()], rel=1e-9)


def test_queries_match_something_in_both_corpora(built_index, generated):
    # The battery is not vacuous: most queries match in each corpus.
    for index in (built_index, generated):
        with index.searcher() as s:
            totals = [len(s.search(Query.build(text=t).text_query(s.schema))) for t in QUERIES]
        assert sum(n > 0 for n in totals) >= len(QUERIES) // 2, totals


@pytest.mark.parametrize(
    "flt",
    [
        wq.Term("kind", "report"),
        wq.NumericRange("year", 2019, 2021),
        wq.NumericRange("app_new__total", 1, None),
    ],
)
def test_filter_documents_equal_whooshs(index, flt):
    with index.searcher() as s:
        fast = filter_docs(s, flt)
        assert fast is not None
        assert fast.tolist() == sorted(s.docs_for_query(flt))


def test_postings_reader_equals_the_matcher_api(index):
    with index.searcher() as s:
        reader = s.reader()
        terms = [t for t in reader.all_terms() if t[0] in ("s1_overview", "unit_text", "kind")]
        for field, btext in terms[:: max(1, len(terms) // 300)]:
            text = btext.decode("utf-8") if field != "kind" else btext.decode()
            ids, weights, values = postings(s, field, text, values=True)
            m = s.postings(field, text)
            expected = []
            while m.is_active():
                expected.append((m.id(), m.weight(), m.value()))
                m.next()
            assert ids.dtype == np.int64 and weights.dtype == np.float64
            assert list(zip(ids.tolist(), weights.tolist(), values, strict=True)) == expected


def test_postings_within_documents_read_only_their_blocks(tmp_path, monkeypatch):
    """`postings(within=...)` equals the full postings restricted to those documents, and
    decompresses only the blocks holding one of them (the phrase reader relies on both);
    across two segments, one with deletions."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.fields import ID, Schema
    from whoosh.index import create_in

    ix = create_in(tmp_path, Schema(k=ID(stored=True)))
    for _segment in range(2):
        with ix.writer() as w:
            for i in range(700):
                w.add_document(k="a" if i % 3 else "b")
    with ix.writer() as w:
        w.delete_by_query(wq.Term("k", "b"))
        for d in (5, 500, 701):
            w.delete_document(d)

    reads = []
    real = W3LeafMatcher._read_data
    monkeypatch.setattr(W3LeafMatcher, "_read_data", lambda m: reads.append(1) or real(m))
    with ix.searcher() as s:
        assert len(s.leaf_searchers()) == 2 and s.reader().has_deletions()
        full_ids, full_w, _ = postings(s, "k", "a")
        blocks, n = len(reads), len(full_ids)
        assert blocks == 2 * 4 and n == 2 * 466 - 3  # 466 "a" a segment, 128 a block
        for within, read in (
            (full_ids[:3], 1),
            (full_ids[-2:], 1),
            (full_ids[[0, n // 2, n - 1]], 3),
            (np.arange(1400), blocks),
            (np.array([10**6]), 0),
        ):
            reads.clear()
            ids, weights, _ = postings(s, "k", "a", within=within)
            keep = np.isin(full_ids, within)
            assert ids.tolist() == full_ids[keep].tolist()
            assert weights.tolist() == full_w[keep].tolist()
            assert len(reads) == read, within


def test_postings_reader_drops_deleted_documents(tmp_path, corpus_dir):
    with Index.create(tmp_path / "ix") as index:
        index.update([corpus_dir], workers=1)
        hit = index.search("政策解读").hits[0]
        index.remove([hit.id])
        with index.searcher() as s:
            assert s.reader().has_deletions()
            ids, _, _ = postings(s, "kind", "report")
            assert ids.tolist() == sorted(s.docs_for_query(wq.Term("kind", "report")))
            assert len(ids) == 4


def test_field_values_equal_stored_fields(index):
    with index.searcher() as s:
        years = field_values(s.reader(), "year")
        reports = [d for d, (_, kind, _) in document_names(s.reader()).items() if kind == "report"]
        checked = 0
        for d in reports:
            if (year := s.stored_fields(d).get("year")) is not None:
                assert years[d] == year
                checked += 1
        assert checked == len(reports) > 0


def _documents(index: Index) -> dict:
    """Every document as (stored fields, postings of every field), named by what it holds:
    a parallel build orders documents by which process took which files."""
    with index.searcher() as s:
        r = s.reader()
        names = document_names(r)
        stored = {name: r.stored_fields(d) for d, name in names.items()}
        posts: dict = {name: {} for name in names.values()}
        for field, btext in r.all_terms():
            for d, value in r.postings(field, btext).items_as("weight"):
                posts[names[d]][(field, btext)] = value
        return {name: (stored[name], posts[name]) for name in names.values()}


def test_two_process_build_equals_one_process_build(tmp_path):
    out = tmp_path / "gen"
    generate(24, out, seed=5)
    with Index.create(tmp_path / "a") as one, Index.create(tmp_path / "b") as two:
        assert one.update([out / "reports"], workers=1).added == 24
        assert two.update([out / "reports"], workers=2).added == 24
        assert len(one.whoosh_index._segments()) == 1
        assert len(two.whoosh_index._segments()) == 2
        a, b = _documents(one), _documents(two)
        assert a.keys() == b.keys() and len(a) > 24
        for name in a:
            assert a[name] == b[name], name


def test_units_follow_their_report_through_workers_updates_and_merges(tmp_path):
    """`search/corpus.py` gives each unit to the nearest report document before it: true
    after a 2-process build, an update that replaces and removes files, and a merge."""
    from govsearch.search.corpus import report_items

    out = tmp_path / "gen"
    generate(30, out, seed=9)
    files = sorted((out / "reports").iterdir())
    with Index.create(tmp_path / "ix") as ix:
        assert ix.update([out / "reports"], workers=2).added == 30
        files[3].write_text(files[3].read_text("utf-8") + "\n（修订）\n", "utf-8")
        files[7].unlink()
        summary = ix.update([out / "reports"], workers=2, prune=True)
        assert (summary.updated, summary.removed) == (1, 1)
        for merged in (False, True):
            if merged:
                ix.whoosh_index.optimize()
            s = ix._shared()
            names = document_names(s.reader())
            report_doc = {rid: d for d, (rid, kind, _) in names.items() if kind == "report"}
            owners = [report_doc[rid] for rid, kind, _ in names.values() if kind != "report"]
            expected = Counter(owners)
            got = {d: len(keys) for d, keys in report_items(ix, s).items()}
            assert got == expected and sum(got.values()) > 60


def test_posting_blocks_and_stored_fields_are_pickled_with_protocol_4(built_index):
    """`engine.protocol` replaced whoosh's module-level `dumps` (blocks, stored fields): a
    block of a text field is a protocol-4 pickle (bytes as bytes, no `_codecs.encode` call)."""
    import pickle
    import pickletools
    import zlib

    import whoosh.codec.whoosh3 as w3
    import whoosh.columns as columns

    from govsearch.indexer.engine import protocol
    from govsearch.indexer.engine.postings import _leaf

    assert w3.dumps is protocol.dumps and columns.dumps is protocol.dumps
    with built_index.searcher() as s:
        for sub, _ in s.reader().leaf_readers():
            field = sub.schema["s1_overview"]
            for (name, _), info in sub._terms.items_from("s1_overview", b""):
                if name == "s1_overview" and not info.is_inlined():
                    m = _leaf(sub, "s1_overview", info, field.format)
                    block = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
                    if m._compression:
                        block = zlib.decompress(block)
                    ops = {op.name for op, _, _ in pickletools.genops(block)}
                    assert pickle.loads(block)[0] and "PROTO" in ops
                    assert block[1] == protocol.PROTOCOL and "GLOBAL" not in ops
                    break
