"""Results that lead somewhere, on the bundled corpus: short ids, hit values, every hit out
as CSV/JSONL, facets that fit a screen, `show` of the whole report, aggregates."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
from rich.console import Console
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.cli.results_output import cell, emit, render_report, report_tables
from govsearch.indexer.models import SECTION_KEYS, Report
from govsearch.indexer.parse.templates import field_keys
from govsearch.search import BadQuery, Index, Query
from govsearch.search.hits import DEFAULT_FIELDS

from .conftest import CORPUS

IDS = {
    "0891e500e395d6d9": "湛河区商务局",
    "0996c6285de83506": "积石山县商务局",
    "2358508584629988": "盘锦市商务局",
    "5c0729f938ddffe8": "城步苗族自治县商务局",
    "ce33c4add8954f6f": "惠济区科技和工业信息化局",
}
runner = CliRunner()


def cli(built_index, *args: str):
    return runner.invoke(app, [*args, "--index", str(built_index.path)])


def test_short_ids_are_unique_prefixes_of_eight(built_index):
    assert built_index.short_ids(IDS) == {i: i[:8] for i in IDS}


def test_short_ids_grow_past_a_shared_prefix(tmp_path):
    ids = ["0123456789ab", "0123456789cd", "01234567ef", "0123456", "fedcba98"]
    with Index.create(tmp_path / "ix") as ix:
        ix.add(Report(id=i, title=f"报告{i}") for i in ids)
        assert ix.short_ids(ids) == {
            "0123456789ab": "0123456789a",
            "0123456789cd": "0123456789c",
            "01234567ef": "01234567e",  # shares 01234567 with the two above
            "0123456": "0123456",  # shorter than eight: the whole id
            "fedcba98": "fedcba98",
        }


def test_hits_carry_the_where_and_sort_values(built_index):
    q = Query(where=["app_new__total>=0"], sort="pd_license_decisions", desc=True)
    results = built_index.search(q)
    assert results.total == 5
    assert [(h.id, h.values) for h in results.hits[:2]] == [
        ("2358508584629988", {"app_new__total": 0, "pd_license_decisions": 152}),
        ("0891e500e395d6d9", {"app_new__total": 0, "pd_license_decisions": 0}),
    ]
    assert built_index.search("政策解读").hits[0].values == {}


def test_iter_hits_streams_every_match_with_default_columns(built_index):
    rows = list(built_index.iter_hits(Query(limit=1)))  # the query's limit does not cap
    assert len(rows) == 5
    assert list(rows[0]) == list(DEFAULT_FIELDS)
    assert {r["id"]: r["agency"] for r in rows} == IDS
    by_id = {r["id"]: r for r in rows}
    assert by_id["0891e500e395d6d9"] | {"source": None} == {
        "id": "0891e500e395d6d9", "agency": "湛河区商务局", "agency_key": "410411:湛河区商务局",
        "province": "河南省", "city": "平顶山市", "county": "湛河区", "year": 2021,
        "published": None, "format": "v2_2021", "source": None, "score": 1.0,
    }  # fmt: skip
    assert by_id["5c0729f938ddffe8"]["format"] == "v1_2019_trial"
    assert len(list(built_index.iter_hits(Query(), limit=2))) == 2


def test_iter_hits_fields_and_order(built_index):
    q = Query(sort="year", where=["app_new__total>=0"])
    rows = list(built_index.iter_hits(q, fields=["id", "year", "app_new__total"]))
    assert [r["year"] for r in rows] == [2019, 2021, 2021, 2021, 2021]
    assert rows[0] == {"id": "5c0729f938ddffe8", "year": 2019, "app_new__total": 0}
    with pytest.raises(
        BadQuery, match="unknown field 'agencyy' in --fields; closest valid keys: agency"
    ):
        list(built_index.iter_hits(q, fields=["agencyy"]))
    # the text query's hits, the same reports and order as search()
    for text in (
        "政策解读",
        "政策*",
        '"政务公开日"',
        "公开 AND NOT 复议",
    ):  # numpy and whoosh paths
        hits = built_index.search(text, limit=100).hits
        assert [r["id"] for r in built_index.iter_hits(text)] == [h.id for h in hits], text
    assert len(list(built_index.iter_hits("政策*"))) == 1


def test_query_csv_has_exactly_the_matching_reports(built_index):
    result = cli(built_index, "query", "--where", "app_new__total>=0", "--sort", "year", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 5 and {r["id"] for r in rows} == set(IDS)
    assert list(rows[0]) == [*DEFAULT_FIELDS, "app_new__total"]
    assert rows[0]["id"] == "5c0729f938ddffe8" and rows[0]["year"] == "2019"
    assert rows[0]["score"] == "" and rows[0]["app_new__total"] == "0"
    assert Counter(r["published"] for r in rows) == {"": 3, "2022-01-14": 1, "2020-02-12": 1}


def test_query_csv_excel_bom_fields_and_jsonl(built_index):
    out = cli(built_index, "query", "--csv", "--excel", "--fields", "id,province").output
    assert out.startswith("\ufeffid,province\n") and out.count("\n") == 6
    assert "0891e500e395d6d9,河南省\n" in out
    lines = cli(built_index, "query", "--jsonl", "--limit", "2", "--fields", "id").output
    first_two = [{"id": r["id"]} for r in list(built_index.iter_hits(Query()))[:2]]
    assert [json.loads(line) for line in lines.splitlines()] == first_two
    bad = cli(built_index, "query", "--csv", "--fields", "id,colour")
    assert bad.exit_code == 1 and bad.output.startswith("error: unknown field 'colour'")
    assert cli(built_index, "query", "--excel").exit_code == 1


def test_results_table_shows_short_ids_and_values(built_index):
    out = cli(built_index, "query", "--where", "app_new__total>=0", "--sort", "year").output
    assert "5c0729f9" in out and "5c0729f938ddffe8" not in out
    assert "app_new__total" in out.replace("\n", "").replace("│", "").replace(" ", "") or (
        "app_new_" in out
    )


def test_facets_fit_a_screen_and_limit_zero(built_index):
    results = built_index.search(facets=["agency", "province"], facet_limit=2, limit=0)
    assert results.total == 5 and results.hits == []
    assert results.facets == {
        "agency": {"城步苗族自治县商务局": 1, "惠济区科技和工业信息化局": 1},
        "province": {"河南省": 2, "湖南省": 1},
    }
    assert results.facets_more == {"agency": 3, "province": 2}
    out = cli(built_index, "query", "--limit", "0", "--facet", "province", "--facet-limit", "1")
    assert out.exit_code == 0
    assert out.output == "5 reports\nprovince: 河南省 (2), … and 3 more\n"
    everything = built_index.search(facets=["province"]).facets["province"]
    assert everything == {"河南省": 2, "湖南省": 1, "甘肃省": 1, "辽宁省": 1}


def test_place_filters(built_index):
    assert {h.id for h in built_index.search(province="河南省").hits} == {
        "0891e500e395d6d9", "ce33c4add8954f6f"
    }  # fmt: skip
    assert built_index.search(city="平顶山市").total == 1


def _render(report) -> str:
    console = Console(file=io.StringIO(), width=250, soft_wrap=True, color_system=None)
    for part in render_report(report):
        emit(console, part)
    return console.file.getvalue()


@pytest.mark.parametrize("report_id", sorted(IDS))
def test_show_prints_every_section_and_table_value(built_index, report_id):
    report = built_index.get(report_id)
    out = _render(report)
    for key in SECTION_KEYS:
        if key in report.sections:
            assert report.sections[key] in out, key
    for text in report.problems + report.improvement_measures + report.warnings:
        assert text in out
    assert report.agency_key in out and report.source in out
    # Every non-null value of the form, exactly once in the tables; nulls are blank cells.
    cells = Counter(
        str(c) for t in report_tables(report) for col in t.columns[1:] for c in col._cells if str(c)
    )
    expected = Counter(cell(report.fields[k]) for k in field_keys(report.format)
                       if report.fields.get(k) is not None)  # fmt: skip
    assert cells == expected
    assert sum(expected.values()) == sum(v is not None for v in report.fields.values())


def test_show_tables_are_laid_out_like_the_form(built_index):
    tables = report_tables(built_index.get("5c0729f9"))  # v1_2019_trial
    assert [t.title for t in tables] == [
        "主动公开 · 规章和规范性文件", "主动公开 · 处理决定", "主动公开 · 行政事业性收费",
        "主动公开 · 政府集中采购", "收到和处理政府信息公开申请", "行政复议、行政诉讼",
    ]  # fmt: skip
    app_table = tables[4]
    assert [c.header for c in app_table.columns][1:] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"
    ]  # fmt: skip
    assert app_table.row_count == 23  # v1: one 其他处理 row
    assert tables[5].row_count == 3 and len(tables[5].columns) == 6


def test_show_cli_section_and_json(built_index):
    report = built_index.get("0891e500")
    out = cli(built_index, "show", "0891e500", "--section", "s5_problems").output
    assert out == report.sections["s5_problems"] + "\n"
    data = json.loads(cli(built_index, "show", "0891e500", "--json").output)
    quality = data.pop("quality")
    # 68.0 of the report's own five parts; `specific` 20 of 20: none of its items is in the
    # reports of 5 agencies (the corpus has 5), so (68 + 20) / 120.
    assert report.quality().score == 68.0 and quality["score"] == 73.3
    assert quality["parts"][-1]["name"] == "specific" and quality["parts"][-1]["points"] == 20
    assert data.pop("cross_year")["status"] == dict.fromkeys(("X1", "X2", "X3"), "not checkable")
    assert data == report.model_dump(mode="json")
    bad = cli(built_index, "show", "0891e500", "--section", "s9")
    assert bad.exit_code == 1 and "valid: s1_overview, s2_proactive" in bad.output
    whole = cli(built_index, "show", "0891e500")
    assert whole.exit_code == 0 and "收到和处理政府信息公开申请" in whole.output


def test_aggregate_on_the_corpus(built_index):
    result = built_index.aggregate(
        by=["province"], sum=["app_new__total"], mean=["disclosure_rate"]
    )
    assert result.total == 5
    assert result.columns == [
        "province", "count", "app_new__total_sum", "app_new__total_n",
        "disclosure_rate_mean", "disclosure_rate_n", "disclosure_rate_denominator",
    ]  # fmt: skip
    assert [(r["province"], r["count"], r["app_new__total_sum"]) for r in result.rows] == [
        ("河南省", 2, 0), ("湖南省", 1, 0), ("甘肃省", 1, 0), ("辽宁省", 1, 0)
    ]  # fmt: skip
    # no report answered an application: the rate is undefined, not 0
    assert {r["disclosure_rate_mean"] for r in result.rows} == {None}
    assert {r["disclosure_rate_n"] for r in result.rows} == {0}
    with pytest.raises(
        BadQuery, match="unknown --by field 'provence'; closest valid keys: province"
    ):
        built_index.aggregate(by=["provence"])
    with pytest.raises(BadQuery, match="is a rate: use --mean disclosure_rate"):
        built_index.aggregate(sum=["disclosure_rate"])


def test_stats_cli_aggregate_and_index_stats(built_index):
    out = cli(built_index, "stats", "--by", "year", "--sum", "app_new__total", "--csv").output
    assert out == "year,count,app_new__total_sum,app_new__total_n\n2019,1,0,1\n2021,4,0,4\n"
    data = json.loads(cli(built_index, "stats", "--by", "year", "--json").output)
    assert data["rows"] == [{"year": 2019, "count": 1}, {"year": 2021, "count": 4}]
    assert "reports: 5" in cli(built_index, "stats").output


def test_trend_bad_requests(built_index):
    with pytest.raises(BadQuery, match="no agency, agency_key or report id '盘锦市商务'"):
        built_index.trend("盘锦市商务")
    one = built_index.trend("盘锦市商务局")
    assert one.reports == 1 and [r.year for r in one.rows] == [2021]
    out = cli(built_index, "trend", "2358508584629988")
    assert out.exit_code == 0 and "has one report only (2021)" in out.output


def test_place_filters_take_a_short_name_and_refuse_an_unknown_one(built_index):
    assert built_index.search(province="河南").total == 2
    assert [r["city"] for r in built_index.iter_hits(Query(province="辽宁"), fields=["city"])] == [
        "盘锦市"
    ]
    assert built_index.search(province="浙江").total == 0  # the library: no match
    with pytest.raises(BadQuery, match="no province '浙江' in the index; closest valid keys: "):
        built_index.check_filters(Query(province="浙江"))  # what the CLI says instead
    bad = cli(built_index, "query", "--province", "浙江")
    assert bad.exit_code == 1 and bad.output.startswith("error: no province '浙江' in the index")
    out = cli(built_index, "query", "--province", "河南", "--limit", "0", "--facet", "city")
    assert out.output == "2 reports\ncity: 平顶山市 (1), 郑州市 (1)\n"


def test_export_limit_beyond_a_page(built_index):
    out = cli(built_index, "query", "--csv", "--limit", "20000", "--fields", "id").output
    assert out.count("\n") == 6
    assert cli(built_index, "query", "--limit", "20000").exit_code == 1  # a table page: ≤ 10,000


def test_report_text_is_never_rich_markup(tmp_path):
    from govsearch.indexer.models import Report
    from govsearch.search import Index

    agency = "[bold]某[/bold]局"
    reports = [
        Report(id=f"{y:016x}", agency=agency, agency_key="110000:[x]", province="北京市", year=y,
               format="v2_2021", fields={"app_new__total": y - 2020})
        for y in (2021, 2023)
    ]  # fmt: skip
    with Index.create(tmp_path / "ix") as ix:
        ix.add(reports)
    index = ["--index", str(tmp_path / "ix")]
    for args in (["trend", agency], ["trend", "--region", "北京"], ["query"],
                 ["stats", "--by", "agency_key"], ["show", f"{2021:016x}"]):  # fmt: skip
        out = runner.invoke(app, [*args, *index])
        assert out.exit_code == 0, (args, out.output)
        assert "[bold]" in out.output or "[x]" in out.output, args
    trend = runner.invoke(app, ["trend", agency, "--field", "app_new__total", "--csv", *index])
    trend = trend.output
    assert trend.splitlines()[1:] == [
        "2021,False,00000000000007e5,1,", "2022,True,,,", "2023,False,00000000000007e7,3,",
    ]  # fmt: skip


def test_each_results_command_has_an_example_in_its_help():
    import typer.main

    commands = typer.main.get_command(app).commands
    for name in ("query", "show", "stats", "trend"):
        assert f"Example: govsearch {name} " in commands[name].help, name


def test_export_takes_the_query_filters(built_index):
    from govsearch.search.results import export_columns

    out = cli(built_index, "export", "--format", "csv", "--province", "河南", "--excel").output
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == ["0891e500e395d6d9", "ce33c4add8954f6f"]
    assert list(rows[0]) == list(export_columns())
    everything = cli(built_index, "export").output.splitlines()
    assert [json.loads(line) for line in everything] == list(built_index.rows())
    top = cli(built_index, "export", "--sort", "pd_license_decisions", "--desc", "--limit", "1")
    assert json.loads(top.output)["id"] == "2358508584629988"
    assert cli(built_index, "export", "--excel").exit_code == 1


def test_export_to_a_file(built_index, tmp_path):
    target = tmp_path / "out.csv"
    assert cli(built_index, "export", "--format", "csv", "-o", str(target), "--excel").output == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("\ufeffid,source,title,agency") and text.count("\n") == 6


def test_sqlite_export_opens_with_sqlite3_and_counts_agree(built_index, tmp_path):
    import sqlite3

    db = tmp_path / "reports.db"
    out = cli(built_index, "export", "--format", "sqlite", "--output", str(db))
    assert out.exit_code == 0, out.output
    assert out.output.startswith(f"wrote {db}: 5 reports, 13 measures, 12 problems")
    con = sqlite3.connect(db)
    stats = built_index.stats()
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == stats.reports == 5
    assert con.execute("SELECT count(*) FROM measures").fetchone()[0] == stats.units == 25
    total = built_index.aggregate(sum=["pd_license_decisions"]).rows[0]
    row = con.execute("SELECT sum(pd_license_decisions), count(pd_license_decisions) FROM reports")
    assert row.fetchone() == (total["pd_license_decisions_sum"], total["pd_license_decisions_n"])
    assert con.execute(
        "SELECT count(*) FROM reports WHERE pd_rules_in_force IS NULL"
    ).fetchone() == (2,)  # nulls stay NULL
    found = con.execute(
        "SELECT id FROM reports WHERE rowid IN "
        "(SELECT rowid FROM reports_fts WHERE reports_fts MATCH '政策解读')"
    ).fetchall()
    assert found == [("2358508584629988",)]  # what `query 政策解读` finds
    report = built_index.get("5c0729f9")
    measures = con.execute(
        "SELECT text FROM measures WHERE report_id = ? AND kind = 'measure' ORDER BY position",
        (report.id,),
    ).fetchall()
    assert [m for (m,) in measures] == report.improvement_measures
    sections = con.execute("SELECT s5_problems FROM reports WHERE id = ?", (report.id,))
    assert sections.fetchone() == (report.sections["s5_problems"],)
    # the query's filters apply
    filtered = tmp_path / "henan.db"
    built_index.to_sqlite(filtered, province="河南")
    assert sqlite3.connect(filtered).execute("SELECT count(*) FROM reports").fetchone() == (2,)
    assert cli(built_index, "export", "--format", "sqlite").exit_code == 1  # needs --output


def test_an_interrupted_sqlite_export_leaves_no_file(built_index, tmp_path):
    from govsearch.search.sqlite import write_sqlite

    def reports():
        yield built_index.get("5c0729f9"), {}
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_sqlite(reports(), tmp_path / "x.db")
    assert list(tmp_path.iterdir()) == []


def _v2(rid: str, year: int, issued: int, repealed: int, in_force: int | None) -> dict:
    fields = {
        "pd_rules_issued": issued,
        "pd_rules_repealed": repealed,
        "pd_rules_in_force": in_force,
    }
    return dict(id=rid, agency="某局", agency_key="110000:某局", province="北京市", year=year,
                format="v2_2021", fields=fields)  # fmt: skip


def test_cross_year_rules_in_force(tmp_path):
    from govsearch.indexer.models import Report
    from govsearch.search import Index

    reports = [
        _v2("a" * 16, 2021, 3, 1, 10),
        _v2("b" * 16, 2022, 2, 0, 12),  # 10 + 2 - 0: intact
        _v2("c" * 16, 2023, 1, 1, 15),  # 12 + 1 - 1 = 12, not 15
        _v2("d" * 16, 2024, 1, 0, None),  # blank: not checkable
    ]
    with Index.create(tmp_path / "ix") as ix:
        ix.add(Report(**r) for r in reports)
        assert ix.cross_year("a" * 16).status["X2"] == "not checkable"
        assert ix.cross_year("b" * 16).status["X2"] == "ok"
        bad = ix.cross_year("c" * 16)
        assert bad.status["X2"] == "failed" and bad.previous_id == "b" * 16
        assert [(i.where, i.expected, i.found) for i in bad.issues] == [
            ("pd_rules_in_force", 12, 15)
        ]
        assert ix.cross_year("d" * 16).status["X2"] == "not checkable"
        summary = ix.cross_year_summary()
        assert summary.counts["X2"] == {"ok": 1, "failed": 1, "not checkable": 2}
        assert summary.failed == ["c" * 16]


QUALITY = {  # score, then each part's points: on_time, sections, tables, consistency, itemised
    "0891e500e395d6d9": (68.0, [0, 20, 18, 20, 10]),
    "0996c6285de83506": (93.3, [20, 16.67, 20, 20, 16.67]),
    "2358508584629988": (58.1, [0, 20, 4.8, 20, 13.33]),
    "5c0729f938ddffe8": (80.0, [0, 20, 20, 20, 20]),
    "ce33c4add8954f6f": (66.4, [0, 20, 16.4, 20, 10]),
}


def test_quality_of_the_five_samples_part_by_part(built_index):
    for rid, (score, points) in QUALITY.items():
        q = built_index.get(rid).quality()
        assert [p.name for p in q.parts] == ["on_time", "sections", "tables", "consistency",
                                             "itemised"]  # fmt: skip
        assert (q.score, [p.points for p in q.parts]) == (score, points), rid
    parts = {p.name: p.detail for p in built_index.get("0996c628").quality().parts}
    assert parts == {
        "on_time": "published 2022-01-14, by the deadline 2022-01-31",
        "sections": "5 of 6 sections (missing: s6_other)",
        "tables": "200 of 200 cells filled",
        "consistency": "no R1–R4 or P1 failure",
        "itemised": "2 problems and 3 improvement measures listed one by one",
    }
    late = {p.name: p.detail for p in built_index.get("5c0729f9").quality().parts}
    assert late["on_time"] == "published 2020-02-12, after the deadline 2020-01-31"
    assert late["tables"] == "198 of 198 cells filled"


# In the index a sixth part, `specific`, scores 20 of 20 for each sample: no item of theirs is
# in the reports of 5 agencies. (score + 20) / 120: 68.0 → 73.3, 93.3 → 94.4, ...
INDEXED_QUALITY = {
    "0891e500e395d6d9": 73.3, "0996c6285de83506": 94.4, "2358508584629988": 65.1,
    "5c0729f938ddffe8": 83.3, "ce33c4add8954f6f": 72.0,
}  # fmt: skip


def test_quality_is_filterable_sortable_and_shown(built_index):
    for rid, score in INDEXED_QUALITY.items():
        quality = built_index.quality(rid)
        assert (quality.score, quality.parts[-1].name) == (score, "specific"), rid
        assert quality.parts[-1].detail.startswith("0% of the problems and measures")
    hits = built_index.search(where=["quality>=80"], sort="quality", desc=True).hits
    assert [(h.id, h.values["quality"]) for h in hits] == [
        ("0996c6285de83506", 94.4), ("5c0729f938ddffe8", 83.3)
    ]  # fmt: skip
    mean = built_index.aggregate(mean=["quality"]).rows[0]["quality_mean"]
    assert mean == round(sum(INDEXED_QUALITY.values()) / 5, 4)
    bands = built_index.search(facets=["quality_band"], limit=0).facets["quality_band"]
    assert bands == {"70–79": 2, "60–69": 1, "80–89": 1, "90–100": 1}
    out = _render(built_index.get("0891e500"))
    assert "quality 68 of 100" in out  # the report alone: five parts
    assert "on_time: 0 of 20 (no publication date found (due 2022-01-31))" in out


def test_quality_deadline_and_legacy_reports():
    import datetime as dt

    from govsearch.indexer.models import Report
    from govsearch.indexer.quality import deadline

    assert deadline(2021) == dt.date(2022, 1, 31) and deadline(2018) == dt.date(2019, 3, 31)
    legacy = Report(id="x", year=2015, published="2016-03-20", format="v0_legacy",
                    sections={k: "…" for k in SECTION_KEYS}, problems=["a"], improvement_measures=["b"])  # fmt: skip
    q = legacy.quality()
    assert [p.name for p in q.parts] == ["on_time", "sections", "itemised"]  # no tables to score
    assert q.score == round(100 * (20 + 20 + 6.67) / 60, 1) == 77.8


def test_an_unknown_agency_names_the_closest(built_index):
    bad = cli(built_index, "query", "政策解读", "--agency", "盘锦商务局")
    assert bad.exit_code == 1
    assert (
        bad.output
        == "error: no agency '盘锦商务局' in the index; closest valid keys: 盘锦市商务局\n"
    )
    key = cli(built_index, "query", "--agency-key", "211100:商务")
    assert key.output.startswith(
        "error: no agency_key '211100:商务' in the index; closest valid keys: 211100:商务局"
    )
    assert cli(
        built_index, "query", "--agency", "盤錦市商務局", "--csv", "--fields", "id"
    ).output == ("id\n2358508584629988\n")  # the traditional spelling is the same agency


def test_query_json_writes_every_hit_unless_limited(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):  # 15 reports: more than a page of 10
        for f in CORPUS.iterdir():
            text = f.read_text("utf-8") + f"\n（副本{i}）\n"  # other content: another report id
            (folder / f"{i}_{f.name}").write_text(text, "utf-8")
    index = tmp_path / "ix"
    assert runner.invoke(app, ["index", str(folder), "--index", str(index)]).exit_code == 0
    every = json.loads(runner.invoke(app, ["query", "--json", "--index", str(index)]).output)
    assert every["total"] == 15 and len(every["hits"]) == 15
    assert len({h["id"] for h in every["hits"]}) == 15
    page = json.loads(
        runner.invoke(app, ["query", "--json", "--limit", "4", "--index", str(index)]).output
    )
    assert page["total"] == 15 and [h["id"] for h in page["hits"]] == [
        h["id"] for h in every["hits"][:4]
    ]
