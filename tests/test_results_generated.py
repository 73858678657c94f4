"""Aggregates, hit exports and trends on a small generated corpus, against the generator's
truth: the first 50 reports of seed 7, plus one city government's reports of 2019, 2020,
2021 and 2023 (2022 left out: a missing year), their carry-over chained year to year, and a
second city's reports of 2020 and 2021 whose carry-over was broken on purpose. Built once."""

from __future__ import annotations

import csv
import io
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.indexer.fold import item_key
from govsearch.search import BadQuery, Index, Query

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import APP_COLS, POOL_SIZE, agency_pool, make_report  # noqa: E402

SEED, SIZE = 7, 50
SERIES_YEARS = (2019, 2020, 2021, 2023)
runner = CliRunner()


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    """(index, truth by source file name, the series' truth by year, its agency, and a
    second city's two reports (2020, 2021) whose carry-over was broken on purpose, its agency)."""
    root = tmp_path_factory.mktemp("results_gen")
    reports = root / "reports"
    reports.mkdir()
    pool = agency_pool(random.Random(f"pool:{SEED}"), POOL_SIZE)
    cities = sorted((p for p in pool if p.level == "city"), key=lambda p: -p.busy)
    place, other = cities[0], cities[1]
    truth, series, broken = {}, {}, {}

    def write(i: int, p=None, y=None, carried_in=None) -> dict:
        text, t = make_report(i, SEED, pool, place=p, year=y, carried_in=carried_in)
        name = f"{i:06d}.txt"
        (reports / name).write_text(text, encoding="utf-8")
        truth[name] = t
        return t

    for i in range(SIZE):
        write(i)
    for k, y in enumerate(SERIES_YEARS):  # carry-over chained from the year before
        series[y] = write(900_000 + k, place, y, _carried(series.get(y - 1)))
    broken[2020] = write(910_000, other, 2020)
    wrong = _carried(broken[2020]) | {"np": broken[2020]["fields"]["app_carried_out__np"] + 1}
    broken[2021] = write(910_001, other, 2021, wrong)  # one more carried in than carried out
    index = Index.create(root / "index")
    summary = index.update([reports], workers=1)
    assert summary.added == SIZE + len(SERIES_YEARS) + 2 and not summary.skipped
    yield index, truth, series, place.agency(2021), broken, other.agency(2021)
    index.close()


def _carried(previous: dict | None) -> dict[str, int] | None:
    """上年结转 per applicant column: the previous report's 结转下年度继续办理."""
    if previous is None:
        return None
    return {c: previous["fields"][f"app_carried_out__{c}"] for c in APP_COLS}


def _truth_of(index, truth) -> dict[str, dict]:
    """report id → the generator's truth for it."""
    return {
        r["id"]: truth[Path(r["source"]).name] for r in index.iter_hits(fields=["id", "source"])
    }


def test_parsed_figures_equal_the_truth(gen):
    """The premise of the exact values below: every figure of every report parsed right."""
    index, truth, *_ = gen
    by_id = _truth_of(index, truth)
    assert len(by_id) == 56
    for report in index.reports():
        expected = by_id[report.id]["fields"]
        assert {k: report.fields.get(k) for k in expected} == expected, report.source


def test_csv_of_hits_is_every_matching_report(gen):
    index, truth, *_ = gen
    args = ["query", "--where", "app_new__total>=1", "--index", str(index.path), "--csv"]
    out = runner.invoke(app, args).output
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = {n for n, t in truth.items() if (t["fields"].get("app_new__total") or 0) >= 1}
    assert len(expected) == 9
    assert {Path(r["source"]).name for r in rows} == expected
    assert all(int(r["app_new__total"]) >= 1 for r in rows)
    assert list(rows[0])[-1] == "app_new__total"
    capped = runner.invoke(app, [*args, "--limit", "3"]).output
    assert capped.count("\n") == 4


