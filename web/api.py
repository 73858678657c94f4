"""The JSON API: each endpoint is the `govsearch.search` call of the same name, and its
parameters are named as the options of the CLI command it mirrors (`q` is the query text).

    GET /api/search?q=政策解读&year=2021     → Results, exactly what `query --json` prints
    GET /api/reports/{id}                   → Report (`show --json`)
    GET /api/similar?q=加强培训             → SimilarResults
    GET /api/stats                          → Stats (`stats --json`)
    GET /api/trend/{agency}?field=…         → Trend (`trend AGENCY --json`)
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from govsearch.indexer.models import Report
from govsearch.search import BadQuery, Results, Stats
from govsearch.search import Query as SearchQuery
from govsearch.search.similar import SimilarResults
from govsearch.search.trend import Trend

from .service import Service


class Error(BaseModel):
    """Every error body: one line, the message the CLI prints after `error: `."""

    detail: str


ERRORS: dict[int | str, dict] = {
    422: {"model": Error, "description": "a bad parameter (the CLI's message)"},
    404: {"model": Error, "description": "no such report"},
    503: {"model": Error, "description": "not answered within the time limit"},
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

MAX_TEXT = 1000
MAX_LIMIT = 200
# Place filters the library may not have yet: forwarded to `Query` only when it has them.
PLACE_FILTERS = ("province", "city", "county")

Text = Annotated[str, Query(max_length=MAX_TEXT, description="query text (whoosh syntax)")]
Limit = Annotated[int, Query(le=MAX_LIMIT, description=f"hits per page, at most {MAX_LIMIT}")]
Year = Annotated[str | None, Query(description="2021 or 2019..2021")]


def service(request: Request) -> Service:
    return request.app.state.service


def build_query(**kw: object) -> SearchQuery:
    """A library `Query` from the parameters (a `BadQuery` for anything it refuses)."""
    for name in PLACE_FILTERS:
        if kw.get(name) and name not in SearchQuery.model_fields:
            raise BadQuery(f"no {name} filter in this version of govsearch; use region")
        if name not in SearchQuery.model_fields:
            kw.pop(name, None)
    return SearchQuery.build(**kw)


@router.get("/search", response_model=Results)
def search(
    request: Request,
    q: Text = "",
    section: str | None = None,
    year: Year = None,
    agency: str | None = None,
    region: str | None = None,
    province: str | None = None,
    city: str | None = None,
    county: str | None = None,
    version: str | None = None,
    where: Annotated[list[str], Query(description='"KEY OP NUMBER", repeatable')] = [],  # noqa: B006
    facet: Annotated[list[str], Query(description="year, agency, region or version")] = [],  # noqa: B006
    sort: str = "score",
    desc: bool = False,
    limit: Limit = 10,
    offset: int = 0,
):
    """Full-text search with filters: `govsearch query`."""
    query = build_query(
        text=q, section=section, year=year, agency=agency, region=region, province=province,
        city=city, county=county, version=version, where=where, sort=sort, desc=desc,
        limit=limit, offset=offset, facets=facet,
    )  # fmt: skip
    return service(request).run(lambda ix: ix.search(query))


@router.get("/reports/{report_id}", response_model=Report)
def report(request: Request, report_id: str):
    """One stored report, by id or unique id prefix: `govsearch show --json`."""
    return service(request).run(lambda ix: ix.get(report_id))


@router.get("/similar", response_model=SimilarResults)
def similar(
    request: Request,
    q: Text = "",
    report: Annotated[str | None, Query(description="use this report's measures")] = None,
    measure: Annotated[int | None, Query(description="with report: only measure N")] = None,
    problems: bool = False,
    year: Year = None,
    agency: str | None = None,
    region: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    group: bool = False,
):
    """Improvement measures (or problems) phrased like `q`: `govsearch similar`."""
    return service(request).run(
        lambda ix: ix.similar(
            q or None,
            report_id=report,
            measure=measure,
            problems=problems,
            year=year,
            agency=agency,
            region=region,
            limit=limit,
            group=group,
        )  # fmt: skip
    )


@router.get("/stats", response_model=Stats)
def stats(request: Request):
    """Reports, years, template versions and size of the index: `govsearch stats --json`."""
    return service(request).run(lambda ix: ix.stats())


@router.get("/trend/{agency}", response_model=Trend)
def trend(
    request: Request,
    agency: str,
    field: Annotated[list[str], Query(description="figures to follow, repeatable")] = [],  # noqa: B006
):
    """One agency (name, agency_key or report id) year by year: `govsearch trend AGENCY`."""
    return service(request).run(lambda ix: ix.trend(agency, field or None))
