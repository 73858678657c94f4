"""Latency of aggregates, hit exports, facets and trends at 20k reports, in process.

    python benchmarks/results_bench.py [--size 20000] [--truth OUT/truth.jsonl] [--path DIR]

Indexes `Report` objects made from the generator's truth (`benchmarks/generate.py`, seed 7:
agency, region, year, published, template version and every table figure; province and
city looked up in the generator's region bank), without parsing and without section text:
what these operations read, the numeric postings and the stored metadata, is the same as in
an index of parsed files. `--truth` reuses a truth.jsonl; else the truth is generated.
Prints one JSON object of timings in seconds. Target: aggregate by province × year < 1 s.
`index_figures_cold_s`: the first query on a figure of the whole index (`search/corpus.py`).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import POOL_SIZE, REGIONS, agency_pool, make_report  # noqa: E402
from govsearch.indexer.models import Report  # noqa: E402
from govsearch.search import Index  # noqa: E402

PLACES: dict[str, tuple[str, str | None, str | None]] = {}
for _province, _cities in REGIONS.items():
    PLACES[_province] = (_province, None, None)
    for _city, _counties in _cities.items():
        PLACES[_city] = (_province, _city, None)
        for _county in _counties:
            PLACES[_county] = (_province, _city, _county)


def truths(size: int, seed: int, path: Path | None) -> list[dict]:
    if path:
        with path.open(encoding="utf-8") as f:
            return [json.loads(line) for _, line in zip(range(size), f, strict=False)]
    pool = agency_pool(random.Random(f"pool:{seed}"), POOL_SIZE)
    return [make_report(i, seed, pool)[1] for i in range(size)]


def report_of(i: int, t: dict) -> Report:
    province, city, county = PLACES.get(t["region"], (None, None, None))
    return Report(
        id=f"{i:016x}",
        agency=t["agency"],
        region=t["region"],
        province=province,
        city=city,
        county=county,
        agency_key=f"{t['region']}:{t['agency']}",
        year=t["year"],
        published=t["published"],
        format=t["format"],
        fields=t["fields"],
        improvement_measures=t["improvement_measures"],  # the whole-index figures read them
    )


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return round(time.perf_counter() - start, 4), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--truth", type=Path, help="a truth.jsonl of benchmarks/generate.py")
    ap.add_argument("--path", type=Path, help="index directory (reused when it exists)")
    args = ap.parse_args(argv)
    path = args.path or Path(tempfile.mkdtemp()) / "index"
    res: dict[str, object] = {"size": args.size}
    if not (path / "govsearch.json").exists():
        reports = [report_of(i, t) for i, t in enumerate(truths(args.size, args.seed, args.truth))]
        with Index.create(path) as ix:
            res["build_s"], _ = timed(lambda: ix.add(reports, timeout=60))
    agg = dict(by=["province", "year"], sum=["app_new__total"], mean=["disclosure_rate"])
    with Index.open(path) as ix:
        res["aggregate_cold_s"], out = timed(lambda: ix.aggregate(**agg))
        res["aggregate_warm_s"], _ = timed(lambda: ix.aggregate(**agg))
        res["aggregate_groups"] = len(out.rows)
        res["aggregate_reports"] = out.total
        res["rank_s"], _ = timed(
            lambda: ix.aggregate(by=["agency_key"], rank="disclosure_rate", min_n=30)
        )
        res["iter_hits_all_s"], n = timed(lambda: sum(1 for _ in ix.iter_hits()))
        res["iter_hits_rows"] = n
        res["facets_only_s"], _ = timed(
            lambda: ix.search(limit=0, facets=["agency", "province"], facet_limit=10)
        )
        key = next(iter(ix.iter_hits(fields=["agency_key"], limit=1)))["agency_key"]
        res["trend_s"], _ = timed(lambda: ix.trend(key))
        res["cross_year_all_s"], _ = timed(lambda: ix.cross_year_summary())
    with Index.open(path) as ix:  # the figures of the whole index, first asked for, then again
        res["index_figures_cold_s"], _ = timed(lambda: ix.search(where=["quality>=80"], limit=0))
        res["index_figures_warm_s"], _ = timed(
            lambda: ix.search(where=["copied_items>0"], facets=["quality_band"], limit=0)
        )
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