def test_aggregate_sums_equal_the_exported_column_and_the_truth(gen):
    index, truth, *_ = gen
    by_id = _truth_of(index, truth)
    result = index.aggregate(
        by=["province", "year"], sum=["app_new__total"], mean=["app_new__total"]
    )
    assert result.total == 56 and sum(r["count"] for r in result.rows) == 56
    exported: dict[tuple, list] = defaultdict(list)
    for row in index.iter_hits(fields=["id", "province", "year", "app_new__total"]):
        exported[(row["province"], row["year"])].append(row["app_new__total"])
    assert {(r["province"], r["year"]) for r in result.rows} == set(exported)
    for r in result.rows:
        col = exported[(r["province"], r["year"])]
        known = [v for v in col if v is not None]
        assert r["count"] == len(col)
        assert r["app_new__total_n"] == len(known)
        assert r["app_new__total_sum"] == (sum(known) if known else None)
    # Over everything: nulls (the v0_legacy reports have no table) excluded and counted.
    overall = index.aggregate(sum=["app_new__total"]).rows[0]
    values = [t["fields"].get("app_new__total") for t in by_id.values()]
    known = [v for v in values if v is not None]
    assert overall == {
        "count": 56,
        "app_new__total_sum": sum(known),
        "app_new__total_n": len(known),
    }
    assert (overall["app_new__total_sum"], overall["app_new__total_n"]) == (115, 35)


def test_rates_are_pooled_not_averaged(gen):
    index, truth, *_ = gen
    by_id = _truth_of(index, truth)
    result = index.aggregate(mean=["disclosure_rate"]).rows[0]
    defined = [t["fields"] for t in by_id.values() if t["fields"].get("app_results_total__total")]
    num = sum(f["app_granted__total"] + f["app_partial__total"] for f in defined)
    den = sum(f["app_results_total__total"] for f in defined)
    assert result == {
        "count": 56, "disclosure_rate_mean": round(num / den, 4),
        "disclosure_rate_n": len(defined), "disclosure_rate_denominator": den,
    }  # fmt: skip
    mean_of_ratios = sum(
        (f["app_granted__total"] + f["app_partial__total"]) / f["app_results_total__total"]
        for f in defined
    ) / len(defined)
    assert round(mean_of_ratios, 4) != result["disclosure_rate_mean"]


def test_rank_keeps_groups_with_enough_denominator(gen):
    index, *_ = gen
    full = index.aggregate(by=["province"], mean=["disclosure_rate"], rank="disclosure_rate")
    ranked = index.aggregate(
        by=["province"], mean=["disclosure_rate"], rank="disclosure_rate", min_n=5
    )
    assert [r["rank"] for r in ranked.rows] == list(range(1, len(ranked.rows) + 1))
    rates = [r["disclosure_rate_mean"] for r in ranked.rows]
    assert rates == sorted(rates, reverse=True)
    assert all(r["disclosure_rate_denominator"] >= 5 for r in ranked.rows)
    kept = {r["province"] for r in full.rows if r["disclosure_rate_denominator"] >= 5}
    assert {r["province"] for r in ranked.rows} == kept and 0 < len(kept) < len(full.rows)


def test_stats_cli_csv_matches_the_library(gen):
    index, *_ = gen
    args = ["stats", "--by", "year", "--sum", "app_new__total", "--index", str(index.path)]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--csv"]).output)))
    lib = index.aggregate(by=["year"], sum=["app_new__total"]).rows
    assert [int(r["count"]) for r in rows] == [r["count"] for r in lib]
    assert json.loads(runner.invoke(app, [*args, "--json"]).output)["rows"] == lib
    table = runner.invoke(app, args)
    assert table.exit_code == 0 and "56 reports" in table.output
    bad = runner.invoke(app, ["stats", "--by", "provinc", "--index", str(index.path)])
    assert bad.exit_code == 1 and bad.output.startswith("error: unknown --by field 'provinc'")


FIELDS = ["app_new__total", "app_results_total__total", "pd_license_decisions", "disclosure_rate"]


