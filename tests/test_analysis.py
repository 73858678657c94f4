"""The jieba analyzer: token numbers as positions, same-position sub-words, exact offsets."""

from __future__ import annotations

import pickle
from pathlib import Path

from whoosh.analysis import CompositeAnalyzer
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from govsearch.indexer.write.analysis import (
    ChineseAnalyzer,
    StopFilter,
    jieba_tokenizer,
    query_words,
    stop_words,
)


def tokens(text: str, mode: str = "index") -> list[tuple[str, int, int, int]]:
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ChineseAnalyzer()(text, positions=True, chars=True, mode=mode)
    ]


def test_composed_with_pipe_like_whoosh_analyzers():
    analyzer = ChineseAnalyzer()
    assert isinstance(analyzer, CompositeAnalyzer)
    assert isinstance(analyzer.items[-1], StopFilter)
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer  # schemas are pickled into the TOC


def test_positions_are_token_numbers_not_char_offsets():
    toks = tokens("我局在政务公开平台设置了政策解读栏目", mode="query")
    assert [t[1] for t in toks] == list(range(len(toks)))
    assert [t[0] for t in toks][:3] == ["我局", "政务公开", "平台"]


def test_sub_words_share_the_position_of_their_word():
    toks = tokens("政府信息公开工作")
    by_text = {t[0]: t for t in toks}
    assert by_text["政府信息公开"][1] == by_text["信息公开"][1] == by_text["公开"][1] == 0
    assert by_text["工作"][1] == 1


def test_query_mode_has_no_sub_words():
    assert [t[0] for t in tokens("政府信息公开工作", mode="query")] == ["政府信息公开", "工作"]


def test_offsets_are_the_exact_characters():
    text = "依申请公开的政府信息公开申请，收费3.52万元"
    for word, _, start, end in tokens(text):
        assert text[start:end].lower() == word


def test_numbers_and_document_numbers_are_single_tokens():
    assert "3.52" in [t[0] for t in tokens("收费金额3.52万元")]
    assert [t[0] for t in tokens("国办发〔2019〕60号", mode="query")] == [
        "国办发",
        "国办发〔2019〕60号",
    ]
    # In running text the issuer prefix is not known, so every suffix is indexed.
    index_side = [t for t in tokens("根据国办发〔2019〕60号文件") if t[0] == "国办发〔2019〕60号"]
    assert index_side and index_side[0][2:] == (2, 14)


def test_domain_dictionary_words_are_whole():
    words = [t[0] for t in tokens("政务公开日 依申请公开 政策解读 行政复议", mode="query")]
    assert words == ["政务公开日", "依申请公开", "政策解读", "行政复议"]


def test_stop_words_removed_and_positions_renumbered():
    assert "的" in stop_words()
    toks = tokens("规章的制定和公开", mode="query")
    assert "的" not in [t[0] for t in toks]
    assert [t[1] for t in toks] == list(range(len(toks)))


def test_jieba_cache_in_user_cache_dir_not_package_or_fixed_tmp():
    from platformdirs import user_cache_dir

    dt = jieba_tokenizer()
    assert Path(dt.tmp_dir) == Path(user_cache_dir("govsearch"))
    assert "site-packages" not in dt.tmp_dir and dt.tmp_dir != "/tmp"
    assert jieba_tokenizer() is dt  # initialised once


def _phrase_hits(analyzer, doc: str, phrase: str) -> int:
    ix = RamStorage().create_index(Schema(body=TEXT(analyzer=analyzer, phrase=True)))
    with ix.writer() as w:
        w.add_document(body=doc)
    with ix.searcher() as s:
        return len(s.search(QueryParser("body", ix.schema).parse(f'"{phrase}"')))


def test_phrase_split_differently_in_context_still_matches():
    # The document segments 政府信息公开|工作, the query 信息公开|工作: the sub-word sits at the
    # position of its word, so the next word is exactly one position later.
    doc = "全面推进政府信息公开工作，在政务公开平台设置了政策解读栏目"
    assert _phrase_hits(ChineseAnalyzer(), doc, "信息公开工作") == 1
    assert _phrase_hits(ChineseAnalyzer(), doc, "政务公开平台") == 1
    assert _phrase_hits(ChineseAnalyzer(), doc, "政策解读平台") == 0


def test_jieba_bridge_has_the_position_bug_we_avoid():
    from jieba.analyse import ChineseAnalyzer as JiebaBridge

    doc = "在政务公开平台设置了政策解读栏目"
    assert _phrase_hits(JiebaBridge(), doc, "公开平台") == 0  # char offsets: 公开@5, 平台@7
    assert _phrase_hits(ChineseAnalyzer(), doc, "公开平台") == 1


def test_query_dictionary_from_sqlite_segments_like_the_full_one(corpus_dir):
    # A query process reads only the dictionary entries inside its text (cold start); jieba
    # looks up nothing else, so the segmentation must be identical, HMM included.
    text = next(corpus_dir.iterdir()).read_text("utf-8")
    samples = ["政务公开平台", "政府信息公开工作人员多为兼职", "先审查、后公开", "甲乙丙丁"]
    samples += [text[i : i + 30] for i in range(0, min(len(text), 3000), 97)]
    full = jieba_tokenizer()
    for sample in samples:
        assert list(query_words(sample).tokenize(sample)) == list(full.tokenize(sample)), sample


def test_direct_postings_equal_whoosh_analysis(corpus_dir):
    # The index posts `direct_items`, computed without whoosh's token stream.
    from govsearch.indexer.engine.fields import direct_items
    from govsearch.indexer.write.schema import build_schema

    schema = build_schema()
    texts = [p.read_text("utf-8") for p in sorted(corpus_dir.iterdir())]
    texts.append(
        "的 的 了。国办发〔2019〕60号 和 3.52％ ABC abc"
    )  # stop words, 文号, numbers, case
    for name in ("s1_overview", "unit_text", "unit_ngrams"):
        for text in texts:
            expected = sorted(TEXT.index(schema[name], text))
            assert sorted(direct_items(schema[name], text)) == expected


def test_compact_positions_round_trip():
    from govsearch.indexer.engine.fields import CompactPositions

    fmt = CompactPositions()
    # 1-byte, 2-byte and 4-byte deltas
    for poslist in ([0], [3, 4, 9], [3, 400, 401], [1, 70_000, 70_001]):
        value = fmt.encode(poslist)
        assert fmt.decode_positions(value) == poslist
        assert fmt.decode_frequency(value) == len(poslist)
        assert fmt.decode_weight(value) == float(len(poslist))
    assert len(fmt.encode([5])) == 2  # whoosh's Positions: 14 bytes
