"""`govsearch index | query | show | stats | export` through typer's CliRunner on real files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.indexer.parse.templates import all_field_keys

runner = CliRunner()


@pytest.fixture
def index_dir(tmp_path, corpus_copy):
    path = tmp_path / "index"
    result = runner.invoke(app, ["index", str(corpus_copy), "--index", str(path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "added 5, updated 0, unchanged 0, removed 0, skipped 0" in result.stdout
    return path


def run(index_dir, *args: str):
    return runner.invoke(app, [*args, "--index", str(index_dir)])


def query_json(index_dir, *args: str) -> dict:
    result = run(index_dir, "query", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_acceptance_queries(index_dir):
    out = query_json(index_dir, "政策解读", "--year", "2021")
    assert out["total"] == 1 and [h["agency"] for h in out["hits"]] == ["盘锦市商务局"]
    hit = out["hits"][0]
    assert set(hit) == {
        "id",
        "source",
        "agency",
        "agency_key",
        "province",
        "city",
        "county",
        "year",
        "score",
        "section",
        "snippet",
        "highlights",
        "values",
    }
    assert (hit["province"], hit["city"], hit["county"]) == ("辽宁省", "盘锦市", None)
    assert all(hit["snippet"][h["start"] : h["end"]] == "政策解读" for h in hit["highlights"])
    assert [
        h["agency"] for h in query_json(index_dir, "--where", "pd_license_decisions>=100")["hits"]
    ] == ["盘锦市商务局"]
    assert [h["agency"] for h in query_json(index_dir, "--year", "2019..2020")["hits"]] == [
        "城步苗族自治县商务局"
    ]
    assert [h["agency"] for h in query_json(index_dir, '"政务公开日"')["hits"]] == ["盘锦市商务局"]


def test_facets_sort_and_repeated_where(index_dir):
    out = query_json(
        index_dir, "--facet", "year", "--sort", "pd_license_decisions", "--desc",
        "--where", "app_new__total>=0", "--where", "pd_license_decisions>=0",
    )  # fmt: skip
    assert out["facets"] == {"year": {"2021": 4, "2019": 1}}
    assert out["hits"][0]["agency"] == "盘锦市商务局"


def test_version_filter_and_a_bad_version_is_one_line_naming_the_valid_ones(index_dir):
    assert query_json(index_dir, "--version", "v1_2019_trial")["total"] == 1
    result = run(index_dir, "query", "--version", "v3_2025")
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "v3_2025" in result.output
    assert all(v in result.output for v in ("v0_legacy", "v1_2019_trial", "v2_2021"))


def test_unknown_where_key_fails_naming_valid_keys(index_dir):
    result = run(index_dir, "query", "--where", "nosuchkey>1")
    assert result.exit_code != 0
    assert "nosuchkey" in result.output and "closest valid keys" in result.output
    result = run(index_dir, "query", "--where", "pd_licence_decisions>1")
    assert result.exit_code == 1 and "pd_license_decisions" in result.output


@pytest.mark.parametrize("text", ['"政务公开日', "(政策 AND", "政策)"])
def test_stray_quote_or_bracket_is_read_leniently(index_dir, text):
    result = run(index_dir, "query", text)
    assert result.exit_code == 0 and result.exception is None
    assert "1 reports" in result.stdout and "Traceback" not in result.output


def test_table_output_and_show_query(index_dir):
    result = run(index_dir, "query", "政策解读")
    assert (
        result.exit_code == 0 and "盘锦市商务局" in result.stdout and "1 reports" in result.stdout
    )
    result = run(index_dir, "query", "政策解读", "--year", "2021", "--show-query")
    assert "NumericRange('year', 2021, 2021" in result.stdout


def test_reindex_and_prune(index_dir, corpus_copy):
    result = runner.invoke(app, ["index", str(corpus_copy), "--index", str(index_dir)])
    assert "unchanged 5" in result.stdout
    (corpus_copy / "001_667fb2ff87d4e6ce.txt").unlink()
    (corpus_copy / "notes.txt").write_text("随便写点什么。\n", "utf-8")
    result = runner.invoke(app, ["index", str(corpus_copy), "--index", str(index_dir), "--prune"])
    assert result.exit_code == 1  # a file was skipped
    assert "removed 1" in result.stdout and "skipped 1" in result.stdout
    assert "skipped " in result.stderr and "notes.txt" in result.stderr


def test_show(index_dir):
    hit = query_json(index_dir, "政策解读")["hits"][0]
    result = run(index_dir, "show", hit["id"], "--json")
    report = json.loads(result.stdout)
    assert report["agency"] == "盘锦市商务局" and report["fields"]["pd_license_decisions"] == 152
    assert "s5_problems" in report["sections"]
    assert "盘锦市商务局" in run(index_dir, "show", hit["id"][:8]).stdout
    missing = run(index_dir, "show", "nope")
    assert missing.exit_code == 1 and "no report" in missing.output


def test_stats(index_dir):
    stats = json.loads(run(index_dir, "stats", "--json").stdout)
    assert stats["reports"] == 5 and stats["years"] == {"2019": 1, "2021": 4}
    assert stats["versions"] == {"v2_2021": 4, "v1_2019_trial": 1} and stats["size_bytes"] > 0


def test_export(index_dir):
    rows = list(csv.DictReader(io.StringIO(run(index_dir, "export", "--format", "csv").stdout)))
    assert len(rows) == 5 and set(all_field_keys()) <= set(rows[0])
    assert {r["agency"]: r["pd_license_decisions"] for r in rows}["盘锦市商务局"] == "152"
    lines = run(index_dir, "export", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 5 and json.loads(lines[0]).keys() == rows[0].keys()
    assert run(index_dir, "export", "--format", "xml").exit_code == 1


def test_missing_index_is_one_line(tmp_path):
    result = runner.invoke(app, ["query", "政策", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert (
        result.output.startswith("error: no index at")
        and len(result.output.strip().splitlines()) == 1
    )


def test_index_location_from_environment(tmp_path, corpus_copy, monkeypatch):
    monkeypatch.setenv("GOVSEARCH_INDEX", str(tmp_path / "env-index"))
    assert runner.invoke(app, ["index", str(corpus_copy)]).exit_code == 0
    assert (tmp_path / "env-index" / "govsearch.json").exists()
    assert json.loads(runner.invoke(app, ["stats", "--json"]).stdout)["reports"] == 5


def test_export_reports_and_import_rebuild_the_same_search(index_dir, tmp_path):
    """The safe way to share a corpus: whole reports out as data, into a new index, no parsing."""
    shared = tmp_path / "corpus.jsonl"
    out = run(index_dir, "export", "--format", "reports", "--output", str(shared))
    assert out.exit_code == 0, out.output
    assert len(shared.read_text("utf-8").splitlines()) == 5
    other = tmp_path / "other-index"
    out = run(other, "import", str(shared))
    assert (out.exit_code, out.stdout.strip()) == (0, "imported 5 reports")
    mine, theirs = query_json(index_dir, "政策解读"), query_json(other, "政策解读")
    assert [h["id"] for h in theirs["hits"]] == [h["id"] for h in mine["hits"]]
    assert theirs["hits"][0]["province"] == "辽宁省"


def test_import_refuses_a_bad_line_before_writing_anything(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "year": "not a year"}\n', "utf-8")
    out = run(tmp_path / "ix", "import", str(bad))
    assert out.exit_code == 1
    assert "bad.jsonl:1: not an exported report (year:" in out.output
    assert not (tmp_path / "ix").exists()
