"""The JSON API (govsearch.web) with FastAPI's TestClient, on the index of `corpus/`."""

from __future__ import annotations

import json
import re
import threading
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from govsearch.cli.app import app as cli
from govsearch.web import create_app
from govsearch.web.service import Service, TooSlow

PANJIN = "2358508584629988"  # 盘锦市商务局, 2021
CHENGBU = "5c0729f938ddffe8"  # 城步苗族自治县商务局, 2019
ALL_BY_PUBLISHED = [
    "0996c6285de83506",
    CHENGBU,
    "0891e500e395d6d9",
    PANJIN,
    "ce33c4add8954f6f",
]


@pytest.fixture(scope="module")
def client(built_index):
    with TestClient(create_app(built_index)) as c:
        yield c


def ids(body: dict) -> list[str]:
    return [h["id"] for h in body["hits"]]


def cli_json(index, *args: str) -> str:
    result = CliRunner().invoke(cli, ["query", *args, "--index", str(index.path), "--json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def cli_error(index, *args: str) -> str:
    result = CliRunner().invoke(cli, ["query", *args, "--index", str(index.path)])
    assert result.exit_code == 1
    return result.stderr.strip().removeprefix("error: ")


# --- the README's queries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "政策解读", "year": "2021"}, [PANJIN]),
        ({"q": '"政务公开日"'}, [PANJIN]),
        ({"where": "pd_license_decisions>=100"}, [PANJIN]),
        ({"year": "2019..2020"}, [CHENGBU]),
        (
            {"q": "政务公开 AND NOT 行政复议", "section": "s5_problems"},
            ["0891e500e395d6d9", "ce33c4add8954f6f"],
        ),
        ({"year": "2019..2021", "sort": "published", "desc": "true"}, ALL_BY_PUBLISHED),
    ],
)
def test_readme_queries(client, params, expected):
    response = client.get("/api/search", params=params)
    assert response.status_code == 200
    assert ids(response.json()) == expected and response.json()["total"] == len(expected)


def test_search_body_is_what_query_json_prints(client, built_index):
    response = client.get(
        "/api/search", params={"q": "政策解读", "year": "2021", "facet": ["agency", "year"]}
    )
    assert response.headers["content-type"] == "application/json"
    expected = cli_json(
        built_index, "政策解读", "--year", "2021", "--facet", "agency", "--facet", "year"
    )
    assert response.text == expected
    body = json.loads(expected)
    assert body["facets"] == {"agency": {"盘锦市商务局": 1}, "year": {"2021": 1}}
    hit = body["hits"][0]
    assert [hit["snippet"][h["start"] : h["end"]] for h in hit["highlights"]] == ["政策解读"] * 2


def test_where_is_repeatable(client):
    params = [("where", "pd_license_decisions>=100"), ("where", "pd_license_decisions<100")]
    assert client.get("/api/search", params=params).json()["total"] == 0


def test_paging(client):
    pages = [
        client.get("/api/search", params={"sort": "published", "desc": 1, "limit": 2, "offset": o})
        for o in (0, 2, 4, 6)
    ]
    assert [p.json()["total"] for p in pages] == [5, 5, 5, 5]
    assert [ids(p.json()) for p in pages] == [
        ALL_BY_PUBLISHED[0:2],
        ALL_BY_PUBLISHED[2:4],
        ALL_BY_PUBLISHED[4:],
        [],
    ]


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "cli_args"),
    [
        ({"where": "pd_licence>=1"}, ["--where", "pd_licence>=1"]),
        ({"where": "pd_license_decisions~1"}, ["--where", "pd_license_decisions~1"]),
        ({"year": "20x1"}, ["--year", "20x1"]),
        ({"version": "v3"}, ["--version", "v3"]),
        ({"sort": "size"}, ["--sort", "size"]),
        ({"facet": "colour"}, ["--facet", "colour"]),
        ({"limit": -1}, ["--limit", "-1"]),  # 0 is valid: facets only
    ],
)
def test_bad_parameters_get_the_cli_message(client, built_index, params, cli_args):
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    assert response.json() == {"detail": cli_error(built_index, *cli_args)}


def test_limits(client):
    too_many = client.get("/api/search", params={"limit": 201})
    assert too_many.status_code == 422
    assert too_many.json() == {"detail": "limit: Input should be less than or equal to 200"}
    too_long = client.get("/api/search", params={"q": "政" * 1001})
    assert too_long.status_code == 422
    assert too_long.json() == {"detail": "q: String should have at most 1000 characters"}
    assert client.get("/api/search", params={"q": "政" * 1000}).json()["total"] == 0
    not_int = client.get("/api/search", params={"offset": "x"})
    assert not_int.status_code == 422 and not_int.json()["detail"].startswith("offset: ")


def test_unknown_report_and_route_are_json_404(client, built_index):
    response = client.get("/api/reports/ffff0000")
    assert response.status_code == 404
    assert response.json() == {"detail": f"no report with id 'ffff0000' in {built_index.path}"}
    assert client.get("/api/nothing").json() == {"detail": "Not Found"}


