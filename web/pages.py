"""The HTML pages, rendered on the server with Jinja2 (autoescaped: report text is always
shown as text). They work without JavaScript; the URL holds the whole query.

    /?q=政策解读&year=2021        the search page (every API parameter of /api/search works)
    /reports/{id}                 one report: metadata, sections, tables as in the form,
                                  consistency failures, warnings, similar measures elsewhere

The search form sends the year range as two `year` selects (from, to) and each where row as
`where_key`, `where_op`, `where_value`; links the page makes use the API's own parameters.
"""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader
from starlette.datastructures import QueryParams

from govsearch.indexer.models import Report
from govsearch.indexer.parse.templates import SECTION_TITLES, VERSIONS
from govsearch.search import BadQuery, Hit, Index, SearchError, YearRange
from govsearch.search.corpus import band_conditions
from govsearch.search.query import figure_keys

from .api import MAX_LIMIT, MAX_TEXT, build_query, service
from .charts import trend_svg
from .forms import form_tables

router = APIRouter(include_in_schema=False)
env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)

PAGE_SIZE = 10
CHOICES_TTL = 300.0  # seconds the form's options are kept
WHERE_ROW = re.compile(r"^\s*(?P<key>[^=!<>\s]*)\s*(?P<op>==|!=|>=|<=|=|>|<)?\s*(?P<value>.*?)\s*$")
PAGE_FACETS = ("year", "version", "province", "city", "agency", "quality_band")
FILTERS = ("agency", "region", "province", "city", "version", "section")
SORTS = {"score": "相关度", "year": "年度", "published": "发布日期", "agency": "机关"}
OPS = ("=", "!=", ">", ">=", "<", "<=")
CHECK_STATUS = {"ok": "通过", "failed": "未通过", "not checkable": "无法检查"}
QUALITY_PARTS = {  # indexer/quality.py's parts, named for the page
    "on_time": "按时发布", "sections": "六部分齐全", "tables": "表格完整",
    "consistency": "数据一致", "itemised": "问题与措施逐条列出", "specific": "内容具体（非套话）",
}  # fmt: skip
SIMILAR_PER_MEASURE = 5
CHART_FIELDS = ("app_new__total", "pd_license_decisions", "pd_penalty_decisions")
SECTION_NAMES = {"title": "标题", **SECTION_TITLES}


def render(name: str, status: int = 200, **context: object) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context), status_code=status)


def error_page(request: Request, status: int, message: str) -> str:
    return env.get_template("error.html").render(status=status, message=message)


# --- the search page's query ------------------------------------------------------------------


def _year(values: list[str]) -> str | None:
    """One `year` (2021, 2019..2021) or the form's pair of selects (from, to; either blank)."""
    values = [v.strip() for v in values]
    if len(values) == 2 and ".." not in "".join(values):
        start, end = values
        if not start and not end:
            return None
        return start if start == end else f"{start}..{end}"
    return next((v for v in values if v), None)


def _int(params: QueryParams, name: str, default: int) -> int | str:
    """The number, or the text as given (the library's validation then names the problem)."""
    raw = params.get(name, "").strip()
    return int(raw) if raw.isdigit() else raw or default


def page_state(params: QueryParams) -> dict:
    """The search as the API's parameter names (`q`, `year`, `where`, …) from the page's URL."""
    where = [w.strip() for w in params.getlist("where") if w.strip()]
    rows = zip(
        params.getlist("where_key"), params.getlist("where_op"), params.getlist("where_value"),
        strict=False,
    )  # fmt: skip
    where += [f"{k.strip()}{op}{v.strip()}" for k, op, v in rows if k.strip()]
    state = {
        "q": params.get("q", ""),
        "year": _year(params.getlist("year")),
        **{name: params.get(name) or None for name in FILTERS},
        "where": where,
        "sort": params.get("sort") or "score",
        "desc": params.get("desc", "") in ("1", "true", "on"),
        "limit": _int(params, "limit", PAGE_SIZE),
        "offset": _int(params, "offset", 0),
    }
    return state


def check_limits(state: dict) -> None:
    """The API's limits on the page, with the API's messages."""
    if len(state["q"]) > MAX_TEXT:
        raise BadQuery(f"q: String should have at most {MAX_TEXT} characters")
    if isinstance(state["limit"], int) and state["limit"] > MAX_LIMIT:
        raise BadQuery(f"limit: Input should be less than or equal to {MAX_LIMIT}")


def where_rows(where: list[str]) -> list[tuple[str, str, str]]:
    """(key, op, number) of each condition as typed, for the form's rows (even a bad one)."""
    rows = []
    for text in where:
        m = WHERE_ROW.match(text)
        rows.append((m["key"], m["op"] or ">=", m["value"]) if m else (text, ">=", ""))
    return rows


