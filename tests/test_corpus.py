"""Figures that need the whole index (`search/corpus.py`): items copied from the same
agency's previous report (X3), boilerplate shared by many agencies, the six-part quality,
and `--where`/`--sort`/facets on them. Reports are built by hand: the texts say what is
copied and what is shared."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.indexer.models import Report
from govsearch.search import Index

SHARED = "加强业务培训，提高工作人员业务水平"  # in six agencies' reports
OWN = {  # agency → a measure no other agency wrote
    "甲县商务局": "建立商务领域信息发布审核台账，每季度更新1次",
    "乙县商务局": "开设外贸政策直播解读专栏",
    "丙县商务局": "编制商务领域主动公开目录",
    "丁县商务局": "推进招商项目信息公开试点",
    "戊县商务局": "规范电子商务统计数据发布",
    "己县商务局": "完善商贸流通企业信息库",
}


def _report(n: int, agency: str, year: int, measures: list[str], problems=()) -> Report:
    return Report(
        id=f"{n:016x}", agency=agency, agency_key=f"990000:{agency}", province="北京市",
        year=year, published=f"{year + 1}-01-20", format="v2_2021",
        improvement_measures=measures, problems=list(problems),
    )  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    agencies = list(OWN)
    reports = [_report(i, a, 2022, [SHARED, OWN[a]]) for i, a in enumerate(agencies)]
    # 甲 copies its 2022 measure in 2023 (other numbers, punctuation, script);
    # 乙 writes a new one; 丙 has one report only.
    reports.append(
        _report(
            100,
            "甲县商务局",
            2023,
            ["建立商務領域信息發布審核台賬；每季度更新2次。", "推行审核新机制"],
        )
    )
    reports.append(_report(101, "乙县商务局", 2023, ["全面梳理外贸企业办事指南"]))
    ix = Index.create(tmp_path_factory.mktemp("corpus"))
    ix.add(reports)
    yield ix
    ix.close()


def test_a_measure_copied_from_the_previous_year_is_flagged(index):
    copied = index.cross_year(f"{100:016x}")
    assert copied.previous_id == f"{0:016x}"
    assert (copied.status["X3"], copied.copied) == ("failed", 1)
    assert [(i.rule, i.where, i.text) for i in copied.issues] == [
        ("X3", "measure 1", "建立商務領域信息發布審核台賬；每季度更新2次。")
    ]
    fresh = index.cross_year(f"{101:016x}")
    assert (fresh.status["X3"], fresh.copied, fresh.issues) == ("ok", 0, [])
    alone = index.cross_year(f"{2:016x}")  # 丙: no report of 2021
    assert (alone.status["X3"], alone.copied) == ("not checkable", None)


def test_boilerplate_is_text_of_five_or_more_agencies(index):
    values = {
        h["id"]: h for h in index.iter_hits(fields=["id", "boilerplate_share", "copied_items"])
    }
    assert values[f"{0:016x}"]["boilerplate_share"] == 0.5  # SHARED, in 6 agencies' reports
    assert values[f"{100:016x}"]["boilerplate_share"] == 0.0  # its copy is 甲's alone
    assert values[f"{100:016x}"]["copied_items"] == 1
    assert values[f"{0:016x}"]["copied_items"] is None  # no 2021 report: not checkable
    quality = index.quality(f"{0:016x}")
    assert quality.parts[-1].model_dump() == {
        "name": "specific", "points": 10.0, "max": 20.0,
        "detail": "50% of the problems and measures are boilerplate shared word for word "
        "with other agencies' reports",
    }  # fmt: skip


def test_where_sort_and_facets_on_whole_index_figures(index):
    hits = index.search(where=["copied_items>=1"]).hits
    assert [h.id for h in hits] == [f"{100:016x}"]
    none_copied = index.search(where=["copied_items=0"], limit=None)
    assert [h.id for h in none_copied.hits] == [f"{101:016x}"]
    not_copied = index.search(where=["copied_items!=1"], limit=None)  # nulls are neither
    assert [h.id for h in not_copied.hits] == [f"{101:016x}"]
    ranked = index.search(sort="boilerplate_share", desc=True, limit=None).hits
    assert [h.values["boilerplate_share"] for h in ranked] == [0.5] * 6 + [0.0, 0.0]
    stored = {r.id: r.quality().score for r in index.reports()}
    shown = {h["id"]: h["quality"] for h in index.iter_hits(fields=["id", "quality"])}
    assert shown == {rid: index.quality(rid).score for rid in stored}
    assert all(shown[rid] != stored[rid] for rid in stored)  # the sixth part counts
    bands = index.search(facets=["quality_band"], limit=0).facets["quality_band"]
    assert sum(bands.values()) == 8
    out = CliRunner().invoke(app, ["query", "--where", "crossyear_failures>0", "--csv",
                                   "--fields", "id,crossyear_failures", "--index", str(index.path)])  # fmt: skip
    assert out.exit_code == 0 and out.stdout.splitlines() == [
        "id,crossyear_failures",
        f"{100:016x},1",
    ]
