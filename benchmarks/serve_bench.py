#!/usr/bin/env python3
"""Latency of `govsearch serve`'s /api/search under concurrent clients, on loopback only.

    python benchmarks/serve_bench.py --index IX [--clients 16] [--requests 1600] [--workers 1]

Starts `govsearch serve --index IX` on a free 127.0.0.1 port (its own process), sends the
fixed query mix of `benchmarks/run.py` (words, phrases, text+year, text+where, filters only,
facets) as /api/search requests from CLIENTS threads, each with its own keep-alive
connection, REQUESTS in all after a warm-up, and prints p50/p95/p99 of the request latency
seen by the clients, the throughput and the status codes. The server is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from run import percentiles, query_mix  # noqa: E402


def params(q: dict) -> list[tuple[str, str]]:
    """A query of the mix as /api/search parameters."""
    text = f'"{q["text"]}"' if q.get("phrase") else q.get("text", "")
    out = [("q", text)] if text else []
    year = q.get("year")
    if year is not None:
        out.append(("year", f"{year[0]}..{year[1]}" if isinstance(year, tuple) else str(year)))
    out += [("where", w) for w in q.get("where") or []]
    out += [("facet", f) for f in q.get("facets") or []]
    if q.get("region"):
        out.append(("region", q["region"]))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, port: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "govsearch.cli", "serve", "--index", str(index)]
    cmd += ["--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def run(base: str, mix: list[dict], clients: int, requests: int) -> dict:
    per_client = requests // clients
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(n: int) -> None:
        mine: list[float] = []
        codes: Counter = Counter()
        with httpx.Client(base_url=base, timeout=30) as http:
            start.wait()
            for i in range(per_client):
                q = mix[(n * per_client + i) % len(mix)]
                t0 = time.perf_counter()
                r = http.get("/api/search", params=params(q))
                mine.append(time.perf_counter() - t0)
                codes[r.status_code] += 1
        with lock:
            latencies.extend(mine)
            statuses.update(codes)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "requests": len(latencies),
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1),
        "status": dict(statuses),
        **{k: round(v, 1) for k, v in percentiles(latencies).items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--requests", type=int, default=1600)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    port = free_port()
    proc = start_server(args.index, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    mix = query_mix()
    try:
        run(base, mix, args.workers, args.warmup * args.workers)  # warm every worker's caches
        serial = run(base, mix, 1, min(240, args.requests))
        loaded = run(base, mix, args.clients, args.requests)
    finally:
        proc.terminate()
        proc.wait(10)
    result = {"server_workers": args.workers, "one_client": serial, "concurrent": loaded}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
