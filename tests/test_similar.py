"""Similar improvement measures (search/similar.py, indexer/write/documents.py, cli/similar_cmds.py).

The index here holds only unit documents: the measures and problems of the five reports in
`corpus/` plus a bank of generated, realistic measures (`GENERATED`), so that rankings are
tested against distractors. `tests/data/similar_pairs.jsonl` holds hand-written paraphrase
queries, each with a substring that identifies the one measure it should find.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.indexer.models import Report
from govsearch.indexer.parse import parse_report
from govsearch.indexer.write.analysis import char_ngrams
from govsearch.indexer.write.documents import unit_documents
from govsearch.indexer.write.schema import UNIT_FIELDS
from govsearch.search import Index, ReportNotFound
from govsearch.search.similar import EmptyQuery, common_measures, similar

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [json.loads(line) for line in (ROOT / "tests/data/similar_pairs.jsonl").open()]
LEADERSHIP = "加强对政府信息公开工作的领导"

# Measured on `unit_index` with W_WORDS = 0.2: 46 of 47 pairs in the top 5 (0.979), MRR@5 0.968.
# (BM25 over jieba words alone, W_WORDS = 1: 0.957, and 6 pairs not at rank 1 instead of 1.)
MIN_PRECISION_AT_5 = 0.978
MIN_MRR = 0.965

# (agency, region, year, measures, problems): one phrase-bank measure appears in one report only.
GENERATED: list[tuple[str, str, int, list[str], list[str]]] = [
    ("某市财政局", "某市", 2019, [
        "加强政府网站信息公开专栏建设，规范栏目设置，确保栏目内容及时更新、准确完整",
        "严格落实信息发布保密审查制度，坚持先审查、后公开，防止泄露国家秘密和敏感信息",
        "畅通依申请公开渠道，规范受理、登记、答复等办理流程，确保在法定期限内答复申请人",
        "加强业务培训，提高工作人员业务水平",
    ], ["信息公开专栏内容更新不及时", "保密审查机制不够健全"]),
    ("某市教育局", "某市", 2020, [
        "加强政策解读工作，通过图解、视频、问答等形式对重要政策进行通俗易懂的解读",
        "积极回应社会关切，对涉及群众切身利益的热点问题及时发布权威信息，主动引导舆论",
        "推进重点领域信息公开，重点做好财政预决算、重大建设项目、公共资源配置等领域信息公开",
        "加强业务培训，提高工作人员的业务水平",
    ], ["政策解读形式单一", "工作人员业务水平不高"]),
    ("某县人力资源和社会保障局", "某县", 2021, [
        "完善政府信息公开考核评议机制，将政务公开工作纳入年度绩效考核，强化责任追究",
        "加强政府信息公开队伍建设，配齐配强专职工作人员，保持队伍相对稳定",
        "拓宽公开渠道，充分利用政务微博、微信公众号等新媒体平台发布政府信息",
        "进一步加强业务培训，切实提高工作人员业务水平",
    ], ["工作人员业务水平不高", "公开渠道较为单一"]),
    ("某区住房和城乡建设局", "某区", 2021, [
        "做好政府信息公开指南和目录的编制与更新工作，方便公众查询获取政府信息",
        "加强政府公报和档案馆、图书馆等公共查阅点建设，为公众查阅政府信息提供便利",
        "组织开展政务公开培训，邀请专家授课，提升工作人员依法公开意识和业务能力",
        "及时更新网站信息，确保信息公开的时效性",
    ], ["公开指南和目录更新滞后"]),
    ("某县自然资源局", "某县", 2022, [
        "建立健全政府信息公开工作监督机制，主动接受人大、政协和社会公众监督",
        "规范行政复议和行政诉讼案件办理，降低政府信息公开工作被纠错率",
        "加强政务公开标准化规范化建设，梳理公开事项清单，明确公开内容、时限和责任主体",
        "及时更新网站信息，进一步确保信息公开的时效性",
    ], ["监督机制不健全"]),
    ("某市卫生健康委员会", "某市", 2020, [
        "做好政府信息的动态调整，定期对已公开信息进行清理，及时撤下过期失效信息",
        "推进基层政务公开，将村务公开与政务公开有机衔接，打通服务群众最后一公里",
        "加强政民互动，办好领导信箱和在线访谈，及时回复群众留言咨询",
    ], []),
    ("某区市场监督管理局", "某区", 2021, [
        "加强个人隐私保护，对公开信息中涉及的身份证号码、联系方式等个人信息进行脱敏处理",
        "落实政府信息公开年度报告制度，按时编制并发布年度报告，如实反映工作情况",
        "加快政务服务事项网上办理，公开办事指南，让企业和群众少跑腿",
        "及时更新网站信息，确保政府信息公开的时效性",
    ], []),
    ("某县交通运输局", "某县", 2019, [
        "完善新闻发布制度，定期召开新闻发布会，主要负责同志带头发布权威信息",
        "加强政府信息公开平台安全管理，落实网络安全责任，保障网站平稳运行",
        "严格执行政府信息公开收费规定，依法依规处理信息处理费相关事宜",
    ], []),
]  # fmt: skip


# Distractors: generic clauses every report uses, each action with 3 goals, 4 per report.
ACTIONS = [
    "加强信息公开工作的组织协调", "进一步健全政务公开工作制度", "认真落实上级关于政务公开的部署",
    "加大主动公开力度", "规范政府信息发布流程", "强化政务公开工作责任", "完善信息公开工作机制",
    "优化政府网站栏目设置", "加强政务公开监督检查", "深化重点领域信息公开",
    "推进决策公开和执行公开", "加强公开内容的审核把关", "做好信息公开日常维护",
    "加强与上级部门的沟通协调", "进一步提高信息发布质量", "加强对下属单位的业务指导",
    "持续推进政务公开标准化", "健全信息公开工作台账", "加强信息公开工作的检查督导",
    "做好政策文件的集中公开",
]  # fmt: skip
GOALS = [
    "确保信息公开工作规范有序", "切实提高政府信息公开工作水平", "不断增强政府工作透明度",
    "更好地保障人民群众的知情权", "推动政务公开工作再上新台阶", "提升政府公信力",
    "为群众提供更加便捷的服务", "促进依法行政", "做到应公开尽公开", "确保各项工作落到实处",
    "提高公开信息的准确性和实效性", "推动各项任务落实见效",
]  # fmt: skip


def corpus_reports() -> dict[str, Report]:
    """The bundled reports by file number ("003"), parsed by the real parser."""
    return {
        p.name[:3]: parse_report(p.read_text(encoding="utf-8"), source=p.name)
        for p in sorted((ROOT / "corpus").glob("*.txt"))
    }


def generated_reports() -> list[Report]:
    return [
        Report(id=f"gen{i:02d}", agency=a, region=r, year=y, improvement_measures=m, problems=p)
        for i, (a, r, y, m, p) in enumerate(GENERATED)
    ]


def distractor_reports() -> list[Report]:
    measures = [f"{a}，{g}" for i, a in enumerate(ACTIONS) for g in GOALS[i % 4 :: 4]]
    return [
        Report(id=f"dis{i:02d}", agency=f"某地第{i}局", year=2018 + i % 6,
               improvement_measures=measures[4 * i : 4 * i + 4])
        for i in range(len(measures) // 4)
    ]  # fmt: skip


def build_units(path: Path, reports: list[Report]) -> Index:
    """A real govsearch index (report documents and their units) of `reports`."""
    index = Index.create(path)
    index.add(reports)
    return index


@pytest.fixture(scope="module")
def corpus() -> dict[str, Report]:
    return corpus_reports()


@pytest.fixture(scope="module")
def unit_index(tmp_path_factory, corpus):
    """Corpus, generated measures and generic distractors: for ranking."""
    reports = [*corpus.values(), *generated_reports(), *distractor_reports()]
    return build_units(tmp_path_factory.mktemp("units"), reports)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory, corpus):
    """Corpus and generated measures only: for grouping."""
    return build_units(tmp_path_factory.mktemp("small"), [*corpus.values(), *generated_reports()])


def rank_of(results, expect: str) -> int | None:
    return next((i for i, h in enumerate(results.hits, 1) if expect in h.text), None)


# --- units -----------------------------------------------------------------------------------


def test_unit_documents_one_per_item(corpus):
    docs = unit_documents(corpus["003"])
    kinds = [(d["kind"], d["position"]) for d in docs]
    assert kinds[:4] == [("measure", 1), ("measure", 2), ("measure", 3), ("measure", 4)]
    assert [k for k, _ in kinds].count("problem") == len(corpus["003"].problems)
    assert docs[0]["unit_text"].startswith(LEADERSHIP)
    assert docs[0]["report_id"] == corpus["003"].id
    assert docs[0]["year"] == 2019


def test_char_ngrams_break_at_punctuation():
    assert char_ngrams("加强领导，完善ABC") == ["加强", "强领", "领导", "完善", "abc"]
    assert char_ngrams("。，、") == []


# --- similar ---------------------------------------------------------------------------------


def test_what_similar_keeps_per_searcher_dies_with_the_searcher(unit_index, corpus):
    """Reports read for units are kept per searcher (`_PER_SEARCHER`), never keeping the
    searcher alive: a long-running server opens a new one after every commit."""
    import gc
    import weakref

    from govsearch.search import similar as module

    searcher = unit_index.whoosh_index.searcher()
    assert similar(searcher, LEADERSHIP).hits[0].report_id == corpus["003"].id
    assert searcher in module._PER_SEARCHER
    alive = weakref.ref(searcher)
    searcher.close()
    del searcher
    gc.collect()
    assert alive() is None


def test_leadership_measure_ranks_first(unit_index, corpus):
    top = similar(unit_index, LEADERSHIP).hits[0]
    assert top.report_id == corpus["003"].id
    assert top.agency == "城步苗族自治县商务局"
    assert top.text.startswith(LEADERSHIP)
    assert LEADERSHIP in top.highlights
    assert 0 < top.score <= 1


def jieba_words(text: str) -> set[str]:
    return {t.text for t in UNIT_FIELDS["unit_text"].analyzer(text) if len(t.text) > 1}


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("把政府信息送到村里，打通最后一公里", "推进基层政务公开"),
        ("网站要安全稳定不出故障", "加强政府信息公开平台安全管理"),
        ("领导亲自出面发布权威消息", "完善新闻发布制度"),
        ("过期的信息要及时下架", "做好政府信息的动态调整"),
        ("让办事群众少跑路，网上就能办", "加快政务服务事项网上办理"),
        ("找准差距，改进方法", "主动寻找差距和不足"),
        ("及时回应老百姓关注的热点", "积极回应社会关切"),
    ],
)
def test_paraphrase_in_top_3(unit_index, query, expect):
    target = similar(unit_index, expect, limit=1).hits[0]
    assert expect in target.text
    assert len(jieba_words(query) & jieba_words(target.text)) <= 3  # few words in common
    results = similar(unit_index, query, limit=3)
    assert rank_of(results, expect) is not None, [h.text for h in results.hits]


def test_precision_at_5_on_evaluation_set(unit_index):
    """precision@5: relevant hits in the top 5 / min(5, relevant units), averaged over pairs.

    Each pair has one relevant measure, so this is the share of queries whose measure is in
    the top 5; MRR is checked too, so a drop from rank 1 to rank 4 is noticed.
    """
    assert len(PAIRS) >= 20
    ranks = [rank_of(similar(unit_index, p["query"], limit=5), p["expect"]) for p in PAIRS]
    precision = sum(r is not None for r in ranks) / len(ranks)
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    misses = [p["query"] for p, r in zip(PAIRS, ranks, strict=True) if r is None]
    assert precision >= MIN_PRECISION_AT_5, misses
    assert mrr >= MIN_MRR


def test_scores_compare_across_queries(unit_index):
    exact = similar(unit_index, "加强政民互动，办好领导信箱和在线访谈，及时回复群众留言咨询").hits[
        0
    ]
    loose = similar(unit_index, "办好领导信箱，及时答复网民留言").hits[0]
    unrelated = similar(unit_index, "天气晴朗适合郊游").hits
    assert exact.score > 0.95
    assert 0.2 < loose.score < exact.score
    assert not unrelated or unrelated[0].score < 0.15


def test_filters(unit_index, corpus):
    hits = similar(unit_index, "业务培训", year=(2020, 2021), limit=20).hits
    assert hits and all(2020 <= h.year <= 2021 for h in hits)
    hits = similar(unit_index, "业务培训", year=2019, agency="城步苗族自治县商务局").hits
    assert {h.report_id for h in hits} == {corpus["003"].id}
    assert all(h.kind == "problem" for h in similar(unit_index, "业务水平", problems=True).hits)


def test_report_query_excludes_itself(unit_index, corpus):
    rid = corpus["004"].id
    results = similar(unit_index, report_id=rid, measure=3, limit=5)
    assert results.query == [corpus["004"].improvement_measures[2]]
    assert results.hits and all(h.report_id != rid for h in results.hits)
    assert any("培训" in h.text for h in results.hits[:3])
    every = similar(unit_index, report_id=rid, limit=30)
    assert {h.query_position for h in every.hits} <= {1, 2, 3}


def test_unknown_report(unit_index, corpus):
    with pytest.raises(ReportNotFound):
        similar(unit_index, report_id="no-such-report")
    with pytest.raises(ReportNotFound):
        similar(unit_index, report_id=corpus["004"].id, measure=9)
    prefix = similar(unit_index, report_id=corpus["004"].id[:8], measure=3, limit=3)
    assert prefix.report_id == corpus["004"].id


def test_removed_report_is_not_found(tmp_path):
    index = build_units(tmp_path, generated_reports()[:2])
    index.remove(["gen00"])
    hits = similar(index, "加强政府网站信息公开专栏建设，规范栏目设置", limit=20).hits
    assert hits and all(h.report_id == "gen01" for h in hits)


def test_group_folds_near_identical(unit_index):
    plain = similar(unit_index, "及时更新网站信息，确保信息公开的时效性", limit=10).hits
    grouped = similar(unit_index, "及时更新网站信息，确保信息公开的时效性", group=True).hits
    assert sum(h.text.startswith("及时更新网站信息") for h in plain) == 3
    assert grouped[0].count == 3 and len(grouped[0].folded) == 2
    assert sum(h.text.startswith("及时更新网站信息") for h in grouped) == 1


@pytest.mark.parametrize("text", ["", "   ", "，。！？", "……——"])
def test_empty_query_raises(unit_index, text):
    with pytest.raises(EmptyQuery):
        similar(unit_index, text)


# --- common measures -------------------------------------------------------------------------


def test_common_measures(small_index):
    groups = common_measures(small_index, min_reports=2)
    texts = [{m.text for m in g.members} for g in groups]
    assert {
        "加强业务培训，提高工作人员业务水平",
        "加强业务培训，提高工作人员的业务水平",
        "进一步加强业务培训，切实提高工作人员业务水平",
    } in texts
    update = next(g for g in groups if g.representative.startswith("及时更新网站信息"))
    assert update.reports == 3
    assert common_measures(small_index, min_reports=4) == []
    assert common_measures(small_index, year=2019) == []
    problems = common_measures(small_index, problems=True)
    assert [g.members[0].text for g in problems] == ["工作人员业务水平不高"]


# --- CLI -------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_json(unit_index, corpus):
    result = runner.invoke(app, ["similar", LEADERSHIP, "--index", str(unit_index.path), "--json"])
    assert result.exit_code == 0, result.output
    hit = json.loads(result.stdout)["hits"][0]
    assert set(hit) == {"report_id", "agency", "year", "text", "score"}
    assert hit["report_id"] == corpus["003"].id


def test_cli_table_and_measures(unit_index, small_index):
    folder = str(unit_index.path)
    result = runner.invoke(app, ["similar", "业务培训", "--year", "2019..2021", "--index", folder])
    assert result.exit_code == 0, result.output
    assert "城步苗族自治县商务局" in result.stdout
    folder = str(small_index.path)
    result = runner.invoke(app, ["measures", "--common", "--index", folder, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["reports"] == 3


@pytest.mark.parametrize(
    "args", [[""], ["，。"], ["--report", "no-such-report"], ["x", "--year", "2019-2021"]]
)
def test_cli_errors_one_line_exit_1(unit_index, args):
    result = runner.invoke(app, ["similar", *args, "--index", str(unit_index.path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("error:")


def test_built_index_if_available(request):
    """The merged index of the index engineer (tests/conftest.py), once it exists."""
    try:
        built = request.getfixturevalue("built_index")
    except pytest.FixtureLookupError:
        pytest.skip("no built_index fixture yet")
    top = similar(built, LEADERSHIP).hits[0]
    assert top.text.startswith(LEADERSHIP)
