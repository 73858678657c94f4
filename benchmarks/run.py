#!/usr/bin/env python3
"""Benchmark govsearch against a plain whoosh + jieba baseline on a generated corpus.

    python benchmarks/run.py --size 20000 [--json out.json] [--keep DIR] [--seed 7]
    python -m benchmarks.run --size 2000

Measures, on the same corpus and in the same run: index build (all cores and one), peak
RSS of the build process tree, index size vs raw text, query latency over a fixed mix of
≥200 queries, similar-measure latency, cold start of a `govsearch query` process, and an
incremental re-index after changing 1% of the files. Builds run in subprocesses; their RSS
is sampled from /proc every 0.2 s (the whole process tree, and its largest process). Queries
run in-process against the built index.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import tantivy_bench  # noqa: E402
from benchmarks.generate import MEASURES, REGIONS, agency_pool, generate, make_report  # noqa: E402

TARGETS = {  # name: (comparison, value) on the 2-core reference machine at 20,000 reports
    "build_speedup_vs_baseline": (">=", 3.0),
    "index_to_raw_ratio": ("<=", 2.0),
    "peak_rss_mb": ("<", 1024),
    "query_p95_ms": ("<=", 30.0),
    "similar_p95_ms": ("<", 100.0),
    "cold_start_s": ("<", 0.8),
    "incremental_fraction": ("<", 0.10),
}
GOVSEARCH = [sys.executable, "-m", "govsearch.cli"]
YEAR_IN_TITLE = re.compile(r"(?P<year>20[0-2]\d)\s*年")

# ------------------------------------------------------------------ process measurement


def _tree_rss_kb(root: int) -> dict[int, int]:
    """VmRSS (KB) of `root` and of each of its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as f:
                status = f.read()
        except OSError:
            continue
        pid = int(entry.name)
        ppid = re.search(r"^PPid:\s+(\d+)", status, re.M)
        vm = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
        children.setdefault(int(ppid[1]) if ppid else 0, []).append(pid)
        rss[pid] = int(vm[1]) if vm else 0
    tree, stack = {}, [root]
    while stack:
        pid = stack.pop()
        tree[pid] = rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return tree


