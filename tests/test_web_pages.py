"""The HTML pages (govsearch.web.pages): search, report, escaping, the form's tables."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from govsearch.indexer.models import ConsistencyIssue
from govsearch.indexer.parse import parse_report
from govsearch.search import Index
from govsearch.web import create_app
from govsearch.web.forms import form_tables

PANJIN = "2358508584629988"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(built_index):
    with TestClient(create_app(built_index)) as c:
        yield c


def hits(html: str) -> list[str]:
    """The report ids the result list links to, in order."""
    return re.findall(r'<a class="agency" href="/reports/(\w+)">', html)


def test_search_page_is_a_search(client):
    page = client.get("/", params={"q": "政策解读", "year": "2021"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert hits(html) == [PANJIN]
    assert html.count("<mark>政策解读</mark>") == 2
    assert 'id="total">共 <strong>1</strong> 份报告' in html
    assert '<span class="place">辽宁省 盘锦市</span>' in html
    assert 'value="政策解读"' in html  # the box keeps the query
    # Facets are links that add their filter to the whole query.
    assert (
        'href="/?q=%E6%94%BF%E7%AD%96%E8%A7%A3%E8%AF%BB&amp;year=2021&amp;agency=%E7%9B%98' in html
    )


def test_form_year_selects_and_where_rows(client):
    same = client.get("/", params=[("q", "政策解读"), ("year", "2021"), ("year", "2021")]).text
    assert hits(same) == [PANJIN]
    open_end = client.get("/", params=[("year", ""), ("year", "2020")]).text
    assert hits(open_end) == ["5c0729f938ddffe8"]
    rows = [
        ("where_key", "pd_license_decisions"), ("where_op", ">="), ("where_value", "100"),
        ("where_key", ""), ("where_op", ">="), ("where_value", ""),
    ]  # fmt: skip
    html = client.get("/", params=rows).text
    assert hits(html) == [PANJIN]
    # The condition comes back as a filled row, with an empty row under it for the next one.
    assert html.count('name="where_key"') == 2 and 'value="pd_license_decisions"' in html
    # Links the page makes carry the condition in the API's own form.
    assert "where=pd_license_decisions%3E%3D100" in html


def test_landing_page_lists_everything_with_facets(client):
    html = client.get("/").text
    assert len(hits(html)) == 5
    assert 'data-facet="year"' in html and '<option value="2019">' in html


def test_quality_band_facet_filters_by_two_conditions(client):
    html = client.get("/").text
    band = html[html.index('data-facet="quality_band"') :].split("</section>")[0]
    links = re.findall(r'href="([^"]+)">([\d–]+)</a> <span class="count">(\d+)', band)
    assert [(v, int(n)) for _, v, n in links] == [
        ("70–79", 2),
        ("60–69", 1),
        ("80–89", 1),
        ("90–100", 1),
    ]
    href = links[0][0].replace("&amp;", "&")
    assert href == "/?where=quality%3E%3D70&where=quality%3C80"
    page = client.get(href).text
    assert sorted(hits(page)) == ["0891e500e395d6d9", "ce33c4add8954f6f"]  # 73.3 and 72.0
    assert '<li class="active"><a class="facet-value"' in page.split('data-facet="quality_band"')[1]


def test_paging_links(client):
    html = client.get("/", params={"limit": 2, "sort": "published", "desc": 1}).text
    assert hits(html) == ["0996c6285de83506", "5c0729f938ddffe8"]
    assert 'id="next" href="/?sort=published&amp;desc=1&amp;limit=2&amp;offset=2"' in html
    last = client.get("/", params={"limit": 2, "sort": "published", "desc": 1, "offset": 4}).text
    assert hits(last) == ["ce33c4add8954f6f"] and 'id="next"' not in last and 'id="prev"' in last


def test_bad_query_keeps_the_form_and_says_why(client):
    page = client.get("/", params={"where_key": "pd_licence", "where_op": ">=", "where_value": "1"})
    assert page.status_code == 422
    assert "unknown field &#39;pd_licence&#39; in --where" in page.text
    assert '<form class="search"' in page.text
    assert 'value="pd_licence"' in page.text  # the row as typed, to correct it
    for params in ({"year": "20x1"}, {"limit": "x"}, {"limit": 201}, {"q": "政" * 1001}):
        page = client.get("/", params=params)
        assert page.status_code == 422 and 'class="error"' in page.text, params


def test_report_page(client):
    page = client.get(f"/reports/{PANJIN}")
    assert page.status_code == 200
    html = page.text
    assert '<h1 id="title">盘锦市商务局 2021年度政府信息公开工作报告</h1>' in html
    assert 'data-key="pd_license_decisions" title="pd_license_decisions">152</td>' in html
    assert 'data-key="pd_normdocs_issued" title="pd_normdocs_issued">4</td>' in html
    # A blank cell of the form is blank, not 0.
    assert 'data-key="pd_rules_in_force" title="pd_rules_in_force"></td>' in html
    assert "R1–R4、P1 全部通过" in html
    assert "跨年度检查（无上一年度报告）" in html  # the bundled corpus: one year per agency
    assert re.findall(r'data-rule="(X\d)" data-status="([a-z ]+)"', html) == [
        ("X1", "not checkable"), ("X2", "not checkable"), ("X3", "not checkable")
    ]  # fmt: skip
    assert '<span class="score" id="quality-score">65.1</span> / 100' in html
    parts = re.findall(r'<tr data-part="(\w+)"><th>[^<]+</th><td>([\d.]+) / 20</td>', html)
    assert parts == [("on_time", "0"), ("sections", "20"), ("tables", "4.8"),
                     ("consistency", "20"), ("itemised", "13.33"), ("specific", "20")]  # fmt: skip
    # Each measure lists similar measures of other reports, linked.
    assert html.count('class="measure"') == 3
    assert '<a href="/reports/5c0729f938ddffe8">城步苗族自治县商务局</a>' in html
    assert f'<a href="/reports/{PANJIN}">' not in html.split('class="measures"')[1]


def test_unknown_report_page_is_404(client):
    page = client.get("/reports/ffff0000")
    assert page.status_code == 404 and "no report with id &#39;ffff0000&#39;" in page.text


def test_form_tables_follow_the_template(built_index):
    report = built_index.get("5c0729f938ddffe8")  # v1_2019_trial: every cell known
    tables = form_tables(report)
    assert [t.section for t in tables] == ["s2_proactive"] * 4 + [
        "s3_applications",
        "s4_review_litigation",
    ]
    application = tables[4]
    cells = [c for row in application.rows for c in row.cells]
    assert len(cells) == 23 * 7 and all(c.value is not None for c in cells)
    assert [r.label for r in application.rows if r.heading] == [
        "三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理",
    ]  # fmt: skip
    assert [c.key for c in tables[5].rows[0].cells][:2] == [
        "rl_review_upheld",
        "rl_review_corrected",
    ]


def test_consistency_failures_are_marked(built_index):
    report = built_index.get(PANJIN).model_copy(
        update={"consistency": [ConsistencyIssue(rule="R3", where="new", expected=5, found=3)]}
    )
    marked = [c.key for t in form_tables(report) for r in t.rows for c in r.cells if c.failed]
    assert marked == ["app_new__total"]


# --- escaping ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, corpus_dir):
    """An index of one report whose title, agency, sections, measures and warnings hold a script."""
    text = (corpus_dir / "001_667fb2ff87d4e6ce.txt").read_text("utf-8")
    report = parse_report(text)
    report = report.model_copy(
        update={
            "title": f"{SCRIPT}年度报告",
            "agency": f"{SCRIPT}商务局",
            "sections": {**report.sections, "s1_overview": f"政策解读 {SCRIPT} alert"},
            "improvement_measures": [f"加强培训{SCRIPT}"],
            "warnings": [SCRIPT],
        }
    )
    index = Index.create(tmp_path_factory.mktemp("hostile"))
    index.add([report])
    with TestClient(create_app(index)) as c:
        yield c, report.id
    index.close()


def test_report_text_is_escaped(hostile):
    client, report_id = hostile
    for html in (
        client.get(f"/reports/{report_id}").text,
        client.get("/", params={"q": "alert"}).text,
        client.get("/", params={"q": SCRIPT}).text,
    ):
        assert SCRIPT not in html
        assert "<script" not in html
    report_html = client.get(f"/reports/{report_id}").text
    assert report_html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    search_html = client.get("/", params={"q": "alert"}).text
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in search_html


# --- year over year ---------------------------------------------------------------------------


def test_report_page_charts_the_agency_across_years(tmp_path, corpus_dir):
    """One agency's 2019, 2020 and 2022 reports (2021 missing): an inline SVG with a point per
    year that has a value, the missing year shown as missing, a link to each year's report."""
    base = parse_report((corpus_dir / "001_667fb2ff87d4e6ce.txt").read_text("utf-8"))
    years = {2019: 40, 2020: 55, 2022: 70}
    reports = [
        base.model_copy(
            update={
                "id": f"trend{year}",
                "year": year,
                "agency": f"{SCRIPT}盘锦市商务局",
                "fields": {**base.fields, "app_new__total": n},
            }
        )
        for year, n in years.items()
    ]
    index = Index.create(tmp_path / "ix")
    index.add(reports)
    with TestClient(create_app(index)) as client:
        html = client.get("/reports/trend2022").text
        copied = client.get("/reports/trend2020").text  # the same measures as in 2019
    index.close()
    assert '跨年度检查（对照<a href="/reports/trend2019">上一年度报告</a>）' in copied
    assert 'data-rule="X3" data-status="failed"' in copied
    quoted = re.findall(r"X3 (measure \d)：与上一年度相同：(.+?)</li>", copied)
    assert quoted == [(f"measure {n}", m) for n, m in enumerate(base.improvement_measures, 1)]
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == 3 * 3  # three figures, each with a value in three years
    assert re.findall(r"<title>(\d{4}): (\d+)</title>", svg)[:3] == [
        ("2019", "40"),
        ("2020", "55"),
        ("2022", "70"),
    ]
    assert "<script" not in html
    rows = re.findall(r'<tr( class="missing")?><td>(?:<a href="/reports/(\w+)">)?(\d{4})', html)
    assert [(bool(m), rid, int(y)) for m, rid, y in rows] == [
        (False, "trend2019", 2019),
        (False, "trend2020", 2020),
        (True, "", 2021),
        (False, "trend2022", 2022),
    ]
