"""Issue 12: bad input and bad options end in one line, never a traceback (rows 3, 4, 5, 8, 9,
12, 13). Each test runs the row's reproduction and asserts the exit code, the one stderr line,
and that good files next to the bad ones are still parsed or indexed."""

from __future__ import annotations

import json
import os
import shutil
import socket
import time

import pytest
from typer.testing import CliRunner

from govsearch.cli.app import app
from govsearch.search import Index

runner = CliRunner()
GOOD = "000_c479f69c9f462452.txt"


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def one_error(result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


# --- row 3: an empty index ----------------------------------------------------------------


def test_text_query_and_similar_on_an_empty_index(tmp_path):
    Index.create(tmp_path / "e").close()
    for args in (["query", "政策"], ["query", "政策", "--facet", "year"], ["similar", "加强领导"]):
        result = invoke(*args, "--index", tmp_path / "e", "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["hits"] == []
    with Index.open(tmp_path / "e") as ix:
        assert ix.search("政策").total == 0 and ix.search("政策").total == 0  # twice: refresh
        assert ix.similar("加强领导").hits == [] and ix.common_measures() == []


# --- row 4: exit codes of index, and no index made from nothing -----------------------------


def test_index_of_a_missing_path_exits_2_and_creates_nothing(tmp_path):
    missing = tmp_path / "no" / "such"
    result = invoke("index", missing, "--index", tmp_path / "x")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"skipped {missing}: No such file or directory",
        "error: nothing was indexed (1 file skipped)",
    ]
    assert not (tmp_path / "x").exists()


def test_index_of_a_folder_of_junk_exits_2_and_creates_nothing(tmp_path):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_text("随便写点什么。\n", "utf-8")
    (junk / "b.bin").write_bytes(b"\x7fELF\x00\x01")
    result = invoke("index", junk, "--index", tmp_path / "x")
    assert result.exit_code == 2 and "skipped 2" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "error: nothing was indexed (2 files skipped)"
    assert not (tmp_path / "x").exists()


def test_index_exits_1_when_a_file_was_skipped_and_indexes_the_rest(tmp_path, corpus_copy):
    (corpus_copy / "notes.txt").write_text("随便写点什么。\n", "utf-8")
    result = invoke("index", corpus_copy, "--index", tmp_path / "x", "--workers", "1")
    assert result.exit_code == 1 and "added 5" in result.stdout
    assert result.stderr.startswith(f"skipped {corpus_copy / 'notes.txt'}: not a government")


# --- row 5: rich markup in report text and paths ------------------------------------------


def test_markup_in_report_text_and_paths_is_printed_as_is(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (
        (corpus_dir / GOOD)
        .read_text("utf-8")
        .replace("我局将信息公开工作", "我局[/b]将信息公开[bold]工作")
    )
    (folder / "x[").mkdir()  # a path holding [/bold]
    (folder / "x[" / "bold].txt").write_text(text, "utf-8")
    shutil.copy(corpus_dir / "001_667fb2ff87d4e6ce.txt", folder / "b:smile:.txt")
    parsed = invoke("parse", folder)
    assert parsed.exit_code == 0, parsed.output
    assert "x[/bold].txt" in parsed.stdout and "b:smile:.txt" in parsed.stdout
    assert parsed.stdout.count("agency") == 2  # both summaries: the batch went on
    ix = tmp_path / "ix"
    assert invoke("index", folder, "--index", ix, "--workers", "1").exit_code == 0
    report = json.loads(invoke("query", "--index", ix, "--json").stdout)["hits"]
    rid = next(h["id"] for h in report if h["source"].endswith("x[/bold].txt"))
    show = invoke("show", rid, "--index", ix)
    unwrapped = "".join(show.stdout.split())  # a long temp path folds in the table
    assert show.exit_code == 0 and "[/b]" in show.stdout and "x[/bold].txt" in unwrapped
    common = invoke("measures", "--common", "--min-reports", "1", "--index", ix)
    assert common.exit_code == 0, common.output
    similar = invoke("similar", "信息公开工作作为重点工作来抓", "--index", ix)
    assert similar.exit_code == 0 and "[/b]" in similar.stdout


# --- rows 8 and 12: FIFOs, devices, sockets, links, file names ------------------------------


def test_fifo_device_and_socket_are_skipped_with_a_reason_without_hanging(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_dir / GOOD, folder)
    os.mkfifo(folder / "f.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "s.txt"))
    try:
        started = time.monotonic()
        parsed = invoke("parse", folder, "/dev/zero", "--json")
        built = invoke("index", folder, "/dev/zero", "--index", tmp_path / "ix", "--workers", "1")
        assert time.monotonic() - started < 30
    finally:
        sock.close()
    for result in (parsed, built):
        assert result.exit_code == 1, result.output
        reasons = sorted(result.stderr.strip().splitlines())
        assert reasons == [
            "skipped /dev/zero: not a regular file: a character device",
            f"skipped {folder / 'f.txt'}: not a regular file: a FIFO (named pipe)",
            f"skipped {folder / 's.txt'}: not a regular file: a socket",
        ]
    assert len(json.loads(parsed.stdout)) == 1 and "added 1" in built.stdout


def test_symlink_loops_and_dangling_links_get_a_line(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_dir / GOOD, folder)
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "up").symlink_to("..")
    result = invoke("index", folder, "--index", tmp_path / "ix", "--workers", "1")
    assert result.exit_code == 1 and "added 1" in result.stdout
    assert sorted(result.stderr.strip().splitlines()) == [
        f"skipped {folder / 'gone.txt'}: broken symbolic link (its target does not exist)",
        f"skipped {folder / 'loop.txt'}: symbolic link loop",
        f"skipped {folder / 'up'}: symbolic link to a directory (not followed)",
    ]


def test_non_utf8_and_escape_file_names_are_shown_escaped_and_indexed(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    data = (corpus_dir / GOOD).read_bytes()
    (folder / os.fsdecode(b"bad\xff\x1b[31m.txt")).write_bytes(data)
    (folder / os.fsdecode(b"junk\xfe.txt")).write_text("随便写点什么。\n", "utf-8")
    jsonl = invoke("parse", folder, "--jsonl")
    assert jsonl.exit_code == 1
    assert jsonl.stderr.startswith(f"skipped {folder}/junk\\xfe.txt: not a government")
    jsonl.stdout_bytes.decode("utf-8")  # valid UTF-8
    (report,) = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert report["source"] == f"{folder}/bad\\xff\x1b[31m.txt"
    ix = tmp_path / "ix"
    built = invoke("index", folder, "--index", ix, "--workers", "1")
    assert built.exit_code == 1 and "added 1" in built.stdout  # not PydanticSerializationError
    shown = invoke("parse", folder)
    assert "\x1b" not in shown.stdout + shown.stderr
    assert "bad\\xff\\x1b[31m.txt" in "".join(shown.stdout.split())  # (rich wraps the title)
    again = invoke("index", folder, "--index", ix, "--workers", "1", "--prune")
    assert "unchanged 1" in again.stdout and "removed 0" in again.stdout


def test_hashing_streams_the_file(tmp_path, monkeypatch):
    """A file is hashed in blocks: reading it whole is never needed (a 2 GB file, or a
    device, used to abort the whole run with a MemoryError)."""
    from govsearch.indexer import files

    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(3 * files.BLOCK + 5)
    reads = []
    real = files.open_regular

    def spy(path):
        f = real(path)
        read = f.read
        f.read = lambda n=-1: reads.append(n) or read(n)  # type: ignore[method-assign]
        return f

    monkeypatch.setattr(files, "open_regular", spy)
    assert files.file_id(big) == files.content_id(big.read_bytes())
    assert reads and all(n == files.BLOCK for n in reads)


# --- rows 9 and 13: options -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--where", "pd_license_decisions>99999999999999999999999"],
            "error: --where pd_license_decisions>…: the number is out of range "
            "(-2147483648 to 2147483647)",
        ),
        (
            ["--year", "2021..2019"],
            "error: year range '2021..2019' ends before it starts; did you mean 2019..2021?",
        ),
        (
            ["--version", "v9"],
            "error: unknown template version 'v9'; valid: v0_legacy, v1_2019_trial, v2_2021",
        ),
        (
            ["--facet", "nonsense"],
            "error: cannot count by facet 'nonsense'; valid: year, agency, region, version, "
            "province, city, county, agency_key, quality_band",
        ),
        (
            ["--sort", "nonsense"],
            "error: cannot sort by 'nonsense'; valid: score, year, published, agency or a spec "
            "key such as pd_license_decisions",
        ),
    ],
)
def test_bad_options_are_one_line_naming_valid_choices(built_index, args, message):
    assert one_error(invoke("query", "政策", *args, "--index", built_index.path)) == message


@pytest.mark.parametrize("pattern", ["??", "*?*"])
def test_wildcards_without_a_character_are_refused_at_once(built_index, pattern):
    started = time.monotonic()
    line = one_error(invoke("query", pattern, "--index", built_index.path))
    assert line == f"error: wildcard {pattern!r} has no character to match; give at least one"
    assert time.monotonic() - started < 2


def test_wildcard_expansion_is_capped(built_index):
    from govsearch.search import BadQuery

    assert built_index.search("政*").total == 5
    with pytest.raises(BadQuery, match=r"'政\*' matches more than 3 words; make it longer"):
        from govsearch.search.query import Query

        q = Query.build(text="政*")
        with built_index.searcher() as s:
            Query.check_expansion(q.text_query(s.schema), s.reader(), limit=3)


def test_index_option_naming_a_file_is_one_line(tmp_path, corpus_dir):
    readme = tmp_path / "README.md"
    readme.write_text("# not an index\n", "utf-8")
    expected = f"error: {readme} is a file, not an index directory"
    assert one_error(invoke("query", "政策", "--index", readme)) == expected
    assert one_error(invoke("index", corpus_dir / GOOD, "--index", readme)) == expected
    assert one_error(invoke("stats", "--index", readme)) == expected
