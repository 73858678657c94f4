"""Issue 12, rows 1 and 10: `index --rebuild` builds into a new directory and swaps it in under
the lock (a kill leaves the old index, readers see the old one until the swap), and a second
build waits for the first and then runs against the new state."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from govsearch.indexer.engine.swap import STAGING_PREFIX, LiveLock
from govsearch.search import Index, IndexBusy

CLI = "import sys; from govsearch.cli.app import app; app(sys.argv[1:])"


def govsearch(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        start_new_session=True,  # its own process group: its workers are killed with it
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reports(path: Path) -> int:
    with Index.open(path) as ix:
        return ix.stats().reports


@pytest.fixture
def live(tmp_path, built_index) -> Path:
    """A copy of the session index (the five corpus reports)."""
    return Path(shutil.copytree(built_index.path, tmp_path / "ix"))


def two_reports(tmp_path, corpus_dir) -> Path:
    part = tmp_path / "part"
    part.mkdir()
    for f in sorted(corpus_dir.iterdir())[:2]:
        shutil.copy(f, part)
    return part


def test_rebuild_replaces_the_index_in_one_step(tmp_path, live, corpus_dir):
    old_segments = {n for n in os.listdir(live) if n.endswith(".seg")}
    summary = Index.build([two_reports(tmp_path, corpus_dir)], live, rebuild=True, workers=1)
    assert (summary.added, summary.skipped) == (2, [])
    assert reports(live) == 2
    names = set(os.listdir(live))
    assert not names & old_segments, "the old generation's files are removed"
    assert not [n for n in names if n.startswith(STAGING_PREFIX)]


def test_rebuild_keeps_the_old_index_until_the_swap(tmp_path, live, corpus_dir):
    """While the rebuild builds, a reader sees the old index whole (not 0 reports)."""
    seen = []
    with Index.open(live) as reader:

        def progress(done: int, total: int) -> None:
            seen.append(reader.stats().reports)
            seen.append(reader.search("政策解读", year="2021").total)

        Index.build(
            [two_reports(tmp_path, corpus_dir)], live, rebuild=True, workers=1,
            on_progress=progress,
        )  # fmt: skip
        assert seen and set(seen[0::2]) == {5} and set(seen[1::2]) == {1}
        assert reader.stats().reports == 2  # and the new one after it


def test_rebuild_that_adds_nothing_keeps_the_index(tmp_path, live):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_text("随便写点什么。\n", "utf-8")
    summary = Index.build([junk], live, rebuild=True)
    assert summary.added == 0 and len(summary.skipped) == 1
    assert reports(live) == 5


def test_rebuild_waits_for_the_lock_then_fails_with_one_line(tmp_path, live, corpus_dir):
    lock = LiveLock(live)
    assert lock.acquire(0)
    try:
        started = time.monotonic()
        with pytest.raises(IndexBusy, match="being written by another process"):
            Index.build([two_reports(tmp_path, corpus_dir)], live, rebuild=True, timeout=0.5)
        assert time.monotonic() - started >= 0.5
    finally:
        lock.release()
    assert reports(live) == 5


def kill_rebuilds(live: Path, corpus: Path, kills: int, seed: int) -> list[float]:
    """`kills` rebuilds, each SIGKILLed (with its workers) at a random moment; after each, the
    index holds all its reports. Returns when each kill came."""
    rng = random.Random(seed)
    moments = []
    for _ in range(kills):
        proc = govsearch("index", str(corpus), "--index", str(live), "--rebuild", "--workers", "2")
        try:
            at = rng.uniform(0.2, 2.0)
            deadline = time.monotonic() + at
            while time.monotonic() < deadline and proc.poll() is None:
                assert reports(live) == 5, "a reader saw the index emptied"
                time.sleep(0.05)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
            moments.append(at)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        assert reports(live) == 5, f"index lost after a kill at {at:.2f}s"
    return moments


def test_killed_rebuilds_lose_nothing(live, corpus_dir):
    assert len(kill_rebuilds(live, corpus_dir, kills=3, seed=12)) == 3
    # The next rebuild runs (no stale lock), and cleans the killed ones' staging directories.
    assert Index.build([corpus_dir], live, rebuild=True, workers=1, timeout=5).added == 5
    assert reports(live) == 5
    assert not [n for n in os.listdir(live) if n.startswith(STAGING_PREFIX)]


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("GOVSEARCH_SLOW"), reason="slow: set GOVSEARCH_SLOW=1")
def test_twenty_killed_rebuilds_lose_nothing(live, corpus_dir):
    assert len(kill_rebuilds(live, corpus_dir, kills=20, seed=20)) == 20


def test_a_second_build_waits_for_the_first_and_sees_its_commit(tmp_path, corpus_dir):
    """Two builds started together on one index: both succeed (before: the second always
    failed with 'changed during this build'), and the later one plans against the earlier
    one's commit. (Threads: the same locks and plan as two processes, without their start.)"""
    files = sorted(corpus_dir.iterdir())
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    for f in files[:3]:
        shutil.copy(f, a)
    for f in files[3:]:
        shutil.copy(f, b)
    shared = a / files[2].name  # given to both: the later build finds it unchanged
    live = tmp_path / "ix"
    Index.create(live).close()
    start = threading.Barrier(2)

    def build(paths):
        with Index.open(live) as ix:
            start.wait()
            return ix.update(paths, workers=1, timeout=60)

    with ThreadPoolExecutor(2) as pool:
        summaries = list(pool.map(build, [[a], [b, shared]]))
    assert reports(live) == 5
    assert sorted(s.added for s in summaries) == [2, 3]
    assert sorted(s.unchanged for s in summaries) == [0, 1]
    assert all(not s.skipped for s in summaries)