def run_measured(cmd: list[str], env: dict | None = None, quiet: bool = True) -> dict:
    """Run `cmd`; wall time, peak RSS of the process tree (sampled) and of its largest process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_tree, peak_one, done = 0, 0, threading.Event()

    def sample() -> None:
        nonlocal peak_tree, peak_one
        while not done.is_set():
            rss = _tree_rss_kb(proc.pid)
            peak_tree, peak_one = max(peak_tree, sum(rss.values())), max([peak_one, *rss.values()])
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}: {stderr[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime  # includes reaped children (the parse workers)
    return {
        "seconds": wall,
        "cpu_s": cpu,
        "peak_tree_mb": peak_tree / 1024,
        # sampled, not wait4's ru_maxrss: a child started by fork/vfork + exec reports the
        # parent's high-water mark there when that is higher than its own
        "max_rss_mb": peak_one / 1024,
    }


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {}
    ordered = sorted(samples)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    return {
        "n": len(ordered),
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "mean_ms": statistics.fmean(ordered) * 1000,
    }


# ------------------------------------------------------------------ the query mix

WORDS = (
    "政务公开",
    "保密审查",
    "依申请公开",
    "政策解读",
    "行政许可",
    "行政处罚",
    "规范性文件",
    "微信公众号",
    "信息处理费",
    "门户网站",
    "三审三校",
    "营商环境",
    "乡村振兴",
    "业务培训",
    "绩效考核",
    "领导小组",
    "政府集中采购",
    "行政复议",
    "行政诉讼",
    "重复申请",
    "国家秘密",
    "过程性信息",
    "公开出版物",
    "商务局",
    "教育局",
    "市场监督管理局",
    "人民政府",
    "街道办事处",
    "自然资源局",
    "卫生健康委员会",
    "工商行政管理局",
    "国土资源局",
    "政务新媒体",
    "公开栏",
    "解读",
    "回应关切",
    "法律顾问",
    "标准化规范化",
    "专职人员",
    "兼职",
)
PHRASES = (
    "加强组织领导",
    "加强业务培训",
    "提高信息发布的时效性",
    "最后一公里",
    "以公开为常态",
    "先审查、后公开",
    "政府信息公开工作人员多为兼职",
    "政策解读形式较为单一",
    "完善工作制度",
    "加强平台建设",
    "主动接受社会监督",
    "规范答复文书格式",
    "栏目空白",
    "信息更新台账",
    "集中统一公开",
)
WHERE = (
    "app_new__total>=5",
    "app_new__total>0",
    "pd_license_decisions>=100",
    "rl_review_total>=1",
    "app_carried_out__total>=1",
    "pd_penalty_decisions>10",
    "app_granted__total>=3",
)


def query_mix(seed: int = 11, size: int = 240) -> list[dict[str, Any]]:
    """A fixed, seeded mix: words, phrases, text+year, text+where, filters only, facets."""
    rng = random.Random(seed)
    regions = [c for p in REGIONS.values() for c in p] + list(REGIONS)
    kinds = (
        ("word", 0.25),
        ("phrase", 0.15),
        ("text+year", 0.2),
        ("text+where", 0.15),
        ("filters", 0.1),
        ("facets", 0.15),
    )
    mix = []
    for kind, share in kinds:
        for _ in range(round(size * share)):
            q: dict[str, Any] = {"kind": kind}
            if kind in ("word", "text+year", "text+where", "facets"):
                q["text"] = rng.choice(WORDS)
            if kind == "phrase":
                q["text"] = rng.choice(PHRASES)
                q["phrase"] = True
            if kind == "text+year":
                lo = rng.randint(2008, 2024)
                q["year"] = lo if rng.random() < 0.6 else (lo, min(2024, lo + rng.randint(1, 4)))
            if kind == "text+where":
                q["where"] = [rng.choice(WHERE)]
            if kind == "filters":
                q["year"] = rng.randint(2019, 2024)
                q["where"] = [rng.choice(WHERE)] if rng.random() < 0.5 else []
                if rng.random() < 0.5:
                    q["region"] = rng.choice(regions)
            if kind == "facets":
                q["facets"] = rng.sample(["year", "version", "region", "agency"], 2)
            mix.append(q)
    return mix


def mix_query(q: dict[str, Any]):
    """A `query_mix` entry as the govsearch `Query` it stands for (a top-10 page)."""
    from govsearch.search import Query

    return Query.build(
        text=f'"{q["text"]}"' if q.get("phrase") else q.get("text", ""),
        year=q.get("year"),
        where=q.get("where") or None,
        region=q.get("region"),
        facets=q.get("facets") or None,
        limit=10,
    )


def similar_mix(seed: int = 13, size: int = 100) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(size):
        heads, explains = rng.choice(MEASURES)
        text = rng.choice(heads.split("|"))
        if rng.random() < 0.7:
            text += "，" + rng.choice(explains).format(we="我局")
        out.append(text)
    return out


# ------------------------------------------------------------------ govsearch side


LIBRARY_BUILD = r"""
import sys
from govsearch.search import Index
with Index.open_or_create(sys.argv[2]) as index:
    summary = index.update([sys.argv[1]], workers=int(sys.argv[3]))
print(summary.model_dump_json())
"""


def _cli_has(command: str) -> bool:
    """Whether `govsearch COMMAND` exists (the CLI is assembled by several engineers)."""
    probe = subprocess.run([*GOVSEARCH, command, "--help"], capture_output=True, text=True)
    return probe.returncode == 0


def govsearch_build(corpus: Path, index: Path, workers: int) -> dict:
    """`govsearch index CORPUS --index DIR --workers N`, or the same library call if the
    `index` command is not there yet."""
    if _cli_has("index"):
        cmd = [*GOVSEARCH, "index", str(corpus), "--index", str(index), "--workers", str(workers)]
        via = "cli"
    else:
        cmd = [sys.executable, "-c", LIBRARY_BUILD, str(corpus), str(index), str(workers)]
        via = "library"
    return {**run_measured(cmd), "via": via}


class GovsearchQueries:
    """The in-process query side of govsearch (`govsearch.search`)."""

    def __init__(self, index: Path):
        from govsearch.search import Index

        self.index = Index.open(index)

    def close(self) -> None:
        close = getattr(self.index, "close", None)
        if close:
            close()

    def search(self, q: dict) -> int:
        return len(self.index.search(mix_query(q)).hits)

    def similar(self, text: str) -> int:
        return len(self.index.similar(text, limit=10).hits)


COLD_QUERY = r"""
import sys
from govsearch.search import Index
with Index.open(sys.argv[1]) as index:
    for hit in index.search("政务公开", limit=10).hits:
        print(hit.agency)
