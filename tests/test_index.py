"""Building the index: incremental by content hash, pruning, locking, versions, crash safety."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh.index import LockError

from govsearch.indexer.batch import parse_files
from govsearch.search import Index, IndexBusy, IndexNotFound, IndexVersionError, ReportNotFound

from .docnames import document_names

PANJIN = "001_667fb2ff87d4e6ce.txt"
N_COPIES = 40  # enough for the build to be running still when it reports progress


def counts(index: Index) -> dict[str, int]:
    return {
        "reports": index.stats().reports,
        "docs": index.whoosh_index.doc_count(),
        "政策解读": index.search("政策解读").total,
        "2021": index.search(year=2021).total,
    }


@pytest.fixture
def index(tmp_path, corpus_copy) -> Index:
    index = Index.create(tmp_path / "index")
    index.update([corpus_copy], workers=1)
    yield index
    index.close()


def test_built_index_holds_reports_and_units(built_index):
    stats = built_index.stats()
    assert stats.reports == 5 and stats.units > 0
    assert stats.years == {"2019": 1, "2021": 4}


def test_reindexing_the_same_corpus_changes_nothing(index, corpus_copy):
    generation = index.whoosh_index.latest_generation()
    summary = index.update([corpus_copy], workers=1)
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, 5, 0)
    assert index.whoosh_index.latest_generation() == generation  # nothing committed


def test_editing_one_file_updates_only_that_report(index, corpus_copy):
    before = {r.source: r.id for r in index.reports()}
    edited = corpus_copy / PANJIN
    edited.write_text(edited.read_text("utf-8") + "\n附记：测试专用词语甲乙丙丁。\n", "utf-8")
    summary = index.update([corpus_copy], workers=1)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 4)
    after = {r.source: r.id for r in index.reports()}
    assert [s for s in after if after[s] != before[s]] == [str(edited)]
    assert [h.agency for h in index.search("甲乙丙丁").hits] == ["盘锦市商务局"]
    with pytest.raises(ReportNotFound):
        index.get(before[str(edited)])
    assert counts(index)["reports"] == 5


def test_a_removed_report_stops_matching_in_the_same_process(index):
    # The shared searcher is reopened after a commit: a refreshed whoosh searcher would keep
    # the old deletions of segments it reuses.
    hit = index.search("政策解读").hits[0]
    report = index.get(hit.id)
    index.remove([report.id])
    assert index.search("政策解读").total == 0 and index.stats().reports == 4
    assert index.add([report]) == 1
    assert [h.id for h in index.search("政策解读").hits] == [report.id]


def test_prune_removes_reports_whose_files_are_gone(index, corpus_copy):
    (corpus_copy / PANJIN).unlink()
    assert index.update([corpus_copy], workers=1).removed == 0
    summary = index.update([corpus_copy], prune=True, workers=1)
    assert summary.removed == 1 and index.stats().reports == 4
    assert index.search("政策解读").total == 0
    assert index.whoosh_index.doc_count() == index.search(limit=1).total + index.stats().units


def test_skipped_files_have_reasons(index, corpus_copy):
    shutil.copy(corpus_copy / PANJIN, corpus_copy / "copy.txt")
    (corpus_copy / "notes.txt").write_text("今天天气很好。\n", "utf-8")
    summary = index.update([corpus_copy], workers=1)
    reasons = {Path(s.path).name: s.reason for s in summary.skipped}
    assert "same content as" in reasons["copy.txt"] and "not a" in reasons["notes.txt"]
    assert summary.unchanged == 5


def test_library_round_trip(tmp_path, corpus_dir):
    reports = [o.report for o in parse_files([corpus_dir], workers=1)]
    with Index.create(tmp_path / "ix") as index:
        assert index.add(reports) == 5
        assert index.get(reports[1].id) == reports[1]
        assert index.get(reports[1].id[:6]).agency == reports[1].agency  # unique prefix
        assert index.add(reports[:1]) == 1 and index.stats().reports == 5  # replaced by id
        index.remove([reports[1].id])
        assert index.stats().reports == 4
        with index.searcher() as s:  # its units went with it
            assert not list(s.document_numbers(report_id=reports[1].id))
    with Index.open(tmp_path / "ix") as index:
        assert index.search("政策解读").total == 0


def test_missing_index(tmp_path):
    with pytest.raises(IndexNotFound, match="govsearch index"):
        Index.open(tmp_path / "nothing")


def test_other_schema_version_names_the_rebuild_command(index):
    (index.path / "govsearch.json").write_text(json.dumps({"fingerprint": "old"}), "utf-8")
    with pytest.raises(IndexVersionError, match="govsearch index --rebuild"):
        Index.open(index.path)


def test_second_writer_waits_then_fails_without_harm(index, corpus_copy):
    before = counts(index)
    writer = Index.open(index.path).whoosh_index.writer()  # another writer holds the lock
    try:
        started = time.monotonic()
        with pytest.raises(IndexBusy, match="another process"):
            index.update([corpus_copy], timeout=0.5)
        assert time.monotonic() - started >= 0.5
    finally:
        writer.cancel()
    assert counts(index) == before
    assert index.update([corpus_copy], timeout=0.5).unchanged == 5


def _edited_copies(src: Path, dest: Path, n: int) -> None:
    """n reports, each a corpus file with a different character after each 。, so that little
    of their prose is shared (analysis caches nothing, every file costs real work)."""
    dest.mkdir()
    sources = sorted(src.iterdir())
    for i in range(n):
        mark = chr(0x4E00 + (i * 37) % 20000)
        text = sources[i % len(sources)].read_text("utf-8")
        (dest / f"{i:04d}.txt").write_text(text.replace("。", "。" + mark), "utf-8")


def test_sigkill_mid_build_leaves_the_previous_index(tmp_path, index):
    before = counts(index)
    big = tmp_path / "big"
    _edited_copies(index_corpus := Path(__file__).resolve().parent.parent / "corpus", big, N_COPIES)
    assert index_corpus.exists()
    # The build reports progress from inside its locked writer, after its first documents:
    # that line is the signal that it is mid-way, holding the lock.
    cmd = (
        "import sys; from govsearch.search import Index\n"
        "with Index.open(sys.argv[1]) as ix:\n"
        "    ix.update([sys.argv[2]], workers=2, on_progress=lambda d, t: print(d, flush=True))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", cmd, str(index.path), str(big)],
        start_new_session=True,  # its own process group, to clean up parser workers afterwards
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        done = int(proc.stdout.readline() or -1)
        assert 0 < done < N_COPIES, "the build ended before it reported progress"
        with pytest.raises(LockError):  # it is writing right now
            index.whoosh_index.writer(timeout=0)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
        with Index.open(index.path) as reopened:
            assert counts(reopened) == before
            # The lock died with the process: the next build runs (and leaves nothing behind).
            assert reopened.update([big], timeout=5, workers=2).added == N_COPIES
            assert counts(reopened)["reports"] == 5 + N_COPIES
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def _postings(index: Index) -> dict:
    """(field, term) → [(document, positions)], documents named by what they hold, not by
    docnum: a parallel build orders them by which process took which files."""
    with index.searcher() as s:
        r = s.reader()
        names = document_names(r)
        fields = dict.fromkeys(("title", "s1_overview", "s5_problems"), "positions")
        fields["unit_text"] = "frequency"  # units have no positions
        return {
            term: sorted((names[d], v) for d, v in r.postings(*term).items_as(fields[term[0]]))
            for term in r.all_terms()
            if term[0] in fields
        }


def test_text_analysed_in_workers_indexes_like_the_writer_would(tmp_path, corpus_dir):
    # update() posts what the parse workers analysed; add() analyses in the writer.
    reports = [o.report for o in parse_files([corpus_dir], workers=1)]
    with Index.create(tmp_path / "a") as plain, Index.create(tmp_path / "b") as pre:
        plain.add(reports)
        pre.update([corpus_dir], workers=2)
        assert _postings(plain) == _postings(pre)


def test_parallel_build_writes_one_segment_per_process_like_a_single_one(tmp_path):
    many = tmp_path / "many"
    _edited_copies(Path(__file__).resolve().parent.parent / "corpus", many, 24)
    with Index.create(tmp_path / "a") as one, Index.create(tmp_path / "b") as two:
        assert one.update([many], workers=1).added == 24
        assert two.update([many], workers=2).added == 24
        assert len(two.whoosh_index._segments()) == 2
        assert _postings(one) == _postings(two)
        assert counts(one) == counts(two)
        # Private temp dirs of the writers are gone; only the index files remain.
        assert not [p for p in os.listdir(two.path) if p.endswith(".tmp")]
        # An incremental run over the segments: replaced reports leave no old copies.
        (many / "0003.txt").write_text("附记：测试专用词语甲乙丙丁。\n" * 3, "utf-8")
        summary = two.update([many], workers=2)
        assert (summary.updated, len(summary.skipped), summary.removed) == (0, 1, 1)
        assert counts(two)["reports"] == 23


def test_parse_files_keeps_input_order_with_workers(corpus_dir):
    names = [Path(o.path).name for o in parse_files([corpus_dir] * 3, workers=2)]
    assert names == sorted(p.name for p in corpus_dir.iterdir()) * 3


def test_searches_see_a_commit_made_after_the_first_search(index, corpus_copy):
    assert index.search("甲乙丙丁").total == 0
    path = corpus_copy / PANJIN
    path.write_text(path.read_text("utf-8").replace("。", "。甲乙丙丁", 1), "utf-8")
    index.update([corpus_copy], workers=1)
    assert index.search("甲乙丙丁").total == 1


def test_stored_reports_use_the_preset_dictionary_and_plain_zlib_still_loads(corpus_dir):
    import zlib

    from govsearch.indexer.write.codec import PRESET, compress_report, load_report

    report = next(o.report for o in parse_files([corpus_dir], workers=1))
    stored = compress_report(report)
    assert stored.startswith(PRESET) and load_report(stored) == report
    assert len(stored) < len(zlib.compress(report.model_dump_json().encode(), 6))
    assert load_report(zlib.compress(report.model_dump_json().encode())) == report


def test_an_empty_index_answers_with_nothing(tmp_path):
    with Index.create(tmp_path / "empty") as empty:
        assert empty.search("政策解读", facets=["year"]).model_dump() == {
            "total": 0,
            "hits": [],
            "facets": {"year": {}},
            "facets_more": {},
        }
        assert empty.search(year=2021).total == 0
        assert empty.similar("加强政策解读").hits == []
