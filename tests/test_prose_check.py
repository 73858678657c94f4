"""P1, prose against table (`indexer/parse/prose.py`): exact values on real texts and small ones.

A false accusation is the worst failure, so most of these are phrases that must *not* be read.
"""

from pathlib import Path

import pytest

from govsearch.indexer.models import ConsistencyIssue
from govsearch.indexer.parse import parse_report
from govsearch.indexer.parse.prose import SUIT_TOTAL, check_prose, find_claims

ROOT = Path(__file__).parent
V2 = {
    "app_new__total": 9,
    "app_carried_in__total": 2,
    "pd_rules_issued": 2,
    "pd_rules_in_force": 13,
    "rl_review_total": 1,
    "rl_suit_direct_total": 0,
    "rl_suit_after_review_total": 0,
}


def p1(text: str, fields=V2, year=2021, version="v2_2021", section="s1_overview"):
    return [
        (i.where, i.expected, i.found) for i in check_prose({section: text}, fields, year, version)
    ]


def claims(text: str, year=2021, version="v2_2021"):
    return [(c.where, c.found) for c in find_claims({"s1_overview": text}, year, version)]


def parsed(path: str):
    return parse_report((ROOT / path).read_text(encoding="utf-8"), source=path)


# ---- real texts


def test_real_contradiction_r10_012():
    # "本年度,共受理政府信息公开申请2件" against the form's 一、本年新收…申请数量 总计 3 (上年结转 0).
    r = parsed("realset/reports/r10_012.txt")
    assert (r.fields["app_new__total"], r.fields["app_carried_in__total"]) == (3, 0)
    assert [i for i in r.consistency if i.rule == "P1"] == [
        ConsistencyIssue(rule="P1", where="app_new__total", expected=3, found=2)
    ]


@pytest.mark.parametrize(
    "path",
    [
        "realset/reports/r6_028.txt",  # "分局2023年度未收到政府信息公开申请。", 新收 0
        "devset/reports/006.txt",  # "本年度未收到政府信息公开申请。", 新收 0
        "devset/reports/010.txt",  # "未收到依申请公开信息。", 新收 0
    ],
)
def test_real_agreement(path):
    r = parsed(path)
    assert r.fields["app_new__total"] == 0
    assert [(c.where, c.found) for c in find_claims(r.sections, r.year, r.format)] == [
        ("app_new__total", 0)
    ]
    assert not [i for i in r.consistency if i.rule == "P1"]


def test_real_without_tables_is_not_checkable():
    # r4_024: "共受理政府信息公开申请11件…因政府信息公开申请产生行政复议3起,均胜诉;行政诉讼5起"
    # read, but the page stops before the tables: nothing to compare with.
    r = parsed("realset/reports/r4_024.txt")
    assert [(c.where, c.found) for c in find_claims(r.sections, r.year, r.format)] == [
        ("app_new__total", 11),
        ("rl_review_total", 3),
        (SUIT_TOTAL, 5),
    ]
    assert r.fields["app_new__total"] is None
    assert not [i for i in r.consistency if i.rule == "P1"]


def test_p1_only_on_the_real_texts_that_contradict_their_table():
    # Both read by eye: r10_012 says 受理申请2件 and r16_032 本年度,共受理政府信息公开申请2件,
    # while their tables give 新收 3 and 上年结转 0 (genuine, unless 受理 is narrower than 新收).
    failing = []
    for path in sorted(ROOT.glob("realset/reports/*")) + sorted(ROOT.glob("devset/reports/*")):
        try:
            r = parse_report(path.read_text(encoding="utf-8", errors="replace"))
        except ValueError:
            continue
        if any(i.rule == "P1" for i in r.consistency):
            failing.append(path.name)
    assert failing == ["r10_012.txt", "r16_032.txt"]


# ---- small texts that disagree


def test_application_count_disagrees():
    assert p1("2021年，我局共收到政府信息公开申请5件。") == [("app_new__total", 9, 5)]
    assert p1("受理企业和群众提出的政府信息公开申请95件。") == [("app_new__total", 9, 95)]
    assert p1("共受理政府信息公开申请总数十二件。") == [("app_new__total", 9, 12)]
    assert p1("本年度未收到政府信息公开申请。") == [("app_new__total", 9, 0)]


def test_carried_in_may_be_included():
    assert p1("收到政府信息公开申请9件。") == []  # 新收
    assert p1("收到政府信息公开申请11件。") == []  # 新收 + 上年结转
    assert p1("收到政府信息公开申请10件。") == [("app_new__total", 9, 10)]
    # without 上年结转 a number other than 新收 cannot be judged
    assert (
        p1("收到政府信息公开申请11件。", {"app_new__total": 9, "app_carried_in__total": None}) == []
    )


def test_rules_review_litigation_disagree():
    assert p1("本年度制发规章3件。") == [("pd_rules_issued", 2, 3)]
    assert p1("主动公开规章13件。") == []  # 现行有效 13
    assert p1("主动公开规章4件。") == [("pd_rules_issued", 2, 4)]
    assert p1("全年因政府信息公开引起的行政复议2件，行政诉讼1件。") == [
        ("rl_review_total", 1, 2),
        (SUIT_TOTAL, 0, 1),
    ]
    assert p1("收到有关政府信息公开行政复议申请0件。") == [("rl_review_total", 1, 0)]
    v1 = {"pd_rules_new_made": 1, "pd_rules_new_published": 1, "pd_rules_total_published": 5}
    assert p1("新制作规章2件。", v1, 2020, "v1_2019_trial") == [("pd_rules_new_made", 1, 2)]
    assert p1("公开规章5件。", v1, 2020, "v1_2019_trial") == []  # 对外公开总数量