def url_for_state(state: dict, **changes: object) -> str:
    """`/?…` for the state with `changes` (None removes a parameter); defaults left out."""
    merged = {**state, **changes}
    pairs: list[tuple[str, str]] = []
    for name, value in merged.items():
        if name == "where":
            pairs += [("where", w) for w in value or []]
        elif name == "desc":
            pairs += [("desc", "1")] if value else []
        elif (name, value) in (("sort", "score"), ("limit", PAGE_SIZE), ("offset", 0)):
            continue
        elif value not in (None, ""):
            pairs.append((name, str(value)))
    return "/?" + urlencode(pairs) if pairs else "/"


def _library_query(state: dict):
    return build_query(
        text=state["q"], year=state["year"], where=state["where"], sort=state["sort"],
        desc=state["desc"], limit=state["limit"], offset=state["offset"], facets=PAGE_FACETS,
        **{name: state[name] for name in FILTERS},
    )  # fmt: skip


# --- what the templates show ------------------------------------------------------------------


def place(item: Report | Hit) -> str:
    """province city county (each once), else the region."""
    parts = [p for p in (item.province, item.city, item.county) if p]
    return " ".join(dict.fromkeys(parts)) or getattr(item, "region", None) or ""


def segments(hit: Hit) -> list[tuple[str, bool]]:
    """The snippet cut at its highlights: (text, highlighted) pairs for the template."""
    out: list[tuple[str, bool]] = []
    at = 0
    for h in sorted(hit.highlights, key=lambda h: h.start):
        if h.start < at:
            continue
        out += [(hit.snippet[at : h.start], False), (hit.snippet[h.start : h.end], True)]
        at = h.end
    out.append((hit.snippet[at:], False))
    return [s for s in out if s[0]]


def choices_of(ix: Index) -> dict[str, dict[str, int]]:
    """Every year, version and region of the index, with counts: the form's options."""
    return ix.search("", facets=["year", "version", "region"], limit=1).facets


def warm(ix: Index) -> None:
    """Run once when the server starts: fills the index's caches of field values and of
    measure postings, which a first search or report page would otherwise wait for."""
    ix.search("", facets=list(PAGE_FACETS), limit=1)
    with contextlib.suppress(SearchError):
        ix.similar("加强政府信息公开工作", limit=1)


def choices(request: Request) -> dict[str, dict[str, int]]:
    """`choices_of` the index, kept CHOICES_TTL seconds."""
    cached = getattr(request.app.state, "choices", None)
    if cached is None or time.monotonic() - cached[0] > CHOICES_TTL:
        cached = (time.monotonic(), service(request).run(choices_of))
        request.app.state.choices = cached
    return cached[1]


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request):
    svc = service(request)
    error, results = None, None
    state = page_state(request.query_params)
    try:
        check_limits(state)
        query = _library_query(state)
        results = svc.run(lambda ix: ix.search(query))
    except BadQuery as e:
        error = str(e)
        state["q"] = state["q"][:MAX_TEXT]
    options = choices(request)
    year = YearRange()
    with contextlib.suppress(BadQuery):  # a bad year was reported as `error`
        year = YearRange.parse(state["year"]) if state["year"] else year
    return render(
        "search.html",
        status=422 if error else 200,
        state=state,
        error=error,
        results=results,
        place=place,
        choices=options,
        years=sorted(options.get("year", {})),
        year=year,
        versions=VERSIONS,
        rows=where_rows(state["where"]),
        ops=OPS,
        keys=figure_keys(),
        sorts=SORTS,
        sections=SECTION_NAMES,
        segments=segments,
        url=lambda **changes: url_for_state(state, **changes),
        page_facets=PAGE_FACETS,
        band_conditions=band_conditions,
    )


# --- the report page ------------------------------------------------------------------------


def _report(ix: Index, report_id: str):
    report = ix.get(report_id)
    similar = [
        ix.similar(report_id=report.id, measure=n, limit=SIMILAR_PER_MEASURE).hits
        for n in range(1, len(report.improvement_measures) + 1)
    ]
    try:  # the agency's other years, for the chart; a report naming no agency has none
        trend = ix.trend(report.id, list(CHART_FIELDS))
    except SearchError:
        trend = None
    return report, similar, trend, ix.quality(report.id), ix.cross_year(report.id)


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str):
    from govsearch.search.crossyear import RULES

    report, similar, trend, quality, checks = service(request).run(_report, report_id)
    tables = form_tables(report)
    by_section: dict[str, list] = {}
    for table in tables:
        by_section.setdefault(table.section, []).append(table)
    return render(
        "report.html",
        report=report,
        place=place(report),
        sections=SECTION_NAMES,
        tables=by_section,
        measures=list(zip(report.improvement_measures, similar, strict=True)),
        trend=trend,
        chart=trend_svg(trend) if trend else None,
        quality=quality,
        checks=checks,
        rules=RULES,
        statuses=CHECK_STATUS,
        part_names=QUALITY_PARTS,
    )
