"""The benchmark end to end at size 20: generate, build both indexes, query, write JSON. Not timed.

Small on purpose (20 reports, 40 queries, one cold start): it checks that every stage runs
and reports, in a few seconds; the figures come from `python benchmarks/run.py`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

pytest.importorskip("govsearch.search")

from benchmarks import run  # noqa: E402


def test_query_mix_is_fixed_and_varied():
    mix = run.query_mix()
    assert mix == run.query_mix() and len(mix) >= 200
    assert {q["kind"] for q in mix} == {
        "word",
        "phrase",
        "text+year",
        "text+where",
        "filters",
        "facets",
    }
    assert len(run.similar_mix()) >= 100


def test_benchmark_end_to_end(tmp_path, capsys):
    out = tmp_path / "bench.json"
    code = run.main(
        [
            "--size",
            "20",
            "--keep",
            str(tmp_path / "work"),
            "--json",
            str(out),
            "--skip-single",
            "--cold-runs",
            "1",
            "--queries",
            "40",
        ]
    )
    assert code == 0
    res = json.loads(out.read_text(encoding="utf-8"))
    for key in (
        "size",
        "cores",
        "raw_bytes",
        "index_bytes",
        "baseline_build",
        "govsearch_build",
        "query",
        "query_by_kind",
        "baseline_query",
        "query_comparable",
        "similar",
        "cold_start",
        "incremental",
        "summary",
    ):
        assert key in res, key
    assert res["size"] == 20
    assert res["query"]["n"] == 40 and res["query"]["p95_ms"] > 0
    assert set(res["summary"]["values"]) == set(run.TARGETS) == set(res["summary"]["met"])
    assert res["incremental"]["changed_files"] == 1
    table = capsys.readouterr().out
    assert "govsearch" in table and "baseline" in table and "query p95" in table
