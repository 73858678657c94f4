#!/usr/bin/env python3
"""Prove a change leaves search results alone: dump, then compare, the 240-query mix.

    python benchmarks/same_results.py dump INDEX before.json    # on the old code
    python benchmarks/same_results.py dump INDEX after.json     # on the new code, same index
    python benchmarks/same_results.py compare before.json after.json

For every query of `run.py`'s mix the dump holds the total, the top-10 ids with their scores,
and the facet counts; `compare` lists every query where any of them differ (exit 1). It also
prints the CPU milliseconds per query, p50 / p95, so one pair of dumps is also a timing.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import mix_query, percentiles, query_mix  # noqa: E402


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
    Path(out).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    p = percentiles(cpu)
    print(f"{len(rows)} queries, CPU ms p50 {p['p50_ms']:.1f} / p95 {p['p95_ms']:.1f}")
    for kind in dict.fromkeys(q["kind"] for q in mix):
        k = percentiles([t for t, q in zip(cpu, mix, strict=True) if q["kind"] == kind])
        print(f"  {kind:11} p50 {k['p50_ms']:6.1f} / p95 {k['p95_ms']:6.1f}")


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
