"""govsearch library API: open an index, search it, find similar measures.

    from govsearch.search import Index

    with Index.open() as index:               # --index DIR, $GOVSEARCH_INDEX or the user data dir
        results = index.search("政策解读", year=2021, where=["pd_license_decisions>=100"])
        for hit in results.hits:
            print(hit.agency, hit.snippet)

The library never prints or exits; every failure is one of the errors below, whose message is
a single line meant for users.
"""

from .errors import (
    BadQuery,
    IndexBusy,
    IndexNotFound,
    IndexVersionError,
    NothingIndexed,
    ReportNotFound,
    SearchError,
    UnsafeIndex,
)
from .index import Index, default_index_path
from .query import Condition, Query, YearRange
from .results import Highlight, Hit, Results, Stats

__all__ = [
    "BadQuery",
    "Condition",
    "Highlight",
    "Hit",
    "Index",
    "IndexBusy",
    "IndexNotFound",
    "IndexVersionError",
    "NothingIndexed",
    "Query",
    "ReportNotFound",
    "Results",
    "SearchError",
    "UnsafeIndex",
    "Stats",
    "YearRange",
    "default_index_path",
]
