"""Which report a unit (one problem or improvement measure document) belongs to.

A report's documents are added together, the report first and then its units
(`write.documents.report_documents`), and whoosh keeps document order within a segment and
through merges (`tests/test_engine_contract.py` checks both): a unit belongs to the nearest
report document before it. So units store only their position; their report id, text, agency
and places are read from that report, and storing them on every unit would cost ~8% of the
index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from govsearch.indexer.engine.postings import postings
from govsearch.indexer.write.schema import REPORT_KIND

if TYPE_CHECKING:
    from whoosh.searching import Searcher


def report_docnums(searcher: Searcher) -> np.ndarray:
    """The docnums of the report documents, ascending (deleted ones left out)."""
    return postings(searcher, "kind", REPORT_KIND)[0]


def owners(reports: np.ndarray, docnums: np.ndarray) -> np.ndarray:
    """The report docnum of each unit docnum, given `report_docnums`."""
    return reports[np.maximum(np.searchsorted(reports, docnums, side="right") - 1, 0)]