def test_trend_equals_the_truth_with_the_missing_year(gen):
    index, _, series, agency, *_ = gen
    trend = index.trend(agency, FIELDS)
    assert trend.agency == agency == "湘西土家族苗族自治州人民政府"
    assert trend.agency_key == "433100:人民政府" and trend.reports == 4
    assert [(r.year, r.missing) for r in trend.rows] == [
        (2019, False), (2020, False), (2021, False), (2022, True), (2023, False)
    ]  # fmt: skip
    for row in trend.rows:
        if row.missing:
            assert row.values == {} and row.change == {} and row.report_id is None
            continue
        f = series[row.year]["fields"]
        assert {k: row.values[k] for k in FIELDS[:3]} == {k: f[k] for k in FIELDS[:3]}
    by_year = {r.year: r for r in trend.rows}
    lic = {y: series[y]["fields"]["pd_license_decisions"] for y in SERIES_YEARS}
    assert by_year[2020].change["pd_license_decisions"] == lic[2020] - lic[2019]
    assert by_year[2021].change["pd_license_decisions"] == lic[2021] - lic[2020]
    assert by_year[2023].change["pd_license_decisions"] is None  # 2022 is missing
    assert by_year[2020].values["disclosure_rate"] == 0.8
    assert by_year[2019].values["disclosure_rate"] is None  # no application: no rate
    # the same agency by agency_key and by any of its report ids
    assert index.trend("433100:人民政府", FIELDS) == trend
    assert index.trend(by_year[2021].report_id[:10], FIELDS) == trend


def test_trend_cli(gen):
    index, _, series, agency, *_ = gen
    args = ["trend", agency, "--field", "pd_license_decisions", "--index", str(index.path)]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--csv"]).output)))
    assert [r["year"] for r in rows] == ["2019", "2020", "2021", "2022", "2023"]
    assert rows[3] == {
        "year": "2022", "missing": "True", "report_id": "", "pd_license_decisions": "",
        "pd_license_decisions_change": "",
    }  # fmt: skip
    assert int(rows[4]["pd_license_decisions"]) == series[2023]["fields"]["pd_license_decisions"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0 and "missing" in table.output
    assert "pd_license_decisions: " in table.output  # the sparkline line
    bad = runner.invoke(app, ["trend", "湘西土家族苗族自治州人民政", "--index", str(index.path)])
    assert bad.exit_code == 1
    assert "closest valid keys: 湘西土家族苗族自治州人民政府" in bad.output


def test_unknown_trend_field(gen):
    index, _, _, agency, *_ = gen
    with pytest.raises(BadQuery, match="unknown field 'app_new' in --field"):
        index.trend(agency, ["app_new"])
    assert index.iter_hits(Query(text="政策解读"), limit=1) is not None


def test_trend_rows_carry_each_years_measures(gen):
    index, _, series, agency, *_ = gen
    rows = [r for r in index.trend(agency).rows if not r.missing]
    assert [r.measures for r in rows] == [series[r.year]["improvement_measures"] for r in rows]
    assert all(r.measures for r in rows)


def test_region_trend_one_line_per_agency(gen):
    index, _, series, agency, *_ = gen
    result = index.region_trend("湘西", ["pd_license_decisions"])
    assert (result.region, result.level) == ("湘西土家族苗族自治州", "city")
    ours = [a for a in result.agencies if a.agency == agency]
    assert len(ours) == 1 and ours[0].present == list(SERIES_YEARS)
    line = dict(zip(result.years, ours[0].values["pd_license_decisions"], strict=True))
    for y in SERIES_YEARS:
        assert line[y] == series[y]["fields"]["pd_license_decisions"]
    assert line[2022] is None and 2022 not in ours[0].present
    limited = index.region_trend(
        "湘西土家族苗族自治州", ["pd_license_decisions"], year="2020..2021"
    )
    assert limited.years == [2020, 2021]
    args = ["trend", "--region", "湘西", "--field", "pd_license_decisions", "--csv"]
    out = runner.invoke(app, [*args, "--index", str(index.path)]).output
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["agency"] == agency)
    assert row["2022"] == "missing" and row["2019"] == str(line[2019])
    with pytest.raises(BadQuery, match="no province, city or county '火星'"):
        index.region_trend("火星")
    both = runner.invoke(app, ["trend", agency, "--region", "湘西", "--index", str(index.path)])
    assert both.exit_code == 1