"""


def cold_start(index: Path, runs: int = 5) -> dict:
    """Wall time of a fresh `govsearch query 政务公开 --index DIR` process (median of `runs`)."""
    exe = shutil.which("govsearch")
    if _cli_has("query"):
        cmd = (
            [exe, "query", "政务公开", "--index", str(index)]
            if exe
            else [*GOVSEARCH, "query", "政务公开", "--index", str(index)]
        )
        via = "cli"
    else:
        cmd, via = [sys.executable, "-c", COLD_QUERY, str(index)], "library"
    run_measured(cmd)  # page cache warm, as for a user's second query
    times = [run_measured(cmd)["seconds"] for _ in range(runs)]
    return {"runs": runs, "median_s": statistics.median(times), "min_s": min(times), "via": via}


# ------------------------------------------------------------------ baseline: plain whoosh + jieba

BASELINE_BUILD = r"""
import os, re, sys
from pathlib import Path
from jieba.analyse import ChineseAnalyzer
from whoosh import index
from whoosh.fields import ID, NUMERIC, TEXT, Schema
corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
schema = Schema(path=ID(stored=True, unique=True), year=NUMERIC(int, stored=True),
                content=TEXT(analyzer=ChineseAnalyzer()))
out.mkdir(parents=True, exist_ok=True)
ix = index.create_in(str(out), schema)
year_re = re.compile(r"(20[0-2]\d)\s*年")
with ix.writer(procs=1, limitmb=256) as w:
    for f in sorted(corpus.iterdir()):
        text = f.read_text(encoding="utf-8")
        m = year_re.search(text)
        w.add_document(path=f.name, year=int(m[1]) if m else 0, content=text)
