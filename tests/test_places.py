"""Place fields on the index side (spec §2): filters by official or short name, facets, export,
hits, similar measures, and simplified ⇄ traditional folding wherever a user searches or counts.

The reports are built here with the place fields set (the parser fills them elsewhere).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.indexer.fold import fold, place_key
from govsearch.indexer.models import Report
from govsearch.search import Index

OVERVIEW = "本局高度重视政策解读工作，围绕重点政策开展解读，提升政务公开水平。"
MEASURE = "加强政策解读，通过图解、问答等形式解读重要政策"

# Changchun written in simplified and in traditional characters, and Hangzhou.
REPORTS = [
    Report(
        id="cc-simplified",
        title="长春市商务局2021年政府信息公开工作年度报告",
        agency="长春市商务局",
        region="长春市",
        province="吉林省",
        city="长春市",
        region_code="220100",
        agency_key="长春市商务局@220100",
        year=2021,
        format="v2_2021",
        sections={"s1_overview": OVERVIEW},
        improvement_measures=[MEASURE],
    ),
    Report(
        id="cc-traditional",
        title="長春市商務局2022年政府資訊公開工作年度報告",
        agency="長春市商務局",
        region="長春市",
        province="吉林省",
        city="長春市",
        region_code="220100",
        agency_key="长春市商务局@220100",
        year=2022,
        format="v2_2021",
        sections={
            "s1_overview": "本局高度重視政策解讀工作，圍繞重點政策開展解讀，提升政務公開水平。"
        },
        improvement_measures=["加強政策解讀，通過圖解、問答等形式解讀重要政策"],
    ),
    Report(
        id="hz-binjiang",
        title="杭州市公安局滨江区分局2021年政府信息公开工作年度报告",
        agency="杭州市公安局滨江区分局",
        region="滨江区",
        province="浙江省",
        city="杭州市",
        county="滨江区",
        region_code="330108",
        agency_key="杭州市公安局滨江区分局@330108",
        year=2021,
        format="v2_2021",
        sections={"s1_overview": "本局落实政务公开要求。", "s5_problems": "政策解读不够深入。"},
        improvement_measures=["加强政策解读，丰富解读形式"],
    ),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> Index:
    index = Index.create(tmp_path_factory.mktemp("places"))
    assert index.add(REPORTS) == 3
    yield index
    index.close()


def ids(results) -> list[str]:
    return sorted(h.id for h in results.hits)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("浙江省", "浙江"), ("浙江", "浙江"), ("杭州市", "杭州"), ("滨江区", "滨江"),
        ("广西壮族自治区", "广西"), ("新疆维吾尔自治区", "新疆"), ("宁夏回族自治区", "宁夏"),
        ("内蒙古自治区", "内蒙古"), ("香港特别行政区", "香港"), ("大兴安岭地区", "大兴安岭"),
        ("锡林郭勒盟", "锡林郭勒"), ("延边朝鲜族自治州", "延边"), ("恩施土家族苗族自治州", "恩施"),
        ("城步苗族自治县", "城步"), ("莫力达瓦达斡尔族自治旗", "莫力达瓦"), ("和县", "和县"),
        ("長春市", "长春"), ("廣西壯族自治區", "广西"),
    ],
)  # fmt: skip
def test_place_key_strips_the_standard_division_suffixes(name, key):
    assert place_key(name) == key


def test_traditional_and_simplified_queries_find_the_same_reports(places):
    simplified, traditional = places.search("政策解读"), places.search("政策解讀")
    assert simplified.total == traditional.total == 3
    assert ids(simplified) == ids(traditional) == ["cc-simplified", "cc-traditional", "hz-binjiang"]
    phrase = places.search('"政策解讀工作"')
    assert ids(phrase) == ["cc-simplified", "cc-traditional"]


def test_highlights_fall_on_the_text_as_written(places):
    hit = next(h for h in places.search("政策解读").hits if h.id == "cc-traditional")
    assert {h.text for h in hit.highlights} == {"政策解讀"}
    assert "高度重視" in hit.snippet  # displayed as written


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"province": "吉林省"}, ["cc-simplified", "cc-traditional"]),
        ({"province": "吉林"}, ["cc-simplified", "cc-traditional"]),
        ({"city": "长春"}, ["cc-simplified", "cc-traditional"]),
        ({"city": "長春市"}, ["cc-simplified", "cc-traditional"]),
        ({"province": "浙江"}, ["hz-binjiang"]),
        ({"city": "杭州", "county": "滨江"}, ["hz-binjiang"]),
        ({"county": "滨江区"}, ["hz-binjiang"]),
        ({"agency": "長春市商務局"}, ["cc-simplified", "cc-traditional"]),
        ({"agency": "长春市商务局"}, ["cc-simplified", "cc-traditional"]),
        ({"region": "长春市"}, ["cc-simplified", "cc-traditional"]),
        ({"agency_key": "长春市商务局@220100"}, ["cc-simplified", "cc-traditional"]),
        ({"province": "浙江", "city": "长春"}, []),
        ({"province": "江"}, []),  # not a prefix match
    ],
)
def test_place_and_agency_filters_fold_and_accept_the_short_form(places, filters, expected):
    assert ids(places.search(**filters)) == expected
    assert ids(places.search("政策解读", **filters)) == expected


def test_facets_count_both_scripts_as_one(places):
    facets = places.search(facets=["province", "city", "county", "agency_key", "agency"]).facets
    assert facets["province"] == {"吉林省": 2, "浙江省": 1}
    assert facets["city"] == {"长春市": 2, "杭州市": 1}
    assert facets["county"] == {"滨江区": 1}
    assert facets["agency_key"] == {"长春市商务局@220100": 2, "杭州市公安局滨江区分局@330108": 1}
    assert facets["agency"] == {"长春市商务局": 2, "杭州市公安局滨江区分局": 1}


def test_hits_carry_the_place_fields_as_written(places):
    hits = {h.id: h for h in places.search("政策解读").hits}
    assert (hits["cc-traditional"].agency, hits["cc-traditional"].city) == (
        "長春市商務局",
        "長春市",
    )
    hz = hits["hz-binjiang"]
    assert (hz.province, hz.city, hz.county, hz.agency_key) == (
        "浙江省",
        "杭州市",
        "滨江区",
        "杭州市公安局滨江区分局@330108",
    )
    assert places.get("cc-traditional") == REPORTS[1]


def test_similar_measures_fold_and_filter_by_place(places):
    simplified = places.similar(MEASURE)
    traditional = places.similar("加強政策解讀，通過圖解、問答等形式解讀重要政策")
    assert [h.report_id for h in simplified.hits][:2] == [h.report_id for h in traditional.hits][:2]
    assert {h.report_id for h in simplified.hits[:2]} == {"cc-simplified", "cc-traditional"}
    assert simplified.hits[0].score == simplified.hits[1].score == traditional.hits[0].score
    only = places.similar(MEASURE, province="浙江")
    assert [h.report_id for h in only.hits] == ["hz-binjiang"]
    assert only.hits[0].province == "浙江省" and only.hits[0].county == "滨江区"
    assert places.similar(MEASURE, city="長春", county="滨江").hits == []
    keyed = places.similar(MEASURE, agency_key="长春市商务局@220100")
    assert {h.report_id for h in keyed.hits} == {"cc-simplified", "cc-traditional"}


def test_fold_is_the_same_on_both_sides():
    assert fold("政策解讀 ＡＢＣ２０２１") == "政策解读 abc2021"
    assert len(fold("長春市商務局")) == len("長春市商務局")


# --- the command line -------------------------------------------------------------------------

runner = CliRunner()


def run(index: Index, *args: str):
    result = runner.invoke(app, [*args, "--index", str(index.path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_query_place_filters_and_facets(places):
    out = json.loads(run(places, "query", "政策解讀", "--province", "吉林", "--json"))
    assert out["total"] == 2 and {h["city"] for h in out["hits"]} == {"长春市", "長春市"}
    out = json.loads(run(places, "query", "--city", "杭州", "--county", "滨江", "--json"))
    assert [h["id"] for h in out["hits"]] == ["hz-binjiang"]
    out = json.loads(run(places, "query", "--agency-key", "长春市商务局@220100", "--json"))
    assert out["total"] == 2
    out = json.loads(run(places, "query", "--facet", "city", "--facet", "province", "--json"))
    assert out["facets"] == {
        "city": {"长春市": 2, "杭州市": 1},
        "province": {"吉林省": 2, "浙江省": 1},
    }
    assert "长春市 (2)" in run(places, "query", "--facet", "city")


def test_cli_similar_place_filters(places):
    out = json.loads(run(places, "similar", MEASURE, "--province", "浙江省", "--json"))
    assert [h["report_id"] for h in out["hits"]] == ["hz-binjiang"]
    out = json.loads(
        run(places, "similar", MEASURE, "--county", "滨江", "--city", "杭州", "--json")
    )
    assert [h["report_id"] for h in out["hits"]] == ["hz-binjiang"]
    out = json.loads(run(places, "similar", MEASURE, "--agency-key", "nope", "--json"))
    assert out["hits"] == []


def test_cli_export_has_the_place_columns(places):
    rows = list(csv.DictReader(io.StringIO(run(places, "export", "--format", "csv"))))
    by_id = {r["id"]: r for r in rows}
    hz = by_id["hz-binjiang"]
    assert (hz["province"], hz["city"], hz["county"], hz["region_code"], hz["agency_key"]) == (
        "浙江省",
        "杭州市",
        "滨江区",
        "330108",
        "杭州市公安局滨江区分局@330108",
    )
    assert by_id["cc-traditional"]["city"] == "長春市"  # exported as written
    lines = run(places, "export", "--format", "jsonl").splitlines()
    assert json.loads(lines[0])["province"] in ("吉林省", "浙江省")


@pytest.mark.parametrize(
    ("filters", "total"),
    [
        ({"province": "河南"}, 2),
        ({"province": "河南省", "city": "平顶山"}, 1),
        ({"city": "临夏"}, 1),  # 临夏回族自治州
        ({"county": "积石山"}, 1),  # 积石山保安族东乡族撒拉族自治县
        ({"county": "城步"}, 1),  # 城步苗族自治县
        ({"province": "湖南", "county": "湛河"}, 0),
    ],
)
def test_place_filters_on_the_parsed_corpus(built_index, filters, total):
    # The parser fills the places of the bundled reports: short forms find them.
    assert built_index.search(**filters).total == total


def test_fold_terms_is_fold_for_every_term_character(corpus_dir):
    import re

    from opencc import OpenCC

    from govsearch.indexer.fold import fold_terms

    def terms(text: str) -> str:
        return re.sub(r"\W", "", text)

    to_traditional = OpenCC("s2t")
    for path in sorted(corpus_dir.iterdir()):
        text = path.read_text("utf-8")
        for sample in (text, to_traditional.convert(text), text.replace("1", "１")):
            folded = fold_terms(sample)
            assert len(folded) == len(sample) and terms(folded) == terms(fold(sample))


def test_an_address_written_down_to_the_city_agrees_with_that_citys_township():
    # r13_013 and r5_020: the 街道's address names only its city (地址:南宁市明秀西路117号),
    # which does not make the township unknown
    from pathlib import Path

    from govsearch.indexer.parse import parse_report

    reports = Path(__file__).parent / "realset" / "reports"
    for name, county in (("r13_013", "西乡塘区"), ("r5_020", "南关区")):
        report = parse_report((reports / f"{name}.txt").read_text(encoding="utf-8"))
        assert report.county == county


@pytest.mark.parametrize(
    ("agency", "county"),
    [
        # r13_017, r13_019, r13_022: a city bureau's county branch by the county's short name
        ("十堰市生态环境局郧阳分局", "郧阳区"),
        ("泰安市生态环境局肥城分局", "肥城市"),
        ("十堰市生态环境局竹山分局", "竹山县"),
        ("咸宁市生态环境局嘉鱼县分局", "嘉鱼县"),  # r13_020, full name as before
        ("十堰市生态环境局分局", None),  # no county named: none guessed
    ],
)
def test_a_city_bureaus_county_branch_has_the_branchs_place(agency, county):
    from govsearch.indexer.parse.places import resolve

    assert resolve(agency).county == county


@pytest.mark.parametrize(
    ("name", "province"),
    [
        # r16_038, r16_042, r16_041: a free-trade zone's committee names its province in
        # brackets after 中国; it is no national body
        ("r16_038", "福建省"),
        ("r16_042", "福建省"),
        ("r16_041", "河北省"),
    ],
)
def test_a_free_trade_zone_is_placed_by_the_province_in_its_brackets(name, province):
    from pathlib import Path

    from govsearch.indexer.parse import parse_report
    from govsearch.indexer.parse.places import resolve

    reports = Path(__file__).parent / "realset" / "reports"
    report = parse_report((reports / f"{name}.txt").read_text(encoding="utf-8"))
    assert report.province == province
    assert resolve("中国(上海)自由贸易试验区管理委员会").province == "上海市"
    assert resolve("中国人民银行").province is None  # 中国 with no bracket names no place