def test_common_measures_fit_a_screen(gen):
    index, *_ = gen
    groups = index.common_measures(min_reports=2)
    assert len(groups) > 3 and len({m.agency for m in groups[0].members}) > 5
    args = ["measures", "--common", "--index", str(index.path)]
    out = runner.invoke(app, [*args, "--limit", "2"]).output
    assert out.rstrip().endswith(f"… and {len(groups) - 2} more groups (--limit 0: all)")
    shown = len({m.agency for m in groups[0].members}) - 5
    assert f"… and {shown} more" in out
    assert len(json.loads(runner.invoke(app, [*args, "--json"]).output)) == len(groups)
    assert len(json.loads(runner.invoke(app, [*args, "--json", "--limit", "2"]).output)) == 2


def test_cross_year_carry_over(gen):
    index, _, series, agency, broken, other = gen
    trend = index.trend(agency, ["app_new__total"])
    ids = {r.year: r.report_id for r in trend.rows if not r.missing}
    first = index.cross_year(ids[2019])
    assert first.previous_id is None and first.status == {
        "X1": "not checkable",
        "X2": "not checkable",
        "X3": "not checkable",
    }
    for year in (2020, 2021):  # X3: the measures the generator drew again, and only those
        before = {item_key(t) for t in series[year - 1]["improvement_measures"]}
        copied = [
            item_key(t) for t in series[year]["improvement_measures"] if item_key(t) in before
        ]
        check = index.cross_year(ids[year])
        found = [i for i in check.issues if i.rule == "X3" and i.where.startswith("measure")]
        assert [item_key(i.text) for i in found] == copied
    for year in (2020, 2021):  # chained: intact
        check = index.cross_year(ids[year])
        assert check.previous_id == ids[year - 1]
        assert check.status["X1"] == "ok" and not [i for i in check.issues if i.rule != "X3"]
    assert index.cross_year(ids[2023]).status["X1"] == "not checkable"  # 2022 is missing
    # v1_2019_trial (2020) against v2_2021 (2021): 现行有效件数 is not on both forms
    assert index.cross_year(ids[2021]).status["X2"] == "not checkable"
    bad_ids = {r.year: r.report_id for r in index.trend(other, ["app_new__total"]).rows}
    bad = index.cross_year(bad_ids[2021])
    out_np = broken[2020]["fields"]["app_carried_out__np"]
    out_total = broken[2020]["fields"]["app_carried_out__total"]
    assert bad.status["X1"] == "failed"
    assert [(i.rule, i.where, i.expected, i.found) for i in bad.issues if i.rule == "X1"] == [
        ("X1", "app_carried_in__np", out_np, out_np + 1),
        ("X1", "app_carried_in__total", out_total, out_total + 1),
    ]
    summary = index.cross_year_summary()
    assert bad.report_id in summary.failed
    assert (ids[2021] in summary.failed) == (index.cross_year(ids[2021]).copied > 0)
    assert sum(summary.counts["X1"].values()) == summary.reports == 56
    shown = runner.invoke(app, ["show", bad_ids[2021], "--index", str(index.path)]).output
    assert f"cross-year checks (against {bad_ids[2020]})" in shown
    assert f"X1 app_carried_in__np: expected {out_np}, found {out_np + 1}" in shown
    table = runner.invoke(app, ["stats", "--cross-year", "--index", str(index.path)])
    assert table.exit_code == 0 and "X1" in table.output