def test_slow_search_is_503(built_index, monkeypatch):
    def slow(*args, **kw):
        time.sleep(0.5)

    monkeypatch.setattr(built_index, "search", slow)
    with TestClient(create_app(built_index, time_limit=0.05)) as c:
        response = c.get("/api/search", params={"q": "政策解读"})
    assert response.status_code == 503
    assert response.json() == {"detail": "the search took longer than 0.05 s; narrow it"}


def test_service_drops_calls_still_queued(built_index):
    service = Service(built_index, time_limit=0.05)
    with pytest.raises(TooSlow):
        service.run(lambda ix: time.sleep(0.3))
    with pytest.raises(TooSlow):  # queued behind the first: waits, then dropped
        service.run(lambda ix: time.sleep(0.3))
    time.sleep(0.35)
    assert service.run(lambda ix: ix.get(PANJIN).agency) == "盘锦市商务局"
    service._worker.shutdown(wait=True)


# --- the other endpoints ----------------------------------------------------------------------


def test_report(client, built_index):
    response = client.get(f"/api/reports/{PANJIN[:8]}")
    assert response.status_code == 200
    body = response.json()
    assert body == built_index.get(PANJIN).model_dump(mode="json")
    assert body["agency"] == "盘锦市商务局" and body["fields"]["pd_license_decisions"] == 152


def test_stats(client):
    body = client.get("/api/stats").json()
    assert (body["reports"], body["units"]) == (5, 25)
    assert body["years"] == {"2019": 1, "2021": 4}
    assert body["versions"] == {"v2_2021": 4, "v1_2019_trial": 1}


def test_similar(client):
    body = client.get(
        "/api/similar", params={"q": "加强对政府信息公开工作的领导", "limit": 2}
    ).json()
    assert [(h["report_id"], h["position"]) for h in body["hits"]] == [(CHENGBU, 1), (CHENGBU, 4)]
    assert body["hits"][0]["text"] == "加强对政府信息公开工作的领导，完善相关工作制度，落实工作责任"
    empty = client.get("/api/similar", params={"q": "，。"})
    assert empty.status_code == 422 and "detail" in empty.json()


def test_openapi_documents_the_models(client):
    schema = client.get("/openapi.json").json()
    assert {"Results", "Hit", "Report", "Stats", "SimilarResults"} <= set(
        schema["components"]["schemas"]
    )
    search = schema["paths"]["/api/search"]["get"]
    params = {p["name"] for p in search["parameters"]}
    assert {"q", "year", "where", "facet", "sort", "limit", "offset", "version"} <= params
    error = search["responses"]["422"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}


def test_docs_work_offline(client):
    html = client.get("/docs").text
    assert "https://" not in html and "http://" not in html
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert len(assets) == 3 and all(client.get(a).status_code == 200 for a in assets)


# --- concurrency ------------------------------------------------------------------------------


def test_eight_threads_all_answered_correctly(client):
    cases = [
        ({"q": "政策解读", "year": "2021"}, [PANJIN]),
        ({"year": "2019..2020"}, [CHENGBU]),
        ({"where": "pd_license_decisions>=100"}, [PANJIN]),
        ({"sort": "published", "desc": 1}, ALL_BY_PUBLISHED),
    ]
    failures: list[str] = []
    start = threading.Barrier(8)

    def worker(n: int) -> None:
        start.wait()
        for i in range(12):
            params, expected = cases[(n + i) % len(cases)]
            if n % 2 and i % 3 == 0:
                got = client.get(f"/api/reports/{PANJIN}").json().get("agency")
                if got != "盘锦市商务局":
                    failures.append(f"report: {got}")
                continue
            response = client.get("/api/search", params=params)
            if response.status_code != 200 or ids(response.json()) != expected:
                failures.append(f"{params}: {response.status_code} {response.text[:80]}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_serve_without_an_index_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: no index at {tmp_path / 'none'}; build one with: "
        f"govsearch index PATH... --index {tmp_path / 'none'}\n"
    )


def test_place_filters_follow_the_library(client):
    from govsearch.search import Query

    response = client.get("/api/search", params={"province": "辽宁省"})
    if "province" in Query.model_fields:  # once the library filters by province
        assert ids(response.json()) == [PANJIN]
    else:
        assert response.status_code == 422
        assert response.json() == {
            "detail": "no province filter in this version of govsearch; use region"
        }
    assert ids(client.get("/api/search", params={"region": "盘锦市"}).json()) == [PANJIN]


def test_trend_is_what_trend_json_prints(client, built_index):
    body = client.get("/api/trend/盘锦市商务局", params={"field": "pd_license_decisions"}).json()
    assert (body["agency_key"], body["reports"]) == ("211100:商务局", 1)
    assert [(r["year"], r["report_id"], r["values"]) for r in body["rows"]] == [
        (2021, PANJIN, {"pd_license_decisions": 152})
    ]
    printed = CliRunner().invoke(
        cli,
        [
            "trend",
            "盘锦市商务局",
            "--field",
            "pd_license_decisions",
            "--json",
            "--index",
            str(built_index.path),
        ],
    )
    assert json.loads(printed.stdout) == body
    unknown = client.get("/api/trend/no-such-agency")
    assert unknown.status_code == 422 and unknown.json()["detail"].startswith("no agency")
