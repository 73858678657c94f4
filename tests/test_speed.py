"""Speed levers that must not change results: lazy start-up, the LRU, numpy positions."""

from __future__ import annotations

import subprocess
import sys
from array import array

import numpy as np
import pytest

from govsearch.indexer.engine.fields import CompactPositions
from govsearch.indexer.engine.positions import POS_BITS, phrase_docs, position_keys
from govsearch.search.cache import LRU

HEAVY = ("numpy", "scipy", "whoosh", "jieba", "datasketch", "pydantic")


def test_the_cli_imports_nothing_heavy():
    # `govsearch --help`, `stats` with a bad path and argument errors need only typer and rich.
    code = (
        f"import sys, govsearch.cli.app\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_query_process_loads_no_writer(built_index):
    code = (
        "import sys; from govsearch.search import Index\n"
        f"Index.open({str(built_index.path)!r}).search('政务公开')\n"
        "print(' '.join(m for m in sys.modules if m.startswith('govsearch.indexer.write.build')"
        " or m.startswith('govsearch.indexer.engine.writer') or 'rebuild' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_library_package_loads_lazily():
    code = "import sys, govsearch.search as s; a = 'whoosh' in sys.modules; s.Query; print(a, 'whoosh' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_position_keys_decode_every_array_type_like_whoosh():
    fmt = CompactPositions()
    postings = [[0, 3, 9], [5], [1, 300, 70000], [2, 2 + 255, 600], [7, 8]]  # B, B, I, H, B
    values = [fmt.encode(p) for p in postings]
    assert [chr(v[0]) for v in values] == ["B", "B", array("I").typecode, "H", "B"]
    ids = np.array([1, 4, 6, 9, 12], dtype=np.int64)
    keys = position_keys(fmt, ids, values)
    expected = sorted(
        (d << POS_BITS) + p for d, ps in zip(ids.tolist(), postings, strict=True) for p in ps
    )
    assert keys.tolist() == expected
    assert position_keys(fmt, ids[:0], []).tolist() == []


def test_position_keys_equal_the_formats_own_decoder_on_random_postings():
    import random

    fmt, rng, widths = CompactPositions(), random.Random(3), set()
    for _ in range(200):
        ids = np.array(sorted(rng.sample(range(10_000), rng.randint(1, 40))), dtype=np.int64)
        tops = [rng.choice([50, 300, 70_000, 5_000_000]) for _ in ids]
        values = [fmt.encode(sorted(rng.sample(range(t), rng.randint(1, 6)))) for t in tops]
        expected = sorted(
            (d << POS_BITS) + p
            for d, v in zip(ids.tolist(), values, strict=True)
            for p in fmt.decode_positions(v)
        )
        assert position_keys(fmt, ids, values).tolist() == expected
        widths |= {chr(v[0]) for v in values}
    assert widths == {"B", "H", "I"}


def test_phrase_docs_need_every_word_in_order():
    def keys(*pairs):
        return np.array(sorted((d << POS_BITS) + p for d, p in pairs), dtype=np.int64)

    a = keys((1, 4), (2, 0), (3, 7), (5, 1))
    b = keys((1, 5), (2, 2), (3, 8), (5, 2))
    c = keys((1, 6), (3, 1), (5, 3))
    assert phrase_docs([a, b]).tolist() == [1, 3, 5]
    assert phrase_docs([a, b, c]).tolist() == [1, 5]
    assert phrase_docs([b, a]).tolist() == []


def test_lru_evicts_the_least_recently_used_by_bytes():
    one = np.zeros(125, dtype=np.int64)  # 1000 bytes (+ overhead)
    cache = LRU(max_bytes=3500)
    for key in "abc":
        cache[key] = one
    assert cache["a"] is one  # read: now the most recent
    cache["d"] = one
    assert list(cache) == ["c", "a", "d"]  # b, the least recently used, went
    assert cache.bytes == 3 * (1000 + 112)


@pytest.mark.parametrize("text", ["--help", "stats --help"])
def test_help_runs(text):
    out = subprocess.run(
        [sys.executable, "-m", "govsearch.cli", *text.split()], capture_output=True, text=True
    )
    assert out.returncode == 0 and "Usage" in out.stdout


def test_facet_columns_count_like_facet_counts():
    from govsearch.search.columns import Column
    from govsearch.search.results import facet_counts

    rng = np.random.default_rng(3)
    values = {d: int(v) for d, v in enumerate(rng.integers(2015, 2024, 300)) if d % 7}
    values.update({d: "v2_2021" for d in range(0, 300, 11)})
    docs = np.unique(rng.integers(0, 320, 200))
    column = Column(values, 320)
    assert column.counts(docs) == facet_counts(values, docs.tolist())
    assert list(column.counts(docs).items())[:1] == list(facet_counts(values, docs).items())[:1]
    assert column.counts(docs[:0]) == {}


def test_facets_from_columns_equal_the_dict_loop(built_index):
    from govsearch.indexer.engine.postings import field_values
    from govsearch.search.results import facet_counts

    results = built_index.search("政府信息公开", facets=["year", "agency", "version"])
    with built_index.searcher() as s:
        from govsearch.search import Query

        q = Query.build(text="政府信息公开")
        docs = sorted(s.docs_for_query(q.to_whoosh(s.schema)))
        for name in ("year", "agency", "version"):
            assert results.facets[name] == facet_counts(field_values(s.reader(), name), docs)
    assert sum(results.facets["year"].values()) == results.total == 5


def test_block_postings_and_field_values_skip_deleted_documents(corpus_dir, tmp_path):
    from govsearch.indexer.engine.postings import field_postings, field_values, postings
    from govsearch.search import Index

    with Index.create(tmp_path / "ix") as index:
        index.update([corpus_dir], workers=1)
        first = next(index.reports()).id
        index.remove([first])
        with index.searcher() as s:
            reader = s.reader()
            assert reader.has_deletions()
            for field, text in [
                ("kind", "report"),
                ("s1_overview", "政府信息公开"),
                ("year", 2021),
            ]:
                ids, weights, _ = postings(s, field, text)
                m = s.postings(field, text)
                expected = []
                while m.is_active():
                    expected.append((m.id(), m.weight()))
                    m.next()
                assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == expected
            for name in ("year", "agency", "version"):
                values = field_values(reader, name)
                fieldobj = reader.schema[name]
                expected = {
                    d: fieldobj.from_bytes(b)
                    for b in fieldobj.sortable_terms(reader, name)
                    for d in reader.postings(name, b).all_ids()
                }
                assert values == expected and values
                assert not any(reader.is_deleted(d) for d in values)
                _assert_same_column(field_postings(reader, name), values, reader.doc_count_all())


def _assert_same_column(postings_, values, size):
    """A facet column built from the postings is the one built from the docnum → value dict."""
    from govsearch.search.columns import Column

    fast, slow = Column.from_postings(postings_, size), Column(values, size)
    assert fast.labels == slow.labels and np.array_equal(fast.codes, slow.codes)


def _pieces(texts):
    """What segmentation receives: the folded text between numbers and 文号 (`SPECIAL`)."""
    from govsearch.indexer.fold import normalize
    from govsearch.indexer.write.analysis import SPECIAL

    for text in map(normalize, texts):
        last = 0
        for m in SPECIAL.finditer(text):
            yield text[last : m.start()]
            last = m.end()
        yield text[last:]


def test_rjieba_gives_jiebas_tokens(corpus_dir, tmp_path):
    pytest.importorskip("rjieba")
    import sys as _sys
    from pathlib import Path

    from govsearch.indexer.write.analysis import domain_words, jieba_tokenizer
    from govsearch.indexer.write.fastcut import _load

    _sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.generate import generate

    generate(30, tmp_path, seed=5)
    files = sorted(corpus_dir.glob("*.txt")) + sorted((tmp_path / "reports").glob("*.txt"))
    texts = [f.read_text("utf-8") for f in files]
    dt = jieba_tokenizer()
    fast = _load(dt.FREQ, domain_words())
    pieces = [p for p in _pieces(texts) if p]
    assert len(files) == 35 and len(pieces) > 3000
    differ = [p for p in pieces if [tuple(t) for t in fast(p)] != list(dt.tokenize(p))]
    assert differ == []
    # Not vacuous: the domain words are there, and whole text would differ (digits, dashes).
    assert [t[0] for t in fast("政府信息公开工作")] == ["政府信息公开", "工作"]
    assert [tuple(t) for t in fast("2016-02-02")] != list(dt.tokenize("2016-02-02"))