"""


def baseline_build(corpus: Path, index: Path) -> dict:
    return run_measured([sys.executable, "-c", BASELINE_BUILD, str(corpus), str(index)])


class BaselineQueries:
    """The baseline can express text, phrases and the year; not `where`, regions or facets."""

    def __init__(self, index: Path):
        import jieba
        from whoosh import index as windex

        jieba.setLogLevel(60)
        self.ix = windex.open_dir(str(index))
        self.searcher = self.ix.searcher()

    def close(self) -> None:
        self.searcher.close()

    @staticmethod
    def expressible(q: dict) -> bool:
        return not q.get("where") and not q.get("region") and not q.get("facets")

    def search(self, q: dict) -> int:
        from whoosh import query as wq
        from whoosh.qparser import QueryParser

        parts = []
        if q.get("text"):
            text = f'"{q["text"]}"' if q.get("phrase") else q["text"]
            parts.append(QueryParser("content", self.ix.schema).parse(text))
        if "year" in q:
            lo, hi = q["year"] if isinstance(q["year"], tuple) else (q["year"], q["year"])
            parts.append(wq.NumericRange("year", lo, hi))
        query = parts[0] if len(parts) == 1 else wq.And(parts)
        hits = self.searcher.search(query, limit=10)
        return len([h.fields() for h in hits])


# ------------------------------------------------------------------ timing loops


def time_queries(run: Callable[[dict], int], mix: list, warmup: int = 20) -> tuple[dict, dict]:
    """Wall-time percentiles of `run` over `mix` after `warmup` queries, in all and by kind;
    each also holds the same percentiles of CPU time under "cpu" (less moved by load)."""
    for q in mix[:warmup]:
        run(q)
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for q in mix:
        w0, c0 = time.perf_counter(), time.process_time()
        run(q)
        kind = q["kind"] if isinstance(q, dict) else "similar"
        for k in ("all", kind):
            wall.setdefault(k, []).append(time.perf_counter() - w0)
            cpu.setdefault(k, []).append(time.process_time() - c0)
    both = {k: {**percentiles(wall[k]), "cpu": percentiles(cpu[k])} for k in wall}
    return both.pop("all"), both


def change_files(corpus_root: Path, fraction: float, seed: int) -> int:
    """Rewrite `fraction` of the reports with fresh content (a different generator seed)."""
    reports = sorted((corpus_root / "reports").iterdir())
    rng = random.Random(f"change:{seed}")
    chosen = rng.sample(reports, max(1, int(len(reports) * fraction)))
    pool = agency_pool(random.Random("pool:changed"), 500)
    for k, path in enumerate(chosen):
        text, _ = make_report(k, seed + 1000, pool)
        path.write_text(text, encoding="utf-8")
    return len(chosen)


@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="govsearch-bench-") as tmp:
        yield Path(tmp)


# ------------------------------------------------------------------ the run


def benchmark(
    size: int,
    work: Path,
    seed: int = 7,
    log: Callable[[str], None] = print,
    skip_single: bool = False,
    cold_runs: int = 5,
    queries: int = 240,
    skip_baseline: bool = False,
    checkpoint: Callable[[dict], None] = lambda res: None,
) -> dict:
    """`skip_baseline` leaves out the plain-whoosh build and its queries (at 100k it takes
    longer than the govsearch build; its ratio comes from a smaller run). `checkpoint` is
    called with the results so far after each phase, so a run cut short keeps its figures."""
    cores = os.cpu_count() or 1
    res: dict[str, Any] = {"size": size, "cores": cores, "python": sys.version.split()[0]}
    corpus_root = work / "corpus"
    t0 = time.perf_counter()
    truth = corpus_root / "truth.jsonl"
    # counted line by line: read whole at 100k (460 MB) it took this process to 2 GB, a peak
    # every child then reports as its own ru_maxrss (the exec'd child inherits it)
    if not truth.exists() or sum(1 for _ in truth.open("rb")) != size:
        shutil.rmtree(corpus_root, ignore_errors=True)
        res["corpus"] = generate(size, corpus_root, seed)
    else:
        res["corpus"] = {"size": size, "bytes": dir_bytes(corpus_root / "reports"), "reused": True}
    res["corpus"]["generate_s"] = time.perf_counter() - t0
    raw = dir_bytes(corpus_root / "reports")
    res["raw_bytes"] = raw
    corpus = corpus_root / "reports"
    log(f"corpus: {size} reports, {raw / 1e6:.1f} MB, avg {raw / size / 1024:.1f} KB")

    gs_index, base_index = work / "index-govsearch", work / "index-baseline"
    if not skip_baseline:
        shutil.rmtree(base_index, ignore_errors=True)
        log("baseline build (whoosh + jieba ChineseAnalyzer, 1 process) …")
        b = baseline_build(corpus, base_index)
        b["reports_per_s"] = size / b["seconds"]
        b["index_bytes"] = dir_bytes(base_index)
        res["baseline_build"] = b
        log(f"  {b['seconds']:.1f}s, {b['reports_per_s']:.1f}/s, RSS {b['peak_tree_mb']:.0f} MB")
        checkpoint(res)

    tantivy_index = work / "index-tantivy"
    if tantivy_bench.available():
        shutil.rmtree(tantivy_index, ignore_errors=True)
        log("tantivy build (rjieba + tantivy, 1 thread) …")
        t = tantivy_bench.build(corpus, tantivy_index, run_measured)
        t["reports_per_s"] = size / t["seconds"]
        t["index_bytes"] = dir_bytes(tantivy_index)
        res["tantivy_build"] = t
        log(f"  {t['seconds']:.1f}s, {t['reports_per_s']:.1f}/s")
        checkpoint(res)
    else:
        res["tantivy_note"] = tantivy_bench.NOTE
        log(tantivy_bench.NOTE)

    builds = {}
    # one worker first, so that the index measured below is the all-cores build
    for workers in [cores] if skip_single or cores == 1 else [1, cores]:
        shutil.rmtree(gs_index, ignore_errors=True)
        log(f"govsearch build --workers {workers} …")
        g = govsearch_build(corpus, gs_index, workers)
        g["reports_per_s"] = size / g["seconds"]
        g["index_bytes"] = dir_bytes(gs_index)
        builds[str(workers)] = g
        log(
            f"  {g['seconds']:.1f}s, {g['reports_per_s']:.1f}/s, tree RSS {g['peak_tree_mb']:.0f} MB"
        )
        res["govsearch_build"] = builds
        checkpoint(res)
    res["index_bytes"] = dir_bytes(gs_index)

    mix = query_mix(size=queries)
    log(f"queries: {len(mix)} in the mix …")
    gq = GovsearchQueries(gs_index)
    res["query"], res["query_by_kind"] = time_queries(gq.search, mix)
    sims = similar_mix(size=max(10, queries * 100 // 240))
    res["similar"], _ = time_queries(lambda t: gq.similar(t), sims, warmup=5)
    gq.close()
    log(f"  p95 {res['query']['p95_ms']:.1f} ms, similar p95 {res['similar']['p95_ms']:.1f} ms")
    checkpoint(res)
    from govsearch.indexer.engine.safepickle import trusting

    base_mix = [q for q in mix if BaselineQueries.expressible(q)]
    if not skip_baseline:
        with trusting():  # the baseline's own plain-whoosh index (jieba's analyzer), built above
            bq = BaselineQueries(base_index)
            res["baseline_query"], res["baseline_query_by_kind"] = time_queries(bq.search, base_mix)
            bq.close()
    if "tantivy_build" in res:
        tq = tantivy_bench.TantivyQueries(tantivy_index)
        res["tantivy_query"], res["tantivy_query_by_kind"] = time_queries(tq.search, base_mix)
        tq.close()
    if not skip_baseline:
        gq = GovsearchQueries(gs_index)
        res["query_comparable"], _ = time_queries(gq.search, base_mix)
        gq.close()
    checkpoint(res)

    log("cold start …")
    res["cold_start"] = cold_start(gs_index, cold_runs)
    checkpoint(res)

    log("incremental: 1% of files changed …")
    changed = change_files(corpus_root, 0.01, seed)
    inc = govsearch_build(corpus, gs_index, cores)
    inc["changed_files"] = changed
    res["incremental"] = inc
    res["summary"] = summarize(res)
    return res


def summarize(res: dict) -> dict:
    cores = str(res["cores"])
    full = res["govsearch_build"][cores]
    base = res.get("baseline_build")
    s = {
        "build_speedup_vs_baseline": full["reports_per_s"] / base["reports_per_s"]
        if base
        else None,
        "index_to_raw_ratio": res["index_bytes"] / res["raw_bytes"],
        "peak_rss_mb": max(b["peak_tree_mb"] for b in res["govsearch_build"].values()),
        "query_p95_ms": res["query"]["p95_ms"],
        "similar_p95_ms": res["similar"]["p95_ms"],
        "cold_start_s": res["cold_start"]["median_s"],
        "incremental_fraction": res["incremental"]["seconds"] / full["seconds"],
    }
    ok = {}
    for key, (op, target) in TARGETS.items():
        v = s[key]
        if v is None:
            continue
        ok[key] = v >= target if op == ">=" else v <= target if op == "<=" else v < target
    return {"values": s, "met": ok}


# ------------------------------------------------------------------ output


def table(res: dict) -> str:
    cores = str(res["cores"])
    nothing = {"reports_per_s": None, "seconds": None, "cpu_s": None, "index_bytes": None}
    nothing |= {"peak_tree_mb": None, "max_rss_mb": None, "n": 0}
    nothing |= {"p50_ms": None, "p95_ms": None, "p99_ms": None}
    b = res.get("baseline_build", nothing)  # --skip-baseline: a column of dashes
    bq = res.get("baseline_query", nothing)
    gb = res["govsearch_build"]

    def ratio(a: float | None, c: float | None) -> str:
        return f"{a / c:.2f}×" if a and c else "—"

    rows: list[tuple[str, str, str, str, str]] = []
    tb, tq = res.get("tantivy_build"), res.get("tantivy_query")
    tk = res.get("tantivy_query_by_kind", {})

    def add(
        name: str, g: float | None, base: float | None, fmt: str, r: bool = True, tv=None
    ) -> None:
        rows.append(
            (
                name,
                fmt.format(g) if g is not None else "—",
                fmt.format(base) if base is not None else "—",
                ratio(g, base) if r else "",
                fmt.format(tv) if tv is not None else "—",
            )
        )

    add(
        f"build reports/s ({cores} workers)",
        gb[cores]["reports_per_s"],
        b["reports_per_s"],
        "{:.1f}",
        tv=tb and tb["reports_per_s"],
    )
    if "1" in gb and cores != "1":
        add("build reports/s (1 worker)", gb["1"]["reports_per_s"], b["reports_per_s"], "{:.1f}")
    add(f"build wall s ({cores} workers)", gb[cores]["seconds"], b["seconds"], "{:.1f}")
    add(
        "build CPU s (user+sys, all processes)",
        gb[cores]["cpu_s"],
        b["cpu_s"],
        "{:.1f}",
        tv=tb and tb["cpu_s"],
    )
    add(
        "build reports per CPU-second",
        res["size"] / gb[cores]["cpu_s"],
        b["cpu_s"] and res["size"] / b["cpu_s"],
        "{:.1f}",
        tv=tb and res["size"] / tb["cpu_s"],
    )
    add(
        "peak RSS, process tree MB",
        max(x["peak_tree_mb"] for x in gb.values()),
        b["peak_tree_mb"],
        "{:.0f}",
    )
    add(
        "peak RSS, largest process MB",
        max(x["max_rss_mb"] for x in gb.values()),
        b["max_rss_mb"],
        "{:.0f}",
    )
    add(
        "index size MB",
        res["index_bytes"] / 1e6,
        b["index_bytes"] and b["index_bytes"] / 1e6,
        "{:.1f}",
        tv=tb and tb["index_bytes"] / 1e6,
    )
    add(
        "index / raw text",
        res["index_bytes"] / res["raw_bytes"],
        b["index_bytes"] and b["index_bytes"] / res["raw_bytes"],
        "{:.2f}",
        tv=tb and tb["index_bytes"] / res["raw_bytes"],
    )
    for p in ("p50_ms", "p95_ms", "p99_ms"):
        add(
            f"query {p[:3]} ms, full mix (gs {res['query']['n']} / base {bq['n']})",
            res["query"][p],
            bq[p],
            "{:.2f}",
            tv=tq and tq[p],
        )
    for p in ("p50_ms", "p95_ms") if "query_comparable" in res else ():
        add(f"query {p[:3]} ms, same queries", res["query_comparable"][p], bq[p], "{:.2f}")
    for kind, st in res["query_by_kind"].items():
        base = res.get("baseline_query_by_kind", {}).get(kind, {})
        tv = tk.get(kind, {}).get("p95_ms")
        add(f"  {kind} p95 ms", st["p95_ms"], base.get("p95_ms"), "{:.2f}", tv=tv)
    add("similar p50 ms", res["similar"]["p50_ms"], None, "{:.2f}", r=False)
    add("similar p95 ms", res["similar"]["p95_ms"], None, "{:.2f}", r=False)
    add("cold start s (govsearch query)", res["cold_start"]["median_s"], None, "{:.2f}", r=False)
    add(
        f"incremental s ({res['incremental']['changed_files']} files = 1%)",
        res["incremental"]["seconds"],
        gb[cores]["seconds"],
        "{:.1f}",
    )
    w = max(len(r[0]) for r in rows) + 2
    out = [f"{'':{w}}{'govsearch':>12}{'baseline':>12}{'ratio':>9}{'tantivy':>12}"]
    out.append("-" * (w + 45))
    out += [f"{n:{w}}{g:>12}{bb:>12}{r:>9}{t:>12}" for n, g, bb, r, t in rows]
    if "tantivy_note" in res:
        out.append(res["tantivy_note"])
    out.append("")
    for key, v in res["summary"]["values"].items():
        if v is None:
            continue
        op, target = TARGETS[key]
        mark = "met" if res["summary"]["met"][key] else "MISSED"
        out.append(f"{key:28} {v:10.3f}   target {op} {target:<8} {mark}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--keep", type=Path, help="work in this directory and keep corpus and indexes")
    ap.add_argument("--skip-single", action="store_true", help="skip the one-worker build")
    ap.add_argument("--cold-runs", type=int, default=5, help="cold-start processes to time")
    ap.add_argument("--queries", type=int, default=240, help="queries in the mix")
    ap.add_argument("--skip-baseline", action="store_true", help="no plain-whoosh build or queries")
    args = ap.parse_args(argv)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.0f}s] {message}", file=sys.stderr, flush=True)

    def checkpoint(res: dict) -> None:
        if args.json:
            args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")

    with workdir(args.keep) as work:
        res = benchmark(
            args.size,
            work,
            args.seed,
            log=log,
            skip_single=args.skip_single,
            cold_runs=args.cold_runs,
            queries=args.queries,
            skip_baseline=args.skip_baseline,
            checkpoint=checkpoint,
        )
    print(table(res))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
