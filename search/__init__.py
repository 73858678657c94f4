"""govsearch library API: open an index, search it, find similar measures.

    from govsearch.search import Index

    with Index.open() as index:               # --index DIR, $GOVSEARCH_INDEX or the user data dir
        results = index.search("政策解读", year=2021, where=["pd_license_decisions>=100"])
        for hit in results.hits:
            print(hit.agency, hit.snippet)

The library never prints or exits; every failure is one of the errors below, whose message is
a single line meant for users.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

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

# The rest loads on first use (PEP 562): `govsearch --help` and argument errors import
# neither whoosh nor numpy.
_LAZY = {
    "Index": "index",
    "default_index_path": "index",
    "Condition": "query",
    "Query": "query",
    "YearRange": "query",
    "Highlight": "results",
    "Hit": "results",
    "Results": "results",
    "Stats": "results",
}

if TYPE_CHECKING:
    from .index import Index, default_index_path
    from .query import Condition, Query, YearRange
    from .results import Highlight, Hit, Results, Stats


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


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
