"""Issue 12, row 2: opening an index never runs code from it, and index files are owner-only.

Each test plants a pickle that would create a marker file (through `os.system`, or `open`)
in a copy of the session index, and asserts the one-line refusal naming the file, exit 1, no
traceback, and that the marker was never created.
"""

from __future__ import annotations

import os
import shutil
import stat

import pytest
from typer.testing import CliRunner
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from govsearch.cli.app import app
from govsearch.search import Index, UnsafeIndex

runner = CliRunner()


class Shell:
    """Unpickling this runs `touch marker` (what the issue's exploit did)."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


class Opener:
    """Unpickling this creates the marker file through a builtin (`open`)."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


class ShellSchema(Schema):
    def __init__(self, marker):
        super().__init__()
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def copy(tmp_path, built_index):
    return shutil.copytree(built_index.path, tmp_path / "ix")


def plant_toc(path, *, segments=None, schema=None):
    storage = FileStorage(str(path))
    toc = TOC.read(storage, "MAIN")
    schema = toc.schema if schema is None else schema  # (an empty Schema is falsy)
    planted = TOC(schema, toc.segments if segments is None else segments, toc.generation + 1)
    planted.write(storage, "MAIN")
    return path / f"_MAIN_{toc.generation + 1}.toc"


def assert_refused(result, marker, file):
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: index file "), result.stderr
    assert str(file) in lines[0] and "refused" in lines[0] and "Traceback" not in result.output
    assert not marker.exists(), "the planted pickle ran"


@pytest.mark.parametrize("payload", [Shell, Opener])
def test_planted_segment_list_is_refused_and_never_runs(copy, tmp_path, payload):
    marker = tmp_path / "pwned"
    toc = plant_toc(copy, segments=[payload(marker)])
    for args in (
        ["stats"],
        ["query", "政策"],
        ["query", "政策", "--show-query"],
        ["similar", "培训"],
    ):
        assert_refused(runner.invoke(app, [*args, "--index", str(copy)]), marker, toc)
    with pytest.raises(UnsafeIndex, match=r"posix\.system|io\.open"):
        Index.open(copy)
    assert not marker.exists()


def test_planted_schema_is_refused(copy, tmp_path):
    marker = tmp_path / "pwned"
    toc = plant_toc(copy, schema=ShellSchema(marker))
    assert_refused(runner.invoke(app, ["stats", "--index", str(copy)]), marker, toc)


def test_planted_stored_field_is_refused(copy, tmp_path):
    marker = tmp_path / "pwned"
    with Index.open(copy) as ix:
        writer = ix.whoosh_index.writer()
        writer.add_document(id="deadbeef00000000", kind="report", report_json=Shell(marker))
        writer.commit()
    result = runner.invoke(app, ["show", "deadbeef", "--index", str(copy)])
    assert result.exit_code == 1 and not marker.exists()
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: index file {copy}/MAIN_") and line.split()[3].endswith(".seg")
    # The rest of the index still answers.
    ok = runner.invoke(app, ["query", "政策解读", "--year", "2021", "--index", str(copy)])
    assert ok.exit_code == 0 and "1 reports" in ok.stdout


def test_rebuild_replaces_a_refused_index_without_reading_it(copy, tmp_path, corpus_dir):
    """The way out the refusal names: `--rebuild` never unpickles the index it replaces."""
    marker = tmp_path / "pwned"
    plant_toc(copy, segments=[Shell(marker)])
    result = runner.invoke(app, ["index", str(corpus_dir), "--index", str(copy), "--rebuild"])
    assert result.exit_code == 0 and "added 5" in result.stdout, result.output
    assert not marker.exists()
    with Index.open(copy) as ix:
        assert ix.stats().reports == 5


def test_legacy_toc_loaders_are_off(copy):
    """whoosh's loaders of old TOC formats unpickle with a renaming unpickler: switched off."""
    import whoosh.legacy

    assert whoosh.legacy.toc_loaders == {}


def test_index_files_are_owner_only_whatever_the_umask(tmp_path, corpus_dir):
    old = os.umask(0)
    try:
        result = runner.invoke(
            app, ["index", str(corpus_dir), "--index", str(tmp_path / "ix"), "--workers", "2"]
        )
        assert result.exit_code == 0, result.output
        rebuilt = runner.invoke(
            app, ["index", str(corpus_dir), "--index", str(tmp_path / "ix"), "--rebuild"]
        )
        assert rebuilt.exit_code == 0, rebuilt.output
    finally:
        os.umask(old)
    modes = {
        p.name: stat.S_IMODE(p.stat().st_mode)
        for p in [tmp_path / "ix", *(tmp_path / "ix").iterdir()]
    }
    assert modes["ix"] == 0o700
    files = {n: m for n, m in modes.items() if n != "ix"}
    assert any(n.endswith(".seg") for n in files) and "govsearch.json" in files
    assert all(m & 0o077 == 0 for m in files.values()), files
