"""Issue 12, row 11: what killed or no-op builds leave behind. A build that changed nothing
leaves no files, the next build removes temp folders and unlisted segment files of killed ones,
and a killed build's helper processes die with it."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh.index import LockError

from govsearch.search import Index


@pytest.fixture
def live(tmp_path, built_index) -> Path:
    return Path(shutil.copytree(built_index.path, tmp_path / "ix"))


def test_a_build_that_changes_nothing_leaves_no_files(live, corpus_dir):
    before = set(os.listdir(live))
    with Index.open(live) as ix:
        assert ix.update([corpus_dir], workers=1).unchanged == 5
    assert set(os.listdir(live)) == before


@pytest.mark.parametrize("rebuild", [False, True])
def test_the_next_build_removes_what_killed_builds_left(live, corpus_dir, rebuild):
    stale = live / "MAIN.k1ll3d.tmp"
    stale.mkdir()
    (stale / "run.tmp").write_bytes(b"x" * 1000)
    orphans = ["MAIN_0rphan0rphan0rph.pst", "MAIN_0rphan0rphan0rph._stored.col"]
    for name in orphans:
        (live / name).write_bytes(b"x")
    kept = {n for n in os.listdir(live) if n.endswith(".seg")}
    summary = Index.build([corpus_dir], live, rebuild=rebuild, workers=1)
    assert (summary.added if rebuild else summary.unchanged) == 5
    names = set(os.listdir(live))
    assert not stale.exists() and not names & set(orphans)
    if not rebuild:
        assert kept <= names  # the index's own segments stay
    with Index.open(live) as ix:
        assert ix.stats().reports == 5


def _copies(src: Path, dest: Path, n: int) -> None:
    dest.mkdir()
    sources = sorted(src.iterdir())
    for i in range(n):
        text = sources[i % len(sources)].read_text("utf-8")
        (dest / f"{i:03d}.txt").write_text(text.replace("。", "。" + chr(0x4E00 + i * 37)), "utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_killed_build_takes_its_helpers_with_it(tmp_path, live, corpus_dir):
    big = tmp_path / "big"
    _copies(corpus_dir, big, 60)
    cmd = "import sys; from govsearch.cli.app import app; app(sys.argv[1:])"
    proc = subprocess.Popen(
        [sys.executable, "-c", cmd, "index", str(big), "--index", str(live), "--workers", "2"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        with Index.open(live) as ix:
            while True:  # until it holds the lock: its helpers are forked and started
                try:
                    ix.whoosh_index.writer(timeout=0).cancel()
                except LockError:
                    break
                assert proc.poll() is None and time.monotonic() < deadline, "ended too soon"
                time.sleep(0.05)
        time.sleep(0.3)
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # the parent only, not its process group
        proc.wait(10)
        gone_by = time.monotonic() + 5
        while time.monotonic() < gone_by:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            pytest.fail("a helper outlived its killed build by 5 s")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    with Index.open(live) as ix:
        assert ix.stats().reports == 5
