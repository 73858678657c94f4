"""Shared fixtures: the bundled corpus and a session-wide index built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govsearch.search import Index

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current parser (review the diff before committing)",
    )


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The five real reports in `corpus/` (read-only: copy before editing)."""
    return CORPUS


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private, editable copy of the corpus."""
    return Path(shutil.copytree(CORPUS, tmp_path / "corpus"))


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Index:
    """An `Index` of the bundled corpus (reports and their units). Do not write to it."""
    index = Index.create(tmp_path_factory.mktemp("built_index"))
    summary = index.update([CORPUS], workers=1)
    assert summary.added == 5 and not summary.skipped
    yield index
    index.close()