def test_one_entry_per_cell_and_number():
    text = "共收到政府信息公开申请5件。\n本年度收到政府信息公开申请5件，均已答复。"
    assert p1(text) == [("app_new__total", 9, 5)]


def test_blank_cell_and_legacy_are_not_checkable():
    assert p1("共收到政府信息公开申请5件。", {"app_new__total": None}) == []
    assert p1("共收到政府信息公开申请5件。", {}, 2017, "v0_legacy") == []


# ---- phrases that name no cell, or not unambiguously


@pytest.mark.parametrize(
    "text",
    [
        "2020年共收到政府信息公开申请5件。",  # another year
        "收到政府信息公开申请3件，比2020年增加1件。",
        "与上年相比，收到政府信息公开申请增加3件。",
        "收到政府信息公开申请较上年减少4件。",
        "上年结转政府信息公开申请2件。",
        "共收到政府信息公开申请同比增长20%。",
        "其中，收到网上申请3件。",
        "全区共收到政府信息公开申请100件，其中，区政府办公室收到政府信息公开申请20件。",
        "收到政府信息公开申请约100件。",
        "收到政府信息公开申请100余件。",
        "全市各级行政机关共收到政府信息公开申请5000件。",
        "收到自然人提交的政府信息公开申请3件。",
        "收到公民提出的政府信息公开申请3件。",
        "收到并答复公民申请事项1件。",
        "通过网上平台收到政府信息公开申请3件。",
        "不予受理政府信息公开申请2件。",
        "自条例实施以来累计受理政府信息公开申请300件。",
        "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3",
        "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
        "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 3 |",
        "制定规章制度3项。",
        "发布省政府规章1件。",
        "其中发布省政府规章1件、行政规范性文件6件。",
        "行政复议和行政诉讼均为0件。",
        "行政复议、行政诉讼共1件。",
        "因政府信息公开引起的行政复议结果纠正1件。",
        "办理行政复议案件235件。",  # not about 政府信息公开
        "复议后起诉的行政诉讼1件。",
        "本年度未收到涉及国家秘密的政府信息公开申请。",
        "二〇二〇年共收到政府信息公开申请5件。",
        "上半年共收到政府信息公开申请3件。",
        "1-6月共收到政府信息公开申请3件。",
        "市政府本级共收到政府信息公开申请3件。",
        "市直部门共收到政府信息公开申请3件。",
        "收到12345热线转办的政府信息公开申请3件。",
    ],
)
def test_not_a_claim_or_not_a_failure(text):
    assert p1(text) == []


def test_tricky_phrases_read_as_they_should():
    # a 行政复议 count, not an application count
    assert claims("收到有关政府信息公开行政复议申请0件。") == [("rl_review_total", 0)]
    # 办理 is not read (it may include 上年结转 or mean the results)
    assert claims("收到依申请公开124件,其中,全年共办理依申请公开122件。") == [
        ("app_new__total", 124)
    ]
    # the 其中 counts are parts of the 28 applications, not the 行政复议 total
    assert claims("受理答复政府信息公开申请28件,其中,行政复议1件、行政诉讼0件。") == [
        ("app_new__total", 28)
    ]
    assert claims("收到、办理依申请公开 0件。") == [("app_new__total", 0)]
    assert claims("2021年，东山镇共收到政府信息公开申请0件。") == [("app_new__total", 0)]
    assert claims("2021年，东山镇共收到政府信息公开申请0件。", year=2022) == []
    assert claims("2021年共收到政府信息公开申请0件。", year=None) == []
    assert claims("2021年1月1日至12月31日，共收到政府信息公开申请3件。") == [("app_new__total", 3)]
    assert claims("截至2021年12月31日，共收到政府信息公开申请3件。") == [("app_new__total", 3)]
    assert claims("二〇二一年共收到政府信息公开申请五件。") == [("app_new__total", 5)]
    assert claims("行政复议1件、行政诉讼0件。", version="v2_2021") == []  # no 信息公开
    assert claims("主动公开规章13件。", version="v0_legacy") == []


# ---- generated texts: the generator's prose agrees with its tables; broken on purpose, P1 fires


def test_generated_prose_agrees_and_a_broken_figure_is_flagged(tmp_path):
    import re
    import sys

    sys.path.insert(0, str(ROOT.parent))
    from benchmarks.generate import generate

    generate(120, tmp_path)
    stated = re.compile(r"全年共收到政府信息公开申请(\d+)件")
    checked = broken = 0
    for path in sorted((tmp_path / "reports").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        r = parse_report(text)
        assert not [i for i in r.consistency if i.rule == "P1"], path.name
        m = stated.search(text)
        if m is None or r.format == "v0_legacy":
            continue
        checked += 1
        n = int(m.group(1))
        bad = parse_report(text[: m.start(1)] + str(n + 7) + text[m.end(1) :])
        assert [i for i in bad.consistency if i.rule == "P1"] == [
            ConsistencyIssue(rule="P1", where="app_new__total", expected=n, found=n + 7)
        ], path.name
        broken += 1
    assert checked == broken > 20
