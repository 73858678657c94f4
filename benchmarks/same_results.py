#!/usr/bin/env python3
"""Prove a change leaves search results alone: dump, then compare, the 240-query mix.

    python benchmarks/same_results.py dump INDEX before.json    # on the old code
    python benchmarks/same_results.py dump INDEX after.json     # on the new code, same index
    python benchmarks/same_results.py compare before.json after.json

For every query of `run.py`'s mix the dump holds the total, the top-10 ids with their scores,
and the facet counts; then every hit of its similar-measure mix (text, grouped, and by
report) and the common-measure groups. `compare` lists every query where any of them differ
(exit 1). It also prints the CPU milliseconds per query, p50 / p95, so one pair of dumps is
also a timing.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import mix_query, percentiles, query_mix, similar_mix  # noqa: E402


def dump(index_dir: str, out: str) -> None:
    from govsearch.search import Index

    mix = query_mix()
    rows, cpu = [], []
    with Index.open(index_dir) as index:
        for q in mix:
            query = mix_query(q)
            t0 = time.process_time()
            res = index.search(query)
            cpu.append(time.process_time() - t0)
            rows.append(
                {
                    "query": {k: list(v) if isinstance(v, tuple) else v for k, v in q.items()},
                    "total": res.total,
                    "top": [[h.id, h.score] for h in res.hits],
                    "facets": res.facets,
                }
            )
        rows += similar_rows(index)
    Path(out).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    p = percentiles(cpu)
    print(f"{len(rows)} queries, CPU ms p50 {p['p50_ms']:.1f} / p95 {p['p95_ms']:.1f}")
    for kind in dict.fromkeys(q["kind"] for q in mix):
        k = percentiles([t for t, q in zip(cpu, mix, strict=True) if q["kind"] == kind])
        print(f"  {kind:11} p50 {k['p50_ms']:6.1f} / p95 {k['p95_ms']:6.1f}")


def similar_rows(index) -> list[dict]:
    """Every hit, in full, of the similar-measure mix, ten of it grouped, similar measures of
    the first ten reports' units, and the common-measure groups."""
    rows = []
    texts = similar_mix()
    reports = [r.id for _, r in zip(range(10), index.iter_reports(), strict=False)]
    calls = [{"text": t} for t in texts] + [{"text": t, "group": True} for t in texts[:10]]
    calls += [{"report_id": r} for r in reports] + [
        {"report_id": r, "problems": True} for r in reports
    ]
    for call in calls:
        try:
            hits = [h.model_dump() for h in index.similar(**call, limit=10).hits]
        except Exception as e:  # a report without measures: the error is the result
            hits = [type(e).__name__]
        rows.append({"query": {"similar": call}, "hits": hits})
    groups = [g.model_dump() for g in index.common_measures()]
    return [*rows, {"query": {"common_measures": {}}, "groups": groups}]


def compare(a: str, b: str) -> int:
    before = json.loads(Path(a).read_text(encoding="utf-8"))
    after = json.loads(Path(b).read_text(encoding="utf-8"))
    assert len(before) == len(after), "not the same mix"
    differ = [i for i, (x, y) in enumerate(zip(before, after, strict=True)) if x != y]
    for i in differ:
        print(f"query {i} differs: {before[i]['query']}")
    print(f"{len(before) - len(differ)} of {len(before)} queries identical")
    return 1 if differ else 0


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    sys.exit(dump(*args) if cmd == "dump" else compare(*args))
