#!/usr/bin/env python3
"""Time the query side of `run.py` again on an index it kept, with the code checked out now.

    python benchmarks/requery.py INDEX [--runs 2] [--json out.json]

A 100k build takes ~20 minutes; a change to the query side does not need one. Prints the
240-query mix's latency (20 warm-up queries, then each query once, as `run.py` does) by kind,
the similar-measure mix and a cold `govsearch query` process: wall ms and CPU ms per query.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (  # noqa: E402
    GovsearchQueries,
    cold_start,
    query_mix,
    similar_mix,
    time_queries,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--runs", type=int, default=1, help="passes over the mix, fresh index each")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    out: dict = {"runs": []}
    for _ in range(args.runs):
        gq = GovsearchQueries(args.index)
        mix, by_kind = time_queries(gq.search, query_mix())
        similar, _ = time_queries(gq.similar, similar_mix(), warmup=5)
        gq.close()
        run = {"all": mix, **by_kind, "similar": similar}
        out["runs"].append(run)
        for kind, w in run.items():
            c = w["cpu"]
            print(
                f"{kind:11} wall p50 {w['p50_ms']:7.1f} p95 {w['p95_ms']:7.1f}   "
                f"cpu p50 {c['p50_ms']:7.1f} p95 {c['p95_ms']:7.1f}"
            )
    out["cold_start"] = cold_start(args.index)
    print(f"cold start (govsearch query) median {out['cold_start']['median_s']:.2f} s")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
