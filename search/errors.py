"""The library's errors. Each message is one line a CLI can print as is."""

from __future__ import annotations


class SearchError(Exception):
    """Base of every govsearch.search error."""


class IndexNotFound(SearchError):
    """No index at the given directory."""


class IndexVersionError(SearchError):
    """The index was built with another schema; it must be rebuilt."""


class IndexBusy(SearchError):
    """Another process holds the index's write lock and did not release it in time."""


class BadQuery(SearchError, ValueError):
    """Query text, a filter, a sort key or a facet that cannot be used."""


class ReportNotFound(SearchError, LookupError):
    """No report with that id (or id prefix) in the index."""


class UnsafeIndex(SearchError):
    """An index file holds a pickle that would run code; it was refused, nothing ran."""


class NothingIndexed(SearchError):
    """A build added nothing to an index that did not exist, so none was created."""
